"""All settings in one table: name, default and help feed the code, the CLI and the docs.

A value comes from, in rising priority: the default, a TOML file (``SAYSO_CONFIG`` or ``--config``),
the environment (``SAYSO_<NAME>``), then keyword arguments.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("on_error", "skip", "What a failing stage does to its article: 'skip' records a skip "
            "reason and goes on, 'raise' stops with the error."),
    Setting("max_chars", 5_000_000, "Articles longer than this many characters are skipped "
            "(reason 'too-large')."),
    Setting("max_sentence_chars", 5_000, "Longer sentences are cut into pieces of this size before "
            "rule matching, so that one line without punctuation cannot cost quadratic time."),
    Setting("min_confidence", 0.0, "Statements below this confidence are dropped."),
    Setting("keep_unattributed", True, "Keep direct quotes for which no speaker was found (speaker "
            "null). Scare quotes and one-word quotes are dropped unless attributed."),
    Setting("max_article_bytes", 20_000_000, "sayso ingest: a file or record larger than this many "
            "bytes is skipped (reason 'too-large') without being read."),
    Setting("max_decompressed_bytes", 200_000_000, "sayso ingest: a .gz file that inflates to more "
            "than this many bytes is skipped (reason 'too-large'), so a gzip bomb cannot fill memory."),
    Setting("article_seconds", 30.0, "sayso ingest: time budget of one article (reading, extraction, "
            "statements); an article that takes longer is skipped (reason 'timeout')."),
    Setting("json_fields", "", "sayso ingest: where JSON records keep the article's fields when not "
            "under their own names, as NAME=FIELD pairs, e.g. 'text=body,published=meta.date,"
            "headline=title' (NAME: id, text, published, outlet, url, headline; a dot goes into an "
            "object)."),
)

JSON_FIELD_NAMES = ("id", "text", "published", "outlet", "url", "headline")


@dataclass(frozen=True, slots=True)
class Settings:
    on_error: str = "skip"
    max_chars: int = 5_000_000
    max_sentence_chars: int = 5_000
    min_confidence: float = 0.0
    keep_unattributed: bool = True
    max_article_bytes: int = 20_000_000
    max_decompressed_bytes: int = 200_000_000
    article_seconds: float = 30.0
    json_fields: str = ""

    def __post_init__(self) -> None:
        if self.on_error not in ("raise", "skip"):
            raise SettingsError(f"on_error must be 'raise' or 'skip', not {self.on_error!r}")
        if self.max_chars <= 0 or self.max_sentence_chars <= 0:
            raise SettingsError("max_chars and max_sentence_chars must be positive")
        if self.max_article_bytes <= 0 or self.max_decompressed_bytes <= 0 or self.article_seconds <= 0:
            raise SettingsError("max_article_bytes, max_decompressed_bytes and article_seconds must be "
                                "positive")
        parse_json_fields(self.json_fields)

    def with_(self, **changes: Any) -> Settings:
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **changes)

    @classmethod
    def load(cls, path: str | Path | None = None, env: dict[str, str] | None = None,
             **overrides: Any) -> Settings:
        values: dict[str, Any] = {}
        env = dict(os.environ) if env is None else env
        path = path or env.get("SAYSO_CONFIG")
        if path:
            try:
                with open(path, "rb") as fh:
                    data = tomllib.load(fh)
            except (OSError, tomllib.TOMLDecodeError) as e:
                raise SettingsError(f"cannot read settings file {path}: {e}") from e
            values.update(data.get("sayso", data))
        for f in fields(cls):
            raw = env.get(f"SAYSO_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.name, raw, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls().with_(**values)


def parse_json_fields(spec: str) -> dict[str, str]:
    """``'text=body, published=meta.date'`` → ``{'text': 'body', 'published': 'meta.date'}``."""
    pairs: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, sep, field = (x.strip() for x in part.partition("="))
        if not sep or not field or name not in JSON_FIELD_NAMES:
            raise SettingsError(f"json_fields: {part!r} is not NAME=FIELD with NAME one of "
                                f"{', '.join(JSON_FIELD_NAMES)}")
        pairs[name] = field
    return pairs


def _coerce(name: str, raw: str, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        return type(default)(raw)
    except ValueError as e:
        raise SettingsError(f"SAYSO_{name.upper()}={raw!r} is not a valid {type(default).__name__}") from e
