"""``dates``: when a statement was said, resolved against the publication date.

Pure layers (the first three in ``dates_finders``, re-exported here) and a short writer:

* ``parse_header_date``: the date line of a plain-text article's header ("Sunday03 November 2024",
  "3 листопада 2024 року") as ISO; ``ingest.text`` reads ``published`` with it, in every language.
* ``find_date_expressions``: date expressions in a stretch of text, with offsets, from word lists
  under ``lang/<code>/`` (months, weekdays, relative phrases, units, the words around them); no
  dateparser: one compiled grammar per language family, tried only next to a month, weekday, unit or
  relative word or a year found by one C-level pass over the whole text (``dates_scan``). A bare
  year counts only after "in"/"в"/"у" or before "года"/"року" ("the 2023 budget" is no date of
  words).
* ``resolve``: an expression against the publication date, never after it (precision ``day``,
  ``month`` or ``year``; a week is a month or a year, see its docstring).
* ``find_statement_dates``: the expression tied to each statement. Mechanisms, most specific first:

  1. own clause: a date in the sentences holding the statement, its cue or its speaker, outside the
     words of every statement; shared sentences give it to the nearest cue;
  2. pieces of one interrupted quote (one ``group``) share it;
  3. remark sentence: a sentence without a statement of its own that matches a remark pattern
     (``lang/*/remarks.txt``: "He made this remark on October 18 …") dates every statement of its
     speaker that has none, back and forth up to that speaker's own-dated statements;
  4. event sentence: a sentence that quotes nobody under speaker S's name but names S, with a word
     about words next to the date and the name ("in August 2023, such an idea was expressed by …
     Jensen"; "in an interview with FT published on October 4"), dates S's statements in the next
     ``EVENT_WINDOW`` sentence(s);
  5. continuation: a statement right after a dated one of the same speaker, in the same or next
     paragraph, shares its date ("On Friday, X said A. He added that B."); a clause nested in the
     words of the one before ("X told Y that Kyiv expects …") does not stand between them.

  Dates inside any statement's words or any quotation are what was talked about, not when; dates
  in relative or "when" clauses ("who ran in 1992") are about another event; neither dates a
  statement. Only the sentences some rule reads are parsed (``Layout.wanted``): in an article of
  forty sentences, a handful; one whose every expression would be inside someone's words only when
  the event rule reads it.

The stage writes ``said_on``/``said_on_precision``/``said_on_text`` (the expression as written, at
offsets the finder keeps), else the publication date with precision ``published``; without a
publication date it leaves all three null. ``Article.published`` is read as ISO (a time after the
date is ignored) or, failing that, as a header date line ("Sunday03 November 2024").
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property, partial
from typing import Literal

from .dates_finders import (
    DateExpr,
    Precision,
    clause_words,
    find_date_expressions,
    find_sentence_dates,
    find_span_dates,
    month_forms,
    parse_header_date,
    resolve,
    weekday_forms,
)
from .dates_layout import EVENT_WINDOW, Layout
from .dates_scan import Scan, find_remark, norm_words, scan_text, speaks_of_words, word_lists_of
from .lang import load_lines
from .model import Article, Statement, replace_statement
from .pipeline import stage
from .provenance import find_provenance, outermost, same_speaker, speaker_key
from .provenance_finders import lexicon
from .settings import Settings

__all__ = ["DateExpr", "SaidOn", "find_date_expressions", "find_sentence_dates", "find_statement_dates",
           "month_forms", "parse_header_date", "resolve", "weekday_forms"]


# -- tying expressions to statements ------------------------------------------------------------

# A date in a sentence that names a speaker's words dates that speaker's statements in at most
# EVENT_WINDOW (``dates_layout``) following sentences ...
# ... when a word about words stands within this many characters of the date and the name.
NEAR = 30
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_LEADING_THE = re.compile(r"(?:the|The)\s+")


@dataclass(frozen=True, slots=True)
class SaidOn:
    """The date a statement was made, the expression it comes from and the rule that tied it."""

    said_on: str
    precision: Precision
    text: str
    start: int
    end: int
    rule: Literal["own", "group", "remark", "event", "follows"]


@dataclass(frozen=True, slots=True)
class _Found:
    expr: DateExpr
    value: str
    precision: Precision
    sentence: int

    def said_on(self, rule: Literal["own", "group", "remark", "event", "follows"]) -> SaidOn:
        x = self.expr
        return SaidOn(self.value, self.precision, x.text, x.start, x.end, rule)


def _names(st: Statement) -> tuple[tuple[str, ...], str | None]:
    """The speaker's proper names as they may be written again (the canonical name, the mention when
    it is a name), and a person's surname, which counts only where no other speaker shares it."""
    names: set[str] = set()
    surname: str | None = None
    for s in (st.speaker, st.speaker_mention):
        if not s:
            continue
        bare = " ".join(_LEADING_THE.sub("", s.strip(), count=1).split())
        if bare[:1].isupper() and norm_words(bare) not in _pronouns():
            names.add(bare)
            last = bare.split()[-1]
            if st.speaker_type in (None, "person") and len(bare.split()) > 1 and len(last) >= 4 \
                    and last[:1].isupper():
                surname = surname or last
    return tuple(sorted(names, key=len, reverse=True)), surname


