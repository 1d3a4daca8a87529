"""The pure layers of ``dates``: header date lines, date expressions in running text, and their
resolution against a publication date (see ``sayso.dates`` for how they are tied to statements;
``sayso.dates_scan`` for the word lists and the one scan of a text for their words).

Word lists: ``lang/<code>/`` ``months``, ``months_short``, ``weekdays``, ``weekdays_short``,
``date_words`` (the words around expressions, by role), ``relative_dates``, ``date_units``,
``date_fillers`` (header lines only).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import islice
from typing import Literal

from .dates_scan import (
    APOSTROPHES,
    LANGS,
    TOKEN,
    WORD_END,
    WORD_START,
    Scan,
    Unit,
    family,
    norm_words,
    numbered_forms,
    phrase_alternation,
    scan_sentences,
    scan_text,
    speaks_of_words,
    word_alternation,
    word_lists,
    word_roles,
)
from .lang import load_lines


@cache
def month_forms(short: bool = True) -> dict[str, int]:
    """Every month name form of en/ru/uk (lower case) -> month number; abbreviations when ``short``."""
    out = numbered_forms("months")
    if short:
        for k, v in numbered_forms("months_short").items():
            out.setdefault(k, v)
    return out


@cache
def weekday_forms(short: bool = True) -> dict[str, int]:
    """Every weekday name form of en/ru/uk (lower case) -> weekday (Monday 0)."""
    out = numbered_forms("weekdays")
    if short:
        for k, v in numbered_forms("weekdays_short").items():
            out.setdefault(k, v)
    return out


@cache
def _header_fillers() -> frozenset[str]:
    return frozenset(w.lower() for lang in LANGS for w in load_lines(lang, "date_fillers"))


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _year(y: str) -> int:
    return int(y) + 2000 if len(y) == 2 else int(y)


_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC_YMD = re.compile(r"(\d{4})([./-])(\d{1,2})\2(\d{1,2})")
_NUMERIC_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?|[+-]\d{2}:?\d{2}\b")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")
_HEADER_TOKEN = re.compile(r"\d+|[^\W\d_]+(?:'[^\W\d_]+)*")
_HEADER_REST = re.compile(r"[\s,.;:/|()\-–—]*")


def _numeric_header_date(s: str) -> str | None:
    m = _NUMERIC_YMD.fullmatch(s)
    if m:
        return _valid(int(m[1]), int(m[3]), int(m[4]))
    m = _NUMERIC_DMY.fullmatch(s)
    if m:
        a, b, y = int(m[1]), int(m[3]), _year(m[4])
        if m[2] != "/":
            return _valid(y, b, a)  # 03.11.2024, 03-11-2024: day first
        if a > 12:
            return _valid(y, b, a)
        if b > 12:
            return _valid(y, a, b)
        return None  # 11/03/2024: month or day first, undecidable
    return None


def parse_header_date(line: str) -> str | None:
    """The ISO date (``YYYY-MM-DD``) a header line of a plain-text article consists of, else ``None``.

    The whole line must be a date: a day, month and year in any of the usual orders ("3 November
    2024", "November 3, 2024", "2024-11-03", "03.11.2024", "3 ноября 2024 года", "3 листопада 2024
    року"), optionally with a weekday, even one glued to the day ("Sunday03 November 2024", "Sun, 03
    Nov 2024", "неділя, 3 листопада 2024"), a time, a time zone, and a few filler words ("Published:",
    "року"). A line with any other word (a headline, an outlet) is not a date line.
    """
    s = line.strip().lower().translate(APOSTROPHES)
    if not s or len(s) > 80 or not any(c.isdigit() for c in s):
        return None
    m = _ISO.fullmatch(s)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    s = _TIME.sub(" ", s)
    s = _ORDINAL.sub(r"\1", s)
    months, weekdays, fillers = month_forms(), weekday_forms(), _header_fillers()
    parts: list[str] = []
    for chunk in s.split():
        chunk = chunk.strip(",;|()")
        iso = _numeric_header_date(chunk.rstrip("."))
        if iso is not None:
            parts.append(iso)
            continue
        parts.append(chunk)
    s = " ".join(parts)
    kinds: list[tuple[str, str]] = []
    pos = 0
    for tm in re.finditer(r"\d{4}-\d{2}-\d{2}|" + _HEADER_TOKEN.pattern, s):
        if not _HEADER_REST.fullmatch(s, pos, tm.start()):
            return None
        pos = tm.end()
        tok = tm.group()
        if "-" in tok:
            kinds.append(("iso", tok))
        elif tok.isdigit():
            kinds.append(("num", tok))
        elif tok in months:
            kinds.append(("month", tok))
        elif tok in weekdays or tok in fillers:
            continue
        else:
            return None
    if not _HEADER_REST.fullmatch(s, pos):
        return None
    shape = tuple(k for k, _ in kinds)
    vals = [v for _, v in kinds]
    if shape == ("iso",):
        return vals[0]
    if shape == ("num", "month", "num") and len(vals[2]) == 4:
        return _valid(int(vals[2]), months[vals[1]], int(vals[0]))
    if shape == ("month", "num", "num") and len(vals[2]) == 4:
        return _valid(int(vals[2]), months[vals[0]], int(vals[1]))
    if shape == ("num", "month", "num") and len(vals[0]) == 4:
        return _valid(int(vals[0]), months[vals[1]], int(vals[2]))
    return None


# -- date expressions in running text -----------------------------------------------------------

Kind = Literal["date", "month", "year", "weekday", "relative"]


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression as written at ``start:end`` (its leading preposition included).

    ``kind`` says which fields hold it: ``date`` (``day``, ``month``, ``year`` or None), ``month``
    (``month``, ``year`` or None), ``year``, ``weekday`` (``weekday``, Monday 0; ``strict`` for "last
    Friday") or ``relative`` (``offset`` ``unit``s from the publication date: "yesterday" is day -1,
    "last week" week -1, "two months ago" month -2).
    """

    start: int
    end: int
    text: str
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    strict: bool = False
    unit: Unit | None = None
    offset: int = 0
    in_clause: bool = False  # inside a relative or "when" clause ("who ran in 1992"): about another event


