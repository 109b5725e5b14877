from __future__ import annotations

import re
from pathlib import Path

import pytest

from korpus.errors import DateError, QueryError, UnknownSource
from korpus.search import Filters, search

from .conftest import short_ids


def found(
    index_dir: Path, query: str, filters: Filters | None = None, exact: bool = False
) -> list[str]:
    hits = search(index_dir, query, filters, limit=None, exact=exact, group=False).hits
    return short_ids([h.id for h in hits])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Soldat", ["000", "001", "002", "003"]),
        ("Entsendung", ["000", "002", "003", "004"]),
        ("Truppenentsendungen", ["000", "002"]),
        ("Pjoengjang", ["000", "002", "003", "004"]),
        ("Pjongjang", ["000", "002", "003", "004"]),
        ("11000", ["000", "002", "003"]),
        ("Selensky", ["001", "003"]),
        ("Selensykj", ["001", "003"]),
        ("Nato-Gipfel", ["000"]),
        ('"Kim Jong-un"', ["003", "004"]),
        ("Schoigu", ["000", "002"]),
        ("Nordkorea NOT Kursk", ["004"]),
        ("Nordkorea NICHT Kursk", ["004"]),
        ("Schoigu ODER Masala", ["000", "002"]),
        ("Schoigu UND Masala", ["000"]),
        ("(Schoigu OR Yonhap) AND Nordkorea", ["000", "001", "002"]),
        ("title:Militärmission", ["004"]),
        ("Schoig*", ["000", "002"]),
        ("Schoiguu~", ["000", "002"]),
        ('"Wladimir Putin"', ["001", "003", "004"]),
        ('"Putin Kim"~3', ["004"]),
    ],
)
def test_german_search_examples(built_index: Path, query: str, expected: list[str]) -> None:
    assert found(built_index, query) == expected


def test_exact_turns_variants_off(built_index: Path) -> None:
    assert found(built_index, "Selensykj", exact=True) == ["003"]


def test_exact_matches_rank_above_variants(built_index: Path) -> None:
    hits = search(built_index, "Selenskyj").hits
    assert [h.id[:3] for h in hits] == ["003", "001"] or hits[0].score >= hits[-1].score
    scores = {h.id[:3]: h.score for h in search(built_index, "Selensykj").hits}
    assert scores["003"] > scores["001"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "query", "expected"),
    [
        ("2025-06-01", "2025-06-30", "Soldaten", ["000"]),
        (None, "2024-12-31", "Nordkorea", ["001", "004"]),
        ("2025-07-15", None, "Nordkorea", ["003"]),
        ("Juni 2025", "Jun 2025", "Nordkorea", ["000"]),
        ("06.2025", "2025-06", "Nordkorea", ["000"]),
        ("26.06.2025", "26.06.2025", "Nordkorea", ["000"]),
        ("2024", "2024", "Nordkorea", ["001", "004"]),
    ],
)
def test_date_filters_overlap(
    built_index: Path, date_from: str | None, date_to: str | None, query: str, expected: list[str]
) -> None:
    assert found(built_index, query, Filters.parse(date_from, date_to)) == expected


def test_undated_articles_only_on_request(built_index: Path) -> None:
    filters = Filters.parse("2025-07-15", include_undated=True)
    assert found(built_index, "Nordkorea", filters) == ["002", "003"]


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (["afp"], ["002"]),
        (["T-Online"], ["000"]),
        (["afp", "t-online"], ["000", "002"]),
        (["tonline"], ["000"]),
    ],
)
def test_source_filter(built_index: Path, sources: list[str], expected: list[str]) -> None:
    assert found(built_index, "Nordkorea", Filters.parse(sources=sources)) == expected


