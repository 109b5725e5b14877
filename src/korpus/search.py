"""Queries to hits: parsing, variants, filters, sorting, snippets."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from korpus.dates import DateSpan, PartialDate, parse_user_period
from korpus.duplicates import load_groups, members
from korpus.errors import (
    AmbiguousArticle,
    ArticleNotFound,
    DateError,
    QueryError,
    UnknownSource,
)
from korpus.expansion import bound_query
from korpus.highlight import Fragment, Matcher, fragments, join_fragments
from korpus.index import READ_ERRORS, open_index, raise_if_damaged
from korpus.sources import UNKNOWN, closest_sources, matching_sources
from korpus.syntax import (
    LITERAL_FIELD,
    OPERATORS,
    check_fields,
    check_operators,
    excludes,
    literal_plugin,
    only_excludes,
    plus_minus_plugin,
)

Sort = Literal["relevance", "newest", "oldest"]
SEARCH_FIELDS = ("title", "text")
PUBLIC_FIELDS = ("title", "text", "source", "sources", "url")
MAX_QUERY_LENGTH = 2000
# A match in the headline weighs this much more than one in the text (on top of
# the title field's own boost), so an article about the query outranks short
# pieces that merely mention it; chosen by known-item search (bench/quality.py).
TITLE_BOOST = 6.0
MAX_NESTING = 20


@dataclass
class Filters:
    """Date range and sources a search is limited to."""

    date_from: PartialDate | DateSpan | None = None
    date_to: PartialDate | DateSpan | None = None
    sources: list[str] = field(default_factory=list)
    include_undated: bool = False

    @classmethod
    def parse(
        cls,
        date_from: str | None = None,
        date_to: str | None = None,
        sources: list[str] | None = None,
        include_undated: bool = False,
    ) -> Filters:
        """Read filters as a user typed them. Raises DateError for bad dates and
        QueryError for an empty source.
        """
        start = _user_date(date_from, "--from") if date_from is not None else None
        end = _user_date(date_to, "--to") if date_to is not None else None
        if start and end and start.period()[0] > end.period()[1]:
            raise DateError(f"--from {date_from} is after --to {date_to}", hint="")
        names = [s.strip() for s in sources or []]
        if "" in names:
            raise QueryError("--source: empty source name")
        return cls(start, end, names, include_undated)

    @property
    def active(self) -> bool:
        return bool(self.date_from or self.date_to or self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.date_from.period()[0].isoformat() if self.date_from else None,
            "to": self.date_to.period()[1].isoformat() if self.date_to else None,
            "sources": self.sources,
            "include_undated": self.include_undated,
        }

    def undated_left_out(
        self, searcher: Any, data_dir: Path, parsed: Any, matched: Iterable[int] | None = None
    ) -> int:
        """How many articles matching ``parsed`` (and the sources) a date filter drops
        only because they have no date. ``matched``, when given, are the documents
        ``parsed`` matches, filters aside."""
        if not (self.date_from or self.date_to) or self.include_undated:
            return 0
        from korpus.periods import UNDATED, load_periods

        starts = load_periods(searcher.reader(), data_dir).starts
        if matched is None:
            matched = searcher.docs_for_query(parsed)
        undated = [d for d in matched if starts[d] == UNDATED]
        if undated and self.sources:
            by_source = Filters(sources=self.sources).allowed(searcher, data_dir) or set()
            undated = [d for d in undated if d in by_source]
        return len(undated)

    def allowed(self, searcher: Any, data_dir: Path) -> set[int] | None:
        """Document numbers the filters allow, or None when nothing is filtered."""
        from whoosh import query as q

        from korpus.periods import load_periods

        allowed: set[int] | None = None
        if self.date_from or self.date_to:
            # An article matches when its date period overlaps the range.
            periods = load_periods(searcher.reader(), data_dir)
            allowed = periods.matching(
                _stamp(self.date_from.period()[0]) if self.date_from else None,
                _stamp(self.date_to.period()[1]) if self.date_to else None,
                self.include_undated,
            )
        if self.sources:
            terms = source_terms(searcher, self.sources)
            by_source = set(searcher.docs_for_query(q.Or([q.Term("sources", t) for t in terms])))
            allowed = by_source if allowed is None else allowed & by_source
        return allowed


def source_terms(searcher: Any, wanted: list[str]) -> list[str]:
    """The index's source terms that the names a user typed mean.

    Raises UnknownSource, with the closest known names, for a name that means none.
    """
    known = [t.decode("utf-8") for t in searcher.reader().lexicon("sources")]
    terms: list[str] = []
    for name in wanted:
        found = matching_sources(name, known)
        if not found:
            closest = closest_sources(name, known)
            hint = f"did you mean: {', '.join(closest)}? " if closest else ""
            raise UnknownSource(
                f"no article has the source {name!r}",
                hint=hint + "korpus sources lists them all",
            )
        terms += found
    return terms


def _stamp(value: Any) -> int:
    return int(value.strftime("%Y%m%d%H%M%S"))


def _user_date(value: str, option: str) -> PartialDate | DateSpan:
    if not value.strip():
        raise DateError(f"{option}: empty date")
    try:
        return parse_user_period(value)
    except ValueError:
        raise DateError(f"{option}: not a date: {value!r}") from None


@dataclass
class Hit:
    """One article that matched, with its snippet and where the matches are in it."""

    rank: int
    id: str
    path: str
    title: str | None
    date: str | None
    date_precision: str | None
    source: str | None
    sources: list[str]
    score: float
    snippet: str
    matches: list[tuple[int, int]]
    date_origin: str | None = None
    updated: str | None = None
    cited: list[str] = field(default_factory=list)
    url: str | None = None
    lead: str = ""
    title_matches: list[tuple[int, int]] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    # The whole text, only when asked for (an export's "text" column).
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("fragments")
        if self.text is None:
            data.pop("text")
        data["matches"] = [list(m) for m in self.matches]
        data["title_matches"] = [list(m) for m in self.title_matches]
        return data


@dataclass
class SearchResult:
    query: str
    filters: Filters
    total: int
    hits: list[Hit]
    seconds: float = 0.0
    suggestions: list[str] = field(default_factory=list)
    facets: dict[str, dict[str, int]] | None = None
    undated_left_out: int = 0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "query": self.query,
            "filters": self.filters.to_dict(),
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
        }
        if self.suggestions:
            data["suggestions"] = self.suggestions
        if self.undated_left_out:
            data["undated_left_out"] = self.undated_left_out
        if self.notes:
            data["notes"] = self.notes
        if self.facets is not None:
            data["facets"] = self.facets
        return data


# --- query parsing -----------------------------------------------------------------


def check_syntax(text: str) -> None:
    """Reject unbalanced quotes and parentheses, pointing at the column."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query is too long ({len(text)} characters, limit {MAX_QUERY_LENGTH})")
    depth = 0
    opened: list[int] = []
    in_quote: int | None = None
    for i, ch in enumerate(text):
        if ch == '"':
            in_quote = None if in_quote is not None else i
        elif in_quote is None and ch == "(":
            depth += 1
            opened.append(i)
            if depth > MAX_NESTING:
                raise QueryError(
                    f"query nests groups deeper than {MAX_NESTING} levels at column {i + 1}"
                )
        elif in_quote is None and ch == ")":
            if depth == 0:
                raise QueryError(f"unbalanced ')' at column {i + 1}: {text}")
            depth -= 1
            opened.pop()
    if in_quote is not None:
        raise QueryError(f"unclosed quote at column {in_quote + 1}: {text}")
    if opened:
        raise QueryError(f"unclosed '(' at column {opened[-1] + 1}: {text}")


