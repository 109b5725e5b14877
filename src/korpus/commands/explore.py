"""korpus stats, timeline and similar: the shape of a corpus and a story."""

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
    Granularity,
    IncludeUndatedOption,
    IndexOption,
    ParseFormat,
    SourceOption,
    TimelineFormat,
    default_index,
    handle_errors,
    note,
    optional_text_arg,
    prepare_index,
    stderr,
    stdout,
    text_arg,
    text_args,
    write_data,
)


@handle_errors
def stats(
    by: Annotated[
        Granularity, typer.Option("--by", help="Period to count articles by")
    ] = Granularity.month,
    date_from: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="Only articles from this date")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Only articles up to this date")
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", metavar="NAME", help="Only this source; repeatable"),
    ] = None,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
    index_dir: IndexOption = None,
    color: ColorOption = None,
) -> None:
    """Overview of the indexed corpus: articles, date span, sources, months, skipped files.

    Examples:

      korpus stats --by year

      korpus stats --from 2024 --to 2024 --format json
    """
    from korpus.explore import corpus_stats
    from korpus.search import Filters

    index_dir = index_dir or default_index()
    filters = Filters.parse(date_from, date_to, source)
    prepare_index(index_dir, update=True)
    result = corpus_stats(index_dir, by=by.value, filters=filters)
    if fmt is ParseFormat.text:
        from korpus.render import print_stats

        print_stats(result, stdout())
    else:
        from korpus.export import to_json, to_jsonl

        data = result.to_dict()
        if fmt is ParseFormat.json:
            write_data(to_json(data) + "\n")
        else:
            write_data(to_jsonl([data]))


@handle_errors
def timeline(
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY", help="A query as for korpus search")
    ],
    by: Annotated[Granularity, typer.Option("--by", help="Period to count by")] = (
        Granularity.month
    ),
    date_from: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="Earliest date")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Latest date")] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", metavar="NAME", help="Only this source; repeatable"),
    ] = None,
    exact: Annotated[bool, typer.Option("--exact", help="No spelling variants")] = False,
    literal: Annotated[
        bool,
        typer.Option("--literal", help="Match the words as written, ignoring case only"),
    ] = False,
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f")] = TimelineFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (text without colour, json or csv)",
        ),
    ] = None,
    index_dir: IndexOption = None,
    color: ColorOption = None,
) -> None:
    """Count hits per day, week, month or year, beside all articles of each period.

    The csv has one row per period: period, hits, total articles, ratio.

    Example: korpus timeline "Nordkorea Soldaten" --by month --format csv
    """
    from korpus.explore import timeline as count_timeline
    from korpus.search import Filters

    index_dir = index_dir or default_index()
    filters = Filters.parse(
        optional_text_arg(date_from), optional_text_arg(date_to), text_args(source)
    )
    prepare_index(index_dir, update=True)
    result = count_timeline(
        index_dir,
        " ".join(text_arg(word) for word in query),
        by=by.value,
        filters=filters,
        exact=exact,
        literal=literal,
    )
    for line in result.notes:
        note(f"korpus: note: {line}")
    if fmt is TimelineFormat.text:
        from korpus.render import print_timeline

        if output is not None:
            from korpus.commands.output import write_text

            write_text(lambda out: print_timeline(result, out), output, "the timeline")
        else:
            print_timeline(result, stdout())
    else:
        from korpus import export

        if fmt is TimelineFormat.json:
            content = export.to_json(result.to_dict()) + "\n"
        else:
            rows = [b.to_dict() for b in result.buckets]
            content = export.to_csv(rows, columns=("period", "hits", "total", "ratio"))
        if output is None:
            write_data(content)
        else:
            export.write_atomic(output, content)
            stderr().print(
                f"wrote {len(result.buckets)} periods to {output}", markup=False, highlight=False
            )
    # Only dated hits make a timeline: all undated is "nothing to show" (exit 1).
    raise typer.Exit(EXIT_HITS if any(b.hits for b in result.buckets) else EXIT_NONE)


@handle_errors
def similar(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or file name")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=1, help="Articles to list")
    ] = 10,
    date_from: DateFromOption = None,
    date_to: DateToOption = None,
    source: SourceOption = None,
    include_undated: IncludeUndatedOption = False,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
    index_dir: IndexOption = None,
    color: ColorOption = None,
) -> None:
    """List the articles most like a given one, same topic first.

    Takes the filters of search: korpus similar ID --from 2024 --source dpa

    Example: korpus similar 000_042aba984eeb68ce.txt
    """
    from korpus.explore import similar as find_similar
    from korpus.search import Filters

    index_dir = index_dir or default_index()
    filters = Filters.parse(
        optional_text_arg(date_from), optional_text_arg(date_to), text_args(source), include_undated
    )
    prepare_index(index_dir, update=True)
    record, found = find_similar(index_dir, text_arg(article_id), limit, filters)
    if fmt is ParseFormat.text:
        from korpus.render import print_similar

        print_similar(record, found, stdout())
    else:
        from korpus.export import to_json, to_jsonl

        rows = [f.to_dict() for f in found]
        if fmt is ParseFormat.json:
            write_data(to_json({"article": record["id"], "similar": rows}) + "\n")
        else:
            write_data(to_jsonl(rows))
    raise typer.Exit(EXIT_HITS if found else EXIT_NONE)