def _name_hits(text: str, start: int, end: int, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the names stand in ``text[start:end]`` as whole words; a Cyrillic name with any short
    case ending (Умеров, Умерова)."""
    out = []
    for n in names:
        cyrillic = "\u0400" <= n[-1] <= "\u04ff"
        pos = text.find(n, start, end)
        while pos >= 0:
            e = pos + len(n)
            if cyrillic:
                while e < end and e - pos - len(n) < 3 and "\u0400" <= text[e] <= "\u04ff":
                    e += 1
            if (pos == 0 or not text[pos - 1].isalnum()) and (e >= len(text) or not text[e].isalnum()):
                out.append((pos, e))
            pos = text.find(n, pos + 1, end)
    return out


@cache
def _pronouns() -> frozenset[str]:
    return frozenset(norm_words(line.split()[0]) for line in load_lines("en", "pronouns"))


_SPEAKER = operator.attrgetter("speaker", "speaker_mention")
_GROUP = operator.attrgetter("group")


def _speaker_keys(sts: list[Statement]) -> list[str | None]:
    """``speaker_key`` of each statement, read once per speaker and mention."""
    lex = lexicon()
    pairs = list(map(_SPEAKER, sts))
    keys = {pair: speaker_key(st, lex) for pair, st in dict(zip(pairs, sts, strict=True)).items()}
    return list(map(keys.__getitem__, pairs))


def _anchor(st: Statement) -> int:
    for p in (st.cue_start, st.speaker_start):
        if p is not None:
            return p
    return st.start


class _Context:
    """The statements of one article in text order, with the indexes the rules look things up in
    (those only some rules read are made when first read)."""

    def __init__(self, article: Article, layout: Layout, found: dict[int, list[_Found]], scan: Scan,
                 later: list[int], parse: Callable[[int], list[_Found]]) -> None:
        self.article, self.scan = article, scan
        self.order, self.sts = layout.order, layout.sts
        self.by_sentence, self.layout = layout.by_sentence, layout
        self.keys = _speaker_keys(self.sts)
        self.found = found  # sentence -> its dates (those that have any)
        self.dated = sorted(found)  # the sentences with a date
        # the sentences ``_events`` reads: those and the ones left for later (``found_in``)
        self.event_sentences = sorted({*self.dated, *later})
        self._later, self._parse = set(later), parse
        self.starts = layout.starts
        self.quotations = article.quotations
        self.in_words = layout.in_words
        self._mates: dict[str, list[int]] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        self._surnames: dict[str, set[str]] | None = None

    def found_in(self, k: int) -> list[_Found]:
        """The dates of sentence ``k``, parsed now if it was left for later (``Layout.wanted``)."""
        if k in self._later:
            self._later.discard(k)
            if found := self._parse(k):
                self.found[k] = found
        return self.found.get(k, [])

    @cached_property
    def ends(self) -> list[tuple[int, int]]:
        """``(end, statement)`` in order of the ends."""
        return sorted((st.end, i) for i, st in enumerate(self.sts))

    @cached_property
    def _by_key(self) -> dict[str, list[int]]:
        by_key: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            if key is not None:
                by_key.setdefault(key, []).append(i)
        return by_key

    @cached_property
    def _by_word(self) -> dict[str, set[str]]:
        by_word: dict[str, set[str]] = {}
        for key in self._by_key:
            for w in key.split():
                by_word.setdefault(w, set()).add(key)
        return by_word

    @cached_property
    def mentions(self) -> list[tuple[int, int, int]]:
        """The speaker mentions ``(start, end, statement)`` in order."""
        return sorted((st.speaker_start, st.speaker_end, i) for i, st in enumerate(self.sts)
                      if st.speaker_start is not None and st.speaker_end is not None)

    def speakers(self) -> list[str]:
        return list(self._by_key)

    def names(self, key: str | None) -> tuple[str, ...]:
        """The proper names of speaker ``key`` (from its first statement that has any), with its
        surname unless another speaker of the article ends in the same word (two Khans)."""
        if key is None:
            return ()
        if key not in self._names:
            if self._surnames is None:
                self._surnames = {}
                for k in self._by_key:
                    self._surnames.setdefault(k.split()[-1], set()).add(k)
            found: tuple[str, ...] = ()
            for i in self._by_key.get(key, ()):
                names, surname = _names(self.sts[i])
                if names:
                    others = {k for k in self._surnames.get(surname.casefold(), set())
                              if not same_speaker(k, key)} if surname else set()
                    found = names + ((surname,) if surname and not others and surname not in names else ())
                    break
            self._names[key] = found
        return self._names[key]

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The speaker mentions ``(start, end, statement)`` inside ``[start, end)``."""
        k = bisect.bisect_left(self.mentions, (start, -1, -1))
        out = []
        while k < len(self.mentions) and self.mentions[k][0] < end:
            out.append(self.mentions[k])
            k += 1
        return out

    def in_quotation(self, a: int, b: int) -> bool:
        return any(q.start < b and a < q.end for q in self.quotations)

    def mates(self, key: str | None) -> list[int]:
        """The statements (in text order) whose speaker is ``key`` ("umerov" ~ "rustem umerov")."""
        if key is None:
            return []
        if key not in self._mates:
            near = {k for w in key.split() for k in self._by_word.get(w, ())}
            self._mates[key] = sorted(i for k in near if same_speaker(k, key) for i in self._by_key[k])
        return self._mates[key]


def _sentence_dates(article: Article, pub: date, layout: Layout) \
        -> tuple[dict[int, list[_Found]], Scan, list[int], Callable[[int], list[_Found]]]:
    """The resolved dates of the sentences that have any (only those ``Layout.wanted`` reads; not
    those in a relative or "when" clause, nor those after the publication date), the scan they were
    found with, the sentences left for later and how to read one of those. Only the sentences
    holding a hit of the scan are looked at (a few in ten): no list over every sentence."""
    text, sents, n = article.text, article.sentences, len(article.sentences)
    langs, language = article.sentence_languages, article.language or ""
    seen = {x or language for x in set(langs[:n])} | ({""} if len(langs) < n else set())
    scan = scan_text(text, sents[0].start, sents[-1].end, word_lists_of(seen))
    hits: dict[int, list[int]] = {}  # sentence -> its hits
    sentence_of = partial(bisect.bisect_right, layout.sentence_starts)
    for k, p in zip(map(sentence_of, scan.hits), scan.hits, strict=True):
        if p < sents[k].end:
            hits.setdefault(k, []).append(p)

    def parse(k: int) -> list[_Found]:
        lang = (langs[k] or language) if k < len(langs) else ""
        s, inside = sents[k], Scan(hits[k], scan.spaced, scan.base)
        return _resolved(k, find_span_dates(text, s.start, s.end, lang, inside), pub)

    later: list[int] = []
    wanted = layout.wanted(article, scan, later)
    found = {k: f for k in hits if wanted(k) and (f := parse(k))}
    return found, scan, later, parse


def _resolved(k: int, exprs: list[DateExpr], pub: date) -> list[_Found]:
    found = []
    for x in exprs:
        r = resolve(x, pub) if not x.in_clause else None
        if r is not None:
            found.append(_Found(x, r[0], r[1], k))
    return found


def _distance(x: DateExpr, pos: int) -> int:
    return pos - x.end if x.end <= pos else max(0, x.start - pos)


def _in_insertion(text: str, st: Statement, x: DateExpr) -> bool:
    """Is the date inside a relative clause set between the speaker and the cue ("Sandy Phillips,
    who lost her daughter in Aurora, Colorado, in July 2012, said")? Such a clause tells of another
    event; an insertion that is no clause ("Stoltenberg, in an interview published on October 4,
    suggested") keeps its date."""
    if st.speaker_end is None or st.cue_start is None or not st.speaker_end <= x.start < st.cue_start:
        return False
    lead = _WORD.search(text, st.speaker_end, x.start)
    gap = text[st.speaker_end:lead.start()] if lead else ""
    return lead is not None and "," in gap and lead.group().lower() in clause_words()


def _own(c: _Context) -> list[SaidOn | None]:
    """Rule 1: a date in the statement's own sentences, outside the words of every statement. A date
    in a sentence shared by statements of different speakers goes to the one whose cue (or speaker
    mention) is nearest; among several dates the nearest to the cue wins."""
    text, sts, keys = c.article.text, c.sts, c.keys
    anchors: dict[int, int] = {}
    best: dict[int, tuple[int, _Found]] = {}
    # sentence by sentence (the regions of statements in order), each usable date with the
    # statements whose region holds its sentence, nearest anchor first
    for k in c.dated:
        found, claimants = c.found[k], c.by_sentence.get(k)
        if not claimants:
            continue
        for j in claimants:
            if j not in anchors:
                anchors[j] = _anchor(sts[j])
        for f in found:
            if c.in_words(f.expr.start, f.expr.end):
                continue
            ranked = sorted((_distance(f.expr, anchors[j]), j) for j in claimants)
            for i in claimants:
                if _in_insertion(text, sts[i], f.expr):
                    continue
                d = _distance(f.expr, anchors[i])
                # the nearest statement of another speaker, if it is nearer, takes the date
                rival = next((rd for rd, j in ranked if j != i and not same_speaker(keys[i], keys[j])),
                             None) if len(ranked) > 1 else None
                if (rival is None or d <= rival) and (i not in best or d < best[i][0]):
                    best[i] = (d, f)
    out: list[SaidOn | None] = [None] * len(sts)
    for i, (_, f) in best.items():
        out[i] = f.said_on("own")
    return out


def _remarks(c: _Context, dated: list[SaidOn | None]) -> dict[int, tuple[int, SaidOn]]:
    """Rule 2: a remark sentence ("He made this remark on October 18 during an interview") that holds
    no statement and a date dates every statement of its speaker without a date of its own, back and
    forth up to that speaker's nearest statements that have one. Its speaker is the one of the
    statement just before it (else just after it), unless the sentence names another speaker outside
    its venue and carriers."""
    text, sts = c.article.text, c.sts
    placed: dict[int, tuple[int, SaidOn]] = {}
    for k in c.dated:
        s = c.article.sentences[k]
        if c.layout.holds(k):
            continue
        m = find_remark(text, s.start, s.end, c.scan)
        if not m or not sts:
            continue
        f = min(c.found[k], key=lambda f: _distance(f.expr, m.end()))
        prov = find_provenance(text, s.start, s.end)
        masked = [(x.start, x.end) for x in prov.carriers]
        if prov.venue:
            masked.append((prov.venue.start, prov.venue.end))
        named = {key for key in c.speakers()
                 if any(all(e <= a or b <= p for a, b in masked)
                        for p, e in _name_hits(text, s.start, s.end, c.names(key)))}
        before = bisect.bisect_right(c.ends, (s.start, len(sts))) - 1
        pivot = outermost(c.ends, before, sts) if before >= 0 else bisect.bisect_left(c.starts, s.end)
        if pivot >= len(sts):
            continue
        target = c.keys[pivot]
        if named and not any(same_speaker(target, n) for n in named):
            if len(named) != 1:
                continue
            target = next(iter(named))
        if target is None:
            chosen = [pivot] if dated[pivot] is None else []
        else:
            mine = c.mates(target)
            # (a statement dated by this very sentence, "X said A. This was stated by X on Tuesday",
            # does not bound it)
            bounds = [i for i in mine if (d := dated[i]) is not None and not s.start <= d.start < s.end]
            lo = max((sts[i].start for i in bounds if sts[i].end <= s.start), default=-1)
            hi = min((sts[i].start for i in bounds if sts[i].start >= s.end), default=len(text))
            chosen = [i for i in mine if dated[i] is None and lo < sts[i].start < hi]
        for i in chosen:
            dist = min(abs(sts[i].start - s.end), abs(s.start - sts[i].end))
            if i not in placed or dist < placed[i][0]:
                placed[i] = (dist, f.said_on("remark"))
    return placed


def _events(c: _Context, dated: list[SaidOn | None]) -> dict[int, SaidOn]:
    """Rule 4: a sentence that names a speaker S who has no statement in it, with a word about words
    (said, an interview, such an idea) within ``NEAR`` characters of the date and the name, dates
    S's statements in the next ``EVENT_WINDOW`` sentence(s) that have no date, up to the first that
    has one ("in August 2023, such an idea was expressed by ... Jensen" → Jensen's next quote; "in
    an interview with FT published on October 4" → the next statement of FT). The date nearest the
    name counts. Not counted: a date inside S's own words (what X said happened on Friday is not
    when X said it) or inside quotation marks; a name inside another speaker's mention ("Clinton
    spokesman Jesse Ferguson"); a surname another speaker of the article shares. A date inside
    another speaker's reported clause does count ("the journalists reminded that in August 2023 ...
    Jensen" speaks of Jensen's words)."""
    text, sts, sents = c.article.text, c.sts, c.article.sentences
    out: dict[int, SaidOn] = {}
    for k in c.event_sentences:
        s = sents[k]
        stop = sents[min(k + EVENT_WINDOW, len(sents) - 1)].end
        window = range(bisect.bisect_left(c.starts, s.end), bisect.bisect_left(c.starts, stop))
        if not window:
            continue
        about: bool | None = None  # whether the sentence speaks of words, read once a name is found
        here = {c.keys[j] for j in c.by_sentence.get(k, ())}
        for key in dict.fromkeys(c.keys[i] for i in window):
            if any(same_speaker(key, h) for h in here):  # quoted here: rule 1 or the continuation
                continue
            # a name inside another speaker's mention ("Clinton spokesman Jesse Ferguson") is not them
            names = [p for p, e in _name_hits(text, s.start, s.end, c.names(key))
                     if not any(a <= p and e <= b and not same_speaker(c.keys[j], key)
                                for a, b, j in c.mentions_in(s.start, s.end))]
            if not names:
                continue
            if about is None:
                about = speaks_of_words(text, s.start, s.end, c.scan)
            if not about:
                break
            own = [(sts[j].start, sts[j].end) for j in c.by_sentence.get(k, ())
                   if same_speaker(c.keys[j], key)]
            # not inside the speaker's own words, nor inside quotation marks (someone's words)
            cands = [f for f in c.found_in(k) if all(f.expr.end <= a or b <= f.expr.start for a, b in own)
                     and not c.in_quotation(f.expr.start, f.expr.end)]
            if not cands:
                continue
            f = min(cands, key=lambda f: min(_distance(f.expr, n) for n in names))
            n = min(names, key=lambda n: _distance(f.expr, n))
            # the words event is told next to the date and the name, not elsewhere in the sentence
            lo, hi = max(s.start, min(n, f.expr.start) - NEAR), min(s.end, max(n, f.expr.end) + NEAR)
            if not speaks_of_words(text, lo, hi, c.scan):
                continue
            for j in window:
                if same_speaker(c.keys[j], key):
                    if dated[j] is not None:
                        break
                    out.setdefault(j, f.said_on("event"))
    return out


def _retied(said: SaidOn, rule: Literal["group", "follows"]) -> SaidOn:
    return SaidOn(said.said_on, said.precision, said.text, said.start, said.end, rule)


def _share_groups(groups: list[str | None], dated: list[SaidOn | None]) -> None:
    """The pieces of one interrupted quote (one ``group``) share the date of the first dated one."""
    by_group: dict[str, SaidOn] = {}
    for g, d in zip(groups, dated, strict=True):
        if g is not None and d is not None:
            by_group.setdefault(g, d)
    if by_group:
        for i, g in enumerate(groups):
            if dated[i] is None and g is not None and g in by_group:
                dated[i] = _retied(by_group[g], "group")


def find_statement_dates(article: Article) -> list[SaidOn | None]:
    """The date of each statement of ``article.statements`` (same order), None where no expression
    is tied to it. Rules, most specific first: the statement's own sentences (``_own``); the pieces of
    one interrupted quote share it; a remark sentence about its speaker (``_remarks``); a sentence
    that speaks of its speaker's words (``_events``); a statement right after a dated one of the same
    speaker in the same or the next paragraph shares its date ("On Friday, X said A. He added that
    B."). Dates inside any statement's words never say when that statement was made."""
    pub = _published(article)
    if pub is None or not article.statements or not article.sentences:
        return [None] * len(article.statements)
    layout = Layout(article)
    found, scan, later, parse = _sentence_dates(article, pub, layout)
    if not found and not later:
        return [None] * len(article.statements)
    c = _Context(article, layout, found, scan, later, parse)
    groups = list(map(_GROUP, c.sts))
    dated = _own(c)
    _share_groups(groups, dated)
    for i, (_, said) in _remarks(c, dated).items():
        dated[i] = dated[i] or said
    for i, said in _events(c, dated).items():
        dated[i] = dated[i] or said
    paragraph = list(map(partial(bisect.bisect_right, [p.start for p in article.paragraphs]), c.starts))
    outer = 0  # the last statement not inside the words of the one before it
    for i in range(1, len(c.sts)):
        # a statement nested in the words of the one before ("told X that Ukraine expects …")
        # follows that one; any other follows the last statement outside such words
        nested = c.sts[i].end <= c.sts[i - 1].end
        k = i - 1 if nested else outer
        prev = dated[k]
        if prev is not None and dated[i] is None and same_speaker(c.keys[i], c.keys[k]) \
                and paragraph[i] - paragraph[k] <= 1:
            dated[i] = _retied(prev, "follows")
        if not nested:
            outer = i
    _share_groups(groups, dated)
    # back to the order of ``article.statements``
    return list(map(dated.__getitem__, sorted(range(len(c.order)), key=c.order.__getitem__)))


def _published(article: Article) -> date | None:
    if not article.published:
        return None
    value = str(article.published).strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        iso = parse_header_date(value)  # "Sunday03 November 2024", "3 листопада 2024 року"
        return date.fromisoformat(iso) if iso else None


@stage("dates", requires=["speakers.attribute"])
def dates(article: Article, settings: Settings) -> None:
    """Write ``said_on``, ``said_on_precision`` and ``said_on_text`` of every statement: the tied
    expression, else the publication date with precision ``published``; all null without one.
    (Every statement of every article is written: one comprehension, no call per statement but
    ``replace_statement``.)"""
    pub = _published(article)
    if pub is None:
        return
    published = {"said_on": pub.isoformat(), "said_on_precision": "published", "said_on_text": None}
    article.statements = [
        st if st.said_on is not None
        else replace_statement(st, **published) if said is None
        else replace_statement(st, said_on=said.said_on, said_on_precision=said.precision,
                               said_on_text=said.text)
        for st, said in zip(article.statements, find_statement_dates(article), strict=True)]
