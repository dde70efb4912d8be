"""Every example of issue 12, each as the guide must handle it: the danger check, roles and order.

These are behaviours the service promises, on the bundled content; the accuracy
figures over many texts are `python -m app eval`'s, never asserted here.
"""

from __future__ import annotations

import sys

import pytest

from app.search import Answer, DangerCheck, Role, answer

from .conftest import parse


@pytest.fixture(scope="module")
def ask(bundled_app):
    engine = bundled_app.state.runtime.engine

    def ask(lang: str, text: str) -> Answer:
        return answer(engine.index(lang), engine.danger(lang), text)

    return ask


def first(found: Answer) -> str | None:
    return found.matches[0].step.id if found.matches else None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han har slagit mig hela kvällen"),
        ("sv", "grannen håller på att strypa sin fru, jag hör det genom väggen"),
        ("en", "hiding in the bathroom, he's trying to break the door down"),
        ("en", "my ex is breaking into my flat right now"),
        ("sv", "vi är på väg till flygplatsen, pappa tvingar mig att åka och gifta mig"),
        ("en", "he pushed me down the stairs and i cant move my leg"),
        ("sv", "han har hotat mig tidigare och nu bankar han på dörren"),  # "tidigare" cancels its own clause only
        ("en", "he threatened me before and now he is banging on the door"),
        ("sv", "han säger att han ska döda mig i kväll"),
        ("en", "he said he will kill me tonight"),
        ("sv", "min syster blir slagen just nu"),  # a third person, a passive
        ("en", "my sister is being beaten right now"),
        ("sv", "han ströp mig och jag har svårt att andas"),  # strangling in the past tense
        ("en", "he choked me and i can hardly breathe"),
        ("sv", "han har en kökskniv"),
        ("sv", "han har låst in mig"),
        ("sv", "han tände eld på lägenheten"),
        ("sv", "han kommer döda mig om han hittar mig"),  # a condition after the threat does not soften it
        ("en", "we are on the way to the airport, dad is making me go and marry"),  # a forced departure on its way
        ("en", "he strangled me last night and my throat hurts"),  # a recent lethal act is not "before"
        ("sv", "han slutar inte strypa mig"),  # "slutar inte" is no negation
        ("sv", "hjalp min man slar mig"),  # a cry for help first says "now"
        ("en", "pls help hes hitting me"),
        ("en", "my husband hits me. please help!"),  # a cry last, on its own
        ("ti", "ሰብኣየይ ይወቕዓኒ፣ ሓግዙኒ"),
        ("sv", "han vet inte att jag gömmer mig i badrummet"),  # the "not" belongs to another subject
        ("sv", "han tryckte kudden över mitt ansikte"),  # smothering
        ("sv", "mamma ligger på golvet och andas konstigt efter att pappa slog henne"),
        ("en", "he locked the door and took the keys, i cant get out"),
        ("sv", "mitt ex följer efter mig i bilen"),
        ("sv", "han låsa mig i rum, jag inte kan gå ut"),  # learner Swedish
        ("sv", "han sa att om jag ringer polisen så är det sista jag gör"),  # a condition stated as a threat
        ("en", "he said if i call the police it will be the last thing i do"),
        ("sv", "hon har slutat andas, han tryckte henne mot golvet"),
        ("sv", "barnen sover och han har börjat kasta saker igen, jag är så rädd"),
        ("en", "he is drunk, screaming and smashing the plates"),  # three signs of harm piled up
        ("sv", "han är full, skriker och har slagit sönder tv:n"),
    ],
)
def test_danger_now_is_flagged_and_the_danger_page_comes_first(ask, lang, text):
    found = ask(lang, text)
    assert found.danger and not found.suicide
    assert first(found) == "fara-nu"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "jag står på bron och ska hoppa"),
        ("en", "i took a whole bottle of pills"),
        ("sv", "jag har tagit en massa tabletter"),
        ("en", "i am going to jump off the bridge"),
    ],
)
def test_suicide_is_its_own_signal_and_its_page_comes_first(ask, lang, text):
    found = ask(lang, text)
    assert found.danger and found.suicide
    assert [m.step.id for m in found.matches[:2]] == ["sjalvmordstankar", "fara-nu"]


