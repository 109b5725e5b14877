"""The Whoosh index: schema, building, incremental updates, opening, locking.

An index folder holds generations of Whoosh data: ``current`` is a symlink to the
live one. A rebuild writes a new generation beside it and swaps the link in one
atomic rename, so readers always see a whole index, old or new. Incremental
updates commit into the live generation; Whoosh's own commits are atomic too.
Each commit is followed by a manifest (``files-<gen>.json``) of the files indexed
with their size, mtime and content hash, which makes a no-op update cheap.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from korpus.analysis import ANALYZER_VERSION, save_lexicon, use_lexicon
from korpus.article import Article, SkipFile, Skipped
from korpus.dates import parse_iso
from korpus.duplicates import Sketch, load_sketches, save_sketches, sketch, write_groups
from korpus.errors import CorpusNotFound, IndexBusy, IndexMissing, IndexUnusable
from korpus.loader import (
    FieldMap,
    Sidecars,
    article_id_for,
    field_map_for,
    iter_files,
    load_file,
    read_regular,
)
from korpus.periods import write_periods
from korpus.readers import max_bytes_for
from korpus.urls import url_key
from korpus.variants import VOCAB_DIR, write_vocabulary

SCHEMA_VERSION = 9
FORMAT = f"{SCHEMA_VERSION}.{ANALYZER_VERSION}"
CURRENT = "current"
INFO_FILE = "korpus.json"
LOCK_FILE = "write.lock"
LEXICON_FILE = "lexicon.txt"
UNDATED_ASC = 99991231235959

Progress = Callable[[int, int], None]


def build_schema() -> Any:
    from whoosh import columns, fields

    from korpus.analysis import german_analyzer
    from korpus.syntax import literal_analyzer

    analyzer = german_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        # The corpus file an article came from: a file may hold several articles,
        # and they are replaced or removed together.
        file=fields.ID(stored=True),
        title=fields.TEXT(
            analyzer=analyzer, stored=True, field_boost=2.0, multitoken_query="phrase"
        ),
        text=fields.TEXT(analyzer=analyzer, stored=True, multitoken_query="phrase"),
        # Title and text as written, lower-cased: exact wording for literal search.
        literal=fields.TEXT(analyzer=literal_analyzer(), multitoken_query="phrase"),
        source=fields.KEYWORD(lowercase=True, commas=True, scorable=False, sortable=True),
        sources=fields.KEYWORD(lowercase=True, commas=True, scorable=False),
        month=fields.ID(sortable=True),
        # The article's URL folded by url_key, so "url:…" finds a pasted link.
        url=fields.ID(),
        # Dates are only sorted and read back (filters use the periods table), so
        # they are columns, not indexed numbers with trie terms.
        date_start=fields.COLUMN(columns.NumericColumn("Q")),
        date_end=fields.COLUMN(columns.NumericColumn("Q")),
        date_asc=fields.COLUMN(columns.NumericColumn("Q")),
        record=fields.STORED(),
        fileinfo=fields.STORED(),
    )


def _stamp(value: datetime) -> int:
    return int(value.strftime("%Y%m%d%H%M%S"))


def document_for(article: Article, info: FileState, file_id: str | None = None) -> dict[str, Any]:
    """The Whoosh document for an article: searchable fields plus its stored record."""
    record = article.to_dict()
    text = record.pop("text")
    doc: dict[str, Any] = {
        "id": article.id,
        "file": file_id or article.id,
        "title": article.title or "",
        "text": text,
        "literal": f"{article.title}\n{text}" if article.title else text,
        "source": article.source or "",
        "sources": ",".join(dict.fromkeys([s for s in [article.source, *article.sources] if s])),
        "record": record,
        "fileinfo": info.as_list(),
    }
    if article.url:
        doc["url"] = url_key(article.url)
    parsed = parse_iso(article.date) if article.date else None
    if parsed is not None:
        start, end = parsed.period()
        doc.update(
            month="" if parsed.precision == "year" else f"{start:%Y-%m}",
            date_start=_stamp(start),
            date_end=_stamp(end),
            date_asc=_stamp(start),
        )
    else:
        doc.update(month="", date_start=0, date_end=0, date_asc=UNDATED_ASC)
    return doc


@dataclass
class FileState:
    size: int
    mtime_ns: int
    digest: str

    def as_list(self) -> list[Any]:
        return [self.size, self.mtime_ns, self.digest]


def article_ids(file_id: str, entry: list[Any]) -> list[str]:
    """The ids of the articles a manifest entry's file gave: the file's own id, or
    the list kept as the entry's fourth item when the file held other articles."""
    if len(entry) > 3 and isinstance(entry[3], list):
        return [str(i) for i in entry[3]]
    return [file_id]


