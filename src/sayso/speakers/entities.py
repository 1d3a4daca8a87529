"""The entities of an article for coreference: every name the scan finds (``names.collect_names``)
linked to one entity per person, body or outlet, each of its occurrences an event.

All forms of one person share one entity whose name is the fullest form seen ("Umerov" → "Rustem
Umerov"), outlets share one entity ("FT" / "Financial Times"), and Cyrillic forms join their Latin twin
("Умеров", "Умерова"). ``coref`` resolves statements' speakers over these entities and events.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple

from ..model import Span, SpeakerType
from .name_keys import org_info, org_key, person_tokens, same_surname, skeleton
from .names import collect_names, gender_of

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(slots=True, eq=False)
class Entity:
    """One speaker of the article: every mention of it points here."""

    type: SpeakerType
    canonical: str
    gender: str | None = None
    role: str | None = None
    tokens: tuple[str, ...] = ()  # skeletons of the name words (people)
    seen: int = 0  # when it was last named (for "the most recent one")
    role_checked: bool = False
    # a person named only by one capitalised word opening sentences ("Aerobic activity …", "Netizens
    # said") may be no name at all: it speaks when a statement names it, but no pronoun points to it
    strong: bool = False

    def absorb(self, written: str, role: str | None, name: str) -> None:
        if len(name.split()) > len(self.canonical.split()) or (
                len(name.split()) == len(self.canonical.split()) and len(name) > len(self.canonical)
                and self.type != "media"):
            self.canonical = name
            if self.type == "person":
                self.tokens = tuple(skeleton(w) for w in name.split())
        if self.role is None and role:
            self.role = role
        if self.gender is None and self.type == "person":
            self.gender = gender_of(written, role, name)


class Event(NamedTuple):
    """An entity named (or referred to) at an offset."""

    start: int
    end: int
    entity: Entity
    speaker: bool = False  # the speaker of a statement


_new_event = partial(tuple.__new__, Event)  # an Event from one tuple, without the keyword machinery
_START, _END = itemgetter(0), itemgetter(1)
_CARRIERS: frozenset[str] = frozenset({"media", "organisation"})


def _person_fits(e: Entity, toks: tuple[str, ...], gender: str | None) -> bool:
    if not toks or not e.tokens:
        return False
    if gender and e.gender and gender != e.gender:
        return False
    if len(toks) == 1 and len(e.tokens) > 1 and toks[0] == e.tokens[0]:
        return True  # "Hillary" after "Hillary Clinton"
    if not same_surname(toks[-1], e.tokens[-1]):
        return False
    a, b = toks[:-1], e.tokens[:-1]
    return all(x == y or (x[:1] == y[:1] and (len(x) == 1 or len(y) == 1))
               for x, y in zip(a, b, strict=False))


_SEEN = attrgetter("seen")
_Words = tuple[str, ...]


@lru_cache(maxsize=65536)
def _org_words(name: str) -> tuple[str, ...]:
    """The words of a body's name ("office", "of", "the", "president"), memoised: "the Office" is
    looked up in every entity's name."""
    return tuple(org_key(name).split())


@lru_cache(maxsize=65536)
def _person_form(written: str, role: str | None, name: str) -> tuple[_Words, _Words, str | None]:
    """A person's name as linking reads it: its word skeletons, the keys its surname is looked up by
    (a long one also without its inflection), and its gender."""
    toks = person_tokens(name)
    last = toks[-1] if toks else ""
    keys = (last, last[:-1], last[:-2]) if len(last) >= 6 else (last,)
    return toks, keys, gender_of(written, role, name)


