"""Follow-up figures, opt-in: how often each step was shown and where free-text answers went, per day.

Off unless `VAGVISAREN_STATS` names a file. What is counted is all a `PageObserver`
is told (runtime.py): a language and a step id, or a language, the first step a free
text was answered with and whether it spoke of danger. Nothing of a request reaches
this module: no address, no header, no time finer than the day, no text, and no order
(counts are summed per day in memory and written in batches, so which page came after
which is never known). Decision 0008 says why and what was rejected.

Counting is a dictionary update under a lock, on the request's own thread; a thread of
its own writes the sums to SQLite every `FLUSH_SECONDS` and at shutdown, adding to what
the file holds, so figures survive a restart. When the file cannot be written the sums
stay in memory and the next flush tries again; serving never waits for the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("vagvisaren")

FLUSH_SECONDS = 30.0
# Below this a count is shown as "fewer than 10": a small number can point at one person.
SHOWN_FROM = 10
FEWER = "<10"
STEP, ANSWER, DANGER = "step", "answer", "danger"
# An answer with no step that fits is counted under this name (no step id can be empty).
NO_STEP = ""
SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    lang TEXT NOT NULL,
    name TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, kind, lang, name)
) WITHOUT ROWID
"""
# No rowid, so rows sit in key order, never in the order they were first counted;
# secure_delete zeroes what SQLite frees, and the rollback journal is deleted after each write.
PRAGMAS = ("PRAGMA secure_delete = ON", "PRAGMA journal_mode = DELETE")
UPSERT = (
    "INSERT INTO counts (day, kind, lang, name, n) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (day, kind, lang, name) DO UPDATE SET n = n + excluded.n"
)

Key = tuple[str, str, str, str]  # (day, kind, lang, name)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=5, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    connection.execute(SCHEMA)
    return connection


class StatsCounter:
    """Counts per day in memory and writes the sums to a SQLite file off the request path.

    A `PageObserver`. `today` gives the day a count belongs to (a test can fix it).
    """

    def __init__(
        self,
        path: Path,
        flush_seconds: float = FLUSH_SECONDS,
        today: Callable[[], dt.date] = dt.date.today,
        start: bool = True,
    ) -> None:
        self.path = path
        self.flush_seconds = flush_seconds
        self.today = today
        self._pending: Counter[Key] = Counter()
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._stop = threading.Event()
        self._failing = False
        self._thread: threading.Thread | None = None
        if start:
            self._thread = threading.Thread(target=self._run, name="vagvisaren-stats", daemon=True)
            self._thread.start()

    def _add(self, kind: str, lang: str, name: str) -> None:
        key = (self.today().isoformat(), kind, lang, name)
        with self._lock:
            self._pending[key] += 1

    def step_shown(self, lang: str, step_id: str) -> None:
        self._add(STEP, lang, step_id)

    def answered(self, lang: str, first_step: str | None, danger: bool) -> None:
        self._add(ANSWER, lang, first_step or NO_STEP)
        if danger:
            self._add(DANGER, lang, NO_STEP)

    def pending(self) -> int:
        """How many counts wait in memory to be written."""
        with self._lock:
            return sum(self._pending.values())

    def flush(self) -> bool:
        """Write what was counted since the last flush; on failure keep it for the next. True if written."""
        with self._write_lock:
            with self._lock:
                batch, self._pending = self._pending, Counter()
            if not batch:
                return True
            try:
                connection = _connect(self.path)
                try:
                    with connection:
                        connection.execute("BEGIN IMMEDIATE")
                        connection.executemany(UPSERT, [(*key, n) for key, n in sorted(batch.items())])
                finally:
                    connection.close()
            except (sqlite3.Error, OSError) as error:
                with self._lock:
                    self._pending.update(batch)
                if not self._failing:
                    log.error(
                        "follow-up figures: the file could not be written (%s); counts are kept in memory "
                        "and written when it can be",
                        type(error).__name__,
                    )
                self._failing = True
                return False
            if self._failing:
                log.info("follow-up figures: the file can be written again")
            self._failing = False
            return True

    def _run(self) -> None:
        while not self._stop.wait(self.flush_seconds):
            self.flush()

    def close(self) -> None:
        """Stop the writer and write what is left (at shutdown)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.flush_seconds + 10)
        self.flush()


@dataclass(frozen=True)
class Row:
    """One line of the figures over a period: a step (or an answer's first step, or danger) and its sum."""

    kind: str
    lang: str
    name: str
    total: int

    @property
    def shown(self) -> str:
        """The count as it may be shown: the number from 10 up, else "<10"."""
        return str(self.total) if self.total >= SHOWN_FROM else FEWER


def read(path: Path, start: dt.date | None = None, end: dt.date | None = None) -> list[Row]:
    """The sums per step, answer and danger between two days (both included), largest first.

    Opened read-only: looking at the figures never creates or changes the file.
    """
    if not path.is_file():
        return []
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute(
            "SELECT kind, lang, name, SUM(n) FROM counts WHERE day >= ? AND day <= ? "
            "GROUP BY kind, lang, name ORDER BY kind, SUM(n) DESC, lang, name",
            ((start or dt.date.min).isoformat(), (end or dt.date.max).isoformat()),
        ).fetchall()
    except sqlite3.OperationalError:  # an empty file: no table yet
        return []
    finally:
        connection.close()
    return [Row(*row) for row in rows]


KIND_NAMES = {STEP: "shown", ANSWER: "free-text answer", DANGER: "free text spoke of danger"}


def as_text(rows: Iterable[Row], start: dt.date | None, end: dt.date | None) -> str:
    """The figures as lines to read in a terminal."""
    rows = list(rows)
    period = f"{start.isoformat() if start else 'the first day'} to {end.isoformat() if end else 'today'}"
    lines = [f"Vägvisaren follow-up figures, {period} (counts under {SHOWN_FROM} shown as {FEWER})"]
    if not rows:
        lines.append("nothing counted in this period")
    for row in rows:
        name = row.name or ("(no step fitted)" if row.kind == ANSWER else "")
        lines.append(f"{row.shown:>8}  {KIND_NAMES[row.kind]:<26} {row.lang}  {name}".rstrip())
    return "\n".join(lines) + "\n"


def as_csv(rows: Iterable[Row]) -> str:
    """The figures as CSV: kind, lang, step, count (with "<10" under ten)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "lang", "step", "count"])
    for row in rows:
        writer.writerow([row.kind, row.lang, row.name, row.shown])
    return out.getvalue()
