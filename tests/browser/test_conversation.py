"""The conversation shown is the one she had: the transcript equals her clicks, Back goes back on her way."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Into the guide through "Skydd" to a contact ban: the old pages rebuilt the shortest
# way from the start instead and said she had chosen "Jag är i fara just nu".
CLICKS = (
    "Jag blir utsatt för våld, hot eller kontroll",
    "Skydd: ett säkert boende, kontaktförbud eller skyddad adress",
    "Att personen ska hålla sig borta från mig",
)


def _said(page) -> list[str]:
    bubbles = page.locator(".transcript .bubble.person").all_text_contents()  # folded: not rendered
    return [bubble.split(":", 1)[1].strip() for bubble in bubbles]


def _walk(page, origin: str) -> list[str]:
    """Click through `CLICKS`, checking after each click that the page shows exactly the clicks so far."""
    page.goto(f"{origin}/sv/start")
    visited = [page.url]
    for done, label in enumerate(CLICKS, start=1):
        with page.expect_navigation():
            page.get_by_role("link", name=label, exact=True).click()
        visited.append(page.url)
        assert _said(page) == list(CLICKS[:done])
    return visited


def test_the_transcript_equals_the_clicks_and_back_goes_back_on_her_way(page, origin):
    visited = _walk(page, origin)
    assert page.locator("h1").inner_text() == "Kontaktförbud"
    assert "fara just nu" not in page.locator(".transcript").inner_text()
    for previous in reversed(visited[:-1]):
        back = page.locator("a.back-link")
        if previous == visited[0]:
            with page.expect_navigation():
                back.click()
            assert page.url == previous and page.locator("a.back-link").count() == 0
            break
        with page.expect_navigation():
            back.click()
        assert page.url == previous


def test_the_same_with_the_script_that_replaces_history(scripted_context, origin):
    page = scripted_context.new_page()
    try:
        _walk(page, origin)
        assert page.evaluate("history.length") <= 2, "moving within the guide added history entries"
    finally:
        page.close()


def test_a_short_address_says_nothing_she_did_not_choose(page, origin):
    page.goto(f"{origin}/sv/kontaktforbud")
    assert page.locator(".transcript").count() == 0 and page.locator("a.back-link").count() == 0
    assert page.locator("h1").inner_text() == "Kontaktförbud"
