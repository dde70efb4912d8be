"""A text as the danger check reads it: words with what each may stand for, clauses, and spans.

The grammar of app/search/danger.py works on these: where a phrase of a list stands (a span of
word positions), which clause a position is in, whether a "not" turns it around. Split out of
danger.py so that its rules stay readable on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .spelling import PLAIN, plain_match

# How far a `negation` before a phrase reaches, in words, when no new subject stands between.
NEGATION_REACH = 5

Span = tuple[int, int]


@dataclass(frozen=True)
class Text:
    """A text as the check reads it: at each position, the list words it may stand for, and its clauses."""

    at: tuple[frozenset[str], ...]
    clause_of: tuple[int, ...]
    sentence_of_clause: dict[int, int]
    no_condition: frozenset[int] = frozenset()  # positions inside a `not_condition` phrase ("ta hand om")

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


def within(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> set[int]:
    """Positions of `words` inside one of `phrases`, written word for word (with their * as in the lists)."""
    inside: set[int] = set()
    present = set(words)
    for phrase in phrases:
        if "*" not in phrase[0] and phrase[0] not in present:
            continue
        first, rest = phrase[0], tuple(enumerate(phrase))[1:]
        for start in range(len(words) - len(phrase) + 1):
            if plain_match(words[start], first) and all(plain_match(words[start + k], w) for k, w in rest):
                inside.update(range(start, start + len(phrase)))
    return inside


def apart(spans: list[Span]) -> int:
    """How many places the spans stand in, overlapping ones counted as one."""
    count, reach = 0, -1
    for start, end in sorted(spans):
        if start > reach:
            count += 1
        reach = max(reach, end)
    return count


def overlap(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def follow(read: Text, phrase: tuple[str, ...], k: int, at: int, gap: int) -> int | None:
    """The last position of phrase[k:] when phrase[k - 1] stands at `at`, with at most `gap` other words
    between, in one clause."""
    if k == len(phrase):
        return at
    clause = read.clause_of[at]
    for i in range(at + 1, min(len(read.at), at + 2 + gap)):
        if read.clause_of[i] != clause:
            return None
        if phrase[k] in read.at[i] or PLAIN + phrase[k] in read.at[i]:
            end = follow(read, phrase, k + 1, i, gap - (i - at - 1))
            if end is not None:
                return end
        if "\x00not" in read.at[i] and phrase[k] not in read.at[i]:  # a gap may not hide a "not"
            return None
    return None
