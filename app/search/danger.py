"""Is the person who wrote this in danger now? A safety component, reviewed on its own.

The words live in content/danger.yaml, where an editor can read and change them;
this module holds only the rules that use them. The rules, in the order they apply:

1. The text is cut into clauses: at . , ; : ! ? (and the Arabic and Ethiopic
   marks for them: ، ؛ ؟ ። ፣ ፧) and where a `new_clause` word
   begins one ("men", "och nu", "om", "but", "and now", "if"), except inside a
   `not_condition` phrase, where "om" brings no condition ("ta hand om", "tog mig om halsen").
2. In each clause the phrases of every list are looked for (spelling.py reads the words). A
   word may be written without å/ä/ö, without apostrophes, or with one typo when it is seven letters or
   more (a letter wrong, missing, added, or two swapped: "strnagled"), or with one
   letter missing when it is five letters ("pistl" for "pistol*"); "stryp*" stands
   for every word that starts with "stryp", "*kniv*" for every word with "kniv" in
   it ("kökskniven"). A verb may be written in its plain form, as learners do: "han
   stänga in mig" for "stänger in mig", "sparka på dörren" for "sparkar på dörr*";
   only for the present tense, and only inside a phrase of two words or more
   ("skjuta upp" is no "skjuter").
   Up to three other words in all may stand between a phrase's words, but never a
   `negation` word.
3. A phrase with a `negation` word right after it, or after the writer named
   as its object, does not count ("han slår inte", "han slår mig inte"), nor one
   a `negation` word stands before in its clause, unless a `negation_ends` word
   (a new subject: "att", "jag", "that", "he") stands between: "han har aldrig
   hotat mig med kniv" is no danger, "han vet inte att jag gömmer mig" is. A
   `not_negation` phrase ("slutar inte", "won't stop") is no negation: "han
   slutar inte slå mig" is violence going on.
   A phrase with its own negation ("vill inte leva", "kan inte andas") is never turned.
4. Time: a `before` word ("förra året") says nothing about now from its clause to the
   end of its sentence, except in clauses with a `now` word: "när vi bodde ihop, ströp
   han mig" is told of the past, "han har hotat mig tidigare och nu bankar han på
   dörren" is danger. It does not reach back: in "han har kniv och säger att han ska
   döda mig, han har hotat förut" the threat is now, with its history after it.
   The next sentence has its own time. A `now` word
   inside a `before` phrase ("mår bättre nu") is no `now`, nor one inside a `not_now`
   phrase ("nu när jag har anmält", "now that i have moved").
   A clause with an `asking` word (the law, a film, the news, a dream, a joke) is
   talk about violence, not violence: it is cancelled even with a `now` word.
   A `cry` for help first in the text ("hjälp", "pls help"), or last and a clause
   of its own ("han slår mig. snälla hjälp!"), is a `now` word for its clause,
   unless the clause says it was before; "jag behöver hjälp" is no cry.
   A clause with a `habit` word ("varje dag", "ibland", "always") tells what
   keeps happening, not that it happens now: its `acute` phrases count as `harm`.
   So does a clause with a `later` word and no `now` word ("vi ska till Irak i sommar",
   "next week"): it tells what is planned, not what is happening.
5. Conditions: a phrase after a `maybe` word in its clause ("om han kommer", "what
   if") only might happen, and is not danger; an "om" inside a `not_condition` phrase
   is no such word ("familjen ska ta hand om mig i kväll" is a threat). A condition after a threat does not
   soften it: "han dödar mig om han hittar mig" is danger. Nor does a condition
   someone states as a threat: a `speech` word ("han sa att", "he said") right
   before the condition makes "om jag ringer polisen är det sista jag gör" danger.
6. Someone threatening to harm themselves to control the writer (`control`, "han
   tar livet av sig om jag lämnar") is neither the writer's suicide nor danger;
   phrases inside such a threat do not count.
7. `suicide` is the writer's own thoughts of suicide, unless "han", "hon", "dom"
   (`others`) is the last person named before the phrase, not the writer ("jag",
   "من": `writer`): then "han ska ta livet av mig" (the writer as object,
   `writer_object`) is a threat to kill, and "han hotar med självmord" a threat
   used to control.
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
   alone ("han låste dörren", "jag har ont i huvudet") is not enough, but three `harm`
   phrases in different places are ("pappa är full och skriker på lillebror, han
   kastade honom i väggen"), unless they are told as a habit. In a `habit` clause only
   `harm` counts (its `acute` phrases too), so "han låser alltid dörren" is no sign.
   Danger to anyone counts, not only to the writer: "pappa slår mamma just nu".
   A professional writing about someone met at work (`work`: "jag är kurator", "en
   patient") tells what happened to that person, not what is happening now: their
   `acute` and `lethal` phrases count as `harm`, so they need a `now` word too.
9. Unsure: the text is about violence, threats, control, injury, being shut in or
   someone near ("han sitter i bilen utanför"), none of it is said to be over, but
   nothing says it is happening now ("min man slår mig", "han låste dörren"); or
   the text begins or ends with a cry for help and says nothing more of danger ("hjälp",
   "کمک"). The guide then asks "Är du i fara just nu?" without the full alarm.

10. A second reader: when rules 1 to 9 find no danger, a text that reads much more
   like the texts people wrote in danger (content/examples/danger.yaml) than like the
   calm texts that share their words is danger too ("han har plockat fram repet igen
   och tittar på mig"). It compares the pieces of the words, and only adds alarms: see
   resemblance.py. Its line is drawn so that it would add at most 3 % false alarms on the
   calm texts it learnt from, each judged as if unseen. It leaves alone a text of fewer
   than six words ("han låste dörren": too little to compare, and the calm question of
   rule 9 answers it) and a text told as a habit (rule 4).

The text is only ever held in local variables here: never logged, stored or cached.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields
from typing import NamedTuple

from ..content.model import Danger, DangerExample
from .clauses import Span, Text, apart, follow, overlap, within
from .resemblance import Resemblance
from .spelling import PLAIN, Spellings, plain_match, starred
from .spelling import words as words_in

# A danger phrase may have this many other words in all between its own: "har en stor kniv" for "har kniv".
DANGER_GAP = 3
# Signs that say danger only together, two of different kinds (rule 8).
SIGNS = ("harm", "injury", "trapped", "near", "now")
# Separate signs of harm, none told as over or as a habit, that say danger now together (rule 8).
HARM_PILED = 3
# Signs that tell the text is about violence to someone, when nothing says it is now (rule 9).
ABOUT_VIOLENCE = ("acute", "lethal", "harm", "control", "injury", "trapped", "near")
# The lists a verdict is drawn from; the others are grammar (time, conditions, negation).
SIGNALS = ("acute", "lethal", "harm", "suicide", "control", "injury", "trapped", "near", "means", "farewell")
# Lists whose phrases a `negation` next to them turns around: the signals, and "now" ("inte just nu").
NEGATABLE = (*SIGNALS, "now")
# How near before a condition a `speech` word must end for the condition to be a threat stated.
SPEECH_REACH = 3
# The second reader (rule 10) reads texts of at least this many words: a shorter one has too few
# pieces to compare ("han låste dörren"), and the lists' calm question answers it.
READ_FROM = 6
# Lists that are grammar for other lists, not phrases to find in a text.
_NOT_FOUND = ("negation", "new_clause", "not_negation", "negation_ends", "writer", "writer_object", "not_condition")
# Arabic-script and Ethiopic writing have punctuation of their own: ، ؛ ؟ and ። ፣ ፤ ፥ ፦ ፧ ፨.
_PUNCTUATION = re.compile(r"[.,;:!?\n()\"،؛؟።፣፤፥፦፧፨]+")
# Where a sentence ends: a `before` word sets the time of its whole sentence (rule 4).
_SENTENCE_END = re.compile(r"[.!?\n؟።፧]+")


class Verdict(NamedTuple):
    """What the check makes of a text: danger now, the writer's thoughts of suicide, unsure whether now,
    and whether someone threatens to harm themselves to control the writer."""

    danger: bool
    suicide: bool
    unsure: bool = False
    control: bool = False


class DangerCheck:
    """The content's danger lists for one language (and its twin's, for people who mix), read once."""

    def __init__(
        self,
        words: Danger,
        twin: Danger | None = None,
        texts: Iterable[DangerExample] = (),
        everyday: Iterable[str] = (),
    ) -> None:
        """`texts` and `everyday` (calm questions people ask) teach the second reader (rule 10)."""
        sources = [words] if twin is None else [words, twin]
        self.lists: dict[str, tuple[tuple[str, ...], ...]] = {
            field.name: tuple(
                dict.fromkeys(starred(p) for source in sources for p in getattr(source, field.name) if words_in(p))
            )
            for field in fields(Danger)
        }
        self._negations = frozenset(p[0] for p in self.lists["negation"] if len(p) == 1)
        self._negation_ends = frozenset(p[0] for p in self.lists["negation_ends"] if len(p) == 1)
        self._not_negations = self.lists["not_negation"]
        # The writer named as the one who acts before a `suicide` phrase, and as its object (rule 7).
        self._writer = frozenset(p[0] for p in self.lists["writer"] if len(p) == 1)
        self._writer_object = frozenset(p[0] for p in self.lists["writer_object"] if len(p) == 1)
        # first word → (list, phrase, the phrase's other words): a phrase is followed only when they are all written
        self._by_first: dict[str, list[tuple[str, tuple[str, ...], frozenset[str]]]] = defaultdict(list)
        for name, phrases in self.lists.items():
            if name in _NOT_FOUND:
                continue
            for phrase in phrases:
                self._by_first[phrase[0]].append((name, phrase, frozenset(phrase[1:])))
        self._spellings = Spellings(word for phrases in self.lists.values() for phrase in phrases for word in phrase)
        self._breaks: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in self.lists["new_clause"]:
            self._breaks[phrase[0]].append(phrase)
        # The second reader (rule 10), from the language's own danger texts, when the content has them.
        texts = tuple(texts)
        self._resembles = Resemblance(texts, lambda text: not self._rules(text).danger, everyday) if texts else None

    def __call__(self, text: str) -> Verdict:
        """The verdict on a text: see the rules in this module's docstring."""
        read = self._read(text)
        found = self._found(read)
        verdict = self._verdict(read, found)
        if verdict.danger or self._resembles is None:
            return verdict
        # Rule 10: a text too short to compare, or told as a habit, is left to the lists' calm question.
        if len(read.at) < READ_FROM or any(found["habit"].values()) or not self._resembles(text):
            return verdict
        return verdict._replace(danger=True, unsure=False)

    def _rules(self, text: str) -> Verdict:
        """The verdict of rules 1 to 9."""
        read = self._read(text)
        return self._verdict(read, self._found(read))

    def _verdict(self, read: Text, found: dict[str, dict[int, list[Span]]]) -> Verdict:
        """The verdict of rules 1 to 9 on a text read."""
        clauses = set(read.clause_of)
        # "nu när jag har anmält" says nothing of now (rule 4): its `now` word is left out.
        plain = [span for spans in found["not_now"].values() for span in spans]
        found["now"] = {
            c: [s for s in spans if not any(overlap(s, p) for p in plain)] for c, spans in found["now"].items()
        }
        past = [span for spans in found["before"].values() for span in spans]
        now_in = {c for c, spans in found["now"].items() if any(all(not overlap(s, p) for p in past) for s in spans)}
        now_in |= {c for c, spans in found["now"].items() if spans and not past}
        past_from: dict[int, int] = {}  # sentence → its first clause told as before
        for c in sorted(clauses):
            if found["before"].get(c) and c not in now_in:
                past_from.setdefault(read.sentence_of_clause[c], c)
        over = {
            c
            for c in clauses
            if read.sentence_of_clause[c] in past_from
            and c >= past_from[read.sentence_of_clause[c]]
            and c not in now_in
        }
        cries: dict[int, list[Span]] = {}
        last = len(read.at) - 1
        for c, spans in found["cry"].items():
            # first in the text ("hjälp min man slår mig"), or last and a clause of its own ("..., hjälp")
            at_edge = [s for s in spans if s[0] == 0 or (s[1] == last and read.clause_of.index(c) == s[0])]
            if at_edge and not found["before"].get(c):
                now_in.add(c)
                cries[c] = at_edge
        over |= {c for c in clauses if found["asking"].get(c)}
        # Told as a habit, or as planned for later ("i sommar", "next week"): not happening now (rule 4).
        habitual = {c for c in clauses if found["habit"].get(c) or (found["later"].get(c) and c not in now_in)}
        said = [end for spans in found["speech"].values() for _, end in spans]
        # "ta hand om", "tog mig om halsen": an "om" that brings no condition (rule 5).
        conditions = {c: [s for s in spans if s[0] not in read.no_condition] for c, spans in found["maybe"].items()}
        maybe_from = {c: min(start for start, _ in spans) for c, spans in conditions.items() if spans}
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
                and not (name != "control" and any(overlap(span, other) for other in control_spans))
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
            elif any(read.at[i] & self._writer_object for i in range(span[0], span[1] + 1)):
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
        danger = danger or apart([span for c, span in standing("harm") if c not in habitual]) >= HARM_PILED
        unsure = not danger and any(possible(name) for name in ABOUT_VIOLENCE)
        control = bool(standing("control")) or control_threat
        unsure = unsure or (control and not danger) or (bool(cries) and not danger)
        return Verdict(danger, suicide, unsure, control)

    def _read(self, text: str) -> Text:
        """The words of the text with what each may stand for, and the clause each belongs to."""
        at: list[frozenset[str]] = []
        clause_of: list[int] = []
        sentence_of_clause: dict[int, int] = {}
        no_condition: set[int] = set()
        clause = 0
        for sentence, whole in enumerate(_SENTENCE_END.split(text)):
            for part in _PUNCTUATION.split(whole):
                written = words_in(part)
                clause += 1
                kept = self._kept(written)
                plain = within(written, self.lists["not_condition"])
                no_condition.update(len(at) + i for i in plain)
                for i, word in enumerate(written):
                    if (
                        i
                        and i not in plain
                        and any(tuple(written[i : i + len(b)]) == b for b in self._breaks.get(word, ()))
                    ):
                        clause += 1
                    meanings = self._meanings(word)
                    at.append(meanings - {"\x00not"} if i in kept else meanings)
                    clause_of.append(clause)
                    sentence_of_clause[clause] = sentence
        return Text(tuple(at), tuple(clause_of), sentence_of_clause, frozenset(no_condition))

    def _kept(self, words: list[str]) -> set[int]:
        """Positions of negations inside a `not_negation` phrase ("slutar inte"): they turn nothing around."""
        kept: set[int] = set()
        for i, word in enumerate(words):
            if word not in self._negations:
                continue
            for phrase in self._not_negations:
                for start in range(max(0, i - len(phrase) + 1), min(i, len(words) - len(phrase)) + 1):
                    if all(plain_match(words[start + k], w) for k, w in enumerate(phrase)):
                        kept.update(range(start, start + len(phrase)))
        return kept

    def _meanings(self, word: str) -> frozenset[str]:
        """What the word may stand for in the lists (see spelling.py), and whether it is a negation."""
        found = self._spellings.of(word)
        if word in self._negations:
            found.add("\x00not")
        if word in self._negation_ends:
            found.add("\x00end")
        return frozenset(found)

    def _found(self, read: Text) -> dict[str, dict[int, list[Span]]]:
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
                    end = follow(read, phrase, 1, start, DANGER_GAP)
                    if end is None:
                        continue
                    turned = read.negated_before(start, clause) or read.negated(end + 1, clause)
                    turned = turned or (self._writer_next(read, end + 1) and read.negated(end + 2, clause))
                    if name in NEGATABLE and turned and not self._negations.intersection(phrase):
                        continue
                    found[name][clause].append((start, end))
        return found

    def _writer_next(self, read: Text, i: int) -> bool:
        """Whether the word at `i` names the writer as object ("mig"), as in "han slår mig inte"."""
        return i < len(read.at) and bool(read.at[i] & self._writer_object)

    def _someone_else(self, read: Text, clause: int, start: int) -> bool:
        """Whether the last person named before `start` in its clause is someone else (rule 7)."""
        others = {p[-1] for p in self.lists["others"]}
        for i in range(start - 1, -1, -1):
            if read.clause_of[i] != clause:
                return False
            if read.at[i] & self._writer:
                return False
            if read.at[i] & others:
                return True
        return False
