"""``provenance``: the venue of a statement and the outlets that carried it.

The finders (``provenance_finders``: ``find_venues``, ``find_carriers``, ``find_provenance``) read
a range of the text; the stage ties what they find to statements, most specific first:
1. the statement's own sentences, outside the words of any statement (a statement that quotes "as
   reported by the publication" does not make the publication its own carrier);
2. a "remark" sentence with no statement of its own ("He made this remark on October 18 during an
   interview with Radio Liberty") near the statement: it places every statement of its speaker that
   has no provenance of its own, up to the nearest statements of that speaker that do;
3. the statements that follow one with its own provenance, by the same speaker with no other speaker
   in between ("… he told CNN. He added that …"); a clause nested in the words before ("told CNN that
   Kyiv expects …") is not in between.
A remark's speaker is the one of the statement before it; of statements that end together, the one
that starts first (the clause nested in its words gives way).
4. a statement inside the words of an outlet's statement, with no carrier of its own, was carried by
   that outlet ("FT reported that Stoltenberg suggested …").
An outlet never carries its own words: a carrier equal to the statement's speaker is dropped.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter

from .disjoint import DisjointSets
from .model import Article, Statement, replace_statement
from .pipeline import stage
from .provenance_finders import (
    Carrier,
    Provenance,
    Venue,
    find_carriers,
    find_provenance,
    find_venues,
    gaps,
    scan_gaps,
)
from .provenance_lexicon import Lexicon, holds_remark, lexicon
from .settings import Settings

__all__ = ["Carrier", "Provenance", "Venue", "find_carriers", "find_provenance", "find_venues",
           "own_outlet_key", "provenance", "same_speaker", "speaker_key"]


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
    return len(short) >= 4 and f" {short} " in f" {long_} "


def _is_outlet_speaker(st: Statement, c: Carrier, lex: Lexicon) -> bool:
    carried = _norm(c.text).removeprefix("the ")
    for s in (st.speaker, st.speaker_mention):
        if s and (lex.keys.get(_norm(s)) == c.key or _norm(s).removeprefix("the ") == carried):
            return True  # ("Journal" and "The Journal" are one outlet)
    return False


def _drop_speaker(p: Provenance, st: Statement, lex: Lexicon) -> Provenance:
    kept = tuple(c for c in p.carriers if not _is_outlet_speaker(st, c, lex))
    return p if len(kept) == len(p.carriers) else Provenance(p.venue, kept)




_SPAN = attrgetter("start", "end")


def _anchor(st: Statement) -> int:
    for p in (st.cue_start, st.speaker_start):
        if p is not None:
            return p
    return st.start


@dataclass(slots=True)
class _Doc:
    """The statements of one article (in text order) with what the stage looks up about them; the
    speakers and who touches which sentence are worked out when first asked (nobody asks about a
    statement with nothing found near it, and most have none)."""

    article: Article
    sts: list[Statement]
    lex: Lexicon
    spans: list[tuple[int, int]]  # sentence index range of each statement's words
    regions: list[tuple[int, int]]  # ... of its words, cue and speaker mention
    hides: list[bool]  # whether a statement's words hide what they say from its provenance
    gaps: list[tuple[int, int]] | None  # the text outside the words that hide what they say (``of``)
    gap_starts: list[int]
    gap_ends: list[int]
    _keys: list[str | None] | None = None
    _known: dict[tuple[str | None, str | None], str | None] | None = None  # (speaker, mention) -> key
    _groups: list[int] | None = None
    _touching: dict[int, list[int]] | None = None

    def key(self, i: int) -> str | None:
        """Statement ``i``'s ``speaker_key``."""
        if self._keys is not None:
            return self._keys[i]
        if self._known is None:
            self._known = {}
        st = self.sts[i]
        who = (st.speaker, st.speaker_mention)
        if who not in self._known:
            self._known[who] = speaker_key(st, self.lex)
        return self._known[who]

    @property
    def keys(self) -> list[str | None]:
        """Every statement's ``speaker_key``."""
        if self._keys is None:
            self._keys = [self.key(i) for i in range(len(self.sts))]
        return self._keys

    @property
    def groups(self) -> list[int]:
        """The speaker group of each statement (-1: no named speaker)."""
        if self._groups is None:
            self._groups = _speaker_groups(self.keys)
        return self._groups

    @property
    def touching(self) -> dict[int, list[int]]:
        """Sentence index -> the statements whose words touch it."""
        if self._touching is None:
            touching: dict[int, list[int]] = {}
            for i, (lo, hi) in enumerate(self.spans):
                for k in range(lo, hi + 1):
                    touching.setdefault(k, []).append(i)
            self._touching = touching
        return self._touching

    @classmethod
    def of(cls, article: Article, sts: list[Statement], lex: Lexicon) -> _Doc:
        starts = [s.start for s in article.sentences]
        starts.append(sys.maxsize)  # past the last sentence
        spans, regions, hides = [], [], []
        hidden: list[tuple[int, int]] = []
        longest, keys = lex.longest_key, lex.keys
        for st in sts:
            start, end = st.start, st.end
            lo = bisect_right(starts, start) - 1
            if lo < 0:
                lo = 0
            # most statements end in the sentence they start in: no second search
            hi = lo if end - 1 < starts[lo + 1] else bisect_right(starts, end - 1) - 1
            spans.append((lo, hi))
            # the cue's and the mention's sentences, when near (a speaker found paragraphs away by
            # coreference does not bring the sentences in between)
            r_lo, r_hi = lo, hi
            for p in (st.cue_start, st.speaker_start):
                if p is not None and not starts[lo] <= p < starts[hi + 1]:  # else in the words' sentences
                    k = bisect_right(starts, p) - 1
                    if k < 0:
                        k = 0
                    if lo - 2 <= k < r_lo:
                        r_lo = k
                    elif r_hi < k <= hi + 2:
                        r_hi = k
            regions.append((r_lo, r_hi))
            # a statement that is only an outlet's name ("Radio Liberty" in quotation marks) hides
            # nothing (case folding never shortens a text: a longer one is no outlet's name)
            words = st.text.strip(" .,")
            hides.append(len(words) > longest or words.casefold() not in keys)
            if hides[-1]:
                hidden.append((start, end))
        # Nothing found in a statement's words counts: a range of sentences is read outside the words of
        # the statements that touch it. With the sentences in order and apart (as ``segment`` makes
        # them), the words of any other statement lie outside the range, so the gaps of every range are
        # cut once, from the whole text.
        last = 0
        for s in article.sentences:
            if not last <= s.start <= s.end:
                return cls(article, sts, lex, spans, regions, hides, None, [], [])
            last = s.end
        outside = gaps(0, len(article.text), hidden)
        return cls(article, sts, lex, spans, regions, hides, outside, [a for a, _ in outside],
                   [b for _, b in outside])

    def region_gaps(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The gaps in sentences ``lo..hi``: their text outside the words of the statements that touch
        them."""
        start, end = self.article.sentences[lo].start, self.article.sentences[hi].end
        gaps_ = self.gaps
        if gaps_ is None:  # sentences that overlap: cut the range's own gaps
            near = {i for k in range(lo, hi + 1) for i in self.touching.get(k, ())}
            return gaps(start, end, [(self.sts[i].start, self.sts[i].end) for i in near if self.hides[i]])
        if start >= end:
            return []
        # the gaps that end after the range starts and start before it ends, the outer two cut to it
        k = bisect_right(self.gap_ends, start)
        out = gaps_[k:bisect_left(self.gap_starts, end, k)]
        if out:
            a, b = out[0]
            if a < start:
                out[0] = (start, b)
            a, b = out[-1]
            if b > end:
                out[-1] = (a, end)
        return out


def _same_owner(doc: _Doc, i: int, j: int) -> bool:
    """Whether a match near statement ``j`` goes to statement ``i``: both have the same speaker (the
    same group), else the same cue, else they are one statement."""
    if i == j:
        return True
    ki, kj = doc.key(i), doc.key(j)
    if ki and kj:
        return ki == kj or doc.groups[i] == doc.groups[j]
    if ki or kj:
        return False
    cue = doc.sts[i].cue_start
    return cue is not None and cue == doc.sts[j].cue_start


_NOTHING = Provenance(None, ())


def _own(doc: _Doc, lex: Lexicon) -> list[Provenance]:
    """Provenance found in each statement's own sentences; a match shared by statements of
    different speakers goes to the speaker whose cue (or mention) is nearest to it."""
    text = doc.article.text
    sts = doc.sts
    cache: dict[tuple[int, int], list[tuple[Venue | Carrier, int]]] = {}  # region -> (match, nearest)
    out: list[Provenance] = []
    for i, st in enumerate(sts):
        region = doc.regions[i]
        owned = cache.get(region)
        if owned is None:
            lo, hi = region
            venues, carriers = scan_gaps(text, doc.region_gaps(lo, hi), lex)
            owned = cache[region] = []
            if venues or carriers:
                near = {j for k in range(lo, hi + 1) for j in doc.touching.get(k, ())} | {i}
                anchors = sorted((_anchor(sts[j]), j) for j in near)
                points = [a for a, _ in anchors]
                matches: list[Venue | Carrier] = [*venues, *carriers]
                for match in matches:
                    at = bisect_right(points, match.start)
                    j = min(anchors[max(0, at - 1):at + 1], key=lambda a: abs(a[0] - match.start))[1]
                    owned.append((match, j))
        if not owned:
            out.append(_NOTHING)
            continue
        mine = [m for m, j in owned if j == i or _same_owner(doc, i, j)]
        vs = [m for m in mine if isinstance(m, Venue)]
        cs = tuple(m for m in mine if isinstance(m, Carrier))
        out.append(_drop_speaker(Provenance(vs[0] if vs else None, cs), st, lex))
    return out


def _masked(text: str, start: int, end: int, prov: Provenance) -> str:
    """The sentence with its venue and carriers blanked out: a name there did not make the remark."""
    chars = list(text[start:end])
    spans = [(c.start, c.end) for c in prov.carriers]
    if prov.venue:
        spans.append((prov.venue.start, prov.venue.end))
    for a, b in spans:
        chars[a - start:b - start] = " " * (b - a)
    return _norm("".join(chars))


def _speaker_groups(keys: list[str | None]) -> list[int]:
    """A group per statement: speakers that name the same person share one ("Umerov", "Rustem
    Umerov"); -1 for a statement with no named speaker."""
    distinct = sorted({k for k in keys if k})
    sets = DisjointSets(len(distinct))
    by_word: dict[str, list[int]] = {}
    for i, k in enumerate(distinct):
        for w in set(k.split()):
            by_word.setdefault(w, []).append(i)
    for i, k in enumerate(distinct):
        for w in set(k.split()):
            if len(by_word[w]) > 50:  # a word every speaker has ("the") links nobody
                continue
            for j in by_word[w]:
                if j > i and same_speaker(k, distinct[j]):
                    sets.join(i, j)
    ids = {k: sets.find(i) for i, k in enumerate(distinct)}
    return [ids[k] if k else -1 for k in keys]


def _tokens(s: str) -> str:
    return " " + " ".join(re.findall(r"\w+", s)) + " "


def _near(spans: list[tuple[int, int]], n: int) -> list[int]:
    """The sentences no statement touches, just before a statement's words or up to two after them."""
    touched = bytearray(n)
    for lo, hi in spans:
        if lo == hi:
            touched[lo] = 1
        else:
            touched[lo:hi + 1] = b"\1" * (hi + 1 - lo)
    near: set[int] = set()
    for lo, hi in set(spans):
        near.update((lo - 1, hi + 1, hi + 2))
    return [k for k in sorted(near) if 0 <= k < n and not touched[k]]


def outermost(ends: list[tuple[int, int]], k: int, sts: list[Statement]) -> int:
    """The statement of ``ends[k]`` (``(end, index)`` pairs in order), or of those that end at the
    same offset the one that starts first: a remark after "Kuleba stated that Kyiv will not agree to
    …" places Kuleba's words, not the clause nested in them."""
    end, best = ends[k]
    while k > 0 and ends[k - 1][0] == end:
        k -= 1
        if sts[ends[k][1]].start < sts[best].start:
            best = ends[k][1]
    return best


def _remarks(doc: _Doc, own: list[Provenance], lex: Lexicon) -> dict[int, tuple[int, Provenance]]:
    """Statements placed by a nearby remark sentence: index -> (distance, provenance).

    A remark places the statements of its speaker (named in it, else the speaker of the statement
    before it) that have no provenance of their own, the nearest remark winning, never across a
    statement of that speaker with provenance of its own.
    """
    text = doc.article.text
    sents = doc.article.sentences
    found = []
    for k in _near(doc.spans, len(sents)):
        s = sents[k]
        if holds_remark(text, s.start, s.end, lex):
            prov = find_provenance(text, s.start, s.end)
            if prov:
                found.append((s, prov))
    if not found:
        return {}
    sts, keys, groups = doc.sts, doc.keys, doc.groups
    names = {_tokens(k): groups[i] for i, k in enumerate(keys) if k}
    name_words: dict[str, list[str]] = {}
    for n in names:
        for w in set(n.split()):
            name_words.setdefault(w, []).append(n)
    ends = sorted((st.end, i) for i, st in enumerate(sts))
    by_group: dict[int, list[tuple[int, int, Provenance]]] = {}
    placed: dict[int, tuple[int, Provenance]] = {}

    def place(i: int, s_start: int, s_end: int, prov: Provenance) -> None:
        dist = min(abs(sts[i].start - s_end), abs(s_start - sts[i].end))
        if i not in placed or dist < placed[i][0]:
            placed[i] = (dist, _drop_speaker(prov, sts[i], lex))

    for s, prov in found:
        sentence = _tokens(_masked(text, s.start, s.end, prov))
        candidates = {n for w in set(sentence.split()) for n in name_words.get(w, ())}
        named = {names[n] for n in candidates if n in sentence}
        before = bisect_right(ends, (s.start, len(sts)))
        if before:
            pivot = outermost(ends, before - 1, sts)
        else:
            pivot = next((i for i, st in enumerate(sts) if st.start >= s.end), -1)
            if pivot < 0:
                continue
        target = groups[pivot]
        if named and target not in named:
            if len(named) > 1:
                continue
            target = next(iter(named))
        if target < 0:
            place(pivot, s.start, s.end, prov)
        else:
            by_group.setdefault(target, []).append((s.start, s.end, prov))
    for g, rems in by_group.items():
        members = [i for i in range(len(sts)) if groups[i] == g]
        # (a statement placed by one of these remarks itself, "A. This was stated by X at a briefing",
        # is no wall)
        walls = [sts[i].start for i in members if own[i] and not any(
            _placed_in(own[i], r[0], r[1]) for r in rems)]
        starts = [r[0] for r in rems]
        for i in members:
            if own[i]:
                continue
            at = bisect_right(starts, sts[i].start)
            for r in rems[max(0, at - 1):at + 1]:
                a, b = sorted((sts[i].start, r[0]))
                nxt = bisect_right(walls, a)
                if nxt < len(walls) and walls[nxt] < b:
                    continue  # a statement of the speaker with its own provenance stands between
                place(i, *r)
    return placed


def _placed_in(p: Provenance, start: int, end: int) -> bool:
    """Was provenance ``p`` found between ``start`` and ``end``?"""
    return any(start <= x.start < end for x in (*((p.venue,) if p.venue else ()), *p.carriers))


def own_outlet_key(outlet: str | None, lex: Lexicon | None = None) -> str | None:
    """The outlet key of the article's own outlet ("CNN", "edition.cnn.com", "https://www.ft.com/x")."""
    if not outlet:
        return None
    lex = lex or lexicon()
    host = re.sub(r"^[a-z]+://", "", outlet.strip().casefold()).split("/")[0].removeprefix("www.")
    labels = host.split(".")
    for i in range(max(1, len(labels) - 1)):
        key = lex.keys.get(".".join(labels[i:]))
        if key:
            return key
    return host


@stage("provenance", requires=["speakers.attribute"])
def provenance(article: Article, settings: Settings) -> None:
    sts = article.statements
    if not sts or not article.sentences:
        return
    lex = lexicon()
    order = sorted(range(len(sts)), key=list(map(_SPAN, sts)).__getitem__)
    doc = _Doc.of(article, [sts[i] for i in order], lex)
    found = _own(doc, lex)
    own = list(found)
    for i, (_, prov) in _remarks(doc, own, lex).items():
        found[i] = prov
    # "… he told CNN. He added that …": the next statements of the same speaker, uninterrupted
    # (a statement nested in the words of the one before follows that one; any other follows the last
    # statement outside such words: "told X that Ukraine expects …. "…," he added.")
    ordered = doc.sts
    outer = 0
    for i in range(1, len(ordered)):
        nested = ordered[i].end <= ordered[i - 1].end
        k = i - 1 if nested else outer
        prev = found[k]
        if prev is not _NOTHING and prev and not found[i] and (same_speaker(doc.key(i), doc.key(k)) or (
                ordered[i].group is not None and ordered[i].group == ordered[k].group)):
            found[i] = _drop_speaker(prev, ordered[i], lex)
        if not nested:
            outer = i
    # the article's own outlet did not carry the words before the article ("… told CNN" on cnn.com)
    home = own_outlet_key(article.outlet, lex)
    for pos, i in enumerate(order):
        st, p = ordered[pos], found[pos]
        if p is _NOTHING:  # most statements
            continue
        if home and p.carriers:
            p = Provenance(p.venue, tuple(c for c in p.carriers if home not in (c.key, c.key.casefold())))
        if not p:
            continue
        venue = st.venue if st.venue is not None else (p.venue.text if p.venue else None)
        reported_by = st.reported_by if st.reported_by is not None else p.reported_by
        if venue is not st.venue or reported_by is not st.reported_by:
            sts[i] = replace_statement(st, venue=venue, reported_by=reported_by)
    _carried_by_outer(sts, order)


def _named_outlet(name: str | None) -> bool:
    """An outlet's name ("The New York Times", "AFP"), not a description typed as a medium ("a report
    from the inspector general")."""
    words = (name or "").split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() or w in ("of", "the", "and", "&")
                                       for w in words)


def _carried_by_outer(sts: list[Statement], order: list[int]) -> None:
    """A statement inside the words of an outlet's statement, with no carrier of its own, was carried
    by that outlet ("As reported by Politico, some European diplomats believe that …", "FT reported
    that Stoltenberg suggested …"): the innermost such outlet is its carrier."""
    if not any(sts[i].speaker_type == "media" for i in order):
        return  # most articles: no outlet speaks
    open_: list[int] = []  # statements whose words are still open, outermost first
    for i in order:
        st = sts[i]
        while open_ and sts[open_[-1]].end <= st.start:
            open_.pop()
        if st.reported_by is None and st.speaker_type != "media":
            outer = next((sts[j] for j in reversed(open_) if sts[j].end >= st.end
                          and sts[j].speaker_type == "media" and _named_outlet(sts[j].speaker)), None)
            if outer is not None and outer.speaker is not None:
                sts[i] = replace_statement(st, reported_by=(outer.speaker,))
        open_.append(i)
