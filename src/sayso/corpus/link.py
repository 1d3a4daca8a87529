"""Speaker linking: the speakers of every article become one entity per real speaker in the corpus.

The unit is an ``Observation``: one speaker name as one article gives it (the pipeline has already
joined "Rustem Umerov", "Umerov" and "he" inside the article), with its statements. Observations are
linked in order of the evidence they carry:

1. persons with a first name ("Rustem Umerov", "Рустем Умєров"): one entity per surname and first name
   (keys across scripts, first names across languages);
2. persons with an initial ("R. Umerov"): the one person of that surname whose first name fits;
3. a surname alone ("Umerov", "Умерова"): the one person of that surname whose role does not conflict;
   when several fit, the one whose role shares a concept, then the one its statements were linked to
   before (``prior``), then the one the statement's quote cluster points to; still ambiguous, or none,
   it is a speaker of its own ("Umerov"): two people who share a surname are never merged on a guess;
4. organisations and outlets by their known forms in every language (``FT`` = ``Financial Times``), by
   acronym when exactly one organisation spells it, else by the stem of their name;
5. groups ("Western diplomats") by their words. Anonymous sources are nobody's alias and stay unlinked.

``find_speakers`` is pure (observations in, entities out); ``corpus.run`` reads and writes the store.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .names import (
    OrgClass,
    PersonName,
    acronym,
    clean,
    first_name_initials,
    first_names_match,
    is_acronym,
    is_cyrillic,
    name_run,
    org_classes,
    org_key,
    org_stem,
    parse_person,
    role_concepts,
    roles_conflict,
    strip_oblique,
)

LINKED_TYPES = ("person", "organisation", "media", "group")


@dataclass(slots=True)
class Observation:
    """One speaker name in one article, with the statements the article gives it."""

    article: int
    name: str
    type: str
    language: str | None = None
    statements: list[int] = field(default_factory=list)
    mentions: list[str | None] = field(default_factory=list)
    roles: list[str | None] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    languages: list[str | None] = field(default_factory=list)
    prior: Counter[int] = field(default_factory=Counter)  # speaker ids its statements had before
    person: PersonName | None = None
    concepts: frozenset[str] = frozenset()
    ambiguous: bool = False  # a surname alone that fitted several people

    def add(self, statement: int, mention: str | None, role: str | None, date: str | None,
            prior: int | None, language: str | None = None) -> None:
        self.statements.append(statement)
        self.languages.append(language)
        self.mentions.append(mention)
        self.roles.append(role)
        self.dates.append(date)
        if prior is not None:
            self.prior[prior] += 1

    @property
    def first_date(self) -> str:
        return min((d for d in self.dates if d), default="9999")


@dataclass(slots=True)
class Entity:
    """One real speaker: the observations linked to it and what comparing needs."""

    kind: str  # person | org | group
    observations: list[Observation] = field(default_factory=list)
    surname_key: str = ""
    first_class: str | None = None
    initial: str | None = None
    concepts: set[str] = field(default_factory=set)
    org: OrgClass | None = None
    keys: set[str] = field(default_factory=set)
    acronym: str = ""
    prior: Counter[int] = field(default_factory=Counter)  # speaker ids its statements had before

    def add(self, obs: Observation) -> None:
        self.observations.append(obs)
        self.concepts |= obs.concepts
        self.prior.update(obs.prior)

    @property
    def initials(self) -> frozenset[str]:
        if self.first_class:
            return first_name_initials(self.first_class)
        return frozenset({self.initial}) if self.initial else frozenset()

    @property
    def statements(self) -> list[int]:
        return [s for o in self.observations for s in o.statements]


# A callable that, for an ambiguous observation and its candidate entities, names the one its
# statements' quote clusters point to (or None): see ``corpus.run``.
Context = Callable[[Observation, list[Entity]], Entity | None]


@lru_cache(maxsize=1 << 16)
def role_of(mention: str | None, role: str | None, person: PersonName | None) -> str | None:
    """The role a statement gives its speaker: the pipeline's, else the words of the mention before
    the name ("Министр обороны Украины Рустем Умеров" → "Министр обороны Украины")."""
    if role:
        return clean(role) or None
    if not mention or person is None:
        return None
    words = clean(mention).split()
    run = name_run(mention, person.display)
    if run is None:
        return None
    first = run.split()[0]
    cut = next((i for i, w in enumerate(words) if clean(w) == first), 0)
    rest = clean(" ".join(words[:cut]))
    return rest if rest and role_concepts(rest) else None


def prepare(obs: Observation) -> Observation:
    """Parse the observation's name and role concepts once."""
    if obs.type == "person" and org_key(obs.name) not in org_classes():
        obs.person = parse_person(obs.name, obs.language)
    concepts: set[str] = set()
    for mention, role in zip(obs.mentions, obs.roles, strict=True):
        r = role_of(mention, role, obs.person)
        if r:
            concepts |= role_concepts(r)
    obs.concepts = frozenset(concepts)
    return obs


