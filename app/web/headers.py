"""What every request and response goes through, in one place: headers, errors, HEAD, the address limit."""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# (path, status) -> (content type, body): the calm page, or the API's JSON, for an error.
ErrorBody = Callable[[str, int], tuple[bytes, bytes]]
log = logging.getLogger("vagvisaren")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action {form_action}; base-uri 'none'; frame-ancestors {frame_ancestors}"
)
EMBED_PATH = re.compile(r"^(?:/k/[^/]+)?/embed/")
# Our longest real address is under 100 bytes; anything near this is not a person's click.
MAX_URL_BYTES = 2048
HEADERS = (
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
REPLACED = {name for name, _ in HEADERS} | {b"server", b"content-security-policy"}
# Sent by the front where TLS ends, not by the service (deploy/nginx.conf, a static export's nginx.conf).
TRANSPORT_SECURITY = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


def policies(embed_origins: tuple[str, ...], form_origins: tuple[str, ...] = ()) -> tuple[bytes, bytes]:
    """The Content-Security-Policy of every page, and of /embed/ pages (framed by `embed_origins` only).

    Forms post to this site, and to `form_origins` (a static export's `--ask-url`).
    """
    form_action = " ".join(("'self'", *form_origins))
    ancestors = " ".join(embed_origins) or "'none'"  # checked origins: see settings.py
    page = CONTENT_SECURITY_POLICY.format(form_action=form_action, frame_ancestors="'none'")
    embed = CONTENT_SECURITY_POLICY.format(form_action=form_action, frame_ancestors=ancestors)
    return page.encode(), embed.encode()


def accepts_gzip(accept_encoding: bytes) -> bool:
    """Whether an Accept-Encoding header allows gzip: named (or `*`) with a quality above 0."""
    allowed = {}
    for part in accept_encoding.decode("latin-1").lower().split(","):
        coding, _, params = part.strip().partition(";")
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        allowed[coding.strip()] = quality
    return allowed.get("gzip", allowed.get("x-gzip", allowed.get("*", 0.0))) > 0


class SecurityHeaders:
    """Adds the headers to every response and drops any `server` header.

    `cache-control: no-store` keeps pages out of the browser's disk cache, so a
    person who shares a device leaves fewer traces. Only /embed/ pages may be
    framed, and only by the origins the operator allows.
    """

    def __init__(self, app: ASGIApp, embed_origins: tuple[str, ...] = ()) -> None:
        self.app = app
        self.policy, self.embed_policy = policies(embed_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        policy = self.embed_policy if EMBED_PATH.match(scope["path"]) else self.policy

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = [(k, v) for k, v in message.get("headers", []) if k.lower() not in REPLACED]
                message["headers"] = [*own, (b"content-security-policy", policy), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """Answers HEAD for every GET route: the same status and headers, no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


class AddressLimit:
    """Refuses an overlong path or query string with 414 before any route sees it.

    `error_page(path, status)` gives the content type and body to send, so the person
    still gets the exit, 112 and their language (and the API its JSON).
    """

    def __init__(self, app: ASGIApp, error_page: ErrorBody) -> None:
        self.app = app
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or len(scope.get("raw_path") or b"") + len(scope["query_string"]) <= MAX_URL_BYTES:
            await self.app(scope, receive, send)
            return
        await send_error(send, 414, *self.error_page(scope["path"][:MAX_URL_BYTES], 414))


class CalmErrors:
    """Any exception becomes the calm error page (or the API's JSON), inside the security headers.

    It takes the place of Starlette's `ServerErrorMiddleware`, which answers outside
    every middleware of ours (so without the headers) and then re-raises to the server,
    which logs a traceback for each. Here a fault of ours is logged once, as the type
    and the stack without the exception's message, which may carry what a visitor sent.
    A client that went away mid-request (a phone losing signal) is not a fault: nothing
    is logged and nothing is sent.
    """

    def __init__(self, app: ASGIApp, error_page: ErrorBody) -> None:
        self.app = app
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except ClientDisconnect:
            return
        except Exception as error:
            stack = "".join(traceback.format_tb(error.__traceback__))
            log.error("500: %s raised while answering a %s request\n%s", type(error).__name__, scope["method"], stack)
            if not started:
                await send_error(send, 500, *self.error_page(scope["path"], 500))


class AllowedHosts:
    """Starlette's `TrustedHostMiddleware` matching: a name, `*.domain`, or `*` for any."""

    def __init__(self, allowed_hosts: tuple[str, ...]) -> None:
        self.any = "*" in allowed_hosts
        self.names = {h for h in allowed_hosts if not h.startswith("*")}
        self.suffixes = tuple(h[1:] for h in allowed_hosts if h.startswith("*."))

    def allow(self, headers: list[tuple[bytes, bytes]]) -> bool:
        """Whether a request with these headers names an allowed host."""
        if self.any:
            return True
        host = dict(headers).get(b"host", b"").decode("latin-1").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in self.names or bool(self.suffixes and name.endswith(self.suffixes))


class TrustedHosts:
    """Answers only to the host names the operator allows (`VAGVISAREN_ALLOWED_HOSTS`).

    With the calm 400 page instead of Starlette's plain text: a proxy that passes any
    Host header then cannot make the service answer for another name.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...], error_page: ErrorBody) -> None:
        self.app = app
        self.hosts = AllowedHosts(allowed_hosts)
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.hosts.allow(scope["headers"]):
            await self.app(scope, receive, send)
            return
        await send_error(send, 400, *self.error_page(scope["path"], 400))


async def send_error(send: Send, status: int, content_type: bytes, body: bytes) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
