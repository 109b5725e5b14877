"""Find the words a query matched in an article and cut snippets around them.

Matching runs the article's words through the same analysis as the index, so a
word found through stemming, compounds, folding or a variant is marked as it
stands in the text. Each distinct word is analysed once, which keeps very long
articles cheap: the whole text is scanned, not only its first 32K characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from korpus.analysis import MIN_COMPOUND, STOPWORDS, WORD_RE, GermanAnalyzer, analyze, fold

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

    def spans(self, text: str, enough: int | None = None) -> list[Span]:
        """Character spans of the words in ``text`` that match the terms.

        With ``enough``, scanning stops at the first paragraph break past
        SCAN_CHUNK characters once that many spans are found: plenty for snippets,
        and a long article is not read to its end for them.
        """
        if not self.terms:
            return []
        decided = self.decided
        spans: list[Span] = []
        checkpoint = SCAN_CHUNK
        for m in WORD_RE.finditer(text):
            word = m.group()
            hit = decided.get(word)
            if hit is None:
                hit = decided[word] = word_matches(word, self.terms)
            if hit:
                spans.append(m.span())
            if enough is not None and m.start() > checkpoint:
                if len(spans) >= enough:
                    break
                checkpoint += SCAN_CHUNK
        return spans


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
