"""Sources, keyword in context and exports, through the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.cli import app
from korpus.kwic import context, join_phrases
from korpus.sources import closest_sources, matching_sources, source_key

runner = CliRunner()


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture()
def outlets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Articles whose sources are written as people write them."""
    corpus = tmp_path / "c"
    write(
        corpus,
        "a.md",
        "---\ntitle: Streik bei der Bahn legt den Fernverkehr lahm\nsource: tonline\n"
        "date: 2024-03-05\nurl: https://www.t-online.de/nachrichten/streik-bahn.html\n---\n\n"
        "Der Streik der Lokführer legt den Fernverkehr der Bahn lahm. Pendler warten.\n",
    )
    write(
        corpus,
        "b.md",
        "---\ntitle: Tarifverhandlungen der Bahn gehen weiter\nsource: n-tv\n"
        "date: 2024-03-06\n---\n\nNach dem Streik verhandeln Bahn und Gewerkschaft "
        "wieder. Der Streik hatte Millionen Reisende getroffen.\n",
    )
    write(
        corpus,
        "c.md",
        "---\ntitle: Warnstreiks in Bayern angekündigt\nsource: sueddeutsche_zeitung\n"
        "date: 2024-03-07\n---\n\nDie Gewerkschaft kündigt Warnstreiks im Nahverkehr an. "
        '=HYPERLINK("http://evil") steht in keinem Artikel.\n',
    )
    write(
        corpus,
        "d.md",
        "---\ntitle: Ein Bericht ohne Quelle über den Streik\n---\n\n"
        "Ohne Datum und ohne Quelle: der Streik geht weiter.\n",
    )
    index_dir = tmp_path / "ix"
    monkeypatch.setenv("KORPUS_INDEX", str(index_dir))
    monkeypatch.setenv("KORPUS_CORPUS", str(corpus))
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["index"]).exit_code == 0
    return corpus


