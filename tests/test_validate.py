"""Every class of content problem the validator must catch, each on a small tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import urls
from app.content.load import ID_PATTERN
from app.content.model import LANGUAGES
from app.content.validate import load_guide
from app.engine import Engine


def problems(content: Path) -> list[str]:
    return [str(problem) for problem in load_guide(content).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only(found: list[str], fragment: str) -> str:
    matching = [p for p in found if fragment in p]
    assert matching, f"no problem mentions {fragment!r}; got {found}"
    return matching[0]


def test_the_minimal_tree_is_valid(minimal):
    loaded = load_guide(minimal)
    assert loaded.problems == ()
    assert set(loaded.guide.tree("sv").steps) == {"start", "hjalp", "las-mer"}


def test_unchanged_content_is_not_checked_again_and_a_changed_byte_is(minimal):
    """A reload that changed nothing gets the same guide and engine; one changed byte loads it all again."""
    first = load_guide(minimal)
    assert first.guide is not None
    assert load_guide(minimal) is first
    assert Engine.of(first.guide) is Engine.of(load_guide(minimal).guide)
    step = sorted((minimal / "sv").rglob("*.md"))[0]
    step.write_text(step.read_text(encoding="utf-8").replace("\n---\n", "\nsynonyms: [en ny synonym]\n---\n", 1))
    changed = load_guide(minimal)
    assert changed is not first and changed.guide is not None
    assert Engine.of(changed.guide).guide is changed.guide


def test_examples_are_read_and_shared_with_the_languages_that_share_texts(minimal):
    (minimal / "examples").mkdir()
    (minimal / "examples" / "sv.yaml").write_text(
        "- {q: jag behöver stöd, expect: [hjalp], role: victim, category: support}\n", encoding="utf-8"
    )
    guide = load_guide(minimal).guide
    assert guide is not None
    (example,) = guide.examples["sv"]
    assert (example.text, example.steps, example.role, example.category) == (
        "jag behöver stöd",
        ("hjalp",),
        "victim",
        "support",
    )
    assert guide.examples["lattlast"] == guide.examples["sv"]
    assert "en" not in guide.examples


def test_an_example_expecting_a_missing_step(minimal):
    (minimal / "examples").mkdir()
    (minimal / "examples" / "en.yaml").write_text(
        "- {q: i need support, expect: [hjalp]}\n- {q: where do i go, expect: [hjalp, nowhere]}\n", encoding="utf-8"
    )
    found = only(problems(minimal), "'nowhere', which does not exist")
    assert found.startswith(f"{minimal / 'examples' / 'en.yaml'}:2:")


@pytest.mark.parametrize(
    ("item", "said"),
    [
        ("{q: i need support}", "must have q (the text) and expect"),
        ("{q: i need support, expect: hjalp}", "expect must be a list of step ids"),
        ("{q: '', expect: [hjalp]}", "q must be a text"),
        ("{q: i need support, expect: [hjalp], steps: [start]}", "unknown key 'steps'"),
        ("{q: i need support, expect: [hjalp], role: [victim]}", "role and category are words"),
    ],
)
def test_a_malformed_example(minimal, item, said):
    (minimal / "examples").mkdir()
    (minimal / "examples" / "en.yaml").write_text(f"- {{q: fine, expect: [hjalp]}}\n- {item}\n", encoding="utf-8")
    found = only(problems(minimal), said)
    assert found.startswith(f"{minimal / 'examples' / 'en.yaml'}:2: example 2:")


def test_an_option_to_a_missing_step(minimal):
    edit(minimal / "sv" / "start.md", "to: hjalp", "to: finns-inte")
    found = only(problems(minimal), "'finns-inte', which does not exist")
    assert found.startswith(f"{minimal / 'sv' / 'start.md'}:6:")


def test_next_to_a_missing_step(minimal):
    edit(minimal / "en" / "las-mer.md", "next: hjalp", "next: nowhere")
    only(problems(minimal), "next step 'nowhere' does not exist")


def test_a_duplicate_id(minimal):
    (minimal / "sv" / "extra").mkdir()
    shutil.copy(minimal / "sv" / "hjalp.md", minimal / "sv" / "extra" / "hjalp.md")
    only(problems(minimal), "duplicate id 'hjalp'")


def test_an_unreachable_step(minimal):
    for lang in LANGUAGES:
        shutil.copy(minimal / lang / "hjalp.md", minimal / lang / "ensam.md")
    found = only(problems(minimal), "'ensam' cannot be reached from the start")
    assert "ensam.md:1:" in found


def test_a_dead_end(minimal):
    for lang in LANGUAGES:
        edit(minimal / lang / "hjalp.md", "services: [nodnummer]\n", "")
    only(problems(minimal), "dead end")


def test_an_explicit_end_is_not_a_dead_end(minimal):
    for lang in LANGUAGES:
        edit(minimal / lang / "hjalp.md", "services: [nodnummer]\n", "end: true\n")
    assert problems(minimal) == []


def test_a_step_missing_in_one_language_names_both_files(minimal):
    (minimal / "en" / "hjalp.md").unlink()
    found = only(problems(minimal), "has no twin in en/")
    assert found.startswith(str(minimal / "sv" / "hjalp.md"))
    assert str(minimal / "en" / "hjalp.md") in found


def test_twins_whose_options_point_elsewhere(minimal):
    edit(minimal / "en" / "start.md", "to: hjalp", "to: las-mer")
    only(problems(minimal), "targets differ from the twin")


def test_twins_with_other_services(minimal):
    edit(minimal / "en" / "hjalp.md", "services: [nodnummer]", "services: [nodnummer, kvinnofridslinjen]")
    only(problems(minimal), "services differ from the twin")


def test_an_unknown_service(minimal):
    edit(minimal / "sv" / "hjalp.md", "services: [nodnummer]", "services: [nodnummer, hittepa]")
    only(problems(minimal), "service 'hittepa' does not exist")


def test_an_information_step_without_sources(minimal):
    text = (minimal / "sv" / "hjalp.md").read_text(encoding="utf-8")
    start, end = text.index("sources:"), text.index("reviewed:")
    (minimal / "sv" / "hjalp.md").write_text(text[:start] + text[end:], encoding="utf-8")
    only(problems(minimal), "an information step needs sources")


def test_a_source_over_http(minimal):
    edit(minimal / "sv" / "hjalp.md", "url: https://www.sosalarm.se/112", "url: http://www.sosalarm.se/112")
    only(problems(minimal), "URL must use https: http://www.sosalarm.se/112")


def test_a_link_over_http_in_the_text(minimal):
    edit(minimal / "sv" / "hjalp.md", "Ring 112 om det är fara.", "Läs [mer](http://example.org/).")
    found = only(problems(minimal), "URL must use https: http://example.org/")
    assert ":12:" in found


def test_a_link_to_a_step_that_does_not_exist(minimal):
    edit(minimal / "sv" / "las-mer.md", "[hjälp](hjalp)", "[hjälp](hjalpen)")
    only(problems(minimal), "link to 'hjalpen'")


def test_a_malformed_phone_number(minimal):
    edit(minimal / "services" / "kvinnofridslinjen.yaml", "phone: 020-50 50 50", "phone: 0205-0505-0")
    found = only(problems(minimal), "malformed phone number '0205-0505-0'")
    lines = (minimal / "services" / "kvinnofridslinjen.yaml").read_text(encoding="utf-8").splitlines()
    assert f"kvinnofridslinjen.yaml:{lines.index('phone: 0205-0505-0') + 1}:" in found


def test_a_phone_number_in_the_text_that_no_service_has(minimal):
    edit(minimal / "sv" / "hjalp.md", "Ring 112 om det är fara.", "Ring 020-12 34 56.")
    only(problems(minimal), "phone number '020-12 34 56' is in no service record")


def test_an_unknown_key_in_front_matter(minimal):
    edit(minimal / "sv" / "hjalp.md", "theme: hjalp\n", "theme: hjalp\ncolour: red\n")
    found = only(problems(minimal), "unknown key 'colour'")
    assert ":5:" in found


def test_a_missing_required_key(minimal):
    edit(minimal / "sv" / "hjalp.md", "title: Hjälp\n", "")
    only(problems(minimal), "is missing 'title'")


def test_a_wrong_kind(minimal):
    edit(minimal / "sv" / "hjalp.md", "kind: info", "kind: page")
    only(problems(minimal), "kind must be one of question, info")


def test_an_option_without_a_target(minimal):
    edit(minimal / "sv" / "start.md", "    to: hjalp\n", "")
    only(problems(minimal), "an option is missing 'to'")


def test_raw_html_in_markdown(minimal):
    edit(minimal / "sv" / "hjalp.md", "Ring 112 om det är fara.", 'Ring 112.\n\n<script src="x.js"></script>')
    found = only(problems(minimal), "raw HTML is not allowed")
    assert ":14:" in found


def test_inline_raw_html(minimal):
    edit(minimal / "en" / "hjalp.md", "Call 112", 'Call <img src="https://x.example/t.gif"> 112')
    only(problems(minimal), "raw HTML is not allowed")


def test_a_markdown_picture(minimal):
    """A picture from another site would tell that site who reads the page."""
    edit(minimal / "sv" / "hjalp.md", "Ring 112 om det är fara.", "Ring 112.\n\n![Karta](https://x.example/karta.png)")
    found = only(problems(minimal), "pictures are not allowed in the text: 'https://x.example/karta.png'")
    assert ":14:" in found


def test_front_matter_that_is_not_yaml(minimal):
    edit(minimal / "sv" / "hjalp.md", "theme: hjalp", "theme: [hjalp")
    only(problems(minimal), "front matter is not valid YAML")


def test_a_file_without_front_matter(minimal):
    (minimal / "sv" / "hjalp.md").write_text("Bara text.\n", encoding="utf-8")
    only(problems(minimal), "must start with front matter")


def test_a_date_in_the_future(minimal):
    edit(minimal / "sv" / "hjalp.md", "reviewed: 2026-11-23", "reviewed: 2999-01-01")
    only(problems(minimal), "is in the future")


def test_an_unknown_theme(minimal):
    edit(minimal / "sv" / "hjalp.md", "theme: hjalp", "theme: okand")
    only(problems(minimal), "theme 'okand' is not in themes.yaml")


def test_a_question_with_one_option(minimal):
    for lang in LANGUAGES:
        path = minimal / lang / "start.md"
        text = path.read_text(encoding="utf-8")
        cut = text.index("  - text:", text.index("  - text:") + 1)
        path.write_text(text[:cut] + text[text.index("---", cut) :], encoding="utf-8")
    only(problems(minimal), "a question needs at least two options")


def test_a_service_missing_in_one_language(minimal):
    edit(minimal / "services" / "nodnummer.yaml", "  en: The emergency number\n", "")
    only(problems(minimal), "name: must give the text in each language")


def test_the_emergency_number_is_required(minimal):
    (minimal / "services" / "nodnummer.yaml").unlink()
    only(problems(minimal), "missing services/nodnummer.yaml")


def test_a_file_name_that_is_not_an_id(minimal):
    for lang in LANGUAGES:
        (minimal / lang / "hjalp.md").rename(minimal / lang / "Hjälp.md")
    only(problems(minimal), "must be the step id")


def test_a_reserved_id(minimal):
    for lang in LANGUAGES:
        shutil.copy(minimal / lang / "hjalp.md", minimal / lang / "alla-amnen.md")
    only(problems(minimal), "name of a built-in page")


@pytest.mark.parametrize("name", sorted(name for name in urls.RESERVED if ID_PATTERN.match(name)))
def test_a_step_named_like_any_built_in_page_is_refused(minimal, name):
    for lang in LANGUAGES:
        shutil.copy(minimal / lang / "hjalp.md", minimal / lang / f"{name}.md")
    found = [p for p in problems(minimal) if "name of a built-in page" in p]
    assert sorted(found) == sorted(
        f"{minimal / lang / (name + '.md')}:1: {name!r} is the name of a built-in page; choose another file name"
        for lang in LANGUAGES
    )


def test_a_missing_start(minimal):
    (minimal / "sv" / "start.md").unlink()
    (minimal / "en" / "start.md").unlink()
    only(problems(minimal), "there is no start step")


def test_every_problem_is_reported_not_only_the_first(minimal):
    edit(minimal / "sv" / "start.md", "to: hjalp", "to: finns-inte")
    edit(minimal / "services" / "kvinnofridslinjen.yaml", "phone: 020-50 50 50", "phone: abc")
    (minimal / "en" / "las-mer.md").unlink()
    found = problems(minimal)
    for fragment in ("'finns-inte'", "malformed phone number", "has no twin"):
        only(found, fragment)


def test_the_bundled_content_is_valid():
    loaded = load_guide(Path(__file__).parent.parent / "content")
    assert loaded.problems == ()


def test_reading_in_several_processes_gives_the_same_guide_and_problems(bundled_copy, monkeypatch):
    """A large guide is read by one process per CPU; the outcome must not depend on it."""
    from app.content import load, validate

    serial = load_guide(bundled_copy, workers=1)
    monkeypatch.setattr(load, "PARALLEL_FROM", 0)
    monkeypatch.setattr(validate, "_last", [])  # the same bytes would give back the serial load without reading
    parallel = load_guide(bundled_copy, workers=2)
    assert parallel is not serial
    assert parallel.guide == serial.guide and parallel.guide is not None
    assert parallel.readability == serial.readability

    edit(bundled_copy / "sv" / "start.md", "title:", "title: [")
    edit(bundled_copy / "en" / "polisanmalan.md", "kind: info", "kind: infox")
    (bundled_copy / "sv" / "trasig.md").write_text("no front matter\n", encoding="utf-8")
    broken = load_guide(bundled_copy, workers=2).problems
    assert len(broken) >= 3
    assert broken == load_guide(bundled_copy, workers=1).problems


def test_where_no_process_can_be_started_the_guide_is_read_in_this_one(bundled_copy, monkeypatch):
    from app.content import load

    def refused(*args, **kwargs):
        raise PermissionError("no processes here")

    monkeypatch.setattr(load, "PARALLEL_FROM", 0)
    monkeypatch.setattr(load, "ProcessPoolExecutor", refused)
    loaded = load_guide(bundled_copy, workers=2)
    assert loaded.problems == () and len(loaded.guide.tree("sv").steps) > 50


CHANNEL_SOURCE = "    source:\n      title: Chatt\n      url: https://example.se/chatt\n      checked: 2026-11-23\n"


def test_a_silent_channel_is_read_with_its_source(minimal):
    path = minimal / "services" / "kvinnofridslinjen.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "channels:\n  - kind: chat\n    url: https://example.se/chatt\n"
        + CHANNEL_SOURCE,
        encoding="utf-8",
    )
    loaded = load_guide(minimal)
    assert loaded.problems == ()
    (channel,) = loaded.guide.services["kvinnofridslinjen"].channels
    assert (channel.kind, channel.href, channel.source.url) == (
        "chat",
        "https://example.se/chatt",
        "https://example.se/chatt",
    )


def test_a_silent_channel_needs_a_known_kind_somewhere_to_go_and_a_source(minimal):
    path = minimal / "services" / "kvinnofridslinjen.yaml"
    lines = len(path.read_text(encoding="utf-8").splitlines())
    path.write_text(
        path.read_text(encoding="utf-8")
        + "channels:\n  - kind: fax\n"
        + CHANNEL_SOURCE
        + "  - kind: sms\n    url: http://example.se/sms\n"
        + "  - kind: sms\n    number: '112'\n    url: https://example.se/sms\n"
        + CHANNEL_SOURCE,
        encoding="utf-8",
    )
    found = problems(minimal)
    assert only(found, "kind must be one of chat, sms, form, email").startswith(f"{path}:{lines + 2}:")
    assert only(found, "a channel is missing 'source'").startswith(f"{path}:{lines + 7}:")
    only(found, "URL must use https: http://example.se/sms")
    neither_or_both = [p for p in found if "either an https `url` or a `number`, not both" in p]
    assert [p.split(": ")[0] for p in neither_or_both] == [f"{path}:{lines + 2}", f"{path}:{lines + 9}"]
