from __future__ import annotations

import pickle

import pytest

from korpus.analysis import (
    GermanTokenizer,
    analyze,
    fold,
    german_analyzer,
    split_compound,
    term_spans,
)

from .conftest import BUNDLED, IDS


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Nato-Gipfel in Den Haag", ["Nato-Gipfel", "in", "Den", "Haag"]),
        ("11.000 Mann, 0,25 Prozent", ["11.000", "Mann", "0,25", "Prozent"]),
        ("Straße über Öl", ["Straße", "über", "Öl"]),
        ("im Jahr 2025.", ["im", "Jahr", "2025"]),
    ],
)
def test_tokenizer(text: str, tokens: list[str]) -> None:
    assert [t.text for t in GermanTokenizer()(text)] == tokens


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("fußball", "fussball"),
        ("pjöngjang", "pjongjang"),
        ("pjoengjang", "pjongjang"),
        ("häuser", "hauser"),
        ("haeuser", "hauser"),
        ("über", "uber"),
        ("ueber", "uber"),
        ("quelle", "quelle"),
    ],
)
def test_german_normalisation(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Soldat", "Soldaten"),
        ("Pjöngjang", "Pjoengjang"),
        ("Pjöngjang", "Pjongjang"),
        ("Fußball", "Fussball"),
        ("Häuser", "Haeuser"),
        ("11.000", "11000"),
        ("4.000", "4000"),
    ],
)
def test_spellings_meet_in_one_term(a: str, b: str) -> None:
    assert analyze(a, "query") == analyze(b, "query")


def test_decimals_stay_intact() -> None:
    assert analyze("0,25") == ["0,25"]
    assert analyze("11.000") != analyze("11,000")


@pytest.mark.parametrize(
    ("word", "part"),
    [
        ("Truppenentsendungen", "entsend"),
        ("Truppenentsendungen", "trupp"),
        ("Warnstreiks", "streik"),
        ("Bundestagswahl", "wahl"),
        ("Angriffskrieg", "krieg"),
    ],
)
def test_compounds_yield_their_parts(word: str, part: str) -> None:
    assert part in analyze(word)


@pytest.mark.parametrize(
    ("word", "junk"),
    [
        ("Wandhalterung", "alterung"),
        ("Wandhalterung", "alter"),
        ("Unterstützung", "stutz"),
        ("Wissenschaft", "schaft"),
        ("Wiederaufbau", "aufbau"),
    ],
)
def test_no_junk_splits(word: str, junk: str) -> None:
    assert junk not in analyze(word)


def test_compound_split_parts_are_words() -> None:
    assert split_compound("bundestagswahl") == ("bundestags", "wahl")
    assert split_compound("soldaten") == ()


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Nato-Gipfel", ["nato", "gipfel", "natogipfel"]),
        ("Kim Jong-un", ["kim", "jong", "un", "jongun"]),
    ],
)
def test_hyphenated_words_index_parts_and_whole(text: str, terms: list[str]) -> None:
    assert analyze(text) == terms


def test_hyphenated_query_is_its_parts() -> None:
    assert analyze("Nato-Gipfel", "query") == ["nato", "gipfel"]


def test_compound_parts_share_the_compound_position() -> None:
    tokens = [
        (t.text, t.pos)
        for t in german_analyzer()("Die Truppenentsendungen enden", positions=True, mode="index")
    ]
    positions = dict(tokens)
    assert positions["trupp"] == positions["truppenentsend"] == positions["entsend"]
    assert positions["end"] == positions["truppenentsend"] + 1


def test_stop_words_are_removed() -> None:
    assert analyze("der die das und über") == []


def test_offsets_point_at_the_original_words() -> None:
    text = "Die Truppenentsendungen über Pjöngjang"
    spans = {term: text[s:e] for term, s, e in term_spans(text)}
    assert spans["entsend"] == "Truppenentsendungen"
    assert spans["pjongjang"] == "Pjöngjang"


def test_analyzer_pickles_for_the_schema() -> None:
    analyzer = pickle.loads(pickle.dumps(german_analyzer()))
    assert [t.text for t in analyzer("Soldaten")] == ["soldat"]


def test_cached_analyzer_equals_the_plain_pipeline() -> None:
    from korpus.analysis import pipeline

    text = (BUNDLED / IDS["002"]).read_text(encoding="utf-8")

    def run(analyzer: object) -> list[tuple[str, int, int, int]]:
        return [
            (t.text, t.pos, t.startchar, t.endchar)
            for t in analyzer(text, positions=True, chars=True, mode="index")  # type: ignore[operator]
        ]

    assert run(german_analyzer()) == run(pipeline())
