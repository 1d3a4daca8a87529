"""``dates``: when a statement was said, resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from .lang import load_lines
from .model import Article
from .pipeline import stage
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


@stage("dates", requires=["speakers.attribute"])
def dates(article: Article, settings: Settings) -> None:
    return None