_YEAR = r"(?:19|20)\d\d(?!\d)"


@cache
def clause_words() -> frozenset[str]:
    """Words opening a relative or "when" clause, every language (``date_words.txt``, role clause)."""
    return frozenset(norm_words(w) for w in word_roles(LANGS, "date_words").get("clause", []))


@dataclass(frozen=True, slots=True)
class _Grammar:
    pattern: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[Unit, int]]
    units: dict[str, Unit]
    numbers: dict[str, int]
    last: frozenset[str]
    next: frozenset[str]
    needs_lead: bool  # a weekday counts only after "on" / "last" (ru, uk: "в пятницу")
    triggers: frozenset[str]  # the first word of every expression (lower case); digits are too
    clause: frozenset[str]  # words opening a relative or "when" clause


@cache
def _grammar(langs: tuple[str, ...]) -> _Grammar:
    x = word_lists(langs)
    months, short, weekdays, words = x.months, x.short, x.weekdays, x.words
    relative, units, numbers = x.relative, x.units, x.numbers
    on, in_, last, part, ago = (phrase_alternation(words.get(role, []))
                                for role in ("on", "in", "last", "part", "ago"))
    yw = words.get("year", [])
    year_word = rf"(?:\s+{phrase_alternation(yw)}(?![\w'’ʼ]))?" if yw else ""
    m_full, m_any = word_alternation(months), word_alternation([*months, *short])
    m_any = rf"{m_any}\.?"
    day = r"[0-3]?\d(?!\d)(?:st|nd|rd|th|-го|-е)?"

    def y(g: str) -> str:
        return rf"(?P<{g}>{_YEAR}){year_word}"

    alternatives = [
        rf"(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d])",
        rf"(?:{on}\s+)?(?P<num_a>[0-3]?\d)(?P<num_s>[./])(?P<num_b>[01]?\d)(?P=num_s)(?P<num_y>{_YEAR})",
        rf"(?:{on}\s+)?(?:the\s+)?(?P<dm_d>{day})(?:\s+of)?\s+(?P<dm_m>{m_any}){WORD_END}(?:,?\s+{y('dm_y')})?",
        rf"(?:{on}\s+)?(?P<md_m>{m_any}){WORD_END}\s*(?P<md_d>{day}){WORD_END}(?:,?\s+{y('md_y')})?",
        rf"(?:{in_}\s+)?(?:mid-)?(?P<my_m>{m_full}){WORD_END},?\s+(?:of\s+)?{y('my_y')}",
        rf"{in_}\s+(?:mid-)?(?P<mo_m>{m_full}){WORD_END}",
        rf"{in_}\s+{y('yr_y')}",
        rf"(?P<yw_y>{_YEAR})\s+{phrase_alternation(yw)}{WORD_END}" if yw else "(?!)",
        rf"(?P<rel>{word_alternation(relative)}){WORD_END}(?:\s+{part}{WORD_END})?",
        rf"(?:(?P<ago_n>{word_alternation(numbers)}|\d{{1,2}})\s+)?(?P<ago_u>{word_alternation(units)})\s+{ago}{WORD_END}",
        rf"(?P<wd_on>{on}\s+)?(?P<wd_last>{last}\s+)?(?P<wd_w>{word_alternation(weekdays)}){WORD_END}(?:\s+{part}{WORD_END})?",
    ]
    pattern = re.compile(WORD_START + "(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")", re.IGNORECASE)
    starters = [*months, *short, *weekdays, *relative, *numbers, *units, "the"]
    for role in ("on", "in", "last"):
        starters += words.get(role, [])
    triggers = frozenset(m.group().lower() for w in starters if (m := TOKEN.search(w)))
    return _Grammar(
        pattern=pattern,
        months={**short, **months},
        weekdays=weekdays,
        relative=relative,
        units=units,
        numbers=numbers,
        last=frozenset(norm_words(w) for w in words.get("last", [])),
        next=frozenset(norm_words(w) for w in words.get("next", [])),
        needs_lead=langs != ("en",),
        triggers=triggers,
        clause=frozenset(norm_words(w) for w in words.get("clause", [])),
    )


