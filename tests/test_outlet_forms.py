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
        # Quoted outlets are the ones a text cites.
        "Quelle: „Rheinische Post“",
        'Quellen: "Der Spiegel", "Süddeutsche Zeitung"',
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


def opening(*lines: str) -> str:
    """An article whose first lines are ``lines``, then headline and body."""
    return "\n\n".join([*lines, HEADLINE, BODY, TAIL])


FIRST_PUBLISHED = [
    "Dieser Artikel erschien zuerst im {dat}.",
    "Dieser Artikel erschien zuerst bei {dat}.",
    "Der Text erschien in der Wochenend-Ausgabe {gen}.",
    "Dieser Beitrag ist zuerst {dat} erschienen.",
    "*Dieser Kommentar wurde zuerst {dat} veröffentlicht.",
    "Das Interview stammt aus {dat}.",
]
# (printed in the dative, in the genitive, as korpus names it)
DECLINED = [
    ("im Hamburger Abendblatt", "des Hamburger Abendblatts", "Hamburger Abendblatt"),
    ("in der Stuttgarter Zeitung", "der Stuttgarter Zeitung", "Stuttgarter Zeitung"),
    ("in der Süddeutschen Zeitung", "der Süddeutschen Zeitung", "Süddeutsche Zeitung"),
    ("in der F.A.Z.", "der F.A.Z.", "FAZ"),
    ("im Tagesspiegel", "des Tagesspiegels", "Tagesspiegel"),
    ("in der Kleinen Zeitung", "der Kleinen Zeitung", "Kleine Zeitung"),
    ("in der Neuen Zürcher Zeitung", "der Neuen Zürcher Zeitung", "NZZ"),
]


@pytest.mark.parametrize("dat,gen,canonical", DECLINED)
@pytest.mark.parametrize("form", FIRST_PUBLISHED)
def test_where_the_text_first_appeared(form: str, dat: str, gen: str, canonical: str) -> None:
    # "im Hamburger Abendblatt" / "bei Hamburger Abendblatt": the form brings its
    # own preposition where the outlet's dative has none.
    line = form.format(dat=dat.split(" ", 1)[1] if "bei" in form else dat, gen=gen)
    assert source_of(closing(line)) == canonical


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Aus der ZEIT Nr. 17/2024", "Zeit"),
        ("Erschienen in: Kölner Stadt-Anzeiger", "Kölner Stadt-Anzeiger"),
        ("Dieser Beitrag erschien zuerst auf beispiel-blog.de.", "beispiel-blog.de"),
        # The kind of site is no name; the name after it is.
        ("Dieser Text erschien im Politik-Journal des Tagesspiegels.", "Tagesspiegel"),
    ],
)
def test_first_published_notes_name_the_outlet(line: str, source: str) -> None:
    assert source_of(closing(line)) == source


@pytest.mark.parametrize(
    "sentence",
    [
        # A text another outlet published, in running text, far from the edges.
        "Der offene Brief erschien zuerst in der Süddeutschen Zeitung und sorgte für Streit.",
        "Dieser Beitrag erschien zuerst auf dem Jugendblog „Beispiel“.",
    ],
)
def test_first_published_needs_the_name(sentence: str) -> None:
    raw = "\n\n".join([HEADLINE, BODY, BODY, sentence, BODY, BODY, BODY, BODY, BODY, TAIL])
    assert source_of(raw) is None