def test_a_threat_to_kill_is_not_the_writers_suicide(ask):
    found = ask("en", "he said he will kill me tonight")
    assert "sjalvmordstankar" not in [m.step.id for m in found.matches[:3]]
    assert not ask("sv", "han sa att han ska ta livet av mig").suicide


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han tar livet av sig om jag lämnar"),
        ("en", "he says he will kill himself if i leave him"),
    ],
)
def test_a_threat_to_self_harm_used_to_control_is_not_suicide_nor_danger(ask, lang, text):
    found = ask(lang, text)
    assert not found.danger and not found.suicide and found.unsure
    assert first(found) not in ("sjalvmordstankar", "fara-nu")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han slår mig inte"),  # negation
        ("sv", "min man slår mig och jag behöver hjälp"),  # asking for help is no cry
        ("sv", "han slår mig inte men han skriker så jag blir rädd"),  # the "inte" after "mig" turns "slår"
        ("sv", "han dricker, skriker och slår mig ibland"),  # harm piled up, told as a habit
        ("en", "he never hits me"),
        ("sv", "om han kommer hit, vad gör jag"),  # only might happen
        ("sv", "han slog mig förra året, nu bor jag själv"),  # over
        ("sv", "jag är inte i fara just nu men han kontrollerar allt"),
        ("sv", "vad är straffet för att strypa någon"),  # asking about the law
        ("en", "he said I'll kill you as a joke while gaming"),
        ("sv", "han har aldrig hotat mig med kniv"),  # a "not" reaches a few words forward
        ("en", "he has never threatened me with a knife"),
        ("sv", "jag såg på nyheterna att en kvinna blev knivhuggen"),  # the news
        ("en", "i dreamt that he strangled me"),  # a dream
        ("sv", "får jag skjuta upp rättegången"),  # "skjuta upp" is to postpone
        ("sv", "jag laddar mobilen i kväll"),  # charging a phone
        ("sv", "kan jag bo på hotell i kväll"),  # "hotell" is no threat
        ("sv", "mina föräldrar är stränga och jag får inte gå på fest"),  # "stränga" is no typo of "strangle"
        ("en", "i was suicidal as a teenager but i am fine today"),
        ("sv", "jag är så nerslagen efter rättegången"),  # "nerslagen" is also "dejected"
        ("sv", "han läser mina sms i smyg"),
        ("sv", "han har börjat kontrollera vem jag pratar med"),  # control, not an attack now
        ("en", "i have lived with violence for years, now i want to leave"),
    ],
)
def test_negation_conditions_time_and_talk_are_not_danger(ask, lang, text):
    found = ask(lang, text)
    assert not found.danger
    assert first(found) != "fara-nu"


def test_a_past_threat_with_a_knife_leads_to_reporting_not_the_danger_page(ask):
    found = ask("sv", "han hotade mig med kniv förra veckan, hur anmäler jag")
    assert not found.danger
    assert first(found) == "polisanmalan"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "jag har blivit slagen"),
        ("sv", "min man slår mig"),
        ("en", "my husband hits me"),
        ("sv", "mitt ex står utanför mitt jobb varje dag"),  # a habit: asked about calmly, not alarmed
        # Someone near, nothing more, in few words: asked. (Told at more length, "han sitter i bilen
        # nedanför och väntar på mig", the texts people wrote in danger say it is danger: rule 10.)
        ("sv", "han sitter i bilen nedanför"),
        ("en", "his car is outside again"),
    ],
)
def test_violence_without_a_when_asks_if_it_is_now_without_the_alarm(ask, lang, text):
    found = ask(lang, text)
    assert found.unsure and not found.danger
    assert first(found) != "fara-nu"


