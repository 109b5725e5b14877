"""Reading corpus files: only regular files, never past the cap, never outside the corpus."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from korpus.article import SkipFile, Skipped
from korpus.index import update_index
from korpus.loader import iter_corpus, load_file, read_regular
from korpus.search import get_article, search

TEXT = "Haushalt beschlossen\n\nDer Bundestag hat den Haushalt für das kommende Jahr beschlossen.\n"
SECRET = "Geheimnis draußen\n\nDiese Datei liegt außerhalb des Korpus und bleibt ungelesen.\n"


def korpus(*args: str | bytes, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "korpus", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "haushalt.txt").write_text(TEXT, encoding="utf-8")
    return corpus


def _special(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero-device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5))
        except PermissionError:
            pytest.skip("making a device node needs root")
    elif kind == "socket":
        import socket

        short = Path("/tmp") / f"k{os.getpid()}.txt"
        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.bind(str(short))
        finally:
            sock.close()
        short.rename(path)


@pytest.mark.parametrize("kind", ["fifo", "zero-device", "socket"])
@pytest.mark.parametrize("name", ["block.txt", "block.md", "metadata.jsonl"])
def test_special_files_are_skipped_not_read(small_corpus: Path, kind: str, name: str) -> None:
    _special(kind, small_corpus / name)
    # In a subprocess with a timeout: a FIFO that blocks fails the test, not the suite.
    parsed = korpus("parse", str(small_corpus), "-f", "jsonl", timeout=120)
    assert parsed.returncode == 0, parsed.stderr
    assert len(parsed.stdout.splitlines()) == 1
    if name != "metadata.jsonl":
        assert "not a regular file" in parsed.stderr
    index_dir = small_corpus.parent / "ix"
    indexed = korpus("index", str(small_corpus), "--index", str(index_dir), timeout=300)
    assert indexed.returncode == 0, indexed.stderr
    assert "1 added" in indexed.stderr


def test_reading_stops_at_the_cap_whatever_the_size_says(tmp_path: Path) -> None:
    # /proc files are regular files that say they are empty and are not.
    with pytest.raises(SkipFile, match="too large"):
        read_regular(Path("/proc/self/maps"), 10)
    target = tmp_path / "big.txt"
    target.write_bytes(b"x" * 5000)
    with pytest.raises(SkipFile, match="too large"):
        read_regular(target, 4999)
    data, st = read_regular(target, 5000)
    assert len(data) == 5000 and st.st_size == 5000


@pytest.mark.parametrize("swap", ["file", "folder"])
def test_a_file_swapped_for_a_link_outside_is_not_read(tmp_path: Path, swap: str) -> None:
    """The walk saw a regular file; by the time it is read, a link leads outside."""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text(SECRET, encoding="utf-8")
    if swap == "file":
        (corpus / "sub" / "a.txt").symlink_to(outside / "a.txt")
    else:
        (corpus / "sub").rmdir()
        (corpus / "sub").symlink_to(outside)
    loaded = load_file(corpus / "sub" / "a.txt", corpus, {})
    assert isinstance(loaded, Skipped) and "outside" in loaded.reason


def test_a_link_inside_the_corpus_is_still_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "real.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "link.txt").symlink_to(corpus / "real.txt")
    articles = [a for a in iter_corpus(corpus) if not isinstance(a, Skipped)]
    assert len(articles) == 2


def test_indexed_file_replaced_by_a_link_outside_settles(
    small_corpus: Path, tmp_path: Path
) -> None:
    (small_corpus / "zweiter.txt").write_text(TEXT.replace("Haushalt", "Etat"), encoding="utf-8")
    index_dir = tmp_path / "ix"
    update_index(small_corpus, index_dir)
    outside = tmp_path / "secret.txt"
    outside.write_text(SECRET, encoding="utf-8")
    (small_corpus / "zweiter.txt").unlink()
    (small_corpus / "zweiter.txt").symlink_to(outside)
    update_index(small_corpus, index_dir)
    again = update_index(small_corpus, index_dir)
    # Nothing changed since the last run: nothing to write, every later search is quiet.
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    assert not again.changed
    assert search(index_dir, "Geheimnis", limit=None).total == 0


@pytest.mark.parametrize(
    "raw_name", [b"caf\xe9.txt", b"\xff\xfe.txt", b"ok-\xc3\x28.txt", b"Stra\xdfe.md"]
)
def test_a_file_name_that_is_not_utf8_blocks_nothing(tmp_path: Path, raw_name: bytes) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "haushalt.txt").write_text(TEXT, encoding="utf-8")
    with open(os.path.join(os.fsencode(corpus), raw_name), "w", encoding="utf-8") as fh:
        fh.write(SECRET.replace("Geheimnis", "Wasserstand"))
    index_dir = tmp_path / "ix"
    report = update_index(corpus, index_dir)
    assert report.added == 2 and not report.skipped
    hits = search(index_dir, "Wasserstand", limit=None).hits
    assert len(hits) == 1
    hit = hits[0]
    hit.id.encode("utf-8")
    assert get_article(index_dir, hit.id)["id"] == hit.id
    proc = korpus("search", "Wasserstand", "--index", str(index_dir), "-f", "jsonl")
    assert proc.returncode == 0 and json.loads(proc.stdout)["id"] == hit.id
    assert update_index(corpus, index_dir).changed is False


@pytest.mark.parametrize("bad", ["\\ud800", "\\udfff", "x\\udc80y", "\\ud83d"])
def test_a_sidecar_with_a_lone_surrogate_fails_nothing(tmp_path: Path, bad: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "haushalt.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "wetter.txt").write_text(TEXT.replace("Haushalt", "Wetter"), encoding="utf-8")
    (corpus / "metadata.jsonl").write_text(
        f'{{"file": "haushalt.txt", "title": "Titel {bad}", "source": "{bad}dpa"}}\n'
        f'{{"file": "wetter{bad}.txt", "title": "x"}}\n',
        encoding="utf-8",
    )
    index_dir = tmp_path / "ix"
    report = update_index(corpus, index_dir)
    assert report.added == 2
    title = search(index_dir, "Haushalt", limit=None).hits[0].title
    assert title is not None and title.startswith("Titel")
    title.encode("utf-8")
