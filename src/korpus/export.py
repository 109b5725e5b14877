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
# Every field a hit can export; "text" is the article's whole text.
HIT_FIELDS = (
    *CSV_COLUMNS,
    "date_origin",
    "updated",
    "cited",
    "lead",
    "title_matches",
    "text",
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


# Excel's limit for one cell; longer text is cut with a mark.
XLSX_CELL_LIMIT = 32767


def xlsx_cell(value: Any) -> Any:
    """A cell value for Excel: numbers as numbers, text neutralised as in CSV."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value).lower()
    if isinstance(value, int | float):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", safe_cell(value))
    return text if len(text) <= XLSX_CELL_LIMIT else text[: XLSX_CELL_LIMIT - 1] + "…"


def to_xlsx(rows: Iterable[dict[str, Any]], columns: Iterable[str], sheet: str = "korpus") -> bytes:
    """An Excel workbook (one sheet, a header row, a row per record).

    German Excel opens a UTF-8 comma CSV as one column; a workbook needs no
    import settings. openpyxl is imported here only, so other exports never load it.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    columns = list(columns)
    book = Workbook(write_only=True)
    table = book.create_sheet(sheet)
    table.freeze_panes = "A2"
    for i, name in enumerate(columns, 1):
        wide = name in ("title", "snippet", "text", "left", "right")
        table.column_dimensions[get_column_letter(i)].width = 60 if wide else 14
    table.append(columns)
    for row in rows:
        table.append([xlsx_cell(row.get(c)) for c in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes | Iterable[str]) -> None:
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
        # mkstemp makes the file 0600; an export is for colleagues too, as the umask says.
        os.fchmod(fd, 0o666 & ~_umask())
        if isinstance(content, bytes):
            with os.fdopen(fd, "wb") as raw:
                raw.write(content)
                raw.flush()
                os.fsync(raw.fileno())
        else:
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
