"""The danger check's second reader: does a text read like the texts people wrote in danger?

The rules of danger.py find danger in the words and phrases an editor listed. A frightened
person often writes it in words nobody listed ("hör nyckeln i låset", "han går fram och
tillbaka och muttrar"). This reader compares the pieces of the text's words (every three,
four and five letters, and the whole words) with the texts in content/examples/danger.yaml:
those that tell of danger now, and the calm ones that share their words. A piece seen more
often in danger than in calm texts weighs for danger, and the other way round (naive Bayes).

It only ever adds an alarm the rules did not raise. How readily is set from its own texts:
each calm text is scored as if the reader had never seen it, and the line is drawn so that
no more than EXTRA_ALARMS of the calm texts the rules leave calm would cross it.

An editor changes what it reads as danger by adding texts to content/examples/danger.yaml,
never by touching this file. The person's text is only scored: never kept, logged or learnt from.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from ..content.model import DangerExample
from .text import normalise

# At most this share of the calm texts the rules leave calm may read as danger to this reader.
EXTRA_ALARMS = 0.03
# The lengths of the pieces of words compared (a word is padded with a space at each end).
PIECES = (3, 4, 5)


def pieces(text: str) -> set[str]:
    """The whole words of a text and every piece of three to five letters of each ("kniv" in "köksknivar")."""
    found = set()
    for word in normalise(text).split():
        found.add("w:" + word)
        padded = f" {word} "
        for n in PIECES:
            found.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return found


class Resemblance:
    """How much a text reads like the danger texts of one language rather than its calm ones."""

    def __init__(
        self, texts: Iterable[DangerExample], calm_by_rules: Callable[[str], bool], everyday: Iterable[str] = ()
    ) -> None:
        """Learns from `texts` and from `everyday` texts that are calm (the questions people ask the guide,
        content/examples/{lang}.yaml); `calm_by_rules` tells which calm `texts` the rules leave calm. The
        line is drawn on `texts` alone: everyday questions are easy to tell from danger, and would loosen it."""
        texts = list(texts)
        read = [pieces(example.text) for example in texts]
        counts: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
        for example, found in zip(texts, read, strict=True):
            counts[example.crisis].update(found)
        for text in everyday:
            counts[False].update(pieces(text))
        sizes = Counter(example.crisis for example in texts)
        totals = {kind: sum(counts[kind].values()) for kind in counts}
        vocabulary = len(counts[True].keys() | counts[False].keys())
        self._prior = math.log(sizes[True] / sizes[False]) if sizes[True] and sizes[False] else 0.0
        self._weights = {
            piece: math.log((counts[True][piece] + 1) / (totals[True] + vocabulary))
            - math.log((counts[False][piece] + 1) / (totals[False] + vocabulary))
            for piece in counts[True].keys() | counts[False].keys()
        }
        self.line = math.inf
        if sizes[True] and sizes[False]:
            self.line = self._line(texts, read, counts, totals, vocabulary, sizes, calm_by_rules)

    def _line(
        self,
        texts: list[DangerExample],
        read: list[set[str]],
        counts: dict[bool, Counter[str]],
        totals: dict[bool, int],
        vocabulary: int,
        sizes: Counter[bool],
        calm_by_rules: Callable[[str], bool],
    ) -> float:
        """The score above which at most EXTRA_ALARMS of the calm texts would read as danger, each scored
        as if it had not been learnt from (its own pieces taken out of the counts)."""
        scores = []
        for example, found in zip(texts, read, strict=True):
            if example.crisis or not calm_by_rules(example.text):
                continue
            prior = math.log(sizes[True] / (sizes[False] - 1)) if sizes[False] > 1 else 0.0
            calm_total = totals[False] - len(found)
            score = prior
            for piece in found:
                danger, calm = counts[True][piece], counts[False][piece] - 1
                if danger == 0 and calm == 0:
                    continue  # seen only in this text: unknown to a reader that never saw it
                score += math.log((danger + 1) / (totals[True] + vocabulary)) - math.log(
                    (calm + 1) / (calm_total + vocabulary)
                )
            scores.append(score)
        if not scores:
            return math.inf
        scores.sort(reverse=True)
        calm = sum(not example.crisis for example in texts)
        return scores[min(len(scores) - 1, int(EXTRA_ALARMS * calm))]

    def score(self, text: str) -> float:
        """How much more the text reads like danger than calm (log-odds); pieces never seen count for nothing."""
        weights = self._weights
        return self._prior + sum(weights.get(piece, 0.0) for piece in pieces(text))

    def __call__(self, text: str) -> bool:
        """Whether the text reads like danger, past the line."""
        return self.score(text) > self.line