@pytest.mark.parametrize(
    "text",
    [
        "min man han slå mig mycket, jag inte veta vart jag ska gå",
        "jag behöver boende för mig och 3 barn, man slå",
    ],
)
def test_a_victim_is_never_sent_first_to_the_page_for_people_who_use_violence(ask, text):
    found = ask("sv", text)
    assert found.role is Role.VICTIM
    assert "vill-sluta" not in [m.step.id for m in found.matches[:3]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "jag slår min fru ibland"),
        ("sv", "min fru är rädd för mig"),  # someone is afraid of the writer
        ("en", "I get so angry that I scare my kids"),
        ("en", "i grabbed my wife by the arm"),
        ("sv", "hur får jag hjälp att sluta slå"),
        ("sv", "jag är rädd att jag ska skada min familj"),
        ("sv", "min fru säger att jag är kontrollerande"),
        ("en", "how do I stop being controlling"),
    ],
)
def test_a_person_who_hits_gets_the_page_for_stopping(ask, lang, text):
    found = ask(lang, text)
    assert found.role is Role.PERPETRATOR
    assert first(found) == "vill-sluta"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han gör mig illa"),
        ("sv", "jag är rädd för min man"),
        ("en", "i am scared of my husband"),
        ("sv", "jag vill att han ska sluta slå mig"),
        ("en", "i want him to stop hitting me"),
        ("sv", "jag är inte svartsjuk men han kontrollerar mig"),
    ],
)
def test_a_person_hurt_or_afraid_is_a_victim_never_sent_first_to_the_page_for_stopping(ask, lang, text):
    found = ask(lang, text)
    assert found.role is Role.VICTIM
    assert first(found) != "vill-sluta"


def test_a_teenager_is_not_sent_to_the_mens_page(ask):
    found = ask("en", "im 14 and my stepdad hurts me")
    assert found.role is Role.YOUNG
    assert first(found) not in ("man-som-utsatts", "vill-sluta")


@pytest.mark.parametrize(
    ("lang", "text", "role"),
    [
        ("sv", "min granne blir slagen av sin man", Role.CONCERNED),
        ("sv", "min kompis kille slår henne", Role.CONCERNED),
        ("sv", "min mamma blir slagen av sin nya man, vad kan jag göra", Role.CONCERNED),
        ("en", "my mum's boyfriend hits her", Role.CONCERNED),
        ("sv", "jag är lärare och en elev berättar att hon blir slagen hemma", Role.PROFESSIONAL),
        ("en", "i work as a nurse and a patient tells me her partner hits her", Role.PROFESSIONAL),
    ],
)
def test_someone_writing_about_another_person_is_not_sent_to_the_young_persons_page(ask, lang, text, role):
    found = ask(lang, text)
    assert found.role is role
    assert first(found) not in ("ung", "vill-sluta")
    if role is Role.PROFESSIONAL:
        assert first(found) == "yrkesverksam"


def test_what_the_text_says_no_to_does_not_come_first(ask):
    assert first(ask("sv", "jag vill inte lämna honom")) != "lamna"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "jag har tagit en massa tabletter"),
        ("sv", "min sambo tar hela min lön"),
        ("sv", "han tog min lön och har en skuld"),
        ("en", "i took a whole bottle of pills"),
        ("en", "my partner takes my whole salary"),
    ],
)
def test_the_exploitation_page_is_offered_only_when_the_text_is_about_it(ask, lang, text):
    assert "sexuell-exploatering" not in [m.step.id for m in ask(lang, text).matches]


def test_an_honour_trip_described_indirectly_leads_to_the_honour_pages(ask):
    found = ask("sv", "pappa säger att vi ska till Irak i sommar och att jag ska träffa en kille där")
    assert first(found) in ("utresa", "tvangsaktenskap", "heder")


def test_the_exploitation_page_is_offered_when_the_text_is_about_it(ask):
    assert first(ask("sv", "jag säljer sex och vill sluta")) == "sexuell-exploatering"


def test_mixed_language_is_understood_and_answered_in_the_pages_language(ask):
    found = ask("sv", "my husband hit me, kan jag få hjälp från soc?")
    assert found.role is Role.VICTIM and found.unsure
    assert first(found) == "socialtjansten-stod"
    assert found.matches[0].step.lang == "sv"
    assert ask("sv", "han is hitting me right now").danger
    assert ask("en", "my husband slår mig nu").danger


def test_the_check_reads_both_languages_only_when_given_the_twin(bundled_app):
    guide = bundled_app.state.runtime.guide
    assert not DangerCheck(guide.danger["sv"])("he is choking me").danger
    assert DangerCheck(guide.danger["sv"], twin=guide.danger["en"])("he is choking me").danger


