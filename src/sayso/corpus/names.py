"""Names of speakers as the corpus layer compares them: a person's first name and surname, an
organisation's forms and acronym, the concepts of a role.

Every comparison goes through ``alias_key`` (``sayso.speakers.slavic_names``): one key for the Cyrillic
(ru, uk) and Latin spellings of a word, so "Умєров", "Умеров" and "Umerov" are one surname. What the key
cannot know is in data files beside this module: first names that differ between languages
(``data/first_names.txt``: Volodymyr = Vladimir), organisations with names in several languages
(``data/organisations.txt``; outlets come from ``sayso/lang/*/media.txt``) and the concepts of roles
(``data/role_words.txt``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ..disjoint import DisjointSets
from ..lang import load_lines, load_set
from ..speakers.slavic_names import alias_key, parses

_CYRILLIC = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]")
_QUOTES = "\"'«»“”„‟‘’‚‛`"
_INITIAL = re.compile(r"^[A-ZА-ЯЁІЇЄҐ]\.?$")
_PATRONYMIC = re.compile(r"(ович|евич|йович|ьевич|івна|ївна|овна|евна|ична|инична|ovich|evich|ovych|"
                         r"yovych|ivna|ovna|evna)$", re.IGNORECASE)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Lower-case words that belong to a surname ("Ursula von der Leyen", "Charles de Gaulle").
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le",
                        "bin", "ibn", "al", "el", "ter", "ten", "zu"})
# Words an acronym leaves out ("Organization for Security and Co-operation in Europe" → OSCE).
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la",
                           "и", "і", "й", "в", "у", "по", "на", "для", "с", "з", "&"})
_ACRONYM = re.compile(r"^[A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ&/.]{1,7}$")
# Endings of inflected Russian and Ukrainian words, in key spelling (after alias_key), longest first:
# a surname or organisation word the extractor left in an oblique case still finds its nominative.
OBLIQUE_ENDINGS = ("oiu", "oho", "eho", "omu", "emu", "ovi", "evi", "imi", "ami", "om", "im", "oi",
                   "ei", "ah", "a", "u", "e", "i")
# Endings of an adjectival surname's oblique cases ("Зеленського" → "Зеленський", key "...ski").
_ADJECTIVAL = ("oho", "eho", "omu", "emu", "im", "oi")


def clean(name: str) -> str:
    """A name without the quotation marks, brackets and punctuation around it, spaces collapsed,
    a possessive "'s" dropped ("“Radio Liberty.”" → "Radio Liberty")."""
    s = unicodedata.normalize("NFC", " ".join(name.split()))
    s = s.strip(_QUOTES + " .,;:!?()[]—–-")
    s = re.sub(r"['’]s$", "", s)
    return s.strip(_QUOTES + " .,;:!?()[]")


def is_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


@lru_cache(maxsize=1 << 18)
def key(text: str) -> str:
    """The spelling-independent key of a name (``alias_key``, accents dropped first: "Orbán" =
    "Orban")."""
    if text.isascii():
        return alias_key(text)
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return alias_key(unicodedata.normalize("NFC", plain))


@cache
def _surname_classes() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _data_lines("surnames"):
        forms = [key(f) for f in line.split("|") if f.strip()]
        for f in forms:
            out.setdefault(f, forms[0])
    return out


def surname_class(surname_key: str) -> str:
    """One key for a surname whose spellings the key does not fold ("klikhko" → "klitskhko")."""
    return _surname_classes().get(surname_key, surname_key)


def strip_oblique(k: str) -> list[str]:
    """Keys a word in an oblique case may have in the nominative ("umerova" → ["umerov"],
    "zelenskoho" → ["zelenski", "zelensk"])."""
    out = []
    for e in OBLIQUE_ENDINGS:
        if k.endswith(e) and len(k) - len(e) >= 4:
            if e in _ADJECTIVAL:
                out.append(k[: -len(e)] + "i")
            out.append(k[: -len(e)])
    return out


def same_word(a: str, b: str) -> bool:
    """Whether two word keys are one word, inflection allowed ("umerov" ~ "umerova", "zelenski" ~
    "zelenskoho"): they differ only in the last letter of the shorter one and an ending of up to
    three letters."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4 or len(long_) - len(short) > 3:
        return False
    return long_.startswith(short[:-1])


# --- first names -----------------------------------------------------------------------------


@cache
def _first_name_classes() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _data_lines("first_names"):
        forms = [key(f) for f in line.split("|") if f.strip()]
        for f in forms:
            out.setdefault(f, forms[0])
    return out


