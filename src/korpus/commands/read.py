"""korpus show and korpus parse: one article, and what the loader reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from korpus.commands.common import (
    EXIT_HITS,
    EXIT_NONE,
    ColorOption,
    FieldOption,
    IndexOption,
    ParseFormat,
    default_index,
    fail,
    field_map,
    handle_errors,
    note,
    paged,
    stdout,
    text_arg,
    write_data,
)


@handle_errors
def show(
    article_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Article id, its path as search prints it, or its file name",
        ),
    ],
    query: Annotated[
        str | None, typer.Option("--query", "-q", metavar="QUERY", help="Highlight this query")
    ] = None,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
    index_dir: IndexOption = None,
    color: ColorOption = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never page a long article through $PAGER")
    ] = False,
) -> None:
    """Print one article in full with its metadata.

    On a terminal, an article longer than the screen goes through a pager
    ($PAGER, else less).

    Example: korpus show corpus/000_042aba984eeb68ce.txt --query Soldaten
    """
    from korpus.highlight import find_matches
    from korpus.search import get_article, query_terms

    index_dir = index_dir or default_index()
    article = get_article(index_dir, text_arg(article_id))
    terms = query_terms(index_dir, text_arg(query)) if query else frozenset()
    spans = find_matches(article["text"], terms)
    if fmt is not ParseFormat.text:
        from korpus.export import to_json, to_jsonl

        article["matches"] = [list(s) for s in spans]
        if fmt is ParseFormat.json:
            write_data(to_json(article) + "\n")
        else:
            write_data(to_jsonl([article]))
        return
    from korpus.render import print_article

    title_spans = find_matches(article["title"], terms) if article.get("title") else []
    paged(lambda out: print_article(article, spans, title_spans, out), not no_pager)


@handle_errors
def parse(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Article files or folders")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
    source_from_folder: Annotated[
        bool,
        typer.Option(
            "--source-from-folder",
            help="The first folder below each PATH names the source of articles that name none.",
        ),
    ] = False,
    field: FieldOption = None,
) -> None:
    """Show what the loader makes of files: title, date and the line it came from,
    sources, clean text.

    Example: korpus parse corpus/ --format jsonl
    """
    from korpus.article import Skipped
    from korpus.export import to_json, to_jsonl
    from korpus.loader import iter_corpus

    for path in paths:
        if not path.exists():
            raise fail(f"no such file or folder: {path}")
    records = []
    for path in paths:
        for item in iter_corpus(path, source_from_folder, field_map(field)):
            if isinstance(item, Skipped):
                note(f"skipped {item.path}: {item.reason}")
            else:
                records.append(item.to_dict())
    if fmt is ParseFormat.json:
        write_data(to_json(records) + "\n")
    elif fmt is ParseFormat.jsonl:
        write_data(to_jsonl(records))
    else:
        from korpus.render import print_article_summary

        out = stdout()
        for record in records:
            print_article_summary(record, out)
    raise typer.Exit(EXIT_HITS if records else EXIT_NONE)
