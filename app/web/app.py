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
from collections.abc import Callable
from contextlib import asynccontextmanager, suppress

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.telemetry import TelemetryConfig
from starlette.exceptions import HTTPException
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.types import ASGIApp

from .. import i18n, stats
from ..content.model import LANGUAGES, Problem
from ..content.overlay import Overlay, read_overlay, read_overlays
from ..content.validate import load_guide
from ..engine import UnknownLanguage
from ..settings import Settings
from ..urls import EMBED, EXIT, HEALTH, SITES, STATIC, Urls, site_prefix, where
from .api import API_PREFIX
from .api import router as api_router
from .built_in import ERRORS
from .cache import Kept, KeptResponse
from .fast import FastPath
from .figures import router as figures_router
from .headers import AddressLimit, CalmErrors, HeadAsGet, SecurityHeaders, TrustedHosts
from .pages import pages
from .render import Site
from .runtime import NoObserver, PageObserver, Runtime, runtime, runtime_of

STYLESHEET = Urls().static("style.css")
# What the quick exit asks the browser to forget (a static export's nginx sends the same).
CLEAR_SITE_DATA = '"cache"'
log = logging.getLogger("vagvisaren")
# Languages, step ids and site slugs are all slugs; no real one comes near this length.
PATH_PARAMETER, PATH_PARAMETER_MAX = r"^[a-z0-9]+(?:-[a-z0-9]+)*$", 100
LANGUAGE_PARAMETER = "^(?:" + "|".join(LANGUAGES) + ")$"
# FastAPI's own OpenTelemetry would record every path and query if an operator's
# environment turned it on (FASTAPI_OTEL_AUTO_CONFIGURE); the guide records nothing.
TELEMETRY_OFF: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
    "auto_configure": False,
}


class GuideApp(FastAPI):
    """FastAPI with our error handling and security headers around its whole stack, and the fast path in front.

    Starlette's `ServerErrorMiddleware` is the outermost layer FastAPI builds; it is
    replaced by `CalmErrors`, and `SecurityHeaders` wraps that, so no response of the
    app, a 500 included, leaves without the headers. `FastPath` wraps it all: kept
    pages carry the headers the stack gave them the first time.
    """

    def build_middleware_stack(self) -> ASGIApp:
        stack = super().build_middleware_stack()
        inner = stack.app if isinstance(stack, ServerErrorMiddleware) else stack
        front: Callable[[ASGIApp], ASGIApp] = self.state.front
        self.state.fast_path = front(inner)  # also answers on the wire (`wire.KeptOnTheWire`)
        return self.state.fast_path

    def openapi(self) -> dict:
        """The schema, with what every path parameter can be: a language, or a short slug (else a 404)."""
        if self.openapi_schema is None:
            schema = super().openapi()
            for operation in (op for path in schema["paths"].values() for op in path.values()):
                for parameter in operation.get("parameters", ()):
                    if parameter["in"] == "path":
                        pattern = LANGUAGE_PARAMETER if parameter["name"] == "lang" else PATH_PARAMETER
                        parameter["schema"].update(pattern=pattern, maxLength=PATH_PARAMETER_MAX)
        return self.openapi_schema or {}


class ContentError(Exception):
    """The content (or a site overlay) has problems; the service must not start on it."""

    def __init__(self, problems: tuple[Problem, ...], where: object) -> None:
        super().__init__(f"{len(problems)} problem(s) in {where}")
        self.problems = problems
        self.where = where


def load_sites(settings: Settings) -> tuple[Site, dict[str, Site]]:
    """The main site and the municipalities' sites, all on one validated guide."""
    loaded = load_guide(settings.content_dir, snapshots=settings.snapshot_dir)
    if loaded.guide is None:
        raise ContentError(loaded.problems, settings.content_dir)
    guide = loaded.guide
    overlay = None
    problems: list[Problem] = []
    if settings.site is not None:
        overlay, found = read_overlay(settings.site, guide.services, guide.themes)
        problems += found
    overlays: dict[str, Overlay] = {}
    if settings.sites_dir is not None:
        overlays, found = read_overlays(settings.sites_dir, guide.services, guide.themes)
        problems += found
    if problems:
        where = " and ".join(str(folder) for folder in (settings.site, settings.sites_dir) if folder is not None)
        raise ContentError(tuple(problems), f"the overlay {where}")
    main = Site(guide, STYLESHEET, overlay)
    sites = {slug: Site(guide, STYLESHEET, o, site_prefix(slug), main.engine) for slug, o in overlays.items()}
    return main, sites