def find_speakers(observations: Iterable[Observation], context: Context | None = None,
                  use_prior: bool = True) -> list[Entity]:
    """Link observations (``prepare``d) to entities; see the module docstring for the order."""
    persons: list[Observation] = []
    orgs: list[Observation] = []
    groups: list[Observation] = []
    for o in observations:
        o.ambiguous = False
        if o.type == "person" and o.person is not None:
            persons.append(o)
        elif o.type in ("organisation", "media") or (o.type == "person" and org_key(o.name) in org_classes()):
            orgs.append(o)
        elif o.type == "group" and org_key(o.name):
            groups.append(o)
    entities: list[Entity] = []
    _link_persons(persons, entities, context, use_prior)
    _link_orgs(orgs, entities)
    _link_groups(groups, entities)
    return entities


def _order(o: Observation) -> tuple[str, int, str]:
    return (o.first_date, o.article, o.name)


def _link_persons(obs: list[Observation], entities: list[Entity], context: Context | None,
                  use_prior: bool) -> None:
    by_surname: dict[str, list[Entity]] = {}

    def new(o: Observation, p: PersonName) -> Entity:
        e = Entity("person", surname_key=p.surname_key, first_class=p.first_class, initial=p.initial)
        e.add(o)
        entities.append(e)
        by_surname.setdefault(p.surname_key, []).append(e)
        return e

    full = sorted((o for o in obs if o.person is not None and o.person.full), key=_order)
    initials = sorted((o for o in obs if o.person is not None and o.person.initial), key=_order)
    alone = sorted((o for o in obs if o.person is not None and not o.person.full
                    and not o.person.initial), key=_order)
    for o in full:
        p = o.person
        assert p is not None and p.first_class is not None
        cands = [e for e in by_surname.get(p.surname_key, ()) if e.first_class
                 and first_names_match(e.first_class, p.first_class)]
        exact = [e for e in cands if e.first_class == p.first_class]
        if exact or cands:
            (exact or cands)[0].add(o)
        else:
            new(o, p)
    for o in initials:
        p = o.person
        assert p is not None
        cands = [e for e in by_surname.get(p.surname_key, ()) if e.first_class and p.initial in e.initials]
        pick: Entity | None = _choose(o, cands, context, use_prior) if cands else None
        if pick is None:
            same = [e for e in by_surname.get(p.surname_key, ())
                    if e.first_class is None and e.initial == p.initial]
            pick = same[0] if same else None
        if pick is None:
            new(o, p)
        else:
            pick.add(o)
    for o in alone:
        p = o.person
        assert p is not None
        sk = p.surname_key
        named = [e for e in by_surname.get(sk, ()) if e.first_class or e.initial]
        if not named and is_cyrillic(p.surname):  # a surname the extractor left inflected
            for stem in strip_oblique(sk):
                named = [e for e in by_surname.get(stem, ()) if e.first_class or e.initial]
                if named:
                    sk = stem
                    break
        found = _choose(o, named, context, use_prior) if named else None
        if found is not None:
            found.add(o)
            continue
        o.ambiguous = len([e for e in named if not roles_conflict(o.concepts, frozenset(e.concepts))]) > 1
        # a speaker of its own: the surname alone, joined by later mentions of it whose role agrees
        bare = [e for e in by_surname.get(sk, ()) if e.first_class is None and e.initial is None
                and (not (e.concepts or o.concepts) or e.concepts & o.concepts)]
        if bare:
            bare[0].add(o)
        else:
            new(o, PersonName(p.display, p.surname, sk))


def _choose(o: Observation, cands: list[Entity], context: Context | None, use_prior: bool) -> Entity | None:
    """The one candidate an observation without a full name belongs to, or None when it is not clear."""
    fit = [e for e in cands if not roles_conflict(o.concepts, frozenset(e.concepts))]
    if len(fit) <= 1:
        return fit[0] if fit else None
    # the role that shares most concepts ("Foreign Minister": Dmytro Kuleba over a deputy prime minister)
    overlap = [len(o.concepts & e.concepts) for e in fit]
    best = max(overlap)
    if best and overlap.count(best) == 1:
        return fit[overlap.index(best)]
    if best:
        fit = [e for e, n in zip(fit, overlap, strict=True) if n == best]
    if use_prior and o.prior:
        before = [e for e in fit if e.prior.keys() & o.prior.keys()]
        if len(before) == 1:
            return before[0]
    if context is not None:
        return context(o, fit)
    return None


def _link_orgs(obs: list[Observation], entities: list[Entity]) -> None:
    by_key: dict[str, Entity] = {}
    by_stem: dict[str, Entity] = {}
    mine: list[Entity] = []
    # spelled-out names first, so that an acronym finds the name it abbreviates
    for o in sorted(obs, key=lambda o: (is_acronym(o.name), -len(o.name), *_order(o))):
        k = org_key(o.name)
        if not k:
            continue
        cls = org_classes().get(k)
        e: Entity | None = None
        if cls is not None:
            e = by_key.get("class:" + cls.key)
        else:
            e = by_key.get(k) or by_stem.get(org_stem(k))
            if e is None and is_acronym(o.name):
                spelled = [x for x in mine if x.acronym == acronym(o.name)]
                e = spelled[0] if len(spelled) == 1 else None
        if e is None:
            e = Entity("org", org=cls, acronym=acronym(cls.display if cls else o.name))
            mine.append(e)
            entities.append(e)
            if cls is not None:
                by_key["class:" + cls.key] = e
        e.add(o)
        e.keys.add(k)
        by_key.setdefault(k, e)
        by_stem.setdefault(org_stem(k), e)


