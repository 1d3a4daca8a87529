"""sayso: who said what, when, and who reported it — statements from news articles."""

from __future__ import annotations

from .api import extract, extract_many, ingest, open_store
from .errors import (
    ExtractionError,
    InputError,
    PipelineError,
    SaysoError,
    SettingsError,
    UnsupportedFormat,
)
from .model import Article, Cue, Mention, Quotation, Skip, Span, Statement
from .pipeline import VERSION as PIPELINE_VERSION
from .pipeline import Pipeline
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "PIPELINE_VERSION",
    "Article",
    "Cue",
    "ExtractionError",
    "InputError",
    "Mention",
    "Pipeline",
    "PipelineError",
    "Quotation",
    "SaysoError",
    "Settings",
    "SettingsError",
    "Skip",
    "Span",
    "Statement",
    "UnsupportedFormat",
    "__version__",
    "extract",
    "extract_many",
    "ingest",
    "open_store",
]
