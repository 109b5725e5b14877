"""korpus search: queries, filters and exports of hits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from korpus.commands.common import (
    EXIT_HITS,
    EXIT_NONE,
    ColorOption,
    FieldOption,
    IndexOption,
    SortOrder,
    default_index,
    fail,
    field_map,
    handle_errors,
    note,
    optional_text_arg,
    prepare_index,
    stdout,
    text_arg,
    text_args,
)
from korpus.commands.output import (
    ExportFormat,
    format_from_suffix,
    parse_fields,
    write_records,
    write_text,
)

QUERY_HELP = (
    'Words (all must match), "phrases", -word (leave out), +word (must match), '
    "AND/UND, OR/ODER, NOT/NICHT in capitals only (lower-case and, or, not are words), "
    "(groups), title:/source: fields, =word (exact wording), wild*, fuzzy~"
)
LITERAL_HELP = (
    "Match the words as written, ignoring case only: no stems, compound parts, "
    "variants or stop words, as grep -iw counts (=word does so for one word)"
)


def note_lowercase_operators(query: str) -> None:
    """Say on stderr that a lower-case "or" is searched as a word."""
    from korpus.syntax import lowercase_operators

    for word in lowercase_operators(query):
        note(
            f'note: "{word}" is searched as a word; '
            f"operators count only in capitals ({word.upper()})"
        )


@handle_errors
def search(
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY", help=QUERY_HELP, show_default=False)
    ],
    date_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Earliest date: 2025-06-26, 26.06.2025, 2025-06, 'Juni 2025', 2025, 2020-Q1, "
            "gestern, 'letzte Woche'",
        ),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="Latest date, the whole period included (--to 2025-06 is up to 30 June)",
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            metavar="NAME",
            help="Only this source (agency or outlet); repeat for several",
        ),
    ] = None,
    include_undated: Annotated[
        bool, typer.Option("--include-undated", help="Keep undated articles when filtering by date")
    ] = False,
    sort: Annotated[SortOrder, typer.Option(help="Order of hits")] = SortOrder.relevance,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, help="Hits to show")
    ] = 10,
    all_hits: Annotated[
        bool, typer.Option("--all", help="Every hit, not only the top page")
    ] = False,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json, jsonl, csv or xlsx (Excel) for programs "
            "[default: text, or from the --output suffix]",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the export to this file (atomically)"
        ),
    ] = None,
    exact: Annotated[
        bool, typer.Option("--exact", help="No spelling variants: only the words' own forms")
    ] = False,
    literal: Annotated[bool, typer.Option("--literal", help=LITERAL_HELP)] = False,
    facets: Annotated[
        bool, typer.Option("--facets", help="Count all hits by source and by month")
    ] = False,
    group: Annotated[
        bool | None,
        typer.Option(
            "--group/--no-group",
            help="Fold versions of one story (agency copy, updates) into its best hit "
            "[default: fold in text output; exports keep every article and list its "
            "versions in 'duplicates']",
            show_default=False,
        ),
    ] = None,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="LIST",
            help="Columns to export, comma-separated, e.g. id,date,source,title,text "
            "(text is the whole article)",
            show_default=False,
        ),
    ] = None,
    index_dir: IndexOption = None,
    color: ColorOption = None,
    no_update: Annotated[
        bool,
        typer.Option("--no-update", help="Search the index as it is, without checking the corpus"),
    ] = False,
    field: FieldOption = None,
) -> None:
    """Search the index; exit 0 with hits, 1 without, 2 on errors.

    Examples:

      korpus search "Nordkorea Soldaten"

      korpus search Nordkorea --from 2024-10 --to 2024-12 --source dpa

      korpus search '"Kim Jong-un" NICHT Putin' --all --format csv -o hits.csv

      korpus search -Scholz Merkel

    Operators count only in capitals: "Merkel or Scholz" looks for the word "or".
    """
    from korpus.export import CSV_COLUMNS, HIT_FIELDS
    from korpus.search import Filters
    from korpus.search import search as run_search

    text = " ".join(text_arg(word) for word in query)
    note_lowercase_operators(text)
    index_dir = index_dir or default_index()
    filters = Filters.parse(
        optional_text_arg(date_from), optional_text_arg(date_to), text_args(source), include_undated
    )
    fmt = fmt or format_from_suffix(output)
    columns = parse_fields(fields, HIT_FIELDS, CSV_COLUMNS)
    if facets and fmt in (ExportFormat.csv, ExportFormat.jsonl, ExportFormat.xlsx):
        raise fail(f"--facets cannot go into {fmt.value}; use --format json or text")
    if fmt is ExportFormat.xlsx and output is None:
        raise fail("--format xlsx needs --output FILE.xlsx")
    prepare_index(index_dir, update=not no_update, fields=field_map(field))
    result = run_search(
        index_dir,
        text,
        filters,
        sort=sort.value,
        limit=None if all_hits else limit,
        exact=exact,
        literal=literal,
        facets=facets,
        group=fmt is ExportFormat.text if group is None else group,
        with_text="text" in columns and fields is not None,
    )
    for line in result.notes:
        note(f"korpus: note: {line}")
    if fmt is ExportFormat.text:
        if output is not None:
            write_text(lambda out: _print_result(result, out), output, f"{len(result.hits)} hits")
        else:
            _print_result(result, stdout())
        from korpus.render import summary_line

        note(summary_line(result, len(result.hits)))
    else:
        rows = [h.to_dict() for h in result.hits]
        if fields is not None:
            rows = [{k: row.get(k) for k in columns} for row in rows]
            document = {**result.to_dict(), "hits": rows}
        else:
            document = result.to_dict()
        write_records(rows, columns, fmt, output, "hits", document=document)
    if result.undated_left_out:
        count = result.undated_left_out
        noun = "hit" if count == 1 else "hits"
        note(f"{count} undated {noun} left out; add --include-undated")
    if result.suggestions and fmt is ExportFormat.text:
        note(f"Did you mean: {result.suggestions[0]}?")
    raise typer.Exit(EXIT_HITS if result.total else EXIT_NONE)


def _print_result(result: Any, out: Any) -> None:
    from korpus.render import print_hits

    print_hits(result, out)
    if result.facets is not None:
        from korpus.render import print_counts

        print_counts("Hits per source", result.facets["source"], out, limit=25)
        out.print()
        months = dict(sorted(result.facets["month"].items()))
        print_counts("Hits per month", months, out, mark_peak=True)
