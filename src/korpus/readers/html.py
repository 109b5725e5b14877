"""Saved web pages (``.html``, ``.htm``) become one :class:`Article` each.

The main text comes from trafilatura, the publication date from the evidence the
page carries (JSON-LD, ``article:published_time`` and other meta tags, htmldate's
search for the original date, the visible header), the title, site, authors and
URL from its metadata. The text reader's header reading is the fallback for what
the metadata lacks. trafilatura and htmldate are imported when a page is read.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from korpus.article import Article, SkipFile
from korpus.dates import PartialDate, find_date, parse_iso
from korpus.sources import outlet_name, site_host

# --- decoding ------------------------------------------------------------------------

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_CHARSET = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
# Browsers read these labels as windows-1252, and so do we (the WHATWG encoding rules).
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"}


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in its first 4 KB (meta charset or XML declaration)."""
    head = data[:4096]
    m = _CHARSET.search(head) or _XML_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace").lower() if m else None


def decode_html(data: bytes) -> tuple[str, str]:
    """A page's text and the encoding it was read with: a byte order mark, then the
    declared charset, then UTF-8, then windows-1252."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SkipFile("binary file (NUL bytes)")
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    declared = declared_charset(data)
    candidates = []
    if declared:
        candidates.append("cp1252" if declared in _AS_CP1252 else declared)
    candidates += ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace"), "utf-8"


# --- metadata ------------------------------------------------------------------------

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "webpage",
    "scholarlyarticle",
    "techarticle",
    "report",
}
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "date.available",
    "originalpublicationdate",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "last-modified", "dcterms.modified")


@dataclass
class PageMeta:
    """What a page's markup says about its article."""

    titles: dict[str, str] = field(default_factory=dict)
    published: list[tuple[str, str]] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    site_name: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    section: str | None = None
    description: str | None = None


def _text_of(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def _json_ld_objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _json_ld_objects(item)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in value:
                yield from _json_ld_objects(value[key])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).casefold() for k in kinds if k}


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [n for n in (_name(v) for v in values) if n]


def _read_json_ld(tree: Any, meta: PageMeta) -> None:
    best: dict[str, Any] | None = None
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        raw = (script.text or "").strip().rstrip(";")
        try:
            value = json.loads(raw)
        except (json.JSONDecodeError, RecursionError):
            continue
        for obj in _json_ld_objects(value):
            kinds = _types(obj)
            if "website" in kinds or "organization" in kinds or "newsmediaorganization" in kinds:
                meta.site_name = meta.site_name or _name(obj.get("name"))
            if kinds & _ARTICLE_TYPES and (best is None or "webpage" in _types(best)):
                if "webpage" in kinds and not obj.get("datePublished"):
                    continue
                best = obj
    if best is None:
        return
    headline = _name(best.get("headline")) or _name(best.get("name"))
    if headline:
        meta.titles["json-ld"] = headline
    if isinstance(best.get("datePublished"), str):
        meta.published.append(("json-ld", best["datePublished"]))
    if isinstance(best.get("dateCreated"), str):
        meta.published.append(("json-ld", best["dateCreated"]))
    if isinstance(best.get("dateModified"), str):
        meta.modified.append(best["dateModified"])
    meta.publisher = _name(best.get("publisher"))
    meta.authors = _names(best.get("author"))
    meta.section = _name(best.get("articleSection"))
    url = best.get("url") or best.get("mainEntityOfPage")
    if isinstance(url, dict):
        url = url.get("@id") or url.get("url")
    if isinstance(url, str) and url.startswith("http"):
        meta.url = url


