from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

import korpus
from korpus.cli import app

COMMANDS = ("index", "search", "show", "parse", "stats", "timeline", "similar", "analyze")


def test_package_imports_with_version() -> None:
    assert korpus.__version__.count(".") == 2


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_every_command_has_help_with_an_example() -> None:
    for command in COMMANDS:
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "korpus " + command in result.output, command


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "korpus", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    assert "search" in proc.stdout


def test_help_does_not_import_whoosh_or_rich() -> None:
    code = (
        "import sys; from korpus.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('whoosh', 'rich', 'dateutil') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_readme_documents_every_command() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"`korpus {command}" in readme, command


def test_readme_quick_start_commands_are_the_ci_commands() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    test_command = (
        'python3 -m venv .venv && .venv/bin/pip install ".[test]" && .venv/bin/python -m pytest'
    )
    assert test_command in readme
    assert test_command in (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    search_command = (
        "python3 -m venv .venv && .venv/bin/pip install . && "
        '.venv/bin/korpus search "Nordkorea Soldaten"'
    )
    assert search_command in readme.splitlines()
