"""The languages the guide is written in, each said once as data.

Everything that differs by language loops over `LANGUAGES` and reads its record:
the loader (one content folder per code), readability (the measure and its limits),
the UI catalogs and dates (`i18n`), the page memory's addresses, the language links
on every page (name, `dir`), the graph and the API. Adding a language is one record
here, its content folder `content/{code}/` (with its sections in `themes.yaml`,
`danger.yaml` and each service), its catalog `app/locales/{code}/` and its
locale's names in `cldr.py`.

The search fields (stemmer, stop words, letter folding) are the data the free-text
index reads for a language.

A language that is a translation names the language it is translated from
(`translated_from`) and says honestly how its text was made (`origin`, a UI message
translated like any other). Each of its pages records the version of the source page
it was translated from and who reviewed it; see `content/translations.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal, TypeVar

T = TypeVar("T")


def N_(message: str) -> str:
    """Mark a UI text for the catalogs where it is translated later, at render time."""
    return message


# Letters a phone keyboard may lack, or that come from a neighbouring alphabet: "vald" finds "våld".
_FOLDING = MappingProxyType({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o", "á": "a"})

# Arabic script as people type it on different keyboards, one way for Arabic and Persian alike:
# alef with hamza or madda as alef, alef maqsura and the Persian yeh as yeh, the Persian kaf as kaf,
# teh marbuta as heh; short-vowel marks and the stretching tatweel dropped; Arabic-Indic and Persian
# digits as 0–9, so "١١٢" is 112.
ARABIC_SCRIPT_FOLDING = MappingProxyType(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": ""}
    | {chr(mark): "" for mark in range(0x064B, 0x0653)}  # fathatan … sukun, maddah
    | {"\u0670": ""}  # superscript alef
    | {chr(0x0660 + digit): str(digit) for digit in range(10)}
    | {chr(0x06F0 + digit): str(digit) for digit in range(10)}
)

# Ethiopic letters that sound the same in Tigrinya and are written either way: ሠ as ሰ and ፀ as ጸ,
# in each of their seven vowel orders. And the letters for the soft sounds of ቀ and ከ (ቐ, ኸ), which
# Tigrinya writes after a vowel but many type as ቀ and ከ: "ይቀትለኒ" is "ይቐትለኒ", "ይወቅዓኒ" is "ይወቕዓኒ".
ETHIOPIC_FOLDING = MappingProxyType(
    {chr(0x1220 + order): chr(0x1230 + order) for order in range(7)}
    | {chr(0x1340 + order): chr(0x1338 + order) for order in range(7)}
    | {chr(0x1250 + order): chr(0x1240 + order) for order in range(7)}  # ቐ … ቖ as ቀ … ቆ
    | {chr(0x12B8 + order): chr(0x12A8 + order) for order in range(7)}  # ኸ … ኾ as ከ … ኮ
)


@dataclass(frozen=True)
class Readability:
    """How a language's plain language is measured (a function in `content/readability.py`) and its limits."""

    measure: str
    median_max: float
    page_max: float


@dataclass(frozen=True)
class Signs:
    """How a text shows it is written in a language, for offering that language's guide (`search/written_in.py`).

    `letters` is the language's script (a text mostly in it may be the language), `unlike` the
    letters of a neighbouring language that its writers never type (Persian پ چ ژ گ and its own
    yeh and kaf in an Arabic text), `words` common words that only this language of the guide
    has. A language in the Latin script has no `letters`: its words alone must show it.
    """

    letters: str = ""
    unlike: str = ""
    words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Language:
    """One language of the guide.

    `fallback` is the language whose text stands in for content not yet translated,
    and whose words help match a text written in the wrong language. `translated_from`
    is the language a translation's pages are made from (None for the original), and
    `origin` says how the text was made, for the line on each translated page and the
    page about the translations. `tag` is the BCP 47 tag for `lang=` and `hreflang=`
    when it is not the code: easy-to-read Swedish lives at `/lattlast/` but is Swedish
    to a screen reader. `texts_from` names the language whose short texts it shares.
    """

    code: str
    name: str  # in itself, as the language link shows it
    direction: Literal["ltr", "rtl"]
    date_locale: str  # a CLDR locale (its names are in `cldr.py`): English dates as British public bodies write them
    stemmer: str | None  # a Snowball stemmer name; None where Snowball has none (words are matched as written)
    stop_words: frozenset[str]
    folding: MappingProxyType[str, str]
    readability: Readability | None
    fallback: str | None
    origin: str
    translated_from: str | None = None
    tag: str | None = None
    # A version of another language (easy-to-read Swedish) uses that one's short texts: theme
    # names, danger words, service texts, overlays' texts, and its UI catalog if it has none.
    texts_from: str | None = None
    # How to tell a text is in this language when it is written on another language's page; None: not told.
    signs: Signs | None = None

    @property
    def html_lang(self) -> str:
        """What `lang=` says for this language's text."""
        return self.tag or self.code


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
    origin=N_("Written in Swedish by the project team, from the official sources named on each page."),
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
    # The English pages were written in the same commits as their Swedish twins, by the same team.
    origin=N_("Written by the project team alongside the Swedish text, from the same official sources."),
    translated_from="sv",
)

