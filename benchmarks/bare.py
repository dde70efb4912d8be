"""The yardstick: a bare FastAPI `async def` endpoint returning the same bytes as one of our pages.

`python -m benchmarks.bare PAGE_FILE PORT` serves the file's bytes at every path, on one
uvicorn worker with the same server settings as ours.
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.responses import HTMLResponse


def app_for(page: bytes) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/{path:path}")
    async def same_bytes(path: str) -> HTMLResponse:
        return HTMLResponse(page)

    return app


if __name__ == "__main__":
    page = Path(sys.argv[1]).read_bytes()
    uvicorn.run(app_for(page), host="127.0.0.1", port=int(sys.argv[2]), access_log=False, log_level="warning")
