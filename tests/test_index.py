from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from korpus.errors import IndexBusy, IndexMissing, IndexUnusable
from korpus.index import (
    INFO_FILE,
    RETIRED,
    live_dir,
    open_index,
    read_info,
    update_index,
    write_lock,
)
from korpus.search import search

from .conftest import IDS, short_ids


def ids_for(index_dir: Path, query: str) -> list[str]:
    return short_ids([h.id for h in search(index_dir, query, limit=None, group=False).hits])


def test_build_indexes_every_article(corpus: Path, tmp_path: Path) -> None:
    report = update_index(corpus, tmp_path / "ix")
    assert (report.added, report.rebuilt, report.total) == (5, True, 5)


def test_noop_update_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    update_index(corpus, tmp_path / "ix")
    report = update_index(corpus, tmp_path / "ix")
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 5)
    assert not report.changed


def test_added_changed_and_removed_files(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    (corpus / "005_neu.txt").write_text(
        "Ein neuer Bericht über Warnstreiks in Bayern.", encoding="utf-8"
    )
    (corpus / IDS["003"]).write_text("Jetzt geht es um Walfang vor Island.", encoding="utf-8")
    (corpus / IDS["004"]).unlink()
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    assert ids_for(index_dir, "Streik") == ["005"]
    assert ids_for(index_dir, "Walfang") == ["003"]
    assert "004" not in ids_for(index_dir, "Nordkorea")
    assert open_index(index_dir)[0].doc_count() == 5


def test_touched_file_with_same_bytes_is_not_reindexed(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    later = time.time() + 5
    os.utime(corpus / IDS["000"], (later, later))
    report = update_index(corpus, index_dir)
    assert (report.updated, report.unchanged) == (0, 5)


def test_rebuild_swaps_generations_and_keeps_one(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    first = live_dir(index_dir)
    report = update_index(corpus, index_dir, rebuild=True)
    assert report.rebuilt and report.reason == "rebuild requested"
    live = live_dir(index_dir)
    assert live != first
    # The replaced generation stays a while for searches that opened it.
    assert first is not None and (first / RETIRED).exists()
    assert sorted(p.name for p in index_dir.glob("data-*")) == sorted([first.name, live.name])


def test_retired_generations_go_after_the_grace_period(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    update_index(corpus, index_dir, rebuild=True)
    monkeypatch.setattr("korpus.index.RETIRED_GRACE_SECONDS", 0.0)
    update_index(corpus, index_dir)
    assert [p.name for p in index_dir.glob("data-*")] == [live_dir(index_dir).name]


def test_index_of_another_version_is_rebuilt(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    info_path = live_dir(index_dir) / INFO_FILE
    info = read_info(live_dir(index_dir))
    info["format"] = "0.0"
    info_path.write_text(json.dumps(info))
    with pytest.raises(IndexUnusable, match="another version"):
        open_index(index_dir)
    report = update_index(corpus, index_dir)
    assert report.rebuilt and "another version" in (report.reason or "")
    assert ids_for(index_dir, "Schoigu") == ["000", "002"]


def test_missing_index_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing):
        open_index(tmp_path / "nothing")


def test_index_path_that_is_a_file(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "file"
    bad.write_text("x")
    with pytest.raises(IndexUnusable, match=str(bad)):
        update_index(corpus, bad)


def test_second_writer_is_told_who_holds_the_lock(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    with write_lock(index_dir):
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        queue = ctx.Queue()

        def other() -> None:
            try:
                update_index(corpus, index_dir)
                queue.put("no error")
            except IndexBusy as exc:
                queue.put(str(exc))

        proc = ctx.Process(target=other)
        proc.start()
        proc.join(30)
        message = queue.get(timeout=5)
    assert f"being updated by process {os.getpid()}" in message


def test_manifest_is_rebuilt_when_missing(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    for manifest in live_dir(index_dir).glob("files-*.json"):
        manifest.unlink()
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 5)


def test_sidecar_fields_reach_the_index(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Die Gewerkschaft ruft zum Warnstreik auf.", encoding="utf-8")
    (corpus / "metadata.jsonl").write_text(
        '{"file": "a.txt", "title": "Warnstreik", "date": "2021-03-04", "source": "taz"}\n',
        encoding="utf-8",
    )
    update_index(corpus, tmp_path / "ix")
    [hit] = search(tmp_path / "ix", "Streik").hits
    assert (hit.title, hit.date, hit.source) == ("Warnstreik", "2021-03-04", "taz")
