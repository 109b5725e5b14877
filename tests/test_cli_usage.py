"""The command line's own manners: help, version, usage errors on one line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import korpus
from korpus.cli import COMMANDS, app

runner = CliRunner()
NAMES = [name for name, *_ in COMMANDS]
# What Typer shows when no metavar names a value: Python types and ranges.
PYTHON_TYPES = re.compile(r"<[a-z][\w\[\], ]*>|\{[a-z_]+\}|\bx[<>]=|list\[|int range")


@pytest.mark.parametrize("command", NAMES)
def test_help_shows_no_python_types(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert not PYTHON_TYPES.search(result.output), result.output


def test_top_level_help_lists_every_command_with_a_whole_line() -> None:
    result = runner.invoke(app, ["--help"], terminal_width=100)
    assert result.exit_code == 0
    listed = {}
    for line in result.output.splitlines():
        match = re.match(r"^  (\w+)\s{2,}(.+)$", line)
        if match and match.group(1) in NAMES:
            listed[match.group(1)] = match.group(2)
    assert set(listed) == set(NAMES)
    for name, summary in listed.items():
        assert not summary.endswith("..."), name
        assert summary.endswith("."), name


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"korpus {korpus.__version__}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "x", "-n", "0"], "--limit: must be at least 1"),
        (["search", "x", "--limit", "-3"], "--limit: must be at least 1"),
        (["search", "x", "-n", "zehn"], "--limit: must be a whole number"),
        (["search", "x", "--sort", "best"], "--sort: 'best' is not one of"),
        (["search", "x", "--format", "xml"], "--format: 'xml' is not one of"),
        (["timeline", "x", "--by", "decade"], "--by: 'decade' is not one of"),
        (["similar", "x", "-n", "0"], "--limit: must be at least 1"),
        (["show", "x", "--format", "csv"], "--format: 'csv' is not one of"),
        (["search"], "missing argument QUERY"),
        (["show"], "missing argument ID"),
        (["search", "x", "--bogus"], "no such option: --bogus"),
        (["search", "x", "-n"], "requires an argument"),
        (["serach", "x"], "did you mean 'search'?"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("korpus: error: ")
    assert message in lines[0]
    assert "Usage:" not in result.stderr and "Value error" not in result.stderr


def test_bad_usage_in_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "korpus", "search", "x", "-n", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr == "korpus: error: --limit: must be at least 1\n"


def test_an_error_names_only_what_is_wrong(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["search", "x", "--from", "2025-07", "--to", "2025-06", "-i", str(tmp_path / "ix")]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["korpus: error: --from 2025-07 is after --to 2025-06"]
