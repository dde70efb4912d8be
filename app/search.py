"""Free text → the steps that fit, and the check for danger that runs first.

Entirely local and in memory. Words are normalised (Unicode, case), stripped of
stop words and stemmed with Snowball, then looked up in an inverted index built
once per language from each step's title, synonyms, keywords and text, and from
the title, keywords and synonyms of its twin in the other language (people mix
languages). A word is found as written; written without å/ä/ö it finds every
spelling it may stand for ("kontaktforbud" → "kontaktförbud"), while "läge"
written properly does not find "lag". A word that is not in the index is matched
to the nearest curated words (typos), to the compounds it is part of ("förbud"
→ "kontaktförbud"), or to the parts it is made of; a known word also finds its
other forms the stemmer leaves apart ("anmäl", "anmälan").

Titles weigh most, then curated synonyms, keywords and body text; a step whose
curated phrase the text covers gets a bonus, so "min man slår mig" finds the step
that lists that phrase rather than any step that mentions "slår".

The text a person writes is only ever held in local variables here: never
logged, stored, cached or put in an exception message.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, fields
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .content.model import Danger, Step, Tree

MAX_LENGTH = 500
# How much a word weighs by where it stands in a step. A twin's words fill the
# gaps of people mixing languages, so they weigh like body text.
FIELD_WEIGHTS = {"title": 4.0, "synonyms": 3.0, "keywords": 2.0, "body": 1.0, "twin": 1.0}
# How much covering one of a step's curated phrases adds, relative to the words.
PHRASE_WEIGHT = 2.0
# How much a step's own wording, word for word, adds (see Index._phrase_fit).
WORDING_WEIGHT = 2.0
# A match below this confidence is not offered as "this may help you".
GOOD_ENOUGH = 0.35
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

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o", "á": "a"})
_NOT_WORD = re.compile(r"[^\w']+|_")
_STEMMERS = {"sv": "swedish", "en": "english"}

STOP_WORDS = {
    "sv": frozenset(
        """
och i att det som en på är av för med till den har de inte om ett han hon men var jag sig från vi så kan
man när år säger hade dem du ska skulle vara vad vill mig min mitt mina mej dig din ditt dina oss er
här där hur eller ju bara också efter än mot under över sin sitt sina då någon något några alla
blir bli blev få får fick göra gör gjorde ha hans hennes deras sen sedan dom ni vem vilken vilket vilka
honom henne ingen inget inga allt andra annan annat själv samma varje vart varför vars dess denna detta
dessa sådan sådant ut upp åt vid utan inom mellan kunde varit blivit ej icke
ja nej typ liksom asså alltså lite mycket väldigt jätte hej tack snälla e nån nåt nåra å hela pga
""".split()
    ),
    "en": frozenset(
        """
