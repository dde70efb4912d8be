"""Municipality overlays: content and data over the national guide, never code.

A folder with `site.yaml` (and optionally a logo) turns the guide into a
municipality's own: where a step shows a national record such as `socialtjansten`
("social services in your municipality"), the overlay's local record with the
same id is shown instead, with the local numbers and hours. Everything else an
overlay may change is a named slot the templates fill, escaped: its name, a
footer text, a list of https links, colours and a logo (decision 0006). Its
records go through the national service and source checks.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..languages import shared, written
from . import fields, load
from .model import Problem, Service
from .services import SERVICE_SCHEMA, read_service

SITE_FILE = "site.yaml"
# Numbers that cannot be mistaken for real ones; accepted only in a site marked `example: true`.
EXAMPLE_PHONE = re.compile(r"^000-000 00 0\d$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
COLOURS = {"person": "--person", "link": "--link", "guide": "--guide"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = ("name", "example", "footer", "links", "logo", "colours", "services", "organisation", "contact", "about")
# Where people report a mistake: an https address or an email address, nothing else.
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}$", re.IGNORECASE)
MAX_LINKS = 6
# A logo is shown small; anything bigger is not a logo.
MAX_LOGO_BYTES = 100 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"
# What an SVG may not hold: anything that runs, or that makes the browser fetch from elsewhere.
SVG_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "image", "feImage"}


@dataclass(frozen=True)
class Logo:
    """The logo's bytes, read and checked once at load, served from memory."""

    data: bytes
    media_type: str


@dataclass(frozen=True)
class Link:
    text: MappingProxyType
    url: str


@dataclass(frozen=True)
class Overlay:
    slug: str
    name: MappingProxyType
    footer: MappingProxyType
    links: tuple[Link, ...]
    services: MappingProxyType
    example: bool
    logo: Logo | None
    stylesheet: str
    # For the "Om Vägvisaren" page: who runs this copy, where to report a mistake, and a text of its own.
    organisation: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    contact: str = ""
    about: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def shown_on(self, theme: str | None) -> tuple[Service, ...]:
        """The local records that name a theme: shown on every step of it, after the step's own."""
        return tuple(service for service in self.services.values() if theme is not None and theme in service.themes)


def _contrast(colour: str) -> float:
    """WCAG contrast ratio of a colour against white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def read_overlay(folder: Path, national: Mapping, themes: Collection[str]) -> tuple[Overlay | None, list[Problem]]:
    """One overlay folder, or the problems that keep it from being used; `themes` are the guide's theme ids."""
    path = folder / SITE_FILE
    if not folder.is_dir():
        return None, [Problem(str(folder), 0, f"overlay {folder.name!r}: no such folder")]
    if not path.is_file():
        return None, [Problem(str(path), 0, f"overlay {folder.name!r}: missing site.yaml")]
    files = load.Files(folder)
    located = load.read_yaml(path, files)
    if located is None:
        return None, files.problems
    data = located.data if isinstance(located.data, dict) else {}
    problems = list(files.problems)
    where = str(path)
    for key in data:
        if key not in KEYS:
            problems.append(Problem(where, located.line(key), f"unknown key {key!r} (known keys: {', '.join(KEYS)})"))
    if (folder / "templates").exists():
        problems.append(
            Problem(
                str(folder / "templates"),
                0,
                "an overlay's templates are not read: fill the slots in site.yaml instead "
                "(name, footer, links, colours, logo; see sites/README.md)",
            )
        )
    if message := fields.localised(data.get("name")):
        problems.append(Problem(where, located.line("name"), f"name: {message}"))
    if "footer" in data and (message := fields.localised(data["footer"])):
        problems.append(Problem(where, located.line("footer"), f"footer: {message}"))
    for key in ("organisation", "about"):
        if key in data and (message := fields.localised(data[key])):
            problems.append(Problem(where, located.line(key), f"{key}: {message}"))
    if "contact" in data and (message := _contact_problem(data["contact"])):
        problems.append(Problem(where, located.line("contact"), f"contact: {message}"))
    if not isinstance(data.get("example", False), bool):
        problems.append(Problem(where, located.line("example"), "example: write true or leave it out"))
    example = data.get("example", False) is True
    if not SLUG.match(folder.name):
        problems.append(Problem(where, 1, f"folder name {folder.name!r} must be a slug: a–z, 0–9 and hyphens"))

    services = _services(data.get("services"), national, themes, example, located, where, problems)
    links = _links(data.get("links"), located, where, problems)
    logo = _logo(folder, data["logo"], located, where, problems) if "logo" in data else None
    variables = _colours(data.get("colours"), located, where, problems)
    if problems:
        return None, problems
    return Overlay(
        slug=folder.name,
        name=shared({lang: data["name"][lang] for lang in written()}),
        footer=_texts(data, "footer"),
        links=links,
        services=MappingProxyType(services),
        example=example,
        logo=logo,
        stylesheet=":root {\n" + "\n".join(variables) + "\n}\n",
        organisation=_texts(data, "organisation"),
        contact=data.get("contact", "").strip(),
        about=_texts(data, "about"),
    ), []


