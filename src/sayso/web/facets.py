"""Two facets Datasette lacks, for the statements table: the month a statement was said, and the outlet
of the article it is in (a column of ``articles``, reached through ``statements.article``).

In table metadata: ``{"month": "said_on"}`` and ``{"outlet": "article"}``. Choosing a month adds
``said_on__glob=2024-10*`` (a Datasette filter that, unlike ``__startswith``, can use the index on
``said_on``); choosing an outlet adds ``_outlet=...``, which the ``filters_from_request`` hook below
turns into a condition on the article. Both count in two steps, per distinct date or per article first,
so that the big grouping reads an index in order instead of sorting every row.
"""

from __future__ import annotations

from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

OUTLET_ARG = "_outlet"


class _OneQueryFacet(Facet):  # type: ignore[misc]
    """A facet computed by one GROUP BY over the table's current rows."""

    def facet_sql(self, column: str, limit: int) -> str:
        raise NotImplementedError

    def filter_arg(self, column: str) -> str:
        raise NotImplementedError

    def filter_value(self, value: str) -> str:
        return value

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        pairs = self.get_querystring_pairs()
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config, source = source_and_config["config"], source_and_config["source"]
            column = config.get("column") or config["simple"]
            try:
                found = await self.ds.execute(
                    self.database, self.facet_sql(column, size + 1), self.params, truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append(column)
                continue
            arg = self.filter_arg(column)
            values = []
            for row in found.rows[:size]:
                value = str(row["value"])
                wanted = self.filter_value(value)
                selected = (arg, wanted) in pairs
                toggle = (path_with_removed_args(self.request, {arg: wanted}) if selected
                          else path_with_added_args(self.request, {arg: wanted}))
                values.append({"value": value, "label": value, "count": row["count"], "selected": selected,
                               "toggle_url": self.ds.absolute_url(self.request, toggle)})
            results.append({
                "name": column, "type": self.type, "results": values, "hideable": source != "metadata",
                "truncated": len(found.rows) > size,
                "toggle_url": self.ds.urls.path(
                    path_with_removed_args(self.request, {f"_facet_{self.type}": column})),
            })
        return results, timed_out


class MonthFacet(_OneQueryFacet):
    """Rows per month (``YYYY-MM``) of a date column; values that are not dates are left out."""

    type = "month"

    def facet_sql(self, column: str, limit: int) -> str:
        col = escape_sqlite(column)
        return (f"SELECT substr(day, 1, 7) AS value, sum(n) AS count FROM (SELECT {col} AS day, "
                f"count(*) AS n FROM ({self.sql}) WHERE {col} IS NOT NULL GROUP BY {col}) GROUP BY value "
                # HAVING, not WHERE: a WHERE would be pushed down and run on every row
                f"HAVING value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' ORDER BY value DESC LIMIT {int(limit)}")

    def filter_arg(self, column: str) -> str:
        return f"{column}__glob"

    def filter_value(self, value: str) -> str:
        return f"{value}*"


class OutletFacet(_OneQueryFacet):
    """Statements per outlet of their article (``column`` is the statements' article reference)."""

    type = "outlet"

    def facet_sql(self, column: str, limit: int) -> str:
        col = escape_sqlite(column)
        return (f"SELECT a.outlet AS value, sum(t.n) AS count FROM (SELECT {col} AS article, count(*) AS n "
                f"FROM ({self.sql}) GROUP BY {col}) t JOIN articles a ON a.id = t.article "
                f"WHERE a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY count DESC, value LIMIT {int(limit)}")

    def filter_arg(self, column: str) -> str:
        return OUTLET_ARG


def outlet_filter(outlets: list[str]) -> FilterArguments | None:
    """``?_outlet=X`` on the statements table: only statements of articles from outlet X (several
    ``_outlet`` values: any of them)."""
    if not outlets:
        return None
    names = {f"sayso_outlet_{i}": o for i, o in enumerate(outlets)}
    marks = ", ".join(f":{n}" for n in names)
    return FilterArguments(
        [f"article IN (SELECT id FROM articles WHERE outlet IN ({marks}))"], names,
        [f'outlet is "{o}"' for o in outlets])
