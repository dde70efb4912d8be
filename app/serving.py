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
from typing import Any

# Seconds an idle keep-alive connection stays open; uvicorn's default is 5, nginx reuses its own.
KEEP_ALIVE_SECONDS = 5
# Requests served at once before uvicorn answers 503: far above what two cores serve, far below the descriptors.
CONCURRENCY = 1000
# What asyncio logs, with a traceback, on every try while descriptors are exhausted: the refused
# accept, and (after the listening socket is closed, on shutdown) the retry that re-arms it.
FLOODS = ("out of system resource", "BaseSelectorEventLoop._start_serving")


class OncePerMinute(logging.Filter):
    """Lets one record of each flood through per interval, without its traceback, with a count of the rest."""

    def __init__(self, seconds: float = 60, clock=time.monotonic) -> None:
        super().__init__()
        self.seconds = seconds
        self.clock = clock
        self.last: dict[str, float] = {}
        self.held_back: dict[str, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        flood = next((marker for marker in FLOODS if marker in message), None)
        if flood is None:
            return True
        now = self.clock()
        if flood in self.last and now - self.last[flood] < self.seconds:
            self.held_back[flood] = self.held_back.get(flood, 0) + 1
            return False
        held = self.held_back.pop(flood, 0)
        record.msg = f"{message.splitlines()[0]} (file descriptors exhausted? {held} more like it held back)"
        record.args = ()
        record.exc_info = record.exc_text = None
        self.last[flood] = now
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
    from .web.wire import KeptOnTheWire

    options: dict[str, Any] = dict(
        host=host,
        port=port,
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_keep_alive=keep_alive,
        limit_concurrency=concurrency,
        log_level="info",
        log_config=log_config,
        http=KeptOnTheWire,  # kept pages written straight to the connection; the rest through ASGI
    )
    if workers == 1:
        uvicorn.run(app, **options)
        return
    # Each worker builds its own app from the settings; the supervisor restarts any that dies, and passes SIGHUP on.
    from .supervisor import HangupToWorkers

    config = uvicorn.Config("app.web.app:create_app", factory=True, workers=workers, **options)
    HangupToWorkers(config, sockets=[config.bind_socket()]).run()
