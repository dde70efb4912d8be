"""The checked content kept on disk between starts: used only when content and code are the same, and safe."""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path

import pytest

from app.content import snapshot, validate
from app.content.validate import load_guide


@pytest.fixture
def snapshots(tmp_path: Path) -> Path:
    folder = tmp_path / "snapshot"
    folder.mkdir(mode=0o755)
    return folder


@pytest.fixture(autouse=True)
def _no_kept_load():
    """Each load here starts as a new process does: without the last load kept in memory."""
    validate._last.clear()
    yield
    validate._last.clear()


def _reading_forbidden(monkeypatch) -> None:
    def read(*_args, **_kwargs):
        raise AssertionError("the files were read")

    monkeypatch.setattr(validate, "_load", read)


def test_a_start_with_the_same_content_loads_the_snapshot_instead_of_the_files(minimal, snapshots, monkeypatch):
    first = load_guide(minimal, snapshots=snapshots)
    assert first.guide is not None and len(list(snapshots.glob("guide-*.pickle"))) == 1
    validate._last.clear()
    _reading_forbidden(monkeypatch)
    again = load_guide(minimal, snapshots=snapshots)
    assert again is not first
    assert again.guide.tree("sv").steps.keys() == first.guide.tree("sv").steps.keys()
    assert again.guide.tree("en").steps["start"] == first.guide.tree("en").steps["start"]
    assert again.problems == first.problems and dict(again.readability) == dict(first.readability)


def test_a_changed_byte_or_changed_code_reads_the_files_again_and_keeps_one_snapshot(minimal, snapshots, monkeypatch):
    load_guide(minimal, snapshots=snapshots)
    (before,) = snapshots.glob("guide-*.pickle")
    step = minimal / "sv" / "start.md"
    step.write_text(step.read_text(encoding="utf-8").replace("\n---\n", "\nsynonyms: [en ny synonym]\n---\n", 1))
    validate._last.clear()
    changed = load_guide(minimal, snapshots=snapshots)
    assert "en ny synonym" in changed.guide.tree("sv").steps["start"].synonyms
    (after,) = snapshots.glob("guide-*.pickle")
    assert after != before
    monkeypatch.setattr(snapshot, "code_version", lambda: "another version of the app")
    validate._last.clear()
    load_guide(minimal, snapshots=snapshots)
    (newest,) = snapshots.glob("guide-*.pickle")
    assert newest not in (before, after)


def test_content_with_problems_is_not_kept(minimal, snapshots):
    (minimal / "sv" / "start.md").write_text("not a step", encoding="utf-8")
    assert load_guide(minimal, snapshots=snapshots).guide is None
    assert not list(snapshots.iterdir())


def test_a_folder_others_may_write_to_is_not_trusted(minimal, snapshots, monkeypatch):
    load_guide(minimal, snapshots=snapshots)
    snapshots.chmod(0o777)
    validate._last.clear()
    read = []
    real = validate._load
    monkeypatch.setattr(validate, "_load", lambda *args: read.append(1) or real(*args))
    assert load_guide(minimal, snapshots=snapshots).guide is not None
    assert read == [1]


def test_a_broken_snapshot_is_read_past_and_replaced(minimal, snapshots):
    load_guide(minimal, snapshots=snapshots)
    (kept,) = snapshots.glob("guide-*.pickle")
    kept.write_bytes(b"not a pickle")
    validate._last.clear()
    assert load_guide(minimal, snapshots=snapshots).guide is not None
    assert pickle.loads(kept.read_bytes()).guide is not None


def test_a_folder_that_cannot_be_written_or_does_not_exist_stops_nothing(minimal, snapshots, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full_disk)
    assert load_guide(minimal, snapshots=snapshots).guide is not None
    assert not list(snapshots.iterdir())
    validate._last.clear()
    assert load_guide(minimal, snapshots=snapshots / "missing").guide is not None


async def test_the_service_starts_from_a_snapshot(minimal, snapshots, monkeypatch):
    from tests.conftest import client_for

    load_guide(minimal, snapshots=snapshots)
    validate._last.clear()
    _reading_forbidden(monkeypatch)
    async with client_for(minimal, snapshot_dir=snapshots) as client:
        page = await client.get("/sv/start")
    assert page.status_code == 200 and 'class="exit"' in page.text


def test_the_same_files_in_another_folder_are_read_there(minimal, snapshots, tmp_path):
    # The guide holds its files' paths, shown in problems and on the translations page: never another folder's.
    import shutil

    load_guide(minimal, snapshots=snapshots)
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(minimal, elsewhere)
    validate._last.clear()
    moved = load_guide(elsewhere, snapshots=snapshots)
    assert str(elsewhere) in moved.guide.tree("sv").steps["start"].path
