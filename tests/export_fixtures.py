"""Small press-database exports written for the tests, in the vendors' layouts.

All names, outlets and texts are made up. Each builder returns the bytes of one
export file.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NBSP = "\xa0"

# --- old LexisNexis text ---------------------------------------------------------------


def lexisnexis_text(german: bool = False, crlf: bool = True, bom: bool = True) -> bytes:
    if german:
        docs = [
            (
                "Dokument 1 von 2",
                "Nordblatt",
                "14. März 2011 Montag 9:50 PM GMT+1",
                ["Ausgabe Nord"],
                "Sturmflut an der Küste;\nDeiche halten stand",
                [
                    ("AUTOR", "Muster, Anna ; Beispiel, Ben"),
                    ("RUBRIK", "POLITIK; S. 4 Ausg. 7"),
                    ("LÄNGE", "1.812 Wörter"),
                ],
                [
                    "Der Wind hat am Montag nachgelassen, die Pegel sinken wieder.",
                    "UPDATE: Die Lage an den Deichen bleibt nach Angaben der Behörden ruhig.",
                ],
                [
                    ("UPDATE", "15. März 2011"),
                    ("SPRACHE", "GERMAN; DEUTSCH"),
                    ("PUBLICATION-TYPE", "Zeitung"),
                ],
                "Alle Rechte vorbehalten",
            ),
            (
                "Dokument 2 von 2",
                "Südkurier Online",
                "8. Mai 2012",
                [],
                "Neue Brücke eröffnet",
                [("LÄNGE", "95 Wörter")],
                ["Die Brücke über den Fluss ist seit Dienstag für den Verkehr frei."],
                [("UPDATE", "9. Mai 2012"), ("SPRACHE", "GERMAN")],
                "Alle Rechte vorbehalten",
            ),
        ]
    else:
        docs = [
            (
                "1 of 250 DOCUMENTS",
                "The Harbour Gazette (Maine)",
                "January 11, 2010 Monday",
                ["Edition 1;", "Coast"],
                "Storm closes the harbour for a second day as winds\nreach record speeds",
                [
                    ("BYLINE", "Jane Doe and John Roe"),
                    ("SECTION", "NEWS; Pg. 6"),
                    ("LENGTH", "2,968 words"),
                ],
                [
                    "The harbour stayed closed on Monday as the storm kept\n"
                    "the fishing fleet at anchor.",
                    "Officials said it could reopen on Wednesday.",
                ],
                [
                    ("LOAD-DATE", "January 12, 2010"),
                    ("LANGUAGE", "ENGLISH"),
                    ("GRAPHIC", "Boats at anchor\nPHOTO: Staff"),
                    ("PUBLICATION-TYPE", "Newspaper"),
                ],
                "All Rights Reserved",
            ),
            (
                "2 of 250 DOCUMENTS",
                "Valley Courier",
                "March 3, 2011",
                [],
                "Mill reopens",
                [("LENGTH", "87 words")],
                ["The old mill reopened its doors to visitors on Thursday."],
                [("LOAD-DATE", "March 4, 2011"), ("LANGUAGE", "ENGLISH")],
                "All Rights Reserved",
            ),
        ]
    lines = ["", "Download Request: Selected Items: 1-2", "Terms: storm", "", "Source: Various", ""]
    for counter, outlet, date, editions, title, head, body, tail, rights in docs:
        lines += ["", f"{counter:^70}".rstrip(), "", "", f"{outlet:^70}".rstrip(), ""]
        lines += [f"{date:^70}".rstrip()] + [f"{e:^70}".rstrip() for e in editions] + [""]
        lines += title.split("\n") + [""]
        for label, value in head:
            lines += [f"{label}: {value}", ""]
        for para in body:
            lines += para.split("\n") + [""]
        for label, value in tail:
            lines += [f"{label}: {value}".split("\n")[0], *f"{label}: {value}".split("\n")[1:], ""]
        lines += [f"{'Copyright 2011 Example Media':^70}".rstrip(), f"{rights:^70}".rstrip(), ""]
    text = ("\r\n" if crlf else "\n").join(lines)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


# --- old LexisNexis HTML ---------------------------------------------------------------


def _ln_html_doc(
    n: int, outlet: str, date_html: str, title: str | None, head: str, body: str, tail: str
) -> str:
    title_div = (
        f'<BR><DIV CLASS="c5"><P CLASS="c6"><SPAN CLASS="c7">{title}</SPAN></P>\n</DIV>\n'
        if title
        else ""
    )
    return (
        f'<A NAME="DOC_ID_0_{n}"></A><!-- Hide XML section from browser\n<DOC NUMBER={n + 1}>\n'
        f"<DOCFULL> -->\n"
        f'<BR><DIV CLASS="c0"><P CLASS="c1"><SPAN CLASS="c2">{n + 901} of 1200 DOCUMENTS'
        f"</SPAN></P>\n</DIV>\n"
        f'<BR><DIV CLASS="c3"><STYLE>.x {{ color: red; }}</STYLE><P CLASS="c1">'
        f'<SPAN CLASS="c2">{outlet}</SPAN></P>\n</DIV>\n'
        f'<BR><DIV CLASS="c3"><P CLASS="c1">{date_html}</P>\n</DIV>\n'
        f"{title_div}{head}{body}{tail}"
        f'<BR><DIV CLASS="c3"><P CLASS="c1"><SPAN CLASS="c2">Copyright 2012 Example Media'
        f"</SPAN></P>\n</DIV>\n<!-- Hide XML section from browser\n</DOCFULL>\n</DOC> -->\n"
    )


def _ln_label(label: str, value: str) -> str:
    return (
        f'<BR><DIV CLASS="c5"><P CLASS="c6"><SPAN CLASS="c8">{label}: </SPAN>'
        f'<SPAN CLASS="c2">{value}</SPAN></P>\n</DIV>\n'
    )


def _ln_body(*paragraphs: str) -> str:
    inner = "".join(f'<P CLASS="c9"><SPAN CLASS="c2">{p}</SPAN></P>\n' for p in paragraphs)
    return f'<BR><DIV CLASS="c5">{inner}</DIV>\n'


def lexisnexis_html() -> bytes:
    docs = [
        _ln_html_doc(
            0,
            "Nordblatt",
            '<SPAN CLASS="c4">27.</SPAN><SPAN CLASS="c2"> Februar 2012 Montag'
            " 9:50 PM GMT+1<BR>Ausgabe Nord</SPAN>",
            "Gr&uuml;ne fordern;<BR>Mehr Radwege",
            _ln_label("AUTOR", "Anna Muster")
            + _ln_label("RUBRIK", "LOKALES; S. 12")
            + _ln_label("L&Auml;NGE", "212 W&ouml;rter"),
            _ln_body("Die Fraktion will mehr Radwege f&uuml;r die Stadt.", "Der Rat berät im Mai.")
            + "<UL><LI>Erstens: Radwege</LI><LI>Zweitens: Parkplätze</LI></UL>",
            _ln_label("UPDATE", "28. Februar 2012")
            + _ln_label("SPRACHE", "GERMAN; DEUTSCH")
            + '<BR><DIV CLASS="c5"><P CLASS="c6">XYZ</P></DIV>\n'
            + _ln_label("ZEITUNGS-CODE", "NRD"),
        ),
        _ln_html_doc(
            1,
            "Valley Courier",
            '<SPAN CLASS="c2">12 April 2013 Tuesday</SPAN>',
            None,
            _ln_label("SECTION", "Pg. 12") + _ln_label("LENGTH", "44 words"),
            _ln_body("A table of results follows."),
            _ln_label("LOAD-DATE", "April 13, 2013"),
        ),
        # An error document: no fields, no date; it is dropped.
        '<A NAME="DOC_ID_0_2"></A><BR><DIV CLASS="c5"><P CLASS="c6"><SPAN CLASS="c2">We are sorry'
        " but there is an error in this document and it is not possible to display it."
        "</SPAN></P></DIV>\n",
    ]
    page = (
        '<HTML><HEAD><STYLE TYPE="text/css"><!-- .c0 { text-align: center; } --></STYLE>'
        '<TITLE>&nbsp;</TITLE><META TOPIC="null" DOCUMENTS="1200" /></HEAD><BODY>\n'
        + "".join(docs)
        + "</BODY></HTML>\n"
    )
    return page.encode("ascii", errors="xmlcharrefreplace")


# --- Nexis Uni DOCX ---------------------------------------------------------------------

# A paragraph: text (with "\n" for a line break), bold, centred, ends a section.
Para = tuple[str, bool, bool, bool]


def _run(text: str, bold: bool) -> str:
    parts = []
    for i, piece in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        if piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else "<w:rPr></w:rPr>"
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def _para(text: str, bold: bool = False, centred: bool = False, section: bool = False) -> str:
    ppr = ""
    if centred or section:
        ppr = "<w:pPr>" + ('<w:jc w:val="center"/>' if centred else "")
        ppr += '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>' if section else ""
        ppr += "</w:pPr>"
    if NBSP in text and not bold:
        label, _, value = text.partition(NBSP)
        return f"<w:p>{ppr}{_run(label + NBSP, True)}{_run(value, False)}</w:p>"
    return f"<w:p>{ppr}{_run(text, bold)}</w:p>"


def docx(body_xml: str) -> bytes:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body_xml}<w:sectPr/></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def nexis_article(
    title: str,
    outlet: str,
    date: str,
    fields: list[tuple[str, str]],
    body: list[str],
    labels: dict[str, str] | None = None,
    end: str = "End of Document",
    graphic: str | None = None,
) -> str:
    names = {
        "body": "Body",
        "classification": "Classification",
        "load": "Load-Date",
        "language": "Language",
        **(labels or {}),
    }
    xml = [
        _para(title, bold=True, centred=True),
        _para(outlet, centred=True),
        _para(date, centred=True),
        _para(""),
        _para("\nCopyright 2019 Example Media"),
    ]
    xml += [_para(f"{label}:{NBSP}{value}") for label, value in fields]
    xml += [_para(names["body"], bold=True), _para("")]
    xml += [_para(p) for p in body]
    if graphic:
        xml += [_para("\nGraphic", bold=True), _para(graphic)]
    xml += [_para(names["classification"], bold=True), _para("")]
    xml += [
        _para(f"{names['language']}:{NBSP}GERMAN\n\n"),
        _para(f"Subject:{NBSP}WEATHER (90%)\n\n"),
        _para(f"{names['load']}:{NBSP}July 2, 2019"),
    ]
    xml += [_para(f"\n{end}", bold=True, section=True)]
    return "".join(xml)


def nexis_cover(titles: list[str]) -> str:
    xml = [
        _para("Date and Time: Friday, 5. July 2019 09:31:00 CEST"),
        _para("Job Number: 12345"),
        _para(f"Documents ({len(titles)})", bold=True),
    ]
    for n, title in enumerate(titles, 1):
        xml += [
            _para(f"{n}. {title}"),
            _para("Client/Matter: -None-"),
            _para("Search Terms: storm"),
            _para("Narrowed by: "),
        ]
        xml.append(
            "<w:tbl><w:tr><w:tc>"
            + _para("Content Type", bold=True)
            + "</w:tc><w:tc>"
            + _para("Narrowed by", bold=True)
            + "</w:tc></w:tr><w:tr><w:tc>"
            + _para("News")
            + "</w:tc><w:tc>"
            + _para("Sources: Example; Content Type: News")
            + "</w:tc></w:tr></w:tbl>"
        )
    xml.append(_para("", section=True))
    return "".join(xml)


# --- Factiva ------------------------------------------------------------------------------


def factiva_article_view() -> bytes:
    return """<html><head><meta charset="utf-8"><style>.x{color:red}</style></head><body>
