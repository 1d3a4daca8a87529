"""Pure finders for names in running text: people, organisations and media, with their roles.

``find_name_mentions`` gives the antecedents that coreference needs (not only statement speakers):
one pass of a precompiled regex over capitalised word runs, then a little work per run: leading
sentence words ("The", "However") are dropped, titles before the name become the role ("Ukrainian
Defense Minister" Rustem Umerov), and the run is typed (media, organisation, group, person). Roles
written outside the run are read from the words just before it ("chief of staff, Stian Jensen") or
from an apposition after it ("Anna Smith, a doctor,").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache, lru_cache

from ..lang import load_lines, load_set
from ..model import Mention, Span, SpeakerType

UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_PARTICLES = ("de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du", "di", "bin", "ibn",
              "al", "el", "ter", "ten", "dos", "das", "of", "of the", "for", "for the", "on", "&")
_JOIN_PARTICLES = frozenset({"of", "the", "for", "on", "&"})
_SECOND_PARTICLES = ("der", "den", "de", "la", "le", "du", "los", "las")  # "von der Leyen", "van den Berg"
# Words before a title that belong to the role ("former", "acting" Defense Minister).
_MODIFIERS = ("former", "acting", "deputy", "vice", "then", "current", "interim", "outgoing", "incoming",
              "senior", "junior", "top", "new", "first", "assistant", "associate", "executive", "ex",
              "late", "longtime", "long-time", "retired", "veteran", "chief", "lead", "principal")
_GENDERS = ("m", "f")


@cache
def _titles() -> dict[str, str | None]:
    """Title (lower case, may be several words) → gender it implies, if any."""
    out: dict[str, str | None] = {}
    for line in load_lines("en", "titles"):
        word, _, tag = line.partition(":")
        g = tag.strip() or None
        out[word.strip().lower()] = g if g in _GENDERS else None
    return out


@cache
def _honorifics() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for line in load_lines("en", "honorifics"):
        word, _, g = line.partition(" ")
        out[word.lower()] = g.strip() if g.strip() in _GENDERS else None
    return out


@cache
def media_forms() -> dict[str, str]:
    """Every written form of a known outlet (case kept) → the outlet's name (first form of its line)."""
    out: dict[str, str] = {}
    for lang in ("en", "ru", "uk"):
        try:
            lines = load_lines(lang, "media")
        except FileNotFoundError:
            continue
        for line in lines:
            forms = [f.strip() for f in line.split("|") if f.strip()]
            for f in forms:
                out.setdefault(f, forms[0])
                if f.startswith("The "):
                    out.setdefault(f[4:], forms[0])
    return out


@cache
def _not_names() -> frozenset[str]:
    """Capitalised words that never name anyone: the English list, and the Russian and Ukrainian
    words that open a statement ("Нет", "Да", "Он") — a dialogue line's first word is no antecedent."""
    return (load_set("en", "not_names") | load_set("ru", "statement_openers")
            | load_set("uk", "statement_openers"))


@cache
def media_words(kind: str) -> frozenset[str]:
    """Lower-case words of media: ``"name"`` words make a run a medium ("Radio", "Channel"),
    ``"description"`` words head a description of one ("the publication", "the journalists")."""
    name = "media_words" if kind == "name" else "media_descriptions"
    return frozenset(w.lower() for w in load_lines("en", name) if w.isascii())


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_LATIN_UPPER = "A-ZÀ-ÖØ-Þ"
# the rest of a word after its capital (word characters in runs, not one at a time: the engine's
# fast loop over a class)
_REST = r"\w*(?:(?:['’](?=\w)(?![sS]\b)|[-.&/](?=\w))\w*)*"


def _token(upper: str) -> str:
    """A capitalised word; it may end with a full stop before the next capitalised word ("Mr. Trump",
    "U.S. Senate"): the finder splits the run again where that stop ends a sentence instead."""
    return rf"[{upper}]{_REST}(?:\.(?=[ ][{upper}]))?"


