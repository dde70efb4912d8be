"""How long ago each page and service was reviewed, for the editor who keeps the guide true.

A page's review date is its `reviewed:`; a service has none of its own, so its
date is the oldest `checked:` among its sources (the fact least recently seen).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .content.model import Guide


@dataclass(frozen=True, order=True)
class Reviewed:
    """One page or service and the date it was last reviewed."""

    date: dt.date
    path: str
    is_page: bool


def review_dates(guide: Guide) -> list[Reviewed]:
    """Every reviewed page and every service, oldest first."""
    found = [
        Reviewed(step.reviewed, step.path, True)
        for tree in guide.trees.values()
        for step in tree.steps.values()
        if step.reviewed is not None
    ]
    found += [
        Reviewed(min(source.checked for source in service.sources), service.path, False)
        for service in guide.services.values()
    ]
    return sorted(found)


def stale_before(today: dt.date) -> dt.date:
    """Twelve months before `today`: a review older than this is due (29 February counts from the 28th)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def stale_pages(guide: Guide, today: dt.date) -> list[Reviewed]:
    """Pages whose review is more than twelve months old, oldest first."""
    limit = stale_before(today)
    return [item for item in review_dates(guide) if item.is_page and item.date < limit]


def listing(guide: Guide, today: dt.date) -> str:
    """The `review` command's lines: age in days, date and file, oldest first; overdue ones marked."""
    limit = stale_before(today)
    return "".join(
        f"{(today - item.date).days:5} days  {item.date.isoformat()}  {item.path}"
        + ("  (older than 12 months)" if item.date < limit else "")
        + "\n"
        for item in review_dates(guide)
    )
