"""Search results as JSON, JSON Lines and CSV, written atomically when written to a file."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from korpus.errors import OutputError

Format = Literal["text", "json", "jsonl", "csv"]

CSV_COLUMNS = (
    "rank",
    "id",
    "path",
    "title",
    "date",
    "date_precision",
    "source",
    "sources",
    "score",
    "snippet",
    "matches",
    "duplicates",
    "url",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(value: Any) -> str:
    """JSON with readable German text (no \\u escapes) and no invalid surrogates."""
    return (
        json.dumps(value, ensure_ascii=False, indent=2, default=str)
        .encode("utf-8", "replace")
        .decode("utf-8")
    )


def to_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield (
            json.dumps(row, ensure_ascii=False, default=str)
            .encode("utf-8", "replace")
            .decode("utf-8")
            + "\n"
        )


def safe_cell(value: Any) -> str:
    """A CSV cell that spreadsheets will not run as a formula (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, list):
        text = (
            "; ".join(str(v) for v in value)
            if all(not isinstance(v, list) for v in value)
            else json.dumps(value)
        )
    else:
        text = str(value)
    if text.startswith(_FORMULA_START):
        # A leading apostrophe makes Excel and LibreOffice show the text as text.
        return "'" + text
    return text


def to_csv(rows: Iterable[dict[str, Any]], columns: Iterable[str] = CSV_COLUMNS) -> str:
    buffer = io.StringIO()
    columns = list(columns)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def write_atomic(path: Path, content: str | Iterable[str]) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    A failure part-way leaves the old file (or none) in place, never half a file.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if isinstance(content, str):
                fh.write(content)
            else:
                fh.writelines(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
