"""The korpus command line: assembles the commands of ``korpus.commands``.

Each command parses its arguments, calls the library and renders. Heavy imports
(Whoosh, Rich, the loader) happen inside the commands, so ``korpus --help``
starts fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from korpus.commands import analyze, explore, indexing, kwic, read, search, sources
from korpus.commands.base import KorpusCommand, KorpusGroup, QueryCommand

app = typer.Typer(
    name="korpus",
    help="Search corpora of German news articles: who reported what, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=KorpusGroup,
)


def _version(value: bool) -> None:
    if value:
        from korpus import __version__

        print(f"korpus {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit"
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show the traceback of an unexpected error (or set KORPUS_DEBUG=1)"
        ),
    ] = False,
) -> None:
    """Search corpora of German news articles: who reported what, and when."""
    if debug:
        os.environ["KORPUS_DEBUG"] = "1"


COMMANDS = (
    ("index", indexing.index, "Index a corpus; later runs add, update and remove what changed."),
    ("search", search.search, "Search articles, filter by date and source, export the hits."),
    ("show", read.show, "Print one article in full with its metadata and marked matches."),
    ("parse", read.parse, "Show what korpus reads from files: title, date, sources, text."),
    ("stats", explore.stats, "Overview: articles, dates, sources, months, skipped files."),
    ("timeline", explore.timeline, "Hits per day, week, month or year beside all articles."),
    ("similar", explore.similar, "The articles most like a given one, same topic first."),
    ("kwic", kwic.kwic, "Keyword in context: every match on its own line, aligned."),
    ("sources", sources.sources, "The sources of the corpus with their article counts."),
    ("analyze", analyze.analyze, "The terms each word becomes in the index or in a query."),
)
# Query words may start with a dash ("-Scholz"); see QueryCommand.
QUERY_COMMANDS = ("search", "timeline")
for _name, _function, _summary in COMMANDS:
    _cls = QueryCommand if _name in QUERY_COMMANDS else KorpusCommand
    app.command(_name, cls=_cls, short_help=_summary)(_function)


def _setup_streams() -> None:
    """Text for people in the terminal's encoding, never a crash on a letter it lacks.

    A C or POSIX locale without Python's UTF-8 mode means ASCII, where no German
    word fits: korpus writes UTF-8 then, as Python's own UTF-8 mode would.
    """
    import codecs

    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = getattr(stream, "encoding", None) or "utf-8"
        if reconfigure is None:
            continue
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            name = "ascii"
        reconfigure(encoding="utf-8" if name == "ascii" else encoding, errors=errors)


def main() -> None:
    from korpus.commands.common import EXIT_INTERRUPTED, unexpected

    _setup_streams()
    args = sys.argv[1:]
    end = args.index("--") if "--" in args else len(args)
    if "--debug" in args[:end]:
        # Accepted anywhere before "--", so it can be added to any command line.
        os.environ["KORPUS_DEBUG"] = "1"
        args = [a for i, a in enumerate(args) if a != "--debug" or i >= end]
    try:
        app(args=args, prog_name="korpus")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - faults outside the commands end the same way
        sys.exit(unexpected(exc).exit_code)


if __name__ == "__main__":
    main()
