"""Word tables cached per machine: the same tables as derived, whatever the cache holds.

The cached tables (wordfreq's German list as korpus folds it, the stems of the
known words) save seconds per build; a damaged, foreign or unwritable cache must
never break indexing or change what it writes.
"""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from korpus import analysis, compounds, machine_cache, variants
from korpus.index import LEXICON_FILE, live_dir, update_index
from korpus.storage import read_table, write_table


def _forget() -> None:
    """Drop what this process remembers, so the next use reads the cache."""
    analysis.use_lexicon(None)
    compounds._wordfreq_lexicon.cache_clear()
    compounds.frequencies.cache_clear()
    analysis.lexicon_stems.cache_clear()
    variants._known_stems_of.cache_clear()


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    _forget()
    yield home / "korpus"
    _forget()


@pytest.fixture(scope="module")
def derived() -> tuple[dict[str, float], frozenset[str]]:
    """Both tables derived from wordfreq, as without any cache."""
    analysis.use_lexicon(None)
    return compounds._derive_wordfreq_lexicon(), variants._derive_known_stems()


def _tables(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}-*.tbl"))


def test_cached_tables_are_the_derived_ones(
    cache_home: Path, derived: tuple[dict[str, float], frozenset[str]]
) -> None:
    lexicon, stems = derived
    assert compounds.frequencies() == lexicon
    assert variants.known_stems() == stems
    assert len(_tables(cache_home, "wordfreq-de")) == len(_tables(cache_home, "known-stems")) == 1
    _forget()
    assert compounds.frequencies() == lexicon
    assert variants.known_stems() == stems
    assert len(lexicon) > 50_000 and len(stems) > 50_000


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


def _garble(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _checked_garbage(path: Path) -> None:
    # A table whose check passes, holding no marshalled value.
    write_table(path, machine_cache.KIND, machine_cache.VERSION, b"\xff\x00garbage")


def _wrong_type(path: Path) -> None:
    write_table(path, machine_cache.KIND, machine_cache.VERSION, marshal.dumps(["kein", "dict"]))


def _other_kind(path: Path) -> None:
    write_table(path, "vocabulary", machine_cache.VERSION, marshal.dumps({}))


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _link_elsewhere(path: Path) -> None:
    target = path.with_name("elsewhere")
    shutil.copy(path, target)
    path.unlink()
    path.symlink_to(target)


def _unreadable(path: Path) -> None:
    path.chmod(0)


DAMAGE: list[Callable[[Path], None]] = [
    _truncate,
    _garble,
    _empty,
    _checked_garbage,
    _wrong_type,
    _other_kind,
    _folder,
    _link_elsewhere,
    _unreadable,
]


SAMPLE = {"walfang": 2.5, "robbenschlag": 3.0}


def _sample_table(derived: list[int]) -> dict[str, float]:
    def derive() -> dict[str, float]:
        derived.append(1)
        return dict(SAMPLE)

    return machine_cache.cached("sample", "k1", derive, dict)


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__.strip("_") for d in DAMAGE])
def test_damaged_cache_is_derived_again(cache_home: Path, damage: Callable[[Path], None]) -> None:
    calls: list[int] = []
    assert _sample_table(calls) == SAMPLE and len(calls) == 1
    assert _sample_table(calls) == SAMPLE and len(calls) == 1, "the second use reads the cache"
    (table,) = _tables(cache_home, "sample")
    damage(table)
    assert _sample_table(calls) == SAMPLE
    if damage is not _folder:
        # Rewritten whole: the next use reads it.
        assert not table.is_symlink()
        read_table(table, machine_cache.KIND, machine_cache.VERSION)
        before = len(calls)
        assert _sample_table(calls) == SAMPLE and len(calls) == before


@pytest.mark.parametrize("below", ["", "deeper"], ids=["a file", "below a file"])
def test_unwritable_cache_costs_time_only(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    derived: tuple[dict[str, float], frozenset[str]],
    below: str,
) -> None:
    blocker = tmp_path / "xdg"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / below))
    _forget()
    try:
        assert compounds.frequencies() == derived[0]
        assert variants.known_stems() == derived[1]
    finally:
        _forget()
    assert blocker.read_text() == "a file where the cache folder would be"


def test_stems_follow_the_word_list_in_use(cache_home: Path, tmp_path: Path) -> None:
    """An index's saved word list has stems of its own, never another list's."""
    saved = tmp_path / "lexicon.txt"
    write_table(
        saved,
        compounds.LEXICON_KIND,
        compounds.LEXICON_VERSION,
        b"walfanger\t250\nrobbenschlag\t300\n",
    )
    wordfreq_stems = variants.known_stems()
    analysis.use_lexicon(saved)
    variants._known_stems_of.cache_clear()
    own = variants.known_stems()
    assert own != wordfreq_stems
    assert own == variants._derive_known_stems()
    analysis.use_lexicon(None)
    assert variants.known_stems() == wordfreq_stems


def _derived_files(index_dir: Path) -> dict[str, bytes]:
    """The files of an index that the cached tables decide: word list and vocabulary."""
    data = live_dir(index_dir)
    assert data is not None
    files = {LEXICON_FILE: (data / LEXICON_FILE).read_bytes()}
    for bucket in sorted((data / variants.VOCAB_DIR).iterdir()):
        files[bucket.name] = bucket.read_bytes()
    return files


def test_index_is_the_same_from_a_cold_warm_or_damaged_cache(
    cache_home: Path, corpus: Path, tmp_path: Path
) -> None:
    update_index(corpus, tmp_path / "cold")
    _forget()
    update_index(corpus, tmp_path / "warm")
    # Each table damaged its own way: garbled, a valid table of the wrong type,
    # a folder under its name.
    for name, damage in (
        ("wordfreq-de", _garble),
        ("known-stems", _wrong_type),
        ("lexicon-lines", _folder),
    ):
        (table,) = _tables(cache_home, name)
        damage(table)
    _forget()
    update_index(corpus, tmp_path / "damaged")
    cold = _derived_files(tmp_path / "cold")
    assert len(cold) > 5
    assert _derived_files(tmp_path / "warm") == cold
    assert _derived_files(tmp_path / "damaged") == cold


def test_stale_tables_of_other_versions_are_pruned(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    for i in range(6):
        old = cache_home / f"wordfreq-de-old{i}.tbl"
        old.write_bytes(b"x")
        os.utime(old, (1000 + i, 1000 + i))
    compounds.frequencies()
    names = [p.name for p in _tables(cache_home, "wordfreq-de")]
    kept = [n for n in names if "old" in n]
    assert kept == [f"wordfreq-de-old{i}.tbl" for i in (3, 4, 5)]
    assert len(names) == machine_cache.KEEP_STALE + 1
