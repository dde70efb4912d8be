"""Free text → the steps that fit, and the check for danger that runs first.

Entirely local and in memory: words are normalised (Unicode, case, å/ä/ö folded
to a/a/o so "kontaktforbud" finds "kontaktförbud"), stemmed with Snowball,
stripped of stop words, then looked up in an inverted index built once per
language from each step's title, synonyms, keywords and text. Words that are not
in the index are matched with rapidfuzz to the nearest indexed words, so typos
still find their step. Titles and curated synonyms weigh more than body text.

The text a person writes is only ever held in local variables here: never
logged, stored or put in an exception message.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

from .content.model import Danger, Step, Tree

MAX_LENGTH = 500
# How much a word weighs by where it stands in a step.
FIELD_WEIGHTS = {"title": 3.0, "synonyms": 3.0, "keywords": 2.0, "body": 1.0}
# A match below this confidence is not offered as "this may help you".
GOOD_ENOUGH = 0.35
FUZZY_CUTOFF = 80

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o", "á": "a"})
_NOT_WORD = re.compile(r"[^\w']+|_")
_STEMMERS = {"sv": "swedish", "en": "english"}

STOP_WORDS = {
    "sv": frozenset(
        """
och i att det som en på är av för med till den har de inte om ett han hon men var jag sig från vi så kan
man när år säger hade nu dem du ska skulle vara vad vill mig min mitt mina mej dig din ditt dina oss er
här där hur eller ju bara också efter än mot under över sin sitt sina då någon något några alla
blir bli blev får fick göra gör gjorde ha hans hennes deras sen sedan dom ni vem vilken vilket vilka
ja nej typ liksom asså alltså lite mycket väldigt jätte hej tack snälla
""".split()
    ),
    "en": frozenset(
        """
a an the and or but if of to in on at by for with from as is are was were be been being am i me my mine
you your yours he him his she her hers it its we us our they them their this that these those what
which who whom how when where why can could will would shall should do does did have has had not no
yes so too very just about into out up down over under again there here than then some any all
hi hello please thanks thank get got im i'm dont don't
""".split()
    ),
}


def normalise(text: str) -> str:
    """Lower case, compatibility forms unified, controls and punctuation gone, å/ä/ö folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t ")
    text = text.replace("’", "'")
    return " ".join(_NOT_WORD.sub(" ", text).translate(_FOLD).split())


@lru_cache(maxsize=16384)
def _stem(word: str, lang: str) -> str:
    return _stemmer(lang).stemWord(word).translate(_FOLD)


@lru_cache(maxsize=2)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(_STEMMERS[lang])


def terms(text: str, lang: str) -> list[str]:
    """The stemmed, folded words of `text` that carry meaning."""
    words = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    found = []
    for word in _NOT_WORD.sub(" ", words).split():
        word = word.strip("'")
        if not word or word.translate(_FOLD) in STOP_WORDS[lang] or word in STOP_WORDS[lang]:
            continue
        found.append(_stem(word, lang))
    return found


@dataclass(frozen=True)
class Match:
    """A step that fits, with how well (0–1) and the raw score that breaks ties."""

    step: Step
    confidence: float
    score: float = 0.0


@dataclass(frozen=True)
class Answer:
    """What the guide makes of a text: danger first, then the steps that fit, best first."""

    danger: bool
    suicide: bool
    matches: tuple[Match, ...]

    @property
    def best(self) -> Match | None:
        """The best step, when it fits well enough to be offered."""
        return self.matches[0] if self.matches and self.matches[0].confidence >= GOOD_ENOUGH else None