def _latin(s: str) -> bool:
    return "a" <= s[:1].lower() <= "z"


def _capitalised_ok(word: str) -> bool:
    """English month and weekday names are capitalised: "may" and "march" are verbs."""
    return not _latin(word) or word[:1].isupper()


def _preceded_by(text: str, start: int, lo: int, words: frozenset[str]) -> bool:
    before = text[max(lo, start - 24):start].lower().translate(APOSTROPHES).split()  # norm_words
    return bool(before) and (before[-1] in words or " ".join(before[-2:]) in words)


def _month_of(word: str, g: _Grammar) -> int | None:
    return g.months.get(norm_words(word).rstrip("."))


def _in_name(m: re.Match[str]) -> bool:
    """Is a capitalised relative phrase part of a name ("USA Today", CBS's "This Morning")? It is
    unless it starts a sentence, a quotation or a clause after a colon."""
    if not m.group()[:1].isupper():
        return False
    before = m.string[max(0, m.start() - 40):m.start()].rstrip().rstrip("\"“”«„'‘’")
    before = before.rstrip()
    return bool(before) and before[-1] not in ".!?:;—–-\n"


_DAY_SUFFIX = re.compile(r"\D.*")


def _expr(m: re.Match[str], g: _Grammar) -> DateExpr | None:
    """The ``DateExpr`` a match of the grammar stands for, or None when it is not a date after all."""
    s, e, t = m.start(), m.end(), m.group()
    d = m.groupdict()  # a group that did not take part is None (none takes part empty)
    if d["iso_y"]:
        return DateExpr(s, e, t, "date", int(d["iso_y"]), int(d["iso_m"]), int(d["iso_d"]))
    if d["num_a"]:
        a, b = int(d["num_a"]), int(d["num_b"])
        if d["num_s"] == "/":  # 10/18/2024 or 18/10/2024: only when the numbers decide it
            if a > 12 >= b:
                a, b = b, a
            elif not b > 12 >= a:
                return None
            return DateExpr(s, e, t, "date", int(d["num_y"]), a, b)
        return DateExpr(s, e, t, "date", int(d["num_y"]), b, a)  # 18.10.2024: day first
    for g_m, g_d, g_y in (("dm_m", "dm_d", "dm_y"), ("md_m", "md_d", "md_y")):
        if word := d[g_m]:
            month = _month_of(word, g)
            if month is None or not _capitalised_ok(word):
                return None
            day = int(_DAY_SUFFIX.sub("", d[g_d]))
            return DateExpr(s, e, t, "date", int(y) if (y := d[g_y]) else None, month, day)
    for g_m, g_y in (("my_m", "my_y"), ("mo_m", "")):
        if word := d[g_m]:
            month = _month_of(word, g)
            if month is None or not _capitalised_ok(word):
                return None
            return DateExpr(s, e, t, "month", int(y) if (y := d.get(g_y)) else None, month)
    for g_y in ("yr_y", "yw_y"):  # no "yw_y" without year words
        if y := d.get(g_y):
            return DateExpr(s, e, t, "year", int(y))
    if rel := d["rel"]:
        if _in_name(m):  # "USA Today", "Good Morning America"
            return None
        unit, offset = g.relative[norm_words(rel)]
        return DateExpr(s, e, t, "relative", unit=unit, offset=offset)
    if ago := d["ago_u"]:
        n_word = d["ago_n"] or "1"
        n = int(n_word) if n_word.isdigit() else g.numbers.get(norm_words(n_word), 1)
        return DateExpr(s, e, t, "relative", unit=g.units[norm_words(ago)], offset=-n)
    if weekday := d["wd_w"]:
        if not _capitalised_ok(weekday) or (g.needs_lead and not d["wd_on"] and not d["wd_last"]):
            return None
        return DateExpr(s, e, t, "weekday", weekday=g.weekdays[norm_words(weekday)],
                        strict=bool(d["wd_last"]))
    return None


