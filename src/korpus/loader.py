"""Corpus folders become articles: walking folders, reading files, sidecar metadata.

Files are read by :func:`read_file`, which hands their bytes to the reader for
their kind (:mod:`korpus.readers`); folders are walked by :func:`iter_corpus`,
which reports every file it skips and why.
"""

from __future__ import annotations

import csv
import json
import os
import re
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


# --- sidecars -----------------------------------------------------------------------


def read_sidecar(folder: Path) -> dict[str, dict[str, str]]:
    """Metadata rows of a folder's ``metadata.jsonl`` or ``metadata.csv``, by file name."""
    rows: list[dict[str, Any]] = []
    for name in SIDECAR_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
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
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
    table: dict[str, dict[str, str]] = {}
    for row in rows:
        key = next((row[k] for k in ("file", "filename", "path", "name", "id") if row.get(k)), None)
        if key is None:
            continue
        clean = {k.lower(): str(v) for k, v in row.items() if v not in (None, "")}
        table[unicodedata.normalize("NFC", str(key))] = clean
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
        _check_size(path, path.stat().st_size)
        data = path.read_bytes()
    else:
        _check_size(path, len(data))
    meta = {**sidecar, "_origin": "sidecar"} if sidecar else None
    if fields:
        from korpus.readers.records import FIELDS_KEY, encode_field_map

        meta = {**(meta or {}), FIELDS_KEY: encode_field_map(fields)}
    file_id = article_id_for(path, root)
    items = read_articles(data, file_id, str(path), meta)
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
) -> tuple[list[Article | Skipped], bytes, os.stat_result] | Skipped:
    """Read one corpus file with its folder's sidecar row (read once per folder).

    Returns the file's articles (and records passed over) with the bytes and stat
    they were read from, or why the file was skipped.
    """
    folder = path.parent
    if folder not in sidecars:
        sidecars[folder] = read_sidecar(folder)
    try:
        st = path.stat()
        _check_size(path, st.st_size)
        data = path.read_bytes()
        row = sidecars[folder].get(unicodedata.normalize("NFC", path.name))
        items = read_file(
            path, base, row, data=data, source_from_folder=source_from_folder, fields=fields
        )
        return items, data, st
    except SkipFile as exc:
        return Skipped(str(path), str(exc))
    except OSError as exc:
        return Skipped(str(path), f"cannot read ({exc.strerror or exc})")


def article_id_for(path: Path | str, root: Path | str) -> str:
    """The article's id: its path below the corpus root, "/"-separated, NFC."""
    text, base = str(path), str(root).rstrip(os.sep)
    if text.startswith(base + os.sep):
        rel = text[len(base) + 1 :]
    else:
        rel = os.path.basename(text)
    return unicodedata.normalize("NFC", rel.replace(os.sep, "/"))


def iter_files(root: Path) -> Iterator[Path | Skipped]:
    """Article files below ``root`` in name order; hidden entries are passed over.

    Files with other extensions are reported as skipped, and so are symlink loops
    and symlinks that lead out of the corpus: a corpus never reads outside itself.
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
                yield Skipped(folder, "symlink loop")
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(folder, f"cannot read folder ({exc.strerror or exc})")
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if target != real_root and not target.startswith(inside):
                    yield Skipped(entry.path, "symlink points outside the corpus")
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
                yield Skipped(entry.path, f"not a file korpus reads (extension {suffix})")
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
    for item in iter_files(root):
        loaded = (
            item
            if isinstance(item, Skipped)
            else load_file(item, base, sidecars, source_from_folder, fields)
        )
        if isinstance(loaded, Skipped):
            yield loaded
        else:
            yield from loaded[0]
