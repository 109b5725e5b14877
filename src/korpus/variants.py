"""Spelling variants of query terms, from the index's own vocabulary.

Whoosh's fuzzy queries walk a Levenshtein automaton in pure Python, once per
field, segment and query phase: seconds on a large index. korpus instead writes
the vocabulary beside the index at each commit, bucketed by first letter, and
matches a query term against one bucket with rapidfuzz's C edit distance.

Variants are for names and typos. A term the index holds that is a German word
("Kanzler") or a compound of German words ("Flüchtlingsheim") is spelled as meant:
its neighbours are other words ("Kanzlei", "Flüchtlingshelfer", "Ehescheidung"
for "Entscheidung"), so it gets none. Any other term the index holds (a name:
"Selensky") may reach spellings that are neither German words nor compounds, so
a variant never swaps a part of a compound ("Flüchtlingsheim" → "-team"). A term
the index does not hold (a typo) may reach any word.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from korpus.errors import IndexDamaged
from korpus.storage import read_table, write_table

KIND, VERSION = "vocabulary", 1
LIST = "buckets"
VOCAB_DIR = "vocab"
MIN_LENGTH = 4
MAX_VARIANTS = 12
FIELDS = ("text", "title")


def variant_distance(term: str) -> int:
    """Edit distance allowed for a term: 1 from 5 letters, 2 from 9 (as Meilisearch)."""
    if not term.isalpha():
        return 0
    return 2 if len(term) >= 9 else 1 if len(term) >= 5 else 0


def _bucket_name(term: str) -> str:
    return f"{ord(term[0]):x}.tsv"


def _vocabulary(reader: Any) -> set[str]:
    """Every term of the searchable fields (wildcards expand over all of them)."""
    terms: set[str] = set()
    # Segment by segment: the merged view of a multi-segment reader is far slower.
    for sub, _ in reader.leaf_readers():
        for fieldname in FIELDS:
            if fieldname in reader.schema:
                terms.update(raw.decode("utf-8", "replace") for raw in sub.lexicon(fieldname))
    return terms


def _may_vary(term: str) -> bool:
    """Whether a term can have spelling variants (words of letters, not too short)."""
    return len(term) >= MIN_LENGTH and term.isalpha()


ENGLISH_WORDS = 50_000


def known_stems() -> frozenset[str]:
    """Stems of German words (of the word list in use) and of common English ones.

    German news quotes English often enough that "infection" must not pass for a
    spelling of "Inflation", nor "tramp" for "Trump".
    """
    from korpus.compounds import lexicon_key

    return _known_stems_of(lexicon_key())


@lru_cache(maxsize=2)
def _known_stems_of(lexicon: str) -> frozenset[str]:
    from korpus.machine_cache import cached, code_key
    from korpus.storage import digest

    key = digest(f"{code_key()}\0{lexicon}".encode())
    return cached("known-stems", key, _derive_known_stems, frozenset)


def _derive_known_stems() -> frozenset[str]:
    from wordfreq import top_n_list

    from korpus.analysis import fold, lexicon_stems, stem
    from korpus.verbs import strong_forms

    english = (stem(fold(w)) for w in top_n_list("en", ENGLISH_WORDS) if w.isalpha())
    # A strong verb's forms are indexed as its infinitive ("abschieben"), no stem.
    return lexicon_stems() | frozenset(english) | frozenset(strong_forms().values())


def write_vocabulary(ix: Any, data_dir: Path) -> None:
    """Write the vocabulary of the committed index beside it, one file per first letter."""
    known = known_stems()
    buckets: dict[str, list[str]] = {}
    with ix.reader() as reader:
        for term in sorted(_vocabulary(reader)):
            if not term or "\n" in term or "\t" in term:
                continue
            # 2: no variants of or to it; 1: a known word; 0: may be a variant.
            flag = "2" if not _may_vary(term) else "1" if term in known else "0"
            buckets.setdefault(_bucket_name(term), []).append(f"{term}\t{flag}\n")
    target = data_dir / VOCAB_DIR
    # Fresh folders of new names: nothing planted under a known name is written through.
    staging = Path(tempfile.mkdtemp(prefix=f".{VOCAB_DIR}.", dir=data_dir))
    try:
        for name, lines in buckets.items():
            write_table(staging / name, KIND, VERSION, "".join(lines).encode("utf-8"))
        # The list of buckets tells a bucket deleted from one that never was.
        write_table(staging / LIST, KIND, VERSION, "\n".join(sorted(buckets)).encode())
        old = Path(tempfile.mkdtemp(prefix=f".{VOCAB_DIR}.old.", dir=data_dir))
        if os.path.lexists(target):
            target.rename(old / VOCAB_DIR)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class Bucket:
    terms: list[str]
    present: frozenset[str]
    known: frozenset[str]
    every: list[str]


@lru_cache(maxsize=300)
def _load_bucket(path: Path, mtime_ns: int, size: int) -> Bucket:
    """A bucket of the vocabulary. Raises IndexDamaged when it fails its check."""
    terms: list[str] = []
    every: list[str] = []
    known: set[str] = set()
    try:
        lines = read_table(path, KIND, VERSION).decode("utf-8").splitlines()
        for line in lines:
            term, flag = line.split("\t")
            every.append(term)
            if flag == "2":
                continue
            terms.append(term)
            if flag == "1":
                known.add(term)
    except (UnicodeDecodeError, ValueError):
        raise IndexDamaged(path, "not a vocabulary bucket") from None
    return Bucket(terms, frozenset(terms), frozenset(known), every)


@lru_cache(maxsize=4)
def _load_list(path: Path, mtime_ns: int, size: int) -> frozenset[str]:
    try:
        return frozenset(read_table(path, KIND, VERSION).decode("utf-8").split())
    except UnicodeDecodeError:
        raise IndexDamaged(path, "not a list of buckets") from None


def _bucket_names(data_dir: Path) -> frozenset[str]:
    """The buckets the vocabulary was written with.

    Raises IndexDamaged when the list is missing (every commit writes one) or
    fails its check.
    """
    path = data_dir / VOCAB_DIR / LIST
    try:
        return _load_list(path, *_stamp(path))
    except FileNotFoundError:
        raise IndexDamaged(path, "missing") from None


def bucket_for(data_dir: Path, term: str) -> Bucket | None:
    """The bucket of ``term``'s first letter. Raises IndexDamaged when it is damaged."""
    names = _bucket_names(data_dir)
    name = _bucket_name(term)
    if name not in names:
        return None
    path = data_dir / VOCAB_DIR / name
    try:
        return _load_bucket(path, *_stamp(path))
    except FileNotFoundError:
        raise IndexDamaged(path, "missing") from None


