"""What the service answers from, as one typed object swapped whole on reload.

A reload builds a new `Runtime` and assigns it in one statement, so a request sees
either the old guide with its sites or the new one, never the new guide with the
old sites. The fast path (`cache.FastPath`) takes the runtime once per request and
hands it to the app in the request's scope, so a request uses that one to the end,
and the pages it keeps go into that runtime's own memory, which a reload drops whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from starlette.applications import Starlette
from starlette.requests import Request

from ..content.model import Guide
from ..engine import Engine
from ..settings import Settings
from .cache import KeptPages
from .render import Site

# Where the fast path leaves the runtime it took for a request, for the routes to use.
SCOPE_KEY = "vagvisaren.runtime"


class PageObserver(Protocol):
    """Told that a page was shown or a free text answered, and nothing else about the visit.

    The only way figures are taken (decision 0008): the arguments are all it ever
    learns, so nothing about a request can reach it. Whatever serves a step page
    (the route, or a faster path in front of it) calls `step_shown`; the free-text
    form calls `answered`. Both must return at once: the page is being served.
    """

    def step_shown(self, lang: str, step_id: str) -> None: ...

    def answered(self, lang: str, first_step: str | None, danger: bool) -> None: ...


class NoObserver:
    """The default: figures are off, nothing is counted."""

    def step_shown(self, lang: str, step_id: str) -> None:
        return None

    def answered(self, lang: str, first_step: str | None, danger: bool) -> None:
        return None


@dataclass(frozen=True)
class Runtime:
    """The settings, the validated guide, its engine, the main site, the municipalities' sites and the observer.

    `kept` is the fast path's memory of pages for this runtime only. A reload builds a
    new runtime with the same `observer`, so counts already taken and the thread that
    writes them carry over.
    """

    settings: Settings
    site: Site
    sites: Mapping[str, Site]
    observer: PageObserver = field(default_factory=NoObserver)
    kept: KeptPages = field(default_factory=KeptPages)

    @property
    def guide(self) -> Guide:
        return self.site.guide

    @property
    def engine(self) -> Engine:
        return self.site.engine

    def site_for(self, slug: str | None) -> Site | None:
        """The main site, or a municipality's by its slug (None if there is no such one)."""
        return self.site if slug is None else self.sites.get(slug)


def runtime_of(app: Starlette) -> Runtime:
    found = app.state.runtime
    if not isinstance(found, Runtime):
        raise TypeError("the app has no runtime: build it with create_app")
    return found


def runtime(request: Request) -> Runtime:
    """The runtime this request was started with (the app's current one if no fast path took one)."""
    found = request.scope.get(SCOPE_KEY)
    return found if isinstance(found, Runtime) else runtime_of(request.app)
