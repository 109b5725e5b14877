"""korpus sources: the sources of a corpus with their article counts."""

from __future__ import annotations

from typing import Annotated

import typer

from korpus.commands.common import (
    EXIT_HITS,
    EXIT_NONE,
    ColorOption,
    IndexOption,
    TimelineFormat,
    default_index,
    handle_errors,
    prepare_index,
    stdout,
    write_data,
)


@handle_errors
def sources(
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f")] = TimelineFormat.text,
    index_dir: IndexOption = None,
    color: ColorOption = None,
) -> None:
    """List the sources of the corpus with the number of articles crediting each.

    'articles' counts every article that names the source (byline, credit,
    metadata); 'main' those whose main source it is. Any of the names, or a
    common spelling of one, works with search --source.

    Example: korpus sources --format csv
    """
    from korpus.explore import source_counts

    index_dir = index_dir or default_index()
    prepare_index(index_dir, update=True)
    counts = source_counts(index_dir)
    rows = [c.to_dict() for c in counts]
    if fmt is TimelineFormat.json:
        from korpus.export import to_json

        write_data(to_json(rows) + "\n")
    elif fmt is TimelineFormat.csv:
        from korpus.export import to_csv

        write_data(to_csv(rows, columns=("source", "articles", "main")))
    else:
        from korpus.render import print_sources

        print_sources(counts, stdout())
    raise typer.Exit(EXIT_HITS if counts else EXIT_NONE)
