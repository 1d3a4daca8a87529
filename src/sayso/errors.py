"""One exception tree; catch ``SaysoError`` to catch everything sayso raises on purpose.

::

    SaysoError
    ├── InputError            the input cannot be read as an article (empty, binary, too large)
    │   └── UnsupportedFormat a file type sayso does not read
    ├── ExtractionError       a stage failed on one article (carries the stage name)
    ├── PipelineError         the pipeline itself is misconfigured (unknown stage, bad order)
    └── SettingsError         a setting has a bad name or value
"""

from __future__ import annotations


class SaysoError(Exception):
    """Base class of every error sayso raises on purpose."""

    reason = "error"


class InputError(SaysoError):
    """The input cannot be read as an article."""

    def __init__(self, message: str, reason: str = "unreadable") -> None:
        super().__init__(message)
        self.reason = reason


class UnsupportedFormat(InputError):
    """A file type sayso does not read."""

    def __init__(self, message: str) -> None:
        super().__init__(message, reason="unsupported-format")


class ExtractionError(SaysoError):
    """A stage failed on one article."""

    reason = "extraction-error"

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"stage {stage!r}: {message}")
        self.stage = stage


class PipelineError(SaysoError):
    """The pipeline is misconfigured: unknown stage names, or stages out of order."""


class SettingsError(SaysoError):
    """A setting has an unknown name or a value of the wrong kind."""
