"""The HTML routes, thin: check the language and step, hand out pages from `render.Site`.

A page that is a function of its address goes out as a `KeptResponse` with the
address written by `urls.Urls` (its canonical form), so the fast path keeps it.

The same routes serve every mode and site: the guide itself (`/sv/…`), the compact
embeddable guide (`/embed/sv/…`), and each municipality of a multi-site deployment
(`/k/{slug}/sv/…`, `/k/{slug}/embed/sv/…`). `pages(embed)` builds them for one mode;
the app includes them under each prefix.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ..content.model import START
from ..dialogue import MAX_WALK
from ..engine import Engine
from ..i18n import N_
from ..reply import Suggestions
from ..urls import (
    ABOUT,
    ACCESSIBILITY,
    ASK,
    EMBEDDING,
    NUMBERS,
    PRINT,
    REPLY,
    SERVICES,
    SITE_FILES,
    TOPICS,
    TRANSLATIONS,
)
from .cache import Kept, KeptResponse
from .forms import read_form
from .render import Site
from .runtime import runtime
from .templating import Page


def site_of(request: Request) -> Site:
    """The site a request is for: a municipality's under /k/{slug}, else the main one."""
    site = runtime(request).site_for(request.path_params.get("slug"))
    if site is None:
        raise HTTPException(404)
    return site


def _kept(page: Page | None, address: str, lang: str, step: str | None = None) -> KeptResponse:
    """A page that is a function of `address` (written by `Urls`), in `lang`, showing `step` if any; None: 404."""
    if page is None:
        raise HTTPException(404)
    return KeptResponse(Kept(page, address, lang, step))


def _page_status(description: str) -> dict:
    return {"description": description, "content": {"text/html": {}}}


# What a page route can answer besides 200, each as a calm page with the exit and 112.
PAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _page_status("The form could not be read."),
    404: _page_status("No such language, step or page."),
    413: _page_status("The form was too large."),
    414: _page_status("The address was too long."),
    415: _page_status("The form was not sent as a form."),
}


# What the reply's address may hold: up to four step ids, and flags that are "1" or absent.
STEP_LIST: dict[str, Any] = {"max_length": 4 * 101, "pattern": r"^(?:[a-z0-9-]+(?:,[a-z0-9-]+){0,3})?$"}
FLAG: dict[str, Any] = {"max_length": 1, "pattern": "^1?$"}
LANGUAGE_CODE: dict[str, Any] = {"max_length": 12, "pattern": "^[a-z]*$"}
# What a way through the dialogue may look like: up to `MAX_WALK` step ids joined by '/'
# (a trailing slash is let through to be redirected away, as on every page).
WAY: dict[str, Any] = {
    "max_length": MAX_WALK * 101,
    "pattern": rf"^[a-z0-9-]{{1,100}}(?:/[a-z0-9-]{{1,100}}){{0,{MAX_WALK - 1}}}/*$",
    "description": "The steps she chose, in order, from where she began; the last is the page shown.",
}
REPLY_RESPONSE = {"description": "The address of the reply: the steps that fit and flags, never the text."}

ASK_FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["q"],
                    "additionalProperties": False,
                    "properties": {
                        "q": {
                            "type": "string",
                            "minLength": 1,
                            "description": "What the person wrote (the first 500 characters).",
                        },
                        "steg": {
                            "type": "string",
                            "description": "The way the form was sent from: step ids joined by '/'.",
                        },
                    },
                }
            }
        },
    }
}


