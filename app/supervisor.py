"""What `serve --workers N` runs: uvicorn's supervisor, except that SIGHUP reloads the content in every worker.

uvicorn's own answer to SIGHUP is to replace the workers with new processes, one at a
time, and to give up when a new one is not ready within its health check's 5 s, as
happens on a busy machine: the rest then keep the old content, and the log does not
say why. Passed on instead, the signal makes each worker reload in place
(`reload_content`): the whole new version or, when it is broken, the last good one,
with every problem logged. A worker that has not finished starting is left alone: it
is reading the content from disk already, and would die of a SIGHUP before its handler is set.
"""

from __future__ import annotations

import logging
import os
import signal

from uvicorn.supervisors.multiprocess import Multiprocess

log = logging.getLogger("vagvisaren")


class HangupToWorkers(Multiprocess):
    def handle_hup(self) -> None:
        ready = [process.pid for process in self.processes if process.pid is not None and process.is_ready()]
        log.info("SIGHUP: asking %d worker(s) to reload the content", len(ready))
        for pid in ready:
            os.kill(pid, signal.SIGHUP)
