"""Query syntax beyond Whoosh's parser: ``+word`` and ``-word``, operator checks.

Operators are words in capitals only (AND/UND, OR/ODER, NOT/NICHT, ANDNOT/UNDNICHT,
ANDMAYBE, REQUIRE), as in Lucene: a lower-case ``or`` is a word like any other.
A query whose operator has nothing to join, or whose field has no word, is an
error rather than a different search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from korpus.errors import QueryError

BINARY = frozenset("AND OR ANDNOT ANDMAYBE REQUIRE UND ODER UNDNICHT".split())
UNARY = frozenset("NOT NICHT".split())
OPERATORS = BINARY | UNARY
# Lower-case spellings that look like operators but are searched as words.
LOWERCASE_OPERATORS = frozenset(w.lower() for w in ("AND", "OR", "NOT", "UND", "ODER", "NICHT"))
SEARCHABLE_FIELDS = ("title", "text", "source", "sources")

# A sign stands at the start of a word: "-Scholz", "+Merkel", -"Angela Merkel",
# -(Kohl OR Schröder); never inside one ("Nato-Gipfel") nor alone ("Merkel - Scholz").
PLUS = r"(?<![^\s(])\+(?=[\w\"(=])"
# "=word" and '="exact words"': the wording as written, see literal_analyzer().
LITERAL = r"(?<![^\s(+-])=(?=[\w\"])"
LITERAL_FIELD = "literal"
MINUS = r"(?<![^\s(])-(?=[\w\"(=])"


def tokens(text: str) -> Iterator[tuple[str, int]]:
    """Words, parentheses and quoted phrases of a query, each with its column (from 1)."""
    for m in re.finditer(r'"[^"]*"?|[()]|[^\s()"]+', text):
        yield m.group(), m.start() + 1


def check_operators(text: str) -> None:
    """Reject an operator with no word on one of its sides: "Merkel AND", "OR Scholz"."""
    previous: str | None = None
    items = list(tokens(text))
    for i, (token, column) in enumerate(items):
        following = items[i + 1][0] if i + 1 < len(items) else None
        if token in OPERATORS:
            if token in BINARY and (previous in (None, "(") or previous in OPERATORS):
                where = "before it" if previous in (None, "(") else f"between {previous} and it"
                raise QueryError(f"{token} at column {column} has no word {where}: {text}")
            if following is None or following == ")":
                raise QueryError(f"{token} at column {column} has no word after it: {text}")
        previous = token


_EMPTY_FIELD = re.compile(r'(?<![\w"])([A-Za-z_]+):(?=\s|\)|$)')


def check_fields(text: str) -> None:
    """Reject a field name with nothing after it: "title:" alone, "title: Merkel"."""
    for m in _EMPTY_FIELD.finditer(text):
        if m.group(1) in SEARCHABLE_FIELDS:
            raise QueryError(
                f"field {m.group(1)}: at column {m.start() + 1} has no word after it "
                f"(write {m.group(1)}:word): {text}"
            )


def lowercase_operators(text: str) -> list[str]:
    """Lower-case operator words in a query, which are searched as words."""
    found = []
    for token, _ in tokens(text):
        if token in LOWERCASE_OPERATORS and token not in found:
            found.append(token)
    return found


def plus_minus_plugin() -> Any:
    """Whoosh's +/- plugin, where an unmarked word stays required in an AND query."""
    from whoosh.qparser import PlusMinusPlugin, syntax

    class RequiredPlusMinus(PlusMinusPlugin):  # type: ignore[misc]
        def do_plusminus(self, parser: Any, group: Any) -> Any:
            # Whoosh sorts the top level only; a group in parentheses has signs too.
            for i, node in enumerate(group.nodes):
                if isinstance(node, syntax.GroupNode):
                    group.nodes[i] = self.do_plusminus(parser, node)
            if not any(isinstance(node, (self.Plus, self.Minus)) for node in group):
                return group
            if not isinstance(group, syntax.AndGroup):
                return super().do_plusminus(parser, group)
            # In an AND query every unmarked word is required already: "+" adds
            # nothing and "-" bans the next node.
            kept = syntax.AndGroup()
            banned = syntax.OrGroup()
            target = kept
            for node in group:
                if isinstance(node, self.Plus):
                    target = kept
                elif isinstance(node, self.Minus):
                    target = banned
                else:
                    target.append(node)
                    target = kept
            if banned:
                return syntax.AndNotGroup([kept, banned])
            return kept

    return RequiredPlusMinus(plusexpr=PLUS, minusexpr=MINUS)


def excludes(text: str) -> bool:
    """True when a query has a word to leave out ("-word", "NOT word")."""
    return bool(re.search(MINUS, text)) or any(t in UNARY for t, _ in tokens(text))


def only_excludes(parsed: Any) -> bool:
    """True when a parsed query names words to leave out but none to find."""
    from whoosh import query as q

    if isinstance(parsed, q.Not):
        return True
    if isinstance(parsed, q.AndNot):
        return only_excludes(parsed.a) or parsed.a is q.NullQuery
    if isinstance(parsed, q.And):
        return all(only_excludes(child) for child in parsed.subqueries)
    return False


def literal_analyzer() -> Any:
    """Words as ``grep -iw`` sees them: runs of letters, digits and "_", lower-cased.

    No stems, no compound parts, no folding and no stop words, so a literal search
    counts what a grep for the whole word counts.
    """
    from whoosh.analysis import LowercaseFilter, RegexTokenizer

    return RegexTokenizer(r"\w+") | LowercaseFilter()


def literal_plugin() -> Any:
    """Read "=word" as the word in the literal field."""
    from whoosh.qparser import syntax
    from whoosh.qparser.plugins import Plugin
    from whoosh.qparser.taggers import RegexTagger

    class LiteralTagger(RegexTagger):  # type: ignore[misc]
        def create(self, parser: Any, match: Any) -> Any:
            return syntax.FieldnameNode(LITERAL_FIELD, match.group(0))

    class LiteralPlugin(Plugin):  # type: ignore[misc]
        def taggers(self, parser: Any) -> list[tuple[Any, int]]:
            return [(LiteralTagger(LITERAL), 0)]

    return LiteralPlugin()
