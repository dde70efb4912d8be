"""The ground every page stands on: a Jinja environment per language, what every page shows, kept bytes.

`TemplatedSite` renders a template with what every page carries (the quick exit, 112,
the language links, an overlay's name and colours) and keeps the few pages a
language has one of. `render.Site` adds the pages of the dialogue, `built_in` the
built-in pages; both go through `_render`, so no page can leave out the exit.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .. import i18n
from ..content import markdown
from ..content.model import EMERGENCY_SERVICE, HELPLINE_SERVICE, LANGUAGES, Guide, Service, Source, Step
from ..content.overlay import Overlay
from ..engine import Engine
from ..languages import ALL, LANGUAGE, Language
from ..search import MAX_LENGTH
from ..urls import Urls

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SAFETY_STEP = "sakert-pa-natet"
# gzip level of the kept copies: 9 made no page of the guide smaller than 6 did, and took longer.
GZIP_LEVEL = 6


@dataclass(frozen=True)
class Page:
    """A rendered page kept as bytes, with its strong ETag and its gzipped form, made once."""

    body: bytes
    etag: bytes
    gzipped: bytes

    @classmethod
    def of(cls, body: bytes) -> Page:
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        return cls(body, f'"{digest}"'.encode(), gzip.compress(body, GZIP_LEVEL, mtime=0))


# A page's address as a function of the mode's URLs and a language: the language switch's target.
Here = Callable[[Urls, str], str]


def _site(url: str) -> str:
    """The host of a URL without 'www.', as a short visible link text."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _environment(lang: str) -> Environment:
    """Jinja for one language, on our templates only: an overlay fills slots, it brings no templates."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        auto_reload=False,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["long_date"] = lambda day: i18n.long_date(day, lang)
    env.filters["site"] = _site
    env.filters["source_title"] = lambda source: _source_title(source, LANGUAGE[lang])
    return env


def _source_title(source: Source, page: Language) -> Markup:
    """A source's title, in a span of its language when that is not the page's (a Swedish title in English)."""
    if source.lang == page.html_lang:
        return escape(source.title)
    return markdown.in_language(source.title, source.lang, page.direction)


class TemplatedSite:
    """One loaded guide on one site: its engine, a Jinja environment per language, the kept pages.

    Sites that share a guide share its `Engine` (flows, indexes, danger checks), so a
    deployment serving several municipalities builds them once.
    """

    def __init__(
        self,
        guide: Guide,
        stylesheet: str,
        overlay: Overlay | None = None,
        base: str = "",
        engine: Engine | None = None,
        exit_address: str = Urls.exit_address,
        ask_origin: str | None = Urls.ask_origin,
    ) -> None:
        self.guide = guide
        self.overlay = overlay
        self.urls = Urls(base, exit_address=exit_address, ask_origin=ask_origin)
        self.engine = engine or Engine.of(guide)
        self._envs = {lang: _environment(lang) for lang in LANGUAGES}
        self._stylesheet = stylesheet
        self._pages: dict[tuple[str, ...], Page] = {}
        self._lock = Lock()

    def service(self, service_id: str):
        """The record to show: the overlay's local one where it has one, else the national one."""
        if self.overlay and service_id in self.overlay.services:
            return self.overlay.services[service_id]
        return self.guide.services[service_id]

    def services_of(self, step: Step) -> list[Service]:
        """A step's records, local ones in place of national ones, then the local records of its theme."""
        found = [self.service(service_id) for service_id in step.services]
        if self.overlay is not None:
            found += [service for service in self.overlay.shown_on(step.theme) if service not in found]
        return found

    def _memo(self, key: tuple[str, ...], render) -> Page:
        """The page under `key`, rendered the first time.

        Only the few pages each language and mode has one of (all topics, helplines, the
        statement, the embed page, errors) are memoised here; pages per step are rendered
        when asked for, and the fast path's bounded memory keeps the ones asked for.
        """
        page = self._pages.get(key)
        if page is None:
            page = Page.of(render().encode("utf-8"))
            with self._lock:
                self._pages[key] = page
        return page

    def _render(self, lang: str, template: str, here: Here | None, embed: bool = False, **context) -> str:
        """A template with what every page shows; `here` is this page's address in any language."""
        urls = self.urls.mode(embed)
        overlay = self.overlay
        return (
            self._envs[lang]
            .get_template(template)
            .render(
                lang=lang,
                urls=urls,
                embed=embed,
                direction=LANGUAGE[lang].direction,
                html_lang=LANGUAGE[lang].html_lang,
                other_languages=[(other, here(urls, other.code)) for other in ALL if other.code != lang]
                if here
                else [],
                stylesheet=self._stylesheet,
                site_stylesheet=urls.site_file("style.css") if overlay else None,
                site_logo=urls.site_file("logo") if overlay and overlay.logo else None,
                site_name=overlay.name[lang] if overlay else None,
                site_footer=overlay.footer.get(lang) if overlay else None,
                site_links=[(link.text[lang], link.url) for link in overlay.links] if overlay else [],
                site_example=bool(overlay and overlay.example),
                max_length=MAX_LENGTH,
                safety_url=urls.step(lang, SAFETY_STEP) if SAFETY_STEP in self.guide.tree(lang) else None,
                emergency=self.guide.services[EMERGENCY_SERVICE],
                helpline=self.guide.services[HELPLINE_SERVICE],
                **context,
            )
        )

    def gettext(self, lang: str, message: str) -> str:
        return i18n.translations(lang).gettext(message)
