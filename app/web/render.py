"""Pages as bytes: each page is a pure function of its inputs, rendered once.

A `Site` holds a loaded guide, a Jinja environment per language (each with its
own gettext catalog) and a memo of rendered pages. A page is a function of
(language, step, mode): the mode says whether it is embedded in another site's
frame. A municipality's overlay gives a site its own name, local contacts,
colours and templates, and its own address prefix (`base`); `urls.Urls` builds
every address a page links to. Nothing a visitor
sends reaches a template except the language and the step id, both checked
first, and the ids and flags of a reply's address, checked too. What a visitor
writes never reaches a template.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from threading import Lock
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import i18n
from ..content.model import EMERGENCY_SERVICE, HELPLINE_SERVICE, LANGUAGES, START, Guide, Service, Step
from ..content.overlay import Overlay
from ..dialogue import topics
from ..engine import Engine
from ..i18n import N_
from ..languages import ALL, LANGUAGE, Language
from ..reply import Suggestions
from ..search import MAX_LENGTH
from ..urls import ABOUT, ACCESSIBILITY, EMBEDDING, SERVICES, TOPICS, TRANSLATIONS, Urls

# The framed guide's height in the snippet, in CSS pixels: with a line above and below it,
# it fits on a small phone's screen (a 360 × 640 phone shows about 560 px of page).
EMBED_HEIGHT = 440
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SAFETY_STEP = "sakert-pa-natet"
SERVICE_KINDS = {
    "emergency": N_("Emergency"),
    "police": N_("Police"),
    "helpline": N_("Helplines"),
    "agency": N_("Agencies"),
    "local": N_("Where you live"),
}
SUICIDE_STEP = "sjalvmordstankar"
ERRORS = {
    400: (N_("We could not read what was sent"), N_("Please go back and try again.")),
    404: (N_("We cannot find that page"), N_("The page may have moved, or the address may be wrong.")),
    405: (N_("That does not work here"), N_("This page can only be read, not sent to.")),
    413: (N_("That was too much text"), N_("Please write a shorter text and try again.")),
    414: (N_("That address is too long"), N_("The page may have moved, or the address may be wrong.")),
    429: (N_("Too many requests at once"), N_("Please wait a moment and try again.")),
    415: (N_("We could not read what was sent"), N_("Please use the form on the page.")),
    500: (N_("Something went wrong"), N_("Please try again in a moment.")),
    503: (N_("The guide cannot be shown just now"), N_("Please try again in a moment.")),
}


# gzip level of the kept copies: 9 made no page of the guide smaller than 6 did, and took longer.
GZIP_LEVEL = 6


@dataclass(frozen=True)
class TranslationNote:
    """What a translated page says about itself: how it was made, who reviewed it, whether it is out of date."""

    origin: str
    reviewed_by: str | None
    stale: bool
    source: Language
    source_name: str  # in the page's language
    source_url: str
    rewritten: bool  # a version of its source language (easy-to-read Swedish), not a translation


@dataclass(frozen=True)
class LanguageAbout:
    """One language's line on the page about the translations."""

    language: Language
    origin: str
    source_name: str | None  # in the page's language
    rewritten: bool
    pages: int
    reviewed: int
    reviewers: tuple[str, ...]
    stale: int


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


# A link in a body to another step is relative ("skyddat-boende"), so it stays in its mode
# and site. The print page is one level deeper (/sv/fara-nu/skriv-ut), so its links go up one.
_STEP_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#|\.\./)')


def _one_level_up(body_html: str) -> str:
    return _STEP_LINK.sub('href="../', body_html)


def _framed(body_html: str, embed: bool) -> str:
    """In a frame, a link to another site (the only ones with rel="noreferrer") opens in the whole tab."""
    return body_html.replace('rel="noreferrer"', 'rel="noreferrer" target="_top"') if embed else body_html


# A page's address as a function of the mode's URLs and a language: the language switch's target.
Here = Callable[[Urls, str], str]


def _built_in(name: str) -> Here:
    return lambda urls, lang: urls.page(lang, name)


