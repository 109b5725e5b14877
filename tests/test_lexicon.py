"""The word list saved beside an index answers exactly as the list it was made from."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from korpus import compounds
from korpus.errors import IndexDamaged
from korpus.storage import write_table


@pytest.fixture
def saved(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "lexicon.txt"
    compounds.use_lexicon(None)
    compounds.save_lexicon(path)
    compounds.use_lexicon(path)
    yield path
    compounds.use_lexicon(None)


def _wordfreq_sample(n: int) -> list[str]:
    words = sorted(compounds._wordfreq_lexicon())
    return random.Random(7).sample(words, n)


def test_saved_list_is_written_sorted(saved: Path) -> None:
    lines = saved.read_bytes().decode("utf-8").splitlines()
    words = [line.split("\t")[0] for line in lines if "\t" in line]
    assert len(words) > 50_000
    assert words == sorted(words)


@pytest.mark.parametrize("word", [*_wordfreq_sample(40), "krise", "klima", "bund", "a"])
def test_saved_list_gives_every_words_frequency(saved: Path, word: str) -> None:
    expected = compounds._wordfreq_lexicon()[word]
    assert compounds.zipf(word) == pytest.approx(expected, abs=0.006)


@pytest.mark.parametrize("word", ["", "xqzv", "krisee", "aaaaaaaaaaaaaaaaaaa", "zzzzzzz"])
def test_unknown_words_have_no_frequency(saved: Path, word: str) -> None:
    assert word not in compounds._wordfreq_lexicon()
    assert compounds.zipf(word) == 0.0


def test_saved_list_splits_as_the_built_list_does(saved: Path) -> None:
    words = ["klimakrise", "bundeskanzler", "fluchtlingslager", "wandhalterung", "pressefreiheit"]
    on_saved = [compounds.words_of(w) for w in words]
    compounds.use_lexicon(None)
    assert [compounds.words_of(w) for w in words] == on_saved


def test_an_unsorted_list_of_an_older_index_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.txt"
    lines = ["zebra\t350\n", "apfel\t420\n", "mond\t390\n"]
    write_table(path, compounds.LEXICON_KIND, compounds.LEXICON_VERSION, "".join(lines).encode())
    compounds.use_lexicon(path)
    try:
        assert [compounds.zipf(w) for w in ("apfel", "mond", "zebra", "birne")] == [
            4.2,
            3.9,
            3.5,
            0.0,
        ]
        assert dict(compounds.frequencies().items()) == {"apfel": 4.2, "mond": 3.9, "zebra": 3.5}
    finally:
        compounds.use_lexicon(None)


def test_a_bad_line_is_reported_as_damage(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.txt"
    write_table(path, compounds.LEXICON_KIND, compounds.LEXICON_VERSION, b"apfel\tviel\n")
    compounds.use_lexicon(path)
    try:
        with pytest.raises(IndexDamaged):
            compounds.zipf("apfel")
    finally:
        compounds.use_lexicon(None)


def test_many_lookups_answer_as_few_do(saved: Path) -> None:
    lexicon = compounds.frequencies()
    assert isinstance(lexicon, compounds.SavedLexicon)
    words = [*_wordfreq_sample(200), "xqzv", "krisee"]
    by_bisection = [lexicon.get(w, 0.0) for w in words]
    for _ in range(compounds.SavedLexicon.TABLE_AFTER):
        lexicon.get("klima")
    assert lexicon._table is not None
    assert [lexicon.get(w, 0.0) for w in words] == by_bisection


def test_a_bad_line_is_damage_after_many_lookups_too(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.txt"
    write_table(
        path, compounds.LEXICON_KIND, compounds.LEXICON_VERSION, b"apfel\tviel\nmond\t390\n"
    )
    compounds.use_lexicon(path)
    try:
        with pytest.raises(IndexDamaged):
            for _ in range(compounds.SavedLexicon.TABLE_AFTER + 1):
                compounds.zipf("mond")
    finally:
        compounds.use_lexicon(None)
