"""text.language: one language per sentence, the article's languages by weight."""

from __future__ import annotations

import pytest

from sayso import Article, Pipeline
from sayso.text.language import detect_language


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The minister said so.", "en"),
    ("Умеров отметил, что готов на очень плохие вещи.", "ru"),
    ("Умєров зазначив, що готовий.", "uk"),
    ("Він сказав це вчора.", "uk"),
    ("Это было вчера.", "ru"),
    ("NATO", "en"),
    ("2024-11-03", "other"),
    ("— …", "other"),
    ("Умеров (Umerov) сказал.", "ru"),
    ("He said «да».", "en"),
    # no letter only one language has: the words only one language has decide
    ("Вона наголосила, що допомога триватиме.", "uk"),
    ("Она подчеркнула, что помощь продолжится.", "ru"),
    ("Джерело в Генштабі повідомило.", "uk"),
    ("Как сообщает агентство, сделка сорвалась.", "ru"),
    ("Як зазначає видання, Захід готовий до компромісу.", "uk"),
])
def test_language_of_a_sentence(sentence: str, expected: str) -> None:
    assert detect_language(sentence) == expected


def test_language_of_an_article_with_a_russian_sentence(example_text: str) -> None:
    a = Pipeline(["normalise", "segment", "language"])(Article(text=example_text))
    assert a.languages == ["en", "ru"]
    assert a.language == "en"
    ru = [a.text[s.start:s.end] for s, lang in zip(a.sentences, a.sentence_languages, strict=True)
          if lang == "ru"]
    assert ru and ru[0].startswith("Умеров отметил")