def _read_meta_tags(tree: Any, meta: PageMeta) -> None:
    values: dict[str, str] = {}
    for tag in tree.xpath("//meta[@content]"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip()
        content = " ".join((tag.get("content") or "").split())
        if key and content:
            values.setdefault(key.casefold(), content)
    for key in ("og:title", "twitter:title", "dc.title", "title"):
        if values.get(key):
            meta.titles.setdefault("og" if key == "og:title" else "meta", values[key])
    for key in _PUBLISHED_META:
        if values.get(key):
            meta.published.append((f"meta {key}", values[key]))
    meta.modified += [values[k] for k in _MODIFIED_META if values.get(k)]
    meta.site_name = values.get("og:site_name") or meta.site_name
    if not meta.publisher:
        meta.publisher = values.get("dc.publisher") or values.get("publisher")
    if not meta.authors and values.get("author") and not values["author"].startswith("http"):
        meta.authors = [values["author"]]
    meta.section = meta.section or values.get("article:section")
    meta.description = values.get("og:description") or values.get("description")
    if not meta.url:
        canonical = tree.xpath('//link[@rel="canonical"]/@href')
        url = values.get("og:url") or (canonical[0] if canonical else None)
        if url and url.startswith("http"):
            meta.url = url
    if not meta.url:
        # A page saved without its address still links to itself in its head.
        links = tree.xpath(
            "//head/link[@rel='shortlink' or @rel='alternate' or @rel='amphtml']/@href"
        )
        hosts = [site_host(link) for link in links if link.startswith("http")]
        found = Counter(h for h in hosts if h)
        if found:
            meta.url = "https://" + found.most_common(1)[0][0] + "/"
    for node in tree.xpath("//time[@datetime][@pubdate or contains(@itemprop, 'datePublished')]"):
        meta.published.append(("time", node.get("datetime")))
    for node in tree.xpath("//*[@itemprop='datePublished'][@content]"):
        meta.published.append(("itemprop", node.get("content")))


def page_metadata(tree: Any) -> PageMeta:
    meta = PageMeta()
    _read_json_ld(tree, meta)
    _read_meta_tags(tree, meta)
    title = tree.xpath("//title")
    if title:
        text = _text_of(title[0])
        if text:
            meta.titles["title"] = text
    return meta


# --- dates ---------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> datetime:
    day = datetime(year, month + 1, 1) - timedelta(days=1) if month < 12 else datetime(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def german_time(utc: datetime) -> datetime:
    """Central European time for a UTC time (summer time from the last Sunday of
    March to the last Sunday of October, 01:00 UTC, as in the whole EU since 1996)."""
    start = _last_sunday(utc.year, 3).replace(hour=1)
    end = _last_sunday(utc.year, 10).replace(hour=1)
    return utc + timedelta(hours=2 if start <= utc < end else 1)


_ISO_STAMP = re.compile(
    r"^\s*(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)(?:[T ](?P<h>[0-2]\d):(?P<m>[0-5]\d)"
    r"(?::\d\d(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d\d:?\d\d)?)?"
)


def metadata_date(value: str) -> PartialDate | None:
    """A date from metadata, with its time in German local time where the value says
    its zone; midnight without a zone counts as a day only."""
    m = _ISO_STAMP.match(value)
    if m is None:
        if re.search(r"\d/\d", value):
            return None  # 11/01/2023: November or January? The page's header decides.
        found = parse_iso(value)
        return PartialDate(found.value, "day") if found and found.precision == "minute" else found
    day = datetime.strptime(m["date"], "%Y-%m-%d")
    if m["h"] is None:
        return PartialDate(day, "day")
    stamp = day.replace(hour=int(m["h"]), minute=int(m["m"]))
    tz = m["tz"]
    if tz is None:
        return PartialDate(stamp, "day" if stamp.hour == stamp.minute == 0 else "minute")
    sign = 1 if tz == "Z" or tz.startswith("+") else -1
    digits = tz.lstrip("+-").replace(":", "") if tz != "Z" else "0000"
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    utc = stamp - sign * offset
    if offset == timedelta(0) and stamp.hour == stamp.minute == 0:
        return PartialDate(day, "day")
    return PartialDate(german_time(utc), "minute")


@dataclass
class DateChoice:
    date: PartialDate
    origin: str


def choose_date(
    meta: PageMeta, original: str | None, header: PartialDate | None
) -> DateChoice | None:
    """The publication date, from the evidence in order of trust.

    1. A date and time the page prints in its header, by the headline: what its
       readers see, and precise enough to be a stamp rather than a mention.
    2. A metadata date (JSON-LD, meta tags) whose day htmldate's search for the
       original date confirms: two independent readings agree.
    3. The day the page shows in its header (with the time of a metadata date of
       that day); 4. the first metadata date; 5. htmldate's original date.
    """
    structured: list[DateChoice] = []
    for origin, value in meta.published:
        found = metadata_date(value)
        if found is not None and 1990 <= found.value.year <= datetime.now().year + 1:
            structured.append(DateChoice(found, origin))
    if header is not None and header.precision == "minute":
        return DateChoice(header, "page header")
    searched = parse_iso(original) if original else None
    if searched is not None:
        for choice in structured:
            if searched.value.date() == choice.date.value.date():
                return choice
    if header is not None and header.precision in ("day", "minute"):
        same_day = [c for c in structured if c.date.value.date() == header.value.date()]
        if same_day:
            return same_day[0]
        return DateChoice(header, "page header")
    if structured:
        return structured[0]
    if searched is not None:
        return DateChoice(PartialDate(searched.value, "day"), "htmldate")
    return None


# --- titles and sources ------------------------------------------------------------

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•»«:]|-{1,2}|::)\s+")


