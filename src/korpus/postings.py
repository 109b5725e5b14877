"""Indexing without a Token per word: postings straight from each word's analysis.

Whoosh indexes a text field by running its analyzer (one Token object through
every filter for each word), gathering each term's positions, and putting every
posting into a sorting pool, which it sorts at commit and writes one posting at
a time. :class:`FastWriter` does the same work for fields whose analysis goes
word by word (the German analysis and a lower-cased word tokenizer): each
distinct word is analysed once per writer, each term's postings are kept in
arrays in document order (nothing to sort), and each term's blocks are written
whole. The segment it writes holds exactly what Whoosh's own writer would write;
every other field takes Whoosh's own path.
"""

from __future__ import annotations

import gc
import heapq
import marshal
import re
import struct
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from pickle import dumps
from typing import Any

from whoosh import formats
from whoosh.analysis import CompositeAnalyzer, LowercaseFilter, RegexTokenizer
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.system import pack_uint
from whoosh.util import random_name
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from korpus.analysis import WORD_RE, GermanAnalyzer, forget_words, remembered_words

# (term, position step, start offset, end offset) for each term of a word, and
# how many positions the word takes.
WordTerms = tuple[tuple[tuple[str, int, int, int], ...], int]
# A term's postings in document order: document numbers, weights, encoded values.
TermPostings = tuple["array[int]", "array[float]", list[bytes]]


def word_analysis(analyzer: Any) -> tuple[re.Pattern[str], Callable[[str], WordTerms]] | None:
    """How ``analyzer`` splits a text into words and what each word becomes, when
    its result for a text is its words' results one after the other; else None."""
    if isinstance(analyzer, GermanAnalyzer):
        return WORD_RE, lambda word: analyzer.word_terms(word, "index")
    if isinstance(analyzer, CompositeAnalyzer) and len(analyzer.items) == 2:
        tokenizer, lower = analyzer.items
        if (
            type(tokenizer) is RegexTokenizer
            and not tokenizer.gaps
            and type(lower) is LowercaseFilter
        ):
            pattern: re.Pattern[str] = tokenizer.expression
            return pattern, lambda word: (((word.lower(), 0, 0, len(word)),), 1)
    return None


class FieldIndexer:
    """A field's postings for one text: each term with its frequency, weight and
    the value its format encodes (positions, character offsets or frequency),
    as ``field.index(value)`` gives them."""

    def __init__(self, field: Any) -> None:
        found = word_analysis(field.analyzer)
        assert found is not None
        self.finditer = found[0].finditer
        self.analyse = found[1]
        self.memo: dict[str, WordTerms] = {}
        self.analyzer = field.analyzer
        fmt = field.format
        self.boost = float(fmt.field_boost)
        self.kind = type(fmt)

    def forget_words(self) -> None:
        """Drop the words analysed so far (here and in the analyzer)."""
        self.memo = {}
        forget = getattr(self.analyzer, "forget_words", None)
        if forget is not None:
            forget()

    def occurrences(self, value: str) -> dict[str, list[Any]]:
        """Each term of ``value`` with its positions, or (position, start, end)
        when the format keeps character offsets, in the analyzer's order."""
        memo, analyse = self.memo, self.analyse
        seen: dict[str, list[Any]] = {}
        pos = 0
        chars = self.kind is formats.Characters
        for m in self.finditer(value):
            word = m.group()
            found = memo.get(word)
            if found is None:
                found = memo[word] = analyse(word)
            terms, advance = found
            if chars:
                offset = m.start()
                for text, step, start, end in terms:
                    item = (pos + step, offset + start, offset + end)
                    if text in seen:
                        seen[text].append(item)
                    else:
                        seen[text] = [item]
            else:
                for text, step, _, _ in terms:
                    if text in seen:
                        seen[text].append(pos + step)
                    else:
                        seen[text] = [pos + step]
            pos += advance
        return seen

    def postings(self, value: str) -> Iterator[tuple[str, int, float, bytes]]:
        """(term, frequency, weight, encoded value) for each term of ``value``."""
        boost, kind = self.boost, self.kind
        for text, items in self.occurrences(value).items():
            freq = len(items)
            yield text, freq, float(freq) * boost, encode(kind, items)


