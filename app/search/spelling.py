"""How a word of the danger lists may be written in a text (rule 2 of app/search/danger.py).

A frightened person types fast: a letter wrong, missing or swapped, a learner's plain verb form
("han låsa mig" for "låser"), or the word inside a longer one ("kökskniven"). `Spellings` answers,
for a word of the text, which list words it may stand for; the danger check decides what they mean.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from .text import ALL_STOP_WORDS, fold, normalise

# Words at least this long may carry one typo in a danger phrase ("misshandar"); shorter
# words are too often another real word one letter away ("bröder" from "blöder").
DANGER_TYPO_LENGTH = 7
# A word of five letters may have lost one letter of a list word this long ("pistl" for "pistol*"): only
# a missing letter, and no longer words, since a short word one letter off is too often another word
# ("sträng" is not "strangl*").
SHORT_TYPO_LENGTHS = (6,)
# Learners write a verb in its plain form: a phrase's verb form also stands for a plain form this long
# ("låsa" for "låser"); shorter ones are too often another word ("spy" is not "spyr").
BASE_FORM_FROM = 4
# Marks a word read as a plain form of a phrase's verb: it counts inside a phrase of two words or more only.
PLAIN = "~"
_SMALL_WORDS = frozenset(fold(word) for word in ALL_STOP_WORDS)


def words(text: str) -> list[str]:
    """Normalised words with apostrophes dropped, so "he's" and "hes" are one word."""
    return [word for word in normalise(text).replace("'", "").split() if word]


def starred(text: str) -> tuple[str, ...]:
    """A phrase whose words may end in * ("stryp*") or stand between two ("*kniv*", in "kökskniven")."""
    return tuple(
        ("*" if raw.startswith("*") else "") + word + ("*" if raw.endswith("*") else "")
        for raw in text.split()
        for word in words(raw)
    )


def plain_match(word: str, pattern: str) -> bool:
    """A word against a phrase word, with its * as in the lists ("slut*"), but no typos."""
    if pattern.startswith("*") and pattern.endswith("*"):
        return pattern[1:-1] in word
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


class Spellings:
    """The list words (starred or not) of one language's danger lists, indexed for the ways they may be written."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        vocabulary = set(vocabulary)
        self._vocabulary = frozenset(w for w in vocabulary if not w.endswith("*"))
        self._written_as: dict[str, set[str]] = defaultdict(set)  # a plain form → the phrase words it stands for
        for word in self._vocabulary:
            for plain in _plain_forms(word):
                self._written_as[plain].add(word)
        self._prefixes = frozenset(w[:-1] for w in vocabulary if w.endswith("*") and not w.startswith("*"))
        # A starred word held inside a word ("*kniv*"), found by the pieces of the word as long as one.
        self._inside = {w[1:-1]: w for w in vocabulary if w.startswith("*") and w.endswith("*")}
        self._inside_lengths = sorted({len(part) for part in self._inside})
        self._near = _deletions_index(w for w in self._vocabulary if len(w) >= DANGER_TYPO_LENGTH)
        # Shorter words may only miss a letter ("pistl" for "pistol*"): list words one letter longer, by deletion.
        self._one_short: dict[str, set[str]] = defaultdict(set)
        for whole in (w for w in self._vocabulary if len(w) in SHORT_TYPO_LENGTHS):
            for variant in _deletions(whole) - {whole}:
                self._one_short[variant].add(whole)
        for start in (p for p in self._prefixes if len(p) in SHORT_TYPO_LENGTHS):
            for variant in _deletions(start) - {start}:
                self._one_short[variant].add(start + "*")
        # A typo in the start of a starred word: only starts of DANGER_TYPO_LENGTH - 1 letters or more.
        self._near_prefixes = _deletions_index(p for p in self._prefixes if len(p) >= DANGER_TYPO_LENGTH - 1)
        self._prefix_lengths = sorted({len(p) for p in self._prefixes if len(p) >= DANGER_TYPO_LENGTH - 1})
        self._longest_prefix = max(map(len, self._prefixes), default=0)

    def of(self, word: str) -> set[str]:
        """The word, the list words it may be a typo of, plain forms (marked PLAIN), and the starred words
        it starts with or holds."""
        found = {word, *self._typos(word), *(PLAIN + w for w in self._written_as.get(word, ()))}
        longest = min(len(word), self._longest_prefix)
        found.update(word[:n] + "*" for n in range(1, longest + 1) if word[:n] in self._prefixes)
        inside = self._inside
        for n in self._inside_lengths:
            found.update(inside[word[i : i + n]] for i in range(len(word) - n + 1) if word[i : i + n] in inside)
        return found

    def _typos(self, word: str) -> set[str]:
        """The list words `word` may be a typo of: one letter off, in words of DANGER_TYPO_LENGTH or more,
        or one letter missing from a list word of SHORT_TYPO_LENGTHS.

        Also the starred words whose start it may be a typo of ("stranglng", "strngled" for "strangl*").
        """
        if word in self._vocabulary:
            return set()
        if len(word) + 1 in SHORT_TYPO_LENGTHS:
            return set(self._one_short.get(word, ()))
        if len(word) < DANGER_TYPO_LENGTH - 1:
            return set()
        found = {w for w in _candidates(word, self._near) if OSA.distance(word, w, score_cutoff=1) <= 1}
        if len(word) < DANGER_TYPO_LENGTH:
            return found
        # Only starts of longer words: a word as long as the start is more often another word ("stränga").
        lengths = {
            m for n in self._prefix_lengths for m in (n - 1, n, n + 1) if DANGER_TYPO_LENGTH - 1 <= m < len(word)
        }
        starts = {word[:m] for m in lengths}
        for start in starts:
            for prefix in _candidates(start, self._near_prefixes):
                if len(prefix) < len(word) and OSA.distance(start, prefix, score_cutoff=1) <= 1:
                    found.add(prefix + "*")
        return found


def _plain_forms(word: str) -> set[str]:
    """The plain forms a learner may write for a present-tense verb in a phrase (folded, as the lists are
    read): "hotar" → "hota", "laser" (låser) → "lasa", "kommer" → "komma", "locks" → "lock". Never for
    the past tense ("hitta mig" is not "hittade mig"), nor a small word: "skar" (skär) is not "ska"."""
    if len(word) < BASE_FORM_FROM:
        return set()
    forms = set()
    if word.endswith(("ar", "er")):
        forms.add(word[:-2] + "a")
    if word.endswith("r") and word[-2] in "aeiouy":
        forms.add(word[:-1])
    if word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    return {form for form in forms if len(form) >= BASE_FORM_FROM and form != word and form not in _SMALL_WORDS}


def _deletions(word: str) -> set[str]:
    """The word and every way of writing it with one letter left out."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _deletions_index(words: Iterable[str]) -> dict[str, set[str]]:
    """Each word's deletions → the words: two words one letter apart share one (symmetric deletion)."""
    index: dict[str, set[str]] = defaultdict(set)
    for word in words:
        for variant in _deletions(word):
            index[variant].add(word)
    return dict(index)


def _candidates(word: str, index: dict[str, set[str]]) -> set[str]:
    return {found for variant in _deletions(word) for found in index.get(variant, ())}
