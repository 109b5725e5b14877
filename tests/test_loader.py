from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from korpus.article import Article, SkipFile, Skipped
from korpus.dates import infer_weekday_date
from korpus.loader import iter_corpus
from korpus.readers.text import decode_bytes, parse_article

from .conftest import BUNDLED, IDS


def bundled() -> dict[str, Article]:
    articles = {}
    for item in iter_corpus(BUNDLED):
        assert isinstance(item, Article), item
        articles[item.id[:3]] = item
    return articles


ARTICLES = bundled()


@pytest.mark.parametrize(
    ("key", "title", "date", "precision", "source"),
    [
        (
            "000",
            "Nordkorea schickt offenbar Tausende Soldaten in die Ukraine",
            "2025-06-26T13:05",
            "minute",
            "t-online",
        ),
        (
            "001",
            "NATO bestätigt Truppen Nordkoreas in Russland",
            "2024-10-28T18:40",
            "minute",
            None,
        ),
        ("002", None, None, None, "AFP"),
        ("003", None, "2025-07", "month", None),
        (
            "004",
            "Hilfe im Ukraine-Krieg? Nordkorea schickt Militärmission nach Russland",
            "2024-07-09",
            "day",
            None,
        ),
    ],
)
def test_bundled_corpus_table(
    key: str, title: str | None, date: str | None, precision: str | None, source: str | None
) -> None:
    article = ARTICLES[key]
    assert article.id == IDS[key]
    if title is None:
        assert article.title is None
    else:
        assert article.title is not None and title in article.title
    assert article.date == date
    assert article.date_precision == precision
    assert article.source == source


def test_bundled_origins_and_citations() -> None:
    assert ARTICLES["004"].date_origin == "weekday-inferred"
    assert ARTICLES["003"].cited == ["CNN"]
    assert ARTICLES["003"].sources == []
    assert set(ARTICLES["004"].cited) >= {"KCNA", "Tass", "Reuters"}
    assert ARTICLES["002"].sources == ["AFP"]
    assert ARTICLES["001"].kicker == "Mark Rutte"


@pytest.mark.parametrize("junk", ["Anzeige", "Meine news", "date 2025-07", "(afp/red)"])
def test_boilerplate_is_not_in_any_text(junk: str) -> None:
    for article in ARTICLES.values():
        assert junk not in article.text


def test_no_sentence_of_the_body_is_lost() -> None:
    raw = (BUNDLED / IDS["002"]).read_text(encoding="utf-8")
    text = ARTICLES["002"].text
    for line in raw.splitlines():
        line = line.replace("(afp/red)", "").strip()
        if line:
            assert line in text


@pytest.mark.parametrize(
    ("raw", "date", "precision", "origin"),
    [
        (
            "Titel der Meldung hier\n\nStand: 28.10.2024 18:40 Uhr\n\nText.",
            "2024-10-28T18:40",
            "minute",
            "timestamp",
        ),
        (
            "Titel der Meldung hier\n\nVon t-online Aktualisiert am 26.06.2025 - 13:05 Uhr\n\n"
            "Text.",
            "2025-06-26T13:05",
            "minute",
            "byline",
        ),
        (
            "Titel der Meldung hier\n\nErstellt: 14.02.2025, 06:30 Uhr | Aktualisiert: "
            "15.02.2025, 08:00 Uhr\n\nText.",
            "2025-02-14T06:30",
            "minute",
            "timestamp",
        ),
        (
            "Titel der Meldung hier\n\nVeröffentlicht am 9. Juli 2024, 23:15 Uhr\n\nText.",
            "2024-07-09T23:15",
            "minute",
            "timestamp",
        ),
        ("Titel der Meldung hier\n\nMontag, 16.12.2024\n\nText.", "2024-12-16", "day", "timestamp"),
        ("Titel der Meldung hier\n\n21. Apr. 2025\n\nText.", "2025-04-21", "day", "timestamp"),
        (
            "Titel der Meldung hier\n\n2024-10-28T18:40:00+01:00\n\nText.",
            "2024-10-28T18:40",
            "minute",
            "timestamp",
        ),
        (" date 2025-07 Erster Satz des Artikels.\n\nZweiter Satz.", "2025-07", "month", "marker"),
        (
            "Erster Satz.\n\n© dpa-infocom, dpa:250406-930-123456/1",
            "2025-04-06",
            "day",
            "agency-code",
        ),
        (
            "Berlin, 16.12.2024 (dpa) - Der Bundestag hat entschieden.",
            "2024-12-16",
            "day",
            "dateline",
        ),
        (
            "Im Januar 2023 hatte die Regierung beschlossen, was nun gilt.\n\nMehr dazu.",
            None,
            None,
            None,
        ),
        (
            "---\ntitle: Vorne: mit Doppelpunkt\ndate: 2023-05-04\nsource: dpa\n---\n"
            "Stand: 28.10.2024 18:40 Uhr\n\nText.",
            "2023-05-04",
            "day",
            "front-matter",
        ),
    ],
)
def test_date_rules(raw: str, date: str | None, precision: str | None, origin: str | None) -> None:
    article = parse_article(raw, "x.txt")
    assert (article.date, article.date_precision, article.date_origin) == (date, precision, origin)


def test_created_and_updated_are_both_kept() -> None:
    article = parse_article(
        "Titel der Meldung hier\n\nErstellt: 14.02.2025, 06:30 Uhr | "
        "Aktualisiert: 15.02.2025, 08:00 Uhr\n\nText.",
        "x.txt",
    )
    assert article.date == "2025-02-14T06:30"
    assert article.updated == "2025-02-15T08:00"


