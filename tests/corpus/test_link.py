"""Speaker linking: measured on the labelled alias set, and checked on the corpus the real pipeline
ingested (the example article, its syndicated copies, Russian and Ukrainian versions, another Umerov)."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest
from corpus_fixtures import alias_rows

from sayso.corpus import Corpus

# Floors of the issue: pairwise precision and recall of "these two mentions are one speaker".
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.90


def pairwise(gold: list[str], predicted: list[int | None]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering of mentions (an unlinked mention is alone)."""
    pred = [p if p is not None else -1 - i for i, p in enumerate(predicted)]
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        same_gold, same_pred = gold[i] == gold[j], pred[i] == pred[j]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0


def linked_speakers(db: Path) -> list[int | None]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT s.ordinal, a.article_id, l.speaker FROM statements s JOIN articles a "
                            "ON a.id = s.article JOIN statement_links l ON l.statement = s.id "
                            "ORDER BY a.id, s.ordinal").fetchall()
    return [r[2] for r in rows]


def test_linking_meets_the_precision_and_recall_floors(alias_db: Path) -> None:
    gold = [r["gold"] for r in alias_rows()]
    assert len(gold) >= 60 and len(set(gold)) >= 20
    precision, recall = pairwise(gold, linked_speakers(alias_db))
    print(f"speaker linking on {len(gold)} mentions: precision={precision:.3f} recall={recall:.3f}")
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


@pytest.mark.parametrize(("gold", "predicted", "expected"), [
    (["a", "a", "b"], [1, 1, 2], (1.0, 1.0)),
    (["a", "a", "b"], [1, 1, 1], (1 / 3, 1.0)),
    (["a", "a", "b"], [1, None, 2], (1.0, 0.0)),
    (["a", "b"], [None, None], (1.0, 1.0)),
])
def test_pairwise_scores(gold: list[str], predicted: list[int | None], expected: tuple[float, float]) -> None:
    assert pairwise(gold, predicted) == pytest.approx(expected)


# gold speaker → (canonical name, type, aliases it must have) in the alias-set store
ALIAS_SET_SPEAKERS = [
    ("rustem-umerov", "Rustem Umerov", "person", {"Rustem Umerov", "Umerov", "Умеров", "Умєров", "Умєрова",
                                                  "Рустем Умеров", "R. Umerov"}),
    ("volodymyr-zelensky", "Volodymyr Zelensky", "person", {"Владимир Зеленский", "Зеленського"}),
    ("vitali-klitschko", "Vitali Klitschko", "person", {"Віталій Кличко", "Klitschko"}),
    ("financial-times", "Financial Times", "media", {"FT", "Financial Times", "The Financial Times"}),
    ("office-of-the-president", "Office of the President of Ukraine", "organisation",
     {"Офис президента Украины", "Офіс президента", "Presidential Office"}),
    ("unhcr", "United Nations High Commissioner for Refugees", "organisation", {"UNHCR"}),
    ("iaea", "International Atomic Energy Agency", "organisation", {"IAEA"}),
]


@pytest.mark.parametrize(("gold", "name", "type_", "aliases"), ALIAS_SET_SPEAKERS)
def test_alias_set_speaker(alias_db: Path, gold: str, name: str, type_: str, aliases: set[str]) -> None:
    rows = alias_rows()
    linked = linked_speakers(alias_db)
    ids = {linked[i] for i, r in enumerate(rows) if r["gold"] == gold}
    with Corpus(sqlite3.connect(alias_db), str(alias_db)) as store:
        sp = store.speaker(name)
    assert sp["id"] in ids
    assert (sp["name"], sp["type"]) == (name, type_)
    assert aliases <= {a["alias"] for a in sp["aliases"]}