@pytest.mark.parametrize(
    ("line", "source"),
    [
        (
            "Über dieses Thema berichtete die tagesschau am 28. Oktober 2024 um 20:00 Uhr.",
            "tagesschau",
        ),
        (
            "Über dieses Thema berichtete NDR Info am 28. Oktober 2024 um 08:00 Uhr und die "
            "tagesthemen um 22:15 Uhr.",
            "tagesschau",
        ),
        ("Dieses Thema im Programm: NDR Info | Aktuell | 12.10.2024 | 08:00 Uhr", "NDR"),
        ("Über dieses Thema berichtete MDR AKTUELL im Radio: 12.10.2024 | 08:00 Uhr", "MDR"),
        (
            "Diese Nachricht wurde am 12.10.2024 im Programm Deutschlandfunk gesendet.",
            "Deutschlandfunk",
        ),
        ("Sendung: hr-iNFO, 12.10.2024, 08:00 Uhr", "hessenschau"),
        ("Sendung: SWR Aktuell Baden-Württemberg, 12.10.2024, 19:30 Uhr", "SWR"),
        ("Sendung: rbb24 Abendschau, 12.10.2024, 19:30 Uhr", "rbb"),
    ],
)
def test_programme_notes(line: str, source: str) -> None:
    assert source_of(closing(line)) == source


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Mehr Nachrichten aus Bayern lesen Sie hier auf BR24.", "BR"),
        ("Mehr dazu auf tagesschau.de", "tagesschau"),
        ("Mehr News gibt es bei uns auf t-online.de", "t-online"),
        ("Weitere Nachrichten aus Wien finden Sie bei ORF.at.", "ORF"),
        ("Mehr dazu auf beispiel-kurier.de", "beispiel-kurier.de"),
        ("Alle Nachrichten aus der Region lesen Sie bei uns auf www.beispiel.at", "beispiel.at"),
        (
            "Den ganzen Text lesen Sie in der aktuellen Ausgabe des Tagesspiegels.",
            "Tagesspiegel",
        ),
        ("Lesen Sie mehr zum Thema auf SPIEGEL.de", "Spiegel"),
        ("Abonnieren Sie hier den BR24-Newsletter.", "BR"),
        ("Website: www.mtb-news.de", "MTB-News.de"),
        ("Website: www.beispiel-news.de", "beispiel-news.de"),
    ],
)
def test_closing_promotions_and_addresses(line: str, source: str) -> None:
    assert source_of(closing(line)) == source


@pytest.mark.parametrize(
    "line",
    [
        # Somebody else's site: an address with www., a site that is no news site.
        "Mehr Infos unter www.stadtfest-birkenfeld.de",
        "Website: www.stadtfest-birkenfeld.de",
        "Mehr Informationen gibt es auf der Website der Stadtwerke.",
        "Den täglichen Newsletter von Anna Beispiel hier abonnieren.",
        "Lesen Sie auch: Warum die Bahn bei der Sanierung scheitert",
    ],
)
def test_addresses_of_others(line: str) -> None:
    assert source_of(closing(line)) is None


STAFF = [
    ("SPIEGEL", "Spiegel"),
    ("WELT", "Welt"),
    ("FOCUS-online", "Focus"),
    ("taz", "taz"),
    ("t-online", "t-online"),
    ("Tagesspiegel", "Tagesspiegel"),
    ("ZDF", "ZDF"),
    ("NZZ", "NZZ"),
    ("KURIER", "Kurier"),
]


@pytest.mark.parametrize("printed,canonical", STAFF)
@pytest.mark.parametrize(
    "form",
    [
        "Von {}-Redakteurin Anna Beispiel",
        "{}-Korrespondent Max Muster",
        "Ein Kommentar von {}-Chefreporter Max Muster",
    ],
)
def test_bylines_of_the_outlets_staff(form: str, printed: str, canonical: str) -> None:
    assert source_of(opening(form.format(printed))) == canonical


@pytest.mark.parametrize("printed,canonical", STAFF)
@pytest.mark.parametrize(
    "form",
    [
        "Das Interview führte der {}-Redakteur Jonas Krämer.",
        "Die Fragen stellte {}-Reporterin Ida Brenner.",
    ],
)
def test_interview_notes(form: str, printed: str, canonical: str) -> None:
    assert source_of(closing(form.format(printed))) == canonical


@pytest.mark.parametrize(
    ("lead", "source"),
    [
        (
            "Der Trainer spricht im AZ-Interview über die Chancen des Vereins.",
            "Abendzeitung München",
        ),
        ("Im SPIEGEL-Interview erklärt die Ministerin, wie es weitergeht.", "Spiegel"),
        (
            "Im Interview mit dem Tagesspiegel spricht die Ministerin über die Pläne.",
            "Tagesspiegel",
        ),
        ("Die OÖN sprachen mit dem Leiter der Klinik.", "OÖNachrichten"),
    ],
)
def test_interviews_the_lead_announces(lead: str, source: str) -> None:
    assert source_of("\n\n".join([HEADLINE, lead, BODY, TAIL])) == source