def read_overlays(folder: Path, national: Mapping, themes: Collection[str]) -> tuple[dict[str, Overlay], list[Problem]]:
    """Every overlay in a folder of overlays (one subfolder each)."""
    if not folder.is_dir():
        return {}, [Problem(str(folder), 0, "the folder of overlays (VAGVISAREN_SITES_DIR) does not exist")]
    overlays, problems = {}, []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        overlay, found = read_overlay(sub, national, themes)
        problems += found
        if overlay is not None:
            overlays[overlay.slug] = overlay
    if not overlays and not problems:
        problems.append(Problem(str(folder), 0, "no site folders with a site.yaml"))
    return overlays, problems


def _services(
    data: Any, national, themes: Collection[str], example: bool, located, where: str, problems: list[Problem]
) -> dict:
    """The local records, each through the national checks, with example numbers only in an example site.

    A record with a national record's id stands in for it. A record of the
    municipality's own (a local shelter, a local honour team) is `kind: local` and
    names the `themes` on whose steps it is shown; it is also on the helplines page.
    """
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(where, located.line("services"), "services: a set of `id:` records"))
        return {}
    known = ", ".join(themes)

    def themes_problem(value: Any) -> str | None:
        if not isinstance(value, list) or not value or not all(theme in themes for theme in value):
            return f"themes: a list of theme ids from content/themes.yaml ({known})"
        return None

    schema = {**SERVICE_SCHEMA, "phone": _example_phone if example else _real_phone, "themes": themes_problem}
    services = {}
    for service_id, record in (data or {}).items():
        key = ("services", service_id)
        own = service_id not in national
        if own and not (isinstance(service_id, str) and SLUG.match(service_id)):
            problems.append(
                Problem(where, located.line(*key), f"service {service_id!r}: an id is a slug: a–z, 0–9 and hyphens")
            )
            continue
        service, found = read_service(str(service_id), record, located, key, where, schema)
        if own and isinstance(record, dict):
            if record.get("kind") != "local":
                found.append(
                    Problem(
                        where,
                        located.line(*key),
                        f"service {service_id!r}: no national record of that id, so it is your own: "
                        "write `kind: local` (or use a national id to stand in for that record)",
                    )
                )
            if "themes" not in record:
                found.append(
                    Problem(
                        where,
                        located.line(*key),
                        f"service {service_id!r}: no national record of that id; name the `themes:` "
                        f"whose steps show it ({known})",
                    )
                )
        problems += found
        if service is not None and not found:
            services[service_id] = replace(service, themes=tuple(record.get("themes", ())))
    return services


def _links(data: Any, located, where: str, problems: list[Problem]) -> tuple[Link, ...]:
    """The footer's links: each a text in every language and an https address."""
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > MAX_LINKS:
        problems.append(Problem(where, located.line("links"), f"links: a list of at most {MAX_LINKS} links"))
        return ()
    links = []
    for index, item in enumerate(data):
        checks: dict[str, fields.Check] = {"text": fields.localised, "url": fields.https}
        found = fields.check_mapping(item, checks, ("text", "url"), located, ("links", index), where, "a link")
        problems += found
        if not found:
            links.append(Link(_texts(item, "text"), item["url"]))
    return tuple(links)


