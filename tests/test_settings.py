"""Settings come from the environment, and every one is documented in the README."""

from __future__ import annotations

from pathlib import Path

from app.settings import Settings, documented

README = Path(__file__).parent.parent / "README.md"


def test_every_setting_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for name in documented():
        assert f"`{name}`" in readme, f"{name} is not documented in README.md"


def test_settings_are_read_from_the_environment():
    settings = Settings.from_env({"VAGVISAREN_EXIT_URL": "https://example.org/", "VAGVISAREN_CONTENT_DIR": "/tmp/c"})
    assert settings.exit_url == "https://example.org/"
    assert settings.content_dir == Path("/tmp/c")


def test_defaults_without_environment():
    settings = Settings.from_env({})
    assert settings.exit_url.startswith("https://")
    assert (settings.content_dir / "sv").is_dir()