async def test_the_answer_page_asks_calmly_when_unsure(client):
    page = parse(await client.post("/sv/skriv", data={"q": "min man slår mig", "steg": "start"}, follow_redirects=True))
    assert page.select_one(".ask-if-now").get_text(" ", strip=True).startswith("Är du i fara just nu? Ring 112.")
    assert page.select_one(".danger-now") is None
    page = parse(
        await client.post("/en/skriv", data={"q": "my husband hits me", "steg": "start"}, follow_redirects=True)
    )
    assert page.select_one(".ask-if-now").get_text(" ", strip=True).startswith("Are you in danger right now?")


async def test_the_answer_page_puts_the_danger_page_first_under_the_alarm(client):
    page = parse(
        await client.post(
            "/sv/skriv", data={"q": "han har slagit mig hela kvällen", "steg": "start"}, follow_redirects=True
        )
    )
    assert page.select_one(".danger-now") is not None and page.select_one(".ask-if-now") is None
    assert page.select_one("article a.option")["href"] == "/sv/fara-nu"


async def test_the_api_says_when_the_check_is_unsure(client):
    found = (await client.post("/api/v1/sv/ask", json={"q": "min man slår mig"})).json()
    assert found["danger"] is False and found["unsure"] is True


def test_swedish_hit_is_here_not_a_blow():
    from app.search import role_of

    assert role_of("jag flyttade hit för två år sedan") is not Role.PERPETRATOR
    assert role_of("i hit my wife") is Role.PERPETRATOR


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han har låst dörren och tagit min telefon"),  # shut in + control, no violent verb
        ("en", "I can hear him coming up the stairs"),  # now + near
        ("sv", "halsen gör ont och han är fortfarande i lägenheten"),  # injury + near
        ("en", "he took my keys and he is in the living room"),  # trapped + near
        ("en", "my head is pounding after he slammed me into the wall"),  # injury + harm
        ("sv", "han skickar bilder på sitt vapen och vet var jag bor"),  # harm + near
        ("sv", "jag tror armen är av, han står bredvid mig"),  # injury + near
    ],
)
def test_signs_of_different_kinds_together_are_danger(ask, lang, text):
    found = ask(lang, text)
    assert found.danger
    assert first(found) == "fara-nu"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han låste dörren"),
        ("en", "he took my keys"),
        ("sv", "min näsa blöder ofta"),  # a habit: asked about calmly
        ("sv", "han låser alltid dörren på natten"),
    ],
)
def test_one_sign_alone_is_no_alarm(ask, lang, text):
    assert not ask(lang, text).danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han sparka på dörren"),  # "sparkar på dörr*"
        ("sv", "han stänga in mig"),  # "stänger in mig"
    ],
)
def test_a_learners_plain_verb_form_finds_the_phrase(ask, lang, text):
    assert ask(lang, text).danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "he is strnagling me"),  # two letters swapped in a long word
        ("sv", "han har en pistl"),  # a letter missing in a short word
    ],
)
def test_typos_in_danger_words_are_tolerated(ask, lang, text):
    assert ask(lang, text).danger


