"""Whole articles in the style of the example (Ukrainian news in English translation, a stray sentence
in Ukrainian or Russian), written for these tests: every stage together, read as the user reads it.

Each row: the article, its publication date, and for some statements (found by how their words
begin) the speaker, the date they were said and the outlets that carried them.
"""

from __future__ import annotations

import pytest

from sayso import extract

ARTICLES = [
    (
        "Kuleba said Ukraine would not accept any \"frozen conflict\" scenario.\n\n"
        "Ukrainian Foreign Minister Dmytro Kuleba stated that Kyiv will not agree to freeze the war. He said "
        "this on Wednesday in an interview with the BBC in Kyiv.\n"
        "Кулеба подчеркнул, что Украина не согласится на \"замороженный конфликт\".\n\n"
        "\"We will not repeat this mistake,\" the minister emphasized.\n\n"
        "Earlier this month, the head of the Office of the President, Andriy Yermak, told Ukrainska Pravda "
        "that Ukraine expects new air defense systems. \"Time matters,\" Yermak added.\n\n"
        "A source in the General Staff told \"RBC-Ukraine\" that the first batteries could arrive in April.",
        "2024-03-15",
        [("Kyiv will not agree", "Dmytro Kuleba", "2024-03-13", ("BBC",)),
         ("We will not repeat", "Dmytro Kuleba", "2024-03-13", ("BBC",)),
         ("Украина не согласится", "Dmytro Kuleba", "2024-03-13", ("BBC",)),
         ("Ukraine expects new air defense", "Andriy Yermak", "2024-03", ("Ukrainska Pravda",)),
         ("Time matters", "Andriy Yermak", "2024-03", ("Ukrainska Pravda",)),
         ("the first batteries", "A source in the General Staff", "2024-03-15", ("RBC-Ukraine",))],
    ),
    (
        "Ukraine expects an invitation to NATO at the next summit. This was stated by Deputy Prime Minister "
        "Olha Stefanishyna during a meeting with EU ambassadors on Tuesday.\n\n"
        "\"We have done our homework,\" she stressed.\n\n"
        "CNN reported, citing two US officials, that the decision would be made in December.",
        "2024-11-21",
        [("Ukraine expects an invitation", "Olha Stefanishyna", "2024-11-19", None),
         ("We have done our homework", "Olha Stefanishyna", "2024-11-19", None),
         ("the decision would be made", "two US officials", "2024-11-21", ("CNN",))],
    ),
    (
        "Foreign Minister of Ukraine Andrii Sybiha said that Kyiv would not agree to a ceasefire without "
        "guarantees. In his words, only NATO membership can provide them.\n\n"
        "\"Any pause is a pause for Russia to rearm,\" the head of Ukrainian diplomacy noted in a comment to "
        "Suspilne.\nСибіга наголосив, що без гарантій безпеки перемир'я неможливе.\n\n"
        "As reported by Politico, some European diplomats believe talks could begin next year.",
        "2024-12-02",
        [("Kyiv would not agree", "Andrii Sybiha", "2024-12-02", None),
         ("only NATO membership", "Andrii Sybiha", "2024-12-02", None),
         ("Any pause is a pause", "Andrii Sybiha", "2024-12-02", ("Suspilne",)),
         ("без гарантій безпеки", "Andrii Sybiha", "2024-12-02", ("Suspilne",))],
    ),
    (
        "Как сообщает ТАСС со ссылкой на источники в Кремле, встреча не планируется.\n\n"
        "«Мы не видим предмета для разговора», — подчеркнула Захарова во вторник.",
        "2024-03-13",
        [("встреча не планируется", "источники в Кремле", "2024-03-13", ("ТАСС",)),
         ("Мы не видим предмета", "Захарова", "2024-03-12", None)],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), ARTICLES, ids=[a[0][:30] for a in ARTICLES])
def test_articles_whole(text: str, published: str,
                        expected: list[tuple[str, str, str, tuple[str, ...] | None]]) -> None:
    statements = extract(text, published=published, on_error="raise").statements
    for s in statements:
        assert text[s.start:s.end] == s.text
    for begins, speaker, said_on, reported_by in expected:
        found = [s for s in statements if s.text.startswith(begins)]
        assert found, f"no statement begins {begins!r}: {[s.text[:30] for s in statements]}"
        s = found[0]
        assert (s.speaker, s.said_on, s.reported_by) == (speaker, said_on, reported_by), begins
