"""Messy folders, interruptions, concurrent use, bad input and hostile text.

The interruption and concurrency tests on a 400-article index are marked ``slow``
(each takes 10 to 20 seconds); run them with ``pytest -m slow``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from korpus.cli import app
from korpus.export import safe_cell
from korpus.index import update_index
from korpus.search import search

from .conftest import BUNDLED, IDS

runner = CliRunner()


def result_set(
    index_dir: Path, queries: tuple[str, ...] = ("Nordkorea", "Schoigu", "Kursk")
) -> dict[str, list[str]]:
    return {q: sorted(h.id for h in search(index_dir, q, limit=None).hits) for q in queries}


def korpus(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "korpus", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
    )


# --- messy corpus folders ----------------------------------------------------------


@pytest.fixture()
def messy(corpus: Path, tmp_path: Path) -> Path:
    (corpus / "leer.txt").write_bytes(b"")
    (corpus / "binär.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (corpus / "riesig.txt").write_bytes(b"Wort " * (10 * 1024 * 1024))
    (corpus / "kaputt.txt").write_bytes(
        "Bericht über Walfang ".encode() + b"\xff\xfe" + " und Ölpreise.".encode()
    )
    (corpus / "mit leerzeichen.txt").write_text("Bericht über Leerzeichenprobleme.")
    (corpus / "Größe.txt").write_text("Bericht über Umlautprobleme.")
    (corpus / unicodedata.normalize("NFD", "Übersee.txt")).write_text(
        "Bericht über Zerlegungsprobleme."
    )
    (corpus / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "HEAD.txt").write_text("Versteckter Geheimtext.")
    deep = corpus.joinpath(*[f"ebene{i}" for i in range(30)])
    deep.mkdir(parents=True)
    (deep / "tief.txt").write_text("Bericht aus der Tiefsee.")
    (corpus / "schleife").symlink_to(corpus, target_is_directory=True)
    outside = tmp_path / "draussen"
    outside.mkdir()
    (outside / "fremd.txt").write_text("Fremder Aussentext.")
    (corpus / "raus").symlink_to(outside, target_is_directory=True)
    (corpus / "raus.txt").symlink_to(outside / "fremd.txt")
    (corpus / "verschwunden.txt").symlink_to(corpus / "gibt-es-nicht.txt")
    (corpus / "ordner.txt").mkdir()
    (corpus / "tabelle.xlsx").write_bytes(b"PK\x03\x04")
    return corpus


def test_messy_folder_is_indexed_and_every_skip_explained(messy: Path, tmp_path: Path) -> None:
    report = update_index(messy, tmp_path / "ix")
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons["leer.txt"] == "empty file"
    assert reasons["binär.txt"].startswith("binary file")
    assert reasons["riesig.txt"].startswith("file too large (50 MB")
    assert reasons["schleife"] == "symlink loop"
    assert reasons["raus"] == "symlink points outside the corpus"
    assert reasons["raus.txt"] == "symlink points outside the corpus"
    assert reasons["verschwunden.txt"].startswith("cannot read")
    assert reasons["tabelle.xlsx"] == "not a file korpus reads (extension .xlsx)"
    ids = {h.id for h in search(tmp_path / "ix", "Bericht", limit=None).hits}
    assert {"mit leerzeichen.txt", "Größe.txt", "Übersee.txt", "kaputt.txt"} <= ids
    assert any(i.endswith("ebene29/tief.txt") for i in ids)
    assert search(tmp_path / "ix", "Geheimtext").total == 0
    assert search(tmp_path / "ix", "Aussentext").total == 0
    assert report.added == 10


def test_invalid_utf8_falls_back_without_mojibake(messy: Path, tmp_path: Path) -> None:
    update_index(messy, tmp_path / "ix")
    [hit] = search(tmp_path / "ix", "Ölpreise").hits
    assert "Ölpreise" in hit.snippet and "Ã" not in hit.snippet


def test_file_vanishing_while_indexing_is_skipped(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import korpus.index
    import korpus.loader

    original = korpus.loader.read_regular

    def flaky(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name == IDS["003"]:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(korpus.loader, "read_regular", flaky)
    monkeypatch.setattr(korpus.index, "read_regular", flaky)
    report = update_index(corpus, tmp_path / "ix")
    assert report.added == 4
    assert [Path(s.path).name for s in report.skipped] == [IDS["003"]]
    assert "No such file" in report.skipped[0].reason


def test_unreadable_file_keeps_its_last_good_version(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    before = result_set(index_dir)
    (corpus / IDS["002"]).write_text("Geänderter Text.", encoding="utf-8")
    import korpus.index
    import korpus.loader

    original = korpus.loader.read_regular

    def denied(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name == IDS["002"]:
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(korpus.loader, "read_regular", denied)
    monkeypatch.setattr(korpus.index, "read_regular", denied)
    report = update_index(corpus, index_dir)
    assert "Permission denied" in report.skipped[0].reason
    assert result_set(index_dir) == before


def test_bad_file_added_loses_nothing(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    before = result_set(index_dir)
    (corpus / "müll.txt").write_bytes(b"\x00" * 100)
    update_index(corpus, index_dir)
    assert result_set(index_dir) == before


def test_long_article_highlights_far_past_32k(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    body = "\n\n".join(
        "Der Stadtrat vertagte die Sitzung erneut ohne Ergebnis." for _ in range(20000)
    )
    (corpus / "lang.txt").write_text(body + "\n\nZuletzt sprach die Hafenmeisterin.")
    update_index(corpus, tmp_path / "ix")
    [hit] = search(tmp_path / "ix", "Hafenmeisterin").hits
    assert [hit.snippet[s:e] for s, e in hit.matches] == ["Hafenmeisterin"]


# --- interruptions and concurrency -------------------------------------------------

WORDS = sorted({w for f in BUNDLED.glob("*.txt") for w in f.read_text().split() if w.isalpha()})


@pytest.fixture(scope="session")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 700 generated articles: enough for indexing to take seconds, in parallel."""
    root = tmp_path_factory.mktemp("big") / "corpus"
    root.mkdir()
    rng = random.Random(7)
    for i in range(700):
        words = " ".join(rng.choice(WORDS) for _ in range(900))
        (root / f"{i:04d}.txt").write_text(f"Meldung Nummer {i}\n\n{words}.", encoding="utf-8")
    for name in IDS.values():
        shutil.copy(BUNDLED / name, root / name)
    return root


