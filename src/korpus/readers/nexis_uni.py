"""Nexis Uni and Lexis Advance DOCX exports: one record per article.

A download is a Word file: an optional cover page with the hit list, then per
article the headline, the outlet, the date line, fields written ``Label:`` and a
no-break space, a heading "Body", the text, an optional "Graphic" and
"Classification" block, and a closing "End of Document"; articles are separated
by section breaks. Labels differ with the interface language, so the reader also
trusts the structure: the closing mark or section break ends an article, the
no-break-space lines are fields, a short heading opens the body.

The DOCX is read with :mod:`zipfile` and the standard XML parser, paragraphs in
document order including table cells.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from xml.etree import ElementTree

from korpus.article import Article, SkipFile
from korpus.dates import parse_date_line
from korpus.readers.press import ExportFields, build_article, clean, is_vendor_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A Word file this large unpacked is not a press download (and may be a zip bomb).
MAX_XML_BYTES = 200 * 2**20

# Markers by meaning, in the interface languages seen or expected. Extend here.
END_MARKS = {
    "end of document",
    "ende des dokuments",
    "dokumentende",
    "fin du document",
    "fin del documento",
    "fine del documento",
    "einde van document",
}
BODY_HEADINGS = {
    "body",
    "text",
    "textkörper",
    "inhalt",
    "corps",
    "texte",
    "cuerpo",
    "testo",
    "tekst",
}
AFTER_BODY = {
    "classification",
    "klassifikation",
    "klassifizierung",
    "graphic",
    "grafik",
    "graphique",
    "gráfico",
    "notes",
    "anmerkungen",
    "link to image",
    "link to the image",
    "correction",
    "korrektur",
}
BYLINE = {"byline", "autor", "autoren", "auteur", "von"}
SECTION = {"section", "rubrik", "ressort", "rubrique", "sección"}
LENGTH = {"length", "länge", "laenge", "longueur", "umfang", "longitud"}
HIGHLIGHT = {"highlight", "highlights", "hervorhebung"}
DATELINE = {"dateline", "ortszeile"}
# Fields written with a plain space by older exports; a no-break space marks any.
_KNOWN = (
    BYLINE
    | SECTION
    | LENGTH
    | HIGHLIGHT
    | DATELINE
    | {
        "load-date",
        "language",
        "sprache",
        "publication-type",
        "journal code",
        "subject",
        "company",
        "organization",
        "person",
        "industry",
        "geographic",
        "correction-date",
        "update",
        "ladedatum",
        "notes",
        "ticker",
        "city",
        "state",
        "country",
        "document-type",
    }
)
_DATED_TAIL = {"load-date", "update", "correction-date", "ladedatum"}
_NBSP_LABEL = re.compile(r"^(?P<label>[^\W\d][\w .&/()-]{0,40}?)\s*:\xa0\s*(?P<value>.*)$", re.S)
_PLAIN_LABEL = re.compile(r"^(?P<label>[^\W\d][\w &/-]{0,30}?)\s*:\s+(?P<value>.*)$", re.S)
_COVER = re.compile(
    r"^(?:Documents|Dokumente|Documentos|Documenti)\s*\(\d+\)$|^(?:Job Number|Auftragsnummer"
    r"|Client/Matter|Search Terms|Suchbegriffe)\s*:",
    re.IGNORECASE,
)


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    section_end: bool = False


def _paragraph(p: ElementTree.Element) -> Paragraph:
    parts: list[str] = []
    bold_runs = plain_runs = 0
    for run in p.iter(f"{W}r"):
        texts = []
        for el in run:
            if el.tag == f"{W}t":
                texts.append(el.text or "")
            elif el.tag in (f"{W}br", f"{W}cr"):
                texts.append("\n")
            elif el.tag == f"{W}tab":
                texts.append("\t")
        text = "".join(texts)
        parts.append(text)
        if text.strip():
            b = run.find(f"{W}rPr/{W}b")
            if b is not None and b.get(f"{W}val", "true") not in ("0", "false", "off"):
                bold_runs += 1
            else:
                plain_runs += 1
    return Paragraph(
        text="".join(parts),
        bold=bold_runs > 0 and plain_runs == 0,
        section_end=p.find(f"{W}pPr/{W}sectPr") is not None,
    )


def docx_paragraphs(data: bytes) -> list[Paragraph]:
    """The paragraphs of a DOCX in document order, table cells included.

    Raises SkipFile when the file is no readable Word document.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise SkipFile("ZIP file without a Word document") from None
            if info.file_size > MAX_XML_BYTES:
                raise SkipFile("Word document too large")
            xml = archive.read(info)
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, EOFError, ValueError) as exc:
        raise SkipFile(f"damaged Word document ({exc})") from None
    body = root.find(f"{W}body")
    if body is None:
        return []
    out: list[Paragraph] = []

    def walk(el: ElementTree.Element) -> None:
        for child in el:
            if child.tag == f"{W}p":
                out.append(_paragraph(child))
            elif child.tag == f"{W}sectPr":
                continue
            else:
                walk(child)

    walk(body)
    return out


