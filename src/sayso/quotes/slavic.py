"""Reported speech and quotations in Russian and Ukrainian sentences.

The frames mirror ``quotes.reported`` (English), with the word order of the two languages:

=========================================  ========================  ==========================
pattern                                    speaker                   content
=========================================  ========================  ==========================
X заявил, что ... / X заявив, що ...       subject left of the cue   the что/що clause
X заявил: «...» / X сказала: ...           subject left of the cue   the quotation / the clause
«...», — заявил X. / ..., говорит X.       noun phrase after the cue the quotation / left clause
— Нет, — сказал он.                        noun phrase after the cue the dialogue line
..., утверждает X (...), ...               noun phrase after the cue both sides
по словам X, ... / ..., за словами X       genitive after the phrase the other side
как сообщил X, ... / ..., як повідомив X   noun phrase after the cue the other side
..., добавив, что ... / додавши, що        the previous speaker      the clause
=========================================  ========================  ==========================

Lexicons are data: ``lang/<ru|uk>/cues.txt`` (every form of each cue verb),
``source_phrases.txt``, ``prepositions.txt``, ``clause_words.txt``, ``cue_adverbs.txt``,
``hearers.txt``. Speaker names go to the nominative in ``speakers.slavic_names``; pymorphy is asked
only about the few words around a cue.

A clause that quotes a few words (``готов на «очень плохие вещи», если ...``) is ``mixed``, and the
quoted words are a ``direct`` statement of their own when they are a phrase (two words or more, not a
name) and under half of the clause: then they are what the speaker is quoted as saying, not the
clause itself in quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..lang import load_lines, load_set
from ..model import Cue, Mention
from ..speakers.slavic_names import (
    MAX_GAP,
    MAX_NP,
    apposition,
    describes_speaker,
    is_verb,
    left_subject,
    name_quote,
    noun_chunks,
    place_phrase,
    pos,
    quote_words,
    region_start,
    right_np,
    speaker_mention,
)
from ..text.tokens import Token, tokenize
from .cues import CueEntry
from .direct import looks_like_name

if TYPE_CHECKING:
    from .reported import Attribution, Piece

_END = {".", "!", "?", ";", "…"}
_DASHES = {"—", "–", "-", "−"}
_SUBORDINATORS = {"ru": ("что", "будто", "мол", "дескать"),
                  "uk": ("що", "ніби", "начебто", "мовляв", "буцімто")}
_AS = {"ru": "как", "uk": "як"}


@dataclass(frozen=True, slots=True)
class SlavicLexicon:
    verbs: dict[str, CueEntry]
    phrases: dict[tuple[str, ...], str]  # words of a source phrase -> case of the source after it
    max_phrase: int
    prepositions: frozenset[str]
    clause_words: frozenset[str]
    adverbs: frozenset[str]
    hearers: frozenset[str]
    anaphora: frozenset[tuple[str, ...]]  # "об этом", "про це": what was said is the sentence before


@cache
def load_lexicon(lang: str) -> SlavicLexicon:
    verbs: dict[str, CueEntry] = {}
    for line in load_lines(lang, "cues"):
        parts = [p.strip() for p in line.split("|")]
        flags = frozenset((parts[2] if len(parts) > 2 else "").split())
        for form in parts[1].lower().split():
            verbs.setdefault(form, CueEntry(parts[0], form, flags, False, "gerund" in flags))
    phrases: dict[tuple[str, ...], str] = {}
    for line in load_lines(lang, "source_phrases"):
        words, _, case = (p.strip() for p in line.partition("|"))
        phrases[tuple(words.lower().split())] = case or "gent"  # "poss он": the speaker is in the phrase
    return SlavicLexicon(verbs, phrases, max(len(k) for k in phrases),
                         load_set(lang, "prepositions"), load_set(lang, "clause_words"),
                         load_set(lang, "cue_adverbs"), load_set(lang, "hearers"),
                         frozenset(tuple(x.split()) for x in load_set(lang, "anaphora")))


# --- cues -------------------------------------------------------------------------------------------

def find_cues(tokens: list[Token], lex: SlavicLexicon) -> list[tuple[int, int, CueEntry | None, str]]:
    """(first token, last token, verb entry or None, source case or "") of every cue."""
    out: list[tuple[int, int, CueEntry | None, str]] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if t.kind != "w":
            i += 1
            continue
        hit: tuple[int, int, CueEntry | None, str] | None = None
        for size in range(min(lex.max_phrase, n - i), 1, -1):
            key = tuple(x.low for x in tokens[i:i + size])
            if key in lex.phrases:
                hit = (i, i + size - 1, None, lex.phrases[key])
                break
        if hit is None and t.low in lex.verbs:
            hit = (i, i, lex.verbs[t.low], "")
        if hit is not None:
            out.append(hit)
            i = hit[1] + 1
        else:
            i += 1
    return out


def _gender(form: str, lang: str) -> str | None:
    """Gender of the subject from a past-tense cue: заявила → f, заявил / заявив → m."""
    if form.endswith("ла"):
        return "f"
    if (lang == "ru" and form.endswith("л")) or (lang == "uk" and form.endswith("в")):
        return "m"
    return None


# --- pieces -----------------------------------------------------------------------------------------

def _trim(tokens: list[Token], a: int, b: int, lang: str) -> tuple[int, int]:
    while a <= b and tokens[a].kind == "p" and tokens[a].text in ",:;—–-−(":
        a += 1
    if a < b and tokens[a].low in _SUBORDINATORS[lang]:
        a += 1
    while b >= a and tokens[b].kind == "p" and not (tokens[b].text == ")" and "(" in
                                                      {x.text for x in tokens[a:b]}):
        b -= 1
    return a, b


def _pieces(text: str, tokens: list[Token], a: int, b: int, lang: str, speech: bool = False) -> list[Piece]:
    """The reported words between tokens ``a`` and ``b``. ``speech``: after "сказал:" even a
    capitalised word in quotation marks is something said, not a name."""
    from .reported import Piece, is_typewriter

    a, b = _trim(tokens, a, b, lang)
    if b < a:
        return []
    inner = tokens[a:b + 1]
    if len(inner) == 1 and inner[0].kind == "q" and inner[0].quote is not None:
        q1 = inner[0].quote
        if q1.end <= q1.start or (not speech and name_quote(inner[0])
                                  and len(quote_words(inner[0]).split()) < 3):
            return []
        return [Piece(q1.start, q1.end, "direct", q1)]
    quoted = [t for t in inner if t.kind == "q" and not is_typewriter(text, t.quote)]
    s, e = tokens[a].start, tokens[b].end
    out = [Piece(s, e, "mixed" if quoted else "indirect")]
    for t in quoted:
        q = t.quote
        assert q is not None
        words = quote_words(t)
        if len(words.split()) >= 2 and not looks_like_name(words) and 2 * (q.end - q.start) < e - s:
            out.append(Piece(q.start, q.end, "direct", q))
    return out


def _sentence_start(tokens: list[Token], i: int, floor: int) -> int:
    k = i - 1
    while k >= floor:
        t = tokens[k]
        if t.kind == "p" and t.text in _END:
            return k + 1
        k -= 1
    return floor


def _clause_end(tokens: list[Token], k: int, n: int, cue_at: set[int], lex: SlavicLexicon,
                embedded: bool = False, lang: str = "ru") -> int:
    """Last token of a reported clause from ``k``: the end of the sentence, or a comma that opens
    another attribution (", добавив, что", ", по словам", ", говорит он"). ``embedded``: the clause
    hangs on a gerund inside a sentence ("и, сказав, что ..., заполнил"), so a comma before a finite
    verb closes it too."""
    for i in range(k, n):
        t = tokens[i]
        if t.kind == "p" and t.text in _END:
            return i - 1
        if t.kind == "p" and t.text in {","} | _DASHES and i > k:
            if embedded and i + 1 < n and pos(tokens[i + 1], lang) == "VERB":
                return i - 1
            for step in range(1, 4):
                if i + step in cue_at:
                    between = tokens[i + 1:i + step]
                    if all((x.kind == "w" and x.low not in lex.clause_words) or x.text in _DASHES
                           for x in between):
                        return i - 1
                    break
    return n - 1


# --- frames -----------------------------------------------------------------------------------------

def analyse_window(text: str, tokens: list[Token], lang: str, follow: bool = True) -> list[Attribution]:
    """Every attribution in one Russian or Ukrainian window (pure: tokens in, attributions out).
    ``follow``: a dialogue line without a cue continues the attributed line before it."""
    from .reported import Attribution

    lex = load_lexicon(lang)
    n = len(tokens)
    cues = find_cues(tokens, lex)
    if not cues:
        return _dialogue_continues(text, tokens, lang) if follow else []
    cue_at = {c[0] for c in cues}
    out: list[Attribution] = []
    floor = 0
    prev: Attribution | None = None
    for i, ie, entry, case in cues:
        cue = Cue(tokens[i].start, tokens[ie].end, text[tokens[i].start:tokens[ie].end],
                  entry.lemma if entry else " ".join(x.low for x in tokens[i:ie + 1]),
                  "according" if entry is None else "verb")
        e = entry or CueEntry(cue.lemma, cue.text.lower(), frozenset({"speech", "according"}), False, False)
        att = Attribution(cue, e, None, confidence=e.confidence)
        if i == floor or (i > floor and tokens[i - 1].kind == "w"):
            used = _anaphoric(text, tokens, i, ie, n, floor, att, lang, lex, case)
            if used >= 0:
                out.append(att)
                prev = att
                floor = max(floor, used + 1)
                continue
        if entry is None:
            used = _source(text, tokens, i, ie, n, floor, cue_at, att, lang, lex, case)
        else:
            used = _verb(text, tokens, i, ie, n, floor, cue_at, att, lang, lex, prev)
        if not att.pieces and att.colon_at is None:
            continue
        out.extend(_split_direct(att))
        prev = att
        floor = max(floor, used + 1)
    return out


def previous_sentence(text: str, pos: int, limit: int = 600) -> tuple[int, int] | None:
    """The sentence that ends right before ``pos`` in the same paragraph (no line break between)."""
    e = pos
    while e > 0 and text[e - 1] in " \t":
        e -= 1
    if e == 0 or text[e - 1] == "\n":
        return None
    lo = max(0, e - limit)
    s = e - 1
    while s > lo:
        c = text[s - 1]
        if c == "\n":
            break
        if c in ".!?…" and s - 1 < e - 1 and text[s] in " \t" and not _inside_quote(text, lo, s):
            break
        s -= 1
    if s == lo and lo > 0:
        return None
    while s < e and text[s] in " \t":
        s += 1
    return (s, e) if e > s else None


def _inside_quote(text: str, lo: int, at: int) -> bool:
    """Whether ``at`` lies between an opening « and its », a cheap check for sentence ends inside quotes."""
    return text.count("«", lo, at) > text.count("»", lo, at)


def _anaphoric(text: str, tokens: list[Token], i: int, ie: int, n: int, floor: int, att: Attribution,
               lang: str, lex: SlavicLexicon, case: str) -> int:
    """'Об этом заявил X.' / 'Про це йдеться у заяві X.': the sentence before is what was said.
    Returns the last token used, or -1 when the frame does not apply."""
    from .reported import Piece

    j = i - 1
    while j >= floor and tokens[j].kind == "w" and tokens[j].low in lex.adverbs:
        j -= 1
    head = subject = None
    for k in range(j, max(floor - 1, j - 6), -1):  # 'Об этом [министр Умеров] заявил'
        for size in (4, 3, 2):
            a = k - size + 1
            if a >= floor and tuple(x.low for x in tokens[a:k + 1]) in lex.anaphora:
                head = a
                break
        if head is not None:
            if k < j:
                subject = left_subject(tokens, j, k + 1, lang, lex)
                if subject is None:
                    return -1
            break
        if tokens[k].kind != "w":
            break
    if head is None or not (head == floor or tokens[head - 1].text in _END | _DASHES):
        return -1
    span = previous_sentence(text, tokens[head].start)
    if span is None:
        return -1
    s, e = span
    before = tokenize(text, s, e)
    if find_cues(before, lex):
        return -1  # the sentence before has its own attribution
    if subject is not None:
        att.speaker = speaker_mention(text, tokens, subject, lang, "nomn", _gender(tokens[i].low, lang))
        end = ie
    elif case:  # 'Про це йдеться у заяві X'
        end = ie
        while end + 1 < n and tokens[end + 1].kind in ("w", "q") and end + 1 - ie <= MAX_NP \
                and tokens[end + 1].low not in lex.clause_words:
            end += 1
        np = (ie + 1, end) if end > ie else None
        att.speaker = speaker_mention(text, tokens, np, lang, case, None)
    else:
        np = right_np(tokens, ie + 1, n, lang, lex)
        att.speaker = speaker_mention(text, tokens, np, lang, "nomn", _gender(tokens[i].low, lang))
        end = np[1] if np else ie
    while e > s and text[e - 1] in ".!?…":
        e -= 1
    body = text[s:e]
    if len(body) >= 2 and body[0] in "«„\"" and body[-1] in "»“\"" and body.count(body[0]) == 1:
        att.pieces = [Piece(s + 1, e - 1, "direct")]
    else:
        att.pieces = [Piece(s, e, "indirect")]
    return end


def _dialogue_continues(text: str, tokens: list[Token], lang: str) -> list[Attribution]:
    """'— Нет, — сказал он. — Не знаю.': the second line, with no cue of its own, is the same
    speaker's when the sentence before it in the paragraph is an attributed dialogue line."""
    from .reported import Attribution

    if len(tokens) < 2 or tokens[0].text not in _DASHES:
        return []
    span = previous_sentence(text, tokens[0].start)
    if span is None or text[span[0]] not in _DASHES:
        return []
    before = analyse_window(text, tokenize(text, span[0], span[1]), lang, follow=False)
    if not before or before[-1].speaker is None or before[-1].cue.start < before[-1].pieces[0].end:
        return []
    last = before[-1]
    pieces = _pieces(text, tokens, 0, len(tokens) - 1, lang)
    return [Attribution(last.cue, last.entry, last.speaker, pieces, last.confidence * 0.9)] if pieces else []