def ids(stdout: str) -> list[str]:
    return sorted(h["id"] for h in json.loads(stdout)["hits"])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tonline", ["a.md"]),
        ("t-online", ["a.md"]),
        ("T-Online.de", ["a.md"]),
        ("n-tv", ["b.md"]),
        ("ntv", ["b.md"]),
        ("NTV", ["b.md"]),
        ("sueddeutsche_zeitung", ["c.md"]),
        ("Süddeutsche Zeitung", ["c.md"]),
        ("süddeutsche zeitung", ["c.md"]),
        ("SZ", ["c.md"]),
    ],
)
def test_source_filter_takes_what_people_write(
    outlets: Path, typed: str, expected: list[str]
) -> None:
    result = runner.invoke(app, ["search", "Streik", "--source", typed, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert ids(result.stdout) == expected


@pytest.mark.parametrize(
    ("typed", "suggested"), [("t-onlin", "t-online"), ("ntvv", "ntv"), ("Süddeutsche Zeit", None)]
)
def test_unknown_source_suggests_the_closest(
    outlets: Path, typed: str, suggested: str | None
) -> None:
    result = runner.invoke(app, ["search", "Streik", "--source", typed])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"korpus: error: no article has the source {typed!r}"
    if suggested:
        assert f"did you mean: {suggested}" in lines[1]
    assert "korpus sources" in lines[1]


@pytest.mark.parametrize(
    ("a", "b"),
    [("t-online", "tonline"), ("n-tv", "ntv"), ("Süddeutsche", "sueddeutsche"), ("FAZ.net", "faz")],
)
def test_source_keys_fold_spellings(a: str, b: str) -> None:
    assert source_key(a) == source_key(b)


def test_matching_and_closest_sources() -> None:
    known = ["t-online", "ntv", "süddeutsche zeitung", "spiegel"]
    assert matching_sources("Spiegel Online", known) == ["spiegel"]
    assert matching_sources("Tagesschau", known) == []
    assert closest_sources("spiegl", known)[0] == "spiegel"


def test_sources_command_counts_articles(outlets: Path) -> None:
    result = runner.invoke(app, ["sources", "-f", "json"])
    assert result.exit_code == 0
    counts = {row["source"]: row["articles"] for row in json.loads(result.stdout)}
    assert counts == {"t-online": 1, "ntv": 1, "Süddeutsche Zeitung": 1, "source unknown": 1}
    text = runner.invoke(app, ["sources"]).stdout
    assert "source unknown" in text and "(none)" not in text


def test_every_source_sources_lists_filters_to_its_articles(outlets: Path) -> None:
    rows = json.loads(runner.invoke(app, ["sources", "-f", "json"]).stdout)
    for row in rows:
        if row["source"] == "source unknown":
            continue
        result = runner.invoke(app, ["search", "Streik OR Warnstreiks", "-s", row["source"]])
        assert result.exit_code == 0, row


@pytest.mark.parametrize(
    "pasted",
    [
        "url:https://www.t-online.de/nachrichten/streik-bahn.html",
        "https://www.t-online.de/nachrichten/streik-bahn.html",
        "url:http://t-online.de/nachrichten/streik-bahn.html/",
        "https://www.t-online.de/nachrichten/streik-bahn.html?utm_source=x#top",
    ],
)
def test_a_pasted_url_finds_its_article(outlets: Path, pasted: str) -> None:
    result = runner.invoke(app, ["search", pasted, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert ids(result.stdout) == ["a.md"]


def test_kwic_lines_are_aligned_with_date_and_source(outlets: Path) -> None:
    result = runner.invoke(app, ["kwic", "Streik", "--width", "20", "--color", "never"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # Every form the search finds: Streik, Warnstreiks (a compound part).
    assert any("[Warnstreiks]" in line for line in lines)
    assert sum("[Streik]" in line for line in lines) >= 4
    columns = {line.index("[") for line in lines}
    assert len(columns) == 1  # the matches line up
    assert any(line.startswith("05.03.2024  t-online") for line in lines)
    assert "matches in" in result.stderr


def test_kwic_finds_what_search_finds(outlets: Path) -> None:
    found = ids(runner.invoke(app, ["search", "Streik", "--all", "-f", "json"]).stdout)
    rows = [
        json.loads(line)
        for line in runner.invoke(
            app, ["kwic", "Streik", "--all", "-f", "jsonl"]
        ).stdout.splitlines()
    ]
    assert sorted({r["id"] for r in rows}) == found
    for row in rows:
        assert row["match"] and len(row["left"]) <= 40 and len(row["right"]) <= 40


def test_kwic_filters_and_csv(outlets: Path) -> None:
    result = runner.invoke(app, ["kwic", "Streik", "--source", "ntv", "-f", "csv"])
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0 and len(table) == 2
    assert {r["source"] for r in table} == {"ntv"}
    assert {"left", "match", "right", "date", "source", "id"} <= set(table[0])


def test_kwic_context_cuts_at_words() -> None:
    text = "Die Gewerkschaft ruft   zum Streik auf, und\nder Verkehr steht still."
    start = text.index("Streik")
    left, right = context(text, start, start + 6, 12)
    assert left == "ruft zum " and right == " auf, und"
    assert join_phrases("Kim Jong-un", [(0, 3), (4, 11)]) == [(0, 11)]


def test_exports_respect_the_umask(outlets: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        for name in ("hits.csv", "hits.json", "hits.xlsx", "hits.txt"):
            result = runner.invoke(app, ["search", "Streik", "-o", str(tmp_path / name)])
            assert result.exit_code == 0, result.stderr
            mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
            assert mode == 0o644, (name, oct(mode))
    finally:
        os.umask(old)


def test_excel_export_is_a_real_workbook(outlets: Path, tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "hits.xlsx"
    result = runner.invoke(app, ["search", "Streik OR Warnstreiks", "--all", "-o", str(target)])
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("rank", "id", "path")
    assert len(rows) == 5
    assert {r[1] for r in rows[1:]} == {"a.md", "b.md", "c.md", "d.md"}
    titles = [r[3] for r in rows[1:]]
    assert "Warnstreiks in Bayern angekündigt" in titles  # umlauts intact
    result = runner.invoke(app, ["search", "Streik", "-f", "xlsx"])
    assert result.exit_code == 2 and "needs --output" in result.stderr


def test_formulas_are_neutralised_in_csv_and_excel(tmp_path: Path) -> None:
    import openpyxl

    from korpus.export import to_csv, to_xlsx

    rows = [{"title": '=HYPERLINK("http://evil")', "rank": 1}, {"title": "+49 30", "rank": 2}]
    (tmp_path / "x.xlsx").write_bytes(to_xlsx(rows, ["rank", "title"]))
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    assert [c.value for c in sheet["B"]][1:] == ['\'=HYPERLINK("http://evil")', "'+49 30"]
    assert [c.data_type for c in sheet["B"]][1:] == ["s", "s"]
    assert sheet["A2"].value == 1
    table = list(csv.reader(io.StringIO(to_csv(rows, ["rank", "title"]))))
    assert table[1][1].startswith("'=")


def test_fields_choose_columns_including_the_whole_text(outlets: Path) -> None:
    result = runner.invoke(app, ["search", "Pendler", "--fields", "id,source,text", "-f", "csv"])
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == ["id", "source", "text"]
    assert (
        table[0]["text"].startswith("Der Streik der Lokführer")
        and "Pendler warten" in table[0]["text"]
    )
    result = runner.invoke(app, ["search", "Pendler", "--fields", "id,text", "-f", "json"])
    assert list(json.loads(result.stdout)["hits"][0]) == ["id", "text"]
    result = runner.invoke(app, ["search", "Pendler", "--fields", "id,nope", "-f", "csv"])
    assert result.exit_code == 2 and "--fields: unknown field 'nope'" in result.stderr


def test_facets_go_into_json_and_not_into_csv(outlets: Path) -> None:
    result = runner.invoke(app, ["search", "Streik", "--facets", "-f", "json"])
    facets = json.loads(result.stdout)["facets"]
    assert facets["source"]["t-online"] == 1 and "source unknown" in facets["source"]
    result = runner.invoke(app, ["search", "Streik", "--facets", "-f", "csv"])
    assert result.exit_code == 2 and "--facets cannot go into csv" in result.stderr


def test_text_layout_to_a_file_has_no_colour(outlets: Path, tmp_path: Path) -> None:
    target = tmp_path / "hits.txt"
    result = runner.invoke(app, ["search", "Streik", "--color", "always", "-o", str(target)])
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text and "[Streik]" in text
    assert result.stdout == ""


def test_kwic_says_how_many_undated_articles_a_date_filter_left_out(outlets: Path) -> None:
    result = runner.invoke(app, ["kwic", "Streik", "--from", "2024-03"])
    assert result.exit_code == 0
    assert "1 undated article left out; add --include-undated" in result.stderr
    result = runner.invoke(app, ["kwic", "Streik", "--from", "2024-03", "--include-undated"])
    assert "undated" not in result.stderr


def test_kwic_limit_stops_early_and_says_so(outlets: Path) -> None:
    result = runner.invoke(app, ["kwic", "Streik", "-n", "2"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2
    assert "the first 2 matches; 4 articles match (--all shows every match)" in result.stderr
    result = runner.invoke(app, ["kwic", "Streik", "--all"])
    assert re.search(r"^\d+ matches in 4 articles$", result.stderr.strip(), re.M)