def _fold(text: str) -> str:
    return re.sub(r"[^\w]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _is_site(part: str, site_words: set[str]) -> bool:
    """A title part that names the site, or only gives a date."""
    folded = _fold(part)
    words = set(folded.split())
    if words and all(w.isdigit() for w in words):
        return True
    return bool(words) and (
        words <= site_words or folded in site_words or folded.replace(" ", "") in site_words
    )


_LEADING_MARKS = "»«›‹>|·•-–— "


def strip_site_name(title: str, site_words: set[str]) -> str:
    """ "Headline | Outlet" -> "Headline": parts at the ends that name the site go."""
    parts = _TITLE_SEPARATORS.split(title)
    while len(parts) > 1 and _is_site(parts[-1], site_words):
        parts.pop()
    while len(parts) > 1 and _is_site(parts[0], site_words):
        parts.pop(0)
    kept = title
    if len(parts) < len(_TITLE_SEPARATORS.split(title)):
        # Re-join the kept parts with their own separators.
        first, last = parts[0], parts[-1]
        kept = title[title.find(first) : title.rfind(last) + len(last)]
    return kept.strip().lstrip(_LEADING_MARKS).strip()


def _site_words(meta: PageMeta) -> set[str]:
    words: set[str] = set()
    for name in (meta.site_name, meta.publisher):
        if name:
            words |= set(_fold(name).split())
            words.add(_fold(name).replace(" ", ""))
    host = site_host(meta.url or "")
    if host:
        labels = host.split(".")
        words |= {host, *labels, ".".join(labels[-2:])}
        words |= set(_fold(host).split())
    return words


def _similar(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    if not fa or not fb:
        return False
    if fa in fb or fb in fa:
        return True
    ta, tb = set(fa.split()), set(fb.split())
    return len(ta & tb) / max(len(ta), len(tb)) >= 0.8


def shown_title(title: str, lines: list[str]) -> tuple[str | None, str] | None:
    """Where a title stands in the visible text: as a line of its own, a part of one,
    or two lines (a kicker above its headline). Returns (kicker, headline) as the
    page prints them, or None."""
    folded = _fold(title)
    if not folded:
        return None
    for i, line in enumerate(lines):
        if folded == _fold(line):
            # Spans inside a headline line are joined as the page shows them.
            return None, line.replace(" | ", " ")
        pair = lines[i : i + 2]
        if len(pair) == 2 and folded == _fold(" ".join(pair)):
            return pair[0], pair[1]
        # "Headline - Kicker" in the metadata, the kicker above it on the page.
        if len(pair) == 2 and folded == _fold(pair[1] + " " + pair[0]):
            return pair[0], pair[1]
        if " | " in line:
            parts = line.split(" | ")
            for j, part in enumerate(parts):
                if folded == _fold(part):
                    return None, part
                if j + 1 < len(parts) and folded == _fold(part + " " + parts[j + 1]):
                    return part, parts[j + 1]
    return None


def _similar_loosely(a: str, b: str) -> bool:
    ta, tb = set(_fold(a).split()), set(_fold(b).split())
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= 0.6


def choose_title(
    meta: PageMeta, headings: list[str], lines: list[str]
) -> tuple[str | None, str] | None:
    """The headline a reader sees.

    Candidates are the page's visible ``h1`` headings and the metadata titles
    (JSON-LD headline, OpenGraph, other meta titles, ``<title>``) without the site's
    name. A metadata title that the page shows in its own line (or as a kicker line
    and a headline line) is taken as the page prints it; else a heading that shares
    most of its words with a metadata title; else the first metadata title; else a
    heading. Headings that name the site do not count. Returns (kicker, headline).
    """
    site = _site_words(meta)
    page_title = meta.titles.get("title", "")
    parts = _TITLE_SEPARATORS.split(page_title)
    # "Headline – Blog name": the last part of the <title> names the site, unless
    # the article's own titles carry it too.
    own = " ".join(_fold(meta.titles.get(k, "")) for k in ("json-ld", "og"))
    last = _fold(parts[-1])
    site_parts = set()
    if len(parts) > 1 and last not in own and len(parts[-1]) < max(len(p) for p in parts):
        site_parts.add(last)
    named = [h for h in headings if not _is_site(h, site) and _fold(h) not in site_parts]
    cleaned = [
        strip_site_name(title, site | site_parts)
        for origin in ("json-ld", "og", "meta", "title", "trafilatura")
        if (title := meta.titles.get(origin))
    ]
    cleaned = [c for c in dict.fromkeys(cleaned) if c]
    shown = [
        found
        for candidate in cleaned
        if (found := shown_title(candidate, lines)) is not None and len(found[1].split()) >= 3
    ]
    if shown:
        # A kicker line over a headline line is the most telling match; else the
        # fullest title.
        kicker, headline = max(shown, key=lambda found: (found[0] is not None, len(found[1])))
        return kicker, headline.lstrip(_LEADING_MARKS).strip()
    confirmed = [h for h in named if any(_similar_loosely(h, c) for c in cleaned)]
    if confirmed:
        return None, confirmed[0]
    if cleaned:
        return None, cleaned[0]
    return (None, named[0]) if named else None


_NAME_SEPARATORS = re.compile(r"\s+[|/–—·-]\s+|\s*\|\s*")


def site_names(value: str, title: str | None) -> list[str]:
    """The names in a site name field: "stol.it / Südtirol Online" gives both; parts
    that repeat the article's title, and long phrases, are no names."""
    names = []
    for part in _NAME_SEPARATORS.split(value):
        part = part.strip()
        if not part or part.startswith("http") or len(part.split()) > 6:
            continue
        if title and (_similar(part, title) and len(part.split()) > 2):
            continue
        names.append(part)
    return names


def choose_source(meta: PageMeta, title: str | None = None) -> tuple[str | None, list[str]]:
    """The outlet: the site name, else the publisher, else a known domain, else the
    page's host; with the other names the page gives it."""
    names: list[str] = []
    for value in (meta.site_name, meta.publisher):
        for name in site_names(value or "", title):
            names.append(outlet_name(name) or name)
    host = site_host(meta.url) if meta.url else None
    if host:
        host = host.strip(".")
        names.append(outlet_name(host) or host)
    names = list(dict.fromkeys(names))
    return (names[0] if names else None), names


# --- the visible page --------------------------------------------------------------

_BLOCKS = (
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "header",
    "footer", "section", "article", "aside", "nav", "time", "tr", "td", "th", "table",
    "figure", "figcaption", "blockquote", "dd", "dt", "address", "main", "form", "span",
)  # fmt: skip
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head", "iframe", "button")


_HEADLINE_MARK = "\ue000"


_HIDDEN_CLASSES = (
    "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screenreader-only",
    "hidden", "is-hidden", "u-hidden", "d-none", "hide", "invisible", "offscreen",
)  # fmt: skip
_HIDDEN = "|".join(
    [
        "//*[@hidden]",
        "//*[@aria-hidden='true']",
        "//*[contains(translate(@style, ' ', ''), 'display:none')]",
        *(
            f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
            for name in _HIDDEN_CLASSES
        ),
    ]
)


def visible_lines(tree: Any) -> tuple[list[str], int | None, list[str]]:
    """The page's text as a reader sees it, a line per block; the line of its first
    headline (``h1``); and its visible ``h1`` headings. The tree is changed."""
    for node in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE)):
        node.drop_tree()
    for node in tree.xpath(_HIDDEN):
        if node.getparent() is not None and node.tag not in ("html", "body"):
            node.drop_tree()
    headings: list[str] = []
    for h1 in tree.xpath("//body//h1"):
        text = _text_of(h1)
        if len(text.split()) >= 2:
            if not headings:
                h1.text = _HEADLINE_MARK + (h1.text or "")
            headings.append(text)
    for node in tree.iter(*_BLOCKS):
        # A span is inline, but pages put stamps and bylines in their own spans.
        mark = " | " if node.tag == "span" else "\n"
        node.tail = mark + (node.tail or "")
        node.text = (mark if node.tag != "span" else "") + (node.text or "")
    body = tree.find("body")
    text = (body if body is not None else tree).text_content()
    lines: list[str] = []
    headline = None
    for line in text.split("\n"):
        if _HEADLINE_MARK in line and headline is None:
            headline = len(lines)
        line = " ".join(line.replace("\xa0", " ").replace(_HEADLINE_MARK, "").split())
        line = re.sub(r"(?:\s*\|\s*)+", " | ", line).strip(" |")
        if line:
            lines.append(line)
        elif headline == len(lines):
            headline = None if not lines else headline
    return lines, headline, headings[:5]


