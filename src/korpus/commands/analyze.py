"""korpus analyze: the terms each word of a text becomes, as Elasticsearch's _analyze."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from korpus.commands.common import EXIT_HITS, EXIT_NONE, handle_errors


class AnalyzeFormat(StrEnum):
    text = "text"
    json = "json"


@handle_errors
def analyze(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="German text, one word or many")],
    query: Annotated[
        bool,
        typer.Option("--query", help="Show what a query looks for, not what the index stores"),
    ] = False,
    fmt: Annotated[AnalyzeFormat, typer.Option("--format", "-f")] = AnalyzeFormat.text,
) -> None:
    """Show the terms each word becomes in the index, as Elasticsearch's _analyze does.

    Each word's own term comes first, then the terms of its parts (the words of a
    compound, the pieces of a hyphenated word). Function words ("die", "und")
    are kept as they stand; a query leaves them out except in phrases. JSON gives
    one object per word: word, start, end (character offsets) and terms.

    Example: korpus analyze "Klimakrise in Österreich" --format json
    """
    from dataclasses import asdict

    from korpus.analysis import analyze_words, is_stopword
    from korpus.export import to_json

    words = analyze_words(text, mode="query" if query else "index")
    if fmt is AnalyzeFormat.json:
        print(to_json([asdict(w) for w in words]))
    else:
        width = max((len(w.word) for w in words), default=0)
        for w in words:
            note = "  (stop word)" if len(w.terms) == 1 and is_stopword(w.terms[0]) else ""
            print(f"{w.word:<{width}}  {' '.join(w.terms)}{note}")
    raise typer.Exit(EXIT_HITS if words else EXIT_NONE)
