"""WCAG 2.2 AA on every page, at 320 and 1280 px wide, with the page's JavaScript off.

Each page is loaded once and audited at each width: axe-core, then a measure of
horizontal scrolling, then the same with the text at 200 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from . import harness
from .conftest import FIGURES

pytestmark = pytest.mark.browser

# axe-core's best-practice rules add what the WCAG tags leave to people: landmarks
# around all content, headings in order, one main, one h1.
TAGS = (*harness.AXE_TAGS, "best-practice")
MEASURE = """() => {
  const root = document.documentElement;
  const h1 = document.querySelector('h1');
  const box = h1 && h1.getBoundingClientRect();
  return {
    scrollWidth: root.scrollWidth,
    h1Visible: !!h1 && h1.checkVisibility({visibilityProperty: true}) && box.width > 0 && box.height > 0
      && box.left >= 0 && box.right <= root.clientWidth && h1.scrollWidth <= h1.clientWidth,
  };
}"""
WIDER_THAN_THE_VIEW = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))"""


@dataclass
class Audit:
    """What one width found on every page."""

    violations: dict[str, list[str]] = field(default_factory=dict)
    scrolling: dict[str, str] = field(default_factory=dict)
    zoomed: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="package")
def audits(walk, origin, requests_seen) -> dict[str, Audit]:
    """Each page loaded once, then audited at each width in turn (axe-core stays loaded in the document);
    the pages are shared among several Chromium profiles side by side."""

    def at_each_width(page) -> dict[str, Audit]:
        found = {name: Audit() for name in harness.WIDTHS}
        for name, (width, height) in harness.WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            audit(page, "this page", width, found[name])
        return found

    per_page = harness.on_every_page([crawled.visit for crawled in walk.pages], origin, at_each_width, requests_seen)
    assert len(per_page) == len(walk.pages)
    found = {name: Audit() for name in harness.WIDTHS}
    for page_name, of_page in per_page.items():
        for name, one in of_page.items():
            for ours, theirs in (
                (found[name].violations, one.violations),
                (found[name].scrolling, one.scrolling),
                (found[name].zoomed, one.zoomed),
            ):
                if "this page" in theirs:
                    ours[page_name] = theirs["this page"]
    FIGURES.widths = len(harness.WIDTHS)
    return found


def audit(page, name: str, width: int, found: Audit) -> None:
    violations = harness.describe(harness.run_axe(page, TAGS))
    if violations:
        found.violations[name] = violations
    plain = page.evaluate(MEASURE)
    if plain["scrollWidth"] > width:
        found.scrolling[name] = f"{plain['scrollWidth']} px: {page.evaluate(WIDER_THAN_THE_VIEW)}"
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    zoomed = page.evaluate(MEASURE)
    if zoomed["scrollWidth"] > width or not zoomed["h1Visible"]:
        found.zoomed[name] = (
            f"{zoomed['scrollWidth']} px wide, h1 visible: {zoomed['h1Visible']}, "
            f"wider than the view: {page.evaluate(WIDER_THAN_THE_VIEW)}"
        )
    page.evaluate("document.documentElement.style.fontSize = ''")


def report(found: dict[str, object]) -> str:
    lines = []
    for name, problems in found.items():
        lines.append(name)
        lines += [f"  {problem}" for problem in (problems if isinstance(problems, list) else [problems])]
    return "\n".join(lines)


def test_the_walk_reaches_every_kind_of_page(walk):
    statuses = {crawled.visit.name: crawled.status for crawled in walk.pages}
    for lang in harness.LANGUAGES:
        for built_in in ("start", "jag-ar-utsatt", "kontaktforbud", "kontaktforbud/skriv-ut", *harness.BUILT_IN):
            assert statuses[f"/{lang}/{built_in}"] == 200
        assert statuses[f"/{lang}/finns-inte"] == 404
        assert statuses[f"POST /{lang}/skriv q=''"] == 400
    answers = [name for name in statuses if name.startswith("POST") and statuses[name] == 200]
    texts = sum(len(texts) for texts in harness.FREE_TEXTS.values())
    assert len(answers) == texts + len(harness.LANGUAGES) * len(harness.OTHER_MODES), answers
    for prefix in harness.OTHER_MODES:
        assert statuses[f"{prefix}/sv/start"] == 200
    assert len(walk.pages) > 100


def test_no_link_leads_to_a_missing_page(walk):
    """Every page the walk reached by following a link answers 200 (only the deliberately missing ones do not)."""
    broken = [
        crawled.visit.name
        for crawled in walk.pages
        if crawled.visit.text is None and crawled.status != 200 and not crawled.visit.path.endswith("/finns-inte")
    ]
    assert broken == []


@pytest.mark.parametrize("width", harness.WIDTHS)
def test_axe_finds_no_violations(audits, width):
    assert not audits[width].violations, report(audits[width].violations)


def test_no_horizontal_scrolling_at_320_px(audits):
    assert not audits["narrow"].scrolling, report(audits["narrow"].scrolling)


@pytest.mark.parametrize("width", harness.WIDTHS)
def test_text_at_200_percent_fits_and_the_heading_shows(audits, width):
    assert not audits[width].zoomed, report(audits[width].zoomed)