def _run(upper: str) -> str:
    """A run of capitalised words (joined by particles), starting with a capital letter: a charset
    first keeps the scan fast. What follows the run is read by the finder only for a run it has not
    classified before (``_next_lower``): most runs read the same whatever follows."""
    return (rf"[{upper}](?<![\w'’.].){_REST}(?:\.(?=[ ][{upper}]))?"
            rf"(?:(?:[ ]|[ ](?:{_alt(_PARTICLES)})(?:[ ](?:{_alt(_SECOND_PARTICLES)}))?[ ]){_token(upper)})*")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    tok = _token(UPPER)
    single = _alt([p for p in _PARTICLES if " " not in p] + ["the"])
    titles = _alt(list(_titles()))
    return {
        "run": re.compile(_run(UPPER)),
        # the same for an ASCII text (no Cyrillic capital can occur): a Latin-1 class is one bitmap,
        # tested faster at every character than the class with Cyrillic letters
        "run_ascii": re.compile(_run(_LATIN_UPPER)),
        "token": re.compile(rf"{tok}|\d+|(?<![\w'’])(?:{single})(?![\w'’])"),
        "title": re.compile(rf"(?<!\w)(?i:{titles})(?!\w)"),
        "word": re.compile(r"[^\s,;:()\"“”«»]+"),
        # an apposition after the name: ", a doctor," / ", chief of staff to the NATO chief,"
        "after": re.compile(r",[ ]+(?:(?:a|an|the|who is|who was)[ ]+)?"
                            r"([^,;:.()\"“”«»\n]{2,80}?)(?=[ ]*[,;.)])"),
    }


@cache
def _months() -> frozenset[str]:
    """English month names: "12 March" is a date, not a name like "24 Channel"."""
    return frozenset(w for line in load_lines("en", "months") for w in line.split()[1:])


def _low(tok: str) -> str:
    low = tok.lower().rstrip(".")
    return low[:-2] if low.endswith(("'s", "’s")) else low


