"""The guide's reply to a text, as an address: the steps that fit and a few flags, never the text.

The free-text form is answered with a redirect to `/{lang}/svar?till=a,b&fara=1`
(Post/Redirect/Get; `osaker=1`: the text spoke of violence, but not clearly of now).
The address is all the reply page needs, so the page is a pure function of it, and
nothing the person wrote is in the address, the page or the browser's history. An
address that no form could have made (an unknown step, too many steps, a repeated
one, a flag with another value) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .content.model import Step, Tree
from .languages import LANGUAGE
from .search import Answer

# The best step and up to three others that may fit better.
MOST_STEPS = 4
_FLAGS = ("fara", "sjalv", "osaker", "kort")


@dataclass(frozen=True)
class Suggestions:
    """What the reply page shows: the steps that fit (best first) and what the text spoke of."""

    steps: tuple[Step, ...]
    danger: bool
    suicide: bool
    unsure: bool
    cut: bool
    # Another language of the guide the text was written in: the reply offers that language's guide.
    language: str | None = None

    @classmethod
    def of(cls, found: Answer, cut: bool, language: str | None = None) -> Suggestions:
        """The reply to a text as the search found it; no step when none fits well enough."""
        steps = () if found.best is None else tuple(m.step for m in found.matches[:MOST_STEPS])
        return cls(steps, found.danger, found.suicide, found.unsure, cut, language)

    def query(self) -> str:
        """The query string of the reply's address ('' when there is nothing to say)."""
        fields = {"till": ",".join(step.id for step in self.steps)} if self.steps else {}
        flags = dict(zip(_FLAGS, (self.danger, self.suicide, self.unsure, self.cut), strict=True))
        fields.update({name: "1" for name, on in flags.items() if on})
        if self.language:
            fields["sprak"] = self.language
        return "?" + urlencode(fields, safe=",") if fields else ""

    def in_language(self) -> Suggestions:
        """The same reply for the guide in the language the text was written in: no offer of itself."""
        return Suggestions(self.steps, self.danger, self.suicide, self.unsure, self.cut)

    @classmethod
    def read(
        cls, tree: Tree, till: str, fara: str, sjalv: str, osaker: str, kort: str, sprak: str = ""
    ) -> Suggestions | None:
        """The reply an address stands for, or None when no form could have made it."""
        if any(flag not in ("", "1") for flag in (fara, sjalv, osaker, kort)):
            return None
        if sprak and (sprak not in LANGUAGE or LANGUAGE[sprak].signs is None or sprak == tree.lang):
            return None
        ids = till.split(",") if till else []
        if len(ids) > MOST_STEPS or len(set(ids)) != len(ids) or any(i not in tree for i in ids):
            return None
        flags = (fara == "1", sjalv == "1", osaker == "1", kort == "1")
        return cls(tuple(tree[i] for i in ids), *flags, sprak or None)

    @property
    def best(self) -> Step | None:
        return self.steps[0] if self.steps else None

    @property
    def others(self) -> tuple[Step, ...]:
        return self.steps[1:]
