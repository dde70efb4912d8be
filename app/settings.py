"""Every setting of the service, read from `VAGVISAREN_*` environment variables.

Each field's docstring is the documentation; the README lists them all, and a
test fails if one is missing there. A value is cast by its field's type (a path,
a list of words, text) and checked before anything starts: a wrong setting
refuses to start with a message that says what to write, since a quick exit that
does not leave or an origin a browser ignores fails silently in front of a person.
"""

from __future__ import annotations

import os
import re
import types
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

PREFIX = "VAGVISAREN_"
ROOT = Path(__file__).resolve().parent.parent
# scheme://host[:port] and nothing else; http only for the machine itself (trying it locally).
ORIGIN = re.compile(
    r"^(?:https://(?P<host>[a-z0-9.-]+)|http://(?P<local>localhost|127\.0\.0\.1|\[::1\]))(?::\d{1,5})?$"
)
HOST = re.compile(r"^(?:\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)$")
STATS_TOKEN_MIN = 24
ORIGIN_EXAMPLE = "https://www.exempel.se (scheme, host and, if needed, :port; no path, no / at the end)"


class SettingsError(ValueError):
    """A setting the service cannot run with; the message names it and says what to write."""


@dataclass(frozen=True)
class Settings:
    content_dir: Path = field(
        default=ROOT / "content",
        metadata={"doc": "Folder with the content: sv/, en/, services/ and themes.yaml."},
    )
    exit_url: str = field(
        default="https://www.smhi.se/",
        metadata={
            "doc": "Where the quick exit leads: a neutral site that does not depend on who visits it. "
            "An absolute https:// address (http:// only to this machine, for trying it locally)."
        },
    )
    public_url: str = field(
        default="",
        metadata={
            "doc": "The service's own public origin (https://vagvisaren.exempel.se), used for every address the "
            "guide prints whole: the print page's address to come back to, the embed snippet. Unset: those "
            "addresses are relative; nothing is ever taken from a request's Host header."
        },
    )
    allowed_hosts: tuple[str, ...] = field(
        default=("*",),
        metadata={
            "doc": "Host names (space-separated; *.exempel.se for subdomains) the service answers to; any other "
            "Host header gets a 400 page. Default * (any), for local use: set it in production."
        },
    )
    contact: str = field(
        default="",
        metadata={
            "doc": "Where people report an accessibility problem or a mistake to the organisation that runs the "
            "service: an email address or a web address, shown on the accessibility statement and on Om Vägvisaren "
            "(where an overlay's own contact comes first). Unset: those pages say none has been given yet."
        },
    )
    cors_origins: tuple[str, ...] = field(
        default=(),
        metadata={"doc": "Origins (space-separated) whose pages may call the JSON API from a browser. Unset: none."},
    )
    embed_origins: tuple[str, ...] = field(
        default=(),
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
    stats: Path | None = field(
        default=None,
        metadata={
            "doc": "A SQLite file for the follow-up figures: per day, how often each step was shown and where "
            "free-text answers went, nothing else (decision 0008). Unset: nothing is counted."
        },
    )
    stats_token: str = field(
        default="",
        metadata={
            "doc": f"The token that opens the figures page /_stats (at least {STATS_TOKEN_MIN} characters; "
            "make one with `python -c 'import secrets; print(secrets.token_urlsafe())'`). "
            "Unset: the page does not exist."
        },
    )
    snapshot_dir: Path | None = field(
        default=None,
        metadata={
            "doc": "A folder where the checked content is kept between starts, so that a start with the same content "
            "and code takes a few hundredths of a second instead of about one (app/content/snapshot.py). It must be "
            "owned by the service's user (or root) and writable by nobody else, or it is not used. Unset: the "
            "content is read at every start."
        },
    )
    static_dir: Path = field(
        default=ROOT / "static",
        metadata={"doc": "Folder with the stylesheet and other static files served under /static/."},
    )

    def __post_init__(self) -> None:
        _absolute_https("VAGVISAREN_EXIT_URL", self.exit_url)
        if self.public_url:
            _origins("VAGVISAREN_PUBLIC_URL", (self.public_url,), https_only=True)
        _origins("VAGVISAREN_CORS_ORIGINS", self.cors_origins)
        _origins("VAGVISAREN_EMBED_ORIGINS", self.embed_origins)
        if self.stats_token and (len(self.stats_token) < STATS_TOKEN_MIN or not self.stats_token.isprintable()):
            raise SettingsError(
                f"VAGVISAREN_STATS_TOKEN: at least {STATS_TOKEN_MIN} characters, or anyone could guess it. "
                "Make one with: python -c 'import secrets; print(secrets.token_urlsafe())'"
            )
        if self.stats_token and self.stats is None:
            raise SettingsError("VAGVISAREN_STATS_TOKEN is set but VAGVISAREN_STATS is not: name the figures file")
        for host in self.allowed_hosts:
            if not HOST.match(host):
                raise SettingsError(
                    f"VAGVISAREN_ALLOWED_HOSTS: {host!r} is not a host name. "
                    "Write host names separated by spaces: vagvisaren.exempel.se *.exempel.se"
                )

    @classmethod
    def from_env(cls, environ: typing.Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        types_ = typing.get_type_hints(cls)
        values: dict[str, typing.Any] = {}
        for item in fields(cls):
            name = PREFIX + item.name.upper()
            if name in environ:
                values[item.name] = _cast(name, types_[item.name], environ[name])
        return cls(**values)


def _cast(name: str, kind: object, text: str) -> object:
    """The value of a setting as its field's type says: a path, a tuple of words, or the text."""
    if isinstance(kind, types.UnionType):  # Path | None: set means a path
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    if kind is Path:
        return Path(text)
    if typing.get_origin(kind) is tuple:
        if "," in text:
            raise SettingsError(
                f"{name}: separate the values with spaces, not commas ({text!r}); "
                "with a comma, browsers take only the first"
            )
        return tuple(text.split())
    return text


LOOPBACK = ("localhost", "127.0.0.1", "::1")


def _absolute_https(name: str, url: str) -> None:
    """https://, or http:// to the machine itself (trying it locally, and the browser tests' neutral page)."""
    parts = urlsplit(url)
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)
    if not secure or not parts.hostname or any(c.isspace() for c in url):
        raise SettingsError(f"{name}: {url!r} is not an absolute https:// address. Write, say, https://www.smhi.se/")


def _origins(name: str, origins: tuple[str, ...], https_only: bool = False) -> None:
    for origin in origins:
        match = ORIGIN.match(origin)
        if match is None or (https_only and match["local"]):
            raise SettingsError(f"{name}: {origin!r} is not an origin. Write {ORIGIN_EXAMPLE}")


def documented() -> dict[str, tuple[str, str]]:
    """Every environment variable with its default and its documentation."""
    return {PREFIX + item.name.upper(): (str(item.default), item.metadata["doc"]) for item in fields(Settings)}
