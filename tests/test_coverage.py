"""The whole guide: every topic reachable in three choices, every number from a service record."""

from __future__ import annotations

import re
from collections import deque

import pytest

from app.content.model import LANGUAGES, START

from .conftest import parse

# Every topic a person in Sweden may need (the list), by the step that opens it.
TOPICS = {
    "danger now": "fara-nu",
    "thoughts of suicide": "sjalvmordstankar",
    "I am subjected": "jag-ar-utsatt",
    "worried about someone": "orolig-for-nagon",
    "I work with someone who is subjected": "yrkesverksam",
    "report of concern for a child": "orosanmalan",
    "I am young": "ung",
    "I use violence and want to stop": "vill-sluta",
    "kinds of violence": "former-av-vald",
    "physical violence": "fysiskt-vald",
    "psychological violence": "psykiskt-vald",
    "sexual violence": "sexuellt-vald",
    "economic violence": "ekonomiskt-vald",
    "digital violence": "digitalt-vald",
    "stalking": "olaga-forfoljelse",
    "protected housing": "skyddat-boende",
    "contact bans": "kontaktforbud",
    "protected personal data": "skyddade-personuppgifter",
    "honour-related violence": "heder",
    "forced marriage": "tvangsaktenskap",
    "child marriage": "barnaktenskap",
    "FGM": "konsstympning",
    "taken abroad and the exit ban": "utresa",
    "the crime hedersförtryck": "hedersfortryck-brottet",
    "LGBTQI people in honour contexts": "hbtqi-och-heder",
    "children who experience violence": "barn-som-upplever-vald",
    "social services and children": "socialtjansten-och-barn",
    "custody, residence and contact": "vardnad-och-umgange",
    "leaving": "lamna",
    "a safety plan": "sakerhetsplan",
    "money after leaving": "pengar-efter-uppbrott",
    "tenancy": "hyresratt",
    "property division": "bodelning",
    "police report": "polisanmalan",
    "injury documentation": "dokumentera-skador",
    "injured party's counsel": "malsagandebitrade",
    "support person and witness support": "stodperson-och-vittnesstod",
    "state compensation": "brottsskadeersattning",
    "support without reporting": "stod-utan-anmalan",
    "someone to talk to": "prata-med-nagon",
    "women's shelters and girls' helplines": "kvinnojourer-och-tjejjourer",
    "what social services can do": "socialtjansten-stod",
    "men subjected to violence": "man-som-utsatts",
    "LGBTQI people": "hbtqi",
    "prostitution and trafficking": "sexuell-exploatering",
    "interpreters": "tolk",
    "safety online": "sakert-pa-natet",
}
PHONE_IN_TEXT = re.compile(
    r"(?<![\d:§.,/-])(?:0\d{1,3}-\d{2,3}(?: \d{2,3})*|1\d{2}(?: \d{2,3})+|112|1177|90 ?\d{3})(?!\d)"
)


def choices_to_reach(tree) -> dict[str, int]:
    """How many choices each step is from the start, following options and next."""
    depth = {START: 0}
    queue = deque([START])
    while queue:
        step = tree[queue.popleft()]
        for target in step.targets:
            if target not in depth:
                depth[target] = depth[step.id] + 1
                queue.append(target)
    return depth


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_topic_is_at_most_three_choices_from_the_start(bundled_app, lang):
    depth = choices_to_reach(bundled_app.state.runtime.site.guide.tree(lang))
    too_far = {topic: depth.get(step) for topic, step in TOPICS.items() if depth.get(step, 99) > 3}
    assert too_far == {}


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_every_topic_is_on_the_all_topics_page_or_a_question(client, bundled_app, lang):
    tree = bundled_app.state.runtime.site.guide.tree(lang)
    listed = {a["href"] for a in parse(await client.get(f"/{lang}/alla-amnen")).select(".topic-list a")}
    for step_id in TOPICS.values():
        assert tree[step_id].kind == "question" or f"/{lang}/{step_id}" in listed


def test_there_are_at_least_sixty_steps_per_language(bundled_app):
    for lang in LANGUAGES:
        assert len(bundled_app.state.runtime.site.guide.tree(lang).steps) >= 60


def test_every_service_has_sources_with_a_check_date(bundled_app):
    for service in bundled_app.state.runtime.site.guide.services.values():
        assert service.sources, service.id
        for source in service.sources:
            assert source.url.startswith("https://") and source.checked is not None


async def test_every_number_shown_comes_from_a_service_record(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    numbers = {re.sub(r"\D", "", s.phone) for s in guide.services.values() if s.phone}
    for lang in LANGUAGES:
        for path in [f"/{lang}/{s}" for s in guide.tree(lang).steps] + [f"/{lang}/stodlinjer"]:
            text = parse(await client.get(path)).get_text(" ")
            for found in PHONE_IN_TEXT.findall(text):
                assert re.sub(r"\D", "", found) in numbers, (path, found)


async def test_every_phone_link_is_a_service_number(client, bundled_app):
    guide = bundled_app.state.runtime.site.guide
    links = {s.tel for s in guide.services.values() if s.phone}
    for lang in LANGUAGES:
        for step_id in guide.tree(lang).steps:
            page = parse(await client.get(f"/{lang}/{step_id}"))
            for a in page.select("a[href^='tel:']"):
                assert a["href"] in links, (step_id, a["href"])