@pytest.mark.parametrize(
    ("raw", "source", "sources"),
    [
        (
            "Titel der Meldung\n\nVon t-online, dpa | Aktualisiert am 26.06.2025 - 13:05 Uhr\n\n"
            "Text.",
            "t-online",
            ["t-online", "dpa"],
        ),
        ("Berlin (dpa) - Der Bundestag hat entschieden.", "dpa", ["dpa"]),
        ("Der Text endet hier. (dpa/AFP)", "dpa", ["dpa", "AFP"]),
        ("Der Text endet hier. (afp/red)", "AFP", ["AFP"]),
        ("Der Text.\n\nQuelle: Reuters", "Reuters", ["Reuters"]),
        ("Der Text.\n\nQuelle: ntv.de, dpa", "ntv", ["ntv", "dpa"]),
        ("Der Text.\n\n© dpa-infocom", "dpa", ["dpa"]),
        ("Die Zahl steigt, berichtet CNN.", None, []),
        ("Scholz (SPD) sagte das am Ende (SPD)", None, []),
    ],
)
def test_source_rules(raw: str, source: str | None, sources: list[str]) -> None:
    article = parse_article(raw, "x.txt")
    assert article.source == source
    assert article.sources == sources


def test_credit_lines_leave_the_text() -> None:
    article = parse_article(
        "Berlin (dpa) - Der Bundestag hat entschieden.\n\nQuelle: Reuters", "x.txt"
    )
    assert article.text == "Der Bundestag hat entschieden."


def test_cited_outlets_are_not_sources() -> None:
    article = parse_article("Das meldete die Nachrichtenagentur Reuters am Abend.", "x.txt")
    assert article.sources == [] and article.cited == ["Reuters"]


@pytest.mark.parametrize(
    ("text", "years", "expected"),
    [
        ("am Dienstag (9. Juli) berichtete", [2023], date(2024, 7, 9)),
        ("am Dienstag (9. Juli) berichtete", [], date(2024, 7, 9)),
        ("am Mittwoch, 9. Juli, sagte", [2025], date(2025, 7, 9)),
        ("am Freitag (3. Januar) hieß es", [2019], date(2020, 1, 3)),
    ],
)
def test_weekday_inference(text: str, years: list[int], expected: date) -> None:
    inferred = infer_weekday_date(text, years, today=date(2026, 11, 21))
    assert inferred is not None and inferred.value.date() == expected


def test_weekday_inference_never_picks_the_future() -> None:
    inferred = infer_weekday_date("am Montag (30. November)", [], today=date(2026, 11, 21))
    assert inferred is not None and inferred.value.date() < date(2026, 11, 21)


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "Mark Rutte\n\nKrieg gegen die Ukraine NATO bestätigt Truppen\n\nStand: 28.10.2024 "
            "18:40 Uhr\n\nText hier.",
            "Krieg gegen die Ukraine NATO bestätigt Truppen",
        ),
        ("Ein langer erster Satz des Artikels, der mit einem Punkt endet.\n\nZweiter.", None),
        ("Foto: dpa\n\nText hier.", None),
    ],
)
def test_title_rules(raw: str, title: str | None) -> None:
    assert parse_article(raw, "x.txt").title == title


ENCODED = "Großmächte über Änderungen – „Zitat“"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ENCODED.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ENCODED.encode("utf-8"), "utf-8"),
        (ENCODED.replace(" ", "\r\n", 1).encode("utf-8"), "utf-8"),
        (ENCODED.encode("cp1252"), "cp1252"),
        ("Großmächte über Änderungen".encode("latin-1"), "cp1252"),
        ("Großmächte über ".encode() + "Änderungen".encode("cp1252"), "utf-8+cp1252"),
    ],
)
def test_encodings_decode_without_mojibake(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data)
    assert used == encoding
    assert "Großmächte" in text and "Ã" not in text and "\r" not in text and "\ufeff" not in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_unreadable_bytes_are_skipped_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile, match=reason):
        decode_bytes(data)


def test_sidecar_metadata_overrides_heuristics(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Stand: 28.10.2024 18:40 Uhr\n\nText.", encoding="utf-8")
    (tmp_path / "metadata.jsonl").write_text(
        '{"file": "a.txt", "title": "Echter Titel", "date": "2020-01-02", "source": "taz"}\n',
        encoding="utf-8",
    )
    [article] = [a for a in iter_corpus(tmp_path) if isinstance(a, Article)]
    assert (article.title, article.date, article.date_origin, article.source) == (
        "Echter Titel",
        "2020-01-02",
        "sidecar",
        "taz",
    )


def test_csv_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,title,date,source\na.txt,T,2021-03,dpa\n", encoding="utf-8"
    )
    [article] = [a for a in iter_corpus(tmp_path) if isinstance(a, Article)]
    assert (article.date, article.date_precision, article.source) == ("2021-03", "month", "dpa")


def test_other_extensions_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "b.md").write_text("Text hier.", encoding="utf-8")
    items = list(iter_corpus(tmp_path))
    assert [i.id for i in items if isinstance(i, Article)] == ["b.md"]
    assert [i.reason for i in items if isinstance(i, Skipped)] == [
        "not a file korpus reads (extension .pdf)"
    ]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_loader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data)
    except SkipFile:
        return
    article = parse_article(text, "x.txt")
    assert isinstance(article.text, str)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=1500))
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(parse_article(text, "x.txt").to_dict(), dict)