<form><input type="hidden" name="__VIEWSTATE" value="abc"/>
<div id="article-KLMNO00020170403ed4300012" class="article"><div class="article deArticle"><p></p>
<div>Wirtschaft</div>
<div id="hd"><span class="deHeadline">1) Nach dem Sturm; Die Deiche <b>halten</b></span></div>
<div class="author">Karla Beispiel</div>
<div>1.234 Wörter</div>
<div>3 März 2017</div>
<div>Nordblatt Online</div>
<div>NRDON</div>
<div>11:21:59</div><div>0</div>
<div>Deutsch</div>
<div>Copyright 2017 Nordblatt Verlag</div>
<p></p>
<p class="articleParagraph dearticleParagraph">Der Wind hat <b>nachgelassen</b>.</p>
<p class="articleParagraph dearticleParagraph">Die Pegel sinken wieder.</p>
<p>Dokument KLMNO00020170403ed4300012</p>
</div></div>
<div id="article-PQRST00020170405ed4500007" class="lastarticle"><div class="article enArticle">
<p></p>
<div id="hd"><span class="enHeadline">2) Harbour reopens</span></div>
<div>254 words</div>
<div>5 April 2017</div>
<div>The Coastal Post</div>
<div>CSTPST</div>
<div>English</div>
<div>(c) 2017 Coastal Media</div>
<p class="articleParagraph enarticleParagraph">Ships sailed again on Wednesday.</p>
<p>Document PQRST00020170405ed4500007</p>
</div></div>
</form></body></html>
""".encode()


def _row(code: str, value: str) -> str:
    return (
        f'<tr><td align="right" valign="top" class="index"><b>{code}</b>&nbsp;</td>'
        f"<td>{value}</td></tr>"
    )


def factiva_table_view() -> bytes:
    rows = [
        _row("HD", "<b class='deHeadline'>Radwege für alle</b>"),
        _row("BY", "Anna Muster"),
        _row("WC", "312 Wörter"),
        _row("PD", "7 Oktober 2016"),
        _row("SN", "Nordblatt"),
        _row("SC", "NRDBLT"),
        _row("SE", "Lokales"),
        _row("LA", "Deutsch"),
        _row("CY", "(c) 2016 Nordblatt Verlag"),
        _row("LP", '<p class="articleParagraph dearticleParagraph">Die Stadt plant neue Wege.</p>'),
        _row("TD", '<p class="articleParagraph dearticleParagraph">Der Rat entscheidet bald.</p>'),
        _row("NS", "gcat : Politik"),
        _row("AN", "Dokument NRDBLT0020161007ec1700005"),
    ]
    return (
        '<html><head><meta charset="UTF-8"/><style>body{margin:0}</style></head><body>'
        '<div id="contentWrapper"><div class="article deArticle"><table>'
        + "".join(rows)
        + "</table></div></div></body></html>"
    ).encode()


def factiva_xml() -> bytes:
    article = """<ppsarticle><article>