def encode(kind: type, items: list[Any]) -> bytes:
    """A posting's value as Whoosh's format ``kind`` encodes it."""
    if kind is formats.Positions:
        if len(items) == 1:
            # Most terms occur once in a text: their value depends on the position only.
            found = _ONCE.get(items[0])
            if found is None:
                found = _ONCE[items[0]] = bytes(pack_uint(1)) + dumps(items, 2)
            return found
        deltas, base = [], 0
        for pos in items:
            deltas.append(pos - base)
            base = pos
        return bytes(pack_uint(len(deltas))) + dumps(deltas, 2)
    if kind is formats.Characters:
        chars, posbase, charbase = [], 0, 0
        for pos, start, end in items:
            chars.append((pos - posbase, start - charbase, end - start))
            posbase, charbase = pos, end
        return bytes(pack_uint(len(chars))) + dumps(chars, 2)
    if kind is formats.Frequency:
        return bytes(pack_uint(len(items)))
    return b""


_ONCE: dict[int, bytes] = {}

FAST_FORMATS = (formats.Existence, formats.Frequency, formats.Positions, formats.Characters)


def fast_indexer(field: Any) -> FieldIndexer | None:
    """An indexer for a field the fast path covers, or None for Whoosh's own path."""
    if not field.indexed or field.vector or field.column_type is not None:
        return None
    if field.separate_spelling() or type(field.format) not in FAST_FORMATS:
        return None
    if word_analysis(getattr(field, "analyzer", None)) is None:
        return None
    return FieldIndexer(field)


# A block whose pickle is shorter than this is written as it is: zlib gains next
# to nothing on it, and setting up a compressor costs more than the rest of the
# block's writing. Most terms occur in one or two documents.
MIN_COMPRESSED = 256


class QuickBlockWriter(W3PostingsWriter):  # type: ignore[misc]
    """Whoosh 3's postings writer, compressing only blocks worth compressing.

    Readers see the compression level in each block's header, so both kinds of
    block read back the same.
    """

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 2)
        comp = self._compression if len(databytes) >= MIN_COMPRESSED else 0
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class QuickCodec(W3Codec):  # type: ignore[misc]
    """Whoosh 3's codec for writing postings with :class:`QuickBlockWriter`.

    Only the field writer uses it; segments keep Whoosh's own codec, so an
    index reads without korpus's writing classes.
    """

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return QuickBlockWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


# Run files a writer keeps before merging them into one (each is open at the merge).
MAX_RUNS = 64

# Documents between two freezes of the garbage collector's view (see FastWriter).
FREEZE_EVERY = 32

# What holding a posting costs in memory, in bytes: its document number and
# weight in arrays, its slot in the list of values, and the value itself (most
# are a few bytes, in a bytes object of 33 bytes plus its length).
POSTING_BYTES = 16 + 33
# What a term's first posting costs besides: the dict slot, the term's string,
# the tuple, both arrays and the list.
TERM_BYTES = 420
# What remembering a word's analysis costs: in this writer's memo (with the
# analyzer's own copy), and in each of the analysis caches behind it (about 11
# results a word). Measured: about 20 MB of memos and 38 MB of caches for
# 39,000 words.
MEMO_BYTES = 400
CACHE_BYTES = 100


class FastWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's segment writer, with the fast path for the fields it covers.

    The postings it holds are millions of small objects that live until the
    commit; the garbage collector would walk them again and again (a quarter of
    the time of adding documents). Every few documents they are frozen out of
    its view, and given back to it when the segment is written or cancelled.

    Memory stays bounded: when the postings held pass ``limitmb`` (as Whoosh's
    own pool counts its postings), they go to a run file in the writer's
    temporary folder, sorted by term, and the writing of the segment merges the
    runs. Documents only ever get higher numbers, so a term's postings from one
    run after the other stay in document order. The analyses of distinct words,
    remembered so that a word is analysed once, are dropped when they would take
    more than ``limitmb`` too (see :meth:`_bound_words`): the vocabulary grows
    with the corpus.
    """

    def __init__(self, ix: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.fieldwriter._codec = QuickCodec()
        self._indexers: dict[str, FieldIndexer | None] = {}
        # field → term → postings, each in document order
        self._terms: dict[str, dict[str, TermPostings]] = {}
        self._limit = limitmb * 1024 * 1024
        self._held = 0
        self._memo_limit = self._limit // MEMO_BYTES
        self._cache_limit = self._limit // CACHE_BYTES
        # Names of the run files in the temporary folder, oldest first.
        self.runs: list[str] = []

    def _indexer(self, fieldname: str) -> FieldIndexer | None:
        if fieldname not in self._indexers:
            self._indexers[fieldname] = fast_indexer(self.schema[fieldname])
        return self._indexers[fieldname]

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_post = self.pool.add
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        # Postings of the fast fields join the pool only once the document is whole.
        pending: list[tuple[str, list[tuple[str, int, float, bytes]]]] = []
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                indexer = self._indexer(fieldname) if isinstance(value, str) else None
                if indexer is not None:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    items = [
                        (text, freq, weight * fieldboost, vbytes)
                        for text, freq, weight, vbytes in indexer.postings(value)
                    ]
                    if field.scorable:
                        length = sum(item[1] for item in items)
                    pending.append((fieldname, items))
                elif field.indexed:
                    vbytes = b""
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if scorable:
                            length += freq
                        add_post((fieldname, tbytes, docnum, weight * fieldboost, vbytes))
                    if field.separate_spelling():
                        spellfield = field.spelling_fieldname(fieldname)
                        for word in field.spellable_words(value):
                            add_post((spellfield, word.encode("utf-8"), 0, 1, vbytes))
                    if field.vector:
                        vitems = field.vector.word_values(value, field.analyzer, mode="index")
                        perdocwriter.add_vector_items(
                            fieldname, field, sorted((t, w, v) for t, _, w, v in vitems)
                        )
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(
                    fieldname, field, customval if field.stored else None, length
                )
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        held = 0
        for fieldname, items in pending:
            terms = self._terms.setdefault(fieldname, {})
            held += POSTING_BYTES * len(items)
            for text, _, weight, vbytes in items:
                entry = terms.get(text)
                if entry is None:
                    entry = terms[text] = (array("I"), array("f"), [])
                    held += TERM_BYTES + len(text)
                entry[0].append(docnum)
                entry[1].append(weight)
                entry[2].append(vbytes)
                held += len(vbytes)
        self._added = True
        self.docnum += 1
        self._held += held
        if self._held > self._limit:
            self._spill()
        if self.docnum % FREEZE_EVERY == 0:
            self._bound_words()
            gc.freeze()

    def _bound_words(self) -> None:
        """Drop remembered analyses past the limit: the caches behind the memo
        first, which only a new word needs; the memo itself, which spares
        every word seen again its analysis, only once it alone is too large."""
        indexers = [found for found in self._indexers.values() if found is not None]
        if sum(len(found.memo) for found in indexers) > self._memo_limit:
            for found in indexers:
                found.forget_words()
            forget_words()
        elif remembered_words() > self._cache_limit:
            forget_words()

    def _spill(self) -> None:
        """Move the postings held to a new run file, and start holding none.

        Past :data:`MAX_RUNS` runs, the runs and the postings held are merged
        into one: the segment's writing opens every run at once.
        """
        terms = _fast_terms(self._terms)
        if len(self.runs) >= MAX_RUNS:
            storage = self._tempstorage
            terms = merge_runs([*(_run_terms(storage, name) for name in self.runs), terms])
            self.runs = []
        name = f"{random_name()}.postings"
        self.runs.append(name)
        with self._tempstorage.create_file(name) as out:
            write_run(out, terms)
        self._terms = {}
        self._held = 0
        gc.unfreeze()

    def _held_terms(self) -> Iterator[tuple[tuple[str, bytes], TermPostings]]:
        """Every term's postings, from the runs and from memory, in term order."""
        storage = self._tempstorage
        sources = [_run_terms(storage, name) for name in self.runs]
        return merge_runs([*sources, _fast_terms(self._terms)])

    def _drop_runs(self) -> None:
        for name in self.runs:
            if self._tempstorage.file_exists(name):
                self._tempstorage.delete_file(name)
        self.runs = []

    def cancel(self) -> None:
        self._terms = {}
        gc.unfreeze()
        try:
            self._drop_runs()
        finally:
            super().cancel()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_postings(
                self.fieldwriter,
                self.schema,
                lengths,
                self.pool.iter_postings(),
                self._held_terms(),
            )
        finally:
            self._terms = {}
            gc.unfreeze()
            self._drop_runs()
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()