@pytest.fixture()
def big_index(
    big_corpus: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    cached = tmp_path_factory.getbasetemp() / "big-index"
    if not cached.exists():
        update_index(big_corpus, cached)
    index_dir = tmp_path / "ix"
    shutil.copytree(cached, index_dir, symlinks=True)
    return big_corpus, index_dir


def wait_for_lock(index_dir: Path, proc: subprocess.Popen[str], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    lock = index_dir / "write.lock"
    while time.monotonic() < deadline and proc.poll() is None:
        if lock.exists() and lock.read_text().strip():
            time.sleep(0.3)
            return
        time.sleep(0.05)
    raise AssertionError("indexer never took the lock")


@pytest.mark.slow
def test_ctrl_c_during_rebuild_keeps_the_old_index(big_index: tuple[Path, Path]) -> None:
    corpus, index_dir = big_index
    before = result_set(index_dir)
    proc = korpus("index", str(corpus), "--index", str(index_dir), "--rebuild", env={})
    wait_for_lock(index_dir, proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert (index_dir / "write.lock").read_text() == ""
    assert result_set(index_dir) == before
    assert [p.name for p in index_dir.glob("data-*")] == [(index_dir / "current").resolve().name]


@pytest.mark.slow
def test_sigkill_during_update_leaves_a_working_index(big_index: tuple[Path, Path]) -> None:
    corpus, index_dir = big_index
    before = result_set(index_dir)
    for path in sorted(corpus.glob("0*.txt"))[:400]:
        path.write_text(path.read_text() + " Nachtrag.", encoding="utf-8")
    proc = korpus("index", str(corpus), "--index", str(index_dir), env={})
    wait_for_lock(index_dir, proc)
    proc.kill()
    proc.communicate(timeout=30)
    assert result_set(index_dir) == before
    finished = korpus("index", str(corpus), "--index", str(index_dir), env={})
    _, err = finished.communicate(timeout=300)
    assert finished.returncode == 0, err
    assert result_set(index_dir) == before
    assert search(index_dir, "Nachtrag").total == 400


@pytest.mark.slow
def test_sigkill_during_rebuild_then_next_run_repairs(big_index: tuple[Path, Path]) -> None:
    corpus, index_dir = big_index
    before = result_set(index_dir)
    proc = korpus("index", str(corpus), "--index", str(index_dir), "--rebuild", env={})
    wait_for_lock(index_dir, proc)
    proc.kill()
    proc.communicate(timeout=30)
    assert result_set(index_dir) == before
    again = korpus("index", str(corpus), "--index", str(index_dir), "--rebuild", env={})
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    live = (index_dir / "current").resolve()
    # The killed build's half generation is gone; the replaced one waits, retired.
    unretired = [p for p in index_dir.glob("data-*") if not (p / ".retired").exists()]
    assert unretired == [live]
    assert result_set(index_dir) == before


@pytest.mark.slow
def test_searches_during_a_rebuild_see_old_or_new(big_index: tuple[Path, Path]) -> None:
    corpus, index_dir = big_index
    before = result_set(index_dir)
    proc = korpus("index", str(corpus), "--index", str(index_dir), "--rebuild", env={})
    seen = 0
    while proc.poll() is None:
        assert result_set(index_dir) == before
        seen += 1
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert result_set(index_dir) == before and seen > 1


@pytest.mark.slow
def test_second_indexer_gets_a_clear_message(big_index: tuple[Path, Path]) -> None:
    corpus, index_dir = big_index
    first = korpus("index", str(corpus), "--index", str(index_dir), "--rebuild", env={})
    wait_for_lock(index_dir, first)
    second = korpus("index", str(corpus), "--index", str(index_dir), env={})
    _, err = second.communicate(timeout=60)
    first.communicate(timeout=300)
    assert second.returncode == 2
    assert f"index is being updated by process {first.pid}" in err


# --- bad queries and paths ---------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                *"abcÄß \"()*?~:^-+!&|\\/[]{}<>='",
                "Kim",
                "Nordkorea",
                " AND ",
                " OR ",
                " NOT ",
                " NICHT ",
                "title:",
                "source:",
                "autor:",
                "\x00",
                "\x1b",
            ]
        ),
        max_size=25,
    ).map("".join)
)
def test_random_queries_never_crash(built_index: Path, query: str) -> None:
    # The query comes after "--", as a script passes a query it did not write: a
    # query of "--" first would make the options after it query words.
    options = ["--index", str(built_index), "--no-update", "--format", "json"]
    result = runner.invoke(app, ["search", *options, "--", query])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    if result.exit_code != 2:
        json.loads(result.stdout)


