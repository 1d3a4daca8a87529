"""Every sayso page, in-process (Datasette's client) over real stores: linked, un-linked and empty.

A row finds the id the page shows with SQL on the store (ids are the store's own), then checks what the
page must say. Unknown or malformed ids answer 404, never 500.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from datasette.app import Datasette
from web_fixtures import Pages, ids

UMEROV_QUOTE = "SELECT id FROM statements WHERE \"text\" LIKE 'No, I haven%' ORDER BY id LIMIT 1"

# (page, SQL giving the id in the path or None, path, snippets the HTML must contain)
LINKED = [
    # one quote reprinted (kyiv-daily.example reprints g-novosti's); the Russian clause and its quoted
    # words "очень плохие вещи" share a cluster but one article, so they are no reprint
    ("home", None, "/-/sayso",
     ["Latest statements", "Most-quoted speakers", 'name="q"', ">Rustem Umerov</a>", "1 quote reprinted"]),
    ("home at the root", None, "/", ["Latest statements", "Most-quoted speakers"]),
    ("search", None, "/-/sayso?q=territory",
     ["Statements with “territory”", "give up territory", "All matches in the statements table"]),
    ("search in Russian", None, "/-/sayso?q=оружии", ["дальнобойном оружии"]),
    ("search with FTS syntax", None, "/-/sayso?q=%22NATO+OR+(", ["No statement has these words"]),
    ("statement", "SELECT id FROM statements WHERE speaker = 'Stian Jensen'", "/-/sayso/statement/{}",
     ["I believe that a solution for Ukraine", "NATO Secretary General&#39;s chief of staff", "quoted",
      "Radio Liberty → g-novosti.in.ua", 'st kind-direct focus', 'class="hl mention"',
      "no other appearance"]),
    # the quote, its reprint, and the headline's clause and quoted words (fragments, the clause first)
    ("statement in a cluster", UMEROV_QUOTE, "/-/sayso/statement/{}",
     ["4 appearances", "(exact)", "an interview with Radio Liberty in Brussels", "2024-10-18"]),
    ("statement with a group", "SELECT id FROM statements WHERE \"group\" IS NOT NULL LIMIT 1",
     "/-/sayso/statement/{}", ["Other pieces of this quote"]),
    ("article", "SELECT id FROM articles WHERE article_id = 'kyiv-reprint-1'", "/-/sayso/article/{}",
     ["Umerov on NATO talk", "kyiv-daily.example", 'class="hl mention"', "st kind-direct",
      "4 statements"]),
    ("article, one statement in focus",
     "SELECT article || '?statement=' || id FROM statements WHERE \"text\" LIKE 'No, I haven%' LIMIT 1",
     "/-/sayso/article/{}",
     ['st kind-direct focus" id="s-', '<tr class="focus">']),
    ("speaker", "SELECT id FROM speakers WHERE name = 'Rustem Umerov'", "/-/sayso/speaker/{}",
     ["<h1>Rustem Umerov</h1>", "Рустем Умеров", "Умеров", "Ukrainian Defense Minister", "Defense Minister",
      'class="sayso-chart"', '<rect class="bar"', "2024-10-18 to 2024-11-12", "1–12 of 12"]),
    ("speaker by a name the linker knows", None, "/-/sayso/speaker?name=Rustem+Umerov",
     ["<h1>Rustem Umerov</h1>"]),
    ("cluster", "SELECT cluster FROM statement_links WHERE statement = (" + UMEROV_QUOTE + ")",
     "/-/sayso/cluster/{}", ["4 appearances in 2 outlets", "first seen 2024-11-03 in g-novosti.in.ua",
                             "g-novosti.in.ua, kyiv-daily.example", ">exact<", ">first<", ">fragment<"]),
]

UNLINKED = [
    # one quote reprinted (kyiv-daily.example reprints g-novosti's); the Russian clause and its quoted
    # words "очень плохие вещи" share a cluster but one article, so they are no reprint
    ("home", None, "/-/sayso", ["Latest statements", '/-/sayso/speaker?name=Rustem+Umerov']),
    ("statement", UMEROV_QUOTE, "/-/sayso/statement/{}", ["not linked yet", "Rustem Umerov"]),
    ("article", "SELECT id FROM articles WHERE article_id = 'umerov-ru-1'", "/-/sayso/article/{}",
     ["Умеров о НАТО", "Мы продолжим просить", 'href="/-/sayso/speaker?name=']),
    ("speaker by name", None, "/-/sayso/speaker?name=Rustem+Umerov",
     ["known only by this name", "Ukrainian Defense Minister", 'class="sayso-chart"', "<li>Umerov <span"]),
]

# a store from before the corpus tables: the same pages as an un-linked one
OLD = UNLINKED

EMPTY = [
    ("home", None, "/-/sayso", ["This store has no statements yet", "0 statements in 0 articles"]),
    ("search", None, "/-/sayso?q=anything", ["No statement has these words"]),
]


def _path(db: Path, sql: str | None, path: str) -> str:
    if sql is None:
        return path
    found = ids(db, sql)
    assert found, f"the test store has no row for {sql}"
    return path.format(found[0])


def _check(pages: Pages, sql: str | None, path: str, snippets: list[str]) -> None:
    response = pages.get(_path(pages.db, sql, path), follow=True)
    assert response.status_code == 200, response.text[:2000]
    missing = [s for s in snippets if s not in response.text]
    assert not missing, f"{path}: missing {missing}"


@pytest.mark.parametrize(("page", "sql", "path", "snippets"), LINKED, ids=[r[0] for r in LINKED])
def test_pages_linked_store(linked: Pages, page: str, sql: str | None, path: str,
                            snippets: list[str]) -> None:
    _check(linked, sql, path, snippets)


@pytest.mark.parametrize(("page", "sql", "path", "snippets"), UNLINKED, ids=[r[0] for r in UNLINKED])
def test_pages_unlinked_store(unlinked: Pages, page: str, sql: str | None, path: str,
                              snippets: list[str]) -> None:
    _check(unlinked, sql, path, snippets)


@pytest.mark.parametrize(("page", "sql", "path", "snippets"), OLD, ids=[r[0] for r in OLD])
def test_pages_store_without_corpus_tables(old: Pages, page: str, sql: str | None, path: str,
                                           snippets: list[str]) -> None:
    _check(old, sql, path, snippets)


@pytest.mark.parametrize(("page", "sql", "path", "snippets"), EMPTY, ids=[r[0] for r in EMPTY])
def test_pages_empty_store(empty: Pages, page: str, sql: str | None, path: str, snippets: list[str]) -> None:
    _check(empty, sql, path, snippets)


NOT_FOUND = [
    "/-/sayso/statement/999999", "/-/sayso/statement/abc", "/-/sayso/statement/-1", "/-/sayso/statement/1.5",
    "/-/sayso/statement/%00", "/-/sayso/statement/99999999999999999999999", "/-/sayso/statement/%D9%A3",
    "/-/sayso/article/999999", "/-/sayso/article/x", "/-/sayso/speaker/999999", "/-/sayso/speaker/x",
    "/-/sayso/speaker?name=Nobody+At+All", "/-/sayso/speaker", "/-/sayso/speaker?name=", "/-/sayso/cluster/0",
    "/-/sayso/cluster/999999", "/-/sayso/cluster/%3Cscript%3E",
]


@pytest.mark.parametrize("store", ["linked", "unlinked", "empty", "old"])
@pytest.mark.parametrize("path", NOT_FOUND)
def test_pages_unknown_ids_are_404(request: pytest.FixtureRequest, store: str, path: str) -> None:
    response = request.getfixturevalue(store).get(path)
    assert response.status_code == 404
    assert "Not found" in response.text
    assert "<script>" not in response.text.split("<footer")[0]


@pytest.mark.parametrize(("store", "path", "status"), [
    # an un-linked store has speakers by name only, and no clusters
    ("unlinked", "/-/sayso/speaker/1", 404),
    ("unlinked", "/-/sayso/cluster/1", 404),
    ("old", "/-/sayso/speaker/1", 404),
    ("old", "/-/sayso/cluster/1", 404),
    ("unlinked", "/-/sayso/speaker?name=Rustem+Umerov", 200),
    ("linked", "/-/sayso/speaker?name=Rustem+Umerov", 302),
    ("linked", "/-/sayso/sayso.css", 200),
])
def test_pages_status(request: pytest.FixtureRequest, store: str, path: str, status: int) -> None:
    assert request.getfixturevalue(store).get(path).status_code == status


HREF = re.compile(r'href="([^"#]+)')


@pytest.mark.parametrize("store", ["linked", "unlinked"])
def test_pages_link_to_each_other(request: pytest.FixtureRequest, store: str) -> None:
    """From the home page, every sayso link leads to a page that answers 200, and every kind of page is
    reached (the cluster page only in a linked store)."""
    pages: Pages = request.getfixturevalue(store)
    seen: set[str] = set()
    todo = ["/-/sayso"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        response = pages.get(path)
        assert response.status_code in (200, 302), f"{path}: {response.status_code}"
        for href in HREF.findall(response.text):
            href = href.replace("&amp;", "&")
            if urlsplit(href).path.startswith("/-/sayso/") and "offset=" not in href:
                todo.append(href)
    kinds = {urlsplit(p).path.split("/")[3] for p in seen if p.count("/") >= 3}
    expected = {"statement", "article", "speaker", "sayso.css"}
    assert kinds == (expected | {"cluster"} if store == "linked" else expected)


def test_pages_speaker_list_pages(linked: Pages, monkeypatch: pytest.MonkeyPatch) -> None:
    """A speaker with more statements than a page holds gets older/newer links that cover them all."""
    from sayso.web import queries

    monkeypatch.setattr(queries, "PAGE_SIZE", 4)
    sid = ids(linked.db, "SELECT id FROM speakers WHERE name = 'Rustem Umerov'")[0]
    first = linked.get(f"/-/sayso/speaker/{sid}")
    assert "1–4 of 12" in first.text and 'rel="next"' in first.text and 'rel="prev"' not in first.text
    last = linked.get(f"/-/sayso/speaker/{sid}?offset=8")
    assert "9–12 of 12" in last.text and 'rel="prev"' in last.text and 'rel="next"' not in last.text


@pytest.mark.parametrize("path", ["/-/sayso", "/-/sayso/statement/1", "/-/sayso/speaker?name=x"])
def test_pages_in_a_datasette_without_a_store(tmp_path: Path, path: str) -> None:
    """The plugin in someone's Datasette with no sayso store: its pages say so (404), Datasette's own
    home page stays theirs."""
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    ds = Datasette(files=[str(other)])
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(ds.invoke_startup())
        response = loop.run_until_complete(ds.client.get(path))
        assert response.status_code == 404
        assert "a sayso statement store" in response.text
        assert "Who said what" not in loop.run_until_complete(ds.client.get("/")).text
    finally:
        loop.close()
