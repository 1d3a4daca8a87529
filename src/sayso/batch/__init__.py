"""Batch runners: ``local`` (processes on one machine, into the store or into Parquet) and ``spark``.

``sayso ingest`` writes a store directly (``local.ingest_local``). ``sayso batch`` writes Parquet
instead (``run.run_batch``), with one of two engines: the same worker pool on one machine, or Apache
Spark (``spark``, the optional ``sayso[spark]`` extra) for a cluster; ``sayso load`` turns that output
into a store (``run.load``). Parquet needs ``pyarrow`` (the ``sayso[batch]`` extra); the core never
imports it, nor pyspark.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import SaysoError


class BatchError(SaysoError):
    """A batch run cannot start or finish: a missing extra, an output folder in the way, Spark failing."""

    reason = "batch"


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise BatchError(
            f"{module} is not installed; it comes with the optional extra: pip install 'sayso[{extra}]'"
        ) from e