@pytest.mark.parametrize(
    "lead",
    [
        # Interviews given elsewhere, and the outlet's staff in running text.
        "Der Minister sagte im ZDF-Interview, er sei zufrieden.",
        "Im ZDF-Interview am Sonntag sagt er, er sei zufrieden.",
        "„Wir bleiben“, sagt sie im Gespräch mit der „Frankfurter Rundschau“.",
        "Das sei gut, sagte ein ZDF-Reporter vor Ort.",
        "Der Kanzler sprach in einem Spiegel-Interview darüber.",
        "Das sei gut, sagte der Vorsitzende der Bild-Zeitung.",
        "RTL-Reporter testet die neue Bahn",
    ],
)
def test_interviews_and_staff_of_others(lead: str) -> None:
    assert source_of("\n\n".join([HEADLINE, lead, BODY, TAIL])) is None


def test_questions_labelled_with_the_outlet() -> None:
    raw = closing(
        "SPIEGEL: Frau Beispiel, wie geht es weiter?",
        "Beispiel: Wir bauen im Frühjahr.",
        "SPIEGEL: Und wenn das Geld fehlt?",
        "Beispiel: Dann warten wir.",
    )
    assert source_of(raw) == "Spiegel"


@pytest.mark.parametrize(
    "lines",
    [
        # Initials of an interviewer, headlines of other outlets' pieces.
        ("RP: Wie geht es weiter?", "Beispiel: Gut.", "RP: Und dann?"),
        ("ARD: Streit um die Gebühren", "ZDF: Neue Sendung am Abend"),
    ],
)
def test_labels_that_are_no_interview_turns(lines: tuple[str, ...]) -> None:
    assert source_of(closing(*lines)) is None


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("SPIEGEL+", "Spiegel"),
        ("WELTplus", "Welt"),
        ("BILDplus", "Bild"),
        ("Z+", "Zeit"),
    ],
)
def test_brand_lines_over_the_headline(line: str, source: str) -> None:
    assert source_of(opening(line)) == source


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("von Birkenfelder-Team", "Birkenfelder"),
        ("Pressestelle Bundespolizei", "Bundespolizei"),
        ("Beispielstadt Pressestelle", "Beispielstadt"),
        (
            "Landesamt für Beispielwesen und Musterfragen Pressestelle",
            "Landesamt für Beispielwesen und Musterfragen",
        ),
        ("Veröffentlicht am 8. Februar 2022 von Tierhilfe-Team", "Tierhilfe"),
        ("Veröffentlicht am 08.02.2022 um 10:00 Uhr von Birkenfelder-Team", "Birkenfelder"),
        ("Erstellt am 3. Mai 2021, von Beispiel-Team", "Beispiel"),
    ],
)
def test_desk_and_press_office_lines(line: str, source: str) -> None:
    assert source_of(closing(line)) == source


@pytest.mark.parametrize(
    "line",
    [
        "Veröffentlicht am 8. Februar 2022 von Anna Beispiel",
        "Die Pressestelle",
        "Das teilte die Pressestelle der Stadt am Montag auf Nachfrage mit",
        "Veröffentlicht am 8. Februar 2022 von Anna Beispiel und ihrem Team",
    ],
)
def test_lines_that_name_no_desk(line: str) -> None:
    assert source_of(closing(line)) is None