def test_unwritable_output_path_names_the_path(built_index: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("x")
    target = blocker / "hits.json"
    result = runner.invoke(
        app, ["search", "Kim", "--index", str(built_index), "--no-update", "--output", str(target)]
    )
    assert result.exit_code == 2 and str(blocker) in result.stderr


# --- hostile text ------------------------------------------------------------------

HOSTILE = (
    "Boese \x1b[31mROT\x1b[0m und \x1b]8;;http://evil.example\x1b\\Link\x1b]8;;\x1b\\ "
    "mit Glocke\x07 und [bold]fett[/] sowie [link=http://evil.example]hier[/link]."
)


@pytest.fixture()
def hostile_index(tmp_path: Path) -> Path:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "boese.txt").write_text(
        f'---\ntitle: =HYPERLINK("http://evil")\n---\n{HOSTILE}', encoding="utf-8"
    )
    update_index(corpus, tmp_path / "ix")
    return tmp_path / "ix"


def test_escape_sequences_and_markup_are_shown_inert(hostile_index: Path) -> None:
    env = {"KORPUS_INDEX": str(hostile_index), "FORCE_COLOR": "1", "COLUMNS": "200"}
    proc = korpus("search", "Glocke", "--no-update", env=env)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert "\x1b[31m" not in out and "\x1b]8;;http://evil" not in out and "\x07" not in out
    assert "[bold]fett[/]" in out and "[link=http://evil.example]hier[/link]" in out
    assert "\x1b[" in out  # colour was on: the only escapes are korpus's own styles


def test_csv_export_neutralises_formulas(hostile_index: Path) -> None:
    result = runner.invoke(
        app, ["search", "Glocke", "--index", str(hostile_index), "--no-update", "--format", "csv"]
    )
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["title"] == '\'=HYPERLINK("http://evil")'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30", "'+49 30"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Berlin", "Berlin"),
        (None, ""),
    ],
)
def test_safe_cell(value: str | None, cell: str) -> None:
    assert safe_cell(value) == cell


def test_json_export_valid_for_fallback_encodings(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "alt.txt").write_bytes("Bericht über Straßenbahnen – „alt“".encode("cp1252"))
    update_index(corpus, tmp_path / "ix")
    result = runner.invoke(
        app,
        [
            "search",
            "Straßenbahn",
            "--index",
            str(tmp_path / "ix"),
            "--no-update",
            "--format",
            "json",
        ],
    )
    data = json.loads(result.stdout)
    assert "Straßenbahnen – „alt“" in data["hits"][0]["snippet"]