def _chunks(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Articles as runs of paragraphs, each ended by the closing mark.

    Where the export's closing mark is not one korpus knows (another interface
    language), section breaks end articles instead; they are not trusted where the
    mark is known, since an article with a wide table has section breaks inside.
    """
    ends = [clean(p.text).casefold() in END_MARKS for p in paragraphs]
    if not any(ends):
        ends = [p.section_end for p in paragraphs]
    chunks: list[list[Paragraph]] = [[]]
    for para, end in zip(paragraphs, ends, strict=True):
        chunks[-1].append(para)
        if end:
            chunks.append([])
    return [c for c in chunks if any(p.text.strip() for p in c)]


def _label(text: str) -> tuple[str, str] | None:
    m = _NBSP_LABEL.match(text)
    if m is None:
        m = _PLAIN_LABEL.match(text)
        if m is None or m["label"].strip().casefold() not in _KNOWN:
            return None
    return m["label"].strip().casefold(), clean(m["value"])


def _is_body_heading(para: Paragraph) -> bool:
    text = clean(para.text).casefold()
    return text in BODY_HEADINGS


def parse_chunk(chunk: list[Paragraph]) -> ExportFields | None:
    """One article's fields, or None when the run of paragraphs is no article."""
    paras = [p for p in chunk if clean(p.text)]
    texts = [clean(p.text) for p in paras]
    first_field = next(
        (
            i
            for i, (p, t) in enumerate(zip(paras, texts, strict=True))
            if (_label(t) is not None and not _COVER.match(t)) or _is_body_heading(p)
        ),
        None,
    )
    if first_field is None:
        return None
    head = [(t, p.bold) for p, t in zip(paras[:first_field], texts[:first_field], strict=True)]
    head = [(t, bold) for t, bold in head if not is_vendor_line(t)]
    if any(_COVER.match(t) for t, _ in head):
        # A cover page with no section break after it: the article's header is the
        # headline, outlet and date line just above its first field.
        dated = [
            i
            for i in range(len(head) - 1, max(len(head) - 5, 1), -1)
            if parse_date_line(head[i][0])
        ]
        if not dated or _COVER.match(head[dated[0] - 1][0]):
            return None
        head = head[max(dated[0] - 2, 0) :]
    if not head or len(head) > 12:
        return None
    fields = ExportFields()
    header = [t for t, _ in head]
    # The headline is bold; where the export marks no bold, it is the first line.
    bold_top = next((i for i, (_, bold) in enumerate(head) if not bold), len(head))
    title_end = bold_top if 0 < bold_top < len(head) else 1
    date_at = next((i for i in range(title_end, len(header)) if parse_date_line(header[i])), None)
    if date_at is not None:
        fields.date_line = header[date_at]
        fields.outlet = header[title_end] if date_at > title_end else None
    else:
        fields.outlet = header[title_end] if len(header) > title_end else None
    fields.title = " ".join(header[:title_end])
    labels: dict[str, str] = {}
    body: list[str] = []
    state = "head"
    for para, text in zip(paras[first_field:], texts[first_field:], strict=True):
        if text.casefold() in END_MARKS:
            break
        if state == "head":
            if _is_body_heading(para):
                state = "body"
                continue
            found = _label(text)
            if found is not None:
                labels.setdefault(*found)
                continue
            if is_vendor_line(text):
                continue
            state = "body"
        if state == "body":
            if para.bold and text.casefold() in AFTER_BODY:
                state = "tail"
                continue
            found = _label(text)
            if (
                found is not None
                and body
                and (
                    _NBSP_LABEL.match(text)
                    or (found[0] in _DATED_TAIL and parse_date_line(found[1]))
                )
            ):
                state = "tail"
                continue
            body.append(text)
    fields.body = body
    fields.byline = _first(labels, BYLINE)
    fields.section = _first(labels, SECTION)
    fields.length = _first(labels, LENGTH)
    fields.teaser = _first(labels, HIGHLIGHT)
    if not labels and not body:
        return None
    return fields


def _first(labels: dict[str, str], names: set[str]) -> str | None:
    return next((labels[n] for n in labels if n in names), None)


def looks_like_export(paragraphs: list[Paragraph]) -> bool:
    texts = [clean(p.text) for p in paragraphs]
    marks = sum(t.casefold() in END_MARKS for t in texts)
    labels = sum(bool(_NBSP_LABEL.match(t)) for t in texts)
    return marks > 0 or labels >= 2


def read_docx_export(data: bytes, article_id: str, path: str) -> list[Article]:
    """The articles of a Nexis Uni DOCX. Raises SkipFile for other Word files."""
    paragraphs = docx_paragraphs(data)
    found = [f for f in (parse_chunk(c) for c in _chunks(paragraphs)) if f is not None]
    if not found:
        raise SkipFile("Word document that is no Nexis Uni export (no articles found)")
    return [
        build_article(fields, f"{article_id}#{n}", path, "utf-8")
        for n, fields in enumerate(found, 1)
    ]
