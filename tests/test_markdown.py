"""Articles saved as Markdown read as the text a reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from korpus.readers.markdown import is_markdown, markdown_lines
from korpus.readers.text import parse_article

TITLE = "Stadtrat beschließt die Sanierung der alten Rheinbrücke"
BODY = [
    "Die Entscheidung fiel am späten Abend mit knapper Mehrheit. Nach Angaben der "
    "Verwaltung sollen die Arbeiten im kommenden Frühjahr beginnen.",
    "Kritiker hatten zuvor vor steigenden Kosten gewarnt. Die ursprüngliche Schätzung "
    "gilt inzwischen als überholt, weil Baustoffe teurer geworden sind.",
    "Der Bürgermeister zeigte sich dennoch zufrieden. Man habe lange auf die Mittel des "
    "Landes gewartet, sagte er nach der Sitzung.",
]
PLAIN = "\n\n".join([TITLE, "Von Anna Beispiel", "12.03.2024, 14:55 Uhr", *BODY])

# The same invented article as different tools save it.
SAVED = {
    "clipper": (
        f"# {TITLE}\n\n**Von [Anna Beispiel](https://beispiel.de/autoren/anna)**\n\n"
        "12.03.2024, 14:55 Uhr\n\n"
        "![Die Brücke im Winter](https://beispiel.de/bilder/bruecke.jpg)\n\n"
        + "\n\n".join(
            [
                BODY[0].replace("Verwaltung", "[Verwaltung](https://beispiel.de/verwaltung)"),
                BODY[1].replace("Kritiker", "*Kritiker*"),
                BODY[2].replace("zufrieden", "**zufrieden**"),
            ]
        )
    ),
    "converter": (
        f"## {TITLE} ##\n\nVon Anna Beispiel\n\n12\\.03\\.2024, 14:55 Uhr\n\n"
        + "\n\n".join(BODY)
        + "\n\n* * *\n"
    ),
    "setext-free, escaped date": (
        f"# {TITLE}\n\nVon _Anna Beispiel_\n\n12\\. März 2024, 14:55 Uhr\n\n"
        '[![](https://beispiel.de/a.jpg)](https://beispiel.de/a-gross.jpg "Ein Bild")\n\n'
        + "\n\n".join(BODY)
    ),
    "quoted": (
        f"# {TITLE}\n\nVon Anna Beispiel\n\n12.03.2024, 14:55 Uhr\n\n"
        + "\n\n".join(f"> {p}" for p in BODY)
    ),
}


@pytest.mark.parametrize("name", sorted(SAVED))
@pytest.mark.parametrize("path", ["x.md", "x.markdown", "x.txt"])
def test_markdown_reads_as_the_plain_copy(name: str, path: str) -> None:
    plain = parse_article(PLAIN, "a")
    saved = parse_article(SAVED[name], "a", path)
    assert plain.title == TITLE
    assert (saved.title, saved.date, saved.authors) == (plain.title, plain.date, plain.authors)
    assert saved.text.split() == plain.text.split()


def test_front_matter_of_a_web_clipper() -> None:
    raw = (
        "---\n"
        f'title: "{TITLE}"\n'
        'source: "https://www.taz.de/Stadtrat/!1234/"\n'
        "published: 2024-03-12\n"
        "created: 2024-05-01\n"
        "tags:\n"
        '  - "clippings"\n'
        "---\n" + SAVED["clipper"]
    )
    article = parse_article(raw, "a", "x.md")
    assert article.title == TITLE
    assert article.date == "2024-03-12"
    assert article.date_origin == "front-matter"
    assert article.url == "https://www.taz.de/Stadtrat/!1234/"
    assert article.source == "taz"


@pytest.mark.parametrize(
    "text",
    [
        # Plain copies with a mark or two that Markdown also uses.
        "Die Studie [1] zeigt 3 * 4 = 12 Fälle.\n\nSiehe Anhang (S. 3).",
        "# 1 der Charts\n\nDas Lied ist *das* Lied des Sommers.",
        "Preis: 5 * 3 Euro und 2_000 Stück.\n\nDie Datei heißt bericht_2024_final.pdf.",
        "**Eilmeldung**\n\nDer Zug fällt aus.",
    ],
)
def test_plain_text_with_one_kind_of_mark_is_not_markdown(text: str) -> None:
    assert not is_markdown(text, "x.txt")
    assert parse_article(text, "a", "x.txt").text == parse_article(text, "a").text


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("[Wort](https://beispiel.de/a_(b))", "Wort"),
        ('Ein [Link](/pfad "Titel") und noch [einer](#anker).', "Ein Link und noch einer."),
        ("Bild: ![Alt](a.png) bleibt weg", "Bild:  bleibt weg"),
        ("Wörter mit snake_case_namen bleiben", "Wörter mit snake_case_namen bleiben"),
        ("***Fett und kursiv***", "Fett und kursiv"),
        ("Am 3\\. Mai um 10\\:00", "Am 3. Mai um 10\\:00"),
        ("Siehe <https://beispiel.de/x>", "Siehe https://beispiel.de/x"),
        ("[Text][1] im Verweis", "Text im Verweis"),
        ("[1]: https://beispiel.de/quelle", ""),
        ("```", ""),
        ("- - -", ""),
        ("### Zwischentitel", "Zwischentitel"),
    ],
)
def test_markdown_lines(line: str, shown: str) -> None:
    assert markdown_lines([line]) == [shown]


def test_a_markdown_file_in_a_corpus(tmp_path: Path) -> None:
    from korpus.article import Article
    from korpus.readers import read_articles

    path = tmp_path / "bruecke.md"
    path.write_text(SAVED["clipper"], encoding="utf-8")
    [article] = read_articles(path.read_bytes(), "bruecke", str(path))
    assert isinstance(article, Article)
    assert article.title == TITLE
    assert "https://" not in article.text
