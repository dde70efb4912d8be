"""The CLDR table in `app.cldr` says what Babel says, for every language of the guide."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from babel import Locale
from babel.dates import format_date

from app.cldr import LOCALES
from app.languages import ALL

DATE_LOCALES = sorted({language.date_locale for language in ALL})


def test_every_language_has_its_locale_in_the_table():
    assert sorted(LOCALES) == DATE_LOCALES


@pytest.mark.parametrize("name", DATE_LOCALES)
def test_the_table_has_babels_months_and_language_names(name):
    locale = Locale.parse(name)
    months = tuple(locale.months["format"]["wide"][number] for number in range(1, 13))
    alone = tuple(locale.months["stand-alone"]["wide"][number] for number in range(1, 13))
    pattern = locale.date_formats["long"].pattern
    kept = LOCALES.get(name)
    assert kept is not None, f"add {name!r} to app/cldr.py: months={months!r}, long date {pattern!r}"
    assert kept.months == months, f"{name}: months={months!r}"
    assert (kept.months_alone or kept.months) == alone, f"{name}: months_alone={alone!r}"
    expected = {code: locale.languages[code] for code in kept.languages}
    assert kept.languages == expected, f"{name}: languages={expected!r}"
    assert {language.code.split("-")[0] for language in ALL if language.texts_from is None} <= set(kept.languages)


@pytest.mark.parametrize("name", DATE_LOCALES)
def test_every_day_of_two_years_is_written_as_babel_writes_it(name):
    locale, kept = Locale.parse(name), LOCALES[name]
    day = dt.date(2027, 1, 1)
    while day.year < 2029:
        assert kept.date(day) == format_date(day, format="long", locale=locale), (name, day)
        day += dt.timedelta(days=1)


def test_a_worker_serving_every_language_never_loads_babels_locale_data():
    """The point of the table: Babel's CLDR records (10 MB) stay out of the worker's memory."""
    code = (
        "import babel.localedata, datetime as dt\n"
        "from app import i18n\n"
        "from app.languages import CODES\n"
        "for lang in CODES:\n"
        "    i18n.translations(lang)\n"
        "    i18n.long_date(dt.date(2026, 12, 3), lang)\n"
        "    i18n.language_name('sv', lang)\n"
        "print(sorted(babel.localedata._cache))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