def _parser(schema: Any, literal: bool = False) -> Any:
    from whoosh import qparser

    fields = [LITERAL_FIELD] if literal and LITERAL_FIELD in schema else list(SEARCH_FIELDS)
    parser = qparser.MultifieldParser(
        fields, schema, fieldboosts={"title": TITLE_BOOST}, group=qparser.AndGroup
    )
    parser.replace_plugin(
        qparser.OperatorsPlugin(
            And=r"(?<=\s)(?:AND|UND)(?=\s)",
            Or=r"(?<=\s)(?:OR|ODER)(?=\s)",
            AndNot=r"(?<=\s)(?:ANDNOT|UNDNICHT)(?=\s)",
            AndMaybe=r"(?<=\s)(?:ANDMAYBE)(?=\s)",
            Not=r"(^|(?<=(\s|[()])))(?:NOT|NICHT)(?=\s)",
            Require=r"(^|(?<=\s))(?:REQUIRE)(?=\s)",
        )
    )
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(plus_minus_plugin())
    parser.add_plugin(literal_plugin())
    parser.remove_plugin_class(qparser.BoostPlugin)
    return parser


_FIELD_PREFIX = re.compile(r"(?<!\w)([A-Za-z_][\w]*|\*):(?=\S)")
_QUOTED = re.compile(r'"[^"]*"')