_RECORD_SIZE = struct.Struct("<I")


def write_run(out: Any, terms: Iterable[tuple[tuple[str, bytes], TermPostings]]) -> None:
    """Write terms with their postings to a run file, one record a term, in order."""
    size = _RECORD_SIZE.pack
    for (fieldname, btext), (docnums, weights, values) in terms:
        record = marshal.dumps((fieldname, btext, docnums.tobytes(), weights.tobytes(), values))
        out.write(size(len(record)))
        out.write(record)


def read_run(source: Any) -> Iterator[tuple[tuple[str, bytes], TermPostings]]:
    """The terms of a run file with their postings, as :func:`write_run` wrote them."""
    head = _RECORD_SIZE.size
    unpack = _RECORD_SIZE.unpack
    while True:
        prefix = source.read(head)
        if not prefix:
            return
        (length,) = unpack(prefix)
        record = source.read(length)
        if len(prefix) < head or len(record) < length:
            raise OSError(f"a run of postings ends early: {getattr(source, 'name', source)}")
        fieldname, btext, docbytes, weightbytes, values = marshal.loads(record)
        docnums, weights = array("I"), array("f")
        docnums.frombytes(docbytes)
        weights.frombytes(weightbytes)
        yield (fieldname, btext), (docnums, weights, values)


def _run_terms(storage: Any, name: str) -> Iterator[tuple[tuple[str, bytes], TermPostings]]:
    with storage.open_file(name) as source:
        yield from read_run(source)
    storage.delete_file(name)


def _numbered(
    number: int, terms: Iterator[tuple[tuple[str, bytes], TermPostings]]
) -> Iterator[tuple[tuple[str, bytes], int, TermPostings]]:
    for key, postings in terms:
        yield key, number, postings


def merge_runs(
    sources: list[Iterator[tuple[tuple[str, bytes], TermPostings]]],
) -> Iterator[tuple[tuple[str, bytes], TermPostings]]:
    """Several sorted streams of terms as one; a term's postings from several
    streams are joined in the streams' order, which is document order."""
    if len(sources) == 1:
        yield from sources[0]
        return
    # (key, stream number) is unique, so the postings are never compared.
    merged = heapq.merge(*(_numbered(n, source) for n, source in enumerate(sources)))
    for key, group in groupby(merged, key=itemgetter(0)):
        parts = [postings for _, _, postings in group]
        if len(parts) == 1:
            yield key, parts[0]
            continue
        docnums, weights, values = parts[0]
        for more_docnums, more_weights, more_values in parts[1:]:
            docnums.extend(more_docnums)
            weights.extend(more_weights)
            values.extend(more_values)
        yield key, (docnums, weights, values)


def _fast_terms(
    terms: dict[str, dict[str, TermPostings]],
) -> Iterator[tuple[tuple[str, bytes], TermPostings]]:
    # UTF-8 keeps code point order, so sorting the strings sorts their bytes.
    for fieldname in sorted(terms):
        field_terms = terms[fieldname]
        for text in sorted(field_terms):
            yield (fieldname, text.encode("utf-8")), field_terms[text]


