"""The public surface: what ``sayso`` exports, and the contract of ``extract`` / ``extract_many``."""

from __future__ import annotations

import importlib
import inspect
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

import sayso
from sayso.api import to_article
from sayso.errors import InputError
from sayso.model import STATEMENT_FIELDS, Article

ARTICLE_KEYS = {"id", "published", "outlet", "headline", "url", "language", "languages", "statements",
                "skipped"}


def test_api_all_is_the_public_surface() -> None:
    # modules and the ``from __future__`` marker are not part of the surface
    public = {n for n, v in vars(sayso).items()
              if not n.startswith("_") and not inspect.ismodule(v) and type(v).__module__ != "__future__"}
    assert public == set(sayso.__all__) - {"__version__"}
    assert len(sayso.__all__) == len(set(sayso.__all__))


@pytest.mark.parametrize("name", sayso.__all__)
def test_api_every_exported_name_imports(name: str) -> None:
    module = importlib.import_module("sayso")
    assert getattr(module, name) is not None
    namespace: dict[str, Any] = {}
    exec(f"from sayso import {name}", namespace)
    assert namespace[name] is getattr(sayso, name)


def test_api_errors_share_one_base() -> None:
    errors = [getattr(sayso, n) for n in sayso.__all__ if n.endswith("Error") or n == "UnsupportedFormat"]
    assert errors
    assert all(issubclass(e, sayso.SaysoError) for e in errors)


def test_api_extract_example_offsets(example_text: str) -> None:
    article = sayso.extract(example_text, id="umerov", published="2024-11-03", outlet="g-novosti.in.ua")
    assert isinstance(article, sayso.Article)
    assert article.text == example_text
    for st in article.statements:
        assert example_text[st.start:st.end] == st.text
        if st.speaker_start is not None and st.speaker_end is not None:
            assert example_text[st.speaker_start:st.speaker_end] == st.speaker_mention
        if st.cue_start is not None and st.cue_end is not None:
            assert example_text[st.cue_start:st.cue_end] == st.cue
    d = article.to_dict()
    assert set(d) == ARTICLE_KEYS
    assert (d["id"], d["published"], d["outlet"]) == ("umerov", "2024-11-03", "g-novosti.in.ua")
    assert all(list(s) == list(STATEMENT_FIELDS) for s in d["statements"])
    assert json.loads(json.dumps(d)) == d


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("He said so.", {"text": "He said so.", "id": None}),
        ({"text": "t", "id": 3, "outlet": "o"}, {"text": "t", "id": "3", "outlet": "o"}),
        ({"text": "t", "lang": "en"}, {"text": "t", "meta": {"lang": "en"}}),
        (Article(text="t", id="a"), {"text": "t", "id": "a"}),
    ],
)
def test_api_to_article(item: Any, expected: dict[str, Any]) -> None:
    article = to_article(item)
    assert {k: getattr(article, k) for k in expected} == expected


@pytest.mark.parametrize("item", [{"id": "no-text"}, 42, None])
def test_api_to_article_rejects(item: Any) -> None:
    with pytest.raises(InputError):
        to_article(item)


def test_api_extract_many_is_lazy_and_ordered() -> None:
    pulled = []

    def endless() -> Iterator[dict[str, str]]:
        for n in itertools.count():
            pulled.append(n)
            yield {"id": f"a{n}", "text": f'"Point {n}," the minister said.'}

    first = list(itertools.islice(sayso.extract_many(endless()), 3))
    assert [a.id for a in first] == ["a0", "a1", "a2"]
    assert len(pulled) == 3


def test_api_extract_many_equals_extract(example_text: str) -> None:
    texts = [example_text, '"We will win," the minister said.', ""]
    many = [a.to_dict() for a in sayso.extract_many(texts)]
    one = [sayso.extract(t).to_dict() for t in texts]
    assert many == one


def test_api_settings_flow_into_extract() -> None:
    article = sayso.extract("x" * 100, settings=sayso.Settings(max_chars=10))
    assert [s.reason for s in article.skipped] == ["too-large"]
    with pytest.raises(sayso.InputError):
        sayso.extract("x" * 100, settings=sayso.Settings(max_chars=10, on_error="raise"))
