"""Named stages and the order they run in.

A stage is a function ``stage(article, settings) -> None`` registered with the names of the stages it
needs before it. ``Pipeline`` checks the order once, then runs every article through the stages.
With ``on_error="skip"`` a stage that fails records a ``Skip`` on the article and the article comes
back with what earlier stages found; with ``"raise"`` the error propagates as ``ExtractionError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .errors import ExtractionError, InputError, PipelineError, SaysoError
from .model import Article, Skip
from .settings import Settings

StageFn = Callable[[Article, Settings], None]

VERSION = "sayso.pipeline.v1"


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...] = ()


REGISTRY: dict[str, Stage] = {}


def stage(name: str, requires: Iterable[str] = ()) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage ``name`` that must run after ``requires``."""

    def register(fn: StageFn) -> StageFn:
        REGISTRY[name] = Stage(name, fn, tuple(requires))
        return fn

    return register


DEFAULT_STAGES = (
    "normalise",
    "segment",
    "language",
    "quotes.direct",
    "quotes.reported",
    "speakers.attribute",
    "speakers.coref",
    "dates",
    "provenance",
    "finalise",
)


def _load_stages() -> None:
    # Importing the modules registers their stages.
    from . import dates, finalise, provenance  # noqa: F401
    from .quotes import direct, reported  # noqa: F401
    from .speakers import attribute, coref  # noqa: F401
    from .text import language, normalize, segment  # noqa: F401


class Pipeline:
    """An ordered list of registered stages with an error policy."""

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, settings: Settings | None = None) -> None:
        _load_stages()
        self.settings = settings or Settings()
        names = list(stages)
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            raise PipelineError(
                f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(sorted(REGISTRY))}")
        seen: set[str] = set()
        for n in names:
            missing = [r for r in REGISTRY[n].requires if r not in seen]
            if missing:
                raise PipelineError(f"stage {n!r} needs {', '.join(missing)} to run before it")
            seen.add(n)
        self.stages = [REGISTRY[n] for n in names]

    def __call__(self, article: Article) -> Article:
        s = self.settings
        try:
            check_input(article, s)
        except InputError as e:
            if s.on_error == "raise":
                raise
            article.skipped.append(Skip("input", e.reason, str(e)))
            return article
        for st in self.stages:
            try:
                st.fn(article, s)
            except SaysoError as e:
                if s.on_error == "raise":
                    raise
                article.skipped.append(Skip(st.name, e.reason, str(e)))
                break
            except Exception as e:  # a bug or a pathological input: recorded, never lost
                if s.on_error == "raise":
                    raise ExtractionError(st.name, f"{type(e).__name__}: {e}") from e
                article.skipped.append(Skip(st.name, "extraction-error", f"{type(e).__name__}: {e}"))
                break
            article.stages_done.append(st.name)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for a in articles:
            yield self(a)


def check_input(article: Article, settings: Settings) -> None:
    """Reject what cannot be an article, with a reason a user can act on."""
    text = article.text
    if not isinstance(text, str):
        raise InputError(f"article text must be str, not {type(text).__name__}", "unreadable")
    if len(text) > settings.max_chars:
        raise InputError(
            f"article has {len(text):,} characters, more than max_chars={settings.max_chars:,}",
            "too-large",
        )
    if "\x00" in text[:100_000] or _control_share(text) > 0.1:
        raise InputError("article looks like binary data (NUL or control characters)", "unreadable")


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _control_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)
