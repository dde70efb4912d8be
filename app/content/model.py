"""The content as the rest of the app sees it: frozen records, no I/O.

A `Guide` holds one `Tree` per language and the shared `Service` records.
Everything here is immutable so a loaded guide can be shared by every request
without locks and swapped whole when content is reloaded.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from markupsafe import Markup

from ..languages import CODES, DEFAULT, LANGUAGE
from . import markdown

Kind = Literal["question", "info"]
QUESTION: Kind = "question"
INFO: Kind = "info"
LANGUAGES = CODES
START = "start"
# Shown on every page, so the guide cannot start without them.
EMERGENCY_SERVICE = "nodnummer"
HELPLINE_SERVICE = "kvinnofridslinjen"


def marked(texts: Mapping[str, str], lang: str) -> Markup:
    """A service's text in `lang` as HTML: each `[words]{lang=xx}` in a span of its language, and the
    whole text in a Swedish span when a translation keeps the Swedish text as it is (Kvinnofridslinjen)."""
    page, swedish = LANGUAGE[lang], LANGUAGE[DEFAULT]
    text = texts.get(lang, "")
    if text and page.html_lang != swedish.html_lang and text == texts.get(DEFAULT):
        return markdown.in_language(markdown.plain(text), swedish.html_lang, page.direction)
    return markdown.marked(text, page.direction)


@dataclass(frozen=True)
class Source:
    """An official page a fact comes from, and when someone last checked it.

    `lang` is the language its title is in (a BCP 47 tag): Swedish unless the source says
    otherwise, so a page in another language can have a screen reader say it in Swedish.
    """

    title: str
    url: str
    checked: dt.date
    lang: str = LANGUAGE[DEFAULT].html_lang


@dataclass(frozen=True)
class Option:
    """One answer a person can choose: the words they read and where it leads.

    `text` is plain (for search, the API, a hash); `html` marks the Swedish names in it for a screen reader.
    """

    text: str
    target: str
    html: Markup


@dataclass(frozen=True)
class Step:
    """One step of the dialogue in one language.

    `body_html` is rendered once at load time from the Markdown body, with raw
    HTML disabled, so templates only insert it. `title` is plain text (for `<title>`,
    search, hashes); `title_html` marks the Swedish names in it, as the body does.
    """

    id: str
    lang: str
    title: str
    title_html: Markup
    kind: Kind
    theme: str | None
    body_markdown: str
    body_html: str
    options: tuple[Option, ...]
    services: tuple[str, ...]
    next: str | None
    end: bool
    keywords: tuple[str, ...]
    synonyms: tuple[str, ...]
    sources: tuple[Source, ...]
    reviewed: dt.date | None
    path: str
    # Phrases of which one must be in a free text for the step to be offered (a page that could shame).
    sensitive: tuple[str, ...] = ()
    # A translation's: the hash of the source page it was made from, and who reviewed it (None: nobody yet).
    source_hash: str | None = None
    reviewed_by: str | None = None

    @property
    def is_question(self) -> bool:
        """A step that asks: its title is the question, its options the answers."""
        return self.kind == QUESTION

    @property
    def is_info(self) -> bool:
        """A step that informs: advice, contacts and sources, and a print page."""
        return self.kind == INFO

    @property
    def targets(self) -> tuple[str, ...]:
        """Every step this one leads to, options first, then `next`."""
        found = tuple(option.target for option in self.options)
        return found + ((self.next,) if self.next else ())


CHANNEL_KINDS = ("chat", "sms", "form", "email")


@dataclass(frozen=True)
class Channel:
    """A way to reach a service without speaking: she may not be able to talk where she is.

    Either `url` (where to chat, write or fill in the form) or `number` (for SMS);
    `note` says any limit (who may use it, what must be done first).
    """

    kind: str
    url: str | None
    number: str | None
    note: MappingProxyType
    source: Source

    @property
    def href(self) -> str:
        """Where the link goes: the web address, or an `sms:` URI of the number's digits."""
        return self.url or "sms:" + "".join(ch for ch in self.number or "" if ch.isdigit())


