"""Every match of a query with its score, read from whole posting lists.

Whoosh walks a query's matchers one document at a time, several Python calls
per matcher and document, and reads each document's field length on its own;
a search that needs the exact number of matches pays that for every match.
Here the common parts of a query are evaluated a posting block at a time
instead: a term's postings into a dict of scores (BM25F from the block's
weights and the segment's field lengths, read once), ``Or`` and ``And`` as
sums over those dicts, ``AndNot`` as a difference. Any other part (a phrase, a
``Not``, a wildcard) is handed to Whoosh's own matcher and its scores taken as
they come, so every query gets the scores Whoosh gives it, in far fewer calls.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from typing import Any

Scores = dict[int, float]


def scored_matches(searcher: Any, query: Any) -> Scores:
    """Every document ``query`` matches (index-wide numbers) with its score."""
    found: Scores = {}
    for sub, offset in searcher.leaf_searchers():
        segment = _Segment(sub, searcher)
        scores = segment.evaluate(query)
        if offset:
            found.update((docnum + offset, score) for docnum, score in scores.items())
        else:
            found.update(scores)
    return found


def best(scores: Scores, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best-scored documents, best first; a tie goes to the lower
    document number, as with Whoosh's own top-N collector."""
    top = heapq.nlargest(limit, scores.items(), key=lambda item: (item[1], -item[0]))
    return [(docnum, score) for docnum, score in top]


class _Segment:
    """Evaluates queries against one segment of the index."""

    def __init__(self, searcher: Any, top: Any) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.schema = searcher.schema
        self.weighting = top.weighting
        self.context = top.context(needs_current=True)
        self._lengths: dict[str, Sequence[int]] = {}

    def evaluate(self, node: Any) -> Scores:
        from whoosh import query as q

        kind = type(node)
        if kind is q.Term and not node.minquality:
            return self._term(node)
        if kind in (q.Or, q.And) and not (kind is q.Or and (node.scale or node.minmatch)):
            subs = node.subqueries
            if not subs:
                return {}
            if len(subs) == 1:
                # Whoosh's compound of one part is that part, its boost unapplied.
                return self.evaluate(subs[0])
            parts = [self.evaluate(sub) for sub in subs]
            combined = _union(parts) if kind is q.Or else _intersection(parts)
            if node.boost != 1.0:
                boost = node.boost
                combined = {docnum: score * boost for docnum, score in combined.items()}
            return combined
        if kind is q.Phrase and node.slop == 1 and len(node.words) > 1:
            return self._phrase(node)
        if kind is q.AndNot:
            scored = self.evaluate(node.a)
            if not scored:
                return scored
            left_out = self.evaluate(node.b)
            return {d: s for d, s in scored.items() if d not in left_out}
        return self._matched(node)

    def _matched(self, node: Any) -> Scores:
        """Whoosh's own matcher for the parts evaluated nowhere else."""
        matcher = node.matcher(self.searcher, self.context)
        found: Scores = {}
        while matcher.is_active():
            found[matcher.id()] = matcher.score()
            matcher.next()
        return found

    def _term(self, node: Any) -> Scores:
        fieldname = node.fieldname
        if fieldname not in self.schema:
            return {}
        try:
            text = self.schema[fieldname].to_bytes(node.text)
        except ValueError:
            return {}
        if (fieldname, text) not in self.reader:
            return {}
        found = self._term_scores(fieldname, text)
        if found is None:
            return self._matched(node)
        if node.boost != 1.0:
            boost = node.boost
            return {docnum: score * boost for docnum, score in found.items()}
        return found

    def _term_scores(self, fieldname: str, text: bytes) -> Scores | None:
        """The BM25F score of each document holding the term, or None when the
        index is scored some other way."""
        from whoosh.scoring import BM25FScorer

        scorer = self.weighting.scorer(self.searcher, fieldname, text)
        if type(scorer) is not BM25FScorer:
            return None
        lengths = self.lengths(fieldname)
        if lengths is None:
            return None
        score = scorer._score
        found: Scores = {}
        for ids, weights, _ in _blocks(self.reader.postings(fieldname, text)):
            found.update((d, score(w, lengths[d])) for d, w in zip(ids, weights, strict=True))
        return found

    def _phrase(self, node: Any) -> Scores:
        """Whoosh's phrase: the documents where the words stand one after the
        other, scored as the sum of the words' own scores."""
        fieldname = node.fieldname
        if fieldname not in self.schema:
            return {}
        field = self.schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return self._matched(node)
        texts = []
        for word in node.words:
            try:
                text = field.to_bytes(word)
            except ValueError:
                return {}
            if (fieldname, text) not in self.reader:
                return {}
            texts.append(text)
        parts = []
        for text in texts:
            part = self._term_scores(fieldname, text)
            if part is None:
                return self._matched(node)
            parts.append(part)
        candidates = _intersection(parts)
        if not candidates:
            return candidates
        decode = field.format.decoder("positions")
        starts: dict[int, set[int]] | None = None
        for offset, text in enumerate(texts):
            wanted = candidates if starts is None else starts
            found: dict[int, set[int]] = {}
            for ids, _, values in _blocks(self.reader.postings(fieldname, text), values=True):
                for i, docnum in enumerate(ids):
                    if docnum not in wanted:
                        continue
                    begins = {p - offset for p in decode(values[i])}
                    if starts is not None:
                        begins &= starts[docnum]
                    if begins:
                        found[docnum] = begins
            starts = found
            if not starts:
                return {}
        assert starts is not None
        boost = node.boost
        if boost != 1.0:
            return {docnum: candidates[docnum] * boost for docnum in starts}
        return {docnum: candidates[docnum] for docnum in starts}

    def lengths(self, fieldname: str) -> Sequence[int] | None:
        """Every document's length in ``fieldname``, as Whoosh's scorer reads it."""
        found = self._lengths.get(fieldname)
        if found is None:
            loaded = _field_lengths(self.reader, fieldname)
            if loaded is None:
                return None
            found = self._lengths[fieldname] = loaded
        return found


