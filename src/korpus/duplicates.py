"""Duplicate stories: articles that carry the same text.

Agency copy printed by several outlets and re-published updates share long
runs of words. Each article gets a bottom-k MinHash sketch of its five-word
shingles at index time; after each commit, articles whose sketches say they
share at least 40% of the shorter one's shingles are joined into a group, and
the group of every document number is written to a small table beside the index.
"""

from __future__ import annotations

import heapq
import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from korpus.errors import IndexDamaged
from korpus.storage import (
    read_json_table,
    read_problem,
    read_table,
    write_json_table,
    write_table,
)

SHINGLE = 5
SKETCH_SIZE = 128
MIN_SHINGLES = 25
# Share of the shorter article's shingles two versions of a story have in common.
MIN_CONTAINMENT = 0.4
MIN_CONTAINMENT_SAME_SOURCE = 0.7
# A shingle in more articles than this is boilerplate (a footer, a standing
# paragraph), not a story: agency copy rarely runs in more than a dozen outlets.
MAX_SHARED_BY = 12
MIN_SHARED = 4
SAME_SOURCE_REPEATS = 3
MIN_SAMPLE = 8
SKETCHES_FILE = "sketches.json"

_WORD = re.compile(r"\w+")
# "4.000" and "4000" are one number: spelled either way, copies stay copies.
_THOUSANDS = re.compile(r"(?<=\d)\.(?=\d{3}\b)")


@dataclass(frozen=True)
class Sketch:
    """The smallest shingle hashes of an article, how many shingles it has, its source."""

    shingles: int
    values: tuple[int, ...]
    source: str | None = None


def sketch(text: str, source: str | None = None) -> Sketch | None:
    """A bottom-k sketch of the text's word shingles; None for texts too short to judge."""
    words = _WORD.findall(_THOUSANDS.sub("", text.lower()))
    if len(words) - SHINGLE + 1 < MIN_SHINGLES:
        return None
    known = _CODES.get
    codes = [known(w) or _word_code(w) for w in words]
    # A shingle's hash is the hash of its five word codes: no string is built per
    # shingle, and tuples of ints hash the same in every process (no hash seed).
    hashes = {
        hash(shingle) & _MASK
        for shingle in zip(codes, codes[1:], codes[2:], codes[3:], codes[4:], strict=False)
    }
    return Sketch(len(hashes), tuple(sorted(heapq.nsmallest(SKETCH_SIZE, hashes))), source)


_MASK = 2**32 - 1
_CODES: dict[str, int] = {}


def _word_code(word: str) -> int:
    code = _CODES.get(word)
    if code is None:
        if len(_CODES) > 1_000_000:
            _CODES.clear()
        code = _CODES[word] = zlib.crc32(word.encode())
    return code


def containment(a: Sketch, b: Sketch, common: frozenset[int] = frozenset()) -> float:
    """Estimated share of the smaller article's shingles that the other one has too.

    Both sketches hold every hash of their article below their largest value, so
    the smaller article's sampled hashes under the other's largest value are a
    fair sample: the share of them found in the other is the containment. Values
    in ``common`` (a site's footer, a ticker's standing paragraphs) do not count.
    """
    small, large = (a, b) if a.shingles <= b.shingles else (b, a)
    ceiling = large.values[-1]
    in_large = set(large.values)
    sample = [v for v in small.values if v <= ceiling and v not in common]
    if len(sample) < MIN_SAMPLE:
        return 0.0
    return sum(1 for v in sample if v in in_large) / len(sample)


def _repeats_in_one_source(members: list[int], ids: list[str], sketches: dict[str, Sketch]) -> bool:
    """A shingle in three or more articles of one outlet is the outlet's boilerplate."""
    if len(members) < SAME_SOURCE_REPEATS:
        return False
    counts = Counter(sketches[ids[i]].source for i in members)
    counts.pop(None, None)
    return bool(counts) and max(counts.values()) >= SAME_SOURCE_REPEATS


