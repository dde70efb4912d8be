"""WCAG 2.2 AA on a static export served by nginx, at 320 and 1280 px, with the page's JavaScript off.

The export's pages are the live pages but for the free-text form (a link to all topics
in its place) and a way longer than the export's depth (its last steps' page), so a
sample in every language is audited with the same axe-core rules as the live walk.
"""

from __future__ import annotations

import pytest

from app.languages import CODES
from app.urls import Urls

from ..test_export import served_export
from . import harness
from .test_accessibility import TAGS, report

pytestmark = pytest.mark.browser


def sample() -> list[str]:
    """Every kind of page in every language: steps, ways (written and cut), print, numbers, built-in, missing."""
    paths = []
    for embed in (False, True):
        urls = Urls(embed=embed)
        for lang in CODES:
            paths += [urls.start(lang), urls.walk(lang, ("start", "jag-ar-utsatt"))]
            if not embed:
                paths += [urls.walk(lang, ("start", "jag-ar-utsatt", "skydd")), urls.step(lang, "kontaktforbud")]
                paths += [urls.print(lang, "kontaktforbud"), urls.numbers(lang, "kontaktforbud")]
                paths += [urls.topics(lang), urls.services(lang), urls.step(lang, "finns-inte")]
    return paths


def test_axe_finds_no_violations_in_the_export(playwright, tmp_path):
    """In a profile of its own, so that the live walk's record of requests holds only the live site's."""
    violations: dict[str, list[str]] = {}
    requests: list[str] = []
    with served_export(tmp_path) as served, harness.chromium(playwright) as context:
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        try:
            for path in sample():
                page.goto(served.origin + path)
                for width, height in harness.WIDTHS.values():
                    page.set_viewport_size({"width": width, "height": height})
                    found = harness.describe(harness.run_axe(page, TAGS))
                    if found:
                        violations[f"{path} at {width} px"] = found
        finally:
            page.close()
    assert not violations, report(violations)
    assert [url for url in requests if not url.startswith(served.origin + "/")] == []
