"""German analysis seen through search: phrases, stop words, compounds, names.

The articles are written for these tests; each sentence exists to be found or
to be passed over by one rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korpus.cli import app
from korpus.search import search

ARTICLES = {
    "schaffen": "Merkel im Sommer 2015\n\nWir schaffen das, sagte die Kanzlerin damals.",
    "schaffen-lose": "Aufgaben\n\nWir müssen das bis Montag schaffen, sagte die Ministerin.",
    "linke": "Parteitag\n\nDie Linke wählte am Sonntag ihren Vorstand.",
    "linke-lose": "Rechts und links\n\nLinke Politiker kritisierten die Pläne der Regierung.",
    "uber": "Fahrdienste\n\nDer Fahrdienst Uber darf in der Stadt wieder fahren.",
    "ueber": "Stadtrat\n\nDer Rat sprach über die Straßenbahn und über den Haushalt.",
    "bayerns": "Landespolitik\n\nBayerns Ministerpräsident eröffnete das Volksfest.",
    "bayern": "Landespolitik\n\nIn Bayern wird im Herbst gewählt.",
    "fleisch": "Verbraucher\n\nDas Rindfleischüberwachungsgesetz wurde aufgehoben.",
    "klimakrise": "Umwelt\n\nDie Klimakrise trifft die Landwirte früh.",
    "krisen": "Wirtschaft\n\nMehrere Krisen belasten die Betriebe.",
    "corona-krise": "Pandemie\n\nDie Corona-Krise traf die Gastronomie hart.",
    "coronakrise": "Pandemie\n\nIn der Coronakrise schlossen viele Kneipen.",
    "oesterreichisch": "Nachbarland\n\nDie österreichischen Behörden prüfen den Fall.",
    "oesterreich": "Nachbarland\n\nIn Österreich wurde am Sonntag gewählt.",
    "frauen": "Gleichstellung\n\nFrauen verdienen weniger, sagt die Studie.",
    "frau": "Porträt\n\nDie Frau leitet seit Jahren den Verein.",
    "neun": "Zahlen\n\nNeun Kinder besuchten die Ausstellung.",
    "neuen": "Technik\n\nDie neuen Geräte kommen im Herbst.",
    "kanzlerinnen": "Treffen\n\nZwei frühere Bundeskanzlerinnen sprachen in Bonn.",
    "aerztin": "Praxis\n\nDie Ärztin öffnet am Samstag.",
    "arzt": "Praxis\n\nDer Arzt schließt am Mittwoch.",
    "sprecherin": "Partei\n\nDie Parteisprecherin widersprach.",
    "stand-noun": "Umfragen\n\nDer Stand der Umfrage überrascht.",
    "stand-verb": "Rathaus\n\nDer Bürgermeister stand vor dem Rathaus.",
    "schloss-verb": "Schulen\n\nDie Stadt schloss alle Schulen.",
    "schloss-noun": "Ausflug\n\nDas Schloss ist im Sommer offen.",
    "firma": "Bilanz\n\nDas Unternehmen meldet Gewinn.",
    "tun": "Appell\n\nDie Stadt muss mehr unternehmen, sagte sie.",
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from korpus.index import update_index

    root = tmp_path_factory.mktemp("german")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    update_index(corpus, root / "index")
    return root / "index"


def found(index_dir: Path, query: str) -> list[str]:
    hits = search(index_dir, query, limit=None, exact=True, group=False).hits
    return sorted(Path(h.path).stem for h in hits)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a phrase matches the words it quotes, function words included
        ('"Wir schaffen das"', ["schaffen"]),
        ('"die Linke"', ["linke"]),
        ('"Die Linke wählte"', ["linke"]),
        # outside phrases function words are left out
        ("Wir schaffen das", ["schaffen", "schaffen-lose"]),
        ("die Linke", ["linke", "linke-lose"]),
        # a function word alone, or capitalised after the first word, is searched
        ("Fahrdienst Uber", ["uber"]),
        # a name and its genitive
        ("Bayern", ["bayern", "bayerns"]),
        ("Bayerns", ["bayern", "bayerns"]),
        # compounds through their parts, recursively
        ("Fleisch", ["fleisch"]),
        ("Rind", ["fleisch"]),
        ("Gesetz", ["fleisch"]),
        ("Krise", ["corona-krise", "coronakrise", "klimakrise", "krisen"]),
        ("Klima", ["klimakrise"]),
        # hyphenated and joined compounds find the same articles
        ("Corona-Krise", ["corona-krise", "coronakrise"]),
        ("Coronakrise", ["corona-krise", "coronakrise"]),
        # no flood from derivational stemming
        ("österreichischen", ["oesterreichisch"]),
        ("Österreich", ["oesterreich"]),
        # Lucene's normalisation: Frau and Frauen meet, neun and neuen do not
        ("Frau", ["frau", "frauen"]),
        ("Frauen", ["frau", "frauen"]),
        ("neun", ["neun"]),
        ("neuen", ["neuen"]),
    ],
)
def test_german_rules_in_search(index_dir: Path, query: str, expected: list[str]) -> None:
    assert found(index_dir, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a masculine noun of a person finds its feminine, alone and as a part
        ("Kanzler", ["kanzlerinnen", "schaffen"]),
        ("Bundeskanzler", ["kanzlerinnen"]),
        ("Arzt", ["aerztin", "arzt"]),
        ("Sprecher", ["sprecherin"]),
        ("Minister", ["bayerns", "schaffen-lose"]),
        # the feminine finds the feminine only
        ("Ärztin", ["aerztin"]),
        ("Kanzlerin", ["kanzlerinnen", "schaffen"]),
        ("Arzt -Ärztin", ["arzt"]),
    ],
)
def test_a_masculine_finds_the_feminine(index_dir: Path, query: str, expected: list[str]) -> None:
    assert found(index_dir, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a strong verb's forms meet its infinitive; a capitalised noun is no verb form
        ("schließen", ["arzt", "coronakrise", "schloss-verb"]),
        ("Schloss", ["schloss-noun"]),
        ("stehen", ["stand-verb"]),
        ("Stand", ["stand-noun"]),
        # a word typed in lower case is also its capitalised reading
        ("stand", ["stand-noun", "stand-verb"]),
        ("schloss", ["arzt", "coronakrise", "schloss-noun", "schloss-verb"]),
        ("unternehmen", ["firma", "tun"]),
        # a capitalised strong infinitive is the noun and the verb, as grep counts it
        ("Unternehmen", ["firma", "tun"]),
        ("bürgermeister", ["stand-verb"]),
    ],
)
def test_verbs_and_words_in_lower_case(index_dir: Path, query: str, expected: list[str]) -> None:
    assert found(index_dir, query) == expected


def test_a_feminine_found_through_its_masculine_is_highlighted(index_dir: Path) -> None:
    hits = {Path(h.path).stem: h for h in search(index_dir, "Sprecher", group=False).hits}
    hit = hits["sprecherin"]
    assert {hit.snippet[s:e] for s, e in hit.matches} == {"Parteisprecherin"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a function word kept in a query is searched as written: "Uber" is not "über"
        ("Uber", ["uber"]),
        ("Fahrdienst Uber", ["uber"]),
        ("über", ["ueber"]),
        ("Über", ["ueber"]),
        # a lone function word is searched, not rejected
        ("wieder", ["uber"]),
    ],
)
def test_a_kept_stop_word_is_searched_as_written(
    index_dir: Path, query: str, expected: list[str]
) -> None:
    assert found(index_dir, query) == expected


def test_a_compound_matched_through_its_part_is_highlighted(index_dir: Path) -> None:
    hits = {Path(h.path).stem: h for h in search(index_dir, "Krise", group=False).hits}
    for name, word in [("klimakrise", "Klimakrise"), ("coronakrise", "Coronakrise")]:
        hit = hits[name]
        assert word in {hit.snippet[s:e] for s, e in hit.matches}


def test_phrase_highlight_leaves_function_words_unmarked(index_dir: Path) -> None:
    [hit] = search(index_dir, '"die Linke"', group=False).hits
    marked = {hit.snippet[s:e] for s, e in hit.matches}
    assert marked == {"Linke"}


# --- korpus analyze --------------------------------------------------------------------

runner = CliRunner()


def test_analyze_json_lists_each_word_with_its_terms() -> None:
    result = runner.invoke(app, ["analyze", "Klimakrise", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {"word": "Klimakrise", "start": 0, "end": 10, "terms": ["klimakris", "klima", "kris"]}
    ]


def test_analyze_query_mode_shows_what_a_query_looks_for() -> None:
    result = runner.invoke(app, ["analyze", "Klimakrise Corona-Krise", "--query", "-f", "json"])
    assert result.exit_code == 0
    words = json.loads(result.stdout)
    assert [(w["word"], w["start"], w["end"], w["terms"]) for w in words] == [
        ("Klimakrise", 0, 10, ["klimakris"]),
        ("Corona-Krise", 11, 23, ["coronakris"]),
    ]


def test_analyze_query_mode_shows_the_feminine_a_masculine_looks_for() -> None:
    result = runner.invoke(app, ["analyze", "Kanzler", "--query", "-f", "json"])
    assert json.loads(result.stdout)[0]["terms"] == ["kanzl", "kanzlerin"]


@pytest.mark.parametrize(
    ("text", "word", "terms"),
    [
        ("Rindfleischüberwachungsgesetz", "Rindfleischüberwachungsgesetz", ["rind", "gesetz"]),
        ("die Bayerns", "Bayerns", ["bay"]),
        ("Nato-Gipfel", "Nato-Gipfel", ["natogipfel", "nato", "gipfel"]),
    ],
)
def test_analyze_index_mode(text: str, word: str, terms: list[str]) -> None:
    result = runner.invoke(app, ["analyze", text, "--format", "json"])
    found = {w["word"]: w["terms"] for w in json.loads(result.stdout)}
    assert set(terms) <= set(found[word])
    assert found[word][0] == terms[0] or terms[0] in found[word]


def test_analyze_text_output_marks_stop_words() -> None:
    result = runner.invoke(app, ["analyze", "Die Klimakrise"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["Die", "die"] and "stop word" in lines[0]
    assert lines[1].split() == ["Klimakrise", "klimakris", "klima", "kris"]


def test_analyze_without_words_finds_nothing() -> None:
    result = runner.invoke(app, ["analyze", " ... ", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_analyze_rejects_a_bad_format() -> None:
    result = runner.invoke(app, ["analyze", "Krise", "--format", "xml"])
    assert result.exit_code == 2
