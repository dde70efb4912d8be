"""Text as the matching sees it: normalised words, stop words, Snowball stems.

Shared by the index and the danger check. Words keep å/ä/ö for the stemmer and
are folded ("kontaktforbud") only where a spelling is compared. A person's words
are stemmed and forgotten: only the content's own words are remembered.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import MappingProxyType

import Stemmer  # PyStemmer: the Snowball stemmers compiled

from ..languages import ALL, LANGUAGE

# Folding and stop words come from each language's record: adding a language touches app/languages.py only.
# Folding is the same for every text (people write in the wrong language), so it joins every language's.
_FOLD = str.maketrans({letter: plain for language in ALL for letter, plain in language.folding.items()})
_NOT_WORD = re.compile(r"[^\w']+|_")

STOP_WORDS = MappingProxyType({language.code: language.stop_words for language in ALL})
# Every language's small words: for phrases editors write in either language, and for texts that mix them.
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

# "man" is "one" ("kan man få …") unless it is a man: "min man", "en man", "jag är man".
_STOP_UNLESS_NOUN = frozenset({"man"})
_BEFORE_A_NOUN = frozenset("min din sin hennes hans vår er deras en".split())
_PRONOUNS = frozenset("jag du han".split())


def unfolded(text: str) -> str:
    """Lower case, compatibility forms unified, controls and punctuation gone; å/ä/ö kept."""
    text = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if not text.isprintable():  # a zero-width joiner in Persian, a stray control character
        controls = [ord(ch) for ch in set(text) if unicodedata.category(ch)[0] == "C"]
        text = text.translate(dict.fromkeys(controls))
    text = text.replace("’", "'")
    # A mark on a letter (Arabic short vowels, shadda) is part of its word, never a space between words:
    # "يَضْرِبُنِي" is one word (NFKC has already joined å, ä and ö into one letter each). Each letter used
    # is looked at once, not each letter written: this runs on every message.
    marks = [ord(ch) for ch in set(text) if not ch.isascii() and unicodedata.category(ch) == "Mn"]
    if marks:
        text = text.translate(dict.fromkeys(marks))
    return " ".join(_NOT_WORD.sub(" ", text).split())


def fold(text: str) -> str:
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """Lower case, compatibility forms unified, controls and punctuation gone, å/ä/ö folded."""
    return fold(unfolded(text))


@lru_cache(maxsize=4)
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


def _is_stop(word: str, stop: frozenset[str]) -> bool:
    """A stop word as written, or written without å/ä/ö ("gora"); but "män" is not "man"."""
    return word in stop or (fold(word) == word and word in _folded(stop))


def _dropped(words: list[str], i: int, stop: frozenset[str]) -> bool:
    """Whether words[i] is a stop word here; "man" is not in "min man", "en man", "jag är man"."""
    if not _is_stop(words[i], stop):
        return False
    if words[i] not in _STOP_UNLESS_NOUN or i == 0:
        return True
    before = words[max(0, i - 2) : i]
    return not (before[-1] in _BEFORE_A_NOUN or (before[-1] == "är" and before[0] in _PRONOUNS))


class _AsWritten:
    """A language Snowball has no stemmer for: each word is its own stem; folding and fuzzy matching do the rest."""

    def stemWord(self, word: str) -> str:  # noqa: N802 (Snowball's name)
        return word


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> Stemmer.Stemmer | _AsWritten:
    """The language's Snowball stemmer, compiled (a hundred times quicker than in Python, same stems).

    Its cache is off (size 0): PyStemmer would otherwise keep the last 10,000 words
    it stemmed, the words people write among them.
    """
    name = LANGUAGE[lang].stemmer
    return Stemmer.Stemmer(name, 0) if name else _AsWritten()


def terms(text: str, lang: str) -> list[str]:
    """The stemmed words of `text` that carry meaning, with å/ä/ö as written.

    The stemmer needs å/ä/ö: folded, "skadeståndet" would lose "andet" as if it
    were an ending, and no longer meet "skadestånd".
    """
    return Stems(lang).terms(text, learn=False)


_UNSEEN = object()


class Stems:
    """Stems of the content's words, remembered while an index is built and used after.

    Only content words are remembered: a query's own words are stemmed and
    forgotten, since a cache would keep the words people write after their request.
    What a content word comes to (its stem, or nothing for a stop word) is kept
    per stop list, so a large guide is indexed with one look-up per word.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._known: dict[frozenset[str], dict[str, str | None]] = {}
        self._stemmer = _stemmer(lang)

    def terms(self, text: str, stop: frozenset[str] | None = None, learn: bool = True) -> list[str]:
        """The stems of the words of `text` that are not stop words nor single letters."""
        stop = STOP_WORDS[self.lang] if stop is None else stop
        known = self._known.setdefault(stop, {}) if learn else self._known.get(stop, {})
        words = [word for word in (w.strip("'") for w in unfolded(text).split()) if word]
        found = []
        for i, word in enumerate(words):
            if word in _STOP_UNLESS_NOUN:  # depends on the words before: never remembered
                if not _dropped(words, i, stop):
                    found.append(self._stemmer.stemWord(word))
                continue
            stem = known.get(word, _UNSEEN)
            if stem is _UNSEEN:
                stem = None if len(word) < 2 or _is_stop(word, stop) else self._stemmer.stemWord(word)
                if learn:
                    known[word] = stem
            if stem is not None:
                found.append(stem)
        return found