def group_sketches(sketches: dict[str, Sketch]) -> dict[str, str]:
    """Article id → group key (the group's smallest id), for articles with duplicates."""
    ids = sorted(sketches)
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, doc_id in enumerate(ids):
        for value in sketches[doc_id].values:
            buckets[value].append(index)
    common = frozenset(
        v
        for v, members in buckets.items()
        if len(members) > MAX_SHARED_BY or _repeats_in_one_source(members, ids, sketches)
    )
    pair_counts: dict[tuple[int, int], int] = defaultdict(int)
    for members in buckets.values():
        if 2 <= len(members) <= MAX_SHARED_BY:
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
        first, second = sketches[ids[a]], sketches[ids[b]]
        # One outlet's articles share standing text (series intros, author notes)
        # more than its copies of a story differ: demand more of them.
        same_outlet = first.source is not None and first.source == second.source
        needed = MIN_CONTAINMENT_SAME_SOURCE if same_outlet else MIN_CONTAINMENT
        if shared >= MIN_SHARED and containment(first, second, common) >= needed:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ids)):
        groups[root(i)].append(i)
    return {ids[i]: ids[r] for r, members in groups.items() if len(members) > 1 for i in members}


# --- persistence -------------------------------------------------------------------

SKETCHES_KIND, SKETCHES_VERSION = "sketches", 2
GROUPS_KIND, GROUPS_VERSION = "groups", 1


def load_sketches(data_dir: Path, generation: int) -> dict[str, Sketch] | None:
    """The sketches saved for ``generation``; None when missing, damaged or older.

    A run killed between its commit and its sketches leaves them a generation
    behind: they are then rebuilt from the stored texts, never used.
    """
    try:
        saved = read_json_table(data_dir / SKETCHES_FILE, SKETCHES_KIND, SKETCHES_VERSION)
        if saved["generation"] != generation:
            return None
        return {
            k: Sketch(int(v[0]), tuple(int(x) for x in v[1]), v[2])
            for k, v in saved["sketches"].items()
        }
    except (OSError, IndexDamaged, KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None


def save_sketches(data_dir: Path, generation: int, sketches: dict[str, Sketch]) -> None:
    write_json_table(
        data_dir / SKETCHES_FILE,
        SKETCHES_KIND,
        SKETCHES_VERSION,
        {
            "generation": generation,
            "sketches": {k: [s.shingles, list(s.values), s.source] for k, s in sketches.items()},
        },
    )


def sketches_from_stored(reader: Any) -> dict[str, Sketch]:
    """Every live article's sketch, from the texts the index stores."""
    found: dict[str, Sketch] = {}
    for _, stored in reader.iter_docs():
        record = stored.get("record") or {}
        made = sketch(stored.get("text", ""), record.get("source"))
        if made is not None:
            found[stored["id"]] = made
    return found


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
            if key is not None and not reader.is_deleted(docnum):
                table[docnum] = numbers.setdefault(key, len(numbers) + 1)
        generation = reader.generation()
    path = _table_path(data_dir, generation)
    write_table(path, GROUPS_KIND, GROUPS_VERSION, table.tobytes())
    for old in data_dir.glob("groups-*.bin"):
        if old != path:
            old.unlink(missing_ok=True)


def _read_groups(path: Path, count: int) -> array[int]:
    table = array("I")
    payload = read_table(path, GROUPS_KIND, GROUPS_VERSION)
    if len(payload) != count * table.itemsize:
        raise IndexDamaged(path, f"holds {len(payload)} bytes, not the groups of {count} articles")
    table.frombytes(payload)
    return table


def load_groups(reader: Any, data_dir: Path) -> array[int]:
    """Group number by document number for the generation ``reader`` reads.

    Raises IndexDamaged when it is missing (a run was killed before writing it)
    or fails its check: folding versions without it would be silently wrong.
    """
    path = _table_path(data_dir, reader.generation())
    try:
        return _read_groups(path, reader.doc_count_all())
    except FileNotFoundError:
        raise IndexDamaged(path, "missing") from None


def groups_problem(reader: Any, data_dir: Path) -> str | None:
    """What is wrong with the generation's group table; None when it is whole."""
    path = _table_path(data_dir, reader.generation())
    return read_problem(lambda: _read_groups(path, reader.doc_count_all()))


def members(table: array[int], docnums: Iterable[int]) -> dict[int, list[int]]:
    """Group number → the given document numbers in it, in the order given."""
    found: dict[int, list[int]] = defaultdict(list)
    for docnum in docnums:
        group = table[docnum]
        if group:
            found[group].append(docnum)
    return found
