"""The FastAPI application: settings in, app out.

The page routes live in `pages.py` and the JSON API in `api.py`; here are the
error pages, the quick exit and the mounting of each mode and site. Content and
site overlays are loaded and validated before the app is built; broken content
raises `ContentError` with every problem.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from contextlib import asynccontextmanager, suppress

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import i18n
from ..content.model import LANGUAGES, Problem
from ..content.validate import load_guide
from ..engine import UnknownLanguage
from ..settings import Settings
from ..sites import Overlay, read_overlay, read_overlays
from ..urls import EMBED, EXIT, HEALTH, SITES, STATIC, Urls, site_prefix, where
from .api import API_PREFIX
from .api import router as api_router
from .cache import KeptPages
from .headers import AddressLimit, HeadAsGet, SecurityHeaders
from .pages import pages
from .render import ERRORS, Site
from .runtime import Runtime, runtime, runtime_of

STYLESHEET = Urls().static("style.css")
log = logging.getLogger("vagvisaren")


class ContentError(Exception):
    """The content (or a site overlay) has problems; the service must not start on it."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = problems


def load_sites(settings: Settings) -> tuple[Site, dict[str, Site]]:
    """The main site and the municipalities' sites, all on one validated guide."""
    loaded = load_guide(settings.content_dir)
    if loaded.guide is None:
        raise ContentError(loaded.problems)
    guide = loaded.guide
    overlay = None
    problems: list[Problem] = []
    if settings.site is not None:
        overlay, found = read_overlay(settings.site, guide.services)
        problems += found
    overlays: dict[str, Overlay] = {}
    if settings.sites_dir is not None:
        overlays, found = read_overlays(settings.sites_dir, guide.services)
        problems += found
    if problems:
        raise ContentError(tuple(problems))
    main = Site(guide, STYLESHEET, overlay)
    sites = {slug: Site(guide, STYLESHEET, o, site_prefix(slug), main.engine) for slug, o in overlays.items()}
    return main, sites


def _where(path: str) -> tuple[str | None, bool, str]:
    """(site slug, embedded, language) of a path, for error pages in the right place and language."""
    address = where(path)
    return address.slug, address.embed, address.lang or i18n.DEFAULT


def reload_content(app: FastAPI) -> bool:
    """Load and validate the content again; swap it in whole if valid, else keep serving the last good one.

    Every problem is logged with file and line. Requests already running finish on
    the version they started with; the next ones get the new one.
    """
    settings = runtime_of(app).settings
    try:
        site, sites = load_sites(settings)
    except ContentError as error:
        for problem in error.problems:
            log.error("content problem: %s", problem)
        log.error("content NOT reloaded: %d problem(s); still serving the last good version", len(error.problems))
        return False
    app.state.runtime = Runtime(settings, site, sites)
    counts = ", ".join(f"{len(tree.steps)} steps in {lang}" for lang, tree in site.guide.trees.items())
    log.info("content reloaded: %s", counts)
    return True


@asynccontextmanager
async def _reload_on_hangup(app: FastAPI):
    """SIGHUP reloads the content, off the event loop so pages keep being served meanwhile."""
    loop = asyncio.get_running_loop()

    def hangup() -> None:
        loop.run_in_executor(None, reload_content, app)

    with suppress(NotImplementedError, RuntimeError):  # not the main thread, or no signals here
        loop.add_signal_handler(signal.SIGHUP, hangup)
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    site, sites = load_sites(settings)
    app = FastAPI(
        title="Vägvisaren", docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=_reload_on_hangup
    )
    app.state.runtime = Runtime(settings, site, sites)
    app.mount(f"/{STATIC}", StaticFiles(directory=settings.static_dir), name="static")

    def error_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response:
        """The error in the person's language: a page with the exit and 112, or JSON on the API."""
        slug, embed, lang = _where(request.url.path)
        current = runtime(request)
        main = current.site
        if request.url.path.startswith(API_PREFIX):
            parts = request.url.path.strip("/").split("/")
            lang = parts[2] if len(parts) > 2 and parts[2] in LANGUAGES else i18n.DEFAULT
            heading, _ = ERRORS.get(status, ERRORS[500])
            message = {"status": status, "message": main.gettext(lang, heading)}
            return JSONResponse(message, status_code=status, headers=headers)
        site = current.site_for(slug) or main
        return HTMLResponse(site.error(lang, status, embed), status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers or {})
        if headers.get("Allow", "").split(", ") == ["GET"]:
            headers["Allow"] = "GET, HEAD"  # HeadAsGet answers HEAD wherever GET is routed
        return error_page(request, exc.status_code if exc.status_code in ERRORS else 404, headers)

    @app.exception_handler(UnknownLanguage)
    async def unknown_language(request: Request, exc: UnknownLanguage) -> Response:
        return error_page(request, 404)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_page(request, 400 if request.method == "POST" else 404)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        return error_page(request, 500)

    @app.get("/", include_in_schema=False)
    async def root(request: Request) -> Response:
        lang = i18n.negotiate(request.headers.get("accept-language"))
        return RedirectResponse(Urls().start(lang), status_code=302, headers={"vary": "Accept-Language"})

    @app.get(f"/{EXIT}", include_in_schema=False)
    async def leave() -> Response:
        return RedirectResponse(settings.exit_url, status_code=303, headers={"clear-site-data": '"cache"'})

    @app.get(f"/{HEALTH}", include_in_schema=False)
    async def healthz() -> Response:
        return PlainTextResponse("ok")

    app.include_router(api_router)
    if sites:
        app.include_router(pages(embed=True), prefix=f"/{SITES}/{{slug}}/{EMBED}")
        app.include_router(pages(embed=False), prefix=f"/{SITES}/{{slug}}")
    app.include_router(pages(embed=True), prefix=f"/{EMBED}")
    app.include_router(pages(embed=False))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins.split(),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(HeadAsGet)
    app.add_middleware(KeptPages, sites=lambda slug: runtime_of(app).site_for(slug))

    def too_long(path: str) -> tuple[bytes, bytes]:
        if path.startswith(API_PREFIX):
            message = runtime_of(app).site.gettext(i18n.DEFAULT, ERRORS[414][0])
            return b"application/json", json.dumps({"status": 414, "message": message}).encode()
        slug, embed, lang = _where(path)
        current = runtime_of(app)
        return b"text/html; charset=utf-8", (current.site_for(slug) or current.site).error(lang, 414, embed)

    app.add_middleware(AddressLimit, error_page=too_long)
    app.add_middleware(SecurityHeaders, embed_origins=settings.embed_origins.split())
    return app
