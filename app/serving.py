"""Running the service: uvicorn with its own limits, more file descriptors, and a quiet log.

In production nginx stands in front (deploy/nginx.conf) and closes slow and idle
connections; these limits are uvicorn's own second line. When descriptors do run
out, asyncio logs "socket.accept() out of system resource" with a traceback for
every attempt (about 70 MB in 17 s in the review); `OncePerMinute` lets one through
a minute, with a count of those held back.
"""

from __future__ import annotations

import copy
import logging
import resource
import time

# Seconds an idle keep-alive connection stays open; uvicorn's default is 5, nginx reuses its own.
KEEP_ALIVE_SECONDS = 5
# Requests served at once before uvicorn answers 503: far above what two cores serve, far below the descriptors.
CONCURRENCY = 1000
OUT_OF_RESOURCES = "out of system resource"


class OncePerMinute(logging.Filter):
    """Lets one "out of system resource" record through per interval, without its traceback."""

    def __init__(self, seconds: float = 60, clock=time.monotonic) -> None:
        super().__init__()
        self.seconds = seconds
        self.clock = clock
        self.last: float | None = None
        self.held_back = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if OUT_OF_RESOURCES not in record.getMessage():
            return True
        now = self.clock()
        if self.last is not None and now - self.last < self.seconds:
            self.held_back += 1
            return False
        record.msg = f"{record.getMessage()} (file descriptors exhausted; {self.held_back} more like it held back)"
        record.args = ()
        record.exc_info = record.exc_text = None
        self.last, self.held_back = now, 0
        return True


def raise_file_limit() -> int:
    """Raise the soft limit on open files to the hard limit: each connection is a descriptor."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = 65536 if hard == resource.RLIM_INFINITY else hard
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def run(app, host: str, port: int, workers: int, keep_alive: int, concurrency: int) -> None:
    import uvicorn

    raise_file_limit()
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["vagvisaren"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    log_config["filters"] = {"once_per_minute": {"()": OncePerMinute}}
    log_config["loggers"]["asyncio"] = {"handlers": ["default"], "filters": ["once_per_minute"], "propagate": False}
    uvicorn.run(
        app if workers == 1 else "app.web.app:create_app",  # each worker builds its own
        factory=workers != 1,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_keep_alive=keep_alive,
        limit_concurrency=concurrency,
        log_level="info",
        log_config=log_config,
    )
