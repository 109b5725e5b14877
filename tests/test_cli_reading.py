"""Reading hits and articles: paths as search prints them, colour, layout, dates."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.cli import app
from korpus.dates import parse_user_period

from .conftest import IDS

runner = CliRunner()
ESCAPE = re.compile(r"\x1b\[")


@pytest.fixture()
def indexed(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled corpus indexed, the working folder above it, as a user sits."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KORPUS_INDEX", str(tmp_path / "ix"))
    monkeypatch.setenv("KORPUS_CORPUS", str(corpus))
    assert runner.invoke(app, ["index"]).exit_code == 0
    return corpus


@pytest.mark.parametrize(
    "reference",
    [
        IDS["001"],
        "corpus/" + IDS["001"],
        "./corpus/" + IDS["001"],
        "ABSOLUTE",
        IDS["001"].removesuffix(".txt"),
    ],
)
def test_show_takes_the_path_as_search_prints_it(indexed: Path, reference: str) -> None:
    if reference == "ABSOLUTE":
        reference = str(indexed / IDS["001"])
    result = runner.invoke(app, ["show", reference])
    assert result.exit_code == 0, result.stderr
    assert f"id: {IDS['001']}" in result.stdout


def test_show_from_another_folder_with_a_relative_path(
    indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = indexed.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(app, ["show", "../corpus/" + IDS["002"]])
    assert result.exit_code == 0, result.stderr
    assert f"id: {IDS['002']}" in result.stdout


def test_the_path_search_prints_is_one_show_accepts(indexed: Path) -> None:
    out = runner.invoke(app, ["search", "Nordkorea", "--all"]).stdout
    printed = re.findall(r"·  (\S+\.txt)", out)
    assert len(printed) >= 5
    for path in printed:
        assert runner.invoke(app, ["show", path]).exit_code == 0, path


def test_a_name_that_fits_several_articles_lists_them(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    for folder in ("nord", "sued"):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "bericht.txt").write_text(
            f"Bericht aus dem {folder}\n\nDer Landtag beriet am Montag den Haushalt.\n"
        )
    index_dir = tmp_path / "ix"
    assert runner.invoke(app, ["index", str(corpus), "-i", str(index_dir)]).exit_code == 0
    result = runner.invoke(app, ["show", "bericht.txt", "-i", str(index_dir)])
    assert result.exit_code == 2
    assert "nord/bericht.txt" in result.stderr and "sued/bericht.txt" in result.stderr
    assert "fits 2 articles" in result.stderr
    result = runner.invoke(app, ["show", "nord/bericht.txt", "-i", str(index_dir)])
    assert result.exit_code == 0


@pytest.mark.parametrize("env_no_color", [False, True])
def test_color_always_never_and_marks_without_colour(
    indexed: Path, monkeypatch: pytest.MonkeyPatch, env_no_color: bool
) -> None:
    if env_no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    always = runner.invoke(app, ["search", "Militärmission", "--color", "always"]).stdout
    assert ESCAPE.search(always)
    never = runner.invoke(app, ["search", "Militärmission", "--color", "never"]).stdout
    auto = runner.invoke(app, ["search", "Militärmission"]).stdout
    for plain in (never, auto):
        assert not ESCAPE.search(plain)
        heading = plain.splitlines()[0]
        # The match is marked in the title too, without colour.
        assert "[Militärmission]" in heading


def test_no_color_on_a_terminal_keeps_matches_underlined(indexed: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "50"}
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "korpus", "search", "Militärmission"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert proc.returncode == 0, proc.stderr
    codes = re.findall(r"\x1b\[([0-9;]*)m", output.decode("utf-8"))
    assert any("4" in code.split(";") for code in codes)  # underlined matches
    assert not any(re.fullmatch(r"3\d|4\d", part) for c in codes for part in c.split(";"))


def _hits(index_dir: Path, query: str) -> object:
    from korpus.search import search

    return search(index_dir, query, limit=5)


@pytest.mark.parametrize("width", [40, 60, 100])
def test_layout_at_fixed_widths(built_index: Path, width: int) -> None:
    from rich.console import Console

    from korpus.render import print_hits, set_color

    set_color("never")
    try:
        buffer = io.StringIO()
        out = Console(file=buffer, width=width, force_terminal=False, soft_wrap=False)
        print_hits(_hits(built_index, "Nordkorea Soldaten"), out)  # type: ignore[arg-type]
    finally:
        set_color("auto")
    lines = buffer.getvalue().splitlines()
    assert lines
    for line in lines:
        # Metadata lines stay whole, so their paths can be copied; all else fits.
        assert len(line) <= width or "  ·  " in line, line
        assert line == line.rstrip(), repr(line)
    # A wrapped headline continues under its first word, not under the rank.
    for i, line in enumerate(lines[:-1]):
        if re.match(r"^ {1,2}\d+  ", line) and not lines[i + 1].lstrip().startswith(
            ("0", "1", "2", "3", "u")
        ):
            assert lines[i + 1].startswith("     ") and lines[i + 1][5] != " "
    # No snippet leaves one word alone on its last line.
    blocks = "\n".join(lines).split("\n     … ")
    for block in blocks[1:]:
        last = block.split("\n\n")[0].splitlines()[-1].strip()
        assert len(last.split()) > 1 or len(block.split()) == 1, block


def test_piped_output_is_never_hard_wrapped(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    url = "https://www.example.org/politik/inland/" + "sehr-langer-pfad-" * 8 + "artikel.html"
    title = "Eine Überschrift, die sehr viel länger ist als jede Zeile eines Terminals " * 2
    (corpus / "a.txt").write_text(
        f"---\ntitle: {title.strip()}\nurl: {url}\n---\n\n" + "Haushalt Landtag " * 80 + "\n"
    )
    index_dir = tmp_path / "ix"
    assert runner.invoke(app, ["index", str(corpus), "-i", str(index_dir)]).exit_code == 0
    for args in (["show", "a.txt"], ["search", "Haushalt"]):
        result = runner.invoke(app, [*args, "-i", str(index_dir)], terminal_width=60)
        assert result.exit_code == 0
        for line in result.stdout.splitlines():
            assert line == line.rstrip(), repr(line)
        if args[0] == "show":
            assert any(line.endswith(url) for line in result.stdout.splitlines())
        assert any(title.strip()[:150] in line for line in result.stdout.splitlines())


def test_show_pages_a_long_article_on_a_terminal(indexed: Path, tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {**os.environ, "PAGER": f"cat > {paged}", "LINES": "10", "COLUMNS": "80"}
    for extra, expect_pager in (([], True), (["--no-pager"], False)):
        paged.unlink(missing_ok=True)
        leader, follower = pty.openpty()
        proc = subprocess.run(
            [sys.executable, "-m", "korpus", "show", IDS["001"], *extra],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
        )
        os.close(follower)
        os.close(leader)
        assert proc.returncode == 0, proc.stderr
        assert paged.exists() == expect_pager
        if expect_pager:
            assert "Mark Rutte" in paged.read_text(encoding="utf-8")


def test_date_filter_says_how_many_undated_hits_it_left_out(indexed: Path) -> None:
    result = runner.invoke(app, ["search", "Nordkorea", "--from", "2024-01", "-f", "json"])
    assert result.exit_code == 0
    assert "1 undated hit left out; add --include-undated" in result.stderr
    result = runner.invoke(app, ["search", "Nordkorea", "--from", "2024", "--include-undated"])
    assert "undated" not in result.stderr
    result = runner.invoke(app, ["search", "Nordkorea"])
    assert "undated" not in result.stderr


TODAY = date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("01.03.20", "2020-03-01", "2020-03-01"),
        ("1.3.99", "1999-03-01", "1999-03-01"),
        ("2020-3", "2020-03-01", "2020-03-31"),
        ("3/2020", "2020-03-01", "2020-03-31"),
        ("12/2024", "2024-12-01", "2024-12-31"),
        ("20200301", "2020-03-01", "2020-03-01"),
        ("gestern", "2026-11-21", "2026-11-21"),
        ("Heute", "2026-11-22", "2026-11-22"),
        ("vorgestern", "2026-11-20", "2026-11-20"),
        ("letzte Woche", "2026-11-09", "2026-11-15"),
        ("diese Woche", "2026-11-16", "2026-11-22"),
        ("letzten Monat", "2026-10-01", "2026-10-31"),
        ("letztes Jahr", "2025-01-01", "2025-12-31"),
        ("2020-Q1", "2020-01-01", "2020-03-31"),
        ("2024-q4", "2024-10-01", "2024-12-31"),
        ("Q2 2023", "2023-04-01", "2023-06-30"),
        ("2025-06-26", "2025-06-26", "2025-06-26"),
        ("Juni 2025", "2025-06-01", "2025-06-30"),
    ],
)
def test_date_forms_users_type(typed: str, start: str, end: str) -> None:
    first, last = parse_user_period(typed, today=TODAY).period()
    assert first == datetime.fromisoformat(start)
    assert last.date() == date.fromisoformat(end)


@pytest.mark.parametrize("typed", ["20201301", "2020-13", "13/2020", "31.02.20", "2020-Q5"])
def test_impossible_dates_are_errors(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_user_period(typed, today=TODAY)


def test_letzte_woche_on_the_command_line(indexed: Path) -> None:
    result = runner.invoke(app, ["search", "Nordkorea", "--from", "letzte Woche"])
    assert result.exit_code == 1
    assert "error" not in result.stderr


def test_show_takes_the_location_search_prints_for_an_article_of_an_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests import export_fixtures as fx

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "download.txt").write_bytes(fx.lexisnexis_text())
    monkeypatch.chdir(tmp_path)
    index_dir = tmp_path / "ix"
    assert runner.invoke(app, ["index", "corpus", "-i", str(index_dir)]).exit_code == 0
    listed = runner.invoke(app, ["search", "storm OR mill", "--all", "-i", str(index_dir)])
    printed = re.findall(r"·  (corpus/download\.txt#\d+)", listed.stdout)
    assert len(printed) >= 2, listed.stdout
    for location in printed:
        result = runner.invoke(app, ["show", location, "-i", str(index_dir)])
        assert result.exit_code == 0, result.stderr
        assert f"id: download.txt#{location.rsplit('#', 1)[1]}" in result.stdout
    # The file alone fits several articles: they are listed.
    result = runner.invoke(app, ["show", "corpus/download.txt", "-i", str(index_dir)])
    assert result.exit_code == 2 and "download.txt#" in result.stderr
