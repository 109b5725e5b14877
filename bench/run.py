"""Benchmark korpus on real German news, next to what a user could pick instead.

Writes N articles from ../shared/data/de-news-14k.jsonl.gz as one .txt file each
(with a metadata.jsonl sidecar) into a temporary corpus and measures, at each N:
indexing (wall, CPU, articles/s, MB/s, index size, peak RSS), a no-op and a 1%
re-index, in-process search latency over a fixed query set, and end-to-end
`korpus --help` and `korpus search` times. In the same run it measures stock
Whoosh (LanguageAnalyzer("de")), SQLite FTS5 (unicode61, bm25, snippet()) and
`grep -ril` on the same texts, and reports their ratios to korpus.

    python bench/run.py            # N = 1,000, 5,000 and 14,499
    python bench/run.py --quick    # N = 300, a smoke test
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "de-news-14k.jsonl.gz"
RESULTS = ROOT / "bench" / "results"

# (label, query, extra search options)
QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    ("single word", "Merkel", {}),
    ("single word", "Klimawandel", {}),
    ("single word", "Flüchtlinge", {}),
    ("several words", "Grenze Flüchtlinge Österreich", {}),
    ("phrase", '"Angela Merkel"', {}),
    ("compound", "Bundestagswahl", {}),
    ("compound part", "Streik", {}),
    ("date filter", "Migration", {"date_from": "2020-01", "date_to": "2020-12"}),
    ("variant name", "Selensky", {}),
    ("source filter", "Asyl", {"sources": ["taz"]}),
]
PEER_WORDS = ["Merkel", "Klimawandel", "Flüchtlinge", "Bundestagswahl", "Migration"]


# --- corpus ------------------------------------------------------------------------


def write_corpus(target: Path, n: int) -> tuple[int, int]:
    """N articles as .txt files with a metadata.jsonl sidecar; returns (files, bytes)."""
    target.mkdir(parents=True)
    size = 0
    with (
        gzip.open(DATA, "rt", encoding="utf-8") as src,
        (target / "metadata.jsonl").open("w", encoding="utf-8") as meta,
    ):
        for i, line in enumerate(src):
            if i >= n:
                break
            item = json.loads(line)
            name = f"{i:05d}.txt"
            data = item["text"].encode("utf-8")
            (target / name).write_bytes(data)
            size += len(data)
            meta.write(
                json.dumps(
                    {
                        "file": name,
                        "title": item.get("title"),
                        "date": item.get("date"),
                        "source": item.get("source"),
                        "url": item.get("url"),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return min(n, i + 1), size


def texts(corpus: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(corpus.glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")


# --- measuring ---------------------------------------------------------------------


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KB (Linux /proc)."""
    total = 0
    stack = [pid]
    seen = set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return total


@dataclass
class Run:
    wall: float
    cpu: float
    peak_rss_mb: float
    returncode: int
    stdout: str = ""
    stderr: str = ""


