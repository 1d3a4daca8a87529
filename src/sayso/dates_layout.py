"""Where the statements of an article stand among its sentences, for ``sayso.dates``: read before
any date is looked for, to parse only the sentences some rule of that stage may read (in an article
of forty sentences, a handful), and reused by its rules."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable
from functools import cached_property, partial
from itertools import accumulate, repeat

from .dates_scan import Scan, find_remark, speaks_of_words
from .model import Article

# A date in a sentence that names a speaker's words dates that speaker's statements in at most this
# many following sentences (``dates._events``).
EVENT_WINDOW = 1

_START = operator.attrgetter("start")
_END = operator.attrgetter("end")
_ROW = operator.attrgetter("start", "end", "cue_start", "speaker_start")
_SPAN = operator.attrgetter("start", "end")


class Layout:
    """The statements of one article in text order and the sentences each touches: read before any
    date is looked for (which sentences are worth parsing), reused by ``dates._Context``."""

    def __init__(self, article: Article) -> None:
        spans = list(map(_SPAN, article.statements))
        self.order = sorted(range(len(spans)), key=spans.__getitem__)  # stable: ties in their order
        self.sts = sts = list(map(article.statements.__getitem__, self.order))
        self.quotations = article.quotations
        self.sentence_starts = list(map(_START, article.sentences[1:]))  # bisect_right: the sentence
        sentence_of = partial(bisect.bisect_right, self.sentence_starts)
        # each statement's start, the sentences holding its first and last character, and sentence
        # -> the statements whose words, cue or speaker touch it or a sentence between
        starts: list[int] = []
        first: list[int] = []
        last: list[int] = []
        self.starts, self.first, self.last = starts, first, last
        self.by_sentence: dict[int, list[int]] = {}
        claim = self.by_sentence.setdefault
        for i, (a, b, cue, who) in enumerate(map(_ROW, sts)):  # one loop (a pass per field cost more)
            starts.append(a)
            lo = hi = sentence_of(a)
            first.append(lo)
            if b - 1 > a:
                hi = sentence_of(b - 1)
            last.append(hi)
            # its cue and speaker (a missing one: the statement's first character)
            k = lo if cue is None else sentence_of(cue)
            j = lo if who is None else sentence_of(who)
            if k < lo or j < lo:
                lo = k if k < j else j
            if k > hi or j > hi:
                hi = k if k > j else j
            if lo == hi:
                claim(lo, []).append(i)
                continue
            for k in range(lo, hi + 1):
                claim(k, []).append(i)
        self.furthest = list(accumulate(last, max))  # the last sentence of any statement so far

    def wanted(self, article: Article, scan: Scan, later: list[int]) -> Callable[[int], bool]:
        """Which sentences' dates a rule may read (the others are not parsed): those a statement's
        words, cue or speaker touch (``_own``), but those whose every expression would be inside
        someone's words (``inside_words``: put in ``later``, for ``_events`` to parse if it reads
        them); those just before a statement starts that speak of someone's words (``_events``
        reads no other); any that matches a remark pattern (``_remarks``)."""
        text, sents, claimed, first = article.text, article.sentences, self.by_sentence, self.first

        def wanted(k: int) -> bool:
            a, b = sents[k].start, sents[k].end
            if k in claimed:
                hits = scan.hits[bisect.bisect_left(scan.hits, a):bisect.bisect_left(scan.hits, b)]
                if self.inside_words(k, hits):
                    later.append(k)
                    return False
                return True
            # a statement starts in the EVENT_WINDOW sentences after k (first sentences are in order)
            j = bisect.bisect_right(first, k)
            before = j < len(first) and first[j] <= k + EVENT_WINDOW
            return (before and speaks_of_words(text, a, b, scan)) \
                or find_remark(text, a, b, scan) is not None

        return wanted

    def inside_words(self, k: int, hits: list[int]) -> bool:
        """Does sentence ``k`` hold words of a statement (it is no remark sentence then) and is each
        of its ``hits`` (every expression holds one) inside the words of a statement or a quotation
        (``_own`` drops a date there)? Then only ``_events`` may read its dates, and seldom does."""
        if not self.holds(k):
            return False
        starts, ends = self._words  # ``in_words(p, p + 1)`` of each hit, inline
        return all(map(operator.gt, map(bisect.bisect_right, repeat(starts), hits),
                       map(bisect.bisect_right, repeat(ends), hits)))

    @cached_property
    def _words(self) -> tuple[list[int], list[int]]:
        """The words of every statement and every quotation (a quote no statement kept is still
        words): their starts in order and their ends in order. The spans with a start before ``b``
        and not an end up to ``a`` are those that overlap ``[a, b)`` (a span that ends by ``a``
        starts before it): two sorts of numbers, no sort of pairs nor running maximum."""
        sts, quotations = self.sts, self.quotations
        return (sorted([*map(_START, sts), *map(_START, quotations)]),
                sorted([*map(_END, sts), *map(_END, quotations)]))

    def in_words(self, a: int, b: int) -> bool:
        """Does ``[a, b)`` overlap the words of any statement or quotation?"""
        starts, ends = self._words
        return bisect.bisect_left(starts, b) > bisect.bisect_right(ends, a)

    def holds(self, k: int) -> bool:
        """Does sentence ``k`` hold words of a statement? (Statements are in text order: their
        first sentences too.)"""
        j = bisect.bisect_right(self.first, k)
        return j > 0 and self.furthest[j - 1] >= k
