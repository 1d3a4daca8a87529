"""Session-wide fixtures: each shared dataset is run through the pipeline once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gate_metrics import Dataset, load_dataset, missing_files


def _dataset(name: str) -> Dataset:
    missing = missing_files(name)
    if missing:
        pytest.skip(f"shared evaluation data not found: {', '.join(map(str, missing))} "
                    f"(expected ../shared next to the repository root, or set SAYSO_SHARED_DIR)")
    return load_dataset(name)


@pytest.fixture(scope="session")
def polnear() -> Dataset:
    return _dataset("polnear")


@pytest.fixture(scope="session")
def adaq_ru() -> Dataset:
    return _dataset("adaq_ru")


@pytest.fixture(scope="session")
def example() -> Dataset:
    return _dataset("example")