def _where(path: str) -> tuple[str | None, bool, str]:
    """(site slug, embedded, language) of a path, for error pages in the right place and language."""
    address = where(path)
    return address.slug, address.embed, address.lang or i18n.DEFAULT


def _without_slash(request: Request) -> str | None:
    """The same address without its trailing slash, relative to this host, or None.

    Only a plain path: one that starts `//` or `/\\` would read as another host.
    """
    raw = request.scope.get("raw_path") or request.url.path.encode()
    path = raw.decode("latin-1")
    if len(path) < 2 or not path.endswith("/") or path[1] in "/\\":
        return None
    return path.rstrip("/") or None


def reload_content(app: FastAPI) -> bool:
    """Load and validate the content again; swap it in whole if valid, else keep serving the last good one.

    Every problem is logged with file and line. Requests already running finish on
    the version they started with; the next ones get the new one.
    """
    current = runtime_of(app)
    settings = current.settings
    try:
        site, sites = load_sites(settings)
    except ContentError as error:
        for problem in error.problems:
            log.error("content problem: %s", problem)
        log.error("content NOT reloaded: %d problem(s); still serving the last good version", len(error.problems))
        return False
    app.state.runtime = Runtime(settings, site, sites, current.observer)  # the same counts carry over
    counts = ", ".join(f"{len(tree.steps)} steps in {lang}" for lang, tree in site.guide.trees.items())
    log.info("content reloaded: %s", counts)
    return True


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """SIGHUP reloads the content, off the event loop so pages keep being served meanwhile.

    At shutdown the follow-up figures counted since their last write are written.
    """
    loop = asyncio.get_running_loop()

    def hangup() -> None:
        loop.run_in_executor(None, reload_content, app)

    with suppress(NotImplementedError, RuntimeError):  # not the main thread, or no signals here
        loop.add_signal_handler(signal.SIGHUP, hangup)
    try:
        yield
    finally:
        observer = runtime_of(app).observer
        if isinstance(observer, stats.StatsCounter):
            await loop.run_in_executor(None, observer.close)


