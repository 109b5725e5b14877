"""Scores read from whole posting lists are Whoosh's scores, for every kind of query."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from korpus.index import open_index, update_index
from korpus.ranking import best, scored_matches
from korpus.search import Filters, _best_matches, _collector, parse_query, search

PEOPLE = ["Merkel", "Scholz", "Macron", "Baerbock", "Söder", "Habeck"]
WORDS = (
    "Regierung Bundestag Haushalt Streik Grenze Flüchtlinge Österreich Klimawandel "
    "Wahlkampf Bundestagswahl Gipfel Nato-Gipfel Straße Müll Ärzte Schulen Lehrerin "
    "Polizei Demonstration Berlin München Wien Koalition Opposition Kanzlerin Kanzler "
    "Gesetz Entwurf Steuer Rente Energie Strompreis Heizung Wärmepumpe Inflation "
    "Migration Asyl Abschiebung Impfung Lockdown Maßnahmen Bahn Verkehr Fußball"
).split()
FILLER = "die der und in mit von auf für den dem sagte heute wieder noch nicht".split()
OUTLETS = ["t-online", "ntv", "Süddeutsche Zeitung"]


def _article(rng: random.Random, number: int) -> str:
    words = [*WORDS, *PEOPLE]
    title = " ".join(rng.sample(words, 3))
    if rng.random() < 0.2:
        title = "Angela Merkel " + title
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        sentence: list[str] = []
        for _ in range(rng.randint(8, 60)):
            sentence.append(rng.choice(words) if rng.random() < 0.4 else rng.choice(FILLER))
        if rng.random() < 0.3:
            sentence += ["Angela", "Merkel", "sagte"]
        paragraphs.append(" ".join(sentence) + ".")
    day = 1 + number % 28
    month = 1 + number % 12
    outlet = OUTLETS[number % len(OUTLETS)]
    header = f"Von {outlet} Aktualisiert am {day:02d}.{month:02d}.2020 - 10:00 Uhr"
    return f"{title}\n\n{header}\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def segmented_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of invented articles in several segments, with deleted documents:
    built, then partly changed, removed and added to."""
    root = tmp_path_factory.mktemp("ranking")
    corpus = root / "corpus"
    corpus.mkdir()
    rng = random.Random(17)
    for number in range(60):
        (corpus / f"a{number:03d}.txt").write_text(_article(rng, number), encoding="utf-8")
    index_dir = root / "index"
    update_index(corpus, index_dir)
    for number in range(0, 60, 7):
        (corpus / f"a{number:03d}.txt").write_text(_article(rng, number + 1), encoding="utf-8")
    (corpus / "a001.txt").unlink()
    for number in range(60, 75):
        (corpus / f"a{number:03d}.txt").write_text(_article(rng, number), encoding="utf-8")
    update_index(corpus, index_dir)
    return index_dir


QUERIES = [
    "Merkel",
    "merkel",
    "Streik",
    "Flüchtlinge",
    "Kanzler",
    "Grenze Flüchtlinge Österreich",
    '"Angela Merkel"',
    '"Angela Merkel" Haushalt',
    '"Merkel sagte"',
    '"Angela Merkel sagte"',
    '"die die"',
    '"Angela Merkel"~3',
    '"Merkel Angela"',
    'title:"Angela Merkel"',
    '"Angela Merkel" OR Scholz',
    '=Merkel "Angela Merkel"',
    "Merkel OR Scholz",
    "Merkel ODER Macron Rente",
    "Merkel -Scholz",
    "Merkel NOT Scholz",
    "+Merkel Söder",
    "Merkel ANDMAYBE Scholz",
    "(Merkel OR Scholz) AND (Rente OR Steuer) -Bahn",
    "Wärme*",
    "Merkl~",
    "title:Merkel",
    "title:Merkel Haushalt",
    "=Merkel",
    "Nato-Gipfel",
    "Strasse",
    "Muell",
    "die",
    "Bundestag",
]


