"""German word forms: Lucene's normalisation and an inflection-only stemmer.

Both work on one lower-case word at a time and are pure, so the analyzer can
remember their results per word.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Prefixes that stay on a verb ("be|schließen", "ver|wahren"); a participle takes
# no "ge" after one ("beschlossen").
INSEPARABLE_PREFIXES = ("be", "emp", "ent", "er", "miss", "ver", "zer")

# Letters without a decomposition that still stand for a plain one.
PLAIN_FOLDS = {"ß": "ss", "ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th"}


def _letter_table() -> dict[int, str]:
    """ä, ö, ü → a, o, u as Lucene folds them, and every accented Latin letter
    of other languages to its base letter ("Erdoğan" is searched as "Erdogan",
    "Dvořák" as "Dvorak"), as users type them."""
    import unicodedata

    table = {ord(k): v for k, v in PLAIN_FOLDS.items()}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        if not letter.islower():
            continue
        marks = unicodedata.normalize("NFD", letter)
        base = "".join(c for c in marks if not unicodedata.combining(c))
        if base != letter and base.isascii() and base.isalpha():
            table[code] = base
    return table


_LETTERS = _letter_table()
# Lucene's GermanNormalizationFilter is a three-state machine; read on the
# unfolded word it says: the e after a or o goes, and the e after a u goes when
# that u does not follow a vowel, an umlaut, q, i or y.
_DIGRAPH_E = re.compile(r"(?<=[ao])e|(?<=^u)e|(?<=[^aeiouyqäöü]u)e")


def fold(word: str) -> str:
    """German normalisation exactly as Lucene's GermanNormalizationFilter.

    ß → ss; ä, ö, ü → a, o, u; "ae" and "oe" → a, o; "ue" → u, but not after a
    vowel or q ("frauen", "neuen", "steuern", "quelle" keep their e), and never
    the e after an umlaut ("europäer" → "europaer"). Accented letters of other
    languages lose their accent. Expects lower-case input.
    """
    if "e" in word:
        word = _DIGRAPH_E.sub("", word)
    return word if word.isascii() else word.translate(_LETTERS)


def _german_stopwords() -> frozenset[str]:
    from whoosh.lang import stopwords_for_language

    return frozenset(fold(w) for w in stopwords_for_language("de"))


# Function words ("der", "und", "über"), folded.
STOPWORDS = _german_stopwords()

_VOWELS = frozenset("aeiouyäöü")
_S_ENDINGS = frozenset("bdfghklmnrt")
_ST_ENDINGS = frozenset("bdfghklmnt")


def _r1(word: str) -> int:
    """Start of Snowball's region R1: after the first non-vowel that follows a vowel."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Inflectional stem of a folded German word; numbers are left alone.

    Snowball's German stemmer without its third step: case, number and
    comparison endings go ("krisen" → "kris", "frauen" → "frau", "bayerns" →
    "bayern"), derivational suffixes stay, so "osterreichischen" stems to
    "osterreichisch", not to "osterreich", and "zeitung" never meets "zeit".
    """
    if not word or not word[0].isalpha() or len(word) < 3:
        return word
    # Snowball's prelude: u and y between vowels are consonants.
    marked = list(word)
    for i in range(1, len(marked) - 1):
        if marked[i] in "uy" and marked[i - 1] in _VOWELS and marked[i + 1] in _VOWELS:
            marked[i] = marked[i].upper()
    w = "".join(marked)
    r1 = _r1(w)
    # Step 1: the longest of em, ern, er | e, en, es | s after a valid s-ending.
    for suffix in ("ern", "em", "er", "en", "es", "e", "s"):
        if w.endswith(suffix):
            start = len(w) - len(suffix)
            if suffix == "s" and (start < 1 or w[start - 1] not in _S_ENDINGS):
                break
            # Snowball keeps the "em" of "system".
            if suffix == "em" and w[:start].endswith("syst"):
                break
            if start >= r1:
                w = w[:start]
                if suffix in ("e", "en", "es") and w.endswith("niss"):
                    w = w[:-1]
            break
    # Step 2: the longest of en, er, est | st after a valid st-ending.
    for suffix in ("est", "en", "er", "st"):
        if w.endswith(suffix):
            start = len(w) - len(suffix)
            if suffix == "st" and (start < 4 or w[start - 1] not in _ST_ENDINGS):
                break
            if start >= r1:
                w = w[:start]
            break
    return w.lower()
