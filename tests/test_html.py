"""Saved web pages: text, title, date, source and encoding from pages written here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.article import Article
from korpus.cli import app
from korpus.index import update_index
from korpus.readers import format_for
from korpus.readers.html import decode_html, german_time, metadata_date, read_html
from korpus.search import Filters, search

RUNNER = CliRunner()

BODY = (
    "<p>Die Gemeinde Oberstdorf hat am Dienstag beschlossen, die Loipen im Tal bis Ende "
    "März offen zu halten. Der Gemeinderat stimmte mit großer Mehrheit dafür.</p>"
    "<p>Die Kosten für das Präparieren der Strecken trägt zum größten Teil der Tourismusverband. "
    "Die Bürgermeisterin sprach von einer wichtigen Entscheidung für den Winter.</p>"
    "<p>Langläufer aus der ganzen Region hatten sich für die Verlängerung eingesetzt. Eine "
    "Unterschriftenliste mit mehr als zweitausend Namen war im Rathaus abgegeben worden.</p>"
)


def page(
    head: str = "",
    header: str = "",
    title: str = "Loipen in Oberstdorf bleiben offen",
    charset: str = "utf-8",
) -> str:
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="{charset}">{head}</head><body>'
        '<nav><ul><li><a href="/">Start</a></li><li><a href="/sport">Sport</a></li></ul></nav>'
        f"<main><article><h1>{title}</h1>{header}{BODY}</article></main>"
        "<footer><p>Impressum · Datenschutz</p></footer></body></html>"
    )


def _read(html: str | bytes, name: str = "seite.html") -> Article:
    data = html.encode("utf-8") if isinstance(html, str) else html
    [article] = read_html(data, name, name, None)
    return article


JSON_LD = json.dumps(
    {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Loipen in Oberstdorf bleiben offen",
        "datePublished": "2023-01-17T09:30:00+01:00",
        "dateModified": "2023-01-18T12:00:00+01:00",
        "author": [{"@type": "Person", "name": "Anna Berger"}],
        "publisher": {"@type": "Organization", "name": "Allgäuer Bote"},
        "articleSection": "Lokales",
    }
)


def test_a_page_with_json_ld_gives_title_date_source_authors() -> None:
    article = _read(page(f'<script type="application/ld+json">{JSON_LD}</script>'))
    assert article.title == "Loipen in Oberstdorf bleiben offen"
    assert article.date == "2023-01-17"
    assert article.updated == "2023-01-18T12:00"
    assert article.source == "Allgäuer Bote"
    assert article.authors == ["Anna Berger"]
    assert article.section == "Lokales"
    assert "Gemeinderat stimmte" in article.text
    assert "Impressum" not in article.text


def test_a_time_counts_only_when_the_page_prints_it() -> None:
    head = f'<script type="application/ld+json">{JSON_LD}</script>'
    shown = _read(page(head, header="<p><time>17.01.2023, 09:30 Uhr</time></p>"))
    assert (shown.date, shown.date_precision) == ("2023-01-17T09:30", "minute")
    assert _read(page(head)).date_precision == "day"


@pytest.mark.parametrize(
    ("head", "site", "expected"),
    [
        ('<meta property="og:site_name" content="SPIEGEL">', "", "Spiegel"),
        ('<meta property="og:site_name" content="Süddeutsche Zeitung">', "", "Süddeutsche Zeitung"),
        (
            '<meta property="og:url" content="https://www.tagesschau.de/inland/x.html">',
            "",
            "tagesschau",
        ),
        ('<link rel="canonical" href="https://www.br.de/nachrichten/x">', "", "BR"),
        (
            '<meta property="og:url" content="https://www.allgaeuer-bote.de/x">',
            "",
            "allgaeuer-bote.de",
        ),
        ('<meta name="publisher" content="Allgäuer Bote">', "", "Allgäuer Bote"),
    ],
)
def test_the_source_is_the_outlet(head: str, site: str, expected: str) -> None:
    assert _read(page(head)).source == expected


@pytest.mark.parametrize(
    "tag",
    [
        '<meta property="og:title" content="Loipen in Oberstdorf bleiben offen | Allgäuer Bote">',
        "<title>Loipen in Oberstdorf bleiben offen - Allgäuer Bote</title>",
        "<title>Allgäuer Bote » Loipen in Oberstdorf bleiben offen</title>",
    ],
)
def test_the_title_loses_the_site_name(tag: str) -> None:
    head = tag + '<meta property="og:site_name" content="Allgäuer Bote">'
    assert _read(page(head, title="Loipen in Oberstdorf bleiben offen")).title == (
        "Loipen in Oberstdorf bleiben offen"
    )


def test_a_heading_that_names_the_blog_is_not_the_title() -> None:
    html = page(
        "<title>Loipen in Oberstdorf bleiben offen – Bergblog</title>",
        title="Bergblog",
    ).replace("<main>", "<main><h1>Loipen in Oberstdorf bleiben offen</h1>")
    assert _read(html).title == "Loipen in Oberstdorf bleiben offen"


def test_a_kicker_line_above_the_headline_is_the_kicker() -> None:
    head = '<meta property="og:title" content="Wintersport: Loipen in Oberstdorf bleiben offen">'
    html = page(
        head, title='<span class="kicker">Wintersport</span><br>Loipen in Oberstdorf bleiben offen'
    )
    article = _read(html)
    assert (article.kicker, article.title) == ("Wintersport", "Loipen in Oberstdorf bleiben offen")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("<p>Veröffentlicht am 17.01.2023</p>", "2023-01-17"),
        ("<p>17. Januar 2023</p>", "2023-01-17"),
        ("<p>17/01/2023</p>", "2023-01-17"),
        ("<p>Stand: 17.01.2023 18:00 Uhr</p>", "2023-01-17T18:00"),
    ],
)
def test_the_visible_header_dates_a_page_without_metadata(header: str, expected: str) -> None:
    assert _read(page(header=header)).date == expected


def test_a_metadata_date_confirmed_by_the_page_wins_over_a_mention() -> None:
    head = '<meta property="article:published_time" content="2023-01-17T08:30:00Z">'
    article = _read(page(head, header="<p>Von Anna Berger</p>"))
    assert article.date == "2023-01-17"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-01-17T08:30:00Z", "2023-01-17T09:30"),
        ("2023-07-17T08:30:00Z", "2023-07-17T10:30"),
        ("2023-07-17T23:30:00+00:00", "2023-07-18T01:30"),
        ("2023-07-17T10:30:00+02:00", "2023-07-17T10:30"),
        ("2023-07-17T00:00:00", "2023-07-17"),
        ("2023-07-17", "2023-07-17"),
        ("17.07.2023", "2023-07-17"),
    ],
)
def test_metadata_times_are_read_in_german_time(value: str, expected: str) -> None:
    found = metadata_date(value)
    assert found is not None and found.iso() == expected


def test_summer_time_starts_and_ends_on_the_last_sundays() -> None:
    from datetime import datetime

    assert german_time(datetime(2024, 3, 31, 0, 59)).hour == 1
    assert german_time(datetime(2024, 3, 31, 1, 0)).hour == 3
    assert german_time(datetime(2024, 10, 27, 0, 59)).hour == 2
    assert german_time(datetime(2024, 10, 27, 1, 0)).hour == 2


@pytest.mark.parametrize(
    ("charset", "codec"),
    [("iso-8859-1", "latin-1"), ("windows-1252", "cp1252"), ("ISO-8859-15", "iso-8859-15")],
)
def test_pages_are_read_in_the_encoding_they_declare(charset: str, codec: str) -> None:
    html = page(charset=charset, title="Größere Loipen für Bürger – „Oberstdorf“")
    if codec != "cp1252":
        html = html.replace("–", "-").replace("„", '"').replace("“", '"')
    data = html.encode(codec)
    text, _ = decode_html(data)
    assert "Größere Loipen für Bürger" in text
    assert _read(data).title.startswith("Größere Loipen für Bürger")


def test_an_undeclared_windows_1252_page_is_read() -> None:
    data = page(charset="x").replace('<meta charset="x">', "").encode("cp1252")
    assert "Gemeinderat stimmte" in _read(data).text


def test_html_is_read_as_a_web_page_by_name() -> None:
    for name in ("a.html", "b.HTM", "c.xhtml"):
        fmt = format_for(name, b"<html><body><p>x</p></body></html>")
        assert fmt is not None and fmt.name == "html"


def test_pages_index_search_and_filter_like_text_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bote.html").write_text(
        page(f'<script type="application/ld+json">{JSON_LD}</script>'), encoding="utf-8"
    )
    (corpus / "tagesschau.htm").write_text(
        page(
            '<meta property="og:url" content="https://www.tagesschau.de/x">',
            header="<p>Stand: 03.02.2024 10:15 Uhr</p>",
            title="Neue Loipen im Schwarzwald",
        ),
        encoding="utf-8",
    )
    index_dir = tmp_path / "ix"
    assert update_index(corpus, index_dir).added == 2
    hits = search(index_dir, "Loipen", limit=None, group=False).hits
    assert {h.id for h in hits} == {"bote.html", "tagesschau.htm"}
    only = search(index_dir, "Loipen", Filters.parse(None, None, ["tagesschau"], False), limit=None)
    assert [h.id for h in only.hits] == ["tagesschau.htm"]
    dated = search(
        index_dir, "Loipen", Filters.parse("2023-01", "2023-01", None, False), limit=None
    )
    assert [h.id for h in dated.hits] == ["bote.html"]
    out = RUNNER.invoke(app, ["parse", str(corpus), "--format", "jsonl"])
    assert out.exit_code == 0
    parsed = {json.loads(x)["id"]: json.loads(x) for x in out.stdout.splitlines()}
    assert parsed["tagesschau.htm"]["date"] == "2024-02-03T10:15"
    assert parsed["tagesschau.htm"]["source"] == "tagesschau"


@pytest.mark.parametrize("data", [b"", b"<html></html>", b"\x00\x01\x02binary", b"<<<>>>"])
def test_a_page_without_an_article_is_skipped_not_a_crash(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "leer.html").write_bytes(data)
    out = RUNNER.invoke(app, ["parse", str(tmp_path / "leer.html")])
    assert out.exit_code == 1
    assert "skipped" in out.stderr


def test_starting_korpus_imports_no_html_library() -> None:
    code = (
        "import sys; from korpus.cli import app; import korpus.readers, korpus.loader; "
        "print(sorted(m for m in ('trafilatura', 'htmldate', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
