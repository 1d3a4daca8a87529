"""``provenance``: the venue of a statement and the outlets that carried it.

Two pure finders work on a character range of the article text (a sentence or a few):
``find_venues`` ("an interview with Radio Liberty in Brussels", "a press conference", "Facebook")
and ``find_carriers`` (the outlets in "told 24 Channel", "Radio Liberty quoted him", "according to
Reuters"). An outlet counts only next to a carrier cue or inside a venue: "the FT publication was
labeled nonsense" names FT without FT carrying anything.

The stage ties them to statements, most specific first:
1. the statement's own sentences, outside the words of any statement (a statement that quotes "as
   reported by the publication" does not make the publication its own carrier);
2. a "remark" sentence with no statement of its own ("He made this remark on October 18 during an
   interview with Radio Liberty") near the statement: it places every statement of its speaker that
   has no provenance of its own, up to the nearest statements of that speaker that do;
3. the statements that follow one with its own provenance, by the same speaker with no other speaker
   in between ("… he told CNN. He added that …").
An outlet never carries its own words: a carrier equal to the statement's speaker is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .lang import load_lines
from .model import Article, Statement
from .pipeline import stage
from .settings import Settings

LANGS = ("en", "ru", "uk")

_UPPER = "A-ZА-ЯЁІЇЄҐ"
# A capitalised name word; a full stop belongs to it only inside ("Liga.net"), never at its end.
_NAME_WORD = rf"[{_UPPER}0-9](?:[\w&'’+/-]|\.(?=\w))*"
_CONNECT = r"(?:of|the|and|&|de|di|der|des|la|le|du)"
_CAPSEQ = rf"{_NAME_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_NAME_WORD}){{0,5}}"
_OPEN = "\"“«„‘'"
_CLOSE = "\"”»“’'"
_QUOTED = rf"[{_OPEN}][ \t]*(?P<name>{_CAPSEQ})(?P<stop>[.,])?[ \t]*[{_CLOSE}]"


@dataclass(frozen=True, slots=True)
class Carrier:
    """An outlet that carried a statement, as written at ``start:end``.

    ``rank`` orders a chain from the earliest carrier: 0 heard the speaker ("told CNN", "an
    interview with FT"), 1 quoted it or was cited ("Radio Liberty quoted him", "citing Reuters"),
    2 reported it ("according to Reuters", "Reuters reported").
    """

    start: int
    end: int
    text: str
    rank: int
    key: str  # the outlet's first name in the media list, or its casefolded text


@dataclass(frozen=True, slots=True)
class Venue:
    """Where or how a statement was made, as written at ``start:end``."""

    start: int
    end: int
    text: str
    carrier: Carrier | None = None  # the outlet the venue names ("an interview with FT")


@dataclass(frozen=True, slots=True)
class Provenance:
    venue: Venue | None
    carriers: tuple[Carrier, ...]

    @property
    def reported_by(self) -> tuple[str, ...] | None:
        return tuple(c.text for c in self.carriers) or None

    def __bool__(self) -> bool:
        return self.venue is not None or bool(self.carriers)


def _words_pattern(phrases: Iterable[str], flags: str = "i") -> str:
    """One alternation of phrases, longest first, any whitespace between words."""
    alts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in alts)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _slash_pattern(line: str) -> str:
    """``made this/these remark/remarks`` -> a regex with one alternation per word position."""
    parts = []
    for word in line.split():
        alts = sorted(word.split("/"), key=len, reverse=True)
        parts.append("(?:" + "|".join(re.escape(a) for a in alts) + ")")
    return r"\s+".join(parts)


@dataclass(frozen=True, slots=True)
class Lexicon:
    known: re.Pattern[str]  # a known outlet at a position
    known_end: re.Pattern[str]  # a known outlet ending at endpos
    the_known: re.Pattern[str]  # after a lower-case "the": "The Hill" written "the Hill"
    the_known_end: re.Pattern[str]
    keys: dict[str, str]  # casefolded alias -> outlet key
    media_words: frozenset[str]
    platforms: re.Pattern[str]
    quoted: re.Pattern[str]
    quoted_end: re.Pattern[str]
    capseq: re.Pattern[str]
    capseq_end: re.Pattern[str]
    before: re.Pattern[str]
    after: re.Pattern[str]
    ranks: dict[str, int]  # casefolded cue (single spaces) -> rank
    venue: re.Pattern[str]
    link: re.Pattern[str]
    place: re.Pattern[str]
    time_words: frozenset[str]
    pronouns: frozenset[str]
    remark: re.Pattern[str]


def _keyed(lang: str, name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in load_lines(lang, name):
        key, _, rest = line.partition(":")
        out.setdefault(key.strip(), []).extend(x.strip() for x in rest.split("|") if x.strip())
    return out


def _alias_pattern(alias: str) -> str:
    words = alias.split()
    return r"\s+".join(re.escape(w) for w in words)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Every language's lists merged: an English article may quote "Українська правда"."""
    keys: dict[str, str] = {}
    for lang in LANGS:
        for line in load_lines(lang, "media"):
            forms = [f.strip() for f in line.split("|") if f.strip()]
            for f in forms:
                keys.setdefault(f.casefold(), forms[0])
                if f.startswith("The "):
                    keys.setdefault(f[4:].casefold(), forms[0])
    aliases = sorted({a for line in (load_lines(lg, "media") for lg in LANGS) for x in line
                      for a in (f.strip() for f in x.split("|")) if a}, key=len, reverse=True)
    known_body = "|".join(_alias_pattern(a) for a in aliases)
    known = rf"(?<![\w])(?:{known_body})(?![\w])"
    # "told the Hill" but not "according to the Atlantic Council": no capitalised word after it
    the_body = "|".join(_alias_pattern(a[4:]) for a in aliases if a.startswith("The ") and len(a) > 4)
    the_known = rf"(?:{the_body})(?![\w])(?![ \t]+[{_UPPER}])"
    fw: dict[str, list[str]] = {}
    for lang in LANGS:
        for k, v in _keyed(lang, "provenance").items():
            fw.setdefault(k, []).extend(v)
    ranks: dict[str, int] = {}
    before: list[str] = []
    after: list[str] = []
    for lang in LANGS:
        for line in load_lines(lang, "carrier_cues"):
            side, rank, phrase = line.split(None, 2)
            ranks[f"{side} " + " ".join(phrase.casefold().split())] = int(rank)
            (before if side == "before" else after).append(phrase)
    nouns = [n for lang in LANGS for n in load_lines(lang, "venues")]
    lead = _words_pattern(fw["lead"])
    det = _words_pattern(fw["det"])
    stop = _words_pattern(fw["lead"] + fw["link"] + fw["det"])
    # venue nouns as written (lower case): "told the Kyiv Post" names an outlet, not a post
    noun = _words_pattern(nouns, flags="")
    mod = rf"(?!{stop}\b)[^\W\d_][\w'’-]*"
    venue = rf"(?<![\w-]){lead}\s+(?P<np>(?:{det}\s+)?(?:{mod}\s+){{0,3}}{noun}(?:s|es)?)(?![\w-])"
    platforms = _words_pattern(load_lines("en", "platforms"), flags="")
    remark = "|".join(_slash_pattern(x) for lang in LANGS for x in load_lines(lang, "remarks"))
    return Lexicon(
        known=re.compile(known),
        known_end=re.compile(rf"(?:{known})$"),
        the_known=re.compile(the_known),
        the_known_end=re.compile(rf"(?<=the[ ]){the_known}$"),
        keys=keys,
        media_words=frozenset(w for lang in ("en",) for w in load_lines(lang, "media_words")),
        platforms=re.compile(rf"(?<![\w]){platforms}(?![\w])"),
        quoted=re.compile(_QUOTED),
        quoted_end=re.compile(rf"{_QUOTED}$"),
        capseq=re.compile(rf"(?:The[ \t]+)?{_CAPSEQ}"),
        capseq_end=re.compile(rf"(?<![\w'’-])(?:The[ \t]+)?{_CAPSEQ}$"),
        before=re.compile(rf"(?<![\w]){_words_pattern(before)}[ \t]+"),
        after=re.compile(rf"[ \t]{_words_pattern(after)}(?![\w])"),
        ranks=ranks,
        venue=re.compile(venue),
        link=re.compile(rf"\s+{_words_pattern(fw['link'])}\s+(?:the\s+)?"),
        place=re.compile(rf"\s+{_words_pattern(fw['place'])}\s+(?P<name>{_CAPSEQ})"),
        time_words=frozenset(w.casefold() for w in fw["time"]),
        pronouns=frozenset(w.casefold() for w in fw["pronoun"]),
        remark=re.compile(rf"(?<![\w])(?i:{remark})(?![\w])"),
    )


# -- outlets ------------------------------------------------------------------------------------


def _carrier(text: str, start: int, end: int, rank: int, lex: Lexicon) -> Carrier:
    s = text[start:end]
    return Carrier(start, end, s, rank, lex.keys.get(s.casefold(), s.casefold()))


def _looks_like_outlet(name: str, lex: Lexicon) -> bool:
    words = name.split()
    return any(w in lex.media_words for w in words) and words[0].casefold() not in lex.time_words


def outlet_at(text: str, pos: int, end: int, rank: int, lex: Lexicon | None = None) -> Carrier | None:
    """The outlet that starts at ``pos``: a known name, a quoted name, or a name shaped like one."""
    lex = lex or lexicon()
    for p in (pos, pos + 4 if text.startswith("the ", pos) else -1):
        if p < 0:
            continue
        m = lex.known.match(text, p, end) or (lex.the_known.match(text, p, end) if p > pos else None)
        if m:
            return _carrier(text, m.start(), m.end(), rank, lex)
        m = lex.quoted.match(text, p, end)
        if m and not lex.platforms.fullmatch(m.group("name")):
            return _carrier(text, m.start("name"), m.end("name"), rank, lex)
        m = lex.capseq.match(text, p, end)
        if m and _looks_like_outlet(m.group(), lex):
            return _carrier(text, m.start(), m.end(), rank, lex)
    return None


def outlet_before(text: str, pos: int, start: int, rank: int, lex: Lexicon | None = None) -> Carrier | None:
    """The outlet that ends at ``pos`` (whitespace before ``pos`` skipped), not before ``start``."""
    lex = lex or lexicon()
    while pos > start and text[pos - 1].isspace():
        pos -= 1
    lo = max(start, pos - 120)
    m = lex.quoted_end.search(text, lo, pos)
    if m:
        return _carrier(text, m.start("name"), m.end("name"), rank, lex)
    m = lex.known_end.search(text, lo, pos) or lex.the_known_end.search(text, lo, pos)
    if m:
        return _carrier(text, m.start(), m.end(), rank, lex)
    m = lex.capseq_end.search(text, lo, pos)
    if m and _looks_like_outlet(m.group(), lex):
        return _carrier(text, m.start(), m.end(), rank, lex)
    return None


def _outside(start: int, end: int, exclude: Sequence[tuple[int, int]]) -> bool:
    return all(end <= a or b <= start for a, b in exclude)


def find_carriers(text: str, start: int, end: int, exclude: Sequence[tuple[int, int]] = ()) -> list[Carrier]:
    """Outlets that carried words in ``text[start:end]``, next to a carrier cue, in text order.

    ``exclude`` holds ranges (the statements' own words) where nothing counts.
    """
    lex = lexicon()
    out: list[Carrier] = []
    for m in lex.before.finditer(text, start, end):
        if not _outside(m.start(), m.end(), exclude):
            continue
        rank = lex.ranks.get("before " + " ".join(m.group().casefold().split()), 2)
        c = outlet_at(text, m.end(), end, rank, lex)
        if c and _outside(c.start, c.end, exclude):
            out.append(c)
    for m in lex.after.finditer(text, start, end):
        if not _outside(m.start(), m.end(), exclude):
            continue
        rank = lex.ranks.get("after " + " ".join(m.group().casefold().split()), 2)
        c = outlet_before(text, m.start() + 1, start, rank, lex)
        if c and _outside(c.start, c.end, exclude):
            out.append(c)
    for v in find_venues(text, start, end, exclude):
        if v.carrier:
            out.append(v.carrier)
    return _chain(out)


def _chain(carriers: Iterable[Carrier]) -> list[Carrier]:
    """One carrier per outlet (its earliest rank), ordered from the earliest carrier to the latest."""
    best: dict[str, Carrier] = {}
    for c in carriers:
        old = best.get(c.key)
        if old is None or (c.rank, c.start) < (old.rank, old.start):
            best[c.key] = c
    return sorted(best.values(), key=lambda c: (c.rank, c.start))


# -- venues -------------------------------------------------------------------------------------


def _target(text: str, pos: int, end: int, lex: Lexicon) -> tuple[int, Carrier | None] | None:
    """What a venue is with or on ("FT", "Facebook", "Zelensky"): its end and the outlet it is."""
    c = outlet_at(text, pos, end, 0, lex)
    if c:
        close = c.end
        if close < end and text[close] in _CLOSE:
            close += 1
        return close, c
    m = lex.platforms.match(text, pos, end)
    if m:
        return m.end(), None
    m = lex.capseq.match(text, pos, end)
    if m and m.group().split()[0].casefold() not in lex.time_words:
        return m.end(), None
    return None


def find_venues(text: str, start: int, end: int, exclude: Sequence[tuple[int, int]] = ()) -> list[Venue]:
    """Venues named in ``text[start:end]`` after a lead word ("in", "during", "told", "wrote on")."""
    lex = lexicon()
    out: list[Venue] = []
    for m in lex.venue.finditer(text, start, end):
        v_start, v_end = m.start("np"), m.end("np")
        carrier: Carrier | None = None
        link = lex.link.match(text, v_end, end)
        hit = _target(text, link.end(), end, lex) if link else None
        if hit is None:  # no link word: only a known outlet or a platform ("в интервью Радио Свобода")
            sp = v_end + 1 if v_end < end and text[v_end] in " \t" else -1
            c = outlet_at(text, sp, end, 0, lex) if sp > 0 else None
            if c and lex.known.fullmatch(c.text):
                hit = (c.end, c)
        if hit:
            v_end, carrier = hit
        pm = lex.place.match(text, v_end, end)
        if pm and pm.group("name").split()[0].casefold() not in lex.time_words:
            v_end = pm.end()
        if _outside(v_start, v_end, exclude):
            out.append(Venue(v_start, v_end, text[v_start:v_end], carrier))
    # a platform right after a lead word is the venue itself ("wrote on Facebook")
    for m in lex.platforms.finditer(text, start, end):
        before = text[max(start, m.start() - 12):m.start()].rstrip().rsplit(None, 1)
        if before and before[-1].casefold() in ("on", "in", "via", "на", "в", "у") and \
                _outside(m.start(), m.end(), exclude) and \
                not any(v.start <= m.start() < v.end for v in out):
            out.append(Venue(m.start(), m.end(), m.group()))
    out.sort(key=lambda v: v.start)
    return out


def find_provenance(text: str, start: int, end: int,
                    exclude: Sequence[tuple[int, int]] = ()) -> Provenance:
    """The first venue and the carrier chain of ``text[start:end]``, outside ``exclude``."""
    venues = find_venues(text, start, end, exclude)
    return Provenance(venues[0] if venues else None, tuple(find_carriers(text, start, end, exclude)))


# -- the stage ----------------------------------------------------------------------------------


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


def speaker_key(st: Statement, lex: Lexicon | None = None) -> str | None:
    """The statement's speaker as a comparable string; ``None`` for a bare pronoun or no speaker."""
    lex = lex or lexicon()
    for s in (st.speaker, st.speaker_mention):
        if s and _norm(s) not in lex.pronouns:
            return _norm(s)
    return None


def same_speaker(a: str | None, b: str | None) -> bool:
    """Equal, or one holds the other as whole words ("umerov" ~ "rustem umerov")."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long_) is not None


def _is_outlet_speaker(st: Statement, c: Carrier, lex: Lexicon) -> bool:
    for s in (st.speaker, st.speaker_mention):
        if s and (lex.keys.get(_norm(s)) == c.key or _norm(s) == _norm(c.text)):
            return True
    return False


def _drop_speaker(p: Provenance, st: Statement, lex: Lexicon) -> Provenance:
    kept = tuple(c for c in p.carriers if not _is_outlet_speaker(st, c, lex))
    return p if len(kept) == len(p.carriers) else Provenance(p.venue, kept)


def _anchor(st: Statement) -> int:
    for p in (st.cue_start, st.speaker_start):
        if p is not None:
            return p
    return st.start


def _region(article: Article, st: Statement) -> tuple[int, int]:
    points = [st.start, max(st.start, st.end - 1)]
    points += [p for p in (st.cue_start, st.speaker_start) if p is not None]
    idx = [article.sentence_index(p) for p in points]
    return article.sentences[min(idx)].start, article.sentences[max(idx)].end


def _own(article: Article, sts: list[Statement], exclude: list[tuple[int, int]],
         lex: Lexicon) -> list[Provenance]:
    """Provenance found in each statement's own sentences; a match shared by statements of
    different speakers goes to the speaker whose cue (or mention) is nearest to it."""
    text = article.text
    regions = [_region(article, st) for st in sts]
    keys = [speaker_key(st, lex) for st in sts]
    cache: dict[tuple[int, int], tuple[list[Venue], list[Carrier]]] = {}
    out: list[Provenance] = []
    for i, st in enumerate(sts):
        a, b = regions[i]
        if (a, b) not in cache:
            cache[(a, b)] = (find_venues(text, a, b, exclude), find_carriers(text, a, b, exclude))
        venues, carriers = cache[(a, b)]
        rivals = [_anchor(sts[j]) for j in range(len(sts)) if j != i and regions[j][0] < b
                  and a < regions[j][1] and not same_speaker(keys[i], keys[j])
                  and (keys[i] is not None or keys[j] is not None or sts[j].cue_start != st.cue_start)]
        me = _anchor(st)

        def mine(pos: int, me: int = me, rivals: list[int] = rivals) -> bool:
            return all(abs(pos - me) <= abs(pos - r) for r in rivals)

        vs = [v for v in venues if mine(v.start)]
        cs = tuple(c for c in carriers if mine(c.start))
        out.append(_drop_speaker(Provenance(vs[0] if vs else None, cs), st, lex))
    return out


def _remarks(article: Article, sts: list[Statement], exclude: list[tuple[int, int]],
             own: list[Provenance], lex: Lexicon) -> dict[int, tuple[int, Provenance]]:
    """Statements placed by a nearby remark sentence: index -> (distance, provenance)."""
    text = article.text
    sents = article.sentences
    holding = {article.sentence_index(p) for st in sts for p in (st.start, max(st.start, st.end - 1))}
    near = sorted({k for h in holding for k in range(h - 1, h + 3)
                   if 0 <= k < len(sents) and k not in holding})
    keys = [speaker_key(st, lex) for st in sts]
    placed: dict[int, tuple[int, Provenance]] = {}
    for k in near:
        s = sents[k]
        if any(st.start < s.end and s.start < st.end for st in sts):
            continue
        if not lex.remark.search(text, s.start, s.end):
            continue
        prov = find_provenance(text, s.start, s.end, exclude)
        if not prov:
            continue
        # a name inside the venue or a carrier is not who made the remark
        masked = list(text[s.start:s.end])
        spans = [(c.start, c.end) for c in prov.carriers]
        if prov.venue:
            spans.append((prov.venue.start, prov.venue.end))
        for a, b in spans:
            masked[a - s.start:b - s.start] = " " * (b - a)
        sentence = _norm("".join(masked))
        named = [kk for kk in {x for x in keys if x}
                 if re.search(rf"(?<!\w){re.escape(kk)}(?!\w)", sentence)]
        prev = [i for i, st in enumerate(sts) if st.end <= s.start]
        nxt = [i for i, st in enumerate(sts) if st.start >= s.end]
        pivot = max(prev, key=lambda i: sts[i].end) if prev else (
            min(nxt, key=lambda i: sts[i].start) if nxt else None)
        if pivot is None:
            continue
        target = keys[pivot]
        if named and not any(same_speaker(target, n) for n in named):
            target = named[0] if len(named) == 1 else None
            if target is None:
                continue
        if target is None:
            chosen = [pivot]
        else:
            mine = sorted((i for i in range(len(sts)) if same_speaker(keys[i], target)),
                          key=lambda i: sts[i].start)
            lo = max((sts[i].start for i in mine if own[i] and sts[i].end <= s.start), default=-1)
            hi = min((sts[i].start for i in mine if own[i] and sts[i].start >= s.end), default=len(text))
            chosen = [i for i in mine if not own[i] and lo < sts[i].start < hi]
        for i in chosen:
            dist = min(abs(sts[i].start - s.end), abs(s.start - sts[i].end))
            if i not in placed or dist < placed[i][0]:
                placed[i] = (dist, _drop_speaker(prov, sts[i], lex))
    return placed


@stage("provenance", requires=["speakers.attribute"])
def provenance(article: Article, settings: Settings) -> None:
    sts = article.statements
    if not sts or not article.sentences:
        return
    lex = lexicon()
    order = sorted(range(len(sts)), key=lambda i: (sts[i].start, sts[i].end))
    ordered = [sts[i] for i in order]
    exclude = [(st.start, st.end) for st in ordered if not lex.known.fullmatch(st.text.strip(" .,"))]
    own = _own(article, ordered, exclude, lex)
    found: list[Provenance] = list(own)
    for i, (_, prov) in _remarks(article, ordered, exclude, own, lex).items():
        found[i] = prov
    # "… he told CNN. He added that …": the next statements of the same speaker, uninterrupted
    keys = [speaker_key(st, lex) for st in ordered]
    for i in range(1, len(ordered)):
        prev = found[i - 1]
        if not found[i] and prev and (same_speaker(keys[i], keys[i - 1]) or (
                ordered[i].group is not None and ordered[i].group == ordered[i - 1].group)):
            found[i] = _drop_speaker(prev, ordered[i], lex)
    for pos, i in enumerate(order):
        st, p = ordered[pos], found[pos]
        if not p:
            continue
        sts[i] = replace(
            st,
            venue=st.venue if st.venue is not None else (p.venue.text if p.venue else None),
            reported_by=st.reported_by if st.reported_by is not None else p.reported_by,
        )
