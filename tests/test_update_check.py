"""The update check reads each vocabulary bucket's lines without building it,
and agrees with loading it."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "merkel\t0\n",
        "merkel\t0\nkanzler\t1\nzug\t2\n",
        "merkel\t0\nkanzler\t1",
        "merkel\t0\n\nkanzler\t1\n",
        "merkel\t0\n\n",
        "merkel\nkanzler\t1\n",
        "mer\tkel\t0\n",
        "merkel\t0\r\nkanzler\t1\n",
        "mer\x85kel\t0\n",
        "merkel\t0\u2028kanzler\t1\n",
        "\t\n",
        "\n",
    ],
)
def test_a_quick_bucket_check_agrees_with_loading_it(tmp_path: Path, payload: str) -> None:
    from korpus.errors import IndexDamaged
    from korpus.storage import write_table
    from korpus.variants import KIND, VERSION, _bucket_reads, _load_bucket

    path = tmp_path / "61.tsv"
    write_table(path, KIND, VERSION, payload.encode("utf-8"))
    try:
        _load_bucket(path, 0, 0)
        loads = True
    except IndexDamaged:
        loads = False
    # The quick check may send a bucket to be loaded; it never passes a bad one.
    assert not _bucket_reads(path) or loads
    if "\r" not in payload and "\x85" not in payload and "\u2028" not in payload:
        assert _bucket_reads(path) == loads