def test_a_short_word_one_letter_off_is_not_taken_for_a_danger_word(ask):
    assert not ask("sv", "pappa är sträng men han slår inte").danger  # "sträng" is not "strangl*"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "jag står vid spåret nu"),  # a place + now
        ("en", "i wrote letters to everyone and i'm going to the bridge"),  # a farewell + a place
        ("sv", "det vore bättre för alla om jag inte fanns"),  # the wish is the condition: no "maybe"
        ("en", "everyone would be better off if i was dead"),
    ],
)
def test_suicide_told_as_a_plan_is_the_writers_suicide(ask, lang, text):
    found = ask(lang, text)
    assert found.suicide
    assert first(found) == "sjalvmordstankar"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "har gett bort min hund till grannen, behöver inte vara här mer"),  # two farewells
        ("en", "i've been saving my meds for weeks. tonight's the night"),
        ("en", "wrote my will on a napkin. not joking. tonight"),  # a farewell and now
    ],
)
def test_a_goodbye_in_deeds_is_the_writers_suicide(ask, lang, text):
    assert ask(lang, text).suicide


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "jag har bestämt mig, jag lämnar honom ikväll"),
        ("sv", "jag flyttar härifrån för alltid ikväll"),
        ("sv", "det tar slut ikväll, jag lämnar honom"),
        ("en", "it ends tonight, i am leaving him"),
        ("en", "i've decided, i'm leaving him tonight"),
    ],
)
def test_a_decision_to_leave_is_not_a_goodbye_to_life(ask, lang, text):
    assert not ask(lang, text).suicide


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "hur många alvedon kan man ta på ett dygn som vuxen?"),  # a painkiller is a means, not a plan
        ("en", "he strangled me at a party in 2022, i never reported it. is there a time limit?"),  # a year is the past
        ("en", "two years out now and stable. how do i explain the scars?"),  # "stable" is no "stab"
        ("en", "krav maga class tonight, we're doing knife defence"),
    ],
)
def test_words_of_danger_in_calm_texts_are_no_alarm(ask, lang, text):
    assert not ask(lang, text).danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "brorsan säger att jag inte kommer leva om jag inte gifter mig"),
        ("sv", "han sa att ingen kommer hitta mig"),
        ("en", "he said tonight i'll see what he is capable of"),
        ("en", "i smell gas and he turned the cooker on"),
    ],
)
def test_a_threat_to_life_without_the_word_kill_is_danger(ask, lang, text):
    found = ask(lang, text)
    assert found.danger and not found.suicide
    assert first(found) == "fara-nu"


def test_words_far_apart_are_not_one_phrase(ask):
    # "dont want … to … live" with five words between is not "dont want to live"
    found = ask("en", "i don't want him to know where i live when i move")
    assert not found.suicide and not found.danger


def test_a_professional_telling_of_a_case_is_asked_about_calmly(ask):
    found = ask("sv", "som kurator träffar jag en kvinna vars man har kniv")
    assert not found.danger and found.unsure


def test_a_phrase_is_one_kind_of_sign_only(bundled_app):
    # Danger is two kinds of sign together: a phrase in two sign lists would be both alone ("hurts").
    danger = bundled_app.state.runtime.guide.danger
    kinds = ("harm", "injury", "trapped", "near", "now")
    for lang in ("sv", "en"):
        listed = [phrase for kind in kinds for phrase in set(getattr(danger[lang], kind))]
        assert len(listed) == len(set(listed)), lang


def test_a_time_in_the_past_sets_the_time_of_its_sentence(ask):
    assert not ask("sv", "när vi bodde ihop, ströp han mig").danger
    assert ask("sv", "när vi bodde ihop ströp han mig. nu har han kniv").danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "han har tagit vår son och skrev att jag aldrig ska se honom igen, han har hotat att skada honom förut"),
        ("en", "he has a knife and says he will kill me, he threatened me last year too"),
    ],
)
def test_a_time_in_the_past_later_in_a_sentence_does_not_reach_back(ask, lang, text):
    """ "han har hotat förut" after a threat told now tells its history, not that the threat is over."""
    assert ask(lang, text).danger


@pytest.mark.parametrize("text", [". . . . . . . . . . . han stryper mig", "han, , , , , , , , , , , stryper mig"])
def test_stray_punctuation_does_not_set_a_text_in_the_past(ask, text):
    """Each mark starts a clause, words or not: a clause far down the count is still now."""
    assert ask("sv", text).danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "min man kontrollerar mig"),  # "man" is her husband
        ("sv", "min man hotar mig, vad gör jag"),
    ],
)
def test_a_woman_harmed_by_her_husband_is_not_sent_first_to_the_mens_page(ask, lang, text):
    assert first(ask(lang, text)) != "man-som-utsatts"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("sv", "jag är man och min fru slår mig"), ("en", "my wife hits me")],
)
def test_a_man_harmed_by_his_wife_gets_the_mens_page(ask, lang, text):
    assert first(ask(lang, text)) == "man-som-utsatts"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "min moster blir slagen av sin sambo, hur kan jag hjälpa henne"),
        ("en", "my cousin's husband hits her, what can i do"),
    ],
)
def test_someone_asking_how_to_help_another_gets_the_page_for_the_worried(ask, lang, text):
    assert first(ask(lang, text)) == "orolig-for-nagon"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "شوهرم منو زد، میخوام خودمو بکشم"),  # the Arabic comma ends the clause that names the husband
        ("fa", "شوهرم اومد خونه و من میخوام خودمو بکشم"),  # "من" (I) is the writer, named after him
        ("ar", "زوجي ضربني، بدي اقتل حالي"),  # the husband named before the comma is not the one who means it
    ],
)
def test_arabic_script_punctuation_and_the_writers_own_i_are_read(ask, lang, text):
    found = ask(lang, text)
    assert found.suicide


