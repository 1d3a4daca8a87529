"""``dates``: when a statement was said, resolved against the publication date."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Literal, cast

from .lang import load_lines
from .model import Article, Statement
from .pipeline import stage
from .provenance import find_provenance, same_speaker, speaker_key
from .settings import Settings

LANGS = ("en", "ru", "uk")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def _numbered(name: str, langs: tuple[str, ...] = LANGS) -> dict[str, int]:
    """``form -> number`` from data files whose lines are ``N form form ...``."""
    out: dict[str, int] = {}
    for lang in langs:
        for line in load_lines(lang, name):
            n, *forms = line.split()
            for f in forms:
                out.setdefault(f.lower().translate(_APOSTROPHES), int(n))
    return out


@cache
def month_forms(short: bool = True) -> dict[str, int]:
    """Every month name form of en/ru/uk (lower case) -> month number; abbreviations when ``short``."""
    out = _numbered("months")
    if short:
        for k, v in _numbered("months_short").items():
            out.setdefault(k, v)
    return out


@cache
def weekday_forms(short: bool = True) -> dict[str, int]:
    """Every weekday name form of en/ru/uk (lower case) -> weekday (Monday 0)."""
    out = _numbered("weekdays")
    if short:
        for k, v in _numbered("weekdays_short").items():
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
    s = line.strip().lower().translate(_APOSTROPHES)
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
Unit = Literal["day", "week", "month", "year"]


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


_B = r"(?<![\w'’ʼ])"  # a word starts here
_E = r"(?![\w'’ʼ])"  # a word ends here
_YEAR = r"(?:19|20)\d\d(?!\d)"
_TOKEN = re.compile(r"[^\W_]+")
# without a month, weekday or unit word, only a year or an all-digit date can be an expression
_NUMERIC_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\d[./]\d")


def _alt(phrases: Iterable[str]) -> str:
    """One alternation of phrases, longest first, any whitespace between words, any apostrophe."""
    alts = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in alts)
    return "(?:" + body.replace("'", "['’ʼ]") + ")" if body else "(?!)"


def _roles(langs: Iterable[str], name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in langs:
        for line in load_lines(lang, name):
            role, _, rest = line.partition(":")
            out.setdefault(role.strip(), []).extend(w.strip() for w in rest.split("|") if w.strip())
    return out


def _norm(s: str) -> str:
    return " ".join(s.lower().translate(_APOSTROPHES).split())


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
    content: frozenset[str]  # words without which a stretch of text holds no expression but digits


def _family(lang: str) -> tuple[str, ...]:
    """The word lists a sentence of ``lang`` is read with: ru and uk together (their forms barely
    collide, and a short sentence is easily taken for the other one), anything unknown with all."""
    if lang == "en":
        return ("en",)
    if lang in ("ru", "uk"):
        return ("ru", "uk")
    return LANGS


@cache
def _grammar(langs: tuple[str, ...]) -> _Grammar:
    months = _numbered("months", langs)
    short = _numbered("months_short", langs)
    weekdays = _numbered("weekdays", langs)
    words = _roles(langs, "date_words")
    relative: dict[str, tuple[Unit, int]] = {}
    for lang in langs:
        for line in load_lines(lang, "relative_dates"):
            phrase, _, value = line.partition("|")
            unit, offset = value.split()
            relative[_norm(phrase)] = (cast(Unit, unit), int(offset))
    units: dict[str, Unit] = {}
    numbers: dict[str, int] = {}
    for lang in langs:
        for line in load_lines(lang, "date_units"):
            head, *forms = line.split()
            if head == "=":
                for f in forms[1:]:
                    numbers[_norm(f)] = int(forms[0])
            else:
                for f in forms:
                    units[_norm(f)] = cast(Unit, head)
    on, in_, last = _alt(words.get("on", [])), _alt(words.get("in", [])), _alt(words.get("last", []))
    part, ago = _alt(words.get("part", [])), _alt(words.get("ago", []))
    yw = words.get("year", [])
    year_word = rf"(?:\s+{_alt(yw)}(?![\w'’ʼ]))?" if yw else ""
    m_full, m_any = _alt(months), _alt([*months, *short])
    m_any = rf"{m_any}\.?"
    day = r"[0-3]?\d(?!\d)(?:st|nd|rd|th|-го|-е)?"

    def y(g: str) -> str:
        return rf"(?P<{g}>{_YEAR}){year_word}"

    alternatives = [
        rf"(?P<iso_y>{_YEAR})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d])",
        rf"(?:{on}\s+)?(?P<num_a>[0-3]?\d)(?P<num_s>[./])(?P<num_b>[01]?\d)(?P=num_s)(?P<num_y>{_YEAR})",
        rf"(?:{on}\s+)?(?:the\s+)?(?P<dm_d>{day})(?:\s+of)?\s+(?P<dm_m>{m_any}){_E}(?:,?\s+{y('dm_y')})?",
        rf"(?:{on}\s+)?(?P<md_m>{m_any}){_E}\s*(?P<md_d>{day}){_E}(?:,?\s+{y('md_y')})?",
        rf"(?:{in_}\s+)?(?P<my_m>{m_full}){_E},?\s+(?:of\s+)?{y('my_y')}",
        rf"{in_}\s+(?P<mo_m>{m_full}){_E}",
        rf"{in_}\s+{y('yr_y')}",
        rf"(?P<yw_y>{_YEAR})\s+{_alt(yw)}{_E}" if yw else "(?!)",
        rf"(?P<rel>{_alt(relative)}){_E}(?:\s+{part}{_E})?",
        rf"(?:(?P<ago_n>{_alt(numbers)}|\d{{1,2}})\s+)?(?P<ago_u>{_alt(units)})\s+{ago}{_E}",
        rf"(?P<wd_on>{on}\s+)?(?P<wd_last>{last}\s+)?(?P<wd_w>{_alt(weekdays)}){_E}(?:\s+{part}{_E})?",
    ]
    pattern = re.compile(_B + "(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")", re.IGNORECASE)
    starters = [*months, *short, *weekdays, *relative, *numbers, *units, "the"]
    for role in ("on", "in", "last"):
        starters += words.get(role, [])
    triggers = frozenset(m.group().lower() for w in starters if (m := _TOKEN.search(w)))
    lead = {t.lower() for role in ("on", "in", "last") for w in words.get(role, [])
            for t in _TOKEN.findall(w)} | {"the", "this", "of", "a", "an"}
    content = {t.lower() for w in [*months, *short, *weekdays, *units, *relative] for t in _TOKEN.findall(w)}
    return _Grammar(
        pattern=pattern,
        months={**short, **months},
        weekdays=weekdays,
        relative=relative,
        units=units,
        numbers=numbers,
        last=frozenset(_norm(w) for w in words.get("last", [])),
        next=frozenset(_norm(w) for w in words.get("next", [])),
        needs_lead=langs != ("en",),
        triggers=triggers,
        clause=frozenset(_norm(w) for w in words.get("clause", [])),
        content=frozenset(content - lead),
    )


def _latin(s: str) -> bool:
    return "a" <= s[:1].lower() <= "z"


def _capitalised_ok(word: str) -> bool:
    """English month and weekday names are capitalised: "may" and "march" are verbs."""
    return not _latin(word) or word[:1].isupper()


def _preceded_by(text: str, start: int, lo: int, words: frozenset[str]) -> bool:
    before = _norm(text[max(lo, start - 24):start]).split()
    return bool(before) and (before[-1] in words or " ".join(before[-2:]) in words)


def _month_of(word: str, g: _Grammar) -> int | None:
    return g.months.get(_norm(word).rstrip("."))


def _expr(m: re.Match[str], g: _Grammar) -> DateExpr | None:
    """The ``DateExpr`` a match of the grammar stands for, or None when it is not a date after all."""
    s, e, t = m.start(), m.end(), m.group()
    d: dict[str, str] = {k: v for k, v in m.groupdict().items() if v}
    if "iso_y" in d:
        return DateExpr(s, e, t, "date", int(d["iso_y"]), int(d["iso_m"]), int(d["iso_d"]))
    if "num_a" in d:
        a, b = int(d["num_a"]), int(d["num_b"])
        if d["num_s"] == "/":  # 10/18/2024 or 18/10/2024: only when the numbers decide it
            if a > 12 >= b:
                a, b = b, a
            elif not b > 12 >= a:
                return None
            return DateExpr(s, e, t, "date", int(d["num_y"]), a, b)
        return DateExpr(s, e, t, "date", int(d["num_y"]), b, a)  # 18.10.2024: day first
    for g_m, g_d, g_y in (("dm_m", "dm_d", "dm_y"), ("md_m", "md_d", "md_y")):
        if g_m in d:
            month = _month_of(d[g_m], g)
            if month is None or not _capitalised_ok(d[g_m]):
                return None
            day = int(re.sub(r"\D.*", "", d[g_d]))
            return DateExpr(s, e, t, "date", int(d[g_y]) if g_y in d else None, month, day)
    for g_m, g_y in (("my_m", "my_y"), ("mo_m", "")):
        if g_m in d:
            month = _month_of(d[g_m], g)
            if month is None or not _capitalised_ok(d[g_m]):
                return None
            return DateExpr(s, e, t, "month", int(d[g_y]) if g_y in d else None, month)
    for g_y in ("yr_y", "yw_y"):
        if g_y in d:
            return DateExpr(s, e, t, "year", int(d[g_y]))
    if "rel" in d:
        unit, offset = g.relative[_norm(d["rel"])]
        return DateExpr(s, e, t, "relative", unit=unit, offset=offset)
    if "ago_u" in d:
        n_word = d.get("ago_n", "1")
        n = int(n_word) if n_word.isdigit() else g.numbers.get(_norm(n_word), 1)
        return DateExpr(s, e, t, "relative", unit=g.units[_norm(d["ago_u"])], offset=-n)
    if "wd_w" in d:
        if not _capitalised_ok(d["wd_w"]) or (g.needs_lead and "wd_on" not in d and "wd_last" not in d):
            return None
        return DateExpr(s, e, t, "weekday", weekday=g.weekdays[_norm(d["wd_w"])],
                        strict="wd_last" in d)
    return None


def find_date_expressions(text: str, start: int, end: int, lang: str) -> list[DateExpr]:
    """Every date expression in ``text[start:end]``, in order, with its offsets into ``text``.

    Absolute dates ("on October 18, 2024", "18 October", "2024-10-18", "18.10.2024", "10/18/2024"
    only when one number exceeds 12), months ("in August 2023", "August 2023", "in August", "в
    августе 2023 года", "у серпні"), years ("in 2023", "в 2023 году"), weekdays ("on Friday", "last
    Tuesday", "on Monday night", "в пятницу", "у п'ятницю", "минулої п'ятниці") and relative phrases
    ("yesterday", "last week", "earlier this month", "two days ago", "вчера", "на прошлой неделе",
    "минулого тижня"). ``lang`` picks the word lists (``_family``). Future and bounding expressions
    ("next Friday", "since August", "until 2025") are left out: they never say when words were said.
    """
    g = _grammar(_family(lang))
    out: list[DateExpr] = []
    done = start
    for pos in _anchors(text, start, end, g):
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


# An expression starts at most this many words before its month, weekday, unit or relative word
# ("on the 18th of October").
LEAD_WORDS = 4


def _anchors(text: str, start: int, end: int, g: _Grammar) -> list[int]:
    """Where an expression may start, in order: the word starts up to ``LEAD_WORDS`` before each
    month, weekday, unit or relative word, and before each year or all-digit date. The words are
    found with C-level passes (``findall``, ``str.find``): most sentences hold none, and a Python
    loop over every word would cost more than all the rest of the stage."""
    low = text[start:end].lower()
    if len(low) != end - start:  # a letter whose lower case is longer: every word start, slowly
        return [t.start() for t in _TOKEN.finditer(text, start, end)
                if t.group()[0].isdigit() or t.group().lower() in g.triggers]
    found: list[int] = []
    for w in g.content.intersection(_TOKEN.findall(low)):
        i = low.find(w)
        while i >= 0:
            j = i + len(w)
            if (i == 0 or not low[i - 1].isalnum()) and (j >= len(low) or not low[j].isalnum()):
                found.append(start + i)
            i = low.find(w, j)
    for m in _NUMERIC_DATE.finditer(text, start, end):
        p = m.start()
        while p > start and text[p - 1].isdigit():
            p -= 1
        found.append(p)
    out: set[int] = set()
    for p in found:
        out.update(t.start() for t in list(_TOKEN.finditer(text, max(start, p - 60), p))[-LEAD_WORDS:])
        out.add(p)
    return sorted(out)


_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s")


def _in_clause(text: str, start: int, pos: int, g: _Grammar) -> bool:
    """Does a relative or "when" word open the stretch between the last comma or dash and ``pos``?"""
    lo = max(start, pos - 200)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, pos)]
    stretch = text[breaks[-1] if breaks else lo:pos]
    return any(t.lower() in g.clause for t in _TOKEN.findall(stretch))


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


# -- tying expressions to statements ------------------------------------------------------------

# A date in a sentence that names a speaker's words dates that speaker's statements in at most this
# many following sentences.
EVENT_WINDOW = 3
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


def _slash_pattern(line: str) -> str:
    return r"\s+".join(_alt(w.split("/")) for w in line.split())


@cache
def _remark_pattern() -> re.Pattern[str]:
    """Remark sentences ("He made this remark ..."), from the same lists ``provenance`` reads."""
    body = "|".join(_slash_pattern(x) for lang in LANGS for x in load_lines(lang, "remarks"))
    return re.compile(rf"{_B}(?:{body}){_E}", re.IGNORECASE)


@cache
def _speech_words() -> re.Pattern[str]:
    words = [w.lower() for lang in LANGS for w in load_lines(lang, "speech_events")]
    exact = _alt(w for w in words if not w.endswith("*"))
    stems = _alt(w[:-1] for w in words if w.endswith("*"))
    return re.compile(rf"{_B}(?:{exact}{_E}|{stems})", re.IGNORECASE)


def _about_words(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` speak of someone's words (said, an interview, such an idea)?"""
    return _speech_words().search(text, start, end) is not None


def _names(st: Statement) -> tuple[str, ...]:
    """The speaker's proper names as they may be written again: the canonical name, the mention when
    it is a name, a person's surname."""
    names: set[str] = set()
    for s in (st.speaker, st.speaker_mention):
        if not s:
            continue
        bare = " ".join(_LEADING_THE.sub("", s.strip(), count=1).split())
        if bare[:1].isupper() and _norm(bare) not in _pronouns():
            names.add(bare)
            last = bare.split()[-1]
            if st.speaker_type in (None, "person") and len(bare.split()) > 1 and len(last) >= 4 \
                    and last[:1].isupper():
                names.add(last)
    return tuple(sorted(names, key=len, reverse=True))


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
    return frozenset(_norm(line.split()[0]) for lang in LANGS[:1] for line in load_lines(lang, "pronouns"))


def _anchor(st: Statement) -> int:
    for p in (st.cue_start, st.speaker_start):
        if p is not None:
            return p
    return st.start


class _Context:
    """The statements of one article in text order, with the indexes the rules look things up in."""

    def __init__(self, article: Article, pub: date) -> None:
        self.article = article
        order = sorted(range(len(article.statements)),
                       key=lambda i: (article.statements[i].start, article.statements[i].end))
        self.order = order
        self.sts = sts = [article.statements[i] for i in order]
        self.keys = [speaker_key(st) for st in sts]
        self.found = _sentence_dates(article, pub)
        self.starts = [st.start for st in sts]
        self.max_end: list[int] = []
        for st in sts:
            self.max_end.append(max(st.end, self.max_end[-1] if self.max_end else 0))
        sentence_starts = [x.start for x in article.sentences]

        def sidx(offset: int) -> int:
            return max(0, bisect.bisect_right(sentence_starts, offset) - 1)

        self.first = [sidx(st.start) for st in sts]
        self.regions: list[tuple[int, int]] = []
        self.by_sentence: dict[int, list[int]] = {}  # sentence -> statements whose region covers it
        self.holding: set[int] = set()  # sentences holding words of a statement
        for i, st in enumerate(sts):
            points = [st.start, max(st.start, st.end - 1)]
            points += [p for p in (st.cue_start, st.speaker_start) if p is not None]
            idx = [sidx(p) for p in points]
            lo, hi = min(idx), max(idx)
            self.regions.append((lo, hi))
            for k in range(lo, hi + 1):
                self.by_sentence.setdefault(k, []).append(i)
            self.holding.update(range(self.first[i], sidx(max(st.start, st.end - 1)) + 1))
        self.ends = sorted((st.end, i) for i, st in enumerate(sts))
        self._mates: dict[str, list[int]] = {}
        self._by_key: dict[str, list[int]] = {}
        self._by_word: dict[str, set[str]] = {}
        for i, key in enumerate(self.keys):
            if key is not None:
                self._by_key.setdefault(key, []).append(i)
                for w in key.split():
                    self._by_word.setdefault(w, set()).add(key)
        self.names: dict[str, tuple[str, ...]] = {}
        for i, key in enumerate(self.keys):
            if key is not None and not self.names.get(key):
                self.names[key] = _names(sts[i])

    def in_words(self, a: int, b: int) -> bool:
        """Does ``[a, b)`` overlap the words of any statement?"""
        k = bisect.bisect_left(self.starts, b)
        return k > 0 and self.max_end[k - 1] > a

    def mates(self, key: str | None) -> list[int]:
        """The statements (in text order) whose speaker is ``key`` ("umerov" ~ "rustem umerov")."""
        if key is None:
            return []
        if key not in self._mates:
            near = {k for w in key.split() for k in self._by_word.get(w, ())}
            self._mates[key] = sorted(i for k in near if same_speaker(k, key) for i in self._by_key[k])
        return self._mates[key]


def _sentence_dates(article: Article, pub: date) -> list[list[_Found]]:
    langs = article.sentence_languages
    out: list[list[_Found]] = []
    for k, s in enumerate(article.sentences):
        lang = langs[k] if k < len(langs) else (article.language or "")
        found = []
        for x in find_date_expressions(article.text, s.start, s.end, lang):
            r = resolve(x, pub) if not x.in_clause else None
            if r is not None:
                found.append(_Found(x, r[0], r[1], k))
        out.append(found)
    return out


def _distance(x: DateExpr, pos: int) -> int:
    return pos - x.end if x.end <= pos else max(0, x.start - pos)


def _own(c: _Context) -> list[SaidOn | None]:
    """Rule 1: a date in the statement's own sentences, outside the words of every statement. A date
    in a sentence shared by statements of different speakers goes to the one whose cue (or speaker
    mention) is nearest; among several dates the nearest to the cue wins."""
    out: list[SaidOn | None] = []
    for i, st in enumerate(c.sts):
        lo, hi = c.regions[i]
        me = _anchor(st)
        rivals = {_anchor(c.sts[j]) for k in range(lo, hi + 1) for j in c.by_sentence.get(k, ())
                  if j != i and not same_speaker(c.keys[i], c.keys[j])}
        best: _Found | None = None
        for k in range(lo, hi + 1):
            for f in c.found[k]:
                x, d = f.expr, _distance(f.expr, me)
                if c.in_words(x.start, x.end) or any(_distance(x, r) < d for r in rivals):
                    continue
                if best is None or d < _distance(best.expr, me):
                    best = f
        out.append(best.said_on("own") if best else None)
    return out


def _remarks(c: _Context, dated: list[SaidOn | None]) -> dict[int, tuple[int, SaidOn]]:
    """Rule 2: a remark sentence ("He made this remark on October 18 during an interview") that holds
    no statement and a date dates every statement of its speaker without a date of its own, back and
    forth up to that speaker's nearest statements that have one. Its speaker is the one of the
    statement just before it (else just after it), unless the sentence names another speaker outside
    its venue and carriers."""
    text, sts = c.article.text, c.sts
    remark = _remark_pattern()
    placed: dict[int, tuple[int, SaidOn]] = {}
    for k, s in enumerate(c.article.sentences):
        if not c.found[k] or k in c.holding:
            continue
        m = remark.search(text, s.start, s.end)
        if not m or not sts:
            continue
        f = min(c.found[k], key=lambda f: _distance(f.expr, m.end()))
        prov = find_provenance(text, s.start, s.end)
        masked = [(x.start, x.end) for x in prov.carriers]
        if prov.venue:
            masked.append((prov.venue.start, prov.venue.end))
        named = {key for key, names in c.names.items() if any(
            all(e <= a or b <= p for a, b in masked) for p, e in _name_hits(text, s.start, s.end, names))}
        before = bisect.bisect_right(c.ends, (s.start, len(sts))) - 1
        pivot = c.ends[before][1] if before >= 0 else bisect.bisect_left(c.starts, s.end)
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
            lo = max((sts[i].start for i in mine if dated[i] and sts[i].end <= s.start), default=-1)
            hi = min((sts[i].start for i in mine if dated[i] and sts[i].start >= s.end), default=len(text))
            chosen = [i for i in mine if dated[i] is None and lo < sts[i].start < hi]
        for i in chosen:
            dist = min(abs(sts[i].start - s.end), abs(s.start - sts[i].end))
            if i not in placed or dist < placed[i][0]:
                placed[i] = (dist, f.said_on("remark"))
    return placed


def _events(c: _Context, dated: list[SaidOn | None]) -> dict[int, SaidOn]:
    """Rule 3: a sentence that speaks of someone's words (said, an interview, such an idea), names a
    speaker and holds a date, dates that speaker's statements in the next ``EVENT_WINDOW`` sentences
    that have no date, up to the first that has one ("in August 2023, such an idea was expressed by
    ... Jensen" → Jensen's next quote; "in an interview with FT published on October 4" → the next
    statement of FT). The date nearest the name counts; a date inside the speaker's own words does
    not (what X said happened on Friday is not when X said it), inside another speaker's it does
    ("the journalists reminded that in August 2023 ... Jensen" speaks of Jensen's words)."""
    text, sts, sents = c.article.text, c.sts, c.article.sentences
    out: dict[int, SaidOn] = {}
    for k, s in enumerate(sents):
        if not c.found[k] or not _about_words(text, s.start, s.end):
            continue
        stop = sents[min(k + EVENT_WINDOW, len(sents) - 1)].end
        window = range(bisect.bisect_left(c.starts, s.end), bisect.bisect_left(c.starts, stop))
        here = {c.keys[j] for j in c.by_sentence.get(k, ())}
        for key in dict.fromkeys(c.keys[i] for i in window):
            if key in here:  # the sentence quotes this speaker: rule 1 or the continuation decide
                continue
            names = [p for p, _ in _name_hits(text, s.start, s.end, c.names.get(key, ()))] if key else []
            if not names:
                continue
            own = [(sts[j].start, sts[j].end) for j in c.by_sentence.get(k, ())
                   if same_speaker(c.keys[j], key)]
            cands = [f for f in c.found[k] if all(f.expr.end <= a or b <= f.expr.start for a, b in own)]
            if not cands:
                continue
            f = min(cands, key=lambda f: min(_distance(f.expr, n) for n in names))
            for j in window:
                if same_speaker(c.keys[j], key):
                    if dated[j] is not None:
                        break
                    out.setdefault(j, f.said_on("event"))
    return out


def _share_groups(sts: list[Statement], dated: list[SaidOn | None]) -> None:
    by_group: dict[str, SaidOn] = {}
    for st, d in zip(sts, dated, strict=True):
        if st.group is not None and d is not None:
            by_group.setdefault(st.group, d)
    for i, st in enumerate(sts):
        if dated[i] is None and st.group is not None and st.group in by_group:
            dated[i] = replace(by_group[st.group], rule="group")


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
    c = _Context(article, pub)
    dated = _own(c)
    _share_groups(c.sts, dated)
    for i, (_, said) in _remarks(c, dated).items():
        dated[i] = dated[i] or said
    for i, said in _events(c, dated).items():
        dated[i] = dated[i] or said
    paras = [p.start for p in article.paragraphs]
    paragraph = [bisect.bisect_right(paras, st.start) for st in c.sts]
    for i in range(1, len(c.sts)):
        prev = dated[i - 1]
        if dated[i] is None and prev is not None and same_speaker(c.keys[i], c.keys[i - 1]) \
                and paragraph[i] - paragraph[i - 1] <= 1:
            dated[i] = replace(prev, rule="follows")
    _share_groups(c.sts, dated)
    out: list[SaidOn | None] = [None] * len(c.sts)
    for pos, i in enumerate(c.order):
        out[i] = dated[pos]
    return out


def _published(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(str(article.published)[:10])
    except ValueError:
        return None


@stage("dates", requires=["speakers.attribute"])
def dates(article: Article, settings: Settings) -> None:
    """Write ``said_on``, ``said_on_precision`` and ``said_on_text`` of every statement: the tied
    expression, else the publication date with precision ``published``; all null without one."""
    pub = _published(article)
    if pub is None:
        return
    for i, (st, said) in enumerate(zip(article.statements, find_statement_dates(article), strict=True)):
        if st.said_on is not None:
            continue
        if said is None:
            article.statements[i] = replace(st, said_on=pub.isoformat(), said_on_precision="published",
                                            said_on_text=None)
        else:
            article.statements[i] = replace(st, said_on=said.said_on, said_on_precision=said.precision,
                                            said_on_text=said.text)
