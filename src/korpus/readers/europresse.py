"""Europresse HTML exports: one record per article.

Two layouts: the older one runs all articles through table cells, each opening
with a ``DocPublicationName`` span; the newer one puts each in an ``<article>``
with header, section, aside and footer. Both name the outlet, a ``DocHeader``
("Section, weekday d month yyyy, p. N"), the title (``titreArticleVisu``), and close
with a rights line and "Numéro de document : news·YYYYMMDD·CODE·N".
"""

from __future__ import annotations

import re

from korpus.article import Article, SkipFile
from korpus.dates import parse_date_line
from korpus.readers.markup import BLOCK, Node
from korpus.readers.press import ExportFields, build_article, clean, is_vendor_line

_DOC_NUMBER = re.compile(
    r"^(?:Numéro de document|Document number|Dokumentnummer)\s*:\s*(?P<id>.+)$"
)
_ASIDE = re.compile(r"^(?:Illustration\(s\)|Note\(s\)|Encadré\(s\))\s*:", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|Montag|Dienstag|Mittwoch|"
    r"Donnerstag|Freitag|Samstag|Sonntag|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b",
    re.IGNORECASE,
)


def looks_like_export(root: Node) -> bool:
    return root.find(cls="DocPublicationName") is not None


# Events: (kind, text); kind is "pub", "header", "title", "kicker", "line" or "break".
Event = tuple[str, str]


def _events(node: Node, in_title_box: bool = False) -> list[Event]:
    out: list[Event] = []
    for child in node.children:
        if isinstance(child, str):
            out.append(("text", child))
            continue
        classes = {c.lower() for c in child.classes}
        if "docpublicationname" in classes:
            out.append(("pub", child.text()))
        elif "docheader" in classes:
            out.append(("header", child.text()))
        elif "titrearticlevisu" in classes:
            out.append(("title", child.text()))
        elif child.attrs.get("id") == "divPubliC" or child.tag in ("aside", "form"):
            continue
        elif in_title_box and child.tag == "p":
            out.append(("kicker", child.text()))
        else:
            block = child.tag in BLOCK or child.tag == "br"
            if block:
                out.append(("break", ""))
            out.extend(_events(child, in_title_box or "titrearticle" in classes))
            if block:
                out.append(("break", ""))
    return out


def _lines(events: list[Event]) -> list[Event]:
    """Text runs joined into lines; marked events kept in place."""
    out: list[Event] = []
    current: list[str] = []

    def flush() -> None:
        line = clean("".join(current))
        if line:
            out.append(("line", line))
        current.clear()

    for kind, text in events:
        if kind == "text":
            current.append(text)
        elif kind == "break":
            flush()
        else:
            flush()
            if clean(text):
                out.append((kind, clean(text)))
    flush()
    return out


def _article(items: list[Event]) -> ExportFields | None:
    fields = ExportFields()
    headers = [t for k, t in items if k == "header"]
    header = clean(" ".join(headers)).replace(" ,", ",")
    parts = [p.strip() for p in header.split(",") if p.strip()]
    for i, part in enumerate(parts):
        if parse_date_line(part):
            fields.date_line = part
            if i > 0 and not _WEEKDAY.match(parts[0]) and not parse_date_line(parts[0]):
                fields.section = parts[0]
            break
    pub = next((t for k, t in items if k == "pub"), None)
    if pub:
        fields.outlet = re.sub(r",\s*(?:no|n°|nr)\.?\s*\S+$", "", pub, flags=re.IGNORECASE)
    title_at = next((i for i, (k, _) in enumerate(items) if k == "title"), None)
    if title_at is None and fields.date_line is None:
        return None
    if title_at is not None:
        fields.title = items[title_at][1]
        kickers = [t for k, t in items[:title_at] if k == "kicker"]
        fields.kicker = " ".join(kickers) or None
    after = [t for k, t in items[(title_at or 0) + 1 :] if k == "line"]
    body: list[str] = []
    for n, line in enumerate(after):
        m = _DOC_NUMBER.match(line)
        if m:
            fields.doc_id = re.sub(r"^news·", "", m["id"].strip())
            break
        if is_vendor_line(line) or _ASIDE.match(line):
            break
        if (
            n == 0
            and not body
            and len(line.split()) <= 5
            and not re.search(r"[.:!?]$", line)
            and len(after) > 1
        ):
            fields.byline = line
            continue
        body.append(line)
    if fields.doc_id is None:
        for _, line in items:
            m = _DOC_NUMBER.match(line)
            if m:
                fields.doc_id = re.sub(r"^news·", "", m["id"].strip())
                break
    fields.body = body
    return fields


def read_export(root: Node, article_id: str, path: str, encoding: str) -> list[Article]:
    containers = root.find_all("article")
    groups: list[list[Event]] = []
    if containers:
        for container in containers:
            groups.append(_lines(_events(container)))
    else:
        for kind, text in _lines(_events(root)):
            if kind == "pub":
                groups.append([])
            if groups:
                groups[-1].append((kind, text))
    found = [f for f in (_article(g) for g in groups) if f is not None]
    if not found:
        raise SkipFile("Europresse export without articles")
    return [
        build_article(fields, f"{article_id}#{n}", path, encoding)
        for n, fields in enumerate(found, 1)
    ]
