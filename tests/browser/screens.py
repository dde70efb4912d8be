"""How far a person on a phone scrolls before she can act: `python -m tests.browser.screens`.

Opens the journeys of issue 13 on a 360 × 740 screen with the page's JavaScript off
and prints, in screens (740 px each, 1.0 = the bottom of the first screen), how long
each page is and where its first action, a named option and the first mention of
Bris stand. The browser test `test_screens.py` holds the first-action rule for every
information step; this prints the figures behind it.
"""

from __future__ import annotations

import sys

from . import harness

PHONE = {"width": 360, "height": 740}
# (page, what to find on it): an option's target, or "Bris".
JOURNEYS = [
    ("/sv/skyddat-boende", "option:skyddat-boende-barn"),
    ("/sv/heder", "option:"),
    ("/sv/ung", "Bris"),
    ("/sv/barn-som-upplever-vald", "Bris"),
    ("/sv/socialtjansten-och-barn", "Bris"),
    ("/sv/barnaktenskap", "Bris"),
    ("/sv/utresa", "Bris"),
]
# Where the first thing she can do stands: a phone number or an option, inside the page's main part.
FIRST_ACTION = """() => {
  const action = document.querySelector('main a[href^="tel:"], main a.option');
  return action ? action.getBoundingClientRect().top + window.scrollY : null;
}"""
OPTION = """target => {
  const links = [...document.querySelectorAll('main a.option')]
    .filter(a => !target || a.pathname.split('/').pop() === target);
  return links.length ? links[0].getBoundingClientRect().top + window.scrollY : null;
}"""
# The first element whose own text names Bris, or a link to Bris's number.
MENTION = """word => {
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (walker.currentNode.textContent.includes(word)) {
      return walker.currentNode.parentElement.getBoundingClientRect().top + window.scrollY;
    }
  }
  return null;
}"""


def screens(pixels: float | None) -> str:
    return "–" if pixels is None else f"{pixels / PHONE['height']:.1f}"


def measure(page, origin: str, path: str, what: str) -> dict:
    page.goto(origin + path)
    found = page.evaluate(OPTION, what.split(":", 1)[1]) if what.startswith("option:") else page.evaluate(MENTION, what)
    return {
        "page": path,
        "length": page.evaluate("document.documentElement.scrollHeight"),
        "first_action": page.evaluate(FIRST_ACTION),
        "what": what,
        "found": found,
    }


def main() -> int:
    missing = harness.missing_tools()
    if missing:
        print("missing: " + "; ".join(missing), file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with harness.service() as origin, sync_playwright() as playwright, harness.chromium(playwright) as context:
        page = context.new_page()
        page.set_viewport_size(PHONE)
        print(f"{'page':32} {'screens':>7} {'first action':>12}  found")
        for path, what in JOURNEYS:
            m = measure(page, origin, path, what)
            where = f"{what}: {screens(m['found'])}"
            print(f"{m['page']:32} {screens(m['length']):>7} {screens(m['first_action']):>12}  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