def test_a_source_no_article_has_is_an_error(built_index: Path) -> None:
    with pytest.raises(UnknownSource, match="no article has the source 'reuters'"):
        found(built_index, "Nordkorea", Filters.parse(sources=["reuters"]))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("irgendwann", None), "not a date"),
        (("2025-13", None), "not a date"),
        (("2025-07-01", "2025-06-01"), "is after"),
    ],
)
def test_bad_dates(args: tuple[str, str | None], message: str) -> None:
    with pytest.raises(DateError, match=message):
        Filters.parse(*args)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"Kim Jong', "unclosed quote at column 1"),
        ("(Kim OR Putin", "unclosed '('"),
        ("Kim)", "unbalanced ')' at column 4"),
        ("AND", "no searchable words"),
        ("NOT ODER", "no searchable words"),
        ("autor:Meier", "unknown field 'autor'"),
        ("x" * 3000, "too long"),
    ],
)
def test_bad_queries(built_index: Path, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        search(built_index, query)


def test_snippet_marks_the_matched_words(built_index: Path) -> None:
    hit = search(built_index, "Schoigu").hits[0]
    assert "Schoigu" in hit.snippet
    assert hit.matches and all(hit.snippet[s:e] == "Schoigu" for s, e in hit.matches)


def test_snippet_marks_words_found_through_analysis(built_index: Path) -> None:
    hits = {h.id[:3]: h for h in search(built_index, "Entsendung Pjongjang").hits}
    marked = {hits["002"].snippet[s:e] for s, e in hits["002"].matches}
    assert {"Truppenentsendungen", "Pjöngjang"} <= marked


def test_highlight_finds_matches_deep_in_long_articles(tmp_path: Path) -> None:
    from korpus.index import update_index

    corpus = tmp_path / "c"
    corpus.mkdir()
    filler = "Der Ausschuss tagte lange und ohne greifbares Ergebnis. " * 4000
    (corpus / "lang.txt").write_text(
        filler + "Am Ende sprach der Walfangexperte.", encoding="utf-8"
    )
    update_index(corpus, tmp_path / "ix")
    [hit] = search(tmp_path / "ix", "Walfangexperte").hits
    assert [hit.snippet[s:e] for s, e in hit.matches] == ["Walfangexperte"]


def test_sorting_by_date(built_index: Path) -> None:
    newest = [h.id[:3] for h in search(built_index, "Nordkorea", sort="newest", group=False).hits]
    oldest = [h.id[:3] for h in search(built_index, "Nordkorea", sort="oldest", group=False).hits]
    assert newest == ["003", "000", "001", "004", "002"]
    assert oldest == ["004", "001", "000", "003", "002"]


def test_limit_and_total(built_index: Path) -> None:
    result = search(built_index, "Nordkorea", limit=2, group=False)
    assert (result.total, len(result.hits)) == (5, 2)


def test_facets_count_the_whole_hit_set(built_index: Path) -> None:
    result = search(built_index, "Nordkorea", limit=1, facets=True)
    assert result.facets is not None
    assert result.facets["source"]["t-online"] == 1
    assert sum(result.facets["month"].values()) == 5


def test_suggestions_for_a_search_without_hits(built_index: Path) -> None:
    result = search(built_index, "Schoiguuu", exact=True)
    assert result.total == 0
    assert result.suggestions == ["Schoigu"]


def test_versions_of_one_story_are_grouped(built_index: Path) -> None:
    hits = search(built_index, "Nordkorea Soldaten", limit=None).hits
    shown = [h.id[:3] for h in hits]
    assert sorted(shown) == ["000", "001", "003"] or sorted(shown) == ["001", "002", "003"]
    [story] = [h for h in hits if h.id[:3] in ("000", "002")]
    assert [d[:3] for d in story.duplicates] == ["002" if story.id[:3] == "000" else "000"]
    assert {h.id[:3] for h in hits if h.duplicates} == {story.id[:3]}
    assert story.versions[0]["source"] in ("AFP", "t-online")


def test_no_group_shows_every_article(built_index: Path) -> None:
    hits = search(built_index, "Nordkorea Soldaten", limit=None, group=False).hits
    assert sorted(h.id[:3] for h in hits) == ["000", "001", "002", "003"]
    duplicates = {h.id[:3]: [d[:3] for d in h.duplicates] for h in hits}
    assert duplicates == {"000": ["002"], "001": [], "002": ["000"], "003": []}


def test_grouping_keeps_a_full_page(built_index: Path) -> None:
    result = search(built_index, "Nordkorea", limit=4)
    assert len(result.hits) == 4 and result.total == 5
