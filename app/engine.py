"""The guide's engine: per language the flow, the free-text index and the danger check.

Built once per loaded guide and shared by every site and mode, so the HTML pages,
the JSON API and `python -m app eval` ask the same questions of the same objects.
It owns the two rules every channel must apply alike: only the first `MAX_LENGTH`
characters of a text are read, and only the guide's languages are answered.
No HTTP here: the web layer turns an unknown language into its 404.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .content.model import LANGUAGES, Guide
from .dialogue import Flow
from .languages import twin
from .search import MAX_LENGTH, Answer, DangerCheck, Index, answer
from .search.answer import DANGER_STEP, SUICIDE_STEP
from .search.written_in import written_in

# Examples answered by these pages tell of danger: the others are everyday questions, calm for the danger check.
DANGER_PAGES = frozenset({DANGER_STEP, SUICIDE_STEP})

# The engine built last, and only that one: in a service it is the one answering.
_last: list[Engine] = []


class UnknownLanguage(LookupError):
    """A language the guide is not written in."""


@dataclass(frozen=True)
class Reply:
    """What the engine made of a text: the part it read, whether it cut it, and the search's `Answer`."""

    text: str
    cut: bool
    answer: Answer
    # Another language of the guide the text is written in (its words and danger words answered it), or None.
    language: str | None = None


class Engine:
    """Everything that answers a person, per language, built once for one guide.

    The flows are built at once: every page needs them. A language's free-text index and danger
    check are built the first time someone writes in it, since they are most of the start-up time
    and memory (seven languages: about 1.4 s and 40 MB on two cores) and most services hear few of
    them; `ready` builds them all, for an evaluation.
    """

    def __init__(self, guide: Guide) -> None:
        """Builds every language's flow: use `Engine.of`, which builds once per guide."""
        self.guide = guide
        self.flows = {lang: Flow(guide.tree(lang)) for lang in LANGUAGES}
        self._indexes: dict[str, Index] = {}
        self._dangers: dict[str, DangerCheck] = {}
        self._building = threading.Lock()

    def ready(self) -> Engine:
        """The engine with every language's index and danger check built."""
        for lang in LANGUAGES:
            self._build(lang)
        return self

    def _build(self, lang: str) -> None:
        """Builds a language's index and danger check once, even when two requests ask at the same time."""
        if lang in self._dangers:
            return
        with self._building:
            if lang not in self._dangers:
                tree, other = self.guide.tree(lang), self.guide.tree(twin(lang))
                self._indexes[lang] = Index(tree, lang, twin=other, examples=self.guide.examples.get(lang, ()))
                self._dangers[lang] = DangerCheck(
                    self.guide.danger[lang],
                    twin=self.guide.danger[twin(lang)],
                    texts=self.guide.danger_examples.get(lang, ()),
                    everyday=[e.text for e in self.guide.examples.get(lang, ()) if not DANGER_PAGES & set(e.steps)],
                )

    @classmethod
    def of(cls, guide: Guide) -> Engine:
        """The engine of `guide`, the last one built when the guide is the same object.

        The loader hands back the same guide for unchanged content, so a reload that
        changed nothing, or a second app on the same content, builds nothing again.
        """
        if _last and _last[0].guide is guide:
            return _last[0]
        built = cls(guide)
        _last[:] = [built]
        return built

    @staticmethod
    def language(lang: str) -> str:
        """`lang` if the guide is written in it; else `UnknownLanguage`."""
        if lang not in LANGUAGES:
            raise UnknownLanguage(lang)
        return lang

    def flow(self, lang: str) -> Flow:
        return self.flows[self.language(lang)]

    def index(self, lang: str) -> Index:
        self._build(self.language(lang))
        return self._indexes[lang]

    def danger(self, lang: str) -> DangerCheck:
        self._build(self.language(lang))
        return self._dangers[lang]

    def ask(self, lang: str, text: str) -> Reply:
        """Danger first, then the steps that fit, on the first `MAX_LENGTH` characters of `text`.

        A text in another language of the guide is answered in that language's words, and says which.
        """
        read = text[:MAX_LENGTH]
        other = written_in(read, self.language(lang))
        # Arabic written on the Swedish page is read with the Arabic words and danger words: the steps are the same.
        by = other or lang
        return Reply(read, len(text) > MAX_LENGTH, answer(self.index(by), self.danger(by), read), other)
