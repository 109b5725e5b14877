"""The korpus command line: parses arguments, calls the library, renders.

Heavy imports (Whoosh, Rich, the loader) happen inside the commands, so
``korpus --help`` starts fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from korpus.errors import KorpusError

app = typer.Typer(
    name="korpus",
    help="Search corpora of German news articles: who reported what, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_HITS, EXIT_NONE, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ParseFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class TimelineFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class Granularity(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class SortOrder(StrEnum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


def default_index() -> Path:
    return Path(os.environ.get("KORPUS_INDEX") or "index")


def default_corpus() -> Path:
    return Path(os.environ.get("KORPUS_CORPUS") or "corpus")


def fail(message: str, hint: str | None = None, code: int = EXIT_ERROR) -> typer.Exit:
    err = _stderr()
    err.print(f"korpus: error: {message}", markup=False, highlight=False)
    if hint:
        err.print(f"hint: {hint}", markup=False, highlight=False, style="dim")
    return typer.Exit(code)


def handle_errors(command: F) -> F:
    """Turn library errors into one line on stderr and exit 2; Ctrl-C into exit 130."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KorpusError as exc:
            raise fail(str(exc), exc.hint) from None
        except KeyboardInterrupt:
            raise fail(
                "interrupted; the index is as it was before this run", code=EXIT_INTERRUPTED
            ) from None
        except BrokenPipeError:
            # The reader (head, less) went away: that is not an error of ours.
            sys.stderr.close()
            raise typer.Exit(EXIT_HITS) from None
        except OSError as exc:
            name = f": {exc.filename}" if exc.filename else ""
            raise fail(f"{exc.strerror or exc}{name}") from None

    return wrapper  # type: ignore[return-value]


def _stderr() -> Any:
    from korpus.render import console

    return console(stderr=True)


