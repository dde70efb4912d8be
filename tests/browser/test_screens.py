"""Actions first: on a 360 × 740 phone, the first thing she can do is on the first screen of every information step."""

from __future__ import annotations

import pytest

from . import harness
from .screens import FIRST_ACTION, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", harness.LANGUAGES)
def test_the_first_action_is_on_the_first_screen_of_every_information_step(page, origin, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"{origin}/{lang}/alla-amnen")
    steps = page.eval_on_selector_all("main ul a[href]", "links => links.map(a => a.pathname)")
    assert len(steps) > 40
    late = {}
    for path in steps:
        page.goto(origin + path)
        top = page.evaluate(FIRST_ACTION)
        assert top is not None, f"{path} has nothing to do"
        if top + 44 > PHONE["height"]:
            late[path] = round(top)
    assert late == {}, "first action below the first screen (px from the top)"


def test_fara_nu_opens_with_a_large_call_112_and_what_to_do_if_she_cannot_speak(page, origin):
    page.set_viewport_size(PHONE)
    page.goto(f"{origin}/sv/fara-nu")
    call = page.locator("main a.danger-call").first
    assert call.get_attribute("href") == "tel:112" and "Ring 112" in call.inner_text()
    box = call.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"] and box["height"] >= 44
    note = page.locator("main .action-note").first
    assert "inte prata" in note.inner_text()
    assert note.bounding_box()["y"] < PHONE["height"]


def test_young_people_reach_family_control_marriage_abroad_and_bris_in_one_tap(page, origin):
    page.set_viewport_size(PHONE)
    page.goto(f"{origin}/sv/ung")
    targets = page.eval_on_selector_all("main a.option", "links => links.map(a => a.pathname.split('/').pop())")
    assert {"heder", "barnaktenskap", "utresa"} <= set(targets)
    bris = page.locator("main .act-now a[href='tel:116111']")
    assert bris.bounding_box()["y"] < PHONE["height"]
