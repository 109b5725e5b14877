from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.article import Article
from korpus.cli import app
from korpus.duplicates import containment, group_sketches, sketch
from korpus.explore import bucket, continuous, period_precision
from korpus.loader import iter_corpus

from .conftest import BUNDLED, IDS

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def index_env(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KORPUS_INDEX", str(tmp_path / "ix"))
    monkeypatch.setenv("KORPUS_CORPUS", str(corpus))
    assert runner.invoke(app, ["index"]).exit_code == 0
    return tmp_path / "ix"


# --- duplicates --------------------------------------------------------------------


def bundled_sketches() -> dict[str, object]:
    return {a.id[:3]: sketch(a.text) for a in iter_corpus(BUNDLED) if isinstance(a, Article)}


def test_seed_articles_000_and_002_form_the_only_group() -> None:
    groups = group_sketches(bundled_sketches())  # type: ignore[arg-type]
    assert groups == {"000": "000", "002": "000"}


def test_containment_separates_versions_from_the_same_topic() -> None:
    sketches = bundled_sketches()
    assert containment(sketches["000"], sketches["002"]) > 0.3  # type: ignore[arg-type]
    for other in ("001", "003", "004"):
        assert containment(sketches["000"], sketches[other]) < 0.1  # type: ignore[arg-type]


def test_short_texts_get_no_sketch() -> None:
    assert sketch("Zu kurz, um etwas zu sagen.") is None


def test_duplicate_groups_follow_updates(corpus: Path, tmp_path: Path) -> None:
    from korpus.index import update_index
    from korpus.search import search

    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    copy = (corpus / IDS["004"]).read_text(encoding="utf-8")
    (corpus / "005_kopie.txt").write_text("Von dpa\n\n" + copy, encoding="utf-8")
    update_index(corpus, index_dir)
    hits = search(index_dir, "Militärmission", limit=None, group=False).hits
    versions = {h.id[:3]: sorted(d[:3] for d in h.duplicates) for h in hits}
    assert versions == {"004": ["005"], "005": ["004"]}
    (corpus / "005_kopie.txt").unlink()
    update_index(corpus, index_dir)
    [hit] = search(index_dir, "Militärmission", limit=None).hits
    assert hit.duplicates == []


# --- periods -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        (20250626130500, 20250626130559, "minute"),
        (20240709000000, 20240709235959, "day"),
        (20250701000000, 20250731235959, "month"),
        (20250101000000, 20251231235959, "year"),
        (0, 0, None),
    ],
)
def test_period_precision(start: int, end: int, precision: str | None) -> None:
    assert period_precision(start, end) == precision


@pytest.mark.parametrize(
    ("by", "expected"),
    [("day", None), ("week", None), ("month", "2025-07"), ("year", "2025")],
)
def test_month_precision_counts_only_in_its_month(by: str, expected: str | None) -> None:
    assert bucket(20250701000000, 20250731235959, by) == expected  # type: ignore[arg-type]


def test_continuous_fills_gaps() -> None:
    assert continuous(["2024-11", "2025-02"], "month") == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    assert continuous(["2024-W52", "2025-W02"], "week") == ["2024-W52", "2025-W01", "2025-W02"]


# --- commands ----------------------------------------------------------------------


def test_stats_json(index_env: Path) -> None:
    code, out, _ = run("stats", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["articles"], data["dated"], data["undated"]) == (5, 4, 1)
    assert (data["first"], data["last"]) == ("2024-07-09", "2025-07-31")
    assert data["sources"] == {"source unknown": 3, "AFP": 1, "t-online": 1}
    assert data["months"]["2024-07"] == 1 and data["months"]["2024-08"] == 0
    assert sum(data["months"].values()) == 4 and data["skipped"] == []


def test_stats_text_reports_skipped_files(index_env: Path, corpus: Path) -> None:
    (corpus / "leer.txt").write_text("")
    code, out, _ = run("stats")
    assert code == 0 and "Articles per month" in out and "◀ peak" in out
    assert "leer.txt: empty file" in out


@pytest.mark.parametrize(
    ("by", "periods"),
    [
        ("month", {"2024-07": 1, "2024-10": 1, "2025-06": 1, "2025-07": 1}),
        ("year", {"2024": 2, "2025": 2}),
        ("day", {"2024-07-09": 1, "2024-10-28": 1, "2025-06-26": 1}),
    ],
)
def test_timeline_counts(index_env: Path, by: str, periods: dict[str, int]) -> None:
    code, out, _ = run("timeline", "Nordkorea", "--by", by, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert {b["period"]: b["hits"] for b in data["buckets"] if b["hits"]} == periods
    assert data["undated"] == 1
    assert data["too_coarse"] == (1 if by == "day" else 0)


def test_timeline_csv_has_totals_and_ratios(index_env: Path) -> None:
    code, out, _ = run("timeline", "Kursk", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and list(rows[0]) == ["period", "hits", "total", "ratio"]
    by_period = {r["period"]: r for r in rows}
    assert by_period["2024-10"]["hits"] == "1" and by_period["2024-10"]["total"] == "1"
    assert by_period["2024-07"]["hits"] == "0" and by_period["2024-07"]["ratio"] == "0.0"


def test_timeline_text_marks_the_peak(index_env: Path) -> None:
    code, out, _ = run("timeline", "Nordkorea", "--by", "year")
    assert code == 0 and "◀ peak" in out and "not counted: 1 undated" in out


def test_timeline_without_hits_exits_1(index_env: Path) -> None:
    assert run("timeline", "Walfang", "--exact")[0] == 1


def test_similar_finds_the_other_version_first_among_equals(index_env: Path) -> None:
    code, out, _ = run("similar", IDS["002"], "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["article"] == IDS["002"]
    assert data["similar"][0]["id"] == IDS["000"] and data["similar"][0]["same_story"]
    assert IDS["002"] not in [s["id"] for s in data["similar"]]


def test_similar_text_and_unknown_id(index_env: Path) -> None:
    code, out, _ = run("similar", "004_31daf8f9abd0384c")
    assert code == 0 and "Articles like: Hilfe im Ukraine-Krieg?" in out
    code, _, err = run("similar", "nope.txt")
    assert code == 2 and "no article with id 'nope.txt'" in err


def test_search_facets_in_text(index_env: Path) -> None:
    code, out, _ = run("search", "Nordkorea", "--facets", "--limit", "1")
    assert code == 0 and "Hits per source" in out and "Hits per month" in out
