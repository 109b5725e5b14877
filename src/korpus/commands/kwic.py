"""korpus kwic: keyword in context, a line per match."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from korpus.commands.common import (
    EXIT_HITS,
    EXIT_NONE,
    ColorOption,
    DateFromOption,
    DateToOption,
    IncludeUndatedOption,
    IndexOption,
    SortOrder,
    SourceOption,
    default_index,
    fail,
    handle_errors,
    note,
    optional_text_arg,
    prepare_index,
    stdout,
    text_arg,
    text_args,
)
from korpus.commands.output import ExportFormat, format_from_suffix, write_records, write_text

KWIC_COLUMNS = (
    "id",
    "path",
    "date",
    "date_precision",
    "source",
    "title",
    "left",
    "match",
    "right",
    "start",
    "end",
)


@handle_errors
def kwic(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="A query as for korpus search")],
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            "-w",
            metavar="N",
            min=1,
            max=500,
            help="Characters of context on each side [default: fit the terminal, else 40]",
            show_default=False,
        ),
    ] = None,
    date_from: DateFromOption = None,
    date_to: DateToOption = None,
    source: SourceOption = None,
    include_undated: IncludeUndatedOption = False,
    sort: Annotated[SortOrder, typer.Option(help="Order of articles")] = SortOrder.relevance,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, help="Lines to show")
    ] = 100,
    all_lines: Annotated[
        bool, typer.Option("--all", help="Every line, not only the first")
    ] = False,
    exact: Annotated[bool, typer.Option("--exact", help="No spelling variants")] = False,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json, jsonl, csv or xlsx for programs and spreadsheets "
            "[default: text, or from the --output suffix]",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file (atomically)"),
    ] = None,
    index_dir: IndexOption = None,
    color: ColorOption = None,
    no_update: Annotated[
        bool, typer.Option("--no-update", help="Search the index as it is")
    ] = False,
) -> None:
    """Keyword in context: every match on its own line, aligned, with date and source.

    Matches are found as search marks them: stems, compound parts, spelling
    variants. Exit 0 with matches, 1 without.

    Examples:

      korpus kwic Soldaten

      korpus kwic '"Kim Jong-un"' --width 30 --from 2024

      korpus kwic Nordkorea --all -o nordkorea.xlsx
    """
    from korpus.kwic import kwic as concordance
    from korpus.search import Filters

    index_dir = index_dir or default_index()
    query = text_arg(query)
    filters = Filters.parse(
        optional_text_arg(date_from), optional_text_arg(date_to), text_args(source), include_undated
    )
    fmt = fmt or format_from_suffix(output)
    prepare_index(index_dir, update=not no_update)
    out = stdout()
    if width is None:
        width = _fit(out.width) if fmt is ExportFormat.text and not out.soft_wrap else 40
    result = concordance(
        index_dir,
        query,
        filters,
        width=width,
        limit=None if all_lines or fmt is not ExportFormat.text and output else limit,
        sort=sort.value,
        exact=exact,
        # A screenful of a common word need not read every matching article.
        count_all=fmt is not ExportFormat.text,
    )
    if fmt is ExportFormat.text:
        from korpus.render import print_kwic

        if output is not None:
            write_text(lambda o: print_kwic(result, o, width), output, f"{len(result.lines)} lines")
        else:
            print_kwic(result, out, width)
        shown = len(result.lines)
        if result.total < 0:
            note(
                f"the first {shown} matches; {result.articles} articles match "
                "(--all shows every match)"
            )
        else:
            more = f", {shown} shown (--all for every one)" if shown < result.total else ""
            note(f"{result.total} matches in {result.articles} articles{more}")
    else:
        if fmt is ExportFormat.xlsx and output is None:
            raise fail("--format xlsx needs --output FILE.xlsx")
        rows = [line.to_dict() for line in result.lines]
        write_records(rows, KWIC_COLUMNS, fmt, output, "lines", document=result.to_dict())
    if result.undated_left_out:
        count = result.undated_left_out
        noun = "article" if count == 1 else "articles"
        note(f"{count} undated {noun} left out; add --include-undated")
    raise typer.Exit(EXIT_HITS if result.lines else EXIT_NONE)


def _fit(columns: int) -> int:
    # date (10), source (14), match (~12) and gaps leave the rest to the two contexts.
    return max(15, (columns - 10 - 14 - 12 - 4) // 2)
