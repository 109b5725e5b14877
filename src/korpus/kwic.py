"""Keyword in context: every match of a query with the words to its left and right.

The concordance communication scientists read (quanteda's ``kwic``): one line
per match, the left context, the match, the right context. Matches are found by
the highlighter, so a line appears for every word search marks, through stems,
compounds, folding and spelling variants; adjacent matched words (a phrase) make
one match.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from korpus.analysis import WORD_RE
from korpus.highlight import Matcher, Span
from korpus.index import open_index

Sort = Literal["relevance", "newest", "oldest"]
_SPACE = re.compile(r"\s+")
# Matched words separated only by this are one match ("Kim Jong-un", "Olaf Scholz").
_JOIN = re.compile(r"[\s\-‐]{1,2}")


@dataclass
class KwicLine:
    """One match in one article, with its context."""

    id: str
    path: str
    date: str | None
    date_precision: str | None
    source: str | None
    title: str | None
    left: str
    match: str
    right: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Concordance:
    query: str
    lines: list[KwicLine]
    articles: int
    total: int
    filters: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    undated_left_out: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "filters": self.filters,
            "articles": self.articles,
            "total": self.total,
            "lines": [line.to_dict() for line in self.lines],
        }


def join_phrases(text: str, spans: list[Span]) -> list[Span]:
    """Spans of adjacent matched words merged into one."""
    merged: list[Span] = []
    for start, end in spans:
        if merged and _JOIN.fullmatch(text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """``width`` characters left of ``start`` and right of ``end``, on one line.

    Whitespace runs count as one space; a word cut at the outer edge is dropped,
    so a context begins and ends with whole words.
    """
    raw_left = _SPACE.sub(" ", text[max(0, start - 3 * width) : start])
    raw_right = _SPACE.sub(" ", text[end : end + 3 * width])
    left = raw_left[-width:] if width else ""
    right = raw_right[:width] if width else ""
    if len(raw_left) > width and left and not raw_left[-width - 1].isspace():
        left = left.split(" ", 1)[1] if " " in left else ""
    if len(raw_right) > width and right and not raw_right[width].isspace():
        right = right.rsplit(" ", 1)[0] if " " in right else ""
    return left.lstrip(), right.rstrip()


def phrase_length(query: str) -> int:
    """Words in a query that is one quoted phrase, else 1: a phrase's lines show it whole."""
    m = re.fullmatch(r'\s*"([^"]+)"(?:~\d+)?\s*', query)
    return len(WORD_RE.findall(m.group(1))) if m else 1


def lines_of(
    text: str, matcher: Matcher, width: int, words: int = 1
) -> list[tuple[int, int, str, str, str]]:
    """(start, end, left, match, right) for every match in ``text`` of ``words`` words."""
    found = []
    for start, end in join_phrases(text, matcher.spans(text)):
        if words > 1 and len(WORD_RE.findall(text[start:end])) < words:
            continue
        left, right = context(text, start, end, width)
        found.append((start, end, left, _SPACE.sub(" ", text[start:end]), right))
    return found


def kwic(
    index_dir: Path,
    query: str,
    filters: Any = None,
    width: int = 40,
    limit: int | None = None,
    sort: Sort = "relevance",
    exact: bool = False,
    count_all: bool = True,
) -> Concordance:
    """The concordance of ``query``: every match in every article the search finds.

    Articles come in search order (``sort``), matches in text order within each;
    ``limit`` caps the number of lines, ``total`` counts them all. Without
    ``count_all``, reading stops at the limit and ``total`` is -1 (unknown): a
    screenful of lines from a common word need not read every article.
    """
    from korpus.expansion import bound_query
    from korpus.search import Filters, matched_terms, parse_query

    started = time.perf_counter()
    filters = filters or Filters()
    ix, info = open_index(index_dir)
    lines: list[KwicLine] = []
    total = 0
    try:
        with ix.searcher() as searcher:
            data_dir = info["data_dir"]
            parsed = parse_query(query, ix.schema, None if exact else data_dir, searcher)
            # Its cuts are the same as search reports for the query.
            parsed, _ = bound_query(parsed, searcher.reader(), data_dir)
            allowed = filters.allowed(searcher, data_dir)
            docnums: list[int] = []
            if allowed != set():
                kwargs: dict[str, Any] = {"limit": None, "filter": allowed}
                if sort == "newest":
                    kwargs |= {"sortedby": "date_start", "reverse": True}
                elif sort == "oldest":
                    kwargs |= {"sortedby": "date_asc"}
                docnums = [hit.docnum for hit in searcher.search(parsed, **kwargs)]
            left_out = filters.undated_left_out(searcher, data_dir, parsed)
            matcher = Matcher(matched_terms(parsed, searcher))
            for docnum in docnums:
                if not count_all and limit is not None and len(lines) >= limit:
                    total = -1
                    break
                stored = searcher.stored_fields(docnum)
                record = stored["record"]
                text = stored.get("text", "")
                found = lines_of(text, matcher, width, phrase_length(query))
                total += len(found)
                for start, end, left, match, right in found:
                    if limit is not None and len(lines) >= limit:
                        break
                    lines.append(
                        KwicLine(
                            id=record["id"],
                            path=record["path"],
                            date=record.get("date"),
                            date_precision=record.get("date_precision"),
                            source=record.get("source"),
                            title=record.get("title"),
                            left=left,
                            match=match,
                            right=right,
                            start=start,
                            end=end,
                        )
                    )
    finally:
        ix.close()
    return Concordance(
        query,
        lines,
        len(docnums),
        total,
        filters.to_dict(),
        time.perf_counter() - started,
        left_out,
    )
