"""Factiva exports: the saved article view, the table view with field codes, XML,
and the text of RTF or plain-text downloads. One record per article.

The article view puts each article in a ``div`` of class ``article xxArticle``
(xx the article's language): optional section, the headline (numbered "1) " in
the German interface), author, word count, date, source name, source code, a few
optional lines, language, copyright, the paragraphs and "Document <accession
number>". The table view gives the same fields in rows coded HD, BY, WC, PD, SN,
SE, LP, TD, AN in every interface language. The accession number becomes the
record's ``doc_id``: it stays the same in every download of an article.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from korpus.article import Article, SkipFile
from korpus.dates import parse_date_line
from korpus.readers.markup import Node
from korpus.readers.press import (
    ExportFields,
    build_article,
    clean,
    is_vendor_line,
)

ACCESSION = re.compile(
    r"^(?:Document|Dokument|Documento|Documenten?)\s+(?P<an>[A-Za-z0-9]{16,40})$"
)
_NUMBERED = re.compile(r"^\d{1,4}\)\s+")
_WORD_LINE = re.compile(
    r"^\d{1,3}(?:[.,\s\xa0]\d{3})*\s*(?:words?|Wörter|Worte|mots?|palabras|parole|woorden)$",
    re.IGNORECASE,
)
_TIME_LINE = re.compile(r"^\d{1,2}:\d\d(?::\d\d)?(?:\s*(?:AM|PM|GMT|CET|CEST|ET|Uhr))?$", re.I)
_LANGUAGES = {
    "german",
    "deutsch",
    "english",
    "englisch",
    "anglais",
    "allemand",
    "français",
    "french",
    "französisch",
    "spanish",
    "spanisch",
    "espagnol",
    "italian",
    "italienisch",
    "italien",
    "dutch",
    "niederländisch",
    "néerlandais",
    "español",
    "italiano",
    "nederlands",
}
_BYLINE_LIKE = re.compile(
    r"^(?:(?:By|Von|Par)\s+.+|[A-ZÄÖÜ][\w.'-]+(?:\s+[A-ZÄÖÜ][\w.'-]+){1,3}"
    r"(?:\s*(?:,|;|and|und|&)\s*[A-ZÄÖÜ][\w.'-]+(?:\s+[A-ZÄÖÜ][\w.'-]+){1,3})*)$"
)


def _headline(text: str) -> str:
    return _NUMBERED.sub("", clean(text))


# --- the saved article view and the table view ---------------------------------------


def article_blocks(root: Node) -> list[Node]:
    """The article containers of a saved Factiva page."""
    found = []
    for node in root.elements():
        classes = node.classes
        if node.tag == "div" and any(
            c.endswith("Article") and len(c) == 9 and c[:2].isalpha() for c in classes
        ):
            found.append(node)
    if not found:
        # Older saved pages: one div per article, its id "article-<accession number>".
        found = [
            node
            for node in root.elements()
            if node.tag == "div"
            and node.attrs.get("id", "").startswith("article-")
            and any(n.attrs.get("id") == "hd" for n in node.elements())
        ]
    return found


def looks_like_html_export(root: Node) -> bool:
    return bool(article_blocks(root))


def _table_fields(block: Node) -> dict[str, Node]:
    """The rows of the table view: field code -> value cell."""
    rows: dict[str, Node] = {}
    for row in block.find_all("tr"):
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
        if len(cells) < 2 or "index" not in cells[0].classes:
            continue
        code = clean(cells[0].text())
        if re.fullmatch(r"[A-Z]{2,4}", code) and code not in rows:
            rows[code] = cells[1]
    return rows


def parse_table_view(rows: dict[str, Node]) -> ExportFields:
    fields = ExportFields()

    def value(code: str) -> str | None:
        node = rows.get(code)
        return clean(node.text()) if node is not None else None

    fields.title = _headline(value("HD") or "")
    fields.byline = value("BY")
    fields.length = value("WC")
    fields.date_line = value("PD")
    fields.outlet = value("SN")
    fields.section = value("SE")
    an = value("AN") or ""
    m = ACCESSION.match(an)
    fields.doc_id = m["an"] if m else an or None
    for code in ("LP", "TD"):
        node = rows.get(code)
        if node is not None:
            fields.body.extend(node.lines())
    return fields


def parse_article_view(block: Node) -> ExportFields:
    fields = ExportFields()
    hd = next((n for n in block.elements() if n.attrs.get("id") == "hd"), None)
    if hd is None:
        hd = next(
            (n for n in block.elements() if any(c.endswith("Headline") for c in n.classes)), None
        )
    fields.title = _headline(hd.text()) if hd is not None else None
    author = block.find(cls="author")
    fields.byline = clean(author.text()) if author is not None else None
    before: list[str] = []
    after: list[str] = []
    seen_hd = False
    for child in _direct_blocks(block):
        if child is hd or (hd is not None and any(e is hd for e in child.elements())):
            seen_hd = True
            continue
        if child is author or "articleParagraph" in child.classes:
            continue
        text = clean(child.text())
        if not text:
            continue
        m = ACCESSION.match(text)
        if m:
            fields.doc_id = m["an"]
            continue
        (after if seen_hd else before).append(text)
    if before:
        fields.section = before[-1]
    _read_header_lines(after, fields)
    fields.body = [clean(p.text()) for p in block.find_all("p", cls="articleParagraph")]
    if fields.doc_id is None:
        outer = block.attrs.get("id", "")
        if outer.startswith("article-"):
            fields.doc_id = outer[len("article-") :]
    return fields


def _direct_blocks(block: Node) -> list[Node]:
    """The article's own divs and paragraphs, looking through wrapper divs."""
    out: list[Node] = []
    for child in block.children:
        if not isinstance(child, Node):
            continue
        if (
            child.tag == "div"
            and not child.attrs.get("id")
            and any(
                isinstance(c, Node)
                and c.tag in ("div", "p")
                and "articleParagraph" not in c.classes
                for c in child.children
            )
            and "author" not in child.classes
        ):
            out.extend(_direct_blocks(child))
        else:
            out.append(child)
    return out