def first_name_class(first_key: str) -> str:
    """One key for a first name in every language ("vladimir", "volodimir" → "volodimir")."""
    return _first_name_classes().get(first_key, first_key)


@cache
def first_name_initials(cls: str) -> frozenset[str]:
    """The initials the forms of a first name start with (Volodymyr: "v", "w")."""
    forms = [f for f, c in _first_name_classes().items() if c == cls] or [cls]
    return frozenset(f[:1] for f in forms if f)


def first_names_match(a: str, b: str) -> bool:
    """Two first-name classes are one name: equal, or one letter apart in a name of five or more
    letters (a transliteration the key does not fold)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    return _within_one_edit(a, b)


def _within_one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


# --- persons ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name split for comparison; ``first`` is ``None`` for a surname alone."""

    display: str  # the name words as written, leading role and place words left out
    surname: str
    surname_key: str
    first: str | None = None
    first_class: str | None = None  # first_name_class of the first name's key
    initial: str | None = None  # key letter of a first name given as an initial only ("R. Umerov")

    @property
    def full(self) -> bool:
        return self.first_class is not None


@cache
def _not_name_words() -> frozenset[str]:
    words: set[str] = set()
    for name in ("titles", "place_adjectives", "places", "not_names", "function_words", "honorifics"):
        for entry in load_set("en", name):
            words.update(entry.split(":")[0].split())
    words.update(p.split()[0] for p in load_set("en", "pronouns"))
    return frozenset(words)


def _is_name_word(word: str, lang: str | None) -> bool:
    """A capitalised word that can be part of a personal name (not a title, a place, a common noun)."""
    if not word[:1].isupper() or (len(word) < 2 and not _INITIAL.match(word)):
        return False
    if not is_cyrillic(word):
        return word.lower().rstrip(".") not in _not_name_words()
    langs = (lang,) if lang in ("ru", "uk") else ("ru", "uk")
    for lg in langs:
        ps = parses(word, lg)
        if not ps:
            continue
        if any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in ps):
            return True
        if any(p.is_known for p in ps):  # a word of the dictionary that is no name: "Украины"
            return False
    return True


def _feminine_adjectival(k: str) -> str:
    """Russian "-ская" and Ukrainian "-ська" (and "Zelenskaya") as one key: "zelenska"."""
    return k[:-3] + "a" if k.endswith("kaia") else k


@lru_cache(maxsize=1 << 16)
def parse_person(name: str, lang: str | None = None) -> PersonName | None:
    """Split a person's name ("Ukrainian Defense Minister Rustem Umerov", "Украины Рустем Умеров",
    "R. Umerov", "Умеров") into first name and surname; ``None`` when it holds no name ("the
    minister", "Журналисты")."""
    words = [w.strip(",;:") for w in clean(name).split()]
    words = [w for w in words if w and w.lower() not in _SUFFIXES]
    if not words:
        return None
    # the surname: the last word, with the lower-case particles before it
    end = len(words) - 1
    start = end
    while start > 0 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    surname_words = words[start:]
    if not _is_name_word(surname_words[-1], lang) or _INITIAL.match(surname_words[-1]):
        return None
    surname = " ".join(surname_words)
    # the given names: name words right before it (patronymics kept in the display only)
    given: list[str] = []
    i = start - 1
    while i >= 0 and _is_name_word(words[i], lang):
        given.insert(0, words[i])
        i -= 1
    display = " ".join([*given, surname])
    firsts = [w for w in given if not _PATRONYMIC.search(w)]
    sk = surname_class(_feminine_adjectival(key(surname)))
    if not sk:
        return None
    if not firsts:
        return PersonName(display, surname, sk)
    first = firsts[0]
    fk = key(first)
    if _INITIAL.match(first) or len(fk) == 1:
        return PersonName(display, surname, sk, initial=fk[:1] or None)
    return PersonName(display, surname, sk, first=first, first_class=first_name_class(fk))


@lru_cache(maxsize=1 << 16)
def name_run(mention: str, name: str) -> str | None:
    """The words of ``mention`` that spell ``name``, inflection allowed: "Ukrainian Defense Minister
    Rustem Umerov" → "Rustem Umerov", "Умєрова" → "Умєрова"; ``None`` when the mention does not spell
    it ("him", "the minister")."""
    keys = [k for k in (key(w) for w in name.split()) if k]
    words = clean(mention).split()
    best: tuple[int, int] | None = None
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and words[j][:1].isupper() and any(
                same_word(key(words[j]), k) for k in keys):
            j += 1
        if j > i and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
        i = j + 1 if j > i else i + 1
    if best is None:
        return None
    return clean(" ".join(words[best[0]:best[1]]))


