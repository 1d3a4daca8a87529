"""The output folder of a batch run: written beside the target, committed part by part, renamed at the end.

A run writes into ``DIR.partial`` (next to ``DIR``, so that the last step is one ``rename`` on the same
file system): each part is written under ``DIR.partial/_work/`` and moved into place only once it is
whole, and ``_progress.json`` (replaced atomically) lists the parts in place. When every part is there,
``_sayso.json`` is written and ``DIR.partial`` becomes ``DIR``. So ``DIR`` either does not exist or
holds a whole run, and a run that stops half-way (Ctrl-C, a crash, a power cut) leaves ``DIR.partial``,
which the same command picks up: the parts listed in ``_progress.json`` are kept, whatever else is
there is thrown away, and the run goes on with the next part.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..pipeline import VERSION
from ..settings import Settings
from . import BatchError
from .parquet import DATASETS, PartInfo

MANIFEST = "_sayso.json"
PROGRESS = "_progress.json"
WORK = "_work"
FORMAT = 1


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` so that ``path`` holds either its old content or the new one, never a mix."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_manifest(root: Path) -> dict[str, Any]:
    """The manifest of a finished batch output; ``BatchError`` when ``root`` is not one."""
    path = root / MANIFEST
    if not path.is_file():
        partial = root.with_name(root.name + ".partial")
        hint = (f"; {partial} is an unfinished run: run the same `sayso batch` command again to finish it"
                if partial.exists() else "; make one with `sayso batch INPUT... --output DIR`")
        raise BatchError(f"{root} is not a finished sayso batch output (no {MANIFEST}){hint}")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BatchError(f"cannot read {path} ({e})") from e
    if manifest.get("format") != FORMAT:
        raise BatchError(f"{root} was written in batch format {manifest.get('format')}; this sayso reads "
                         f"format {FORMAT}: run the batch again with this version")
    return manifest


@dataclass
class RunSpec:
    """What makes two runs the same run: a partial output is resumed only by the same spec."""

    inputs: list[str]
    settings: dict[str, Any]
    part_articles: int
    pipeline_version: str = VERSION

    def to_dict(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "settings": self.settings, "part_articles": self.part_articles,
                "pipeline_version": self.pipeline_version}


def spec_of(inputs: list[str], settings: Settings, part_articles: int) -> RunSpec:
    names = [i if i == "-" else str(Path(i).absolute()) for i in inputs]
    values = {name: getattr(settings, name) for name in settings.__dataclass_fields__}
    return RunSpec(names, values, part_articles)


@dataclass
class OutputDir:
    """``final`` (the ``--output`` folder) and the ``.partial`` folder a run writes into."""

    final: Path
    spec: RunSpec
    done: list[PartInfo] = field(default_factory=list)

    @property
    def partial(self) -> Path:
        return self.final.with_name(self.final.name + ".partial")

    @property
    def work(self) -> Path:
        return self.partial / WORK

    @property
    def next_seq(self) -> int:
        """The ``seq`` of the first item no part in place holds."""
        return sum(p.items for p in self.done)

    @property
    def next_part(self) -> int:
        return len(self.done)

    def open(self) -> list[PartInfo]:
        """Make ready to write: check the target, pick up an unfinished run of the same spec, clear
        what such a run left half-written. Returns the parts already in place."""
        if self.final.exists():
            what = ("holds a finished batch run" if (self.final / MANIFEST).exists()
                    else "exists and is not a sayso batch output")
            raise BatchError(f"{self.final} {what}; choose another --output folder, or remove it first")
        self.done = []
        progress = self.partial / PROGRESS
        if progress.is_file():
            saved = json.loads(progress.read_text(encoding="utf-8"))
            if saved.get("spec") != self.spec.to_dict():
                raise BatchError(
                    f"{self.partial} holds an unfinished run with other inputs, settings or sayso version; "
                    "run that command again to finish it, or remove the folder to start this one")
            if "-" not in self.spec.inputs:  # standard input cannot be read again: start over
                self.done = [PartInfo.from_dict(p) for p in saved["parts"]]
        elif self.partial.exists() and any(self.partial.iterdir()):
            raise BatchError(f"{self.partial} exists and is not an unfinished sayso batch run; remove it")
        self._clear_stray()
        self._save_progress()
        return self.done

    def _clear_stray(self) -> None:
        """Remove files not listed by a part in place (a part half-written when the run stopped)."""
        keep = {f for p in self.done for f in p.files}
        shutil.rmtree(self.work, ignore_errors=True)
        for dataset in DATASETS:
            for path in sorted((self.partial / dataset).glob("month=*/*")):
                if str(path.relative_to(self.partial)) not in keep:
                    path.unlink()
        self.work.mkdir(parents=True, exist_ok=True)

    def _save_progress(self) -> None:
        _write_json(self.partial / PROGRESS, {"format": FORMAT, "spec": self.spec.to_dict(),
                                              "parts": [p.to_dict() for p in self.done]})

    def commit(self, parts: list[PartInfo], written_under: Path) -> None:
        """Move the files of whole ``parts`` from ``written_under`` into place, then record them."""
        for part in parts:
            for rel in part.files:
                target = self.partial / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(written_under / rel, target)
        self.done.extend(parts)
        self.done.sort(key=lambda p: p.part)
        self._save_progress()

    def finish(self, engine: str, timings: dict[str, float]) -> dict[str, Any]:
        """Write the manifest and turn ``DIR.partial`` into ``DIR``; returns the manifest."""
        totals = {k: sum(getattr(p, k) for p in self.done)
                  for k in ("items", "articles", "statements", "skips")}
        manifest = {"format": FORMAT, **self.spec.to_dict(), "engine": engine,
                    "finished": datetime.now(UTC).isoformat(timespec="seconds"), **totals,
                    "timings": timings, "parts": [p.to_dict() for p in self.done]}
        shutil.rmtree(self.work, ignore_errors=True)
        _write_json(self.partial / MANIFEST, manifest)
        (self.partial / PROGRESS).unlink()
        os.replace(self.partial, self.final)
        return manifest
