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

from .text import normalise


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
    r"skadar|skadade|stryper|strypte|tvingar|tvingade|kontrollerar|valdtar|valdtog"
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
    r"jag ar utsatt|mitt ex|my ex",
    r"(?:gor|gjort|gjorde) mig illa|(?:jag ar|jag e|im|i am) (?:\w+ )?(?:radd|scared|afraid|terrified) (?:for|of) "
    r"(?:honom|henne|min|mitt|him|her|my)",
)
# A partner as the one who hits ("min man han slå mig", "man slå"): the writer, unless someone else is named.
PARTNER = _any(
    rf"(?:man|make|kille|pojkvan|sambo|fru|flickvan|tjej|husband|boyfriend|partner|wife|girlfriend|ex) "
    rf"(?:han |hon |he |she )?(?:{_HURT})",
)
_ADVERB = r"(?:have |sometimes |often |always |just |did |do |also |might |could |will |would |may )"
PERPETRATOR = _any(
    rf"jag (?:\w+ )?(?:{_HURT_SV})(?! (?:mig|mej|me|myself))",
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
    r"anger management|aggressionsproblem",
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
PROFESSIONAL = _any(
    r"(?:jag ar|jag jobbar som|jag arbetar som|som|i am an?|im an?|i work as(?: an?)?|as an?) "
    r"(?:larare|forskollarare|kurator|skolskoterska|sjukskoterska|lakare|socialsekreterare|barnmorska|"
    r"psykolog|rektor|tranare|fritidsledare|elevassistent|underskoterska|handlaggare|polis|tandlakare|"
    r"teacher|nurse|doctor|social worker|counsellor|counselor|psychologist|midwife|coach|youth worker|dentist)",
    r"(?:min|en|var|vara|mina) (?:elev|elever|patient|patienter|klient|klienter|brukare)",
    r"(?:my|a|our|one of my) (?:student|students|pupil|pupils|patient|patients|client|clients)",
    r"i mitt (?:arbete|jobb)|pa jobbet|in my (?:work|job)|at work",
)
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
    if PROFESSIONAL.search(folded):
        return Role.PROFESSIONAL
    if YOUNG.search(folded):
        return Role.YOUNG
    victim = bool(VICTIM.search(folded))
    if PERPETRATOR.search(folded) and not victim:
        return Role.PERPETRATOR
    if CONCERNED.search(folded) and not victim:
        return Role.CONCERNED
    return Role.VICTIM if victim or PARTNER.search(folded) else None
