"""The dialogue engine: where am I, how did I get here, where can I go.

Pure functions over one language's tree, no HTTP. A page is a function of
(language, step) alone: the conversation shown above a step is the shortest
way to it from the start, so nothing a person chose needs to be remembered.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from .content.model import Guide, Option, Step, Tree, first_reached


@dataclass(frozen=True)
class Turn:
    """One exchange in the conversation: the guide asked, the person chose."""

    step: Step
    chosen: Option


@dataclass(frozen=True)
class Topic:
    """A group on the all-topics page: a theme's name and its information steps."""

    theme: str
    name: str
    steps: tuple[Step, ...]


class Flow:
    """One language's tree with the shortest way from the start to every step.

    Built once per loaded tree; every method is a pure lookup after that.
    """

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self._came_from: dict[str, Turn] = {}
        reached = first_reached(tree.steps)
        for step_id, parent in reached.items():
            if parent is not None:
                chosen = next(option for option in self.options(parent) if option.target == step_id)
                self._came_from[step_id] = Turn(parent, chosen)
        self._transcripts: MappingProxyType = MappingProxyType({step_id: self._walk(step_id) for step_id in reached})

    def _walk(self, step_id: str) -> tuple[Turn, ...]:
        turns = []
        while step_id in self._came_from:
            turn = self._came_from[step_id]
            turns.append(turn)
            step_id = turn.step.id
        return tuple(reversed(turns))

    def step(self, step_id: str) -> Step | None:
        return self.tree.steps.get(step_id)

    def transcript(self, step_id: str) -> tuple[Turn, ...]:
        """The conversation that leads from the start to `step_id`, shortest first."""
        return self._transcripts.get(step_id, ())

    def back(self, step_id: str) -> Step | None:
        """The step before `step_id` on the way from the start (None at the start)."""
        turns = self.transcript(step_id)
        return turns[-1].step if turns else None

    def options(self, step: Step) -> tuple[Option, ...]:
        """What the person can choose at `step`; `next` reads as the next step's title."""
        if step.next is None:
            return step.options
        return (*step.options, Option(text=self.tree[step.next].title, target=step.next))


def topics(guide: Guide, lang: str) -> tuple[Topic, ...]:
    """Every information step, grouped by theme in the order of themes.yaml, overviews first.

    Within a theme, steps closer to the start come first: the dialogue reaches a
    theme's overview (`kontaktforbud`) before its details (`kontaktforbud-be-om`),
    so the same order needs no extra setting in the content. Ties go by title.
    """
    tree = guide.tree(lang)
    flow = Flow(tree)
    groups = []
    for theme, names in guide.themes.items():
        steps = tuple(
            sorted(
                (s for s in tree.steps.values() if s.is_info and s.theme == theme),
                key=lambda s: (len(flow.transcript(s.id)), s.title),
            )
        )
        if steps:
            groups.append(Topic(theme, names[lang], steps))
    return tuple(groups)
