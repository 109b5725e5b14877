"""The text of an article saved as Markdown.

Web clippers and note-taking tools save a page as Markdown: "# Headline", links
as ``[words](https://…)``, images as ``![alt](…)``, emphasis in asterisks and
punctuation escaped with a backslash ("19\\. Oktober 2019"). Read as plain text,
the headline keeps its "#", a date line its backslash and every paragraph the
addresses of its links. This module turns such a text into the text a reader sees.
It changes nothing in a text without Markdown's marks.
"""

from __future__ import annotations

import re

MARKDOWN_EXTENSIONS = (".md", ".markdown")
PLAIN_TEXT_HEAD = 6000

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*)$")

# A link's target: an address (one level of brackets inside), then a title.
_TARGET = (
    r"\((?P<target>[^()\s]*(?:\([^()\s]{0,200}\))?[^()\s]{0,200})"
    r"(?:\s+(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'))?\)"
)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]{0,500})\]" + _TARGET)
_LINK = re.compile(r"(?<!\\)\[(?P<text>[^\]\n]{0,500})\]" + _TARGET)
_REFERENCE_LINK = re.compile(r"(?<!\\)\[(?P<text>[^\]\n]{1,500})\]\[[^\]\n]{0,100}\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)(?P<text>[^\n]{1,2000}?)(?<=\S)\1(?![\w*])")
_EMPHASIS = re.compile(
    r"(?<![\w*\\])([*_])(?=[^\s*_])(?P<text>[^*_\n]{1,500}?)(?<=[^\s\\])\1(?![\w*])"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|<\"'])")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)

# Marks that only Markdown writes: a heading line, a link or image to an address,
# a backslash before punctuation. One of them in a file named .txt could be chance
# ("# 1", "[1](2)"), so a plain-text file needs two different kinds.
# Each kind of mark with a literal it holds: most texts hold none of the literals,
# and looking for one is many times faster than the expression.
_SIGNS = {
    "heading": ("# ", re.compile(r"^#{1,6} \S", re.MULTILINE)),
    "link": ("](", re.compile(r"\]\((?:https?://|/|#|mailto:)")),
    "image": ("![", re.compile(r"!\[[^\]\n]{0,500}\]\(")),
    "escape": ("\\", re.compile(r"\w\\[.\-!#*_()\[\]]|^\d+\\\.", re.MULTILINE)),
    "quote": ("> ", re.compile(r"^> \S.*\n(?:\n?> \S)", re.MULTILINE)),
    "strong": ("**", re.compile(r"\*\*[^\s*][^*\n]{0,200}?[^\s*]\*\*")),
}


def markdown_signs(text: str) -> set[str]:
    """The kinds of Markdown marks the text holds."""
    return {
        name for name, (literal, sign) in _SIGNS.items() if literal in text and sign.search(text)
    }


def is_markdown(text: str, path: str = "") -> bool:
    """Whether the text is Markdown: a Markdown file with any of its marks, or any
    file with two different kinds of them."""
    if path.lower().endswith(MARKDOWN_EXTENSIONS):
        return bool(markdown_signs(text))
    # Markdown shows itself from the start (a heading, the first links); reading
    # the head keeps long plain texts cheap.
    return len(markdown_signs(text[:PLAIN_TEXT_HEAD])) >= 2


def _inline(line: str) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m["text"], line)
    line = _REFERENCE_LINK.sub(lambda m: m["text"], line)
    line = _AUTOLINK.sub(lambda m: m["url"], line)
    line = _HTML_BREAK.sub(" ", line)
    for _ in range(2):  # "***both***" is strong inside emphasis
        line = _STRONG.sub(lambda m: m["text"], line)
        line = _EMPHASIS.sub(lambda m: m["text"], line)
    return _ESCAPE.sub(r"\1", line)


def _without_closing_hashes(heading: str) -> str:
    """ "Title ##" is "Title"; "C#" stays."""
    text = heading.rstrip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        return bare.rstrip()
    return text


def markdown_lines(lines: list[str]) -> list[str]:
    """The lines as a reader sees them: marks, addresses and images removed, rules
    and fences blank, headings and quotes as plain lines."""
    out = []
    for line in lines:
        if _FENCE.match(line) or _RULE.match(line) or _REFERENCE_DEFINITION.match(line):
            out.append("")
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            line = _without_closing_hashes(heading["text"])
        line = _QUOTE.sub("", line)
        out.append(_inline(line))
    return out
