"""Readers: one module per kind of file, each turning a file's bytes into articles.

Every reader has the same shape, :data:`Reader`: the bytes of one file, the id the
file has in the corpus, its path and its metadata row (front matter, sidecar)
become a sequence of :class:`~korpus.article.Article` records, or :class:`SkipFile`
says why the file holds none. A file that holds several articles gives each the
id ``<file id>#<n>``; a reader that passes over some of a file's records (a
malformed line) puts a :class:`~korpus.article.Skipped` for each among them.
Nothing downstream knows which reader made a record.

A format is chosen by content first, then by name: a :class:`Format` with a
``sniff`` function claims a file whose name it accepts only when ``sniff`` says the
bytes are its kind (a press export saved as ``.html``); formats without ``sniff``
are the fallback for their file name endings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from korpus.article import Article, SkipFile, Skipped

Reader = Callable[[bytes, str, str, "dict[str, str] | None"], Sequence[Article | Skipped]]
Sniffer = Callable[[bytes], bool]

# News articles run to a few hundred KB; a file this large is a dump, not an article.
MAX_FILE_BYTES = 8 * 1024 * 1024
# Record files hold thousands of articles each.
MAX_RECORD_FILE_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Format:
    """A kind of file korpus reads.

    ``sniff`` gets the file's bytes and answers quickly whether they are this kind
    (it should look at the start only; containers such as zip files may need more).
    ``max_bytes`` bounds the size of a file of this kind on disk.
    """

    name: str
    extensions: tuple[str, ...]
    reader: Reader
    sniff: Sniffer | None = None
    max_bytes: int = MAX_FILE_BYTES


def _text_reader(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> Sequence[Article | Skipped]:
    from korpus.readers.text import read_text

    return read_text(data, article_id, path, meta)


def _html_reader(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> Sequence[Article | Skipped]:
    from korpus.readers.html import read_html

    return read_html(data, article_id, path, meta)


def _records_reader(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> Sequence[Article | Skipped]:
    from korpus.readers.records import read_records

    return read_records(data, article_id, path, meta)


def _export_sniff(data: bytes) -> bool:
    from korpus.readers.exports import sniff

    return sniff(data)


def _export_reader(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> Sequence[Article | Skipped]:
    from korpus.readers.exports import NotAnExport, read_export

    try:
        return read_export(data, article_id, path)
    except NotAnExport:
        # A vendor's mark in a copied article: the file's plain reader takes it.
        fallback = next((f for f in _named(path) if f.sniff is None and f.name != EXPORT), None)
        if fallback is None:
            raise
        if len(data) > fallback.max_bytes:
            raise SkipFile(
                f"file too large ({len(data) // 2**20} MB, limit {fallback.max_bytes // 2**20} MB)"
            ) from None
        return fallback.reader(data, article_id, path, meta)


EXPORT = "press-export"
_EXPORT_EXTENSIONS = (".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".rtf", ".docx")
# A download of a few hundred articles, with a page's inline styles, runs to megabytes.
_EXPORT_MAX_BYTES = 64 * 1024 * 1024

# Readers are imported when a file of their kind is read, so that starting korpus
# never pays for a format it does not meet. Sniffing formats come first; the last
# entry takes the names no other reader claims (.docx, .rtf) and says why such a
# file is no export.
FORMATS: tuple[Format, ...] = (
    Format(EXPORT, _EXPORT_EXTENSIONS, _export_reader, _export_sniff, _EXPORT_MAX_BYTES),
    Format("text", (".txt", ".md", ".text", ".markdown"), _text_reader),
    Format("html", (".html", ".htm", ".xhtml"), _html_reader),
    Format(
        "records",
        (".jsonl", ".ndjson", ".json", ".csv", ".jsonl.gz", ".ndjson.gz", ".json.gz", ".csv.gz"),
        _records_reader,
        max_bytes=MAX_RECORD_FILE_BYTES,
    ),
    Format(EXPORT, (".xml", ".rtf", ".docx"), _export_reader, None, _EXPORT_MAX_BYTES),
)


def _named(name: str) -> list[Format]:
    lowered = name.lower()
    return [fmt for fmt in FORMATS if lowered.endswith(fmt.extensions)]


def format_for(name: str, data: bytes | None = None) -> Format | None:
    """The format of a file: the first sniffing format its name allows whose ``sniff``
    accepts ``data``, else the first format without ``sniff`` for its name ending
    (case-insensitive). Without ``data`` only the name counts."""
    candidates = _named(name)
    if data is not None:
        for fmt in candidates:
            if fmt.sniff is not None and fmt.sniff(data):
                return fmt
    return next((fmt for fmt in candidates if fmt.sniff is None), None)


def is_readable_name(name: str) -> bool:
    return bool(_named(name))


def max_bytes_for(name: str) -> int:
    """The largest file of this name any of its formats reads."""
    return max((fmt.max_bytes for fmt in _named(name)), default=MAX_FILE_BYTES)


def read_articles(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None = None
) -> list[Article | Skipped]:
    """The articles in one file's bytes, read by the reader its content and name call for."""
    fmt = format_for(path, data)
    if fmt is None:
        raise SkipFile("not a file korpus reads")
    if len(data) > fmt.max_bytes:
        raise SkipFile(
            f"file too large ({len(data) // 2**20} MB, limit {fmt.max_bytes // 2**20} MB)"
        )
    return list(fmt.reader(data, article_id, path, meta))