def run_process(args: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command; measure wall time, CPU of it and its children, and peak tree RSS."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return Run(wall, cpu, peak / 1024, proc.returncode, out, err)


def dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()  # warm caches, as a user's second query would
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


KORPUS = [sys.executable, "-m", "korpus"]


# --- korpus ------------------------------------------------------------------------


def bench_korpus(corpus: Path, work: Path, repeat: int) -> dict[str, Any]:
    index_dir = work / "korpus-index"
    env = {"KORPUS_INDEX": str(index_dir), "KORPUS_CORPUS": str(corpus)}
    build = run_process([*KORPUS, "index", str(corpus), "--index", str(index_dir)], env)
    if build.returncode != 0:
        raise SystemExit(f"korpus index failed: {build.stderr}")
    result: dict[str, Any] = {
        "index_wall_s": build.wall,
        "index_cpu_s": build.cpu,
        "index_peak_rss_mb": build.peak_rss_mb,
        "index_size_mb": dir_size_mb(index_dir),
    }
    noop = run_process([*KORPUS, "index", str(corpus), "--index", str(index_dir)], env)
    result["noop_reindex_s"] = noop.wall
    files = sorted(corpus.glob("*.txt"))
    for path in files[::100]:
        path.write_text(
            path.read_text(encoding="utf-8") + "\n\nNachtrag der Redaktion.", encoding="utf-8"
        )
    changed = run_process([*KORPUS, "index", str(corpus), "--index", str(index_dir)], env)
    result["changed_files"] = len(files[::100])
    result["changed_reindex_s"] = changed.wall

    from korpus.search import Filters, search

    latencies: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for label, query, options in QUERIES:
        filters = Filters.parse(
            options.get("date_from"), options.get("date_to"), options.get("sources")
        )
        times = timed(lambda q=query, f=filters: search(index_dir, q, f), repeat)
        latencies[f"{label}: {query}"] = times
        hits[f"{label}: {query}"] = search(index_dir, query, filters).total
    every = [t for ts in latencies.values() for t in ts]
    result.update(
        search_p50_ms=percentile(every, 50) * 1000,
        search_p95_ms=percentile(every, 95) * 1000,
        search_queries={
            k: {"p50_ms": percentile(v, 50) * 1000, "hits": hits[k]} for k, v in latencies.items()
        },
    )
    # Whole processes as an installed korpus runs them: pip writes the bytecode of
    # an installed package, so a setting that forbids writing it (as some
    # sandboxes set) would time compiling korpus's sources instead of running them.
    cli_env = {**env, "PYTHONDONTWRITEBYTECODE": ""}
    runs = max(5, repeat // 2)
    run_process([*KORPUS, "--help"], cli_env)  # warm-up: bytecode and file cache
    helps = [run_process([*KORPUS, "--help"], cli_env) for _ in range(runs)]
    search = [*KORPUS, "search", "Merkel"]
    run_process([*search, "--no-update"], cli_env)
    searches = [run_process([*search, "--no-update"], cli_env) for _ in range(runs)]
    checked = [run_process(search, cli_env) for _ in range(runs)]
    if any(s.returncode != 0 for s in [*searches, *checked]):
        raise SystemExit(f"korpus search failed: {searches[0].stderr}")
    result.update(
        help_median_s=statistics.median(r.wall for r in helps),
        search_cli_median_s=statistics.median(r.wall for r in searches),
        search_cli_checked_median_s=statistics.median(r.wall for r in checked),
        search_cli_peak_rss_mb=max(r.peak_rss_mb for r in searches),
    )
    return result


# --- peers -------------------------------------------------------------------------

STOCK_SCRIPT = """
import sys, time
from pathlib import Path
from whoosh import fields, index
from whoosh.analysis import LanguageAnalyzer
corpus, target = Path(sys.argv[1]), Path(sys.argv[2])
target.mkdir()
schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                       text=fields.TEXT(analyzer=LanguageAnalyzer("de"), stored=True))
ix = index.create_in(str(target), schema)
writer = ix.writer()
for path in sorted(corpus.glob("*.txt")):
    writer.add_document(id=path.name, text=path.read_text(encoding="utf-8"))
writer.commit()
"""


def bench_stock_whoosh(corpus: Path, work: Path, repeat: int) -> dict[str, Any]:
    target = work / "stock-whoosh"
    build = run_process([sys.executable, "-c", STOCK_SCRIPT, str(corpus), str(target)])
    if build.returncode != 0:
        raise SystemExit(f"stock Whoosh failed: {build.stderr}")
    from whoosh import highlight, index
    from whoosh.qparser import QueryParser

    ix = index.open_dir(str(target))

    def query(word: str) -> None:
        with ix.searcher() as searcher:
            results = searcher.search(QueryParser("text", ix.schema).parse(word), limit=10)
            results.fragmenter = highlight.ContextFragmenter()
            for hit in results:
                hit.highlights("text")

    every = [t for w in PEER_WORDS for t in timed(lambda w=w: query(w), repeat)]
    ix.close()
    return {
        "index_wall_s": build.wall,
        "index_cpu_s": build.cpu,
        "index_peak_rss_mb": build.peak_rss_mb,
        "index_size_mb": dir_size_mb(target),
        "search_p50_ms": percentile(every, 50) * 1000,
        "search_p95_ms": percentile(every, 95) * 1000,
    }


def bench_sqlite(corpus: Path, work: Path, repeat: int) -> dict[str, Any]:
    path = work / "fts5.db"
    start = time.perf_counter()
    cpu_start = time.process_time()
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    with db:
        db.executemany("INSERT INTO docs VALUES (?, ?)", texts(corpus))
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start

    def query(word: str) -> None:
        db.execute(
            "SELECT id, snippet(docs, 1, '[', ']', '…', 20) FROM docs "
            "WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10",
            (f'"{word}"',),
        ).fetchall()

    every = [t for w in PEER_WORDS for t in timed(lambda w=w: query(w), repeat)]
    db.close()
    return {
        "index_wall_s": wall,
        "index_cpu_s": cpu,
        "index_size_mb": path.stat().st_size / 2**20,
        "search_p50_ms": percentile(every, 50) * 1000,
        "search_p95_ms": percentile(every, 95) * 1000,
    }


def bench_grep(corpus: Path, repeat: int) -> dict[str, Any]:
    runs = [
        run_process(["grep", "-ril", "Merkel", str(corpus)]) for _ in range(max(3, repeat // 4))
    ]
    return {
        "search_median_ms": statistics.median(r.wall for r in runs) * 1000,
        "files_found": len(runs[0].stdout.splitlines()),
    }


# --- report ------------------------------------------------------------------------


@dataclass
class Report:
    machine: dict[str, Any]
    sizes: list[dict[str, Any]] = field(default_factory=list)


def machine() -> dict[str, Any]:
    import whoosh

    mem = ""
    try:
        mem = next(
            line.split(":", 1)[1].strip()
            for line in open("/proc/meminfo")
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        pass
    cpu = platform.processor()
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "whoosh": getattr(whoosh, "versionstring", lambda: "?")(),
        "sqlite": sqlite3.sqlite_version,
        "system": platform.platform(),
    }


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def print_table(report: Report) -> None:
    rows = []
    for size in report.sizes:
        k, w, s = size["korpus"], size["stock_whoosh"], size["sqlite_fts5"]
        g = size["grep"]
        rows.append(
            [
                f"{size['n']:,}",
                f"{size['mb']:.0f}",
                f"{k['index_wall_s']:.1f} s",
                f"{size['n'] / k['index_wall_s']:.0f}/s",
                f"{size['mb'] / k['index_wall_s']:.2f}",
                f"{k['index_size_mb']:.0f} MB",
                f"{k['index_peak_rss_mb']:.0f} MB",
                f"{k['noop_reindex_s']:.2f} s",
                f"{k['changed_reindex_s']:.2f} s",
                f"{k['search_p50_ms']:.0f}/{k['search_p95_ms']:.0f}",
                f"{k['help_median_s']:.2f} s",
                f"{k['search_cli_median_s']:.2f} s",
                f"{k.get('search_cli_checked_median_s', 0.0):.2f} s",
                f"{k['search_cli_peak_rss_mb']:.0f} MB",
            ]
        )
    head = [
        "N",
        "MB",
        "index",
        "art/s",
        "MB/s",
        "size",
        "RSS",
        "no-op",
        "1%",
        "p50/p95 ms",
        "--help",
        "search",
        "checked",
        "search RSS",
    ]
    print("korpus")
    print(" | ".join(head))
    for row in rows:
        print(" | ".join(row))
    print()
    print("peers (same texts; ratio = peer / korpus, above 1 means korpus is faster)")
    print(
        "N | stock Whoosh index | ratio | korpus CPU | Whoosh CPU | ratio | Whoosh p50 ms | "
        "ratio | FTS5 index | ratio | FTS5 p50 ms | ratio | grep -ril ms"
    )
    for size in report.sizes:
        k, w, s, g = size["korpus"], size["stock_whoosh"], size["sqlite_fts5"], size["grep"]
        print(
            " | ".join(
                [
                    f"{size['n']:,}",
                    f"{w['index_wall_s']:.1f} s",
                    ratio(w["index_wall_s"], k["index_wall_s"]),
                    f"{k['index_cpu_s']:.1f} s",
                    f"{w['index_cpu_s']:.1f} s",
                    ratio(w["index_cpu_s"], k["index_cpu_s"]),
                    f"{w['search_p50_ms']:.1f}",
                    ratio(w["search_p50_ms"], k["search_p50_ms"]),
                    f"{s['index_wall_s']:.1f} s",
                    ratio(s["index_wall_s"], k["index_wall_s"]),
                    f"{s['search_p50_ms']:.1f}",
                    ratio(s["search_p50_ms"], k["search_p50_ms"]),
                    f"{g['search_median_ms']:.0f}",
                ]
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 300 only: a smoke test")
    parser.add_argument("--sizes", type=int, nargs="*", help="corpus sizes to measure")
    parser.add_argument("--repeat", type=int, default=None, help="runs per query")
    args = parser.parse_args()
    if not DATA.exists():
        raise SystemExit(f"benchmark data not found: {DATA}")
    sizes = args.sizes or ([300] if args.quick else [1000, 5000, 14499])
    repeat = args.repeat or (3 if args.quick else 10)
    report = Report(machine())
    name = "quick.json" if args.quick else f"run-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out = RESULTS / name
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="korpus-bench-") as tmp:
            work = Path(tmp)
            files, size = write_corpus(work / "corpus", n)
            print(f"N = {files:,} ({size / 2**20:.0f} MB) …", file=sys.stderr, flush=True)
            pristine = work / "pristine"
            shutil.copytree(work / "corpus", pristine)
            entry = {
                "n": files,
                "mb": size / 2**20,
                "korpus": bench_korpus(work / "corpus", work, repeat),
                "stock_whoosh": bench_stock_whoosh(pristine, work, repeat),
                "sqlite_fts5": bench_sqlite(pristine, work, repeat),
                "grep": bench_grep(pristine, repeat),
            }
            report.sizes.append(entry)
            # Written after each size, so a long run that is stopped keeps what it measured.
            save(out, report)
    print_table(report)
    print(f"\nwrote {out}", file=sys.stderr)


def save(out: Path, report: Report) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({"machine": report.machine, "sizes": report.sizes}, indent=2, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
