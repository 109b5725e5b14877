"""Plain text files (copied web articles, notes) become one :class:`Article` each.

Parsing is a chain of small pure functions over a list of paragraphs: boilerplate
out, a header of headlines and stamps read, credits stripped, metadata applied.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from korpus.article import Article, SkipFile
from korpus.dates import (
    WEEKDAY_DATE,
    WEEKDAY_RE,
    PartialDate,
    find_date,
    find_dates,
    infer_weekday_date,
    mentioned_years,
    parse_iso,
)
from korpus.sources import cited_sources, is_agency, normalise_source, split_credit

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


# --- paragraph rules ----------------------------------------------------------------

BOILERPLATE_LINES = {
    "anzeige",
    "werbung",
    "meine news",
    "mehr zum thema",
    "empfehlungen der redaktion",
    "zur startseite",
    "artikel teilen",
    "teilen",
    "kommentare",
    "newsletter",
    "auch interessant",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "mehr lesen",
    "weiterlesen",
    "video",
    "bildergalerie",
    "hier klicken",
}
_BOILERPLATE_PREFIX = re.compile(
    r"^(?:Lesen Sie (?:auch|mehr|hier)|Mehr zum Thema|Auch interessant|Zum Thema|Mehr dazu|"
    r"Lesen Sie weiter|Lesetipp|Mehr Informationen|Hören Sie|Sehen Sie)\s*[:|>-]",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"^\s*(?:date|datum|published|veröffentlicht)\s*:?\s+"
    r"((?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d(?:T[0-2]\d:[0-5]\d(?::\d\d)?)?)?)?)\b\s*",
    re.IGNORECASE,
)
_STAMP_LABEL = (
    r"(?:Stand|Erstellt|Aktualisiert|Zuletzt aktualisiert|Veröffentlicht|Publiziert|"
    r"Datum|Update|Erschienen)"
)
_STAMP = re.compile(r"^" + _STAMP_LABEL + r"\b\s*(?:am|:|vom)?\s*", re.IGNORECASE)
_BYLINE = re.compile(r"^Von\s+(?P<names>.+?)\s*(?:[|,·•–-]\s*)?(?=" + _STAMP_LABEL + r"\b|$)")
_WEEKDAY_LINE = re.compile(r"^(?:" + WEEKDAY_RE + r"),?\s+\d")
_PUBLISHED = re.compile(r"^(?:Erstellt|Veröffentlicht|Publiziert|Erschienen)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.:;,]['\"“”»«’)\]]*$")
_CAPTION = re.compile(
    r"\((?:Quelle|Foto|Bild|Archivbild|Symbolbild)\b[^)]*\)\s*$|^(?:Foto|Bild|Quelle)\s*:",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß./-]*(?:\s[A-ZÄÖÜ(][\wÄÖÜäöüß./)-]*){0,3})"
    r"(?:,?\s*(?P<date>[0-3]?\d\.\s?[01]?\d\.(?:\s?(?:19|20)\d\d)?|[0-3]?\d\.\s?\w+\.?(?:\s(?:19|20)\d\d)?))?"
    r"\s*\((?P<credit>[^()]{2,40})\)\s*[-–—:]\s+"
)
_TRAILING_CREDIT = re.compile(
    r"\s*\((?P<credit>[A-Za-z][\w.-]{1,15}(?:\s*[/,]\s*[\w.-]{1,15}){0,4})\)\s*$"
)
_SOURCE_LINE = re.compile(
    r"^(?:Quelle|Quellen|Mit Material von)\s*:\s*(?P<credit>.{2,120})$", re.IGNORECASE
)
_COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)|Copyright)\s*(?P<credit>.{2,120})$", re.IGNORECASE)
_AGENCY_CODE = re.compile(
    r"\b(?P<agency>dpa|afp|kna|epd):(?P<yy>\d\d)(?P<mm>[01]\d)(?P<dd>[0-3]\d)-\d{2,4}-\d+"
)


def is_boilerplate(paragraph: str) -> bool:
    bare = paragraph.strip().rstrip(":.!").casefold()
    return bare in BOILERPLATE_LINES or bool(_BOILERPLATE_PREFIX.match(paragraph))


def is_headline_like(paragraph: str) -> bool:
    """Short, and not ending like a sentence: a headline, kicker or sub-heading."""
    return (
        len(paragraph) <= 200
        and len(paragraph.split()) <= 25
        and not _SENTENCE_END.search(paragraph)
    )


def is_stamp(paragraph: str) -> bool:
    """A line that only states when or by whom the article was published."""
    if len(paragraph) > 200:
        return False
    if _STAMP.match(paragraph) and find_date(paragraph):
        return True
    if _BYLINE.match(paragraph) and len(paragraph) <= 160 and not _SENTENCE_END.search(paragraph):
        return True
    if _WEEKDAY_LINE.match(paragraph) and len(paragraph) <= 60 and find_date(paragraph):
        return True
    dates = find_dates(paragraph)
    # A line that is nothing but a date ("28.10.2024, 18:40 Uhr", an ISO timestamp).
    return bool(dates) and len(re.sub(r"[\d\s.:,|\-–TZ+Uhr]", "", paragraph)) <= 2


def credited_names(credit: str) -> list[str]:
    """Known agencies and outlets in a credit, normalised; initials and "red" dropped."""
    names = []
    for part in split_credit(credit):
        name = normalise_source(part)
        if name and name not in names:
            names.append(name)
    return names


@dataclass
class _Header:
    date: PartialDate | None = None
    origin: str | None = None
    updated: PartialDate | None = None
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    def add_sources(self, names: list[str]) -> None:
        for name in names:
            if name not in self.sources:
                self.sources.append(name)


def read_stamp(paragraph: str, header: _Header) -> None:
    """Take publication and update dates, outlets and authors from a stamp line."""
    byline = _BYLINE.match(paragraph)
    origin = "byline" if byline else "timestamp"
    if byline:
        for part in split_credit(byline["names"]):
            name = normalise_source(part)
            if name:
                header.add_sources([name])
            elif re.fullmatch(r"[A-ZÄÖÜ][\w.'-]+(?:\s+[A-ZÄÖÜ][\w.'-]+){0,3}", part):
                header.authors.append(part)
    published: PartialDate | None = None
    other: PartialDate | None = None
    for segment in re.split(r"\s*\|\s*|\s{2,}|(?=\b(?:Aktualisiert|Stand)\b)", paragraph):
        found = find_date(segment)
        if found is None:
            continue
        if _PUBLISHED.match(segment.strip()):
            published = published or found
        else:
            other = other or found
    if header.date is not None:
        return
    if published is not None:
        header.date, header.origin = published, origin
        if other is not None and other != published:
            header.updated = other
    elif other is not None:
        header.date, header.origin = other, origin


def _strip_credits(paragraphs: list[str], header: _Header) -> list[str]:
    """Remove datelines, credit lines and agency codes; remember what they credit."""
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        code = _AGENCY_CODE.search(para) if ":" in para else None
        if code:
            coded = parse_iso(f"20{code['yy']}-{code['mm']}-{code['dd']}")
            if header.date is None and coded is not None:
                header.date, header.origin = coded, "agency-code"
            header.add_sources(credited_names(code["agency"]))
            para = _AGENCY_CODE.sub("", para).strip(" ,;")
            if not para or para.casefold() in {"©", "(c)"}:
                continue
        line = _SOURCE_LINE.match(para) or _COPYRIGHT_LINE.match(para)
        if line and len(para) <= 120:
            names = credited_names(line["credit"])
            if names:
                header.add_sources(names)
                continue
        if not out:
            dateline = _DATELINE.match(para)
            if dateline:
                names = credited_names(dateline["credit"])
                if names:
                    header.add_sources(names)
                    if header.date is None and dateline["date"]:
                        found = find_date(dateline["date"])
                        if found:
                            header.date, header.origin = found, "dateline"
                    para = para[dateline.end() :]
        trailing = _TRAILING_CREDIT.search(para) if i >= len(paragraphs) - 2 else None
        if trailing:
            names = credited_names(trailing["credit"])
            if names:
                header.add_sources(names)
                para = para[: trailing.start()].rstrip()
                if not para:
                    continue
        out.append(para)
    return out


def parse_article(raw: str, id: str, path: str = "", meta: dict[str, str] | None = None) -> Article:
    """Turn the text of one article file into an :class:`Article`. Never raises on text."""
    front, body = split_front_matter(raw)
    meta = {**(meta or {}), **front}
    paragraphs = [p.strip() for p in body.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    header = _Header()

    if paragraphs:
        marker = _MARKER.match(paragraphs[0])
        if marker:
            header.date, header.origin = parse_iso(marker.group(1)), "marker"
            paragraphs[0] = paragraphs[0][marker.end() :].strip()
            paragraphs = [p for p in paragraphs if p]

    paragraphs = [p for p in paragraphs if not is_boilerplate(p)]

    # The header zone: leading headlines and stamps, up to the first real sentence.
    headlines: list[int] = []
    stamps: list[int] = []
    for i, para in enumerate(paragraphs[:8]):
        if is_stamp(para):
            read_stamp(para, header)
            stamps.append(i)
        elif is_headline_like(para) and i < len(paragraphs) - 1:
            headlines.append(i)
        else:
            break

    title = kicker = teaser = None
    title_index = next((i for i in headlines if len(paragraphs[i].split()) >= 3), None)
    if title_index is not None:
        title = paragraphs[title_index]
        kicker_parts = [paragraphs[i] for i in headlines if i < title_index]
        kicker = " – ".join(kicker_parts) or None
        drop = {i for i in headlines if i <= title_index}
    else:
        drop = set()
        # Lone short lines above the body are topic tags, not headlines.
        if headlines and stamps:
            drop = {i for i in headlines if i < stamps[-1]}
    drop.update(stamps)
    body_paragraphs = [p for i, p in enumerate(paragraphs) if i not in drop]
    if title is not None:
        # The teaser is the first short paragraph under the headline; a photo caption
        # may stand between them.
        for para in body_paragraphs[:2]:
            if _CAPTION.search(para):
                continue
            if len(para) <= 400 and not is_headline_like(para):
                teaser = para
            break

    body_paragraphs = _strip_credits(body_paragraphs, header)
    text = "\n\n".join(body_paragraphs)

    if header.date is None:
        lead = "\n".join(body_paragraphs[:3])
        # The years the text mentions only matter once the lead names a weekday.
        inferred = (
            infer_weekday_date(lead, mentioned_years(text)) if WEEKDAY_DATE.search(lead) else None
        )
        if inferred is not None:
            header.date, header.origin = inferred, "weekday-inferred"

    article = Article(
        id=id,
        path=path,
        title=title,
        kicker=kicker,
        teaser=teaser,
        text=text,
        date=header.date.iso() if header.date else None,
        date_precision=header.date.precision if header.date else None,
        date_origin=header.origin if header.date else None,
        updated=header.updated.iso() if header.updated else None,
        sources=header.sources,
        authors=header.authors,
    )
    outlets = [s for s in header.sources if not is_agency(s)]
    agencies = [s for s in header.sources if is_agency(s)]
    article.source = (outlets or agencies or [None])[0]  # type: ignore[list-item]
    article.cited = [s for s in cited_sources(text) if s not in header.sources]
    apply_metadata(article, meta)
    return article


def apply_metadata(article: Article, meta: dict[str, str]) -> None:
    """Front matter and sidecar values override what the heuristics found."""
    origin = "front-matter" if meta.get("_origin") != "sidecar" else "sidecar"
    if meta.get("title"):
        article.title = meta["title"]
    if meta.get("date"):
        parsed = parse_iso(meta["date"]) or find_date(meta["date"])
        if parsed is not None:
            article.date, article.date_precision = parsed.iso(), parsed.precision
            article.date_origin = origin
    if meta.get("updated"):
        parsed = parse_iso(meta["updated"]) or find_date(meta["updated"])
        if parsed is not None:
            article.updated = parsed.iso()
    declared = [meta[k] for k in ("source", "sources") if meta.get(k)]
    if declared:
        names: list[str] = []
        for value in declared:
            for part in split_credit(value):
                name = normalise_source(part) or part
                if name not in names:
                    names.append(name)
        article.source = names[0]
        article.sources = names + [s for s in article.sources if s not in names]
    if meta.get("url"):
        article.url = meta["url"]


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
