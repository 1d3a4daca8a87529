"""``speakers.coref``: the canonical speaker, its type, role and id for every statement.

The attribution stage leaves each statement with its speaker mention as written ("he", "Umerov",
"the minister", "The publication", "a source in the Office of the President"). Here:

* names found anywhere in the article (``names.collect_names``, the core of ``find_name_mentions``)
  become entities (``entities.Entities``), each written form linked once; all forms of one person
  share one entity whose name is the fullest form seen ("Umerov" → "Rustem Umerov"), outlets share
  one entity ("FT" / "Financial Times"), and Cyrillic forms join their Latin twin ("Умеров", "Умерова");
* pronouns go to the best compatible earlier entity: a speaker of an earlier statement or the
  subject of a sentence scores higher, every sentence further back costs (salience minus distance);
* descriptions (read once per wording by ``descriptions.read_description``) go to the nearest
  entity that fits: "the minister" to a person with a minister role, "the publication" / "the
  journalists" to a medium, "the Office" to an organisation named so;
* unnamed speakers ("a source in …") are anonymous and plural ones ("Western diplomats") a group,
  both keeping their wording; a passive subject ("the FT publication was labeled") gives way to
  the agent ("In the Office of …, …"), and an elided subject ("… and emphasized that") continues the
  statement before it, as does a statement with no attribution at all in the same paragraph (its
  ``speaker_mention`` then points at the words that name the speaker of the statement it continues);
* a mention the attribution wrote is never changed.
``find_speakers`` is pure (an ``Article`` in, one ``Resolution`` per statement out); the stage writes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from ..lang import load_lines, load_set
from ..model import Article, Span, SpeakerType, Statement, replace_statement, stable_id
from ..pipeline import stage
from ..settings import Settings
from .descriptions import DETERMINERS as _DETERMINERS
from .descriptions import WORD as _WORD
from .descriptions import read_description
from .entities import Entities, Entity, Event
from .name_keys import org_info
from .names import role_near, speaker_type_of
from .slavic_mentions import find_complement_end, is_plural, lemmas

LOOKBACK = 8  # sentences a pronoun may reach back
NEAREST_CHARS = 6_000  # how far back a description ("the publication") looks for what it stands for
# Pronoun antecedent scores: salience bonus minus DISTANCE per sentence back.
DISTANCE = 1.0
BONUS_SPEAKER = 1.5
BONUS_SUBJECT = 1.0
BONUS_SAME_SENTENCE = 0.5
PENALTY_IN_QUOTE = 2.0
_BEST_BONUS = max(BONUS_SPEAKER, BONUS_SUBJECT)

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_PASSIVE = re.compile(r"[ ,]*(?:was|were|is|are|be|been|being|has been|have been|had been)[ ]+"
                      r"(?:\w+ly[ ]+)?\Z")
_NOT_AGENT_AFTER = re.compile(r"[ ]+(?:as[ ]+(?:saying|telling|stating|having)|saying)\b")
_POSSESSIVE = re.compile(r"['’]s\b")
_BY = re.compile(r"\bby[ ]+(?:the[ ]+)?")
_FRONTED = re.compile(r"(?:In|At|From|Inside|Within|Among)[ ]+(?:the[ ]+)?")
_LEADING_DET = re.compile(r"^(?:the|a|an|The|A|An)\s+")
_PLACE_BEFORE = re.compile(r"\b(?:near|in|at|outside|around|from)\s+\Z")  # "near Kupiansk": a place
_PREPOSITION_BEFORE = re.compile(r"\b(?:to|for|of|with|by|from|at|on|about)\s+(?:the\s+)?\Z")
_COORD = re.compile(r"[\s\"'”’»“«,;]*(?:,|and|but|while|as well as)[\s,]*(?:also[ ]+)?\Z")

@cache
def _pronouns() -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in ("uk", "ru", "en"):  # "им" is Russian m/p; English wins for Latin words anyway
        for line in load_lines(lang, "pronouns"):
            word, _, cls = line.partition(" ")
            out[word.lower()] = cls.strip()
    return out


class Resolution(NamedTuple):
    """Who speaks a statement (a tuple: thousands are made per article, and a frozen dataclass's
    constructor costs twice as much)."""

    speaker: str | None
    type: SpeakerType | None
    role: str | None
    entity: Entity | None = None
    # where the speaker is written, for a statement that had no mention of its own (text, start, end)
    mention: tuple[str, int, int] | None = None


class _Resolver(Entities):
    def __init__(self, article: Article) -> None:
        self.langs = article.sentence_languages
        quotes = sorted((q.start, q.end) for q in article.quotations)
        quotes += sorted((s.start, s.end) for s in article.statements if s.kind == "direct")
        self.quotes = sorted(set(quotes))
        self.quote_starts = [q[0] for q in self.quotes]
        self.named: dict[int, list[tuple[int, int]]] | None = None
        super().__init__(article.text, article.sentences or [Span(0, len(article.text))])

    def is_subject(self, ev: Event) -> bool:
        """Does the event open its sentence (nothing but determiners and capitalised words before it)?"""
        sent = self.sentences[self.sentence_of(ev.start)]
        if ev.start - sent.start > 60:
            return False
        prefix = self.text[sent.start:ev.start]
        return not any(w.lower() not in _DETERMINERS and w[:1].islower() for w in _WORD.findall(prefix))

    def role_of(self, e: Entity) -> str | None:
        """The entity's role: in a name run, else written next to one of its names (looked up once)."""
        if e.role is None and not e.role_checked and e.type == "person":
            e.role_checked = True
            if self.named is None:
                self.named = self._first_names()
            for start, end in self.named.get(id(e), ()):
                sent = self.sentences[self.sentence_of(start)]
                role = role_near(self.text, start, end, sent.start, sent.end)
                if role:
                    e.role = role
                    break
        return e.role

    def _first_names(self) -> dict[int, list[tuple[int, int]]]:
        """Where each person is first named (four times at most: a role is written where one is
        introduced), from the events as they stand at the first question (a snapshot: later speakers
        are not looked at); one pass, keyed by the entity's identity."""
        out: dict[int, list[tuple[int, int]]] = {}
        for ev in self.events:
            if ev.entity.type == "person":
                spans = out.setdefault(id(ev.entity), [])
                if len(spans) < 4:
                    spans.append((ev.start, ev.end))
        return out

    # -- positions ------------------------------------------------------------------------------
    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def quote_of(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        for j in range(i, max(-1, i - 3), -1):  # quotations hardly nest: the last few that start before
            q = self.quotes[j]
            if q[0] <= offset < q[1]:
                return q
        return None

    def events_in(self, start: int, end: int) -> list[Event]:
        i = bisect.bisect_left(self.event_starts, start)
        out = []
        while i < len(self.events) and self.events[i].start < end:
            if self.events[i].end <= end:
                out.append(self.events[i])
            i += 1
        return out

    # -- pronouns -------------------------------------------------------------------------------
    def antecedent(self, pos: int, cls: str, exclude: tuple[int, int] | None = None) -> Entity | None:
        def fits(e: Entity) -> bool:
            if cls in ("m", "f"):
                return e.type == "person" and e.gender in (None, cls) and e.strong
            if cls == "p":
                return e.type in ("group", "organisation", "media") and not org_info(e.canonical)[4]
            if cls == "n":
                return e.type in ("organisation", "media") and not org_info(e.canonical)[4]
            return True

        si = self.sentence_of(pos)
        own_quote = self.quote_of(pos)
        lo = self.sentences[max(0, si - LOOKBACK)].start
        ex_start, ex_end = exclude if exclude else (0, 0)
        sent_starts, events = self.sent_starts, self.events
        ev_si = si  # the sentence of the event at hand: events come latest first, so it only goes down
        best = -1e9
        best_e: Entity | None = None
        # latest first (the events that start in [lo, pos) and end by pos, as ``events_in`` gives
        # them): an earlier event must score strictly higher to win
        for k in range(bisect.bisect_left(self.event_starts, pos) - 1,
                       bisect.bisect_left(self.event_starts, lo) - 1, -1):
            ev = events[k]
            while ev_si > 0 and sent_starts[ev_si] > ev.start:
                ev_si -= 1
            d = si - ev_si
            score = -DISTANCE * d + (BONUS_SAME_SENTENCE if d == 0 else 0.0)
            if score + _BEST_BONUS <= best:
                break  # the score only falls further back: no earlier event can win
            if ev.end > pos or (ev.start < ex_end and ex_start < ev.end):
                continue
            if not fits(ev.entity):
                continue
            if ev.speaker:
                score += BONUS_SPEAKER
            elif self.is_subject(ev):
                score += BONUS_SUBJECT
            if score <= best:
                continue
            q = self.quote_of(ev.start)
            if q is not None and q != own_quote:
                score -= PENALTY_IN_QUOTE
            if score > best:
                best, best_e = score, ev.entity
        return best_e

    # -- descriptions ---------------------------------------------------------------------------
    def nearest(self, pos: int, ok: Callable[[Entity], bool]) -> Entity | None:
        """The entity of the latest event before ``pos`` that is ``ok`` (within NEAREST_CHARS)."""
        i = bisect.bisect_left(self.event_starts, pos) - 1
        while i >= 0 and pos - self.event_starts[i] < NEAREST_CHARS:
            e = self.events[i].entity
            if ok(e) and self.events[i].end <= pos:
                return e
            i -= 1
        return None

    def _titled(self, ev: Event, start: int) -> Entity:
        """The person an event names, given the title written before it from ``start`` when it has
        no role yet ("the head of the Kharkiv Regional Military Administration Oleh Syniehubov")."""
        e = ev.entity
        words = self.text[start:ev.start].strip().strip(",").strip()
        if e.role is None and len(words.split()) <= 10 and not {"by", "and"} & set(words.split()) \
                and _holds_a_title(words) and not _PREPOSITION_BEFORE.search(self.text, start, ev.start):
            e.role = _LEADING_DET.sub("", words) or None
        return e

    def last_speaker(self, pos: int) -> Entity | None:
        """The person who spoke last before ``pos`` (within NEAREST_CHARS), when no other person is
        named since: a definite title no role matches ("the head of Ukrainian diplomacy", "the
        diplomat") is the person the text is about."""
        i = bisect.bisect_left(self.event_starts, pos) - 1
        last: Entity | None = None  # the last person named: it must be one who spoke
        while i >= 0 and pos - self.event_starts[i] < NEAREST_CHARS:
            ev = self.events[i]
            place = len(ev.entity.tokens) == 1 and _PLACE_BEFORE.search(self.text, max(0, ev.start - 12),
                                                                         ev.start) is not None
            if ev.entity.type == "person" and ev.end <= pos and not place:
                if last is None:
                    last = ev.entity
                elif ev.entity is not last:
                    return None
                if ev.speaker:
                    return last
            i -= 1
        return None

    def _generic(self, mention: str, head: str, start: int, end: int) -> Entity | None:
        """The person who spoke last, for a definite generic title with no name in it ("the head of
        Ukrainian diplomacy", "the politician"; not "the head of the Center … Andrii Kovalenko")."""
        if head not in load_set("en", "generic_titles") or mention[:4].lower() != "the " \
                or self.events_in(start, end):
            return None
        return self.last_speaker(start)

    def describe(self, mention: str, start: int, end: int) -> Resolution | None:
        """A speaker written as a description or a name; ``None`` when nothing is known of it."""
        k = bisect.bisect_left(self.event_starts, start)
        if k < len(self.events) and self.events[k].start == start and self.events[k].end == end:
            return _resolution(self.events[k].entity)  # the mention is a name: the common case
        if _CYRILLIC.search(mention):
            return self._describe_slavic(mention, start, end)
        d = read_description(mention)
        if d is None:
            return None
        # only names in the head part count ("a young woman … in Montana" is not Montana)
        head_end = start + d.head_end
        inside = [ev for ev in self.events_in(start, end) if ev.end <= head_end]
        named = inside[-1] if inside and inside[-1].end >= head_end - 2 else None  # "… Stian Jensen"
        if (named is None or named.entity.type != "person") and d.anonymous:
            return Resolution(mention, "anonymous", None)  # "a source in …", "a top Trump adviser"
        if (named is None or named.entity.type == "group") and d.groups and not d.medium:
            return Resolution(mention, "group", None)  # "officials in Ukraine", "Western diplomats"
        if named is not None and named.entity.type == "person":
            return _resolution(self._titled(named, start))
        if d.medium:
            media = [ev.entity for ev in inside if ev.entity.type == "media"]
            if not media and d.head in load_set("en", "media_at_large"):
                return Resolution(mention, "media", None)  # "the media reported": no one outlet
            e2 = media[-1] if media else self.nearest(start, lambda x: x.type == "media")
            if e2 is not None:
                return _resolution(e2)
            return Resolution(mention, "group" if d.groups else "media", None)
        if named is not None:
            return _resolution(named.entity)
        head = d.head
        if d.organisation:
            e3 = self.nearest(start, lambda x: x.type in ("organisation", "media")
                              and head in x.canonical.lower().split())
            if e3 is not None:
                return _resolution(e3)
            return Resolution(mention, "organisation", None)
        if d.title:
            # "the head of the Center for Countering Disinformation Andrii Kovalenko": the person the
            # title ends in, unless a preposition makes it another ("an aide to George W. Bush")
            people = [ev for ev in self.events_in(start, end) if ev.entity.type == "person"]
            if people and people[-1].end >= end - 1 and not _PREPOSITION_BEFORE.search(
                    self.text, start, people[-1].start):
                return _resolution(self._titled(people[-1], start))
            e4 = self.nearest(start, lambda x: x.type == "person" and self._has_title(x, head)) \
                or self._generic(mention, head, start, end)
            if e4 is not None:
                return _resolution(e4)
            return Resolution(mention, "person", d.role)
        e5 = self._generic(mention, head, start, end)  # "the politician added" (no title in the lists)
        if e5 is not None:
            return _resolution(e5)
        if d.capitalised:
            typ = speaker_type_of(mention)
            if typ is None:
                return Resolution(mention, None, None)  # "Republican": no name
            return _resolution(self.link(mention, typ, None, mention))
        if d.plural:
            return Resolution(mention, "group", None)
        return None

    def _describe_slavic(self, mention: str, start: int, end: int) -> Resolution | None:
        """A Russian or Ukrainian description: "Министр" (the last person with a role), "издание" /
        "видання" (the medium named last), "источник в Офисе президента" (anonymous), "журналисты"."""
        si = self.sentence_of(start)
        lang = self.langs[si] if self.langs and si < len(self.langs) and self.langs[si] in ("ru", "uk") \
            else "ru"
        words = [m.group() for m in _WORD.finditer(mention)]
        if not words:
            return None
        heads = lemmas(words[0], lang)
        named = [ev for ev in self.events_in(start, end) if ev.entity.type == "person"]
        if named:
            return _resolution(named[-1].entity)
        if heads & load_set(lang, "anonymous"):
            # the whole description: "источник в Офисе президента"
            return Resolution(self.text[start:find_complement_end(self.text, end, lang)], "anonymous", None)
        if heads & load_set(lang, "media_descriptions"):
            media = self.nearest(start, lambda x: x.type == "media")
            return _resolution(media) if media is not None else Resolution(mention, "media", None)
        if heads & load_set(lang, "groups") and is_plural(words[0], lang):
            return Resolution(mention, "group", None)
        if heads & load_set(lang, "titles"):
            e = self.nearest(start, lambda x: x.type == "person" and x.strong and self.role_of(x) is not None)
            return _resolution(e) if e is not None else Resolution(mention, "person", None)
        return None

    def _has_title(self, e: Entity, title: str) -> bool:
        role = self.role_of(e)
        return role is not None and title in _POSSESSIVE.sub(" ", role.lower()).split()

    # -- passive subjects -----------------------------------------------------------------------
    def passive_agent(self, st: Statement) -> Entity | None:
        """The agent of "X was labeled …" (``X`` being the statement's mention), if written."""
        if st.speaker_end is None or st.cue_start is None or st.cue_end is None:
            return None
        if st.cue_start < st.speaker_end:
            return None
        if not _PASSIVE.match(self.text, st.speaker_end, st.cue_start):
            return None
        if _NOT_AGENT_AFTER.match(self.text, st.cue_end):
            return None
        sent = self.sentences[self.sentence_of(st.cue_start)]
        by = _BY.search(self.text, st.cue_end, min(sent.end, st.cue_end + 200))
        if by:
            evs = [ev for ev in self.events_in(by.end(), sent.end) if ev.start == by.end()]
            if evs:
                return evs[0].entity
        upto = st.speaker_start or sent.end
        fr = _FRONTED.match(self.text, sent.start, upto)
        if fr:
            evs = [ev for ev in self.events_in(fr.end(), upto) if ev.start == fr.end()]
            if evs and evs[0].entity.type in ("organisation", "person", "media", "group"):
                return evs[0].entity
        return None


def _resolution(e: Entity) -> Resolution:
    return Resolution(e.canonical, e.type, e.role, e)


def find_speakers(article: Article) -> list[Resolution | None]:
    """One resolution per statement of ``article`` (``None``: leave the statement as it is)."""
    r = _Resolver(article)
    sts = article.statements
    out: list[Resolution | None] = [None] * len(sts)
    pronouns = _pronouns()
    by_mention: dict[tuple[int, int], Resolution] = {}

    # where each statement names its speaker: the order speakers are met in (keys computed once)
    wheres = [s.speaker_start if s.speaker_start is not None else (s.cue_start if s.cue_start is not None
                                                                   else s.start) for s in sts]
    where = wheres.__getitem__
    order = sorted(range(len(sts)), key=where)
    later: list[int] = []
    last: Resolution | None = None  # the last speaker resolved to an entity, and its statement
    last_i = 0
    for i in order:
        st = sts[i]
        if st.speaker_mention is None or st.speaker_start is None or st.speaker_end is None:
            later.append(i)
            continue
        span = (st.speaker_start, st.speaker_end)
        if span in by_mention:
            out[i] = by_mention[span]
            continue
        mention = st.speaker_mention
        cls = pronouns.get(mention.strip().lower())
        res: Resolution | None
        if cls == "self":
            later.append(i)
            continue
        if cls in ("m", "f", "p", "n"):
            e = r.antecedent(span[0], cls, exclude=span)
            res = _resolution(e) if e else Resolution(mention, "person" if cls in ("m", "f") else None, None)
        elif cls == "rel":
            sent = r.sentences[r.sentence_of(span[0])]
            near = r.events_in(sent.start, span[0])
            res = _resolution(near[-1].entity) if near else None
        else:
            agent = r.passive_agent(st)
            res = _resolution(agent) if agent else r.describe(mention, *span)
            if res is None and last is not None and _the_document_of(r, mention, sts[last_i]):
                res = last  # "The Office said in a statement … The statement also noted": its author
        if res is not None:
            by_mention[span] = res
            out[i] = res
            if res.entity is not None:
                last, last_i = res, i
            if res.entity is not None:
                res.entity.strong = True
                r.add_event(span[0], span[1], res.entity, speaker=True)
    # first person inside a quote: the quote's speaker; no subject after a coordination, or no
    # attribution at all: the statement before it (looked up by bisection: articles can be huge)
    all_starts = [s.start for s in sts]
    all_ends = [s.end for s in sts]
    by_start = sorted(range(len(sts)), key=all_starts.__getitem__)
    starts = [all_starts[k] for k in by_start]
    by_end = sorted(range(len(sts)), key=all_ends.__getitem__)
    ends = [all_ends[k] for k in by_end]

    def resolved_before(pos: int) -> int | None:
        """The last resolved statement that ends at or before ``pos`` (a few steps back at most)."""
        k = bisect.bisect_right(ends, pos) - 1
        for j in range(k, max(-1, k - 8), -1):
            if out[by_end[j]] is not None:
                return by_end[j]
        return None

    for i in sorted(later, key=where):
        st = sts[i]
        if st.speaker_mention is not None and st.speaker_start is not None:
            k = bisect.bisect_right(starts, st.speaker_start) - 1
            for j in (by_start[x] for x in range(k, max(-1, k - 8), -1)):
                o = sts[j]
                if j != i and o.kind != "indirect" and out[j] is not None \
                        and o.start <= st.speaker_start < o.end:
                    out[i] = out[j]
                    break
            continue
        if st.cue_start is not None:
            c = resolved_before(st.cue_start)
            if c is not None and r.sentence_of(sts[c].end) == r.sentence_of(st.cue_start) \
                    and _COORD.match(r.text, sts[c].end, st.cue_start):
                out[i] = _inherit(sts[c], out[c])
                continue
        b = resolved_before(st.start)
        if b is not None and "\n" not in r.text[sts[b].end:st.start]:
            out[i] = _inherit(sts[b], out[b])
    # the entity as it ends up (its fullest name, its role), once per resolution: many are shared
    final: dict[int, Resolution] = {}
    result: list[Resolution | None] = []
    for x in out:
        if x is not None and x.entity is not None:
            y = final.get(id(x))
            if y is None:
                y = final[id(x)] = Resolution(x.entity.canonical, x.entity.type, r.role_of(x.entity),
                                              x.entity, x.mention)
            x = y
        result.append(x)
    return result


@cache
def _documents() -> frozenset[str]:
    return load_set("en", "documents")


def _the_document_of(r: _Resolver, mention: str, before: Statement) -> bool:
    """Is ``mention`` "The statement", "the letter" … that the statement ``before`` was made in ("The
    Office said in a statement that …. The statement also noted …")? Then its speaker is the author."""
    words = mention.lower().split()
    if not (1 < len(words) <= 3 and words[0] in ("the", "this", "that") and words[-1] in _documents()):
        return False
    at = before.cue_start if before.cue_start is not None else before.start
    sent = r.sentences[r.sentence_of(at)]
    pattern = re.compile(rf"\b(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+)?{re.escape(words[-1])}\b")
    # named where the words were said ("said in a statement"), not inside them ("… provided a statement")
    return any(not before.start <= m.start() < before.end
               for m in pattern.finditer(r.text, sent.start, sent.end))


def _holds_a_title(words: str) -> bool:
    """Does a stretch before a name hold a title word ("head", "minister")?"""
    d = read_description(words.strip(" ,")) if words.strip(" ,") else None
    return d is not None and d.title


def _inherit(source: Statement, res: Resolution | None) -> Resolution | None:
    """``res`` for a statement that continues ``source``, with where ``source`` names its speaker."""
    if res is None:
        return None
    if source.speaker_mention is not None and source.speaker_start is not None \
            and source.speaker_end is not None:
        return res._replace(mention=(source.speaker_mention, source.speaker_start, source.speaker_end))
    return res




@stage("speakers.coref", requires=["speakers.attribute"])
def coref(article: Article, settings: Settings) -> None:
    if not article.statements:
        return
    results = find_speakers(article)
    new: list[Statement] = []
    ids: dict[tuple[str | None, str | None], str] = {}
    for st, res in zip(article.statements, results, strict=True):
        if res is None:
            new.append(st)
            continue
        known = res.entity is not None or res.type in ("anonymous", "group", "organisation", "media")
        sid = None
        if known:
            sid = ids.get((res.type, res.speaker))
            if sid is None:
                sid = ids[(res.type, res.speaker)] = stable_id("speaker", article.id or "", res.type or "",
                                                               res.speaker)
        speaker = res.speaker
        if (st.speaker and st.speaker_mention and st.speaker != st.speaker_mention
                and speaker is not None and speaker.casefold() == st.speaker_mention.casefold()):
            # the attribution already gave the mention's base form ("Умєрова" → "Умєров"): keep it
            # rather than the inflected form as written
            speaker = st.speaker
        changes: dict[str, object] = {"speaker": speaker, "speaker_type": res.type,
                                      "speaker_role": res.role, "speaker_id": sid}
        if st.speaker_mention is None and res.mention is not None:
            # a statement without its own attribution points at the words that name its speaker
            changes.update(speaker_mention=res.mention[0], speaker_start=res.mention[1],
                           speaker_end=res.mention[2])
        new.append(replace_statement(st, **changes))
    article.statements = new
