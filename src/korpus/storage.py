"""Files korpus keeps beside the Whoosh index, written whole and read back checked.

Every table (periods, groups, sketches, vocabulary, manifest, word lists) starts
with one header line: its kind, format version, payload length and a hash of the
payload. A table that was truncated, garbled or written by another version fails
the check and is never used as it is: the caller rebuilds it or names it.

Nothing here follows a symbolic link: an index folder is writable by whoever
can write it, and a link planted there must not make korpus read or overwrite
a file elsewhere. Files are opened with ``O_NOFOLLOW`` and checked to be
regular files after opening, so a swap between a check and the open cannot
slip in another file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from korpus.errors import IndexDamaged

_MAGIC = b"korpus"
# A header is short; a first line longer than this is not one.
_MAX_HEADER = 200

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class NotRegular(OSError):
    """The path is a link, a device, a pipe or a folder where a file belongs."""


def open_regular(path: Path, flags: int = os.O_RDONLY, mode: int = 0o644) -> int:
    """Open ``path`` without following a link; fail unless it is a regular file.

    ``O_NONBLOCK`` keeps a FIFO planted under the name from blocking the open.
    """
    try:
        fd = os.open(path, flags | _NOFOLLOW | _CLOEXEC | _NONBLOCK, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegular(exc.errno, "is a symbolic link", str(path)) from None
        raise
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise NotRegular(errno.EINVAL, "is not a regular file", str(path))
    if _NONBLOCK:
        os.set_blocking(fd, True)
    return fd


def read_bytes(path: Path) -> bytes:
    """The content of a regular file, never through a link."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` through a fresh temporary file and a rename.

    The temporary name is new (``O_EXCL``), so a link waiting under it is never
    written through; the rename replaces a link at ``path`` rather than its target.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, value: Any) -> None:
    write_atomic(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _header(kind: str, version: int, payload: bytes) -> bytes:
    return b"%s %s %d %d %s\n" % (
        _MAGIC,
        kind.encode(),
        version,
        len(payload),
        digest(payload).encode(),
    )


def write_table(path: Path, kind: str, version: int, payload: bytes) -> None:
    """Write a checked table: header line, then ``payload``."""
    write_atomic(path, _header(kind, version, payload) + payload)


def check_table(raw: bytes, kind: str, version: int) -> bytes | str:
    """The payload of a table, or what is wrong with it."""
    end = raw.find(b"\n", 0, _MAX_HEADER)
    if end < 0:
        return "no header" if raw else "empty"
    parts = raw[:end].split(b" ")
    if len(parts) != 5 or parts[0] != _MAGIC or parts[1] != kind.encode():
        return "not a korpus table of this kind"
    if parts[2] != str(version).encode():
        return f"table version {parts[2].decode(errors='replace')}, expected {version}"
    payload = raw[end + 1 :]
    if parts[3] != str(len(payload)).encode():
        return "truncated or extended"
    if parts[4] != digest(payload).encode():
        return "checksum mismatch"
    return payload


def read_table(path: Path, kind: str, version: int) -> bytes:
    """The checked payload of a table.

    Raises FileNotFoundError when there is none, IndexDamaged when it fails the
    check or is not a regular file. A table this process has checked is not read
    and checked again while the file is the same (see :data:`_CHECKED`).
    """
    try:
        fd = open_regular(path)
    except NotRegular as exc:
        raise IndexDamaged(path, exc.strerror or "not a regular file") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        key = (
            os.fspath(path),
            kind,
            version,
            st.st_dev,
            st.st_ino,
            st.st_size,
            st.st_mtime_ns,
            st.st_ctime_ns,
        )
        found = _CHECKED.get(key)
        if found is not None:
            return found
        raw = fh.read()
    checked = check_table(raw, kind, version)
    if isinstance(checked, str):
        raise IndexDamaged(path, checked)
    # A file written within the clock tick of the check could keep its times:
    # only a file that has not changed for a while is taken as checked.
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS:
        _remember(key, checked)
    return checked


# Tables this process has read and checked, by what the file system says of the
# file: device, inode, size, modification and change times. Any write changes the
# change time, so a file that shows the same is the same. A search opens the
# index's word list and tables each time; checking them is most of opening it.
_CHECKED: dict[tuple[Any, ...], bytes] = {}
CHECKED_MAX_BYTES = 64 * 1024 * 1024
SETTLED_NS = 2_000_000_000


def _remember(key: tuple[Any, ...], payload: bytes) -> None:
    if len(payload) > CHECKED_MAX_BYTES // 4:
        return
    while _CHECKED and sum(map(len, _CHECKED.values())) + len(payload) > CHECKED_MAX_BYTES:
        del _CHECKED[next(iter(_CHECKED))]
    _CHECKED[key] = payload


def write_json_table(path: Path, kind: str, version: int, value: Any) -> None:
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_table(path, kind, version, payload)


def read_json_table(path: Path, kind: str, version: int) -> Any:
    payload = read_table(path, kind, version)
    try:
        return json.loads(payload)
    except ValueError as exc:
        raise IndexDamaged(path, f"not JSON ({exc})") from None


def read_problem(read: Callable[[], object]) -> str | None:
    """What is wrong when ``read`` reads a stored file, or None when it reads whole."""
    try:
        read()
    except IndexDamaged as exc:
        return exc.problem
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def table_problem(path: Path, kind: str, version: int) -> str | None:
    """What is wrong with a table, or None when it reads back whole."""
    return read_problem(lambda: read_table(path, kind, version))