def check_field_names(text: str) -> None:
    """Reject field names other than the public ones before Whoosh sees them."""
    # Inside quotes a colon is text; outside, "x"record:foo still names a field.
    for m in _FIELD_PREFIX.finditer(_QUOTED.sub(" ", text)):
        if m.group(1) not in PUBLIC_FIELDS:
            raise QueryError(
                f"unknown field {m.group(1)!r} in query (fields: {', '.join(PUBLIC_FIELDS)})"
            )


def check_parsed_fields(parsed: Any) -> None:
    """Every leaf of a parsed query searches a public field, or the literal field
    that ``=word`` and ``--literal`` search (a user cannot name it: see
    :func:`check_field_names`)."""
    for leaf in parsed.leaves():
        name = leaf.field()
        if name is not None and name not in PUBLIC_FIELDS and name != LITERAL_FIELD:
            raise QueryError(
                f"unknown field {name!r} in query (fields: {', '.join(PUBLIC_FIELDS)})"
            )


def parse_query(
    text: str,
    schema: Any,
    data_dir: Path | None = None,
    searcher: Any = None,
    literal: bool = False,
) -> Any:
    """Parse a query in Whoosh syntax, AND by default, with German operators too.

    ``url:ADDRESS`` and bare http(s) addresses find the article at that address.
    With ``literal``, words match the wording as written (see
    :func:`korpus.syntax.literal_analyzer`); ``=word`` does so for one word.
    """
    from whoosh import query as q

    # Lone surrogates (undecodable bytes of an argument) cannot be index terms.
    text = text.encode("utf-8", "replace").decode("utf-8")
    from korpus.urls import split_urls, url_key

    urls, rest = split_urls(text)
    if urls:
        by_url = q.And([q.Term("url", url_key(u)) for u in urls])
        if not rest:
            return by_url
        return q.And([parse_query(rest, schema, data_dir, searcher, literal=literal), by_url])
    check_syntax(text)
    if not [w for w in re.findall(r"[^\s()]+", text) if w not in OPERATORS]:
        raise QueryError(f"query has no searchable words: {text}")
    check_operators(text)
    check_fields(text)
    check_field_names(text)
    try:
        parsed = _parser(schema, literal).parse(text).normalize()
    except RecursionError:
        raise QueryError("query is nested too deeply") from None
    except Exception:  # noqa: BLE001 - Whoosh raises many kinds on odd input
        raise QueryError(f"cannot parse query: {text}") from None
    check_parsed_fields(parsed)
    parsed = _drop_stop_words(parsed, text, LITERAL_FIELD in schema)
    empty = parsed is q.NullQuery or isinstance(parsed, type(q.NullQuery))
    if (empty or not list(parsed.leaves())) and not excludes(text):
        raise QueryError(f"query has no searchable words: {text}")
    if empty or only_excludes(parsed):
        raise QueryError(f"query only excludes words; add a word to find: {text}")
    if data_dir is not None and searcher is not None:
        parsed = parsed.accept(_variant_adder(data_dir, searcher))
    # After the variants: an alternative is a word of its own, not spelt again.
    return _add_alternatives(parsed, text)


def _add_alternatives(parsed: Any, text: str) -> Any:
    """Look for a word's alternatives beside it, as good a match as the word:
    `Kanzler` also finds "Kanzlerin", `unternehmen` also "Unternehmen"
    (:func:`korpus.analysis.query_alternatives`)."""
    from whoosh import query as q

    from korpus.analysis import WORD_RE, analyze, query_alternatives

    alternatives: dict[str, list[str]] = {}
    for m in WORD_RE.finditer(text):
        found = query_alternatives(m.group())
        if found:
            alternatives.setdefault(analyze(m.group(), "query")[0], []).extend(found)
    if not alternatives:
        return parsed

    def add(node: Any) -> Any:
        if type(node) is q.Term and node.fieldname in SEARCH_FIELDS:
            found = alternatives.get(node.text)
            if found:
                others = [q.Term(node.fieldname, t, boost=node.boost) for t in dict.fromkeys(found)]
                return q.Or([node, *others])
        return node

    return parsed.accept(add)


