"""The Whoosh index: schema, building, incremental updates, opening, locking.

An index folder holds generations of Whoosh data: ``current`` is a symlink to the
live one. A rebuild writes a new generation beside it and swaps the link in one
atomic rename, so readers always see a whole index, old or new. Incremental
updates commit into the live generation; Whoosh's own commits are atomic too.
Each commit is followed by a manifest (``files-<gen>.json``) of the files indexed
with their size, mtime and content hash, which makes a no-op update cheap.
"""

from __future__ import annotations

import errno
import fcntl
import gc
import hashlib
import json
import os
import pickle
import queue
import shutil
import signal
import stat
import struct
import tempfile
import threading
import time
import traceback
import warnings
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from korpus.analysis import ANALYZER_VERSION, save_lexicon, use_lexicon
from korpus.article import Article, SkipFile, Skipped
from korpus.dates import parse_iso
from korpus.duplicates import (
    Sketch,
    groups_problem,
    load_sketches,
    save_sketches,
    sketch,
    sketches_from_stored,
    write_groups,
)
from korpus.errors import (
    CorpusEmpty,
    CorpusNotFound,
    IndexBusy,
    IndexDamaged,
    IndexerFailed,
    IndexMissing,
    IndexOfOtherCorpus,
    IndexUnusable,
    KorpusError,
)
from korpus.loader import (
    SIDECAR_NAMES,
    UNREADABLE_FOLDER,
    FieldMap,
    Sidecars,
    article_id_for,
    field_map_for,
    iter_files,
    load_file,
    read_regular,
)
from korpus.periods import periods_problem, write_periods
from korpus.readers import max_bytes_for
from korpus.storage import (
    NotRegular,
    check_table,
    open_regular,
    read_bytes,
    read_json_table,
    write_atomic,
    write_json_table,
)
from korpus.urls import url_key
from korpus.variants import vocabulary_problem, write_vocabulary

SCHEMA_VERSION = 9
FORMAT = f"{SCHEMA_VERSION}.{ANALYZER_VERSION}"
CURRENT = "current"
INFO_FILE = "korpus.json"
LOCK_FILE = "write.lock"
LEXICON_FILE = "lexicon.txt"
UNDATED_ASC = 99991231235959

Progress = Callable[[int, int], None]


def build_schema() -> Any:
    from whoosh import columns, fields

    from korpus.analysis import german_analyzer
    from korpus.syntax import literal_analyzer

    analyzer = german_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        # The corpus file an article came from: a file may hold several articles,
        # and they are replaced or removed together.
        file=fields.ID(stored=True),
        title=fields.TEXT(
            analyzer=analyzer, stored=True, field_boost=2.0, multitoken_query="phrase"
        ),
        text=fields.TEXT(analyzer=analyzer, stored=True, multitoken_query="phrase"),
        # Title and text as written, lower-cased: exact wording for literal search.
        literal=fields.TEXT(analyzer=literal_analyzer(), multitoken_query="phrase"),
        source=fields.KEYWORD(lowercase=True, commas=True, scorable=False, sortable=True),
        sources=fields.KEYWORD(lowercase=True, commas=True, scorable=False),
        month=fields.ID(sortable=True),
        # The article's URL folded by url_key, so "url:…" finds a pasted link.
        url=fields.ID(),
        # Dates are only sorted and read back (filters use the periods table), so
        # they are columns, not indexed numbers with trie terms.
        date_start=fields.COLUMN(columns.NumericColumn("Q")),
        date_end=fields.COLUMN(columns.NumericColumn("Q")),
        date_asc=fields.COLUMN(columns.NumericColumn("Q")),
        record=fields.STORED(),
        fileinfo=fields.STORED(),
    )


def _stamp(value: datetime) -> int:
    return int(value.strftime("%Y%m%d%H%M%S"))


def document_for(article: Article, info: FileState, file_id: str | None = None) -> dict[str, Any]:
    """The Whoosh document for an article: searchable fields plus its stored record."""
    record = article.to_dict()
    text = record.pop("text")
    doc: dict[str, Any] = {
        "id": article.id,
        "file": file_id or article.id,
        "title": article.title or "",
        "text": text,
        "literal": f"{article.title}\n{text}" if article.title else text,
        "source": article.source or "",
        "sources": ",".join(dict.fromkeys([s for s in [article.source, *article.sources] if s])),
        "record": record,
        "fileinfo": info.as_list(),
    }
    if article.url:
        doc["url"] = url_key(article.url)
    parsed = parse_iso(article.date) if article.date else None
    if parsed is not None:
        start, end = parsed.period()
        doc.update(
            month="" if parsed.precision == "year" else f"{start:%Y-%m}",
            date_start=_stamp(start),
            date_end=_stamp(end),
            date_asc=_stamp(start),
        )
    else:
        doc.update(month="", date_start=0, date_end=0, date_asc=UNDATED_ASC)
    return doc


@dataclass
class FileState:
    size: int
    mtime_ns: int
    digest: str

    def as_list(self) -> list[Any]:
        return [self.size, self.mtime_ns, self.digest]


def article_ids(file_id: str, entry: list[Any]) -> list[str]:
    """The ids of the articles a manifest entry's file gave: the file's own id, or
    the list kept as the entry's fourth item when the file held other articles."""
    if len(entry) > 3 and isinstance(entry[3], list):
        return [str(i) for i in entry[3]]
    return [file_id]


def manifest_entry(state: FileState, file_id: str, ids: list[str]) -> list[Any]:
    entry = state.as_list()
    if ids != [file_id]:
        entry.append(ids)
    return entry


