"""The records that flow through sayso: one mutable ``Article``, frozen everything else.

Every offset is a Python ``str`` index into ``Article.text`` (end exclusive), and every string a
record carries equals ``Article.text[start:end]``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["direct", "indirect", "mixed"]
SpeakerType = Literal["person", "organisation", "media", "anonymous", "group"]

STATEMENT_FIELDS = (
    "id", "kind", "start", "end", "text", "language", "group",
    "speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_type", "speaker_role",
    "speaker_id", "cue", "cue_start", "cue_end",
    "said_on", "said_on_precision", "said_on_text", "venue", "reported_by", "confidence",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of the article text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Quotation:
    """Words between a pair of quotation marks: ``start:end`` excludes the marks.

    ``open_at`` / ``close_at`` are the offsets of the opening and closing marks (``close_at`` is
    ``None`` for a quote closed only by the end of its paragraph run). ``reopened`` counts the
    paragraphs it runs on over.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    reopened: int = 0
    close_len: int = 1  # 2 for a closing mark of two apostrophes ('')

    @property
    def outer_start(self) -> int:
        return self.open_at

    @property
    def outer_end(self) -> int:
        return self.close_at + self.close_len if self.close_at is not None else self.end


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as written in the text."""

    start: int
    end: int
    text: str
    type: SpeakerType | None = None
    role: str | None = None
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting expression ("said", "according to", "told"), with its lexicon entry."""

    start: int
    end: int
    text: str
    lemma: str
    frame: str = "verb"  # verb | according | noun | colon


@dataclass(frozen=True)
class Statement:
    """One attributed statement: the output contract of DESIGN.md §3.

    Frozen but without ``slots``: its fields live in an instance ``__dict__`` so that
    ``replace_statement`` copies one with a single dict merge (the stages write a field of every
    statement, thousands of times per article).
    """

    kind: Kind
    start: int
    end: int
    text: str
    language: str | None = None
    group: str | None = None
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: SpeakerType | None = None
    speaker_role: str | None = None
    speaker_id: str | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    said_on: str | None = None
    said_on_precision: str | None = None
    said_on_text: str | None = None
    venue: str | None = None
    reported_by: tuple[str, ...] | None = None
    confidence: float | None = None
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.reported_by is not None:
            d["reported_by"] = list(self.reported_by)
        return {k: d[k] for k in STATEMENT_FIELDS}


_SET = object.__setattr__
_NEW = object.__new__
_FIELD_NAMES = frozenset(Statement.__dataclass_fields__)
assert not hasattr(Statement, "__post_init__"), "replace_statement would skip the checks of __post_init__"


def replace_statement(st: Statement, **changes: Any) -> Statement:
    """``dataclasses.replace`` for a ``Statement`` without its per-call introspection: a copy of the
    fields' dict with ``changes`` merged in (about a fifth of the cost of ``replace``)."""
    if not changes.keys() <= _FIELD_NAMES:
        raise TypeError(f"Statement has no field(s) {sorted(changes.keys() - _FIELD_NAMES)}")
    values = st.__dict__.copy()  # copy-then-update: a third cheaper than {**a, **b}
    values.update(changes)
    new = _NEW(Statement)
    _SET(new, "__dict__", values)
    return new


@dataclass(frozen=True, slots=True)
class Skip:
    """Why an article (or a part of it) was not processed: data, not a log line."""

    stage: str
    reason: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"stage": self.stage, "reason": self.reason, "message": self.message}


def stable_id(*parts: object) -> str:
    """A short id that depends only on its parts (so a re-run gives the same id)."""
    h = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8)
    return h.hexdigest()


@dataclass(slots=True)
class Article:
    """One article flowing through the pipeline; stages read earlier fields and write their own."""

    text: str
    id: str | None = None
    published: str | None = None
    outlet: str | None = None
    headline: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # written by stages
    norm: str = ""
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    language: str | None = None
    languages: list[str] = field(default_factory=list)
    sentence_languages: list[str] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    stages_done: list[str] = field(default_factory=list)
    # scratch space for stages (not part of the output): e.g. which quotations a cue already claimed
    work: dict[str, Any] = field(default_factory=dict)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the nearest one before it otherwise)."""
        lo, hi = 0, len(self.sentences) - 1
        best = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= offset:
                best = mid
                lo = mid + 1
            else:
                hi = mid - 1
        return best

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "published": self.published,
            "outlet": self.outlet,
            "headline": self.headline,
            "url": self.url,
            "language": self.language,
            "languages": list(self.languages),
            "statements": [s.to_dict() for s in self.statements],
            "skipped": [s.to_dict() for s in self.skipped],
        }
