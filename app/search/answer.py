"""What the guide makes of a text: danger first, then the steps that fit, in an order that is safe.

The index ranks steps by their words; this module puts that ranking in order for
the person: the danger page (or the suicide page) first whenever the danger check
flags the text, the page for the writer's role first when the role is clear and
never a page that would shame or mislead them (a victim is not sent first to the
page for people who use violence, which comes first only when the writer says
they use it; nor a woman harmed by her husband to the page for men, which comes first only when
the writer is a man or a woman harms), the suicide page kept back when the text is about a threat to kill
or a threat used to control, words the text negates left out ("jag vill inte
lämna honom" is not about leaving, so "Att lämna" is not offered), and sensitive pages only when the text is
about them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..content.model import Step
from .danger import DangerCheck
from .index import CANDIDATES, Index, Match
from .roles import HELPING, MAN_OR_WOMAN_WHO_HARMS, RULES, Role, role_of
from .text import ALL_STOP_WORDS, fold, normalise, terms

MAX_LENGTH = 500
# A match below this confidence is not offered as "this may help you".
GOOD_ENOUGH = 0.35
# The pages the danger check puts first.
DANGER_STEP = "fara-nu"
SUICIDE_STEP = "sjalvmordstankar"
# The page for people who use violence: never ahead of others unless the writer says they do.
PERPETRATOR_STEP = "vill-sluta"
# The page for men subjected to violence: first only when the writer is a man or a woman harms (roles.py).
MENS_STEP = "man-som-utsatts"
# For a threat to self-harm used to control the writer: the risk signs when the guide has them, else control.
CONTROL_STEPS = ("risken-okar", "psykiskt-vald")
# How many steps an answer offers.
SHOWN = 4
# Words that turn the next word around, and the words that may stand between ("inte vill lämna", "not want to").
NEGATIONS = frozenset("inte ej aldrig never not dont didnt doesnt wont".split())
_BETWEEN = frozenset("vill att to want wanna be".split())
_SMALL_WORDS = ALL_STOP_WORDS | _BETWEEN
_TITLE_NO = frozenset("utan without no".split())


@dataclass(frozen=True)
class Answer:
    """What the guide makes of a text: danger first, then the steps that fit, best first.

    `unsure`: the text is about violence but does not say whether it is happening
    now, so the page asks ("Är du i fara just nu?") without the full alarm.
    `role`: who seems to be writing, when the text tells.
    """

    danger: bool
    suicide: bool
    matches: tuple[Match, ...]
    unsure: bool = False
    role: Role | None = None

    @property
    def best(self) -> Match | None:
        """The best step, when it fits well enough to be offered."""
        return self.matches[0] if self.matches and self.matches[0].confidence >= GOOD_ENOUGH else None


def answer(index: Index, danger: DangerCheck, text: str) -> Answer:
    """Danger first, then the steps that fit. `text` is cut to MAX_LENGTH by the caller."""
    verdict = danger(text)
    role = role_of(text)
    found = list(index.search(text, CANDIDATES))
    if any(m.step.sensitive for m in found):
        written = {fold(term) for term in terms(text, index.lang)}
        found = [m for m in found if _offered(m.step, written)]
    negated = {fold(term) for term in terms(" ".join(negated_words(text)), index.lang)}
    if negated:
        found = [m for m in found if not _denied(m.step, negated)]
    found = _for_role(found, role, index, helping=bool(HELPING.search(normalise(text))))
    if role is not Role.PERPETRATOR:
        found = _last(found, PERPETRATOR_STEP)
    # After the page for stopping has moved back, so the men's page cannot take its place first.
    if not MAN_OR_WOMAN_WHO_HARMS.search(normalise(text)):
        found = _not_first(found, (MENS_STEP,))
    if not verdict.danger:
        found = _not_first(found, (DANGER_STEP,))
    if not verdict.suicide:
        found = _not_first(found, (SUICIDE_STEP,))
    if not verdict.suicide and (verdict.danger or verdict.control):
        found = _last(found, SUICIDE_STEP)
    if verdict.control and not verdict.danger:
        found = _first(found, [next((p for p in CONTROL_STEPS if p in index.steps), CONTROL_STEPS[-1])], index)
    if verdict.danger:
        found = _first(found, [SUICIDE_STEP, DANGER_STEP] if verdict.suicide else [DANGER_STEP], index)
    return Answer(verdict.danger, verdict.suicide, tuple(found[:SHOWN]), verdict.unsure, role)


def negated_words(text: str) -> list[str]:
    """The words a text negates: "jag vill inte lämna honom" → ["lämna"].

    The word negated is the first that carries meaning after "inte" / "not",
    past a small word or two ("inte i fara", "don't want to leave").
    """
    words = normalise(text).replace("'", "").split()
    dropped: set[int] = set()  # positions of negated words
    for i, word in enumerate(words):
        if word not in NEGATIONS:
            continue
        for j in range(i + 1, min(len(words), i + 4)):
            if words[j] in NEGATIONS:
                break
            if words[j] not in _SMALL_WORDS:
                dropped.add(j)
                break
    return [words[i] for i in sorted(dropped)]


def _denied(step: Step, negated: set[str]) -> bool:
    """Whether a step's title is what the text says no to ("Att lämna" for "jag vill inte lämna honom").

    A title that says no itself ("Stöd utan polisanmälan") is what such a text asks for.
    """
    title = normalise(step.title).split()
    said_no = bool(negated & _content_terms(step.title, step.lang))
    return said_no and not NEGATIONS.union(_TITLE_NO).intersection(title)


def _offered(step: Step, written: set[str]) -> bool:
    """A sensitive page (its `sensitive` phrases set) only when the terms of one of its phrases are all written."""
    return not step.sensitive or any(_content_terms(phrase, step.lang) <= written for phrase in step.sensitive)


@lru_cache(maxsize=4096)
def _content_terms(text: str, lang: str) -> frozenset[str]:
    """The folded terms of a step's title or sensitive phrase: content, never what a person wrote, so kept."""
    return frozenset(fold(term) for term in terms(text, lang))


def _for_role(found: list[Match], role: Role | None, index: Index, helping: bool = False) -> list[Match]:
    """The role's own page first, and the pages it must see among the first three."""
    if role is None:
        return found
    rule = RULES[role]
    found = _not_first(found, rule.never_first)
    for page in (rule.first + (rule.first_when_helping if helping else ()))[:1]:
        if page in index.steps:
            match = next((m for m in found if m.step.id == page), Match(index.steps[page], GOOD_ENOUGH))
            found = [match, *(m for m in found if m is not match)]
    for page in rule.offered:
        shown = [m.step.id for m in found[:3]]
        if page in index.steps and page not in shown:
            match = next((m for m in found if m.step.id == page), Match(index.steps[page], 0.0))
            found = [*found[:1], match, *(m for m in found[1:] if m is not match)]
    return found


def _last(found: list[Match], page: str) -> list[Match]:
    """The matches with `page` moved to the end, out of the first places."""
    return [m for m in found if m.step.id != page] + [m for m in found if m.step.id == page]


def _not_first(found: list[Match], pages: tuple[str, ...]) -> list[Match]:
    """The matches with none of `pages` first: the first other match moves before them."""
    for i, match in enumerate(found):
        if match.step.id not in pages:
            return [match, *found[:i], *found[i + 1 :]]
    return found


def _first(found: list[Match], pages: list[str], index: Index) -> list[Match]:
    """`pages` first, in order, whether the index found them or not; then the rest."""
    ahead = [Match(index.steps[page], 1.0) for page in pages if page in index.steps]
    return [*ahead, *(m for m in found if m.step.id not in pages)]
