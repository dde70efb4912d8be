"""Property tests: whatever parses paths and forms, and the dialogue engine, for any input."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import httpx
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.content.model import LANGUAGES, START
from app.web.app import _where

from .conftest import parse

quick = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(st.text())
def test_where_any_path_is_a_known_language(path):
    slug, embed, lang = _where(path)
    assert lang in LANGUAGES and isinstance(embed, bool)


@quick
@given(st.binary(max_size=2000))
def test_any_form_body_gets_an_answer_or_a_calm_4xx(bundled_app, body):
    response = asyncio.run(_post(bundled_app, body))
    assert response.status_code in (303, 400, 413)
    if response.status_code == 303:
        assert response.headers["location"].startswith("/sv/svar")
        return
    page = parse(response)
    assert page.select_one("a.exit") is not None
    assert "Traceback" not in response.text


async def _post(app, body: bytes) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        return await client.post(
            "/sv/skriv", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
        )


@quick
@given(st.text(max_size=60))
def test_any_step_name_is_a_page_or_a_calm_404(bundled_app, name):
    async def get() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=bundled_app), base_url="http://t") as client:
            return await client.get("/en/" + quote(name, safe=""))

    response = asyncio.run(get())
    assert response.status_code in (200, 302, 307, 404, 414)
    if response.status_code < 300 or response.status_code >= 400:
        assert parse(response).select_one("a.exit") is not None


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_walk_through_the_guide_is_a_true_conversation(bundled_app, data):
    """Follow the links a page gives, any number of times: the page shows exactly those choices."""
    lang = data.draw(st.sampled_from(LANGUAGES))
    site = bundled_app.state.runtime.site
    flow = site.engine.flows[lang]
    walk = flow.walk([START])
    chosen: list[str] = []
    for _ in range(data.draw(st.integers(0, 20))):
        options = flow.options(walk.here)
        if not options:
            break
        option = data.draw(st.sampled_from(options))
        following = flow.walk(walk.to(option.target))
        assert following is not None
        if following.ids == (*walk.ids, option.target):
            chosen.append(option.text)
        else:  # back at a step on the way, or the oldest steps dropped
            chosen = [turn.chosen.text for turn in following.turns]
        walk = following
        assert [turn.chosen.text for turn in walk.turns] == chosen
        page = BeautifulSoup(site.walk(lang, walk.ids).body, "html.parser")
        bubbles = page.select(".transcript .bubble.person")
        for bubble in bubbles:  # "You chose:" for a screen reader, ending in ":" or "፡"
            bubble.select_one(".visually-hidden").decompose()
        assert [" ".join(bubble.get_text().split()) for bubble in bubbles] == chosen
        assert page.select_one("h1#step-title").get_text().strip() == walk.here.title
