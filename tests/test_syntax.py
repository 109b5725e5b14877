"""Query syntax: -word and +word, capital-only operators, dangling operators, empty fields."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.cli import app
from korpus.commands.base import query_last
from korpus.errors import QueryError
from korpus.search import search
from korpus.syntax import check_fields, check_operators, lowercase_operators

from .conftest import short_ids

runner = CliRunner()


def found(index_dir: Path, query: str) -> list[str]:
    return short_ids([h.id for h in search(index_dir, query, limit=None, group=False).hits])


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("Nordkorea -Kursk", "Nordkorea NOT Kursk"),
        ("-Kursk Nordkorea", "Nordkorea NOT Kursk"),
        ("Schoigu -Masala", "Schoigu NOT Masala"),
        ("-Masala Schoigu", "Schoigu NICHT Masala"),
        ("Nordkorea -Kursk -Schoigu", "Nordkorea NOT (Kursk OR Schoigu)"),
        ('Nordkorea -"Wladimir Putin"', 'Nordkorea NOT "Wladimir Putin"'),
        ("Nordkorea -(Kursk OR Schoigu)", "Nordkorea NOT (Kursk OR Schoigu)"),
        ("(Schoigu -Masala) OR Yonhap", "(Schoigu NOT Masala) OR Yonhap"),
        ("+Schoigu Masala", "Schoigu AND Masala"),
        ("Schoigu +Masala", "Schoigu AND Masala"),
        ("+Nordkorea +Soldaten", "Nordkorea AND Soldaten"),
        ("Nordkorea - Kursk", "Nordkorea Kursk"),
        ("Nato-Gipfel", '"Nato Gipfel"'),
    ],
)
def test_plus_and_minus_mean_must_and_not(built_index: Path, query: str, same_as: str) -> None:
    assert found(built_index, query) == found(built_index, same_as)


def test_minus_word_excludes_instead_of_requiring(built_index: Path) -> None:
    """"Merkel -Scholz" once meant Merkel AND Scholz: the sign was dropped."""
    assert found(built_index, "Nordkorea -Kursk") == ["004"]
    assert found(built_index, "Nordkorea Kursk") != ["004"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Merkel AND", "AND at column 8 has no word after it"),
        ("Merkel UND", "UND at column 8 has no word after it"),
        ("Merkel OR", "OR at column 8 has no word after it"),
        ("Merkel ODER", "ODER at column 8 has no word after it"),
        ("Merkel NOT", "NOT at column 8 has no word after it"),
        ("Merkel NICHT", "NICHT at column 8 has no word after it"),
        ("AND Merkel", "AND at column 1 has no word before it"),
        ("OR Merkel", "OR at column 1 has no word before it"),
        ("ODER Merkel", "ODER at column 1 has no word before it"),
        ("Merkel OR OR Scholz", "OR at column 11 has no word between OR and it"),
        ("Merkel AND OR Scholz", "OR at column 12 has no word between AND and it"),
        ("Merkel (Scholz AND)", "AND at column 16 has no word after it"),
        ("(OR Scholz) Merkel", "OR at column 2 has no word before it"),
        ("Merkel NOT) (Scholz", "unbalanced ')'"),
        ("title:", "field title: at column 1 has no word after it"),
        ("Merkel title:", "field title: at column 8 has no word after it"),
        ("title: Merkel", "field title: at column 1 has no word after it"),
        ("source: dpa", "field source: at column 1 has no word after it"),
        ("(title:) Merkel", "field title: at column 2 has no word after it"),
        ("-Scholz", "only excludes words"),
        ("-Scholz -Merkel", "only excludes words"),
        ("NOT Scholz", "only excludes words"),
        ("NICHT Scholz", "only excludes words"),
    ],
)
def test_malformed_queries_are_errors(built_index: Path, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        search(built_index, query)


@pytest.mark.parametrize(
    "query",
    [
        "Merkel AND NOT Scholz",
        "Merkel UND NICHT Scholz",
        "NOT Scholz Merkel",
        "(Merkel OR Kohl) AND Scholz",
        '"Merkel AND" Scholz',
        "Achtung: Merkel",
        "title:Merkel",
        "Merkel und Scholz",
        "Merkel or Scholz",
        "Merkel - Scholz",
    ],
)
def test_well_formed_queries_pass_the_checks(query: str) -> None:
    check_operators(query)
    check_fields(query)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Merkel or Scholz", ["or"]),
        ("Merkel and not Scholz", ["and", "not"]),
        ("Merkel oder Scholz", ["oder"]),
        ("Merkel OR Scholz", []),
        ("Oder Neiße", []),
        ('"to be or not"', []),
    ],
)
def test_lowercase_operators_are_words(query: str, words: list[str]) -> None:
    assert lowercase_operators(query) == words


def test_lowercase_or_is_searched_as_a_word(built_index: Path) -> None:
    """"Schoigu or Masala" is not "Schoigu OR Masala": operators count only in capitals."""
    assert found(built_index, "Schoigu OR Masala") == ["000", "002"]
    assert found(built_index, "Schoigu or Masala") == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-Scholz", "Merkel"], ["--", "-Scholz", "Merkel"]),
        (["Merkel", "-Scholz"], ["--", "Merkel", "-Scholz"]),
        (["-Scholz", "Merkel", "-n", "5"], ["-n", "5", "--", "-Scholz", "Merkel"]),
        (["-n5", "-Scholz", "Merkel"], ["-n5", "--", "-Scholz", "Merkel"]),
        (["--limit=5", "-Scholz", "Merkel"], ["--limit=5", "--", "-Scholz", "Merkel"]),
        (["-s", "dpa", "-Scholz", "x"], ["-s", "dpa", "--", "-Scholz", "x"]),
        (["--source", "-odd", "Merkel"], ["--source", "-odd", "--", "Merkel"]),
        (["--exact", "-Scholz", "x"], ["--exact", "--", "-Scholz", "x"]),
        (["-scholz", "x"], ["--", "-scholz", "x"]),
        (["Merkel", "--bogus"], ["--bogus", "--", "Merkel"]),
        (["--", "-n", "x"], ["--", "-n", "x"]),
        (["--help"], ["--help"]),
    ],
)
def test_query_words_with_a_dash_are_not_options(args: list[str], expected: list[str]) -> None:
    from typer.main import get_command

    command = get_command(app).commands["search"]  # type: ignore[attr-defined]
    ctx = command.make_context("search", ["x"])
    assert query_last(command.get_params(ctx), args) == expected


@pytest.fixture()
def env_index(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    index_dir = tmp_path / "ix"
    monkeypatch.setenv("KORPUS_INDEX", str(index_dir))
    monkeypatch.setenv("KORPUS_CORPUS", str(corpus))
    assert runner.invoke(app, ["index"]).exit_code == 0
    return index_dir


def cli_ids(*args: str) -> tuple[int, list[str], str]:
    result = runner.invoke(app, ["search", "--format", "json", "--no-group", *args])
    ids = short_ids([h["id"] for h in json.loads(result.stdout)["hits"]]) if result.stdout else []
    return result.exit_code, ids, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["-Kursk", "Nordkorea"],
        ["Nordkorea", "-Kursk"],
        ["-Kursk Nordkorea"],
        ["-n", "5", "-Kursk", "Nordkorea"],
        ["-Kursk", "-n", "5", "Nordkorea"],
        ["--", "-Kursk", "Nordkorea"],
        ["Nordkorea NOT Kursk"],
    ],
)
def test_cli_accepts_a_query_that_starts_with_a_dash(env_index: Path, args: list[str]) -> None:
    """`korpus search -Scholz Merkel` once failed with "No such option"."""
    code, ids, err = cli_ids(*args)
    assert (code, ids) == (0, ["004"]), err


def test_cli_still_rejects_unknown_long_options(env_index: Path) -> None:
    result = runner.invoke(app, ["search", "Nordkorea", "--limitt", "3"])
    assert result.exit_code == 2 and "--limitt" in result.stderr


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Nordkorea AND", "AND at column 11 has no word after it"),
        ("title:", "field title: at column 1 has no word after it"),
        ("-Kursk", "query only excludes words"),
    ],
)
def test_cli_malformed_query_is_one_line_exit_2(
    env_index: Path, query: str, message: str
) -> None:
    result = runner.invoke(app, ["search", query])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"korpus: error: {message}") and lines[0].endswith(query)


def test_cli_notes_a_lowercase_operator(env_index: Path) -> None:
    result = runner.invoke(app, ["search", "Schoigu or Masala"])
    assert result.exit_code == 1
    assert 'note: "or" is searched as a word' in result.stderr


def test_help_says_operators_count_only_in_capitals() -> None:
    result = runner.invoke(app, ["search", "--help"])
    assert "in capitals only" in " ".join(result.stdout.split())
    assert "-word" in result.stdout


def test_dash_query_as_a_subprocess(env_index: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "korpus", "search", "-Kursk", "Nordkorea", "-f", "jsonl"],
        capture_output=True,
        text=True,
        env={**os.environ},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"][:3] for line in proc.stdout.splitlines()] == ["004"]
