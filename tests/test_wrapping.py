"""Texts broken into lines at a fixed width read as the same article as unbroken ones."""

from __future__ import annotations

import textwrap

import pytest

from korpus.readers.text import parse_article
from korpus.readers.wrapping import unwrap, wrap_width

# Invented articles as a browser copy gives them: one line per block.
ARTICLES = [
    (
        "Stadtrat beschließt nach langer Debatte die Sanierung der alten Rheinbrücke",
        "Von Anna Beispiel und Ben Muster",
        "12.03.2024, 14:55 Uhr",
        "Quelle: ntv.de, abc/dpa",
        "ntv",
        "2024-03-12",
    ),
    (
        "Warum die Schulen im Landkreis auch im kommenden Winter zu wenig Lehrkräfte haben",
        "Von Carla Probe",
        "3. Mai 2023",
        "© Neue Musterzeitung 2023 – Alle Rechte vorbehalten.",
        "Neue Musterzeitung",
        "2023-05-03",
    ),
    (
        "Hochwasser an der Elbe: Pegel steigen weiter, Behörden warnen vor Dammbrüchen",
        "Von Dieter Fiktiv",
        "Veröffentlicht am 28. April 2022 um 08:52 Uhr",
        "(Merkur.de/dpa)",
        "Merkur",
        "2022-04-28",
    ),
]
BODY = [
    "Die Entscheidung fiel am späten Abend mit knapper Mehrheit. Nach Angaben der "
    "Verwaltung sollen die Arbeiten im kommenden Frühjahr beginnen und rund zwei Jahre "
    "dauern, wobei der Verkehr in dieser Zeit über eine Behelfsbrücke geführt werden soll.",
    "Kritiker hatten zuvor vor steigenden Kosten gewarnt. Die ursprüngliche Schätzung von "
    "zwölf Millionen Euro gilt inzwischen als überholt, weil Baustoffe und Löhne teurer "
    "geworden sind und die Planung mehrfach geändert werden musste.",
    "Der Bürgermeister zeigte sich dennoch zufrieden. Man habe lange auf die Mittel des "
    "Landes gewartet, nun sei die Finanzierung gesichert, sagte er nach der Sitzung vor "
    "Journalisten im Foyer des Rathauses.",
    "Die Opposition kündigte an, die Ausschreibung genau zu verfolgen. Sie fordert "
    "regelmäßige Berichte an den Rat und eine unabhängige Prüfung der Kosten durch einen "
    "Sachverständigen, bevor weitere Aufträge vergeben werden.",
]
WIDTHS = [48, 60, 72, 79, 80, 100, 132]


def _article(title: str, byline: str, stamp: str, credit: str) -> list[str]:
    return [title, byline, stamp, *BODY, credit]


def _blocks(blocks: list[str], width: int | None, blank: bool) -> str:
    lines = [textwrap.fill(b, width) if width else b for b in blocks]
    return ("\n\n" if blank else "\n").join(lines) + "\n"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("blank", [True, False], ids=["blank-lines", "no-blank-lines"])
@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a[5])
def test_wrapped_copy_reads_as_unwrapped(article: tuple[str, ...], width: int, blank: bool) -> None:
    title, byline, stamp, credit, source, date = article
    blocks = _article(title, byline, stamp, credit)
    plain = parse_article(_blocks(blocks, None, True), "a")
    wrapped = parse_article(_blocks(blocks, width, blank), "a")
    assert plain.title == title
    assert plain.date is not None and plain.date[:10] == date
    assert plain.source == source
    assert wrapped.title == plain.title
    assert wrapped.date == plain.date
    assert wrapped.source == plain.source
    assert wrapped.text.split() == plain.text.split()
    if blank:
        assert wrapped.text == plain.text


@pytest.mark.parametrize("width", WIDTHS)
def test_wrap_width_is_found(width: int) -> None:
    text = _blocks(BODY, width, True)
    found = wrap_width(text.split("\n"))
    assert found is not None and width - 12 <= found <= width


@pytest.mark.parametrize(
    "lines",
    [
        # A browser copy: one line per paragraph.
        [*BODY, "Von Anna Beispiel", "12.03.2024"],
        # A poem, an address, a list of short items: short lines meant as lines.
        [
            "Der Nebel steigt, es fällt das Laub,",
            "schenk ein den Wein, den holden!",
            "Wir wollen uns den grauen Tag",
            "vergolden, ja vergolden!",
        ],
        ["Beispielstadt GmbH", "Musterweg 12", "12345 Beispielstadt", "Telefon 0123 456789"],
        [
            "Weitere Themen im Überblick:",
            "• Ostsee: Der Strand bleibt gesperrt",
            "• Verkehr: Neue Buslinie ab Montag",
            "• Sport: Der Verein steigt auf",
            "• Kultur: Museum verlängert Ausstellung",
        ],
        # Paragraph lines of any length, a few of them near some width by chance.
        [
            "Kurzer Satz hier am Anfang der Seite mit etwas Text dazu und mehr.",
            "Noch ein Satz, der auf derselben Länge endet wie der erste, ganz zufällig.",
            "Ein langer Absatz " * 20,
            "Und wieder ein Satz, der ebenfalls ungefähr so lang ist wie die beiden.",
            "Ein weiterer langer Absatz " * 15,
        ],
    ],
    ids=["browser-copy", "poem", "address", "bullets", "paragraphs"],
)
def test_lines_that_are_not_wrapped_stay(lines: list[str]) -> None:
    assert unwrap(lines) == lines


