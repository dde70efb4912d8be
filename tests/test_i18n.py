"""Language negotiation, the UI word catalogs and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from app import i18n

ROOT = Path(__file__).parent.parent


def used_messages() -> set[str]:
    method_map = [("app/**.py", "python"), ("app/templates/**.html", "jinja2")]
    options = {"app/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords = {"_": None, "gettext": None, "N_": None}
    found = set()
    for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options, keywords=keywords):
        found.add(message)
    return found


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_every_ui_message_is_translated(lang):
    messages = used_messages()
    assert len(messages) > 20
    catalog = i18n.translations(lang)
    for message in messages:
        translated = catalog.gettext(message)
        assert translated.strip(), message
        if lang == "sv" and message not in ("Vägvisaren",):
            assert translated != message, f"{message!r} has no Swedish translation"


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("sv", "sv"),
        ("en-US", "en"),
        ("en-GB;q=0.9, sv;q=0.95", "sv"),
        ("ar, en;q=0.5", "ar"),
        ("de, en;q=0.5", "en"),
        ("", "sv"),
        ("*", "sv"),
    ],
)
def test_negotiate(header, lang):
    assert i18n.negotiate(header) == lang


def test_dates_as_people_write_them():
    day = dt.date(2026, 11, 23)
    assert i18n.long_date(day, "sv") == "23 november 2026"
    assert i18n.long_date(day, "en") == "23 November 2026"