def _split_direct(att: Attribution) -> list[Attribution]:
    """A mixed clause and the quoted phrase inside it are two statements (two attributions)."""
    from .reported import Attribution

    if len(att.pieces) < 2 or att.pieces[0].kind != "mixed":
        return [att]
    inner = [Attribution(att.cue, att.entry, att.speaker, [p], att.confidence) for p in att.pieces[1:]]
    att.pieces = att.pieces[:1]
    return [att, *inner]


def _content_right(text: str, tokens: list[Token], k: int, n: int, cue_at: set[int], att: Attribution,
                   lang: str, lex: SlavicLexicon) -> int:
    """Reported words after a cue whose speaker is on its left; returns the last token used."""
    i = k
    while i < n and i - k < MAX_GAP:
        t = tokens[i]
        if t.kind == "p" and t.text == ":":
            if i + 1 >= n:
                att.colon_at = t.start
                return i
            if tokens[i + 1].kind == "q" and i + 2 < n and tokens[i + 2].kind == "w":
                end = _clause_end(tokens, i + 1, n, cue_at, lex)  # ': "Сколково" — это ...'
            elif tokens[i + 1].kind == "q":
                end = i + 1
            else:
                end = _clause_end(tokens, i + 1, n, cue_at, lex)
            att.pieces = _pieces(text, tokens, i + 1, end, lang, speech=True)
            return end
        if t.kind == "w" and t.low in _SUBORDINATORS[lang][:2] and (i == k or tokens[i - 1].text == ","):
            end = _clause_end(tokens, i + 1, n, cue_at, lex, att.entry.gerund, lang)
            att.pieces = _pieces(text, tokens, i, end, lang)
            return end
        if t.kind == "q" and not name_quote(t) and (i == k or tokens[i - 1].text in ",") and not (
                i + 2 < n and tokens[i + 1].text == "," and tokens[i + 2].low in _SUBORDINATORS[lang][:2]):
            # (a quotation the что/що clause follows is the hearer: 'розповіло "Українській правді", що')
            att.pieces = _pieces(text, tokens, i, i, lang)
            return i
        if t.kind == "p" and t.text in _END:
            break
        if t.kind == "w" and i in cue_at:
            break
        i += 1
    return k - 1