def find_date_expressions(text: str, start: int, end: int, lang: str) -> list[DateExpr]:
    """Every date expression in ``text[start:end]``, in order, with its offsets into ``text``.

    Absolute dates ("on October 18, 2024", "18 October", "2024-10-18", "18.10.2024", "10/18/2024"
    only when one number exceeds 12), months ("in August 2023", "August 2023", "in August", "в
    августе 2023 года", "у серпні"), years ("in 2023", "в 2023 году"), weekdays ("on Friday", "last
    Tuesday", "on Monday night", "в пятницу", "у п'ятницю", "минулої п'ятниці") and relative phrases
    ("yesterday", "last week", "earlier this month", "two days ago", "вчера", "на прошлой неделе",
    "минулого тижня"). ``lang`` picks the word lists (``family``). Future and bounding expressions
    ("next Friday", "since August", "until 2025") are left out: they never say when words were said.
    """
    return _find(text, start, end, _grammar(family(lang)), scan_text(text, start, end))


def find_sentence_dates(text: str, spans: Sequence[tuple[int, int]], langs: Sequence[str],
                        wanted: Callable[[int], bool] | None = None,
                        scan: Scan | None = None) -> list[list[DateExpr]]:
    """``find_date_expressions`` for each ``(start, end)`` span (sentences, in order, not
    overlapping) with its language: the words an expression needs are found in one pass over the
    whole text (``scan_sentences``, unless ``scan`` is that), and only the spans holding one are
    read further. With ``wanted``, only the spans holding one and ``wanted`` (by index) are read;
    the others get no expressions."""
    out: list[list[DateExpr]] = [[] for _ in spans]
    if not spans:
        return out
    starts = [a for a, _ in spans]
    by_span: dict[int, list[int]] = {}
    if scan is None:
        scan = scan_sentences(text, spans, langs)
    for p in scan.hits:
        k = bisect.bisect_right(starts, p) - 1
        if k >= 0 and p < spans[k][1]:
            by_span.setdefault(k, []).append(p)
    for k, hits in by_span.items():
        if wanted is not None and not wanted(k):
            continue
        lang = langs[k] if k < len(langs) else ""
        out[k] = find_span_dates(text, *spans[k], lang, Scan(hits, scan.spaced, scan.base))
    return out


