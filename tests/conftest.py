"""Fixtures shared by all tests: the repository's example article and the shared data beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
EXAMPLE = EXAMPLES / "umerov-nato-2024-11-03.txt"


def shared_dir() -> Path:
    """``../shared`` beside the repository root, or ``$SAYSO_SHARED_DIR``."""
    return Path(os.environ.get("SAYSO_SHARED_DIR") or REPO.parent / "shared")


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared project directory; the test is skipped with a clear message when it is absent."""
    path = shared_dir()
    if not (path / "eval" / "score.py").is_file():
        pytest.skip(f"shared data not found at {path} (expected ../shared next to the repository root, "
                    "or set SAYSO_SHARED_DIR)")
    return path