CONTACT_KINDS = ("phone", "sms", "email", "form", "chat")


@dataclass(frozen=True)
class Contact:
    """One way to reach a service, with its own name and hours: the day number, the socialjour at night, an SMS.

    `value` is the number (phone, sms), the email address (email) or the https address (form, chat).
    """

    kind: str
    name: MappingProxyType
    value: str
    hours: MappingProxyType

    def text(self, name: str, lang: str) -> str:
        return markdown.plain(getattr(self, name).get(lang, ""))

    @property
    def href(self) -> str:
        """A link a phone can follow: `tel:` or `sms:` with the digits, `mailto:`, or the web address."""
        if self.kind in ("phone", "sms"):
            digits = "".join(ch for ch in self.value if ch.isdigit())
            return f"{'tel' if self.kind == 'phone' else 'sms'}:{'+' if self.value.startswith('+') else ''}{digits}"
        return f"mailto:{self.value}" if self.kind == "email" else self.value

    @property
    def external(self) -> bool:
        """A web address: a link to another site, opened with no referrer."""
        return self.kind in ("form", "chat")


@dataclass(frozen=True)
class Call:
    """A number to call now: the record's own, or one of its phone contacts, each with its hours."""

    number: str
    tel: str
    name: MappingProxyType
    hours: MappingProxyType

    def text(self, name: str, lang: str) -> str:
        return markdown.plain(getattr(self, name).get(lang, ""))

    def html(self, name: str, lang: str) -> Markup:
        return marked(getattr(self, name), lang)


@dataclass(frozen=True)
class Service:
    """A helpline or agency. Its number lives here and nowhere else."""

    id: str
    kind: str
    name: MappingProxyType
    about: MappingProxyType
    phone: str | None
    hours: MappingProxyType
    cost: MappingProxyType
    anonymous: bool | None
    languages: MappingProxyType
    notes: MappingProxyType
    url: str | None
    sources: tuple[Source, ...]
    path: str
    channels: tuple[Channel, ...] = ()
    contacts: tuple[Contact, ...] = ()
    # A municipality's own record (no national record of its id) is shown on the steps of these themes.
    themes: tuple[str, ...] = ()

    @property
    def calls(self) -> tuple[Call, ...]:
        """Every number to call: the record's `phone`, then each phone contact with its own name and hours."""
        found = []
        if self.phone and self.tel:
            found.append(Call(self.phone, self.tel, self.name, self.hours))
        for contact in self.contacts:
            if contact.kind == "phone":
                name = MappingProxyType(
                    {lang: f"{self.name.get(lang, '')} – {text}" for lang, text in contact.name.items()}
                )
                found.append(Call(contact.value, contact.href, name, contact.hours))
        return tuple(found)

    def text(self, name: str, lang: str) -> str:
        """A localised field (`name`, `about`, `hours`, …) in `lang` as plain text, or ''."""
        return markdown.plain(getattr(self, name).get(lang, ""))

    def html(self, name: str, lang: str) -> Markup:
        """A localised field in `lang` as HTML, its Swedish names marked for a screen reader."""
        return marked(getattr(self, name), lang)

    @property
    def tel(self) -> str | None:
        """The number as a `tel:` URI: digits only, a leading + kept."""
        if self.phone is None:
            return None
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return "tel:" + ("+" if self.phone.startswith("+") else "") + digits


@dataclass(frozen=True)
class Tree:
    """All steps of one language, by id."""

    lang: str
    steps: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def __contains__(self, step_id: str) -> bool:
        return step_id in self.steps

    def __getitem__(self, step_id: str) -> Step:
        return self.steps[step_id]