def _drop_stop_words(parsed: Any, text: str, literal_field: bool = True) -> Any:
    """Leave out function words outside phrases: they would match nearly every article.

    They stay when they are all the query has ("Uber", "die"), when capitalised
    after the first word ("Fahrdienst Uber") or written in capitals ("US"). In a
    phrase every word counts, so "Wir schaffen das" finds that wording only.
    A function word that stays is searched as written, in the literal field, so
    "Uber" finds the company and not every "über" (the two fold alike).
    """
    from whoosh import query as q

    from korpus.analysis import STOPWORDS, fold

    words = re.findall(r"[^\W\d_]+", text)
    surface: dict[str, str] = {}
    for w in words:
        surface.setdefault(fold(w.lower()), w.lower())
    keep = {
        fold(w.lower())
        for i, w in enumerate(words)
        if (i > 0 and w[0].isupper()) or (len(w) > 1 and w.isupper())
    }

    def stop_term(node: Any) -> bool:
        return (
            type(node) is q.Term and node.fieldname in SEARCH_FIELDS and node.text in STOPWORDS
        )

    def drop(node: Any) -> Any:
        if stop_term(node) and node.text not in keep:
            return q.NullQuery
        return node

    def as_written(node: Any) -> Any:
        if literal_field and stop_term(node) and node.text in surface:
            return q.Term(LITERAL_FIELD, surface[node.text], boost=node.boost)
        return node

    dropped = parsed.accept(drop).normalize()
    if dropped is q.NullQuery or not list(dropped.leaves()):
        dropped = parsed
    return dropped.accept(as_written).normalize()


_VARIANTS: dict[tuple[Path, int, str], tuple[str, ...]] = {}


def _variants_of(data_dir: Path, generation: int, term: str, searcher: Any) -> tuple[str, ...]:
    """Variants of a term in one index generation, remembered across searches."""
    from korpus.variants import variants

    key = (data_dir, generation, term)
    found = _VARIANTS.get(key)
    if found is None:
        if len(_VARIANTS) > 4096:
            _VARIANTS.clear()
        found = _VARIANTS[key] = tuple(
            variants(data_dir, term, lambda t: searcher.doc_frequency("text", t))
        )
    return found


def _variant_adder(data_dir: Path, searcher: Any) -> Any:
    from whoosh import query as q

    def add_variants(node: Any) -> Any:
        # Titles are short: their variants cost more matching than they find.
        if type(node) is q.Term and node.fieldname == "text":
            found = _variants_of(data_dir, searcher.reader().generation(), node.text, searcher)
            if found:
                # Variants score below the word itself, so exact matches rank first.
                boost = node.boost * 0.3
                return q.Or([node, *(q.Term(node.fieldname, v, boost=boost) for v in found)])
        return node

    return add_variants


# --- searching ---------------------------------------------------------------------