a an the and or but if of to in on at by for with from as is are was were be been being am i me my mine
you your yours he him his she her hers it its we us our they them their this that these those what
which who whom how when where why can could will would shall should do does did have has had not no
yes so too very just about into out up down over under again there here than then some any all
hi hello please thanks thank get got im i'm dont don't myself yourself himself herself itself ourselves
themselves other own same such only each both few more most nor off once until while because through
during before after above below between further also ever never always i've i'd i'll you're he's she's it's
""".split()
    ),
}

# "man" is "one" ("kan man få …") unless it is a man: "min man", "en man", "jag är man".
_STOP_UNLESS_NOUN = frozenset({"man"})
_BEFORE_A_NOUN = frozenset("min din sin hennes hans vår er deras en".split())
_PRONOUNS = frozenset("jag du han".split())


def _unfolded(text: str) -> str:
    """Lower case, compatibility forms unified, controls and punctuation gone; å/ä/ö kept."""
    text = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if not text.isprintable():
        text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = text.replace("’", "'")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def normalise(text: str) -> str:
    """Lower case, compatibility forms unified, controls and punctuation gone, å/ä/ö folded."""
    return _fold(_unfolded(text))


@lru_cache(maxsize=4)
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(_fold(word) for word in words)


def _is_stop(word: str, stop: frozenset[str]) -> bool:
    """A stop word as written, or written without å/ä/ö ("gora"); but "män" is not "man"."""
    return word in stop or (_fold(word) == word and word in _folded(stop))


def _dropped(words: list[str], i: int, stop: frozenset[str]) -> bool:
    """Whether words[i] is a stop word here; "man" is not in "min man", "en man", "jag är man"."""
    if not _is_stop(words[i], stop):
        return False
    if words[i] not in _STOP_UNLESS_NOUN or i == 0:
        return True
    before = words[max(0, i - 2) : i]
    return not (before[-1] in _BEFORE_A_NOUN or (before[-1] == "är" and before[0] in _PRONOUNS))


@lru_cache(maxsize=2)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(_STEMMERS[lang])


def terms(text: str, lang: str) -> list[str]:
    """The stemmed words of `text` that carry meaning, with å/ä/ö as written.

    The stemmer needs å/ä/ö: folded, "skadeståndet" would lose "andet" as if it
    were an ending, and no longer meet "skadestånd".
    """
    return _Stems(lang).terms(text, learn=False)


@dataclass(frozen=True)
class Match:
    """A step that fits, with how well (0–1) and the raw score that ranks it."""

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


@dataclass(frozen=True)
class _Phrase:
    """A step's title or synonym: its terms and their summed idf, its plain words, and its field's weight."""

    terms: frozenset[str]
    mass: float
    words: frozenset[str]
    weight: float


def _fields(step: Step) -> dict[str, list[str]]:
    return {
        "title": [step.title],
        "synonyms": list(step.synonyms),
        "keywords": list(step.keywords),
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


_UNSEEN = object()


class _Stems:
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
        words = [word for word in (w.strip("'") for w in _unfolded(text).split()) if word]
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


class Index:
    """One language's steps, indexed for free-text lookup. Built once per loaded tree.

    `twin` is the same guide in the other language: its titles, keywords and
    synonyms are indexed too, for words the person borrowed from that language.
    Terms keep å/ä/ö; everything approximate (typos, parts, other forms) works on
    the folded spelling and maps back to every term spelt so.
    """

    def __init__(self, tree: Tree, lang: str, twin: Tree | None = None) -> None:
        self.lang = lang
        self.steps = dict(tree.steps)
        self._stems = _Stems(lang)
        self._curated_terms: set[str] = set()  # filled by _weights: terms of titles, synonyms, keywords
        phrases: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)  # also filled by _weights
        weights = self._weights(twin, phrases)
        self._spellings: dict[str, list[str]] = defaultdict(list)
        for term in weights:
            self._spellings[_fold(term)].append(term)
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
        heaviest_first = sorted(FIELD_WEIGHTS, key=FIELD_WEIGHTS.get, reverse=True)
        for step in self.steps.values():
            fields = _fields(step)
            best: dict[str, float] = {}
            for field in heaviest_first:
                for text in fields.get(field, ()):
                    found = self._stems.terms(text)
                    for term in found:
                        best.setdefault(term, FIELD_WEIGHTS[field])
                    if field != "body":
                        self._curated_terms.update(found)
                    if field in ("title", "synonyms"):
                        phrases[step.id].append((field, text, found))
            for term, weight in best.items():
                weights[term][step.id] = weight
        if twin is not None:
            native = {_fold(term) for term in weights}
            both = STOP_WORDS["sv"] | STOP_WORDS["en"]
            for step_id in sorted(self.steps.keys() & twin.steps.keys()):
                for text in _curated(twin[step_id]):
                    for term in self._stems.terms(text, both):
                        if _fold(term) not in native:
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
        return {term: math.log(1 + count / len(steps[_fold(term)])) for term in weights}

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
            folded = _fold(term)
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
        folded = _fold(term)
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


# Words that turn a danger phrase around when they stand in it or right next to it
# ("han slår mig inte", "he is not at the door"). Grammar, like the stop words, so kept here.
NEGATIONS = frozenset("inte ej aldrig ingen inget inga not never no dont doesnt didnt isnt wasnt wont".split())
# Where one thought ends and the next begins: punctuation, "men"/"but" ("he hit me before, but now …"),
# and before a condition, so "han dödar mig om han hittar mig" keeps "om han" apart from "dödar mig".
_CLAUSE_END = re.compile(r"[.,;:!?\n]+|\b(?:men|but)\b|(?=\b(?:om|ifall|if)\b)", re.I)
# A danger phrase may have this many other words between its own: "har en stor kniv" for "har kniv".
DANGER_GAP = 2
# Words at least this long may carry one typo in a danger phrase ("misshandar").
DANGER_TYPO_LENGTH = 6


def _danger_words(text: str) -> list[str]:
    """Normalised words with apostrophes dropped, so "he's" and "hes" are one word."""
    return [word for word in normalise(text).replace("'", "").split() if word]


@dataclass(frozen=True)
class _Clause:
    """One clause of a text: at each position, the words of the danger lists it may stand for."""

    at: tuple[frozenset[str], ...]

    def starts(self, word: str) -> list[int]:
        return [i for i, words in enumerate(self.at) if word in words]

    def negation(self, i: int) -> bool:
        return 0 <= i < len(self.at) and bool(self.at[i] & NEGATIONS)

    def spans(self, phrase: tuple[str, ...], turned_by_neighbours: bool) -> list[tuple[int, int]]:
        """Where `phrase` stands, as (first, last) positions; optionally not next to a negation."""
        found = []
        for start in self.starts(phrase[0]):
            end = self._follow(phrase, 1, start)
            if end is None:
                continue
            if turned_by_neighbours and (self.negation(start - 1) or self.negation(end + 1)):
                continue
            found.append((start, end))
        return found

    def _follow(self, phrase: tuple[str, ...], k: int, at: int) -> int | None:
        """The last position of phrase[k:] when phrase[k - 1] stands at `at`, allowing short gaps."""
        if k == len(phrase):
            return at
        for i in range(at + 1, min(len(self.at), at + 2 + DANGER_GAP)):
            if phrase[k] in self.at[i]:
                end = self._follow(phrase, k + 1, i)
                if end is not None:
                    return end
            if self.negation(i):  # a gap may not hide a "not"
                return None
        return None


class DangerCheck:
    """The content's danger word lists for one language, read once as sequences of words.

    Each clause of a text is judged on its own, so a word that says "before"
    cancels what stands in its own clause only: "han slog mig förra året, nu bor
    jag själv" is not "slog mig … nu". An acute phrase is cancelled only by a
    "not now" word before it in its clause ("om han står utanför igen"), since
    "han kommer döda mig om han hittar mig" is danger.
    """

    def __init__(self, words: Danger) -> None:
        self.lists = {field.name: self._prepared(getattr(words, field.name)) for field in fields(Danger)}
        vocabulary = {word for phrases in self.lists.values() for phrase in phrases for word in phrase}
        self._vocabulary = frozenset(vocabulary)
        self._long = sorted(word for word in vocabulary if len(word) >= DANGER_TYPO_LENGTH)

    @staticmethod
    def _prepared(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        return tuple(dict.fromkeys(tuple(_danger_words(p)) for p in phrases if _danger_words(p)))

    def __call__(self, text: str) -> tuple[bool, bool]:
        """(danger now, thoughts of suicide) for a text."""
        clauses = [clause for clause in map(self._clause, _CLAUSE_END.split(text)) if clause.at]
        suicide = any(self._spans("suicide", clause, turned_by_neighbours=False) for clause in clauses)
        acute = harm = now = False
        for clause in clauses:
            cues = self._spans("not_now", clause)
            acute = acute or any(all(end >= start for _, end in cues) for start, _ in self._spans("acute", clause))
            harm = harm or (not cues and bool(self._spans("harm", clause)))
            now = now or (not cues and bool(self._spans("now", clause)))
        return suicide or acute or (harm and now), suicide

    def _clause(self, text: str) -> _Clause:
        """Each word of the clause, with the list words it may be a typo of."""
        return _Clause(tuple(frozenset({word, *self._typos(word)}) for word in _danger_words(text)))

    def _typos(self, word: str) -> list[str]:
        """The list words `word` may be a typo of: one letter off, in words of DANGER_TYPO_LENGTH or more."""
        if word in self._vocabulary or len(word) < DANGER_TYPO_LENGTH - 1:
            return []
        return [
            found
            for found, _, _ in process.extract(
                word, self._long, scorer=Levenshtein.distance, score_cutoff=1, limit=None
            )
        ]

    def _spans(self, name: str, clause: _Clause, turned_by_neighbours: bool = True) -> list[tuple[int, int]]:
        """Where the phrases of one list stand in a clause."""
        return [span for phrase in self.lists[name] for span in clause.spans(phrase, turned_by_neighbours)]


def answer(index: Index, danger: DangerCheck, text: str) -> Answer:
    """Danger first, then the steps that fit. `text` is cut to MAX_LENGTH by the caller."""
    in_danger, suicide = danger(text)
    return Answer(in_danger, suicide, index.search(text))