class Index:
    """One language's steps, indexed for free-text lookup. Built once per loaded tree."""

    def __init__(self, tree: Tree, lang: str) -> None:
        self.lang = lang
        self.steps = dict(tree.steps)
        weights: dict[str, dict[str, float]] = defaultdict(dict)
        self._phrases: dict[str, list[str]] = {}
        for step in self.steps.values():
            fields = {
                "title": [step.title],
                "synonyms": list(step.synonyms),
                "keywords": list(step.keywords),
                "body": [step.body_markdown],
            }
            for field, texts in fields.items():
                for text in texts:
                    for term in terms(text, lang):
                        weights[term][step.id] = max(weights[term].get(step.id, 0.0), FIELD_WEIGHTS[field])
            self._phrases[step.id] = [normalise(p) for p in (step.title, *step.synonyms, *step.keywords)]
        count = len(self.steps) or 1
        self._postings = {
            term: {step_id: weight * math.log(1 + count / len(found)) for step_id, weight in found.items()}
            for term, found in weights.items()
        }
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for term in self._postings:
            self._by_length[len(term)].append(term)

    def _near(self, term: str) -> list[tuple[str, float]]:
        """Indexed terms close to an unknown one: typos, and Swedish compounds that contain it."""
        if term in self._postings:
            return [(term, 1.0)]
        if len(term) < 4:
            return []
        pool = [t for n in range(len(term) - 2, len(term) + 3) for t in self._by_length.get(n, ())]
        near = [
            (found, score / 100)
            for found, score, _ in process.extract(term, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3)
        ]
        if not near and len(term) >= 5:
            near = [(t, 0.6) for t in self._compounds(term)]
        return near

    def _compounds(self, term: str) -> list[str]:
        return [t for t in self._postings if len(t) > len(term) and (t.endswith(term) or t.startswith(term))][:5]

    def search(self, text: str, limit: int = 4) -> tuple[Match, ...]:
        query_terms = list(dict.fromkeys(terms(text, self.lang)))
        if not query_terms:
            return ()
        scores: dict[str, float] = defaultdict(float)
        possible = 0.0
        for term in query_terms:
            near = self._near(term)
            best_weight = 0.0
            for found, similarity in near:
                for step_id, weight in self._postings[found].items():
                    scores[step_id] += weight * similarity / len(near)
                    best_weight = max(best_weight, weight)
            possible += best_weight or math.log(1 + len(self.steps)) * FIELD_WEIGHTS["title"]
        if not scores:
            return ()
        query = normalise(text)
        ranked = sorted(scores.items(), key=lambda item: -item[1])[: limit * 5]
        matches = []
        for step_id, score in ranked:
            phrase = max((fuzz.token_set_ratio(query, p) for p in self._phrases[step_id] if p), default=0) / 100
            coverage = min(1.0, score / possible) if possible else 0.0
            confidence = round(0.6 * coverage + 0.4 * phrase * coverage**0.5, 4)
            matches.append(Match(self.steps[step_id], confidence, score))
        matches.sort(key=lambda m: (-m.confidence, -m.score, m.step.id))
        return tuple(matches[:limit])


def _contains(text: str, phrase: str) -> bool:
    """Whole-word presence of `phrase` in normalised `text`, allowing a small typo in long phrases."""
    if f" {phrase} " in f" {text} ":
        return True
    return len(phrase) >= 10 and fuzz.partial_ratio(phrase, text) >= 92


class DangerCheck:
    """The content's danger word lists for one language, normalised once."""

    def __init__(self, words: Danger) -> None:
        def prepared(phrases: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(normalise(p) for p in phrases if normalise(p)))

        self.acute = prepared(words.acute)
        self.harm = prepared(words.harm)
        self.now = prepared(words.now)
        self.not_now = prepared(words.not_now)
        self.suicide = prepared(words.suicide)

    def __call__(self, text: str) -> tuple[bool, bool]:
        """(danger now, thoughts of suicide) for a text."""
        normal = normalise(text)

        def any_of(phrases: tuple[str, ...]) -> bool:
            return any(_contains(normal, phrase) for phrase in phrases)

        suicide = any_of(self.suicide)
        harm_now = any_of(self.harm) and any_of(self.now) and not any_of(self.not_now)
        return suicide or any_of(self.acute) or harm_now, suicide


def answer(index: Index, danger: DangerCheck, text: str) -> Answer:
    """Danger first, then the steps that fit. `text` is cut to MAX_LENGTH by the caller."""
    in_danger, suicide = danger(text)
    return Answer(in_danger, suicide, index.search(text))
