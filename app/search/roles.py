"""Who is writing, and about whom: the role that steers which page comes first.

A person subjected to violence must never be sent first to the page for people
who use it, nor a person who hits to the victims' pages; a teacher writing about
a pupil needs the professionals' page. The role is read from a few telling
patterns, in both languages whatever the page's language (people mix them), and
only reorders what the index found: it never invents a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .text import fold, normalise


class Role(Enum):
    VICTIM = "victim"
    PERPETRATOR = "perpetrator"
    CONCERNED = "concerned"
    PROFESSIONAL = "professional"
    YOUNG = "young"


def _any(*patterns: str) -> re.Pattern[str]:
    """One pattern from several, matched on whole words of the normalised (folded) text."""
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


# Violence as a verb, in the forms people write (folded: "slar" is "slår").
# Kept apart by language where the writer is named: Swedish "hit" is "here" ("jag flyttade hit").
_HURT_SV = (
    r"slar|slog|slagit|sla|slaa|sparkar|sparkade|knuffar|knuffade|hotar|hotade|hotat|misshandlar|misshandlade|"
    r"skadar|skadade|stryper|strypte|tvingar|tvingade|kontrollerar|valdtar|valdtog|"
    # the supine, for "jag har misshandlat" and "för att ha slagit"
    r"misshandlat|sparkat|knuffat|skadat|strypt|tvingat|kontrollerat|valdtagit"
)
_HURT_EN = (
    r"hit|hits|hitting|beat|beats|beating|hurt|hurts|hurting|push|pushed|pushes|slap|slapped|kick|kicked|"
    r"threaten|threatens|threatened|abuse|abuses|abused|choke|choked|control|controls|rape|raped|force|forces|forced"
)
_HURT = _HURT_SV + "|" + _HURT_EN
_PASSIVE = r"slagen|misshandlad|hotad|utsatt|valdtagen|abused|beaten|hit|hurt|threatened|raped|attacked"
VICTIM = _any(
    rf"(?:{_HURT})(?: \w+)? (?:mig|mej|me|oss|us)",
    rf"(?:jag|i) (?:blir|blev|har blivit|ar|e|am|was|get|got|have been|been|is|im) (?:\w+ )?(?:{_PASSIVE})",
    rf"(?:im|ive been|i got) (?:\w+ )?(?:{_PASSIVE})",
    r"jag ar utsatt",
    r"(?:gor|gjort|gjorde) mig illa|(?:jag ar|jag e|im|i am) (?:\w+ )?(?:radd|scared|afraid|terrified) (?:for|of) "
    r"(?:honom|henne|min|mitt|him|her|my)",
)
# A former partner named: a victim's text, unless the writer says they are the one who harms
# ("jag har hotat mitt ex o hon har anmält mig").
NAMES_AN_EX = _any(r"mitt ex|my ex")
# A partner as the one who hits ("min man han slå mig", "man slå"): the writer, unless someone else is named.
PARTNER = _any(
    rf"(?:man|make|kille|pojkvan|sambo|fru|flickvan|tjej|husband|boyfriend|partner|wife|girlfriend|ex) "
    rf"(?:han |hon |he |she )?(?:{_HURT})",
)
_ADVERB = r"(?:have |sometimes |often |always |just |did |do |also |might |could |will |would |may )"
PERPETRATOR = _any(
    rf"jag (?:\w+ )?(?:{_HURT_SV})(?! (?:mig|mej|me|myself))",
    # "ja" for "jag", as people type it: only right before the verb, since "ja" is also "yes".
    rf"ja (?:har |hade |ibland |ofta |alltid )?(?:{_HURT_SV})(?! (?:mig|mej|me|myself))",
    # "jag är kvinna och har slagit min sambo": the writer goes on doing it.
    rf"jag (?:\w+ ){{1,4}}(?:och|o) (?:har |hade )?(?:{_HURT_SV}) (?:min|mitt|mina|henne|honom|dem|dom)",
    # The writer reported or convicted for violence, or someone reported the writer.
    r"(?:jag|ja) (?:ar|e|blev|har blivit) (?:\w+ )?(?:anmald|polisanmald|domd|atalad|misstankt) for",
    r"(?:min fru|min tjej|min flickvan|min sambo|my wife|my girlfriend) (?:har )?(?:anmalt|polisanmalt|reported) "
    r"(?:mig|me)|^(?:har|hade) (?:gjort|skadat|slagit|hotat|misshandlat) (?:min|mitt|mina)",
    r"(?:anmalt|polisanmalt|reported) (?:mig|me) (?:for|to the police for) (?:misshandel|vald|hot|olaga hot|"
    r"kvinnofridsbrott|grov kvinnofridskrankning|assault|violence|threats|abuse|domestic)|"
    r"(?:i was|i am|im|i got|ive been) (?:\w+ )?(?:reported|charged|convicted|arrested) for",
    # Help for people who use violence, asked about in general.
    r"(?:behandling|hjalp|stod|program|kurs|samtal|treatment|help|support|programs?|course|therapy) "
    r"(?:for|till) (?:man|killar|kvinnor|personer|folk|nagon|dem|de|men|people|someone|those|women|guys) "
    r"(?:som|who) (?:utovar|anvander|har utovat|har anvant|slar|use|uses|have used|hit|abuse)",
    r"(?:jag|ja) (?:\w+ ){0,2}kastar saker|i (?:\w+ )?throw things",
    r"(?:jag har|i have|ive got|i got|i need) (?:\w+ )?"
    r"(?:anger management|anger issues|anger problems|aggressionsproblem|ilskeproblem|problem med (?:min )?ilska)",
    rf"\bi {_ADVERB}?(?:{_HURT_EN})(?! (?:mig|mej|me|myself))",
    r"jag har anvant vald|jag ar valdsam|jag blir valdsam|i (?:have|am|get|got|became) (?:been )?violent",
    r"i used violence|jag utovar|jag tappar kontrollen|i lose (?:my temper|control)|my anger|min ilska",
    # Someone is afraid of the writer, or the writer says what they did or do to someone close.
    r"(?:ar|e|blir|is|are|gets|get) (?:\w+ )?(?:radd|radda|rad|scared|afraid|frightened|terrified) "
    r"(?:for|of) (?:mig|mej|me)",
    r"jag skrammer|i scare (?:my|her|him|them|the)|what i (?:did|have done) to",
    r"jag (?:har )?gjort (?:\w+ )?(?:\w+ )?illa",
    r"(?:jag|i) (?:blir|get|gets|become|became|got) (?:sa |so |really |very |jatte )?"
    r"(?:arg|argt|angry|aggressiv|aggressive|valdsam|violent|rasande|furious)",
    r"(?:i am|im|jag ar) (?!inte |not |never )(?:\w+ )?(?:abusive|aggressive|aggressiv|valdsam|violent)",
    r"^(?:blir|blev) (?:sa |jatte |helt |sa javla )?(?:arg|argt|aggressiv|valdsam|rasande)",
    r"i (?:grabbed|shoved|strangled|choked|yelled at|screamed at|shouted at|scream at|yell at|shout at) "
    r"(?:my|her|him|them|the)",
    r"jag (?:tog tag i|strop|kvavde|skrek pa|skriker pa|tryckte upp) (?:min|mitt|mina|henne|honom|dem|dom|barn)",
    # Wanting to stop, or fearing what one might do: "sluta slå", "jag ska skada", "stop being controlling".
    rf"(?:sluta|slutar) (?:att )?(?:{_HURT_SV}|skada|vara kontrollerande|vara svartsjuk)",
    rf"stop (?:{_HURT_EN}|hitting|hurting|being (?:controlling|jealous|abusive|violent|aggressive))",
    rf"jag (?:vill inte|ska|kan|kommer att|kanske) (?:{_HURT_SV}|skada)(?! (?:mig|mej|me|myself))",
    r"jag (?:\w+ )?(?:ar|vara|blir|har varit|var) (?!inte )(?:\w+ )?(?:kontrollerande|svartsjuk|aggressiv|valdsam)",
    r"(?:im|i am|i get|i have been|ive been|i was) (?:so |too |very |really )?"
    r"(?:controlling|jealous|aggressive|violent)",
    r"min aggressivitet|min aggression|my aggression|jag ar (?:en )?(?:\w+ )?som (?:" + _HURT_SV + r")",
)


def _folded(*patterns: str) -> tuple[str, ...]:
    """Patterns written as people write them, folded as texts are ("ወቕዓ" as "ወቅዓ", "امرأتي" as "امراتي")."""
    return tuple(fold(pattern.casefold()) for pattern in patterns)


# The writer who hits a wife or children, in Arabic, Persian, Somali and Tigrinya: "I hit my wife" with the
# verb in the first person, and "my anger". Written by the project, not yet reviewed by native speakers.
_WIFE_AR = r"(?:زوجتي|مرتي|مراتي|امرأتي|اولادي|ولادي|اطفالي|عيلتي|عائلتي)"
_WIFE_FA = r"(?:زنم|زنمو|خانمم|خانممو|همسرم|همسرمو|بچه هامو|بچههامو|بچه هام|بچههام)"
_WIFE_SO = r"(?:xaaskayga|xaaskeyga|xaaskaygii|xaaskeygii|naagtayda|naagteyda|afadayda|carruurtayda|caruurtayda)"
_WIFE_TI = r"(?:ንሰበይተይ|ሰበይተይ|ንብዓልቲ ቤተይ|ብዓልቲ ቤተይ|ንደቀይ|ደቀይ)"
OTHER_PERPETRATOR = _any(
    *_folded(
        rf"(?:و)?(?:اضرب|بضرب|ضربت|اضربها|بضربها|ضربتها|دفشت|بدفش|ادفش|بمد ايدي على|مديت ايدي على|"
        rf"اعصب على|بعصب على|بصرخ على) {_WIFE_AR}",
        r"غضبي|عصبيتي|التحكم في غضبي|السيطرة على غضبي",
        rf"{_WIFE_FA} (?:\w+ ){{0,2}}(?:زدم|میزنم|می زنم|کتک زدم|کتک میزنم|کتک می زنم|اذیت میکنم|اذیت می کنم)",
        r"عصبانیتم|خشمم|کنترل عصبانیت",
        rf"{_WIFE_SO} (?:\w+ ){{0,2}}(?:waan|ayaan) (?:garaacay|garaacaa|garaaco|dhuftay|dhufta)",
        rf"(?:waan|ayaan) (?:garaacay|garaacaa|dhuftay) {_WIFE_SO}",
        r"cadhadayda|cadhadeyda|xanaaqayga|xanaaqeyga",
        rf"(?:joojiyaa|joojiyo|joojin karaa) (?:garaaca|garaacista|dilka) {_WIFE_SO}",
        rf"{_WIFE_TI} (?:\w+ ){{0,3}}(?:እወቕዓ|ወቒዐያ|ወቕዐያ|ወቒዔያ|ወቕዔያ|ይወቕዓ እየ|ሃሪመያ)",
        r"ሕርቃነይ",
        r"اتوقف عن (?:العنف|الضرب|ضرب)|دست از خشونت|خشونت رو کنار بذارم|خشونتم",
    )
)
# A husband or partner who hits the writer ("زوجي يضربني", "ninkayga ayaa i garaacay"), in the same languages.
_HUSBAND_AR = r"(?:زوجي|جوزي|رجلي|خطيبي|طليقي)"
_HUSBAND_FA = r"(?:شوهرم|همسرم|نامزدم|شوهر سابقم)"
_HUSBAND_SO = r"(?:ninkayga|ninkeyga|ninkaygu|ninkeygu|saygayga|saygeyga|saygaygu|ninkaygii|ninkeygii)"
_HUSBAND_TI = r"(?:ሰብኣየ|በዓል ቤተይ|ብዓል ቤተይ)"
OTHER_VICTIM = _any(
    *_folded(
        rf"{_HUSBAND_AR} (?:\w+ )?(?:يضربني|ضربني|بيضربني|بضربني|يعنفني|يهددني|هددني|دفشني)",
        rf"{_HUSBAND_FA} (?:\w+ ){{0,2}}(?:منو میزنه|منو زد|کتکم میزنه|کتکم زد|میزنتم|زدتم|تهدیدم میکنه)",
        rf"{_HUSBAND_SO} (?:\w+ ){{0,2}}(?:i garaacay|i garaaca|i garaacaa|i dhuftay|i dilay|igu hanjabay)",
        rf"{_HUSBAND_TI} (?:\w+ ){{0,2}}(?:ይወቕዓኒ|ወቒዑኒ|ወቕዑኒ|ሃሪሙኒ|ይሃርመኒ|የፈራርሓኒ)",
    )
)


# Young people, people worried about someone, and professionals, in the same languages (not yet reviewed
# by native speakers): an age under 18 or a parent who hits the writer; a sister's or a friend's husband who
# hits her; "I am a teacher", "my pupil".
_UNDER_18 = r"(?:1[0-7]|[5-9])"
OTHER_YOUNG = _any(
    *_folded(
        rf"(?:عمري|انا عمري) {_UNDER_18}",
        r"(?:ابوي|ابي|بابا|امي|ماما|اخوي) (?:\w+ )?(?:يضربني|بيضربني|ضربني|تضربني|بتضربني)",
        rf"{_UNDER_18} (?:سالمه|سالم|ساله ام|سال دارم)",
        r"(?:بابام|پدرم|مامانم|مادرم|داداشم|برادرم) (?:\w+ ){0,2}(?:منو میزنه|منو زد|کتکم میزنه|کتکم زد|میزنتم)",
        rf"waxaan ka yarahay 18|waxaan ahay {_UNDER_18}|{_UNDER_18} (?:jir |sano )?(?:baan|ayaan) (?:jiraa|ahay)",
        r"(?:aabbahay|aabahay|aabbe|hooyaday|walaalkay|waalidkay) (?:\w+ ){0,2}"
        r"(?:i garaaca|i garaacaa|i garaacay|igu garaaca)",
        rf"{_UNDER_18} ዓመተይ|(?:ወዲ|ጓል) {_UNDER_18}",
        r"(?:ኣቦይ|ኣደይ|ሓወይ|ስድራይ) (?:\w+ ){0,2}(?:ይወቕዓኒ|ትወቕዓኒ|ወቒዑኒ|ይወቕዑኒ)",
    )
)
OTHER_CONCERNED = _any(
    *_folded(
        r"(?:زوجها|جوزها) (?:\w+ )?(?:يضربها|بيضربها|ضربها|يعنفها|يهددها)|(?:خايف|خايفه|قلقان|قلقانه|قلق) على",
        r"شوهرش (?:\w+ )?(?:میزنتش|کتکش میزنه|اونو میزنه|اذیتش میکنه)|نگران (?:خواهرم|دوستم|دخترم|مادرم|پسرم)",
        r"ninkeeda (?:ayaa|wuu) (?:garaaca|garaacaa|garaacay|xanuujiya)|ilmaha deriska|deriska",
        r"ሰብኣያ (?:\w+ )?(?:ይወቕዓ|ይወቕዓ እዩ|ወቒዕዋ)|ጎረቤት|ብዛዕባ (?:ሓብተይ|ዓርከይ|ጓለይ|ኣደይ) ተሻቒለ",
    )
)
OTHER_PROFESSIONAL = _any(
    *_folded(
        r"(?:انا|اني) (?:معلم|معلمة|ممرض|ممرضة|دكتور|دكتورة|طبيب|طبيبة|اخصائي|اخصائية)|(?:طالبة|طالب|مريضة) عندي|"
        r"احدى طالباتي|احد طلابي",
        r"(?:معلم|پرستار|دکتر|پزشک|مددکار) (?:هستم|ام)|(?:یکی از )?شاگردام|شاگردم|بیمارم",
        r"(?:macallin|macalin|macallimad|kalkaaliye|dhakhtar) (?:baan|ayaan) ahay|macallin ahaan|ardaygayga|"
        r"ardaydayda|bukaankayga",
        r"(?:መምህር|መምህርቲ|ነርስ|ሓኪም) እየ|ከም መምህር|(?:ሓንቲ|ሓደ) (?:ተምሃሪት|ተምሃራይ|ሕምምቲ|ሕሙም)",
    )
)


# The professions that meet violence in others' lives, in the forms people write them (folded).
_PROFESSIONS = (
    r"larare|forskollarare|forskolepedagog|pedagog|specialpedagog|fritidspedagog|barnskotare|kurator|skolkurator|"
    r"skolskoterska|sjukskoterska|lakare|socialsekreterare|barnmorska|psykolog|rektor|tranare|fritidsledare|"
    r"elevassistent|underskoterska|vardbitrade|boendestodjare|personlig assistent|handlaggare|polis|tandlakare|"
    r"arbetsgivare|personalchef|hr ansvarig|hr|tolk|jurist|advokat|prast|imam|"
    r"teacher|preschool teacher|nurse|doctor|social worker|caseworker|counsellor|counselor|school counsellor|"
    r"psychologist|midwife|coach|youth worker|dentist|employer|hr manager|care worker|personal assistant|"
    r"interpreter|lawyer|priest"
)
PROFESSIONAL = _any(
    rf"(?:jag ar|jag jobbar som|jag arbetar som|som|i am an?|im an?|i work as(?: an?)?|as an?) (?:{_PROFESSIONS})",
    r"(?:min|en|var|vara|mina) (?:elev|elever|patient|patienter|klient|klienter|brukare|anstalld|medarbetare)s?",
    r"(?:my|a|our|one of my|one of our) (?:student|students|pupil|pupils|patient|patients|client|clients|employee|"
    r"employees|staff)s?",
    r"i mitt (?:arbete|jobb)|pa jobbet|in my (?:work|job)|at work",
    r"(?:jag|ja) (?:jobbar|arbetar) (?:pa|i|inom) (?:en |ett )?(?:forskola|forskolan|skola|skolan|hemtjansten|"
    r"varden|socialtjansten|fritids|vardcentral|vardcentralen|akuten|sjukhus|sjukhuset|boende|hvb|elevhalsan)",
    r"i work (?:at|in) (?:a |the )?(?:preschool|school|home care|hospital|clinic|social services|care home)",
)
# A text that opens with the writer's profession: "Barnmorska: en gravid kvinna …", "HR-ansvarig här."
# Police officers and interpreters are left out: "Polisen, …" opens a victim's text as often.
_OPENS_WITH_PROFESSION = re.compile(r"^\s*([^\W\d_][\w -]{1,30}?)\s*(?:\bhär\b|\bhere\b|[:,.])", re.IGNORECASE)
_OPENING_PROFESSION = re.compile(rf"^(?:{_PROFESSIONS})$")
_NOT_AN_OPENING = frozenset({"polis", "tolk", "interpreter"})


def _opens_with_profession(text: str) -> bool:
    """Whether the text begins "Skolsköterska här." / "Barnmorska:" / "förskolepedagog, …"."""
    opening = _OPENS_WITH_PROFESSION.match(text)
    if opening is None:
        return False
    words = normalise(opening.group(1).replace("-", " "))
    return bool(_OPENING_PROFESSION.match(words)) and words not in _NOT_AN_OPENING


YOUNG = _any(
    r"(?:jag ar|jag e|jag fyller|im|i am|i'm) (?:[5-9]|1[0-7])(?: ar| years?(?: old)?)?",
    r"(?:[5-9]|1[0-7]) (?:ar gammal|years old|yo|y o)",
    r"jag gar i (?:[4-9]an|sjuan|attan|nian|forsta ring|gymnasiet)|hogstadiet|mellanstadiet|high school|middle school",
    r"(?:mina|my) (?:foraldrar|parents)|(?:min|my) (?:styvpappa|styvmamma|stepdad|stepmom|stepfather|stepmother)",
    r"(?:pappa|mamma|farsan|morsan|dad|mom|mum|father|mother) (?:\w+ )?(?:" + _HURT + r") (?:mig|mej|me)",
    # A child who sees one parent hurt the other.
    r"(?:pappa|farsan|dad|father) (?:\w+ )?(?:" + _HURT + r") (?:mamma|morsan|mum|mom|mother)",
    r"mamma och pappa|pappa och mamma|mum and dad|mom and dad|dad and mum|dad and mom",
)
CONCERNED = _any(
    r"(?:min|mitt|my|our|var) (?:syster|bror|kompis|van|vaninna|dotter|son|granne|grannen|kollega|kusin|"
    r"mormor|farmor|moster|faster|sister|brother|friend|daughter|son|neighbour|neighbor|colleague|cousin|aunt|niece)",
    r"grannen|grannarna|the neighbours?|the neighbors?|orolig for (?:min|mitt|en)|worried about (?:my|a)",
    r"(?:hennes|hans|her|his) (?:kille|man|pojkvan|sambo|boyfriend|husband|partner|pappa|dad)",
    # Someone else is the one harmed: "... slår henne", "min mamma blir slagen".
    rf"(?:{_HURT}) (?:henne|honom|her|him|them|dem)",
    r"(?:mamma|pappa|mum|mom|mother|syster|sister|bror|brother|dotter|daughter|kompis|van|friend|mormor|farmor) "
    rf"(?:\w+ )?(?:blir|blev|har blivit|is|was|gets|got|is being|has been) (?:\w+ )?(?:{_PASSIVE})",
)


# The page for men subjected to violence fits when the writer is a man, or a woman is the one who harms:
# "min man slår mig" is a woman's text about her husband ("män" and "man" fold alike, hence "for man").
MAN_OR_WOMAN_WHO_HARMS = _any(
    r"(?:jag ar|jag e|i am|im|as a|som) (?:en |a )?(?:man|kille|pappa|guy|father|dad)",
    r"man som|for man|men|guys?|male|mansjour|pappor|fathers",
    r"(?:min|mitt|my) (?:fru|tjej|flickvan|exfru|wife|girlfriend|ex wife|ex girlfriend)",
    r"hon|she",
)


# Someone writing about another person who asks how to help: the page for people worried about someone.
HELPING = _any(
    r"(?:hjalpa|hjalper jag|stotta|stottar jag) (?:henne|honom|dem|dom|min|mitt|mina)",
    r"vad kan jag gora|vad ska jag gora|hur kan jag hjalpa|orolig for",
    r"what (?:can|should) i do|how (?:can|do|should) i (?:help|support)|help (?:her|him|them|my)|worried (?:about|for)",
)


@dataclass(frozen=True)
class RoleRule:
    """Pages to put first when the role is clear, pages that must not come first for it,
    pages always among the first three offered, and pages to put first when the writer also asks
    how to help someone (`HELPING`)."""

    first: tuple[str, ...]
    never_first: tuple[str, ...]
    offered: tuple[str, ...] = ()
    first_when_helping: tuple[str, ...] = ()


RULES = {
    Role.VICTIM: RoleRule(first=(), never_first=("vill-sluta", "yrkesverksam", "orolig-for-nagon")),
    Role.PERPETRATOR: RoleRule(
        first=("vill-sluta",),
        never_first=("man-som-utsatts", "jag-ar-utsatt", "kvinnojourer-och-tjejjourer", "skyddat-boende", "hbtqi"),
    ),
    Role.CONCERNED: RoleRule(
        first=(),
        never_first=("vill-sluta", "ung", "man-som-utsatts"),
        offered=("orolig-for-nagon",),
        first_when_helping=("orolig-for-nagon",),
    ),
    Role.PROFESSIONAL: RoleRule(
        first=("yrkesverksam",), never_first=("vill-sluta", "ung", "man-som-utsatts", "orolig-for-nagon")
    ),
    Role.YOUNG: RoleRule(first=(), never_first=("vill-sluta", "man-som-utsatts", "yrkesverksam"), offered=("ung",)),
}


def role_of(text: str) -> Role | None:
    """Who is writing, when the text says so; None when it does not tell."""
    folded = normalise(text)
    if PROFESSIONAL.search(folded) or OTHER_PROFESSIONAL.search(folded) or _opens_with_profession(text):
        return Role.PROFESSIONAL
    if YOUNG.search(folded) or OTHER_YOUNG.search(folded):
        return Role.YOUNG
    victim = bool(VICTIM.search(folded) or OTHER_VICTIM.search(folded))
    if (PERPETRATOR.search(folded) or OTHER_PERPETRATOR.search(folded)) and not victim:
        return Role.PERPETRATOR
    victim = victim or bool(NAMES_AN_EX.search(folded))
    if (CONCERNED.search(folded) or OTHER_CONCERNED.search(folded)) and not victim:
        return Role.CONCERNED
    return Role.VICTIM if victim or PARTNER.search(folded) else None
