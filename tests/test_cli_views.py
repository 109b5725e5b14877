"""Views of a corpus (timeline, stats, similar), progress phases and where the index lives."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.cli import app

from .conftest import BUNDLED, IDS

runner = CliRunner()


@pytest.fixture()
def indexed(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KORPUS_INDEX", str(tmp_path / "ix"))
    monkeypatch.setenv("KORPUS_CORPUS", str(corpus))
    assert runner.invoke(app, ["index"]).exit_code == 0
    return corpus


def test_text_timeline_shows_hits_all_articles_and_ratio(indexed: Path) -> None:
    result = runner.invoke(app, ["timeline", "Nordkorea", "--by", "month"])
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if re.match(r"^  \d{4}-\d\d ", line)]
    assert rows
    for row in rows:
        numbers = row.split()
        assert re.fullmatch(r"\d+", numbers[-3 if "peak" not in row else -5])
    july = next(r for r in rows if r.startswith("  2024-07"))
    assert re.search(r"\b1\s+1\s+100\.0%", july)
    empty = next(r for r in rows if r.startswith("  2024-08"))
    assert re.search(r"\b0\s+0\s+–", empty) and "peak" not in empty


@pytest.mark.parametrize(
    ("by", "pattern"), [("day", r"^\d{4}-\d\d-\d\d$"), ("week", r"^\d{4}-W\d\d$")]
)
def test_day_and_week_views_show_empty_periods(indexed: Path, by: str, pattern: str) -> None:
    result = runner.invoke(app, ["timeline", "Nordkorea", "--by", by, "-f", "json"])
    buckets = json.loads(result.stdout)["buckets"]
    assert all(re.match(pattern, b["period"]) for b in buckets)
    assert any(b["hits"] == 0 for b in buckets)
    text = runner.invoke(app, ["timeline", "Nordkorea", "--by", by]).stdout
    assert len([line for line in text.splitlines() if re.match(r"^  \d{4}-", line)]) == len(buckets)


@pytest.mark.parametrize("query", ["Xylophonorchester", "Schoigu"])
def test_a_timeline_without_dated_hits_says_so_and_exits_1(indexed: Path, query: str) -> None:
    args = ["timeline", query] + (["--source", "AFP"] if query == "Schoigu" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "no dated hits" in result.stdout and "peak" not in result.stdout


def test_stats_by_year_and_date_range(indexed: Path) -> None:
    data = json.loads(runner.invoke(app, ["stats", "--by", "year", "-f", "json"]).stdout)
    assert data["by"] == "year" and data["periods"] == {"2024": 2, "2025": 2}
    data = json.loads(runner.invoke(app, ["stats", "--from", "2025", "-f", "json"]).stdout)
    assert data["articles"] == 2 and data["undated"] == 0
    text = runner.invoke(app, ["stats", "--by", "year"]).stdout
    assert "Articles per year" in text


def test_similar_takes_filters(indexed: Path) -> None:
    result = runner.invoke(app, ["similar", IDS["002"], "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["similar"][0]["id"] == IDS["000"]
    result = runner.invoke(app, ["similar", IDS["002"], "--from", "2025", "-f", "json"])
    found = json.loads(result.stdout)["similar"]
    assert found and all(f["date"] >= "2025" for f in found)
    result = runner.invoke(app, ["similar", IDS["002"], "--source", "t-online", "-f", "json"])
    assert [f["id"] for f in json.loads(result.stdout)["similar"]] == [IDS["000"]]


def test_similar_keeps_to_the_topic(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    vaccine = (
        "Der Bundestag debattiert über die Impfpflicht gegen Corona. Gegner der Impfpflicht "
        "demonstrieren, Befürworter verweisen auf die Impfquote und die Intensivstationen. "
    )
    for i in range(3):
        (corpus / f"impf{i}.txt").write_text(
            f"Impfpflicht Debatte Teil {i} im Bundestag\n\n" + vaccine * (2 + i), encoding="utf-8"
        )
    fashion = (
        "Die Herbstgarderobe setzt auf Mäntel und Strick. Der Bundestag und die Debatte "
        "spielen für Modefans keine Rolle, wohl aber Farben und Stoffe. "
    )
    (corpus / "mode.txt").write_text("Herbstgarderobe für kalte Tage\n\n" + fashion * 3)
    index_dir = tmp_path / "ix"
    assert runner.invoke(app, ["index", str(corpus), "-i", str(index_dir)]).exit_code == 0
    result = runner.invoke(app, ["similar", "impf0.txt", "-i", str(index_dir), "-f", "json"])
    ids = [f["id"] for f in json.loads(result.stdout)["similar"]]
    assert ids[:2] == ["impf1.txt", "impf2.txt"] or set(ids[:2]) == {"impf1.txt", "impf2.txt"}
    assert "mode.txt" not in ids


def test_no_stray_index_where_nothing_is_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("KORPUS_INDEX", raising=False)
    result = runner.invoke(app, ["search", "Nordkorea"])
    assert result.exit_code == 2
    assert "no index" in result.stderr and "building" not in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_an_index_is_found_from_a_subfolder_and_beside_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(BUNDLED, project / "corpus")
    monkeypatch.delenv("KORPUS_INDEX", raising=False)
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["index"]).exit_code == 0
    sub = project / "notes" / "deep"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = runner.invoke(app, ["search", "Nordkorea", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert list(sub.iterdir()) == []
    # From an unrelated folder, naming the corpus: the index beside the corpus is used.
    away = tmp_path / "away"
    away.mkdir()
    monkeypatch.chdir(away)
    monkeypatch.setenv("KORPUS_CORPUS", str(project / "corpus"))
    result = runner.invoke(app, ["search", "Nordkorea", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert list(away.iterdir()) == []


def test_a_moved_corpus_is_reported(indexed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KORPUS_CORPUS")
    indexed.rename(indexed.parent / "moved")
    result = runner.invoke(app, ["search", "Nordkorea", "-f", "json"])
    assert "warning" in result.stderr and "is gone (moved or deleted)" in result.stderr
    assert str(indexed) in result.stderr


def test_progress_names_its_phases(corpus: Path, tmp_path: Path) -> None:
    from korpus.index import update_index

    seen: list[str] = []

    class Recorder:
        def __call__(self, done: int, total: int) -> None:
            if not seen or seen[-1] != "count":
                seen.append("count")

        def phase(self, name: str) -> None:
            seen.append(name)

    update_index(corpus, tmp_path / "ix", progress=Recorder())
    assert seen == ["reading", "count", "analysing and writing", "finishing"]
