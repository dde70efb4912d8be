"""A checked guide kept on disk, so that a start with the same content and code skips reading it.

Reading and checking the seven languages' content takes about a second on two cores;
loading the result takes a few hundredths. The snapshot is a cache, never a second
source of truth: it is keyed by the content folder's path (the guide holds its files'
paths), a hash of every content file's name and bytes and of every source file of the
app (and the Python version), so any edit to either reads the files again, and only a
load without problems is kept. A date does not enter the key:
the one check that depends on the date (a fact's date may not lie in the future) only
passes more easily as days go by.

A snapshot is Python's pickle, and loading a pickle runs what it says: one is read only
from a folder and file owned by this user or by root that nobody else may write to
(as ssh does with its keys). The service writes one when it can and carries on
when it cannot (a read-only file system): nothing here can stop a start.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

APP = Path(__file__).resolve().parent.parent
PREFIX = "guide-"
SUFFIX = ".pickle"

T = TypeVar("T")


def _proxy(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


def _reduce_proxy(proxy: MappingProxyType) -> tuple[Callable[[dict], MappingProxyType], tuple[dict]]:
    return _proxy, (dict(proxy),)


def code_version() -> str:
    """A hash of the Python version and of every source file of the app: a change to the code reads the files again."""
    digest = hashlib.sha256(sys.version.encode() + b"\0" + str(pickle.HIGHEST_PROTOCOL).encode() + b"\0")
    for path in sorted(APP.rglob("*.py")):
        digest.update(str(path.relative_to(APP)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def kept(folder: Path, content_key: str, load: Callable[[], T], usable: Callable[[T], bool]) -> T:
    """What `load` returns, from the folder's snapshot for this content (`content_key`: its folder and the hash
    of its files) and code when there is a trusted one; otherwise loaded, and kept there when `usable` says so
    and the folder can be written."""
    key = hashlib.sha256(f"{code_version()}\0{content_key}".encode()).hexdigest()
    path = folder / f"{PREFIX}{key[:40]}{SUFFIX}"
    if _trusted(folder) and _trusted(path):
        try:
            with path.open("rb") as file:
                return pickle.load(file)  # our own file, in a folder only we or root can write
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass  # unreadable or from other code: read the files, and write it anew
    loaded = load()
    if usable(loaded) and _trusted(folder):
        _write(folder, path, loaded)
    return loaded


def _trusted(path: Path) -> bool:
    """Whether `path` exists, is owned by this user or root, and is not writable by group or others."""
    try:
        found = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(found.st_mode) or found.st_uid not in (os.getuid(), 0):
        return False
    return not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(folder: Path, path: Path, value: Any) -> None:
    """Writes the snapshot whole or not at all, readable by all (the content is public: an image built as
    root is read by the service's user), and removes older ones."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # something in the guide that cannot be kept: the service runs without a snapshot
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".writing-", delete=False) as file:
            temporary = Path(file.name)
            file.write(buffer.getvalue())
        temporary.chmod(0o644)
        os.replace(temporary, path)
        for old in folder.glob(f"{PREFIX}*{SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk: the service runs without a snapshot
        if temporary is not None:
            temporary.unlink(missing_ok=True)
