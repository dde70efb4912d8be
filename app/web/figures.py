"""The organisation's figures page, `/_stats`: a form for the token, then the counts as bars.

It exists only when both `VAGVISAREN_STATS` and `VAGVISAREN_STATS_TOKEN` are set, and
no page links to it. The token is posted (never put in an address, so it is not in any
history or log) and compared in constant time. The bars are `<meter>` elements: plain
HTML, no script, no inline style. Counts under ten are shown as "fewer than 10" and get
no bar, since its length would give the number away.
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import i18n, stats
from ..content.model import Guide
from ..i18n import N_
from ..urls import STATS
from .forms import read_form
from .runtime import runtime

# The period shown when none is asked for: the last 30 days, today included.
DEFAULT_DAYS = 30
GROUPS = (
    (stats.STEP, N_("Steps shown")),
    (stats.ANSWER, N_("Free-text answers, by the first step suggested")),
    (stats.DANGER, N_("Free texts that spoke of danger now")),
)


@dataclass(frozen=True)
class Bar:
    """One line of the chart: what was counted, the count as it may be shown, and the bar (None under ten)."""

    label: str
    lang: str
    shown: str
    value: int | None


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str
    bars: tuple[Bar, ...]
    most: int


def _label(guide: Guide, row: stats.Row, no_step: str) -> str:
    if row.kind == stats.DANGER:
        return ""
    if not row.name:
        return no_step
    tree = guide.tree(row.lang) if row.lang in guide.trees else None
    return f"{tree[row.name].title} ({row.name})" if tree is not None and row.name in tree else row.name


def groups(guide: Guide, rows: list[stats.Row], lang: str) -> list[Group]:
    """The rows as the page's tables, each with the largest count that gets a bar."""
    translations = i18n.translations(lang)
    no_step = translations.gettext(N_("No step fitted"))
    fewer = translations.gettext(N_("fewer than 10"))
    found = []
    for kind, heading in GROUPS:
        bars = tuple(
            Bar(
                _label(guide, row, no_step),
                row.lang,
                row.shown if row.shown != stats.FEWER else fewer,
                row.total if row.total >= stats.SHOWN_FROM else None,
            )
            for row in rows
            if row.kind == kind
        )
        most = max((bar.value for bar in bars if bar.value is not None), default=0)
        found.append(Group(kind, translations.gettext(heading), bars, most))
    return found


def _day(text: str, default: dt.date) -> dt.date | None:
    if not text.strip():
        return default
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def router() -> APIRouter:
    found = APIRouter(include_in_schema=False)

    def configured(request: Request) -> tuple[Path, str]:
        """The figures file and the token, or a 404: without both the page does not exist."""
        settings = runtime(request).settings
        if settings.stats is None or not settings.stats_token:
            raise HTTPException(404)
        return settings.stats, settings.stats_token

    def page(request: Request, status: int = 200, **context) -> Response:
        lang = i18n.negotiate(request.headers.get("accept-language"))
        body = runtime(request).site.figures(lang, **context)
        return HTMLResponse(body, status_code=status, headers={"x-robots-tag": "noindex, nofollow"})

    @found.get(f"/{STATS}")
    async def ask_for_token(request: Request) -> Response:
        configured(request)
        return page(request)

    @found.post(f"/{STATS}")
    async def figures(request: Request) -> Response:
        path, token = configured(request)
        form = await read_form(request, known=("token", "fran", "till"))
        if not hmac.compare_digest(form.get("token", "").encode(), token.encode()):
            return page(request, 403, error=N_("That token is not right."))
        today = dt.date.today()
        start = _day(form.get("fran", ""), today - dt.timedelta(days=DEFAULT_DAYS - 1))
        end = _day(form.get("till", ""), today)
        if start is None or end is None or start > end:
            return page(request, 400, error=N_("Write the dates as YYYY-MM-DD, the first one not after the last."))
        current = runtime(request)
        if isinstance(current.observer, stats.StatsCounter):
            await run_in_threadpool(current.observer.flush)  # what was counted since the last flush, too
        rows = await run_in_threadpool(stats.read, path, start, end)
        lang = i18n.negotiate(request.headers.get("accept-language"))
        return page(request, start=start, end=end, groups=groups(current.guide, rows, lang))

    return found
