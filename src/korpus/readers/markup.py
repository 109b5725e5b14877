"""A forgiving HTML tree for export pages, built on the standard library's parser.

Vendor pages are old, unbalanced and sometimes huge (inline styles of 100 KB);
the tree keeps only what the export readers need: tags, attributes, text, and
the order of things. Unknown closing tags are ignored and unclosed paragraphs,
cells and list items close the way browsers close them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Elements that start a new line of text when read as paragraphs.
BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "center",
    }
)
_SKIPPED = frozenset({"script", "style", "noscript", "template"})
# An open element of this kind is closed by a new one of the same kind, unless one
# of the boundaries stands between them.
_SELF_CLOSING = {
    "p": frozenset({"div", "td", "th", "li", "table", "body", "article", "section"}),
    "li": frozenset({"ul", "ol", "body"}),
    "td": frozenset({"tr", "table", "body"}),
    "th": frozenset({"tr", "table", "body"}),
    "tr": frozenset({"table", "body"}),
    "dt": frozenset({"dl", "body"}),
    "dd": frozenset({"dl", "body"}),
    "option": frozenset({"select", "body"}),
}
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0\u2009\u202f]+")


@dataclass(eq=False)
class Node:
    """One element: its tag (lower case), attributes and children in order."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def elements(self) -> Iterator[Node]:
        """Every element below this one, in document order."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            if node is not self:
                yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.elements()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node | None:
        for n in self.elements():
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes):
                return n
        return None

    def text(self) -> str:
        """The element's text on one line, whitespace collapsed."""
        return " ".join(line for line in self.lines())

    def lines(self) -> list[str]:
        """The element's text as lines: block elements and ``<br>`` break lines."""
        out: list[str] = []
        current: list[str] = []

        def flush() -> None:
            line = _SPACES.sub(" ", "".join(current)).strip()
            if line:
                out.append(line)
            current.clear()

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    current.append(child)
                elif child.tag == "br":
                    flush()
                elif child.tag in BLOCK:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

        walk(self)
        flush()
        return out


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack: list[Node] = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag in _SKIPPED:
                self.skipping += 1
            return
        if tag in _SKIPPED:
            self.skipping = 1
            return
        if tag in BLOCK:
            self._close_open_paragraph()
        boundaries = _SELF_CLOSING.get(tag)
        if boundaries is not None:
            for i in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[i].tag
                if open_tag == tag:
                    del self.stack[i:]
                    break
                if open_tag in boundaries:
                    break
        node = Node(tag, {k.lower(): v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def _close_open_paragraph(self) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[i].tag
            if open_tag == "p":
                del self.stack[i:]
                return
            if open_tag in BLOCK:
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not self.skipping and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in _SKIPPED:
                self.skipping -= 1
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    """The element tree of an HTML page; never raises on bad markup."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
