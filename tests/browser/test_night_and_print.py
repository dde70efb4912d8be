"""Night and print: dark colours keep WCAG AA contrast, and a printed step is the advice without the chat."""

from __future__ import annotations

import pytest

from . import harness

pytestmark = pytest.mark.browser

DARK_PAGES = ["/sv/start", "/sv/fara-nu", "/en/kontaktforbud", "/sv/svar?till=kontaktforbud&fara=1", "/sv/finns-inte"]


@pytest.mark.parametrize("path", DARK_PAGES)
def test_axe_finds_nothing_in_dark_mode(page, origin, path):
    page.emulate_media(color_scheme="dark")
    page.goto(origin + path)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 18, 18)", "the dark colours are not in use"
    assert harness.describe(harness.run_axe(page)) == []


def test_a_printed_step_has_the_advice_without_the_transcript(page, origin):
    page.goto(f"{origin}/sv/skydd")
    with page.expect_navigation():
        page.click("a.option[href$='/kontaktforbud']")
    assert page.locator("details.conversation").count() == 1
    page.emulate_media(media="print")
    assert not page.locator("details.conversation").is_visible()
    assert not page.locator("form.ask").is_visible()
    assert page.locator("h1").is_visible() and page.locator(".body").is_visible()
    assert page.locator("section.sources").is_visible(), "folded sources are printed"
    after = page.evaluate("getComputedStyle(document.querySelector('.sources a.external'), '::after').content")
    assert "https://" in after, "a printed link shows its address"
    assert page.evaluate("getComputedStyle(document.querySelector('li.service')).breakInside") == "avoid"
