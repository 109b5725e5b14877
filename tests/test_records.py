"""Record files: JSON Lines, JSON and CSV, gzipped or not, one article per record."""

from __future__ import annotations

import csv
import gzip
import io
import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import korpus.readers.records as records
from korpus.article import Article, SkipFile, Skipped
from korpus.cli import app
from korpus.index import open_index, update_index
from korpus.loader import iter_corpus
from korpus.search import Filters, search

from .conftest import SHARED_DATA

RUNNER = CliRunner()


def _jsonl(rows: list[Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _read(data: bytes, name: str = "archiv.jsonl", meta: dict[str, str] | None = None) -> list[Any]:
    return records.read_records(data, name, name, meta)


def _articles(items: list[Any]) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


ROWS = [
    {
        "id": "w1",
        "title": "Walfang vor Island",
        "date": "2021-03-04",
        "source": "sueddeutsche_zeitung",
        "url": "https://www.sueddeutsche.de/wissen/walfang-1.234",
        "text": "Island erlaubt den Walfang wieder.",
    },
    {
        "id": "s2",
        "title": "Streik bei der Bahn",
        "date": "2022-11-20",
        "source": "taz",
        "text": "Die Lokführer streiken.",
    },
    {
        "id": "k3",
        "title": "Kälte in Bayern",
        "date": None,
        "source": "eigenes_blog",
        "text": "Minus zwanzig Grad in Oberstdorf.",
    },
]


@pytest.mark.parametrize(
    ("record", "field", "expected"),
    [
        ({"title": "Ein Titel", "text": "x"}, "title", "Ein Titel"),
        ({"headline": "Ein Titel", "text": "x"}, "title", "Ein Titel"),
        ({"Headline": "Ein Titel", "text": "x"}, "title", "Ein Titel"),
        ({"text": "Der Text."}, "text", "Der Text."),
        ({"maintext": "Der Text."}, "text", "Der Text."),
        ({"body": "Der Text."}, "text", "Der Text."),
        ({"content": "Der Text."}, "text", "Der Text."),
        ({"body": ["Erster Absatz.", "Zweiter."]}, "text", "Erster Absatz.\n\nZweiter."),
        ({"text": "x", "date": "2020-01-05"}, "date", "2020-01-05"),
        ({"text": "x", "date_publish": "2020-01-05 12:34:00"}, "date", "2020-01-05T12:34"),
        ({"text": "x", "publish_date": "2020-01-05 00:00:00"}, "date", "2020-01-05"),
        ({"text": "x", "published": "2020-01-05T10:34:56+01:00"}, "date", "2020-01-05T10:34"),
        ({"text": "x", "publishing_date": "05.01.2020"}, "date", "2020-01-05"),
        ({"text": "x", "date": 1578222896}, "date", "2020-01-05T11:14"),
        ({"text": "x", "date": "2020-01"}, "date", "2020-01"),
        ({"text": "x", "source": "taz"}, "source", "taz"),
        ({"text": "x", "source_domain": "www.spiegel.de"}, "source", "Spiegel"),
        ({"text": "x", "media_name": "Frankfurter Allgemeine Zeitung"}, "source", "FAZ"),
        ({"text": "x", "publisher": "tagesschau.de"}, "source", "tagesschau"),
        ({"text": "x", "publisher": {"name": "Der Standard"}}, "source", "Der Standard"),
        ({"text": "x", "source": "Lokalblatt Nord"}, "source", "Lokalblatt Nord"),
        ({"text": "x", "url": "https://www.zeit.de/x"}, "source", "Zeit"),
        ({"text": "x", "url": "https://www.zeit.de/x"}, "url", "https://www.zeit.de/x"),
        ({"text": "x", "authors": ["Anna Beck", "Tom Ried"]}, "authors", ["Anna Beck", "Tom Ried"]),
        ({"text": "x", "author": "Anna Beck; Tom Ried"}, "authors", ["Anna Beck", "Tom Ried"]),
    ],
)
def test_common_field_names_are_recognised(
    record: dict[str, Any], field: str, expected: Any
) -> None:
    [article] = _read(_jsonl([record]))
    assert isinstance(article, Article)
    assert getattr(article, field) == expected


def test_a_text_that_starts_with_its_title_loses_that_line() -> None:
    [article] = _read(_jsonl([{"title": "Kopf", "text": "Kopf\n\nDer Bericht."}]))
    assert article.text == "Der Bericht."


def test_the_records_own_spelling_of_the_source_stays_findable() -> None:
    [article] = _read(_jsonl([{"text": "x", "source": "sueddeutsche_zeitung"}]))
    assert article.source == "Süddeutsche Zeitung"
    assert article.sources == ["Süddeutsche Zeitung", "sueddeutsche_zeitung"]


def test_ids_are_the_records_own_ids_unique_within_the_file() -> None:
    rows = [
        {"id": "a", "text": "eins"},
        {"id": "b", "text": "zwei"},
        {"id": "a", "text": "drei"},
        {"text": "vier"},
        {"id": "x y", "text": "fünf"},
    ]
    ids = [a.id for a in _articles(_read(_jsonl(rows)))]
    assert ids == ["archiv.jsonl#a", "archiv.jsonl#b", "archiv.jsonl#3", "archiv.jsonl#4",
                   "archiv.jsonl#x_y"]  # fmt: skip
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"title": "kaputt', "line 2: invalid JSON"),
        ("[1, 2]", "line 2: not a record (list)"),
        ('"nur ein Text"', "line 2: not a record (str)"),
        ('{"title": null, "text": ""}', "line 2: no text"),
        ("{}", "line 2: no text"),
        ("\xff\xfe", "line 2: "),
    ],
)
def test_a_bad_line_is_reported_with_its_number_and_the_rest_read(line: str, reason: str) -> None:
    good = json.dumps({"id": "g", "text": "gut"})
    data = (
        (good + "\n").encode()
        + line.encode("latin-1")
        + b"\n"
        + (good[:-1] + ', "id": "h"}\n').encode()
    )
    items = _read(data)
    assert [a.text for a in _articles(items)] == ["gut", "gut"]
    [skipped] = [s for s in items if isinstance(s, Skipped)]
    assert skipped.reason.startswith(reason)
    assert skipped.path == "archiv.jsonl"


