"""``quotes.reported``: reporting cues, the speaker that goes with each, and what it reports.

For every cue ("said", "told", "according to", "emphasized") in the words around quotations, the
frame decides where the speaker and the reported words are:

=====================================  =====================  ==========================
pattern                                speaker                content
=====================================  =====================  ==========================
X said (that) ...                      left noun phrase       right clause
"...," X said / ..., X said.           left noun phrase       the quotation / left clause
"...," said X                          right noun phrase      the quotation / left clause
X said: "..."                          left noun phrase       the quotation
according to X, ... / ..., according  after "according to"   the other side
was labeled "..." by X / In X, ...     agent / "In X,"        the quotation
... and emphasized that ... / adding   the previous speaker   right clause
"..." X quoted him                     the object ("him")     the quotation
TAPPER: ... / Sanders: ... (headline)  the label              the turn / the headline
As X noted, ... / ..., as X reported.  between "as" and cue   the other side (asides)
X reported, citing Y, that ...         Y (X carries: citing)  right clause
In his words, ... / In the words of X  "his" / X              right clause
... This was stated by X / These       X (pointers)           the sentence before
words belong to X / That is what X
said
=====================================  =====================  ==========================

Content that is one quotation is ``direct``; a clause that quotes some words is ``mixed``; any
other clause is ``indirect``.
"""

from __future__ import annotations

import re

from ..model import Article, Cue, Mention, Quotation, Span, Statement, stable_id
from ..pipeline import stage
from ..settings import Settings
from ..text.tokens import Token, tokenize
from . import slavic
from .cues import Lexicon, load_cues
from .frames import analyse_window, find_cue_tokens
from .labels import find_headline_source, find_transcript_labels, headline_line
from .pieces import Attribution, Piece, find_quoted_fragments, is_typewriter
from .pointers import POINTER_WORDS, find_pointer

__all__ = ["Attribution", "Piece", "analyse_window", "find_cue_tokens", "find_windows", "is_typewriter"]

_OPENERS = "\"“‘'«„‚"
_ATTRIBUTION_CHARS = 200  # a sentence after a quotation longer than this is not just its attribution
# A headline is looked for among the article's first characters only (header lines come before it).
HEADLINE_WITHIN = 1000
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def _is_attribution(sentence: str, cue_words: frozenset[str]) -> bool:
    """A short sentence that is only an attribution: 'Sanders replied.', 'said Michael Briggs, a
    spokesman, in an interview.' — a cue among its first words and little after it."""
    words = list(_WORD.finditer(sentence))
    for i, m in enumerate(words[:10]):
        if m.group().lower() in cue_words:
            after = sentence[m.end():m.end() + 1]
            # a cue right after a short subject, with no clause or quotation of its own, attributes the
            # quotation before however long the rest ('"…?" Trump told Britain's ITV … when asked …')
            return len(words) - i <= 14 or after in (",", ".") or (
                i <= 3 and " that " not in sentence and ":" not in sentence
                and not any(c in sentence for c in "\"“«„"))
    return False

def find_windows(sentences: list[Span], quotations: list[Quotation], text: str = "",
                 cue_words: frozenset[str] = frozenset()) -> list[Span]:
    """Sentences joined wherever a quotation runs across their boundary, and a quotation that ends
    its sentence joined with a short sentence after it that does not open another quotation
    ('"...?" Sanders replied.')."""
    out: list[Span] = []
    qi = 0
    ends = {q.outer_end for q in quotations}
    for s in sentences:
        if out:
            last = out[-1]
            if (last.end in ends and len(s) <= _ATTRIBUTION_CHARS and text
                    and text[s.start] not in _OPENERS and "\n" not in text[last.end:s.start]
                    and _is_attribution(text[s.start:s.end], cue_words)):
                out[-1] = Span(last.start, s.end)
                continue
            # any quotation that opens in the last window and closes after it joins the two
            while qi < len(quotations) and quotations[qi].outer_end <= last.end:
                qi += 1
            k = qi
            joined = False
            while k < len(quotations) and quotations[k].outer_start < last.end:
                if quotations[k].outer_end > last.end:
                    joined = True
                    break
                k += 1
            if joined:
                out[-1] = Span(last.start, max(last.end, s.end))
                continue
        out.append(s)
    return out

def _statements(text: str, atts: list[Attribution], key: str) -> list[Statement]:
    out: list[Statement] = []
    for att in atts:
        group = stable_id(key, "group", att.cue.start) if len(att.pieces) > 1 else None
        sp = att.speaker
        for p in att.pieces:
            if p.end <= p.start:
                continue
            out.append(Statement(
                kind=p.kind,  # type: ignore[arg-type]
                start=p.start, end=p.end, text=text[p.start:p.end], group=group,
                speaker=(sp.canonical or sp.text) if sp else None, speaker_mention=sp.text if sp else None,
                speaker_start=sp.start if sp else None, speaker_end=sp.end if sp else None,
                cue=att.cue.text, cue_start=att.cue.start, cue_end=att.cue.end,
                confidence=round(att.confidence, 3),
            ))
    return out

