"""The ``sayso`` command: each command parses its options, calls the library once, prints.

Library errors become ``click.ClickException`` with a message a user can act on; an article that cannot
be read or processed is reported as a recorded skip in the output and the run goes on (unless
``--on-error raise``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from . import __version__, api
from .api import extract_many
from .errors import SaysoError
from .ingest import check_path, count_articles, read_path, read_stream
from .model import Article, Statement
from .settings import SETTINGS, Settings
from .store.schema import SKIP_REASONS

F = TypeVar("F", bound=Callable[..., Any])

# Settings whose values are one of a few words; the rest take the type of their default.
CHOICES: dict[str, tuple[str, ...]] = {"on_error": ("raise", "skip")}
HELP_OPTIONS = ["-h", "--help"]
# A progress bar is worth drawing only for this many articles or more.
PROGRESS_MIN_ARTICLES = 20
# Width of the statement's words in the table before they are shortened.
WORDS_WIDTH = 80
MIN_WORDS_WIDTH = 16
SPEAKER_WIDTH = 36
TABLE_WIDTH = 150


def settings_options(fn: F) -> F:
    """Add one option per entry of ``settings.SETTINGS`` (and ``--config``) to a command.

    Options default to ``None`` so that the settings file and ``SAYSO_*`` variables apply unless an
    option is given.
    """
    for s in reversed(SETTINGS):
        flag = "--" + s.name.replace("_", "-")
        help_ = f"{s.help} [default: {s.default}]"
        if isinstance(s.default, bool):
            no_flag = "--no-" + s.name.replace("_", "-")
            fn = click.option(f"{flag}/{no_flag}", s.name, default=None, help=help_)(fn)
        else:
            kind: Any = (
                click.Choice(CHOICES[s.name]) if s.name in CHOICES else type(s.default)
            )
            fn = click.option(flag, s.name, type=kind, default=None, help=help_)(fn)
    return click.option(
        "--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
        help="A TOML settings file (also SAYSO_CONFIG); options and SAYSO_* variables override it.",
    )(fn)


def load_settings(config: Path | None, options: dict[str, Any]) -> Settings:
    try:
        return Settings.load(config, **options)
    except SaysoError as e:
        raise click.ClickException(str(e)) from e


@click.group(name="sayso", context_settings={"help_option_names": HELP_OPTIONS})
@click.version_option(__version__, prog_name="sayso")
def main() -> None:
    """sayso: who said what, when, and who reported it — statements from news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True, help="A readable table, or JSON lines (one article a line).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              default=None, help="Write to this file instead of standard output.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@settings_options
def extract(paths: tuple[str, ...], fmt: str, output: Path | None, quiet: bool, config: Path | None,
            **options: Any) -> None:
    """Print the statements of the articles in PATH (a table, or JSON lines).

    A PATH is a plain-text article (its leading date and outlet lines are read as metadata), a
    .jsonl file (one article a line: id, text, optional published, outlet, url, headline), or - for
    standard input (JSON lines if it starts with '{', else one text).
    """
    settings = load_settings(config, options)
    files = [Path(p) for p in paths if p != "-"]
    for f in files:
        try:
            check_path(f)
        except SaysoError as e:
            raise click.ClickException(str(e)) from e
    if paths.count("-") > 1:
        raise click.ClickException("'-' (standard input) can be given only once")
    if output is not None and any(output.resolve() == f.resolve() for f in files):
        raise click.ClickException(f"{output} is also an input; writing to it would destroy it")

    current: list[str | None] = [None]
    stats = {"articles": 0, "statements": 0, "skipped": 0}

    def articles() -> Iterator[Article]:
        for p in paths:
            source: Iterable[Article] = (
                read_stream(sys.stdin.buffer) if p == "-" else read_path(Path(p))
            )
            for a in source:
                current[0] = a.id
                if a.skipped and settings.on_error == "raise":
                    raise click.ClickException(a.skipped[0].message)
                yield a

    show_progress = not quiet and sys.stderr.isatty()
    total = sum(count_articles(f) for f in files) if show_progress and "-" not in paths else 0
    with ExitStack() as stack:
        out: IO[str] = (
            stack.enter_context(output.open("w", encoding="utf-8")) if output is not None
            else sys.stdout
        )
        write = _jsonl_writer(out) if fmt == "jsonl" else _table_writer(out)
        advance: Callable[[], None] = (
            stack.enter_context(_progress(total)) if total >= PROGRESS_MIN_ARTICLES else _nothing
        )
        try:
            for article in extract_many(articles(), settings=settings):
                write(article)
                advance()
                stats["articles"] += 1
                stats["statements"] += len(article.statements)
                stats["skipped"] += bool(article.skipped)
        except SaysoError as e:
            where = f"article {current[0]}: " if current[0] else ""
            raise click.ClickException(f"{where}{e}") from e
        except BrokenPipeError:
            # the reader went away (`sayso extract big.jsonl | head`): stop quietly, as cat does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
    if not quiet:
        click.echo(
            f"sayso: {stats['articles']} article(s), {stats['statements']} statement(s), "
            f"{stats['skipped']} skipped" + (f"; written to {output}" if output else ""),
            err=True,
        )


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["direct", "indirect"]), default=None,
              help="Score only gold (and predicted) statements of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Also print the full result as JSON.")