def test_many_bad_lines_are_reported_up_to_a_limit_and_counted() -> None:
    data = b"kaputt\n" * (records.MAX_REPORTED_SKIPS + 7) + _jsonl([{"text": "gut"}])
    items = _read(data)
    skipped = [s for s in items if isinstance(s, Skipped)]
    assert len(skipped) == records.MAX_REPORTED_SKIPS + 1
    assert skipped[-1].reason == "7 more records passed over"
    assert len(_articles(items)) == 1


@pytest.mark.parametrize("data", [b"", b"\n\n", b"kaputt\n", b"[1]\n"])
def test_a_file_without_a_readable_record_is_skipped(data: bytes) -> None:
    with pytest.raises(SkipFile):
        _read(data)


def test_gzipped_json_lines_are_read() -> None:
    items = _read(gzip.compress(_jsonl(ROWS)), "archiv.jsonl.gz")
    assert [a.title for a in _articles(items)] == [r["title"] for r in ROWS]


def test_decompression_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_DECOMPRESSED_BYTES", 1000)
    data = gzip.compress(_jsonl([{"text": "x" * 500}] * 10))
    with pytest.raises(SkipFile, match="decompressed data over the limit"):
        _read(data, "gross.jsonl.gz")


@pytest.mark.parametrize(
    "data", [b"\x1f\x8b\x08\x00kaputt", gzip.compress(b'{"text": "x"}\n')[:-12]]
)
def test_broken_gzip_data_skips_the_file_or_keeps_what_was_read(data: bytes) -> None:
    try:
        items = _read(data, "kaputt.jsonl.gz")
    except SkipFile as exc:
        assert "gzip" in str(exc) or "records" in str(exc)
    else:
        assert all(isinstance(i, Article | Skipped) for i in items)


@pytest.mark.parametrize(
    "document",
    [
        ROWS,
        {"articles": ROWS},
        {"data": ROWS, "total": 3},
    ],
)
def test_json_documents_hold_records(document: Any) -> None:
    items = _read(json.dumps(document).encode(), "archiv.json")
    assert [a.title for a in _articles(items)] == [r["title"] for r in ROWS]


def test_a_json_file_with_one_article_is_one_record() -> None:
    [article] = _read(json.dumps(ROWS[0]).encode(), "artikel.json")
    assert article.title == "Walfang vor Island"
    assert article.id == "artikel.json#w1"


def test_a_json_file_holding_json_lines_is_read_as_such() -> None:
    assert len(_articles(_read(_jsonl(ROWS), "archiv.json"))) == 3


def test_a_broken_json_document_is_skipped_with_its_reason() -> None:
    with pytest.raises(SkipFile, match="invalid JSON"):
        _read(b'[{"text": "x"', "kaputt.json")


