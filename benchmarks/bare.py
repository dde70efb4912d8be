"""The yardstick: a bare FastAPI `async def` endpoint returning the same bytes and headers as our pages.

`python -m benchmarks.bare MANIFEST PORT` reads MANIFEST (JSON: name -> status, headers,
body file) and answers `/{name}` with that response, on one uvicorn worker with
uvicorn's defaults (the same event loop and HTTP parser ours gets).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.responses import Response


def app_for(manifest: dict) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    pages = {
        name: (page["status"], dict(page["headers"]), Path(page["body"]).read_bytes())
        for name, page in manifest.items()
    }

    @app.get("/healthz")
    async def healthz() -> Response:
        return Response(b"ok")

    @app.get("/{name}")
    async def same_bytes(name: str) -> Response:
        status, headers, body = pages[name]
        return Response(body, status_code=status, headers=headers)

    return app


if __name__ == "__main__":
    manifest = json.loads(Path(sys.argv[1]).read_text())
    uvicorn.run(app_for(manifest), host="127.0.0.1", port=int(sys.argv[2]), access_log=False, log_level="warning")