def test_list_items_start_anew_in_wrapped_text() -> None:
    body = _blocks(BODY, 72, True).split("\n")
    items = [
        "• Ein Punkt der Liste, der lang genug ist, um fast die ganze Breite zu füllen,",
        "• und der nächste Punkt",
    ]
    lines = unwrap([*body, *items])
    assert lines[-2:] == items


def test_a_headline_over_two_lines_is_one_title() -> None:
    title = (
        "Nach dem Sturm: Wie die Gemeinden an der Küste ihre Deiche für den nächsten "
        "Winter sichern wollen"
    )
    article = parse_article(_blocks([title, "Von Anna Beispiel", *BODY], 60, True), "a")
    assert article.title == title


@pytest.mark.parametrize(
    ("line", "date"),
    [
        (
            "Ein Gespräch über die Lage im Verein und die Pläne. "
            "07. November 2023 - 10:38 Uhr | Anna Beispiel",
            "2023-11-07",
        ),
        ("Die Stadt und ihre Brücke : Datum: 26.01.2022 Pressemitteilung: 6/2022", "2022-01-26"),
        (
            "Die Saison beginnt, und die Fahrer stehen bereit. 02.02.2022, 11:30 Uhr von "
            "Ben Muster",
            "2022-02-02",
        ),
        ("Worum es geht und was nun folgt. | Veröffentlicht am 5. Mai 2021", "2021-05-05"),
    ],
)
def test_a_stamp_glued_to_the_teaser_dates_the_article(line: str, date: str) -> None:
    raw = "\n\n".join(["Eine Überschrift für den Test", line, *BODY])
    article = parse_article(raw, "a")
    assert article.date is not None
    assert article.date[:10] == date
    assert article.date_origin == "timestamp"


@pytest.mark.parametrize(
    "line",
    [
        # Events: a time followed by what happens then, a date in a sentence.
        "Die Sitzung ist vorbei. 3. Mai 2024 um 14:00 Uhr beginnt die nächste Runde.",
        "Die Lage ist ernst – zuletzt am 23.12.2016, als der Rat tagte, wurde gestritten.",
        "Das Gesetz gilt seit langem. Am 1. Januar 2020 trat die letzte Änderung in Kraft.",
        "Er kam 1998 in die Stadt. 12. März 2019 war sein letzter Arbeitstag im Rathaus.",
    ],
)
def test_dates_in_sentences_are_not_stamps(line: str) -> None:
    raw = "\n\n".join(["Eine Überschrift für den Test", line, *BODY])
    assert parse_article(raw, "a").date is None


def test_a_glued_stamp_keeps_its_paragraph_in_the_text() -> None:
    lead = "Ein Gespräch über die Lage im Verein und die Pläne für die nächste Saison."
    raw = "\n\n".join(
        ["Eine Überschrift für den Test", f"{lead} 07. November 2023 - 10:38 Uhr", *BODY]
    )
    article = parse_article(raw, "a")
    assert article.date == "2023-11-07T10:38"
    assert article.date_line == "07. November 2023 - 10:38 Uhr"
    assert lead in article.text


HEADLINE = "Die Stadt saniert ihre Brücke für zwölf Millionen Euro"


@pytest.mark.parametrize(
    "header",
    [
        [f"Startseite > Politik > Region > {HEADLINE}"],
        [f"Startseite>Politik>{HEADLINE}"],
        [f"beispiel.de » News » {HEADLINE}"],
        [f"Home / Lokales / Beispielstadt / {HEADLINE}"],
        [f"Sie sind hier: Startseite / {HEADLINE}"],
        [f"Homepage » Wirtschaft » {HEADLINE}"],
        ["1. Startseite", "2. Politik", f"3. {HEADLINE}"],
        [f"[INS::INS] {HEADLINE}"],
        [f"[titelbild_2024_03]{HEADLINE}"],
        [f"[aufmacher] {HEADLINE}"],
    ],
)
def test_what_a_dump_puts_around_the_headline_is_not_part_of_it(header: list[str]) -> None:
    raw = "\n\n".join([*header, "Von Anna Beispiel", *BODY])
    assert parse_article(raw, "a").title == HEADLINE


@pytest.mark.parametrize(
    "title",
    [
        "3. Liga: Der Aufsteiger gewinnt auch sein zweites Spiel",
        "1. FC Beispielstadt trennt sich von seinem Trainer",
        "Start-up aus Beispielstadt sammelt zehn Millionen Euro ein",
        "Home-Office / Homeoffice: Was Beschäftigte jetzt wissen müssen",
        "Zwischen Angst und Hoffnung: 24/7 im Einsatz für die Kranken",
        "[Video] Tausende demonstrieren vor dem Landtag für mehr Klimaschutz",
        "[Dossier] Was vom Sommer der Proteste geblieben ist",
    ],
)
def test_headlines_that_only_look_like_a_dump_stay_whole(title: str) -> None:
    raw = "\n\n".join([title, "Von Anna Beispiel", *BODY])
    assert parse_article(raw, "a").title == title
