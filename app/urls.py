"""Every address of the guide, said once: the built-in pages and the builder of URLs.

`BUILT_IN` is the one table of names the service itself answers. The loader refuses
a step named like any of them (a step `badda-in` would otherwise hide the embed
page), and the routes and the renderer take their names from it. `Urls` builds every address a page links to, in
its mode (the guide, `/embed/`, or a municipality's `/k/{slug}/`), so no template or
route glues a prefix, a language and a name together by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from .content.model import LANGUAGES, START


class Place(Enum):
    """Where a built-in name sits in an address."""

    ROOT = "/{name}"  # /exit, /embed/…, /api/…
    LANGUAGE = "/{lang}/{name}"  # /sv/alla-amnen
    STEP = "/{lang}/{step}/{name}"  # /sv/fara-nu/skriv-ut


@dataclass(frozen=True)
class BuiltIn:
    """A name the service answers itself."""

    name: str
    place: Place


TOPICS = "alla-amnen"
SERVICES = "stodlinjer"
ACCESSIBILITY = "tillganglighet"
ABOUT = "om-vagvisaren"
TRANSLATIONS = "oversattningar"
EMBEDDING = "badda-in"
ASK = "skriv"
REPLY = "svar"
PRINT = "skriv-ut"
NUMBERS = "nummer"
EXIT = "exit"
EMBED = "embed"
SITES = "k"
API = "api"
SITE_FILES = "_site"
STATIC = "static"
HEALTH = "healthz"
STATS = "_stats"

BUILT_IN = (
    BuiltIn(TOPICS, Place.LANGUAGE),
    BuiltIn(SERVICES, Place.LANGUAGE),
    BuiltIn(ACCESSIBILITY, Place.LANGUAGE),
    BuiltIn(ABOUT, Place.LANGUAGE),
    BuiltIn(TRANSLATIONS, Place.LANGUAGE),
    BuiltIn(EMBEDDING, Place.LANGUAGE),
    BuiltIn(ASK, Place.LANGUAGE),
    BuiltIn(REPLY, Place.LANGUAGE),
    BuiltIn(PRINT, Place.STEP),
    BuiltIn(NUMBERS, Place.STEP),
    BuiltIn(EXIT, Place.ROOT),
    BuiltIn(EMBED, Place.ROOT),
    BuiltIn(SITES, Place.ROOT),
    BuiltIn(API, Place.ROOT),
    BuiltIn(SITE_FILES, Place.ROOT),
    BuiltIn(STATIC, Place.ROOT),
    BuiltIn(HEALTH, Place.ROOT),
    BuiltIn(STATS, Place.ROOT),
)
# No step may take a built-in name: it would hide the page, or read as one in an address.
RESERVED = frozenset(page.name for page in BUILT_IN)
LANGUAGE_PAGES = frozenset(page.name for page in BUILT_IN if page.place is Place.LANGUAGE)


@dataclass(frozen=True)
class Address:
    """What an address says about where it is: site, mode and language."""

    slug: str | None
    embed: bool
    lang: str | None


def where(path: str) -> Address:
    """Site, mode and language of any path (language None if it names none), for error pages."""
    parts = path.strip("/").split("/")
    slug = None
    if parts[:1] == [SITES] and len(parts) > 1:
        slug, parts = parts[1], parts[2:]
    embed = parts[:1] == [EMBED]
    parts = parts[1:] if embed else parts
    lang = parts[0] if parts and parts[0] in LANGUAGES else None
    return Address(slug, embed, lang)


def site_prefix(slug: str) -> str:
    """Where a municipality's guide lives when one service holds several."""
    return f"/{SITES}/{slug}"


@dataclass(frozen=True)
class Urls:
    """The addresses one site links to, in one mode; handed to every template as `urls`.

    `base` is the site's prefix ('' or '/k/{slug}'); `embed` says the pages live
    under `/embed/`, so that a framed guide keeps its links inside the frame;
    `exit_address` is where the quick exit points. `ask_origin` is where the free-text
    form posts: '' this service; the origin of a service running the guide, for a static
    export whose pages cannot answer a form (`python -m app export --ask-url`); None for
    no form at all (an export without such a service), which leaves a link to all topics.
    """

    base: str = ""
    embed: bool = False
    exit_address: str = f"/{EXIT}"
    ask_origin: str | None = ""

    @property
    def prefix(self) -> str:
        """'', '/embed', '/k/slug' or '/k/slug/embed': what every page address of this mode starts with."""
        return self.base + (f"/{EMBED}" if self.embed else "")

    def mode(self, embed: bool) -> Urls:
        """The same site's addresses in another mode (the print page's address to come back to is never framed)."""
        return replace(self, embed=embed)

    def step(self, lang: str, step_id: str) -> str:
        """A step's short address: the page with no conversation above it."""
        return f"{self.prefix}/{lang}/{step_id}"

    def walk(self, lang: str, ids: Sequence[str]) -> str:
        """A way through the dialogue, the steps in the order she took them; one step is its short address."""
        return f"{self.prefix}/{lang}/" + "/".join(ids)

    def start(self, lang: str) -> str:
        return self.step(lang, START)

    def print(self, lang: str, step_id: str) -> str:
        return f"{self.prefix}/{lang}/{step_id}/{PRINT}"

    def numbers(self, lang: str, step_id: str) -> str:
        """The print page's discreet version: the numbers only, under a neutral title."""
        return f"{self.prefix}/{lang}/{step_id}/{NUMBERS}"

    def page(self, lang: str, name: str) -> str:
        """A built-in page in a language; a name not in `BUILT_IN` is a mistake in the caller."""
        if name not in LANGUAGE_PAGES:
            raise ValueError(f"{name!r} is not a built-in page")
        return f"{self.prefix}/{lang}/{name}"

    @property
    def free_text(self) -> bool:
        """Whether pages carry the free-text form (a static export without `--ask-url` has none to post to)."""
        return self.ask_origin is not None

    def ask(self, lang: str) -> str:
        return (self.ask_origin or "") + self.page(lang, ASK)

    def reply(self, lang: str, query: str = "") -> str:
        """The reply to a free text: its address holds step ids and flags, never the text."""
        return self.page(lang, REPLY) + query

    def topics(self, lang: str) -> str:
        return self.page(lang, TOPICS)

    def services(self, lang: str) -> str:
        return self.page(lang, SERVICES)

    def accessibility(self, lang: str) -> str:
        return self.page(lang, ACCESSIBILITY)

    def about(self, lang: str) -> str:
        return self.page(lang, ABOUT)

    def translations(self, lang: str) -> str:
        """The page that says how each language's text was made and who reviewed it."""
        return self.page(lang, TRANSLATIONS)

    def embedding(self, lang: str) -> str:
        return self.page(lang, EMBEDDING)

    def site_file(self, name: str) -> str:
        """A municipality's own file (its stylesheet or logo): one per site, the same in every mode."""
        return f"{self.base}/{SITE_FILES}/{name}"

    def static(self, path: str) -> str:
        return f"/{STATIC}/{path}"

    def exit(self) -> str:
        """`/exit`, which redirects to the neutral site; the front's own error pages link there directly."""
        return self.exit_address

    def stats(self) -> str:
        """The organisation's figures page: one for the whole service, linked from nowhere."""
        return f"/{STATS}"
