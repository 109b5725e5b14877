"""Plain text files (copied web articles, notes) become one :class:`Article` each.

Bytes are decoded, front matter split off, and the lines handed to the header
reading shared by every reader of plain text (:mod:`korpus.readers.header`);
front matter and sidecar values override what it found.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from korpus.article import Article, SkipFile
from korpus.dates import PartialDate, find_date, parse_iso
from korpus.readers.header import article_from_header, read_lines
from korpus.readers.markdown import is_markdown, markdown_lines
from korpus.readers.wrapping import unwrap_text
from korpus.sources import normalise_source, outlet_name, split_credit

EXTENSIONS = (".txt", ".md", ".text", ".markdown")

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_STRAY_BYTES = "korpus-cp1252"


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(_STRAY_BYTES, _stray_bytes_as_cp1252)

# --- reading bytes -----------------------------------------------------------------


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM) first, then cp1252, then latin-1.

    Raises SkipFile for binary data and for files with no text.
    """
    if b"\x00" in data[:65536]:
        raise SkipFile("binary file (NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _UTF8_MULTIBYTE.search(data):
            # Mostly UTF-8 with a few stray bytes (a paste from an old page): keep the
            # UTF-8 and read only the stray bytes as cp1252.
            text, encoding = data.decode("utf-8", errors=_STRAY_BYTES), "utf-8+cp1252"
        else:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
    sample = text[:8192]
    controls = len(_CONTROL_CHARS.findall(sample))
    if sample and controls / len(sample) > 0.1:
        raise SkipFile("binary file (control characters)")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise SkipFile("empty file")
    return text, encoding


# A first line that declares the date ("Datum: 2024-05-03") before the text starts.
_MARKER = re.compile(
    r"^\s*(?:date|datum|published|veröffentlicht)\s*:?\s+"
    r"((?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::\d\d)?)?)?)?)\b\s*",
    re.IGNORECASE,
)


# --- front matter ---------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """A leading block of ``key: value`` lines between ``---`` lines, and the rest."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[\w-]+", key.strip()):
            meta[key.strip().lower()] = value.strip().strip("\"'")
    if not meta:
        return {}, text
    return meta, text[m.end() :]


_LONG_SPACE = re.compile(r"[ \t\u00a0]{16,}")
_SPACE_RUN = " " * 8


def parse_article(raw: str, id: str, path: str = "", meta: dict[str, str] | None = None) -> Article:
    """Turn the text of one article file into an :class:`Article`. Never raises on text."""
    front, body = split_front_matter(raw)
    meta = {**(meta or {}), **front}
    lines = unwrap_text(body)
    if is_markdown(body, path):
        lines = markdown_lines(lines)
    # A long run of spaces inside a line (a dump's table, padding) is one space:
    # the line expressions weigh every place a space may end.
    paragraphs = [
        (_LONG_SPACE.sub(" ", p) if _SPACE_RUN in p or "\t" in p or "\u00a0" in p else p).strip()
        for p in lines
    ]
    paragraphs = [p for p in paragraphs if p]

    marked: PartialDate | None = None
    marked_line = None
    if paragraphs:
        marker = _MARKER.match(paragraphs[0])
        if marker:
            marked, marked_line = parse_iso(marker.group(1)), marker.group(0).strip()
            paragraphs[0] = paragraphs[0][marker.end() :].strip()
            paragraphs = [p for p in paragraphs if p]

    header, body_paragraphs = read_lines(paragraphs)
    if marked is not None:
        header.date, header.origin, header.date_line = marked, "marker", marked_line
    text = "\n\n".join(body_paragraphs)
    article = article_from_header(header, id, path, text)
    apply_metadata(article, meta)
    return article


_ADDRESS = re.compile(r"https?://\S+$", re.IGNORECASE)


def apply_metadata(article: Article, meta: dict[str, str]) -> None:
    """Front matter and sidecar values override what the heuristics found."""
    origin = "front-matter" if meta.get("_origin") != "sidecar" else "sidecar"
    if meta.get("title"):
        article.title = meta["title"]
    # Web clippers write "published:" for the page's date ("created:" is the day of
    # the clipping) and "source:" for the page's address.
    dated = meta.get("date") or meta.get("published")
    if dated:
        parsed = parse_iso(dated) or find_date(dated)
        if parsed is not None:
            article.date, article.date_precision = parsed.iso(), parsed.precision
            article.date_origin = origin
    if meta.get("updated"):
        parsed = parse_iso(meta["updated"]) or find_date(meta["updated"])
        if parsed is not None:
            article.updated = parsed.iso()
    addresses = [meta[k] for k in ("url", "source") if _ADDRESS.match(meta.get(k, ""))]
    declared = [
        meta[k] for k in ("source", "sources") if meta.get(k) and not _ADDRESS.match(meta[k])
    ]
    if not declared and addresses:
        declared = [n for n in (outlet_name(addresses[0]),) if n is not None]
    if declared:
        names: list[str] = []
        for value in declared:
            for part in split_credit(value):
                name = normalise_source(part) or part
                if name not in names:
                    names.append(name)
        article.source = names[0]
        article.sources = names + [s for s in article.sources if s not in names]
    if meta.get("url") or addresses:
        article.url = meta.get("url") or addresses[0]


def read_text(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> list[Article]:
    """The one article in a text file's bytes. Raises SkipFile when there is none."""
    text, encoding = decode_bytes(data)
    article = parse_article(text, article_id, path, meta)
    article.encoding = encoding
    if not article.text.strip() and not article.title:
        raise SkipFile("no article text")
    return [article]
