"""The JSON API: the dialogue as data, with the same matching and errors as the web."""

from __future__ import annotations

import logging

import pytest

from app.content.model import LANGUAGES

from .conftest import client_for


async def test_nodes_lists_every_step(client, bundled_app):
    for lang in LANGUAGES:
        response = await client.get(f"/api/v1/{lang}/nodes")
        assert response.status_code == 200
        tree = bundled_app.state.runtime.site.guide.tree(lang)
        assert {n["id"]: n["title"] for n in response.json()} == {s.id: s.title for s in tree.steps.values()}


async def test_a_node_has_text_options_services_and_sources(client, bundled_app):
    step = bundled_app.state.runtime.site.guide.tree("en")["kontaktforbud"]
    node = (await client.get("/api/v1/en/nodes/kontaktforbud")).json()
    assert node["title"] == step.title
    assert node["text_markdown"] == step.body_markdown and node["text_html"] == step.body_html
    assert [(o["text"], o["target"]) for o in node["options"]] == [(o.text, o.target) for o in step.options]
    assert node["services"] == list(step.services)
    assert [s["url"] for s in node["sources"]] == [s.url for s in step.sources]
    assert node["reviewed"] == step.reviewed.isoformat()
    assert node["url"] == "/en/kontaktforbud"


async def test_services_carry_numbers_and_sources(client, bundled_app):
    services = {s["id"]: s for s in (await client.get("/api/v1/sv/services")).json()}
    assert services.keys() == bundled_app.state.runtime.site.guide.services.keys()
    assert services["kvinnofridslinjen"]["phone"] == "020-50 50 50"
    assert services["kvinnofridslinjen"]["tel"] == "tel:020505050"
    assert all(s["sources"] for s in services.values())


async def test_ask_matches_like_the_form_and_puts_danger_first(client):
    response = await client.post("/api/v1/sv/ask", json={"q": "han står utanför dörren"})
    assert response.status_code == 200
    assert response.json()["danger"] is True and response.json()["emergency_number"] == "112"
    found = (await client.post("/api/v1/sv/ask", json={"q": "jag vill ha kontaktförbud"})).json()
    assert found["danger"] is False
    assert found["best"] == found["matches"][0]["id"]
    assert "kontaktforbud" in [m["id"] for m in found["matches"][:3]]


async def test_ask_cuts_long_text(client):
    found = (await client.post("/api/v1/en/ask", json={"q": "contact ban " * 100})).json()
    assert found["truncated"] is True


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b"{not json", {"content-type": "application/json"}, 400),
        (b'{"q": 5}', {"content-type": "application/json"}, 400),
        (b'{"text": "hej"}', {"content-type": "application/json"}, 400),
        (b"q=hej", {"content-type": "application/x-www-form-urlencoded"}, 415),
        (b'{"q": "' + b"a" * 20_000 + b'"}', {"content-type": "application/json"}, 413),
    ],
)
async def test_ask_errors_are_json_with_the_web_statuses(client, body, headers, status):
    response = await client.post("/api/v1/sv/ask", content=body, headers=headers)
    assert response.status_code == status
    assert response.json()["status"] == status
    assert response.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/xx/nodes", 404),
        ("GET", "/api/v1/sv/nodes/finns-inte", 404),
        ("DELETE", "/api/v1/sv/nodes", 405),
    ],
)
async def test_other_errors_are_json(client, method, path, status):
    response = await client.request(method, path)
    assert response.status_code == status
    assert response.json() == {"status": status, "message": response.json()["message"]}
    assert response.json()["message"]


async def test_outside_the_api_prefix_a_missing_page_is_a_page(client):
    """/api/stodlinjer is the helplines route with the language "api": its schema says HTML (found by schemathesis)."""
    response = await client.get("/api/stodlinjer")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/exit"' in response.text and "112" in response.text


async def test_the_text_is_not_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    await client.post("/api/v1/en/ask", json={"q": "zqxmarker contact ban"})
    assert "zqxmarker" not in caplog.text


async def test_the_api_is_in_the_openapi_schema(client):
    schema = (await client.get("/openapi.json")).json()
    for path in ("/api/v1/{lang}/nodes", "/api/v1/{lang}/nodes/{node_id}", "/api/v1/{lang}/services"):
        assert "get" in schema["paths"][path]
    ask = schema["paths"]["/api/v1/{lang}/ask"]["post"]
    assert "application/json" in ask["requestBody"]["content"]
    assert "AskOut" in str(ask["responses"]["200"])


async def test_cors_is_closed_unless_configured(client, minimal):
    headers = {"origin": "https://www.exempel.se", "access-control-request-method": "POST"}
    closed = await client.options("/api/v1/sv/ask", headers=headers)
    assert "access-control-allow-origin" not in closed.headers
    async with client_for(minimal, cors_origins=("https://www.exempel.se",)) as c:
        opened = await c.options("/api/v1/sv/ask", headers=headers)
        assert opened.headers["access-control-allow-origin"] == "https://www.exempel.se"
        other = await c.options("/api/v1/sv/ask", headers={**headers, "origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
