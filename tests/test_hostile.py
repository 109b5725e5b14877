"""Hostile input at the command line: errors, output targets, CSV, encodings, query costs."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from korpus.cli import app
from korpus.errors import QueryError
from korpus.expansion import MAX_EDIT_DISTANCE, MAX_TERMS_PER_PATTERN, MAX_TERMS_PER_QUERY
from korpus.export import safe_cell, to_csv, to_json, to_jsonl, write_atomic
from korpus.index import open_index, update_index
from korpus.search import parse_query, search

runner = CliRunner()
ESC = "\x1b"

GERMAN = {
    "fussball.txt": "Fußball in München\n\nDer Fußballverein aus München gewann am Sonntag "
    "das Spiel gegen die Gäste aus Köln mit drei zu null Toren.\n",
    "wetter.txt": "Wetter im Süden\n\nÜber den Alpen ziehen Gewitter auf, die Straßen "
    "bleiben nass und die Temperaturen fallen auf zwölf Grad.\n",
    "haushalt.txt": "Haushalt beschlossen\n\nDer Bundestag hat den Haushalt für das "
    "kommende Jahr beschlossen, die Opposition stimmte geschlossen dagegen.\n",
}


@pytest.fixture(scope="module")
def german_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("german")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in GERMAN.items():
        (corpus / name).write_text(text, encoding="utf-8")
    update_index(corpus, root / "index")
    return root / "index"


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def korpus_process(
    *args: str | bytes, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "korpus", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


# --- one handler for unexpected errors ----------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("boom"),
        ValueError("bad value\nover two lines"),
        RecursionError("maximum recursion depth exceeded"),
        UnicodeEncodeError("ascii", "ß", 0, 1, "ordinal not in range"),
        NotImplementedError(),
        KeyError("record"),
        AssertionError(),
    ],
    ids=lambda e: type(e).__name__,
)
@pytest.mark.parametrize("debug", [False, True])
def test_unexpected_error_is_one_line_and_exit_2(
    german_index: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, debug: bool
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("korpus.search.search", explode)
    env = {"KORPUS_DEBUG": "1"} if debug else {"KORPUS_DEBUG": ""}
    code, stdout, stderr = invoke("search", "Haushalt", "--index", str(german_index), env=env)
    assert code == 2 and stdout == ""
    lines = stderr.strip().splitlines()
    assert lines[-1].startswith("korpus: error: unexpected ")
    assert type(error).__name__ in lines[-1]
    if debug:
        assert "Traceback" in stderr
    else:
        assert len(lines) == 1 and "Traceback" not in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["search"],
        ["search", "x", "--limit", "zehn"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--no-such-option"],
        ["no-such-command"],
        ["search", "x", "--format", "xml"],
        ["timeline", "x", "--by", "decade"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, stdout, _ = invoke(*args)
    assert code == 2 and stdout == ""


def test_debug_flag_shows_the_traceback_in_a_real_process(tmp_path: Path) -> None:
    # A file where the index folder should be is an error korpus explains; an index
    # folder whose live link names a file is not one it expects.
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    (index_dir / "current").symlink_to(index_dir / "current")
    plain = korpus_process("search", "x", "--no-update", "--index", str(index_dir))
    debug = korpus_process("search", "x", "--no-update", "--index", str(index_dir), "--debug")
    for proc in (plain, debug):
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == b""
    assert b"Traceback" not in plain.stderr
    assert len(plain.stderr.decode().strip().splitlines()) <= 2


# --- --output only onto a regular file or nothing ------------------------------------


def _special_targets(tmp_path: Path) -> dict[str, Path]:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    targets = {}
    link = tmp_path / "link.json"
    link.symlink_to(outside)
    targets["symlink to a file"] = link
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    targets["dangling symlink"] = dangling
    devlink = tmp_path / "devnull.json"
    devlink.symlink_to(os.devnull)
    targets["symlink to /dev/null"] = devlink
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    targets["fifo"] = fifo
    folder = tmp_path / "folder.json"
    folder.mkdir()
    targets["folder"] = folder
    try:
        device = tmp_path / "null.json"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets["character device"] = device
    except (PermissionError, OSError):
        pass
    short = Path("/tmp") / f"korpus-sock-{os.getpid()}.json"
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(short))
        sock.close()
        targets["socket"] = short
    except OSError:
        pass
    return targets


def test_output_refuses_everything_but_a_regular_file(tmp_path: Path) -> None:
    targets = _special_targets(tmp_path)
    try:
        for kind, target in targets.items():
            before = os.lstat(target)
            with pytest.raises(Exception) as caught:
                write_atomic(target, "[]\n")
            assert "cannot write" in str(caught.value), kind
            after = os.lstat(target)
            assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode), kind
            assert after.st_ino == before.st_ino, kind
        assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == "keep me"
        assert not (tmp_path / "nowhere.json").exists()
    finally:
        Path("/tmp", f"korpus-sock-{os.getpid()}.json").unlink(missing_ok=True)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_cli_output_onto_a_symlink_is_one_line_exit_2(
    german_index: Path, tmp_path: Path, fmt: str
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    link = tmp_path / f"hits.{fmt}"
    link.symlink_to(outside)
    code, stdout, stderr = invoke(
        "search", "Haushalt", "--index", str(german_index), "--no-update", "-o", str(link)
    )
    assert code == 2 and stdout == ""
    assert "symbolic link" in stderr and "Traceback" not in stderr
    assert link.is_symlink() and outside.read_text(encoding="utf-8") == "keep me"


def test_output_may_replace_a_regular_file_or_create_one(tmp_path: Path) -> None:
    existing = tmp_path / "old.json"
    existing.write_text("old", encoding="utf-8")
    write_atomic(existing, "new")
    write_atomic(tmp_path / "fresh.json", "fresh")
    assert existing.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "fresh.json").read_text(encoding="utf-8") == "fresh"


# --- CSV ---------------------------------------------------------------------------

BREAKS = ["\r", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("brk", BREAKS, ids=lambda b: f"U+{ord(b[-1]):04X}")
@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cell_with_a_line_break_stays_one_cell_and_every_line_is_inert(
    brk: str, formula: str
) -> None:
    cell = f"harmless{brk}{formula}"
    text = to_csv([{"title": cell, "rank": 1}], columns=("rank", "title"))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 and len(rows[1]) == 2
    assert rows[1][1].startswith("harmless")
    # A reader that splits at every line break, quoted or not, sees no formula.
    for line in re.split(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", text):
        for part in line.split(","):
            assert not part.lstrip('"').startswith(("=", "+", "-", "@")), repr(line)


@pytest.mark.parametrize(
    "value",
    ["a,b", 'say "hi"', "line\rbreak", "line\nbreak", "ok", "", "=1", "x\u2028=cmd|' /C calc'!A0"],
)
def test_csv_round_trips_what_it_does_not_neutralise(value: str) -> None:
    text = to_csv([{"title": value}], columns=("title",))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [safe_cell(value)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\r=1", "a\r'=1"),
        ("a\n@x\n+y", "a\n'@x\n'+y"),
        ("-5\r\n-6", "'-5\r\n'-6"),
        ("plain\ntext", "plain\ntext"),
    ],
)
def test_safe_cell_neutralises_every_line(value: str, expected: str) -> None:
    assert safe_cell(value) == expected


def test_csv_to_a_terminal_is_inert(german_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = to_csv([{"title": f"{ESC}]8;;http://evil{ESC}\\x\x9b31m\x07"}], inert=True)
    assert ESC not in text and "\x9b" not in text and "\x07" not in text
    import korpus.export
    import korpus.render

    seen: list[bool] = []
    real_to_csv = korpus.export.to_csv

    def spy(*args: Any, **kwargs: Any) -> str:
        seen.append(bool(kwargs.get("inert")))
        return real_to_csv(*args, **kwargs)

    monkeypatch.setattr(korpus.export, "to_csv", spy)
    monkeypatch.setattr(korpus.render, "is_terminal", lambda stream=None: stream is sys.stdout)
    code, stdout, _ = invoke(
        "search", "Haushalt", "--index", str(german_index), "--no-update", "-f", "csv"
    )
    assert code == 0 and "Haushalt" in stdout and seen == [True]


@pytest.mark.parametrize("control", ["\x1b", "\x9b", "\x85", "\x07", "\x00", "\ud800"])
def test_json_escapes_controls_and_stays_valid(control: str) -> None:
    value = {"title": f"a{control}[31mb"}
    for text in (to_json(value), *to_jsonl([value])):
        assert not re.search(r"[\x00-\x1f\x7f-\x9f]", text.replace("\n", ""))
        text.encode("utf-8")
        assert json.loads(text)["title"].startswith("a")


# --- encodings and undecodable arguments -------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
        {"LC_ALL": "POSIX", "LANG": "POSIX", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "cp1252:strict"},
    ],
    ids=lambda e: " ".join(f"{k}={v}" for k, v in e.items()),
)
def test_german_query_finds_hits_in_any_locale(german_index: Path, env: dict[str, str]) -> None:
    for fmt in ("text", "jsonl"):
        proc = korpus_process(
            "search", "Fußball", "--index", str(german_index), "--no-update", "-f", fmt, env=env
        )
        assert proc.returncode == 0, proc.stderr
        assert b"Traceback" not in proc.stderr
        if fmt == "jsonl":
            # Data formats are UTF-8 whatever the locale says.
            assert "München" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        [b"show", b"\xff"],
        [b"similar", b"\xff"],
        [b"search", b"\xff*"],
        [b"search", b"\xff"],
        [b"search", b"Fu\xdfball"],
        [b"search", b"x", b"--from", b"\xff"],
        [b"search", b"x", b"--source", b"\xff\xfe"],
        [b"timeline", b"\xff*"],
        [b"show", b"Haushalt", b"--query", b"\xed\xa0\x80"],
    ],
    ids=lambda a: b" ".join(a).decode("ascii", "backslashreplace"),
)
def test_undecodable_arguments_never_crash(german_index: Path, args: list[bytes]) -> None:
    proc = korpus_process(*args, b"--index", os.fsencode(german_index))
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert b"Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 3


# --- nesting and fields --------------------------------------------------------------


def _alternating(depth: int) -> str:
    query = "x"
    for i in range(depth):
        query = f"(a{i} {'OR' if i % 2 else 'AND'} {query})"
    return query


@pytest.mark.parametrize(
    "query",
    [
        _alternating(120),
        _alternating(25),
        "(" * 300 + "x" + ")" * 300,
        "NOT " * 400 + "x",
        "(NOT " * 100 + "x" + ")" * 100,
        " OR ".join(f"(w{i}" for i in range(150)) + ")" * 150,
    ],
    ids=["alternating-120", "alternating-25", "parens-300", "not-400", "not-groups", "or-groups"],
)
def test_deep_queries_give_one_line_not_a_recursion_error(german_index: Path, query: str) -> None:
    code, stdout, stderr = invoke("search", query, "--index", str(german_index), "--no-update")
    assert code in (1, 2), stderr
    assert "Traceback" not in stderr and "RecursionError" not in stderr
    assert len(stderr.strip().splitlines()) <= 2


@pytest.mark.parametrize(
    "query",
    [
        "date_start:5",
        '"x"record:foo',
        "record:foo",
        "fileinfo:x",
        "id:haushalt",
        "month:2024",
        "date_asc:1",
        "date_end:[1 TO 9]",
        "Haushalt AND (title:x OR date_start:5)",
        "*:foo",
        '"a b"date_end:3',
    ],
)
def test_only_public_fields_are_searchable(german_index: Path, query: str) -> None:
    ix, _ = open_index(german_index)
    try:
        with pytest.raises(QueryError, match="field"):
            parse_query(query, ix.schema)
    finally:
        ix.close()
    code, stdout, stderr = invoke("search", query, "--index", str(german_index), "--no-update")
    assert code == 2 and stdout == ""
    assert len(stderr.strip().splitlines()) == 1 and "field" in stderr


@pytest.mark.parametrize(
    "query", ["title:Haushalt", "text:Haushalt", "source:dpa", "sources:dpa", "Uhr 12:30"]
)
def test_public_fields_and_colons_in_words_still_work(german_index: Path, query: str) -> None:
    code, _, stderr = invoke("search", query, "--index", str(german_index), "--no-update")
    assert code in (0, 1), stderr


# --- dates and other options -----------------------------------------------------------


@pytest.mark.parametrize(
    "option",
    [
        ["--from", ""],
        ["--to", ""],
        ["--from", "   "],
        ["--from", "2024-01-01x"],
        ["--from", "2024-01-01T25:99"],
        ["--to", "2024-01-01T24:00"],
        ["--from", "2024-13"],
        ["--from", "x2024"],
        ["--to", "31.06.2025"],
        ["--from", "2024-01-01 junk"],
        ["--to", "Juni 2025 und mehr"],
        ["--source", ""],
        ["--source", "  "],
    ],
)
def test_bad_dates_and_empty_options_are_rejected(german_index: Path, option: list[str]) -> None:
    for command in ("search", "timeline"):
        code, stdout, stderr = invoke(command, "Haushalt", *option, "--index", str(german_index))
        assert code == 2 and stdout == "", (command, option, stderr)
        assert stderr.startswith("korpus: error:")


@pytest.mark.parametrize(
    "value",
    ["2025-06-26", "26.06.2025", "2025-06", "06.2025", "Juni 2025", "2025", "2025-06-26T13:05"],
)
def test_good_dates_still_pass(german_index: Path, value: str) -> None:
    code, _, stderr = invoke(
        "search", "Haushalt", "--from", value, "--index", str(german_index), "--no-update"
    )
    assert code in (0, 1), stderr


# --- inert messages and terminal widths ----------------------------------------------


def test_escape_sequences_in_file_names_and_queries_reach_no_terminal(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "haushalt.txt").write_text(GERMAN["haushalt.txt"], encoding="utf-8")
    (corpus / f"{ESC}]0;pwned\x07{ESC}[2J.txt").write_bytes(b"\x00\x01\x02" * 100)
    (corpus / "\x9b31mleer.txt").write_bytes(b"")
    index_dir = tmp_path / "ix"
    outputs = []
    for args in (
        ["index", str(corpus), "--index", str(index_dir)],
        ["parse", str(corpus)],
        ["search", f"Hausha{ESC}[31mlt (", "--index", str(index_dir)],
        ["search", f"Hushalt{ESC}]0;x\x07", "--index", str(index_dir)],
        ["search", f"{ESC}[2J:x", "--index", str(index_dir)],
        ["search", "x", "--from", f"{ESC}[2J", "--index", str(index_dir)],
        ["show", f"{ESC}[2J", "--index", str(index_dir)],
        ["stats", "--index", str(index_dir)],
    ):
        code, stdout, stderr = invoke(*args)
        outputs.append((code, stdout + stderr))
    assert "skipped" in outputs[0][1]
    for _code, text in outputs:
        assert ESC not in text and "\x9b" not in text and "\x07" not in text, text


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "3", "99999999999", ""])
def test_any_columns_value_still_prints(german_index: Path, columns: str) -> None:
    env = {"COLUMNS": columns}
    code, stdout, _ = invoke(
        "search", "Haushalt", "--index", str(german_index), "--no-update", env=env
    )
    assert code == 0 and "Haushalt" in stdout
    code, stdout, _ = invoke("stats", "--index", str(german_index), env=env)
    assert code == 0 and "articles" in stdout
    assert max(len(line) for line in stdout.splitlines()) <= 1000


# --- bounded query costs -------------------------------------------------------------

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "se", "bo", "di", "fu", "ga", "he", "ji", "pa"]


@pytest.fixture(scope="module")
def wide_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus with a wide vocabulary: 2,000 short articles over 6,000 made-up words."""
    rng = random.Random(7)
    words = sorted(
        {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))) for _ in range(8000)}
    )[:6000]
    root = tmp_path_factory.mktemp("wide")
    corpus = root / "corpus"
    corpus.mkdir()
    for n in range(2000):
        body = " ".join(rng.choice(words) for _ in range(12))
        (corpus / f"{n:04d}.txt").write_text(
            f"Meldung Nummer {n} heute\n\nDer Text {body}.\n", encoding="utf-8"
        )
    update_index(corpus, root / "index")
    return root / "index"


