"""The JSON API: the same dialogue as data, for other channels (a chat widget, an SMS service).

Read-only views of the loaded guide, plus `ask`, which runs the same danger check
and matching as the web form. The text sent to `ask` is never logged or stored.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..content.model import EMERGENCY_SERVICE, Service, Step
from ..engine import Engine
from ..search import MAX_LENGTH
from ..urls import API, Urls
from .forms import MAX_BODY_BYTES, read_body
from .runtime import runtime


class SourceOut(BaseModel):
    title: str
    url: str
    checked: dt.date


class NodeSummary(BaseModel):
    id: str
    kind: str
    title: str


class OptionOut(BaseModel):
    text: str = Field(description="The words the person chooses.")
    target: str = Field(description="The id of the step the option leads to.")


class Node(BaseModel):
    id: str
    kind: str
    title: str
    theme: str | None
    text_markdown: str
    text_html: str
    options: list[OptionOut]
    services: list[str] = Field(description="Ids of services, see /api/v1/{lang}/services.")
    sources: list[SourceOut]
    reviewed: dt.date | None
    url: str = Field(description="The step's web page.")


class ServiceOut(BaseModel):
    id: str
    kind: str
    name: str
    about: str
    phone: str | None
    tel: str | None
    hours: str | None
    cost: str | None
    anonymous: bool | None
    languages: str | None
    notes: str | None
    url: str | None
    sources: list[SourceOut]


class Question(BaseModel):
    q: str = Field(min_length=1, description=f"What the person wrote; only the first {MAX_LENGTH} characters are read.")


class MatchOut(BaseModel):
    id: str
    title: str
    confidence: float


class AskOut(BaseModel):
    danger: bool = Field(description="True when the text says the person may be in danger now: show 112 first.")
    suicide: bool = Field(description="True when the text speaks of thoughts of suicide.")
    unsure: bool = Field(
        description="True when the text is about violence but does not say whether it is happening now: "
        "ask 'Are you in danger right now? Call 112.' without the full alarm."
    )
    emergency_number: str
    best: str | None = Field(description="The id of the step that fits well enough to offer, if any.")
    matches: list[MatchOut]
    truncated: bool


class ErrorOut(BaseModel):
    status: int
    message: str


ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}, 414: {"model": ErrorOut}}


def _sources(found) -> list[SourceOut]:
    return [SourceOut(title=s.title, url=s.url, checked=s.checked) for s in found]


def _node(step: Step) -> Node:
    return Node(
        id=step.id,
        kind=step.kind,
        title=step.title,
        theme=step.theme,
        text_markdown=step.body_markdown,
        text_html=step.body_html,
        options=[OptionOut(text=o.text, target=o.target) for o in step.options],
        services=list(step.services),
        sources=_sources(step.sources),
        reviewed=step.reviewed,
        url=Urls().step(step.lang, step.id),
    )


def _service(service: Service, lang: str) -> ServiceOut:
    def text(name: str) -> str | None:
        return service.text(name, lang) or None

    return ServiceOut(
        id=service.id,
        kind=service.kind,
        name=service.text("name", lang),
        about=service.text("about", lang),
        phone=service.phone,
        tel=service.tel,
        hours=text("hours"),
        cost=text("cost"),
        anonymous=service.anonymous,
        languages=text("languages"),
        notes=text("notes"),
        url=service.url,
        sources=_sources(service.sources),
    )


# Errors under this prefix are JSON; anything else is a page, since "/api/…" may be a page route's language.
API_PREFIX = f"/{API}/v1/"
router = APIRouter(prefix=API_PREFIX.rstrip("/"), tags=["api"])


@router.get("/{lang}/nodes", response_model=list[NodeSummary], responses=ERRORS)
async def nodes(request: Request, lang: str) -> list[NodeSummary]:
    """Every step of the guide in one language."""
    tree = runtime(request).guide.tree(Engine.language(lang))
    return [NodeSummary(id=s.id, kind=s.kind, title=s.title) for s in tree.steps.values()]


@router.get("/{lang}/nodes/{node_id}", response_model=Node, responses=ERRORS)
async def node(request: Request, lang: str, node_id: str) -> Node:
    """One step: its text as Markdown and HTML, options, services, sources and review date."""
    step = runtime(request).guide.tree(Engine.language(lang)).steps.get(node_id)
    if step is None:
        raise HTTPException(404)
    return _node(step)


@router.get("/{lang}/services", response_model=list[ServiceOut], responses=ERRORS)
async def services(request: Request, lang: str) -> list[ServiceOut]:
    """Every helpline and agency, with numbers, hours and sources, in one language."""
    guide = runtime(request).guide
    return [_service(s, Engine.language(lang)) for s in guide.services.values()]


@router.post(
    "/{lang}/ask",
    response_model=AskOut,
    responses={**ERRORS, 400: {"model": ErrorOut}, 413: {"model": ErrorOut}, 415: {"model": ErrorOut}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": Question.model_json_schema()}},
        }
    },
)
async def ask(request: Request, lang: str) -> AskOut:
    """The same danger check and matching as the web form. The text is never logged or stored."""
    Engine.language(lang)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HTTPException(415)
    try:
        data = json.loads(await read_body(request, MAX_BODY_BYTES))
        text = Question.model_validate(data).q
    except (ValueError, RecursionError):  # RecursionError: a few KB of [[[[…]]]] nest too deep for the parser
        raise HTTPException(400) from None
    current = runtime(request)
    site = current.site
    reply = site.engine.ask(lang, text)
    found = reply.answer
    # Counted like the form's answers (decision 0008): the first step and the danger flag, nothing more.
    current.observer.answered(lang, found.best.step.id if found.best else None, found.danger)
    return AskOut(
        danger=found.danger,
        suicide=found.suicide,
        unsure=found.unsure,
        emergency_number=site.guide.services[EMERGENCY_SERVICE].phone,
        best=found.best.step.id if found.best else None,
        matches=[MatchOut(id=m.step.id, title=m.step.title, confidence=m.confidence) for m in found.matches],
        truncated=reply.cut,
    )
