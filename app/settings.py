"""Every setting of the service, read from `VAGVISAREN_*` environment variables.

Each field's docstring is the documentation; the README lists them all, and a
test fails if one is missing there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

PREFIX = "VAGVISAREN_"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    content_dir: Path = field(
        default=ROOT / "content",
        metadata={"doc": "Folder with the content: sv/, en/, services/ and themes.yaml."},
    )
    exit_url: str = field(
        default="https://www.smhi.se/",
        metadata={"doc": "Where the quick exit leads: a neutral site that does not depend on who visits it."},
    )
    contact: str = field(
        default="",
        metadata={
            "doc": "Where people report an accessibility problem to the organisation that runs the service: "
            "an email address or a web address. Unset: the accessibility statement says none has been given yet."
        },
    )
    cors_origins: str = field(
        default="",
        metadata={"doc": "Origins (space-separated) whose pages may call the JSON API from a browser. Unset: none."},
    )
    embed_origins: str = field(
        default="",
        metadata={
            "doc": "Origins (space-separated) allowed to show /embed/ pages in a frame. Unset: embedding is refused."
        },
    )
    site: Path | None = field(
        default=None,
        metadata={"doc": "Folder of one municipality's overlay (site.yaml): its name, local contacts and colours."},
    )
    sites_dir: Path | None = field(
        default=None,
        metadata={"doc": "Folder of several overlays, one subfolder each, served under /k/{slug}/."},
    )
    static_dir: Path = field(
        default=ROOT / "static",
        metadata={"doc": "Folder with the stylesheet and other static files served under /static/."},
    )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        values = {}
        for item in fields(cls):
            name = PREFIX + item.name.upper()
            if name in environ:
                values[item.name] = Path(environ[name]) if "Path" in item.type else environ[name]
        return cls(**values)


def documented() -> dict[str, tuple[str, str]]:
    """Every environment variable with its default and its documentation."""
    return {PREFIX + item.name.upper(): (str(item.default), item.metadata["doc"]) for item in fields(Settings)}
