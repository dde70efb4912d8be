"""Municipality overlays: local contacts, a name, colours and templates over the national guide.

A folder with `site.yaml` (and optionally `templates/` and a logo) turns the guide
into a municipality's own: where a step shows a national record such as
`socialtjansten` ("social services in your municipality"), the overlay's local
record with the same id is shown instead, with the local numbers and hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .content import load
from .content.model import LANGUAGES, Problem, Service

SITE_FILE = "site.yaml"
# Numbers that cannot be mistaken for real ones; accepted only in a site marked `example: true`.
EXAMPLE_PHONE = re.compile(r"^000-000 00 0\d$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
COLOURS = {"person": "--person", "link": "--link", "guide": "--guide"}
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Overlay:
    slug: str
    name: MappingProxyType
    services: MappingProxyType
    example: bool
    logo: Path | None
    stylesheet: str
    templates: Path | None


def _contrast(colour: str) -> float:
    """WCAG contrast ratio of a colour against white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def read_overlay(folder: Path, national: MappingProxyType) -> tuple[Overlay | None, list[Problem]]:
    """One overlay folder, or the problems that keep it from being used."""
    path = folder / SITE_FILE
    files = load.Files(folder)
    if not path.is_file():
        return None, [Problem(str(path), 0, "missing site.yaml")]
    located = load.read_yaml(path, files)
    if located is None:
        return None, files.problems
    data = located.data if isinstance(located.data, dict) else {}
    problems = list(files.problems)
    known = {"name", "example", "logo", "colours", "services"}
    for key in data:
        if key not in known:
            problems.append(
                Problem(str(path), located.line(key), f"unknown key {key!r} (known keys: {', '.join(known)})")
            )
    if message := load.localised(data.get("name")):
        problems.append(Problem(str(path), located.line("name"), f"name: {message}"))
    example = data.get("example", False) is True
    if not SLUG.match(folder.name):
        problems.append(Problem(str(path), 1, f"folder name {folder.name!r} must be a slug: a–z, 0–9 and hyphens"))

    services = {}
    for service_id, record in (data.get("services") or {}).items():
        key = ("services", service_id)
        if service_id not in national:
            problems.append(
                Problem(str(path), located.line(*key), f"service {service_id!r}: no national record of that id")
            )
            continue
        checks = dict(load.SERVICE_SCHEMA)
        checks["phone"] = _example_phone if example else load.phone_problem
        found = load.check_mapping(record, checks, load.SERVICE_REQUIRED, located, key, str(path), "a service")
        phone = record.get("phone") if isinstance(record, dict) else None
        if not example and isinstance(phone, str) and EXAMPLE_PHONE.match(phone):
            found.append(Problem(str(path), located.line(*key, "phone"), "example numbers only in an example site"))
        problems += found
        if not found:
            services[service_id] = Service(
                id=service_id,
                kind=record["kind"],
                name=_texts(record, "name"),
                about=_texts(record, "about"),
                phone=record.get("phone"),
                hours=_texts(record, "hours"),
                cost=_texts(record, "cost"),
                anonymous=record.get("anonymous"),
                languages=_texts(record, "languages"),
                notes=_texts(record, "notes"),
                url=record.get("url"),
                sources=tuple(load.Source(s["title"], s["url"], s["checked"]) for s in record["sources"]),
                path=str(path),
            )

    logo = None
    if "logo" in data:
        logo = folder / str(data["logo"])
        if logo.suffix not in LOGO_TYPES or not logo.is_file() or logo.parent != folder:
            problems.append(Problem(str(path), located.line("logo"), "logo: an .svg or .png file in this folder"))
    variables = []
    for name, colour in (data.get("colours") or {}).items():
        if name not in COLOURS or not isinstance(colour, str) or not COLOUR.match(colour):
            problems.append(Problem(str(path), located.line("colours", name), f"colours: {name}: write #rrggbb"))
        elif _contrast(colour) < 4.5:
            problems.append(
                Problem(str(path), located.line("colours", name), f"colours: {name} {colour} is too light on white")
            )
        else:
            variables.append(f"  {COLOURS[name]}: {colour};")
    if problems:
        return None, problems
    templates = folder / "templates"
    return Overlay(
        slug=folder.name,
        name=MappingProxyType({lang: data["name"][lang] for lang in LANGUAGES}),
        services=MappingProxyType(services),
        example=example,
        logo=logo,
        stylesheet=":root {\n" + "\n".join(variables) + "\n}\n",
        templates=templates if templates.is_dir() else None,
    ), []


def read_overlays(folder: Path, national: MappingProxyType) -> tuple[dict[str, Overlay], list[Problem]]:
    """Every overlay in a folder of overlays (one subfolder each)."""
    overlays, problems = {}, []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        overlay, found = read_overlay(sub, national)
        problems += found
        if overlay is not None:
            overlays[overlay.slug] = overlay
    if not overlays and not problems:
        problems.append(Problem(str(folder), 0, "no site folders with a site.yaml"))
    return overlays, problems


def _example_phone(value) -> str | None:
    if not isinstance(value, str) or not EXAMPLE_PHONE.match(value):
        return "an example site uses only example numbers: 000-000 00 00 to 000-000 00 09"
    return None


def _texts(record: dict, key: str) -> MappingProxyType:
    return MappingProxyType({lang: text.strip() for lang, text in (record.get(key) or {}).items()})