@pytest.mark.parametrize(("lang", "text"), [("sv", "hjälp"), ("en", "help"), ("fa", "کمک"), ("ti", "ሓግዙኒ")])
def test_a_cry_for_help_alone_asks_whether_it_is_now(ask, lang, text):
    found = ask(lang, text)
    assert found.unsure and not found.danger


@pytest.mark.parametrize(
    "lang, text",
    [
        ("sv", "efter ikväll blir jag ingen börda för någon längre"),
        ("en", "i don't want to be a burden anymore, i have the pills counted out"),
        ("en", "i've written letters to everyone, this is goodbye"),
    ],
)
def test_suicide_told_as_no_longer_a_burden_or_a_goodbye_is_heard(ask, lang, text):
    assert ask(lang, text).suicide


@pytest.mark.parametrize(
    "lang, text",
    [
        ("sv", "min syster ringde och viskade att han stängt ute henne på balkongen, det är minusgrader"),
        ("en", "he just unplugged the router and took the car keys, says nobody is leaving this house"),
        ("sv", "de har tagit mitt pass och låst lägenheten, nyckeln har farbror"),
    ],
)
def test_shut_out_or_shut_in_with_a_second_sign_is_danger(ask, lang, text):
    assert ask(lang, text).danger


def test_what_was_feared_when_it_happened_is_over_when_the_ban_works_now(ask):
    assert not ask("en", "i was scared when it happened but we have a contact ban now and it works").danger
    assert not ask("sv", "jag var rädd när det hände men nu har vi kontaktförbud och det fungerar").danger


def test_danger_heard_through_a_wall_or_seen_in_a_body_is_danger(ask):
    assert ask("en", "thuds through the ceiling and a kid crying mummy wake up over and over").danger
    assert ask("sv", "hör smällar genom väggen och ett barn som gråter mamma vakna mamma vakna").danger
    assert ask("en", "My sister isn't waking up, he says she's just drunk but her lips look blue").danger


def test_an_overdose_told_by_the_cabinet_and_the_minutes_is_suicide(ask):
    assert ask("en", "took everything in the medicine cabinet like 20 min ago, feel weird. dont tell my mum").suicide


def test_he_is_outside_the_new_address_now_is_danger_in_arabic(ask):
    assert ask("ar", "طليقي يرسل لي صور لبيتي الجديد في ال boende ويقول انا تحت الحين").danger


def test_a_rope_fetched_and_better_for_everyone_is_suicide_in_persian(ask):
    assert ask("fa", "طنابو از انباری آوردم، تو اتاقم تنهام. اینجوری برای همه بهتره").suicide


def test_learner_past_and_a_dream_are_no_danger_now(ask):
    text = "förra år min man slå mig mycket, nu vi skilda och jag bor själv med barn, jag vill prata med någon"
    assert not ask("sv", text).danger
    assert not ask("ar", "انا هلق بال boende المحمي وبأمان، بس بحلم فيه كل ليلة انو عم يخنقني").danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "ja slar min fru ibland o vill sluta"),  # "ja" for "jag", as typed
        ("sv", "jag är kvinna och har slagit min sambo flera gånger, finns det hjälp"),
        ("sv", "jag är polisanmäld för att ha misshandlat min fru och vill förändras"),
        ("sv", "jag har hotat mitt ex och vill ha hjälp med min ilska"),  # an ex named: still the writer who threatens
        ("sv", "blir så arg att jag kastar saker på henne, vill sluta"),  # no "jag" before the anger
        ("sv", "finns det behandling för män som utövar våld i hemmet"),
        ("en", "i have anger issues and want help before i hurt someone"),
    ],
)
def test_a_person_who_uses_violence_is_known_in_more_ways_than_i_hit(ask, lang, text):
    found = ask(lang, text)
    assert found.role is Role.PERPETRATOR
    assert first(found) == "vill-sluta"


