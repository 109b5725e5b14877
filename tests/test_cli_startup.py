"""Start-up: option values convert as Typer converts them, without importing Pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from korpus.cli import app
from korpus.commands import coercion

pytest.importorskip("typer._coercion")
from typer._coercion import build_runtime_param  # noqa: E402

_GROUP = typer.main.get_command(app)
_CONTEXT = _GROUP.make_context("korpus", ["--version"], resilient_parsing=True)
_PARAMS = [
    (f"{name}.{param.name}", param)
    for name, command in sorted(_GROUP.commands.items())  # type: ignore[attr-defined]
    for param in command.get_params(_CONTEXT)
    if hasattr(param, "type_descriptor")
]

# Values a user may give any option: plain ones, numbers in and out of range,
# choices in other cases, empty and odd text, paths that exist and do not.
_VALUES: list[Any] = [
    None,
    "text",
    "",
    "0",
    "1",
    "-3",
    "+7",
    "007",
    "501",
    "20",
    "1.5",
    "1e3",
    " 5",
    "json",
    "JSON",
    "csv",
    "never",
    "Always",
    "day",
    "2020-01",
    ".",
    "no/such/dir",
    ("a", "b"),
    ("-Scholz", "Merkel"),
    (),
    True,
    False,
    5,
]


def _outcome(runtime: Any, param: Any, value: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=_CONTEXT)
    except Exception as exc:  # the test compares whatever either side raises
        return type(exc).__name__, str(getattr(exc, "message", exc))


@pytest.mark.parametrize(("name", "param"), _PARAMS, ids=[n for n, _ in _PARAMS])
def test_every_option_converts_as_typer_converts(name: str, param: Any) -> None:
    plain = coercion.PlainValues(param.type_descriptor)
    typers = build_runtime_param(param.type_descriptor)
    for value in _VALUES:
        assert _outcome(plain, param, value) == _outcome(typers, param, value), (name, value)


def test_the_commands_use_the_plain_conversion() -> None:
    installed = [p for _, p in _PARAMS if isinstance(p._runtime_param, coercion.PlainValues)]
    assert len(installed) == len(_PARAMS) > 50


def _imports_of(args: list[str], cwd: Path, index: Path | None = None) -> set[str]:
    """The modules a whole ``korpus`` process imports; the command must succeed."""
    if index is not None and args[0] in ("search", "kwic") and "--help" not in args:
        args = [*args, "--index", str(index)]
    script = (
        "import sys\n"
        "from korpus.cli import main\n"
        f"sys.argv = ['korpus', *{args!r}]\n"
        "code = 0\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print('MODULES', code, *sorted(sys.modules), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    report = run.stderr[run.stderr.index("MODULES") :].split()
    assert report[1] in ("0", "None"), run.stdout[-500:] + run.stderr[:500]
    return set(report[2:])


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["search", "--help"],
        ["search", "Nordkorea", "--no-update", "--limit", "3", "--format", "json"],
        ["kwic", "Nordkorea", "--width", "40", "--no-update"],
        ["analyze", "Klimakrise", "--format", "json"],
    ],
)
def test_commands_start_without_pydantic(
    args: list[str], tmp_path: Path, built_index: Path
) -> None:
    modules = _imports_of(args, tmp_path, built_index)
    assert "korpus.cli" in modules
    assert not {m for m in modules if m.split(".")[0] == "pydantic"}


@pytest.mark.parametrize(
    ("args", "heavy"),
    [
        (["--help"], ["whoosh", "dateutil", "rich", "trafilatura", "openpyxl", "korpus.index"]),
        (["search", "--help"], ["whoosh", "dateutil", "trafilatura", "openpyxl"]),
        (["search", "Soldaten", "--no-update"], ["dateutil", "trafilatura", "openpyxl", "lxml"]),
        (["kwic", "Soldaten", "--no-update"], ["dateutil", "trafilatura", "openpyxl", "lxml"]),
    ],
)
def test_commands_import_only_what_they_need(
    args: list[str], heavy: list[str], tmp_path: Path, built_index: Path
) -> None:
    modules = _imports_of(args, tmp_path, built_index)
    assert "korpus.cli" in modules
    assert not {m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy)}
