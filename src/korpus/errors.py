"""Errors korpus reports to its users in one line, each with an optional hint."""

from __future__ import annotations


class KorpusError(Exception):
    """Something the user can fix; the CLI prints it on one line and exits 2."""

    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class CorpusNotFound(KorpusError):
    """The corpus folder or file does not exist."""


class IndexMissing(KorpusError):
    """There is no index at the given place."""

    hint = "build it with: korpus index CORPUS"


class IndexBusy(KorpusError):
    """Another process is writing the index."""


class IndexUnusable(KorpusError):
    """The index folder exists but cannot be used (a file, unreadable, corrupt)."""


class QueryError(KorpusError):
    """The query cannot be parsed or means nothing searchable."""


class DateError(KorpusError):
    """A date filter is not a date korpus understands."""

    hint = (
        'accepted forms: 2025-06-26, 26.06.2025, 01.03.20, 2025-06, 3/2020, "Juni 2025", '
        '2025, 2020-Q1, gestern, "letzte Woche"'
    )


class ArticleNotFound(KorpusError):
    """No article in the index has that id."""


class AmbiguousArticle(KorpusError):
    """A name fits several articles."""


class UnknownSource(KorpusError):
    """No article has the source a filter names."""


class OutputError(KorpusError):
    """The export cannot be written where asked."""


class FieldMapError(KorpusError):
    """A field mapping (``--field`` or a ``korpus.fields`` file) cannot be read."""

    hint = "write mappings as KORPUS_FIELD=RECORD_FIELD, e.g. text=article_body"


class IndexDamaged(IndexUnusable):
    """A file of the index is missing, truncated, garbled or not what korpus wrote."""

    hint = "repair it with: korpus index (or start afresh with: korpus index --rebuild)"

    def __init__(self, path: object, problem: str, hint: str | None = None) -> None:
        super().__init__(f"damaged index file {path}: {problem}", hint)
        self.path = str(path)
        self.problem = problem


class IndexOfOtherCorpus(KorpusError):
    """The index was built from another corpus folder than the one given."""


class IndexerFailed(KorpusError):
    """Indexing stopped (a worker died, the disk filled); the index is as it was."""


class CorpusEmpty(KorpusError):
    """The corpus holds no article korpus can read; an existing index is kept."""
