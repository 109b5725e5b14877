from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "corpus"
SHARED_DATA = REPO.parent / "shared" / "data" / "de-news-14k.jsonl.gz"

IDS = {
    "000": "000_042aba984eeb68ce.txt",
    "001": "001_86050aa7e1e4f1e7.txt",
    "002": "002_2cc7b7632708e469.txt",
    "003": "003_f47d6ef868a95d97.txt",
    "004": "004_31daf8f9abd0384c.txt",
}


@pytest.fixture(scope="session")
def machine_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder for derived word tables, shared by the tests of one run."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, machine_cache: Path) -> None:
    """No test reads or writes the repository's own index/, the user's settings
    or the user's cache."""
    monkeypatch.setenv("KORPUS_INDEX", str(tmp_path / "default-index"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(machine_cache))
    monkeypatch.delenv("KORPUS_CORPUS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A private copy of the bundled corpus, free to change."""
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the bundled corpus, built once and only read by tests."""
    from korpus.index import update_index

    root = tmp_path_factory.mktemp("bundled")
    corpus_copy = root / "corpus"
    shutil.copytree(BUNDLED, corpus_copy)
    index_dir = root / "index"
    update_index(corpus_copy, index_dir)
    return index_dir


def short_ids(ids: list[str]) -> list[str]:
    return sorted(i[:3] for i in ids)