@pytest.mark.parametrize(
    "text",
    [
        "mitt ex har anmält mig för att jag tog barnen",  # reported, but not for violence
        "han är anmäld för att ha misshandlat mig",
        "min man har aggressionsproblem",  # someone else's anger
        "ja han slog mig igår",  # "ja" as "yes"
    ],
)
def test_a_victim_is_not_taken_for_the_one_who_hits(ask, text):
    assert ask("sv", text).role is not Role.PERPETRATOR


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Skolsköterska här. En flicka i åttan säger att hon ska giftas bort i sommar"),
        ("sv", "Barnmorska: en gravid kvinna berättar att hon blev könsstympad som barn"),
        ("sv", "förskolepedagog, ett barn berättar att pappa tog mamma om halsen. måste jag anmäla?"),
        ("sv", "jag jobbar i hemtjänsten och en brukares son tar hennes pengar"),
        ("sv", "HR-ansvarig här. En anställd har fått skyddad identitet, hur gör vi med lönen?"),
        ("en", "i work at a preschool and a child told me dad hits mum"),
    ],
)
def test_a_professional_is_known_by_the_opening_and_the_workplace(ask, lang, text):
    found = ask(lang, text)
    assert found.role is Role.PROFESSIONAL
    assert not found.danger  # what a child or a client told, not danger to the writer now


@pytest.mark.parametrize(
    "text", ["Polisen, kan de hjälpa mig om han kommer tillbaka?", "Läkare sa att armen är bruten"]
)
def test_a_text_opening_with_the_police_or_a_doctor_is_not_a_professionals(ask, text):
    assert ask("sv", text).role is not Role.PROFESSIONAL


def test_om_as_about_brings_no_condition(ask):
    # "ta hand om" is no "if": the threat tonight stands.
    assert ask("sv", "min bror säger att familjen ska ta hand om mig i kväll för att jag har skämt ut dem").danger
    assert not ask("sv", "om han kommer i kväll vet jag inte vad jag ska göra").danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "har jag rätt till en egen advokat nu när jag har anmält mitt ex för misshandel?"),
        ("en", "now that i have reported him for assault, do i get a lawyer?"),
    ],
)
def test_now_that_says_nothing_of_now(ask, lang, text):
    assert not ask(lang, text).danger
    assert ask("sv", "han misshandlar mig nu").danger


def test_shamed_is_no_joke(ask):
    assert not ask("sv", "han skämtar om att döda mig haha").danger
    assert ask("sv", "jag har skämt ut familjen sa pappa med kniven i handen").danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "انا بضرب مرتي وبدي اتغير"),
        ("fa", "من خانممو میزنم و میخوام عوض بشم"),
        ("so", "xaaskayga waan garaacay, sidee u joojiyaa"),
        ("ti", "ንሰበይተይ እወቕዓ እየ ክሕገዝ እደሊ"),
    ],
)
def test_a_person_who_hits_is_known_in_every_language_of_the_guide(ask, lang, text):
    found = ask(lang, text)
    assert found.role is Role.PERPETRATOR
    assert first(found) == "vill-sluta"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ar", "زوجي يضربني"), ("fa", "شوهرم منو میزنه"), ("so", "ninkayga ayaa i garaacay"), ("ti", "ሰብኣየ ይወቕዓኒ")],
)
def test_a_woman_hit_by_her_husband_is_a_victim_in_every_language_of_the_guide(ask, lang, text):
    found = ask(lang, text)
    assert found.role is Role.VICTIM
    assert first(found) not in ("vill-sluta", "man-som-utsatts", "hbtqi")