def vocabulary_problem(data_dir: Path) -> tuple[Path, str] | None:
    """The first vocabulary file that is missing or fails its check, and why."""
    folder = data_dir / VOCAB_DIR
    try:
        names = _bucket_names(data_dir)
        for name in sorted(names):
            path = folder / name
            if not _bucket_reads(path):
                _load_bucket(path, *_stamp(path))
    except IndexDamaged as exc:
        return Path(exc.path), exc.problem
    except OSError as exc:
        return Path(exc.filename or folder), exc.strerror or str(exc)
    return None


# The bytes that split lines or fields: tab, and every line break of
# str.splitlines that is one byte in UTF-8.
_MARKS = b"\t\n\r\x0b\x0c\x1c\x1d\x1e"
_NOT_MARKS = bytes(c for c in range(256) if c not in _MARKS)
# The line breaks of str.splitlines that are several bytes in UTF-8.
_WIDE_BREAKS = ("\x85".encode(), "\u2028".encode(), "\u2029".encode())


def _bucket_reads(path: Path) -> bool:
    """Does the bucket pass its check and read as "term<TAB>flag" lines, as
    :func:`_load_bucket` reads it? Checked without building its sets, which an
    update check of every bucket does not need. False means: load it to know."""
    try:
        payload = read_table(path, KIND, VERSION)
        payload.decode("utf-8")
    except (IndexDamaged, OSError, UnicodeDecodeError):
        return False
    if not payload:
        return True
    if any(wide in payload for wide in _WIDE_BREAKS):
        return False
    # Tabs and line breaks only: one tab a line, lines ended by "\n".
    marks = payload.translate(None, _NOT_MARKS).removesuffix(b"\n")
    return marks == b"\t\n" * (len(marks) // 2) + b"\t"


def _stamp(path: Path) -> tuple[int, int]:
    st = os.lstat(path)
    return st.st_mtime_ns, st.st_size


def all_terms(data_dir: Path, first: str = "") -> list[str] | None:
    """Every term of the searchable fields, sorted; only those starting with ``first``
    when it is given. None when the index has no vocabulary.
    """
    folder = data_dir / VOCAB_DIR
    if first:
        bucket = bucket_for(data_dir, first)
        if bucket is not None:
            return bucket.every
        return [] if folder.is_dir() else None
    try:
        paths = sorted(folder.iterdir())
        stamp = tuple((p.name, *_stamp(p)) for p in paths)
    except OSError:
        return None
    return _all_terms(folder, stamp)


@lru_cache(maxsize=2)
def _all_terms(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> list[str]:
    words: list[str] = []
    for name, mtime, size in stamp:
        if name.endswith(".tsv"):
            words.extend(_load_bucket(folder / name, mtime, size).every)
    words.sort()
    return words


DocFrequency = Callable[[str], int]


def _near(term: str, bucket: Bucket, maxdist: int) -> list[tuple[str, int]]:
    """(candidate, distance) for the bucket's terms within ``maxdist`` of ``term``."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    found = process.extract(
        term, bucket.terms, scorer=OSA.distance, score_cutoff=maxdist, limit=None
    )
    return [(cand, int(dist)) for cand, dist, _ in found if cand != term]


def variants(data_dir: Path, term: str, doc_frequency: DocFrequency) -> list[str]:
    """Index terms that are spelling variants of ``term``, closest and commonest first."""
    maxdist = variant_distance(term)
    bucket = bucket_for(data_dir, term) if maxdist else None
    if bucket is None:
        return []
    in_index = term in bucket.present
    if in_index and (term in bucket.known or is_compound(term)):
        return []
    near = [
        (dist, -doc_frequency(cand), cand)
        for cand, dist in _near(term, bucket, maxdist)
        # A word the index holds may reach other spellings of it, not other words.
        if not (in_index and (cand in bucket.known or is_compound(cand)))
    ]
    return [cand for *_, cand in sorted(near)[:MAX_VARIANTS]]


def is_compound(term: str) -> bool:
    """Is an index term made of German words ("fluchtlingsheim", "klimakris")?"""
    from korpus.analysis import analyze

    return len(set(analyze(term))) > 1


def closest(data_dir: Path, term: str, doc_frequency: DocFrequency) -> str | None:
    """The commonest index term nearest to ``term``, for "did you mean"."""
    if len(term) < MIN_LENGTH:
        return None
    bucket = bucket_for(data_dir, term)
    if bucket is None:
        return None
    near = _near(term, bucket, 2)
    if not near:
        return None
    return min(near, key=lambda c: (c[1], -doc_frequency(c[0]), c[0]))[0]