def _csv(rows: list[dict[str, Any]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_rows_are_records(delimiter: str) -> None:
    rows = [{k: v or "" for k, v in r.items()} for r in ROWS]
    items = _read(_csv(rows, delimiter), "export.csv")
    assert [(a.title, a.date) for a in _articles(items)] == [
        ("Walfang vor Island", "2021-03-04"),
        ("Streik bei der Bahn", "2022-11-20"),
        ("Kälte in Bayern", None),
    ]


def test_csv_cells_longer_than_the_csv_modules_default_limit_are_read() -> None:
    long_text = "Wort " * 60_000
    [article] = _read(_csv([{"title": "Lang", "text": long_text}]), "lang.csv")
    assert len(article.text) == len(long_text.strip())


def test_a_csv_row_with_too_many_cells_is_reported_with_its_line() -> None:
    data = b"title,text\nEins,Erster Text\nZwei,Zweiter,zu viel\nDrei,Dritter Text\n"
    items = _read(data, "export.csv")
    assert [a.title for a in _articles(items)] == ["Eins", "Drei"]
    [skipped] = [s for s in items if isinstance(s, Skipped)]
    assert skipped.reason == "line 3: 3 cells for 2 columns"


def test_a_windows_1252_csv_is_read() -> None:
    data = "title;text\nKälte;Schnee in Oberstdorf, Straße gesperrt\n".encode("cp1252")
    [article] = _read(data, "alt.csv")
    assert (article.title, article.text) == ("Kälte", "Schnee in Oberstdorf, Straße gesperrt")


@pytest.mark.parametrize(
    ("mapping", "field", "expected"),
    [
        ("text=article_body", "text", "Der Text."),
        ("title=kopfzeile", "title", "Ein Kopf"),
        ("date=erschienen", "date", "2019-05-01"),
        ("source=blatt", "source", "taz"),
        ("id=nummer", "id", "archiv.jsonl#77"),
    ],
)
def test_other_field_names_are_mapped(mapping: str, field: str, expected: str) -> None:
    record = {
        "article_body": "Der Text.",
        "kopfzeile": "Ein Kopf",
        "erschienen": "2019-05-01",
        "blatt": "taz",
        "nummer": 77,
        "text": "Der Text.",
    }
    key, name = records.parse_field_option(mapping)
    meta = {records.FIELDS_KEY: records.encode_field_map({key: name})}
    [article] = _read(_jsonl([record]), meta=meta)
    assert getattr(article, field) == expected


@pytest.mark.parametrize("option", ["text", "text=", "=body", "kopf=body", "text=a;b"])
def test_a_bad_mapping_is_an_error(option: str) -> None:
    with pytest.raises(ValueError):
        records.parse_field_option(option)


# --- the loader, the index and the command line ------------------------------------


@pytest.fixture()
def record_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "archiv.jsonl.gz").write_bytes(gzip.compress(_jsonl(ROWS)))
    (corpus / "notiz.txt").write_text("Ein Bericht über Walfang vor Japan.", encoding="utf-8")
    # Sidecar metadata is never read as records.
    (corpus / "metadata.jsonl").write_text(
        json.dumps({"file": "notiz.txt", "source": "dpa"}) + "\n", encoding="utf-8"
    )
    return corpus


def _hits(index_dir: Path, query: str, filters: Filters | None = None) -> list[str]:
    return sorted(h.id for h in search(index_dir, query, filters, limit=None, group=False).hits)


def test_records_index_search_and_filter_like_text_files(
    record_corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "ix"
    report = update_index(record_corpus, index_dir)
    assert (report.added, report.skipped) == (4, [])
    assert _hits(index_dir, "Walfang") == ["archiv.jsonl.gz#w1", "notiz.txt"]
    dated = Filters.parse("2021-01-01", "2021-12-31", None, False)
    assert _hits(index_dir, "Walfang", dated) == ["archiv.jsonl.gz#w1"]
    for name in ("sueddeutsche_zeitung", "Süddeutsche Zeitung"):
        assert _hits(index_dir, "Walfang", Filters.parse(None, None, [name], False)) == [
            "archiv.jsonl.gz#w1"
        ]
    assert _hits(index_dir, "Oberstdorf", Filters.parse(None, None, ["eigenes_blog"], False)) == [
        "archiv.jsonl.gz#k3"
    ]


def test_a_changed_record_file_is_indexed_again(record_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    update_index(record_corpus, index_dir)
    rows = [*ROWS[1:], {"id": "n4", "title": "Neu", "text": "Walfang vor Grönland."}]
    (record_corpus / "archiv.jsonl.gz").write_bytes(gzip.compress(_jsonl(rows)))
    report = update_index(record_corpus, index_dir)
    assert report.total == 4
    assert _hits(index_dir, "Walfang") == ["archiv.jsonl.gz#n4", "notiz.txt"]


def test_bad_lines_are_reported_by_index_and_parse(record_corpus: Path, tmp_path: Path) -> None:
    (record_corpus / "neu.jsonl").write_bytes(_jsonl(ROWS[:1]) + b"{kaputt\n" + _jsonl(ROWS[1:2]))
    result = RUNNER.invoke(app, ["index", str(record_corpus), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert "neu.jsonl: line 2: invalid JSON" in result.stderr
    assert "6 added" in result.stderr
    parsed = RUNNER.invoke(app, ["parse", str(record_corpus / "neu.jsonl"), "--format", "jsonl"])
    assert parsed.exit_code == 0
    assert [json.loads(x)["id"] for x in parsed.stdout.splitlines()] == [
        "neu.jsonl#w1",
        "neu.jsonl#s2",
    ]
    assert "line 2: invalid JSON" in parsed.stderr


def test_record_files_are_not_held_to_the_article_size_limit(tmp_path: Path) -> None:
    rows = [{"id": str(n), "text": "Wort " * 2000} for n in range(900)]
    path = tmp_path / "gross.jsonl"
    path.write_bytes(_jsonl(rows))
    assert path.stat().st_size > 8 * 1024 * 1024
    assert sum(isinstance(a, Article) for a in iter_corpus(path)) == 900


def test_a_mapping_given_to_index_is_remembered(tmp_path: Path) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    (corpus / "a.jsonl").write_bytes(_jsonl([{"kopf": "Ein Kopf", "inhalt": "Walfang."}]))
    result = RUNNER.invoke(
        app, ["index", str(corpus), "--index", str(index_dir), "--field", "text=inhalt",
              "--field", "title=kopf"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (corpus / "b.jsonl").write_bytes(_jsonl([{"kopf": "Zweiter", "inhalt": "Walfang auch."}]))
    report = update_index(corpus, index_dir)
    assert (report.added, report.rebuilt) == (1, False)
    assert _hits(index_dir, "Walfang") == ["a.jsonl#1", "b.jsonl#1"]
    # Another mapping builds the index afresh.
    report = update_index(corpus, index_dir, fields={"text": "kopf"})
    assert report.reason == "the field mapping changed"
    assert _hits(index_dir, "Walfang") == []


def test_a_mapping_file_in_the_corpus_folder_is_used_and_not_read_as_an_article(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.csv").write_text("kopf,inhalt\nEin Kopf,Walfang vor Island.\n", "utf-8")
    (corpus / "korpus.fields").write_text("# Felder\ntext = inhalt\ntitle=kopf\n", "utf-8")
    items = list(iter_corpus(corpus))
    assert [(a.title, a.text) for a in items if isinstance(a, Article)] == [
        ("Ein Kopf", "Walfang vor Island.")
    ]
    assert not [s for s in items if isinstance(s, Skipped)]
    index_dir = tmp_path / "ix"
    update_index(corpus, index_dir)
    assert _hits(index_dir, "Walfang") == ["a.csv#2"]
    (corpus / "korpus.fields").write_text("title=inhalt\n", "utf-8")
    report = update_index(corpus, index_dir)
    assert report.reason == "the field mapping changed"


@pytest.mark.parametrize("option", ["text", "kopf=inhalt"])
def test_a_bad_field_option_is_a_clean_error(option: str, tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["parse", str(tmp_path), "--field", option])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- the real archive ------------------------------------------------------------------


def _real_rows() -> list[dict[str, Any]]:
    with gzip.open(SHARED_DATA, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="the shared news archive is not here")
def test_every_record_of_the_real_archive_is_read_with_its_metadata() -> None:
    rows = _real_rows()
    items = records.read_records(SHARED_DATA.read_bytes(), "de-news.jsonl.gz", "x", None)
    articles = _articles(items)
    assert len(articles) == len(rows) == 14_499
    assert not [s for s in items if isinstance(s, Skipped)]
    for row, article in zip(rows, articles, strict=True):
        assert article.id == f"de-news.jsonl.gz#{row['id']}"
        assert article.date == (row["date"] or None)
        title = " ".join(unicodedata.normalize("NFC", row["title"] or "").split())
        assert (title or None) == article.title
        assert row["source"] in article.sources


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_DATA.exists(), reason="the shared news archive is not here")
def test_the_real_archive_indexes_and_its_filters_agree_with_the_records(tmp_path: Path) -> None:
    rows = _real_rows()
    index_dir = tmp_path / "ix"
    report = update_index(SHARED_DATA, index_dir)
    assert report.total == 14_499
    by_source = Counter(r["source"] for r in rows)
    in_2020 = sum(1 for r in rows if (r["date"] or "").startswith("2020"))
    ix, info = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            for name, count in by_source.items():
                allowed = Filters.parse(None, None, [name], False).allowed(
                    searcher, info["data_dir"]
                )
                assert allowed is not None and len(allowed) == count, name
            allowed = Filters.parse("2020", "2020", None, False).allowed(searcher, info["data_dir"])
            assert allowed is not None and len(allowed) == in_2020
    finally:
        ix.close()