<accessionNo>CSTPST0020180303e4330001a</accessionNo>
<headline><paragraph> <hlt>Harbour</hlt>  dredging starts </paragraph></headline>
<leadParagraph><paragraph>Dredgers arrived on Saturday.</paragraph></leadParagraph>
<publicationDate><dateTime>2018-03-03T05:00:00Z</dateTime></publicationDate>
<sourceName>The Coastal Post</sourceName>
<tailParagraphs><paragraph>Work will take a month.</paragraph></tailParagraphs>
<wordCount>120</wordCount>
</article></ppsarticle>"""
    return (
        '\ufeff<?xml version="1.0" encoding="utf-8"?><PPSResponse>'
        '<ppsArticleResponse xmlns="http://global.factiva.com/pps/2.0">'
        f'<ppsarticleResultSet count="1">{article}</ppsarticleResultSet>'
        "</ppsArticleResponse></PPSResponse>"
    ).encode()


def factiva_rtf() -> bytes:
    return (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}"
        rb"{\*\generator Example;}{\info{\title Export}}"
        b"\n"
        rb"\pard\b Sturm legt Hafen lahm\b0\par"
        b"\n"
        rb"Karla Beispiel\par"
        b"\n"
        rb"412 W\'f6rter\par"
        b"\n"
        rb"3 M\u228?rz 2017\par"
        b"\n"
        rb"Nordblatt\par"
        b"\n"
        rb"NRDBLT\par"
        b"\n"
        rb"Deutsch\par"
        b"\n"
        rb"Copyright 2017 Nordblatt Verlag\par\par"
        b"\n"
        rb"Der Hafen blieb am Freitag geschlossen.\par\par"
        b"\n"
        rb"Die F\'e4hren fahren wieder ab Montag.\par\par"
        b"\n"
        rb"Dokument NRDBLT0020170303ed3300003\par\par"
        b"\n"
        rb"\pard\b Bridge reopens\b0\par"
        b"\n"
        rb"88 words\par"
        b"\n"
        rb"4 March 2017\par"
        b"\n"
        rb"The Coastal Post\par"
        b"\n"
        rb"CSTPST\par"
        b"\n"
        rb"English\par"
        b"\n"
        rb"(c) 2017 Coastal Media\par\par"
        b"\n"
        rb"Traffic crossed the bridge again.\par\par"
        b"\n"
        rb"Document CSTPST0020170304ed3400002\par}"
    )


# --- Europresse -----------------------------------------------------------------------------


def europresse_html() -> bytes:
    article = """<article><header><div><span class="DocPublicationName">La Gazette   </span></div>
<div><span class="DocHeader">Politique, mardi 14 mars 2006, p. 16</span></div>
<div class="titreArticle"><p class="sm-margin-bottom">DOSSIER</p>
<p class="titreArticleVisu">Le port rouvre</p></div><div>Jean Exemple</div></header>
<section><div class="DocText"><p>Les bateaux sont revenus mardi.</p></div></section>
<aside><div><b>Note(s) : </b></div></aside>
<footer><small>© 2006 Gazette. Tous droits réservés.</small>
<p>Numéro de document : news·20060314·GZ·0001</p></footer></article>"""
    head = '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
    return f"{head}<body>{article}</body></html>".encode()
