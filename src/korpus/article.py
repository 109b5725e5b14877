"""The records every reader produces: articles, and files that were not read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    """One article as korpus understands it."""

    id: str
    path: str
    title: str | None
    text: str
    date: str | None = None
    date_precision: str | None = None
    date_origin: str | None = None
    updated: str | None = None
    source: str | None = None
    sources: list[str] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    kicker: str | None = None
    teaser: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    # The line the date was read from, so a user can check it in seconds.
    date_line: str | None = None
    section: str | None = None
    # An identifier the article carries from elsewhere (an archive's document number).
    doc_id: str | None = None
    # The length in words a press database states for the article.
    words: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Skipped:
    """A file that was not read as an article, and why."""

    path: str
    reason: str


class SkipFile(Exception):
    """The file is not an article korpus can read (binary, empty, too large)."""
