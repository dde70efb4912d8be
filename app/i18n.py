"""Languages: choosing one from Accept-Language, UI words, and dates.

UI words (buttons, headings, error texts) live in gettext catalogs under
`app/locales/`. The `.po` files are the source of truth and are compiled in
memory at start, so no stale `.mo` file can ever be served. Month and language
names come from the CLDR table in `cldr`, not from Babel's locale data (see there why).
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

from babel import negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .cldr import LOCALES as CLDR
from .languages import CODES, DEFAULT, LANGUAGE, N_

LOCALES = Path(__file__).resolve().parent / "locales"
__all__ = ["N_", "language_name", "long_date", "negotiate", "translations"]


def negotiate(accept_language: str | None) -> str:
    """The best of our languages for an Accept-Language header; the default (Swedish) if none fits."""
    preferred = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and quality > 0:
            preferred.append((-quality, index, tag.replace("_", "-")))
    tags = [tag for _, _, tag in sorted(preferred)]
    found = negotiate_locale(tags, list(CODES), sep="-")
    return found.lower() if found else DEFAULT  # Babel keeps the header's case: EN-US gave "EN"


@cache
def translations(lang: str) -> Translations:
    """The compiled catalog for `lang` (the one of the language it shares texts with, if it has none of its own)."""
    own = LOCALES / lang
    folder = own if own.is_dir() or LANGUAGE[lang].texts_from is None else LOCALES / str(LANGUAGE[lang].texts_from)
    with (folder / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)  # its own header names its language; "lattlast" would load all of Babel's CLDR aliases
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain="messages")


def language_name(code: str, lang: str) -> str:
    """A language's name as `lang` writes it ("Swedish", "svenska"), from CLDR; its own name if CLDR has none."""
    names = CLDR[LANGUAGE[lang].date_locale].languages
    return names.get(code.split("-")[0], LANGUAGE[code].name)


def long_date(day: dt.date, lang: str) -> str:
    """A date as people write it: '23 november 2026', '23 November 2026'."""
    return CLDR[LANGUAGE[lang].date_locale].date(day)