def _site(url: str) -> str:
    """The host of a URL without 'www.', as a short visible link text."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _contact_url(contact: str) -> str | None:
    """The link for a contact: its address, a mailto: for an email address, or none for anything else."""
    if contact.startswith(("https://", "http://")):
        return contact
    if "@" in contact and " " not in contact:
        return f"mailto:{contact}"
    return None


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
    return env


class Site:
    """Everything needed to answer a page request for one loaded guide, on one site.

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
    ) -> None:
        self.guide = guide
        self.overlay = overlay
        self.urls = Urls(base, exit_address=exit_address)
        self.engine = engine or Engine(guide)
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

    def _translation_note(self, lang: str, step_id: str, embed: bool) -> TranslationNote | None:
        """The line a translated page shows about itself, and whether its source page changed since."""
        item = self.guide.translations.get((lang, step_id))
        if item is None:
            return None
        return TranslationNote(
            origin=self.gettext(lang, LANGUAGE[lang].origin),
            reviewed_by=item.reviewed_by,
            stale=item.stale,
            source=LANGUAGE[item.source],
            source_name=i18n.language_name(item.source, lang),
            source_url=self.urls.mode(embed).step(item.source, step_id),
            rewritten=LANGUAGE[lang].html_lang == LANGUAGE[item.source].html_lang,
        )

    def step(self, lang: str, step_id: str, embed: bool = False) -> Page | None:
        """A step at its short address, with no conversation above it; None when there is no such step."""
        if self.engine.flow(lang).step(step_id) is None:
            return None
        return Page.of(self._walk(lang, (step_id,), embed).encode("utf-8"))

    def walk(self, lang: str, ids: Sequence[str], embed: bool = False) -> Page | None:
        """The last step of a way through the dialogue, under the conversation that led there.

        None when no page of the guide could have linked to the address (`Flow.walk`).
        Ways are too many to memoise here; the fast path keeps the ones asked for, within its budget.
        """
        if self.engine.flow(lang).walk(ids) is None:
            return None
        return Page.of(self._walk(lang, ids, embed).encode("utf-8"))

    def step_with_error(self, lang: str, ids: Sequence[str], ask_error: str, embed: bool = False) -> bytes | None:
        """A step, alone or on a way, showing the free-text field's error (the field was empty): never kept."""
        if self.engine.flow(lang).walk(ids) is None:
            return None
        return self._walk(lang, ids, embed, ask_error).encode("utf-8")

    def _walk(self, lang: str, ids: Sequence[str], embed: bool, ask_error: str | None = None) -> str:
        flow = self.engine.flow(lang)
        walk = flow.walk(ids)
        if walk is None:
            raise LookupError(f"not a way through the dialogue: {'/'.join(ids)}")
        urls = self.urls.mode(embed)
        step = walk.here
        return self._render(
            lang,
            "step.html",
            lambda urls, lang: urls.walk(lang, walk.ids),
            embed,
            step=step,
            body_html=_framed(step.body_html, embed),
            walk="/".join(walk.ids),
            transcript=[
                (turn.step.title, urls.walk(lang, walk.ids[: at + 1]), turn.chosen.text)
                for at, turn in enumerate(walk.turns)
            ],
            back=urls.walk(lang, walk.back) if walk.back else None,
            restart=step.id != START,
            options=[(option.text, urls.walk(lang, walk.to(option.target))) for option in flow.options(step)],
            services=self.services_of(step),
            sources=step.sources,
            reviewed=step.reviewed,
            ask_error=ask_error,
            traces=step.id == START,
            translation=self._translation_note(lang, step.id, embed),
        )

    def answer(self, lang: str, reply: Suggestions, embed: bool = False) -> Page:
        """The guide's reply to a text, made from its address alone: it never shows the text.

        Its addresses are too many to memoise here; the fast path keeps the ones asked for, within its budget.
        """
        tree = self.guide.tree(lang)
        heading = self.gettext(
            lang, N_("I think this can help you:") if reply.best else N_("I am not sure what you mean")
        )
        body = self._render(
            lang,
            "answer.html",
            None,
            embed,
            heading=heading,
            cut=reply.cut,
            danger=reply.danger,
            unsure=reply.unsure,
            suicide=reply.suicide,
            suicide_url=self.urls.mode(embed).step(lang, SUICIDE_STEP) if SUICIDE_STEP in tree else None,
            best=reply.best,
            others=reply.others,
            fallback=self.engine.flow(lang).options(tree[START]),
            start=tree[START],
            offer=self._offer(reply, embed),
        )
        return Page.of(body.encode("utf-8"))

    def _offer(self, reply: Suggestions, embed: bool) -> dict[str, str] | None:
        """The same reply in the guide of the language the text was written in, said in that language."""
        other = reply.language
        if other is None:
            return None
        language = LANGUAGE[other]
        said = self.gettext(other, N_("This guide is also in %(language)s. Read the answer in %(language)s."))
        return {
            "lang": language.html_lang,
            "dir": language.direction,
            "url": self.urls.mode(embed).reply(other, reply.in_language().query()),
            "text": said % {"language": language.name},
        }

    def printable(self, lang: str, step_id: str, origin: str, embed: bool = False) -> Page | None:
        """A step to print, with the address to come back to: `origin` (the public address setting, or '')
        and the step's address outside any frame."""
        step = self.engine.flow(lang).step(step_id)
        if step is None or not step.is_info:
            return None
        body = self._render(
            lang,
            "print.html",
            lambda urls, lang: urls.print(lang, step_id),
            embed,
            step=step,
            body_html=_framed(_one_level_up(step.body_html), embed),
            services=self.services_of(step),
            sources=step.sources,
            reviewed=step.reviewed,
            address=origin + self.urls.step(lang, step_id),
            translation=self._translation_note(lang, step_id, embed),
        )
        return Page.of(body.encode("utf-8"))

    def numbers(self, lang: str, step_id: str, embed: bool = False) -> Page | None:
        """An information step's numbers only, titled "Phone numbers": no topic, no advice."""
        step = self.engine.flow(lang).step(step_id)
        if step is None or not step.is_info:
            return None
        services = self.services_of(step)
        body = self._render(
            lang,
            "numbers.html",
            lambda urls, lang: urls.numbers(lang, step_id),
            embed,
            step=step,
            services=[service for service in services if service.calls],
        )
        return Page.of(body.encode("utf-8"))

    def embedding(self, lang: str, origin: str, allowed: tuple[str, ...], embed: bool = False) -> Page:
        """The page with the snippet that embeds this site's guide, and the origins allowed to show it.

        The snippet is plain HTML that survives a CMS that strips `style` and `class`: the
        guide's exit as a link in the host page above and below the frame (`target="_top"`,
        so it leaves the whole page), and a frame of `EMBED_HEIGHT` pixels, low enough that
        one of the two links is on a phone's screen whenever any of the frame is.
        """
        title = escape(self.gettext(lang, N_("Vägvisaren: support for violence in close relationships")))
        leave = escape(self.gettext(lang, N_("Leave this page quickly")))
        source = escape(origin + self.urls.mode(True).start(lang))
        exit_link = f'<p><a href="{escape(origin + self.urls.exit())}" target="_top" rel="noreferrer">{leave}</a></p>'
        frame = (
            f'<iframe src="{source}" title="{title}" width="100%" height="{EMBED_HEIGHT}" '
            'referrerpolicy="no-referrer"></iframe>'
        )
        snippet = "\n".join((exit_link, frame, exit_link))
        return self._memo(
            ("embedding", lang, origin, " ".join(allowed), str(embed)),
            lambda: self._render(
                lang,
                "embedding.html",
                _built_in(EMBEDDING),
                embed,
                snippet=snippet,
                allowed=allowed,
                height=EMBED_HEIGHT,
            ),
        )

    def accessibility(self, lang: str, contact: str, embed: bool = False, counting: bool = False) -> Page:
        """The accessibility and privacy statement; `contact` is the operator's, or empty when none was given.

        `counting` says that this service keeps the follow-up figures (VAGVISAREN_STATS).
        """
        contact = contact.strip()
        contact_url = _contact_url(contact)
        return self._memo(
            ("accessibility", lang, contact, str(embed), str(counting)),
            lambda: self._render(
                lang,
                "accessibility.html",
                _built_in(ACCESSIBILITY),
                embed,
                contact=contact,
                contact_url=contact_url,
                counting=counting,
            ),
        )

    def translations(self, lang: str, embed: bool = False) -> Page:
        """How each language's text was made, how much of it a native speaker reviewed, and what is out of date."""

        def render() -> str:
            found = []
            for language in ALL:
                items = [item for item in self.guide.translations.values() if item.lang == language.code]
                source = language.translated_from
                found.append(
                    LanguageAbout(
                        language=language,
                        origin=self.gettext(lang, language.origin),
                        source_name=i18n.language_name(source, lang) if source else None,
                        rewritten=bool(source) and language.html_lang == LANGUAGE[str(source)].html_lang,
                        pages=len(self.guide.tree(language.code).steps),
                        reviewed=sum(item.reviewed_by is not None for item in items),
                        reviewers=tuple(sorted({item.reviewed_by for item in items if item.reviewed_by})),
                        stale=sum(item.stale for item in items),
                    )
                )
            return self._render(lang, "translations.html", _built_in(TRANSLATIONS), embed, languages=found)

        return self._memo(("translations", lang, str(embed)), render)

    def about(self, lang: str, contact: str, embed: bool = False) -> Page:
        """Om Vägvisaren: what the guide is, how its facts are checked, what it keeps, and who runs this copy.

        The organisation, its text and its contact come from the overlay; without one
        the page says that no organisation has named itself, and `contact` (the
        operator's, from the settings) is where mistakes are reported, if given.
        """
        overlay = self.overlay
        organisation = overlay.organisation.get(lang, "") if overlay else ""
        text = overlay.about.get(lang, "") if overlay else ""
        contact = (overlay.contact if overlay and overlay.contact else contact).strip()
        return self._memo(
            ("about", lang, contact, str(embed)),
            lambda: self._render(
                lang,
                "about.html",
                _built_in(ABOUT),
                embed,
                organisation=organisation,
                paragraphs=[part.strip() for part in text.split("\n\n") if part.strip()],
                contact=contact,
                contact_url=_contact_url(contact),
            ),
        )

    def topics(self, lang: str, embed: bool = False) -> Page:
        return self._memo(
            ("topics", lang, str(embed)),
            lambda: self._render(lang, "topics.html", _built_in(TOPICS), embed, topics=topics(self.guide, lang)),
        )

    def services(self, lang: str, embed: bool = False) -> Page:
        def render() -> str:
            names = {kind: self.gettext(lang, name) for kind, name in SERVICE_KINDS.items()}
            groups = []
            records = [self.service(s.id) for s in self.guide.services.values()]
            if self.overlay is not None:  # the municipality's own records, with no national one of their id
                records += [s for i, s in self.overlay.services.items() if i not in self.guide.services]
            for kind in SERVICE_KINDS:
                found = sorted((s for s in records if s.kind == kind), key=lambda s: s.text("name", lang))
                if found:
                    groups.append({"kind": kind, "name": names[kind], "services": found})
            return self._render(lang, "services.html", _built_in(SERVICES), embed, groups=groups)

        return self._memo(("services", lang, str(embed)), render)

    def figures(self, lang: str, **context) -> bytes:
        """The organisation's figures page (`/_stats`): the token form, and the counts once it was right.

        Never kept: it shows what the file holds now, and only to whoever sent the token.
        """
        context.setdefault("error", None)
        context.setdefault("groups", None)
        context.setdefault("start", None)
        context.setdefault("end", None)
        if context["error"] is not None:
            context["error"] = self.gettext(lang, context["error"])
        return self._render(lang, "stats.html", None, False, **context).encode("utf-8")

    def error(self, lang: str, status: int, embed: bool = False) -> Page:
        """The page for an error status, in `lang`, with the exit and 112 like every page."""
        heading, message = ERRORS.get(status, ERRORS[500])
        return self._memo(
            ("error", lang, str(status), str(embed)),
            lambda: self._render(
                lang,
                "error.html",
                None,
                embed,
                heading=self.gettext(lang, heading),
                message=self.gettext(lang, message),
            ),
        )
