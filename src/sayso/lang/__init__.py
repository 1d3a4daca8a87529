"""Language data (cue verbs, titles, abbreviations, pronouns) kept apart from code.

Each file under ``lang/<code>/`` is UTF-8 text, one entry a line, ``#`` starts a comment.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_lines(lang: str, name: str) -> tuple[str, ...]:
    path = resources.files(__package__).joinpath(lang, f"{name}.txt")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return tuple(out)


@cache
def load_set(lang: str, name: str) -> frozenset[str]:
    return frozenset(x.lower() for x in load_lines(lang, name))
