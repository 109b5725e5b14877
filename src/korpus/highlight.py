"""Find the words a query matched in an article and cut snippets around them.

Matching runs the article's words through the same analysis as the index, so a
word found through stemming, compounds, folding or a variant is marked as it
stands in the text. Each distinct word is analysed once, which keeps very long
articles cheap: the whole text is scanned, not only its first 32K characters.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from korpus.analysis import MIN_COMPOUND, STOPWORDS, WORD_RE, GermanAnalyzer, analyze, fold
from korpus.german import PLAIN_FOLDS as _PLAIN_FOLDS

Span = tuple[int, int]


@dataclass
class Fragment:
    """A passage of an article with the character spans of matched words in it."""

    text: str
    matches: list[Span]
    start: int


# Splitting compounds needs the word list; most words are matched without it.
_PLAIN = GermanAnalyzer(compounds=False)


@cache
def _plain_terms(word: str) -> frozenset[str]:
    return frozenset(text for text, *_ in _PLAIN.word_terms(word, "index")[0])


@cache
def _all_terms(word: str) -> frozenset[str]:
    return frozenset(analyze(word))


def word_matches(word: str, terms: frozenset[str]) -> bool:
    """Does ``word`` produce one of the query's index ``terms``?

    A term is a stem of the folded word or of one of its parts, so it stands in
    the folded word as it is; most words are ruled out by that alone, without
    analysis, and only compounds that contain a term need the German word list.
    """
    folded = _folded(word)
    if not any(t in folded for t in terms):
        return False
    if _plain_terms(word) & terms:
        return True
    return len(word) >= MIN_COMPOUND and bool(_all_terms(word) & terms)


# Hyphens and thousands separators drop out of index terms ("natogipfel", "11000").
_JOINERS = str.maketrans("", "", "-‐.")


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    return fold(word.lower()).translate(_JOINERS)


SCAN_CHUNK = 8000


@lru_cache(maxsize=32)
def _decisions(terms: frozenset[str]) -> dict[str, bool]:
    return {}


class Matcher:
    """Finds a query's terms in texts, deciding each distinct word once per query."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = frozenset(terms)
        # Function words of a phrase ("die Linke") are not marked wherever they
        # stand, unless they are all the query has.
        if self.terms - STOPWORDS:
            self.terms -= STOPWORDS
        # A long-running process searching the same terms again reuses its decisions.
        self.decided = _decisions(self.terms)
        # A term with an empty skeleton could be anywhere: then every word is read.
        found = {skeleton(t) for t in self.terms}
        self.skeletons = frozenset() if b"" in found else frozenset(found)

    def spans(self, text: str, enough: int | None = None) -> list[Span]:
        """Character spans of the words in ``text`` that match the terms.

        With ``enough``, scanning stops at the first word past a multiple of
        SCAN_CHUNK characters once that many spans are found: plenty for
        snippets, and a long article is not read to its end for them.
        """
        if not self.terms:
            return []
        spans = self._all_spans(text)
        if enough is None or len(spans) < enough:
            return spans
        return spans[: _enough_until(text, spans, enough)]

    def _all_spans(self, text: str) -> list[Span]:
        """Every matching word's span. Only the stretches of text whose
        skeleton holds a term's are split into words, and only the words whose
        skeleton does are analysed: a word's folded skeleton is part of its
        stretch's (see :func:`skeleton`), so nothing left out holds a match.
        """
        decided = self.decided
        terms = self.terms
        wanted = self.skeletons
        spans: list[Span] = []
        for lo, hi in _stretches(text):
            if wanted:
                found = skeleton(text[lo:hi])
                if not any(w in found for w in wanted):
                    continue
            for m in WORD_RE.finditer(text, lo, hi):
                word = m.group()
                hit = decided.get(word)
                if hit is None:
                    if wanted:
                        shape = skeleton(word)
                        hit = any(w in shape for w in wanted) and word_matches(word, terms)
                    else:
                        hit = word_matches(word, terms)
                    decided[word] = hit
                if hit:
                    spans.append(m.span())
        return spans


# Stretches of text tested at once for a term; cut where no word goes on.
STRETCH = 150
_NOT_IN_WORD = re.compile(r"[^\w.,\-‐]")


def _stretches(text: str) -> list[tuple[int, int]]:
    """``text`` cut into stretches of about STRETCH characters, each cut at a
    character no word holds, so splitting a stretch into words finds the very
    words a scan of the whole text finds there."""
    cuts = [0]
    while len(text) - cuts[-1] > STRETCH:
        found = _NOT_IN_WORD.search(text, cuts[-1] + STRETCH)
        if found is None:
            break
        cuts.append(found.start())
    cuts.append(len(text))
    return list(zip(cuts, cuts[1:], strict=False))


# Letters without a decomposition and what folding makes of them (ß → ss, ø → o).
_PLAIN_LETTERS = tuple(_PLAIN_FOLDS.items())
# The e that folding drops after a vowel, and every ASCII character but letters
# and digits (a word's joiners among them).
_SKELETON_DROP = bytes(c for c in range(128) if not chr(c).isalnum() or chr(c) == "e")


