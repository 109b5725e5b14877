"""Search quality rules: literal wording, spelling variants, headline ranking."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from korpus.index import update_index
from korpus.search import search

FILLER = (
    "Der Bericht erschien am Morgen. Mehrere Beobachter äußerten sich dazu, "
    "die Lage blieb unübersichtlich, und weitere Gespräche wurden vereinbart."
)

# name -> (title, body). Every word the tests look for is written here.
ARTICLES: dict[str, tuple[str, str]] = {
    "heim": ("Neues Heim für Familien", "Das Flüchtlingsheim am Stadtrand ist voll belegt."),
    "helfer": ("Ehrenamt in der Stadt", "Die Flüchtlingshelfer treffen sich jeden Montag."),
    "team": ("Verwaltung stellt Personal ein", "Das Flüchtlingsteam der Stadt wächst."),
    "wache": ("Nacht in der Altstadt", "Die Polizeiwache meldet eine ruhige Nacht."),
    "wagen": ("Unfall auf der Kreuzung", "Ein Polizeiwagen stieß mit einem Bus zusammen."),
    "wahl": ("Ergebnis aus Potsdam", "Die Landtagswahl brachte ein knappes Ergebnis."),
    "saal": ("Sitzung mit Publikum", "Der Landtagssaal war bis auf den letzten Platz besetzt."),
    "entsch": ("Urteil des Gerichts", "Zwei Entscheidungen des Gerichts fielen am Montag."),
    "ehe": ("Familienrecht im Wandel", "Die Ehescheidung wird künftig einfacher."),
    "kanzler": ("Besuch in Paris", "Der Kanzler reiste am Morgen ab."),
    "kanzlei": ("Anwälte ziehen um", "Die Kanzlei bezieht neue Räume."),
    "schieb": ("Behörden handeln", "Der Mann wurde im Mai abgeschoben."),
    "schiess": ("Luftabwehr", "Die Drohne wurde über dem Meer abgeschossen."),
    "schreib": ("Bilanz", "Die Bank musste den Kredit abschreiben."),
    "sel1": ("Rede in Kiew", "Präsident Selenskyj sprach vor dem Parlament."),
    "sel2": ("Gespräch mit Kiew", "Präsident Selensky telefonierte mit Paris."),
    "rfg": ("Rundfunkgebühren steigen deutlich", "Die Gebühr steigt um einen Euro."),
    "rfg-a": (
        "Kurz gemeldet",
        "Rundfunkgebühren: Beschwerde abgewiesen. Rundfunkgebühren bleiben Thema.",
    ),
    "rfg-b": ("Aus den Ländern", "Die Länder streiten über Rundfunkgebühren und Beiträge."),
    "frau": ("Die Frau am Steuer", "Eine Frau fuhr den Bus. Fußball am Abend."),
    "frauen": ("Frauen im Beruf", "Frauen verdienen weniger. Fussball spielt keine Rolle."),
}


@pytest.fixture(scope="module")
def quality_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("quality")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (title, body) in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(
            f"{title}\n\n{body} {FILLER}\n\n{FILLER}\n", encoding="utf-8"
        )
    index_dir = root / "index"
    update_index(corpus, index_dir)
    return corpus, index_dir


def found(index_dir: Path, query: str, **options: bool) -> list[str]:
    hits = search(index_dir, query, limit=None, group=False, **options).hits
    return sorted(h.id.removesuffix(".txt") for h in hits)


# --- spelling variants ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Flüchtlingsheim", ["heim"]),
        ("Flüchtlingshelfer", ["helfer"]),
        ("Flüchtlingsteam", ["team"]),
        ("Polizeiwache", ["wache"]),
        ("Polizeiwagen", ["wagen"]),
        ("Landtagswahl", ["wahl"]),
        ("Landtagssaal", ["saal"]),
        ("Entscheidungen", ["entsch"]),
        ("Ehescheidung", ["ehe"]),
        ("Kanzler", ["kanzler"]),
        ("Kanzlei", ["kanzlei"]),
        # a strong verb's term is its infinitive, a known word with no variants
        ("abschieben", ["schieb"]),
        ("abschießen", ["schiess"]),
        ("abschreiben", ["schreib"]),
    ],
)
def test_variants_never_reach_other_words(
    quality_index: tuple[Path, Path], query: str, expected: list[str]
) -> None:
    """A German word or compound gets no variants: "Flüchtlingsheim" once reached
    "Flüchtlingshelfer" and "-team", "Entscheidungen" reached "Ehescheidung"."""
    assert found(quality_index[1], query) == expected


def test_flüchtlingsheim_does_not_reach_other_compounds(quality_index: tuple[Path, Path]) -> None:
    assert found(quality_index[1], "Flüchtlingsheim") == ["heim"]


def test_entscheidungen_does_not_reach_ehescheidung(quality_index: tuple[Path, Path]) -> None:
    assert "ehe" not in found(quality_index[1], "Entscheidungen")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Selensky", ["sel1", "sel2"]),
        ("Selenskyj", ["sel1", "sel2"]),
        ("Flüchtlingsheiim", ["heim"]),
        ("Polizeiwachee", ["wache"]),
    ],
)
def test_names_and_typos_still_get_variants(
    quality_index: tuple[Path, Path], query: str, expected: list[str]
) -> None:
    assert found(quality_index[1], query) == expected


# --- literal wording ----------------------------------------------------------------


def grep_count(corpus: Path, word: str) -> int:
    proc = subprocess.run(
        ["grep", "-ilw", "--", word, *sorted(str(p) for p in corpus.glob("*.txt"))],
        capture_output=True,
        text=True,
    )
    return len(proc.stdout.splitlines())


@pytest.mark.parametrize(
    "word",
    [
        "Frau",
        "Frauen",
        "Fußball",
        "Fussball",
        "Flüchtlingsheim",
        "Gebühr",
        "Rundfunkgebühren",
        "die",
        "und",
        "Paris",
        "Kiew",
        "Selensky",
        "Entscheidungen",
        "Heim",
        "Stadt",
        "Euro",
    ],
)
def test_literal_search_counts_what_grep_counts(
    quality_index: tuple[Path, Path], word: str
) -> None:
    corpus, index_dir = quality_index
    expected = grep_count(corpus, word)
    assert len(found(index_dir, word, literal=True)) == expected
    assert len(found(index_dir, f"={word}")) == expected


def test_literal_frau_does_not_find_frauen(quality_index: tuple[Path, Path]) -> None:
    """German analysis conflates "Frau" and "Frauen"; literal wording keeps them apart."""
    index_dir = quality_index[1]
    assert found(index_dir, "=Frau") == ["frau"]
    assert found(index_dir, "=Frauen") == ["frauen"]
    assert found(index_dir, "=Fußball") == ["frau"]


def test_literal_phrase_and_mixed_query(quality_index: tuple[Path, Path]) -> None:
    index_dir = quality_index[1]
    assert found(index_dir, '="Die Frau"') == ["frau"]
    assert found(index_dir, '"die frau"', literal=True) == ["frau"]
    assert found(index_dir, "=Selensky Präsident") == ["sel2"]
    assert found(index_dir, "Präsident -=Selensky") == ["sel1"]


def test_literal_hits_mark_the_word_as_written(quality_index: tuple[Path, Path]) -> None:
    hit = search(quality_index[1], "=Flüchtlingsheim").hits[0]
    marked = {hit.snippet[a:b] for a, b in hit.matches}
    assert marked == {"Flüchtlingsheim"}


# --- ranking ------------------------------------------------------------------------


def test_headline_match_outranks_mentions(quality_index: tuple[Path, Path]) -> None:
    """An article whose headline is the query ranks first ("Rundfunkgebühren" was 4th)."""
    hits = search(quality_index[1], "Rundfunkgebühren", group=False).hits
    assert hits[0].id == "rfg.txt"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Rundfunkgebühren", "rfg"),
        ("Heim Familien", "heim"),
        ("Frauen Beruf", "frauen"),
        ("Besuch Paris", "kanzler"),
        ("Ehrenamt", "helfer"),
    ],
)
def test_title_words_rank_first(quality_index: tuple[Path, Path], query: str, first: str) -> None:
    hits = search(quality_index[1], query, group=False).hits
    assert re.sub(r"\.txt$", "", hits[0].id) == first
