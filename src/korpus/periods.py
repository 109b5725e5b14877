"""The date period of every indexed article, by document number.

Whoosh answers a date range over 64-bit numbers by expanding it into many
terms, which costs a filtered search hundreds of milliseconds. korpus instead
writes each generation's periods to a small binary table at commit time and
filters with one pass over it.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from korpus.errors import IndexDamaged
from korpus.storage import read_problem, read_table, write_table

UNDATED = 0
KIND, VERSION = "periods", 1


def _table_path(data_dir: Path, generation: int) -> Path:
    return data_dir / f"periods-{generation}.bin"


@dataclass(frozen=True)
class Periods:
    """First and last moment (YYYYMMDDhhmmss) of each document's date; 0 when undated."""

    starts: array[int]
    ends: array[int]

    def matching(self, start: int | None, end: int | None, include_undated: bool) -> set[int]:
        """Documents whose period overlaps [start, end], plus undated ones if asked."""
        low = start if start is not None else 1
        high = end if end is not None else 99991231235959
        return {
            doc
            for doc, (s, e) in enumerate(zip(self.starts, self.ends, strict=True))
            if (s != UNDATED and s <= high and e >= low) or (s == UNDATED and include_undated)
        }


def _from_columns(reader: Any) -> Periods:
    starts = array("Q", (v or 0 for v in reader.column_reader("date_start")))
    ends = array("Q", (v or 0 for v in reader.column_reader("date_end")))
    return Periods(starts, ends)


def write_periods(ix: Any, data_dir: Path) -> None:
    """Write the period table of the index's latest generation; drop older tables."""
    with ix.reader() as reader:
        periods = _from_columns(reader)
        generation = reader.generation()
    path = _table_path(data_dir, generation)
    write_table(path, KIND, VERSION, periods.starts.tobytes() + periods.ends.tobytes())
    for old in data_dir.glob("periods-*.bin"):
        if old != path:
            old.unlink(missing_ok=True)


def _read(path: Path, count: int) -> Periods:
    """The checked table at ``path``. Raises OSError or IndexDamaged."""
    values = array("Q")
    payload = read_table(path, KIND, VERSION)
    if len(payload) != 2 * count * values.itemsize:
        raise IndexDamaged(path, f"holds {len(payload)} bytes, not the periods of {count} articles")
    values.frombytes(payload)
    return Periods(values[:count], values[count:])


def load_periods(reader: Any, data_dir: Path) -> Periods:
    """The period table for the generation ``reader`` reads.

    A missing or damaged table is never used: the periods are read from the
    index's date columns instead (slower, always right).
    """
    count = reader.doc_count_all()
    try:
        return _read(_table_path(data_dir, reader.generation()), count)
    except (OSError, IndexDamaged):
        return _from_columns(reader)


def periods_problem(reader: Any, data_dir: Path) -> str | None:
    """What is wrong with the generation's period table; None when it is whole."""
    path = _table_path(data_dir, reader.generation())
    return read_problem(lambda: _read(path, reader.doc_count_all()))
