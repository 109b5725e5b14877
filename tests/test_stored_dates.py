"""Stored ISO dates read the same through the quick path as through the date search."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from korpus.dates import PartialDate, find_date, parse_iso


def _values() -> list[str]:
    r = random.Random(11)
    values = ["2025", "1999", "2024-02-29", "2023-02-29", "2025-06-26T13:05", " 2025-07 "]
    for _ in range(150):
        y = r.choice([1900, 1950, 1999, 2000, 2024, 2099])
        mo, d, h, mi = r.randint(0, 13), r.randint(0, 32), r.randint(0, 24), r.randint(0, 60)
        values.append(
            r.choice(
                [f"{y}-{mo:02d}", f"{y}-{mo:02d}-{d:02d}", f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}"]
            )
        )
    return values


def _general(value: str) -> PartialDate | None:
    value = value.strip()
    if len(value) == 4 and value.isdigit() and value[:2] in ("19", "20"):
        return PartialDate(datetime(int(value), 1, 1), "year")
    return find_date(value)


@pytest.mark.parametrize("value", _values())
def test_a_stored_date_reads_as_the_date_search_reads_it(value: str) -> None:
    assert parse_iso(value) == _general(value)


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        ("2025", "2025", "year"),
        ("2025-07", "2025-07", "month"),
        ("2025-06-26", "2025-06-26", "day"),
        ("2025-06-26T13:05", "2025-06-26T13:05", "minute"),
    ],
)
def test_each_precision_round_trips(value: str, iso: str, precision: str) -> None:
    parsed = parse_iso(value)
    assert parsed is not None and parsed.iso() == iso and parsed.precision == precision


@pytest.mark.parametrize("value", ["2025-02-30", "2025-13", "2025-06-26T25:00", "1850-01-01"])
def test_impossible_or_unknown_dates_are_none(value: str) -> None:
    assert parse_iso(value) is None
