"""Quote clusters: exact copies after normalisation, near copies (MinHash/LSH), fragments; speakers
never mixed; the earliest appearance first. Unit tables on hand-built quotes, then the ingested corpus."""

from __future__ import annotations

import pytest

from sayso.corpus import Corpus
from sayso.corpus.clusters import Quote, find_clusters, normalise
from sayso.corpus.minhash import jaccard, shingles, sketch

LONG = "No, I haven't heard anything like that. If it were the case, I would definitely… do very bad things,"


@pytest.mark.parametrize(("text", "expected"), [
    (LONG, "no i havent heard anything like that if it were the case i would definitely do very bad things"),
    ("«Очень плохие вещи»", "очень плохие вещи"),
    ("Ще   не вмерла — Україна!", "ще не вмерла україна"),
    ("Ёлка", "елка"),
    ("…", ""),
])
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def clusters_of(*quotes: tuple[str, str | None, str]) -> list[list[tuple[int, str]]]:
    """Cluster (text, speaker label, kind) quotes given earliest first; each cluster as
    [(quote index, relation)], clusters in order of their first quote."""
    qs = [Quote(i, text, kind, (f"2024-10-{10 + i:02d}", i, 0), f"outlet{i}", label)
          for i, (text, label, kind) in enumerate(quotes)]
    found = find_clusters(qs)
    return sorted(([(m, rel) for m, rel in zip(c.members, c.relations, strict=True)] for c in found),
                  key=lambda c: c[0][0])


@pytest.mark.parametrize(("quotes", "expected"), [
    # the same words, punctuation and quotation marks aside
    ([(LONG, "umerov", "direct"), (LONG.replace("…", "").replace(",", ""), "umerov", "direct")],
     [[(0, "first"), (1, "exact")]]),
    # a syndicated copy with a small edit
    ([(LONG, "umerov", "direct"), (LONG.replace("haven't", "have not"), "umerov", "direct")],
     [[(0, "first"), (1, "near")]]),
    # a fragment joins the long quote, even when it was printed first
    ([("very bad things", "umerov", "direct"), (LONG, "umerov", "direct")],
     [[(0, "first"), (1, "exact")]]),
    ([(LONG, "umerov", "direct"), ("very bad things", "umerov", "direct")],
     [[(0, "first"), (1, "fragment")]]),
    # a fragment prefers a direct container to a reported one
    ([("he would do very bad things if occupied territories were exchanged", "umerov", "indirect"),
      (LONG, "umerov", "direct"), ("very bad things", "umerov", "direct")],
     [[(0, "first")], [(1, "first"), (2, "fragment")]]),
    # a mixed statement is a fragment by the words it quotes
    ([(LONG, "umerov", "direct"),
      ('he would commit "very bad things" if territories were exchanged', "umerov", "mixed")],
     [[(0, "first"), (1, "fragment")]]),
    # the same words by two speakers are two statements; an unknown speaker joins the known one
    ([(LONG, "umerov", "direct"), (LONG, "zelensky", "direct"), (LONG, None, "direct")],
     [[(0, "first"), (2, "exact")], [(1, "first")]]),
    # different quotes stay apart; a two-word fragment is too short to join
    ([(LONG, "umerov", "direct"),
      ("We will never give up our land, not now and not ever.", "umerov", "direct"),
      ("bad things", "umerov", "direct")],
     [[(0, "first")], [(1, "first")], [(2, "first")]]),
])
def test_find_clusters(quotes: list[tuple[str, str | None, str]],
                       expected: list[list[tuple[int, str]]]) -> None:
    assert clusters_of(*quotes) == expected


def test_cluster_text_is_the_words_most_copies_carry() -> None:
    qs = [Quote(0, "very bad things", "direct", ("2024-10-01", 0, 0)),
          Quote(1, LONG, "direct", ("2024-10-02", 1, 0)),
          Quote(2, LONG.replace("…", ""), "direct", ("2024-10-03", 2, 0)),
          Quote(3, LONG.replace("haven't", "have not"), "direct", ("2024-10-04", 3, 0))]
    (c,) = find_clusters(qs)
    assert (c.text, c.members[0]) == (LONG, 0)


@pytest.mark.parametrize(("a", "b", "similar"), [
    (LONG, LONG.replace("haven't", "have not"), True),
    (LONG, LONG.replace("definitely… ", ""), True),
    (LONG, "Ukraine does not trade its sovereignty and territories", False),
])
def test_sketches_of_near_copies_agree_more_than_those_of_others(a: str, b: str, similar: bool) -> None:
    cache: dict[str, int] = {}
    sa, sb = (shingles(normalise(t).split(), cache) for t in (a, b))
    agree = sum(x == y for x, y in zip(sketch(sa), sketch(sb), strict=True)) / len(sketch(sa))
    assert (jaccard(sa, sb) >= 0.6) is similar
    assert (agree >= 0.4) is similar


# --- the ingested corpus --------------------------------------------------------------------------

def test_corpus_cluster_of_the_syndicated_quote(corpus: Corpus) -> None:
    (hit,) = [r for r in corpus.search("definitely bad things", outlet="g-novosti.in.ua", kind="direct")]
    cl = corpus.cluster(hit["cluster"])
    first = (cl["first_seen"], cl["first_outlet"], cl["speaker"])
    assert first == ("2024-10-19", "rferl.org", "Rustem Umerov")
    # each copy's headline gives the clause 'he would commit "very bad things" if …' (mixed) and its
    # quoted words "very bad things" (direct, docs/design-notes.md): both are fragments of the quote
    got = [(a["outlet"], a["kind"], a["relation"]) for a in cl["appearances"]]
    assert got == [("rferl.org", "direct", "first"),
                   ("g-novosti.in.ua", "mixed", "fragment"), ("g-novosti.in.ua", "direct", "fragment"),
                   ("g-novosti.in.ua", "direct", "exact"),
                   ("kyivpost.com", "mixed", "fragment"), ("kyivpost.com", "direct", "fragment"),
                   ("kyivpost.com", "direct", "near"), ("kyivpost.com", "mixed", "fragment"),
                   ("unian.info", "mixed", "fragment"), ("unian.info", "direct", "fragment"),
                   ("unian.info", "direct", "exact")]
    assert (cl["statements"], cl["outlets"]) == (11, 4)
    assert [a["published"] for a in cl["appearances"]] == sorted(a["published"] for a in cl["appearances"])


def test_corpus_russian_fragment_joins_the_russian_quote(corpus: Corpus) -> None:
    (hit,) = [r for r in corpus.search("ничего подобного", kind="direct")]
    cl = corpus.cluster(hit["cluster"])
    assert ("очень плохие вещи", "fragment") in {(a["text"], a["relation"]) for a in cl["appearances"]}
    assert cl["text"] == hit["text"]


def test_corpus_translations_are_not_one_cluster(corpus: Corpus) -> None:
    clusters = {r["cluster"] for r in corpus.search("very bad things", kind="direct")}
    clusters |= {r["cluster"] for r in corpus.search("погані речі", kind="direct")}
    assert len(clusters) == 2
