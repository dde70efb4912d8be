"""No address comes from a request's headers, and the headers a client sends are read properly."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

from app.web.headers import accepts_gzip

from .conftest import BUNDLED, ROOT_DIR, client_for, parse


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/sv/start/", "/sv/start"),
        ("/en/kontaktforbud//", "/en/kontaktforbud"),
        ("/embed/sv/start/", "/embed/sv/start"),
    ],
)
async def test_a_trailing_slash_is_a_relative_redirect_whatever_the_host(client, path, location):
    response = await client.get(path, headers={"host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["location"] == location


@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/"])
async def test_a_path_that_reads_as_another_host_is_not_redirected(client, path):
    response = await client.get("http://testserver" + path)
    assert response.status_code == 404
    assert "location" not in response.headers


async def test_only_the_allowed_hosts_are_answered(minimal):
    async with client_for(minimal, allowed_hosts=("vagvisaren.exempel.se", "*.kommun.se")) as c:
        assert (await c.get("/sv/start", headers={"host": "vagvisaren.exempel.se"})).status_code == 200
        assert (await c.get("/sv/start", headers={"host": "guide.kommun.se:443"})).status_code == 200
        refused = await c.get("/sv/start", headers={"host": "evil.example"})
        assert refused.status_code == 400
        assert parse(refused).select_one("a.exit")["href"] == "/exit"
        assert "content-security-policy" in refused.headers


async def test_an_upper_case_language_header_leads_to_a_page_that_exists(client):
    response = await client.get("/", headers={"accept-language": "EN-US,en;q=0.5"})
    assert response.headers["location"] == "/en/start"


@pytest.mark.parametrize(
    ("header", "zipped"),
    [
        ("gzip", True),
        ("gzip, br", True),
        ("gzip;q=0", False),
        ("br, gzip; q=0.0", False),
        ("*", True),
        ("identity", False),
        ("x-gzip;q=0.5", True),
        ("gzip;q=nonsense", False),
    ],
)
def test_accept_encoding_is_read_with_its_qualities(header, zipped):
    assert accepts_gzip(header.encode()) is zipped


async def test_gzip_q_zero_gets_the_plain_page(client):
    response = await client.get("/sv/start", headers={"accept-encoding": "gzip;q=0"})
    assert "content-encoding" not in response.headers
    assert response.content.startswith(b"<!") and not response.content.startswith(gzip.compress(b"")[:2])


async def test_the_schema_says_what_a_path_parameter_and_the_text_can_be(client):
    schema = (await client.get("/openapi.json")).json()
    parameters = [p for path in schema["paths"].values() for op in path.values() for p in op.get("parameters", [])]
    assert parameters and all("maxLength" in p["schema"] and "pattern" in p["schema"] for p in parameters)
    assert all(p["schema"]["maxLength"] == 100 for p in parameters if p["in"] == "path")
    form = schema["paths"]["/{lang}/skriv"]["post"]["requestBody"]["content"]
    assert form["application/x-www-form-urlencoded"]["schema"]["properties"]["q"]["minLength"] == 1
    question = schema["paths"]["/api/v1/{lang}/ask"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert question["properties"]["q"]["minLength"] == 1


def test_serve_refuses_a_wrong_setting_and_says_what_to_write():
    result = subprocess.run(
        [sys.executable, "-m", "app", "serve"],
        cwd=ROOT_DIR,
        env={"PATH": "/usr/bin:/bin", "VAGVISAREN_CONTENT_DIR": str(BUNDLED), "VAGVISAREN_EXIT_URL": "www.smhi.se"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "VAGVISAREN_EXIT_URL" in result.stderr and "https://" in result.stderr
    assert "Traceback" not in result.stderr