@dataclass(frozen=True)
class DangerExample:
    """A text someone wrote, and whether it tells of danger now (content/examples/danger.yaml).

    The danger check's second reader learns from them; `suicide` marks the writer's own thoughts of suicide.
    """

    text: str
    crisis: bool
    suicide: bool = False
    category: str = ""


@dataclass(frozen=True)
class Example:
    """A text someone wrote and the steps that answer it (content/examples/): free-text matching learns from it."""

    text: str
    steps: tuple[str, ...]
    role: str = ""
    category: str = ""


@dataclass(frozen=True)
class Danger:
    """One language's word lists that say a person may be in danger now (content/danger.yaml)."""

    acute: tuple[str, ...]
    lethal: tuple[str, ...]
    harm: tuple[str, ...]
    now: tuple[str, ...]
    before: tuple[str, ...]
    maybe: tuple[str, ...]
    asking: tuple[str, ...]
    suicide: tuple[str, ...]
    control: tuple[str, ...]
    others: tuple[str, ...]
    negation: tuple[str, ...]
    new_clause: tuple[str, ...]
    cry: tuple[str, ...]
    habit: tuple[str, ...]
    not_negation: tuple[str, ...]
    negation_ends: tuple[str, ...]
    speech: tuple[str, ...]
    # Signs that say danger only together (see app/search/danger.py, rule 8); a language may leave them out.
    injury: tuple[str, ...] = ()
    trapped: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    means: tuple[str, ...] = ()
    farewell: tuple[str, ...] = ()
    work: tuple[str, ...] = ()
    # The writer's own words for themselves, as the one who acts ("jag", "i", "من") and as the one acted on
    # ("mig", "me"): who a `suicide` phrase is about (rule 7).
    writer: tuple[str, ...] = ()
    writer_object: tuple[str, ...] = ()
    # Phrases with a `maybe` or `new_clause` word that bring no condition ("ta hand om", "tog mig om halsen"),
    # and phrases with a `now` word that say nothing of now ("nu när jag har anmält", "now that"): rules 1, 4, 5.
    not_condition: tuple[str, ...] = ()
    not_now: tuple[str, ...] = ()
    # Words that place what is told later than today ("i sommar", "next week"): rule 4.
    later: tuple[str, ...] = ()


@dataclass(frozen=True)
class Translation:
    """Where one translated page stands against its source page (see `content/translations.py`)."""

    lang: str
    id: str
    path: str
    source: str  # the source language's code
    source_path: str
    current: str  # the hash of the source page as it is now
    recorded: str | None  # the hash the translation says it was made from
    reviewed_by: str | None

    @property
    def missing(self) -> bool:
        """The translation does not say which version of the source page it was made from."""
        return self.recorded is None

    @property
    def stale(self) -> bool:
        """The source page has changed since the translation was made from it."""
        return self.recorded is not None and self.recorded != self.current


@dataclass(frozen=True)
class Guide:
    """The whole validated content: a tree per language, the services, themes and danger words.

    `translations` maps (language, step id) of every translated page to its `Translation`;
    `examples` each language's `Example`s (a language sharing another's texts has that one's);
    `danger_examples` each language's `DangerExample`s, the same way.
    """

    trees: MappingProxyType
    services: MappingProxyType
    themes: MappingProxyType
    danger: MappingProxyType
    translations: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    examples: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    danger_examples: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def tree(self, lang: str) -> Tree:
        return self.trees[lang]


def first_reached(steps: Mapping[str, Step], start: str = START) -> dict[str, Step | None]:
    """Every step reachable from `start`, breadth first, with the step it is first reached from.

    The one walk over the graph: the validator finds unreachable steps with it, the
    dialogue how far each step is from the start. Targets that do not exist are skipped.
    """
    found: dict[str, Step | None] = {start: None} if start in steps else {}
    queue = deque(found)
    while queue:
        step = steps[queue.popleft()]
        for target in step.targets:
            if target in steps and target not in found:
                found[target] = step
                queue.append(target)
    return found


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, said as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
