"""Press-database exports: one record per article, told apart from other files by content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from korpus.article import Article, SkipFile
from korpus.dates import find_dates, parse_date_line
from korpus.duplicates import group_sketches, sketch
from korpus.readers.exports import read_export, sniff
from korpus.readers.rtf import rtf_to_text
from tests import export_fixtures as fx

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "exports"


def _read(data: bytes, name: str = "export") -> list[Article]:
    return read_export(data, name, f"/corpus/{name}")


def _summary(articles: list[Article]) -> list[tuple[str | None, str | None, str | None]]:
    return [(a.title, a.date, a.source) for a in articles]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("January 11, 2010 Monday", "2010-01-11"),
        ("July 1, 2019 Monday 9:20 AM GMT", "2019-07-01"),
        ("December 10, 2019 Tuesday, Edition 1, National Edition", "2019-12-10"),
        ("December 19, 1991, Sunday, Late Edition", "1991-12-19"),
        ("27. Februar 2012 Montag 9:50 PM GMT+1", "2012-02-27"),
        ("14. März 2011", "2011-03-14"),
        ("8. Maerz 2001", "2001-03-08"),
        ("Dienstag 10.Dezember 2019", "2019-12-10"),
        ("3 April 2017", "2017-04-03"),
        ("25 November 2017", "2017-11-25"),
        ("29 décembre 2011", "2011-12-29"),
        ("mardi 14 mars 2006", "2006-03-14"),
        ("1er janvier 2012", "2012-01-01"),
        ("12 April 2013 Tuesday", "2013-04-12"),
        ("2012-01-09T01:35:58Z", "2012-01-09"),
        ("July 26, 2008 Saturday 1ST Edition", "2008-07-26"),
        ("Friday, 5. July 2019 09:31:00 CEST", "2019-07-05"),
        ("31 February 2010", None),
        ("Guardian.com", None),
    ],
)
def test_export_date_lines(line: str, day: str | None) -> None:
    found = parse_date_line(line)
    assert (found.iso() if found else None) == day


@pytest.mark.parametrize("text", ["Die Mission Mars 2020 startet.", "Im Juin 2020 Haus"])
def test_french_months_stay_out_of_german_text(text: str) -> None:
    assert find_dates(text) == []


# --- old LexisNexis -----------------------------------------------------------------------


def test_lexisnexis_text_english() -> None:
    articles = _read(fx.lexisnexis_text(), "ln.txt")
    assert _summary(articles) == [
        (
            "Storm closes the harbour for a second day as winds reach record speeds",
            "2010-01-11",
            "The Harbour Gazette (Maine)",
        ),
        ("Mill reopens", "2011-03-03", "Valley Courier"),
    ]
    first = articles[0]
    assert first.id == "ln.txt#1" and first.path == "/corpus/ln.txt"
    assert first.authors == ["Jane Doe", "John Roe"]
    assert first.section == "NEWS; Pg. 6"
    assert first.words == 2968
    assert first.date_line == "January 11, 2010 Monday"
    assert first.text == (
        "The harbour stayed closed on Monday as the storm kept the fishing fleet at anchor."
        "\n\nOfficials said it could reopen on Wednesday."
    )


@pytest.mark.parametrize("crlf", [True, False])
def test_lexisnexis_text_german_labels(crlf: bool) -> None:
    articles = _read(fx.lexisnexis_text(german=True, crlf=crlf), "de.txt")
    assert _summary(articles) == [
        ("Sturmflut an der Küste; Deiche halten stand", "2011-03-14", "Nordblatt"),
        ("Neue Brücke eröffnet", "2012-05-08", "Südkurier Online"),
    ]
    first = articles[0]
    assert first.authors == ["Muster, Anna", "Beispiel, Ben"]
    assert first.section == "POLITIK; S. 4 Ausg. 7"
    assert first.words == 1812
    # "UPDATE:" opening a paragraph is text; "UPDATE:" with a date is the load date.
    assert first.text.endswith(
        "UPDATE: Die Lage an den Deichen bleibt nach Angaben der Behörden ruhig."
    )
    assert "GERMAN" not in first.text and "Rechte" not in first.text


def test_lexisnexis_html() -> None:
    articles = _read(fx.lexisnexis_html(), "ln.html")
    assert _summary(articles) == [
        ("Grüne fordern; Mehr Radwege", "2012-02-27", "Nordblatt"),
        (None, "2013-04-12", "Valley Courier"),
    ]
    first = articles[0]
    assert first.words == 212 and first.section == "LOKALES; S. 12"
    assert first.authors == ["Anna Muster"]
    assert "Zweitens: Parkplätze" in first.text
    # The stray line among the trailing fields and the rights line stay out.
    assert "XYZ" not in first.text and "Copyright" not in first.text and ".x" not in first.text


# --- Nexis Uni ----------------------------------------------------------------------------

_BODY = [
    "The harbour stayed closed on Monday as the storm kept the fishing fleet at anchor,",
    "officials said, adding that it could reopen on Wednesday once the winds drop again.",
]


def _nexis(
    labels: dict[str, str] | None = None, end: str = "End of Document", cover: bool = True
) -> bytes:
    german = labels is not None
    fields = (
        [("Rubrik", "LOKALES; S. 3"), ("Länge", "1.204 Wörter"), ("Autor", "Anna Muster")]
        if german
        else [
            ("Section", "NEWS; Version:3"),
            ("Length", "512 words"),
            ("Byline", "Jane Doe; John Roe"),
        ]
    )
    first = fx.nexis_article(
        "Storm closes the harbour",
        "The Harbour Gazette(Maine)",
        "27. Februar 2012 Montag 9:50 PM GMT+1" if german else "July 1, 2019 Monday 9:20 AM GMT",
        fields,
        _BODY,
        labels,
        end,
        graphic="Boats at anchor in the harbour.",
    )
    second = fx.nexis_article(
        "Mill reopens",
        "Valley Courier",
        "December 10, 2019 Tuesday, Edition 1, National Edition",
        fields[:2],
        ["The old mill reopened on Thursday."],
        labels,
        end,
    )
    cover_xml = fx.nexis_cover(["Storm closes the harbour", "A different cover title"])
    return fx.docx((cover_xml if cover else "") + first + second)


@pytest.mark.parametrize("cover", [True, False])
def test_nexis_uni_docx(cover: bool) -> None:
    articles = _read(_nexis(cover=cover), "uni.docx")
    assert _summary(articles) == [
        ("Storm closes the harbour", "2019-07-01", "The Harbour Gazette(Maine)"),
        ("Mill reopens", "2019-12-10", "Valley Courier"),
    ]
    first = articles[0]
    assert [a.id for a in articles] == ["uni.docx#1", "uni.docx#2"]
    assert first.authors == ["Jane Doe", "John Roe"]
    assert first.section == "NEWS; Version:3" and first.words == 512
    assert first.text == "\n\n".join(_BODY)


def test_nexis_uni_docx_german_labels() -> None:
    german = {
        "body": "Text",
        "classification": "Klassifikation",
        "load": "Ladedatum",
        "language": "Sprache",
    }
    articles = _read(_nexis(german, end="Ende des Dokuments"), "de.docx")
    assert _summary(articles) == [
        ("Storm closes the harbour", "2012-02-27", "The Harbour Gazette(Maine)"),
        ("Mill reopens", "2019-12-10", "Valley Courier"),
    ]
    first = articles[0]
    assert first.words == 1204 and first.section == "LOKALES; S. 3"
    assert first.authors == ["Anna Muster"]
    assert first.text == "\n\n".join(_BODY)


def test_unknown_closing_mark_still_splits_at_section_breaks() -> None:
    articles = _read(_nexis({"body": "Corpo"}, end="Fine"), "x.docx")
    assert [a.title for a in articles] == ["Storm closes the harbour", "Mill reopens"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            fx.docx(fx._para("Minutes of the club meeting") + fx._para("We met on Monday.")),
            "no Nexis Uni export",
        ),
        (b"PK\x03\x04 broken", "damaged Word document"),
        (b"%PDF-1.4 ...", "PDF file"),
        (b"{\\rtf1\\ansi Just a letter.\\par}", "RTF file that is no"),
        (b"<html><body><p>A web page.</p></body></html>", "HTML page that is no press export"),
        (b"Ein kopierter Artikel.\n\nNur Text.", "text file that is no press export"),
    ],
)
def test_files_that_are_no_exports_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile, match=reason):
        _read(data, "file")


# --- Factiva ----------------------------------------------------------------------------


def test_factiva_article_view() -> None:
    articles = _read(fx.factiva_article_view(), "f.html")
    assert _summary(articles) == [
        ("Nach dem Sturm; Die Deiche halten", "2017-03-03", "Nordblatt Online"),
        ("Harbour reopens", "2017-04-05", "The Coastal Post"),
    ]
    first = articles[0]
    assert first.doc_id == "KLMNO00020170403ed4300012"
    assert first.authors == ["Karla Beispiel"] and first.section == "Wirtschaft"
    assert first.words == 1234
    assert first.text == "Der Wind hat nachgelassen.\n\nDie Pegel sinken wieder."


def test_factiva_table_view() -> None:
    (article,) = _read(fx.factiva_table_view(), "t.html")
    assert (article.title, article.date, article.source) == (
        "Radwege für alle",
        "2016-10-07",
        "Nordblatt",
    )
    assert article.doc_id == "NRDBLT0020161007ec1700005"
    assert article.section == "Lokales" and article.words == 312
    assert article.text == "Die Stadt plant neue Wege.\n\nDer Rat entscheidet bald."


def test_factiva_xml() -> None:
    (article,) = _read(fx.factiva_xml(), "f.xml")
    assert (article.title, article.date, article.source, article.words) == (
        "Harbour dredging starts",
        "2018-03-03",
        "The Coastal Post",
        120,
    )
    assert article.text == "Dredgers arrived on Saturday.\n\nWork will take a month."


def test_factiva_rtf() -> None:
    articles = _read(fx.factiva_rtf(), "f.rtf")
    assert _summary(articles) == [
        ("Sturm legt Hafen lahm", "2017-03-03", "Nordblatt"),
        ("Bridge reopens", "2017-03-04", "The Coastal Post"),
    ]
    assert articles[0].authors == ["Karla Beispiel"]
    assert articles[0].text == (
        "Der Hafen blieb am Freitag geschlossen.\n\nDie Fähren fahren wieder ab Montag."
    )
    assert [a.doc_id for a in articles] == [
        "NRDBLT0020170303ed3300003",
        "CSTPST0020170304ed3400002",
    ]


@pytest.mark.parametrize(
    ("rtf", "text"),
    [
        (rb"{\rtf1 Stra\'dfe\par}", "Straße\n"),
        (rb"{\rtf1\uc1 Gr\u252?n\par}", "Grün\n"),
        (rb"{\rtf1{\fonttbl{\f0 Arial;}}{\*\unknown hidden}Shown\line next\par}", "Shown\nnext\n"),
        (rb"{\rtf1 a\{b\}c\\d\tab e}", "a{b}c\\d\te"),
        (rb"{\rtf1 unbalanced {\b bold", "unbalanced bold"),
    ],
)
def test_rtf_to_text(rtf: bytes, text: str) -> None:
    assert rtf_to_text(rtf) == text


def test_europresse() -> None:
    (article,) = _read(fx.europresse_html(), "e.html")
    assert (article.title, article.date, article.source, article.section) == (
        "Le port rouvre",
        "2006-03-14",
        "La Gazette",
        "Politique",
    )
    assert article.kicker == "DOSSIER" and article.doc_id == "20060314·GZ·0001"
    assert article.text == "Les bateaux sont revenus mardi."


# --- recognising exports --------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        fx.lexisnexis_text(),
        fx.lexisnexis_text(german=True),
        fx.lexisnexis_html(),
        _nexis(),
        fx.factiva_article_view(),
        fx.factiva_table_view(),
        fx.factiva_xml(),
        fx.factiva_rtf(),
        fx.europresse_html(),
    ],
)
def test_exports_are_sniffed(data: bytes) -> None:
    assert sniff(data)


@pytest.mark.parametrize(
    "data",
    [
        "Ein Artikel über 1 of 2 Dinge.\nDokument wird geprüft.".encode(),
        b"<html><body><div class='article'>A blog post</div></body></html>",
        b"",
    ],
)
def test_other_files_are_not_sniffed(data: bytes) -> None:
    assert not sniff(data)


def test_vendor_copies_of_one_article_fold_together() -> None:
    words = (
        "Die Stadt plant neue Radwege entlang des Flusses und will dafür im kommenden "
        "Jahr mehrere Millionen Euro ausgeben, sagte die Bürgermeisterin am Montag. "
    ) * 3
    nexis = fx.docx(
        fx.nexis_article(
            "Radwege am Fluss", "Nordblatt", "3. April 2017", [("Länge", "90 Wörter")], [words]
        )
    )
    factiva = fx.factiva_article_view().replace(
        b"Der Wind hat <b>nachgelassen</b>.", words.encode()
    )
    a = _read(nexis, "n.docx")[0]
    b = _read(factiva, "f.html")[0]
    assert a.text.startswith(b.text.split("\n\n")[0].strip()[:40])
    sketches = {a.id: sketch(a.text, a.source), b.id: sketch(b.text, b.source)}
    assert all(sketches.values())
    groups = group_sketches({k: v for k, v in sketches.items() if v is not None})
    assert groups.get(a.id) == groups.get(b.id) is not None


# --- the shared sample exports (skipped where absent) ---------------------------------------


def _expected() -> dict[str, dict[str, object]]:
    path = SAMPLES / "expected.json"
    if not path.is_file():
        return {}
    loaded: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.skipif(not (SAMPLES / "expected.json").is_file(), reason="sample exports absent")
@pytest.mark.parametrize("name", sorted(_expected()))
def test_sample_exports_give_the_expected_records(name: str) -> None:
    expected = _expected()[name]
    data = (SAMPLES / name).read_bytes()
    try:
        articles = _read(data, name)
    except SkipFile:
        articles = []
    records = expected["records"]
    assert isinstance(records, list)
    assert len(articles) == expected["articles"] == len(records)
    for article, record in zip(articles, records, strict=True):
        assert (article.title, article.date, article.source) == (
            record.get("title"),
            record.get("date"),
            record.get("source"),
        )


def test_nexis_uni_headline_over_two_paragraphs_and_an_extra_header_line() -> None:
    article = "".join(
        [
            fx._para("Storm closes the harbour", bold=True, centred=True),
            fx._para("Fleet stays at anchor", bold=True, centred=True),
            fx._para("Harbour Gazette", centred=True),
            fx._para("Coast edition", centred=True),
            fx._para("July 1, 2019 Monday", centred=True),
            fx._para(f"Length:{fx.NBSP}40 words"),
            fx._para("Body", bold=True),
            fx._para("The harbour stayed closed."),
            fx._para("\nEnd of Document", bold=True, section=True),
        ]
    )
    (found,) = _read(fx.docx(article), "x.docx")
    assert (found.title, found.source, found.date) == (
        "Storm closes the harbour Fleet stays at anchor",
        "Harbour Gazette",
        "2019-07-01",
    )


# --- through the command line --------------------------------------------------------------


def _downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    body = ["Der Hafen von Nordstadt bleibt nach dem Sturm bis Mittwoch gesperrt."]
    first = fx.nexis_article(
        "Sturm sperrt den Hafen",
        "Nordblatt",
        "14. März 2011 Montag 9:50 PM GMT+1",
        [("Section", "LOKALES; S. 3"), ("Length", "212 words"), ("Byline", "Anna Muster")],
        body,
    )
    second = fx.nexis_article(
        "Brücke eröffnet",
        "Weserkurier",
        "15. März 2011 Dienstag",
        [("Length", "95 words")],
        ["Die neue Brücke über die Weser ist seit Dienstag frei."],
    )
    (folder / "Files (2).DOCX").write_bytes(fx.docx(fx.nexis_cover(["a", "b"]) + first + second))
    (folder / "notizen.docx").write_bytes(fx.docx(fx._para("Notizen zur Recherche")))
    (folder / "factiva.html").write_bytes(fx.factiva_article_view())
    return folder


def test_a_folder_of_downloads_is_searched_per_article(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from korpus.cli import app

    folder, index = _downloads(tmp_path), str(tmp_path / "index")
    runner = CliRunner()
    built = runner.invoke(app, ["index", str(folder), "--index", index])
    assert built.exit_code == 0, built.output
    assert "notizen.docx: Word document that is no Nexis Uni export" in built.output
    found = runner.invoke(app, ["search", "Hafen", "--index", index, "--format", "jsonl"])
    assert found.exit_code == 0, found.output
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert [h["id"] for h in hits] == ["Files (2).DOCX#1"]
    shown = runner.invoke(app, ["show", "Files (2).DOCX#2", "--index", index])
    assert shown.exit_code == 0 and "Brücke eröffnet" in shown.stdout
    assert "Sturm" not in shown.stdout


def test_parse_gives_one_json_line_per_article(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _downloads(tmp_path)
    files = [str(folder / "Files (2).DOCX"), str(folder / "factiva.html")]
    proc = subprocess.run(
        [sys.executable, "-m", "korpus", "parse", "--format", "jsonl", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["id"], r["title"], r["date"], r["source"]) for r in records] == [
        ("Files (2).DOCX#1", "Sturm sperrt den Hafen", "2011-03-14", "Nordblatt"),
        ("Files (2).DOCX#2", "Brücke eröffnet", "2011-03-15", "Weserkurier"),
        ("factiva.html#1", "Nach dem Sturm; Die Deiche halten", "2017-03-03", "Nordblatt Online"),
        ("factiva.html#2", "Harbour reopens", "2017-04-05", "The Coastal Post"),
    ]
    assert [r["path"] for r in records] == [files[0], files[0], files[1], files[1]]


_TIGHT_HEADER = """
                              Dokument 1 von 3

                                 DER SPIEGEL
                            14. März 2011 Montag
                               Ausgabe 11
