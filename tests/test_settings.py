"""Settings come from the environment, and every one is documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import Settings, SettingsError, documented

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


def test_each_value_is_cast_by_its_field_type():
    settings = Settings.from_env(
        {
            "VAGVISAREN_SITE": "sites/exempelkommun",
            "VAGVISAREN_EMBED_ORIGINS": "https://www.exempel.se  https://b.example:8443",
            "VAGVISAREN_ALLOWED_HOSTS": "vagvisaren.exempel.se *.exempel.se",
        }
    )
    assert settings.site == Path("sites/exempelkommun")
    assert settings.embed_origins == ("https://www.exempel.se", "https://b.example:8443")
    assert settings.allowed_hosts == ("vagvisaren.exempel.se", "*.exempel.se")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("VAGVISAREN_EXIT_URL", "www.smhi.se", "not an absolute https:// address"),
        ("VAGVISAREN_EXIT_URL", "http://www.smhi.se/", "not an absolute https:// address"),
        ("VAGVISAREN_EMBED_ORIGINS", "https://a.example,https://b.example", "spaces, not commas"),
        ("VAGVISAREN_CORS_ORIGINS", "https://a.example, https://b.example", "spaces, not commas"),
        ("VAGVISAREN_EMBED_ORIGINS", "https://a.example; script-src *", "is not an origin"),
        ("VAGVISAREN_EMBED_ORIGINS", "www.exempel.se", "Write https://www.exempel.se"),
        ("VAGVISAREN_EMBED_ORIGINS", "https://www.exempel.se/", "no / at the end"),
        ("VAGVISAREN_EMBED_ORIGINS", "http://www.exempel.se", "is not an origin"),
        ("VAGVISAREN_CORS_ORIGINS", "*", "is not an origin"),
        ("VAGVISAREN_PUBLIC_URL", "http://localhost:8000", "is not an origin"),
        ("VAGVISAREN_PUBLIC_URL", "https://vagvisaren.exempel.se/sv", "is not an origin"),
        ("VAGVISAREN_ALLOWED_HOSTS", "exempel.se:443", "is not a host name"),
    ],
)
def test_a_wrong_setting_refuses_to_start_and_says_what_to_write(name, value, message):
    with pytest.raises(SettingsError, match=name) as refused:
        Settings.from_env({name: value})
    assert message in str(refused.value)


def test_local_origins_may_be_http_for_trying_it_out():
    settings = Settings.from_env({"VAGVISAREN_EMBED_ORIGINS": "http://127.0.0.1:8001 http://localhost:3000"})
    assert settings.embed_origins == ("http://127.0.0.1:8001", "http://localhost:3000")


def test_the_exit_may_lead_to_a_page_on_this_machine_over_http_for_trying_it_out():
    settings = Settings.from_env({"VAGVISAREN_EXIT_URL": "http://127.0.0.1:8765/"})
    assert settings.exit_url == "http://127.0.0.1:8765/"
    with pytest.raises(SettingsError, match="not an absolute https"):
        Settings.from_env({"VAGVISAREN_EXIT_URL": "http://127.0.0.2/"})
