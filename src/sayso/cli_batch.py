"""``sayso`` commands for the batch layer; they register on ``cli.main`` when ``cli`` is imported."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

from . import api
from .cli import load_settings, main, settings_options
from .errors import SaysoError

PHASES = {"read": "reading inputs", "extract": "extracting", "load": "loading"}


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write (must not exist yet); the run writes OUTPUT.partial and renames "
                   "it at the end.")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: worker processes on this machine (sayso[batch]); spark: Apache Spark tasks, "
                   "on this machine or a cluster (sayso[spark]). Both write the same output.")
@click.option("--master", default=None,
              help="--engine spark: the Spark master URL, e.g. local[4], spark://host:7077, yarn "
                   "[default: local[*], or the one spark-submit was given].")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="--engine local: worker processes that extract articles.")
@click.option("--part-articles", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Articles per part: one Spark task, one file per month and dataset, and the unit a "
                   "stopped run resumes at.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@settings_options
def batch(paths: tuple[str, ...], output: Path, engine: str, master: str | None, jobs: int,
          part_articles: int, quiet: bool, config: Path | None, **options: Any) -> None:
    """Extract the articles under INPUT into Parquet files, partitioned by publication month.

    INPUT is what `sayso ingest` reads (folders, text, HTML, JSON lines, WARC, feeds, .gz, - for
    standard input). OUTPUT gets articles/, statements/ and skips/ (each with month=YYYY-MM/
    folders) and _sayso.json; `sayso load OUTPUT --db FILE` makes a store of it. A stopped run
    leaves OUTPUT.partial: run the same command again to go on from its last whole part.
    """
    settings = load_settings(config, options)
    if paths.count("-") > 1:
        raise click.ClickException("'-' (standard input) can be given only once")
    with ExitStack() as stack:
        report = stack.enter_context(_progress_bar()) if not quiet and sys.stderr.isatty() else None
        try:
            done = api.run_batch(paths, output, engine=engine, jobs=jobs, part_articles=part_articles,
                                 master=master, settings=settings, stdin=sys.stdin.buffer,
                                 on_progress=report)
        except SaysoError as e:
            raise click.ClickException(str(e)) from e
    if not quiet:
        resumed = f", {done.resumed_items} of them from an earlier run" if done.resumed_items else ""
        click.echo(f"sayso: {done.items} item(s){resumed}: {done.articles} article(s), {done.statements} "
                   f"statement(s), {done.skips} skipped, in {done.parts} part(s); {done.seconds:.1f}s "
                   f"({done.engine}) -> {output}", err=True)


@main.command()
@click.argument("output", type=click.Path(file_okay=False, path_type=Path), metavar="DIR")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("sayso.db"),
              show_default=True, help="The SQLite statement store to write (created when missing).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
def load(output: Path, db: Path, quiet: bool) -> None:
    """Write the output of `sayso batch` (DIR) into a statement store.

    The store ends as `sayso ingest` of the same inputs would leave it. Sources the store already
    holds are passed over, so loading the same DIR twice changes nothing.
    """
    with ExitStack() as stack:
        report = stack.enter_context(_progress_bar()) if not quiet and sys.stderr.isatty() else None
        try:
            done = api.load_batch(output, db, on_progress=report)
        except SaysoError as e:
            raise click.ClickException(str(e)) from e
    if not quiet:
        click.echo(f"sayso: {done.articles} article(s) stored, {done.statements} statement(s), "
                   f"{done.skips} skipped, {done.already} already in the store -> {db}", err=True)


@contextmanager
def _progress_bar() -> Iterator[Callable[[Any], None]]:
    """A live line on stderr: the phase, what is done (of the total when known), the rate."""
    bar = Progress(SpinnerColumn(), BarColumn(bar_width=20), TimeRemainingColumn(),
                   TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("starting", total=None)

        def report(p: Any) -> None:
            counts = (f" · {p.articles} articles · {p.statements} statements · {p.skips} skipped"
                      if p.unit == "items" and p.phase != "read" else "")
            of = f"/{p.total}" if p.total is not None else ""
            bar.update(task, total=p.total, completed=p.done, description=(
                f"{PHASES.get(p.phase, p.phase)}: {p.done}{of} {p.unit} · {p.rate:.0f}/s{counts}"))

        yield report
