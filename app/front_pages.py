"""The calm pages nginx shows for errors of its own, made from the guide's own templates.

When the service is down or slow, or nginx itself refuses a request (too large, too
many at once, a shape it will not pass on), a person would otherwise see nginx's bare
"502 Bad Gateway". `python -m app front-pages DIR` writes the guide's error page for
each such status in each language, with 112, Kvinnofridslinjen and the quick exit,
which here points straight at the neutral site: `/exit` is the service's own and may
be the thing that is down. deploy/start writes them before nginx starts, and
deploy/nginx.conf serves them with the same security headers as every page.
"""

from __future__ import annotations

from pathlib import Path

from .content.model import LANGUAGES
from .settings import Settings
from .web.app import STYLESHEET, load_sites
from .web.render import Site

# What nginx answers itself: a request it cannot read, too large, an address too long,
# a client over its limits, and the service down or too slow (502, 503 and 504 alike).
STATUSES = (400, 413, 414, 429, 503)


def write(settings: Settings, folder: Path) -> list[Path]:
    """Write `{lang}-{status}.html` for every language and status into `folder`; return the files."""
    main, _ = load_sites(settings)
    front = Site(main.guide, STYLESHEET, main.overlay, engine=main.engine, exit_address=settings.exit_url)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        for status in STATUSES:
            path = folder / f"{lang}-{status}.html"
            path.write_bytes(front.error(lang, status).body)
            written.append(path)
    return written
