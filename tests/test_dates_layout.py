"""Tables for ``sayso.dates_layout``: which sentences the ``dates`` stage parses, and which it leaves
for the event rule."""

from __future__ import annotations

import pytest

from sayso.dates_layout import Layout
from sayso.dates_scan import scan_sentences
from sayso.model import Article, Statement
from sayso.pipeline import Pipeline


def _article(text: str, statements: list[tuple[str, str, str]]) -> Article:
    """An article with hand-built statements: (words, speaker, cue as written next to them)."""
    article = Pipeline(["normalise", "segment", "language"])(Article(text=text, published="2024-11-03"))
    for words, speaker, cue in statements:
        start, cue_start = text.index(words), text.index(cue)
        article.statements.append(Statement(
            kind="indirect", start=start, end=start + len(words), text=words, speaker=speaker,
            speaker_mention=speaker, cue=cue, cue_start=cue_start, cue_end=cue_start + len(cue)))
    return article


QUOTE = '"We met them on October 18 and agreed," Umerov said. The talks went on until Friday.'
OWN = "Zelensky said on Friday that the talks had failed."
EVENT = 'In 2019, the plan was first proposed by John Smith. "It is the only way," he told reporters.'
UMEROV = [("We met them on October 18 and agreed,", "Rustem Umerov", "said")]
NO_WORDS = "In 2019, the plan failed. Smith said he had warned."


@pytest.mark.parametrize(("text", "statements", "sentence", "inside"), [
    (QUOTE, UMEROV, 0, True),  # the date only in the quote
    (QUOTE, UMEROV, 1, False),  # no words of a statement in it
    (OWN, [("the talks had failed", "Volodymyr Zelensky", "said")], 0, False),  # a date outside the words
])
def test_dates_layout_inside_words(text: str, statements: list[tuple[str, str, str]], sentence: int,
                                   inside: bool) -> None:
    article = _article(text, statements)
    a, b = article.sentences[sentence].start, article.sentences[sentence].end
    hits = [p for p in scan_sentences(text, [(a, b)], ["en"]).hits if a <= p < b]
    assert hits
    assert Layout(article).inside_words(sentence, hits) is inside


@pytest.mark.parametrize(("text", "statements", "wanted", "later"), [
    (QUOTE, UMEROV, [], [0]),
    (OWN, [("the talks had failed", "Volodymyr Zelensky", "said")], [0], []),
    (EVENT, [("It is the only way,", "John Smith", "told")], [0], []),  # words about words before a quote
    (NO_WORDS, [("he had warned", "John Smith", "said")], [], []),  # before a quote, no words about words
])
def test_dates_layout_wanted_sentences(text: str, statements: list[tuple[str, str, str]], wanted: list[int],
                                       later: list[int]) -> None:
    article = _article(text, statements)
    spans = [(s.start, s.end) for s in article.sentences]
    scan = scan_sentences(text, spans, ["en"] * len(spans))
    left: list[int] = []
    want = Layout(article).wanted(article, scan, left)
    with_hits = sorted({k for k, (a, b) in enumerate(spans) for p in scan.hits if a <= p < b})
    assert [k for k in with_hits if want(k)] == wanted
    assert left == later


SPREAD = ('"We met them. We agreed on everything." That is what Umerov said. Nothing else happened. '
          'Smith wrote: "It failed."')


@pytest.mark.parametrize(("statements", "first", "last", "by_sentence"), [
    # words over two sentences, the cue in the next: all three claimed
    ([("We met them. We agreed on everything.", "Rustem Umerov", "said")], [0], [1],
     {0: [0], 1: [0], 2: [0]}),
    # in text order whatever the order given; a cue before the words in their sentence
    ([("It failed.", "John Smith", "wrote"), ("We met them.", "Rustem Umerov", "said")], [0, 4], [0, 4],
     {0: [0], 1: [0], 2: [0], 4: [1]}),
])
def test_dates_layout_sentences_of_statements(statements: list[tuple[str, str, str]], first: list[int],
                                              last: list[int], by_sentence: dict[int, list[int]]) -> None:
    layout = Layout(_article(SPREAD, statements))
    assert (layout.first, layout.last, layout.by_sentence) == (first, last, by_sentence)
