"""The languages the guide is written in, each said once as data.

Everything that differs by language loops over `LANGUAGES` and reads its record:
the loader (one content folder per code), readability (the measure and its limits),
the UI catalogs and dates (`i18n`), the page memory's addresses, the language links
on every page (name, `dir`), the graph and the API. Adding a language is one record
here, its content folder `content/{code}/` (with its sections in `themes.yaml`,
`danger.yaml` and each service) and its catalog `app/locales/{code}/`.

The search fields (stemmer, stop words, letter folding) are the data the free-text
index reads for a language.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

# Letters a phone keyboard may lack, or that come from a neighbouring alphabet: "vald" finds "våld".
_FOLDING = MappingProxyType({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o", "á": "a"})


@dataclass(frozen=True)
class Readability:
    """How a language's plain language is measured (a function in `content/readability.py`) and its limits."""

    measure: str
    median_max: float
    page_max: float


@dataclass(frozen=True)
class Language:
    """One language of the guide.

    `fallback` is the language whose text stands in for content not yet translated,
    and whose words help match a text written in the wrong language.
    """

    code: str
    name: str  # in itself, as the language link shows it
    direction: Literal["ltr", "rtl"]
    date_locale: str  # for Babel: English dates as British public bodies write them
    stemmer: str  # a Snowball stemmer name
    stop_words: frozenset[str]
    folding: MappingProxyType[str, str]
    readability: Readability | None
    fallback: str | None


SWEDISH = Language(
    code="sv",
    name="Svenska",
    direction="ltr",
    date_locale="sv_SE",
    stemmer="swedish",
    stop_words=frozenset(
        """
och i att det som en på är av för med till den har de inte om ett han hon men var jag sig från vi så kan
man när år säger hade dem du ska skulle vara vad vill mig min mitt mina mej dig din ditt dina oss er
här där hur eller ju bara också efter än mot under över sin sitt sina då någon något några alla
blir bli blev få får fick göra gör gjorde ha hans hennes deras sen sedan dom ni vem vilken vilket vilka
honom henne ingen inget inga allt andra annan annat själv samma varje vart varför vars dess denna detta
dessa sådan sådant ut upp åt vid utan inom mellan kunde varit blivit ej icke
ja nej typ liksom asså alltså lite mycket väldigt jätte hej tack snälla e nån nåt nåra å hela pga
""".split()
    ),
    folding=_FOLDING,
    # LIX (Björnsson): under 30 very easy, 30–40 easy, 40–50 newspaper prose.
    readability=Readability("LIX", median_max=35, page_max=45),
    fallback=None,
)

ENGLISH = Language(
    code="en",
    name="English",
    direction="ltr",
    date_locale="en_GB",
    stemmer="english",
    stop_words=frozenset(
        """
a an the and or but if of to in on at by for with from as is are was were be been being am i me my mine
you your yours he him his she her hers it its we us our they them their this that these those what
which who whom how when where why can could will would shall should do does did have has had not no
yes so too very just about into out up down over under again there here than then some any all
hi hello please thanks thank get got im i'm dont don't myself yourself himself herself itself ourselves
themselves other own same such only each both few more most nor off once until while because through
during before after above below between further also ever never always i've i'd i'll you're he's she's it's
""".split()
    ),
    folding=_FOLDING,
    # The Flesch–Kincaid grade: 4–5 is a reading age of about 9–10; a page that must explain a legal term scores higher.
    readability=Readability("grade", median_max=5.0, page_max=8.0),
    fallback="sv",
)

# The first language is the default: the guide is Swedish first.
ALL = (SWEDISH, ENGLISH)
LANGUAGE = {language.code: language for language in ALL}
CODES = tuple(LANGUAGE)
DEFAULT = CODES[0]


def twin(code: str) -> str:
    """The language whose text helps a language's matching: its fallback, else the first other one."""
    return LANGUAGE[code].fallback or next(other for other in CODES if other != code)