def _read_header_lines(lines: list[str], fields: ExportFields) -> None:
    """Word count, date, source name after the headline (and author)."""
    at = next((i for i, line in enumerate(lines) if _WORD_LINE.match(line)), None)
    if at is None:
        # No word count: the date line anchors the rest.
        at = next((i - 1 for i, line in enumerate(lines) if parse_date_line(line)), None)
        if at is None:
            return
    else:
        fields.length = lines[at]
    rest = lines[at + 1 :]
    for i, line in enumerate(rest):
        if parse_date_line(line):
            fields.date_line = line
            rest = rest[i + 1 :]
            break
    else:
        # The date above the word count: the outlet still follows the count.
        fields.date_line = next((line for line in lines[:at] if parse_date_line(line)), None)
    rest = [line for line in rest if not _TIME_LINE.match(line) and not _WORD_LINE.match(line)]
    if rest:
        fields.outlet = rest[0]


def read_html_export(root: Node, article_id: str, path: str, encoding: str) -> list[Article]:
    found = []
    for block in article_blocks(root):
        rows = _table_fields(block)
        fields = (
            parse_table_view(rows) if "HD" in rows or "AN" in rows else parse_article_view(block)
        )
        found.append(fields)
    return _articles(found, article_id, path, encoding)


# --- XML -----------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(el: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _child_text(el: ElementTree.Element, name: str) -> str | None:
    found = _child(el, name)
    return clean(" ".join(found.itertext())) if found is not None else None


def looks_like_xml_export(text: str) -> bool:
    head = text[:4096]
    return (
        "factiva" in head.lower()
        and "<ppsarticle" in text[:20000].lower()
        or ("<accessionNo>" in text[:20000])
    )