def find_span_dates(text: str, start: int, end: int, lang: str, scan: Scan) -> list[DateExpr]:
    """``find_date_expressions`` in ``text[start:end]`` (a sentence) whose hits ``scan`` holds:
    those of a ``scan_text`` over a stretch around it that fall inside it, with that scan's
    ``spaced`` and ``base`` (``Scan(hits, scan.spaced, scan.base)``)."""
    return _find(text, start, end, _grammar(family(lang)), scan)


def _find(text: str, start: int, end: int, g: _Grammar, scan: Scan) -> list[DateExpr]:
    out: list[DateExpr] = []
    done = start
    for pos in _anchors(text, start, scan, g):
        if pos < done:
            continue
        m = g.pattern.match(text, pos, end)
        if m is None:
            continue
        done = m.end()
        if _preceded_by(text, m.start(), start, g.next):
            continue
        x = _expr(m, g)
        if x is not None:
            out.append(replace(x, in_clause=True) if _in_clause(text, start, m.start(), g) else x)
    return out


def expression_starters() -> frozenset[str]:
    """The words (lower case) that start an expression in any language (``_Grammar.triggers``)."""
    return _grammar(LANGS).triggers


# An expression starts at most this many words before its month, weekday, unit or relative word
# ("on the 18th of October").
LEAD_WORDS = 4


def _anchors(text: str, start: int, scan: Scan, g: _Grammar) -> list[int]:
    """Where an expression may start, in order: each hit and the starts of the words among the
    ``LEAD_WORDS`` before it (within 60 characters) that can start one ("on", "last", "the", a day
    number). Hits come from one C-level pass (``scan_text``, a trie regex): most sentences hold
    none, and a Python loop over every word would cost more than the rest. The words are read in
    ``Scan.spaced`` where it has them (a word there is a word of the text but for ``_``), else
    with ``TOKEN`` in the 60 characters read backwards, so that only the last ``LEAD_WORDS`` are
    taken (a word is a word either way round)."""
    out = set(scan.hits)
    spaced, base, triggers = scan.spaced, scan.base, g.triggers
    for p in scan.hits:
        lo = max(start, p - 60)
        if spaced is not None and "_" not in (window := spaced[lo - base:p - base]):
            end = len(window)
            for w in reversed(window.split()[-LEAD_WORDS:]):  # the last words, from the last
                end = window.rfind(w, 0, end)  # where the word starts: only spaces follow it
                if w[0].isdigit() or w in triggers:
                    out.add(lo + end)
            continue
        for t in islice(TOKEN.finditer(text[lo:p][::-1]), LEAD_WORDS):
            a, b = p - t.end(), p - t.start()
            w = text[a:b]
            if w[0].isdigit() or w.lower() in triggers:
                out.add(a)
    return sorted(out)


_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")


