"""Marking matched words reads only stretches that can hold a term, and marks
exactly what reading every word marks."""

from __future__ import annotations

import random
import re
import sys
from functools import cache

import pytest

from korpus.analysis import WORD_RE
from korpus.german import fold
from korpus.highlight import SCAN_CHUNK, Matcher, skeleton, word_matches

Span = tuple[int, int]


def every_word(matcher: Matcher, text: str, enough: int | None = None) -> list[Span]:
    """The plain scan: every word of the text decided in order, stopping at the
    first word past a multiple of SCAN_CHUNK once ``enough`` spans are found."""
    spans: list[Span] = []
    checkpoint = SCAN_CHUNK
    for m in WORD_RE.finditer(text):
        if word_matches(m.group(), matcher.terms):
            spans.append(m.span())
        if enough is not None and m.start() > checkpoint:
            if len(spans) >= enough:
                break
            checkpoint += SCAN_CHUNK
    return spans


WORDS = (
    "Merkel Merkels Kanzlerin Straße Strasse Müll Muell Mull Ärzte Aerzte Nato-Gipfel "
    "NATO‐Gipfel Gipfeltreffen Œuvre Øresund Łódź Þing Æsir ıstanbul İstanbul Erdoğan "
    "Dvořák 11.000 3,5 3-Jährige Bundestagswahl Bundestagswahlen Wahl Wahlen "
    "Fußballweltmeisterschaft Fußball quelle Quelle Frauen europäer Europäer ΟΔΥΣΣΕΑΣ "
    "Σοφία straße_neu x-y-z Koalitionsvertrag Vertrag Flüchtlinge Fluechtlinge"
).split()
FILLER = ["der", "die", "und", "(", ")", ",", ".", "–", "\n\n", "\u00a0", "»", "«", "/", "'"]


@cache
def _text(seed: int, length: int) -> str:
    rng = random.Random(seed)
    pieces: list[str] = []
    size = 0
    while size < length:
        pieces.append(rng.choice(WORDS) if rng.random() < 0.3 else rng.choice(FILLER))
        pieces.append(rng.choice([" ", " ", " ", "", "\n", "-", "."]))
        size += len(pieces[-2]) + len(pieces[-1])
    return "".join(pieces)


TERMS = [
    {"merkel"},
    {"strass"},
    {"mull"},
    {"arzt"},
    {"natogipfel"},
    {"gipfel"},
    {"ouvr"},
    {"lodz"},
    {"erdogan"},
    {"11000"},
    {"bundestagswahl", "wahl"},
    {"fussball"},
    {"quell"},
    {"europa"},
    {"οδυσσεας"},
    {"fluchtling"},
    {"vertrag", "koalition"},
]
TEXTS = [(seed, length) for seed in range(3) for length in (300, 5_000, 20_000)]


@pytest.mark.parametrize("enough", [None, 1, 9, 40])
@pytest.mark.parametrize("terms", TERMS, ids=lambda t: "+".join(sorted(t)))
@pytest.mark.parametrize("seed,length", TEXTS)
def test_marks_what_reading_every_word_marks(
    seed: int, length: int, terms: set[str], enough: int | None
) -> None:
    text = _text(seed, length)
    matcher = Matcher(terms)
    assert matcher.spans(text, enough) == every_word(matcher, text, enough)


def test_long_gaps_between_words() -> None:
    text = "Merkel " + " " * 20_000 + "Merkel. " * 30 + "-" * 9_000 + " Merkel"
    matcher = Matcher({"merkel"})
    for enough in (None, 1, 9, 31, 32):
        assert matcher.spans(text, enough) == every_word(matcher, text, enough)


# Every character a word can hold.
_IN_WORD = re.compile(r"[\w.,\-‐]")


def test_a_words_folded_skeleton_is_its_own() -> None:
    """The quick test skips no match: letter by letter, the skeleton of what
    folding makes of a letter is the skeleton of the letter as it stands."""
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        letter = chr(code)
        if not _IN_WORD.match(letter):
            continue
        assert skeleton(fold(letter.lower())) == skeleton(letter), hex(code)


@pytest.mark.parametrize(
    "text,term",
    [
        ("Straße", "strass"),
        ("Nato-Gipfel", "natogipfel"),
        ("Ærø", "aero"),
        ("Œuvre", "ouvr"),
        ("Müll", "mull"),
        ("Muell", "mull"),
        ("11.000", "11000"),
    ],
)
def test_a_skeleton_holds_its_terms(text: str, term: str) -> None:
    assert skeleton(term) in skeleton(text)