def read_xml_export(data: bytes, article_id: str, path: str) -> list[Article]:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise SkipFile(f"damaged Factiva XML ({exc})") from None
    found = []
    for el in root.iter():
        if _local(el.tag) != "article" or _child(el, "accessionNo") is None:
            continue
        fields = ExportFields()
        fields.doc_id = _child_text(el, "accessionNo")
        fields.title = _headline(_child_text(el, "headline") or "")
        fields.outlet = _child_text(el, "sourceName")
        fields.byline = _child_text(el, "byline") or _child_text(el, "author")
        fields.section = _child_text(el, "sectionName")
        words = _child_text(el, "wordCount")
        fields.length = f"{words} words" if words else None
        published = _child(el, "publicationDate")
        if published is not None:
            fields.date_line = clean(" ".join(published.itertext()))
        for name in ("leadParagraph", "tailParagraphs"):
            part = _child(el, name)
            if part is not None:
                fields.body.extend(
                    clean(" ".join(p.itertext())) for p in part if _local(p.tag) == "paragraph"
                )
        found.append(fields)
    return _articles(found, article_id, path, "utf-8")


# --- text (RTF and plain-text downloads) ---------------------------------------------


def looks_like_text_export(text: str) -> bool:
    lines = [clean(line) for line in text.splitlines()]
    accessions = sum(bool(ACCESSION.match(line)) for line in lines)
    words = sum(bool(_WORD_LINE.match(line)) for line in lines)
    return accessions >= 1 and words >= 1


def read_text_export(text: str, article_id: str, path: str, encoding: str) -> list[Article]:
    """Articles in the text of a Factiva download, each closed by "Document <number>"."""
    found: list[ExportFields] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = clean(raw)
        m = ACCESSION.match(line)
        if m:
            fields = _parse_text_article(current)
            if fields is not None:
                fields.doc_id = m["an"]
                found.append(fields)
            current = []
        else:
            current.append(line)
    return _articles(found, article_id, path, encoding)


def _parse_text_article(lines: list[str]) -> ExportFields | None:
    while lines and not lines[0]:
        lines = lines[1:]
    words_at = next((i for i, line in enumerate(lines[:20]) if _WORD_LINE.match(line)), None)
    if words_at is None:
        return None
    fields = ExportFields(length=lines[words_at])
    top = [line for line in lines[:words_at] if line]
    if len(top) == 1:
        fields.title = top[0]
    elif len(top) >= 2:
        if _BYLINE_LIKE.match(top[-1]) or len(top) >= 3:
            fields.byline = top[-1]
            top = top[:-1]
        fields.title = top[-1]
        if len(top) >= 2:
            fields.section = top[-2]
    if fields.title:
        fields.title = _headline(fields.title)
    rest = lines[words_at + 1 :]
    header_end = None
    for i, line in enumerate(rest[:14]):
        if is_vendor_line(line):
            header_end = i
            break
    if header_end is None:
        header_end = next(
            (i for i, line in enumerate(rest[:14]) if line.casefold() in _LANGUAGES), None
        )
    header = [line for line in rest[: (header_end or 0) + 1] if line]
    _read_header_lines(["0 words", *header], fields)
    fields.length = lines[words_at]
    body: list[str] = []
    paragraph: list[str] = []
    for line in rest[(header_end or 0) + 1 :] if header_end is not None else rest:
        if line:
            paragraph.append(line)
        elif paragraph:
            body.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        body.append(" ".join(paragraph))
    fields.body = body
    return fields


def _articles(
    found: list[ExportFields], article_id: str, path: str, encoding: str
) -> list[Article]:
    if not found:
        raise SkipFile("Factiva export without articles")
    return [
        build_article(fields, f"{article_id}#{n}", path, encoding)
        for n, fields in enumerate(found, 1)
    ]
