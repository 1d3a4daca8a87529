"""Questions over the ingested corpus through the Python API (``sayso.open_store``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sayso
from sayso import api
from sayso.corpus import Corpus, QueryError
from sayso.corpus.queries import fts_query, week_of, weeks_between


@pytest.mark.parametrize(("text", "filters", "expected"), [
    # (words, filters) → the (speaker, outlet) of every statement found, in date order
    ("very bad things", {"kind": "direct", "lang": "en"},
     {("Rustem Umerov", "rferl.org"), ("Rustem Umerov", "g-novosti.in.ua"), ("Rustem Umerov", "unian.info"),
      ("Rustem Umerov", "kyivpost.com")}),
    ("very bad things", {"outlet": "KYIVPOST.COM"}, {("Rustem Umerov", "kyivpost.com")}),
    ("searches", {}, {("Nariman Umerov", "qirim.news")}),
    ("searches", {"speaker": "Rustem Umerov"}, set()),
    ("територіями", {"speaker": "Умєров", "lang": "uk"}, {("Rustem Umerov", "pravda.com.ua")}),
    ("Умеров", {"lang": "uk"}, {("Rustem Umerov", "pravda.com.ua")}),
    ("alliance", {"since": "2024-10-01", "until": "2024-10-10"}, {("Jens Stoltenberg", "g-novosti.in.ua"),
                                                             ("Jens Stoltenberg", "kyivpost.com")}),
    ("nonsense", {"speaker": "Office of the President of Ukraine"},
     {("Office of the President of Ukraine", "g-novosti.in.ua"), ("Office of the President of Ukraine",
                                                                  "kyivpost.com")}),
    (None, {"outlet": "qirim.news"}, {("Nariman Umerov", "qirim.news")}),
])
def test_search(corpus: Corpus, text: str | None, filters: dict[str, Any],
                expected: set[tuple[str, str]]) -> None:
    rows = list(corpus.search(text, **filters))
    assert {(r["speaker"], r["outlet"]) for r in rows} == expected


def test_search_by_a_speaker_name_finds_every_spelling(corpus: Corpus) -> None:
    by_name = {r["language"] for r in corpus.search("Умеров", limit=100)}
    assert by_name == {"en", "ru", "uk"}


def test_search_sorts_by_date(corpus: Corpus) -> None:
    rows = list(corpus.search("very bad things", sort="date"))
    dates = [r["said_on"] or r["published"] for r in rows]
    assert len(dates) >= 5 and dates == sorted(dates)


@pytest.mark.parametrize(("call", "message"), [
    (lambda c: list(c.search("x", since="last week")), "--since takes a date"),
    (lambda c: list(c.search("x", kind="quoted")), "kind must be one of"),
    (lambda c: list(c.search("x", speaker="Nobody Atall")), "no speaker named 'Nobody Atall'"),
    (lambda c: list(c.search('" "')), "give some words"),
    (lambda c: c.cluster(10**9), "no cluster 1000000000"),
    (lambda c: c.article("no-such-article"), "no article"),
])
def test_query_errors_say_what_to_do(corpus: Corpus, call: Any, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        call(corpus)


@pytest.mark.parametrize(("text", "expected"), [
    ("very bad things", '"very" "bad" "things"'),
    ('"very bad things"', '"very bad things"'),
    ("terr* NEAR(x)", '"terr"* "NEAR(x)"'),
    ('say "no', '"say" """no"'),
])
def test_fts_query(text: str, expected: str) -> None:
    assert fts_query(text) == expected


def test_speaker_answer(corpus: Corpus) -> None:
    sp = corpus.speaker("Умерова")
    assert sp["name"] == "Rustem Umerov" and sp["statements"] >= 15
    assert sp["timeline"] == [{"week": "2024-W42", "statements": sp["statements"]}]
    assert sp["quotes"][0]["first_outlet"] == "rferl.org"
    assert len(sp["recent"]) == 10 and all(r["speaker"] == "Rustem Umerov" for r in sp["recent"])
    assert corpus.speaker(str(sp["id"]))["id"] == sp["id"]


@pytest.mark.parametrize(("day", "week"), [
    ("2024-10-18", "2024-W42"), ("2024-12-30", "2025-W01"), ("2024-10", None), (None, None),
])
def test_week_of(day: str | None, week: str | None) -> None:
    assert week_of(day) == week


def test_weeks_between_spans_the_year_end() -> None:
    assert weeks_between("2024-W51", "2025-W02") == ["2024-W51", "2024-W52", "2025-W01", "2025-W02"]


def test_stats(corpus: Corpus) -> None:
    st = corpus.stats()
    assert (st["articles"], st["unlinked_statements"], st["skips"]) == (8, 0, 0)
    assert st["top_speakers"][0]["name"] == "Rustem Umerov"
    assert st["speakers"] == sum(st["speaker_types"].values())
    assert st["top_clusters"][0]["first_outlet"] == "rferl.org"
    assert set(st["languages"]) == {"en", "ru", "uk"}


def test_open_store_is_the_public_door(corpus_db: Path) -> None:
    with sayso.open_store(corpus_db) as store:
        assert isinstance(store, Corpus)
        article = store.article("umerov-rferl-interview")
    assert isinstance(article, sayso.Article)
    assert (article.outlet, article.published) == ("rferl.org", "2024-10-19")
    assert all(article.text[s.start:s.end] == s.text for s in article.statements)
    assert [s.speaker for s in article.statements] == ["Umerov", "Umerov"]


def test_questions_on_an_unlinked_store_say_to_link(tmp_path: Path, corpus_db: Path) -> None:
    db = tmp_path / "old.db"
    db.write_bytes(corpus_db.read_bytes())
    with api.open_store(db) as store:
        store.conn.execute("DELETE FROM statement_links")
    with pytest.raises(QueryError, match="run `sayso link --db"):
        api.speaker(db, "Umerov")
    api.link(db)
    assert api.speaker(db, "Umerov")["name"] == "Rustem Umerov"