# --- organisations and outlets ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrgClass:
    """One organisation or outlet and every form it is known under."""

    key: str  # the key of its display name
    display: str
    media: bool
    keys: frozenset[str]


@lru_cache(maxsize=1 << 16)
def org_key(name: str) -> str:
    """The key of an organisation's name, a leading article left out ("The Financial Times")."""
    s = clean(name)
    s = re.sub(r"^(the|a|an)\s+", "", s, flags=re.IGNORECASE)
    return key(s)


def org_stem(k: str) -> str:
    """The key of an organisation's name with the case endings of its words cut off: "ofisa
    prezidenta" and "ofis prezident" meet."""
    out = []
    for w in k.split():
        cut = strip_oblique(w)
        out.append(cut[0] if cut else w)
    return " ".join(out)


def acronym(name: str) -> str:
    """The initials of a name's words ("Financial Times" → "FT", "Служба безопасности Украины" →
    "СБУ"); an acronym stays as it is."""
    s = clean(name)
    if is_acronym(s):
        return s.replace(".", "").upper()
    words = [w for w in re.split(r"[\s\-]+", s) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def is_acronym(name: str) -> bool:
    return _ACRONYM.match(clean(name)) is not None


@cache
def org_classes() -> dict[str, OrgClass]:
    """Each known form's key → its organisation or outlet: the media lists of every language and
    ``data/organisations.txt``, lines that share a form (by key) joined."""
    groups: list[tuple[list[str], bool]] = []
    for lang in ("en", "ru", "uk"):
        for line in load_lines(lang, "media"):
            forms = [f.strip() for f in line.split("|")]
            groups.append(([f for f in forms if f and not _is_domain(f)], True))
    for line in _data_lines("organisations"):
        groups.append(([f.strip() for f in line.split("|") if f.strip()], False))
    sets = DisjointSets(len(groups))
    owner: dict[str, int] = {}
    for gi, (forms, _) in enumerate(groups):
        for f in forms:
            k = org_key(f)
            if not k:
                continue
            if k in owner:
                sets.join(owner[k], gi)
            else:
                owner[k] = gi
    members: dict[int, list[int]] = {}
    for gi in range(len(groups)):
        members.setdefault(sets.find(gi), []).append(gi)
    out: dict[str, OrgClass] = {}
    for gis in members.values():
        forms = [f for gi in gis for f in groups[gi][0]]
        if not forms:
            continue
        display = _display_form(forms)
        keys = frozenset(k for k in (org_key(f) for f in forms) if k)
        cls = OrgClass(org_key(display), display, any(groups[gi][1] for gi in gis), keys)
        for k in keys:
            out.setdefault(k, cls)
    return out


def _display_form(forms: list[str]) -> str:
    """The first form, unless it is an acronym that a later form spells out ("FT" → "Financial
    Times")."""
    first = forms[0]
    if is_acronym(first) and len(first) <= 3:
        for f in forms[1:]:
            if not is_acronym(f) and acronym(f) == first.replace(".", "").upper():
                return re.sub(r"^The\s+", "", f)
    return first


def _is_domain(form: str) -> bool:
    return " " not in form and "." in form.strip(".") and form.lower() == form


# --- roles -----------------------------------------------------------------------------------


@cache
def _role_lexicon() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    whole: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for line in _data_lines("role_words"):
        concept, _, forms = line.partition(":")
        for form in forms.split("|"):
            f = form.strip().lower()
            if not f:
                continue
            if f.endswith("*"):
                prefixes.append((f[:-1], concept.strip()))
            else:
                whole[f] = concept.strip()
    prefixes.sort(key=lambda p: -len(p[0]))
    return whole, tuple(prefixes)


@cache
def role_concepts(role: str) -> frozenset[str]:
    """What a role says a person does: "Ukrainian Defense Minister" → {defence, minister},
    "министра обороны Украины" → {defence, minister}; places and "former" say nothing."""
    whole, prefixes = _role_lexicon()
    out: set[str] = set()
    for w in re.findall(r"[\w'’-]+", role.lower()):
        c = whole.get(w)
        if c is None:
            c = next((concept for p, concept in prefixes if w.startswith(p)), None)
        if c is None and "-" in w:
            out |= role_concepts(w.replace("-", " "))
            continue
        if c is not None:
            out.add(c)
    return frozenset(out)


def roles_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two roles say different occupations: both known and sharing no concept."""
    return bool(a) and bool(b) and not (a & b)


def _data_lines(name: str) -> tuple[str, ...]:
    return _load_data(name)


@cache
def _load_data(name: str) -> tuple[str, ...]:
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)
