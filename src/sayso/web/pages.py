"""sayso's pages: home, statement, article, speaker and cluster, each a Datasette view.

A view reads its data with one function of ``queries`` (run in Datasette's reader thread), builds the
highlighted text from escaped pieces (``highlight``) and renders a template that extends Datasette's
``base.html``. An id that is not a number, or names nothing in the store, is a 404 page, never a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from typing import Any

from datasette.utils.asgi import Response
from markupsafe import Markup

from . import queries
from .chart import week_chart, weekly_counts
from .highlight import Span, highlight, paragraph_bounds
from .links import Links

CSS = (files(__package__) / "static" / "sayso.css").read_text(encoding="utf-8")
# The store's name in the plugin configuration (``sayso serve`` sets it).
CONFIG = "sayso"


async def _store(datasette: Any) -> Any:
    """The database holding the statement store: the one the plugin configuration names, else the
    first attached database with sayso's tables."""
    name = (datasette.plugin_config(CONFIG) or {}).get("database")
    if name:
        return datasette.databases.get(name)
    for db in datasette.databases.values():
        if db.is_memory or db.name.startswith("_"):
            continue
        if await db.execute_fn(queries.is_store):
            return db
    return None


async def _render(datasette: Any, request: Any, template: str, context: dict[str, Any],
                  status: int = 200) -> Response:
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


async def _missing(datasette: Any, request: Any, what: str, links: Links | None = None) -> Response:
    return await _render(datasette, request, "sayso_missing.html", {"what": what, "links": links},
                         status=404)


def _int(value: str | None) -> int | None:
    """A store id from the address (digits only, within SQLite's integer range)."""
    if value is None or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


async def _page(datasette: Any, request: Any, fetch: Callable[[Any], Any], what: str,
                build: Callable[[Any, Links], dict[str, Any]], template: str) -> Response:
    db = await _store(datasette)
    if db is None:
        return await _missing(datasette, request, "a sayso statement store among the databases")
    links = Links(datasette.urls, db.name)
    data = await db.execute_fn(fetch)
    if data is None:
        return await _missing(datasette, request, what, links)
    return await _render(datasette, request, template, {"links": links, **build(data, links)})


async def css() -> Response:
    return Response(CSS, content_type="text/css; charset=utf-8",
                    headers={"cache-control": "max-age=3600"})


async def home(datasette: Any, request: Any) -> Response:
    q = (request.args.get("q") or "").strip() or None
    return await _page(datasette, request, lambda c: queries.home(c, q), "",
                       lambda data, links: {"data": data, "q": q or ""}, "sayso_home.html")


async def statement(datasette: Any, request: Any) -> Response:
    sid = _int(request.url_vars.get("id"))
    if sid is None:
        return await _missing(datasette, request, f"statement {request.url_vars.get('id')!r}")
    return await _page(datasette, request, lambda c: queries.statement(c, sid), f"statement {sid}",
                       _statement_context, "sayso_statement.html")


def _statement_context(row: dict[str, Any], links: Links) -> dict[str, Any]:
    text = row.pop("article_text")
    lo, hi = paragraph_bounds(text, row["start"], row["end"])
    spans = [Span(row["start"], row["end"], f"st kind-{row['kind']} focus", anchor=f"s-{row['id']}")]
    if row.get("speaker_start") is not None and row.get("speaker_end") is not None:
        spans.append(Span(row["speaker_start"], row["speaker_end"], "mention",
                          links.speaker(row["speaker_ref"], row["speaker"]), title=row["speaker"],
                          statement=False))
    if row.get("cue_start") is not None and row.get("cue_end") is not None:
        spans.append(Span(row["cue_start"], row["cue_end"], "cue", statement=False))
    return {"s": row, "paragraph": highlight(text, spans, lo, hi), "before": lo > 0,
            "after": hi < len(text)}


async def article(datasette: Any, request: Any) -> Response:
    aid = _int(request.url_vars.get("id"))
    if aid is None:
        return await _missing(datasette, request, f"article {request.url_vars.get('id')!r}")
    focus = _int(request.args.get("statement"))
    return await _page(datasette, request, lambda c: queries.article(c, aid), f"article {aid}",
                       lambda row, links: _article_context(row, links, focus), "sayso_article.html")


def _article_context(row: dict[str, Any], links: Links, focus: int | None) -> dict[str, Any]:
    spans = []
    for s in row["statements"]:
        who = s["speaker"] or "no speaker found"
        classes = f"st kind-{s['kind']}" + (" focus" if s["id"] == focus else "")
        spans.append(Span(s["start"], s["end"], classes, links.statement(s["id"]), f"s-{s['id']}",
                          f"{s['kind']} · {who}"))
        if s.get("speaker_start") is not None and s.get("speaker_end") is not None:
            spans.append(Span(s["speaker_start"], s["speaker_end"], "mention",
                              links.speaker(s["speaker_ref"], s["speaker"]), title=s["speaker"],
                              statement=False))
    return {"a": row, "body": highlight(row["text"], spans), "focus": focus}


async def speaker(datasette: Any, request: Any) -> Response:
    offset = _int(request.args.get("offset")) or 0
    ref = request.url_vars.get("id")
    if ref is not None:
        sid = _int(ref)
        if sid is None:
            return await _missing(datasette, request, f"speaker {ref!r}")
        return await _page(datasette, request, lambda c: queries.speaker(c, sid, offset), f"speaker {sid}",
                           lambda row, links: _speaker_context(row, links, offset), "sayso_speaker.html")
    name = (request.args.get("name") or "").strip()
    if not name:
        return await _missing(datasette, request, "a speaker (give ?name=)")
    db = await _store(datasette)
    linked = await db.execute_fn(lambda c: queries.speaker_for_name(c, name)) if db is not None else None
    if linked is not None:
        return Response.redirect(Links(datasette.urls, db.name).speaker(linked) or "/")
    return await _page(datasette, request, lambda c: queries.speaker_by_name(c, name, offset),
                       f"speaker {name!r}", lambda row, links: _speaker_context(row, links, offset),
                       "sayso_speaker.html")


def _speaker_context(row: dict[str, Any], links: Links, offset: int) -> dict[str, Any]:
    chart: Markup = week_chart(weekly_counts(row["days"]))
    more = offset + len(row["list"]) < row["total"]
    return {"sp": row, "chart": chart, "offset": offset,
            "next_page": links.speaker_page(row, offset + queries.PAGE_SIZE) if more else None,
            "previous_page": links.speaker_page(row, max(0, offset - queries.PAGE_SIZE)) if offset else None}


async def cluster(datasette: Any, request: Any) -> Response:
    cid = _int(request.url_vars.get("id"))
    if cid is None:
        return await _missing(datasette, request, f"cluster {request.url_vars.get('id')!r}")
    return await _page(datasette, request, lambda c: queries.cluster(c, cid), f"cluster {cid}",
                       lambda row, links: {"c": row}, "sayso_cluster.html")