def _link_groups(obs: list[Observation], entities: list[Entity]) -> None:
    by_key: dict[str, Entity] = {}
    for o in sorted(obs, key=_order):
        k = org_key(o.name.lower())
        e = by_key.get(k)
        if e is None:
            e = by_key[k] = Entity("group", keys={k})
            entities.append(e)
        e.add(o)


# --- what an entity is called ------------------------------------------------------------------


@dataclass(slots=True)
class SpeakerRecord:
    """An entity as the ``speakers``, ``aliases`` and ``speaker_roles`` tables hold it."""

    key: str
    name: str
    type: str
    statements: list[int]
    aliases: list[tuple[str, str | None, int]]  # alias, language, statements
    roles: list[tuple[str, str | None, str | None, int]]  # role, first seen, last seen, statements
    first_said: str | None
    last_said: str | None
    prior: Counter[int]


def describe(e: Entity) -> SpeakerRecord:
    """Name, key, type, aliases and roles of an entity, from its observations."""
    aliases: Counter[str] = Counter()
    alias_lang: dict[str, str | None] = {}
    roles: dict[str, list[object]] = {}
    dates: list[str] = []
    types: Counter[str] = Counter()
    for o in e.observations:
        types[o.type] += len(o.statements)
        own = o.person.display if o.person is not None else clean(o.name)
        # the name the article gives counts every statement; a differently spelled mention of it
        # ("Умєрова", "FT") counts the statements it stands beside
        aliases[own] += len(o.statements)
        alias_lang.setdefault(own, o.language)
        for mention, role, date, lang in zip(o.mentions, o.roles, o.dates, o.languages, strict=True):
            if date:
                dates.append(date)
            run = _mention_alias(e, mention, own) if mention else None
            if run and run != own:
                aliases[run] += 1
                alias_lang.setdefault(run, lang)
            if e.kind == "person":
                r = role_of(mention, role, o.person)
                if r:
                    entry = roles.setdefault(r.casefold(), [r, date, date, 0])
                    if date and (entry[1] is None or date < str(entry[1])):
                        entry[1] = date
                    if date and (entry[2] is None or date > str(entry[2])):
                        entry[2] = date
                    entry[3] = int(str(entry[3])) + 1
    name = _display_name(e, aliases)
    kind = _type(e, types)
    return SpeakerRecord(
        key=_key(e, name), name=name, type=kind, statements=e.statements,
        aliases=[(a, alias_lang.get(a), n) for a, n in sorted(aliases.items(), key=lambda x: (-x[1], x[0]))],
        roles=[(str(r[0]), _opt(r[1]), _opt(r[2]), int(str(r[3]))) for r in roles.values()],
        first_said=min(dates, default=None), last_said=max(dates, default=None), prior=e.prior)


def _opt(x: object) -> str | None:
    return None if x is None else str(x)


def _mention_alias(e: Entity, mention: str, own: str) -> str | None:
    """The part of a mention that names the entity ("Умєрова", "Financial Times"), or None ("him",
    "the publication")."""
    if e.kind == "person":
        return name_run(mention, own)
    m = re.sub(r"^(the|a|an)\s+", "", clean(mention))  # "the Office of the President" as a name
    k = org_key(m)
    if k and (k in e.keys or (e.org is not None and k in e.org.keys)
              or (is_acronym(m) and acronym(m) == e.acronym)):
        return m
    return None


def _display_name(e: Entity, aliases: Counter[str]) -> str:
    if e.org is not None:
        return e.org.display
    if e.kind == "person" and e.first_class is not None:
        full = {a: n for a, n in aliases.items() if len(a.split()) >= 2}
        if full:
            aliases = Counter(full)
    if e.kind == "org":
        spelled = {a: n for a, n in aliases.items() if not is_acronym(a)}
        if spelled:
            aliases = Counter(spelled)
    # the most used form; a tie goes to the Latin spelling, then to the one seen first
    return max(aliases.items(), key=lambda x: (x[1], x[0].isascii()))[0]


def _type(e: Entity, types: Counter[str]) -> str:
    if e.kind == "person":
        return "person"
    if e.kind == "group":
        return "group"
    if e.org is not None and e.org.media:
        return "media"
    return "media" if types["media"] > types["organisation"] + types["person"] else "organisation"


def _key(e: Entity, name: str) -> str:
    if e.kind == "person":
        if e.first_class:
            return f"person:{e.first_class} {e.surname_key}"
        if e.initial:
            return f"person:{e.initial}. {e.surname_key}"
        return f"person:{e.surname_key}"
    if e.kind == "org":
        return "org:" + (e.org.key if e.org is not None else org_key(name))
    return "group:" + org_key(name.lower())