EASY_SWEDISH = Language(
    code="lattlast",
    name="Lättläst",
    direction="ltr",
    date_locale="sv_SE",
    stemmer="swedish",
    stop_words=SWEDISH.stop_words,
    folding=_FOLDING,
    # Easy-to-read Swedish as Swedish agencies write it: LIX under 25 is very easy.
    readability=Readability("LIX", median_max=25, page_max=30),
    fallback="sv",
    # Every page was rewritten from its Swedish page by the project team: short sentences, common words.
    origin=N_(
        "Written in easy-to-read Swedish by the project team from the Swedish pages. "
        "Nobody who writes easy-to-read Swedish for a living has reviewed it yet."
    ),
    translated_from="sv",
    tag="sv",  # Swedish to a screen reader; /lattlast/ in the address
    texts_from="sv",
)

# The four languages an AI model translated from the Swedish pages, said once: how they were made (the
# line on each of their pages), and their measure. Words per sentence, since LIX's long words and English
# syllables mean nothing in their scripts; Arabic joins prepositions, articles and pronouns to their word,
# so its count is low for the same sentence. 10 as a median and 15 on a page keep to short sentences.
AI_TRANSLATION = N_(
    "Translated from the Swedish pages by an AI language model working for the project team. "
    "No native speaker has reviewed it yet."
)
SHORT_SENTENCES = Readability("words per sentence", median_max=10, page_max=15)


def _translated_by_ai(**record: Any) -> Language:
    return Language(readability=SHORT_SENTENCES, fallback="sv", origin=AI_TRANSLATION, translated_from="sv", **record)


ARABIC = _translated_by_ai(
    code="ar",
    name="العربية",
    direction="rtl",
    date_locale="ar",
    stemmer="arabic",
    # Function words as people type them, with and without hamza and with the attached "و" they often take.
    stop_words=frozenset(
        """
في من على إلى الى عن مع أن ان إن لا ما لم لن هل و أو او ثم لكن بل قد كان كانت يكون هو هي هم هن أنا انا
نحن أنت انت أنتم انتم هذا هذه ذلك تلك هؤلاء الذي التي الذين كل بعض غير عند عندي لي لك له لها لنا
كيف ماذا متى أين اين لماذا ليش شو شنو ايش كم أي اي إذا اذا لو حتى بعد قبل فوق تحت بين هنا هناك
أيضا ايضا فقط جدا كثير قليل يا نعم لا شي شيء مثل أكثر اكثر الآن كمان وأنا وانا وهو وهي ولا وما
""".split()
    ),
    folding=ARABIC_SCRIPT_FOLDING,
    signs=Signs(
        letters="".join(map(chr, range(0x0621, 0x064B))) + "".join(map(chr, range(0x0660, 0x066A))),
        unlike="پچژگکی",
        words=frozenset("في على الى إلى هذا هذه انا أنا الذي التي ماذا لماذا كيف عندي يضربني زوجي".split()),
    ),
)

SOMALI = _translated_by_ai(
    code="so",
    name="Soomaali",
    direction="ltr",
    date_locale="so",
    stemmer=None,  # Snowball has no Somali stemmer: words are matched as written, with fuzzy matching
    stop_words=frozenset(
        """
waa iyo ka ku u la ee oo in ay uu aan ma ah aad ugu uga kaga kula loo lagu laga soo sii mid
waxaan waxa waxaa waxay wuxuu waxaad waxuu ayaa ayuu ayay ayaan baa buu bay baan waan waad wuu way
aniga adiga isaga iyada annaga innaga idinka iyaga ani adi i na ii kuu noo idin iigu
yahay ahay tahay nahay tihiin yihiin ahaa ahayd ahaayeen jira jiro jirta
tan kan kaas taas kuwa kuwan kuwaas halkan halkaas sida sidaas sidee sidoo kale xitaa keliya kaliya
laakiin ama mise haddii hadii markii marka maxaa maxay maxaan yaa goorma immisa xagee halkee miyaa
haa maya fadlan mahadsanid salaan haye hee walaal hal dhan wax badan yar intaas
""".split()
    ),
    folding=_FOLDING,
    signs=Signs(words=frozenset("waxaan wuxuu ayaa iga ayuu iyo waa aan waxay iyada isaga".split())),
)