def _verb(text: str, tokens: list[Token], i: int, ie: int, n: int, floor: int, cue_at: set[int],
          att: Attribution, lang: str, lex: SlavicLexicon, prev: Attribution | None) -> int:
    gender = _gender(tokens[i].low, lang)
    j = i - 1
    while j >= floor and tokens[j].kind == "w" and (tokens[j].low in lex.adverbs
                                                      or pos(tokens[j], lang) == "ADVB"):
        j -= 1
    # "как сообщил X, ..." / "..., як повідомив X."
    if j >= floor and tokens[j].low == _AS[lang] and (j == floor or tokens[j - 1].kind == "p"):
        np = right_np(tokens, ie + 1, n, lang, lex)
        att.speaker = speaker_mention(text, tokens, np, lang, "nomn", gender)
        if np is None and (np := place_phrase(tokens, ie + 1, n, lang)) is not None:
            att.speaker = speaker_mention(text, tokens, np, lang, "loct", None)
        after = (np[1] + 1) if np else ie + 1
        if (cited := _cited(tokens, after, n, lang, lex)) is not None:  # "как сообщает X со ссылкой на Y"
            att.speaker = speaker_mention(text, tokens, cited, lang, "accs", None)
            after = cited[1] + 1
        if j - 1 >= floor and tokens[j - 1].text == ",":
            att.pieces = _pieces(text, tokens, _sentence_start(tokens, j, floor), j - 2, lang)
        elif after < n and tokens[after].text == ",":
            end = _clause_end(tokens, after + 1, n, cue_at, lex)
            att.pieces = _pieces(text, tokens, after + 1, end, lang)
            return end
        return after
    if att.entry.gerund:
        if prev is not None and prev.speaker is not None:
            att.speaker = prev.speaker
        else:
            k = j
            while k >= floor and (tokens[k].kind == "p" or tokens[k].low in lex.clause_words):
                k -= 1
            if k >= floor:
                a = region_start(tokens, k, floor, lex)
                ch = noun_chunks(tokens, a, k, lang, lex)
                att.speaker = speaker_mention(text, tokens, ch[0] if ch else None, lang, "nomn", None)
        return _content_right(text, tokens, ie + 1, n, cue_at, att, lang, lex)
    # skip an adjunct before the cue: '"...", - с поклоном сказал швейцар'
    jj = j
    while jj >= floor and tokens[jj].kind == "w" and jj > j - 4:
        jj -= 1
    if jj >= floor and jj < j and tokens[jj].kind == "p" and tokens[jj].text in _DASHES | {","} \
            and tokens[jj + 1].low in lex.prepositions:
        j = jj
    inverted = j >= floor and tokens[j].kind in ("p", "q") and (tokens[j].text in _DASHES | {","}
                                                                 or tokens[j].kind == "q")
    after_cue = ie + 1
    colon_or_that = after_cue < n and (tokens[after_cue].text == ":" or (
        tokens[after_cue].text == "," and after_cue + 1 < n
        and tokens[after_cue + 1].low in _SUBORDINATORS[lang]))
    if inverted and tokens[j].text == "," and colon_or_that:
        inverted = False  # 'Графиня Уварова, председатель общества, говорила: "..."'
    if inverted:
        np = right_np(tokens, ie + 1, n, lang, lex)
        left_end = j - 1 if tokens[j].kind == "p" else j
        if tokens[j].text in _DASHES and j - 1 >= floor and tokens[j - 1].text == ",":
            left_end = j - 2
        start = _sentence_start(tokens, j, floor)
        place = place_phrase(tokens, ie + 1, n, lang) if np is None else None
        if np is not None or place is not None or tokens[j].text in _DASHES:
            att.speaker = speaker_mention(text, tokens, np, lang, "nomn", gender)
            if place is not None:
                att.speaker = speaker_mention(text, tokens, place, lang, "loct", None)
                np = place
            att.pieces = _pieces(text, tokens, start, left_end, lang)
            last = np[1] if np else ie
            # '..., утверждает Пастухов (...), необходимо ...' / '— А, — сказал он, — Б.'
            k = last + 1
            if k < n and tokens[k].text == "(":
                while k < n and tokens[k].text != ")":
                    k += 1
                k += 1
            goes_on = k + 1 < n and tokens[k].text == "," and (
                (tokens[k + 1].kind != "p" and not describes_speaker(tokens[k + 1], lang, lex))
                or (k + 2 < n and tokens[k + 1].text in _DASHES))
            if goes_on and not any(x in cue_at for x in range(k + 1, min(n, k + 4))):
                end = _clause_end(tokens, k + 1, n, cue_at, lex)
                att.pieces += _pieces(text, tokens, k + 1, end, lang)
                return end
            return last
    # the subject on the left, the content on the right
    app = apposition(tokens, j, floor, lang, lex) if j >= floor and tokens[j].text == "," else None
    if app is not None:
        name = (app[0], app[1])
        att.speaker = speaker_mention(text, tokens, (app[2], app[3]), lang, "nomn", gender, name=name)
    else:
        subj = left_subject(tokens, j, floor, lang, lex, verb=tokens[i])
        att.speaker = speaker_mention(text, tokens, subj, lang, "nomn", gender)
        if subj is None and tokens[i].low.endswith("ли") and j >= floor:
            place = place_phrase(tokens, region_start(tokens, j, floor, lex), j + 1, lang)
            att.speaker = speaker_mention(text, tokens, place, lang, "loct", None)
    return _content_right(text, tokens, ie + 1, n, cue_at, att, lang, lex)


