"""Reading the header of plain article text: title, kicker, date, sources, authors.

Every reader that meets plain text (a copied web page, text extracted from HTML,
a press export's body) hands its non-empty lines to :func:`read_lines`, which
returns a :class:`Header` and the body paragraphs, and makes the record with
:func:`article_from_header`. The steps are public too: :func:`is_boilerplate`,
:func:`read_header` (title, kicker, teaser, dates, bylines), :func:`strip_credits`
(credit lines and datelines out of the body, their outlets into the header) and
:func:`date_from_body` (a weekday-and-day date in the lead when nothing else dates
the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from korpus.article import Article
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
class Header:
    """What the lines around an article's text say about it."""

    title: str | None = None
    kicker: str | None = None
    teaser: str | None = None
    date: PartialDate | None = None
    origin: str | None = None
    # The line the date was read from.
    date_line: str | None = None
    updated: PartialDate | None = None
    section: str | None = None
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    def add_sources(self, names: list[str]) -> None:
        for name in names:
            if name not in self.sources:
                self.sources.append(name)


def read_stamp(paragraph: str, header: Header) -> None:
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


def strip_credits(paragraphs: list[str], header: Header) -> list[str]:
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


def read_header(paragraphs: list[str]) -> tuple[Header, list[str]]:
    """The header of an article's paragraphs (boilerplate already removed), and its body."""
    header = Header()
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

    title_index = next((i for i in headlines if len(paragraphs[i].split()) >= 3), None)
    if title_index is not None:
        header.title = paragraphs[title_index]
        kicker_parts = [paragraphs[i] for i in headlines if i < title_index]
        header.kicker = " – ".join(kicker_parts) or None
        drop = {i for i in headlines if i <= title_index}
    else:
        drop = set()
        # Lone short lines above the body are topic tags, not headlines.
        if headlines and stamps:
            drop = {i for i in headlines if i < stamps[-1]}
    drop.update(stamps)
    body = [p for i, p in enumerate(paragraphs) if i not in drop]
    if header.title is not None:
        # The teaser is the first short paragraph under the headline; a photo caption
        # may stand between them.
        for para in body[:2]:
            if _CAPTION.search(para):
                continue
            if len(para) <= 400 and not is_headline_like(para):
                header.teaser = para
            break
    return header, body


def date_from_body(body: list[str], header: Header) -> None:
    """Date an undated article by a weekday with day and month in its lead."""
    if header.date is not None:
        return
    lead = "\n".join(body[:3])
    if not WEEKDAY_DATE.search(lead):
        return
    # The years the text mentions only matter once the lead names a weekday.
    inferred = infer_weekday_date(lead, mentioned_years("\n\n".join(body)))
    if inferred is not None:
        header.date, header.origin = inferred, "weekday-inferred"


def read_lines(lines: list[str]) -> tuple[Header, list[str]]:
    """Header and body paragraphs of an article's non-empty, stripped lines."""
    paragraphs = [p for p in lines if not is_boilerplate(p)]
    header, body = read_header(paragraphs)
    body = strip_credits(body, header)
    date_from_body(body, header)
    return header, body


def article_from_header(header: Header, id: str, path: str, text: str) -> Article:
    """An :class:`Article` from a read header and the body text it belongs to."""
    article = Article(
        id=id,
        path=path,
        title=header.title,
        kicker=header.kicker,
        teaser=header.teaser,
        text=text,
        date=header.date.iso() if header.date else None,
        date_precision=header.date.precision if header.date else None,
        date_origin=header.origin if header.date else None,
        date_line=header.date_line if header.date else None,
        updated=header.updated.iso() if header.updated else None,
        section=header.section,
        sources=header.sources,
        authors=header.authors,
    )
    outlets = [s for s in header.sources if not is_agency(s)]
    agencies = [s for s in header.sources if is_agency(s)]
    article.source = (outlets or agencies or [None])[0]  # type: ignore[list-item]
    article.cited = [s for s in cited_sources(text) if s not in header.sources]
    return article
