"""Record files (JSON Lines, JSON, CSV; gzipped or not): one article per record.

Scrapers and archives (news-please, fundus, Media Cloud, one's own scripts) write
articles as records with fields. The common field names are recognised without
configuration (:data:`FIELD_NAMES`); other names are mapped by the user
(``text=article_body``), and reach the reader through the file's metadata row
under :data:`FIELDS_KEY`. A record that cannot be read (malformed JSON, no text)
becomes a :class:`Skipped` naming its line; the file's other records are read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

from korpus.article import Article, SkipFile, Skipped
from korpus.dates import PartialDate, parse_iso
from korpus.sources import outlet_name

# Korpus field -> names scrapers and archives give it, in order of preference.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "titel", "ueberschrift", "überschrift"),
    "date": (
        "date",
        "date_publish",
        "publish_date",
        "published",
        "publishing_date",
        "date_published",
        "datepublished",
        "published_at",
        "publication_date",
        "pubdate",
        "datum",
    ),
    "updated": ("date_modify", "modified", "date_modified", "updated", "updated_at"),
    "source": (
        "source",
        "source_domain",
        "media_name",
        "publisher",
        "outlet",
        "site_name",
        "sitename",
        "quelle",
        "medium",
    ),
    "text": ("text", "maintext", "body", "content", "article", "fulltext", "full_text"),
    "url": ("url", "link", "source_url", "uri"),
    "id": ("id", "_id", "doc_id", "stories_id", "guid", "uuid"),
    "authors": ("authors", "author", "byline", "autor", "autoren"),
    "teaser": ("teaser", "description", "summary", "lead", "abstract"),
    "kicker": ("kicker", "topline", "dachzeile"),
    "section": ("section", "category", "ressort", "rubrik"),
}
KNOWN_FIELDS = tuple(FIELD_NAMES)

# The metadata key that carries a user's field mapping ("text=article_body;title=kopf").
FIELDS_KEY = "_fields"
# Decompressed bytes a gzipped record file may give: a bound against gzip bombs.
MAX_DECOMPRESSED_BYTES = 2 * 1024**3
# One record larger than this is a broken line, not an article.
MAX_RECORD_BYTES = 64 * 1024 * 1024
# A file with many bad records reports the first ones and a count of the rest.
MAX_REPORTED_SKIPS = 50
_LIST_KEYS = ("articles", "records", "items", "data", "results", "docs", "documents", "stories")


def encode_field_map(mapping: Mapping[str, str]) -> str:
    return ";".join(f"{k}={v}" for k, v in mapping.items())


def decode_field_map(value: str | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for part in (value or "").split(";"):
        key, sep, name = part.partition("=")
        if sep and key.strip() and name.strip():
            mapping[key.strip()] = name.strip()
    return mapping


def parse_field_option(value: str) -> tuple[str, str]:
    """``text=article_body`` as (korpus field, record field). Raises ValueError."""
    key, sep, name = value.partition("=")
    key, name = key.strip().lower(), name.strip()
    if not sep or not name:
        raise ValueError(f"a field mapping looks like text=article_body, not {value!r}")
    if key not in FIELD_NAMES:
        raise ValueError(f"unknown field {key!r} (known: {', '.join(KNOWN_FIELDS)})")
    if ";" in name:
        raise ValueError(f"a record field name may not contain ';': {name!r}")
    return key, name


# --- reading records -----------------------------------------------------------------


def _is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


class _Bounded(io.RawIOBase):
    """A gzip stream that stops with SkipFile past :data:`MAX_DECOMPRESSED_BYTES`."""

    def __init__(self, data: bytes) -> None:
        self._gz = gzip.GzipFile(fileobj=io.BytesIO(data))
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            chunk = self._gz.read(len(buffer))
        except (OSError, EOFError, zlib.error) as exc:
            raise SkipFile(f"broken gzip data ({exc})") from None
        self._read += len(chunk)
        if self._read > MAX_DECOMPRESSED_BYTES:
            raise SkipFile(
                f"decompressed data over the limit of {MAX_DECOMPRESSED_BYTES // 2**20} MB"
            )
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _stream(data: bytes) -> io.BufferedIOBase:
    if _is_gzip(data):
        return io.BufferedReader(_Bounded(data), buffer_size=1024 * 1024)
    return io.BytesIO(data)


def _lines(stream: io.BufferedIOBase) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; None for a line over :data:`MAX_RECORD_BYTES` (read past, not kept)."""
    number = 0
    while True:
        line = stream.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(MAX_RECORD_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _json_lines(data: bytes) -> Iterator[tuple[int, Any] | Skipped]:
    for number, line in _lines(_stream(data)):
        if line is None:
            yield Skipped("", f"line {number}: record over {MAX_RECORD_BYTES // 2**20} MB")
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except UnicodeDecodeError:
            yield Skipped("", f"line {number}: not UTF-8 text")
        except json.JSONDecodeError as exc:
            yield Skipped("", f"line {number}: invalid JSON ({exc.msg}, column {exc.colno})")
        except RecursionError:
            yield Skipped("", f"line {number}: JSON nested too deeply")


def _json_document(data: bytes) -> Iterator[tuple[int, Any] | Skipped]:
    """A JSON file: an array of records, an object holding one, or one record."""
    raw = _stream(data).read()
    try:
        value = json.loads(raw)
    except UnicodeDecodeError:
        raise SkipFile("not UTF-8 text") from None
    except RecursionError:
        raise SkipFile("JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and raw.lstrip().startswith(b"{"):
            # JSON Lines in a file named .json.
            yield from _json_lines(data)
            return
        raise SkipFile(f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(value, dict):
        nested = next(
            (value[k] for k in _LIST_KEYS if isinstance(value.get(k), list) and value[k]), None
        )
        records = nested if nested is not None else [value]
    elif isinstance(value, list):
        records = value
    else:
        raise SkipFile("JSON holds no records")
    for number, record in enumerate(records, 1):
        yield -number, record


def _csv_rows(data: bytes) -> Iterator[tuple[int, Any] | Skipped]:
    raw = _stream(data).read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:65536]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    # Articles are longer than the csv module's default field limit of 128 KB.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise SkipFile("empty CSV file") from None
    except csv.Error as exc:
        raise SkipFile(f"unreadable CSV header ({exc})") from None
    names = [h.strip() for h in header]
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped("", f"line {start}: malformed CSV ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            yield Skipped("", f"line {start}: {len(row)} cells for {len(names)} columns")
            continue
        yield start, dict(zip(names, row, strict=False))


def _where(number: int) -> str:
    """Lines are counted from 1; records of a JSON array carry their position negated."""
    return f"line {number}" if number > 0 else f"record {-number}"


def _records(data: bytes, path: str) -> Iterator[tuple[int, Any] | Skipped]:
    name = path.lower().removesuffix(".gz")
    if name.endswith(".csv"):
        return _csv_rows(data)
    if name.endswith(".json"):
        return _json_document(data)
    return _json_lines(data)


# --- records to articles -------------------------------------------------------------


def _plain(value: Any) -> str:
    """A field's text: strings as they are, lists and objects of text joined by paragraphs."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "\n\n".join(p for p in (_plain(v) for v in value) if p)
    if isinstance(value, dict):
        named = value.get("name") or value.get("text")
        if isinstance(named, str):
            return named.strip()
        return "\n\n".join(p for p in (_plain(v) for v in value.values()) if p)
    return ""


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for n in (_plain(v) for v in value) if n]
    text = _plain(value)
    return [n.strip() for n in re.split(r"\s*(?:;|\bund\b|\band\b|,)\s*", text) if n.strip()]


def _lookup(record: Mapping[str, Any], field: str, mapping: Mapping[str, str]) -> Any:
    if field in mapping:
        return record.get(mapping[field])
    folded = {str(k).casefold(): k for k in record}
    for name in FIELD_NAMES[field]:
        key = folded.get(name)
        if key is not None and record[key] not in (None, "", []):
            return record[key]
    return None


def parse_record_date(value: Any) -> PartialDate | None:
    """A record's date: ISO at any precision, German dates, Unix seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        from datetime import UTC, datetime

        seconds = value / 1000 if value > 10**11 else value
        try:
            stamp = datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            return None
        return PartialDate(stamp, "minute")
    text = _plain(value)
    if not text:
        return None
    if re.fullmatch(r"\d{9,13}", text):
        return parse_record_date(int(text))
    found = parse_iso(text)
    # Midnight on the dot is how many scrapers write a date without a time.
    if (
        found is not None
        and found.precision == "minute"
        and re.search(r"[T ]00:00(?::00)?\b", text)
    ):
        return PartialDate(found.value, "day")
    return found


def _drop_title_line(text: str, title: str | None) -> str:
    """Texts that begin with their own headline lose that first paragraph."""
    if not title:
        return text
    first, sep, rest = text.partition("\n")
    if sep and first.strip() == title.strip():
        return rest.strip()
    return text


def record_article(
    record: Mapping[str, Any], article_id: str, path: str, mapping: Mapping[str, str]
) -> Article | str:
    """The article a record holds, or why it holds none."""
    title = _plain(_lookup(record, "title", mapping)) or None
    text = _plain(_lookup(record, "text", mapping))
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if title:
        title = unicodedata.normalize("NFC", " ".join(title.split()))
    if not text and not title:
        wanted = mapping.get("text") or "/".join(FIELD_NAMES["text"][:4])
        return f"no text (field {wanted})"
    text = _drop_title_line(text, title)
    article = Article(id=article_id, path=path, title=title, text=text)
    date = parse_record_date(_lookup(record, "date", mapping))
    if date is not None:
        article.date, article.date_precision = date.iso(), date.precision
        article.date_origin = "record"
    updated = parse_record_date(_lookup(record, "updated", mapping))
    if updated is not None:
        article.updated = updated.iso()
    declared = _plain(_lookup(record, "source", mapping))
    if declared:
        name = outlet_name(declared) or declared
        # The record's own spelling stays a name the source filter finds.
        article.source = name
        article.sources = list(dict.fromkeys([name, declared]))
    article.url = _plain(_lookup(record, "url", mapping)) or None
    if article.source is None and article.url:
        article.source = outlet_name(article.url)
        article.sources = [article.source] if article.source else []
    article.authors = _names(_lookup(record, "authors", mapping))
    article.teaser = _plain(_lookup(record, "teaser", mapping)) or None
    article.kicker = _plain(_lookup(record, "kicker", mapping)) or None
    article.section = _plain(_lookup(record, "section", mapping)) or None
    return article


def _record_key(own: str, number: int, used: set[str]) -> str:
    """A record's id within its file: its own id when it has a unique one, else its line."""
    key = re.sub(r"\s+", "_", own.strip())[:200] if own else ""
    if not key or key in used:
        key = str(number)
        while key in used:
            key += "+"
    used.add(key)
    return key


def read_records(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> list[Article | Skipped]:
    """The articles in a record file, and the records passed over with their reasons."""
    mapping = decode_field_map((meta or {}).get(FIELDS_KEY))
    items: list[Article | Skipped] = []
    used: set[str] = set()
    skipped = 0
    for found in _records(data, path):
        if isinstance(found, Skipped):
            reason = found.reason
        else:
            number, record = found
            if not isinstance(record, dict):
                reason = f"{_where(number)}: not a record ({type(record).__name__})"
            else:
                own = _plain(_lookup(record, "id", mapping))
                key = _record_key(own, abs(number), used)
                made = record_article(record, f"{article_id}#{key}", path, mapping)
                if isinstance(made, Article):
                    made.doc_id = own or None
                    items.append(made)
                    continue
                used.discard(key)
                reason = f"{_where(number)}: {made}"
        skipped += 1
        if skipped <= MAX_REPORTED_SKIPS:
            items.append(Skipped(path, reason))
    if skipped > MAX_REPORTED_SKIPS:
        items.append(Skipped(path, f"{skipped - MAX_REPORTED_SKIPS} more records passed over"))
    if not any(isinstance(item, Article) for item in items):
        first = next((i.reason for i in items if isinstance(i, Skipped)), None)
        raise SkipFile(f"no readable records ({first})" if first else "no records")
    return items
