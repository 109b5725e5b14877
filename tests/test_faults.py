"""Fault injection: damaged index files, links planted in the index folder, a full
disk, dead workers, unreadable folders, and updates that must equal a fresh build.

Heavier variants are marked ``slow`` (run them with ``pytest -m slow``).
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from korpus import index as index_module
from korpus import search as search_module
from korpus.cli import app
from korpus.errors import (
    CorpusEmpty,
    IndexBusy,
    IndexerFailed,
    IndexOfOtherCorpus,
)
from korpus.index import live_dir, open_index, update_index, write_lock
from korpus.periods import load_periods
from korpus.search import get_article, search

from .conftest import BUNDLED, IDS

runner = CliRunner()


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def hits(index_dir: Path, query: str = "Nordkorea") -> list[str]:
    return sorted(h.id for h in search(index_dir, query, limit=None, group=False).hits)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled corpus and an index of it, built once and copied by each test."""
    root = tmp_path_factory.mktemp("pristine")
    corpus = root / "corpus"
    shutil.copytree(BUNDLED, corpus)
    update_index(corpus, root / "ix")
    return corpus, root / "ix"


@pytest.fixture()
def built(pristine: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    corpus, index_dir = pristine
    copy = tmp_path / "ix"
    shutil.copytree(index_dir, copy, symlinks=True)
    # The corpus keeps its place (the index records it) and gets its files back,
    # with their times, as the index knew them.
    shutil.rmtree(corpus)
    shutil.copytree(BUNDLED, corpus)
    return corpus, copy


# --- links and special files planted in the index folder -------------------------


def _plant(kind: str, path: Path, target: Path) -> None:
    if kind == "symlink":
        path.symlink_to(target)
    elif kind == "hardlink":
        os.link(target, path)
    elif kind == "fifo":
        os.mkfifo(path)


@pytest.mark.parametrize("kind", ["symlink", "hardlink", "fifo"])
def test_lock_file_is_never_written_through(
    kind: str, built: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index_dir = built
    precious = tmp_path / "precious.txt"
    precious.write_text("do not truncate me")
    lock = index_dir / "write.lock"
    lock.unlink()
    _plant(kind, lock, precious)
    (corpus / IDS["004"]).write_text("Ein neuer Bericht über Nordkorea und Walfang.")
    report = update_index(corpus, index_dir)
    assert report.updated == 1
    assert precious.read_text() == "do not truncate me"
    assert lock.is_file() and not lock.is_symlink() and os.stat(lock).st_nlink == 1
    # An auto-updating search takes the same lock.
    (corpus / IDS["004"]).write_text("Noch ein Bericht über Walfang.")
    assert cli("search", "Walfang", "--index", str(index_dir))[0] == 0
    assert precious.read_text() == "do not truncate me"


@pytest.mark.parametrize("target", ["outside", "itself", "missing", "file", "dotdot"])
def test_current_link_out_of_the_index_is_never_followed(
    target: str, built: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index_dir = built
    expected = hits(index_dir)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("x")
    current = index_dir / "current"
    old_generation = current.resolve()
    current.unlink()
    aims = {
        "outside": str(outside),
        "itself": "current",
        "missing": "data-gone",
        "file": "write.lock",
        "dotdot": f"../{index_dir.name}/{old_generation.name}",
    }
    current.symlink_to(aims[target])
    code, out, err = cli("search", "Nordkorea", "--index", str(index_dir), "--no-update")
    assert code == 2 and "damaged index file" in err and "current" in err
    assert "Traceback" not in err
    code, _, err = cli("index", str(corpus), "--index", str(index_dir))
    assert code == 0, err
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert hits(index_dir) == expected
    assert cli("index", str(corpus), "--index", str(index_dir), "--rebuild")[0] == 0


def test_retired_marker_is_not_written_through_a_link(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index_dir = built
    precious = tmp_path / "precious.txt"
    precious.write_text("keep")
    (live_dir(index_dir) / ".retired").symlink_to(precious)  # type: ignore[operator]
    update_index(corpus, index_dir, rebuild=True)
    assert precious.read_text() == "keep"


# --- damaged index files ----------------------------------------------------------

DAMAGEABLE = [
    "_MAIN_*.toc",
    "*.trm",
    "*.pst",
    "*._stored.col",
    "*.id.col",
    "*.date_start.col",
    "lexicon.txt",
    "vocab/6e.tsv",
    "vocab/buckets",
    "groups-*.bin",
    "korpus.json",
]
# Tables korpus can rebuild from the index itself: a search still answers rightly.
SELF_HEALING = ["files-*.json", "sketches.json", "periods-*.bin", "checksums-*.json"]


def _damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "garble":
        rng = random.Random(len(raw))
        data = bytearray(raw)
        for i in range(len(data) // 3, len(data) // 3 + max(8, len(data) // 8)):
            if i < len(data):
                data[i] = rng.randrange(256)
        path.write_bytes(bytes(data))
    elif how == "delete":
        path.unlink()


def _one(index_dir: Path, pattern: str) -> Path:
    data = live_dir(index_dir)
    assert data is not None
    return sorted(data.glob(pattern))[0]


@pytest.mark.parametrize("how", ["truncate", "garble", "delete"])
@pytest.mark.parametrize("pattern", DAMAGEABLE)
def test_damaged_file_is_named_and_repaired(
    pattern: str, how: str, built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built
    expected = hits(index_dir)
    damaged = _one(index_dir, pattern)
    _damage(damaged, how)
    # A new process would read the vocabulary afresh; this one remembers variants.
    monkeypatch.setattr(search_module, "_VARIANTS", {})
    code, out, err = cli("search", "Nordkorea", "--index", str(index_dir), "--no-update")
    assert code == 2, (out, err)
    assert "Traceback" not in err
    assert f"damaged index file {damaged}" in err.splitlines()[0]
    assert err.splitlines()[1].startswith("hint:")
    code, _, err = cli("index", str(corpus), "--index", str(index_dir))
    assert code == 0, err
    assert hits(index_dir) == expected
    assert search(index_dir, "Nordkorea").total == len(expected)


@pytest.mark.parametrize("how", ["truncate", "garble", "delete"])
@pytest.mark.parametrize("pattern", SELF_HEALING)
def test_damaged_derived_table_is_never_used(
    pattern: str, how: str, built: tuple[Path, Path]
) -> None:
    corpus, index_dir = built
    expected = hits(index_dir)
    dated = search(index_dir, "Nordkorea", filters=None).total
    _damage(_one(index_dir, pattern), how)
    assert hits(index_dir) == expected
    assert search(index_dir, "Nordkorea").total == dated
    code, _, err = cli("index", str(corpus), "--index", str(index_dir))
    assert code == 0, err
    assert hits(index_dir) == expected


def test_garbled_periods_table_never_filters_wrongly(built: tuple[Path, Path]) -> None:
    _, index_dir = built
    ix, info = open_index(index_dir)
    with ix.reader() as reader:
        right = load_periods(reader, info["data_dir"])
        table = next(info["data_dir"].glob("periods-*.bin"))
        raw = bytearray(table.read_bytes())
        raw[-3] ^= 0xFF  # a date byte, not the header: the length still fits
        table.write_bytes(bytes(raw))
        assert load_periods(reader, info["data_dir"]) == right
    ix.close()


def test_rebuild_always_works_after_damage(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    expected = hits(index_dir)
    for pattern in DAMAGEABLE:
        for found in (live_dir(index_dir) or index_dir).glob(pattern):
            _damage(found, "garble")
    assert cli("index", str(corpus), "--index", str(index_dir), "--rebuild")[0] == 0
    assert hits(index_dir) == expected


def test_damaged_generation_is_kept_aside(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    _damage(_one(index_dir, "*.trm"), "truncate")
    report = update_index(corpus, index_dir)
    assert report.rebuilt and "was damaged" in (report.reason or "")
    assert report.kept_aside is not None and report.kept_aside.is_dir()
    assert report.kept_aside.name.startswith("damaged-")


def test_manifest_of_the_wrong_shape_is_rebuilt(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    from korpus.storage import write_json_table

    manifest = _one(index_dir, "files-*.json")
    write_json_table(manifest, "manifest", 1, {"files": {IDS["000"]: 5}, "skipped": "x"})
    assert update_index(corpus, index_dir).changed is False
    write_json_table(manifest, "manifest", 1, ["not", "a", "manifest"])
    assert cli("search", "Nordkorea", "--index", str(index_dir))[0] == 0


# --- the corpus side --------------------------------------------------------------


def test_index_inside_the_corpus_is_never_indexed(corpus: Path) -> None:
    index_dir = corpus / "index"
    first = update_index(corpus, index_dir)
    again = update_index(corpus, index_dir, rebuild=True)
    assert first.added == again.added == 5
    assert not any("index" in s.path for s in again.skipped)
    assert all(not h.startswith("index/") for h in hits(index_dir, "wahl OR nordkorea"))


def test_empty_corpus_gives_one_line_and_keeps_an_index(corpus: Path, tmp_path: Path) -> None:
    empty = tmp_path / "leer"
    empty.mkdir()
    (empty / "kaputt.txt").write_bytes(b"")
    code, _, err = cli("index", str(empty), "--index", str(tmp_path / "ix0"))
    assert code == 2 and "no readable article" in err and "Traceback" not in err
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    before = hits(index_dir)
    for path in corpus.iterdir():
        path.unlink()
    with pytest.raises(CorpusEmpty):
        update_index(corpus, index_dir)
    with pytest.raises(CorpusEmpty):
        update_index(corpus, index_dir, rebuild=True)
    assert hits(index_dir) == before


def test_index_of_another_corpus_is_refused(corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "anderes"
    other.mkdir()
    shutil.copy(corpus / IDS["000"], other / "a.txt")
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    before = hits(index_dir)
    code, _, err = cli("index", str(other), "--index", str(index_dir))
    assert code == 2 and str(corpus.resolve()) in err and str(other.resolve()) in err
    assert hits(index_dir) == before
    with pytest.raises(IndexOfOtherCorpus):
        update_index(other, index_dir)
    assert update_index(other, index_dir, rebuild=True).added == 1


def test_sidecar_edit_rereads_its_articles(corpus: Path, tmp_path: Path) -> None:
    sidecar = corpus / "metadata.jsonl"
    sidecar.write_text(f'{{"file": "{IDS["001"]}", "source": "Walfanger Zeitung"}}\n')
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    assert get_article(index_dir, IDS["001"])["source"] == "Walfanger Zeitung"
    sidecar.write_text(f'{{"file": "{IDS["001"]}", "source": "Robbenfanger Blatt"}}\n')
    report = update_index(corpus, index_dir)
    assert report.updated >= 1
    assert get_article(index_dir, IDS["001"])["source"] == "Robbenfanger Blatt"
    assert _fresh_equals_update(corpus, index_dir, tmp_path / "fresh")
    sidecar.unlink()
    update_index(corpus, index_dir)
    assert get_article(index_dir, IDS["001"])["source"] != "Robbenfanger Blatt"


def _as_nobody() -> Callable[[], None]:
    def demote() -> None:
        os.setgid(65534)
        os.setuid(65534)

    return demote


@pytest.mark.parametrize("where", ["subfolder", "root"])
def test_unreadable_folder_never_removes_articles(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "teil").mkdir(parents=True)
    for name in IDS.values():
        shutil.copy(BUNDLED / name, corpus / "teil" / name)
    shutil.copy(BUNDLED / IDS["000"], corpus / "oben.txt")
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    before = hits(index_dir)
    blocked = str(corpus / "teil") if where == "subfolder" else str(corpus.resolve())
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path) == blocked:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    # Root reads every folder; a refused listing is what an unreadable folder gives.
    monkeypatch.setattr(os, "scandir", scandir)
    report = update_index(corpus, index_dir)
    assert report.removed == 0
    assert any("cannot read folder" in s.reason for s in report.skipped)
    monkeypatch.undo()
    assert hits(index_dir) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to drop privileges to nobody")
def test_unreadable_subfolder_as_an_ordinary_user(tmp_path: Path) -> None:
    import subprocess
    import sys

    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import korpus.cli"],
            preexec_fn=_as_nobody(),
            capture_output=True,
        ).returncode
    except PermissionError:
        probe = 126
    if probe != 0:
        pytest.skip("this Python cannot run as nobody (its folders are private)")
    root = Path("/tmp") / f"korpus-nobody-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    corpus = root / "corpus"
    (corpus / "geheim").mkdir(parents=True)
    for name in IDS.values():
        shutil.copy(BUNDLED / name, corpus / "geheim" / name)
    shutil.copy(BUNDLED / IDS["000"], corpus / "offen.txt")
    try:
        os.chmod(root, 0o777)
        for folder in [corpus, corpus / "geheim"]:
            os.chmod(folder, 0o777)
        env = {**os.environ, "HOME": str(root), "KORPUS_INDEX": str(root / "ix")}
        args = [sys.executable, "-m", "korpus"]
        first = subprocess.run(
            [*args, "index", str(corpus)], env=env, capture_output=True, text=True,
            preexec_fn=_as_nobody(), timeout=120,
        )
        assert first.returncode == 0, first.stderr
        os.chmod(corpus / "geheim", 0o700)  # owned by root: nobody may not list it
        found = subprocess.run(
            [*args, "search", "Nordkorea", "-f", "jsonl"], env=env, capture_output=True,
            text=True, preexec_fn=_as_nobody(), timeout=120,
        )
        assert found.returncode == 0, found.stderr
        assert "removed" not in found.stderr or "0 removed" in found.stderr
        assert found.stdout.count("geheim/") == 3
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- busy, read-only, full, dead --------------------------------------------------


def test_first_search_during_the_first_build_names_the_builder(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "ix"
    monkeypatch.chdir(tmp_path)
    with write_lock(index_dir):
        code, _, err = cli("search", "Nordkorea", "--index", str(index_dir))
        assert code == 2
        assert f"being built by process {os.getpid()}" in err
        with pytest.raises(IndexBusy, match="being built"):
            open_index(index_dir)


def test_read_only_index_is_searched_as_it_stands(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built
    expected = hits(index_dir)
    (corpus / IDS["004"]).write_text("Ein Bericht über Walfang.")

    def read_only(*args: Any, **kwargs: Any) -> int:
        raise OSError(errno.EROFS, "Read-only file system", str(index_dir / "write.lock"))

    monkeypatch.setattr(index_module, "_open_lock", read_only)
    code, out, err = cli("search", "Nordkorea", "--index", str(index_dir))
    assert code == 0 and "Read-only" in err
    [warning] = [line for line in err.splitlines() if "could not update the index" in line]
    assert "searching the index as it stands" in warning
    monkeypatch.undo()
    assert hits(index_dir) == expected


def _fill_disk_on(monkeypatch: pytest.MonkeyPatch, after: int) -> None:
    """Writes of Whoosh's files fail with ENOSPC after ``after`` of them."""
    from whoosh.filedb import structfile

    real = structfile.StructFile.write
    count = {"n": 0}

    def write(self: Any, data: Any) -> Any:
        count["n"] += 1
        if count["n"] > after:
            raise OSError(errno.ENOSPC, "No space left on device", getattr(self, "_name", None))
        return real(self, data)

    monkeypatch.setattr(structfile.StructFile, "write", write)


@pytest.mark.parametrize("after", [0, 50, 200])
def test_full_disk_during_an_update_cleans_up(
    after: int, built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built
    expected = hits(index_dir)
    data = live_dir(index_dir)
    assert data is not None
    files_before = sorted(p.name for p in data.iterdir())
    (corpus / IDS["004"]).write_text("Ein Bericht über Nordkorea und Walfang. " * 40)
    _fill_disk_on(monkeypatch, after)
    with pytest.raises(IndexerFailed, match="No space left on device"):
        update_index(corpus, index_dir)
    monkeypatch.undo()
    assert sorted(p.name for p in data.iterdir()) == files_before
    assert hits(index_dir) == expected
    report = update_index(corpus, index_dir)
    assert report.updated == 1
    assert IDS["004"] in hits(index_dir)


# Through the CLI a file of the failed writer may still be open when the test ends.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_full_disk_message_names_the_path(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built
    (corpus / IDS["004"]).write_text("Ein Bericht über Walfang.")
    _fill_disk_on(monkeypatch, 10)
    code, _, err = cli("index", str(corpus), "--index", str(index_dir))
    assert code == 2 and "No space left on device" in err and str(index_dir) in err
    assert "Traceback" not in err


def test_dead_worker_is_noticed_at_once(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built
    expected = hits(index_dir)
    generation = live_dir(index_dir)
    monkeypatch.setattr(index_module, "PARALLEL_MIN_FILES", 2)
    start = index_module._start_workers

    def start_then_kill(writer: Any) -> None:
        start(writer)
        victim = writer.tasks[0]
        os.kill(victim.pid, signal.SIGKILL)
        victim.join(5)

    monkeypatch.setattr(index_module, "_start_workers", start_then_kill)
    monkeypatch.setattr(index_module, "_exit_with_parent", lambda parent: None)
    with pytest.raises(IndexerFailed, match="killed by signal 9"):
        update_index(corpus, index_dir, rebuild=True)
    assert live_dir(index_dir) == generation
    assert hits(index_dir) == expected


# --- an update gives what a fresh build gives -------------------------------------


def _snapshot(index_dir: Path) -> dict[str, Any]:
    from korpus.duplicates import load_groups

    ix, info = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            periods = load_periods(reader, info["data_dir"])
            table = load_groups(reader, info["data_dir"])
            records: dict[str, Any] = {}
            groups: dict[int, list[str]] = {}
            for docnum, stored in reader.iter_docs():
                doc_id = stored["id"]
                record = dict(stored["record"])
                records[doc_id] = (
                    record,
                    stored.get("text"),
                    (periods.starts[docnum], periods.ends[docnum]),
                )
                if table[docnum]:
                    groups.setdefault(table[docnum], []).append(doc_id)
            terms: set[tuple[str, str, str]] = set()
            for fieldname in ("title", "text", "source", "month"):
                for term in list(reader.lexicon(fieldname)):
                    postings = reader.postings(fieldname, term)
                    for docnum in postings.all_ids():
                        if not reader.is_deleted(docnum):
                            doc_id = reader.stored_fields(docnum)["id"]
                            terms.add((fieldname, term.decode("utf-8"), doc_id))
    finally:
        ix.close()
    return {
        "records": records,
        "groups": sorted(sorted(g) for g in groups.values()),
        "terms": terms,
    }


def _fresh_equals_update(corpus: Path, index_dir: Path, fresh: Path) -> bool:
    shutil.rmtree(fresh, ignore_errors=True)
    update_index(corpus, fresh)
    updated, built = _snapshot(index_dir), _snapshot(fresh)
    for key in built:
        assert updated[key] == built[key], key
    return True


STORY = (
    "Die Regierung in Pjöngjang hat nach Angaben aus Seoul weitere Soldaten an die "
    "Front geschickt, berichten Geheimdienste am Dienstag. Die Truppen sollen in der "
    "Region Kursk eingesetzt werden, wo seit Wochen heftig gekämpft wird. Beobachter "
    "sprechen von einer neuen Phase des Krieges, die Verbündeten beraten über Folgen."
)
FILLER = "Wetter Hafen Markt Schule Bahn Rathaus Brücke Theater Museum Garten".split()


def _article(rng: random.Random, source: str, copy_story: bool) -> str:
    words = " ".join(rng.choice(FILLER) for _ in range(rng.randint(40, 90)))
    body = f"{STORY} {words}." if copy_story else f"{words}. {words[::-1]}."
    return f"Meldung über Soldaten {rng.randint(1, 999)}\n\n{body}\n\n({source})\n"


def _edit(corpus: Path, rng: random.Random) -> None:
    files = sorted(corpus.glob("*.txt"))
    action = rng.choice(["add", "append", "delete", "source", "touch", "copy"])
    if action == "add" or len(files) < 3:
        name = f"neu{rng.randint(0, 10**6)}.txt"
        (corpus / name).write_text(_article(rng, rng.choice(["dpa", "AFP"]), rng.random() < 0.5))
    elif action == "append":
        target = rng.choice(files)
        target.write_text(target.read_text() + f" Nachtrag {rng.randint(0, 99)}.")
    elif action == "delete":
        rng.choice(files).unlink()
    elif action == "source":
        target = rng.choice(files)
        text = target.read_text()
        target.write_text(text.replace("(dpa)", "(AFP)") if "(dpa)" in text else text + "(dpa)")
    elif action == "touch":
        os.utime(rng.choice(files))
    else:
        shutil.copy(rng.choice(files), corpus / f"kopie{rng.randint(0, 10**6)}.txt")


def _random_corpus(root: Path, rng: random.Random, size: int) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(size):
        source = rng.choice(["dpa", "AFP", "dpa"])
        (corpus / f"{i:03d}.txt").write_text(_article(rng, source, rng.random() < 0.6))
    return corpus


@pytest.mark.parametrize("seed", range(3))
def test_update_equals_fresh_build(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    corpus = _random_corpus(tmp_path, rng, 12)
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    for _ in range(3):
        for _ in range(rng.randint(1, 3)):
            _edit(corpus, rng)
        update_index(corpus, index_dir)
    assert _fresh_equals_update(corpus, index_dir, tmp_path / "fresh")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3, 15))
def test_update_equals_fresh_build_long(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    corpus = _random_corpus(tmp_path, rng, 30)
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    for step in range(8):
        for _ in range(rng.randint(1, 4)):
            _edit(corpus, rng)
        update_index(corpus, index_dir)
        if step % 4 == 3:
            assert _fresh_equals_update(corpus, index_dir, tmp_path / "fresh")


@pytest.mark.parametrize("stage", ["record_checksums", "write_vocabulary", "save_sketches"])
def test_update_killed_after_its_commit_then_equals_fresh_build(
    stage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(99)
    corpus = _random_corpus(tmp_path, rng, 12)
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    for _ in range(3):
        _edit(corpus, rng)

    def killed(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(index_module, stage, killed)
    with pytest.raises(KeyboardInterrupt):
        update_index(corpus, index_dir)
    monkeypatch.undo()
    update_index(corpus, index_dir)
    assert _fresh_equals_update(corpus, index_dir, tmp_path / "fresh")


def test_special_files_in_the_index_folder_are_passed_over(
    built: tuple[Path, Path],
) -> None:
    corpus, index_dir = built
    os.mkfifo(index_dir / "data-fifo")
    (index_dir / "data-link").symlink_to(corpus)
    update_index(corpus, index_dir, rebuild=True)
    assert stat.S_ISFIFO(os.lstat(index_dir / "data-fifo").st_mode)
    assert sorted(p.name for p in corpus.iterdir()) == sorted(IDS.values())
