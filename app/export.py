"""`python -m app export DIR`: every page that is a function of its address, as files, and nginx's configuration.

The pages are asked of the service itself, in process (the same routes, templates and
headers as live), and written as `public/{address}.html` with a gzipped copy beside
each (the bytes the live service sends for gzip); the stylesheet, the script and an
overlay's own files likewise. What an export cannot do, it does not pretend to:

- The free-text form needs a service to answer it. With `--ask-url` it posts there
  (a running copy of the guide on the same content); without one, pages carry a link
  to all topics in its place (`urls.Urls.ask_origin`).
- Ways through the dialogue (`/sv/start/jag-ar-utsatt/skydd`) have no end in number.
  Every way of at most `depth` steps is written; nginx answers a longer one with the
  page of its last `depth` steps (decision 0012).
- The reply to a free text (`/sv/svar?…`), the JSON API, `/_stats` and the choice of
  language at `/` need the service; an export has none of them (`/` goes to the
  default language's start).

`nginx_conf.render` writes the server configuration from the same sources as the live
headers (`web.headers`) and the same error pages.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .dialogue import Flow
from .languages import CODES
from .settings import Settings
from .urls import ASK, LANGUAGE_PAGES, REPLY, Urls
from .web.app import STYLESHEET, create_app
from .web.render import Page, Site
from .web.runtime import Runtime, runtime_of

# The longest way through the dialogue written out: a page with the last answer above it.
# Depth 3 writes 3.7 times as many pages (decision 0012).
DEFAULT_DEPTH = 2
PUBLIC = "public"
ERROR_FOLDER = "_errors"
# The empty body nginx sends with a redirect, where it would otherwise send a page of its own.
REDIRECT_FILE = f"{ERROR_FOLDER}/redirect"
# What nginx itself can answer an export with: a request it cannot read, a missing page,
# a form sent to a page, a body or an address too large, a fault of its own.
STATUSES = (400, 404, 405, 413, 414, 500)
# Files worth a gzipped copy: text.
COMPRESSIBLE = (".html", ".css", ".js", ".svg")


@dataclass(frozen=True)
class Exported:
    """What an export wrote: how many pages (addresses), files in all, their bytes, and the folder nginx serves."""

    pages: int
    files: int
    bytes: int
    public: Path
    # Files without a suffix and the content type to serve them with (an overlay's logo).
    types: dict[str, str]


def export_settings(settings: Settings, site: Path | None) -> Settings:
    """The settings an export renders with: one site, counting nothing, any Host (it asks itself)."""
    return replace(
        settings,
        site=site or settings.site,
        sites_dir=None,
        stats=None,
        stats_token="",
        allowed_hosts=("*",),
    )


def ways(flow: Flow, start: str, depth: int) -> Iterator[tuple[str, ...]]:
    """Every way through the dialogue from `start` of at most `depth` steps, `start` alone first.

    The same ways `Flow.walk` accepts: each step one the step before offers, none twice.
    """
    todo: list[tuple[str, ...]] = [(start,)]
    while todo:
        ids = todo.pop()
        yield ids
        if len(ids) < depth:
            targets = dict.fromkeys(option.target for option in flow.options(flow.tree[ids[-1]]))
            todo += [(*ids, target) for target in reversed(targets) if target not in ids]


def addresses(site: Site, depth: int) -> Iterator[str]:
    """Every page address of the site an export writes, in both modes (the guide and `/embed/`) and every language."""
    built_in = sorted(LANGUAGE_PAGES - {ASK, REPLY})
    for embed in (False, True):
        urls = site.urls.mode(embed)
        for lang in CODES:
            yield from (urls.page(lang, name) for name in built_in)
            flow = site.engine.flow(lang)
            for step in flow.tree.steps.values():
                yield from (urls.walk(lang, ids) for ids in ways(flow, step.id, depth))
                if step.is_info:
                    yield urls.print(lang, step.id)
                    yield urls.numbers(lang, step.id)


def calm_pages(lang: str, embed: bool) -> str:
    """How a language and mode's calm error pages are named in an export: `sv`, `embed-sv`."""
    return f"{'embed-' if embed else ''}{lang}"


def error_file(lang: str, status: int, embed: bool) -> str:
    """Where the calm page for `status` lives in an export, relative to `public/`."""
    return f"{ERROR_FOLDER}/{calm_pages(lang, embed)}-{status}.html"


def export(
    settings: Settings, folder: Path, site: Path | None = None, ask_url: str | None = None, depth: int = DEFAULT_DEPTH
) -> Exported:
    """Write the export into `folder/public` (emptied first); nginx's configuration is `nginx_conf.render`'s."""
    settings = export_settings(settings, site)
    app = create_app(settings)
    live = runtime_of(app)
    main = Site(live.guide, STYLESHEET, live.site.overlay, engine=live.engine, ask_origin=ask_url)
    app.state.runtime = Runtime(settings, main, {})
    public = folder / PUBLIC
    if public.exists():
        shutil.rmtree(public)
    public.mkdir(parents=True)
    writer = _Writer(public)
    pages = list(dict.fromkeys(addresses(main, depth)))
    overlay = main.overlay
    site_files = [main.urls.site_file("style.css")] if overlay else []
    site_files += [main.urls.site_file("logo")] if overlay and overlay.logo else []
    types = asyncio.run(_fetch_all(app, [*pages, *site_files], writer))
    for embed in (False, True):
        for lang in CODES:
            for status in STATUSES:
                writer.write(error_file(lang, status, embed), main.error(lang, status, embed).body)
    writer.write(REDIRECT_FILE, b"")
    for file in sorted(path for path in settings.static_dir.rglob("*") if path.is_file()):
        writer.write(Urls().static(file.relative_to(settings.static_dir).as_posix()).lstrip("/"), file.read_bytes())
    return Exported(len(pages), writer.files, writer.bytes, public, types)


async def _fetch_all(app, paths: Sequence[str], writer: _Writer) -> dict[str, str]:
    """Ask the app for each address in turn and write what it answers; return suffix-less files' content types."""
    import httpx  # here, not at the top: `python -m app serve` imports this module, and a server needs no client

    types = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://export.invalid") as client:
        for path in paths:
            response = await client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path}: the service answered {response.status_code}, not a page")
            content_type = response.headers["content-type"].split(";")[0]
            name = path.lstrip("/")
            if content_type == "text/html":
                writer.write(name + ".html", response.content)
                continue
            writer.write(name, response.content)
            if not Path(name).suffix:
                types[path] = content_type
    return types


class _Writer:
    """Writes files under `public/`, each compressible one with its gzipped copy, and counts them."""

    def __init__(self, public: Path) -> None:
        self.public = public
        self.files = 0
        self.bytes = 0

    def write(self, name: str, body: bytes) -> None:
        path = self.public / name
        path.parent.mkdir(parents=True, exist_ok=True)
        copies = [(path, body)]
        if path.suffix in COMPRESSIBLE:
            copies.append((path.with_name(path.name + ".gz"), Page.of(body).gzipped))
        for target, data in copies:
            target.write_bytes(data)
            self.files += 1
            self.bytes += len(data)
