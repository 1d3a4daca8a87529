"""The cue lexicon: reporting verbs and phrases, read from ``lang/<code>/cues.txt``.

Each line is ``lemma | forms | flags``. Missing forms are made by regular English inflection, so the
data file lists only irregular verbs in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lang import load_lines


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    form: str
    flags: frozenset[str]
    participle: bool  # may be a past participle (said, told, labeled): passive is possible
    gerund: bool  # -ing form: "adding that ...", "noting ..."

    @property
    def confidence(self) -> float:
        if "speech" in self.flags:
            return 0.9
        return 0.6


def _regular_forms(lemma: str) -> tuple[str, str, str]:
    """(third person, past, -ing) of a regular English verb."""
    if lemma.endswith("e") and not lemma.endswith("ee"):
        return lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma + "es", lemma + "ed", lemma + "ing"
    return lemma + "s", lemma + "ed", lemma + "ing"


@dataclass(frozen=True, slots=True)
class Lexicon:
    single: dict[str, CueEntry]
    multi: dict[tuple[str, ...], CueEntry]  # first word -> longer phrases, keyed by all their words
    max_words: int
    first_words: frozenset[str]  # any cue's first word
    # a word every cue holds (its first, or the last content word of "in his words"): windows
    # without one are never tokenised, and "in" is too common a word to be the test
    trigger_words: frozenset[str]
    multi_first: frozenset[str]  # first words of the cues of several words ("according", "pointed")
    multi_pairs: frozenset[tuple[str, str]]  # their first two words: "in" alone tries no phrase


_GLUE = frozenset({"in", "the", "of", "his", "her", "their"})


@cache
def load_cues(lang: str = "en") -> Lexicon:
    single: dict[str, CueEntry] = {}
    multi: dict[tuple[str, ...], CueEntry] = {}
    for line in load_lines(lang, "cues"):
        parts = [p.strip() for p in line.split("|")]
        lemma = parts[0].lower()
        forms_field = parts[1] if len(parts) > 1 else ""
        flags = frozenset((parts[2] if len(parts) > 2 else "").split())
        words = lemma.split()
        head, rest = words[0], words[1:]
        if forms_field:
            forms = [f.strip().lower() for f in forms_field.split()]
            # multiword forms are written with their particle: "pointed out points out"
            if rest:
                forms = [f for f in forms if f not in rest]
            forms = [head, *forms]
        else:
            forms = [head, *_regular_forms(head)]
        for f in dict.fromkeys(forms):
            if "pastonly" in flags and (f == head or (f.endswith("s") and not f.endswith("ss"))):
                continue  # "state", "states", "post", "posts": nouns far more often than cues
            gerund = f.endswith("ing") and f != head
            participle = f != head and not gerund and not (f.endswith("s") and f != head and
                                                           not f.endswith(("ss",)) and f[:-1] in forms)
            entry = CueEntry(lemma, f, flags, participle, gerund)
            if rest:
                multi[(f, *rest)] = entry
            elif f not in single:
                single[f] = entry
    for line in load_lines(lang, "according") if lang == "en" else ["according to"]:
        phrase, _, marks = line.partition("|")
        key = tuple(phrase.split())
        multi[key] = CueEntry(" ".join(key), key[0], frozenset({"according", "speech", *marks.split()}),
                              False, False)
    first = frozenset(single) | {k[0] for k in multi}
    multi_first = frozenset(k[0] for k in multi)
    triggers = frozenset(single) | {next((w for w in reversed(k) if w not in _GLUE), k[0]) if k[0] in _GLUE
                                    else k[0] for k in multi}
    pairs = frozenset((k[0], k[1]) for k in multi)
    longest = max((len(k) for k in multi), default=1)
    return Lexicon(single, multi, longest, first, triggers, multi_first, pairs)