@settings_options
def evaluate(gold: Path, kind: str | None, as_json: bool, config: Path | None, **options: Any) -> None:
    """Run sayso on the texts of GOLD.jsonl and score it as shared/eval/score.py does.

    The last line printed is always: quote_f1=<overlap F1> speaker_acc=<accuracy>.
    """
    from .evaluate import GoldFormatError, evaluate_file, format_report

    settings = load_settings(config, options)
    try:
        result = evaluate_file(gold, kind=kind, settings=settings)
    except (SaysoError, GoldFormatError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(format_report(result, kind, with_json=as_json))


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("sayso.db"),
              show_default=True, help="The SQLite statement store to write (created when missing).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that read and extract articles (the store has one writer).")
@click.option("--link/--no-link", default=True, show_default=True,
              help="Link speakers and quote clusters at the end. --no-link for a series of bulk loads: "
                   "run `sayso link` once after the last (the corpus commands refuse the store until then).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@settings_options
def ingest(paths: tuple[str, ...], db: Path, jobs: int, link: bool, quiet: bool, config: Path | None,
           **options: Any) -> None:
    """Read the articles under PATH into a statement store, with what was skipped and why.

    A PATH is a folder (read recursively), a plain-text article, an HTML page, a .jsonl/.json file,
    a WARC archive (.warc, .warc.gz), an RSS or Atom feed, the .gz of any of these, or - for standard
    input. A source already in the store is not read again: run the same command again to resume an
    interrupted run. Unreadable input is recorded (see `sayso skips`), never fatal; the exit code is
    non-zero only when the store cannot be written.
    """
    settings = load_settings(config, options)
    if paths.count("-") > 1:
        raise click.ClickException("'-' (standard input) can be given only once")
    show = not quiet and sys.stderr.isatty()
    with ExitStack() as stack:
        report = stack.enter_context(_ingest_progress()) if show else None
        try:
            done = api.ingest(paths, db, jobs=jobs, settings=settings, stdin=sys.stdin.buffer,
                              on_progress=report, count_first=show, link=link)
        except SaysoError as e:
            raise click.ClickException(str(e)) from e
    if not quiet:
        click.echo(
            f"sayso: {done.articles} article(s) stored, {done.statements} statement(s), "
            f"{done.skips} skipped, {done.already} already in the store; {done.rate:.1f} articles/s"
            f" -> {db}" + ("; see `sayso skips --db " + str(db) + "`" if done.skips else "")
            + ("" if link else f"; not linked: run `sayso link --db {db}` after the last load"),
            err=True,
        )


@main.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("sayso.db"),
              show_default=True, help="The statement store to read.")
@click.option("--reason", type=click.Choice(SKIP_REASONS),
              default=None, help="Only skips with this reason code.")
def skips(db: Path, reason: str | None) -> None:
    """List the sources an ingest skipped: reason code, source, message (tab-separated).

    Reason codes: unreadable, not-an-article, too-large, timeout, extraction-error, duplicate.
    """
    counts: dict[str, int] = {}
    try:
        for row in api.skips(db, reason):
            counts[row["reason"]] = counts.get(row["reason"], 0) + 1
            click.echo(f"{row['reason']}\t{row['source']}\t{' '.join(row['message'].split())}")
    except SaysoError as e:
        raise click.ClickException(str(e)) from e
    summary = ", ".join(f"{n} {r}" for r, n in sorted(counts.items())) or "none"
    click.echo(f"sayso: skips: {summary}", err=True)


