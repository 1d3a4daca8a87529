"""``finalise``: order statements, give them stable ids and their sentence's language."""

from __future__ import annotations

import hashlib

from .model import Article, Statement, replace_statement, stable_id
from .pipeline import stage
from .settings import Settings


def article_key(article: Article) -> str:
    """The article's id, or a hash of its text when it has none."""
    if article.id:
        return str(article.id)
    return hashlib.blake2b(article.text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@stage("finalise")
def finalise(article: Article, settings: Settings) -> None:
    key = article_key(article)
    out: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    for st in sorted(article.statements, key=lambda s: (s.start, s.end)):
        if (st.start, st.end) in seen:
            continue
        if st.confidence is not None and st.confidence < settings.min_confidence:
            continue
        seen.add((st.start, st.end))
        lang = st.language
        if lang is None and article.sentence_languages and article.sentences:
            lang = article.sentence_languages[article.sentence_index(st.start)]
            lang = None if lang == "other" else lang
        out.append(replace_statement(st, language=lang, id=stable_id(key, st.kind, st.start, st.end)))
    article.statements = out
