"""Pages as bytes: each page is a pure function of its inputs, rendered once.

A `Site` holds a loaded guide, a Jinja environment per language (each with its
own gettext catalog) and a memo of rendered pages. Nothing a visitor sends ever
reaches a template except the language and the step id, both checked first.
"""

from __future__ import annotations

from pathlib import Path
from threading import Lock
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import i18n
from ..content.model import EMERGENCY_SERVICE, HELPLINE_SERVICE, LANGUAGES, START, Guide
from ..dialogue import Flow, services_of, topics
from ..i18n import N_
from ..search import MAX_LENGTH, Answer, DangerCheck, Index

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
    415: (N_("We could not read what was sent"), N_("Please use the form on the page.")),
    500: (N_("Something went wrong"), N_("Please try again in a moment.")),
}


def _site(url: str) -> str:
    """The host of a URL without 'www.', as a short visible link text."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _environment(lang: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
    env.filters["long_date"] = lambda day: i18n.long_date(day, lang)
    env.filters["site"] = _site
    return env


class Site:
    """Everything needed to answer a page request for one loaded guide."""

    def __init__(self, guide: Guide, stylesheet: str) -> None:
        self.guide = guide
        self.flows = {lang: Flow(guide.tree(lang)) for lang in LANGUAGES}
        self._envs = {lang: _environment(lang) for lang in LANGUAGES}
        self.indexes = {lang: Index(guide.tree(lang), lang) for lang in LANGUAGES}
        self.danger = {lang: DangerCheck(guide.danger[lang]) for lang in LANGUAGES}
        self._stylesheet = stylesheet
        self._pages: dict[tuple[str, ...], bytes] = {}
        self._lock = Lock()

    def _memo(self, key: tuple[str, ...], render) -> bytes:
        page = self._pages.get(key)
        if page is None:
            page = render().encode("utf-8")
            with self._lock:
                self._pages[key] = page
        return page

    def _render(self, lang: str, template: str, path: str | None, **context) -> str:
        other = next(other for other in LANGUAGES if other != lang)
        return (
            self._envs[lang]
            .get_template(template)
            .render(
                lang=lang,
                other_lang=other,
                other_lang_name=i18n.NAMES[other],
                switch_url=f"/{other}/{path}" if path else None,
                stylesheet=self._stylesheet,
                max_length=MAX_LENGTH,
                safety_url=f"/{lang}/{SAFETY_STEP}" if SAFETY_STEP in self.guide.tree(lang) else None,
                emergency=self.guide.services[EMERGENCY_SERVICE],
                helpline=self.guide.services[HELPLINE_SERVICE],
                **context,
            )
        )

    def gettext(self, lang: str, message: str) -> str:
        return i18n.translations(lang).gettext(message)

    def step(self, lang: str, step_id: str, ask_error: str | None = None, ask_value: str = "") -> bytes | None:
        """The page of one step, or None when there is no such step.

        With `ask_error` the page shows the free-text field's error and is not kept:
        it carries what the person wrote.
        """
        flow = self.flows[lang]
        step = flow.step(step_id)
        if step is None:
            return None

        def render() -> str:
            return self._render(
                lang,
                "step.html",
                step_id,
                step=step,
                transcript=flow.transcript(step_id),
                back=flow.back(step_id),
                options=flow.options(step),
                services=services_of(self.guide, step),
                sources=step.sources,
                reviewed=step.reviewed,
                ask_error=ask_error,
                ask_value=ask_value,
            )

        if ask_error is not None:
            return render().encode("utf-8")
        return self._memo(("step", lang, step_id), render)

    def answer(self, lang: str, text: str, found: Answer, cut: bool) -> bytes:
        """The guide's reply to a text: never kept, since it shows what the person wrote."""
        best = found.best
        tree = self.guide.tree(lang)
        others = [m.step for m in found.matches[1:4] if best is not None]
        heading = self.gettext(lang, N_("I think this can help you:") if best else N_("I am not sure what you mean"))
        return self._render(
            lang,
            "answer.html",
            None,
            heading=heading,
            text=text,
            cut=cut,
            danger=found.danger,
            suicide=found.suicide,
            suicide_url=f"/{lang}/{SUICIDE_STEP}" if SUICIDE_STEP in tree else None,
            best=best.step if best else None,
            others=others,
            fallback=self.flows[lang].options(tree[START]),
            start=tree[START],
        ).encode("utf-8")

    def topics(self, lang: str) -> bytes:
        return self._memo(
            ("topics", lang),
            lambda: self._render(lang, "topics.html", "alla-amnen", topics=topics(self.guide, lang)),
        )

    def services(self, lang: str) -> bytes:
        def render() -> str:
            names = {kind: self.gettext(lang, name) for kind, name in SERVICE_KINDS.items()}
            groups = []
            for kind in SERVICE_KINDS:
                found = sorted(
                    (s for s in self.guide.services.values() if s.kind == kind), key=lambda s: s.text("name", lang)
                )
                if found:
                    groups.append({"kind": kind, "name": names[kind], "services": found})
            return self._render(lang, "services.html", "stodlinjer", groups=groups)

        return self._memo(("services", lang), render)

    def error(self, lang: str, status: int) -> bytes:
        """The page for an error status, in `lang`, with the exit and 112 like every page."""
        heading, message = ERRORS.get(status, ERRORS[500])
        return self._memo(
            ("error", lang, str(status)),
            lambda: self._render(
                lang,
                "error.html",
                None,
                heading=self.gettext(lang, heading),
                message=self.gettext(lang, message),
            ),
        )
