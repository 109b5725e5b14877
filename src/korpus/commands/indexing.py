"""korpus index: build and update an index."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from korpus.commands.common import (
    FieldOption,
    IndexOption,
    default_corpus,
    default_index,
    field_map,
    handle_errors,
    progress_bar,
    report_index,
)


@handle_errors
def index(
    corpus: Annotated[
        Path | None,
        typer.Argument(
            metavar="CORPUS",
            help="Corpus folder (or one file) [default: $KORPUS_CORPUS or ./corpus]",
            show_default=False,
        ),
    ] = None,
    index_dir: IndexOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build the index afresh.")] = False,
    source_from_folder: Annotated[
        bool | None,
        typer.Option(
            "--source-from-folder/--no-source-from-folder",
            help="The first folder below the corpus names the source of articles that "
            "name none (spiegel/...). The index remembers the choice.",
            show_default=False,
        ),
    ] = None,
    field: FieldOption = None,
) -> None:
    """Index a corpus: add new files, re-index changed ones, drop deleted ones.

    Example: korpus index corpus/ --index index/
    """
    from korpus.index import update_index

    corpus = corpus or default_corpus()
    index_dir = index_dir or default_index()
    with progress_bar("scanning") as progress:
        report = update_index(
            corpus,
            index_dir,
            rebuild=rebuild,
            progress=progress,
            source_from_folder=source_from_folder,
            fields=field_map(field),
        )
    report_index(report, corpus)
