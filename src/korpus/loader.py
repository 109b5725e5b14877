"""Corpus folders become articles: walking folders, reading files, sidecar metadata.

Files are read by :func:`read_file`, which hands their bytes to the reader for
their kind (:mod:`korpus.readers`); folders are walked by :func:`iter_corpus`,
which reports every file it skips and why.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from korpus.article import Article, SkipFile, Skipped
from korpus.dates import PartialDate, parse_iso
from korpus.errors import FieldMapError
from korpus.readers import MAX_FILE_BYTES as MAX_FILE_BYTES
from korpus.readers import is_readable_name, max_bytes_for, read_articles
from korpus.sources import normalise_source

SIDECAR_NAMES = ("metadata.jsonl", "metadata.csv")
# Field names of a corpus's record files, "text = article_body" a line.
FIELDS_FILE = "korpus.fields"
FieldMap = dict[str, str]
UNREADABLE_FOLDER = "cannot read folder"


# --- sidecars -----------------------------------------------------------------------


SIDECAR_MAX_BYTES = 64 * 2**20


def _valid_text(value: Any) -> str:
    """Text any encoder takes: a lone surrogate (JSON allows "\\ud800") becomes U+FFFD."""
    return str(value).encode("utf-8", "replace").decode("utf-8")


def read_sidecar(folder: Path) -> dict[str, dict[str, str]]:
    """Metadata rows of a folder's ``metadata.jsonl`` or ``metadata.csv``, by file name."""
    rows: list[dict[str, Any]] = []
    for name in SIDECAR_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            data, _ = read_regular(path, SIDECAR_MAX_BYTES)
            with io.StringIO(data.decode("utf-8-sig"), newline="") as fh:
                if name.endswith(".jsonl"):
                    for line in fh:
                        if line.strip():
                            try:
                                row = json.loads(line)
                            except json.JSONDecodeError:
                                continue
                            if isinstance(row, dict):
                                rows.append(row)
                else:
                    rows.extend(csv.DictReader(fh))
        except (OSError, UnicodeDecodeError, csv.Error, SkipFile):
            continue
    table: dict[str, dict[str, str]] = {}
    for row in rows:
        key = next((row[k] for k in ("file", "filename", "path", "name", "id") if row.get(k)), None)
        if key is None:
            continue
        clean = {
            _valid_text(k).lower(): _valid_text(v) for k, v in row.items() if v not in (None, "")
        }
        table[unicodedata.normalize("NFC", _valid_text(key))] = clean
    return table


# --- field mappings -----------------------------------------------------------------


def parse_field_options(options: list[str]) -> FieldMap:
    """``["text=article_body", ...]`` as a mapping. Raises FieldMapError."""
    from korpus.readers.records import parse_field_option

    mapping: FieldMap = {}
    for option in options:
        try:
            key, name = parse_field_option(option)
        except ValueError as exc:
            raise FieldMapError(str(exc)) from None
        mapping[key] = name
    return mapping


def read_field_file(corpus: Path) -> FieldMap:
    """The mapping in the corpus folder's ``korpus.fields`` file; {} if there is none."""
    folder = corpus if corpus.is_dir() else corpus.parent
    path = folder / FIELDS_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise FieldMapError(f"cannot read {path}: {exc}") from None
    lines = [ln.split("#", 1)[0].strip() for ln in text.splitlines()]
    try:
        return parse_field_options([ln for ln in lines if ln])
    except FieldMapError as exc:
        raise FieldMapError(f"{path}: {exc}") from None


def field_map_for(corpus: Path, options: FieldMap | None) -> FieldMap:
    """The corpus's own mapping file, overridden by mappings given on the command line."""
    return {**read_field_file(corpus), **(options or {})}


# --- files and folders --------------------------------------------------------------


