"""nginx's configuration for a static export, written from the sources the live service answers from.

The security headers are `web.headers`' (the Content-Security-Policy made by the same
function, for pages and for `/embed/` pages, with the `--ask-url` origin allowed as
a form's target), the quick exit goes where `VAGVISAREN_EXIT_URL` says, and every
error nginx can answer with is the guide's calm page in the language and mode of the
address, as `urls.where` reads it. A way through the dialogue longer than the export
wrote is answered with the page of its last steps (decision 0012).
"""

from __future__ import annotations

from .export import ERROR_FOLDER, REDIRECT_FILE, STATUSES, Exported, calm_pages
from .i18n import DEFAULT
from .languages import CODES
from .settings import Settings
from .urls import EMBED, EXIT, HEALTH, SITE_FILES, STATIC, Urls
from .web.app import CLEAR_SITE_DATA
from .web.headers import EMBED_PATH, HEADERS, TRANSPORT_SECURITY, policies

# Where a non-root nginx keeps its pid and temporary files; deploy/nginx.conf uses the same.
STATE = "/tmp/nginx"
PORT = 8080
# nginx's errors that share a calm page with one of STATUSES: a header too large reads as
# an address too long; an upstream's faults cannot happen here, but read as nginx's own.
SAME_PAGE = {414: (494,), 500: (502, 503, 504)}
# nginx's temporary folders, as deploy/nginx.conf names them (an export never fills them).
TEMPORARY = (("client_body", "body"), ("proxy", "proxy"), ("fastcgi", "fastcgi"), ("uwsgi", "uwsgi"), ("scgi", "scgi"))
# A step id, as the loader allows it.
SEGMENT = "/[a-z0-9-]+"


def _quoted(value: str) -> str:
    """A value as one nginx argument: in the quotes it does not contain."""
    quote = "'" if '"' in value else '"'
    if quote in value or "\\" in value or "$" in value:
        raise ValueError(f"cannot write {value!r} into nginx's configuration")
    return f"{quote}{value}{quote}"


def _calm_pages() -> list[str]:
    """The map from an address to the language and mode of its calm error page, as `urls.where` reads them."""
    lines = []
    for embed in (True, False):
        mode = f"/{EMBED}" if embed else ""
        lines += [f'        "~^{mode}/{lang}(?:[/?]|$)" {calm_pages(lang, embed)};' for lang in CODES]
    lines.append(f'        "~^/{EMBED}(?:[/?]|$)" {calm_pages(DEFAULT, True)};')
    return lines


def render(exported: Exported, settings: Settings, ask_url: str | None, depth: int) -> str:
    """The whole nginx.conf: one worker, no access log, the export's folder as root, on port `PORT`."""
    page_policy, embed_policy = policies(settings.embed_origins, (ask_url,) if ask_url else ())
    languages = "|".join(CODES)
    headers = [(name.decode(), value.decode()) for name, value in (*HEADERS, TRANSPORT_SECURITY)]
    add_headers = [f"        add_header {name} {_quoted(value)} always;" for name, value in headers]
    error_pages = [
        f"        error_page {' '.join(map(str, (status, *SAME_PAGE.get(status, ()))))} "
        f"/{ERROR_FOLDER}/$calm_page-{status}.html;"
        for status in STATUSES
    ]
    typed = [
        f"        location = {path} {{\n            default_type {content_type};\n        }}"
        for path, content_type in sorted(exported.types.items())
    ]
    start = Urls().start(DEFAULT)
    lines = [
        "# Written by `python -m app export`: the exported guide served as the live service serves it.",
        "# See README.md (Static export) and docs/decisions/0012-static-export.md.",
        "worker_processes 1;",
        f"pid {STATE}/nginx.pid;",
        "error_log stderr warn;",
        "",
        "events {",
        "    worker_connections 1024;",
        "}",
        "",
        "http {",
        "    # Nothing a visitor sends is written anywhere.",
        "    access_log off;",
        "    server_tokens off;",
        *(f"    {kind}_temp_path {STATE}/{folder};" for kind, folder in TEMPORARY),
        "    sendfile on;",
        "    types {",
        "        text/html html;",
        "        text/css css;",
        "        text/javascript js;",
        "        image/svg+xml svg;",
        "        image/png png;",
        "    }",
        "    default_type application/octet-stream;",
        "    charset utf-8;",
        "    charset_types text/html text/css text/javascript;",
        "    # Every page and text file has its gzipped copy beside it; nothing is compressed per request.",
        "    gzip_static on;",
        "    gzip_vary on;",
        "    # Redirects say a path, never an address built from the request's Host header.",
        "    absolute_redirect off;",
        "    client_max_body_size 64k;",
        "    large_client_header_buffers 4 8k;",
        "",
        "    map $request_uri $content_security_policy {",
        f"        default {_quoted(page_policy.decode())};",
        f"        {_quoted('~' + EMBED_PATH.pattern)} {_quoted(embed_policy.decode())};",
        "    }",
        "    map $request_uri $clear_site_data {",
        '        default "";',
        f'        "~^/{EXIT}(?:[?]|$)" {_quoted(CLEAR_SITE_DATA)};',
        "    }",
        "    map $request_uri $calm_page {",
        f"        default {calm_pages(DEFAULT, False)};",
        *_calm_pages(),
        "    }",
        "",
        "    server {",
        f"        listen {PORT};",
        f"        root {exported.public.resolve()};",
        "",
        *add_headers,
        "        add_header Content-Security-Policy $content_security_policy always;",
        "        add_header Clear-Site-Data $clear_site_data always;",
        "        # The service sends no Last-Modified: a file's time would only say when the export was made.",
        '        add_header Last-Modified "" always;',
        "",
        "        # A redirect's body is empty, as the service's is, not nginx's page.",
        f"        error_page 301 302 303 307 308 /{REDIRECT_FILE};",
        *error_pages,
        "",
        f"        location ^~ /{ERROR_FOLDER}/ {{",
        "            internal;",
        "            etag off;",
        "        }",
        f"        location = /{EXIT} {{",
        f"            return 303 {_quoted(settings.exit_url)};",
        "        }",
        f"        location = /{HEALTH} {{",
        "            default_type text/plain;",
        '            return 200 "ok";',
        "        }",
        "        # The service chooses the language from Accept-Language; an export goes to the default one.",
        "        location = / {",
        f"            return 302 {start};",
        "        }",
        f'        location ~ "^(?<language>(?:/{EMBED})?/(?:{languages}))/?$" {{',
        "            return 302 $language/start;",
        "        }",
        '        location ~ "^(?<bare>/.*[^/])/+$" {',
        "            return 308 $bare;",
        "        }",
        '        location ~ "\\.(?:html|gz)$" {',
        "            return 404;",
        "        }",
        "        # A way longer than the export wrote: the page of its last steps.",
        f'        location ~ "^(?<mode_language>(?:/{EMBED})?/(?:{languages}))(?:{SEGMENT})+?'
        f'(?<last_steps>(?:{SEGMENT}){{{depth}}})$" {{',
        "            try_files $uri.html $mode_language$last_steps.html =404;",
        "        }",
        f"        location /{STATIC}/ {{",
        "            try_files $uri =404;",
        "        }",
        f"        location /{SITE_FILES}/ {{",
        "            try_files $uri =404;",
        "        }",
        *typed,
        "        location / {",
        "            try_files $uri.html =404;",
        "        }",
        "    }",
        "}",
        "",
    ]
    return "\n".join(lines)