def skeleton(text: str) -> bytes:
    """The ASCII letters and digits of ``text`` folded, without its e's.

    Made for a quick test: the skeleton of a word's folded form (:func:`fold`
    of the lower-cased word, joiners dropped) is part of the skeleton of any
    text the word stands in, so a stretch of text whose skeleton holds none of
    the terms' skeletons holds no word that matches one. Works on folded terms
    as well as on raw text.
    """
    lowered = text.lower()
    if not lowered.isascii():
        for letter, folded in _PLAIN_LETTERS:
            if letter in lowered:
                lowered = lowered.replace(letter, folded)
        # Accents come off as in folding: the base letters of the decomposition.
        lowered = unicodedata.normalize("NFD", lowered)
    return lowered.encode("ascii", "ignore").translate(None, _SKELETON_DROP)


def _enough_until(text: str, spans: list[Span], enough: int) -> int:
    """How many of ``spans`` a scan keeps that stops at the first word past a
    multiple of SCAN_CHUNK (counted on from the last such word) once ``enough``
    spans are found, that word's own span included."""
    checkpoint = SCAN_CHUNK
    after = -1
    while True:
        word = _first_word_after(text, max(checkpoint, after))
        if word is None:
            return len(spans)
        kept = bisect_right(spans, (word, len(text) + 1))
        if kept >= enough:
            return kept
        checkpoint += SCAN_CHUNK
        after = word


def _first_word_after(text: str, position: int) -> int | None:
    """Where the first word starting after ``position`` starts, or None."""
    # Back up to a character no word holds, so the words found are whole ones.
    start = min(position + 1, len(text))
    while start > 0 and not _NOT_IN_WORD.match(text, start - 1):
        start -= 1
    for m in WORD_RE.finditer(text, start):
        if m.start() > position:
            return m.start()
    return None


def find_matches(text: str, terms: Iterable[str]) -> list[Span]:
    """Character spans of the words in ``text`` that match any of ``terms``."""
    return Matcher(terms).spans(text)


_SPACE = re.compile(r"\s+")


def _squeeze(text: str, start: int, end: int, spans: list[Span]) -> tuple[str, list[Span]]:
    """``text[start:end]`` on one line, whitespace runs collapsed, spans moved to match."""
    out: list[str] = []
    mapping: list[int] = []
    i = start
    for m in _SPACE.finditer(text, start, end):
        out.append(text[i : m.start()])
        mapping.extend(range(i, m.start()))
        out.append(" ")
        mapping.append(m.start())
        i = m.end()
    out.append(text[i:end])
    mapping.extend(range(i, end))
    squeezed = "".join(out)
    lead = len(squeezed) - len(squeezed.lstrip())
    squeezed = squeezed.strip()
    position = {orig: new - lead for new, orig in enumerate(mapping)}
    moved = []
    for s, e in spans:
        if s >= start and e <= end and s in position and (e - 1) in position:
            moved.append((position[s], position[e - 1] + 1))
    return squeezed, moved


def _window(text: str, anchor: int, width: int) -> tuple[int, int]:
    start = max(0, anchor - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start)
        if 0 <= space < anchor:
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > anchor:
            end = space
    return start, end


def fragments(text: str, spans: list[Span], count: int = 3, width: int = 150) -> list[Fragment]:
    """Up to ``count`` passages of about ``width`` characters with the most matched words."""
    if not text:
        return []
    if not spans:
        start, end = _window(text, 0, width)
        squeezed, _ = _squeeze(text, start, end, [])
        return [Fragment(squeezed, [], start)]
    candidates = []
    for s, _ in spans:
        start, end = _window(text, s, width)
        inside = [sp for sp in spans if sp[0] >= start and sp[1] <= end]
        distinct = len({text[a:b].lower() for a, b in inside})
        candidates.append((distinct, len(inside), -start, start, end))
    candidates.sort(reverse=True)
    chosen: list[tuple[int, int]] = []
    for *_, start, end in candidates:
        if all(end <= a or start >= b for a, b in chosen):
            chosen.append((start, end))
        if len(chosen) == count:
            break
    result = []
    for start, end in sorted(chosen):
        inside = [sp for sp in spans if sp[0] >= start and sp[1] <= end]
        squeezed, moved = _squeeze(text, start, end, inside)
        result.append(Fragment(squeezed, moved, start))
    return result


SEPARATOR = " … "


def join_fragments(parts: list[Fragment], text_length: int) -> tuple[str, list[Span]]:
    """One snippet string from fragments, with match offsets into that string."""
    pieces: list[str] = []
    matches: list[Span] = []
    length = 0
    for i, frag in enumerate(parts):
        prefix = SEPARATOR.lstrip() if i == 0 and frag.start > 0 else ""
        if i > 0:
            prefix = SEPARATOR
        pieces.append(prefix)
        length += len(prefix)
        matches.extend((s + length, e + length) for s, e in frag.matches)
        pieces.append(frag.text)
        length += len(frag.text)
    if parts and parts[-1].start + len(parts[-1].text) < text_length:
        pieces.append(SEPARATOR.rstrip())
    return "".join(pieces), matches
