"""Pure finders for the noun phrase that names a speaker, left or right of its cue.

They work on ``Token`` lists (see ``text/tokens.py``) and return inclusive token index ranges, so
the caller turns them into offsets into the article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..lang import load_lines, load_set
from ..text.tokens import Token

MAX_NP = 20
_PARTY_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,5}")  # "Mitch McConnell, R-Ky.,"
_JOINERS = {"-", "&", "'", "’"}
_DASHES = frozenset({"-", "–", "—"})


@cache
def word_class(name: str, lang: str = "en") -> frozenset[str]:
    for line in load_lines(lang, "function_words"):
        key, _, words = line.partition(":")
        if key.strip() == name:
            return frozenset(words.split())
    raise KeyError(name)


def _abbrev_dot(tokens: list[Token], k: int) -> bool:
    """Is ``tokens[k]`` a full stop that belongs to the abbreviation or initial before it?"""
    if k == 0 or tokens[k].text != "." or tokens[k - 1].kind != "w":
        return False
    prev = tokens[k - 1]
    if prev.end != tokens[k].start:
        return False
    return (prev.low in load_set("en", "abbreviations") or (len(prev.text) == 1 and prev.text.isupper())
            or _PARTY_STATE.fullmatch(prev.text) is not None)


def find_left_np(tokens: list[Token], j: int, lo: int,
                 is_name: object = None) -> tuple[int, int] | None:
    """The noun phrase that ends at token ``j`` and starts no earlier than ``lo``.

    Walks left over words until punctuation, a quotation or a clause word (``that``, ``and`` ...).
    A pronoun inside the phrase is the whole subject ("On Monday he said" → "he").
    """
    if j < lo or j >= len(tokens):
        return None
    clause = load_set("en", "clause_words")
    t = tokens[j]
    if t.kind == "q":
        return (j, j) if callable(is_name) and is_name(t) else None
    a = j + 1
    k = j
    while k >= lo and j - k < MAX_NP:
        t = tokens[k]
        if t.kind == "q":
            break
        if t.kind == "p":
            if t.text in _JOINERS or _abbrev_dot(tokens, k):
                a = k
                k -= 1
                continue
            if t.text == ")":  # 'Sen. Bernie Sanders (I-Vt.) said'
                o = k - 1
                while o >= lo and k - o < 8 and tokens[o].text != "(":
                    o -= 1
                if o >= lo and tokens[o].text == "(" and o > lo:
                    a = o
                    k = o - 1
                    continue
            break
        if t.low in clause and not (t.low == "and" and _names_on_both_sides(tokens, k)):
            break
        a = k
        k -= 1
    if a > j:
        return None
    while a <= j and tokens[a].kind == "p":
        a += 1
    if a > j:
        return None
    pron = word_class("pronoun")
    for i in range(j, a - 1, -1):
        if tokens[i].low in pron and tokens[i].low not in ("it", "who", "you") \
                and not (len(tokens[i].text) > 1 and tokens[i].text.isupper()):  # "US" is no "us"
            return (i, i) if i == j or tokens[i + 1].low not in pron else None
    # drop a leading time or place phrase: "On Monday Trump said" -> "Trump"
    lead = word_class("preposition") | word_class("time") | word_class("determiner")
    if tokens[a].low in word_class("preposition"):
        i = a
        while i < j and tokens[i].low in lead | {","}:
            i += 1
        a = i
    return a, j


def _names_on_both_sides(tokens: list[Token], k: int) -> bool:
    """ "Trump and Sanders say": an ``and`` between two capitalised words joins one subject."""
    return (0 < k < len(tokens) - 1 and tokens[k - 1].capitalised and tokens[k + 1].capitalised)


def find_right_np(tokens: list[Token], k: int, hi: int,
                  is_name: object = None) -> tuple[int, int] | None:
    """The noun phrase that starts at token ``k`` and ends before ``hi``."""
    if k >= hi or k >= len(tokens):
        return None
    clause = load_set("en", "clause_words")
    t = tokens[k]
    if t.kind == "q":
        return (k, k) if callable(is_name) and is_name(t) else None
    a, b = k, k - 1
    i = k
    while i < hi and i - k < MAX_NP:
        t = tokens[i]
        if t.kind == "q":
            break
        if t.kind == "p":
            if t.text in _JOINERS or _abbrev_dot(tokens, i):
                b = i
                i += 1
                continue
            break
        if i > k and t.low in clause and not (t.low == "and" and _names_on_both_sides(tokens, i)):
            break
        b = i
        i += 1
    while b >= a and tokens[b].kind == "p" and tokens[b].text not in (".",):
        b -= 1
    return (a, b) if b >= a else None


def looks_like_np(tokens: list[Token], a: int, b: int) -> bool:
    """A short phrase without verbs that could be a speaker: a name, "the minister", "a source"."""
    if b < a or b - a > 12:
        return False
    first = tokens[a]
    modal = word_class("modal")
    if any(t.low in modal for t in tokens[a:b + 1]):
        return False
    if first.kind == "q":
        return True
    pron = word_class("pronoun")
    return (first.capitalised or first.low in word_class("determiner")
            or (first.low in pron and first.low not in ("it", "him", "them", "us", "me")))


# lower-case words that may stand before a name in an inverted attribution without naming anyone
# ("former", "retired", "pollster") are any words but these classes
_NOT_MODIFIERS = ("pronoun", "be", "modal", "time", "determiner")


@cache
def _not_modifiers() -> frozenset[str]:
    return frozenset().union(*(word_class(x) for x in _NOT_MODIFIERS))


def titled_name(tokens: list[Token], a: int, b: int, most: int = 5) -> bool:
    """A name after at most ``most`` lower-case words that describe it: "former Sen. Evan Bayh",
    "pollster Frank Luntz", "former secretary of state Hillary Clinton". The phrase ends with the
    name; the words before it are no pronoun, verb, time word, clause word or preposition ("nothing
    about Trump", "known as Super Tuesday" name no speaker), but "of" inside a title."""
    if b <= a or not tokens[b].capitalised or tokens[a].kind != "w":
        return False
    c = next((k for k in range(a, b + 1) if tokens[k].capitalised), b)
    if c == a or c - a > most:
        return False
    closed, prepositions, clause = _not_modifiers(), word_class("preposition"), load_set("en", "clause_words")
    for k in range(a, c):
        t = tokens[k]
        if t.kind != "w" or t.low in closed or t.low in clause or t.low.endswith("ly") \
                or (t.low in prepositions and (t.low != "of" or k == a)):
            return False
    return True


def find_clause_subject(tokens: list[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """The subject of the clause before ``hi``: its first pronoun or run of capitalised words
    ("Once he was president, Mr. Obama made ..." → "Mr. Obama"; "even after Clinton dropped" → "Clinton").
    A stretch between commas that names nobody ("…, and told") gives way to the one before it where
    that one opens with a subject and its verb ("Ebeling reminisced about …, and said" → "Ebeling";
    "Trump joked …, declined …, and told" → "Trump"); an aside ("in Burlington, Iowa,") is passed."""
    end = hi
    while end > lo:
        start = end
        while start > lo and tokens[start - 1].text != "," and tokens[start - 1].text not in _DASHES:
            start -= 1  # a dash ends a dateline ("ORLANDO, Fla. (Reuters) - President Obama met")
        found = _subject_in(tokens, start, end) if end == hi else _opening_subject(tokens, start, end)
        if found is not None:
            return found
        end = start - 1
    return None


def _subject_in(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    pron, time = word_class("pronoun"), word_class("time")
    skip = load_set("en", "clause_words") | load_set("en", "sentence_openers")
    for x in range(start, end):
        t = tokens[x]
        if t.kind != "w":
            continue
        if t.low in pron and t.low not in ("it", "you", "him", "them", "us", "me", "who"):
            return x, x
        if t.capitalised and t.low not in skip and t.low not in time:
            return x, _titled_run_end(tokens, x, end)
    return None


def _titled_run_end(tokens: list[Token], x: int, end: int) -> int:
    """The end of the capitalised run at ``x``, or of a name a few lower-case words after it that
    the run describes, the last of them a role ("Republican presidential hopeful Sen. Ted Cruz")."""
    b = _capital_run_end(tokens, x, end)
    k = b + 1
    closed = _not_modifiers() | word_class("preposition") | load_set("en", "clause_words")
    while k < end and k - b <= 3 and tokens[k].kind == "w" and not tokens[k].capitalised \
            and tokens[k].low not in closed and not tokens[k].low.endswith("ly"):
        k += 1
    if k > b + 1 and k < end and tokens[k].capitalised and tokens[k - 1].low in _role_heads() \
            and tokens[k].low not in word_class("time"):
        return _capital_run_end(tokens, k, end)
    return b


@cache
def _role_heads() -> frozenset[str]:
    """The last words of the titles in ``titles.txt`` ("hopeful", "nominee", "manager"): lower-case
    words that end a description before a name, where a verb would not ("Ruhle pressed Flynn")."""
    return frozenset(line.split(":")[0].split()[-1] for line in load_lines("en", "titles") if line.strip())


def _opening_subject(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """A subject that opens ``tokens[start:end]`` and a lower-case word after it that is no
    determiner, pronoun or preposition (its verb): "Ebeling reminisced", "Trump has used"."""
    x = next((k for k in range(start, end) if tokens[k].kind == "w"), None)
    if x is None:
        return None
    t = tokens[x]
    pron = word_class("pronoun")
    if t.low in pron and t.low not in ("it", "you", "him", "them", "us", "me", "who"):
        b = x
    elif t.capitalised and t.low not in load_set("en", "sentence_openers") \
            and t.low not in pron | {"that", "there"} and not is_pronoun_contraction(t, {"that", "there"}) \
            and not t.low.endswith("ly"):
        b = _capital_run_end(tokens, x, end)
    else:
        return None
    verb = tokens[b + 1] if b + 1 < end else None
    closed = word_class("determiner") | pron | word_class("preposition")
    if verb is None or verb.kind != "w" or not verb.text[:1].islower() or verb.low in closed:
        return None
    return x, b


def is_pronoun_contraction(t: Token, also: Iterable[str] = ()) -> bool:
    """A pronoun (or one of ``also``) with a verb joined to it: "he's", "It’s", "That's"."""
    low = t.low.replace("’", "'")
    return "'" in low and (low.split("'")[0] in word_class("pronoun") or low.split("'")[0] in also)


def _capital_run_end(tokens: list[Token], x: int, end: int) -> int:
    b = x
    while b + 1 < end and (tokens[b + 1].capitalised or _abbrev_dot(tokens, b + 1)):
        b += 1
    return b


def is_time_phrase(tokens: list[Token], a: int, b: int) -> bool:
    """Are the words of ``tokens[a:b+1]`` all time words or numbers ("Earlier this month", "Last
    week", "On Sunday")?"""
    time = word_class("time")
    words = [t for t in tokens[a:b + 1] if t.kind == "w"]
    return bool(words) and all(t.low in time or t.text.isdigit()
                               or (t is words[0] and t.low in ("on", "in", "at", "since")) for t in words)


@cache
def _weekdays() -> frozenset[str]:
    return frozenset(w for line in load_lines("en", "weekdays") for w in line.split()[1:])


def skip_time_back(tokens: list[Token], j: int, floor: int) -> int:
    """The token before a time adjunct that ends at ``j`` ("Paul Ryan, the Speaker, on Tuesday
    called" → the comma; "Sen. Chuck Grassley (R-Iowa) on Wednesday said" → ")"): a day or a time
    is no speaker."""
    time = word_class("time")
    k = j
    while k >= floor and tokens[k].kind == "w" and tokens[k].low in time:
        # a capitalised month after a capitalised word ends a name ("Theresa May", "Ai Jun")
        if tokens[k].capitalised and tokens[k].low not in _weekdays() and k > floor \
                and tokens[k - 1].capitalised:
            break
        k -= 1
    if k == j:
        return j
    if k >= floor and tokens[k].low in ("on", "at", "in", "during", "by", "early", "late"):
        k -= 1
    return k