def _stdout() -> Any:
    from korpus.render import console

    return console()


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on stderr when it is a terminal; nothing otherwise."""
    from korpus.render import is_terminal

    if not is_terminal(sys.stderr):
        yield lambda done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=_stderr(),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _report_index(report: Any, corpus: Path, quiet: bool = False) -> None:
    err = _stderr()
    for skipped in report.skipped:
        err.print(f"skipped {skipped.path}: {skipped.reason}", markup=False, highlight=False)
    if quiet:
        return
    action = "built" if report.rebuilt else "updated"
    why = f" ({report.reason})" if report.reason and report.rebuilt else ""
    err.print(
        f"{action} index of {corpus}{why}: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged, {len(report.skipped)} skipped; "
        f"{report.total} articles in {report.seconds:.1f} s",
        markup=False,
        highlight=False,
    )


IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index", "-i", help="Index folder [default: $KORPUS_INDEX or ./index]", show_default=False
    ),
]


@app.command()
@handle_errors
def index(
    corpus: Annotated[
        Path | None,
        typer.Argument(
            help="Corpus folder (or one file) [default: $KORPUS_CORPUS or ./corpus]",
            show_default=False,
        ),
    ] = None,
    index_dir: IndexOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build the index afresh.")] = False,
) -> None:
    """Index a corpus: add new files, re-index changed ones, drop deleted ones.

    Example: korpus index corpus/ --index index/
    """
    from korpus.index import update_index

    corpus = corpus or default_corpus()
    index_dir = index_dir or default_index()
    with progress_bar("indexing") as progress:
        report = update_index(corpus, index_dir, rebuild=rebuild, progress=progress)
    _report_index(report, corpus)


def _prepare_index(index_dir: Path, update: bool) -> None:
    from korpus.index import ensure_index, live_dir

    err = _stderr()
    corpus = Path(os.environ["KORPUS_CORPUS"]) if os.environ.get("KORPUS_CORPUS") else None
    if live_dir(index_dir) is None:
        corpus = corpus or default_corpus()
        err.print(
            f"korpus: building the index in {index_dir} from {corpus} …",
            markup=False,
            highlight=False,
        )
    with progress_bar("indexing") as progress:
        report = ensure_index(index_dir, corpus, progress=progress, update=update)
    if report is not None:
        _report_index(
            report, corpus or Path("corpus"), quiet=not report.rebuilt and not report.changed
        )


@app.command()
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
            help="Earliest date: 2025-06-26, 26.06.2025, 2025-06, 06.2025, 'Juni 2025', 2025",
        ),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option(
            "--to", help="Latest date, the whole period included (--to 2025-06 is up to 30 June)"
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source", "-s", help="Only this source (agency or outlet); repeat for several"
        ),
    ] = None,
    include_undated: Annotated[
        bool, typer.Option("--include-undated", help="Keep undated articles when filtering by date")
    ] = False,
    sort: Annotated[SortOrder, typer.Option(help="Order of hits")] = SortOrder.relevance,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Hits to show")] = 10,
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
        typer.Option("--output", "-o", help="Write the export to this file (atomically)"),
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
    _prepare_index(index_dir, update=not no_update)
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
    if result.suggestions and fmt is OutputFormat.text:
        _stderr().print(f"Meinten Sie: {result.suggestions[0]}?", markup=False, highlight=False)
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

        out = _stdout()
        print_hits(result, out)
        if result.facets is not None:
            from korpus.render import print_counts

            print_counts("Hits per source", result.facets["source"], out, limit=25)
            out.print()
            months = dict(sorted(result.facets["month"].items()))
            print_counts("Hits per month", months, out, mark_peak=True)
        _stderr().print(summary_line(result, len(result.hits)), markup=False, highlight=False)
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
    _stderr().print(f"wrote {len(rows)} hits to {output}", markup=False, highlight=False)


@app.command()
@handle_errors
def show(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="Article id (its path in the corpus) or file name")
    ],
    query: Annotated[str | None, typer.Option("--query", "-q", help="Highlight this query")] = None,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
    index_dir: IndexOption = None,
) -> None:
    """Print one article in full with its metadata.

    Example: korpus show 000_042aba984eeb68ce.txt --query Soldaten
    """
    from korpus.highlight import find_matches
    from korpus.search import get_article, query_terms

    index_dir = index_dir or default_index()
    article = get_article(index_dir, article_id)
    terms = query_terms(index_dir, query) if query else frozenset()
    spans = find_matches(article["text"], terms)
    if fmt is not ParseFormat.text:
        from korpus.export import to_json, to_jsonl

        article["matches"] = [list(s) for s in spans]
        if fmt is ParseFormat.json:
            print(to_json(article))
        else:
            sys.stdout.writelines(to_jsonl([article]))
        return
    from korpus.render import print_article

    title_spans = find_matches(article["title"], terms) if article.get("title") else []
    print_article(article, spans, title_spans, _stdout())


@app.command()
@handle_errors
def parse(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
) -> None:
    """Show what the loader makes of files: title, date, sources, clean text.

    Example: korpus parse corpus/ --format jsonl
    """
    from korpus.article import Skipped
    from korpus.export import to_json, to_jsonl
    from korpus.loader import iter_corpus

    for path in paths:
        if not path.exists():
            raise fail(f"no such file or folder: {path}")
    records = []
    err = _stderr()
    for path in paths:
        for item in iter_corpus(path):
            if isinstance(item, Skipped):
                err.print(f"skipped {item.path}: {item.reason}", markup=False, highlight=False)
            else:
                records.append(item.to_dict())
    if fmt is ParseFormat.json:
        print(to_json(records))
    elif fmt is ParseFormat.jsonl:
        sys.stdout.writelines(to_jsonl(records))
    else:
        from korpus.render import print_article_summary

        out = _stdout()
        for record in records:
            print_article_summary(record, out)
    raise typer.Exit(EXIT_HITS if records else EXIT_NONE)


@app.command()
@handle_errors
def stats(
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
    index_dir: IndexOption = None,
) -> None:
    """Overview of the indexed corpus: articles, date span, sources, months, skipped files.

    Example: korpus stats --format json
    """
    from korpus.explore import corpus_stats

    index_dir = index_dir or default_index()
    _prepare_index(index_dir, update=True)
    result = corpus_stats(index_dir)
    if fmt is ParseFormat.text:
        from korpus.render import print_stats

        print_stats(result, _stdout())
    else:
        from korpus.export import to_json, to_jsonl

        data = result.to_dict()
        if fmt is ParseFormat.json:
            print(to_json(data))
        else:
            sys.stdout.writelines(to_jsonl([data]))


@app.command()
@handle_errors
def timeline(
    query: Annotated[str, typer.Argument(help="A query as for korpus search")],
    by: Annotated[Granularity, typer.Option("--by", help="Period to count by")] = (
        Granularity.month
    ),
    date_from: Annotated[str | None, typer.Option("--from", help="Earliest date")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest date")] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only this source; repeatable")
    ] = None,
    exact: Annotated[bool, typer.Option("--exact", help="No spelling variants")] = False,
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f")] = TimelineFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write json or csv to this file")
    ] = None,
    index_dir: IndexOption = None,
) -> None:
    """Count hits per day, week, month or year, beside all articles of each period.

    The csv has one row per period: period, hits, total articles, ratio.

    Example: korpus timeline "Nordkorea Soldaten" --by month --format csv
    """
    from korpus.explore import timeline as count_timeline
    from korpus.search import Filters

    index_dir = index_dir or default_index()
    filters = Filters.parse(date_from, date_to, source)
    if output is not None and fmt is TimelineFormat.text:
        raise fail("--output needs --format json or csv")
    _prepare_index(index_dir, update=True)
    result = count_timeline(index_dir, query, by=by.value, filters=filters, exact=exact)
    if fmt is TimelineFormat.text:
        from korpus.render import print_timeline

        print_timeline(result, _stdout())
    else:
        from korpus import export

        if fmt is TimelineFormat.json:
            content = export.to_json(result.to_dict()) + "\n"
        else:
            rows = [b.to_dict() for b in result.buckets]
            content = export.to_csv(rows, columns=("period", "hits", "total", "ratio"))
        if output is None:
            sys.stdout.write(content)
        else:
            export.write_atomic(output, content)
            _stderr().print(
                f"wrote {len(result.buckets)} periods to {output}", markup=False, highlight=False
            )
    raise typer.Exit(EXIT_HITS if result.hits else EXIT_NONE)


@app.command()
@handle_errors
def similar(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or file name")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Articles to list")] = 10,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.text,
    index_dir: IndexOption = None,
) -> None:
    """List the articles most like a given one, by the German-analysed text.

    Example: korpus similar 000_042aba984eeb68ce.txt
    """
    from korpus.explore import similar as find_similar

    index_dir = index_dir or default_index()
    _prepare_index(index_dir, update=True)
    record, found = find_similar(index_dir, article_id, limit)
    if fmt is ParseFormat.text:
        from korpus.render import print_similar

        print_similar(record, found, _stdout())
    else:
        from korpus.export import to_json, to_jsonl

        rows = [f.to_dict() for f in found]
        if fmt is ParseFormat.json:
            print(to_json({"article": record["id"], "similar": rows}))
        else:
            sys.stdout.writelines(to_jsonl(rows))
    raise typer.Exit(EXIT_HITS if found else EXIT_NONE)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
