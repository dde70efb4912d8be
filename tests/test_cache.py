"""Kept pages: rendered once, served as bytes with a strong ETag, 304 and gzip."""

from __future__ import annotations

import gzip

import pytest


@pytest.mark.parametrize("path", ["/sv/kontaktforbud", "/embed/en/start", "/sv/alla-amnen", "/en/stodlinjer"])
async def test_etag_and_304(client, path):
    first = await client.get(path, headers={"accept-encoding": "identity"})
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    again = await client.get(path, headers={"if-none-match": etag, "accept-encoding": "identity"})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    other = await client.get(path, headers={"if-none-match": '"something-else"', "accept-encoding": "identity"})
    assert other.status_code == 200


async def test_gzip_when_accepted_with_its_own_etag(client):
    plain = await client.get("/sv/kontaktforbud", headers={"accept-encoding": "identity"})
    zipped = await client.get("/sv/kontaktforbud", headers={"accept-encoding": "gzip, deflate"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.headers["vary"] == "Accept-Encoding"
    assert zipped.content == plain.content  # httpx decodes it
    assert zipped.headers["etag"] != plain.headers["etag"]
    assert int(zipped.headers["content-length"]) < len(plain.content) / 2


async def test_the_same_bytes_as_the_routes_render(client, bundled_app):
    response = await client.get("/en/kontaktforbud", headers={"accept-encoding": "identity"})
    assert response.content == bundled_app.state.runtime.site.step("en", "kontaktforbud").body


async def test_every_page_with_the_stylesheet_fits_the_first_round_trip(client, bundled_app):
    css = len(gzip.compress((await client.get("/static/style.css")).content))
    for lang, tree in bundled_app.state.runtime.site.guide.trees.items():
        for step_id in tree.steps:
            page = await client.get(f"/{lang}/{step_id}", headers={"accept-encoding": "gzip"})
            assert int(page.headers["content-length"]) + css <= 14 * 1024, step_id


async def test_unknown_steps_and_other_pages_still_go_to_the_app(client):
    assert (await client.get("/sv/finns-inte")).status_code == 404
    assert (await client.get("/sv/badda-in")).status_code == 200
    assert "etag" not in (await client.post("/sv/skriv", data={"q": "hej"})).headers
