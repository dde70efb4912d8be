"""The engine: ways through the dialogue as the address names them, and the all-topics groups."""

from __future__ import annotations

import pytest

from app.content.model import LANGUAGES
from app.content.validate import load_guide
from app.dialogue import MAX_WALK, Flow, topics

from .conftest import BUNDLED


def test_a_walk_is_the_steps_she_chose_in_order(minimal):
    flow = Flow(load_guide(minimal).guide.tree("sv"))
    walk = flow.walk(["start", "hjalp"])
    assert [(t.step.id, t.chosen.text, t.chosen.target) for t in walk.turns] == [
        ("start", "Jag behöver hjälp", "hjalp")
    ]
    assert walk.here.id == "hjalp" and walk.back == ("start",)


def test_one_step_is_its_short_address_with_no_conversation_and_nothing_to_go_back_to(minimal):
    walk = Flow(load_guide(minimal).guide.tree("en")).walk(["las-mer"])
    assert walk.turns == () and walk.back is None and walk.here.id == "las-mer"


def test_next_is_a_choice_on_the_way(minimal):
    flow = Flow(load_guide(minimal).guide.tree("en"))
    walk = flow.walk(["start", "las-mer", "hjalp"])
    assert [turn.chosen.text for turn in walk.turns] == ["I want to read more", "Help"]


@pytest.mark.parametrize(
    "ids",
    [
        [],
        ["finns-inte"],
        ["start", "finns-inte"],
        ["hjalp", "start"],  # hjalp offers no way to the start
        ["start", "hjalp", "hjalp"],
        ["start", "las-mer", "start"],  # a step twice: links cut the way back instead
    ],
)
def test_an_address_no_page_links_to_is_no_walk(minimal, ids):
    assert Flow(load_guide(minimal).guide.tree("sv")).walk(ids) is None


def test_choosing_a_step_already_on_the_way_goes_back_to_it_and_long_ways_drop_their_oldest_steps(minimal):
    flow = Flow(load_guide(minimal).guide.tree("sv"))
    walk = flow.walk(["start", "las-mer"])
    assert walk.to("hjalp") == ("start", "las-mer", "hjalp")
    assert walk.to("start") == ("start",)
    assert walk.to("las-mer") == ("start", "las-mer")


def test_no_walk_the_bundled_pages_link_to_is_ever_refused_however_long_she_goes_on():
    """Follow the first option, then the last, round and round, far past `MAX_WALK`."""
    guide = load_guide(BUNDLED).guide
    for lang in ("sv", "en"):
        flow = Flow(guide.tree(lang))
        for pick in (0, -1, 1):
            walk = flow.walk(["start"])
            for _ in range(MAX_WALK * 3):
                options = flow.options(walk.here)
                if not options:
                    break
                following = walk.to(options[pick % len(options)].target)
                assert len(following) <= MAX_WALK
                walk = flow.walk(following)
                assert walk is not None, (lang, following)
            assert flow.walk(["start"] + ["x"] * MAX_WALK) is None


def test_next_is_offered_as_an_option_with_the_next_steps_title(minimal):
    flow = Flow(load_guide(minimal).guide.tree("en"))
    options = flow.options(flow.step("las-mer"))
    assert [(o.text, o.target) for o in options] == [("Help", "hjalp")]


def test_an_unknown_step_is_none(minimal):
    flow = Flow(load_guide(minimal).guide.tree("sv"))
    assert flow.step("finns-inte") is None


def test_topics_group_information_steps_by_theme(minimal):
    guide = load_guide(minimal).guide
    groups = topics(guide, "sv")
    assert [(g.theme, g.name, [s.id for s in g.steps]) for g in groups] == [("hjalp", "Hjälp", ["hjalp", "las-mer"])]


def test_within_a_theme_an_overview_comes_before_its_details():
    guide = load_guide(BUNDLED).guide
    for lang in LANGUAGES:
        flow = Flow(guide.tree(lang))
        groups = {group.theme: [step.id for step in group.steps] for group in topics(guide, lang)}
        for theme, overview in (("kontaktforbud", "kontaktforbud"), ("boende", "skyddat-boende"), ("heder", "heder")):
            assert groups[theme][0] == overview, (lang, groups[theme])
        for group in topics(guide, lang):
            depths = [flow.depth(step.id) for step in group.steps]
            assert depths == sorted(depths), (lang, group.theme)


def test_depth_is_the_number_of_choices_on_the_shortest_way_from_the_start(minimal):
    flow = Flow(load_guide(minimal).guide.tree("sv"))
    assert (flow.depth("start"), flow.depth("hjalp")) == (0, 1)