# Same-surname people stay apart: gold speakers that share a surname never share a speaker row.
@pytest.mark.parametrize(("a", "b"), [
    ("rustem-umerov", "nariman-umerov"), ("rustem-umerov", "ilmi-umerov"), ("nariman-umerov", "ilmi-umerov"),
    ("vitali-klitschko", "wladimir-klitschko"), ("dmytro-kuleba", "oleksiy-kuleba"),
    ("volodymyr-zelensky", "olena-zelenska"), ("volodymyr-zelensky", "vladimir-putin"),
])
def test_same_surname_people_are_not_merged(alias_db: Path, a: str, b: str) -> None:
    rows = alias_rows()
    linked = linked_speakers(alias_db)
    ids_a = {linked[i] for i, r in enumerate(rows) if r["gold"] == a}
    ids_b = {linked[i] for i, r in enumerate(rows) if r["gold"] == b}
    assert not ids_a & ids_b


# --- the ingested corpus --------------------------------------------------------------------------

CORPUS_SPEAKERS = [
    # name, type, aliases it must have, outlets whose articles it speaks in
    ("Rustem Umerov", "person", {"Rustem Umerov", "Umerov", "Умеров", "Умєров", "Умєрова", "Рустем Умеров",
                                 "Рустем Умєров"},
     {"g-novosti.in.ua", "kyivpost.com", "unian.info", "rferl.org", "rbc.ua", "pravda.com.ua"}),
    ("Nariman Umerov", "person", {"Nariman Umerov", "Umerov"}, {"qirim.news"}),
    ("Financial Times", "media", {"FT", "Financial Times"}, {"g-novosti.in.ua", "kyivpost.com", "strana.ua"}),
    # strana.ua: "«Украина не торгует своей территорией», — заявили в Офисе президента Украины."
    ("Office of the President of Ukraine", "organisation", {"Office of the President of Ukraine",
                                                            "Office of the President",
                                                            "Офис президента Украины"},
     {"g-novosti.in.ua", "kyivpost.com", "strana.ua"}),
]


@pytest.mark.parametrize(("name", "type_", "aliases", "outlets"), CORPUS_SPEAKERS)
def test_corpus_speaker(corpus: Corpus, name: str, type_: str, aliases: set[str], outlets: set[str]) -> None:
    sp = corpus.speaker(name)
    assert (sp["name"], sp["type"]) == (name, type_)
    assert aliases <= {a["alias"] for a in sp["aliases"]}
    assert {o["outlet"] for o in sp["outlets"]} == outlets


def test_corpus_keeps_the_two_umerovs_apart(corpus: Corpus) -> None:
    rustem, nariman = corpus.speaker("Rustem Umerov"), corpus.speaker("Nariman Umerov")
    assert rustem["id"] != nariman["id"]
    # "Umerov" alone is an alias of both; the most quoted comes first, the other is named beside it
    umerov = corpus.speaker("Umerov")
    assert umerov["id"] == rustem["id"]
    assert [o["id"] for o in umerov["others"]] == [nariman["id"]]


def test_corpus_roles_in_three_languages_with_dates(corpus: Corpus) -> None:
    roles = {r["role"]: (r["first_seen"], r["last_seen"]) for r in corpus.speaker("Rustem Umerov")["roles"]}
    assert roles["Ukrainian Defense Minister"] == ("2024-10-18", "2024-10-18")
    assert {"Министр обороны Украины", "Міністр оборони України"} <= set(roles)


def test_a_surname_alone_joins_through_its_quote_cluster(corpus: Corpus) -> None:
    # rferl.org names only "Umerov" (two Umerovs in the store, no role): its quote is Rustem's
    rows = list(corpus.search("heard anything like that", outlet="rferl.org"))
    assert rows and {r["speaker"] for r in rows} == {"Rustem Umerov"}


def test_anonymous_sources_stay_unlinked(corpus: Corpus) -> None:
    rows = list(corpus.search("long-range weaponry", outlet="g-novosti.in.ua"))
    assert [(r["speaker"], r["speaker_entity"]) for r in rows] == [("a source in the Office of the President",
                                                                     None)]
