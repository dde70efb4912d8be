"""The dialogue engine: where am I, how did I get here, where can I go.

Pure functions over one language's tree, no HTTP. The way a person came is in the
address itself (`/sv/start/jag-ar-utsatt/skydd`: the steps in the order she took
them), so the conversation shown is exactly what she chose, and a page is still a
function of its address alone. A step's short address (`/sv/skydd`) is the same
page with no conversation above it, for bookmarks, print and social workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .content.model import Guide, Option, Step, Tree, first_reached
from .languages import DEFAULT

# The longest way an address carries, in steps. A walk that would grow longer drops
# its oldest steps, so every address a page links to stays within it; a longer
# address was made by hand and is refused.
MAX_WALK = 12


@dataclass(frozen=True)
class Turn:
    """One exchange in the conversation: the guide asked, the person chose."""

    step: Step
    chosen: Option


@dataclass(frozen=True)
class Walk:
    """A way through the dialogue as the person took it; the last step is where she is.

    One step alone is a step's short address: no conversation, nothing to go back to.
    """

    steps: tuple[Step, ...]
    turns: tuple[Turn, ...]

    @property
    def here(self) -> Step:
        return self.steps[-1]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.steps)

    @property
    def back(self) -> tuple[str, ...] | None:
        """The way to the step before this one, or None where she has not come from anywhere."""
        return self.ids[:-1] or None

    def to(self, target: str) -> tuple[str, ...]:
        """The way after choosing `target` here.

        A step she has been at before cuts the way back to it (the conversation
        returns there, it does not loop); a way longer than `MAX_WALK` drops its
        oldest steps.
        """
        ids = self.ids
        if target in ids:
            return ids[: ids.index(target) + 1]
        return (*ids, target)[-MAX_WALK:]


@dataclass(frozen=True)
class Topic:
    """A group on the all-topics page: a theme's name and its information steps."""

    theme: str
    name: str
    steps: tuple[Step, ...]


class Flow:
    """One language's tree, the ways through it, and each step's distance from the start.

    Built once per loaded tree; every method is a pure lookup after that.
    """

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        reached = first_reached(tree.steps)
        self._depth: dict[str, int] = {}
        for step_id, parent in reached.items():
            self._depth[step_id] = 0 if parent is None else self._depth[parent.id] + 1

    def step(self, step_id: str) -> Step | None:
        return self.tree.steps.get(step_id)

    def depth(self, step_id: str) -> int:
        """How many choices the shortest way from the start to `step_id` takes."""
        return self._depth.get(step_id, len(self.tree.steps))

    def walk(self, ids: Sequence[str]) -> Walk | None:
        """The walk an address names, or None if no page of the guide could have linked to it.

        Every step must exist, each must be one the step before it offers, none may
        come twice, and there may be at most `MAX_WALK` of them.
        """
        if not 0 < len(ids) <= MAX_WALK or len(set(ids)) != len(ids):
            return None
        steps = [self.tree.steps.get(step_id) for step_id in ids]
        if None in steps:
            return None
        found = tuple(step for step in steps if step is not None)
        turns = []
        for step, after in zip(found, found[1:], strict=False):
            chosen = next((option for option in self.options(step) if option.target == after.id), None)
            if chosen is None:
                return None
            turns.append(Turn(step, chosen))
        return Walk(found, tuple(turns))

    def options(self, step: Step) -> tuple[Option, ...]:
        """What the person can choose at `step`; `next` reads as the next step's title."""
        if step.next is None:
            return step.options
        return (*step.options, Option(self.tree[step.next].title, step.next, self.tree[step.next].title_html))


def topics(guide: Guide, lang: str) -> tuple[Topic, ...]:
    """Every information step, grouped by theme in the order of themes.yaml, overviews first.

    Within a theme, steps closer to the start come first: the dialogue reaches a
    theme's overview (`kontaktforbud`) before its details (`kontaktforbud-be-om`),
    so the same order needs no extra setting in the content. Ties go by the Swedish
    title, so every language lists a theme in one order, whatever its alphabet does
    to titles that begin with "If you…".
    """
    tree = guide.tree(lang)
    swedish = guide.tree(DEFAULT).steps
    flow = Flow(tree)
    groups = []
    for theme, names in guide.themes.items():
        steps = tuple(
            sorted(
                (s for s in tree.steps.values() if s.is_info and s.theme == theme),
                key=lambda s: (flow.depth(s.id), swedish[s.id].title if s.id in swedish else s.title),
            )
        )
        if steps:
            groups.append(Topic(theme, names[lang], steps))
    return tuple(groups)