Titel des Artikels

VON ANNA MUSTER

LÄNGE:  812 Wörter

Der Text beginnt hier. Und geht weiter.

SPRACHE: GERMAN; DEUTSCH
"""


def test_lexisnexis_text_tight_header_and_byline_line() -> None:
    (article,) = _read(_TIGHT_HEADER.encode(), "de.txt")
    assert (article.title, article.date, article.source) == (
        "Titel des Artikels",
        "2011-03-14",
        "DER SPIEGEL",
    )
    # The printed outlet is the source; korpus's name for it is among the sources.
    assert article.sources == ["Spiegel", "DER SPIEGEL"]
    assert article.authors == ["ANNA MUSTER"] and article.words == 812
    assert article.text == "Der Text beginnt hier. Und geht weiter."


def test_a_section_break_inside_an_article_does_not_split_it() -> None:
    article = "".join(
        [
            fx._para("Storm closes the harbour", bold=True, centred=True),
            fx._para("Harbour Gazette", centred=True),
            fx._para("3. März 2017", centred=True),
            fx._para(f"Length:{fx.NBSP}40 words"),
            fx._para("Body", bold=True),
            fx._para("Am 3. März 2017 blieb der Hafen zu.", section=True),
            fx._para("Ein breiter Tabellenteil folgt."),
            fx._para(f"Load-Date:{fx.NBSP}March 4, 2017"),
            fx._para("\nEnd of Document", bold=True, section=True),
        ]
    )
    (found,) = _read(fx.docx(article + article), "x.docx")[:1]
    assert found.text == "Am 3. März 2017 blieb der Hafen zu.\n\nEin breiter Tabellenteil folgt."
    assert len(_read(fx.docx(article + article), "x.docx")) == 2


def test_factiva_page_without_language_classes() -> None:
    data = (
        fx.factiva_article_view()
        .replace(b'class="article deArticle"', b'class="x"')
        .replace(b'class="article enArticle"', b'class="y"')
    )
    articles = _read(data, "old.html")
    assert [(a.title, a.source, a.doc_id) for a in articles] == [
        ("Nach dem Sturm; Die Deiche halten", "Nordblatt Online", "KLMNO00020170403ed4300012"),
        ("Harbour reopens", "The Coastal Post", "PQRST00020170405ed4500007"),
    ]