def manifest_entry(state: FileState, file_id: str, ids: list[str]) -> list[Any]:
    entry = state.as_list()
    if ids != [file_id]:
        entry.append(ids)
    return entry


@dataclass
class UpdateReport:
    """What an index run did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    rebuilt: bool = False
    reason: str | None = None
    seconds: float = 0.0
    total: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


# --- locations ---------------------------------------------------------------------


def live_dir(index_dir: Path) -> Path | None:
    """The live generation of an index folder, or None if there is none."""
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def read_info(data_dir: Path) -> dict[str, Any]:
    try:
        info = json.loads((data_dir / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _check_index_dir(index_dir: Path) -> None:
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexUnusable(f"index path is not a folder: {index_dir}")


def open_index(index_dir: Path) -> tuple[Any, dict[str, Any]]:
    """Open the live index for reading. Raises IndexMissing or IndexUnusable."""
    from whoosh import index as whoosh_index
    from whoosh.index import EmptyIndexError

    _check_index_dir(index_dir)
    data = live_dir(index_dir)
    if data is None:
        raise IndexMissing(f"no index in {index_dir}")
    info = read_info(data)
    if info.get("format") != FORMAT:
        raise IndexUnusable(
            f"the index in {index_dir} was built by another version of korpus",
            hint="rebuild it with: korpus index --rebuild",
        )
    use_lexicon(data / LEXICON_FILE)
    try:
        return whoosh_index.open_dir(str(data)), {**info, "data_dir": data}
    except (EmptyIndexError, OSError, ValueError, EOFError) as exc:
        raise IndexUnusable(f"cannot open the index in {index_dir}: {exc}") from exc


# --- locking -----------------------------------------------------------------------


@contextmanager
def write_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's write lock. The kernel frees it when a process dies."""
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            raise IndexBusy(
                f"index is being updated by process {holder}: {index_dir}",
                hint="wait for it to finish, then try again",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --- manifests ---------------------------------------------------------------------


def _manifest_path(data_dir: Path, generation: int) -> Path:
    return data_dir / f"files-{generation}.json"


def write_json_atomic(path: Path, value: Any) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(value, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def load_manifest(ix: Any, data_dir: Path) -> dict[str, Any]:
    """Files indexed in the live generation: {"files": {id: [size, mtime, hash]}, "skipped": []}.

    Rebuilt from the stored documents when a crash came between a commit and its
    manifest.
    """
    generation = ix.latest_generation()
    try:
        manifest = json.loads(_manifest_path(data_dir, generation).read_text(encoding="utf-8"))
        if isinstance(manifest, dict) and isinstance(manifest.get("files"), dict):
            return manifest
    except (OSError, ValueError):
        pass
    files: dict[str, Any] = {}
    with ix.searcher() as searcher:
        for stored in searcher.all_stored_fields():
            files[stored["id"]] = stored.get("fileinfo")
    return {"files": files, "skipped": []}


def _save_manifest(ix: Any, data_dir: Path, manifest: dict[str, Any]) -> None:
    generation = ix.latest_generation()
    write_json_atomic(_manifest_path(data_dir, generation), manifest)
    for old in data_dir.glob("files-*.json"):
        if old.name != _manifest_path(data_dir, generation).name:
            old.unlink(missing_ok=True)


# --- scanning the corpus -----------------------------------------------------------


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Scan:
    """What changed in a corpus since the manifest was written."""

    to_index: list[Path] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: dict[str, Any] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    seen: int = 0


def scan_corpus(corpus: Path, known: dict[str, Any]) -> Scan:
    """Compare the corpus on disk with the files an index knows, by size and mtime."""
    base = corpus if corpus.is_dir() else corpus.parent
    scan = Scan()
    present: set[str] = set()
    for item in iter_files(corpus):
        if isinstance(item, Skipped):
            scan.skipped.append(item)
            # An indexed file now skipped (swapped for a link out of the corpus) keeps
            # its last good version, in the index and in the manifest alike.
            kept = article_id_for(item.path, base)
            if kept in known:
                present.add(kept)
                scan.unchanged[kept] = known[kept]
            continue
        doc_id = article_id_for(item, base)
        present.add(doc_id)
        scan.seen += 1
        try:
            st = item.stat()
        except OSError as exc:
            scan.skipped.append(Skipped(str(item), f"cannot read ({exc.strerror or exc})"))
            if doc_id in known:
                scan.unchanged[doc_id] = known[doc_id]
            continue
        old = known.get(doc_id)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
            scan.unchanged[doc_id] = old
        else:
            scan.to_index.append(item)
    scan.removed = sorted(set(known) - present)
    return scan


def corpus_is_stale(corpus: Path, index_dir: Path, fields: FieldMap | None = None) -> bool:
    """True when files were added, changed or removed since the index was written,
    or the field mapping changed (``fields``: mappings given now, else the stored ones)."""
    ix, info = open_index(index_dir)
    data = live_dir(index_dir)
    assert data is not None
    try:
        manifest = load_manifest(ix, data)
    finally:
        ix.close()
    given = fields if fields is not None else info.get("field_options") or {}
    if field_map_for(corpus, given) != (info.get("fields") or {}):
        return True
    scan = scan_corpus(corpus, manifest["files"])
    return bool(scan.to_index or scan.removed)


# --- building and updating ---------------------------------------------------------


def _load_one(
    path: Path,
    base: Path,
    sidecars: Sidecars,
    source_from_folder: bool = False,
    fields: FieldMap | None = None,
) -> tuple[list[Article | Skipped], FileState] | Skipped:
    loaded = load_file(path, base, sidecars, source_from_folder, fields)
    if isinstance(loaded, Skipped):
        return loaded
    items, data, st = loaded
    return items, FileState(st.st_size, st.st_mtime_ns, file_digest(data))


def update_index(
    corpus: Path,
    index_dir: Path,
    rebuild: bool = False,
    progress: Progress | None = None,
    source_from_folder: bool | None = None,
    fields: FieldMap | None = None,
) -> UpdateReport:
    """Bring the index in ``index_dir`` up to date with ``corpus``.

    Adds new files, re-indexes changed ones and removes deleted ones. A missing,
    outdated or ``rebuild``-requested index is built afresh in a new generation.
    Nothing is visible to readers until a commit succeeds. ``source_from_folder``
    (the first folder below the corpus names an article's source where the text
    names none) is remembered by the index; None keeps what it was built with, and
    a change rebuilds it.

    ``fields`` maps record fields (``{"text": "article_body"}``); the index
    remembers the mappings it was given and uses them on later updates, and a
    changed mapping (given or in the corpus's ``korpus.fields``) rebuilds it.
    """
    started = time.perf_counter()
    if not corpus.exists():
        raise CorpusNotFound(f"corpus not found: {corpus}")
    _check_index_dir(index_dir)
    corpus = corpus.resolve()
    with write_lock(index_dir):
        remove_retired(index_dir)
        data = live_dir(index_dir)
        info = read_info(data) if data else {}
        reason = None
        given: FieldMap = fields if fields is not None else dict(info.get("field_options") or {})
        mapping = field_map_for(corpus, given)
        if data is None:
            reason = "no index yet"
        elif info.get("format") != FORMAT:
            reason = "the index was built by another version of korpus"
        elif rebuild:
            reason = "rebuild requested"
        elif mapping != (info.get("fields") or {}):
            reason = "the field mapping changed"
        stored = bool(info.get("source_from_folder", False))
        folders = stored if source_from_folder is None else source_from_folder
        if reason is None and folders != stored:
            reason = "sources from folders " + ("turned on" if folders else "turned off")
        if reason is not None:
            report = _build_generation(corpus, index_dir, progress, folders, given, mapping)
            report.reason = reason
        else:
            assert data is not None
            report = _update_generation(corpus, data, progress, folders, mapping)
    report.seconds = time.perf_counter() - started
    return report


PARALLEL_MIN_FILES = 400
# A file counts as one article per this many bytes: a record file of thousands of
# articles is worth the parallel writer as much as a folder of them.
BYTES_PER_ARTICLE = 16 * 1024


def _work_units(paths: list[Path]) -> int:
    units = 0
    for path in paths:
        try:
            units += max(1, path.stat().st_size // BYTES_PER_ARTICLE)
        except OSError:
            units += 1
    return units



def _new_writer(ix: Any, files: int = 0) -> Any:
    """A writer; for large batches one that analyses on every core.

    Whoosh's parallel writer loses a batch silently when a worker dies, so
    :func:`_build_generation` compares the document count after committing.
    """
    procs = min(os.cpu_count() or 1, 4)
    # Separate segment files, not one compound file: Whoosh copies a compound
    # file's parts into memory on every open, which costs each search 200 ms.
    if files >= PARALLEL_MIN_FILES and procs > 1:
        writer = ix.writer(
            timeout=5.0, procs=procs, multisegment=True, batchsize=64, limitmb=160, compound=False
        )
        _start_workers(writer)
        return writer
    return ix.writer(timeout=5.0, limitmb=256, compound=False)


def _start_workers(writer: Any) -> None:
    """Start Whoosh's worker processes now, with Ctrl-C ignored: the parent handles it."""
    if threading.current_thread() is not threading.main_thread():
        return
    from whoosh.multiproc import SubWriterTask

    class WorkerTask(SubWriterTask):  # type: ignore[misc]
        def run(self) -> None:
            # A worker outlives a killed parent and waits on its queue for ever.
            threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
            super().run()

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while len(writer.tasks) < writer.procs:
            task = WorkerTask(
                writer.storage,
                writer.indexname,
                writer.jobqueue,
                writer.resultqueue,
                writer.subargs,
                writer.multisegment,
            )
            writer.tasks.append(task)
            task.start()
    finally:
        signal.signal(signal.SIGINT, previous)


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _stop_workers(writer: Any) -> None:
    # Whoosh's cancel() only flags its workers in the parent's memory; they would
    # wait on their queue for ever and keep the parent from exiting.
    for task in getattr(writer, "tasks", []):
        task.terminate()
        task.join(5)


@dataclass
class _Batch:
    """What one indexing run accumulates besides the Whoosh documents."""

    base: Path
    # The manifest of the index being updated: files to replace, with their articles.
    replace: dict[str, Any]
    files: dict[str, Any]
    sketches: dict[str, Sketch]
    report: UpdateReport
    fields: FieldMap = field(default_factory=dict)
    articles: int = 0
    source_from_folder: bool = False


def announce(progress: Progress | None, phase: str) -> None:
    """Tell a progress display that a phase begins: reading, writing or finishing.

    A display that wants phases has a ``phase`` method; a plain callable is left alone.
    """
    start_phase = getattr(progress, "phase", None)
    if start_phase is not None:
        start_phase(phase)


def _index_files(writer: Any, paths: list[Path], batch: _Batch, progress: Progress | None) -> None:
    announce(progress, "reading")
    sidecars: Sidecars = {}
    total = len(paths)
    for done, path in enumerate(paths, 1):
        loaded = _load_one(path, batch.base, sidecars, batch.source_from_folder, batch.fields)
        if isinstance(loaded, Skipped):
            batch.report.skipped.append(loaded)
        else:
            items, state = loaded
            # Records a reader passed over (a malformed line) are reported; the
            # file's other articles are indexed.
            articles = [a for a in items if isinstance(a, Article)]
            batch.report.skipped.extend(a for a in items if isinstance(a, Skipped))
            file_id = article_id_for(path, batch.base)
            old = batch.replace.get(file_id)
            if old is not None:
                writer.delete_by_term("file", file_id)
                for old_id in article_ids(file_id, old):
                    batch.sketches.pop(old_id, None)
            for article in articles:
                writer.add_document(**document_for(article, state, file_id))
                if old is not None:
                    batch.report.updated += 1
                else:
                    batch.report.added += 1
                found = sketch(article.text, article.source)
                if found is not None:
                    batch.sketches[article.id] = found
            batch.articles += len(articles)
            batch.files[file_id] = manifest_entry(state, file_id, [a.id for a in articles])
        if progress is not None:
            progress(done, total)
    # The parallel workers are still analysing; committing waits for them and merges.
    announce(progress, "analysing and writing")


def _write_derived(ix: Any, data_dir: Path, sketches: dict[str, Sketch]) -> None:
    """Files kept beside each committed generation: vocabulary, periods, duplicates."""
    write_vocabulary(ix, data_dir)
    write_periods(ix, data_dir)
    save_sketches(data_dir, sketches)
    write_groups(ix, data_dir, sketches)


def _repair_derived(ix: Any, data_dir: Path) -> None:
    """Write what a run killed between its commit and its derived files left out."""
    generation = ix.latest_generation()
    if not (data_dir / VOCAB_DIR).is_dir():
        write_vocabulary(ix, data_dir)
    if not (data_dir / f"periods-{generation}.bin").exists():
        write_periods(ix, data_dir)
    if not (data_dir / f"groups-{generation}.bin").exists():
        write_groups(ix, data_dir, load_sketches(data_dir))


def _write_and_commit(writer: Any, work: Callable[[], None]) -> None:
    """Run ``work`` with ``writer`` and commit; on any failure or Ctrl-C, cancel."""
    try:
        work()
    except BaseException:
        _stop_workers(writer)
        writer.cancel()
        raise
    writer.commit()


def _build_generation(
    corpus: Path,
    index_dir: Path,
    progress: Progress | None,
    source_from_folder: bool = False,
    given: FieldMap | None = None,
    fields: FieldMap | None = None,
) -> UpdateReport:
    from whoosh import index as whoosh_index

    report = UpdateReport(rebuilt=True)
    scan = scan_corpus(corpus, {})
    report.skipped.extend(scan.skipped)
    index_dir.mkdir(parents=True, exist_ok=True)
    new_dir = Path(
        tempfile.mkdtemp(prefix=f"data-{time.strftime('%Y%m%d-%H%M%S')}-", dir=index_dir)
    )
    # mkdtemp makes the folder 0700; colleagues sharing an index read it as the umask says.
    mask = os.umask(0o022)
    os.umask(mask)
    new_dir.chmod(0o777 & ~mask)
    name = new_dir.name
    try:
        ix = whoosh_index.create_in(str(new_dir), build_schema())
        # A new index takes the current word list; load it before the workers fork,
        # so they share it.
        use_lexicon(None)
        save_lexicon(new_dir / LEXICON_FILE)
        batch = _Batch(
            _base(corpus), {}, {}, {}, report,
            fields=dict(fields or {}), source_from_folder=source_from_folder,
        )  # fmt: skip
        writer = _new_writer(ix, _work_units(scan.to_index))
        _write_and_commit(writer, lambda: _index_files(writer, scan.to_index, batch, progress))
        if ix.doc_count() != batch.articles:
            # A parallel worker died and took its batch with it: index again, serially.
            ix.close()
            for leftover in new_dir.iterdir():
                if leftover.name.startswith(("MAIN", "_MAIN")):
                    leftover.unlink()
            ix = whoosh_index.create_in(str(new_dir), build_schema())
            report = UpdateReport(rebuilt=True, skipped=list(scan.skipped))
            batch = _Batch(
                _base(corpus), {}, {}, {}, report,
                fields=dict(fields or {}), source_from_folder=source_from_folder,
            )  # fmt: skip
            writer = _new_writer(ix)
            _write_and_commit(writer, lambda: _index_files(writer, scan.to_index, batch, progress))
        files = batch.files
        write_json_atomic(
            new_dir / INFO_FILE,
            {
                "format": FORMAT,
                "corpus": str(corpus),
                "built": datetime.now().isoformat(timespec="seconds"),
                "source_from_folder": source_from_folder,
                "field_options": given or {},
                "fields": fields or {},
            },
        )
        _save_manifest(ix, new_dir, {"files": files, "skipped": _skipped_json(report.skipped)})
        announce(progress, "finishing")
        _write_derived(ix, new_dir, batch.sketches)
        report.total = ix.doc_count()
        ix.close()
        _swap_live(index_dir, name)
    except BaseException:
        shutil.rmtree(new_dir, ignore_errors=True)
        raise
    return report


RETIRED = ".retired"
# How long a replaced generation stays for searches that opened it before the swap:
# Whoosh opens some of a segment's files lazily, after the search has begun.
RETIRED_GRACE_SECONDS = 120.0


def _swap_live(index_dir: Path, name: str) -> None:
    old = live_dir(index_dir)
    tmp_link = index_dir / f".{CURRENT}.{os.getpid()}"
    tmp_link.unlink(missing_ok=True)
    os.symlink(name, tmp_link)
    os.replace(tmp_link, index_dir / CURRENT)
    if old is not None and old.name != name:
        (old / RETIRED).write_text(str(time.time()), encoding="utf-8")
    remove_retired(index_dir, keep=name)


def remove_retired(index_dir: Path, keep: str | None = None) -> None:
    """Delete generations replaced long enough ago, and any an interrupted build left.

    Runs under the write lock, so no other build is writing a generation.
    """
    live = live_dir(index_dir)
    for data in index_dir.glob("data-*"):
        if data.name == keep or (live is not None and data.resolve() == live):
            continue
        try:
            retired = float((data / RETIRED).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            retired = 0.0  # never live: left behind by an interrupted build
        if time.time() - retired >= RETIRED_GRACE_SECONDS:
            shutil.rmtree(data, ignore_errors=True)


def _update_generation(
    corpus: Path,
    data: Path,
    progress: Progress | None,
    source_from_folder: bool = False,
    fields: FieldMap | None = None,
) -> UpdateReport:
    from whoosh import index as whoosh_index

    use_lexicon(data / LEXICON_FILE)

    report = UpdateReport()
    ix = whoosh_index.open_dir(str(data))
    try:
        manifest = load_manifest(ix, data)
        known: dict[str, Any] = manifest["files"]
        scan = scan_corpus(corpus, known)
        report.skipped.extend(scan.skipped)
        files = dict(scan.unchanged)
        to_parse: list[Path] = []
        base = _base(corpus)
        # A touched file whose bytes did not change needs no re-indexing.
        for path in scan.to_index:
            doc_id = article_id_for(path, base)
            old = known.get(doc_id)
            if old:
                try:
                    # Read as the loader reads: a FIFO or device here must not block.
                    raw, st = read_regular(path, max_bytes_for(path.name))
                    digest = file_digest(raw)
                except (OSError, SkipFile):
                    to_parse.append(path)
                    continue
                if digest == old[2]:
                    files[doc_id] = [st.st_size, st.st_mtime_ns, digest, *old[3:]]
                    continue
            to_parse.append(path)
        report.unchanged = len(files)
        if to_parse or scan.removed:
            # Updates stay serial: Whoosh's parallel writer may drop a batch silently,
            # and a partial update has no clean way back.
            writer = _new_writer(ix)
            sketches = load_sketches(data)
            batch = _Batch(
                base, known, files, sketches, report,
                fields=dict(fields or {}), source_from_folder=source_from_folder,
            )  # fmt: skip

            def apply() -> None:
                for file_id in scan.removed:
                    writer.delete_by_term("file", file_id)
                    for doc_id in article_ids(file_id, known[file_id]):
                        sketches.pop(doc_id, None)
                        report.removed += 1
                _index_files(writer, to_parse, batch, progress)
                # A file that could not be read keeps its last good version.
                for skipped in report.skipped:
                    kept = article_id_for(Path(skipped.path), base)
                    if kept in known and kept not in files:
                        files[kept] = known[kept]

            _write_and_commit(writer, apply)
            announce(progress, "finishing")
            _write_derived(ix, data, sketches)
        else:
            _repair_derived(ix, data)
        if (
            to_parse
            or scan.removed
            or files != known
            or manifest.get("skipped") != _skipped_json(report.skipped)
        ):
            _save_manifest(ix, data, {"files": files, "skipped": _skipped_json(report.skipped)})
        report.total = ix.doc_count()
    finally:
        ix.close()
    return report


def _base(corpus: Path) -> Path:
    return corpus if corpus.is_dir() else corpus.parent


def _skipped_json(skipped: list[Skipped]) -> list[dict[str, str]]:
    return [{"path": s.path, "reason": s.reason} for s in skipped]


def index_corpus_dir(index_dir: Path) -> Path | None:
    """The corpus folder an index was built from."""
    data = live_dir(index_dir)
    corpus = read_info(data).get("corpus") if data else None
    return Path(corpus) if corpus else None


def last_skipped(index_dir: Path) -> list[dict[str, str]]:
    """Files skipped at the last indexing, with reasons."""
    ix, _ = open_index(index_dir)
    data = live_dir(index_dir)
    assert data is not None
    try:
        skipped: list[dict[str, str]] = load_manifest(ix, data).get("skipped", [])
        return skipped
    finally:
        ix.close()


def ensure_index(
    index_dir: Path,
    corpus: Path | None,
    progress: Progress | None = None,
    update: bool = True,
    fields: FieldMap | None = None,
) -> UpdateReport | None:
    """Build a missing index and refresh a stale one before a search.

    ``corpus`` defaults to the folder the index records. When another process is
    writing the index, the search goes ahead on the index as it stands.
    """
    _check_index_dir(index_dir)
    data = live_dir(index_dir)
    usable = data is not None and read_info(data).get("format") == FORMAT
    if usable and not update:
        return None
    source = corpus or index_corpus_dir(index_dir)
    if source is None or not source.exists():
        if usable:
            return None
        raise IndexMissing(f"no index in {index_dir}, and no corpus to build it from")
    try:
        if usable and not corpus_is_stale(source, index_dir, fields):
            return None
        return update_index(source, index_dir, progress=progress, fields=fields)
    except IndexBusy:
        if usable:
            return None
        raise
