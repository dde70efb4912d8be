"""The few CLDR names the pages use (months, the long date, names of languages), kept as a table.

Babel keeps the whole CLDR record of a locale in memory once it is asked for one month
name: about 10 MB of a worker for the guide's languages, for some 150 short words. They
are copied here from Babel instead (the dictionary is keyed by each language's
`date_locale`). `tests/test_cldr.py` checks every entry against Babel, so a Babel upgrade
that changes a name fails the tests and prints the new entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Names:
    """One locale's names. `months_alone`: the months standing on their own, where CLDR has other forms."""

    months: tuple[str, ...]
    long_date: str  # a format string of {day}, {month} and {year}
    languages: dict[str, str]
    months_alone: tuple[str, ...] = field(default=())

    def date(self, day: dt.date) -> str:
        """`day` as Babel's `format_date(day, "long")` writes it in this locale."""
        return self.long_date.format(day=day.day, month=self.months[day.month - 1], year=day.year)

    def month_numbers(self) -> dict[str, int]:
        """Every written form of a month, lower-cased, to its number (1–12)."""
        return {
            name.lower(): number
            for names in (self.months, self.months_alone)
            for number, name in enumerate(names, start=1)
        }


LOCALES: dict[str, Names] = {
    "sv_SE": Names(
        months=tuple("januari februari mars april maj juni juli augusti september oktober november december".split()),
        long_date="{day} {month} {year}",
        languages={
            "sv": "svenska",
            "en": "engelska",
            "ar": "arabiska",
            "fa": "persiska",
            "so": "somaliska",
            "ti": "tigrinja",
        },
    ),
    "en_GB": Names(
        months=tuple("January February March April May June July August September October November December".split()),
        long_date="{day} {month} {year}",
        languages={"sv": "Swedish", "en": "English", "ar": "Arabic", "fa": "Persian", "so": "Somali", "ti": "Tigrinya"},
    ),
    "ar": Names(
        months=tuple("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split()),
        long_date="{day} {month} {year}",
        languages={
            "sv": "السويدية",
            "en": "الإنجليزية",
            "ar": "العربية",
            "fa": "الفارسية",
            "so": "الصومالية",
            "ti": "التغرينية",
        },
    ),
    "fa": Names(
        months=tuple("ژانویه فوریه مارس آوریل مه ژوئن ژوئیه اوت سپتامبر اکتبر نوامبر دسامبر".split()),
        long_date="{day} {month} {year}",
        languages={"sv": "سوئدی", "en": "انگلیسی", "ar": "عربی", "fa": "فارسی", "so": "سومالیایی", "ti": "تیگرینیایی"},
    ),
    "so": Names(
        months=tuple(
            "Janaayo Febraayo Maarso Abriil Maayo Juun Luulyo Agosto Sebtembar Oktoobar Noofeembar Diseembar".split()
        ),
        months_alone=tuple(
            "Jannaayo Febraayo Maarso Abriil Maayo Juun Luulyo Ogosto Sebteembar Oktoobar Noofeembar Diseembar".split()
        ),
        long_date="{month} {day}, {year}",
        languages={
            "sv": "Iswiidhish",
            "en": "Ingiriisi",
            "ar": "Carabi",
            "fa": "Faarisi",
            "so": "Soomaali",
            "ti": "Tigrinya",
        },
    ),
    "ti": Names(
        months=tuple("ጥሪ ለካቲት መጋቢት ሚያዝያ ጉንበት ሰነ ሓምለ ነሓሰ መስከረም ጥቅምቲ ሕዳር ታሕሳስ".split()),
        long_date="{month} {day}, {year}",
        languages={"sv": "ስዊድንኛ", "en": "እንግሊዝኛ", "ar": "ዓረብኛ", "fa": "ፋርስኛ", "so": "ሶማሊ", "ti": "ትግርኛ"},
    ),
}
