"""The keyboard, on every kind of page in every language: skip link first, quick exit second, every option reachable,
focus always visible, and focus in the order the page reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from . import harness

pytestmark = pytest.mark.browser

FOCUSABLE = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])'
# What shows focus: an outline, a shadow or a background (a change of text colour alone is not enough).
FOCUS_STYLE = """const focusStyle = el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle === 'none' ? 'none' : [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' ');
  return [outline, s.boxShadow, s.backgroundColor].join('|');
};"""
# Number every element that could take focus, in reading (DOM) order, and note how it looks unfocused.
MARK = """selector => {
  FOCUS_STYLE
  document.activeElement && document.activeElement.blur();
  return [...document.querySelectorAll(selector)].map((el, i) => {
    el.dataset.order = i;
    return focusStyle(el);
  });
}""".replace("FOCUS_STYLE", FOCUS_STYLE)
FOCUSED = """() => {
  FOCUS_STYLE
  const el = document.activeElement;
  if (!el || el === document.body || el.dataset.order === undefined) return null;
  return {
    order: Number(el.dataset.order),
    style: focusStyle(el),
    closedSummary: el.tagName === 'SUMMARY' && !el.parentElement.open,
    label: el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
      + ' ' + el.textContent.trim().slice(0, 40),
  };
}""".replace("FOCUS_STYLE", FOCUS_STYLE)
# What the Tab key should reach once everything is open: every marked element that is rendered.
REACHABLE = """() => [...document.querySelectorAll('[data-order]')]
  .filter(el => el.checkVisibility({visibilityProperty: true}) && !el.disabled)
  .map(el => Number(el.dataset.order))"""
OPTIONS = """() => [...document.querySelectorAll('a.option')].map(el => Number(el.dataset.order))"""


@dataclass
class TabWalk:
    order: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    unstyled: list[str] = field(default_factory=list)


def tab_through(page) -> tuple[TabWalk, list[int], list[int]]:
    """Press Tab until focus leaves the page, opening any closed `<details>` on the way as a person would."""
    unfocused = page.evaluate(MARK, FOCUSABLE)
    walk = TabWalk()
    for _ in range(len(unfocused) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (walk.order and focused["order"] == walk.order[0]):
            break
        walk.order.append(focused["order"])
        walk.labels.append(focused["label"])
        if focused["style"] == unfocused[focused["order"]]:
            walk.unstyled.append(focused["label"])
        if focused["closedSummary"]:
            page.keyboard.press("Enter")
    return walk, page.evaluate(REACHABLE), page.evaluate(OPTIONS)


@pytest.fixture(scope="package")
def tab_walks(walk, origin, requests_seen) -> dict[str, tuple[TabWalk, list[int], list[int]]]:
    """Every kind of page in every language walked with the Tab key, shared among Chromium profiles side by side."""
    visits = harness.of_each_kind(walk.pages)
    for lang in harness.LANGUAGES:
        assert {f"/{lang}/start", f"/{lang}/kontaktforbud/skriv-ut", f"/{lang}/alla-amnen"} <= {v.name for v in visits}
    found = harness.on_every_page(visits, origin, tab_through, requests_seen)
    assert len(found) == len(visits)
    return found


def test_first_tab_reaches_the_skip_link_and_the_second_the_quick_exit(tab_walks):
    for name, (walk, _, _) in tab_walks.items():
        assert walk.labels[0].startswith("a.skip-link"), name
        assert walk.labels[1].startswith("a.exit"), name


def test_focus_follows_the_reading_order_and_reaches_everything(tab_walks):
    for name, (walk, reachable, _) in tab_walks.items():
        assert walk.order == reachable, f"{name}: focus went {walk.labels}"


def test_every_option_is_reachable(tab_walks):
    assert sum(len(options) for _, _, options in tab_walks.values()) > 100
    for name, (walk, _, options) in tab_walks.items():
        assert not set(options) - set(walk.order), f"{name}: focus went {walk.labels}"


def test_focus_is_visible_on_everything_that_takes_it(tab_walks):
    for name, (walk, _, _) in tab_walks.items():
        assert not walk.unstyled, f"{name}: no focus style on {walk.unstyled}"


@pytest.mark.parametrize(("path", "target"), [("/sv/kontaktforbud", "step-title"), ("/sv/alla-amnen", "main")])
def test_the_skip_link_shows_when_focused_and_leads_to_the_heading(page, origin, path, target):
    """On a step it lands on the step's heading, past the conversation so far."""
    page.goto(origin + path)
    page.keyboard.press("Tab")
    box = page.locator("a.skip-link").bounding_box()
    assert box["y"] >= 0 and box["width"] > 0 and box["height"] >= 24
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == target
