"""Bad input never breaks it: each row of docs/bad-inputs.md, through a real ASGI client."""

from __future__ import annotations

import pytest

from .conftest import parse

FORM = {"content-type": "application/x-www-form-urlencoded"}


def assert_calm_page(response, status: int, lang: str = "sv") -> None:
    """The right status, a page in the person's language with the exit and 112, no stack trace."""
    assert response.status_code == status
    assert "Traceback" not in response.text and 'File "' not in response.text
    page = parse(response)
    assert page.html["lang"] == lang
    assert page.select_one("a.exit")["href"] == "/exit"
    assert page.select_one("footer.emergency a[href='tel:112']") is not None


@pytest.mark.parametrize(
    "path",
    [
        "/static/../README.md",
        "/static/%2e%2e/README.md",
        "/static/..%2fREADME.md",
        "/static/%2e%2e%2fpyproject.toml",
        "/sv/..%2f..%2fetc%2fpasswd",
        "/sv/%2e%2e",
        "/static/%00",
        "/sv/%00",
        "/sv/start%00",
        "/sv/%ff%fe",
        "/sv/%c0%ae%c0%ae",
        "/SV/start",
        "/sv/START",
        "/k/nothing/sv/start",
        "/_site/style.css",
    ],
)
async def test_odd_paths_are_a_calm_404(client, path):
    assert_calm_page(await client.get(path), 404)


async def test_an_overlong_path_or_query_is_414(client):
    assert_calm_page(await client.get("/en/" + "a" * 3000), 414, "en")
    assert_calm_page(await client.get("/sv/start?" + "x=1&" * 1000), 414)


async def test_a_short_query_string_is_ignored(client):
    response = await client.get("/sv/start?utm_source=kommun")
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["PUT", "DELETE", "TRACE", "OPTIONS", "PATCH", "PROPFIND"])
async def test_odd_methods_are_405(client, method):
    assert_calm_page(await client.request(method, "/sv/kontaktforbud"), 405)


async def test_head_works(client):
    response = await client.head("/sv/kontaktforbud")
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b"q=" + b"a" * 20_000, FORM, 413),
        (b"q=hej", {**FORM, "content-length": "99999999"}, 413),
        (b"q=hej", {**FORM, "content-length": "abc"}, 400),
        (b"q=%ff%fe%fd", FORM, 400),
        (b"q=\xff\xfe", FORM, 400),
        (b"q=%ed%a0%80", FORM, 400),
        (b"q=%zz&steg=start", FORM, 303),
        (b"&&&===&&", FORM, 400),
        (b"q=hej&steg=start&utm=1", FORM, 400),
        (
            b"--x\r\nContent-Disposition: form-data; name=q\r\n\r\nhej\r\n--x--",
            {"content-type": "multipart/form-data; boundary=x"},
            415,
        ),
        (b"q=hej", {"content-type": "text/plain"}, 415),
        (b"q=hej", {}, 415),
    ],
)
async def test_broken_form_bodies(client, body, headers, status):
    response = await client.post("/sv/skriv", content=body, headers=headers)
    if status == 303:
        response = await client.get(response.headers["location"])
        status = 200
    assert_calm_page(response, status)


@pytest.mark.parametrize(
    "text",
    [
        "<b>kontaktförbud</b><script>alert(1)</script>",
        "{{7*7}} {% raw %} ${7*7} #{7*7}",
        "\u202ekontaktförbud\u202c \u2066test\u2069",
        "🙂🙂 kontaktförbud 👊",
        "a" * 9_000,
        "\x00\x01 kontaktförbud",
    ],
)
async def test_hostile_free_text_is_answered_and_escaped(client, text):
    posted = await client.post("/sv/skriv", data={"q": text, "steg": "start"})
    assert posted.status_code == 303 and posted.headers["location"].startswith("/sv/svar")
    response = await client.get(posted.headers["location"])
    assert_calm_page(response, 200)
    assert "alert(1)" not in response.text and "7*7" not in response.text


async def test_a_hundred_thousand_characters_are_refused(client):
    response = await client.post("/sv/skriv", data={"q": "x" * 100_000})
    assert_calm_page(response, 413)


async def test_the_api_gets_json_for_the_same_inputs(client):
    response = await client.post("/api/v1/sv/ask", content=b"\xff\xfe", headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["status"] == 400
    response = await client.get("/api/v1/sv/nodes/" + "a" * 3000)
    assert response.status_code == 414 and response.json()["status"] == 414
