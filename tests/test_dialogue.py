"""The engine: the shortest way to each step, back links and the all-topics groups."""

from __future__ import annotations

from app.content.model import LANGUAGES
from app.content.validate import load_guide
from app.dialogue import Flow, topics

from .conftest import BUNDLED


def test_the_transcript_is_the_shortest_way_from_the_start(minimal):
    guide = load_guide(minimal).guide
    flow = Flow(guide.tree("sv"))
    turns = flow.transcript("hjalp")
    assert [(t.step.id, t.chosen.text, t.chosen.target) for t in turns] == [("start", "Jag behöver hjälp", "hjalp")]
    assert flow.transcript("start") == ()


def test_back_goes_to_the_previous_step_on_that_way(minimal):
    flow = Flow(load_guide(minimal).guide.tree("en"))
    assert flow.back("las-mer").id == "start"
    assert flow.back("start") is None


def test_next_is_offered_as_an_option_with_the_next_steps_title(minimal):
    flow = Flow(load_guide(minimal).guide.tree("en"))
    options = flow.options(flow.step("las-mer"))
    assert [(o.text, o.target) for o in options] == [("Help", "hjalp")]


def test_an_unknown_step_is_none(minimal):
    flow = Flow(load_guide(minimal).guide.tree("sv"))
    assert flow.step("finns-inte") is None
    assert flow.transcript("finns-inte") == ()


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
            depths = [len(flow.transcript(step.id)) for step in group.steps]
            assert depths == sorted(depths), (lang, group.theme)


def test_every_step_of_the_bundled_content_has_a_transcript_that_ends_there():
    guide = load_guide(BUNDLED).guide
    for lang in LANGUAGES:
        flow = Flow(guide.tree(lang))
        for step_id in guide.tree(lang).steps:
            turns = flow.transcript(step_id)
            if step_id == "start":
                assert turns == ()
                continue
            assert turns[0].step.id == "start"
            assert turns[-1].chosen.target == step_id
            for before, after in zip(turns, turns[1:], strict=False):
                assert before.chosen.target == after.step.id