def header_zone(lines: list[str], headline: int | None, title: str | None) -> list[str]:
    """The lines around the headline: a date may stand above it or below it."""
    at = headline
    if at is None and title:
        folded = _fold(title)
        at = next((i for i, ln in enumerate(lines) if _fold(ln) == folded), None)
        if at is None:
            at = next((i for i, ln in enumerate(lines) if folded and folded in _fold(ln)), None)
    if at is None:
        return []
    return lines[max(0, at - 4) : at + 12]


_SLASHED = re.compile(r"(?<![\d/])([0-3]?\d)/([01]?\d)/((?:19|20)\d\d)(?![\d/])")
_STAMP_WORDS = re.compile(
    r"\b(?:Uhr|am|um|vom|Stand|Datum|Veröffentlicht|Publiziert|Erstellt|Aktualisiert|"
    r"Zuletzt|aktualisiert|Update|Erschienen|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|"
    r"Samstag|Sonntag|Mo|Di|Mi|Do|Fr|Sa|So)\b",
    re.IGNORECASE,
)


def _date_parts(line: str) -> list[str]:
    """A visible line's parts, "17/02/2022" written the German way."""
    line = _SLASHED.sub(lambda m: f"{m[1]}.{m[2]}.{m[3]}", line)
    return [part for part in line.split(" | ") if part]