@dataclass
class UpdateReport:
    """What an index run did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    rebuilt: bool = False
    reason: str | None = None
    seconds: float = 0.0
    total: int = 0
    repaired: list[str] = field(default_factory=list)
    kept_aside: Path | None = None
    warning: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


# --- locations ---------------------------------------------------------------------


def live_dir(index_dir: Path) -> Path | None:
    """The live generation of an index folder, or None if there is none.

    ``current`` must be a link to a generation folder right inside the index
    folder; anything else (a link to elsewhere, to itself, to nothing) raises
    IndexDamaged, and korpus never reads or writes through it.
    """
    link = index_dir / CURRENT
    try:
        target = os.readlink(link)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.EINVAL:
            raise IndexDamaged(link, "is not a link to an index generation") from None
        raise IndexUnusable(f"cannot read {link}: {exc.strerror or exc}") from None
    if not target.startswith("data-") or os.sep in target or target in ("data-", ".."):
        raise IndexDamaged(link, f"points to {target!r}, not to a generation in the index folder")
    data = Path(os.path.realpath(index_dir)) / target
    try:
        st = os.lstat(data)
    except OSError:
        raise IndexDamaged(link, f"points to a missing generation {target!r}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise IndexDamaged(link, f"points to {target!r}, which is not a folder")
    return data


def has_index(index_dir: Path) -> bool:
    """True when the index folder has a live generation, even a damaged one."""
    return os.path.lexists(index_dir / CURRENT)


INFO_KIND, INFO_VERSION = "info", 1


def read_info(data_dir: Path) -> dict[str, Any]:
    """What a generation records about itself: format, corpus, build time.

    IndexDamaged when it is missing (a live generation always has one) or fails
    its check. A plain JSON file is the record of an older korpus (rebuilt for
    its format).
    """
    path = data_dir / INFO_FILE
    try:
        raw = read_bytes(path)
    except FileNotFoundError:
        raise IndexDamaged(path, "missing") from None
    except NotRegular:
        raise IndexDamaged(path, "not a regular file") from None
    checked = check_table(raw, INFO_KIND, INFO_VERSION)
    try:
        info = json.loads(raw if isinstance(checked, str) else checked)
    except ValueError:
        info = None
    if not isinstance(info, dict):
        raise IndexDamaged(path, checked if isinstance(checked, str) else "not a record")
    if isinstance(checked, str) and info.get("format") == FORMAT:
        raise IndexDamaged(path, checked)
    return info


def _check_index_dir(index_dir: Path) -> None:
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexUnusable(f"index path is not a folder: {index_dir}")


def open_index(index_dir: Path) -> tuple[Any, dict[str, Any]]:
    """Open the live index for reading. Raises IndexMissing, IndexUnusable, IndexDamaged."""
    from whoosh import index as whoosh_index

    _check_index_dir(index_dir)
    data = live_dir(index_dir)
    if data is None:
        holder = lock_holder(index_dir)
        if holder is not None:
            raise IndexBusy(
                f"the index in {index_dir} is being built by process {holder}",
                hint="wait for it to finish, then try again",
            )
        raise IndexMissing(f"no index in {index_dir}")
    info = read_info(data)
    if info.get("format") != FORMAT:
        raise IndexUnusable(
            f"the index in {index_dir} was built by another version of korpus",
            hint="rebuild it with: korpus index --rebuild",
        )
    problem = whoosh_files_problem(data)
    if problem is not None:
        raise IndexDamaged(*problem)
    check_lexicon(data / LEXICON_FILE)
    use_lexicon(data / LEXICON_FILE)
    try:
        return whoosh_index.open_dir(str(data)), {**info, "data_dir": data}
    except READ_ERRORS as exc:
        raise damage_found(data, exc) from exc


# --- damage ------------------------------------------------------------------------

# What Whoosh raises when its files are truncated or garbled: it has no checksums
# of its own, so a damaged file shows up as a failed unpack, unpickle or seek.
READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    OverflowError,
    MemoryError,
    struct.error,
    pickle.UnpicklingError,
    zlib.error,
)
CHECKSUMS_KIND, CHECKSUMS_VERSION = "checksums", 1


def _checksums_path(data_dir: Path, generation: int) -> Path:
    return data_dir / f"checksums-{generation}.json"


def _whoosh_files(data_dir: Path) -> list[str]:
    return sorted(
        e.name
        for e in os.scandir(data_dir)
        if e.name.startswith(("MAIN_", "_MAIN_")) and e.name != "MAIN_WRITELOCK"
        and not e.name.endswith(".tmp")
    )


def _file_digest(path: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    with os.fdopen(open_regular(path), "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def record_checksums(ix: Any, data_dir: Path) -> None:
    """Write the size, mtime and hash of every Whoosh file of the latest generation.

    Whoosh never rewrites a segment file, so the hashes of files the last record
    knew are taken from it rather than computed again.
    """
    generation = ix.latest_generation()
    old = _read_checksums(data_dir)
    files: dict[str, list[Any]] = {}
    toc = f"_MAIN_{generation}.toc"
    for name in _whoosh_files(data_dir):
        if name.startswith("_MAIN_") and name != toc:
            continue
        path = data_dir / name
        st = os.lstat(path)
        known = old.get(name)
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            files[name] = known
        else:
            files[name] = [st.st_size, st.st_mtime_ns, _file_digest(path)]
    write_json_table(
        _checksums_path(data_dir, generation),
        CHECKSUMS_KIND,
        CHECKSUMS_VERSION,
        {"generation": generation, "files": files},
    )
    for stale in data_dir.glob("checksums-*.json"):
        if stale != _checksums_path(data_dir, generation):
            stale.unlink(missing_ok=True)


def _latest_checksums(data_dir: Path) -> tuple[int, dict[str, list[Any]]] | None:
    found = []
    for path in data_dir.glob("checksums-*.json"):
        try:
            found.append((int(path.stem.split("-")[1]), path))
        except ValueError:
            continue
    if not found:
        return None
    generation, path = max(found)
    try:
        record = read_json_table(path, CHECKSUMS_KIND, CHECKSUMS_VERSION)
        files = record["files"]
        if not isinstance(files, dict) or record.get("generation") != generation:
            raise IndexDamaged(path, "not a record of this generation")
        return generation, files
    except (IndexDamaged, KeyError, TypeError):
        return None


def _read_checksums(data_dir: Path) -> dict[str, list[Any]]:
    latest = _latest_checksums(data_dir)
    return latest[1] if latest else {}


def whoosh_files_problem(data_dir: Path, deep: bool = False) -> tuple[Path, str] | None:
    """The first Whoosh file that is not as it was committed, and what is wrong.

    Sizes are compared always; hashes when a file's mtime changed or ``deep``.
    Without a record (a run killed before writing it) nothing can be said.
    """
    latest = _latest_checksums(data_dir)
    if latest is None:
        return None
    generation, files = latest
    newer = [
        name
        for name in _whoosh_files(data_dir)
        if name.startswith("_MAIN_") and _toc_generation(name) > generation
    ]
    if newer:
        # A commit after the record (the record itself comes next): nothing to compare.
        return None
    for name, (size, mtime_ns, expected) in sorted(files.items()):
        path = data_dir / name
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return path, "missing"
        except OSError as exc:
            return path, exc.strerror or str(exc)
        if not stat.S_ISREG(st.st_mode):
            return path, "not a regular file"
        if st.st_size != size:
            return path, f"truncated or extended ({st.st_size} bytes, committed {size})"
        if deep or st.st_mtime_ns != mtime_ns:
            try:
                if _file_digest(path) != expected:
                    return path, "garbled (its checksum changed)"
            except OSError as exc:
                return path, exc.strerror or str(exc)
    return None


def _toc_generation(name: str) -> int:
    try:
        return int(name[len("_MAIN_") : -len(".toc")])
    except ValueError:
        return -1


def damage_found(data_dir: Path, exc: BaseException) -> KorpusError:
    """The error to report when opening the index failed with ``exc``."""
    problem = whoosh_files_problem(data_dir, deep=True)
    if problem is not None:
        return IndexDamaged(*problem)
    return IndexUnusable(
        f"cannot read the index in {data_dir.parent}: {type(exc).__name__}: {exc}",
        hint="rebuild it with: korpus index --rebuild",
    )


def raise_if_damaged(index_dir: Path, exc: BaseException) -> None:
    """After ``exc`` while reading the index: raise IndexDamaged naming the damaged file.

    Whoosh has no checksums of its own; a damaged file shows up as a failed
    unpack, unpickle or seek somewhere inside it. When every file is as it was
    committed, the failure is not damage and the caller re-raises it.
    """
    if isinstance(exc, KorpusError):
        return
    try:
        data = live_dir(index_dir)
    except IndexDamaged as damaged:
        raise damaged from exc
    if data is None:
        return
    problem = whoosh_files_problem(data, deep=True)
    if problem is not None:
        raise IndexDamaged(*problem) from exc


def check_lexicon(path: Path) -> None:
    """Raise IndexDamaged unless the index's word lists read back whole."""
    from korpus.analysis import lexicon_files_problem

    problem = lexicon_files_problem(path)
    if problem is not None:
        raise IndexDamaged(*problem, hint="rebuild the index with: korpus index --rebuild")


