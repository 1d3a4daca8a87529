"""``sayso`` commands for the corpus layer; they register on ``cli.main`` when ``cli`` is imported.

``link``, ``search``, ``speaker``, ``cluster``, ``stats`` and ``export``: each parses its options, calls
one function of ``sayso.api`` and prints the answer as a table (for people) or as JSON lines or CSV
(``--format``, for scripts).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import api
from .cli import TABLE_WIDTH, main, shorten
from .corpus.export import FORMATS
from .corpus.queries import KINDS, SORTS, weeks_between
from .errors import SaysoError

F = TypeVar("F", bound=Callable[..., Any])
OUTPUTS = ("table", "jsonl", "csv")
# A weekly timeline is drawn week by week (empty weeks too) up to this many weeks; longer ones show
# only the weeks with statements.
TIMELINE_WEEKS = 104
BAR_WIDTH = 40


def db_option(fn: F) -> F:
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("sayso.db"),
                        show_default=True, help="The statement store to read.")(fn)


def format_option(fn: F) -> F:
    return click.option("--format", "fmt", type=click.Choice(OUTPUTS), default="table", show_default=True,
                        help="A table for people, or JSON lines / CSV for scripts.")(fn)


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except SaysoError as e:
        raise click.ClickException(str(e)) from e


def _console() -> Console:
    return Console(file=sys.stdout, width=None if sys.stdout.isatty() else TABLE_WIDTH, highlight=False)


def _jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for r in rows:
        click.echo(json.dumps(r, ensure_ascii=False))


def _csv(rows: list[dict[str, Any]], columns: Iterable[str] | None = None) -> None:
    cols = list(columns or (rows[0].keys() if rows else []))
    w = csv.writer(sys.stdout)
    w.writerow(cols)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in cols])


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(map(str, v))
    return v


@main.command()
@db_option
@click.option("--keep", is_flag=True,
              help="Let earlier links settle surnames that fit two people equally (as ingest does).")
def link(db: Path, keep: bool) -> None:
    """Link every statement in the store to its canonical speaker and its quote cluster, afresh.

    `sayso ingest` links new statements itself; run this after bulk loads made with `--no-link`, after
    upgrading sayso, or on a store made before linking existed. Ids of speakers and clusters that
    still exist are kept.
    """
    console = Console(stderr=True)
    with _errors(), console.status("linking", spinner="dots") as status:
        done = api.link(db, keep=keep, on_phase=lambda phase: status.update(phase))
    click.echo(f"sayso: {done.statements} statement(s), {done.linked} linked to {done.speakers} speaker(s), "
               f"{done.clustered} in {done.clusters} cluster(s) of two or more; {done.changed} link(s) "
               f"written in {done.seconds:.1f}s -> {db}", err=True)


@main.command()
@click.argument("text", required=False)
@click.option("--speaker", default=None, help="Only statements of this speaker (any spelling, or an id).")
@click.option("--since", default=None, metavar="DATE", help="Said on or after DATE (2024-10-18, 2024-10).")
@click.option("--until", default=None, metavar="DATE", help="Said on or before DATE.")
@click.option("--lang", default=None, help="Only statements in this language (en, ru, uk).")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only statements of this kind.")
@click.option("--outlet", default=None, help="Only statements in articles of this outlet.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many.")
@click.option("--sort", type=click.Choice(SORTS), default="rank", show_default=True,
              help="Best match first, or earliest first.")
@db_option
@format_option
def search(text: str | None, speaker: str | None, since: str | None, until: str | None, lang: str | None,
           kind: str | None, outlet: str | None, limit: int, sort: str, db: Path, fmt: str) -> None:
    """Find statements by their words (FTS5) and filters: who said what about TEXT.

    Every word of TEXT must occur ("word*" matches words that begin so; "a phrase" in quotation marks
    is matched as a phrase). A speaker's name in TEXT finds that speaker's statements in every
    spelling. Without TEXT the filters alone choose.
    """
    with _errors():
        rows = api.search(db, text, speaker=speaker, since=since, until=until, lang=lang, kind=kind,
                          outlet=outlet, limit=limit, sort=sort)
    if fmt == "jsonl":
        _jsonl(rows)
    elif fmt == "csv":
        _csv(rows)
    else:
        _console().print(statements_table(rows, with_cluster=True))
        click.echo(f"sayso: {len(rows)} statement(s)" + (" (--limit reached)" if len(rows) == limit else ""),
                   err=True)


def statements_table(rows: list[dict[str, Any]], *, with_cluster: bool = False,
                     with_relation: bool = False) -> Table:
    table = Table(show_lines=False)
    table.add_column("date", no_wrap=True)
    table.add_column("speaker", max_width=28)
    table.add_column("words", overflow="fold")
    table.add_column("outlet", max_width=24)
    if with_cluster:
        table.add_column("cluster", justify="right", no_wrap=True)
    if with_relation:
        table.add_column("how", no_wrap=True)
    for r in rows:
        cells = [Text(r["said_on"] or r["published"] or "—"), Text(r["speaker"] or "—"),
                 Text(shorten(r["text"], 90)), Text(r["outlet"] or "—")]
        if with_cluster:
            cells.append(Text(str(r["cluster"] or "—")))
        if with_relation:
            cells.append(Text(r["relation"] or "—"))
        table.add_row(*cells)
    return table


@main.command(name="speaker")
@click.argument("name")
@db_option
@format_option
def speaker_command(name: str, db: Path, fmt: str) -> None:
    """One speaker: aliases, roles (with the dates seen), counts, outlets, most reprinted quotes and a
    timeline of statements per week.

    NAME is any spelling of any alias ("Umerov", "Умерова", "FT") or a speaker id. --format jsonl
    prints the whole answer as one JSON object; csv prints the weekly timeline.
    """
    with _errors():
        sp = api.speaker(db, name)
    if fmt == "jsonl":
        _jsonl([sp])
        return
    if fmt == "csv":
        _csv(sp["timeline"], ("week", "statements"))
        return
    c = _console()
    c.print(Text(f"{sp['name']}  ·  {sp['type']}  ·  speaker {sp['id']}", style="bold"))
    c.print(f"{sp['statements']} statement(s), said {sp['first_said'] or '?'} … {sp['last_said'] or '?'}")
    c.print("aliases: " + ", ".join(f"{a['alias']} ({a['statements']})" for a in sp["aliases"]))
    if sp["roles"]:
        roles = Table("role", "first seen", "last seen", "statements", title="roles", title_justify="left")
        for r in sp["roles"]:
            roles.add_row(r["role"], r["first_seen"] or "—", r["last_seen"] or "—", str(r["statements"]))
        c.print(roles)
    if sp["outlets"]:
        c.print("outlets: " + ", ".join(f"{o['outlet']} ({o['statements']})" for o in sp["outlets"]))
    if sp["quotes"]:
        quotes = Table("cluster", "words", "statements", "outlets", "first seen", title="most reprinted",
                       title_justify="left")
        for q in sp["quotes"]:
            quotes.add_row(str(q["cluster"]), shorten(q["text"], 70), str(q["statements"]), str(q["outlets"]),
                           f"{q['first_seen'] or '?'} {q['first_outlet'] or ''}")
        c.print(quotes)
    c.print(Text("statements per week", style="bold"))
    for line in timeline_lines(sp["timeline"]):
        c.print(Text(line))
    if sp["others"]:
        c.print(Text("also named so: " + ", ".join(f"{o['name']} (speaker {o['id']}, {o['type']}, "
                                                   f"{o['statements']})" for o in sp["others"]),
                     style="yellow"))


def timeline_lines(timeline: list[dict[str, Any]], width: int = BAR_WIDTH) -> list[str]:
    """One line per week: the ISO week, a bar, the count; empty weeks between are drawn too (up to
    ``TIMELINE_WEEKS``)."""
    if not timeline:
        return ["(no dated statements)"]
    counts = {t["week"]: t["statements"] for t in timeline}
    weeks = weeks_between(timeline[0]["week"], timeline[-1]["week"])
    if len(weeks) > TIMELINE_WEEKS:
        weeks = [t["week"] for t in timeline]
    top = max(counts.values())
    lines = []
    for w in weeks:
        n = counts.get(w, 0)
        bar = "█" * max(1 if n else 0, round(n * width / top))
        lines.append(f"{w}  {bar:<{width}}  {n}")
    return lines


@main.command(name="cluster")
@click.argument("cluster_id", type=int, metavar="ID")
@db_option
@format_option
def cluster_command(cluster_id: int, db: Path, fmt: str) -> None:
    """One quote cluster: every appearance (outlet, date, speaker, how it joined), earliest first.

    --format jsonl / csv print one appearance a line.
    """
    with _errors():
        cl = api.cluster(db, cluster_id)
    rows = cl["appearances"]
    if fmt == "jsonl":
        _jsonl(rows)
        return
    if fmt == "csv":
        _csv(rows)
        return
    c = _console()
    c.print(Text(f"cluster {cl['id']}  ·  {cl['speaker'] or 'speaker unknown'}", style="bold"))
    c.print(Text(shorten(cl["text"], TABLE_WIDTH)))
    c.print(f"{cl['statements']} appearance(s) in {cl['outlets']} outlet(s); first {cl['first_seen'] or '?'} "
            f"in {cl['first_outlet'] or '?'}")
    c.print(statements_table(rows, with_relation=True))


@main.command()
@db_option
@format_option
def stats(db: Path, fmt: str) -> None:
    """Totals of the store: articles, statements, speakers, clusters, languages, and the most quoted
    speakers, outlets and most reprinted quotes."""
    with _errors():
        st = api.stats(db)
    if fmt == "jsonl":
        _jsonl([st])
        return
    scalars = [(k, v) for k, v in st.items() if not isinstance(v, dict | list)]
    if fmt == "csv":
        _csv([{"name": k, "value": v} for k, v in scalars], ("name", "value"))
        return
    c = _console()
    totals = Table("", "", show_header=False, title="store", title_justify="left")
    for k, v in scalars:
        totals.add_row(k.replace("_", " "), "—" if v is None else str(v))
    for k in ("speaker_types", "languages", "kinds"):
        totals.add_row(k.replace("_", " "), ", ".join(f"{a} {b}" for a, b in st[k].items()) or "—")
    c.print(totals)
    for title, rows, cols in (
            ("most quoted speakers", st["top_speakers"], ("id", "name", "type", "statements")),
            ("outlets", st["top_outlets"], ("outlet", "statements")),
            ("most reprinted quotes", st["top_clusters"], ("id", "text", "speaker", "statements", "outlets",
                                                           "first_seen"))):
        if rows:
            t = Table(*cols, title=title, title_justify="left")
            for r in rows:
                t.add_row(*(shorten(str(_cell(r[k]) if r[k] is not None else "—"), 60) for k in cols))
            c.print(t)


@main.command(name="export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="jsonl/csv/parquet: one row per statement; graphml: the speaker–cluster and "
                   "speaker–outlet network (Gephi); dna: a Discourse Network Analyzer statement table.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="The file to write (standard output for jsonl, csv and dna when not given).")
@click.option("--min-cluster", type=click.IntRange(min=1), default=2, show_default=True,
              help="graphml: leave out quote clusters of fewer statements.")
@db_option
def export_command(fmt: str, output: Path | None, min_cluster: int, db: Path) -> None:
    """Write the store's statements (or its network) for other tools.

    parquet and graphml need pyarrow and networkx: pip install 'sayso[export]'.
    """
    with _errors():
        n = api.export(db, fmt, output if output is not None else sys.stdout, min_cluster=min_cluster)
    what = "node(s)" if fmt == "graphml" else "statement(s)"
    click.echo(f"sayso: {n} {what} exported as {fmt}" + (f" -> {output}" if output else ""), err=True)