def search(
    index_dir: Path,
    query: str,
    filters: Filters | None = None,
    sort: Sort = "relevance",
    limit: int | None = 10,
    exact: bool = False,
    facets: bool = False,
    snippets: int = 3,
    group: bool = True,
    with_text: bool = False,
    literal: bool = False,
) -> SearchResult:
    """Run ``query`` against the index; ``limit=None`` returns every hit.

    Every hit lists the other matching versions of its story in ``duplicates``
    (see :mod:`korpus.duplicates`); with ``group``, those versions are folded into
    the best-ranked one instead of being shown as hits of their own.
    """
    started = time.perf_counter()
    filters = filters or Filters()
    ix, info = open_index(index_dir)
    data_dir = info["data_dir"]
    try:
        with ix.searcher() as searcher:
            parsed = parse_query(
                query, ix.schema, None if exact else data_dir, searcher, literal=literal
            )
            parsed, notes = bound_query(parsed, searcher.reader(), data_dir)
            allowed = filters.allowed(searcher, data_dir)
            table = load_groups(searcher.reader(), data_dir)
            # Fetch extra hits when folding versions, so a full page of stories remains.
            folding = group and table is not None
            fetch = limit * GROUP_FETCH if limit is not None and folding else limit
            collector: Any = None
            # Every match, filters aside, when a search scores them all at once.
            unfiltered: Iterable[int] | None = None
            if allowed == set():
                # Whoosh reads an empty filter set as "no filter"; nothing can match.
                ranked: list[tuple[int, float]] = []
                matched: list[int] = []
            elif sort == "relevance" and fetch is not None and not facets:
                from korpus.ranking import scored_matches

                scores = unfiltered = scored_matches(searcher, parsed)
                ranked, matched = _best_matches(scores, allowed, fetch)
            else:
                collector, counter = _collector(fetch, sort, allowed, facets)
                searcher.search_with_collector(parsed, collector)
                ranked = [(hit.docnum, hit.score) for hit in collector.results()]
                matched = counter.docnums
            shown, versions = _fold_versions(ranked, matched, table, limit, group)
            matcher = QueryMatcher(matched_terms(parsed, searcher), literal_words(parsed))
            hits = []
            for rank, (docnum, score) in enumerate(shown, 1):
                stored = searcher.stored_fields(docnum)
                hit = _make_hit(rank, stored, score, matcher, snippets)
                hit.versions = [_version(searcher.stored_fields(d)) for d in versions[docnum]]
                hit.duplicates = [v["id"] for v in hit.versions]
                if with_text:
                    hit.text = stored.get("text", "")
                hits.append(hit)
            total = len(matched)
            facet_counts: dict[str, dict[str, int]] | None = None
            if facets:
                facet_counts = {"source": {}, "month": {}}
                if collector is not None:
                    facet_counts = _facet_counts(collector.results(), searcher)
            suggestions = suggest(searcher, data_dir, query) if total == 0 else []
            left_out = filters.undated_left_out(searcher, data_dir, parsed, unfiltered)
    except READ_ERRORS as exc:
        raise_if_damaged(index_dir, exc)
        raise
    finally:
        ix.close()
    return SearchResult(
        query,
        filters,
        total,
        hits,
        time.perf_counter() - started,
        suggestions,
        facet_counts,
        left_out,
        notes,
    )


GROUP_FETCH = 4
MAX_VERSIONS = 25


def _fold_versions(
    ranked: list[tuple[int, float]],
    matched: list[int],
    table: Any,
    limit: int | None,
    fold: bool,
) -> tuple[list[tuple[int, float]], dict[int, list[int]]]:
    """The hits to show, and for each the other matching versions of its story.

    With ``fold``, a version ranked below another of its story is not shown itself.
    """
    versions: dict[int, list[int]] = {docnum: [] for docnum, _ in ranked}
    if table is None:
        return (ranked if limit is None else ranked[:limit]), versions
    by_group = members(table, matched)
    rank_of = {docnum: i for i, (docnum, _) in enumerate(ranked)}
    shown = []
    seen_groups: set[int] = set()
    for docnum, score in ranked:
        story = table[docnum]
        if story:
            if fold and story in seen_groups:
                continue
            seen_groups.add(story)
            others = [d for d in by_group[story] if d != docnum]
            others.sort(key=lambda d: (rank_of.get(d, len(rank_of)), d))
            versions[docnum] = others[:MAX_VERSIONS]
        shown.append((docnum, score))
        if limit is not None and len(shown) == limit:
            break
    return shown, versions


def _version(stored: dict[str, Any]) -> dict[str, Any]:
    record = stored["record"]
    return {k: record.get(k) for k in ("id", "path", "title", "date", "date_precision", "source")}


def _best_matches(
    scores: dict[int, float], allowed: set[int] | None, limit: int
) -> tuple[list[tuple[int, float]], list[int]]:
    """The ``limit`` best of the scored matches the filters allow, and every
    match they allow, in document order.

    Every match is scored at once from whole posting lists (:mod:`korpus.ranking`),
    which counts them exactly for far less than Whoosh's collectors take.
    """
    from korpus.ranking import best

    if allowed is not None:
        scores = {d: s for d, s in scores.items() if d in allowed}
    return best(scores, limit), sorted(scores)


