"""Press-database exports recognised by their content, whatever their file name.

A ``.docx`` may be a Nexis Uni download or any Word file, an ``.html`` a web page or
a Factiva export, a ``.txt`` a LexisNexis export or a copied article. :func:`sniff`
answers cheaply from the bytes whether a file may be an export; :func:`read_export`
looks closely, picks the vendor's reader, and says why when the file is none.
"""

from __future__ import annotations

import re

from korpus.article import Article, SkipFile

EXTENSIONS = (".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".rtf", ".docx")

_ZIP = b"PK\x03\x04"
_PDF = b"%PDF"
# Cheap signs in the first bytes; read_export then decides.
_SIGNS = re.compile(
    rb"(?im)^[ \t]*(?:\d+[ \t]+(?:of|von|de|sur)[ \t]+\d+[ \t]+(?:DOCUMENTS?|DOKUMENTE?N?)"
    rb"|(?:Dokument|Document)[ \t]+\d+[ \t]+(?:von|of|de|sur)[ \t]+\d+)[ \t]*\r?$"
    rb"|DOC_ID_\d"
    rb"|class=[\"']?article [a-z]{2}Article"
    rb"|<ppsarticle|<accessionNo>"
    rb"|(?:^|>)[ \t]*(?:Document|Dokument)[ \t]+[A-Za-z0-9]{16,40}[ \t]*(?:\r?$|<)"
    rb"|DocPublicationName"
)
_SNIFF_BYTES = 2 * 2**20


class NotAnExport(SkipFile):
    """The file is not a press-database export."""


def sniff(data: bytes) -> bool:
    """Whether the bytes may be an export (Word, RTF, or text with a vendor's marks)."""
    head = data[:8].lstrip()
    if data.startswith(_ZIP) or head.startswith(b"{\\rtf"):
        return True
    return bool(_SIGNS.search(data[:_SNIFF_BYTES]))


def read_export(data: bytes, article_id: str, path: str) -> list[Article]:
    """The articles of a press export. Raises SkipFile (NotAnExport) for other files."""
    from korpus.readers import factiva, lexisnexis
    from korpus.readers.text import decode_bytes

    if data.startswith(_ZIP):
        from korpus.readers.nexis_uni import read_docx_export

        return read_docx_export(data, article_id, path)
    if data.startswith(_PDF):
        raise SkipFile("PDF file (korpus reads exports as DOCX, RTF, HTML or text)")
    if data.lstrip()[:5] == b"{\\rtf":
        from korpus.readers.rtf import rtf_to_text

        text, encoding = rtf_to_text(data), "rtf"
        if lexisnexis.looks_like_text_export(text):
            return lexisnexis.read_text_export(text, article_id, path, encoding)
        if factiva.looks_like_text_export(text):
            return factiva.read_text_export(text, article_id, path, encoding)
        raise NotAnExport("RTF file that is no LexisNexis or Factiva export")
    text, encoding = decode_bytes(data)
    start = text[:2048].lstrip().lower()
    if start.startswith("<?xml") and "<html" not in start:
        if factiva.looks_like_xml_export(text):
            return factiva.read_xml_export(data, article_id, path)
        raise NotAnExport("XML file that is no Factiva export")
    if start.startswith("<") or "<html" in start or "<div" in start:
        from korpus.readers import europresse
        from korpus.readers.markup import parse_html

        root = parse_html(text)
        if lexisnexis.looks_like_html_export(root):
            return lexisnexis.read_html_export(root, article_id, path, encoding)
        if factiva.looks_like_html_export(root):
            return factiva.read_html_export(root, article_id, path, encoding)
        if europresse.looks_like_export(root):
            return europresse.read_export(root, article_id, path, encoding)
        raise NotAnExport("HTML page that is no press export")
    if lexisnexis.looks_like_text_export(text):
        return lexisnexis.read_text_export(text, article_id, path, encoding)
    if factiva.looks_like_text_export(text):
        return factiva.read_text_export(text, article_id, path, encoding)
    raise NotAnExport("text file that is no press export")
