"""The one table of built-in pages and the URL builder every page links with."""

from __future__ import annotations

import pytest

from app import urls
from app.urls import Urls, where


async def test_every_built_in_page_of_a_language_is_answered(client):
    for name in urls.LANGUAGE_PAGES:
        address = Urls().page("sv", name)
        if name == urls.ASK:
            response = await client.post(address, data={"q": "hjälp"}, follow_redirects=True)
        else:
            response = await client.get(address)
        assert response.status_code == 200, name


@pytest.mark.parametrize(
    ("built", "address"),
    [
        (Urls().step("sv", "fara-nu"), "/sv/fara-nu"),
        (Urls(embed=True).step("en", "fara-nu"), "/embed/en/fara-nu"),
        (Urls("/k/exempelkommun").print("sv", "fara-nu"), "/k/exempelkommun/sv/fara-nu/skriv-ut"),
        (Urls("/k/exempelkommun", embed=True).topics("sv"), "/k/exempelkommun/embed/sv/alla-amnen"),
        (Urls(embed=True).start("sv"), "/embed/sv/start"),
        (Urls(embed=True).mode(False).services("en"), "/en/stodlinjer"),
        (Urls(embed=True).ask("sv"), "/embed/sv/skriv"),
        (Urls("/k/a", embed=True).site_file("logo"), "/k/a/_site/logo"),
        (Urls(embed=True).static("style.css"), "/static/style.css"),
        (Urls("/k/a", embed=True).exit(), "/exit"),
    ],
)
def test_the_builder_keeps_a_page_in_its_site_and_mode(built, address):
    assert built == address


def test_a_page_that_is_not_built_in_is_a_mistake():
    with pytest.raises(ValueError, match="not a built-in page"):
        Urls().page("sv", "fara-nu")


def test_where_reads_site_mode_and_language_of_any_path():
    assert where("/k/a/embed/en/x/y") == urls.Address("a", True, "en")
    assert where("/nowhere") == urls.Address(None, False, None)
