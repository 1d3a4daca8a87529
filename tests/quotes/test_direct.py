"""``quotes.direct``: quotation marks paired into quotations, and names told from statements."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.model import Article, Quotation
from sayso.quotes.direct import direct, find_quotations, looks_like_name
from sayso.settings import Settings as SaysoSettings
from sayso.text.normalize import normalise_text
from sayso.text.segment import find_paragraphs

MARKS = "\"'“”‘’«»„‚‹›`"
TEN_MB_PARAGRAPH = (
    "“We will not give up territory,” Ukrainian Defense Minister Rustem Umerov said on Friday, adding "
    "that NATO's offer was ‘premature’ and that the talks, which had stalled, were not over.\n\n"
)


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotations(text, find_paragraphs(text))]


def check_offsets(text: str, quotes: list[Quotation]) -> None:
    """The invariants every quotation keeps, whatever the input."""
    last_end = -1
    for q in quotes:
        assert q.open_at < q.start < q.end
        assert q.outer_start >= last_end, "quotations overlap or are out of order"
        assert text[q.open_at] in MARKS
        assert not text[q.start].isspace() and not text[q.end - 1].isspace()
        if q.close_at is not None:
            assert q.end <= q.close_at and text[q.close_at] in MARKS
            assert text[q.close_at:q.outer_end].strip(MARKS) == ""
        last_end = q.outer_end


@pytest.mark.parametrize(("text", "expected"), [
    ('He said "we will win" today.', ["we will win"]),
    ("He said “we will win” today.", ["we will win"]),
    ("He said ‘we will win’ today.", ["we will win"]),
    ("Он сказал «мы победим» сегодня.", ["мы победим"]),
    ("Er sagte „wir werden gewinnen“ heute.", ["wir werden gewinnen"]),
    ("Powiedział „wygramy” dzisiaj.", ["wygramy"]),
    ("Er sagte ‚wir gewinnen‘ heute.", ["wir gewinnen"]),
    ("''We will win,'' he said. ''It is over.''", ["We will win,", "It is over."]),
    ("``We will win,'' he said.", ["We will win,"]),
    ('He said “we will win" and "we will stay” today.', ["we will win", "we will stay"]),
    ("Il a dit « nous gagnerons » hier.", ["nous gagnerons"]),
    ("Il a dit «\u00a0nous gagnerons\u00a0» hier.", ["nous gagnerons"]),
    ("Hon sa ”vi vinner” i dag.", ["vi vinner"]),
    ("a “question’’ that amounted to nothing", ["question"]),
    ('"A," he said. "B."', ["A,", "B."]),
    ('He said:"We will win."', ["We will win."]),
    ('"We will win,"he said.', ["We will win,"]),
    ("“I think so,”Clinton said.", ["I think so,"]),
    ('(“We will win”) and ["we will stay"]', ["We will win", "we will stay"]),
    ('It is—"in a word"—over.', ["in a word"]),
    ('He said " we will win " today.', ["we will win"]),
    ("Umerov said «нет» and \"yes\" and “maybe”.", ["нет", "yes", "maybe"]),
])
def test_direct_every_style(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("I don't know what Ukraine's allies' plans are.", []),
    ("The students’ union said ‘no’ to the plan.", ["no"]),
    ("Music of the ’90s: rock ’n’ roll, says O’Brien.", []),
    ("'Tis the season, he said, and 'em folks agreed.", []),
    ("He said ‘rock ’n’ roll is back’ on Friday.", ["rock ’n’ roll is back"]),
    ("He called it ‘the students’ choice’ on Friday.", ["the students’ choice"]),
    ("She said ‘the students’ union is right’ today.", ["the students’ union is right"]),
    ("It's the ’16 race: ‘we won’t lose,’ he said.", ["we won’t lose,"]),
    ("Trump's 'big' plan and Clinton's 'small' one", ["big", "small"]),
    ("They are goin’ home, she said ‘now’ and left.", ["now"]),
    ("In the 1980's, the Smiths' house had 5'9\" doors.", []),
    ("He said “the students’ union won’t go” and left.", ["the students’ union won’t go"]),
    ("She said 'we love our students' and left.", ["we love our students"]),
    ("He said ‘I love my students’ and left; the students’ union agreed.", ["I love my students"]),
    ("'''Tis the season,'' he said.", ["'Tis the season,"]),
    ("The U.S.'s plan is 'big' and it 's 'ok' too.", ["big", "ok"]),
    ("Він сказав: «Це м’ясо з'їли» вчора.", ["Це м’ясо з'їли"]),
])
def test_direct_apostrophes_never_pair(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("“He said ‘no’ to me,” she said.", ["He said ‘no’ to me,"]),
    ("«Он назвал это „ерундой“ вчера», — сказал он.", ["Он назвал это „ерундой“ вчера"]),
    ('«Он сказал "нет" вчера», — сказал он.', ['Он сказал "нет" вчера']),
    ("“A ‘B “C” B’ A,” he said, “D.”", ["A ‘B “C” B’ A,", "D."]),
    ("''The country is on the 'wrong track.'.'' he said", ["The country is on the 'wrong track.'."]),
    ("''I hate the term 'Manhattan poor,' '' she said", ["I hate the term 'Manhattan poor,'"]),
    ("''He said, 'no daylight.''' he recalled", ["He said, 'no daylight.'"]),
])
def test_direct_nested_quotes_only_the_outer(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the convention: open, do not close, reopen the next paragraph with the same mark
    ("He said: “One.\n\n“Two.\n\n“Three,” he added.", [("One.\n\n“Two.\n\n“Three,", 2)]),
    ('He said: "One.\n"Two." Then "three."', [('One.\n"Two.', 1), ("three.", 0)]),
    ("«Первое.\n\n«Второе», — сказал он.", [("Первое.\n\n«Второе", 1)]),
    # a hard line break inside a quotation
    ('"The reality is, we may lose\nIowa," he said.', [("The reality is, we may lose\nIowa,", 1)]),
    ("\"We will say\n'no' and go,\" he said.", [("We will say\n'no' and go,", 1)]),
    ('He said "we will.\nThen "no" came.', [("no", 0)]),
    ('He said "we will.\n\nIowa," he said.', []),
    # not continued: the next paragraph does not reopen, so the open quote is dropped
    ("He said “one.\n\nThen “two” came.", [("two", 0)]),
    # a paragraph reopening with another mark starts a quotation of its own
    ('Ward: "A “b” c.\n\n“Two,” he said.', [("b", 0), ("Two,", 0)]),
    # an unclosed quotation with a quotation of the same mark inside is a stray mark: no run-on
    ("“One said, “Hey, what?” he tweeted.\n\n“Two,” he said.", [("Hey, what?", 0), ("Two,", 0)]),
])
def test_direct_multi_paragraph_quotes(text: str, expected: list[tuple[str, int]]) -> None:
    qs = find_quotations(text, find_paragraphs(text))
    assert [(text[q.start:q.end], q.reopened) for q in qs] == expected
    check_offsets(text, qs)


@pytest.mark.parametrize(("text", "expected"), [
    ('He said "we will win. Then she said "no" and "yes".', ["no", "yes"]),
    ('A stray " mark and "a quote" here.', ["a quote"]),
    ("One “stray. Two “three” four.", ["three"]),
    ('First "one" then an odd ” and "two".', ["one", "two"]),
    ("“Unclosed\n\n“Closed,” he said.\n\nThen “another.”", ["Unclosed\n\n“Closed,", "another."]),
    ("Odd ‘ mark, then “a” and «b».", ["a", "b"]),
    ('A "" empty pair and "words".', ["words"]),
])
def test_direct_one_odd_mark_keeps_the_others(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('He said "yes" and "no".', ["yes", "no"]),  # " opens after a space, closes before one
    ('"Yes"', ["Yes"]),
    ('x "a"b "c"', ["a", "c"]),
    ('He wrote "A" ; "B"', ["A", "B"]),
    ('He said , " we will " , and " we won "', ["we will", "we won"]),
])
def test_direct_ambiguous_straight_marks_by_context(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def _gen_unbalanced() -> str:
    return "He said “we will " * 5000


@pytest.mark.parametrize(("make", "count"), [
    (lambda: '"' * 5000, 0),
    (_gen_unbalanced, 0),
    (lambda: "«Мы " * 5000 + "— заявил он.", 0),
    (lambda: "it's ‘the ' " * 5000, None),
    (lambda: "“" * 1000 + "we will win" + "”" * 1000 + " he said.", 1),
    (lambda: "".join("“‘«„"[i % 4] + "w " for i in range(1000)) + "x"
     + "".join("”’»“"[i % 4] for i in reversed(range(1000))), 1),
    (lambda: "a" * 1_000_000, 0),
    (lambda: ('said"We’ll“win”,he' * 60_000), None),
    (lambda: TEN_MB_PARAGRAPH * 54_000, 2 * 54_000),  # 10 MB of news-like text
    (lambda: "“”\"'‘’«»„‹›「」『』" * 3000, None),
])
def test_direct_bad_input_finishes(make: object, count: int | None) -> None:
    text = make()  # type: ignore[operator]
    qs = find_quotations(text, find_paragraphs(text))
    check_offsets(text, qs)
    if count is not None:
        assert len(qs) == count


@pytest.mark.parametrize(("words", "expected"), [
    ("Radio Liberty", True),
    ("Radio Liberty.", True),
    ("24 Channel", True),
    ("24 Channel.", True),
    ("Saturday Night Live", True),
    ("Crossroads of America", True),
    ("The Apprentice", True),
    ("How the Grinch Stole Christmas,", True),
    ("Austin Powers: The Spy Who Shagged Me,", True),
    ("Радио Свобода", True),
    ("No, I haven't heard anything like that.", False),
    ("nonsense", False),
    ("very bad things", False),
    ("очень плохие вещи", False),
    ("No,", False),
    ("Probably.", False),
    ("We Will Win", False),
    ("Blacklisted?", False),
    ("Like Oakland. Or Ferguson,", False),
    ("", False),
])
def test_direct_looks_like_name(words: str, expected: bool) -> None:
    assert looks_like_name(words) is expected


def test_direct_stage_writes_quotations() -> None:
    text = 'Umerov said: "No." Radio Liberty quoted “him”.'
    article = Article(text=text, norm=normalise_text(text))
    article.paragraphs = find_paragraphs(article.norm)
    direct(article, SaysoSettings())
    assert [text[q.start:q.end] for q in article.quotations] == ["No.", "him"]


def test_direct_example_article(shared: object, example_text: str) -> None:
    """Every direct gold statement of the example is a quotation; its names in marks are names."""
    from pathlib import Path

    gold = json.loads((Path(str(shared)) / "examples" / "umerov-nato-2024-11-03.gold.jsonl").read_text())
    text = example_text
    norm = normalise_text(text)
    qs = find_quotations(norm, find_paragraphs(norm))
    check_offsets(text, qs)
    spans = {(q.start, q.end) for q in qs}
    direct_gold = [g for g in gold["quotes"] if g["kind"] == "direct"]
    assert direct_gold
    assert [g["text"] for g in direct_gold if (g["start"], g["end"]) not in spans] == []
    names = [text[q.start:q.end] for q in qs if looks_like_name(text[q.start:q.end])]
    assert len(names) == 3  # "Radio Liberty." and "Radio Liberty" quoted him, told "24 Channel."
    assert {n.rstrip(".") for n in names} == {n.rstrip(".") for n in gold["not_quotes"]}
    assert not any(looks_like_name(g["text"]) for g in gold["quotes"])


def test_direct_dev_data_recall(shared: object) -> None:
    """On polnear-dev, nearly every annotated direct quote is a quotation (IoU >= 0.5)."""
    from pathlib import Path

    path = Path(str(shared)) / "data" / "polnear-dev.jsonl"
    found = total = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            norm = normalise_text(d["text"])
            qs = find_quotations(norm, find_paragraphs(norm))
            check_offsets(norm, qs)
            for g in d["quotes"]:
                if g["kind"] != "direct":
                    continue
                total += 1
                found += any(
                    min(g["end"], q.end) - max(g["start"], q.start)
                    >= 0.5 * (max(g["end"], q.end) - min(g["start"], q.start))
                    for q in qs
                )
    assert total > 1000
    assert found / total >= 0.99


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(MARKS) + list("ab s.,\n—’'")), max_size=200))
def test_direct_random_text_keeps_offsets(text: str) -> None:
    check_offsets(text, find_quotations(text, find_paragraphs(text)))
