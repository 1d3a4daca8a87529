"""``provenance``: the venue of a statement and the outlets that carried it.

The finders (``provenance_finders``: ``find_venues``, ``find_carriers``, ``find_provenance``) read
a range of the text; the stage ties what they find to statements, most specific first:
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
from bisect import bisect_right
from dataclasses import dataclass

from .model import Article, Statement, replace_statement
from .pipeline import stage
from .provenance_finders import (
    Carrier,
    Lexicon,
    Provenance,
    Venue,
    find_carriers,
    find_provenance,
    find_venues,
    lexicon,
    may_hold_remark,
    remark_filter,
    scan,
)
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


@dataclass(slots=True)
class _Doc:
    """The statements of one article (in text order) with what the stage looks up about them."""

    article: Article
    sts: list[Statement]
    keys: list[str | None]
    spans: list[tuple[int, int]]  # sentence index range of each statement's words
    regions: list[tuple[int, int]]  # ... of its words, cue and speaker mention
    touching: dict[int, list[int]]  # sentence index -> statements whose words touch it
    hides: list[bool]  # whether a statement's words hide what they say from its provenance
    _groups: list[int] | None = None

    @property
    def groups(self) -> list[int]:
        """The speaker group of each statement (-1: no named speaker), worked out when first asked."""
        if self._groups is None:
            self._groups = _speaker_groups(self.keys)
        return self._groups

    @classmethod
    def of(cls, article: Article, sts: list[Statement], lex: Lexicon) -> _Doc:
        starts = [s.start for s in article.sentences]

        def idx(offset: int) -> int:
            return max(0, bisect_right(starts, offset) - 1)

        spans, regions = [], []
        touching: dict[int, list[int]] = {}
        for i, st in enumerate(sts):
            lo, hi = idx(st.start), idx(max(st.start, st.end - 1))
            spans.append((lo, hi))
            # the cue's and the mention's sentences, when near (a speaker found paragraphs away by
            # coreference does not bring the sentences in between)
            extra = [k for p in (st.cue_start, st.speaker_start) if p is not None
                     for k in (idx(p),) if lo - 2 <= k <= hi + 2]
            regions.append((min([lo, *extra]), max([hi, *extra])))
            for k in range(lo, hi + 1):
                touching.setdefault(k, []).append(i)
        # a statement that is only an outlet's name ("Radio Liberty" in quotation marks) hides nothing
        hides = [st.text.strip(" .,").casefold() not in lex.keys for st in sts]
        keys = [speaker_key(st, lex) for st in sts]
        return cls(article, sts, keys, spans, regions, touching, hides)

    def exclude(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The statements' words in sentences ``lo..hi``: nothing found there counts."""
        seen = {i for k in range(lo, hi + 1) for i in self.touching.get(k, ())}
        return [(self.sts[i].start, self.sts[i].end) for i in seen if self.hides[i]]

    def chars(self, lo: int, hi: int) -> tuple[int, int]:
        return self.article.sentences[lo].start, self.article.sentences[hi].end


def _owner(doc: _Doc, j: int) -> tuple[str, int]:
    """Who a match near statement ``j`` goes to: its speaker's group, else its cue, else itself."""
    if doc.groups[j] >= 0:
        return ("speaker", doc.groups[j])
    cue = doc.sts[j].cue_start
    return ("cue", cue) if cue is not None else ("statement", j)


def _own(doc: _Doc, lex: Lexicon) -> list[Provenance]:
    """Provenance found in each statement's own sentences; a match shared by statements of
    different speakers goes to the speaker whose cue (or mention) is nearest to it."""
    text = doc.article.text
    sts = doc.sts
    cache: dict[tuple[int, int], list[tuple[Venue | Carrier, tuple[str, int]]]] = {}
    out: list[Provenance] = []
    for i, st in enumerate(sts):
        lo, hi = doc.regions[i]
        if (lo, hi) not in cache:
            venues, carriers = scan(text, *doc.chars(lo, hi), doc.exclude(lo, hi), lex)
            matches: list[Venue | Carrier] = [*venues, *carriers]
            owned: list[tuple[Venue | Carrier, tuple[str, int]]] = []
            near = {j for k in range(lo, hi + 1) for j in doc.touching.get(k, ())} | {i} if matches else set()
            anchors = sorted((_anchor(sts[j]), j) for j in near)
            points = [a for a, _ in anchors]
            for match in matches:
                at = bisect_right(points, match.start)
                j = min(anchors[max(0, at - 1):at + 1], key=lambda a: abs(a[0] - match.start))[1]
                owned.append((match, _owner(doc, j)))
            cache[(lo, hi)] = owned
        if not cache[(lo, hi)]:
            out.append(Provenance(None, ()))
            continue
        me = _owner(doc, i)
        mine = [m for m, who in cache[(lo, hi)] if who == me]
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
    parent = list(range(len(distinct)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

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
                    parent[root(j)] = root(i)
    ids = {k: root(i) for i, k in enumerate(distinct)}
    return [ids[k] if k else -1 for k in keys]


def _tokens(s: str) -> str:
    return " " + " ".join(re.findall(r"\w+", s)) + " "


def _remarks(doc: _Doc, own: list[Provenance], lex: Lexicon) -> dict[int, tuple[int, Provenance]]:
    """Statements placed by a nearby remark sentence: index -> (distance, provenance).

    A remark places the statements of its speaker (named in it, else the speaker of the statement
    before it) that have no provenance of their own, the nearest remark winning, never across a
    statement of that speaker with provenance of its own.
    """
    text = doc.article.text
    sents = doc.article.sentences
    sts, keys = doc.sts, doc.keys
    near = sorted({k for lo, hi in doc.spans for k in range(lo - 1, hi + 3)
                   if 0 <= k < len(sents) and k not in doc.touching})
    found = []
    low = remark_filter(text) if near else None
    for k in near:
        s = sents[k]
        if may_hold_remark(low, s.start, s.end, lex) and lex.remark.search(text, s.start, s.end):
            prov = find_provenance(text, s.start, s.end)
            if prov:
                found.append((s, prov))
    if not found:
        return {}
    groups = doc.groups
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
            pivot = ends[before - 1][1]
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
        walls = [sts[i].start for i in members if own[i]]
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
    order = sorted(range(len(sts)), key=lambda i: (sts[i].start, sts[i].end))
    doc = _Doc.of(article, [sts[i] for i in order], lex)
    found = _own(doc, lex)
    own = list(found)
    for i, (_, prov) in _remarks(doc, own, lex).items():
        found[i] = prov
    # "… he told CNN. He added that …": the next statements of the same speaker, uninterrupted
    ordered, keys = doc.sts, doc.keys
    for i in range(1, len(ordered)):
        prev = found[i - 1]
        if not found[i] and prev and (same_speaker(keys[i], keys[i - 1]) or (
                ordered[i].group is not None and ordered[i].group == ordered[i - 1].group)):
            found[i] = _drop_speaker(prev, ordered[i], lex)
    # the article's own outlet did not carry the words before the article ("… told CNN" on cnn.com)
    home = own_outlet_key(article.outlet, lex)
    for pos, i in enumerate(order):
        st, p = ordered[pos], found[pos]
        if home and p.carriers:
            p = Provenance(p.venue, tuple(c for c in p.carriers if home not in (c.key, c.key.casefold())))
        if not p:
            continue
        sts[i] = replace_statement(
            st,
            venue=st.venue if st.venue is not None else (p.venue.text if p.venue else None),
            reported_by=st.reported_by if st.reported_by is not None else p.reported_by,
        )
