"""The text of an RTF file, paragraph by paragraph.

Press databases write plain RTF: paragraphs, a few tables, code-page bytes and
``\\u`` escapes, no embedded objects that carry article text. A tokenizer and a
group stack read that in one pass and never raise on malformed input; font and
colour tables, pictures, field codes and other destinations are dropped.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])"
    r"|[\r\n]+|([^\\{}\r\n]+)"
)
# Groups whose text is not part of the document.
_DESTINATIONS = frozenset(
    {
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "pict",
        "object",
        "objdata",
        "header",
        "headerl",
        "headerr",
        "headerf",
        "footer",
        "footerl",
        "footerr",
        "footerf",
        "fldinst",
        "themedata",
        "colorschememapping",
        "latentstyles",
        "datastore",
        "xmlnstbl",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "filetbl",
        "revtbl",
        "pgdsctbl",
        "bkmkstart",
        "bkmkend",
        "shppict",
        "nonshppict",
        "blipuid",
        "private",
        "userprops",
        "docvar",
    }
)
_SYMBOLS = {
    "par": "\n",
    "line": "\n",
    "sect": "\n\n",
    "page": "\n\n",
    "row": "\n",
    "cell": "\t",
    "tab": "\t",
    "emdash": "\u2014",
    "endash": "\u2013",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "bullet": "\u2022",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
}
_ESCAPES = {
    "~": "\xa0",
    "-": "",
    "_": "-",
    "\\": "\\",
    "{": "{",
    "}": "}",
    "\n": "\n",
    "\r": "\n",
    "*": "",
}


def is_rtf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"{\\rtf"


def rtf_to_text(data: bytes) -> str:
    """The document text of RTF bytes; paragraphs end in newlines."""
    source = data.decode("latin-1")
    codepage = "cp1252"
    m = re.search(r"\\ansicpg(\d+)", source[:2000])
    if m:
        codepage = f"cp{m.group(1)}"
        try:
            "".encode(codepage)
        except LookupError:
            codepage = "cp1252"
    out: list[str] = []
    pending: bytearray = bytearray()
    # Per group: is its text dropped, and how many fallback characters follow \u.
    stack: list[tuple[bool, int]] = []
    ignorable, uc = False, 1
    skip = 0
    star = False

    def flush_bytes() -> None:
        if pending:
            out.append(pending.decode(codepage, errors="replace"))
            pending.clear()

    for m in _TOKEN.finditer(source):
        word, arg, hexbyte, symbol, brace, text = m.groups()
        if brace == "{":
            flush_bytes()
            stack.append((ignorable, uc))
            star = False
            continue
        if brace == "}":
            flush_bytes()
            if stack:
                ignorable, uc = stack.pop()
            skip = 0
            continue
        if skip and (hexbyte or text or symbol):
            if text:
                # The fallback after \uN is counted in characters of plain text.
                consumed = min(skip, len(text))
                skip -= consumed
                text = text[consumed:]
                if not text:
                    continue
            else:
                skip -= 1
                continue
        if word:
            if word in _DESTINATIONS or (star and not ignorable):
                ignorable = True
            star = False
            if ignorable:
                continue
            if word == "uc" and arg:
                uc = int(arg)
            elif word == "u" and arg:
                flush_bytes()
                code = int(arg)
                out.append(chr(code + 65536 if code < 0 else code))
                skip = uc
            elif word in _SYMBOLS:
                flush_bytes()
                out.append(_SYMBOLS[word])
            continue
        if symbol:
            if symbol == "*":
                star = True
                continue
            if not ignorable:
                flush_bytes()
                out.append(_ESCAPES.get(symbol, ""))
            continue
        if hexbyte:
            if not ignorable:
                pending.append(int(hexbyte, 16))
            continue
        if text and not ignorable:
            flush_bytes()
            out.append(text)
    flush_bytes()
    return "".join(out)