def _bare_date(part: str) -> PartialDate | None:
    """The date of a part that states nothing but a date ("31. Oktober 2023.")."""
    from korpus.dates import MONTH_RE, find_dates

    if len(part) > 120:
        return None
    dates = find_dates(part)
    if not dates:
        return None
    rest = _STAMP_WORDS.sub("", part)
    for pattern in (r"(?:19|20)\d\d", r"\d{1,2}[:.]\d\d", r"\d", MONTH_RE):
        rest = re.sub(pattern, "", rest, flags=re.IGNORECASE)
    return dates[0][1] if len(re.sub(r"[\W_]", "", rest)) <= 2 else None


def header_date(zone: list[str]) -> PartialDate | None:
    """The date the header zone shows: read by the text reader's header rules
    (stamps, bylines, datelines), else the first part that is only a date."""
    from korpus.readers.header import choose_date as choose_header_date
    from korpus.readers.header import date_candidates

    parts = [part for line in zone for part in _date_parts(line)]
    chosen, _ = choose_header_date(date_candidates(parts, range(len(parts))))
    if chosen is not None:
        return chosen.date
    for part in parts:
        found = _bare_date(part)
        if found is not None and found.precision in ("day", "minute"):
            return found
    return None


def shows_time(lines: list[str], date: PartialDate) -> bool:
    """Whether the page prints a date's time (in its header zone or anywhere)."""
    v = date.value
    times = {f"{v.hour}:{v.minute:02d}", f"{v.hour:02d}:{v.minute:02d}", f"{v.hour}.{v.minute:02d}",
             f"{v.hour:02d}.{v.minute:02d}"}  # fmt: skip
    pattern = re.compile(r"(?<![\d:.])(?:" + "|".join(map(re.escape, times)) + r")(?![\d])")
    return any(pattern.search(line) for line in lines)


