"""The FastAPI application: settings in, app out.

Routes are thin: they check the language and the step id, then hand out bytes
rendered by `render.Site`. Content is loaded and validated before the app is
built; broken content raises `ContentError` with every problem.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import i18n
from ..content.model import LANGUAGES, START, Problem
from ..content.validate import load_guide
from ..i18n import N_
from ..search import MAX_LENGTH, answer
from ..settings import Settings
from .api import router as api_router
from .forms import read_form
from .headers import HeadAsGet, SecurityHeaders
from .render import ERRORS, Site

STYLESHEET = "/static/style.css"


class ContentError(Exception):
    """The content has problems; the service must not start on it."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems


def load_site(settings: Settings) -> Site:
    loaded = load_guide(settings.content_dir)
    if loaded.guide is None:
        raise ContentError(loaded.problems)
    return Site(loaded.guide, STYLESHEET)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    site = load_site(settings)
    app = FastAPI(title="Vägvisaren", docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.site = site
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")

    def html(page: bytes, status: int = 200) -> HTMLResponse:
        return HTMLResponse(page, status_code=status)

    def error_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response:
        """The error in the person's language: a page with the exit and 112, or JSON on the API."""
        parts = request.url.path.strip("/").split("/")
        site: Site = request.app.state.site
        if parts[0] == "api":
            lang = parts[2] if len(parts) > 2 and parts[2] in LANGUAGES else i18n.DEFAULT
            heading, _ = ERRORS.get(status, ERRORS[500])
            message = {"status": status, "message": site.gettext(lang, heading)}
            return JSONResponse(message, status_code=status, headers=headers)
        lang = parts[0] if parts[0] in LANGUAGES else i18n.DEFAULT
        return HTMLResponse(site.error(lang, status), status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers or {})
        if headers.get("Allow", "").split(", ") == ["GET"]:
            headers["Allow"] = "GET, HEAD"  # HeadAsGet answers HEAD wherever GET is routed
        return error_page(request, exc.status_code if exc.status_code in ERRORS else 404, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_page(request, 400 if request.method == "POST" else 404)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        return error_page(request, 500)

    @app.get("/", include_in_schema=False)
    async def root(request: Request) -> Response:
        lang = i18n.negotiate(request.headers.get("accept-language"))
        return RedirectResponse(f"/{lang}/{START}", status_code=302, headers={"vary": "Accept-Language"})

    @app.get("/exit", include_in_schema=False)
    async def leave() -> Response:
        return RedirectResponse(settings.exit_url, status_code=303, headers={"clear-site-data": '"cache"'})

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> Response:
        return PlainTextResponse("ok")

    @app.get("/{lang}", include_in_schema=False)
    @app.get("/{lang}/", include_in_schema=False)
    async def language_start(lang: str) -> Response:
        if lang not in LANGUAGES:
            raise HTTPException(404)
        return RedirectResponse(f"/{lang}/{START}", status_code=302)

    @app.get("/{lang}/alla-amnen", response_class=HTMLResponse)
    async def all_topics(request: Request, lang: str) -> Response:
        if lang not in LANGUAGES:
            raise HTTPException(404)
        return html(request.app.state.site.topics(lang))

    @app.get("/{lang}/stodlinjer", response_class=HTMLResponse)
    async def all_services(request: Request, lang: str) -> Response:
        if lang not in LANGUAGES:
            raise HTTPException(404)
        return html(request.app.state.site.services(lang))

    @app.post("/{lang}/skriv", response_class=HTMLResponse)
    async def ask(request: Request, lang: str) -> Response:
        """The free-text form: danger first, then the step that fits. The text is never kept."""
        if lang not in LANGUAGES:
            raise HTTPException(404)
        site: Site = request.app.state.site
        form = await read_form(request)
        text = form.get("q", "")
        step_id = form.get("steg", START)
        if step_id not in site.guide.tree(lang):
            step_id = START
        if not text.strip():
            message = site.gettext(lang, N_("Write something in the field, in your own words."))
            return html(site.step(lang, step_id, ask_error=message, ask_value=text), 400)
        cut = len(text) > MAX_LENGTH
        text = text[:MAX_LENGTH]
        return html(site.answer(lang, text, answer(site.indexes[lang], site.danger[lang], text), cut))

    @app.get("/{lang}/{step_id}", response_class=HTMLResponse)
    async def step(request: Request, lang: str, step_id: str) -> Response:
        page = request.app.state.site.step(lang, step_id) if lang in LANGUAGES else None
        if page is None:
            raise HTTPException(404)
        return html(page)

    app.include_router(api_router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins.split(),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    return app