def _expanded(index_dir: Path, query: str) -> tuple[list[list[str]], list[str]]:
    from korpus.expansion import bound_query

    ix, info = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            parsed = parse_query(query, ix.schema)
            bounded, notes = bound_query(parsed, searcher.reader(), info["data_dir"])
            sets = [
                list(leaf.words) if hasattr(leaf, "words") else [getattr(leaf, "text", "")]
                for leaf in bounded.leaves()
            ]
            return sets, notes
    finally:
        ix.close()


@pytest.mark.parametrize(
    "query",
    ["*a*", "k*", "?a*", "*", "[a TO z]", "text:[k TO m]", "title:*", "*o", "t*a*"],
)
def test_wildcards_and_ranges_expand_to_a_bounded_number_of_words(
    wide_index: Path, query: str
) -> None:
    sets, notes = _expanded(wide_index, query)
    assert all(len(words) <= MAX_TERMS_PER_PATTERN for words in sets)
    assert len({w for words in sets for w in words}) <= MAX_TERMS_PER_QUERY
    if query not in ("*", "title:*"):
        assert any("matches" in n and "words" in n for n in notes), notes
    result = search(wide_index, query, limit=5)
    assert result.total > 0 and result.notes == notes


@pytest.mark.parametrize(
    "query", ["kalo~9", "kalo~99999999999999999999", "kalomi~3", "kalomi~5/0", "text:mine~7"]
)
def test_fuzzy_terms_are_limited_to_two_edits(wide_index: Path, query: str) -> None:
    from rapidfuzz.distance import OSA

    sets, notes = _expanded(wide_index, query)
    ix, _ = open_index(wide_index)
    try:
        # The fuzzy term as analysed (stemmed, folded) is what words are near to.
        fuzzy = [
            leaf.text for leaf in parse_query(query, ix.schema).leaves() if leaf.text.isalpha()
        ]
    finally:
        ix.close()
    for words in sets:
        for found in words:
            if found.isalpha():
                assert min(OSA.distance(w, found) for w in fuzzy) <= MAX_EDIT_DISTANCE, found
    assert any(f"limited to {MAX_EDIT_DISTANCE}" in n for n in notes), notes


def test_many_patterns_share_one_budget(wide_index: Path) -> None:
    query = " OR ".join(f"{a}{b}*" for a in "kl" for b in "aeiou")
    sets, notes = _expanded(wide_index, query)
    assert len({w for words in sets for w in words}) <= MAX_TERMS_PER_QUERY


def test_bound_is_reported_on_stderr_and_in_json(wide_index: Path) -> None:
    code, stdout, stderr = invoke("search", "*a*", "--index", str(wide_index), "--no-update")
    assert code == 0 and "korpus: note: *a* matches" in stderr
    code, stdout, _ = invoke(
        "search", "*a*", "--index", str(wide_index), "--no-update", "-f", "json"
    )
    assert code == 0 and json.loads(stdout)["notes"]


def test_expansion_finds_what_whoosh_finds_below_the_bound(wide_index: Path) -> None:
    from whoosh import query as q

    ix, _ = open_index(wide_index)
    try:
        with ix.searcher() as searcher:
            stock = {
                hit["record"]["id"] for hit in searcher.search(q.Prefix("text", "kaka"), limit=None)
            }
    finally:
        ix.close()
    ours = {h.id for h in search(wide_index, "text:kaka*", limit=None, exact=True).hits}
    assert stock and ours == stock