def _check_size(path: Path, size: int) -> None:
    limit = max_bytes_for(path.name)
    if size > limit:
        raise SkipFile(f"file too large ({size // 2**20} MB, limit {limit // 2**20} MB)")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def read_regular(
    path: Path, limit: int, inside: str | None = None
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, at most ``limit`` of them, and its stat.

    Everything is checked on the opened descriptor, not on the path, so a file
    swapped for a FIFO, a device or a link between a check and the read is
    caught: a FIFO cannot block (O_NONBLOCK), a device is never read, and with
    ``inside`` (a real folder path ending in a separator) a file whose real path
    lies outside that folder is refused. Raises SkipFile or OSError.
    """
    try:
        st = os.stat(path)
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        # Not even opened: opening a device can act (a tape rewinds).
        raise SkipFile(f"not a regular file ({_kind(st.st_mode)})")
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SkipFile(f"not a regular file ({_kind(st.st_mode)})")
        if inside is not None and not _opened_inside(fd, path, inside):
            raise SkipFile("symlink points outside the corpus")
        if st.st_size > limit:
            raise SkipFile(f"file too large ({st.st_size // 2**20} MB, limit {limit // 2**20} MB)")
        chunks: list[bytes] = []
        total = 0
        while True:
            # The size can grow after fstat: never read past the limit.
            chunk = os.read(fd, min(2**20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise SkipFile(f"file too large (over {limit // 2**20} MB)")
        return b"".join(chunks), st
    finally:
        os.close(fd)


def _opened_inside(fd: int, path: Path, inside: str) -> bool:
    """Whether the file behind ``fd`` lies in the folder ``inside``."""
    try:
        # Linux names the file a descriptor has open, whatever the path now is.
        real = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        real = os.path.realpath(path)
    return real.startswith(inside)


def path_text(path: Path | str) -> str:
    """A path as text any encoder takes: bytes of a name that are not UTF-8 as \\xNN."""
    text = str(path)
    if text.isascii() or not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    try:
        raw = os.fsencode(text)
    except UnicodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def read_file(
    path: Path,
    root: Path,
    sidecar: dict[str, str] | None = None,
    data: bytes | None = None,
    source_from_folder: bool = False,
    fields: FieldMap | None = None,
) -> list[Article | Skipped]:
    """Read one file's articles, and the records in it that were passed over.

    Where the text gives no date, an ISO date in the file name dates the article;
    with ``source_from_folder``, the first folder below the corpus names the source
    of articles that name none. Raises SkipFile (or OSError) when it holds none.
    """
    if data is None:
        data, _ = read_regular(path, max_bytes_for(path.name))
    else:
        _check_size(path, len(data))
    meta = {**sidecar, "_origin": "sidecar"} if sidecar else None
    if fields:
        from korpus.readers.records import FIELDS_KEY, encode_field_map

        meta = {**(meta or {}), FIELDS_KEY: encode_field_map(fields)}
    file_id = article_id_for(path, root)
    items = read_articles(data, file_id, path_text(path), meta)
    for item in items:
        if isinstance(item, Article):
            apply_file_layout(item, file_id, source_from_folder)
    return items


# "2024-10-28_tagesschau_nato.txt", "20241028-nato.txt"; not inside longer numbers.
_FILENAME_DATE = re.compile(r"(?<![\d])((?:19|20)\d\d)(-?)([01]\d)\2([0-3]\d)(?!\d)")


def date_from_filename(name: str) -> PartialDate | None:
    """The day an ISO date in a file name gives ("2024-10-28_x.txt", "20241028-x.txt")."""
    m = _FILENAME_DATE.search(name)
    return parse_iso(f"{m[1]}-{m[3]}-{m[4]}") if m else None


def apply_file_layout(article: Article, file_id: str, source_from_folder: bool) -> None:
    """Date and source from where the user keeps the file, where the text gives none."""
    folder, _, name = file_id.rpartition("/")
    if article.date is None:
        found = date_from_filename(name)
        if found is not None:
            article.date, article.date_precision = found.iso(), found.precision
            article.date_origin, article.date_line = "filename", name
    if source_from_folder and folder and article.source is None:
        first = folder.split("/", 1)[0]
        article.source = normalise_source(first) or first
        article.sources = [article.source, *article.sources]


Sidecars = dict[Path, dict[str, dict[str, str]]]


def load_file(
    path: Path,
    base: Path,
    sidecars: Sidecars,
    source_from_folder: bool = False,
    fields: FieldMap | None = None,
    confine: bool = True,
) -> tuple[list[Article | Skipped], bytes, os.stat_result] | Skipped:
    """Read one corpus file with its folder's sidecar row (read once per folder).

    Returns the file's articles (and records passed over) with the bytes and stat
    they were read from, or why the file was skipped. With ``confine`` the file
    read must really lie below ``base``, whatever links the path went through.
    """
    folder = path.parent
    if folder not in sidecars:
        sidecars[folder] = read_sidecar(folder)
    try:
        inside = os.path.realpath(base).rstrip(os.sep) + os.sep if confine else None
        data, st = read_regular(path, max_bytes_for(path.name), inside)
        row = sidecars[folder].get(unicodedata.normalize("NFC", path_text(path.name)))
        items = read_file(
            path, base, row, data=data, source_from_folder=source_from_folder, fields=fields
        )
        return items, data, st
    except SkipFile as exc:
        return Skipped(path_text(path), str(exc))
    except OSError as exc:
        return Skipped(path_text(path), f"cannot read ({exc.strerror or exc})")


def article_id_for(path: Path | str, root: Path | str) -> str:
    """The article's id: its path below the corpus root, "/"-separated, NFC."""
    text, base = str(path), str(root).rstrip(os.sep)
    if text.startswith(base + os.sep):
        rel = text[len(base) + 1 :]
    else:
        rel = os.path.basename(text)
    return unicodedata.normalize("NFC", path_text(rel).replace(os.sep, "/"))


def is_index_folder(names: set[str]) -> bool:
    """True for the names of a korpus index folder or of one of its generations."""
    return ("write.lock" in names and "current" in names) or (
        "korpus.json" in names and "lexicon.txt" in names
    )


def iter_files(root: Path) -> Iterator[Path | Skipped]:
    """Article files below ``root`` in name order; hidden entries are passed over.

    Files with other extensions are reported as skipped, and so are symlink loops
    and symlinks that lead out of the corpus: a corpus never reads outside itself.
    A korpus index inside the corpus is passed over.
    """
    if root.is_file():
        yield root
        return
    real_root = os.path.realpath(root)
    inside = real_root.rstrip(os.sep) + os.sep
    seen: set[tuple[int, int]] = set()
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                yield Skipped(path_text(folder), "symlink loop")
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(path_text(folder), f"{UNREADABLE_FOLDER} ({exc.strerror or exc})")
            continue
        if is_index_folder({e.name for e in entries}):
            continue  # never index an index, wherever it was put
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if target != real_root and not target.startswith(inside):
                    yield Skipped(path_text(entry.path), "symlink points outside the corpus")
                    continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(entry.path)
            elif name in SIDECAR_NAMES or name == FIELDS_FILE:
                continue
            elif not is_readable_name(name):
                suffix = os.path.splitext(name)[1] or "none"
                reason = f"not a file korpus reads (extension {suffix})"
                yield Skipped(path_text(entry.path), reason)
            else:
                yield Path(entry.path)
        stack.extend(reversed(subfolders))


def iter_corpus(
    root: Path, source_from_folder: bool = False, fields: FieldMap | None = None
) -> Iterator[Article | Skipped]:
    """Every article below ``root`` (a folder or one file), and every file (or record)
    skipped. Record fields are mapped by ``fields`` and the folder's mapping file."""
    sidecars: Sidecars = {}
    fields = field_map_for(root, fields)
    base = root if root.is_dir() else root.parent
    # A file named on its own is read wherever its links lead; a folder's stay inside.
    confine = root.is_dir()
    for item in iter_files(root):
        loaded = (
            item
            if isinstance(item, Skipped)
            else load_file(item, base, sidecars, source_from_folder, fields, confine=confine)
        )
        if isinstance(loaded, Skipped):
            yield loaded
        else:
            yield from loaded[0]
