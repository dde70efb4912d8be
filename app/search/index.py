"""Free text → the steps that fit: an inverted index over each step's words, and its ranking.

Entirely local and in memory. Words are normalised (Unicode, case), stripped of
stop words and stemmed with Snowball, then looked up in an inverted index built
once per language from each step's title, synonyms, keywords and text, from the
texts people wrote for it (content/examples/), and from the title, keywords and
synonyms of its twin in the other language (people mix languages). A word is
found as written; written without å/ä/ö it finds every spelling it may stand for
("kontaktforbud" → "kontaktförbud"), while "läge" written properly does not find
"lag". A word that is not in the index is matched to the nearest curated words
(typos), to the compounds it is part of ("förbud" → "kontaktförbud"), or to the
parts it is made of; a known word also finds its other forms the stemmer leaves
apart ("anmäl", "anmälan").

Titles weigh most, then curated synonyms, keywords and body text; a step whose
curated phrase the text covers gets a bonus, so "min man slår mig" finds the step
that lists that phrase rather than any step that mentions "slår".

The text a person writes is only ever held in local variables here: never
logged, stored, cached or put in an exception message.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..content.model import Example, Step, Tree
from .text import ALL_STOP_WORDS, Stems, fold, normalise

# How much a word weighs by where it stands in a step. A twin's words fill the
# gaps of people mixing languages, so they weigh like body text.
# Examples (texts people wrote for the step, content/examples/) weigh like keywords.
FIELD_WEIGHTS = {"title": 4.0, "synonyms": 3.0, "keywords": 2.0, "examples": 2.0, "body": 1.0, "twin": 1.0}
# How much covering one of a step's curated phrases adds, relative to the words.
PHRASE_WEIGHT = 2.0
# How much a step's own wording, word for word, adds (see Index._phrase_fit).
WORDING_WEIGHT = 2.0
# A match below this confidence is not offered as "this may help you".
# rapidfuzz ratio (0–100) from which an unknown word is taken as a typo of a curated one.
FUZZY_CUTOFF = 80
FUZZY_LIMIT = 3
# How sure we are that a word means the compound it is part of, or the parts it is made of.
PART_SIMILARITY = 0.6
# Another form of the same word: up to VARIANT_ENDING letters more or fewer at the end,
# or spelt this alike (rapidfuzz ratio).
VARIANT_SIMILARITY = 0.9
VARIANT_ENDING = 3
VARIANT_CUTOFF = 90
# The shorter form must be this long: "spar" is not a form of "spark".
MIN_VARIANT = 5
# How many of the best-scoring steps are compared with the text phrase by phrase.
CANDIDATES = 10
# At most this many steps per term are looked up, those where it weighs most (see _champions).
CHAMPIONS = 200
# Parts shorter than this are too often chance ("bar" in "barn").
MIN_PART = 4


@dataclass(frozen=True)
class Match:
    """A step that fits, with how well (0–1) and the raw score that ranks it."""

    step: Step
    confidence: float
    score: float = 0.0


@dataclass(frozen=True)
class _Phrase:
    """A step's title or synonym: its terms and their summed idf, its plain words, and its field's weight."""

    terms: frozenset[str]
    mass: float
    words: frozenset[str]
    weight: float


def _fields(step: Step, examples: list[str]) -> dict[str, list[str]]:
    return {
        "title": [step.title],
        "synonyms": list(step.synonyms),
        "keywords": list(step.keywords),
        "examples": examples,
        "body": [step.body_markdown],
    }


def _champions(found: dict[str, float]) -> dict[str, float]:
    """The CHAMPIONS steps where a term weighs most, when it stands in more.

    In a very large guide a word found in hundreds of steps says little about
    each; looking it up only where it stands in a title, synonym or keyword (a
    "champion list") keeps a query quick. A guide smaller than CHAMPIONS steps
    keeps every posting.
    """
    if len(found) <= CHAMPIONS:
        return found
    return dict(heapq.nlargest(CHAMPIONS, found.items(), key=lambda item: item[1]))


def _curated(step: Step) -> list[str]:
    return [step.title, *step.synonyms, *step.keywords]


class Index:
    """One language's steps, indexed for free-text lookup. Built once per loaded tree.

    `twin` is the same guide in the other language: its titles, keywords and
    synonyms are indexed too, for words the person borrowed from that language.
    `examples` are texts people wrote and the steps that answered them: each
    step learns the words people use for it, beside the words its editors chose.
    Terms keep å/ä/ö; everything approximate (typos, parts, other forms) works on
    the folded spelling and maps back to every term spelt so.
    """

    def __init__(self, tree: Tree, lang: str, twin: Tree | None = None, examples: Iterable[Example] = ()) -> None:
        self.lang = lang
        self.steps = dict(tree.steps)
        self._examples: dict[str, list[str]] = defaultdict(list)
        for example in examples:
            for step_id in example.steps:
                self._examples[step_id].append(example.text)
        self._stems = Stems(lang)
        self._curated_terms: set[str] = set()  # filled by _weights: terms of all but the body
        phrases: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)  # also filled by _weights
        weights = self._weights(twin, phrases)
        self._spellings: dict[str, list[str]] = defaultdict(list)
        for term in weights:
            self._spellings[fold(term)].append(term)
        self._idf = self._rarity(weights)
        self._unknown_idf = math.log(1 + (len(self.steps) or 1))
        self._postings = {
            term: {step_id: weight * self._idf[term] for step_id, weight in _champions(found).items()}
            for term, found in weights.items()
        }
        self._phrases = {step_id: self._phrases_of(phrases[step_id]) for step_id in self.steps}
        self._pools = self._fuzzy_pools()
        self._compounds = self._compounds_by_part()
        self._variants = self._variants_by_term()

    def _weights(
        self, twin: Tree | None, phrases: dict[str, list[tuple[str, str, list[str]]]]
    ) -> dict[str, dict[str, float]]:
        """term → step → the weight of the heaviest field the term stands in.

        Fills `phrases` with each step's title and synonyms and their terms, for _phrases_of.
        """
        weights: dict[str, dict[str, float]] = defaultdict(dict)
        heaviest_first = sorted(FIELD_WEIGHTS, key=lambda field: FIELD_WEIGHTS[field], reverse=True)
        # Editors write curated phrases the way people write, in either language ("he says he
        # will have me deported" on a Swedish page): every language's small words are left out
        # of them, or "me" and "my" would tie a Swedish text written in English to that page.
        both = ALL_STOP_WORDS
        for step in self.steps.values():
            fields = _fields(step, self._examples.get(step.id, []))
            best: dict[str, float] = {}
            for field in heaviest_first:
                for text in fields.get(field, ()):
                    found = self._stems.terms(text) if field == "body" else self._stems.terms(text, both)
                    for term in found:
                        best.setdefault(term, FIELD_WEIGHTS[field])
                    if field != "body":
                        self._curated_terms.update(found)
                    if field in ("title", "synonyms"):
                        phrases[step.id].append((field, text, found))
            for term, weight in best.items():
                weights[term][step.id] = weight
        if twin is not None:
            native = {fold(term) for term in weights}
            for step_id in sorted(self.steps.keys() & twin.steps.keys()):
                for text in _curated(twin[step_id]):
                    for term in self._stems.terms(text, both):
                        if fold(term) not in native:
                            weights[term].setdefault(step_id, FIELD_WEIGHTS["twin"])
                            self._curated_terms.add(term)
        return weights

    def _rarity(self, weights: dict[str, dict[str, float]]) -> dict[str, float]:
        """Each term's inverse document frequency, counting the steps of all its spellings.

        So "polisanmala", written without ä in one step's synonyms, is not taken
        for a rare word that says much about that step.
        """
        count = len(self.steps) or 1
        steps = {folded: set().union(*(weights[t] for t in terms)) for folded, terms in self._spellings.items()}
        return {term: math.log(1 + count / len(steps[fold(term)])) for term in weights}

    def _phrases_of(self, phrases: list[tuple[str, str, list[str]]]) -> tuple[_Phrase, ...]:
        """A step's title and synonyms, as terms and as plain words; a title weighs more."""
        found = []
        for field, text, found_terms in phrases:
            if terms := frozenset(found_terms):
                mass = sum(self._idf[t] for t in terms)
                weight = FIELD_WEIGHTS[field] / FIELD_WEIGHTS["synonyms"]
                found.append(_Phrase(terms, mass, frozenset(normalise(text).split()), weight))
        return tuple(found)

    def _fuzzy_pools(self) -> dict[tuple[str, int], list[str]]:
        """For a first letter and a length, the folded curated terms a typo may be meant as.

        Only words of titles, synonyms and keywords: nobody looks for a body's
        "flest" when they write "fest". A typo seldom hits the first letter, and
        small pools keep a look-up quick.
        """
        by_start: dict[tuple[str, int], set[str]] = defaultdict(set)
        for term in self._curated_terms:
            folded = fold(term)
            by_start[folded[0], len(folded)].add(folded)
        longest = max((n for _, n in by_start), default=0)
        return {
            (first, n): sorted(t for m in range(n - 2, n + 3) for t in by_start.get((first, m), ()))
            for first in {first for first, _ in by_start}
            for n in range(MIN_PART, longest + 3)
        }

    def _compounds_by_part(self) -> dict[str, list[str]]:
        """Each folded start and end (≥ MIN_PART letters) of a longer term → the folded terms it starts or ends.

        So "förbud" finds "kontaktförbud" and "besöksförbud" with one look-up.
        """
        compounds: dict[str, list[str]] = defaultdict(list)
        for folded in sorted(self._spellings, key=len):
            for cut in range(MIN_PART, len(folded) - MIN_PART + 1):
                compounds[folded[:cut]].append(folded)
                compounds[folded[cut:]].append(folded)
        return dict(compounds)

    def _variants_by_term(self) -> dict[str, dict[str, float]]:
        """Each folded term → the folded terms that are likely the same word in another form.

        The stemmer leaves "anmäl" (anmäla) and "anmälan", or "misshandl" and
        "misshandel", apart; a few letters more at the end, or a near spelling, joins them.
        """
        variants = {}
        for folded in self._spellings:
            if len(folded) < MIN_VARIANT:
                continue
            found = {
                other: VARIANT_SIMILARITY
                for other in self._compounds.get(folded, ())
                if other.startswith(folded) and len(other) - len(folded) <= VARIANT_ENDING
            }
            for cut in range(1, VARIANT_ENDING + 1):
                if len(folded) - cut >= MIN_VARIANT and folded[:-cut] in self._spellings:
                    found[folded[:-cut]] = VARIANT_SIMILARITY
            found.update(dict.fromkeys(self._near(folded, VARIANT_CUTOFF), VARIANT_SIMILARITY))
            found.pop(folded, None)
            if found:
                variants[folded] = found
        return variants

    def _expand(self, term: str) -> dict[str, float]:
        """The indexed terms a query term may mean, each with how sure (0–1)."""
        folded = fold(term)
        exact = self._exact(term, folded)
        if exact:
            return {**self._unfold(self._variants.get(folded, {})), **exact}
        if len(folded) < MIN_PART:
            return {}
        return self._unfold(self._near(folded, FUZZY_CUTOFF) or self._parts(folded))

    def _exact(self, term: str, folded: str) -> dict[str, float]:
        """The term as written; written without å/ä/ö, every term it may stand for."""
        if term != folded:
            return {term: 1.0} if term in self._postings else {}
        return dict.fromkeys(self._spellings.get(folded, ()), 1.0)

    def _unfold(self, found: dict[str, float]) -> dict[str, float]:
        return {term: similarity for folded, similarity in found.items() for term in self._spellings[folded]}

    def _near(self, folded: str, cutoff: float) -> dict[str, float]:
        """Folded curated terms spelt like `folded`, with their similarity (0–1)."""
        pool = self._pools.get((folded[0], len(folded)), ())
        found = process.extract(folded, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=FUZZY_LIMIT + 1)
        return {other: score / 100 for other, score, _ in found}

    def _parts(self, folded: str) -> dict[str, float]:
        """The compounds `folded` starts or ends, or the indexed parts it is made of."""
        found = dict.fromkeys(self._compounds.get(folded, ())[:FUZZY_LIMIT], PART_SIMILARITY)
        for cut in range(MIN_PART, len(folded) - MIN_PART + 1):
            head, tail = folded[:cut], folded[cut:]
            if tail.startswith("s") and tail[1:] in self._spellings:  # the linking s of "hedersvåld"
                tail = tail[1:]
            if head in self._spellings and tail in self._spellings:
                found.update({head: PART_SIMILARITY, tail: PART_SIMILARITY})
        return found

    def search(self, text: str, limit: int = 4) -> tuple[Match, ...]:
        """The steps that fit `text`, best first, at most `limit`.

        Every word scores the steps it stands in; the CANDIDATES best are then
        compared with the text phrase by phrase.
        """
        expanded = [self._expand(term) for term in dict.fromkeys(self._stems.terms(text, learn=False))]
        scores: dict[str, float] = defaultdict(float)
        covered: dict[str, float] = defaultdict(float)
        possible = 0.0
        for near in expanded:
            possible += max((self._idf[t] * s for t, s in near.items()), default=self._unknown_idf)
            for step_id, (score, mass) in self._best_per_step(near).items():
                scores[step_id] += score
                covered[step_id] += mass
        query = {t: s for near in expanded for t, s in near.items()}
        words = set(normalise(text).split())
        ranked = []
        for step_id in heapq.nlargest(CANDIDATES, scores, key=scores.__getitem__):
            bonus, share, wording = self._phrase_fit(step_id, query, words)
            score = scores[step_id] + PHRASE_WEIGHT * bonus + WORDING_WEIGHT * wording
            ranked.append((step_id, score, self._confidence(covered[step_id] / possible, share)))
        ranked.sort(key=self._rank)
        return tuple(Match(self.steps[step_id], confidence, score) for step_id, score, confidence in ranked[:limit])

    def _rank(self, ranked: tuple[str, float, float]) -> tuple[float, bool, str]:
        """Best score first; on a tie, a page that answers before a question that asks more.

        Rounded, so sums taken in another order (sets) cannot break a tie by chance.
        """
        step_id, score, _ = ranked
        return -round(score, 6), self.steps[step_id].kind == "question", step_id

    @staticmethod
    def _confidence(coverage: float, share: float) -> float:
        """How well a step fits (0–1): how much of the text it covers, more when it covers a phrase of its own."""
        coverage = min(1.0, coverage)
        return round(0.6 * coverage + 0.4 * share * coverage**0.5, 4)

    def _best_per_step(self, near: dict[str, float]) -> dict[str, tuple[float, float]]:
        """step → (score, idf mass) of the best of a query word's meanings in that step."""
        best: dict[str, tuple[float, float]] = {}
        for term, similarity in near.items():
            mass = self._idf[term] * similarity
            for step_id, weight in self._postings[term].items():
                score = weight * similarity
                if score > best.get(step_id, (0.0, 0.0))[0]:
                    best[step_id] = (score, mass)
        return best

    def _phrase_fit(self, step_id: str, query: dict[str, float], words: set[str]) -> tuple[float, float, float]:
        """How well the step's own phrases cover the text: (bonus, share, wording).

        The bonus is the covered weight of the phrase times its covered share, so
        a phrase covered whole counts fully and a long phrase sharing one word
        counts little. The wording is how alike the best phrase and the text are
        word for word, small words included: stop words carry no meaning for the
        index, but among steps that fit alike they tell "ring polisen" (call now)
        from "vad gör polisen om jag ringer".
        """
        bonus = share = wording = 0.0
        for phrase in self._phrases[step_id]:
            hit = phrase.terms.intersection(query)
            if hit:
                covered = sum(self._idf[t] * query[t] for t in hit) / phrase.mass
                if covered * covered * phrase.mass * phrase.weight > bonus:
                    bonus, share = covered * covered * phrase.mass * phrase.weight, covered
            same = len(phrase.words.intersection(words))
            if same:
                wording = max(wording, same / (len(words) + len(phrase.words) - same))
        return bonus, share, wording
