"""Every response is calm and carries the security headers, a fault of ours included.

A client's fault (deeply nested JSON, a phone losing signal mid-POST) is answered
quietly: no traceback, nothing logged. A fault of ours is logged once, without the
exception's message, which may hold what a visitor sent.
"""

from __future__ import annotations

import logging

import httpx

from app.settings import Settings
from app.web.app import create_app

from .conftest import BUNDLED, client_for, parse

SECURITY_HEADERS = ("content-security-policy", "referrer-policy", "cache-control", "x-content-type-options")


async def test_a_fault_of_ours_is_a_calm_500_with_every_header_and_one_quiet_log_line(minimal, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError(args[1])  # the visitor's text, as an exception message might carry it

    async with client_for(minimal) as c:
        monkeypatch.setattr(c._transport.app.state.runtime.site.engine, "ask", broken)
        response = await c.post("/en/skriv", data={"q": "secret-visitor-text", "steg": "hjalp"})
    assert response.status_code == 500
    for name in SECURITY_HEADERS:
        assert name in response.headers, name
    assert response.headers["cache-control"] == "no-store"
    page = parse(response)
    assert page.html["lang"] == "en"
    assert page.select_one("a.exit")["href"] == "/exit"
    assert page.select_one("footer.emergency a[href='tel:112']") is not None
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "RuntimeError" in errors[0].getMessage()
    assert "secret-visitor-text" not in caplog.text


async def test_deeply_nested_json_is_a_quiet_400(client, caplog):
    body = b"[" * 3000 + b"]" * 3000
    response = await client.post("/api/v1/sv/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["status"] == 400
    assert "content-security-policy" in response.headers
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_a_client_that_leaves_mid_post_is_not_logged(bundled_app, caplog):
    messages = [
        {"type": "http.request", "body": b"q=han%20har", "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent = []

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/sv/skriv",
        "raw_path": b"/sv/skriv",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/x-www-form-urlencoded"), (b"content-length", b"200")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    await bundled_app(scope, receive, send)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_fastapi_telemetry_stays_off_whatever_the_environment(monkeypatch):
    monkeypatch.setenv("FASTAPI_OTEL_AUTO_CONFIGURE", "true")
    app = create_app(Settings(content_dir=BUNDLED))
    assert app._telemetry["auto_configure"] is False
    assert not any(app._telemetry[kind] for kind in ("tracing", "metrics", "logs", "operation_spans"))
    assert app._native_telemetry.enabled() is False


async def test_the_address_limit_answers_with_headers_too(client):
    response = await client.get("/sv/" + "a" * 3000)
    assert response.status_code == 414
    assert isinstance(response, httpx.Response) and "content-security-policy" in response.headers
