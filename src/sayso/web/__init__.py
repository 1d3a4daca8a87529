"""sayso's web UI: a Datasette plugin over the statement store (entry point ``datasette: sayso``).

Pages (under ``/-/sayso``; ``sayso serve`` also puts the home page at ``/``): home (search, latest
statements, most-quoted speakers), statement, article (every statement and speaker highlighted in
place), speaker (aliases, roles over time, statements per week) and cluster (every appearance, earliest
first). Datasette's own table pages stay available, with facets on outlet and month of the statements.

The plugin keeps the store it serves read-only (``PRAGMA query_only`` on every connection to it) and
escapes all article text; ``sayso serve`` turns arbitrary SQL off unless asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from datasette import hookimpl as _hookimpl
from markupsafe import Markup

from . import pages
from .facets import OUTLET_ARG, MonthFacet, OutletFacet, outlet_filter
from .links import PREFIX, Links

F = TypeVar("F", bound=Callable[..., Any])
hookimpl = cast(Callable[[F], F], _hookimpl)

__all__ = ["PREFIX"]


def _config(datasette: Any) -> dict[str, Any]:
    return cast(dict[str, Any], datasette.plugin_config(pages.CONFIG) or {})


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    routes: list[tuple[str, Any]] = [
        (rf"^{PREFIX}/?$", pages.home),
        (rf"^{PREFIX}/sayso\.css$", pages.css),
        (rf"^{PREFIX}/statement/(?P<id>[^/]+)$", pages.statement),
        (rf"^{PREFIX}/article/(?P<id>[^/]+)$", pages.article),
        (rf"^{PREFIX}/speaker/(?P<id>[^/]+)$", pages.speaker),
        (rf"^{PREFIX}/speaker/?$", pages.speaker),
        (rf"^{PREFIX}/cluster/(?P<id>[^/]+)$", pages.cluster),
    ]
    if datasette is not None and _config(datasette).get("home"):
        routes.append((r"^/$", pages.home))
    return routes


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    """Every connection to the served store refuses writes, whatever asks for them."""
    if database == _config(datasette).get("database"):
        conn.execute("PRAGMA query_only = 1")


@hookimpl
def register_facet_classes() -> list[type]:
    return [MonthFacet, OutletFacet]


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    if table != "statements" or OUTLET_ARG not in request.args:
        return None
    return outlet_filter([o for o in request.args.getlist(OUTLET_ARG) if o])


# Datasette's table pages link each row to the page that shows it in context.
_CELL_PAGES: dict[tuple[str, str], str] = {
    ("statements", "text"): "statement", ("articles", "headline"): "article",
    ("speakers", "name"): "speaker", ("clusters", "text"): "cluster",
}


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str, database: str, datasette: Any) -> Any:
    page = _CELL_PAGES.get((table, column))
    if page is None or database != _config(datasette).get("database") or not isinstance(value, str):
        return None
    try:
        ident = int(row["id"])
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    links = Links(datasette.urls, database)
    pages_by_kind: dict[str, Callable[[int], str | None]] = {
        "statement": links.statement, "article": links.article, "speaker": links.speaker,
        "cluster": links.cluster}
    href = pages_by_kind[page](ident)
    limit = int(datasette.setting("truncate_cells_html") or 0)
    shown = value if not limit or len(value) <= limit else value[:limit] + "…"
    return Markup('<a href="{}">{}</a>').format(href, shown)