_CITING = {"ru": (("со", "ссылкой", "на"), ("ссылаясь", "на")),
           "uk": (("з", "посиланням", "на"), ("із", "посиланням", "на"), ("посилаючись", "на"))}


def _cited(tokens: list[Token], k: int, n: int, lang: str, lex: SlavicLexicon) -> tuple[int, int] | None:
    """The source an outlet cites at token ``k`` ("со ссылкой на источники в Кремле", "з посиланням на
    джерела"): it is the speaker, and ``provenance`` finds the outlet as the carrier."""
    for phrase in _CITING.get(lang, ()):
        if tuple(t.low for t in tokens[k:k + len(phrase)]) == phrase:
            np = right_np(tokens, k + len(phrase), n, lang, lex)
            if np is None:
                return None
            a, b = np
            # the source's description runs to the comma: "источники в Кремле", "джерела в уряді"
            while b + 1 < n and b + 1 - a < MAX_NP and tokens[b + 1].kind == "w" \
                    and tokens[b + 1].low not in lex.clause_words and not is_verb(tokens[b + 1], lang):
                b += 1
            return a, b
    return None


def _source(text: str, tokens: list[Token], i: int, ie: int, n: int, floor: int, cue_at: set[int],
            att: Attribution, lang: str, lex: SlavicLexicon, case: str) -> int:
    """'по словам X, ...' / '..., за даними X' / '«...», — говорится в заявлении X.'"""
    k = ie + 1
    b = k - 1
    if case.startswith("poss"):  # 'по его словам': the pronoun inside the phrase is the speaker
        at = next((x for x in range(i, ie + 1) if not tokens[x].low.startswith(("по", "за", "на"))), i)
        t = tokens[at]
        att.speaker = Mention(t.start, t.end, t.text, canonical=case.split()[1] if " " in case else None)
        b = ie
    while not case.startswith("poss") and b + 1 < n and b + 1 - k < MAX_NP:
        t = tokens[b + 1]
        if t.kind == "q" and name_quote(t):
            b += 1
            continue
        if t.kind != "w" or t.low in lex.clause_words or (b >= k and t.low in lex.prepositions) \
                or is_verb(t, lang):
            break
        b += 1
    if not case.startswith("poss"):
        np = (k, b) if b >= k else None
        att.speaker = speaker_mention(text, tokens, np, lang, case, None)
    after = b + 1
    if (cited := _cited(tokens, after, n, lang, lex)) is not None:  # "за даними X з посиланням на Y"
        att.speaker = speaker_mention(text, tokens, cited, lang, "accs", None)
        after = cited[1] + 1
    j = i - 1
    if j >= floor and (tokens[j].text in _DASHES | {","} or tokens[j].kind == "q"):
        left_end = j - 1 if tokens[j].kind == "p" else j
        if tokens[j].text in _DASHES and j - 1 >= floor and tokens[j - 1].text == ",":
            left_end = j - 2
        start = _sentence_start(tokens, i, floor)
        att.pieces = _pieces(text, tokens, start, left_end, lang)
        if after + 1 < n and tokens[after].text == "," and tokens[after + 1].kind == "w":
            end = _clause_end(tokens, after + 1, n, cue_at, lex)
            att.pieces += _pieces(text, tokens, after + 1, end, lang)
            return end
        return after
    if after < n and tokens[after].text in (",", ":"):
        end = _clause_end(tokens, after + 1, n, cue_at, lex)
        att.pieces = _pieces(text, tokens, after + 1, end, lang)
        return end
    return after
