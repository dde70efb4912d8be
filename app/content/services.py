"""Helplines and agencies: the records in `services/`, and an overlay's local ones, checked alike.

A service is shared by the steps that name it, so its number, hours and sources are
said once (decision 0002). A municipality's overlay reads its own records with the
same function and a schema of its own (`overlay.py`), so a local record meets the
national checks.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from ..languages import shared
from . import fields
from .channels import read_channels
from .contacts import read_contacts
from .model import Contact, Problem, Service
from .yamlfile import Located

SERVICE_KINDS = ("emergency", "police", "helpline", "agency", "local")
SERVICE_SCHEMA: dict[str, fields.Check] = {
    "name": fields.localised,
    "kind": lambda v: None if v in SERVICE_KINDS else f"kind must be one of {', '.join(SERVICE_KINDS)}",
    "about": fields.localised,
    "phone": fields.phone_problem,
    "hours": fields.localised,
    "cost": fields.localised,
    "anonymous": fields.flag,
    "languages": fields.localised,
    "notes": fields.localised,
    "url": fields.https,
    "sources": lambda v: None if isinstance(v, list) and v else "must be a list of sources",
    "channels": lambda v: None,  # checked item by item in channels.py
    "contacts": lambda v: None,  # checked item by item in contacts.py
}
SERVICE_REQUIRED = ("name", "kind", "about", "sources")


def read_service(
    service_id: str,
    data: Any,
    located: Located,
    key: tuple[str | int, ...],
    path: str,
    schema: dict[str, fields.Check] = SERVICE_SCHEMA,
) -> tuple[Service | None, list[Problem]]:
    """One service record, checked field by field and source by source (national, or an overlay's at `key`)."""
    problems = fields.check_mapping(data, schema, SERVICE_REQUIRED, located, key, path, "a service")
    problems += fields.marked_languages(data, schema, located, key, path)
    sources = fields.sources(data.get("sources") if isinstance(data, dict) else None, located, path, problems, key)
    channels = (
        read_channels(data["channels"], located, path, problems)
        if isinstance(data, dict) and "channels" in data
        else ()
    )
    contacts: tuple[Contact, ...] = ()
    if isinstance(data, dict) and "contacts" in data:
        contacts, found = read_contacts(data["contacts"], located, key, path, schema.get("phone", fields.phone_problem))
        problems += found
    if problems:
        return None, problems

    def localised(name: str) -> MappingProxyType:
        return shared({lang: text.strip() for lang, text in data.get(name, {}).items()})

    return Service(
        id=service_id,
        kind=data["kind"],
        name=localised("name"),
        about=localised("about"),
        phone=data.get("phone"),
        hours=localised("hours"),
        cost=localised("cost"),
        anonymous=data.get("anonymous"),
        languages=localised("languages"),
        notes=localised("notes"),
        url=data.get("url"),
        sources=sources,
        path=path,
        channels=channels,
        contacts=contacts,
    ), problems
