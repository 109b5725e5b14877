from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.cli import app

from .conftest import BUNDLED, IDS, short_ids

runner = CliRunner()


@pytest.fixture()
def env_index(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An index of a corpus copy, named by the environment as a user would."""
    index_dir = tmp_path / "ix"
    monkeypatch.setenv("KORPUS_INDEX", str(index_dir))
    monkeypatch.setenv("KORPUS_CORPUS", str(corpus))
    result = runner.invoke(app, ["index"])
    assert result.exit_code == 0, result.output
    return index_dir


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def json_ids(stdout: str) -> list[str]:
    """Every matching article: the hits shown and the versions folded into them."""
    hits = json.loads(stdout)["hits"]
    return short_ids(list({h["id"] for h in hits} | {d for h in hits for d in h["duplicates"]}))


def test_index_reports_a_summary(corpus: Path, tmp_path: Path) -> None:
    code, out, err = run("index", str(corpus), "--index", str(tmp_path / "ix"))
    assert code == 0 and out == ""
    assert "5 added, 0 updated, 0 removed, 0 unchanged, 0 skipped" in err


def test_index_reports_skipped_files(corpus: Path, tmp_path: Path) -> None:
    (corpus / "leer.txt").write_text("   ")
    (corpus / "bild.jpg").write_bytes(b"\xff\xd8")
    code, _, err = run("index", str(corpus), "--index", str(tmp_path / "ix"))
    assert code == 0
    assert "leer.txt: empty file" in err
    assert "bild.jpg: not a file korpus reads (extension .jpg)" in err
    assert "2 skipped" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Soldaten", "--from", "2025-06-01", "--to", "2025-06-30"], ["000"]),
        (["Nordkorea", "--to", "2024-12-31"], ["001", "004"]),
        (["Nordkorea NOT Kursk"], ["004"]),
        (["Nordkorea", "--from", "2025-07-15"], ["003"]),
        (["Nordkorea", "--from", "2025-07-15", "--include-undated"], ["002", "003"]),
        (["Nordkorea", "--from", "Juni 2025", "--to", "Jun 2025"], ["000"]),
        (["Nordkorea", "--from", "06.2025", "--to", "2025-06"], ["000"]),
        (["Nordkorea", "--source", "AFP", "--source", "t-online"], ["000", "002"]),
        (["Nordkorea", "-s", "afp"], ["002"]),
        (["Selensykj", "--exact"], ["003"]),
        (["Selensykj"], ["001", "003"]),
    ],
)
def test_search_options(env_index: Path, args: list[str], expected: list[str]) -> None:
    code, out, _ = run("search", *args, "--format", "json")
    assert code == 0
    assert json_ids(out) == expected


def test_search_json_shape(env_index: Path) -> None:
    code, out, _ = run("search", "Schoigu", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["query"] == "Schoigu" and data["total"] == 2
    assert set(data["filters"]) == {"from", "to", "sources", "include_undated"}
    for hit in data["hits"]:
        assert {
            "rank",
            "id",
            "path",
            "title",
            "date",
            "date_precision",
            "source",
            "sources",
            "score",
            "snippet",
            "matches",
        } <= set(hit)
        assert "Schoigu" in hit["snippet"]
        assert [hit["snippet"][s:e] for s, e in hit["matches"]] == ["Schoigu"] * len(
            hit["matches"]
        ) and hit["matches"]
    assert "\\u" not in out and "Pjöngjang" in out


def test_search_jsonl_and_csv_round_trip(env_index: Path) -> None:
    code, out, _ = run("search", "Nordkorea", "--all", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 5 and [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    code, out, _ = run("search", "Nordkorea", "--all", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(table) == 5
    assert {r["id"] for r in table} == set(IDS.values())
    assert table[0]["snippet"] and "rank" in table[0]


def test_limit_and_all(env_index: Path) -> None:
    _, out, _ = run("search", "Nordkorea", "--limit", "2", "--format", "json")
    data = json.loads(out)
    assert (data["total"], len(data["hits"])) == (5, 2)
    _, out, _ = run("search", "Nordkorea", "--all", "--format", "json")
    assert len(json.loads(out)["hits"]) == 5


def test_sort_newest(env_index: Path) -> None:
    _, out, _ = run("search", "Nordkorea", "--sort", "newest", "--format", "json")
    assert [h["id"][:3] for h in json.loads(out)["hits"]] == ["003", "000", "001", "004", "002"]


def test_output_file_is_written_and_reported(env_index: Path, tmp_path: Path) -> None:
    target = tmp_path / "hits.csv"
    code, out, err = run("search", "Nordkorea", "--all", "--output", str(target))
    assert code == 0 and out == ""
    assert f"wrote 5 hits to {target}" in err
    with target.open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 5
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".hits")] == []


def test_text_output_has_no_ansi_when_piped(env_index: Path) -> None:
    code, out, err = run("search", "Schoigu")
    assert code == 0 and "\x1b[" not in out
    assert "Schoigu" in out and "26.06.2025 13:05" in out and "t-online" in out
    assert "2 hits" in err


def test_no_hits_exits_1_with_a_suggestion(env_index: Path) -> None:
    code, out, err = run("search", "Schoiguuu", "--exact")
    assert code == 1 and out == ""
    assert "Did you mean: Schoigu?" in err
    code, out, _ = run("search", "Schoiguuu", "--exact", "--format", "json")
    assert code == 1 and json.loads(out)["suggestions"] == ["Schoigu"]


def test_facets_in_json(env_index: Path) -> None:
    _, out, _ = run("search", "Nordkorea", "--facets", "--limit", "1", "--format", "json")
    facets = json.loads(out)["facets"]
    assert facets["source"]["AFP"] == 1 and sum(facets["month"].values()) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "Nordkorea", "--from", "irgendwann"], "not a date"),
        (["search", "Nordkorea", "--from", "2025-07", "--to", "2025-06"], "is after"),
        (["search", '"Kim Jong'], "unclosed quote"),
        (["search", "(Kim"], "unclosed '('"),
        (["search", "NOT"], "no searchable words"),
        (["search", "autor:x"], "unknown field"),
        (["search", "Kim", "--output", "/nonexistent/dir/out.json"], "/nonexistent/dir"),
        (["index", "/nonexistent/corpus"], "corpus not found: /nonexistent/corpus"),
        (["show", "999.txt"], "no article with id '999.txt'"),
        (["parse", "/nonexistent/file.txt"], "no such file or folder"),
    ],
)
def test_errors_are_one_line_with_exit_2(env_index: Path, args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out
    assert err.startswith("korpus: error: ")


def test_date_error_lists_accepted_forms(env_index: Path) -> None:
    _, _, err = run("search", "Kim", "--to", "bald")
    assert "accepted forms: 2025-06-26, 26.06.2025, 01.03.20, 2025-06" in err


def test_index_path_that_is_a_file(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notadir"
    bad.write_text("x")
    code, _, err = run("search", "Kim", "--index", str(bad))
    assert code == 2 and str(bad) in err


def test_show_prints_article_with_metadata(env_index: Path) -> None:
    code, out, _ = run("show", IDS["004"], "--query", "Militärmission")
    assert code == 0
    assert "Hilfe im Ukraine-Krieg?" in out and "09.07.2024" in out
    assert "weekday-inferred" in out and "Südkorea denkt über Waffenlieferungen" in out


def test_show_json_has_match_offsets(env_index: Path) -> None:
    code, out, _ = run("show", "002_2cc7b7632708e469", "--query", "Schoigu", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["source"] == "AFP"
    assert [data["text"][s:e] for s, e in data["matches"]] == ["Schoigu", "Schoigu"]


def test_parse_command(corpus: Path) -> None:
    code, out, _ = run("parse", str(corpus / IDS["000"]), "--format", "jsonl")
    record = json.loads(out)
    assert code == 0 and record["source"] == "t-online" and record["date"] == "2025-06-26T13:05"
    code, out, _ = run("parse", str(corpus), "--format", "json")
    assert code == 0 and len(json.loads(out)) == 5
    code, out, _ = run("parse", str(corpus))
    assert code == 0 and "weekday-inferred" in out


def test_parse_nothing_parsed_exits_1(tmp_path: Path) -> None:
    (tmp_path / "leer.txt").write_text("")
    code, _, err = run("parse", str(tmp_path))
    assert code == 1 and "empty file" in err


def test_search_builds_a_missing_index_on_first_use(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KORPUS_CORPUS", str(corpus))
    index_dir = tmp_path / "fresh"
    code, out, err = run("search", "Nordkorea", "--index", str(index_dir))
    assert code == 0 and "building the index" in err and "Nordkorea" in out


def test_search_updates_a_stale_index(env_index: Path, corpus: Path) -> None:
    (corpus / "neu.txt").write_text("Ein Bericht über den Walfang.", encoding="utf-8")
    code, out, _ = run("search", "Walfang", "--format", "json")
    assert code == 0 and json_ids(out) == ["neu"]
    (corpus / "neu2.txt").write_text("Noch ein Walfang-Bericht.", encoding="utf-8")
    code, out, _ = run("search", "Walfang", "--no-update", "--format", "json")
    assert json_ids(out) == ["neu"]


def cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "korpus", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def test_exit_codes_as_a_real_process(corpus: Path, tmp_path: Path) -> None:
    env = {"KORPUS_INDEX": str(tmp_path / "ix"), "KORPUS_CORPUS": str(corpus)}
    hits = cli("search", "Nordkorea", env=env)
    assert hits.returncode == 0 and "Nordkorea" in hits.stdout and "\x1b[" not in hits.stdout
    assert cli("search", "Walfangquote", "--exact", env=env).returncode == 1
    bad = cli("search", "(Nordkorea", env=env)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    assert cli("search", "Kim", "--from", "nie", env=env).returncode == 2
    assert cli("search", "Kim", "--limit", "0", env=env).returncode == 2


def test_no_color_keeps_the_layout(env_index: Path, corpus: Path, tmp_path: Path) -> None:
    env = {"KORPUS_INDEX": str(env_index), "KORPUS_CORPUS": str(corpus)}
    plain = cli("search", "Schoigu", env=env)
    no_color = cli("search", "Schoigu", env={**env, "NO_COLOR": "1"})
    assert plain.stdout == no_color.stdout and "\x1b" not in no_color.stdout


def test_text_output_folds_versions_of_a_story(env_index: Path) -> None:
    code, out, _ = run("search", "Nordkorea Soldaten")
    assert code == 0
    assert "+1 more version" in out
    assert out.count(IDS["000"]) + out.count(IDS["002"]) == 2  # one hit, one version line


def test_no_group_in_text_shows_every_article(env_index: Path) -> None:
    _, out, _ = run("search", "Nordkorea Soldaten", "--no-group")
    headings = [line for line in out.splitlines() if line[:5].strip().isdigit()]
    assert len(headings) == 4
    assert IDS["000"] in out and IDS["002"] in out


def test_json_group_folds_and_lists_duplicates(env_index: Path) -> None:
    _, out, _ = run("search", "Nordkorea Soldaten", "--group", "--format", "json")
    hits = json.loads(out)["hits"]
    assert len(hits) == 3
    [story] = [h for h in hits if h["duplicates"]]
    assert {story["id"], *story["duplicates"]} == {IDS["000"], IDS["002"]}


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_reader_closing_the_pipe_is_not_an_error(tmp_path: Path, fmt: str) -> None:
    from korpus.index import update_index

    corpus = tmp_path / "viele"
    corpus.mkdir()
    body = (BUNDLED / IDS["001"]).read_text(encoding="utf-8")
    for i in range(300):
        (corpus / f"{i:03d}.txt").write_text(f"Meldung Nummer {i}\n\n{body}", encoding="utf-8")
    update_index(corpus, tmp_path / "ix")
    env = {**os.environ, "KORPUS_INDEX": str(tmp_path / "ix"), "KORPUS_CORPUS": str(corpus)}
    # Far more output than a pipe holds, so writing must hit the closed pipe.
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "korpus",
            "search",
            "Nordkorea",
            "--all",
            "--no-group",
            "--no-update",
            "--format",
            fmt,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "Broken pipe" not in err
