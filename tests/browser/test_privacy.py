"""Privacy, proved in the real browser: after walking every page, nothing was kept and nothing left the site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

STORED = """async () => ({
  localStorage: localStorage.length,
  sessionStorage: sessionStorage.length,
  indexedDB: (await indexedDB.databases()).map(db => db.name),
  caches: 'caches' in window ? await caches.keys() : [],
})"""
NOTHING = {"localStorage": 0, "sessionStorage": 0, "indexedDB": [], "caches": []}


def test_no_cookies_after_walking_every_page(walk, context):
    assert len(walk.pages) > 100
    assert context.cookies() == []


def test_no_storage_after_walking_every_page(walk, context, origin):
    assert walk.tab.url.startswith(origin + "/")
    assert walk.tab.evaluate(STORED) == NOTHING
    fresh = context.new_page()
    try:
        fresh.goto(f"{origin}/en/start")
        assert fresh.evaluate(STORED) == NOTHING
    finally:
        fresh.close()


def test_no_request_left_the_site(walk, requests_seen, origin):
    assert len(requests_seen) > len(walk.pages)
    assert any(request.startswith(f"POST {origin}/sv/skriv") for request in requests_seen)
    elsewhere = [request for request in requests_seen if not request.split(" ", 1)[1].startswith(origin + "/")]
    assert elsewhere == []
