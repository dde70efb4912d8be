"""Property tests: whatever parses paths and forms, and the dialogue engine, for any input."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import httpx
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
def test_any_walk_through_the_guide_is_a_valid_conversation(bundled_app, data):
    lang = data.draw(st.sampled_from(LANGUAGES))
    flow = bundled_app.state.runtime.site.engine.flows[lang]
    step = flow.step(START)
    for _ in range(data.draw(st.integers(0, 8))):
        options = flow.options(step)
        if not options:
            break
        step = flow.step(data.draw(st.sampled_from(options)).target)
        assert step is not None
        turns = flow.transcript(step.id)
        assert turns and turns[0].step.id == START and turns[-1].chosen.target == step.id
        assert all(a.chosen.target == b.step.id for a, b in zip(turns, turns[1:], strict=False))
        assert flow.back(step.id) == turns[-1].step
        page = bundled_app.state.runtime.site.step(lang, step.id).body
        assert b'<h1 id="step-title" tabindex="-1">' in page
