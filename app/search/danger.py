"""Is the person who wrote this in danger now? A safety component, reviewed on its own.

The words live in content/danger.yaml, where an editor can read and change them;
this module holds only the rules that use them. The rules, in the order they apply:

1. The text is cut into clauses: at . , ; : ! ? and where a `new_clause` word
   begins one ("men", "och nu", "om", "but", "and now", "if").
2. In each clause the phrases of every list are looked for. A word may be written
   without å/ä/ö, without apostrophes, or with one typo when it is seven letters or
   more (a letter wrong, missing, added, or two swapped: "strnagled"), or with one
   letter missing when it is five letters ("pistl" for "pistol*"); "stryp*" stands
   for every word that starts with "stryp", "*kniv*" for every word with "kniv" in
   it ("kökskniven"). A verb may be written in its plain form, as learners do: "han
   stänga in mig" for "stänger in mig", "sparka på dörren" for "sparkar på dörr*";
   only for the present tense, and only inside a phrase of two words or more
   ("skjuta upp" is no "skjuter").
   Up to three other words in all may stand between a phrase's words, but never a
   `negation` word.
3. A phrase with a `negation` word right after it does not count ("han slår mig
   inte"), nor one a `negation` word stands before in its clause, unless a
   `negation_ends` word (a new subject: "att", "jag", "that", "he") stands
   between: "han har aldrig hotat mig med kniv" is no danger, "han vet inte att
   jag gömmer mig" is. A `not_negation` phrase ("slutar inte", "won't stop") is
   no negation: "han slutar inte slå mig" is violence going on.
   A phrase with its own negation ("vill inte leva", "kan inte andas") is never turned.
4. Time: a sentence with a `before` word ("förra året") says nothing about now,
   except in its clauses with a `now` word: "när vi bodde ihop, ströp han mig" is
   told of the past, "han har hotat mig tidigare och nu bankar han på dörren" is
   danger. The next sentence has its own time. A `now` word
   inside a `before` phrase ("mår bättre nu") is no `now`.
   A clause with an `asking` word (the law, a film, the news, a dream, a joke) is
   talk about violence, not violence: it is cancelled even with a `now` word.
   A `cry` for help first in the text ("hjälp", "pls help") is a `now` word for
   its clause, unless the clause says it was before.
   A clause with a `habit` word ("varje dag", "ibland", "always") tells what
   keeps happening, not that it happens now: its `acute` phrases count as `harm`.
5. Conditions: a phrase after a `maybe` word in its clause ("om han kommer", "what
   if") only might happen, and is not danger. A condition after a threat does not
   soften it: "han dödar mig om han hittar mig" is danger. Nor does a condition
   someone states as a threat: a `speech` word ("han sa att", "he said") right
   before the condition makes "om jag ringer polisen är det sista jag gör" danger.
6. Someone threatening to harm themselves to control the writer (`control`, "han
   tar livet av sig om jag lämnar") is neither the writer's suicide nor danger;
   phrases inside such a threat do not count.
7. `suicide` is the writer's own thoughts of suicide, unless "han", "hon", "dom"
   (`others`) is the last person named before the phrase: then "han ska ta livet
   av mig" (the writer as object) is a threat to kill, and "han hotar med
   självmord" a threat used to control.
   The writer's suicide is also told by signs together: a `means` or place ("vid
   spåret", "my pills") with a `now` word or a `farewell` ("brev till alla"), a
   `farewell` with a `now` word, or two farewells.
8. Danger now is: an `acute` phrase, a `lethal` act (strangling, weapons, threats
   to kill, pills, in any tense or person), thoughts of suicide, or two different
   kinds of sign in what is not over, not only possible: `harm` (violence, threats,
   fear), `injury` (the body hurt now), `trapped` (a door locked, keys taken,
   hiding), `near` (the person is here or coming) and `now`. "han har låst dörren
   och tagit min telefon" (trapped, harm), "jag hör honom komma uppför trappan"
   (now, near), "halsen gör ont och han är i lägenheten" (injury, near). One sign
   alone ("han låste dörren", "jag har ont i huvudet") is not enough. In a `habit` clause only
   `harm` counts (its `acute` phrases too), so "han låser alltid dörren" is no sign.
   Danger to anyone counts, not only to the writer: "pappa slår mamma just nu".
   A professional writing about someone met at work (`work`: "jag är kurator", "en
   patient") tells what happened to that person, not what is happening now: their
   `acute` and `lethal` phrases count as `harm`, so they need a `now` word too.
9. Unsure: the text is about violence, threats, control, injury or being shut in,
   none of it is said to be over, but nothing says it is happening now ("min man
   slår mig", "han låste dörren"). The guide then asks "Är du i fara just nu?"
   without the full alarm.

The text is only ever held in local variables here: never logged, stored or cached.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import NamedTuple

from rapidfuzz.distance import OSA

from ..content.model import Danger
from .text import ALL_STOP_WORDS, fold, normalise

# A danger phrase may have this many other words in all between its own: "har en stor kniv" for "har kniv".
DANGER_GAP = 3
# Words at least this long may carry one typo in a danger phrase ("misshandar"); shorter
# words are too often another real word one letter away ("bröder" from "blöder").
DANGER_TYPO_LENGTH = 7
# The writer, when named as the one who acts before a `suicide` phrase (rule 7).
FIRST_PERSON = frozenset("jag ja jagg i im ive".split())
# The writer as the object of a `suicide` phrase whose subject is someone else: a threat to kill (rule 7).
OBJECTS = frozenset("mig mej me oss us".split())
# Signs that say danger only together, two of different kinds (rule 8).
SIGNS = ("harm", "injury", "trapped", "near", "now")
# Signs that tell the text is about violence to someone, when nothing says it is now (rule 9).
ABOUT_VIOLENCE = ("acute", "lethal", "harm", "control", "injury", "trapped")
# The lists a verdict is drawn from; the others are grammar (time, conditions, negation).
SIGNALS = ("acute", "lethal", "harm", "suicide", "control", "injury", "trapped", "near", "means", "farewell")
# Lists whose phrases a `negation` next to them turns around: the signals, and "now" ("inte just nu").
NEGATABLE = (*SIGNALS, "now")
# How near before a condition a `speech` word must end for the condition to be a threat stated.
SPEECH_REACH = 3
# How far a `negation` before a phrase reaches, in words, when no new subject stands between.
NEGATION_REACH = 5
# A word of five letters may have lost one letter of a list word this long ("pistl" for "pistol*"): only
# a missing letter, and no longer words, since a short word one letter off is too often another word
# ("sträng" is not "strangl*").
SHORT_TYPO_LENGTHS = (6,)
# Learners write a verb in its plain form: a phrase's verb form also stands for a plain form this long
# ("låsa" for "låser"); shorter ones are too often another word ("spy" is not "spyr").
BASE_FORM_FROM = 4
# Marks a word read as a plain form of a phrase's verb: it counts inside a phrase of two words or more only.
PLAIN = "~"
# Lists that are grammar for other lists, not phrases to find in a text.
_NOT_FOUND = ("negation", "new_clause", "not_negation", "negation_ends")
_SMALL_WORDS = frozenset(fold(word) for word in ALL_STOP_WORDS)
_PUNCTUATION = re.compile(r"[.,;:!?\n()\"]+")
# Where a sentence ends: a `before` word sets the time of its whole sentence (rule 4).
_SENTENCE_END = re.compile(r"[.!?\n]+")

Span = tuple[int, int]


class Verdict(NamedTuple):
    """What the check makes of a text: danger now, the writer's thoughts of suicide, unsure whether now,
    and whether someone threatens to harm themselves to control the writer."""

    danger: bool
    suicide: bool
    unsure: bool = False
    control: bool = False


def _words(text: str) -> list[str]:
    """Normalised words with apostrophes dropped, so "he's" and "hes" are one word."""
    return [word for word in normalise(text).replace("'", "").split() if word]


def _starred(text: str) -> tuple[str, ...]:
    """A phrase whose words may end in * ("stryp*") or stand between two ("*kniv*", in "kökskniven")."""
    return tuple(
        ("*" if raw.startswith("*") else "") + word + ("*" if raw.endswith("*") else "")
        for raw in text.split()
        for word in _words(raw)
    )


@dataclass(frozen=True)
class _Text:
    """A text as the check reads it: at each position, the list words it may stand for, and its clauses."""

    at: tuple[frozenset[str], ...]
    clause_of: tuple[int, ...]
    sentence_of_clause: dict[int, int]

    def negated(self, i: int, clause: int) -> bool:
        return 0 <= i < len(self.at) and self.clause_of[i] == clause and "\x00not" in self.at[i]

    def negated_before(self, start: int, clause: int) -> bool:
        """Whether a `negation` stands before `start` in its clause, within reach and with no new subject between."""
        for i in range(start - 1, max(-1, start - 1 - NEGATION_REACH), -1):
            if self.clause_of[i] != clause or "\x00end" in self.at[i]:
                return False
            if "\x00not" in self.at[i]:
                return True
        return False


class DangerCheck:
    """The content's danger lists for one language (and its twin's, for people who mix), read once."""

    def __init__(self, words: Danger, twin: Danger | None = None) -> None:
        sources = [words] if twin is None else [words, twin]
        self.lists: dict[str, tuple[tuple[str, ...], ...]] = {
            field.name: tuple(
                dict.fromkeys(_starred(p) for source in sources for p in getattr(source, field.name) if _words(p))
            )
            for field in fields(Danger)
        }
        self._negations = frozenset(p[0] for p in self.lists["negation"] if len(p) == 1)
        self._negation_ends = frozenset(p[0] for p in self.lists["negation_ends"] if len(p) == 1)
        self._not_negations = self.lists["not_negation"]
        # first word → (list, phrase, the phrase's other words): a phrase is followed only when they are all written
        self._by_first: dict[str, list[tuple[str, tuple[str, ...], frozenset[str]]]] = defaultdict(list)
        for name, phrases in self.lists.items():
            if name in _NOT_FOUND:
                continue
            for phrase in phrases:
                self._by_first[phrase[0]].append((name, phrase, frozenset(phrase[1:])))
        vocabulary = {word for phrases in self.lists.values() for phrase in phrases for word in phrase}
        self._vocabulary = frozenset(w for w in vocabulary if not w.endswith("*"))
        self._written_as: dict[str, set[str]] = defaultdict(set)  # a plain form → the phrase words it stands for
        for word in self._vocabulary:
            for plain in _plain_forms(word):
                self._written_as[plain].add(word)
        self._prefixes = frozenset(w[:-1] for w in vocabulary if w.endswith("*") and not w.startswith("*"))
        self._inside = frozenset(w for w in vocabulary if w.startswith("*") and w.endswith("*"))
        self._near = _deletions_index(w for w in self._vocabulary if len(w) >= DANGER_TYPO_LENGTH)
        # Shorter words may only miss a letter ("pistl" for "pistol*"): list words one letter longer, by deletion.
        self._one_short: dict[str, set[str]] = defaultdict(set)
        for whole in (w for w in self._vocabulary if len(w) in SHORT_TYPO_LENGTHS):
            for variant in _deletions(whole) - {whole}:
                self._one_short[variant].add(whole)
        for start in (p for p in self._prefixes if len(p) in SHORT_TYPO_LENGTHS):
            for variant in _deletions(start) - {start}:
                self._one_short[variant].add(start + "*")
        self._near_prefixes = _deletions_index(p for p in self._prefixes if len(p) >= DANGER_TYPO_LENGTH - 1)
        self._prefix_lengths = sorted({len(p) for p in self._prefixes if len(p) >= DANGER_TYPO_LENGTH - 1})
        # A typo in the start of a starred word: only starts of DANGER_TYPO_LENGTH - 1 letters or more.
        self._breaks: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in self.lists["new_clause"]:
            self._breaks[phrase[0]].append(phrase)
        self._longest_prefix = max(map(len, self._prefixes), default=0)

    def __call__(self, text: str) -> Verdict:
        """The verdict on a text: see the rules in this module's docstring."""
        read = self._read(text)
        found = self._found(read)
        clauses = set(read.clause_of)
        past = [span for spans in found["before"].values() for span in spans]
        now_in = {c for c, spans in found["now"].items() if any(all(not _overlap(s, p) for p in past) for s in spans)}
        now_in |= {c for c, spans in found["now"].items() if spans and not past}
        told_as_past = {read.sentence_of_clause[c] for c in clauses if found["before"].get(c) and c not in now_in}
        over = {c for c in clauses if read.sentence_of_clause[c] in told_as_past and c not in now_in}
        cries: dict[int, list[Span]] = {}
        if read.at and any(span[0] == 0 for spans in found["cry"].values() for span in spans):
            first = read.clause_of[0]
            if not found["before"].get(first):
                now_in.add(first)
                cries[first] = [span for span in found["cry"][first] if span[0] == 0]
        over |= {c for c in clauses if found["asking"].get(c)}
        habitual = {c for c in clauses if found["habit"].get(c)}
        said = [end for spans in found["speech"].values() for _, end in spans]
        maybe_from = {c: min(start for start, _ in spans) for c, spans in found["maybe"].items()}
        maybe_from = {c: at for c, at in maybe_from.items() if not any(0 < at - end <= SPEECH_REACH for end in said)}
        control_spans = [span for spans in found["control"].values() for span in spans]

        def standing(name: str) -> list[tuple[int, Span]]:
            """The phrases of a list that count: not over, not only possible, not inside a control threat."""
            return [
                (c, span)
                for c, spans in found[name].items()
                for span in spans
                if c not in over
                and span[0] <= maybe_from.get(c, len(read.at))
                and not (name != "control" and any(_overlap(span, other) for other in control_spans))
            ]

        at_work = any(found["work"].values())

        def acute() -> list[tuple[int, Span]]:
            return [] if at_work else [(c, span) for c, span in standing("acute") if c not in habitual]

        def lethal() -> list[tuple[int, Span]]:
            return [] if at_work else standing("lethal")

        def signs(name: str) -> list[Span]:
            """Where signs of this kind stand; in a `habit` clause only harm, and `acute` is harm there."""
            if name == "now":
                return [span for c in now_in - over for span in found["now"].get(c, []) + cries.get(c, [])]
            kept = [span for c, span in standing(name) if c not in habitual]
            if name == "harm":
                kept += [span for c, span in standing("harm") + standing("acute") if c in habitual]
                kept += [span for _, span in standing("acute") + standing("lethal") if at_work]
            return kept

        def possible(name: str) -> list[tuple[int, Span]]:
            return [(c, s) for c, spans in found[name].items() for s in spans if c not in over]

        suicide = threat = control_threat = False
        for c, span in standing("suicide"):
            if not self._someone_else(read, c, span[0]):
                suicide = True
            elif any(read.at[i] & OBJECTS for i in range(span[0], span[1] + 1)):
                threat = True  # "han ska ta livet av mig"
            else:
                control_threat = True  # "han hotar med självmord"
        means = any(not self._someone_else(read, c, span[0]) for c, span in standing("means"))
        farewells = {span for c, span in standing("farewell") if not self._someone_else(read, c, span[0])}
        suicide = (
            suicide
            or len(farewells) > 1
            or (means and bool(farewells))
            or ((means or bool(farewells)) and bool(signs("now")))
        )
        danger = bool(suicide or (threat and not at_work) or acute() or lethal())
        danger = danger or sum(bool(signs(name)) for name in SIGNS) >= 2
        unsure = not danger and any(possible(name) for name in ABOUT_VIOLENCE)
        control = bool(standing("control")) or control_threat
        unsure = unsure or (control and not danger)
        return Verdict(danger, suicide, unsure, control)

    def _read(self, text: str) -> _Text:
        """The words of the text with what each may stand for, and the clause each belongs to."""
        at: list[frozenset[str]] = []
        clause_of: list[int] = []
        sentence_of_clause: dict[int, int] = {}
        clause = 0
        for sentence, whole in enumerate(_SENTENCE_END.split(text)):
            for part in _PUNCTUATION.split(whole):
                words = _words(part)
                clause += 1
                kept = self._kept(words)
                for i, word in enumerate(words):
                    if i and any(tuple(words[i : i + len(b)]) == b for b in self._breaks.get(word, ())):
                        clause += 1
                    meanings = self._meanings(word)
                    at.append(meanings - {"\x00not"} if i in kept else meanings)
                    clause_of.append(clause)
                    sentence_of_clause[clause] = sentence
        return _Text(tuple(at), tuple(clause_of), sentence_of_clause)

    def _kept(self, words: list[str]) -> set[int]:
        """Positions of negations inside a `not_negation` phrase ("slutar inte"): they turn nothing around."""
        kept: set[int] = set()
        for i, word in enumerate(words):
            if word not in self._negations:
                continue
            for phrase in self._not_negations:
                for start in range(max(0, i - len(phrase) + 1), min(i, len(words) - len(phrase)) + 1):
                    if all(_plain_match(words[start + k], w) for k, w in enumerate(phrase)):
                        kept.update(range(start, start + len(phrase)))
        return kept

    def _meanings(self, word: str) -> frozenset[str]:
        """The word, the list words it may be a typo of, the starred words it starts with, and "not"."""
        found = {word, *self._typos(word), *(PLAIN + w for w in self._written_as.get(word, ()))}
        longest = min(len(word), self._longest_prefix)
        found.update(word[:n] + "*" for n in range(1, longest + 1) if word[:n] in self._prefixes)
        found.update(inside for inside in self._inside if inside[1:-1] in word)
        if word in self._negations:
            found.add("\x00not")
        if word in self._negation_ends:
            found.add("\x00end")
        return frozenset(found)

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

    def _found(self, read: _Text) -> dict[str, dict[int, list[Span]]]:
        """list name → clause → where its phrases stand, those with a negation next to them left out."""
        found: dict[str, dict[int, list[Span]]] = {name: defaultdict(list) for name in self.lists}
        written = {word.removeprefix(PLAIN) for word in frozenset().union(*read.at)}
        for start, meanings in enumerate(read.at):
            clause = read.clause_of[start]
            for word in meanings:
                plain = word.startswith(PLAIN)
                for name, phrase, rest in self._by_first.get(word.removeprefix(PLAIN), ()):
                    # A plain form counts only inside a phrase ("skjuta upp" is no "skjuter"), and a phrase
                    # is followed only when all its words are in the text.
                    if (plain and len(phrase) == 1) or not rest <= written:
                        continue
                    end = _follow(read, phrase, 1, start, DANGER_GAP)
                    if end is None:
                        continue
                    turned = read.negated_before(start, clause) or read.negated(end + 1, clause)
                    if name in NEGATABLE and turned and not self._negations.intersection(phrase):
                        continue
                    found[name][clause].append((start, end))
        return found

    def _someone_else(self, read: _Text, clause: int, start: int) -> bool:
        """Whether the last person named before `start` in its clause is someone else (rule 7)."""
        others = {p[-1] for p in self.lists["others"]}
        for i in range(start - 1, -1, -1):
            if read.clause_of[i] != clause:
                return False
            if read.at[i] & FIRST_PERSON:
                return False
            if read.at[i] & others:
                return True
        return False


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


def _plain_match(word: str, pattern: str) -> bool:
    """A word against a phrase word, with its * as in the lists ("slut*"), but no typos."""
    if pattern.startswith("*") and pattern.endswith("*"):
        return pattern[1:-1] in word
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


def _overlap(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _follow(read: _Text, phrase: tuple[str, ...], k: int, at: int, gap: int) -> int | None:
    """The last position of phrase[k:] when phrase[k - 1] stands at `at`, with at most `gap` other words
    between, in one clause."""
    if k == len(phrase):
        return at
    clause = read.clause_of[at]
    for i in range(at + 1, min(len(read.at), at + 2 + gap)):
        if read.clause_of[i] != clause:
            return None
        if phrase[k] in read.at[i] or PLAIN + phrase[k] in read.at[i]:
            end = _follow(read, phrase, k + 1, i, gap - (i - at - 1))
            if end is not None:
                return end
        if "\x00not" in read.at[i] and phrase[k] not in read.at[i]:  # a gap may not hide a "not"
            return None
    return None