@contextmanager
def _ingest_progress() -> Iterator[Callable[[Any], None]]:
    """A live line on stderr: articles stored, rate, statements, skips; a bar and the time left when
    the number of articles is known."""
    bar = Progress(SpinnerColumn(), BarColumn(bar_width=20), TimeRemainingColumn(),
                   TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("ingesting", total=None)

        def report(p: Any) -> None:
            bar.update(task, total=p.total, completed=p.done, description=(
                f"{p.articles} articles · {p.rate:.0f}/s · {p.statements} statements · "
                f"{p.skips} skipped" + (f" · {p.already} already stored" if p.already else "")))

        yield report


def _nothing() -> None:
    return None


def _jsonl_writer(out: IO[str]) -> Callable[[Article], None]:
    def write(article: Article) -> None:
        out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")

    return write


def _table_writer(out: IO[str]) -> Callable[[Article], None]:
    console = Console(file=out, width=None if out.isatty() else TABLE_WIDTH, highlight=False)

    def write(article: Article) -> None:
        title = " · ".join(x for x in (article.id, article.published, article.outlet) if x)
        console.print(Text(title or "(article without id)", style="bold"))
        if article.headline:
            console.print(Text(shorten(article.headline, TABLE_WIDTH), style="italic"))
        console.print(article_table(article, console.width))
        for skip in article.skipped:
            console.print(Text(f"skipped ({skip.reason}, stage {skip.stage}): {skip.message}",
                               style="yellow"))
        console.print()

    return write


def shorten(text: str, width: int = WORDS_WIDTH) -> str:
    """One line of at most ``width`` characters: the beginning and the end, with … between."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    tail = width // 4
    return flat[: width - tail - 3] + " … " + flat[-tail:]


def _speaker_cell(st: Statement) -> str:
    """The speaker, and the mention as written when it does not already say the name ("him")."""
    speaker, mention = st.speaker, st.speaker_mention
    if not speaker or not mention:
        return speaker or mention or "—"
    a, b = speaker.casefold(), mention.casefold()
    return speaker if a in b or b in a else f"{speaker} ({mention})"


def article_table(article: Article, width: int = TABLE_WIDTH) -> Table:
    """One row per statement: kind, speaker, cue, the words (shortened to fit ``width``), offsets."""
    rows = [(st.kind, _speaker_cell(st), st.cue or "—", st.text, f"{st.start}–{st.end}")
            for st in article.statements]
    # the words get what the other columns leave of the line (5 columns: 2 padding + 1 border each)
    speaker_width = min(SPEAKER_WIDTH, width // 4)
    others = sum(
        min(speaker_width, max([len(head), *(len(r[i]) for r in rows)]))
        for i, head in ((0, "kind"), (1, "speaker"), (2, "cue"), (4, "offsets"))
    )
    words_width = max(MIN_WORDS_WIDTH, min(WORDS_WIDTH, width - others - 16))
    table = Table(show_lines=False, expand=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("speaker", max_width=speaker_width)
    table.add_column("cue", no_wrap=True)
    table.add_column("words", overflow="ellipsis")
    table.add_column("offsets", justify="right", no_wrap=True)
    for kind, speaker, cue, words, offsets in rows:
        table.add_row(Text(kind), Text(speaker), Text(cue), Text(shorten(words, words_width)), Text(offsets))
    if not rows:
        table.add_row(Text("—"), Text(""), Text(""), Text("no statements found", style="dim"), Text(""))
    return table


def help_reference(width: int = 100) -> str:
    """The CLI reference (docs/cli.md): the live ``--help`` of ``sayso`` and of each command."""
    parts = ["# sayso command line", "",
             "Generated from the live `--help` by `make docs`; a test fails when it is out of date.", ""]
    def context(command: click.Command, name: str, parent: click.Context | None) -> click.Context:
        return click.Context(command, info_name=name, parent=parent, terminal_width=width,
                             max_content_width=width, help_option_names=HELP_OPTIONS)

    with context(main, "sayso", None) as top:
        pages = [("sayso", main.get_help(top))]
        for name in main.list_commands(top):
            command = main.get_command(top, name)
            assert command is not None
            with context(command, name, top) as ctx:
                pages.append((f"sayso {name}", command.get_help(ctx)))
    for title, text in pages:
        parts += [f"## {title}", "", "```text", text.rstrip(), "```", ""]
    return "\n".join(parts)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr; the caller draws it only when stderr is a terminal."""
    bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("extract", total=total)
        yield lambda: bar.advance(task)


# The other command groups add themselves to ``main`` (one module per layer keeps this one short).
from . import cli_batch, cli_corpus, cli_web  # noqa: E402, F401

if __name__ == "__main__":  # pragma: no cover
    main()
