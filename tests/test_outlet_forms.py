"""The forms in which news sites name themselves in the text a reader copies.

Every example is made up: invented headlines, bodies and people; the outlets are
real names from the outlet table, or invented ones where a rule accepts names no
table knows.
"""

from __future__ import annotations

import pytest

from korpus.readers.text import parse_article

HEADLINE = "Stadtwerke erhöhen die Preise für Strom und Gas"
BODY = (
    "Die Stadtwerke von Birkenfeld haben am Montag ihre neuen Tarife vorgestellt, die "
    "ab dem Frühjahr für alle Haushalte gelten sollen und viele Familien entlasten."
)
TAIL = "Der Gemeinderat berät in der kommenden Woche erneut über die Vorlage der Verwaltung."


def closing(*lines: str) -> str:
    """An article whose last lines are ``lines``."""
    return "\n\n".join([HEADLINE, BODY, TAIL, *lines])


def source_of(raw: str) -> str | None:
    return parse_article(raw, "x.txt").source


# (as the outlet prints its name, as korpus names it)
OUTLETS = [
    ("WELT", "Welt"),
    ("Berliner Morgenpost", "Berliner Morgenpost"),
    ("Neue Zürcher Zeitung", "NZZ"),
    ("heise online", "heise online"),
    ("Hamburger Abendblatt", "Hamburger Abendblatt"),
    ("Tagesspiegel", "Tagesspiegel"),
    ("Kleine Zeitung", "Kleine Zeitung"),
    ("Salzburger Nachrichten", "Salzburger Nachrichten"),
    ("Tages-Anzeiger", "Tages-Anzeiger"),
    ("Stuttgarter Zeitung", "Stuttgarter Zeitung"),
    ("DER STANDARD", "Der Standard"),
    ("WAZ", "WAZ"),
]

CREDIT_LINES = [
    "Mit Material von dpa und AFP. © {}",
    "Mit Material von Reuters. © {}",
    "© {} 2024 – Alle Rechte vorbehalten.",
    "© {} GmbH 2023. Alle Rechte vorbehalten.",
    "Copyright: {}",
    "Copyright © {} 2022",
    "({})",
    "({}/dpa)",
    "Quelle: dpa | © {}",
]


@pytest.mark.parametrize("printed,canonical", OUTLETS)
@pytest.mark.parametrize("form", CREDIT_LINES)
def test_closing_credit_lines(form: str, printed: str, canonical: str) -> None:
    assert source_of(closing(form.format(printed))) == canonical


@pytest.mark.parametrize(
    "line",
    [
        "© Lindauer Seebote 2024 – Alle Rechte vorbehalten.",
        "Copyright: Lindauer Seebote",
        "Copyright (c) 2021 Lindauer Seebote. Alle Rechte vorbehalten.",
    ],
)
def test_copyright_notes_of_outlets_no_table_knows(line: str) -> None:
    assert source_of(closing(line)) == "Lindauer Seebote"


@pytest.mark.parametrize(
    "line",
    [
        # A caption ending in a credit credits the picture, even at the end.
        "Der Bürgermeister am Montag im Rathaus. © WELT",
        "Foto: Anna Beispiel © Tagesspiegel",
        # Picture credits to people, brackets that hold no outlet.
        "© Anna Beispiel",
        "(Symbolbild)",
        "(Archivbild: Anna Beispiel)",
    ],
)
def test_closing_lines_that_credit_no_outlet(line: str) -> None:
    assert source_of(closing(line)) is None


@pytest.mark.parametrize("credit", ["Foto: dpa", "© n-tv.de", "Bild: Reuters", "© WELT"])
def test_credits_inside_the_text_are_the_pictures(credit: str) -> None:
    raw = "\n\n".join([HEADLINE, BODY, credit, TAIL, TAIL, TAIL, TAIL])
    assert source_of(raw) is None


@pytest.mark.parametrize(
    ("line", "source"),
    [
        # Forms that worked before and must keep working.
        ("Quelle: ntv.de, mli/dpa", "ntv"),
        ("Quelle: F.A.Z.", "FAZ"),
        ("RND/dpa", "RND"),
        ("© ZEIT ONLINE", "Zeit"),
        ("Quelle: tagesschau.de", "tagesschau"),
        ("© SZ/dpa", "Süddeutsche Zeitung"),
        ("© 2024 Kleine Zeitung", "Kleine Zeitung"),
        ("(APA/red)", "APA"),
        ("red, ORF.at/Agenturen", "ORF"),
        ("Copyright © 2024 Tiroler Tageszeitung", "Tiroler Tageszeitung"),
        ("Autor: Max Muster, WAZ", "WAZ"),
        ("© Der Standard", "Der Standard"),
        ("Mit Material von dpa.", "dpa"),
    ],
)
def test_credit_lines_that_worked_before(line: str, source: str) -> None:
    assert source_of(closing(line)) == source
