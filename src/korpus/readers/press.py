"""What every press-database export reader shares: one article's fields, and the
rules that turn them into an :class:`~korpus.article.Article`.

An export names the outlet, the date, the byline, the section and the length of
each article in fields of its own; the readers for LexisNexis, Nexis Uni and
Factiva only find those fields, and :func:`build_article` makes the record the
same way for all of them, so two vendors' copies of one article come out alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from korpus.article import Article
from korpus.dates import PartialDate, parse_date_line
from korpus.sources import cited_sources, normalise_source

_WORD_COUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,\s\xa0]\d{3})+|\d+)\s*"
    r"(?:words?|Wörter|Worte|mots?|palabras|parole|woorden)\b",
    re.IGNORECASE,
)
_BYLINE_PREFIX = re.compile(r"^(?:by|von|par)\s+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s+(?:and|und|et|&)\s+|\s*\|\s*")
# Lines a vendor adds around the article text: rights notices and closing marks.
_VENDOR_LINE = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved|alle rechte vorbehalten|"
    r"tous droits réservés|todos los derechos reservados|end of document|"
    r"ende des dokuments|fin du document)",
    re.IGNORECASE,
)


def clean(text: str | None) -> str:
    """Whitespace collapsed to single spaces, NFC."""
    if not text:
        return ""
    # str.split() knows every Unicode space (no-break, thin); zero-width ones it does not.
    text = " ".join(text.replace("\u200b", " ").split())
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def is_vendor_line(line: str) -> bool:
    """A rights notice or an export's closing mark, never part of the article."""
    return bool(_VENDOR_LINE.match(line.strip()))


def parse_word_count(value: str | None) -> int | None:
    """The number in "2,968 words", "1.234 Wörter" or "295 mots"."""
    if not value:
        return None
    m = _WORD_COUNT.search(value)
    if m is None:
        bare = value.strip()
        return int(bare) if bare.isdigit() else None
    return int(re.sub(r"\D", "", m.group(1)))


def split_authors(byline: str | None) -> list[str]:
    """Names in a byline ("By Anna Muster and Ben Beispiel", "Muster, Anna; Beispiel, Ben")."""
    text = clean(byline)
    if not text:
        return []
    text = _BYLINE_PREFIX.sub("", text)
    names = []
    for part in _AUTHOR_SPLIT.split(text):
        part = part.strip(" ,.;")
        if part and part not in names:
            names.append(part)
    return names


@dataclass
class ExportFields:
    """What an export states about one article, before it becomes a record."""

    title: str | None = None
    outlet: str | None = None
    date_line: str | None = None
    date: PartialDate | None = None
    byline: str | None = None
    section: str | None = None
    length: str | None = None
    doc_id: str | None = None
    body: list[str] = field(default_factory=list)
    teaser: str | None = None
    kicker: str | None = None
    url: str | None = None


def source_names(outlet: str | None) -> tuple[str | None, list[str]]:
    """The outlet as the export prints it, and the names a source filter finds it by.

    The printed name stays the record's source, since it is what the vendor and
    every citation of the export use ("Frankfurter Allgemeine Zeitung"); the
    canonical name korpus gives a known outlet elsewhere ("FAZ") is added to
    ``sources``, so filters and groups by source match other files' articles.
    """
    name = clean(outlet)
    if not name:
        return None, []
    canonical = normalise_source(name)
    names = [canonical] if canonical else []
    if name not in names:
        names.append(name)
    return name, names


def build_article(fields: ExportFields, article_id: str, path: str, encoding: str) -> Article:
    """One record from an export's fields; vendor lines are kept out of the body."""
    body = [clean(p) for p in fields.body]
    body = [p for p in body if p and not is_vendor_line(p)]
    text = "\n\n".join(body)
    date = fields.date
    if date is None and fields.date_line:
        date = parse_date_line(fields.date_line)
    source, sources = source_names(fields.outlet)
    words = parse_word_count(fields.length)
    if words is None and text:
        words = len(text.split())
    title = clean(fields.title) or None
    return Article(
        id=article_id,
        path=path,
        title=title,
        text=text,
        date=date.iso() if date else None,
        date_precision=date.precision if date else None,
        date_origin="export" if date else None,
        source=source,
        sources=sources,
        cited=[s for s in cited_sources(text) if s not in sources],
        authors=split_authors(fields.byline),
        kicker=clean(fields.kicker) or None,
        teaser=clean(fields.teaser) or None,
        url=fields.url,
        encoding=encoding,
        date_line=clean(fields.date_line) or None,
        section=clean(fields.section) or None,
        doc_id=clean(fields.doc_id) or None,
        words=words,
    )
