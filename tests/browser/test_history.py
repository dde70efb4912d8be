"""What the browser's history keeps after the quick exit: never her words, and with the script on, not the guide."""

from __future__ import annotations

import pytest

from . import harness

pytestmark = pytest.mark.browser

WORDS = "min man tar all min lön zqxmarker"


def _posts(requests: list[str]) -> int:
    return sum(request.startswith("POST ") for request in requests)


@pytest.fixture
def page(playwright):
    """A profile of its own with JavaScript off: this test leaves the site, which the privacy audit must not see."""
    with harness.chromium(playwright) as context:
        yield context.new_page()


def test_her_words_are_not_shown_or_sent_again_after_the_exit_and_back(page, exiting_origin, neutral):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(f"{request.method} {request.url}"))
    page.goto(neutral)
    page.goto(f"{exiting_origin}/sv/start")
    page.fill("textarea#fritext", WORDS)
    with page.expect_navigation():
        page.click("form.ask button[type=submit]")
    assert page.url.startswith(f"{exiting_origin}/sv/svar")
    assert "zqxmarker" not in page.url and "zqxmarker" not in page.content()
    sent = _posts(requests)
    assert sent == 1
    with page.expect_navigation():
        page.click("a.exit")
    assert page.url == neutral
    page.go_back()
    page.wait_for_load_state()
    assert page.url.startswith(f"{exiting_origin}/sv/svar"), "without the script, Back shows the reply"
    assert "zqxmarker" not in page.content()
    assert _posts(requests) == sent, "Back sent the form again"
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{exiting_origin}/sv/start"
    assert page.input_value("textarea#fritext") == ""
    assert _posts(requests) == sent


@pytest.fixture
def scripted(scripted_context):
    page = scripted_context.new_page()
    yield page
    page.close()


def _walk_the_guide(page, origin: str, before: str) -> None:
    """From a page before the guide, into the guide and three clicks deep, as a person would."""
    page.goto(before)
    page.goto(f"{origin}/sv/start")
    for target in ("jag-ar-utsatt", "skydd", "kontaktforbud"):
        with page.expect_navigation():
            page.click(f"a.option[href$='/{target}']")
        assert page.url.endswith(f"/{target}")


def _exit_and_back(page, neutral: str) -> str:
    """Leave with the quick exit, press Back once, and say where that landed."""
    with page.expect_navigation(url=neutral):
        page.click("a.exit")
    page.go_back()
    page.wait_for_load_state()
    return page.url


def test_with_the_script_back_after_the_exit_does_not_return_to_the_guide(scripted, exiting_origin, neutral):
    before = neutral + "?before"
    _walk_the_guide(scripted, exiting_origin, before)
    assert scripted.evaluate("history.length") == 3, "moving within the guide added history entries"
    assert _exit_and_back(scripted, neutral) == before


def test_with_the_script_the_form_leaves_no_entry_either(scripted, exiting_origin, neutral):
    before = neutral + "?before"
    scripted.goto(before)
    scripted.goto(f"{exiting_origin}/sv/start")
    scripted.fill("textarea#fritext", WORDS)
    with scripted.expect_navigation(url=f"{exiting_origin}/sv/svar*"):
        scripted.click("form.ask button[type=submit]")
    assert "zqxmarker" not in scripted.content()
    assert _exit_and_back(scripted, neutral) == before


def test_shift_three_times_leaves_and_blanks_the_page(scripted, exiting_origin, neutral):
    scripted.goto(f"{exiting_origin}/sv/kontaktforbud")
    with scripted.expect_navigation(url=neutral):
        scripted.keyboard.press("Shift")
        scripted.keyboard.press("Shift")
        scripted.keyboard.press("Shift")


def test_two_shifts_and_another_key_do_not_leave(scripted, exiting_origin):
    scripted.goto(f"{exiting_origin}/sv/kontaktforbud")
    for key in ("Shift", "Shift", "a", "Shift"):
        scripted.keyboard.press(key)
    scripted.wait_for_timeout(300)
    assert scripted.url == f"{exiting_origin}/sv/kontaktforbud"
    assert scripted.evaluate("document.documentElement.classList.contains('leaving')") is False


def test_no_script_runs_from_anywhere_else(scripted, exiting_origin):
    scripts: list[str] = []
    scripted.on("request", lambda request: request.resource_type == "script" and scripts.append(request.url))
    for path in ("/sv/start", "/en/kontaktforbud", "/embed/sv/start", "/sv/svar?till=kontaktforbud&fara=1"):
        response = scripted.goto(exiting_origin + path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe" not in policy
    assert set(scripts) == {f"{exiting_origin}/static/exit.js"}

    def with_foreign_scripts(route):
        page = route.fetch()
        injected = '<script>document.title = "inline ran"</script><script src="data:text/javascript,alert(1)"></script>'
        body = page.text().replace("</head>", injected + "</head>")
        route.fulfill(response=page, body=body)

    violations: list[str] = []
    scripted.on("console", lambda message: violations.append(message.text))
    scripted.route(f"{exiting_origin}/sv/fara-nu", with_foreign_scripts)
    scripted.goto(f"{exiting_origin}/sv/fara-nu")
    assert scripted.title() != "inline ran"
    assert sum("Content Security Policy" in text for text in violations) >= 2, violations


@pytest.mark.parametrize("path", ["/sv/start", "/sv/fara-nu", "/en/kontaktforbud", "/sv/svar?till=kontaktforbud"])
def test_axe_finds_nothing_with_the_script_on(scripted, exiting_origin, path):
    scripted.goto(exiting_origin + path)
    assert harness.describe(harness.run_axe(scripted)) == []