def test_the_index_has_segments_and_deletions(segmented_index: Path) -> None:
    ix, _ = open_index(segmented_index)
    try:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            assert len(searcher.leaf_searchers()) > 1
            assert reader.has_deletions()
    finally:
        ix.close()


@pytest.mark.parametrize("query", QUERIES)
def test_scores_are_whooshs(segmented_index: Path, query: str) -> None:
    ix, info = open_index(segmented_index)
    try:
        with ix.searcher() as searcher:
            parsed = parse_query(query, ix.schema, info["data_dir"], searcher)
            expected = {
                hit.docnum: hit.score for hit in searcher.search(parsed, limit=None)
            }
            found = scored_matches(searcher, parsed)
    finally:
        ix.close()
    assert expected, query
    assert found.keys() == expected.keys()
    for docnum, score in expected.items():
        assert found[docnum] == pytest.approx(score, rel=1e-9)


FILTERS = [
    {},
    {"date_from": "2020-03", "date_to": "2020-08"},
    {"sources": "ntv"},
    {"date_from": "2020-03", "sources": "t-online"},
]


@pytest.mark.parametrize("options", FILTERS)
@pytest.mark.parametrize("query", QUERIES)
def test_best_matches_and_count_are_whooshs_collectors(
    segmented_index: Path, query: str, options: dict[str, str]
) -> None:
    sources = [options["sources"]] if "sources" in options else None
    filters = Filters.parse(options.get("date_from"), options.get("date_to"), sources)
    ix, info = open_index(segmented_index)
    try:
        with ix.searcher() as searcher:
            parsed = parse_query(query, ix.schema, info["data_dir"], searcher)
            allowed = filters.allowed(searcher, info["data_dir"])
            collector, counter = _collector(8, "relevance", allowed, facets=False)
            searcher.search_with_collector(parsed, collector)
            expected = [(hit.docnum, hit.score) for hit in collector.results()]
            ranked, matched = _best_matches(scored_matches(searcher, parsed), allowed, 8)
    finally:
        ix.close()
    assert matched == counter.docnums
    assert [d for d, _ in ranked] == [d for d, _ in expected]
    assert [s for _, s in ranked] == pytest.approx([s for _, s in expected], rel=1e-9)


@pytest.mark.parametrize("options", FILTERS)
@pytest.mark.parametrize("query", QUERIES)
def test_search_gives_what_whooshs_collectors_give(
    segmented_index: Path, query: str, options: dict[str, str]
) -> None:
    sources = [options["sources"]] if "sources" in options else None
    filters = Filters.parse(options.get("date_from"), options.get("date_to"), sources)
    scored = search(segmented_index, query, filters, limit=5)
    # Facets run the search through Whoosh's collectors, filters and all.
    collected = search(segmented_index, query, filters, limit=5, facets=True)
    assert scored.total == collected.total
    assert scored.undated_left_out == collected.undated_left_out
    assert [h.to_dict() for h in scored.hits] == [h.to_dict() for h in collected.hits]
    assert collected.facets is not None
    assert sum(collected.facets["source"].values()) == collected.total


@pytest.mark.parametrize("query", ["Merkel", "Merkel OR Scholz", '"Angela Merkel"'])
def test_undated_count_reuses_the_matches(segmented_index: Path, query: str) -> None:
    ix, info = open_index(segmented_index)
    filters = Filters.parse("2020-03", "2020-08")
    try:
        with ix.searcher() as searcher:
            parsed = parse_query(query, ix.schema, info["data_dir"], searcher)
            given = filters.undated_left_out(
                searcher, info["data_dir"], parsed, scored_matches(searcher, parsed)
            )
            run_again = filters.undated_left_out(searcher, info["data_dir"], parsed)
    finally:
        ix.close()
    assert given == run_again


def test_ties_go_to_the_lower_document_number() -> None:
    scores = {7: 1.0, 3: 2.0, 5: 1.0, 9: 1.0, 1: 0.5}
    assert best(scores, 3) == [(3, 2.0), (5, 1.0), (7, 1.0)]
    assert best(scores, 10) == [(3, 2.0), (5, 1.0), (7, 1.0), (9, 1.0), (1, 0.5)]
