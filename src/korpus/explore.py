"""The shape of a corpus and of a story: overview, timelines, similar articles."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from korpus.index import (
    READ_ERRORS,
    index_corpus_dir,
    last_skipped,
    open_index,
    raise_if_damaged,
)
from korpus.periods import UNDATED, Periods, load_periods
from korpus.sources import UNKNOWN

Granularity = Literal["day", "week", "month", "year"]
_RANK = {"minute": 0, "day": 1, "month": 2, "year": 3}
_NEEDS = {"day": 1, "week": 1, "month": 2, "year": 3}


def _moment(stamp: int) -> datetime:
    return datetime.strptime(str(stamp), "%Y%m%d%H%M%S")


def period_precision(start: int, end: int) -> str | None:
    """The precision a stored date period stands for: minute, day, month or year."""
    if start == UNDATED:
        return None
    span = _moment(end) - _moment(start)
    if span < timedelta(minutes=1):
        return "minute"
    if span < timedelta(days=1):
        return "day"
    if span < timedelta(days=31):
        return "month"
    return "year"


def bucket(start: int, end: int, by: Granularity) -> str | None:
    """The period a dated article counts in, or None if its date is too coarse for it."""
    precision = period_precision(start, end)
    if precision is None or _RANK[precision] > _NEEDS[by]:
        return None
    moment = _moment(start)
    if by == "day":
        return f"{moment:%Y-%m-%d}"
    if by == "week":
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{moment:%Y-%m}"
    return f"{moment:%Y}"


def _next(key: str, by: Granularity) -> str:
    if by == "day":
        return f"{date.fromisoformat(key) + timedelta(days=1):%Y-%m-%d}"
    if by == "week":
        monday = date.fromisocalendar(int(key[:4]), int(key[6:]), 1) + timedelta(weeks=1)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        year, month = int(key[:4]), int(key[5:7])
        return f"{year + month // 12}-{month % 12 + 1:02d}"
    return str(int(key) + 1)


def continuous(keys: list[str], by: Granularity) -> list[str]:
    """Every period from the first to the last of ``keys``, gaps included."""
    if not keys:
        return []
    first, last = min(keys), max(keys)
    out = [first]
    while out[-1] < last and len(out) < 20000:
        out.append(_next(out[-1], by))
    return out


# --- corpus overview ---------------------------------------------------------------


@dataclass
class CorpusStats:
    articles: int
    dated: int
    undated: int
    first: str | None
    last: str | None
    sources: dict[str, int]
    months: dict[str, int]
    year_only: int
    skipped: list[dict[str, str]]
    corpus: str | None
    by: Granularity = "month"
    # Articles per period of ``by``; ``months`` holds the same when by is month.
    periods: dict[str, int] = field(default_factory=dict)
    filters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def corpus_stats(index_dir: Path, by: Granularity = "month", filters: Any = None) -> CorpusStats:
    """Articles, date span, sources and periods of an index, and what it skipped.

    ``filters`` (dates, sources) limit the articles counted.
    """
    from korpus.search import Filters

    filters = filters or Filters()
    ix, info = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            allowed = filters.allowed(searcher, info["data_dir"])
            live = [
                d
                for d in range(reader.doc_count_all())
                if not reader.is_deleted(d) and (allowed is None or d in allowed)
            ]
            periods = load_periods(reader, info["data_dir"])
            sources_column = list(reader.column_reader("source"))
            sources = Counter(sources_column[d] or UNKNOWN for d in live)
            months: Counter[str] = Counter()
            chosen: Counter[str] = Counter()
            year_only = 0
            starts = []
            ends = []
            for d in live:
                start, end = periods.starts[d], periods.ends[d]
                if start == UNDATED:
                    continue
                starts.append(start)
                ends.append(end)
                key = bucket(start, end, "month")
                if key is None:
                    year_only += 1
                else:
                    months[key] += 1
                key = bucket(start, end, by)
                if key is not None:
                    chosen[key] += 1
    except READ_ERRORS as exc:
        raise_if_damaged(index_dir, exc)
        raise
    finally:
        ix.close()
    corpus = index_corpus_dir(index_dir)
    return CorpusStats(
        articles=len(live),
        dated=len(starts),
        undated=len(live) - len(starts),
        first=f"{_moment(min(starts)):%Y-%m-%d}" if starts else None,
        last=f"{_moment(max(ends)):%Y-%m-%d}" if ends else None,
        sources=dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0].lower()))),
        months={k: months.get(k, 0) for k in continuous(list(months), "month")},
        year_only=year_only,
        skipped=last_skipped(index_dir),
        corpus=str(corpus) if corpus else None,
        by=by,
        periods={k: chosen.get(k, 0) for k in continuous(list(chosen), by)},
        filters=filters.to_dict(),
    )


# --- timelines ---------------------------------------------------------------------


@dataclass
class Bucket:
    period: str
    hits: int
    total: int

    @property
    def ratio(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "hits": self.hits,
            "total": self.total,
            "ratio": round(self.ratio, 6),
        }


@dataclass
class Timeline:
    query: str
    by: Granularity
    buckets: list[Bucket]
    hits: int
    undated: int
    too_coarse: int
    filters: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def peak(self) -> Bucket | None:
        return max(self.buckets, key=lambda b: (b.hits, b.period), default=None)

    def to_dict(self) -> dict[str, Any]:
        peak = self.peak
        return {
            "query": self.query,
            "by": self.by,
            "filters": self.filters,
            "hits": self.hits,
            "undated": self.undated,
            "too_coarse": self.too_coarse,
            "peak": peak.period if peak and peak.hits else None,
            "buckets": [b.to_dict() for b in self.buckets],
            **({"notes": self.notes} if self.notes else {}),
        }


def timeline(
    index_dir: Path,
    query: str,
    by: Granularity = "month",
    filters: Any = None,
    exact: bool = False,
    literal: bool = False,
) -> Timeline:
    """Hits per period, beside the number of all articles in that period.

    An article counts in a period only when its date is at least that precise:
    a month-precision article counts in its month, but in no day or week; the
    totals follow the same rule, so the ratios compare like with like.
    """
    from korpus.expansion import bound_query
    from korpus.search import Filters, parse_query

    filters = filters or Filters()
    ix, info = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            data_dir = info["data_dir"]
            parsed = parse_query(
                query, ix.schema, None if exact else data_dir, searcher, literal=literal
            )
            parsed, notes = bound_query(parsed, searcher.reader(), data_dir)
            allowed = filters.allowed(searcher, data_dir)
            reader = searcher.reader()
            periods = load_periods(reader, data_dir)
            matched = [
                d for d in searcher.docs_for_query(parsed) if allowed is None or d in allowed
            ]
            population = (
                allowed
                if allowed is not None
                else [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
            )
    except READ_ERRORS as exc:
        raise_if_damaged(index_dir, exc)
        raise
    finally:
        ix.close()
    hits, undated, coarse = _count(periods, matched, by)
    totals, _, _ = _count(periods, population, by)
    keys = continuous([*hits, *totals], by)
    buckets = [Bucket(k, hits.get(k, 0), totals.get(k, 0)) for k in keys]
    return Timeline(
        query, by, buckets, len(matched), undated, coarse, filters.to_dict(), notes
    )


def _count(periods: Periods, docnums: Any, by: Granularity) -> tuple[Counter[str], int, int]:
    counts: Counter[str] = Counter()
    undated = coarse = 0
    for d in docnums:
        start, end = periods.starts[d], periods.ends[d]
        if start == UNDATED:
            undated += 1
            continue
        key = bucket(start, end, by)
        if key is None:
            coarse += 1
        else:
            counts[key] += 1
    return counts, undated, coarse


# --- similar articles --------------------------------------------------------------


@dataclass
class Similar:
    rank: int
    id: str
    path: str
    title: str | None
    date: str | None
    date_precision: str | None
    source: str | None
    score: float
    same_story: bool
    lead: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Key terms of an article that make its topic, and how many of them another article
# must share to count as on the same topic at all.
TOPIC_TERMS = 8
TOPIC_MIN_SHARED = 2


def similar(
    index_dir: Path, article_id: str, limit: int = 10, filters: Any = None
) -> tuple[dict[str, Any], list[Similar]]:
    """Articles most like the given one, same topic first.

    The article's key terms (Whoosh's Bo1 model over the German-analysed text)
    make a weighted query; a candidate must share at least TOPIC_MIN_SHARED of the
    TOPIC_TERMS strongest ones, and its score grows with how many it shares, so an
    article that only shares common words (a date, "Regierung") never ranks above
    one on the same subject. ``filters`` (dates, sources) limit the candidates.
    """
    from whoosh import query as q

    from korpus.analysis import analyze, content_words
    from korpus.duplicates import load_groups
    from korpus.search import Filters, resolve_id

    filters = filters or Filters()
    ix, info = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            docnum = resolve_id(searcher, article_id, info.get("corpus"))
            stored = searcher.stored_fields(docnum)
            table = load_groups(searcher.reader(), info["data_dir"])
            story = table[docnum] if table is not None else 0
            allowed = filters.allowed(searcher, info["data_dir"])
            text = " ".join(filter(None, [stored["record"].get("title"), stored.get("text", "")]))
            # Function words are indexed for phrases, and compound parts ("tag" of
            # "Bundestag") for recall; neither says what an article is about.
            words = content_words(text)
            own = set(analyze(words, mode="query"))
            terms = [
                (term, weight)
                for term, weight in searcher.key_terms_from_text("text", words, numterms=50)
                if term in own
            ][:25]
            found: list[Similar] = []
            if terms and allowed != set():
                top = [term for term, _ in terms[:TOPIC_TERMS]]
                sharing: Counter[int] = Counter()
                for term in top:
                    sharing.update(searcher.docs_for_query(q.Term("text", term)))
                weight = max(w for _, w in terms) or 1.0
                query = q.Or([q.Term("text", t, boost=w / weight) for t, w in terms])
                results = searcher.search(query, limit=max(50, limit * 5), filter=allowed)
                ranked = sorted(
                    (
                        (hit.score * (0.5 + sharing[hit.docnum] / len(top)), hit)
                        for hit in results
                        if hit.docnum != docnum and sharing[hit.docnum] >= TOPIC_MIN_SHARED
                    ),
                    key=lambda pair: -pair[0],
                )
                for score, hit in ranked[:limit]:
                    record = hit.fields()["record"]
                    lead = hit.fields().get("text", "")
                    found.append(
                        Similar(
                            rank=len(found) + 1,
                            id=record["id"],
                            path=record["path"],
                            title=record.get("title"),
                            date=record.get("date"),
                            date_precision=record.get("date_precision"),
                            source=record.get("source"),
                            score=round(float(score), 4),
                            same_story=bool(
                                story and table is not None and table[hit.docnum] == story
                            ),
                            lead=" ".join(lead[:300].split()[:10]),
                        )
                    )
    except READ_ERRORS as exc:
        raise_if_damaged(index_dir, exc)
        raise
    finally:
        ix.close()
    return stored["record"], found


# --- sources -----------------------------------------------------------------------


@dataclass
class SourceCount:
    """A source and how many articles credit it: as their source, or anywhere."""

    source: str
    articles: int
    main: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def source_counts(index_dir: Path) -> list[SourceCount]:
    """Every source of the index with its article counts, most articles first.

    Articles that name no source are counted as UNKNOWN (last).
    """
    from korpus.sources import normalise_source, source_key

    ix, _ = open_index(index_dir)
    try:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            live = [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
            column = list(reader.column_reader("source"))
            main = Counter(column[d] or "" for d in live)
            names = {source_key(name): name for name in main if name}
            counts = []
            for term in reader.lexicon("sources"):
                text = term.decode("utf-8")
                display = names.get(source_key(text)) or normalise_source(text) or text
                articles = reader.doc_frequency("sources", term)
                counts.append(SourceCount(display, articles, main.get(display, 0)))
    finally:
        ix.close()
    counts.sort(key=lambda c: (-c.articles, -c.main, c.source.casefold()))
    if main.get(""):
        counts.append(SourceCount(UNKNOWN, main[""], main[""]))
    return counts
