"""The engine: one place that reads a text, cuts it, checks the language and walks the graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content.model import LANGUAGES, START, first_reached
from app.content.validate import load_guide
from app.engine import Engine, UnknownLanguage
from app.search import MAX_LENGTH, answer


@pytest.fixture(scope="module")
def engine() -> Engine:
    guide = load_guide(Path(__file__).parent.parent / "content").guide
    return Engine.of(guide)


def test_ask_reads_only_the_first_characters_and_says_so(engine):
    long = "jag är rädd för min man " * 40
    reply = engine.ask("sv", long)
    assert reply.cut and reply.text == long[:MAX_LENGTH]
    assert reply.answer == answer(engine.index("sv"), engine.danger("sv"), long[:MAX_LENGTH])
    assert not engine.ask("sv", "kontaktförbud").cut


def test_a_language_the_guide_is_not_written_in_is_refused(engine):
    for ask in (lambda: engine.ask("de", "Hilfe"), lambda: engine.flow("de"), lambda: Engine.language("../sv")):
        with pytest.raises(UnknownLanguage):
            ask()
    assert [Engine.language(lang) for lang in LANGUAGES] == list(LANGUAGES)


def test_the_walk_reaches_each_step_once_from_the_step_before_it_on_the_shortest_way(engine):
    tree = engine.flow("sv").tree
    reached = first_reached(tree.steps)
    assert next(iter(reached)) == START and reached[START] is None
    for step_id, parent in reached.items():
        if parent is not None:
            assert step_id in parent.targets
            assert engine.flow("sv").depth(step_id) == engine.flow("sv").depth(parent.id) + 1


async def test_an_unknown_language_is_a_calm_page_and_a_json_404(client):
    page = await client.post("/de/skriv", data={"q": "Hilfe"})
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    api = await client.post("/api/v1/de/ask", json={"q": "Hilfe"})
    assert api.status_code == 404 and api.json()["status"] == 404


def test_a_language_s_free_text_parts_are_built_once_when_first_asked(engine, monkeypatch):
    # Built lazily to keep start-up and memory small; built once even when many ask at the same moment.
    import threading

    from app import engine as engine_module

    engine.ready()
    fresh = Engine(engine.guide)
    built: list[str] = []
    real = engine_module.Index

    def counting(tree, lang, **kwargs):
        built.append(lang)
        return real(tree, lang, **kwargs)

    monkeypatch.setattr(engine_module, "Index", counting)
    assert fresh.flow("ti") and built == []
    asks = [threading.Thread(target=fresh.ask, args=("fa", "کمک")) for _ in range(8)]
    for ask in asks:
        ask.start()
    for ask in asks:
        ask.join()
    assert built == ["fa"]
    assert fresh.ask("fa", "کمک").answer == engine.ask("fa", "کمک").answer
    assert fresh.ready() is fresh and sorted(built) == sorted(LANGUAGES)
