"""The library's front door: the CLI, the web UI and batch runners call only these functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from .errors import InputError, SaysoError
from .ingest.jsonl import article_from_record
from .ingest.text import find_header, read_text_article
from .model import Article
from .pipeline import DEFAULT_STAGES, Pipeline
from .settings import Settings

if TYPE_CHECKING:
    from .batch.local import Progress
    from .batch.run import BatchProgress, BatchResult
    from .corpus import Corpus, LinkCounts
    from .store import WriteCounts


@lru_cache(maxsize=8)
def _pipeline(settings: Settings, stages: tuple[str, ...]) -> Pipeline:
    return Pipeline(stages, settings)


def get_pipeline(settings: Settings | None = None, stages: Iterable[str] | None = None) -> Pipeline:
    return _pipeline(settings or Settings(), tuple(stages or DEFAULT_STAGES))


def extract(
    text: str,
    *,
    id: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    headline: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
    **meta: Any,
) -> Article:
    """Run the pipeline on one article text and return the ``Article`` with its statements.

    >>> a = extract('"We will win," the minister said.')
    >>> [(s.kind, s.text, s.speaker) for s in a.statements]
    [('direct', 'We will win,', 'the minister')]
    """
    if isinstance(text, str) and (published is None or outlet is None or headline is None):
        header = find_header(text)  # a date line, an outlet line: metadata the caller did not give
        published = published or header.published
        outlet = outlet or header.outlet
        headline = headline or header.headline
    article = Article(text=text, id=id, published=published, outlet=outlet, headline=headline,
                      url=url, meta=dict(meta))
    return get_pipeline(settings)(article)


def to_article(item: str | Article | Mapping[str, Any]) -> Article:
    """Turn a string, a mapping with a ``text`` field (as in a JSON line), or an ``Article`` into an
    ``Article``; header lines of the text fill metadata the record leaves out."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return read_text_article(item)
    if isinstance(item, Mapping):
        article = article_from_record(item, "")
        article.id = article.id or None
        return article
    raise InputError(f"cannot read an article from {type(item).__name__}", "unreadable")


def extract_many(
    items: Iterable[str | Article | Mapping[str, Any]], *, settings: Settings | None = None
) -> Iterator[Article]:
    """Stream articles through the pipeline, one at a time (memory stays flat)."""
    pipe = get_pipeline(settings)
    for item in items:
        yield pipe(to_article(item))


def open_store(path: str | Path, *, readonly: bool = False) -> Corpus:
    """Open the statement store at ``path`` (created and migrated when needed); ``StoreError`` when it
    cannot be opened or written. The store answers the corpus questions (``search``, ``speaker``,
    ``cluster``, ``stats``, ``export``, ``article``): see ``sayso.corpus.Corpus``."""
    from .corpus import as_corpus
    from .store import open_store as _open

    return as_corpus(_open(path, readonly=readonly))


def ingest(
    paths: Iterable[str | Path],
    db: str | Path = "sayso.db",
    *,
    jobs: int = 1,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    count_first: bool = False,
    link: bool = True,
) -> Progress:
    """Read every article under ``paths`` (folders, text, HTML, JSON lines, WARC, feeds, ``.gz``;
    ``-`` is ``stdin``) into the store ``db`` with ``jobs`` worker processes, and return the counts.

    A source the store already holds is not read again, so an interrupted run is resumed by running it
    again; what cannot be read is recorded in the store's ``skips`` table with a reason code.
    ``count_first`` counts the articles before the run (when cheap) so that progress has a total.
    At the end the store's speakers and quote clusters are linked (``link``), new statements included;
    ``link=False`` leaves that to one ``link`` call after a series of bulk loads (until then the
    corpus questions refuse the store with a ``QueryError`` that says so).
    """
    from .batch.local import ingest_local
    from .ingest.sources import count_items

    names = [str(p) for p in paths]
    with open_store(db) as store:
        total = count_items(names) if count_first else None
        done = ingest_local(names, store, settings=settings or Settings(), jobs=max(1, jobs),
                            stdin=stdin, on_progress=on_progress, total=total)
        if link and (done.statements or store.needs_linking()):
            store.link(keep=True)
        return done


def skips(db: str | Path, reason: str | None = None) -> Iterator[dict[str, Any]]:
    """The skipped sources recorded in the store ``db`` (all, or those of one reason code)."""
    from .store.query import skips as _skips

    with open_store(db, readonly=True) as store:
        yield from _skips(store, reason)


# --- the corpus layer: speakers, quote clusters, search, exports (issue 6) ----------------------


def _must_exist(db: str | Path) -> None:
    from .store import StoreError

    if not Path(db).exists():
        raise StoreError(f"no store at {db}; run `sayso ingest PATH... --db {db}` first")


def _reader(db: str | Path) -> Corpus:
    """The store ``db`` for questions; ``QueryError`` when it holds statements not linked yet."""
    from .corpus import QueryError

    _must_exist(db)
    store = open_store(db)
    if store.needs_linking():
        store.close()
        raise QueryError(f"the store {db} has statements that are not linked to speakers and clusters "
                         f"yet (made by an older sayso, or an interrupted ingest); run `sayso link --db "
                         f"{db}` once")
    return store