def _collector(
    limit: int | None, sort: Sort, allowed: set[int] | None, facets: bool
) -> tuple[Any, Any]:
    """Whoosh's collector chain with a counter inside, so the total needs no second pass.

    (Whoosh's own count re-runs the query, or, without block-quality skipping,
    forgets every segment but the last.)
    """
    from whoosh import collectors, sorting

    class CountingCollector(collectors.WrappingCollector):  # type: ignore[misc]
        counted = 0

        def __init__(self, child: Any) -> None:
            super().__init__(child)
            self.docnums: list[int] = []

        def collect(self, sub_docnum: int) -> Any:
            self.counted += 1
            self.docnums.append(self.child.offset + sub_docnum)
            return self.child.collect(sub_docnum)

        def collect_matches(self) -> None:
            for sub_docnum in self.child.matches():
                self.collect(sub_docnum)

    inner: Any
    if sort == "newest":
        inner = collectors.SortingCollector("date_start", limit=limit, reverse=True)
    elif sort == "oldest":
        inner = collectors.SortingCollector("date_asc", limit=limit)
    elif limit is None:
        inner = collectors.UnlimitedCollector()
    else:
        # Block-quality skipping and matcher replacement would leave matches uncounted.
        inner = collectors.TopCollector(limit=limit, usequality=False, replace=0)
    counter = CountingCollector(inner)
    chain: Any = counter
    if facets:
        chain = collectors.FacetCollector(
            chain,
            {
                "source": sorting.FieldFacet("source", allow_overlap=False),
                "month": sorting.FieldFacet("month"),
            },
        )
    # The filter goes outside: a facet collector collects every match its child
    # offers, so a filter inside it would filter nothing.
    if allowed:
        chain = collectors.FilterCollector(chain, allow=allowed)
    return chain, counter


def matched_terms(parsed: Any, searcher: Any) -> frozenset[str]:
    """The index terms of the text fields the query matches, variants expanded."""
    reader = searcher.reader()
    terms = set()
    # Query.existing_terms() loses terms across leaves in Whoosh 2.7; walk them here.
    for leaf in parsed.leaves():
        if leaf.field() not in SEARCH_FIELDS:
            continue
        for fieldname, text in leaf.expanded_terms(reader, phrases=True):
            if fieldname in SEARCH_FIELDS and (fieldname, text) in reader:
                terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return frozenset(terms)


def literal_words(parsed: Any) -> frozenset[str]:
    """The words a query looks for in their literal wording."""
    words: set[str] = set()
    for leaf in parsed.leaves():
        if leaf.field() == LITERAL_FIELD:
            words.update(w if isinstance(w, str) else w.decode() for w in _leaf_words(leaf))
    return frozenset(words)


def _leaf_words(leaf: Any) -> list[Any]:
    words = getattr(leaf, "words", None)
    return list(words) if words is not None else [leaf.text]


_SURFACE_WORD = re.compile(r"\w+")


class QueryMatcher:
    """Marks the words a query matched: analysed terms, and literal words as written."""

    def __init__(self, terms: frozenset[str], literal: frozenset[str]) -> None:
        self.analysed = Matcher(terms)
        self.literal = literal

    def spans(self, text: str, enough: int | None = None) -> list[tuple[int, int]]:
        spans = self.analysed.spans(text, enough)
        if self.literal:
            spans = sorted(
                set(spans)
                | {
                    m.span()
                    for m in _SURFACE_WORD.finditer(text)
                    if m.group().lower() in self.literal
                }
            )
        return spans


def _make_hit(
    rank: int, stored: dict[str, Any], score: float, matcher: QueryMatcher, snippets: int
) -> Hit:
    record = stored["record"]
    text = stored.get("text", "")
    spans = matcher.spans(text, enough=3 * max(1, snippets))
    parts = fragments(text, spans, count=max(1, snippets))
    snippet, matches = join_fragments(parts, len(text))
    title = record.get("title")
    return Hit(
        rank=rank,
        id=record["id"],
        path=record["path"],
        title=title,
        date=record.get("date"),
        date_precision=record.get("date_precision"),
        date_origin=record.get("date_origin"),
        updated=record.get("updated"),
        source=record.get("source"),
        sources=record.get("sources", []),
        cited=record.get("cited", []),
        url=record.get("url"),
        lead=" ".join(text[:300].split()[:10]),
        score=round(float(score or 0.0), 4),
        snippet=snippet,
        matches=matches,
        title_matches=matcher.spans(title) if title else [],
        fragments=parts,
    )


def _facet_counts(results: Any, searcher: Any) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for name in ("source", "month"):
        groups = results.groups(name)
        named = {}
        for key, docs in groups.items():
            label = key.decode() if isinstance(key, bytes) else str(key)
            if label in ("", "None"):
                label = UNKNOWN if name == "source" else "(no month)"
            named[label] = len(docs) if not isinstance(docs, int) else docs
        counts[name] = dict(sorted(named.items(), key=lambda kv: (-kv[1], kv[0])))
    return counts