def _pooled_terms(items: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, list[tuple[Any, ...]]]]:
    for key, group in groupby(items, key=itemgetter(0, 1)):
        yield key, list(group)


def _merge(
    pooled: Iterator[tuple[Any, list[tuple[Any, ...]]]],
    fast: Iterator[tuple[tuple[str, bytes], TermPostings]],
) -> Iterator[tuple[tuple[str, bytes], list[tuple[Any, ...]] | None, TermPostings | None]]:
    """Both sorted streams of terms as one: (key, pooled postings, fast postings)."""
    a, b = next(pooled, None), next(fast, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[0] < b[0]):
            assert a is not None
            yield a[0], a[1], None
            a = next(pooled, None)
        elif a is None or b[0] < a[0]:
            yield b[0], None, b[1]
            b = next(fast, None)
        else:
            yield a[0], a[1], b[1]
            a, b = next(pooled, None), next(fast, None)


def write_postings(
    fieldwriter: Any,
    schema: Any,
    lengths: Any,
    pooled: Iterator[tuple[Any, ...]],
    fast: Iterator[tuple[tuple[str, bytes], TermPostings]],
) -> None:
    """Write the pool's postings and the fast fields' postings, term by term in order,
    as Whoosh's ``FieldWriter.add_postings`` writes the pool's alone."""
    field_lengths: dict[str, list[int | None]] = {}

    def length_of(docnum: int, fieldname: str) -> int | None:
        if lengths is None:
            return 0
        known = field_lengths.get(fieldname)
        if known is None:
            count = lengths.doc_count_all()
            known = field_lengths[fieldname] = [
                lengths.doc_field_length(d, fieldname) for d in range(count)
            ]
        return known[docnum] if docnum < len(known) else lengths.doc_field_length(docnum, fieldname)

    lastfn: str | None = None
    for (fieldname, btext), from_pool, ours in _merge(_pooled_terms(pooled), fast):
        if fieldname != lastfn:
            if lastfn is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfn = fieldname
        # Docnum -1 marks a spelling word, never a posting.
        pooled_postings = [p for p in from_pool or () if p[2] != -1]
        if ours is None and not pooled_postings:
            continue
        fieldwriter.start_term(btext)
        if ours is not None and not pooled_postings:
            length_of(0, fieldname)
            _write_blocks(fieldwriter._postwriter, ours, field_lengths.get(fieldname))
        else:
            # The same term from both (a merged segment's documents come after
            # the new ones): one posting at a time, in document order.
            if ours is not None:
                for docnum, weight, vbytes in zip(*ours, strict=True):
                    fieldwriter.add(docnum, weight, vbytes, length_of(docnum, fieldname))
            for _, _, docnum, weight, value in pooled_postings:
                fieldwriter.add(docnum, weight, value or b"", length_of(docnum, fieldname))
        fieldwriter.finish_term()
    if lastfn is not None:
        fieldwriter.finish_field()


def _write_blocks(
    postwriter: Any, postings: TermPostings, lengths: list[int | None] | None
) -> None:
    """Fill the postings writer's blocks whole, as ``add_posting`` would one by one.

    Every block but the last is written here; the last stays buffered for
    ``finish_term``, which writes it (or inlines it) as usual.
    """
    docnums, weights, values = postings
    limit = postwriter._blocklimit
    count = len(docnums)
    keep_values = bool(values) and bool(values[0])
    for start in range(0, count, limit):
        end = min(start + limit, count)
        ids = docnums[start:end]
        postwriter._ids = ids
        postwriter._weights = weights[start:end]
        postwriter._values = values[start:end] if keep_values else []
        postwriter._maxweight = max(0, max(postwriter._weights))
        if lengths is None:
            found: list[int] = []
        else:
            found = [n for n in (lengths[d] for d in ids) if n]
        postwriter._minlength = min(found) if found else None
        postwriter._maxlength = max(found) if found else 0
        if end < count:
            postwriter._write_block()
