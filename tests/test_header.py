"""Header reading on copied web pages: dates, titles and outlets, one rule per case.

Every example is made up for these tests: invented outlets, names and layouts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.cli import app
from korpus.dates import find_dates
from korpus.index import update_index
from korpus.loader import date_from_filename, iter_corpus
from korpus.readers.text import parse_article
from korpus.search import search

BODY = (
    "Die Stadtwerke von Birkenfeld haben am Montag ihre neuen Tarife vorgestellt, die "
    "ab dem Frühjahr für alle Haushalte gelten sollen und viele Familien entlasten."
)
TAIL = "Der Gemeinderat berät in der kommenden Woche erneut über die Vorlage der Verwaltung."


def page(*lines: str) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("19. Juni 2019", "2019-06-19"),
        ("3. Mai 2024, 17:47", "2024-05-03T17:47"),
        ("28. April 2023, 19:50 Uhr", "2023-04-28T19:50"),
        ("17.04.2024, 12:24Lesezeit: 5 Min.", "2024-04-17T12:24"),
        ("12.03.2024, 16:24 Uhr • Lesezeit: 5 Minuten", "2024-03-12T16:24"),
        ("Publiziert17. Dezember 2024", "2024-12-17"),
        ("Maria Holzner24.04.2024, 19:35 Uhr", "2024-04-24T19:35"),
        ("Beispiel-Redaktion 18.07.2024, 11.08 Uhr", "2024-07-18T11:08"),
        ("27.04.24", "2024-04-27"),
        ("30/04/2024", "2024-04-30"),
        ("Bremen, October 23, 2024, 3:48", "2024-10-23T03:48"),
        ("20:00, 29 Jan 2024", "2024-01-29"),
        ("Apr 04 2013", "2013-04-04"),
        ("Apr 042013", "2013-04-04"),
        ("October 31st, 2023", "2023-10-31"),
        ("2 Apr, 2016", "2016-04-02"),
        ("7. März 20247. März 2024 Redaktion", "2024-03-07"),
    ],
)
def test_one_parser_reads_every_form(text: str, iso: str) -> None:
    assert find_dates(text)[0][1].iso() == iso


@pytest.mark.parametrize("text", ["Version 2.1.20", "am 5.3. 1.000 Gäste", "Paragraf 12/3"])
def test_numbers_that_are_no_dates(text: str) -> None:
    assert [d.precision for _, d in find_dates(text) if d.precision == "day"] == []


@pytest.mark.parametrize(
    ("raw", "date", "line"),
    [
        # A date line under the byline and a row of share buttons.
        (
            page(
                "Neue Tarife für Birkenfeld",
                "Von Jonas Krämer",
                "Teilen",
                "09.09.2025, 14:55 Uhr",
                BODY,
            ),
            "2025-09-09T14:55",
            "09.09.2025, 14:55 Uhr",
        ),
        # Below the teaser: the header does not end at the first sentence.
        (
            page("Neue Tarife für Birkenfeld", BODY, "19. Juni 2019", TAIL),
            "2019-06-19",
            "19. Juni 2019",
        ),
        (
            page("Neue Tarife für Birkenfeld", "Ida Brenner, 26.04.2024 10:00 Uhr", BODY),
            "2024-04-26T10:00",
            "Ida Brenner, 26.04.2024 10:00 Uhr",
        ),
        (
            page(
                "Neue Tarife für Birkenfeld",
                "Kolumne von Ida Brenner - 28.04.2024 um 08:52 Uhr",
                BODY,
            ),
            "2024-04-28T08:52",
            "Kolumne von Ida Brenner - 28.04.2024 um 08:52 Uhr",
        ),
        (
            page("Neue Tarife für Birkenfeld", "28.4.2023 18:41 Uhr teilen", BODY),
            "2023-04-28T18:41",
            "28.4.2023 18:41 Uhr teilen",
        ),
        (
            page("Neue Tarife für Birkenfeld", "Aus: Ausgabe vom 26.04.2024, Seite 1", BODY),
            "2024-04-26",
            "Aus: Ausgabe vom 26.04.2024, Seite 1",
        ),
        (
            page("Neue Tarife für Birkenfeld", "Akt.: 03.02.2024, 09:10", BODY),
            "2024-02-03T09:10",
            "Akt.: 03.02.2024, 09:10",
        ),
        # A box with the date after the body.
        (
            page("Neue Tarife für Birkenfeld", BODY, TAIL, "Datum 28.04.2023"),
            "2023-04-28",
            "Datum 28.04.2023",
        ),
        # A dateline opening the lead paragraph.
        (
            page("Neue Tarife für Birkenfeld", "(18.01.2018) " + BODY),
            "2018-01-18",
            "(18.01.2018) " + BODY,
        ),
        # A publication label beats an update stamp above it.
        (
            page(
                "Neue Tarife für Birkenfeld",
                "Aktualisiert: 05.05.2024",
                "Erstellt: 02.05.2024",
                BODY,
            ),
            "2024-05-02",
            "Erstellt: 02.05.2024",
        ),
    ],
)
def test_date_lines(raw: str, date: str, line: str) -> None:
    article = parse_article(raw, "x.txt")
    assert (article.date, article.date_line) == (date, line)


@pytest.mark.parametrize(
    "raw",
    [
        page("Neue Tarife für Birkenfeld", "vor 3 Stunden", BODY),
        page("Neue Tarife für Birkenfeld", "Heute, 12:37 Uhr", BODY),
        page("Neue Tarife für Birkenfeld", "Stand: 20:03 Uhr", BODY),
        # Dates in the body are events.
        page(
            "Neue Tarife für Birkenfeld",
            BODY,
            "Ab dem 1. März 2024 gelten die neuen Preise für alle Kunden der Stadtwerke.",
        ),
        page(
            "Neue Tarife für Birkenfeld",
            "Am 31.10.2023, gegen 23:40 Uhr, brannte in der Nordstraße ein Schuppen nieder.",
            TAIL,
        ),
        # A recommended article's date, and a post embedded from elsewhere.
        page(
            "Neue Tarife für Birkenfeld",
            "Lesen Sie auch",
            "14/08/2021",
            "Ein älterer Bericht",
            BODY,
        ),
        page(
            "Neue Tarife für Birkenfeld",
            "Ein Beitrag von Lena (@lena_fotos) am Apr 21, 2019 um 4:47",
            BODY,
        ),
        # A headline that names a month is no date line.
        page("Die Angelmesse im Mai 2022", BODY),
    ],
)
def test_no_date_is_invented(raw: str) -> None:
    assert parse_article(raw, "x.txt").date is None


@pytest.mark.parametrize(
    ("raw", "title", "kicker"),
    [
        # A topic line of three words above the headline.
        (
            page(
                "Streit um die Tarife",
                "Stadtwerke erhöhen die Preise deutlich",
                "Stand: 28.10.2024 18:40 Uhr",
                BODY,
            ),
            "Stadtwerke erhöhen die Preise deutlich",
            "Streit um die Tarife",
        ),
        (
            page("Politik", "Stadtwerke erhöhen die Preise", BODY),
            "Stadtwerke erhöhen die Preise",
            "Politik",
        ),
        # A date line or a section label is never the title.
        (
            page("12.03.2024", "Stadtwerke erhöhen die Preise", BODY),
            "Stadtwerke erhöhen die Preise",
            None,
        ),
        (
            page("Wirtschaft • Region", "Stadtwerke erhöhen die Preise", BODY),
            "Stadtwerke erhöhen die Preise",
            "Wirtschaft • Region",
        ),
        # A first line ending in "." or ":" does not close the header.
        (
            page("Video: Die Pressekonferenz.", "Stadtwerke erhöhen die Preise", BODY),
            "Stadtwerke erhöhen die Preise",
            None,
        ),
        (
            page("Tarifstreit in Birkenfeld:", "Stadtwerke erhöhen die Preise", BODY),
            "Stadtwerke erhöhen die Preise",
            "Tarifstreit in Birkenfeld:",
        ),
        # A headline that starts with "Von" is no byline.
        (
            page("Von Quellen und Wasserrechten im Tal", BODY),
            "Von Quellen und Wasserrechten im Tal",
            None,
        ),
        (page("Von der Quelle bis zum Hahn", BODY), "Von der Quelle bis zum Hahn", None),
        # Two words make a headline.
        (page("Teure Energie", "Von Jonas Krämer", BODY), "Teure Energie", None),
        # A subheading is not taken for the headline.
        (
            page(
                "Wer die Tarife in Birkenfeld am Ende wirklich bezahlt",
                "Eine Rechnung mit vielen Unbekannten für die Stadt",
                BODY,
            ),
            "Wer die Tarife in Birkenfeld am Ende wirklich bezahlt",
            None,
        ),
    ],
)
def test_titles(raw: str, title: str, kicker: str | None) -> None:
    article = parse_article(raw, "x.txt")
    assert (article.title, article.kicker) == (title, kicker)


def test_byline_gives_authors_not_a_title() -> None:
    article = parse_article(
        page("Teure Energie", "Von Jonas Krämer und Ida Brenner", BODY), "x.txt"
    )
    assert article.authors == ["Jonas Krämer", "Ida Brenner"]
    assert "Jonas" not in article.text


@pytest.mark.parametrize(
    ("raw", "source"),
    [
        (page("Stadtwerke erhöhen die Preise", BODY, TAIL, "Quelle: F.A.Z."), "FAZ"),
        (page("Stadtwerke erhöhen die Preise", BODY, TAIL, "red, wien.ORF.at/Agenturen"), "ORF"),
        (
            page("Stadtwerke erhöhen die Preise", BODY, TAIL, "© Motorsport-Magazin"),
            "Motorsport-Magazin.com",
        ),
        (page("Stadtwerke erhöhen die Preise", "Redaktion Tagblatt", BODY), "St. Galler Tagblatt"),
        (
            page(
                "Stadtwerke erhöhen die Preise",
                BODY,
                "Jonas Krämer ist Redakteur beim Nordkurier in Neubrandenburg.",
                TAIL,
            ),
            "Nordkurier",
        ),
        (
            page("Stadtwerke erhöhen die Preise", "Von Jonas Krämer, Weser-Kurier", BODY),
            "Weser-Kurier",
        ),
    ],
)
def test_the_outlet_named_in_credits_bylines_and_notes(raw: str, source: str) -> None:
    article = parse_article(raw, "x.txt")
    assert article.source == source
    assert source not in article.cited


@pytest.mark.parametrize(
    "raw",
    [
        # Picture and video credits inside the text credit the picture.
        page("Stadtwerke erhöhen die Preise", BODY, "Foto: dpa", TAIL, TAIL, TAIL, TAIL),
        page("Stadtwerke erhöhen die Preise", BODY, "Quelle: AFP", TAIL, TAIL, TAIL, TAIL),
        page("Stadtwerke erhöhen die Preise", BODY, "© n-tv.de", TAIL, TAIL, TAIL, TAIL),
    ],
)
def test_picture_credits_are_not_the_source(raw: str) -> None:
    assert parse_article(raw, "x.txt").source is None


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("2024-10-28_tagesschau_nato.txt", "2024-10-28"),
        ("20241028-nato.txt", "2024-10-28"),
        ("bericht-2019-02-30.txt", None),
        ("ausgabe-123456789.txt", None),
        ("notiz.txt", None),
    ],
)
def test_dates_in_file_names(name: str, iso: str | None) -> None:
    found = date_from_filename(name)
    assert (found.iso() if found else None) == iso


def _layout(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "spiegel").mkdir(parents=True)
    (corpus / "spiegel" / "2024-10-28_tarife.txt").write_text(
        page("Stadtwerke erhöhen die Preise", BODY)
    )
    (corpus / "spiegel" / "datiert.txt").write_text(
        page("Stadtwerke erhöhen die Preise", "Stand: 03.05.2024", BODY, TAIL, "Quelle: taz")
    )
    return corpus


def test_file_layout_fills_only_what_the_text_leaves_open(tmp_path: Path) -> None:
    corpus = _layout(tmp_path)
    articles = {a.id: a for a in iter_corpus(corpus, source_from_folder=True) if hasattr(a, "id")}
    named = articles["spiegel/2024-10-28_tarife.txt"]
    assert (named.date, named.date_origin, named.source) == ("2024-10-28", "filename", "Spiegel")
    dated = articles["spiegel/datiert.txt"]
    assert (dated.date, dated.date_origin, dated.source) == ("2024-05-03", "timestamp", "taz")
    plain = {a.id: a for a in iter_corpus(corpus) if hasattr(a, "id")}
    assert plain["spiegel/2024-10-28_tarife.txt"].source is None


def test_the_index_remembers_sources_from_folders(tmp_path: Path) -> None:
    corpus, index_dir = _layout(tmp_path), tmp_path / "index"
    update_index(corpus, index_dir, source_from_folder=True)
    (corpus / "spiegel" / "neu.txt").write_text(page("Stadtwerke senken die Preise", BODY))
    report = update_index(corpus, index_dir)
    assert not report.rebuilt
    hits = search(index_dir, "senken").hits
    assert [h.source for h in hits] == ["Spiegel"]
    assert update_index(corpus, index_dir, source_from_folder=False).rebuilt


def test_parse_reports_the_date_line(tmp_path: Path) -> None:
    corpus = _layout(tmp_path)
    result = CliRunner().invoke(
        app, ["parse", str(corpus), "--format", "jsonl", "--source-from-folder"]
    )
    assert result.exit_code == 0, result.output
    assert '"date_line": "Stand: 03.05.2024"' in result.output
    assert '"date_origin": "filename"' in result.output


# --- the outlet the text names as its own ---------------------------------------

HEADLINE = "Stadtwerke erhöhen die Preise"


@pytest.mark.parametrize(
    ("raw", "source"),
    [
        # Copyright notes with a year, known outlets and unknown ones alike.
        (page(HEADLINE, BODY, TAIL, "© 2024 Spiegel"), "Spiegel"),
        (page(HEADLINE, BODY, TAIL, "© 2023 Zugspitzblog"), "Zugspitzblog"),
        (
            page(HEADLINE, BODY, TAIL, "Copyright 2022 Lindauer Seebote. Alle Rechte vorbehalten."),
            "Lindauer Seebote",
        ),
        (page(HEADLINE, BODY, TAIL, "(c) 2021-2024 Kleine Zeitung"), "Kleine Zeitung"),
        # The site's name in a header line, beside a date, a section or alone.
        (page("19.03.2024 08:15 tagesschau", HEADLINE, BODY, TAIL), "tagesschau"),
        (
            page("Beispielstadter Presse 1. März 2024 Polizei", HEADLINE, BODY, TAIL),
            "Beispielstadter Presse",
        ),
        (page("wetterau-kurier.de › Lokales", HEADLINE, BODY, TAIL), "wetterau-kurier.de"),
        (
            page(HEADLINE, "Ostholsteiner Zeitung / 4. Mai 2024", BODY, TAIL),
            "Ostholsteiner Zeitung",
        ),
        (page(HEADLINE, "Redaktion gartenwelt.de", BODY, TAIL), "gartenwelt.de"),
        (page(HEADLINE, BODY, TAIL, "Salzburger Nachrichten"), "Salzburger Nachrichten"),
        # The outlet opening the first paragraph.
        (page(HEADLINE, "Motorsport-Magazin.com - " + BODY, TAIL), "Motorsport-Magazin.com"),
        # The text's own earlier reports, inquiries and promotions.
        (page(HEADLINE, BODY + " (Nordlicht-Magazin berichtete.)", TAIL), "Nordlicht-Magazin"),
        (
            page(HEADLINE, BODY, "Der Stadtrat tagt erneut. Krautreporter berichtete.", TAIL),
            "Krautreporter",
        ),
        (page(HEADLINE, "Wie von lokalblick.de berichtet, " + BODY, TAIL), "lokalblick.de"),
        (
            page(HEADLINE, BODY, "Die Firma teilte auf Anfrage von Übermedien mit, dass.", TAIL),
            "Übermedien",
        ),
        (page(HEADLINE, BODY, TAIL, "Mehr von netzpolitik.org"), "netzpolitik.org"),
        (
            page(HEADLINE, BODY, TAIL, "Jetzt Fan der waldeck-bote.de auf Facebook werden!"),
            "waldeck-bote.de",
        ),
        # Told to the outlet, in its capitals.
        (
            page(
                HEADLINE, BODY, "Das sei gut, sagte der Bürgermeister dem KURIER am Montag.", TAIL
            ),
            "Kurier",
        ),
        (page(HEADLINE, BODY, "Der Händler sagte MDR SACHSEN, er sei froh.", TAIL), "MDR"),
        # Pictures an outlet credits to itself, twice.
        (
            page(
                HEADLINE,
                BODY,
                "Der neue Tarif. © Reiterrevue",
                TAIL,
                "Die alte Anlage. © Reiterrevue",
                TAIL,
            ),
            "Reiterrevue",
        ),
    ],
)
def test_the_outlet_that_names_itself(raw: str, source: str | None) -> None:
    article = parse_article(raw, "x.txt")
    assert article.source == source


@pytest.mark.parametrize(
    "sentence",
    [
        # Another outlet quoted or cited in the text is no source.
        "Das sei gut, sagte der Bürgermeister der „Bild“.",
        "Das sei gut, sagte der Bürgermeister dem Tagesspiegel.",
        "Das sei gut, sagte er gegenüber »Welt«.",
        "Nach Informationen von NDR, WDR und SZ gibt es Ermittlungen.",
        "Die Preise steigen, wie der SWR berichtet.",
        "Die Preise steigen, wie die Rheinische Post berichtete.",
        "Der Kanzler sprach in einem Spiegel-Interview darüber.",
        "Die Preise steigen (netzwerk-beispiel.org berichtete [5]).",
        "Das sei gut, sagte der Vorsitzende der CDU.",
        "Das sei gut, sagte er dem Magazin.",
    ],
)
def test_outlets_cited_in_the_text_are_not_the_source(sentence: str) -> None:
    article = parse_article(page(HEADLINE, BODY, sentence, TAIL), "x.txt")
    assert article.source is None


@pytest.mark.parametrize(
    "line",
    [
        # Header and footer lines that are no site names.
        "Bild vergrößern",
        "Fr, 18. Oktober 2019",
        "Österreich",
        "Top News",
        "Magazin",
        "Heute gilt der neue Tarif als Vorbild für viele andere Städte – doch die Kritik wächst",
        "Cyber-Attacken nehmen zu. – © Anna Beispiel – stock.example.com",
        "© Markus Beispiel",
    ],
)
def test_lines_that_name_no_outlet(line: str) -> None:
    assert parse_article(page(line, HEADLINE, BODY, TAIL), "x.txt").source is None


def test_cited_outlets_are_found_in_running_text() -> None:
    from korpus.sources import cited_sources

    text = (
        "Wie die Frankfurter Allgemeine Zeitung und der Tagesspiegel berichten, hat "
        "dpa/AFP gemeldet, BBC's Korrespondent und www.stern.de hätten es bestätigt; "
        "ein Anti-Spiegel-Leser und die dpa-Meldung zählen nicht (F.A.Z.)."
    )
    assert cited_sources(text) == ["FAZ", "Tagesspiegel", "dpa", "AFP", "BBC", "Stern"]