@pytest.mark.parametrize(
    ("note", "source"),
    [
        ("Anna Beispiel ist Korrespondentin der F.A.Z. in Brüssel.", "FAZ"),
        ("Max Muster ist Redakteur im Ressort Politik des SPIEGEL.", "Spiegel"),
        ("Ida Brenner ist Redakteurin bei der Berliner Morgenpost.", "Berliner Morgenpost"),
        ("Jonas Krämer, Jahrgang 1985, ist Reporter beim Tagesspiegel.", "Tagesspiegel"),
        ("Redakteurin bei der Stuttgarter Zeitung.", "Stuttgarter Zeitung"),
        (
            "Er testet seit Jahren Telefone. Seit 2020 schreibt er für netzpolitik.org.",
            "netzpolitik.org",
        ),
    ],
)
def test_author_notes(note: str, source: str) -> None:
    assert source_of(closing(note)) == source


@pytest.mark.parametrize(
    "sentence",
    [
        # People the text is about, and outlets it quotes.
        "Das sei gut, sagte ein Reporter von CNN vor Ort.",
        "Ihr Mann arbeitet seit Jahren beim NDR in Hamburg.",
        "Lindner, früher Chefredakteur bei der Rhein-Zeitung, widersprach.",
        "Dazu schreibt der Tagesspiegel, die Lage sei ernst.",
        "Max Muster war zuletzt Chefredakteur des Spiegels und lehrt heute in Hamburg.",
    ],
)
def test_notes_about_other_people(sentence: str) -> None:
    raw = "\n\n".join([HEADLINE, BODY, sentence, TAIL])
    assert source_of(raw) is None


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        # Names and addresses the outlet table gained, as a closing credit.
        ("SPIEGEL ONLINE", "Spiegel"),
        ("WELT TV", "Welt"),
        ("SZ.de", "Süddeutsche Zeitung"),
        ("Das Erste", "ARD"),
        ("tagesschau24", "tagesschau"),
        ("Deutschlandradio", "Deutschlandfunk"),
        ("Inforadio", "rbb"),
        ("Radio SRF", "SRF"),
        ("GameStar", "GameStar"),
        ("winfuture.de", "WinFuture"),
        ("ComputerBase", "ComputerBase"),
        ("Börsen-Zeitung", "Börsen-Zeitung"),
        ("Sky Sport", "Sky Sport"),
        ("laola1.at", "LAOLA1"),
        ("Kölnische Rundschau", "Kölnische Rundschau"),
        ("Die Rheinpfalz", "Die Rheinpfalz"),
        ("Dresdner Neueste Nachrichten", "DNN"),
        ("VOL.AT", "Vorarlberg Online"),
        ("Nau.ch", "Nau.ch"),
        ("BaZ", "Basler Zeitung"),
    ],
)
def test_outlets_the_table_knows(printed: str, canonical: str) -> None:
    assert source_of(closing(f"© {printed}")) == canonical
    assert source_of(closing(f"Quelle: {printed}")) == canonical


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Handelsblatt Premium", "Handelsblatt"),
        ("Tagesspiegel Plus", "Tagesspiegel"),
    ],
)
def test_more_brand_lines(line: str, source: str) -> None:
    assert source_of(opening(line)) == source


def test_written_for_an_edition() -> None:
    assert source_of(closing("Dieser Artikel wurde für WELT AM SONNTAG verfasst.")) == "Welt"


@pytest.mark.parametrize(
    ("lines", "source"),
    [
        (("(„Die Presse“, Print-Ausgabe, 28.04.2024)",), "Die Presse"),
        (("Quelle: F.A.Z.-Redaktion",), "FAZ"),
        (("*merkur.de ist ein Angebot von IPPEN.MEDIA.",), "Merkur"),
        (("© Abendblatt 2024",), "Hamburger Abendblatt"),
        (("Unsere Quellen: Nachrichtenagentur dpa, WDR-Reporterin vor Ort",), "WDR"),
        (
            ("Über dieses Thema berichten wir im WDR Fernsehen: Lokalzeit, 12.10.2024.",),
            "WDR",
        ),
    ],
)
def test_closing_notes_of_regional_and_austrian_sites(lines: tuple[str, ...], source: str) -> None:
    assert source_of(closing(*lines)) == source
    # The same lines closing a long text.
    long = "\n\n".join([HEADLINE, *[BODY] * 30, TAIL, *lines])
    assert source_of(long) == source
