"""The built-in pages: all topics, helplines, the embed page, the statement, the translations, about, errors.

Each language and mode has one of each, so they are kept once rendered (`_memo`).
Their names and addresses are said once, in `urls.BUILT_IN`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .. import i18n
from ..dialogue import topics
from ..i18n import N_
from ..languages import ALL, LANGUAGE, Language
from ..urls import ABOUT, ACCESSIBILITY, EMBEDDING, SERVICES, TOPICS, TRANSLATIONS
from .templating import Here, Page, TemplatedSite

# The framed guide's height in the snippet, in CSS pixels: with a line above and below it,
# it fits on a small phone's screen (a 360 × 640 phone shows about 560 px of page).
EMBED_HEIGHT = 440
SERVICE_KINDS = {
    "emergency": N_("Emergency"),
    "police": N_("Police"),
    "helpline": N_("Helplines"),
    "agency": N_("Agencies"),
    "local": N_("Where you live"),
}
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


def _built_in(name: str) -> Here:
    return lambda urls, lang: urls.page(lang, name)


def _contact_url(contact: str) -> str | None:
    """The link for a contact: its address, a mailto: for an email address, or none for anything else."""
    if contact.startswith(("https://", "http://")):
        return contact
    if "@" in contact and " " not in contact:
        return f"mailto:{contact}"
    return None


class BuiltInPages(TemplatedSite):
    """The pages a site has one of per language and mode, beside its steps."""

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
