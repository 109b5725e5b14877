"""Score korpus' HTML reader beside htmldate alone and trafilatura's metadata alone.

Usage: python bench/html_peers.py [KORPUS_EXECUTABLE] [--half dev|check|all]

All three are scored on the saved pages of ``../shared/loader-dev`` with that
folder's own scorer (its rules for titles, dates and sources), in one run. The
peers see each page's bytes as korpus does:

- htmldate: ``find_date(page, original_date=True)`` (the publication, not an update)
  and with its default settings;
- trafilatura: ``extract_metadata(page)``: title, date, site name.

The figures are given for all pages, for the odd-numbered half (``dev``, the
pages the rules were developed on) and the even-numbered half (``check``).
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "loader-dev"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("loader_dev_score", DEV / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no scorer at {DEV / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _decoded(data: bytes) -> str:
    from korpus.readers.html import decode_html

    return decode_html(data)[0]


def htmldate_record(data: bytes, original: bool) -> dict[str, Any]:
    from htmldate import find_date

    return {"date": find_date(_decoded(data), original_date=original), "date_precision": "day"}


def trafilatura_record(data: bytes) -> dict[str, Any]:
    from trafilatura import extract_metadata

    meta = extract_metadata(_decoded(data))
    return {
        "title": meta.title,
        "date": meta.date,
        "date_precision": "day",
        "source": meta.sitename,
        "sources": [],
    }


def score(sc: ModuleType, gold: list[dict[str, Any]], recs: list[dict[str, Any]]) -> Counter[str]:
    c: Counter[str] = Counter()
    for g, r in zip(gold, recs, strict=True):
        c["files"] += 1
        c["title"] += sc.title_exact(r.get("title"), r, g)
        c["title_fuzzy"] += sc.title_fuzzy(r.get("title"), r, g)
        verdict, _ = sc.judge_date(r, g, "html")
        c["date_" + verdict] += 1
        wanted = {sc.canon(a) for a in [g["source"], *g["source_aliases"]]}
        names = [r.get("source"), *(r.get("sources") or [])]
        c["source"] += any(sc.canon(x) in wanted for x in names if x)
    return c


def line(name: str, c: Counter[str], scored: tuple[str, ...]) -> str:
    n = c["files"]
    parts = []
    if "title" in scored:
        parts.append(f"titles {c['title']}/{n} exact ({c['title_fuzzy']} fuzzy)")
    if "date" in scored:
        parts.append(f"dates {c['date_right']}/{n} right, {c['date_wrong']} wrong")
    if "source" in scored:
        parts.append(f"sources {c['source']}/{n}")
    return f"{name:<26} " + "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("korpus", nargs="?", default=shutil.which("korpus") or "korpus")
    args = parser.parse_args()
    if not (DEV / "gold.jsonl").exists():
        sys.exit(f"no development set at {DEV}")
    sc = _scorer()
    lines = (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [sc.json.loads(x) for x in lines if x.strip()]
    files = [DEV / g["html_file"] for g in gold]
    started = time.perf_counter()
    found, _ = sc.run_korpus(args.korpus, files)
    korpus_seconds = time.perf_counter() - started
    runs: dict[str, list[dict[str, Any]]] = {"korpus": [found.get(f.name) or {} for f in files]}
    pages = [f.read_bytes() for f in files]
    started = time.perf_counter()
    runs["htmldate original_date"] = [htmldate_record(p, True) for p in pages]
    runs["htmldate default"] = [htmldate_record(p, False) for p in pages]
    htmldate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    runs["trafilatura metadata"] = [trafilatura_record(p) for p in pages]
    traf_seconds = time.perf_counter() - started
    scored = {
        "korpus": ("title", "date", "source"),
        "htmldate original_date": ("date",),
        "htmldate default": ("date",),
        "trafilatura metadata": ("title", "date", "source"),
    }
    halves = {
        "all": range(len(gold)),
        "dev (odd pages)": range(0, len(gold), 2),
        "check (even pages)": range(1, len(gold), 2),
    }
    for half, picked in halves.items():
        print(f"loader-dev html, {len(picked)} pages, {half}")
        for name, fields in scored.items():
            recs = runs[name]
            counts = score(sc, [gold[i] for i in picked], [recs[i] for i in picked])
            print("  " + line(name, counts, fields))
    print(
        f"seconds: korpus parse {korpus_seconds:.1f}, htmldate (both modes) "
        f"{htmldate_seconds:.1f}, trafilatura {traf_seconds:.1f}"
    )


if __name__ == "__main__":
    main()