PERSIAN = _translated_by_ai(
    code="fa",
    name="فارسی",
    direction="rtl",
    date_locale="fa",
    stemmer="persian",
    # Written as people type them: with and without the half-space, colloquial forms too.
    stop_words=frozenset(
        """
و در به از که این آن را با برای است هست بود بودم شد شده شود می ها های یک هم تا اما ولی یا اگر
چه چی چرا کجا کی چطور چگونه آیا من تو او ما شما آنها اونها ایشان اون اینها اونا اینا مرا منو تورو
اینکه آنکه هر همه خیلی بسیار خود خودم خودت خودش نیز باید پس بعد قبل روی زیر بین توی میان بر دیگر
چند چیزی کسی همین همان هیچ فقط حتی الان دارم داری دارد داره دارند کنم کنی کند کنه کرد کردم
سلام لطفا لطفاً ممنون مرسی خب آره بله یعنی مثلا مثلاً ام ای اش مان تان شان رو
""".split()
    ),
    folding=ARABIC_SCRIPT_FOLDING,
    # Arabic script with the letters Persian has and Arabic lacks, or Persian's small words.
    signs=Signs(
        letters="".join(map(chr, range(0x0621, 0x064B))) + "پچژگکی",
        words=frozenset("است می هست را که نمی من او".split()),
    ),
)

TIGRINYA = _translated_by_ai(
    code="ti",
    name="ትግርኛ",
    direction="ltr",
    date_locale="ti",
    stemmer=None,  # Snowball has no Tigrinya stemmer: words are matched as written, folded and fuzzily
    # Function words as people write them in Ge'ez script (prepositions, the copula and "there is" in
    # each person, pronouns, question words, conjunctions), and the commonest of them in Latin letters.
    stop_words=frozenset(
        """
ኣብ ናብ ካብ ምስ ብዛዕባ ብዘይ ምእንቲ ከም ክሳብ ድሕሪ ቅድሚ ኣብቲ ናብቲ ካብቲ ምስቲ
እዩ እያ እዮም እየን እየ ኢኻ ኢኺ ኢና ኢኹም ኢኽን ድዩ ድያ ዲኻ ዲኺ ዲኹም ዲየ ዶ
ኣሎ ኣላ ኣለዉ ኣለዋ ኣለኹ ኣለኻ ኣለኺ ኣለና ኣለኹም ዘሎ ዘላ ዘለዉ ዘለኹ ዘለኹም
ነይሩ ነይራ ነይሮም ነይረ ነበረ ኮይኑ ኮይና
እዚ እዛ እዚኦም እዚአን እቲ እታ እቶም እተን እዚኣ
ኣነ ንሱ ንሳ ንሶም ንሰን ንስኻ ንስኺ ንሕና ንስኹም ንስኽን ንዓይ ንዕኡ ንዕኣ
እንታይ መን ኣበይ መዓስ ከመይ ንምንታይ ክንደይ ኣየናይ
ወይ ግን ድማ እውን ውን ከኣ ኸኣ ስለ ስለዚ እሞ እንተ እንተኾነ ዝኾነ ኩሉ ኩሎም ገለ ጥራይ
ኣዝዩ በጣዕሚ ሓደ ሓንቲ ከምኡ ከምዚ ኢሉ ይብል ኢለ
ab nab kab eyu eya alo ala alewu ane nsu nsa entay kemey
""".split()
    ),
    folding=ETHIOPIC_FOLDING,
    signs=Signs(letters="".join(map(chr, range(0x1200, 0x1380)))),  # the Ethiopic block
)

# The first language is the default: the guide is Swedish first.
ALL = (SWEDISH, EASY_SWEDISH, ENGLISH, ARABIC, PERSIAN, SOMALI, TIGRINYA)
LANGUAGE = {language.code: language for language in ALL}
CODES = tuple(LANGUAGE)
DEFAULT = CODES[0]


def written() -> tuple[str, ...]:
    """The languages whose short texts (themes, danger words, services, overlays) are written for them."""
    return tuple(language.code for language in ALL if language.texts_from is None)


def shared(texts: Mapping[str, T]) -> MappingProxyType[str, T]:
    """Texts (or lists) by language, with each language that shares another's texts given that one's."""
    found = dict(texts)
    for language in ALL:
        if language.texts_from is not None and language.texts_from in found:
            found[language.code] = found[language.texts_from]
    return MappingProxyType(found)


def twin(code: str) -> str:
    """The language whose text helps a language's matching: its fallback, else the first other language.

    A version of the same language is not another language: easy-to-read Swedish gets
    Swedish's twin (English), as people mix English into the Swedish they write.
    """
    language = LANGUAGE[code]
    if language.fallback and LANGUAGE[language.fallback].html_lang == language.html_lang:
        return twin(language.fallback)
    return language.fallback or next(other for other in CODES if LANGUAGE[other].html_lang != language.html_lang)