def suggest(searcher: Any, data_dir: Path, query: str) -> list[str]:
    """A corrected query built from the index's vocabulary, for a search with no hits."""
    from korpus.analysis import analyze
    from korpus.variants import closest

    corrected = query
    changed = False
    for word in re.findall(r"[^\W\d_]{4,}", query):
        if word in OPERATORS:
            continue
        terms = analyze(word, mode="query")
        if len(terms) != 1 or searcher.doc_frequency("text", terms[0]):
            continue
        best = closest(data_dir, terms[0], lambda t: searcher.doc_frequency("text", t))
        if best:
            replacement = best.capitalize() if word[0].isupper() else best
            corrected = re.sub(rf"\b{re.escape(word)}\b", replacement, corrected, count=1)
            changed = True
    return [corrected] if changed else []


def find_articles(searcher: Any, reference: str, corpus: str | None = None) -> list[int]:
    """Document numbers of the articles ``reference`` names, best reading first.

    A reference is an id, a path as search prints it (relative to the working
    folder or absolute), a corpus file that holds several articles, a bare file
    name, or the start of an id. The first reading that names anything wins.
    """
    # Ids are stored as UTF-8: a reference with lone surrogates names no article.
    reference = reference.encode("utf-8", "replace").decode("utf-8")
    docnum = searcher.document_number(id=reference)
    if docnum is not None:
        return [int(docnum)]
    if corpus:
        # A path on disk: where does it lie in the corpus the index was built from?
        relative = os.path.relpath(os.path.realpath(os.path.expanduser(reference)), corpus)
        if not relative.startswith(".."):
            relative = relative.replace(os.sep, "/")
            found = sorted(
                {int(d) for d in searcher.document_numbers(id=relative)}
                | {int(d) for d in searcher.document_numbers(file=relative)}
            )
            if found:
                return found
    reader = searcher.reader()
    ids = [
        (d, doc_id)
        for d, doc_id in enumerate(reader.column_reader("id"))
        if not reader.is_deleted(d)
    ]
    wanted = reference.replace(os.sep, "/").lstrip("./")
    readings = (
        # A path printed relative to some folder: its end is the id.
        lambda doc_id: wanted.endswith("/" + doc_id),
        lambda doc_id: doc_id.rsplit("/", 1)[-1] == wanted,
        lambda doc_id: doc_id.rsplit("/", 1)[-1].rsplit(".", 1)[0] == wanted,
        lambda doc_id: doc_id.startswith(wanted),
    )
    for fits in readings:
        found = [d for d, doc_id in ids if fits(doc_id)]
        if found:
            return found
    return []


def resolve_id(searcher: Any, article_id: str, corpus: str | None = None) -> int:
    """The document number of the one article ``article_id`` names.

    Raises ArticleNotFound when it names none, AmbiguousArticle when several.
    """
    found = find_articles(searcher, article_id, corpus)
    if not found:
        raise ArticleNotFound(f"no article with id {article_id!r} in the index")
    if len(found) > 1:
        ids = [searcher.stored_fields(d)["id"] for d in found[:MAX_LISTED]]
        more = f" and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
        raise AmbiguousArticle(
            f"{article_id!r} fits {len(found)} articles: {', '.join(ids)}{more}",
            hint="give one of these ids",
        )
    return found[0]


MAX_LISTED = 10


def get_article(index_dir: Path, article_id: str) -> dict[str, Any]:
    """The stored record and text of one article. Raises ArticleNotFound, AmbiguousArticle."""
    ix, info = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            docnum = resolve_id(searcher, article_id, info.get("corpus"))
            stored = searcher.stored_fields(docnum)
            return {**stored["record"], "text": stored.get("text", "")}
    except READ_ERRORS as exc:
        raise_if_damaged(index_dir, exc)
        raise
    finally:
        ix.close()


def query_terms(
    index_dir: Path, query: str, exact: bool = False, literal: bool = False
) -> frozenset[str]:
    """The index terms a query matches, for highlighting an article outside a search."""
    ix, info = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            data_dir = None if exact else info["data_dir"]
            parsed = parse_query(query, ix.schema, data_dir, searcher, literal=literal)
            parsed, _ = bound_query(parsed, searcher.reader(), info["data_dir"])
            return matched_terms(parsed, searcher)
    except READ_ERRORS as exc:
        raise_if_damaged(index_dir, exc)
        raise
    finally:
        ix.close()