def test_the_mens_page_does_not_take_the_place_of_the_page_for_stopping(ask, monkeypatch):
    # When nobody's role is read, the page for stopping moves back: the men's page, found next, must not
    # move up first for a text that does not say the writer is a man.
    monkeypatch.setattr(sys.modules["app.search.answer"], "role_of", lambda text: None)
    found = ask("so", "sidee u joojiyaa garaaca xaaskayga")
    assert first(found) not in ("man-som-utsatts", "vill-sluta")


@pytest.mark.parametrize(
    ("lang", "text", "role"),
    [
        ("ar", "عمري 15 وابوي يضربني", Role.YOUNG),
        ("fa", "۱۵ سالمه و بابام منو میزنه", Role.YOUNG),
        ("so", "15 jir baan ahay, aabbahay ayaa i garaaca", Role.YOUNG),
        ("ti", "15 ዓመተይ ኣቦይ ይወቕዓኒ", Role.YOUNG),
        ("ar", "اختي زوجها يضربها، كيف اساعدها", Role.CONCERNED),
        ("fa", "نگران خواهرم هستم، شوهرش کتکش میزنه", Role.CONCERNED),
        ("so", "walaashay ninkeeda ayaa garaaca, sidee u caawiyaa", Role.CONCERNED),
        ("ti", "ብዛዕባ ሓብተይ ተሻቒለ ሰብኣያ ይወቕዓ እዩ", Role.CONCERNED),
        ("ar", "انا معلمة وطالبة عندي قالت ان ابوها يضربها", Role.PROFESSIONAL),
        ("fa", "معلم هستم و یکی از شاگردام میگه پدرش کتکش میزنه", Role.PROFESSIONAL),
        ("so", "macallin baan ahay, ardaygayga ayaa sheegay in guriga lagu garaaco", Role.PROFESSIONAL),
        ("ti", "መምህር እየ ሓንቲ ተምሃሪት ኣብ ገዛ ከም ዝወቕዕዋ ነጊራትኒ", Role.PROFESSIONAL),
    ],
)
def test_who_writes_is_read_in_every_language_of_the_guide(ask, lang, text, role):
    found = ask(lang, text)
    assert found.role is role
    assert first(found) not in ("vill-sluta", "man-som-utsatts")
    if role is Role.PROFESSIONAL:
        assert first(found) == "yrkesverksam"
    if role is Role.CONCERNED:
        assert "orolig-for-nagon" in [m.step.id for m in found.matches[:3]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ar", "عايشين سوا 7 سنين، كيف بنقسم الغراض"), ("so", "gabadhayda 8 jir ah ayaa la faraxumeeyay")],
)
def test_a_number_of_years_is_not_the_writers_age(ask, lang, text):
    assert ask(lang, text).role is not Role.YOUNG


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "pappa säger att vi ska till Irak i sommar och att jag ska giftas bort där"),
        ("en", "my parents are planning a holiday to pakistan this summer and i think they won't let me come back"),
    ],
)
def test_what_is_planned_for_later_is_asked_about_not_alarmed(ask, lang, text):
    found = ask(lang, text)
    assert not found.danger and found.unsure
    assert first(found) in ("utresa", "tvangsaktenskap", "heder", "barnaktenskap")


def test_later_gives_way_to_now(ask):
    assert ask(
        "sv", "vi skulle till Irak i sommar men nu sitter jag i bilen mot flygplatsen och de tog mitt pass"
    ).danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "saw a gun in his jacket when he left, he's coming back in an hour and he is furious"),  # "back in"
        ("en", "im 11. dad is drunk and took moms phone. mom told me hide under my bed and be quiet"),  # "told me"
        ("sv", "hör nyckeln i dörren nu. han skulle inte ha nyckel längre"),
        ("sv", "jag har blåmärken på halsen och rösten är hes, det var för en timme sen"),
        ("en", "he bought tape and rope today and put it in the car, says we go to the summer house tonight"),
    ],
)
def test_danger_told_by_what_is_happening_round_13(ask, lang, text):
    assert ask(lang, text).danger


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Hur länge ska man steka kycklingen och vilken kniv är bäst att skära den med?"),
        ("en", "why is strangulation such a big risk factor? read it in an article"),
    ],
)
def test_cooking_and_reading_are_no_danger(ask, lang, text):
    assert not ask(lang, text).danger