def _union(parts: list[Scores]) -> Scores:
    parts = sorted(parts, key=len, reverse=True)
    combined = dict(parts[0])
    for part in parts[1:]:
        get = combined.get
        for docnum, score in part.items():
            before = get(docnum)
            combined[docnum] = score if before is None else before + score
    return combined


def _intersection(parts: list[Scores]) -> Scores:
    parts = sorted(parts, key=len)
    combined = dict(parts[0])
    for part in parts[1:]:
        combined = {d: s + part[d] for d, s in combined.items() if d in part}
        if not combined:
            break
    return combined


def _blocks(
    matcher: Any, values: bool = False
) -> Iterator[tuple[Sequence[int], Sequence[float], Sequence[Any]]]:
    """A term's postings as (document numbers, weights, encoded values), a block
    at a time; the values only when asked for."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching.wrappers import FilterMatcher

    deleted: Any = ()
    if type(matcher) is FilterMatcher and matcher._exclude and matcher.boost == 1.0:
        # Deleted documents: the reader filters them out of the postings.
        deleted = matcher._ids
        matcher = matcher.child
    if type(matcher) is not W3LeafMatcher:
        rows = []
        while matcher.is_active():
            if matcher.id() not in deleted:
                rows.append((matcher.id(), matcher.weight(), matcher.value() if values else None))
            matcher.next()
        yield [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
        return
    while matcher.is_active():
        start = matcher._i
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        block_ids = matcher._ids[start:]
        block_weights = matcher._weights[start:]
        block_values: Sequence[Any] = ()
        if values:
            if matcher._values is None:
                matcher._read_values()
            block_values = matcher._values[start:]
        if deleted:
            kept = [i for i, d in enumerate(block_ids) if d not in deleted]
            block_ids = [block_ids[i] for i in kept]
            block_weights = [block_weights[i] for i in kept]
            if values:
                block_values = [block_values[i] for i in kept]
        yield block_ids, block_weights, block_values
        matcher._next_block()


def _field_lengths(reader: Any, fieldname: str) -> Sequence[int] | None:
    """Each document's length in ``fieldname`` as ``doc_field_length`` decodes it:
    one byte a document, read at once instead of one seek a document."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
    from whoosh.util.numeric import byte_to_length

    perdoc: Any = getattr(reader, "_perdoc", None)
    if type(perdoc) is not W3PerDocReader:
        return None
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return None
    doccount = reader.doc_count_all()
    raw = column._dbfile.get(column._basepos, column._count)
    decoded = [byte_to_length(b) for b in raw]
    # Documents past the column's end have the column's default.
    decoded.extend([byte_to_length(column._default)] * (doccount - len(decoded)))
    return decoded