# --- locking -----------------------------------------------------------------------


def _open_lock(index_dir: Path, create: bool = True) -> int | None:
    """The lock file's descriptor; never through a link, never a file linked elsewhere.

    A link, device, pipe or hard link under the lock's name is removed (the name
    only, never what it points to) and a plain file takes its place.
    """
    path = index_dir / LOCK_FILE
    for _ in range(3):
        try:
            fd = open_regular(path, os.O_RDWR | (os.O_CREAT if create else 0))
        except FileNotFoundError:
            return None
        except NotRegular:
            if not create:
                return None
            _remove_name(path)
            continue
        if os.fstat(fd).st_nlink == 1:
            return fd
        os.close(fd)
        if not create:
            return None
        _remove_name(path)
    raise IndexDamaged(path, "is not a plain file and cannot be replaced by one")


def _remove_name(path: Path) -> None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        raise IndexDamaged(path, "is a folder, not a lock file", hint=f"remove it: rm -r {path}")
    os.unlink(path)


def _holder(fd: int) -> str:
    return os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"


@contextmanager
def write_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's write lock. The kernel frees it when a process dies."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = _open_lock(index_dir)
    assert fd is not None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            raise IndexBusy(
                f"index is being updated by process {_holder(fd)}: {index_dir}",
                hint="wait for it to finish, then try again",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def lock_holder(index_dir: Path) -> str | None:
    """The process holding the write lock, or None when nobody does."""
    try:
        fd = _open_lock(index_dir, create=False)
    except OSError:
        return None
    if fd is None:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return _holder(fd)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


# --- manifests ---------------------------------------------------------------------

MANIFEST_KIND, MANIFEST_VERSION = "manifest", 1


def _manifest_path(data_dir: Path, generation: int) -> Path:
    return data_dir / f"files-{generation}.json"


def _valid_manifest(manifest: Any) -> bool:
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        return False
    if not isinstance(manifest.get("skipped", []), list):
        return False
    if not isinstance(manifest.get("sidecars", {}), dict):
        return False
    return all(
        isinstance(v, list)
        and len(v) in (3, 4)
        and isinstance(v[0], int)
        and isinstance(v[1], int)
        and isinstance(v[2], str)
        and (len(v) == 3 or (isinstance(v[3], list) and all(isinstance(i, str) for i in v[3])))
        for v in manifest["files"].values()
    )


def load_manifest(ix: Any, data_dir: Path) -> dict[str, Any]:
    """Files indexed in the live generation: {"files": {id: [size, mtime, hash]}, "skipped": []}.

    Rebuilt from the stored documents when a crash came between a commit and its
    manifest, or when the manifest fails its check.
    """
    generation = ix.latest_generation()
    try:
        manifest = read_json_table(
            _manifest_path(data_dir, generation), MANIFEST_KIND, MANIFEST_VERSION
        )
        if _valid_manifest(manifest):
            return dict(manifest)
    except (OSError, IndexDamaged):
        pass
    infos: dict[str, list[Any]] = {}
    ids: dict[str, list[str]] = {}
    with ix.searcher() as searcher:
        for stored in searcher.all_stored_fields():
            file_id = stored.get("file") or stored["id"]
            infos[file_id] = list(stored.get("fileinfo") or [0, 0, ""])[:3]
            ids.setdefault(file_id, []).append(stored["id"])
    files = {
        file_id: [*info, ids[file_id]] if ids[file_id] != [file_id] else info
        for file_id, info in infos.items()
    }
    return {"files": files, "skipped": []}


def _save_manifest(ix: Any, data_dir: Path, manifest: dict[str, Any]) -> None:
    generation = ix.latest_generation()
    path = _manifest_path(data_dir, generation)
    write_json_table(path, MANIFEST_KIND, MANIFEST_VERSION, manifest)
    for old in data_dir.glob("files-*.json"):
        if old.name != path.name:
            old.unlink(missing_ok=True)


# --- scanning the corpus -----------------------------------------------------------


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Scan:
    """What changed in a corpus since the manifest was written."""

    to_index: list[Path] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: dict[str, Any] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    seen: int = 0
    # Sidecar files by folder id, as [size, mtime]; files whose sidecar changed.
    sidecars: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    reread: set[Path] = field(default_factory=set)


def _sidecar_state(folder: Path) -> dict[str, list[int]]:
    state = {}
    for name in SIDECAR_NAMES:
        try:
            st = os.stat(folder / name)
        except OSError:
            continue
        state[name] = [st.st_size, st.st_mtime_ns]
    return state


def _folder_id(folder: Path | str, base: Path) -> str:
    if str(folder).rstrip(os.sep) == str(base).rstrip(os.sep):
        return ""
    return article_id_for(folder, base)


def scan_corpus(
    corpus: Path, known: dict[str, Any], known_sidecars: dict[str, Any] | None = None
) -> Scan:
    """Compare the corpus on disk with the files an index knows, by size and mtime.

    A folder that cannot be listed is an error for its part of the corpus, never
    a deletion: the files the index knows below it are kept as they are. A file
    whose folder's sidecar changed is read again, since its metadata may have.
    """
    base = corpus if corpus.is_dir() else corpus.parent
    known_sidecars = known_sidecars or {}
    scan = Scan()
    present: set[str] = set()
    unlisted: list[str] = []
    folder_ids: dict[str, str] = {}
    for item in iter_files(corpus):
        if isinstance(item, Skipped):
            scan.skipped.append(item)
            # An indexed file now skipped (swapped for a link out of the corpus) keeps
            # its last good version, in the index and in the manifest alike.
            kept = article_id_for(item.path, base)
            if kept in known:
                present.add(kept)
                scan.unchanged[kept] = known[kept]
            if item.reason.startswith(UNREADABLE_FOLDER):
                unlisted.append(_folder_id(item.path, base))
            continue
        doc_id = article_id_for(item, base)
        present.add(doc_id)
        scan.seen += 1
        # A folder's id once per folder, not once per file in it.
        parent = os.path.dirname(item)
        folder = folder_ids.get(parent)
        if folder is None:
            folder = folder_ids[parent] = _folder_id(item.parent, base)
        if folder not in scan.sidecars:
            scan.sidecars[folder] = _sidecar_state(item.parent)
        sidecar_changed = scan.sidecars[folder] != known_sidecars.get(folder, {})
        try:
            st = item.stat()
        except OSError as exc:
            scan.skipped.append(Skipped(str(item), f"cannot read ({exc.strerror or exc})"))
            if doc_id in known:
                scan.unchanged[doc_id] = known[doc_id]
            continue
        old = known.get(doc_id)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns and not sidecar_changed:
            scan.unchanged[doc_id] = old
        else:
            scan.to_index.append(item)
            if sidecar_changed:
                scan.reread.add(item)
    scan.sidecars = {k: v for k, v in scan.sidecars.items() if v}
    for doc_id in set(known) - present:
        if any(not prefix or doc_id.startswith(prefix + "/") for prefix in unlisted):
            scan.unchanged[doc_id] = known[doc_id]
        else:
            scan.removed.append(doc_id)
    scan.removed.sort()
    return scan


def corpus_is_stale(corpus: Path, index_dir: Path, fields: FieldMap | None = None) -> bool:
    """True when files were added, changed or removed since the index was written,
    when the field mapping changed (``fields``: mappings given now, else the stored
    ones), or when a derived table is missing or damaged (an update rewrites it)."""
    ix, info = open_index(index_dir)
    data = live_dir(index_dir)
    assert data is not None
    try:
        manifest = load_manifest(ix, data)
        with ix.reader() as reader:
            derived_bad = (
                periods_problem(reader, data) is not None
                or groups_problem(reader, data) is not None
            )
        derived_bad = derived_bad or vocabulary_problem(data) is not None
    finally:
        ix.close()
    if derived_bad:
        return True
    given = fields if fields is not None else info.get("field_options") or {}
    if field_map_for(corpus, given) != (info.get("fields") or {}):
        return True
    scan = scan_corpus(corpus, manifest["files"], manifest.get("sidecars"))
    return bool(scan.to_index or scan.removed)


# --- building and updating ---------------------------------------------------------


def _load_one(
    path: Path,
    base: Path,
    sidecars: Sidecars,
    source_from_folder: bool = False,
    fields: FieldMap | None = None,
) -> tuple[list[Article | Skipped], FileState] | Skipped:
    loaded = load_file(path, base, sidecars, source_from_folder, fields)
    if isinstance(loaded, Skipped):
        return loaded
    items, data, st = loaded
    return items, FileState(st.st_size, st.st_mtime_ns, file_digest(data))


def update_index(
    corpus: Path,
    index_dir: Path,
    rebuild: bool = False,
    progress: Progress | None = None,
    source_from_folder: bool | None = None,
    fields: FieldMap | None = None,
) -> UpdateReport:
    """Bring the index in ``index_dir`` up to date with ``corpus``.

    Adds new files, re-indexes changed ones and removes deleted ones. A missing,
    outdated, damaged or ``rebuild``-requested index is built afresh in a new
    generation; a damaged one is kept aside as ``damaged-*``. An index of another
    corpus folder is refused unless ``rebuild``. Nothing is visible to readers
    until a commit succeeds. ``source_from_folder`` (the first folder below the
    corpus names an article's source where the text names none) is remembered by
    the index; None keeps what it was built with, and a change rebuilds it.

    ``fields`` maps record fields (``{"text": "article_body"}``); the index
    remembers the mappings it was given and uses them on later updates, and a
    changed mapping (given or in the corpus's ``korpus.fields``) rebuilds it.
    """
    started = time.perf_counter()
    if not corpus.exists():
        raise CorpusNotFound(f"corpus not found: {corpus}")
    _check_index_dir(index_dir)
    corpus = corpus.resolve()
    with write_lock(index_dir):
        remove_retired(index_dir)
        try:
            data = live_dir(index_dir)
            damage = None if data is None else generation_problem(data)
        except IndexDamaged as exc:
            data, damage = None, (Path(exc.path), exc.problem)
        info = read_info(data) if data and damage is None else {}
        reason = None
        given: FieldMap = fields if fields is not None else dict(info.get("field_options") or {})
        mapping = field_map_for(corpus, given)
        if damage is not None:
            reason = f"{damage[0]} was damaged: {damage[1]}"
        elif data is None:
            reason = "no index yet"
        elif info.get("format") != FORMAT:
            reason = "the index was built by another version of korpus"
        elif rebuild:
            reason = "rebuild requested"
        elif info.get("corpus") != str(corpus):
            raise IndexOfOtherCorpus(
                f"the index in {index_dir} was built from {info.get('corpus')}, not from {corpus}",
                hint=f"to replace it with an index of {corpus}: "
                f"korpus index {corpus} --index {index_dir} --rebuild",
            )
        elif mapping != (info.get("fields") or {}):
            reason = "the field mapping changed"
        stored = bool(info.get("source_from_folder", False))
        folders = stored if source_from_folder is None else source_from_folder
        if reason is None and folders != stored:
            reason = "sources from folders " + ("turned on" if folders else "turned off")
        if reason is not None:
            try:
                report = _build_generation(corpus, index_dir, progress, folders, given, mapping)
            except IndexerFailed as exc:
                _release_files(exc)
                raise
            report.reason = reason
            if damage is not None and data is not None:
                report.kept_aside = _set_aside(index_dir, data)
        else:
            assert data is not None
            try:
                report = _update_generation(corpus, data, progress, folders, mapping)
            except OSError as exc:
                # Failed before or after the commit (opening a writer, derived files).
                _release_files(exc)
                _remove_uncommitted(data)
                raise _write_failed(exc, data) from None
            except IndexerFailed as exc:
                _release_files(exc)
                raise
    report.seconds = time.perf_counter() - started
    return report


def generation_problem(data: Path) -> tuple[Path, str] | None:
    """What makes a generation unusable (a damaged Whoosh file or word list), or None."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    from korpus.analysis import lexicon_files_problem

    try:
        if read_info(data).get("format") != FORMAT:
            return None  # another version: rebuilt for that reason
    except IndexDamaged as exc:
        return Path(exc.path), exc.problem
    problem = whoosh_files_problem(data, deep=True) or lexicon_files_problem(
        data / LEXICON_FILE
    )
    if problem is not None:
        return problem
    try:
        toc = TOC.read(FileStorage(str(data)), "MAIN")
        if toc.schema.names() != build_schema().names():
            return data / f"_MAIN_{toc.generation}.toc", "its schema is not korpus's"
    except READ_ERRORS as exc:
        found = whoosh_files_problem(data, deep=True)
        return found or (data, f"the table of contents cannot be read ({exc})")
    return None


DAMAGED = "damaged-"


def _set_aside(index_dir: Path, data: Path) -> Path:
    """Keep a damaged generation for inspection (only the latest); return where."""
    for old in index_dir.glob(f"{DAMAGED}*"):
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
    target = index_dir / (DAMAGED + data.name.removeprefix("data-"))
    data.rename(target)
    return target


PARALLEL_MIN_FILES = 400
# A file counts as one article per this many bytes: a record file of thousands of
# articles is worth the parallel writer as much as a folder of them.
BYTES_PER_ARTICLE = 16 * 1024


def _work_units(paths: list[Path]) -> int:
    units = 0
    for path in paths:
        try:
            units += max(1, path.stat().st_size // BYTES_PER_ARTICLE)
        except OSError:
            units += 1
    return units



# Postings a writer holds in memory before it moves them to a run file on disk
# (MB as Whoosh counts them; a process's memory grows to about three times this).
SERIAL_LIMIT_MB = 256
WORKER_LIMIT_MB = 160


def _new_writer(ix: Any, files: int = 0) -> Any:
    """A writer; for large batches one that analyses on every core.

    Whoosh's parallel writer loses a batch silently when a worker dies, so
    :func:`_build_generation` compares the document count after committing.
    """
    procs = min(os.cpu_count() or 1, 4)
    # Separate segment files, not one compound file: Whoosh copies a compound
    # file's parts into memory on every open, which costs each search 200 ms.
    if files >= PARALLEL_MIN_FILES and procs > 1:
        writer = ix.writer(
            timeout=5.0,
            procs=procs,
            multisegment=True,
            batchsize=64,
            limitmb=WORKER_LIMIT_MB,
            compound=False,
        )
        _start_workers(writer)
        _watch_workers(writer)
        return writer
    from korpus.postings import FastWriter

    return FastWriter(ix, timeout=5.0, limitmb=SERIAL_LIMIT_MB, compound=False)


def _watch_workers(writer: Any) -> None:
    """Make handing a batch to the workers fail at once when one of them has died.

    Whoosh's parallel writer puts batches on a bounded queue and waits for ever
    when no worker is left to take them.
    """
    put = writer.jobqueue.put

    def watched_put(item: Any, block: bool = True, timeout: float | None = None) -> None:
        while True:
            _check_workers(writer)
            try:
                put(item, True, 0.5)
                return
            except queue.Full:
                continue

    writer.jobqueue.put = watched_put


def _check_workers(writer: Any) -> None:
    for task in getattr(writer, "tasks", []):
        if not task.is_alive() and task.exitcode:
            code = task.exitcode
            how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
            raise IndexerFailed(
                f"indexing worker process {task.pid} {how}; the index is as it was",
                hint="check memory and the system log, then run korpus index again",
            )


def _start_workers(writer: Any) -> None:
    """Start Whoosh's worker processes now, with Ctrl-C ignored: the parent handles it."""
    if threading.current_thread() is not threading.main_thread():
        return
    from whoosh.multiproc import SubWriterTask

    class WorkerTask(SubWriterTask):  # type: ignore[misc]
        def run(self) -> None:
            # A worker outlives a killed parent and waits on its queue for ever.
            threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
            from whoosh import multiproc

            from korpus.postings import FastWriter

            # This process is the worker's own: its writer takes the fast path.
            multiproc.SegmentWriter = FastWriter
            super().run()

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while len(writer.tasks) < writer.procs:
            task = WorkerTask(
                writer.storage,
                writer.indexname,
                writer.jobqueue,
                writer.resultqueue,
                writer.subargs,
                writer.multisegment,
            )
            writer.tasks.append(task)
            task.start()
    finally:
        signal.signal(signal.SIGINT, previous)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _stop_workers(writer: Any) -> None:
    # Whoosh's cancel() only flags its workers in the parent's memory; they would
    # wait on their queue for ever and keep the parent from exiting.
    for task in getattr(writer, "tasks", []):
        task.terminate()
        task.join(5)


@dataclass
class _Batch:
    """What one indexing run accumulates besides the Whoosh documents."""

    base: Path
    # The manifest of the index being updated: files to replace, with their articles.
    replace: dict[str, Any]
    files: dict[str, Any]
    sketches: dict[str, Sketch]
    report: UpdateReport
    fields: FieldMap = field(default_factory=dict)
    articles: int = 0
    source_from_folder: bool = False


def announce(progress: Progress | None, phase: str) -> None:
    """Tell a progress display that a phase begins: reading, writing or finishing.

    A display that wants phases has a ``phase`` method; a plain callable is left alone.
    """
    start_phase = getattr(progress, "phase", None)
    if start_phase is not None:
        start_phase(phase)


def _index_files(writer: Any, paths: list[Path], batch: _Batch, progress: Progress | None) -> None:
    announce(progress, "reading")
    sidecars: Sidecars = {}
    total = len(paths)
    for done, path in enumerate(paths, 1):
        loaded = _load_one(path, batch.base, sidecars, batch.source_from_folder, batch.fields)
        if isinstance(loaded, Skipped):
            batch.report.skipped.append(loaded)
        else:
            items, state = loaded
            # Records a reader passed over (a malformed line) are reported; the
            # file's other articles are indexed.
            articles = [a for a in items if isinstance(a, Article)]
            batch.report.skipped.extend(a for a in items if isinstance(a, Skipped))
            file_id = article_id_for(path, batch.base)
            old = batch.replace.get(file_id)
            if old is not None:
                writer.delete_by_term("file", file_id)
                for old_id in article_ids(file_id, old):
                    batch.sketches.pop(old_id, None)
            for article in articles:
                writer.add_document(**document_for(article, state, file_id))
                if old is not None:
                    batch.report.updated += 1
                else:
                    batch.report.added += 1
                found = sketch(article.text, article.source)
                if found is not None:
                    batch.sketches[article.id] = found
            batch.articles += len(articles)
            batch.files[file_id] = manifest_entry(state, file_id, [a.id for a in articles])
        if progress is not None:
            progress(done, total)
    # The parallel workers are still analysing; committing waits for them and merges.
    announce(progress, "analysing and writing")


def _write_derived(ix: Any, data_dir: Path, sketches: dict[str, Sketch]) -> None:
    """Files kept beside each committed generation: checksums, vocabulary, periods, duplicates."""
    record_checksums(ix, data_dir)
    write_vocabulary(ix, data_dir)
    write_periods(ix, data_dir)
    save_sketches(data_dir, ix.latest_generation(), sketches)
    write_groups(ix, data_dir, sketches)


def _current_sketches(ix: Any, data_dir: Path) -> dict[str, Sketch]:
    """The sketches of the committed generation: saved ones if they are its own."""
    saved = load_sketches(data_dir, ix.latest_generation())
    if saved is not None:
        return saved
    with ix.reader() as reader:
        return sketches_from_stored(reader)


def _repair_derived(ix: Any, data_dir: Path) -> list[str]:
    """Rewrite every derived file that is missing, stale or fails its check.

    A run killed between its commit and its derived files leaves some of them
    behind; a damaged one must never be used. Returns what was rewritten.
    """
    repaired = []
    generation = ix.latest_generation()
    latest = _latest_checksums(data_dir)
    if latest is None or latest[0] != generation:
        record_checksums(ix, data_dir)
        repaired.append("checksums")
    if vocabulary_problem(data_dir) is not None:
        write_vocabulary(ix, data_dir)
        repaired.append("vocabulary")
    with ix.reader() as reader:
        periods_bad = periods_problem(reader, data_dir) is not None
        groups_bad = groups_problem(reader, data_dir) is not None
    if periods_bad:
        write_periods(ix, data_dir)
        repaired.append("periods")
    sketches = load_sketches(data_dir, generation)
    if sketches is None:
        sketches = _current_sketches(ix, data_dir)
        save_sketches(data_dir, generation, sketches)
        repaired.append("sketches")
        groups_bad = True
    if groups_bad:
        write_groups(ix, data_dir, sketches)
        repaired.append("groups")
    return repaired


def _write_and_commit(writer: Any, work: Callable[[], None], data_dir: Path) -> None:
    """Run ``work`` with ``writer`` and commit; on any failure or Ctrl-C, cancel.

    A commit that fails (a full disk) leaves a half-written segment and Whoosh's
    temporary folder; both go, so the next run starts from the last commit.
    """
    try:
        work()
        _check_workers(writer)
        writer.commit()
    except BaseException as exc:
        _stop_workers(writer)
        try:
            writer.cancel()
        except READ_ERRORS:
            pass  # a writer whose commit failed half-way cannot always cancel
        _remove_uncommitted(data_dir)
        if isinstance(exc, OSError):
            raise _write_failed(exc, data_dir) from exc
        raise


def _write_failed(exc: OSError, data_dir: Path) -> IndexerFailed:
    where = data_dir / os.fsdecode(exc.filename) if exc.filename else data_dir
    return IndexerFailed(
        f"could not write the index: {exc.strerror or exc}: {where}; the index is as it was",
        hint="free space or fix the cause, then run korpus index again",
    )


def _release_files(exc: BaseException) -> None:
    """Close the files a failed commit left open: on a full disk they hold the space.

    They belong to readers and writers local to the frames the error came
    through; clearing those frames lets them go now rather than at exit.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        seen: BaseException | None = exc
        while seen is not None:
            traceback.clear_frames(seen.__traceback__)
            seen = seen.__cause__ or seen.__context__
        gc.collect()


def _remove_uncommitted(data_dir: Path) -> None:
    """Delete Whoosh files that no committed table of contents refers to."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC, EmptyIndexError, clean_files

    storage = FileStorage(str(data_dir))
    try:
        toc = TOC.read(storage, "MAIN")
    except EmptyIndexError:
        return
    except READ_ERRORS:
        return
    clean_files(storage, "MAIN", toc.generation, toc.segments)
    for leftover in data_dir.glob("*.tmp"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _build_generation(
    corpus: Path,
    index_dir: Path,
    progress: Progress | None,
    source_from_folder: bool = False,
    given: FieldMap | None = None,
    fields: FieldMap | None = None,
) -> UpdateReport:
    from whoosh import index as whoosh_index

    report = UpdateReport(rebuilt=True)
    scan = scan_corpus(corpus, {})
    report.skipped.extend(scan.skipped)
    index_dir.mkdir(parents=True, exist_ok=True)
    new_dir = Path(
        tempfile.mkdtemp(prefix=f"data-{time.strftime('%Y%m%d-%H%M%S')}-", dir=index_dir)
    )
    # mkdtemp makes the folder 0700; colleagues sharing an index read it as the umask says.
    mask = os.umask(0o022)
    os.umask(mask)
    new_dir.chmod(0o777 & ~mask)
    name = new_dir.name
    try:
        ix = whoosh_index.create_in(str(new_dir), build_schema())
        # A new index takes the current word list; load it before the workers fork,
        # so they share it.
        use_lexicon(None)
        save_lexicon(new_dir / LEXICON_FILE)
        batch = _Batch(
            _base(corpus), {}, {}, {}, report,
            fields=dict(fields or {}), source_from_folder=source_from_folder,
        )  # fmt: skip
        if not scan.to_index:
            raise CorpusEmpty(
                f"no readable article in {corpus} ({len(scan.skipped)} files skipped)",
            )
        writer = _new_writer(ix, _work_units(scan.to_index))

        def work() -> None:
            _index_files(writer, scan.to_index, batch, progress)
            if not batch.articles:
                raise CorpusEmpty(
                    f"no readable article in {corpus} ({len(report.skipped)} files skipped)"
                )

        _write_and_commit(writer, work, new_dir)
        if ix.doc_count() != batch.articles:
            # A worker died after taking its last batch: that batch is lost.
            raise IndexerFailed(
                f"an indexing worker lost {batch.articles - ix.doc_count()} articles; "
                "the index is as it was",
                hint="check memory and the system log, then run korpus index again",
            )
        files = batch.files
        write_json_table(
            new_dir / INFO_FILE,
            INFO_KIND,
            INFO_VERSION,
            {
                "format": FORMAT,
                "corpus": str(corpus),
                "built": datetime.now().isoformat(timespec="seconds"),
                "source_from_folder": source_from_folder,
                "field_options": given or {},
                "fields": fields or {},
            },
        )
        _save_manifest(
            ix,
            new_dir,
            {"files": files, "skipped": _skipped_json(report.skipped), "sidecars": scan.sidecars},
        )
        announce(progress, "finishing")
        _write_derived(ix, new_dir, batch.sketches)
        report.total = ix.doc_count()
        ix.close()
        _swap_live(index_dir, name)
    except OSError as exc:
        shutil.rmtree(new_dir, ignore_errors=True)
        raise _write_failed(exc, new_dir) from exc
    except BaseException:
        shutil.rmtree(new_dir, ignore_errors=True)
        raise
    return report


RETIRED = ".retired"
# How long a replaced generation stays for searches that opened it before the swap:
# Whoosh opens some of a segment's files lazily, after the search has begun.
RETIRED_GRACE_SECONDS = 120.0


def _live_or_none(index_dir: Path) -> Path | None:
    try:
        return live_dir(index_dir)
    except IndexDamaged:
        return None


def _swap_live(index_dir: Path, name: str) -> None:
    old = _live_or_none(index_dir)
    # A fresh name each time: nothing planted under it is replaced or followed.
    tmp_link = index_dir / f".{CURRENT}.{os.getpid()}.{os.urandom(4).hex()}"
    os.symlink(name, tmp_link)
    os.replace(tmp_link, index_dir / CURRENT)
    if old is not None and old.name != name:
        write_atomic(old / RETIRED, str(time.time()).encode())
    remove_retired(index_dir, keep=name)


def remove_retired(index_dir: Path, keep: str | None = None) -> None:
    """Delete generations replaced long enough ago, and any an interrupted build left.

    Runs under the write lock, so no other build is writing a generation. Only
    real folders are removed: a link named like a generation is left alone.
    """
    live = _live_or_none(index_dir)
    for data in index_dir.glob("data-*"):
        if data.name == keep or (live is not None and data.name == live.name):
            continue
        if data.is_symlink() or not data.is_dir():
            continue
        try:
            retired = float(read_bytes(data / RETIRED))
        except (OSError, ValueError):
            retired = 0.0  # never live: left behind by an interrupted build
        if time.time() - retired >= RETIRED_GRACE_SECONDS:
            shutil.rmtree(data, ignore_errors=True)


def _update_generation(
    corpus: Path,
    data: Path,
    progress: Progress | None,
    source_from_folder: bool = False,
    fields: FieldMap | None = None,
) -> UpdateReport:
    from whoosh import index as whoosh_index

    use_lexicon(data / LEXICON_FILE)

    report = UpdateReport()
    ix = whoosh_index.open_dir(str(data))
    try:
        manifest = load_manifest(ix, data)
        known: dict[str, Any] = manifest["files"]
        scan = scan_corpus(corpus, known, manifest.get("sidecars"))
        report.skipped.extend(scan.skipped)
        files = dict(scan.unchanged)
        to_parse: list[Path] = []
        base = _base(corpus)
        # A touched file whose bytes did not change needs no re-indexing.
        for path in scan.to_index:
            doc_id = article_id_for(path, base)
            old = known.get(doc_id)
            if old and path not in scan.reread:
                try:
                    # Read as the loader reads: a FIFO or device here must not block.
                    raw, st = read_regular(path, max_bytes_for(path.name))
                    digest = file_digest(raw)
                except (OSError, SkipFile):
                    to_parse.append(path)
                    continue
                if digest == old[2]:
                    files[doc_id] = [st.st_size, st.st_mtime_ns, digest, *old[3:]]
                    continue
            to_parse.append(path)
        report.unchanged = len(files)
        if known and not files and not to_parse:
            raise CorpusEmpty(
                f"no readable article in {corpus} now; the index keeps its {len(known)} articles",
                hint="if the corpus really is empty, remove the index folder",
            )
        if to_parse or scan.removed:
            # Updates stay serial: Whoosh's parallel writer may drop a batch silently,
            # and a partial update has no clean way back.
            writer = _new_writer(ix)
            sketches = _current_sketches(ix, data)
            batch = _Batch(
                base, known, files, sketches, report,
                fields=dict(fields or {}), source_from_folder=source_from_folder,
            )  # fmt: skip

            def apply() -> None:
                for file_id in scan.removed:
                    writer.delete_by_term("file", file_id)
                    for doc_id in article_ids(file_id, known[file_id]):
                        sketches.pop(doc_id, None)
                        report.removed += 1
                _index_files(writer, to_parse, batch, progress)
                # A file that could not be read keeps its last good version.
                for skipped in report.skipped:
                    kept = article_id_for(Path(skipped.path), base)
                    if kept in known and kept not in files:
                        files[kept] = known[kept]
                if not files:
                    raise CorpusEmpty(
                        f"no readable article in {corpus} now; "
                        f"the index keeps its {len(known)} articles",
                        hint="if the corpus really is empty, remove the index folder",
                    )

            _write_and_commit(writer, apply, data)
            announce(progress, "finishing")
            _write_derived(ix, data, sketches)
        else:
            report.repaired = _repair_derived(ix, data)
        if (
            to_parse
            or scan.removed
            or files != known
            or manifest.get("skipped") != _skipped_json(report.skipped)
            or manifest.get("sidecars") != scan.sidecars
        ):
            skipped = _skipped_json(report.skipped)
            _save_manifest(
                ix, data, {"files": files, "skipped": skipped, "sidecars": scan.sidecars}
            )
        report.total = ix.doc_count()
    finally:
        ix.close()
    return report


def _base(corpus: Path) -> Path:
    return corpus if corpus.is_dir() else corpus.parent


def _skipped_json(skipped: list[Skipped]) -> list[dict[str, str]]:
    return [{"path": s.path, "reason": s.reason} for s in skipped]


def index_corpus_dir(index_dir: Path) -> Path | None:
    """The corpus folder an index was built from."""
    data = live_dir(index_dir)
    corpus = read_info(data).get("corpus") if data else None
    return Path(corpus) if corpus else None


def last_skipped(index_dir: Path) -> list[dict[str, str]]:
    """Files skipped at the last indexing, with reasons."""
    ix, _ = open_index(index_dir)
    data = live_dir(index_dir)
    assert data is not None
    try:
        skipped: list[dict[str, str]] = load_manifest(ix, data).get("skipped", [])
        return skipped
    finally:
        ix.close()


def ensure_index(
    index_dir: Path,
    corpus: Path | None,
    progress: Progress | None = None,
    update: bool = True,
    fields: FieldMap | None = None,
) -> UpdateReport | None:
    """Build a missing index and refresh a stale one before a search.

    ``corpus`` defaults to the folder the index records. When another process is
    writing the index, or the index cannot be written (read-only), the search
    goes ahead on the index as it stands; the returned report's ``warning`` says so.
    """
    _check_index_dir(index_dir)
    data = live_dir(index_dir)
    usable = data is not None and read_info(data).get("format") == FORMAT
    if usable and not update:
        return None
    if data is None:
        holder = lock_holder(index_dir)
        if holder is not None:
            raise IndexBusy(
                f"the index in {index_dir} is being built by process {holder}",
                hint="wait for it to finish, then try again",
            )
    source = corpus or index_corpus_dir(index_dir)
    if source is None or not source.exists():
        if usable:
            return None
        raise IndexMissing(f"no index in {index_dir}, and no corpus to build it from")
    try:
        if usable and not corpus_is_stale(source, index_dir, fields):
            return None
        return update_index(source, index_dir, progress=progress, fields=fields)
    except IndexBusy:
        if usable:
            return None
        raise
    except (IndexerFailed, OSError) as exc:
        if not usable:
            raise
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        where = f": {exc.filename}" if isinstance(exc, OSError) and exc.filename else ""
        return UpdateReport(warning=f"could not update the index ({why}{where})")
