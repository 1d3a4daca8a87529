"""Datasette's statements table with sayso's metadata: facets on speaker, outlet, language, kind and month
agree with SQL on the store, and choosing a value filters the rows."""

from __future__ import annotations

from typing import Any

import pytest
from web_fixtures import Pages, ids, query

from sayso.web.facets import MonthFacet, OutletFacet

OUTLETS = ("SELECT a.outlet, count(*) FROM statements s JOIN articles a ON a.id = s.article "
           "WHERE a.outlet IS NOT NULL GROUP BY a.outlet")


@pytest.mark.parametrize(("name", "kind", "sql"), [
    ("speaker", "column",
     "SELECT speaker, count(*) FROM statements WHERE speaker IS NOT NULL GROUP BY speaker"),
    ("article", "outlet", OUTLETS),
    ("language", "column", "SELECT language, count(*) FROM statements GROUP BY language"),
    ("kind", "column", "SELECT kind, count(*) FROM statements GROUP BY kind"),
    ("said_on", "month", "SELECT substr(said_on, 1, 7), count(*) FROM statements "
                         "WHERE said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY 1"),
])
def test_facets_agree_with_the_store(linked: Pages, name: str, kind: str, sql: str) -> None:
    facets: dict[str, Any] = linked.get("/linked/statements.json?_size=1").json()["facet_results"]
    assert facets[name]["type"] == kind
    got = {r["value"]: r["count"] for r in facets[name]["results"]}
    assert got == dict(query(linked.db, sql))


@pytest.mark.parametrize(("query", "sql"), [
    ("_outlet=kyiv-daily.example",
     "SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article "
     "WHERE a.outlet = 'kyiv-daily.example'"),
    ("_outlet=kyiv-daily.example&_outlet=novosti.example",
     "SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article "
     "WHERE a.outlet IN ('kyiv-daily.example', 'novosti.example')"),
    ("_outlet=nobody.example", "SELECT 0"),
    ("said_on__glob=2024-10*", "SELECT count(*) FROM statements WHERE said_on LIKE '2024-10%'"),
    ("_outlet=g-novosti.in.ua&kind=direct",
     "SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article "
     "WHERE a.outlet = 'g-novosti.in.ua' AND s.kind = 'direct'"),
])
def test_facets_filter_rows(linked: Pages, query: str, sql: str) -> None:
    data = linked.get(f"/linked/statements.json?{query}&_size=1").json()
    assert data["filtered_table_rows_count"] == ids(linked.db, sql)[0]


@pytest.mark.parametrize(("query", "facet", "value"), [
    ("_outlet=kyiv-daily.example", "article", "kyiv-daily.example"),
    ("said_on__glob=2024-10*", "said_on", "2024-10"),
])
def test_facets_show_the_chosen_value(linked: Pages, query: str, facet: str, value: str) -> None:
    facets = linked.get(f"/linked/statements.json?{query}&_size=1").json()["facet_results"]
    chosen = [r for r in facets[facet]["results"] if r["selected"]]
    assert [r["value"] for r in chosen] == [value]
    assert query.split("=")[0] not in chosen[0]["toggle_url"]  # the toggle takes the choice away


def test_facets_table_page_links_rows_to_sayso_pages(linked: Pages) -> None:
    html = linked.get("/linked/statements?speaker=Stian+Jensen").text
    sid = ids(linked.db, "SELECT id FROM statements WHERE speaker = 'Stian Jensen'")[0]
    assert f'<a href="/-/sayso/statement/{sid}">I believe that a solution' in html
    assert "outlet is \"g-novosti.in.ua\"" not in html  # no outlet filter asked for
    assert 'outlet is &#34;kyiv-daily.example&#34;' in linked.get(
        "/linked/statements?_outlet=kyiv-daily.example").text


@pytest.mark.parametrize(("facet", "column"), [(MonthFacet, "said_on"), (OutletFacet, "article")])
def test_facets_read_an_index_not_the_table(linked: Pages, facet: type, column: str) -> None:
    """The facets' big grouping reads an index in order (the store's migrations create them), so a
    facet over 100,000 statements costs milliseconds (benchmarks/web.py), not a scan of every row."""
    made = facet(None, None, "linked", sql="select * from statements", table="statements")
    sql = made.facet_sql(column, 16)
    steps = [str(row[-1]) for row in query(linked.db, "EXPLAIN QUERY PLAN " + sql)]
    reads = [s for s in steps if " statements" in s]
    assert reads and all("COVERING INDEX" in s for s in reads), steps


@pytest.mark.parametrize("column", ["kind", "language", "said_on", "speaker"])
def test_facets_columns_have_an_index(linked: Pages, column: str) -> None:
    plan = query(linked.db, f'EXPLAIN QUERY PLAN SELECT "{column}", count(*) FROM statements GROUP BY 1')
    assert "COVERING INDEX" in plan[0][-1]