def link(db: str | Path, *, keep: bool = False,
         on_phase: Callable[[str], None] | None = None) -> LinkCounts:
    """Link every statement of the store ``db`` to its canonical speaker and its quote cluster, afresh
    (``keep=True`` lets earlier links settle surnames that fit two people equally)."""
    _must_exist(db)
    with open_store(db) as store:
        return store.link(keep=keep, on_phase=on_phase)


def search(db: str | Path, text: str | None = None, **filters: Any) -> list[dict[str, Any]]:
    """Statements of ``db`` matching ``text`` with filters (``speaker``, ``since``, ``until``,
    ``lang``, ``kind``, ``outlet``, ``limit``, ``sort``): see ``Corpus.search``."""
    with _reader(db) as store:
        return list(store.search(text, **filters))


def speaker(db: str | Path, name: str) -> dict[str, Any]:
    """One speaker of ``db`` by any of its names or its id: see ``Corpus.speaker``."""
    with _reader(db) as store:
        return store.speaker(name)


def cluster(db: str | Path, cluster_id: int) -> dict[str, Any]:
    """One quote cluster of ``db`` with every appearance, earliest first."""
    with _reader(db) as store:
        return store.cluster(cluster_id)


def stats(db: str | Path) -> dict[str, Any]:
    """Totals of ``db`` and its most quoted speakers, outlets and quotes."""
    with open_store(db, readonly=True) as store:
        return store.stats()


def export(db: str | Path, fmt: str, out: Path | IO[str], *, min_cluster: int = 2) -> int:
    """Write the statements (or the network) of ``db`` as jsonl, csv, parquet, graphml or dna."""
    with _reader(db) as store:
        return store.export(fmt, out, min_cluster=min_cluster)


# --- web UI (issue 7): sayso serve ------------------------------------------------------------------
class WebUnavailable(SaysoError):
    """The web UI cannot start: its extra is not installed, or the address is taken."""

    reason = "web"


def web_app(db: str | Path = "sayso.db", *, allow_sql: bool = False) -> Any:
    """A Datasette app over the store ``db`` (read-only) with sayso's pages and metadata; arbitrary SQL
    stays off unless ``allow_sql``. Needs the ``web`` extra: ``pip install 'sayso[web]'``."""
    try:
        from .web.app import make_datasette
    except ModuleNotFoundError as e:
        if (e.name or "").split(".")[0] in {"datasette", "uvicorn", "markupsafe", "jinja2"}:
            raise WebUnavailable(
                f"the web UI needs the 'web' extra ({e.name} is not installed): "
                "pip install 'sayso[web]'") from e
        raise
    return make_datasette(db, allow_sql=allow_sql)


def serve(db: str | Path = "sayso.db", *, host: str = "127.0.0.1", port: int = 8001,
          allow_sql: bool = False, on_start: Callable[[str], None] | None = None) -> None:
    """Serve the store ``db`` read-only at ``http://host:port/`` until interrupted; ``on_start`` gets
    the address once the store has been checked and the port is free."""
    import socket

    app = web_app(db, allow_sql=allow_sql)
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as e:
        raise WebUnavailable(f"cannot listen on {host}:{port} ({e.strerror or e}); choose another "
                             "address with --host/--port") from e
    from .web.app import serve as _serve

    if on_start is not None:
        on_start(f"http://{host if ':' not in host else f'[{host}]'}:{port}/")
    _serve(app, host, port)

# --- batch runs to Parquet, and Parquet to a store (issue 8) -------------------------------------
def run_batch(
    paths: Iterable[str | Path],
    output: str | Path,
    *,
    engine: str = "local",
    jobs: int = 1,
    part_articles: int = 1000,
    master: str | None = None,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
) -> BatchResult:
    """Read every article under ``paths`` (the inputs of ``ingest``) and write its statements, the
    articles and the skips to the folder ``output`` as Parquet partitioned by publication month.

    ``engine`` is ``local`` (``jobs`` worker processes on this machine; needs ``sayso[batch]``) or
    ``spark`` (one Spark task per part of ``part_articles`` items on ``master``, default
    ``local[*]``; needs ``sayso[spark]``); both give the same output. The run writes into
    ``output.partial`` and renames it at the end; a stopped run is finished by running it again.
    """
    from .batch.run import run_batch as _run

    return _run(paths, output, engine=engine, settings=settings, jobs=jobs, part_articles=part_articles,
                master=master, stdin=stdin, on_progress=on_progress)


def load_batch(
    output: str | Path,
    db: str | Path = "sayso.db",
    *,
    on_progress: Callable[[BatchProgress], None] | None = None,
) -> WriteCounts:
    """Write the finished batch output ``output`` into the store ``db`` (loading it twice changes
    nothing: the second time every source counts as ``already``)."""
    from .batch.run import load

    return load(output, db, on_progress=on_progress)
