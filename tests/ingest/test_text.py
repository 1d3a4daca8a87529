"""Header lines of plain-text articles become metadata; the text itself stays whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.ingest.text import (
    Header,
    find_header,
    find_outlet_domain,
    looks_like_outlet_name,
    looks_like_title,
    read_text_article,
)

BODY = (
    "Ukrainian Defense Minister Rustem Umerov stated that he has not heard of any alleged proposal "
    "for Kyiv to relinquish territories occupied by Russia in exchange for Ukraine's NATO membership."
    "\n\nHe made this remark on October 18 during an interview."
)
TITLE = 'Umerov stated he would commit "very bad things" if territories were exchanged for membership.'

HEADERS = [
    # (header text before BODY, expected (published, outlet, headline))
    (f"Sunday03 November 2024\ng-novosti.in.ua\n\n{TITLE}\n\n", ("2024-11-03", "g-novosti.in.ua", TITLE)),
    (f"3 November 2024\ng-novosti.in.ua\n\n{TITLE}\n\n", ("2024-11-03", "g-novosti.in.ua", TITLE)),
    (f"2024-11-03\nhttps://www.kyivpost.com/\n\n{TITLE}\n\n", ("2024-11-03", "www.kyivpost.com", TITLE)),
    (f"November 3, 2024\nReuters\n\n{TITLE}\n\n", ("2024-11-03", "Reuters", TITLE)),
    (f"03.11.2024\nRadio Liberty\n\n{TITLE}\n\n", ("2024-11-03", "Radio Liberty", TITLE)),
    ("3 ноября 2024\nРИА Новости\n\nУмеров заявил о готовности на «очень плохие вещи»\n\n",
     ("2024-11-03", "РИА Новости", "Умеров заявил о готовности на «очень плохие вещи»")),
    # outlet line first, date second
    (f"g-novosti.in.ua\nSunday03 November 2024\n\n{TITLE}\n\n", ("2024-11-03", "g-novosti.in.ua", TITLE)),
    # a byline is neither outlet nor headline
    (f"3 November 2024\nBy Jane Smith\ng-novosti.in.ua\n\n{TITLE}\n\n",
     ("2024-11-03", "g-novosti.in.ua", TITLE)),
    # a title inside the header block
    ("2024-11-03\nUmerov rules out a swap of territory for NATO membership\n\n",
     ("2024-11-03", None, "Umerov rules out a swap of territory for NATO membership")),
    # only a date: the title after it is still the headline
    (f"3 November 2024\n\n{TITLE}\n\n", ("2024-11-03", None, TITLE)),
    # only a domain
    (f"g-novosti.in.ua\n\n{TITLE}\n\n", (None, "g-novosti.in.ua", TITLE)),
    # leading blank lines and Windows line ends
    (f"\r\n\r\n3 November 2024\r\ng-novosti.in.ua\r\n\r\n{TITLE}\r\n\r\n",
     ("2024-11-03", "g-novosti.in.ua", TITLE)),
    # no header: a title-cased first line is the headline, a lead sentence is not
    ("Bellwether County Says Trump Should Win GOP Nomination.\n\n",
     (None, None, "Bellwether County Says Trump Should Win GOP Nomination.")),
    ("Umerov rules out a swap of territory for NATO membership\n\n",
     (None, None, "Umerov rules out a swap of territory for NATO membership")),
    ("The minister said on Monday that the talks would go on for weeks.\n\n", (None, None, None)),
    # a short name without a date or domain is not enough evidence of a header
    ("Reuters said the talks would go on.\n\n", (None, None, None)),
    # no header at all
    ("", (None, None, None)),
]


@pytest.mark.parametrize(("head", "expected"), HEADERS)
def test_text_header_metadata(head: str, expected: tuple[str | None, str | None, str | None]) -> None:
    header = find_header(head + BODY)
    assert (header.published, header.outlet, header.headline) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        '"We will win," the minister said.',
        "3 November 2024",  # a date line with nothing after it
        "x" * 100_000,  # one line with no spaces
        "a\n" * 10_000,  # many short lines, no blank line
    ],
)
def test_text_header_of_odd_texts_is_empty_or_partial(text: str) -> None:
    header = find_header(text)
    assert header.headline is None
    assert header.outlet is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a header of more than five lines is the article already
        ("3 November 2024\ng-novosti.in.ua\na\nb\nc\nd\n\nTitle\n\nBody.", Header()),
        # a long line in the first block is a paragraph, not a header
        ("3 November 2024 " + "word " * 60 + "\n\nTitle\n\nBody.", Header(headline=None)),
    ],
)
def test_text_header_needs_short_leading_block(lines: str, expected: Header) -> None:
    assert find_header(lines) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("g-novosti.in.ua", "g-novosti.in.ua"),
        ("  www.bbc.co.uk  ", "www.bbc.co.uk"),
        ("https://kyivindependent.com/", "kyivindependent.com"),
        ("укрінформ.укр", "укрінформ.укр"),
        ("Radio Liberty", None),
        ("U.S.", None),
        ("3.11.2024", None),
        ("see bbc.co.uk", None),
    ],
)
def test_text_outlet_domain(line: str, expected: str | None) -> None:
    assert find_outlet_domain(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Radio Liberty", True),
        ("РИА Новости", True),
        ("The Kyiv Independent", True),
        ("By Jane Smith", False),
        ("He said so.", False),
        ("A name that has far too many words in it", False),
        ("12345", False),
    ],
)
def test_text_outlet_name(line: str, expected: bool) -> None:
    assert looks_like_outlet_name(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Umerov rules out a swap of territory", True),
        ("Bellwether County Says Trump Should Win GOP Nomination.", True),
        ("The minister said on Monday that the talks would go on.", False),
        ("What happens next?", False),
    ],
)
def test_text_title_shape(line: str, expected: bool) -> None:
    assert looks_like_title(line) is expected


def test_text_article_keeps_whole_text_and_reads_header(example_path: Path) -> None:
    text = example_path.read_text(encoding="utf-8")
    article = read_text_article(text, id=example_path.stem)
    assert article.text == text
    assert (article.id, article.published, article.outlet) == (
        "umerov-nato-2024-11-03", "2024-11-03", "g-novosti.in.ua")
    assert article.headline == (
        'Umerov stated he would commit "very bad things" if occupied territories were exchanged '
        "for NATO membership.")
    start = text.index(article.headline)
    assert text[start:start + len(article.headline)] == article.headline


HEADER_LINES = st.sampled_from([
    "Sunday03 November 2024", "3 November 2024", "2024-11-03", "g-novosti.in.ua", "Radio Liberty",
    "By Jane Smith", "", "", TITLE, "«Цитата», — сказал он.", "x" * 250,
])


@settings(max_examples=200, deadline=None)
@given(st.lists(HEADER_LINES, max_size=8), st.text(max_size=300))
def test_text_header_never_fails_and_keeps_text(lines: list[str], rest: str) -> None:
    text = "\n".join(lines) + "\n" + rest
    article = read_text_article(text, id="a")
    assert article.text == text
    for value in (article.outlet, article.headline):
        assert value is None or value in text
    assert article.published is None or len(article.published) == 10
