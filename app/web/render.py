"""The dialogue's pages as bytes: a step, a way through the dialogue, the answer, print and numbers.

Each page is a pure function of its inputs. A page is a function of (language,
step, mode): the mode says whether it is embedded in another site's frame. A
municipality's overlay gives a site its own name, local contacts and colours, and
its own address prefix (`base`); `urls.Urls` builds every address a page links to.
Nothing a visitor sends reaches a template except the language and the step id,
both checked first, and the ids and flags of a reply's address, checked too. What
a visitor writes never reaches a template. The ground (environments, `Page`, what
every page shows) is in `templating.py`, the built-in pages in `built_in.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import i18n
from ..content.model import START
from ..i18n import N_
from ..languages import LANGUAGE, Language
from ..reply import Suggestions
from .built_in import BuiltInPages
from .templating import Page

SUICIDE_STEP = "sjalvmordstankar"


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


# A link in a body to another step is relative ("skyddat-boende"), so it stays in its mode
# and site. The print page is one level deeper (/sv/fara-nu/skriv-ut), so its links go up one.
_STEP_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#|\.\./)')


def _one_level_up(body_html: str) -> str:
    return _STEP_LINK.sub('href="../', body_html)


def _framed(body_html: str, embed: bool) -> str:
    """In a frame, a link to another site (the only ones with rel="noreferrer") opens in the whole tab."""
    return body_html.replace('rel="noreferrer"', 'rel="noreferrer" target="_top"') if embed else body_html


class Site(BuiltInPages):
    """Everything needed to answer a page request for one loaded guide, on one site."""

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
                (turn.step.title_html, urls.walk(lang, walk.ids[: at + 1]), turn.chosen.html)
                for at, turn in enumerate(walk.turns)
            ],
            back=urls.walk(lang, walk.back) if walk.back else None,
            restart=step.id != START,
            options=[(option.html, urls.walk(lang, walk.to(option.target))) for option in flow.options(step)],
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
