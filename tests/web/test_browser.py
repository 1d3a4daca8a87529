"""A real headless browser (Debian's chromium, driven by Playwright) against ``sayso serve``.

The speaker page draws its chart, a click leads to the article with the statement highlighted, and an
article full of script and event-handler payloads stays inert text. Screenshots go to
``test-results/<test name>/`` at the repository root (``$SAYSO_TEST_OUTPUT`` overrides the root).
The tests skip only when no chromium can be found, and fail instead when ``CI`` is set.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_fixtures import Server, ids, query, serving

from sayso.web.chart import weekly_counts

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser")
# The recipe for Debian's chromium in a container (PACKAGES.md): no sandbox, no GPU, no network chatter.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
UMEROV_QUOTE = "No, I haven't heard anything like that"


def find_chromium() -> str | None:
    for candidate in (os.environ.get("SAYSO_CHROMIUM"), shutil.which("chromium"), *CHROMIUM_PATHS):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = find_chromium()
    if path is None:
        message = ("no chromium found (looked for $SAYSO_CHROMIUM, chromium on PATH, "
                   f"{', '.join(CHROMIUM_PATHS)}); install it with `apt-get install chromium`")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(linked_store: Path) -> Iterator[Server]:
    with serving(linked_store) as server:
        yield server


@pytest.fixture
def output(request: pytest.FixtureRequest) -> Path:
    root = Path(os.environ.get("SAYSO_TEST_OUTPUT") or REPO / "test-results")
    folder = root / re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    yield tab
    context.close()


def test_browser_speaker_chart_then_article_highlight(site: Server, linked_store: Path, page: Any,
                                                      output: Path) -> None:
    speaker = ids(linked_store, "SELECT id FROM speakers WHERE name = 'Rustem Umerov'")[0]
    page.goto(f"{site.url}/-/sayso/speaker/{speaker}")
    chart = page.locator("svg.sayso-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] >= 100 and box["height"] > 50
    # one drawn bar per week with statements, as the store's dates say
    days = [r[0] for r in query(linked_store, (
        "SELECT coalesce(date(s.said_on), date(substr(a.published, 1, 10))) FROM statement_links l "
        "JOIN statements s ON s.id = l.statement JOIN articles a ON a.id = s.article WHERE l.speaker = ?"),
        speaker)]
    weeks = [w for w in weekly_counts(days) if w.count]
    bars = page.locator("svg.sayso-chart rect.bar:not(.empty)")
    assert bars.count() == len(weeks)
    for i in range(bars.count()):
        assert bars.nth(i).is_visible()
        bar = bars.nth(i).bounding_box()
        assert bar is not None and bar["height"] > 0
    page.screenshot(path=str(output / "speaker.png"), full_page=True)

    row = page.locator("table.sayso-statements tr", has_text=UMEROV_QUOTE).first
    row.locator("a.article").click()
    page.wait_for_url(re.compile(r"/-/sayso/article/\d+\?statement=\d+#s-\d+$"))
    statement = int(re.search(r"statement=(\d+)", page.url).group(1))  # type: ignore[union-attr]
    words = query(linked_store, 'SELECT "text" FROM statements WHERE id = ?', statement)[0][0]
    focus = page.locator(".sayso-body .hl.focus")
    assert focus.first.is_visible()
    assert "".join(focus.all_text_contents()) == words
    assert words.startswith(UMEROV_QUOTE)
    # the page scrolled to it
    top = page.evaluate("document.getElementById(location.hash.slice(1)).getBoundingClientRect().top")
    assert 0 <= top < 900
    page.screenshot(path=str(output / "article.png"), full_page=True)
    assert page.dialogs == []


EVIL_PAGES = [
    ("article", "SELECT id FROM articles WHERE article_id = 'evil-times-1'", "/-/sayso/article/{}",
     ".sayso-body"),
    ("statement", "SELECT id FROM statements WHERE speaker = 'Jane Doe' AND kind = 'direct'",
     "/-/sayso/statement/{}", ".sayso-paragraph"),
    ("speaker", "SELECT id FROM speakers WHERE name = 'Jane Doe'", "/-/sayso/speaker/{}", ".aliases"),
    ("home", None, "/-/sayso?q=window", ".sayso-results"),
    ("table", None, "/linked/statements?_search=window", "table.rows-and-columns tbody"),
]


@pytest.mark.parametrize(("name", "sql", "path", "where"), EVIL_PAGES, ids=[p[0] for p in EVIL_PAGES])
def test_browser_payloads_stay_inert(site: Server, linked_store: Path, page: Any, output: Path, name: str,
                                     sql: str | None, path: str, where: str) -> None:
    if sql is not None:
        path = path.format(ids(linked_store, sql)[0])
    page.goto(site.url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert page.dialogs == []
    assert page.evaluate("window.__sayso_xss") is None
    # the payloads are there, as text, and made no element
    assert page.locator(f"{where} script, {where} img, {where} svg, {where} i").count() == 0
    assert "__sayso_xss" in page.locator(where).inner_text()
    assert not page.locator("a[href^='javascript:']").count()
    page.screenshot(path=str(output / f"{name}.png"), full_page=True)


def test_browser_detects_a_live_payload(browser: Any, page: Any) -> None:
    """The checks above would see a payload that ran: the same markup, live, is caught."""
    page.set_content('<p>x</p><script>window.__sayso_xss = 1; alert("ran")</script>')
    page.wait_for_timeout(100)
    assert page.dialogs == ["ran"]
    assert page.evaluate("window.__sayso_xss") == 1
