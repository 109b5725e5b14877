"""Search results as JSON, JSON Lines and CSV, written atomically when written to a file."""

from __future__ import annotations

import io
import json
import os
import re
import stat
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
# Where a CSV reader, or a spreadsheet splitting a cell, may start a new line.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# C1 controls (0x80-0x9f) are not escaped by json.dumps; \x9b acts as ESC [ on
# some terminals.
_C1 = re.compile(r"[\x7f-\x9f]")


def _json_safe(text: str) -> str:
    """Valid UTF-8 (lone surrogates replaced) with C1 controls written as \\u escapes."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_json(value: Any) -> str:
    """JSON with readable German text (no \\u escapes) and no invalid surrogates."""
    return _json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def to_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield _json_safe(json.dumps(row, ensure_ascii=False, default=str)) + "\n"


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
    # Every line of the cell, not only the first: a reader that splits the row at a
    # line break inside it must not find a formula at the start of the next "row".
    # A leading apostrophe makes Excel and LibreOffice show the text as text.
    lines = _LINE_BREAK.split(text)
    breaks = _LINE_BREAK.findall(text)
    out = ["'" + line if line.startswith(_FORMULA_START) else line for line in lines]
    return "".join(part for pair in zip(out, [*breaks, ""], strict=True) for part in pair)


def csv_field(cell: str, delimiter: str = ",") -> str:
    """One CSV field, quoted when it holds the delimiter, a quote or any line break."""
    if delimiter in cell or '"' in cell or _LINE_BREAK.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def to_csv(
    rows: Iterable[dict[str, Any]], columns: Iterable[str] = CSV_COLUMNS, inert: bool = False
) -> str:
    """CSV, a row a line; ``inert`` replaces control characters (for a terminal).

    Python's csv module quotes a cell with a bare CR only when CR is part of the
    line terminator, so the quoting is done here.
    """
    columns = list(columns)
    lines = [",".join(csv_field(c) for c in columns)]
    for row in rows:
        cells = (safe_cell(row.get(c)) for c in columns)
        if inert:
            from korpus.render import inert as make_inert

            cells = (make_inert(c) for c in cells)
        # A lone empty cell is written "" as the csv module does, or it reads as no row.
        lines.append(",".join(csv_field(c) for c in cells) or '""')
    return "\n".join(lines) + "\n"


def check_output_target(path: Path) -> None:
    """Allow only a regular file or nothing at ``path``: the rename would replace a
    symlink, a device (``/dev/null``), a FIFO or a socket with a file.
    """
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode):
        return
    kind = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a symbolic link"
        if stat.S_ISLNK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise OutputError(
        f"cannot write {path}: it is {kind}; korpus writes only a new or a regular file",
        hint="name a new file, or print to stdout without --output",
    )


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
    check_output_target(path)
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
