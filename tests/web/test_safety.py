"""Safety of the web UI, in-process: untrusted text is escaped everywhere, arbitrary SQL is off unless
asked for, and the store is never written."""

from __future__ import annotations

import hashlib
import sqlite3
from importlib.resources import files
from pathlib import Path

import pytest
from web_fixtures import PAYLOAD_ALIAS, Pages, ids

# Markup that must never reach a page as markup (it comes from the test article, its metadata and an
# alias); the escaped form of the first must be on the article page, as text.
PAYLOADS = [
    "<script>window.__sayso_xss = 1",
    '<img src=x onerror="window.__sayso_xss = 2',
    '<svg onload="window.__sayso_xss = 3',
    "<script>window.__sayso_xss = 'headline'",
    "<i>Evil</i>",
    'href="javascript:',
    PAYLOAD_ALIAS,
]

EVIL = "SELECT id FROM articles WHERE article_id = 'evil-times-1'"
EVIL_PAGES = [
    ("article", EVIL, "/-/sayso/article/{}"),
    ("statement", "SELECT id FROM statements WHERE speaker = 'Jane Doe' AND kind = 'direct'",
     "/-/sayso/statement/{}"),
    ("statement of a payload", "SELECT id FROM statements WHERE speaker = 'Pranksters'",
     "/-/sayso/statement/{}"),
    ("speaker with a payload alias", "SELECT id FROM speakers WHERE name = 'Jane Doe'",
     "/-/sayso/speaker/{}"),
    ("cluster", "SELECT cluster FROM statement_links l JOIN statements s ON s.id = l.statement "
                "WHERE s.speaker = 'Jane Doe' LIMIT 1", "/-/sayso/cluster/{}"),
    ("home", None, "/-/sayso"),
    ("search", None, "/-/sayso?q=script"),
    ("search for a payload", None, "/-/sayso?q=%3Cscript%3Ealert(1)%3C/script%3E"),
    ("statements table", None, "/linked/statements?_search=window"),
    ("articles table", None, "/linked/articles"),
    ("article row", EVIL, "/linked/articles/{}"),
    ("aliases table", None, "/linked/aliases"),
]


@pytest.mark.parametrize(("page", "sql", "path"), EVIL_PAGES, ids=[p[0] for p in EVIL_PAGES])
def test_safety_payloads_are_escaped(linked: Pages, page: str, sql: str | None, path: str) -> None:
    if sql is not None:
        path = path.format(ids(linked.db, sql)[0])
    response = linked.get(path)
    assert response.status_code == 200
    found = [p for p in PAYLOADS if p in response.text]
    assert not found, f"{path} carries live markup: {found}"


@pytest.mark.parametrize("escaped", [
    "&lt;script&gt;window.__sayso_xss = 1</a>; alert(1)&lt;/script&gt; into",
    "&lt;img src=x onerror=&#34;window.__sayso_xss = 2; alert(2)&#34;&gt;",
    "&lt;i&gt;Evil&lt;/i&gt; Times",
])
def test_safety_article_shows_payloads_as_text(linked: Pages, escaped: str) -> None:
    response = linked.get(f"/-/sayso/article/{ids(linked.db, EVIL)[0]}")
    assert escaped in response.text


@pytest.mark.parametrize(("allow_sql", "path", "status"), [
    (False, "/linked?sql=select+count(*)+from+statements", 403),
    (False, "/linked/statements?_where=1%3D1", 403),
    (False, "/linked/statements?speaker=Jane+Doe", 200),
    (True, "/linked?sql=select+count(*)+from+statements", 200),
    (True, "/linked/statements?_where=1%3D1", 200),
])
def test_safety_arbitrary_sql_only_when_allowed(linked_store: Path, allow_sql: bool, path: str,
                                                status: int) -> None:
    pages = Pages(linked_store, allow_sql=allow_sql)
    try:
        assert pages.get(path).status_code == status
    finally:
        pages.close()


@pytest.mark.parametrize("sql", [
    "DELETE FROM statements",
    "UPDATE articles SET text = 'x'",
    "CREATE TABLE intruder (x)",
])
def test_safety_store_refuses_writes(linked_store: Path, sql: str) -> None:
    """Even a write through Datasette's own write connection (a plugin could ask for one) fails, and
    the file does not change."""
    before = hashlib.sha256(linked_store.read_bytes()).hexdigest()
    pages = Pages(linked_store, allow_sql=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
            pages.run(pages.ds.get_database("linked").execute_write(sql))
        assert pages.get("/-/sayso").status_code == 200
    finally:
        pages.close()
    assert hashlib.sha256(linked_store.read_bytes()).hexdigest() == before


def test_safety_templates_never_mark_text_safe() -> None:
    """Highlighted text is built from escaped pieces in Python; the templates never switch escaping
    off."""
    templates = files("sayso.web") / "templates"
    offenders = [t.name for t in templates.iterdir()
                 if any(w in t.read_text(encoding="utf-8") for w in ("|safe", "| safe", "autoescape false"))]
    assert offenders == []