def _logo(folder: Path, name: Any, located, where: str, problems: list[Problem]) -> Logo | None:
    """The logo's bytes: a regular file right in the folder (no link elsewhere), a PNG or a script-free SVG."""
    line = located.line("logo")
    file = folder / str(name)
    if (
        not isinstance(name, str)
        or "/" in name
        or "\\" in name
        or name.startswith(".")
        or file.is_symlink()
        or not file.is_file()
        or file.resolve().parent != folder.resolve()
    ):
        problems.append(Problem(where, line, "logo: the name of an .svg or .png file in this folder (not a link)"))
        return None
    data = file.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        problems.append(Problem(where, line, f"logo: larger than {MAX_LOGO_BYTES // 1024} KB"))
        return None
    media_type = {".png": "image/png", ".svg": "image/svg+xml"}.get(file.suffix)
    message: str | None
    if media_type is None:
        message = "an .svg or .png file"
    elif file.suffix == ".png":
        message = None if data.startswith(PNG_SIGNATURE) else "not a PNG image"
    else:
        message = _svg_problem(data)
    if message is not None or media_type is None:
        problems.append(Problem(where, line, f"logo: {message}"))
        return None
    return Logo(data, media_type)


def _svg_problem(data: bytes) -> str | None:
    """Why an SVG cannot be the logo: a script, an event handler, or a reference outside itself."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "an SVG must be UTF-8 text"
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return "an SVG logo may not have a DOCTYPE or entities"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return f"not a valid SVG ({error})"
    if root.tag != SVG + "svg":
        return "not an SVG: the first element must be <svg xmlns='http://www.w3.org/2000/svg'>"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in SVG_FORBIDDEN_TAGS or not element.tag.startswith(SVG):
            return f"an SVG logo may not hold <{tag}>"
        if tag == "style" and ("url(" in (element.text or "") or "@import" in (element.text or "")):
            return "an SVG logo's style may not load anything"
        for attribute, value in element.attrib.items():
            name = attribute.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                return f"an SVG logo may not have the event handler {name!r}"
            if name == "href" and not value.startswith("#"):
                return 'an SVG logo may link only inside itself (href="#…")'
            if "url(" in value and not re.fullmatch(r"url\(#[\w-]+\)", value.strip()):
                return "an SVG logo may refer only inside itself (url(#…))"
    return None


def _colours(data: Any, located, where: str, problems: list[Problem]) -> list[str]:
    variables = []
    for name, colour in (data or {}).items():
        if name not in COLOURS or not isinstance(colour, str) or not COLOUR.match(colour):
            problems.append(Problem(where, located.line("colours", name), f"colours: {name}: write #rrggbb"))
        elif _contrast(colour) < 4.5:
            problems.append(
                Problem(where, located.line("colours", name), f"colours: {name} {colour} is too light on white")
            )
        else:
            variables.append(f"  {COLOURS[name]}: {colour};")
    return variables


def _contact_problem(value: Any) -> str | None:
    """A contact is an https address or an email address: something a visitor can use as it is."""
    text = value.strip() if isinstance(value, str) else ""
    if (text.startswith("https://") and not any(c.isspace() for c in text)) or EMAIL.match(text):
        return None
    return "write an https:// address or an email address"


def _real_phone(value) -> str | None:
    if isinstance(value, str) and EXAMPLE_PHONE.match(value):
        return "example numbers only in an example site"
    return fields.phone_problem(value)


def _example_phone(value) -> str | None:
    if not isinstance(value, str) or not EXAMPLE_PHONE.match(value):
        return "an example site uses only example numbers: 000-000 00 00 to 000-000 00 09"
    return None


def _texts(record: dict, key: str) -> MappingProxyType:
    return shared({lang: text.strip() for lang, text in (record.get(key) or {}).items()})