def _observer(settings: Settings) -> PageObserver:
    """The follow-up figures' counter when `VAGVISAREN_STATS` names a file, else one that counts nothing."""
    return stats.StatsCounter(settings.stats) if settings.stats is not None else NoObserver()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    site, sites = load_sites(settings)
    app = GuideApp(
        title="Vägvisaren",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=_lifespan,
        telemetry=TELEMETRY_OFF,
        redirect_slashes=False,  # Starlette's would build an absolute http:// address from the Host header
        servers=[{"url": settings.public_url}] if settings.public_url else None,  # never from a request header
    )
    app.state.runtime = Runtime(settings, site, sites, _observer(settings))
    app.mount(f"/{STATIC}", StaticFiles(directory=settings.static_dir), name="static")

    def error_body(path: str, status: int) -> tuple[bytes, bytes]:
        """The error in the person's language: a page with the exit and 112, or JSON on the API."""
        current = runtime_of(app)
        main = current.site
        if path.startswith(API_PREFIX):
            parts = path.strip("/").split("/")
            lang = parts[2] if len(parts) > 2 and parts[2] in LANGUAGES else i18n.DEFAULT
            heading, _ = ERRORS.get(status, ERRORS[500])
            message = {"status": status, "message": main.gettext(lang, heading)}
            return b"application/json", json.dumps(message, ensure_ascii=False).encode()
        slug, embed, lang = _where(path)
        return b"text/html; charset=utf-8", (current.site_for(slug) or main).error(lang, status, embed).body

    def error_page(request: Request, status: int, headers: dict[str, str] | None = None) -> Response:
        content_type, body = error_body(request.url.path, status)
        return Response(body, status_code=status, headers=headers, media_type=content_type.decode())

    def missing(request: Request) -> Response:
        """A page that does not exist: a function of its address too, so the fast path may keep it."""
        path = request.url.path
        if path.startswith(API_PREFIX):
            return error_page(request, 404)
        current = runtime(request)
        slug, embed, lang = _where(path)
        page = (current.site_for(slug) or current.site).error(lang, 404, embed)
        raw = (request.scope.get("raw_path") or path.encode()).decode("latin-1")
        query = request.scope["query_string"].decode("latin-1")
        return KeptResponse(Kept(page, raw + "?" + query if query else raw, lang), status_code=404)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404 and request.method in ("GET", "HEAD"):
            if target := _without_slash(request):
                return RedirectResponse(target, status_code=308)
            if not exc.headers:
                return missing(request)
        headers = dict(exc.headers or {})
        if headers.get("Allow", "").split(", ") == ["GET"]:
            headers["Allow"] = "GET, HEAD"  # HeadAsGet answers HEAD wherever GET is routed
        return error_page(request, exc.status_code if exc.status_code in ERRORS else 404, headers)

    @app.exception_handler(UnknownLanguage)
    async def unknown_language(request: Request, exc: UnknownLanguage) -> Response:
        return missing(request) if request.method in ("GET", "HEAD") else error_page(request, 404)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if request.method in ("GET", "HEAD"):
            return missing(request)
        return error_page(request, 400 if request.method == "POST" else 404)

    @app.get("/", include_in_schema=False)
    async def root(request: Request) -> Response:
        lang = i18n.negotiate(request.headers.get("accept-language"))
        return RedirectResponse(Urls().start(lang), status_code=302, headers={"vary": "Accept-Language"})

    @app.get(f"/{EXIT}", include_in_schema=False)
    async def leave() -> Response:
        return RedirectResponse(settings.exit_url, status_code=303, headers={"clear-site-data": CLEAR_SITE_DATA})

    @app.get(f"/{HEALTH}", include_in_schema=False)
    async def healthz() -> Response:
        return PlainTextResponse("ok")

    app.include_router(api_router)
    app.include_router(figures_router())
    if sites:

        @app.get(f"/{SITES}/{{slug}}", include_in_schema=False)
        @app.get(f"/{SITES}/{{slug}}/", include_in_schema=False)
        @app.get(f"/{SITES}/{{slug}}/{EMBED}", include_in_schema=False)
        @app.get(f"/{SITES}/{{slug}}/{EMBED}/", include_in_schema=False)
        async def site_start(request: Request, slug: str) -> Response:
            """A municipality's own address, as printed on a poster: its start page in her language."""
            site = runtime_of(app).site_for(slug)
            if site is None:
                raise HTTPException(404)
            lang = i18n.negotiate(request.headers.get("accept-language"))
            embed = request.url.path.rstrip("/").endswith(f"/{EMBED}")
            target = site.urls.mode(embed).start(lang)
            return RedirectResponse(target, status_code=302, headers={"vary": "Accept-Language"})

        app.include_router(pages(embed=True), prefix=f"/{SITES}/{{slug}}/{EMBED}")
        app.include_router(pages(embed=False), prefix=f"/{SITES}/{{slug}}")
    app.include_router(pages(embed=True), prefix=f"/{EMBED}")
    app.include_router(pages(embed=False))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(HeadAsGet)
    app.add_middleware(AddressLimit, error_page=error_body)
    app.add_middleware(TrustedHosts, allowed_hosts=settings.allowed_hosts, error_page=error_body)
    app.state.front = lambda inner: FastPath(
        SecurityHeaders(CalmErrors(inner, error_page=error_body), embed_origins=settings.embed_origins),
        current=lambda: runtime_of(app),
        allowed_hosts=settings.allowed_hosts,
        cors=bool(settings.cors_origins),
    )
    return app
