"""Where a command's records go: stdout or a file, as JSON, JSON Lines, CSV, Excel or text."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from korpus.commands.common import fail, note, write_data


class ExportFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


def format_from_suffix(output: Path | None) -> ExportFormat:
    """The format an output file's suffix names; text for none or another."""
    if output is None:
        return ExportFormat.text
    suffix = output.suffix.lower().lstrip(".")
    return ExportFormat(suffix) if suffix in ExportFormat.__members__ else ExportFormat.text


def parse_fields(value: str | None, known: Sequence[str], default: Sequence[str]) -> list[str]:
    """The columns ``--fields a,b,c`` chooses, in that order."""
    if not value:
        return list(default)
    fields = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in fields if f not in known]
    if unknown:
        raise fail(f"--fields: unknown field {unknown[0]!r}", hint=f"fields: {', '.join(known)}")
    if not fields:
        raise fail("--fields: no field named")
    return fields


def write_records(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    fmt: ExportFormat,
    output: Path | None,
    noun: str,
    document: dict[str, Any] | None = None,
) -> None:
    """Rows as JSON (``document`` if given), JSON Lines, CSV or an Excel workbook.

    To stdout, or atomically to ``output`` with a note on stderr. A workbook
    needs a file: a terminal or pipe has no use for its bytes.
    """
    from korpus import export

    content: Any
    if fmt is ExportFormat.json:
        chosen = document if document is not None else rows
        content = export.to_json(chosen) + "\n"
    elif fmt is ExportFormat.jsonl:
        content = export.to_jsonl(rows)
    elif fmt is ExportFormat.csv:
        from korpus.render import is_terminal

        # Escape sequences in a cell must not act on the terminal it is printed to.
        to_terminal = output is None and is_terminal(sys.stdout)
        content = export.to_csv(rows, columns=columns, inert=to_terminal)
    else:
        if output is None:
            raise fail("--format xlsx needs --output FILE.xlsx")
        content = export.to_xlsx(rows, columns, sheet=noun)
    if output is None:
        write_data(content)
        return
    export.write_atomic(output, content)
    note(f"wrote {len(rows)} {noun} to {output}")


def write_text(render: Callable[[Any], None], output: Path, what: str) -> None:
    """The text layout, without colour or wrapping, written atomically to ``output``."""
    from korpus import export
    from korpus import render as rendering

    previous = rendering.color_mode()
    rendering.set_color("never")
    try:
        buffer = io.StringIO()
        render(rendering.console(file=buffer))
    finally:
        rendering.set_color(previous)
    export.write_atomic(output, buffer.getvalue())
    note(f"wrote {what} to {output}")
