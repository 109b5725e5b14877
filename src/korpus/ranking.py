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
    """Evaluates queries against one segment of the index.

    An ``And`` first finds the documents all its parts match, from sets of
    document numbers, and scores its parts in those documents only.
    """

    def __init__(self, searcher: Any, top: Any) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.schema = searcher.schema
        self.weighting = top.weighting
        self.context = top.context(needs_current=True)
        self._lengths: dict[str, bytes] = {}
        self._norm_cache: dict[tuple[str, float, float, float], list[float]] = {}
        self._postings: dict[tuple[str, bytes], tuple[list[int], list[float]]] = {}

    def evaluate(self, node: Any, within: set[int] | None = None) -> Scores:
        """The documents ``node`` matches (only those ``within``, when given),
        each with the score Whoosh gives it."""
        from whoosh import query as q

        kind = type(node)
        if kind is q.Term and not node.minquality:
            return self._term(node, within)
        if _compound(node):
            subs = node.subqueries
            if not subs:
                return {}
            if len(subs) == 1:
                # Whoosh's compound of one part is that part, its boost unapplied.
                return self.evaluate(subs[0], within)
            if kind is q.Or:
                combined = _union([self.evaluate(sub, within) for sub in subs])
            else:
                keep = self._all_of(subs, within)
                if not keep:
                    return {}
                combined = _intersection([self.evaluate(sub, keep) for sub in subs])
            if node.boost != 1.0:
                boost = node.boost
                combined = {docnum: score * boost for docnum, score in combined.items()}
            return combined
        if kind is q.AndNot:
            scored = self.evaluate(node.a, within)
            if not scored:
                return scored
            left_out = self.docs(node.b)
            return {d: s for d, s in scored.items() if d not in left_out}
        if kind is q.Phrase and node.slop == 1 and len(node.words) > 1:
            return self._phrase(node, within)
        return _only(self._matched(node), within)

    def docs(self, node: Any) -> set[int]:
        """The documents ``node`` matches, without scores where that is cheaper."""
        from whoosh import query as q

        kind = type(node)
        if kind is q.Term and not node.minquality:
            term = self._resolve(node.fieldname, node.text)
            if term is None:
                return set()
            postings = self._term_postings(*term)
            if postings is not None:
                return set(postings[0])
        elif _compound(node) and node.subqueries:
            if kind is q.Or:
                return set().union(*(self.docs(sub) for sub in node.subqueries))
            return self._all_of(node.subqueries, None)
        elif kind is q.AndNot:
            return self.docs(node.a) - self.docs(node.b)
        return set(self.evaluate(node))

    def _all_of(self, subs: list[Any], within: set[int] | None) -> set[int]:
        """The documents every one of ``subs`` matches (only those ``within``)."""
        keep = within
        for sub in subs:
            found = self.docs(sub)
            keep = found if keep is None else keep & found
            if not keep:
                return set()
        return keep if keep is not None else set()

    def _matched(self, node: Any) -> Scores:
        """Whoosh's own matcher for the parts evaluated nowhere else."""
        matcher = node.matcher(self.searcher, self.context)
        found: Scores = {}
        while matcher.is_active():
            found[matcher.id()] = matcher.score()
            matcher.next()
        return found

    def _resolve(self, fieldname: str, word: Any) -> tuple[str, bytes] | None:
        """The field and term as the index holds them, or None when it holds none."""
        if fieldname not in self.schema:
            return None
        try:
            text = self.schema[fieldname].to_bytes(word)
        except ValueError:
            return None
        if (fieldname, text) not in self.reader:
            return None
        return fieldname, text

    def _term(self, node: Any, within: set[int] | None) -> Scores:
        term = self._resolve(node.fieldname, node.text)
        if term is None:
            return {}
        found = self._term_scores(*term, within)
        if found is None:
            return _only(self._matched(node), within)
        if node.boost != 1.0:
            boost = node.boost
            return {docnum: score * boost for docnum, score in found.items()}
        return found

    def _term_postings(self, fieldname: str, text: bytes) -> tuple[list[int], list[float]] | None:
        """A term's document numbers and weights, when it is scored by BM25F."""
        key = (fieldname, text)
        found = self._postings.get(key)
        if found is None:
            if self.lengths(fieldname) is None:
                return None
            ids: list[int] = []
            weights: list[float] = []
            for block_ids, block_weights, _ in _blocks(self.reader.postings(fieldname, text)):
                ids.extend(block_ids)
                weights.extend(block_weights)
            found = self._postings[key] = (ids, weights)
        return found

    def _term_scores(self, fieldname: str, text: bytes, within: set[int] | None) -> Scores | None:
        """The BM25F score of each document holding the term (only those
        ``within``), or None when the index is scored some other way."""
        from whoosh.scoring import BM25FScorer

        scorer = self.weighting.scorer(self.searcher, fieldname, text)
        postings = self._term_postings(fieldname, text)
        if type(scorer) is not BM25FScorer or postings is None:
            return None
        norms = self._norms(fieldname, scorer)
        if norms is None:
            return None
        # whoosh.scoring.bm25 with the length part looked up: the same operations
        # in the same order, so the very same floats.
        idf = scorer.idf
        k1_plus_1 = scorer.K1 + 1
        pairs = zip(*postings, strict=True)
        if within is None:
            return {d: idf * ((w * k1_plus_1) / (w + norms[d])) for d, w in pairs}
        return {d: idf * ((w * k1_plus_1) / (w + norms[d])) for d, w in pairs if d in within}

    def _norms(self, fieldname: str, scorer: Any) -> list[float] | None:
        """Each document's length part of BM25F, ``K1 * ((1 - B) + B * fl / avgfl)``."""
        from whoosh.util.numeric import byte_to_length

        key = (fieldname, scorer.B, scorer.K1, scorer.avgfl)
        found = self._norm_cache.get(key)
        if found is None:
            raw = self.lengths(fieldname)
            if raw is None:
                return None
            k1, b, avgfl = scorer.K1, scorer.B, scorer.avgfl
            by_byte = [k1 * ((1 - b) + b * byte_to_length(n) / avgfl) for n in range(256)]
            found = self._norm_cache[key] = list(map(by_byte.__getitem__, raw))
        return found

    def _phrase(self, node: Any, within: set[int] | None) -> Scores:
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
            term = self._resolve(fieldname, word)
            if term is None:
                return {}
            texts.append(term[1])
        keep = within
        for text in texts:
            postings = self._term_postings(fieldname, text)
            if postings is None:
                return _only(self._matched(node), within)
            keep = set(postings[0]) if keep is None else keep & set(postings[0])
            if not keep:
                return {}
        assert keep is not None
        decode = field.format.decoder("positions")
        starts: dict[int, set[int]] = {}
        for offset, text in enumerate(texts):
            found: dict[int, set[int]] = {}
            for ids, _, values in _blocks(self.reader.postings(fieldname, text), values=True):
                for i, docnum in enumerate(ids):
                    if docnum not in keep:
                        continue
                    begins = {p - offset for p in decode(values[i])}
                    if offset:
                        begins &= starts[docnum]
                    if begins:
                        found[docnum] = begins
            starts = found
            if not starts:
                return {}
            keep = set(starts)
        parts: list[Scores] = []
        for text in texts:
            part = self._term_scores(fieldname, text, keep)
            assert part is not None
            parts.append(part)
        scored = _intersection(parts)
        if node.boost != 1.0:
            boost = node.boost
            return {docnum: score * boost for docnum, score in scored.items()}
        return scored

    def lengths(self, fieldname: str) -> bytes | None:
        """Every document's length byte in ``fieldname``."""
        found = self._lengths.get(fieldname)
        if found is None:
            loaded = _field_lengths(self.reader, fieldname)
            if loaded is None:
                return None
            found = self._lengths[fieldname] = loaded
        return found


def _only(scores: Scores, within: set[int] | None) -> Scores:
    if within is None:
        return scores
    return {docnum: score for docnum, score in scores.items() if docnum in within}


def _compound(node: Any) -> bool:
    """An ``And``, or an ``Or`` that simply adds up the scores of its parts."""
    from whoosh import query as q

    kind = type(node)
    return kind is q.And or (kind is q.Or and not node.scale and not node.minmatch)


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


def _field_lengths(reader: Any, fieldname: str) -> bytes | None:
    """Each document's length in ``fieldname`` as the byte Whoosh keeps for it
    (:func:`whoosh.util.numeric.byte_to_length` decodes it), read at once
    instead of one seek a document."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield

    perdoc: Any = getattr(reader, "_perdoc", None)
    if type(perdoc) is not W3PerDocReader:
        return None
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return None
    doccount = reader.doc_count_all()
    raw: bytes = column._dbfile.get(column._basepos, column._count)
    # Documents past the column's end have the column's default.
    padding: bytes = bytes([column._default]) * (doccount - len(raw))
    return raw + padding
