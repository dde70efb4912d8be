"""What the service answers from, as one typed object swapped whole on reload.

A reload builds a new `Runtime` and assigns it in one statement, so a request sees
either the old guide with its sites or the new one, never the new guide with the
old sites. Each request takes the runtime once and uses that one to the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request

from ..content.model import Guide
from ..engine import Engine
from ..settings import Settings
from .render import Site


@dataclass(frozen=True)
class Runtime:
    """The settings, the validated guide, its engine, the main site and the municipalities' sites."""

    settings: Settings
    site: Site
    sites: Mapping[str, Site]

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
    return runtime_of(request.app)