def find_headline(text: str, headline: str | None) -> tuple[int, int] | None:
    """Where the article's headline stands in its text: a whole line among the first few."""
    if not headline or not headline.strip():
        return None
    at = text.find(headline.strip(), 0, HEADLINE_WITHIN + len(headline))
    if at < 0 or (at > 0 and text[at - 1] != "\n"):
        return None
    return at, at + len(headline.strip())


@stage("quotes.reported", requires=["quotes.direct"])
def reported(article: Article, settings: Settings) -> None:
    text = article.text
    lex = load_cues("en")
    langs = article.sentence_languages
    claimed: set[int] = set()
    colons: list[tuple[int, Mention | None, Cue]] = []
    windows = find_windows(article.sentences, article.quotations, article.norm or text, lex.trigger_words)
    article.work["windows"] = windows
    qs = article.quotations
    qi = 0
    key = article.id or ""
    first = lex.trigger_words
    hits = [m.start() for m in _WORD.finditer(article.norm or text) if m.group().lower() in first]
    hi = 0
    headline = find_headline(text, article.headline)
    for w in windows:
        while hi < len(hits) and hits[hi] < w.start:
            hi += 1
        lang = langs[article.sentence_index(w.start)] if langs else "en"
        if lang in ("en", "other") and (hi >= len(hits) or hits[hi] >= w.end):
            continue  # no cue word in this window: nothing to attribute here
        while qi < len(qs) and qs[qi].outer_end <= w.start:
            qi += 1
        inside = []
        k = qi
        while k < len(qs) and qs[k].outer_start < w.end:
            if qs[k].outer_start >= w.start:
                inside.append(qs[k])
            k += 1
        tokens = tokenize(text, w.start, w.end, inside)
        if lang in ("ru", "uk"):
            atts = slavic.analyse_window(text, tokens, lang)
        else:
            atts = analyse_window(text, tokens, lex)
            if headline is not None and headline[0] <= w.start < headline[1]:
                atts += find_quoted_fragments(text, atts, inside)
            atts += _pointers(article, tokens, lex)  # "This was stated by X": the sentence before is X's
        for st in _statements(text, atts, key):
            article.statements.append(st)
        for att in atts:
            if att.colon_at is not None and not att.pieces:
                colons.append((att.colon_at, att.speaker, att.cue))
            for p in att.pieces:
                for q in inside:
                    if p.start <= q.start and q.end <= p.end:
                        claimed.add(q.open_at)
    article.work["claimed"] = claimed
    article.work["colon_cues"] = colons
    article.statements += _label_statements(article, headline)


def _pointers(article: Article, tokens: list[Token], lex: Lexicon) -> list[Attribution]:
    """The pointer sentences of a window ("These words belong to X", "This was stated by X"): each
    sentence in it that opens with a pointer word, read with the sentence before it."""
    out: list[Attribution] = []
    if not tokens:
        return out
    first, last = article.sentence_index(tokens[0].start), article.sentence_index(tokens[-1].start)
    opens = {s.start for s in article.sentences[first:last + 1]}
    for k, t in enumerate(tokens):
        if t.start in opens and t.low in POINTER_WORDS:
            ptr = find_pointer(article.text, tokens[k:], lex, _sentence_before(article, t.start),
                               article.quotations)
            if ptr is not None:
                out.append(ptr)
    return out


def _sentence_before(article: Article, start: int) -> tuple[int, int] | None:
    """The sentence before the one that starts at ``start``, in the same paragraph."""
    k = article.sentence_index(start)
    if k <= 0 or article.sentences[k].start != start:
        return None
    prev = article.sentences[k - 1]
    return None if "\n" in article.text[prev.end:start] else (prev.start, prev.end)


def _label_statements(article: Article, headline: tuple[int, int] | None) -> list[Statement]:
    """Statements a label and a colon introduce (``labels``: "TAPPER: …" transcript turns,
    "Sanders: …" headlines) in English text. A statement found by a cue inside a turn stays beside it
    ("I think …" within the turn is an attribution of its own); any other overlap means a cue
    already read these words, and the label gives way."""
    text, langs = article.text, article.sentence_languages
    found = find_transcript_labels(text, article.paragraphs, article.quotations)
    line = headline_line(text, headline)
    h = find_headline_source(text, line, article.quotations) if line is not None else None
    if h is not None:
        found.insert(0, h)
    out: list[Statement] = []
    for ss, se, colon, cs, ce in found:
        if langs and langs[article.sentence_index(cs)] not in ("en", "other", None):
            continue
        if any(s.start < ce and cs < s.end and not (cs <= s.start and s.end <= ce)
               for s in article.statements) or any(s.start < ce and cs < s.end for s in out):
            continue
        # a headline's claim may quote some of its words ("Zelensky: … F-16s "very soon""): mixed
        quoted = any(cs <= q.outer_start and q.outer_end <= ce and not is_typewriter(text, q)
                     for q in article.quotations)
        out.append(Statement(
            kind="mixed" if quoted else "indirect", start=cs, end=ce, text=text[cs:ce], speaker=text[ss:se],
            speaker_mention=text[ss:se], speaker_start=ss, speaker_end=se, cue=":", cue_start=colon,
            cue_end=colon + 1, confidence=0.7))
    return out