@cache
def _title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every word of every title, the first words of titles): cheap tests before a full lookup."""
    words = {w for t in _titles() for w in t.split()}
    return frozenset(words), frozenset(t.split()[0] for t in _titles())


@cache
def _title_last_words() -> frozenset[str]:
    return frozenset(t.split()[-1] for t in _titles())


def _title_end(lows: list[str], i: int) -> int:
    """If a title starts at (lower-case, dot-less) word ``i``, the index after its last word, else ``i``."""
    if lows[i] not in _title_words()[1]:
        return i
    titles = _titles()
    best = i
    for n in range(1, min(5, len(lows) - i + 1)):
        if " ".join(lows[i:i + n]) in titles:
            best = i + n
    return best


@cache
def _first_names() -> frozenset[str]:
    return load_set("en", "first_names_male") | load_set("en", "first_names_female")


@cache
def _places() -> frozenset[str]:
    return load_set("en", "places") | load_set("en", "place_adjectives")


@cache
def _place_words() -> frozenset[str]:
    """Words a run of place names is made of ("North Carolina", "Bosnia and Herzegovina")."""
    return _places() | _JOIN_PARTICLES


def _is_adjective(tok: str) -> bool:
    low = tok.lower()
    return low in load_set("en", "place_adjectives") or low.endswith(("ian", "ean", "ese", "ish", "ern"))


# (type, first word, end of the role (0: none), first and end word of the name, canonical if not the name)
_Shape = tuple[SpeakerType, int, int, int, int, str | None]


def _classify_run(text: str, toks: list[tuple[int, int, str]], next_lower: bool) -> Mention | None:
    """Type, role and bare name of one capitalised run (``toks`` already stripped of sentence words)."""
    shape = _classify_words(tuple(t[2] for t in toks), next_lower)
    if shape is None:
        return None
    typ, first, role_end, name_from, name_to, canonical = shape
    start, end = toks[first][0], toks[-1][1]
    role = text[start:toks[role_end - 1][1]] if role_end else None
    name = canonical or text[toks[name_from][0]:toks[name_to - 1][1]]
    return Mention(start, end, text[start:end], typ, role, name)


@lru_cache(maxsize=65536)
def _classify_words(words: tuple[str, ...], next_lower: bool) -> _Shape | None:
    n = len(words)
    whole = " ".join(words)
    forms = media_forms()
    for cand in (whole, whole[4:] if whole.startswith("The ") else None):
        if cand and cand in forms:
            return ("media", 0, 0, 0, n, forms[cand])
    lows = [_low(w) for w in words]
    # a number before a run that is no medium ("In 2023 Smith") is no part of it
    if words[0][0].isdigit() and not (set(lows) & media_words("name")):
        if n == 1:
            return None
        shape = _classify_words(words[1:], next_lower)
        if shape is None:
            return None
        typ, first, role_end, name_from, name_to, canonical = shape
        return (typ, first + 1, role_end + 1 if role_end else 0, name_from + 1, name_to + 1, canonical)
    org_words = load_set("en", "organisation_words")
    honor = _honorifics()
    # the last title in the run: what comes before and including it is the role
    last_title_end = -1
    i = 0
    while i < n:
        e = _title_end(lows, i)
        if e > i:
            last_title_end = e
            i = e
        else:
            i += 1
    orgs_at = [k for k, w in enumerate(lows) if w in org_words] if not org_words.isdisjoint(lows) else []
    last_org = orgs_at[-1] if orgs_at else -1
    if last_title_end > last_org:
        tail_from = last_title_end
        # "Mayor of London Sadiq Khan": the complement after the title stays with the role
        if tail_from < n and lows[tail_from] in _JOIN_PARTICLES:
            firsts = _first_names()
            tail = range(tail_from, n)
            known = [k for k in tail if lows[k] in firsts]
            rest = [k for k in tail if lows[k] not in _JOIN_PARTICLES]
            if known:
                tail_from = known[0]
            elif len(rest) >= 3:
                tail_from = rest[-2]
            else:
                tail_from = n
            if tail_from >= n and last_org >= 0:
                return ("organisation", 0, 0, 0, n, whole)
        name_idx = [k for k in range(tail_from, n) if lows[k] not in honor]
        if not name_idx:
            if last_org >= 0 and any(w in _JOIN_PARTICLES for w in lows[last_org:last_title_end]):
                return ("organisation", 0, 0, 0, n, whole)  # Office of the President
            return None  # a title without a name: a description, not an antecedent
        return ("person", 0, tail_from, name_idx[0], name_idx[-1] + 1, None)
    if set(lows) & media_words("name") and last_org < 0:
        return ("media", 0, 0, 0, n, whole[4:] if whole.startswith("The ") else whole)
    if last_org >= 0:
        return ("organisation", 0, 0, 0, n, whole)
    if load_set("en", "place_adjectives").issuperset(lows):
        return None
    if _place_words().issuperset(lows):
        return ("organisation", 0, 0, 0, n, whole)  # "Ukraine", "North Carolina": a country speaks
    if n > 1 and lows[-1] in load_set("en", "groups"):
        return ("group", 0, 0, 0, n, whole)  # "Wyoming Republicans", "Senate Democrats"
    if n == 1:
        w, low = words[0], lows[0]
        if _PARTY_STATE.match(w):
            return None  # "(R-S.C.)", "R-Ky.": party and state, not a name
        if low in load_set("en", "anonymous") or low in media_words("description"):
            return None  # "Sources said", "Journalists asked": a description, not a name
        if low in load_set("en", "groups"):
            return ("group", 0, 0, 0, 1, whole)
        if len(w) >= 2 and w.isupper() and w.isalpha():
            return ("organisation", 0, 0, 0, 1, whole)
        if _is_adjective(w) and next_lower:
            return None
        if low.endswith(("ing", "ly")):
            return None  # "Speaking at the summit, …"
    name_idx = [k for k in range(n) if lows[k] not in honor]
    # "Scott Hawkins of Cheyenne": where a person is from is no part of the name
    if "of" in lows[2:]:
        k = lows.index("of", 2)
        name_idx = [i for i in name_idx if i < k]
    if not name_idx:
        return None
    return ("person", 0, 0, name_idx[0], name_idx[-1] + 1, None)


_DIGIT = re.compile(r"\d")
_POSSESSIVE_END = re.compile(r"['’]s$")
_ROLE_WORD = re.compile(r"[\w\-]+")
_PARTY_STATE = re.compile(r"[RDI]-[A-Z]")
_ROLE_JOINERS = frozenset({"of", "the", "for", "to", "and"})


def _role_before(text: str, start: int, lo: int) -> str | None:
    """A role written just before a name: "defense minister Rustem Umerov", "chief of staff, Stian Jensen"."""
    if start < 2 or text[start - 1] != " ":
        return None
    # cheap test first: the word just before the name must belong to a title
    j = start - 1 if text[start - 2] != "," else start - 2
    k = text.rfind(" ", max(lo, start - 40), j)
    if k < 0 and text.find(" ", 0, j) >= 0:
        # no space in the window: the word read would run from the text's start over a space, so it
        # is no title's last word (said before lowering a whole text's beginning)
        return None
    prev = text[k + 1:j].lower().rstrip(".")
    prev = prev[:-2] if prev.endswith(("'s", "’s")) else prev
    if prev not in _title_last_words():
        return None
    window = text[max(lo, start - 120):start]
    base = start - len(window)
    words = [(w.start(), w.end(), w.group()) for w in _patterns()["word"].finditer(window)]
    if not words:
        return None
    tail = window[words[-1][1]:]
    if tail.strip() not in ("", ","):
        return None
    all_title_words, _ = _title_words()
    lows = [_POSSESSIVE_END.sub("", w[2].lower()).rstrip(".") for w in words]
    if lows[-1] not in all_title_words:
        return None
    # the title that ends at the last word
    k = len(words) - 1
    first = next((k - n + 1 for n in range(min(4, k + 1), 0, -1)
                  if _title_end(lows, k - n + 1) == k + 1), None)
    if first is None:
        return None
    mods = set(_MODIFIERS)
    i = first
    while i > 0:
        w, low = words[i - 1][2], lows[i - 1]
        if words[i][0] - words[i - 1][1] != 1:  # only one space (no comma) inside a role
            break
        if low in mods or low in all_title_words or low in _ROLE_JOINERS or w[:1].isupper():
            i -= 1
            continue
        break
    not_names = _not_names()
    while i < first and (lows[i] in _ROLE_JOINERS or lows[i] in not_names):
        i += 1  # "the", "by", "However" before the role
    return text[base + words[i][0]:base + words[-1][1]]


_RELATIVE = re.compile(r"(?:^|\s+)(?:who|whose|which|that|who['’]s)\s")
_ROLE_GLUE = frozenset({"the", "of", "a", "an", "for", "and", "in", "on", "to", "at", "with"})


def _role_after(text: str, end: int, hi: int) -> str | None:
    """A role in an apposition after a name: ", a doctor at the city hospital," → "doctor at …"."""
    if not text.startswith(", ", end):
        return None
    pats = _patterns()
    a = pats["after"].match(text, end, min(hi, end + 100))
    if not a:
        return None
    role = _RELATIVE.split(a.group(1), 1)[0]  # "former state GOP chair who is supporting Brooks"
    if not role.strip():
        return None
    all_title_words, _ = _title_words()
    lows = [w.lower().rstrip(".") for w in role.split()]
    # a title word of its own ("the", "of" of "head of the …" are none), and no verb: ", Russian
    # propaganda is spreading fakes." is a clause, not a role
    if not any(w in all_title_words and w not in _ROLE_GLUE for w in lows) \
            or {"said", "says", "told", "added", "is", "are", "was", "were", "has", "have"} & set(lows):
        return None
    return role.strip()


def role_near(text: str, start: int, end: int, lo: int, hi: int) -> str | None:
    """A role written next to the name ``text[start:end]`` but outside its run (within ``lo:hi``)."""
    if _CYRILLIC.search(text, start, end):
        from .slavic_mentions import find_role_before

        return find_role_before(text, start, lo, "uk" if _UK_LETTERS.search(text, lo, end) else "ru")
    return _role_before(text, start, lo) or _role_after(text, end, hi)


def find_name_mentions(text: str, sentences: Sequence[Span]) -> list[Mention]:
    """Names of people, organisations and media in ``text``, in text order.

    ``Mention.text`` is the run as written (titles and honorifics included), ``canonical`` the bare
    name ("Rustem Umerov"; an outlet's usual name for a known medium), ``role`` the title found with it,
    in the run or next to it ("chief of staff, Stian Jensen"; "Anna Smith, a doctor,").
    """
    bounds = [(s.start, s.end) for s in sentences] or [(0, len(text))]
    starts = [b[0] for b in bounds]
    out: list[Mention] = []
    for start, end, typ, role_end, canonical in iter_names(text):
        role = text[start:role_end] if role_end else None
        if typ == "person" and role is None:
            lo, hi = bounds[max(0, bisect.bisect_right(starts, start) - 1)]
            role = role_near(text, start, end, lo, hi)
        out.append(Mention(start, end, text[start:end], typ, role, canonical))
    return out


# (start, end, type, end of the role or 0, canonical name)
NameRun = tuple[int, int, SpeakerType, int, str]


def iter_names(text: str) -> list[NameRun]:
    """The names of ``text`` as plain tuples (the fast core of ``find_name_mentions``): roles written
    outside the run are left to ``role_near``, which callers ask only for the names they use."""
    return collect_names(text)[0]


def collect_names(text: str) -> tuple[list[NameRun], list[str], dict[str, NameRun], dict[str, str]]:
    """``iter_names`` with, for each name, its written form, each form's first occurrence, and the
    role written in the run of each form that has one (the last such run's)."""
    runs: list[NameRun] = []
    writtens: list[str] = []
    first: dict[str, NameRun] = {}
    roles: dict[str, str] = {}
    shapes_of = _found_shapes
    known = _shapes_any_next  # most runs read the same whatever follows: one plain lookup
    for m in _patterns()["run_ascii" if text.isascii() else "run"].finditer(text):
        found = m.group()
        s0 = m.start()
        # "24 Channel": a number before the run belongs to a medium's name (the digit test first: most
        # runs follow a space, hardly any a number)
        if s0 >= 2 and text[s0 - 2].isdigit() and text[s0 - 1] == " " and found.lower() not in _months():
            q = s0 - 2
            while q > 0 and text[q - 1].isdigit():
                q -= 1
            if q == 0 or not (text[q - 1].isalnum() or text[q - 1] in ".,"):
                found = text[q:s0 + len(found)]
                s0 = q
        shapes = known.get(found)
        if shapes is None:
            lower = _next_lower(text, m.end())
            shapes = shapes_of(found, lower)
            if len(known) < 65536 and shapes == shapes_of(found, not lower):
                known[found] = shapes
        if not shapes:
            continue  # the most common runs: "The", "In"
        if "\u0400" <= found[0] <= "\u04ff" and len(shapes) == 1 and shapes[0][4] != found:
            from .slavic_mentions import told_feminine  # it builds on this module

            shapes = told_feminine(text, s0, m.end(), found, shapes)
        for rs, re_, typ, role_end, canonical, written, role in shapes:
            run = (s0 + rs, s0 + re_, typ, s0 + role_end if role_end else 0, canonical)
            runs.append(run)
            writtens.append(written)
            if written not in first:
                first[written] = run
            if role:
                roles[written] = role
    return runs, writtens, first, roles


def _next_lower(text: str, end: int) -> bool:
    """Is the first character after a run (past one white space at most) a lower-case letter? A
    lower-case word after "Ukrainian" makes it an adjective."""
    c = text[end:end + 1]
    if c.isspace():
        c = text[end + 1:end + 2]
    return c.islower()


# a run's shape with its written form and role ("" when none)
FoundShape = tuple[int, int, SpeakerType, int, str, str, str]
# the shapes of runs that do not depend on whether a lower-case word follows ("The", "Rustem Umerov")
_shapes_any_next: dict[str, tuple[FoundShape, ...]] = {}


@lru_cache(maxsize=65536)
def _found_shapes(found: str, next_lower: bool) -> tuple[FoundShape, ...]:
    """The shapes of one run (Cyrillic or not) with each one's written form and role, memoised: the
    scan's loop then only shifts offsets."""
    if "\u0400" <= found[0] <= "\u04ff":  # a run that opens in Cyrillic
        from .slavic_mentions import cyrillic_shapes  # it builds on this module

        shapes = cyrillic_shapes(found)
    else:
        shapes = _run_shapes(found, next_lower)
    return tuple((rs, re_, typ, role_end, canonical, found[rs:re_], found[rs:role_end] if role_end else "")
                 for rs, re_, typ, role_end, canonical in shapes)


# (start, end, type, end of the role or 0, canonical name), offsets relative to the run
_RunShape = tuple[int, int, SpeakerType, int, str]

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")


@lru_cache(maxsize=65536)
def _run_shapes(run: str, next_lower: bool) -> tuple[_RunShape, ...]:
    """The mentions in one capitalised run, memoised: the same runs come back in every article."""
    not_names = _not_names()
    abbrev = load_set("en", "abbreviations")
    if " " not in run:
        if run.lower() in not_names or (run[-1] == "." and run[:-1].lower() not in abbrev):
            return ()  # the most common runs: "The", "In"
        groups = [[(0, len(run), run)]]
    else:
        groups = [[]]
        for t in _patterns()["token"].finditer(run):
            w = t.group()
            # "Calif. The Islamic State": a sentence word after a full stop starts a new run
            if groups[-1] and groups[-1][-1][2].endswith(".") and w.lower() in not_names:
                before = _low(groups[-1][-1][2])
                if before not in _honorifics() and before not in _titles():
                    groups.append([])
            groups[-1].append((t.start(), t.end(), w))
            if w[-1] == "." and len(w) > 2 and w[:-1].lower() not in abbrev and "." not in w[:-1]:
                groups.append([])  # "… said Smith. Jones …": a sentence ends inside the run
    groups = [part for toks in groups for part in _split_person(run, toks, not_names)]
    out: list[_RunShape] = []
    for k, toks in enumerate(groups):
        m = _mention_of(run, toks, not_names, next_lower if k == len(groups) - 1 else False)
        if m is not None:
            role_end = m.start + len(m.role) if m.role else 0
            out.append((m.start, m.end, m.type or "person", role_end, m.canonical or m.text))
    return tuple(out)


def _split_person(run: str, toks: list[tuple[int, int, str]],
                  not_names: frozenset[str]) -> list[list[tuple[int, int, str]]]:
    """A body's name run into a person's ("Center for Countering Disinformation Andrii Kovalenko"):
    a known first name and one or two words after it end the run, and the words before it name a
    body by themselves ("Defense Minister Rustem Umerov" is one mention with its role, "Paul D.
    Ryan" one name). One word before it that names nothing and is no title is dropped
    ("Republican Donald Trump")."""
    firsts = _first_names()
    for p in range(1, len(toks) - 1):
        if _low(toks[p][2]) in firsts and len(toks) - p <= 3:
            before = _mention_of(run, toks[:p], not_names, False)
            if before is not None and before.type in ("organisation", "media") and not before.role:
                return [toks[:p], toks[p:]]
            word = _low(toks[0][2])
            if before is None and p == 1 and word not in _titles() and word not in _honorifics() \
                    and word not in _MODIFIERS:
                return [toks[1:]]  # "Republican Donald Trump", "Comedian Sarah Silverman": no name before
            return [toks]
    return [toks]


def _mention_of(text: str, toks: list[tuple[int, int, str]], not_names: frozenset[str],
                next_lower: bool) -> Mention | None:
    while toks and _low(toks[0][2]) in not_names:
        toks = toks[1:]
    # "Washington Post on Thursday": a particle before a sentence word ends the name
    for i in range(1, len(toks) - 1):
        if toks[i][2] in _JOIN_PARTICLES and toks[i + 1][2] not in _JOIN_PARTICLES \
                and _low(toks[i + 1][2]) in not_names:
            toks = toks[:i]
            break
    while toks and _low(toks[-1][2]) in _JOIN_PARTICLES:
        toks = toks[:-1]
    if not toks or (len(toks) == 1 and len(toks[0][2]) == 1):
        return None  # a lone capital letter ("В нем" after "Reuters.") is no name; an initial has its stop
    if any(_DIGIT.search(t[2]) for t in toks[1:]) or (_DIGIT.search(toks[0][2]) and not toks[0][2].isdigit()):
        return None
    if toks[-1][2].endswith(".") and len(toks[-1][2]) > 2 and "." not in toks[-1][2][:-1]:
        last = toks[-1]
        toks = [*toks[:-1], (last[0], last[1] - 1, last[2][:-1])]
        if _low(toks[-1][2]) in load_set("en", "abbreviations"):
            toks = toks[:-1]  # a run ending "… Gen." is cut short; keep what precedes it
            if not toks:
                return None
    return _classify_run(text, toks, next_lower)


def name_gender(mention: Mention) -> str | None:
    """"m", "f" or ``None`` from an honorific, a gendered title or a known first name."""
    return gender_of(mention.text, mention.role, mention.canonical or mention.text)


@lru_cache(maxsize=65536)
def gender_of(written: str, role: str | None, name: str) -> str | None:
    honor = _honorifics()
    for w in written.split():
        g = honor.get(_low(w))
        if g:
            return g
    if role:
        titles = _titles()
        for w in _ROLE_WORD.findall(role.lower()):
            g = titles.get(w)
            if g:
                return g
    words = name.split()
    if words and _CYRILLIC.search(name):
        from .slavic_names import name_case_gender

        return name_case_gender(words, "uk" if _UK_LETTERS.search(name) else "ru")[1]
    if words:
        first = words[0].lower()
        if first in load_set("en", "first_names_male"):
            return "m"
        if first in load_set("en", "first_names_female"):
            return "f"
    return None


def speaker_type_of(words: str) -> SpeakerType | None:
    """The type a plain capitalised name would get on its own (used for names no run found)."""
    pats = _patterns()
    toks = [(t.start(), t.end(), t.group()) for t in pats["token"].finditer(words)]
    m = _mention_of(words, toks, _not_names(), False) if toks else None
    return m.type if m else None

