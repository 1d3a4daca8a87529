"""Pure finders for names in running text: people, organisations and media, with their roles.

``find_name_mentions`` gives the antecedents that coreference needs (not only statement speakers):
one pass of a precompiled regex over capitalised word runs, then a little work per run: leading
sentence words ("The", "However") are dropped, titles before the name become the role ("Ukrainian
Defense Minister" Rustem Umerov), and the run is typed (media, organisation, group, person). Roles
written outside the run are read from the words just before it ("chief of staff, Stian Jensen") or
from an apposition after it ("Anna Smith, a doctor,").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..lang import load_lines, load_set
from ..model import Mention, Span, SpeakerType

UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_PARTICLES = ("de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du", "di", "bin", "ibn",
              "al", "el", "ter", "ten", "dos", "das", "of", "of the", "for", "for the", "on", "&")
_JOIN_PARTICLES = frozenset({"of", "the", "for", "on", "&"})
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
def media_words(kind: str) -> frozenset[str]:
    """Lower-case words of media: ``"name"`` words make a run a medium ("Radio", "Channel"),
    ``"description"`` words head a description of one ("the publication", "the journalists")."""
    name = "media_words" if kind == "name" else "media_descriptions"
    return frozenset(w.lower() for w in load_lines("en", name) if w.isascii())


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    abbrev = [w for w in load_lines("en", "abbreviations") if w.isalpha()]
    abbr = "|".join(sorted({w.capitalize() for w in abbrev} | {w.upper() for w in abbrev if len(w) <= 3},
                           key=len, reverse=True))
    tok = (rf"(?:(?:{abbr})\.|(?:[{UPPER}]\.){{1,3}}(?![\w])|"
           rf"[{UPPER}](?:\w|['’](?=\w)(?![sS]\b)|[-.&/](?=\w))*)")
    particles = _alt(_PARTICLES)
    single = _alt([p for p in _PARTICLES if " " not in p])
    run = rf"(?<![\w'’.])(?:\d+[ ](?=[{UPPER}]))?{tok}(?:(?:[ ]|[ ](?:{particles})[ ]){tok})*"
    titles = _alt(list(_titles()))
    mods = _alt(_MODIFIERS)
    capw = rf"[{UPPER}][\w\-]*\.?(?:['’]s)?"
    title_tok = rf"(?i:(?:{mods})[ -])*(?i:{titles})(?:['’]s)?"
    phrase = rf"(?:(?:{capw}|{title_tok}|of|the|for|to)[ ]+)*{title_tok}"
    return {
        "run": re.compile(run),
        "token": re.compile(rf"{tok}|\d+|(?<![\w'’])(?:{single})(?![\w'’])"),
        "title": re.compile(rf"(?<!\w)(?i:{titles})(?!\w)"),
        # a role written before the name: "defense minister Rustem Umerov", "chief of staff, Stian Jensen"
        "before": re.compile(rf"(?<![\w'’])({phrase})(?:,)?[ ]+\Z"),
        # an apposition after the name: ", a doctor," / ", chief of staff to the NATO chief,"
        "after": re.compile(r",[ ]+(?:(?:a|an|the|who is|who was)[ ]+)?"
                            r"([^,;:.()\"“”«»\n]{2,80}?)(?=[ ]*[,;.)])"),
    }


def _low(tok: str) -> str:
    return tok.lower().rstrip(".")


def _title_end(tokens: list[str], i: int) -> int:
    """If a title starts at token ``i``, the index after its last token, else ``i``."""
    titles = _titles()
    best = i
    for n in range(1, 5):
        if i + n > len(tokens):
            break
        words = " ".join(_low(t) for t in tokens[i:i + n])
        if words in titles:
            best = i + n
    return best


def _is_adjective(tok: str) -> bool:
    low = tok.lower()
    return low in load_set("en", "place_adjectives") or low.endswith(("ian", "ean", "ese", "ish", "ern"))


def _classify_run(text: str, toks: list[tuple[int, int, str]], after: int) -> Mention | None:
    """Type, role and bare name of one capitalised run (``toks`` already stripped of sentence words)."""
    words = [t[2] for t in toks]
    lows = [_low(w) for w in words]
    start, end = toks[0][0], toks[-1][1]
    whole = text[start:end]
    forms = media_forms()
    for cand in (whole, whole[4:] if whole.startswith("The ") else None):
        if cand and cand in forms:
            return Mention(start, end, whole, "media", None, forms[cand])
    # a trailing digit-led run such as "In 2023 Smith" must not keep its number
    if words[0][0].isdigit() and not (set(lows) & media_words("name")):
        toks = toks[1:]
        if not toks:
            return None
        return _classify_run(text, toks, after)
    org_words = load_set("en", "organisation_words")
    honor = _honorifics()
    # the last title in the run: what comes before and including it is the role
    last_title_end = -1
    i = 0
    while i < len(words):
        e = _title_end(words, i)
        if e > i:
            last_title_end = e
            i = e
        else:
            i += 1
    last_org = max((k for k, w in enumerate(lows) if w in org_words), default=-1)
    tail_from = last_title_end if last_title_end > last_org else -1
    if tail_from >= 0:
        tail = list(range(tail_from, len(words)))
        # "Mayor of London Sadiq Khan": the complement after the title stays with the role
        if tail and lows[tail[0]] in _JOIN_PARTICLES:
            firsts = load_set("en", "first_names_male") | load_set("en", "first_names_female")
            known = [k for k in tail if lows[k] in firsts]
            rest = [k for k in tail if lows[k] not in _JOIN_PARTICLES]
            if known:
                tail_from = known[0]
            elif len(rest) >= 3:
                tail_from = rest[-2]
            else:
                tail_from = len(words)
            if tail_from >= len(words) and last_org >= 0:
                return Mention(start, end, whole, "organisation", None, whole)
        name_toks = [t for t in toks[tail_from:] if _low(t[2]) not in honor]
        if not name_toks:
            if last_org >= 0 and any(w in _JOIN_PARTICLES for w in lows[last_org:last_title_end]):
                return Mention(start, end, whole, "organisation", None, whole)  # Office of the President
            return None  # a title without a name: a description, not an antecedent
        role = text[start:toks[tail_from - 1][1]]
        name = text[name_toks[0][0]:name_toks[-1][1]]
        return Mention(start, end, whole, "person", role, name)
    if set(lows) & media_words("name") and not last_org >= 0:
        return Mention(start, end, whole, "media", None, whole[4:] if whole.startswith("The ") else whole)
    if last_org >= 0:
        return Mention(start, end, whole, "organisation", None, whole)
    places = load_set("en", "places")
    if all(w in places or w in _JOIN_PARTICLES for w in lows):
        return Mention(start, end, whole, "organisation", None, whole)
    if all(w in load_set("en", "place_adjectives") for w in lows):
        return None
    if len(words) == 1:
        w = words[0]
        if w.lower() in load_set("en", "anonymous") or w.lower() in media_words("description"):
            return None  # "Sources said", "Journalists asked": a description, not a name
        if w.lower() in load_set("en", "groups"):
            return Mention(start, end, whole, "group", None, whole)
        if len(w) >= 2 and w.isupper() and w.isalpha():
            return Mention(start, end, whole, "organisation", None, whole)
        if _is_adjective(w) and (after >= len(text) or text[after:after + 2].strip()[:1].islower()):
            return None
    name_toks = [t for t in toks if _low(t[2]) not in honor]
    if not name_toks:
        return None
    if len(name_toks) == 1 and len(toks) == 1 and name_toks[0][2].lower().endswith(("ing", "ly")):
        return None  # "Speaking at the summit, …"
    return Mention(start, end, whole, "person", None, text[name_toks[0][0]:name_toks[-1][1]])


def _role_outside(text: str, m: Mention, lo: int, hi: int) -> str | None:
    """A role written next to the name but outside its run, or ``None``."""
    pats = _patterns()
    window = text[max(lo, m.start - 160):m.start]
    b = pats["before"].search(window)
    if b:
        role = b.group(1)
        role = re.sub(r"^(?:(?:the|a|an|by|of|to|for)\s+)+", "", role, flags=re.I)
        if role and pats["title"].search(role):
            return role
    a = pats["after"].match(text, m.end, min(hi, m.end + 100))
    if a and pats["title"].search(a.group(1)) and not re.search(r"\b(?:said|says|told|added)\b", a.group(1)):
        return a.group(1).strip()
    return None


def find_name_mentions(text: str, sentences: Sequence[Span]) -> list[Mention]:
    """Names of people, organisations and media in ``text``, in text order.

    ``Mention.text`` is the run as written (titles and honorifics included), ``canonical`` the bare
    name ("Rustem Umerov"; an outlet's usual name for a known medium), ``role`` the title found with it.
    """
    pats = _patterns()
    not_names = load_set("en", "not_names")
    starts = {s.start for s in sentences}
    bounds = [(s.start, s.end) for s in sentences] or [(0, len(text))]
    out: list[Mention] = []
    si = 0
    for m in pats["run"].finditer(text):
        while si + 1 < len(bounds) and bounds[si][1] <= m.start():
            si += 1
        toks = [(t.start(), t.end(), t.group()) for t in pats["token"].finditer(text, m.start(), m.end())]
        while toks and toks[0][2].lower().rstrip(".") in not_names:
            toks = toks[1:]
        while toks and _low(toks[-1][2]) in _JOIN_PARTICLES:
            toks = toks[:-1]
        if any(c.isdigit() for t in toks[1:] for c in t[2]) or (toks and not toks[0][2].isdigit()
                                                               and any(c.isdigit() for c in toks[0][2])):
            continue
        if not toks:
            continue
        if toks[0][0] in starts and len(toks) == 1 and toks[0][2].lower() in not_names:
            continue
        mention = _classify_run(text, toks, m.end())
        if mention is None:
            continue
        if mention.type == "person" and mention.role is None:
            lo, hi = bounds[si] if bounds[si][0] <= mention.start else (0, len(text))
            role = _role_outside(text, mention, lo, hi)
            if role:
                mention = Mention(mention.start, mention.end, mention.text, "person", role, mention.canonical)
        out.append(mention)
    return out


def name_gender(mention: Mention) -> str | None:
    """"m", "f" or ``None`` from an honorific, a gendered title or a known first name."""
    words = mention.text.split()
    honor = _honorifics()
    for w in words:
        g = honor.get(_low(w))
        if g:
            return g
    if mention.role:
        titles = _titles()
        for w in re.findall(r"[\w\-]+", mention.role.lower()):
            g = titles.get(w)
            if g:
                return g
    name = (mention.canonical or mention.text).split()
    if name:
        first = name[0].lower()
        if first in load_set("en", "first_names_male"):
            return "m"
        if first in load_set("en", "first_names_female"):
            return "f"
    return None


def speaker_type_of(words: str) -> SpeakerType | None:
    """The type a plain capitalised name would get on its own (used for names no run found)."""
    pats = _patterns()
    toks = [(t.start(), t.end(), t.group()) for t in pats["token"].finditer(words)]
    if not toks:
        return None
    m = _classify_run(words, toks, len(words))
    return m.type if m else None
