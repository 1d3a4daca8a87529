"""``speakers.attribute``: speakers for quotations that no cue in their own sentence claimed.

``quotes.reported`` already attributes every quotation next to a cue. What is left here:

- a quotation introduced by a cue that ends the previous sentence with a colon
  ("He said:" ⏎ "…");
- a quotation that continues an attributed one — the second half of ``"A," he said. "B."`` or a
  paragraph that goes on quoting after an attributed paragraph: same speaker, same group;
- anything else is kept without a speaker when it reads as speech (a sentence, several words);
  names and scare quotes in quotation marks are dropped unless attributed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..lang import load_set
from ..model import Article, Cue, Mention, Quotation, Span, Statement, stable_id
from ..pipeline import stage
from ..quotes.direct import looks_like_name
from ..quotes.reported import is_typewriter
from ..settings import Settings


def is_speech_like(words: str) -> bool:
    """A quotation that reads as something said, not a scare quote or a title."""
    w = words.strip()
    if not w or looks_like_name(w):
        return False
    # Without a speaker, only a full sentence or a long passage reads as a statement; shorter
    # quoted fragments are scare quotes, slogans or titles (measured on the dev corpus: under
    # eight words fewer than one in three is a quotation an annotator attributed).
    n = len(w.split())
    return n >= 16 or (n >= 8 and w.rstrip("”\"'’ ")[-1:] in ".!?,…")


_CAP = "A-ZА-ЯЁІЇЄҐ"
# '—"Sam Mendes leaves ‘Chocolate Factory’," by Times' Michael Paulson': a headline credited to its author
_CREDIT = re.compile(r"[,.]?\s{0,2}by\s+(?:the\s+)?[A-Z]")


def is_credited_title(text: str, q: Quotation) -> bool:
    """A quotation followed by "by" and a name is the title of a piece with its author (newsletter
    round-ups, reading lists), not words somebody said."""
    return q.close_at is not None and _CREDIT.match(text, q.outer_end) is not None
_NAME_COLON = re.compile(
    rf"(?:^|\n|[.!?]\s|\s[-—–]\s)\s*((?:[{_CAP}][\w.'’\-]*)(?:\s+(?:[{_CAP}][\w.'’\-]*|of|the|de|van|von|al|"
    r"\([^()\n]{1,24}\))){0,6})\s*:\s*$")


def find_colon_intro(text: str, q: Quotation,
                     colon_cues: list[tuple[int, Mention | None, Cue]],
                     ) -> tuple[Mention | None, Cue | None] | None:
    """The speaker of a quotation introduced by a colon: a cue that ended its sentence with one
    ('As Joel Pollak reported:' ⏎ '"..."'), or a bare name ('Rep. Trey Gowdy (R-S.C.): "..."')."""
    for at, mention, cue in reversed(colon_cues):
        if at < q.open_at:
            between = text[at + 1:q.open_at]
            if not between.strip() and between.count("\n") <= 2:
                return mention, cue
            break
    line_start = text.rfind("\n", 0, q.open_at) + 1
    head = text[max(line_start, q.open_at - 120):q.open_at]
    m = _NAME_COLON.search(head) if head.rstrip().endswith(":") else None
    if m:
        s = max(line_start, q.open_at - 120) + m.start(1)
        e = max(line_start, q.open_at - 120) + m.end(1)
        words = text[s:e]
        colon = text.rfind(":", e, q.open_at)
        if words.split()[0].lower() not in load_set("en", "sentence_openers") and colon >= 0:
            return Mention(s, e, words), Cue(colon, colon + 1, ":", ":", "colon")
    return None


def continues_speech(words: str) -> bool:
    """Next to an attributed quotation a shorter piece still reads as more of the same speech."""
    w = words.strip()
    n = len(w.split())
    return not looks_like_name(w) and (n >= 4 or (n >= 2 and w.rstrip("”\"'’ ")[-1:] in ".!?,…"))


def find_context_speaker(article: Article, q: Quotation, by_end: list[Statement],
                         windows: list[Span]) -> tuple[Statement | None, str]:
    """The statement whose speaker a cue-less quotation inherits, and why ("colon" | "continues")."""
    text = article.text
    prev = None
    for st in by_end:
        if st.end <= q.open_at:
            prev = st
        else:
            break
    if prev is None or prev.speaker is None:
        return None, ""
    gap = text[prev.end:q.open_at]
    # 'He said:' + the quotation (same or next paragraph)
    if prev.cue_end is not None and prev.cue_end <= q.open_at:
        tail = text[prev.cue_end:q.open_at]
        if tail.rstrip().endswith(":") and tail.count("\n") <= 2 and len(tail) < 200:
            return prev, "colon"
    # continuation: the previous statement is a direct quote that ends close before, with only its
    # attribution (and at most one paragraph break) in between
    quoted = prev.kind == "direct" or is_typewriter(text, _quotation_at(article, prev.start))
    same_paragraph = "\n" not in gap
    if (quoted or same_paragraph) and gap.count("\n") <= 2 and len(gap) <= (320 if same_paragraph else 160):
        if (prev.cue_start is not None and prev.cue_start >= prev.end) or gap.strip() in ("", ".", ","):
            return prev, "continues"
        if quoted and prev.cue_start is not None and prev.cue_start < prev.start and "\n" in gap:
            return prev, "continues"
    return None, ""


def _end(s: Statement) -> int:
    return s.end


def _quotation_at(article: Article, start: int) -> Quotation | None:
    for q in article.quotations:
        if q.outer_start == start:
            return q
    return None


@stage("speakers.attribute", requires=["quotes.reported"])
def attribute(article: Article, settings: Settings) -> None:
    text = article.text
    claimed: set[int] = article.work.get("claimed", set())
    windows: list[Span] = article.work.get("windows", [])
    key = article.id or ""
    langs = article.sentence_languages
    found = sorted(article.statements, key=_end)
    new: list[Statement] = []
    for q in article.quotations:
        if q.open_at in claimed or q.end <= q.start:
            continue
        if langs and article.sentences and langs[article.sentence_index(q.start)] not in ("en", "ru", "uk",
                                                                                          "other"):
            continue
        if any(s.start <= q.start and q.end <= s.end for s in article.statements):
            continue  # inside a reported clause: part of a mixed statement
        words = text[q.start:q.end]
        kind, start, end = "direct", q.start, q.end
        if is_typewriter(text, q):
            kind, start, end = "indirect", q.outer_start, q.outer_end
        if looks_like_name(words):
            continue  # "Radio Liberty", a book title: a name in quotation marks says nothing
        if is_credited_title(text, q):
            continue
        intro = find_colon_intro(text, q, article.work.get("colon_cues", []))
        if intro is not None:
            mention, cue = intro
            new.append(Statement(
                kind=kind, start=start, end=end, text=text[start:end],  # type: ignore[arg-type]
                speaker=mention.text if mention else None,
                speaker_mention=mention.text if mention else None,
                speaker_start=mention.start if mention else None,
                speaker_end=mention.end if mention else None,
                cue=cue.text if cue else None, cue_start=cue.start if cue else None,
                cue_end=cue.end if cue else None, confidence=0.8 if mention else 0.5,
            ))
            bisect.insort(found, new[-1], key=_end)
            continue
        prev, why = find_context_speaker(article, q, found, windows)
        # '"We will not give up," Zelensky said. "Never."': right after its attribution, in the same
        # line, even one word ending a sentence is more of the same speech
        tight = prev is not None and why == "continues" and "\n" not in text[prev.end:q.open_at] \
            and len(text[prev.end:q.open_at]) <= 60 and words.strip()[-1:] in (".", "!", "?", "…")
        if prev is not None and (why == "colon" or continues_speech(words) or tight):
            group = prev.group or stable_id(key, "group", prev.cue_start)
            st = Statement(
                kind=kind, start=start, end=end, text=text[start:end], group=group,  # type: ignore[arg-type]
                speaker=prev.speaker, speaker_mention=prev.speaker_mention,
                speaker_start=prev.speaker_start, speaker_end=prev.speaker_end,
                cue=prev.cue, cue_start=prev.cue_start, cue_end=prev.cue_end,
                confidence=0.75 if why == "colon" else 0.7,
            )
            if why == "continues" and prev.group is None:
                idx = next((k for k, s in enumerate(article.statements) if s is prev), None)
                if idx is not None:
                    article.statements[idx] = replace(prev, group=group)
            new.append(st)
            bisect.insort(found, st, key=_end)
        elif settings.keep_unattributed and is_speech_like(words):
            new.append(Statement(kind=kind, start=start, end=end, text=text[start:end],  # type: ignore[arg-type]
                                 confidence=0.5))
            bisect.insort(found, new[-1], key=_end)
    article.statements.extend(new)
