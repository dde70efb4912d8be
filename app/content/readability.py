"""How easy a step is to read: LIX for Swedish, a reading grade for English, sentence length for the rest.

The Language Act asks public Swedish to be "vårdat, enkelt och begripligt". We
measure it so a hard page is found before a frightened reader meets it. Which
measure a language uses, and its limits, live in its record in `app/languages.py`.

- LIX (Björnsson): words per sentence + the share of long words (more than six
  letters) in per cent. Under 30 is very easy, 30–40 easy, 40–50 newspaper prose.
- English: the Flesch–Kincaid grade, 0.39 × words per sentence + 11.8 × syllables
  per word − 15.59. A US grade of 4–5 is a reading age of about 9–10. A page
  that must explain a legal term once scores higher, hence a looser page limit.
- Words per sentence, for the languages with no measure here that is known to work
  (Arabic, Persian, Somali, Tigrinya): LIX's "long word" and English syllables mean
  nothing in those scripts, but a long sentence is hard in every language.

A sentence ends at . ! ? (and the Arabic ؟ and Ethiopic ። ፧) or at the end of a block: a heading or a list item is a
sentence of its own even without a full stop, as a reader takes it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..languages import LANGUAGE
from . import markdown

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?؟።፧]+(?=\s|$)")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Score:
    """One page's measure and the counts it came from."""

    value: float
    words: int
    sentences: int


def sentences(body: str | markdown.Body) -> list[list[str]]:
    """The words of each sentence of a Markdown body."""
    if isinstance(body, str):
        body = markdown.Body(body)
    found = []
    for block in body.text_blocks():
        for part in _SENTENCE_END.split(block):
            words = _WORD.findall(part)
            if words:
                found.append(words)
    return found


def lix(body: str | markdown.Body) -> Score:
    units = sentences(body)
    words = [word for sentence in units for word in sentence]
    if not words:
        return Score(0.0, 0, 0)
    long_words = sum(1 for word in words if len(re.sub(r"[-'’]", "", word)) > 6)
    return Score(len(words) / len(units) + 100 * long_words / len(words), len(words), len(units))


@lru_cache(maxsize=50_000)  # content words only; a guide repeats most of its words
def syllables(word: str) -> int:
    """English syllables by vowel groups, the usual estimate: 'violence' 3, 'safe' 1."""
    word = word.lower().replace("’", "'")
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouydt]ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(_VOWEL_GROUPS.findall(word)))


def english_grade(body: str | markdown.Body) -> Score:
    units = sentences(body)
    words = [word for sentence in units for word in sentence]
    if not words:
        return Score(0.0, 0, 0)
    per_sentence = len(words) / len(units)
    per_word = sum(syllables(word) for word in words) / len(words)
    return Score(0.39 * per_sentence + 11.8 * per_word - 15.59, len(words), len(units))


def words_per_sentence(body: str | markdown.Body) -> Score:
    units = sentences(body)
    words = sum(len(sentence) for sentence in units)
    return Score(words / len(units) if units else 0.0, words, len(units))


def median(scores: list[Score]) -> float:
    return statistics.median(score.value for score in scores) if scores else 0.0


# The measures a language's record may name.
MEASURES: dict[str, Callable[[str | markdown.Body], Score]] = {
    "LIX": lix,
    "grade": english_grade,
    "words per sentence": words_per_sentence,
}


def measure(lang: str) -> Callable[[str | markdown.Body], Score] | None:
    """The function that scores a page in `lang`, or None when its record names no known measure."""
    found = LANGUAGE[lang].readability
    return MEASURES.get(found.measure) if found else None
