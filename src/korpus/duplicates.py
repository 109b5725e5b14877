"""Duplicate stories: articles that carry the same text.

Agency copy printed by several outlets and re-published updates share long
runs of words. Each article gets a bottom-k MinHash sketch of its five-word
shingles at index time; after each commit, articles whose sketches say they
share at least 30% of the shorter one's shingles are joined into a group, and
the group of every document number is written to a small table beside the index.
"""

from __future__ import annotations

import heapq
import json
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHINGLE = 5
SKETCH_SIZE = 128
MIN_SHINGLES = 25
# Share of the shorter article's shingles two versions of a story have in common.
MIN_CONTAINMENT = 0.3
# A sketch value shared by more articles than this is boilerplate, not a story.
MAX_BUCKET = 40
MIN_SHARED = 4
SKETCHES_FILE = "sketches.json"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Sketch:
    """The smallest shingle hashes of an article, and how many shingles it has."""

    shingles: int
    values: tuple[int, ...]


def sketch(text: str) -> Sketch | None:
    """A bottom-k sketch of the text's word shingles; None for texts too short to judge."""
    words = _WORD.findall(text.lower())
    count = len(words) - SHINGLE + 1
    if count < MIN_SHINGLES:
        return None
    hashes = {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(count)}
    return Sketch(len(hashes), tuple(sorted(heapq.nsmallest(SKETCH_SIZE, hashes))))


def containment(a: Sketch, b: Sketch) -> float:
    """Estimated share of the smaller article's shingles that the other one has too."""
    union = heapq.nsmallest(SKETCH_SIZE, set(a.values) | set(b.values))
    in_a, in_b = set(a.values), set(b.values)
    both = sum(1 for v in union if v in in_a and v in in_b)
    jaccard = both / len(union) if union else 0.0
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return shared / min(a.shingles, b.shingles)


def group_sketches(sketches: dict[str, Sketch]) -> dict[str, str]:
    """Article id → group key (the group's smallest id), for articles with duplicates."""
    ids = sorted(sketches)
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, doc_id in enumerate(ids):
        for value in sketches[doc_id].values:
            buckets[value].append(index)
    pair_counts: dict[tuple[int, int], int] = defaultdict(int)
    for members in buckets.values():
        if 2 <= len(members) <= MAX_BUCKET:
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair_counts[(a, b)] += 1
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (a, b), shared in pair_counts.items():
        if shared >= MIN_SHARED and containment(sketches[ids[a]], sketches[ids[b]]) >= (
            MIN_CONTAINMENT
        ):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ids)):
        groups[root(i)].append(i)
    return {ids[i]: ids[r] for r, members in groups.items() if len(members) > 1 for i in members}


# --- persistence -------------------------------------------------------------------


def load_sketches(data_dir: Path) -> dict[str, Sketch]:
    try:
        raw = json.loads((data_dir / SKETCHES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: Sketch(v[0], tuple(v[1])) for k, v in raw.items()}


def save_sketches(data_dir: Path, sketches: dict[str, Sketch]) -> None:
    from korpus.index import write_json_atomic

    write_json_atomic(
        data_dir / SKETCHES_FILE, {k: [s.shingles, list(s.values)] for k, s in sketches.items()}
    )


def _table_path(data_dir: Path, generation: int) -> Path:
    return data_dir / f"groups-{generation}.bin"


def write_groups(ix: Any, data_dir: Path, sketches: dict[str, Sketch]) -> None:
    """Group duplicates and write each document number's group (0 for none)."""
    groups = group_sketches(sketches)
    numbers: dict[str, int] = {}
    with ix.reader() as reader:
        table = array("I", bytes(4 * reader.doc_count_all()))
        for docnum, doc_id in enumerate(reader.column_reader("id")):
            key = groups.get(doc_id)
            if key is not None:
                table[docnum] = numbers.setdefault(key, len(numbers) + 1)
        generation = reader.generation()
    path = _table_path(data_dir, generation)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        table.tofile(fh)
    tmp.replace(path)
    for old in data_dir.glob("groups-*.bin"):
        if old != path:
            old.unlink(missing_ok=True)


def load_groups(reader: Any, data_dir: Path) -> array[int] | None:
    """Group number by document number for the generation ``reader`` reads, or None."""
    try:
        raw = _table_path(data_dir, reader.generation()).read_bytes()
    except OSError:
        return None
    table = array("I")
    table.frombytes(raw)
    return table if len(table) == reader.doc_count_all() else None


def members(table: array[int], docnums: Iterable[int]) -> dict[int, list[int]]:
    """Group number → the given document numbers in it, in the order given."""
    found: dict[int, list[int]] = defaultdict(list)
    for docnum in docnums:
        group = table[docnum]
        if group:
            found[group].append(docnum)
    return found
