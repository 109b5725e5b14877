"""Readers: one module per kind of file, each turning a file's bytes into articles.

Every reader has the same shape, :data:`Reader`: the bytes of one file, the id the
file has in the corpus, its path and its metadata row (front matter, sidecar)
become a list of :class:`~korpus.article.Article` records, or :class:`SkipFile`
says why the file holds none. A file that holds several articles gives each the
id ``<file id>#<n>``. Nothing downstream knows which reader made a record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from korpus.article import Article, SkipFile

Reader = Callable[[bytes, str, str, "dict[str, str] | None"], list[Article]]


@dataclass(frozen=True)
class Format:
    """A kind of file korpus reads: its name, file name endings and reader."""

    name: str
    extensions: tuple[str, ...]
    reader: Reader


def _text_reader(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> list[Article]:
    from korpus.readers.text import read_text

    return read_text(data, article_id, path, meta)


# Readers are imported when a file of their kind is read, so that starting korpus
# never pays for a format it does not meet.
FORMATS: tuple[Format, ...] = (
    Format("text", (".txt", ".md", ".text", ".markdown"), _text_reader),
)


def format_for(name: str) -> Format | None:
    """The format a file name says it has, by its ending (case-insensitive)."""
    lowered = name.lower()
    for fmt in FORMATS:
        if lowered.endswith(fmt.extensions):
            return fmt
    return None


def is_readable_name(name: str) -> bool:
    return format_for(name) is not None


def read_articles(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None = None
) -> list[Article]:
    """The articles in one file's bytes, read by the reader its name calls for."""
    fmt = format_for(path)
    if fmt is None:
        raise SkipFile("not a file korpus reads")
    return fmt.reader(data, article_id, path, meta)
