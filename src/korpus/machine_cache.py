"""Tables korpus derives from word lists, kept per machine in the user's cache folder.

Every build needs wordfreq's German word list as korpus folds it, and every
build or update the stems of some 160,000 known German and English words: about
3 s of CPU together, whatever the size of the corpus. Both are kept in
``$XDG_CACHE_HOME/korpus`` (else ``~/.cache/korpus``) under a name holding a
digest of everything they derive from: the Python version, the wordfreq version,
korpus's analyzer version and the source of the modules that derive them, so a
change to any of these derives them afresh.

A cached table is a checked table (:mod:`korpus.storage`), written through a
temporary file and a rename. One that is missing, damaged, unreadable, of
another shape or not a regular file is derived again and rewritten, never used;
a cache folder that cannot be written costs time only. The cache can save time,
never change a result.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from korpus.errors import IndexDamaged
from korpus.storage import digest, read_table, write_table

T = TypeVar("T")

KIND, VERSION = "derived", 1
# The modules whose code decides what the cached tables hold.
_SOURCES = (
    "analysis.py",
    "compounds.py",
    "german.py",
    "variants.py",
    "verbs.py",
    "machine_cache.py",
)


def cache_dir() -> Path | None:
    """The folder of korpus's cached tables, or None when there is no home to put it."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):
        return Path(base) / "korpus"
    try:
        return Path.home() / ".cache" / "korpus"
    except (RuntimeError, KeyError):
        return None


@cache
def code_key() -> str:
    """A digest of the Python and wordfreq versions and of the deriving code."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        wordfreq = version("wordfreq")
    except PackageNotFoundError:
        wordfreq = "?"
    here = Path(__file__).parent
    # The source of analysis.py holds ANALYZER_VERSION too.
    parts = [sys.version.encode(), wordfreq.encode()]
    for name in _SOURCES:
        try:
            parts.append((here / name).read_bytes())
        except OSError:
            parts.append(name.encode())
    return digest(b"\0".join(parts))


def cached(name: str, key: str, derive: Callable[[], T], kind: type) -> T:
    """The table ``name`` for ``key`` from the cache, else ``derive()``, cached.

    ``kind`` is the type the table must have (dict, frozenset): marshal stores it.
    """
    folder = cache_dir()
    if folder is None:
        return derive()
    path = folder / f"{name}-{key}.tbl"
    try:
        found: Any = marshal.loads(read_table(path, KIND, VERSION))
        if type(found) is kind:
            return cast(T, found)
    except (OSError, IndexDamaged, ValueError, EOFError, TypeError):
        pass  # derived again below
    value = derive()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_table(path, KIND, VERSION, marshal.dumps(cast(Any, value)))
    except (OSError, ValueError):
        return value
    _remove_stale(folder, name, path.name)
    return value


# Tables of one name kept for other keys: other installed versions of korpus
# may share the folder, and each must not wipe the others' tables.
KEEP_STALE = 3


def _remove_stale(folder: Path, name: str, keep: str) -> None:
    """Delete all but the newest few tables of ``name`` for other keys."""
    try:
        others = [
            (old.lstat().st_mtime, old)
            for old in folder.glob(f"{name}-*.tbl")
            if old.name != keep and "-" not in old.name[len(name) + 1 :]
        ]
        for _, old in sorted(others, reverse=True)[KEEP_STALE:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
