"""Old LexisNexis exports (nexis.com, LexisNexis Academic): text, HTML and RTF.

Each document starts with a counter line ("1 of 50 DOCUMENTS", "Dokument 1 von 50",
"Document 1 de 50"), then the outlet, the date line (editions may follow), the
headline, labelled fields (BYLINE/AUTOR, SECTION/RUBRIK, LENGTH/LÄNGE ...), the
body, trailing fields (LOAD-DATE/UPDATE, LANGUAGE/SPRACHE ...) and a rights line.
Every format is first cut into blocks (paragraphs) and the same rules read them.
The counter's total is not trusted: it is the place in the original hit list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from korpus.article import Article, SkipFile
from korpus.dates import parse_date_line
from korpus.readers.markup import Node, parse_html
from korpus.readers.press import ExportFields, build_article, clean, is_vendor_line

COUNTER = re.compile(
    r"^\s*(?:\d+\s+(?:of|von|de|sur|di|van)\s+\d+\s+(?:DOCUMENTS?|DOKUMENTE?N?|DOCUMENTOS?|DOCUMENTI)"
    r"|(?:Dokument|Document|Documento)\s+\d+\s+(?:von|of|de|sur|di|van)\s+\d+)\s*$",
    re.IGNORECASE,
)
LABEL = re.compile(
    r"^\s*(?P<label>[A-ZÄÖÜÉÈ][A-ZÄÖÜÉÈ-]{1,30}(?:[ -][A-ZÄÖÜÉÈ]{2,20}){0,2})\s*:\s*(?P<value>.*)$",
    re.DOTALL,
)

# Field labels by meaning, in the interface languages LexisNexis used. Extend here.
BYLINE = {"BYLINE", "AUTOR", "AUTOREN", "AUTEUR", "AUTEURS", "VON"}
SECTION = {"SECTION", "RUBRIK", "RUBRIQUE", "RESSORT"}
LENGTH = {"LENGTH", "LÄNGE", "LAENGE", "LONGUEUR", "UMFANG"}
HIGHLIGHT = {"HIGHLIGHT", "HIGHLIGHTS", "ENCART", "UNTERZEILE"}
DATELINE = {"DATELINE", "ORTSZEILE"}
HEAD = BYLINE | SECTION | LENGTH | HIGHLIGHT | DATELINE | {"HEADLINE", "SOURCE", "EDITION"}
# Fields after the body; a date-valued one counts only when its value is a date,
# since "UPDATE: ..." can open a paragraph of an online article.
DATED_TAIL = {"LOAD-DATE", "UPDATE", "DATE-CHARGEMENT", "CORRECTION-DATE"}
TAIL = DATED_TAIL | {
    "LANGUAGE",
    "SPRACHE",
    "LANGUE",
    "GRAPHIC",
    "GRAFIK",
    "PUBLICATION-TYPE",
    "TYPE-PUBLICATION",
    "JOURNAL-CODE",
    "ZEITUNGS-CODE",
    "BIBLIOGRAPHIE",
    "CORRECTION",
    "NOTES",
    "NOTE",
    "DOCUMENT-TYPE",
    "DOKUMENTTYP",
    "DISTRIBUTION",
    "SUBJECT",
    "SUJET",
    "ORGANIZATION",
    "COMPANY",
    "SOCIETE",
    "TICKER",
    "INDUSTRY",
    "GEOGRAPHIC",
    "LOCALISATION-GEO",
    "PERSON",
    "PERSONNE",
    "CITY",
    "STATE",
    "COUNTRY",
    "URL",
    "SERIES",
    "TYPE",
    "ACC-NO",
    "DOCUMENT-ID",
    "PUBLICATION",
    "SCHLAGWORT",
    "THEMA",
}
_BYLINE_LINE = re.compile(r"^(?:VON|Von|BY|By|PAR|Par)\s+\S+(?:\s+\S+){0,7}$")
_ERROR_DOC = re.compile(r"error in this document|not possible to display", re.IGNORECASE)

Block = list[str]
_CENTRED = "     "


def _label(block: Block) -> tuple[str, str] | None:
    if not block:
        return None
    m = LABEL.match(block[0])
    if m is None:
        return None
    label = m["label"].upper()
    value = " ".join([m["value"], *block[1:]]).strip()
    return label, value


def looks_like_text_export(text: str) -> bool:
    """A LexisNexis text export: counter lines each followed, soon, by a known label."""
    lines = text.splitlines()
    counters = [i for i, line in enumerate(lines) if COUNTER.match(line)]
    if not counters:
        return False
    for i in counters[:3]:
        for line in lines[i + 1 : i + 80]:
            m = LABEL.match(line)
            if m and m["label"].upper() in HEAD | TAIL:
                return True
    return False


def parse_document(blocks: list[Block], wrapped: bool = False) -> ExportFields | None:
    """One document's fields from its blocks (counter line first, if any).

    A block's lines are paragraphs (HTML), or one paragraph wrapped (``wrapped``, text).
    """
    # Text exports centre the outlet, date, editions and rights lines; the headline
    # is flush left.
    centred = [bool(b) and b[0].startswith(_CENTRED) for b in blocks]
    cleaned = [[clean(line) for line in block] for block in blocks]
    kept = [i for i, b in enumerate(cleaned) if any(b)]
    blocks = [[line for line in cleaned[i] if line] for i in kept]
    centred = [centred[i] for i in kept]
    if blocks and COUNTER.match(blocks[0][0]):
        blocks, centred = blocks[1:], centred[1:]
    if not blocks:
        return None
    fields = ExportFields()
    labels: dict[str, str] = {}
    # The header: outlet, date line (editions after it), headline, up to the first label.
    first_label = next((i for i, b in enumerate(blocks) if _is_field(b)), len(blocks))
    date_at = next(
        (i for i in range(1, min(first_label, 4)) if parse_date_line(blocks[i][0])), None
    )
    if date_at is None and parse_date_line(blocks[0][0]):
        date_at = 0
    if date_at is not None:
        fields.date_line = blocks[date_at][0]
        fields.date = parse_date_line(fields.date_line)
        outlet_blocks, title_start = blocks[:date_at], date_at + 1
    else:
        outlet_blocks, title_start = blocks[:1], 1
    title_blocks = blocks[title_start:first_label]
    # Editions on lines of their own between date and headline are centred too.
    while title_blocks and centred[title_start] and not all(centred[title_start:first_label]):
        title_start += 1
        title_blocks = title_blocks[1:]
    if len(title_blocks) > 3:
        # No fields follow a short header: the rest is text, the first block the headline.
        title_blocks = title_blocks[:1]
    rest = blocks[title_start + len(title_blocks) :]
    # Some exports give the byline as a line of its own under the headline ("VON ANNA
    # MUSTER") instead of a labelled field.
    byline = None
    if len(title_blocks) >= 2 and _BYLINE_LINE.match(" ".join(title_blocks[-1])):
        byline = " ".join(title_blocks.pop())
    fields.outlet = " ".join(outlet_blocks[-1]) if outlet_blocks else None
    fields.title = " ".join(line for b in title_blocks for line in b) or None
    state = "head"
    body: list[str] = []
    for block in rest:
        found = _label(block)
        if found is not None:
            label, value = found
            if state == "head" and (
                label in HEAD or label in TAIL or "-" in label or len(value) < 80
            ):
                labels.setdefault(label, value)
                continue
            if label in TAIL and (label not in DATED_TAIL or parse_date_line(value)):
                labels.setdefault(label, value)
                state = "tail"
                continue
            if state != "tail" and label in HEAD:
                labels.setdefault(label, value)
                continue
        if state == "tail":
            continue
        state = "body"
        body.extend([" ".join(block)] if wrapped else block)
    while body and is_vendor_line(body[-1]):
        body.pop()
    if not labels and (fields.date is None or _ERROR_DOC.search(" ".join(body))):
        return None
    fields.body = body
    fields.byline = _first(labels, BYLINE) or byline
    fields.section = _first(labels, SECTION)
    fields.length = _first(labels, LENGTH)
    fields.teaser = _first(labels, HIGHLIGHT)
    return fields


def _is_field(block: Block) -> bool:
    found = _label(block)
    return found is not None and (found[0] in HEAD or found[0] in TAIL)


def _first(labels: dict[str, str], names: set[str]) -> str | None:
    return next((labels[n] for n in labels if n in names), None)


# --- text --------------------------------------------------------------------------


def text_documents(text: str) -> list[list[Block]]:
    """A text export cut into documents, each a list of blocks (paragraphs)."""
    documents: list[list[Block]] = []
    current: list[Block] | None = None
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph and current is not None:
            if paragraph[0].startswith(_CENTRED):
                # Centred lines are items of their own: outlet, date line, edition.
                current.extend([line.rstrip()] for line in paragraph)
            else:
                current.append([line.strip() for line in paragraph])
        paragraph.clear()

    for line in text.splitlines():
        if COUNTER.match(line):
            flush()
            current = [[line.strip()]]
            documents.append(current)
            continue
        if not line.strip():
            flush()
            continue
        m = LABEL.match(line)
        if m and m["label"].upper() in HEAD | TAIL:
            flush()
        elif paragraph and line.startswith(_CENTRED) != paragraph[0].startswith(_CENTRED):
            # A centred date line and a flush-left headline with no blank line between.
            flush()
        paragraph.append(line)
    flush()
    return documents


def read_text_export(text: str, article_id: str, path: str, encoding: str) -> list[Article]:
    """The articles of a LexisNexis text export (or of an RTF export's text)."""
    documents = (parse_document(d, wrapped=True) for d in text_documents(text))
    return _articles(documents, article_id, path, encoding)


# --- HTML --------------------------------------------------------------------------

_BLOCKS = frozenset(
    {
        "div",
        "p",
        "table",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "center",
        "blockquote",
        "pre",
        "dl",
    }
)


def _doc_anchor(node: Node) -> bool:
    return node.tag == "a" and node.attrs.get("name", "").upper().startswith("DOC_ID")


def html_documents(root: Node) -> list[list[Block]]:
    """An HTML export cut into documents at its DOC_ID anchors (or counter lines)."""
    items: list[Block | None] = []

    def walk(node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                continue
            if _doc_anchor(child):
                items.append(None)
            elif child.tag in _BLOCKS and not any(
                d.tag in {"div", "table"} or _doc_anchor(d) for d in child.elements()
            ):
                items.append(child.lines())
            else:
                walk(child)

    walk(root)
    anchored = any(item is None for item in items)
    documents: list[list[Block]] = []
    current: list[Block] | None = None
    for item in items:
        if item is None:
            current = []
            documents.append(current)
            continue
        if not item:
            continue
        if not anchored and COUNTER.match(item[0]):
            current = []
            documents.append(current)
        if current is not None:
            current.append(item)
    return documents


def looks_like_html_export(root: Node) -> bool:
    if any(_doc_anchor(n) for n in root.find_all("a")):
        return True
    return any(COUNTER.match(line) for n in root.find_all("div")[:400] for line in n.lines()[:1])


def read_html_export(root: Node, article_id: str, path: str, encoding: str) -> list[Article]:
    """The articles of an old LexisNexis HTML export."""
    return _articles((parse_document(d) for d in html_documents(root)), article_id, path, encoding)


def read_html_text(text: str, article_id: str, path: str, encoding: str) -> list[Article]:
    return read_html_export(parse_html(text), article_id, path, encoding)


def _articles(
    documents: Iterable[ExportFields | None], article_id: str, path: str, encoding: str
) -> list[Article]:
    found = [d for d in documents if d is not None]
    if not found:
        raise SkipFile("LexisNexis export without articles")
    return [
        build_article(fields, f"{article_id}#{n}", path, encoding)
        for n, fields in enumerate(found, 1)
    ]
