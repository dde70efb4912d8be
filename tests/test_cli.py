"""The command line: check, graph, and serve refusing broken content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.__main__ import main
from app.content.model import LANGUAGES

ROOT = Path(__file__).parent.parent


def test_check_passes_on_the_bundled_content(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("ok: content")
    assert "sv: LIX median" in out and "en: grade median" in out


def test_check_fails_naming_the_file_when_a_step_is_removed_from_one_language(bundled_copy, capsys):
    (bundled_copy / "en" / "kontaktforbud.md").unlink()
    assert main(["check", "--content", str(bundled_copy)]) == 1
    out = capsys.readouterr().out
    assert f"{bundled_copy / 'sv' / 'kontaktforbud.md'}:1: step 'kontaktforbud' has no twin in en/" in out
    assert "problem(s)" in out


def test_check_refuses_a_step_that_would_hide_the_embed_page(minimal, capsys):
    for lang in LANGUAGES:
        (minimal / lang / "hjalp.md").rename(minimal / lang / "badda-in.md")
        for step in (minimal / lang).glob("*.md"):
            step.write_text(step.read_text(encoding="utf-8").replace("hjalp", "badda-in"), encoding="utf-8")
    assert main(["check", "--content", str(minimal)]) == 1
    out = capsys.readouterr().out
    assert f"{minimal / 'sv' / 'badda-in.md'}:1: 'badda-in' is the name of a built-in page" in out


def test_graph_writes_dot_with_every_step_and_edge(minimal, capsys):
    assert main(["graph", "--content", str(minimal), "--lang", "en"]) == 0
    dot = capsys.readouterr().out
    assert dot.startswith('digraph "vagvisaren-en" {')
    assert '"start" [label="What is it about?", shape=doublecircle];' in dot
    assert '"start" -> "hjalp" [label="I need help"];' in dot
    assert '"las-mer" -> "hjalp" [style=dashed];' in dot


def test_serve_refuses_broken_content_and_lists_the_problems(minimal):
    (minimal / "en" / "hjalp.md").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "app", "serve", "--port", "1"],
        env={"VAGVISAREN_CONTENT_DIR": str(minimal), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "has no twin in en/" in result.stderr
    assert "Refusing to start" in result.stderr


def test_the_committed_flow_pictures_show_every_step(bundled_app):
    for lang in ("sv", "en"):
        svg = (ROOT / "docs" / f"flow-{lang}.svg").read_text(encoding="utf-8")
        for step_id in bundled_app.state.runtime.site.guide.tree(lang).steps:
            title = step_id.replace("-", "&#45;")
            assert f"<title>{title}</title>" in svg, f"docs/flow-{lang}.svg is stale: regenerate it (README)"


def test_the_server_command_loads_no_http_client():
    # httpx is for the export and the link checker; in a server it would only cost memory (about 5 MB).
    code = "import sys, app.__main__; print('httpx' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