# --- the reader ----------------------------------------------------------------------


def _tree(text: str) -> Any:
    import lxml.html  # type: ignore[import-untyped]
    from lxml.etree import ParserError  # type: ignore[import-untyped]

    # lxml refuses str input that still declares its byte encoding.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        return lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise SkipFile(f"not a readable web page ({exc})") from None


def read_html(
    data: bytes, article_id: str, path: str, meta: dict[str, str] | None
) -> list[Article]:
    """The article in a saved web page. Raises SkipFile when the page holds none."""
    import trafilatura
    from htmldate import find_date as htmldate_find_date

    from korpus.readers.text import apply_metadata, parse_article

    text, encoding = decode_html(data)
    tree = _tree(text)
    page = page_metadata(tree)
    extracted = trafilatura.bare_extraction(
        text, url=page.url, with_metadata=True, include_comments=False, include_tables=True
    )
    body = ""
    if extracted is not None and not isinstance(extracted, dict):
        body = (extracted.text or "").strip()
        if extracted.title:
            page.titles.setdefault("trafilatura", extracted.title)
        if not page.site_name and extracted.sitename:
            page.site_name = extracted.sitename
        if not page.authors and extracted.author:
            page.authors = [a.strip() for a in extracted.author.split(";") if a.strip()]
    lines, headline, headings = visible_lines(tree)
    chosen_title = choose_title(page, headings, lines)
    kicker, title = chosen_title if chosen_title else (None, None)
    zone = header_zone(lines, headline, title)
    if not body and title:
        # A page too small for trafilatura: its visible text below the headline.
        at = next((i for i, ln in enumerate(lines) if _fold(ln) == _fold(title)), None)
        if at is not None:
            body = "\n".join(ln for ln in lines[at + 1 :] if not _fold(ln) == _fold(title))
    # The text reader reads the extracted text's header: stamps, datelines, credits.
    parsed = parse_article(f"{title}\n\n{body}" if title else body, article_id, path)
    original = htmldate_find_date(text, original_date=True, extensive_search=True)
    shown = header_date(zone) or (find_date(parsed.date) if parsed.date else None)
    chosen = choose_date(page, original, shown)
    if chosen is not None and chosen.date.precision == "minute":
        # Metadata times are often UTC or the moment of an update: a time counts
        # only when the page prints it.
        if not shows_time(zone or lines, chosen.date):
            chosen.date = PartialDate(chosen.date.value, "day")
    source, names = choose_source(page, title)
    article = Article(
        id=article_id,
        path=path,
        title=title or parsed.title,
        kicker=kicker,
        text=parsed.text,
        teaser=page.description,
        url=page.url,
        encoding=encoding,
        section=page.section,
        authors=page.authors or parsed.authors,
    )
    if chosen is not None:
        article.date = chosen.date.iso()
        article.date_precision = chosen.date.precision
        article.date_origin = chosen.origin
    for value in page.modified:
        found = metadata_date(value)
        if found is not None:
            article.updated = found.iso()
            break
    article.sources = list(dict.fromkeys([*names, *parsed.sources]))
    article.source = source or parsed.source
    article.cited = [s for s in parsed.cited if s not in article.sources]
    if meta:
        apply_metadata(article, meta)
    if not article.text.strip() and not article.title:
        raise SkipFile("no article text in the page")
    return [article]
