"""Highlighted text from escaped pieces: nesting, crossing spans, bad offsets, untrusted text."""

from __future__ import annotations

import pytest

from sayso.web.highlight import Span, highlight, paragraph_bounds


@pytest.mark.parametrize(("text", "spans", "window", "expected"), [
    # no span: the text, escaped
    ("a <b> & c", [], (0, None), "a &lt;b&gt; &amp; c"),
    # one statement, linked, with its anchor
    ("He said hi.", [Span(8, 10, "st", "/s/1", "s-1", "direct")], (0, None),
     'He said <a class="hl depth-1 st" id="s-1" title="direct" href="/s/1">hi</a>.'),
    # a direct quote inside a mixed statement: three pieces, the middle one deeper and linked to the inner
    ("x abc y", [Span(0, 7, "st mixed", "/s/1", "s-1"), Span(2, 5, "st direct", "/s/2", "s-2")], (0, None),
     '<a class="hl depth-1 st mixed" id="s-1" href="/s/1">x </a>'
     '<a class="hl depth-2 st mixed direct" id="s-2" href="/s/2">abc</a>'
     '<a class="hl depth-1 st mixed" href="/s/1"> y</a>'),
    # a speaker mention inside a statement does not deepen it, and takes the link
    ("ab cd", [Span(0, 5, "st", "/s/1"), Span(3, 5, "mention", "/p/1", statement=False)], (0, None),
     '<a class="hl depth-1 st" href="/s/1">ab </a><a class="hl depth-1 st mention" href="/p/1">cd</a>'),
    # crossing spans: every piece wrapped once
    ("abcd", [Span(0, 3, "st one"), Span(1, 4, "st two")], (0, None),
     '<mark class="hl depth-1 st one">a</mark><mark class="hl depth-2 st one two">bc</mark>'
     '<mark class="hl depth-1 st two">d</mark>'),
    # each anchor marks the first piece of its span, even when an inner span starts there too
    ("abc", [Span(0, 3, "st", anchor="s-1"), Span(0, 1, "st", anchor="s-2")], (0, None),
     '<span class="anchor" id="s-1"></span><mark class="hl depth-2 st" id="s-2">a</mark>'
     '<mark class="hl depth-1 st">bc</mark>'),
    # offsets outside the text, reversed or empty: left out
    ("abc", [Span(2, 9, "st"), Span(2, 1, "st"), Span(-1, 2, "st"), Span(1, 1, "st")], (0, None), "abc"),
    # a window: only that part of the text, spans clipped to it
    ("one\ntwo three\nfour", [Span(8, 13, "st")], (4, 13), 'two <mark class="hl depth-1 st">three</mark>'),
    # text inside a span is escaped, and so are attribute values
    ('<script>x</script>', [Span(0, 18, "st", '/s?a="1"&b=2', title='"><img>')], (0, None),
     '<a class="hl depth-1 st" title="&#34;&gt;&lt;img&gt;" href="/s?a=&#34;1&#34;&amp;b=2">'
     "&lt;script&gt;x&lt;/script&gt;</a>"),
])
def test_highlight(text: str, spans: list[Span], window: tuple[int, int | None], expected: str) -> None:
    assert str(highlight(text, spans, *window)) == expected


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("one\ntwo three\nfour", 8, 13, (4, 13)),
    ("one\ntwo three\nfour", 0, 2, (0, 3)),
    ("one\ntwo three\nfour", 15, 18, (14, 18)),
    # a statement over two paragraphs: both
    ("one\ntwo\nthree", 5, 10, (4, 13)),
    ("no newline", 3, 5, (0, 10)),
])
def test_highlight_paragraph_bounds(text: str, start: int, end: int, expected: tuple[int, int]) -> None:
    assert paragraph_bounds(text, start, end) == expected