def _in_clause(text: str, start: int, pos: int, g: _Grammar) -> bool:
    """Is ``pos`` inside a relative or "when" clause? Yes when such a word stands between the last
    comma or dash and ``pos`` ("when he ran in 1992"), or opens an insertion after a comma with no
    word about words between it and ``pos`` ("Phillips, who lost her daughter in Aurora, Colorado,
    in July 2012, said": the clause runs over commas; "Khan, who spoke on Thursday, said on Sunday":
    "said" closes it)."""
    lo = max(start, pos - 200)
    if _any_of(g.clause).search(text[lo:pos].lower()) is None:  # no such word, not even inside one
        return False
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, pos)]
    stretch = text[breaks[-1] if breaks else lo:pos]
    if any(t.lower() in g.clause for t in TOKEN.findall(stretch)):
        return True
    for b in reversed(breaks):
        if text[b - 1] != ",":
            continue
        first = TOKEN.search(text, b, pos)
        if first and first.group().lower() in g.clause:
            return not speaks_of_words(text, first.end(), pos)
    return False


@cache
def _any_of(words: frozenset[str]) -> re.Pattern[str]:
    """Any of ``words`` anywhere, even inside a word: where none is found, no word is one of them."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)")


# -- resolution against the publication date --------------------------------------------------

Precision = Literal["day", "month", "year"]


def _span_value(first: date, last: date) -> tuple[str, Precision]:
    """A span of days as the finest month or year that holds all of it; a span across a year
    boundary as the year holding its middle day (the ISO-week convention: a week belongs to the year
    of its Thursday)."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    middle = first + timedelta(days=(last - first).days // 2)
    return f"{middle.year:04d}", "year"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def resolve(expr: DateExpr, published: date) -> tuple[str, Precision] | None:
    """When ``expr`` happened, read from ``published``: ``(value, precision)``, or None when it
    would fall after the publication date or is no calendar date.

    * A day or month without a year is the latest one on or before the publication date (an
      article of 3 January: "on December 28" is the previous year's; "in August" of an article of 3
      August is this August).
    * A weekday is the latest such day on or before the publication date, the publication day
      included: news style writes "on Friday" for the day of publication too. "last Friday" is
      strictly before the publication day.
    * "yesterday", "N days ago": that day, precision ``day``.
    * Weeks ("last week", "this week", "two weeks ago") have no precision of their own. Giving the
      week's Monday as a ``day`` would claim a day nobody named, so a week is the month that holds
      all its days up to the publication date (precision ``month``), else their year (precision
      ``year``; ``_span_value``).
    * Months ("last month", "earlier this month") precision ``month``; years ("last year", "in
      2023") precision ``year``.
    """
    pub = published
    if expr.kind == "date":
        if expr.month is None or expr.day is None:
            return None
        year = expr.year if expr.year is not None else pub.year
        try:
            d = date(year, expr.month, expr.day)
        except ValueError:
            return None
        if d > pub and expr.year is None:
            try:
                d = date(year - 1, expr.month, expr.day)
            except ValueError:
                return None
        return (d.isoformat(), "day") if d <= pub else None
    if expr.kind == "month":
        if expr.month is None:
            return None
        year = expr.year if expr.year is not None else pub.year
        if (year, expr.month) > (pub.year, pub.month):
            if expr.year is not None:
                return None
            year -= 1
        return f"{year:04d}-{expr.month:02d}", "month"
    if expr.kind == "year":
        return (f"{expr.year:04d}", "year") if expr.year is not None and expr.year <= pub.year else None
    if expr.kind == "weekday":
        if expr.weekday is None:
            return None
        back = (pub.weekday() - expr.weekday) % 7
        if expr.strict and back == 0:
            back = 7
        return (pub - timedelta(days=back)).isoformat(), "day"
    if expr.unit == "day":
        return ((pub + timedelta(days=expr.offset)).isoformat(), "day") if expr.offset <= 0 else None
    if expr.unit == "week":
        if expr.offset > 0:
            return None
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=expr.offset)
        return _span_value(monday, min(monday + timedelta(days=6), pub))
    if expr.unit == "month":
        y, m = _add_months(pub.year, pub.month, min(expr.offset, 0))
        return f"{y:04d}-{m:02d}", "month"
    if expr.unit == "year":
        return f"{pub.year + min(expr.offset, 0):04d}", "year"
    return None
