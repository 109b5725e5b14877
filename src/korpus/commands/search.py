"""korpus search: queries, filters and exports of hits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from korpus.commands.common import (
    EXIT_HITS,
    EXIT_NONE,
    ColorOption,
    IndexOption,
    OutputFormat,
    SortOrder,
    default_index,
    fail,
    handle_errors,
    note,
    prepare_index,
    stderr,
    stdout,
)


@handle_errors
def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words, "phrases", AND/UND OR/ODER NOT/NICHT, '
            "(groups), title:/source: fields, wild*, fuzzy~"
        ),
    ],
    date_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="Earliest date: 2025-06-26, 26.06.2025, 2025-06, 06.2025, 'Juni 2025', 2025",
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
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json, jsonl or csv for programs "
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
    index_dir: IndexOption = None,
    color: ColorOption = None,
    no_update: Annotated[
        bool,
        typer.Option("--no-update", help="Search the index as it is, without checking the corpus"),
    ] = False,
) -> None:
    """Search the index; exit 0 with hits, 1 without, 2 on errors.

    Examples:

      korpus search "Nordkorea Soldaten"

      korpus search Nordkorea --from 2024-10 --to 2024-12 --source dpa

      korpus search '"Kim Jong-un" NICHT Putin' --all --format csv -o hits.csv
    """
    from korpus.search import Filters
    from korpus.search import search as run_search

    index_dir = index_dir or default_index()
    filters = Filters.parse(date_from, date_to, source, include_undated)
    fmt = fmt or _format_from_suffix(output)
    if output is not None and fmt is OutputFormat.text:
        raise fail("--output needs --format json, jsonl or csv")
    prepare_index(index_dir, update=not no_update)
    result = run_search(
        index_dir,
        query,
        filters,
        sort=sort.value,
        limit=None if all_hits else limit,
        exact=exact,
        facets=facets,
        group=fmt is OutputFormat.text if group is None else group,
    )
    _emit_result(result, fmt, output)
    if result.undated_left_out:
        count = result.undated_left_out
        noun = "hit" if count == 1 else "hits"
        note(f"{count} undated {noun} left out; add --include-undated")
    if result.suggestions and fmt is OutputFormat.text:
        stderr().print(f"Did you mean: {result.suggestions[0]}?", markup=False, highlight=False)
    raise typer.Exit(EXIT_HITS if result.total else EXIT_NONE)


def _format_from_suffix(output: Path | None) -> OutputFormat:
    if output is None:
        return OutputFormat.text
    suffix = output.suffix.lower().lstrip(".")
    return OutputFormat(suffix) if suffix in ("json", "jsonl", "csv") else OutputFormat.text


def _emit_result(result: Any, fmt: OutputFormat, output: Path | None) -> None:
    from korpus import export

    if fmt is OutputFormat.text:
        from korpus.render import print_hits, summary_line

        out = stdout()
        print_hits(result, out)
        if result.facets is not None:
            from korpus.render import print_counts

            print_counts("Hits per source", result.facets["source"], out, limit=25)
            out.print()
            months = dict(sorted(result.facets["month"].items()))
            print_counts("Hits per month", months, out, mark_peak=True)
        stderr().print(summary_line(result, len(result.hits)), markup=False, highlight=False)
        return
    rows = [h.to_dict() for h in result.hits]
    if fmt is OutputFormat.json:
        content: Any = export.to_json(result.to_dict()) + "\n"
    elif fmt is OutputFormat.jsonl:
        content = export.to_jsonl(rows)
    else:
        content = export.to_csv(rows)
    if output is None:
        sys.stdout.writelines([content] if isinstance(content, str) else content)
        sys.stdout.flush()
        return
    export.write_atomic(output, content)
    stderr().print(f"wrote {len(rows)} hits to {output}", markup=False, highlight=False)