def pages(embed: bool) -> APIRouter:
    """The page routes for one mode: the full guide, or the compact one for an iframe."""
    router = APIRouter(include_in_schema=not embed, responses=PAGE_ERRORS)

    @router.get(f"/{SITE_FILES}/style.css", include_in_schema=False)
    async def site_stylesheet(request: Request) -> Response:
        site = site_of(request)
        if site.overlay is None:
            raise HTTPException(404)
        return Response(site.overlay.stylesheet, media_type="text/css")

    @router.get(f"/{SITE_FILES}/logo", include_in_schema=False)
    async def site_logo(request: Request) -> Response:
        site = site_of(request)
        if site.overlay is None or site.overlay.logo is None:
            raise HTTPException(404)
        return Response(site.overlay.logo.data, media_type=site.overlay.logo.media_type)

    @router.get("/{lang}", include_in_schema=False)
    @router.get("/{lang}/", include_in_schema=False)
    async def language_start(request: Request, lang: str) -> Response:
        return RedirectResponse(site_of(request).urls.mode(embed).start(Engine.language(lang)), status_code=302)

    @router.get(f"/{{lang}}/{TOPICS}", response_class=HTMLResponse)
    async def all_topics(request: Request, lang: str) -> Response:
        """Every information step, grouped by theme."""
        site, lang = site_of(request), Engine.language(lang)
        return _kept(site.topics(lang, embed), site.urls.mode(embed).topics(lang), lang)

    @router.get(f"/{{lang}}/{SERVICES}", response_class=HTMLResponse)
    async def all_services(request: Request, lang: str) -> Response:
        """Every helpline and agency, the local ones first where a municipality has them."""
        site, lang = site_of(request), Engine.language(lang)
        return _kept(site.services(lang, embed), site.urls.mode(embed).services(lang), lang)

    @router.get(f"/{{lang}}/{ACCESSIBILITY}", response_class=HTMLResponse)
    async def accessibility(request: Request, lang: str) -> Response:
        """The accessibility statement: what was tested, what does not work yet, how to report a problem."""
        settings, site, lang = runtime(request).settings, site_of(request), Engine.language(lang)
        page = site.accessibility(lang, settings.contact, embed, settings.stats is not None)
        return _kept(page, site.urls.mode(embed).accessibility(lang), lang)

    @router.get(f"/{{lang}}/{ABOUT}", response_class=HTMLResponse)
    async def about(request: Request, lang: str) -> Response:
        """Om Vägvisaren: who runs this copy, what the guide is and is not, facts, privacy, reporting a mistake."""
        site, lang, contact = site_of(request), Engine.language(lang), runtime(request).settings.contact
        return _kept(site.about(lang, contact, embed), site.urls.mode(embed).about(lang), lang)

    @router.get(f"/{{lang}}/{TRANSLATIONS}", response_class=HTMLResponse)
    async def about_translations(request: Request, lang: str) -> Response:
        """How each language's text was made, whether a native speaker reviewed it, and what is out of date."""
        site, lang = site_of(request), Engine.language(lang)
        return _kept(site.translations(lang, embed), site.urls.mode(embed).translations(lang), lang)

    @router.get(f"/{{lang}}/{EMBEDDING}", response_class=HTMLResponse)
    async def embedding(request: Request, lang: str) -> Response:
        """How to embed the guide: the snippet to copy, with this service's address."""
        site, lang = site_of(request), Engine.language(lang)
        settings = runtime(request).settings  # the origin never from the Host header; unset: a relative address
        page = site.embedding(lang, settings.public_url, settings.embed_origins, embed)
        return _kept(page, site.urls.mode(embed).embedding(lang), lang)

    @router.post(
        f"/{{lang}}/{ASK}", response_class=HTMLResponse, openapi_extra=ASK_FORM, responses={303: REPLY_RESPONSE}
    )
    async def ask(request: Request, lang: str) -> Response:
        """The free-text form: read once, answered with the address of the reply (Post/Redirect/Get).

        The reply's address holds step ids and flags, never the text, so neither Back nor
        the history can show her words again or send them a second time.
        """
        site = site_of(request)
        form = await read_form(request, known=("q", "steg"))
        text = form.get("q", "")
        way = form.get("steg", START).split("/")
        if site.engine.flow(lang).walk(way) is None:
            way = [START]
        if not text.strip():
            message = site.gettext(lang, N_("Write something in the field, in your own words."))
            return HTMLResponse(site.step_with_error(lang, way, message, embed), status_code=400)
        reply = site.engine.ask(lang, text)
        suggestions = Suggestions.of(reply.answer, cut=reply.cut, language=reply.language)
        best = suggestions.best
        runtime(request).observer.answered(lang, best.id if best else None, suggestions.danger)
        return RedirectResponse(site.urls.mode(embed).reply(lang, suggestions.query()), status_code=303)

    @router.get(f"/{{lang}}/{REPLY}", response_class=HTMLResponse)
    async def reply(
        request: Request,
        lang: str,
        till: str = Query("", description="The steps that fit, best first, comma-separated.", **STEP_LIST),
        fara: str = Query("", description="1: the text spoke of danger now.", **FLAG),
        sjalv: str = Query("", description="1: the text spoke of thoughts of suicide.", **FLAG),
        osaker: str = Query("", description="1: the text spoke of violence, but not clearly of danger now.", **FLAG),
        kort: str = Query("", description="1: the text was cut to its first 500 characters.", **FLAG),
        sprak: str = Query("", description="The other language of the guide the text was written in.", **LANGUAGE_CODE),
    ) -> Response:
        """The guide's reply to a text, from its address alone: the steps that fit and the flags."""
        site, lang = site_of(request), Engine.language(lang)
        found = Suggestions.read(site.engine.flow(lang).tree, till, fara, sjalv, osaker, kort, sprak)
        if found is None:
            raise HTTPException(404)
        return _kept(site.answer(lang, found, embed), site.urls.mode(embed).reply(lang, found.query()), lang)

    @router.get(f"/{{lang}}/{{step_id}}/{PRINT}", response_class=HTMLResponse)
    async def printable(request: Request, lang: str, step_id: str) -> Response:
        """A step to print: its advice, contacts, sources, and the address to come back to."""
        site, lang = site_of(request), Engine.language(lang)
        origin = runtime(request).settings.public_url  # never the Host header; unset: a relative address
        return _kept(site.printable(lang, step_id, origin, embed), site.urls.mode(embed).print(lang, step_id), lang)

    @router.get(f"/{{lang}}/{{step_id}}/{NUMBERS}", response_class=HTMLResponse)
    async def numbers(request: Request, lang: str, step_id: str) -> Response:
        """A step's phone numbers alone, under a neutral title: a slip that says nothing if found."""
        site, lang = site_of(request), Engine.language(lang)
        return _kept(site.numbers(lang, step_id, embed), site.urls.mode(embed).numbers(lang, step_id), lang)

    @router.get("/{lang}/{step_id}", response_class=HTMLResponse)
    async def step(request: Request, lang: str, step_id: str) -> Response:
        """One step of the dialogue, with the conversation that leads to it."""
        site, lang = site_of(request), Engine.language(lang)
        return _kept(site.step(lang, step_id, embed), site.urls.mode(embed).step(lang, step_id), lang, step_id)

    @router.get("/{lang}/{way:path}", response_class=HTMLResponse)
    async def walk(request: Request, lang: str, way: str = Path(**WAY)) -> Response:
        """A step under the conversation that led to it: the address holds the steps she chose, in order.

        An address no page could have linked to (an unknown step, a choice the step
        does not offer, a step twice, too many) is answered with the calm 404 page.
        The fast path counts the step shown, never the way to it.
        """
        if way.endswith("/"):
            raise HTTPException(404)  # answered with a redirect to the address without the slash
        site, lang, ids = site_of(request), Engine.language(lang), way.split("/")
        return _kept(site.walk(lang, ids, embed), site.urls.mode(embed).walk(lang, ids), lang, ids[-1])

    return router
