"""The quick exit: at the top of the screen wherever the page is scrolled, gone in print,
and still there, with the options, in forced-colours mode.
"""

from __future__ import annotations

import pytest

from . import harness

pytestmark = pytest.mark.browser

LONG_PAGE = "/sv/stodlinjer"
ON_TOP = """() => {
  const exit = document.querySelector('a.exit');
  const box = exit.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {top: box.top, bottom: box.bottom, uncovered: exit.contains(hit)};
}"""


@pytest.mark.parametrize("width", harness.WIDTHS)
def test_the_exit_stays_at_the_top_when_scrolling(page, origin, width):
    view_width, view_height = harness.WIDTHS[width]
    page.set_viewport_size({"width": view_width, "height": view_height})
    page.goto(origin + LONG_PAGE)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height > 2 * view_height, "the page is too short to prove anything"
    for position in (0, height // 2, height):
        page.evaluate(f"window.scrollTo(0, {position})")
        assert page.evaluate("window.scrollY") > 0 or position == 0
        where = page.evaluate(ON_TOP)
        assert 0 <= where["top"] < 20 and where["bottom"] < 100, (position, where)
        assert where["uncovered"], position


def test_the_exit_is_hidden_in_print(page, origin):
    page.goto(f"{origin}/sv/jag-ar-utsatt")
    assert page.locator("a.exit").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("a.exit").is_visible()
    assert not page.locator("a.skip-link").is_visible()
    assert page.locator("h1").is_visible()


@pytest.mark.parametrize("path", ["/sv/jag-ar-utsatt", "/en/start"])
def test_exit_and_options_show_in_forced_colours(page, origin, path):
    page.emulate_media(forced_colors="active")
    page.goto(origin + path)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    links = [page.locator("a.exit"), *page.locator("a.option").all()]
    assert len(links) > 2
    for link in links:
        box = link.bounding_box()
        assert link.is_visible() and box["width"] >= 24 and box["height"] >= 24
        border = link.evaluate("el => parseFloat(getComputedStyle(el).borderTopWidth)")
        assert border > 0, "without a border a forced-colours button has no edge"