class Entities:
    """The entities of one text, linked once, and the events that name them (sorted by start)."""

    def __init__(self, text: str, sentences: list[Span]) -> None:
        self.text = text
        self.sentences = sentences
        self.sent_starts = [s.start for s in sentences]
        self.entities: list[Entity] = []
        self.by_surname: dict[str, list[Entity]] = {}
        self.by_first: dict[str, list[Entity]] = {}
        self.by_key: dict[str, Entity] = {}
        self.byinitials: dict[str, Entity] = {}
        self.clock = 0
        self.events: list[Event] = []
        self.event_starts: list[int] = []
        self._link_names()

    def _link_names(self) -> None:
        """Every name of the article as an event of its entity.

        Each written form is linked once, in the order forms first appear (the costly part), and
        its occurrences share that entity; a surname that several people of the article share
        ("Clinton" after Bill and Hillary Clinton) goes to the one named last before each occurrence.
        """
        text = self.text
        raw, writtens, first, roles = collect_names(text)
        entity_of: dict[str, Entity] = {}
        maybe_weak: set[str] = set()
        link_person = self._link_person
        for written, (_s, _e, typ, _r, canonical) in first.items():
            role = roles.get(written)
            if typ == "person":  # ``link`` without its dispatch: most forms are people's
                self.clock += 1
                e = entity_of[written] = link_person(written, role, canonical)
            else:
                e = entity_of[written] = self.link(written, typ, role, canonical)
            if " " in canonical or role is not None or e.gender or typ != "person" \
                    or (not written.isascii() and _CYRILLIC.search(written)):
                # a Cyrillic run is a name only when its words say so
                e.strong = True
            elif not e.strong:
                maybe_weak.add(written)
        if maybe_weak:
            opens = {s.start for s in self.sentences}
            weak = list(map(maybe_weak.__contains__, writtens))
            for r, written in zip(compress(raw, weak), compress(writtens, weak), strict=True):  # C filter
                start = r[0]
                opening = start in opens or (start - 1 in opens and not text[start - 1].isalnum())
                if not opening:
                    entity_of[written].strong = True
        shared = self._shared_surnames(entity_of) if any(
            len(v) > 1 for v in self.by_surname.values()) else {}
        self.event_starts = list(map(_START, raw))
        if not shared:
            # one C-level pass: the common case, every occurrence of a form names the form's entity
            self.events = list(map(_new_event, zip(self.event_starts, map(_END, raw),
                                                   map(entity_of.__getitem__, writtens), repeat(False))))
        else:
            last_named: dict[int, int] = {}
            for r, written in zip(raw, writtens, strict=True):
                start, end = r[0], r[1]
                e = entity_of[written]
                if written in shared:
                    e = max(shared[written], key=lambda x: last_named.get(id(x), -1))
                last_named[id(e)] = start
                self.events.append(_new_event((start, end, e, False)))

    def _shared_surnames(self, entity_of: dict[str, Entity]) -> dict[str, list[Entity]]:
        """Written forms that fit several people of the article, with those people."""
        out: dict[str, list[Entity]] = {}
        by_surname, by_first = self.by_surname, self.by_first
        for written, e in entity_of.items():
            if e.type != "person" or len(e.tokens) != 1:
                continue
            toks = person_tokens(written)
            if len(toks) != 1:
                continue
            here = by_surname.get(toks[0], []) + by_first.get(toks[0], [])
            if len(here) < 2:
                continue  # one person at most: nothing to share (the common case, tested first)
            cands = [x for x in here if _person_fits(x, toks, None)]
            if len({id(x) for x in cands}) > 1:
                out[written] = cands
        return out

    # -- entities -------------------------------------------------------------------------------
    def link(self, written: str, typ: SpeakerType, role: str | None, name: str) -> Entity:
        """The entity a name belongs to (a new one when none fits)."""
        self.clock += 1
        if typ == "person":
            return self._link_person(written, role, name)
        key, ini, prefixes, bare, _ = org_info(name)
        known = self.by_key.get(key)
        if known is not None and known.type == typ:
            known.seen = self.clock
            return known
        by_key = self.by_key
        cands = [known, by_key.get(ini) if ini else None, self.byinitials.get(key)]
        if prefixes:
            cands += [by_key.get(p) for p in prefixes]
        if bare:
            # "the Office", "the Ministry": the body last named with that word
            cands.append(next((e for e in reversed(self.entities) if key in _org_words(e.canonical)), None))
        # most bodies are named once: no candidate at all, nothing to fit
        fits = [e for e in cands if e is not None and (e.type == typ or {e.type, typ} <= _CARRIERS)] \
            if cands.count(None) < len(cands) else []
        if fits:
            e = max(fits, key=_SEEN)
            if typ == "media":
                e.type = "media"
            e.absorb(written, role, name)
        else:
            e = Entity(typ, name, None, role, ())
            self.entities.append(e)
        e.seen = self.clock
        self._index_org(e, key)
        return e

    def _link_person(self, written: str, role: str | None, name: str) -> Entity:
        toks, keys, gender = _person_form(written, role, name)
        best: Entity | None = None
        if toks:
            by_surname = self.by_surname
            cands: list[Entity] = []
            for k in keys:
                if k in by_surname:
                    cands += by_surname[k]
            if len(toks) == 1 and toks[0] in self.by_first:
                cands += self.by_first[toks[0]]
            if cands:  # most forms are a new person's: no bucket holds anyone
                fits = [e for e in cands if _person_fits(e, toks, gender)]
                best = max(fits, key=_SEEN) if fits else None
        if best is None:
            # most forms are a new person's: no bucket can hold it yet
            best = Entity("person", name, gender, role, toks, self.clock)
            self.entities.append(best)
            if toks:
                self.by_surname.setdefault(toks[-1], []).append(best)
                if len(toks) > 1:
                    self.by_first.setdefault(toks[0], []).append(best)
            return best
        best.absorb(written, role, name)
        best.seen = self.clock
        toks = best.tokens
        if toks:
            bucket = self.by_surname.setdefault(toks[-1], [])
            if best not in bucket:
                bucket.append(best)
            if len(toks) > 1:
                bucket = self.by_first.setdefault(toks[0], [])
                if best not in bucket:
                    bucket.append(best)
        return best

    def _index_org(self, e: Entity, key: str) -> None:
        self.by_key[key] = e
        _, ini, prefixes, _, _ = org_info(e.canonical)
        for p in prefixes:
            self.by_key.setdefault(p, e)
        if ini:
            self.byinitials.setdefault(ini, e)

    def add_event(self, start: int, end: int, entity: Entity, speaker: bool) -> None:
        ev = Event(start, end, entity, speaker)
        if not self.event_starts or start >= self.event_starts[-1]:
            self.events.append(ev)
            self.event_starts.append(start)
            return
        i = bisect.bisect_left(self.event_starts, start)
        self.events.insert(i, ev)
        self.event_starts.insert(i, start)

