"""What every command shares: exit codes, option types, error handling, consoles.

Only Typer is imported at module level, so ``korpus --help`` stays fast.
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


INDEX_NAME = "index"


def default_index() -> Path:
    """$KORPUS_INDEX; else, as git finds .git, an index/ here or in a parent folder;
    else index/ beside the corpus.

    So korpus run from a subfolder uses the project's index, and run elsewhere
    with $KORPUS_CORPUS it never leaves a stray index/ in the working folder.
    """
    if os.environ.get("KORPUS_INDEX"):
        return Path(os.environ["KORPUS_INDEX"])
    here = Path.cwd()
    for folder in (here, *here.parents):
        candidate = folder / INDEX_NAME
        if (candidate / "current").exists():
            return candidate if folder != here else Path(INDEX_NAME)
    if os.environ.get("KORPUS_CORPUS"):
        corpus = Path(os.environ["KORPUS_CORPUS"]).expanduser().resolve()
        return corpus.parent / INDEX_NAME
    return Path(INDEX_NAME)


def default_corpus() -> Path:
    return Path(os.environ.get("KORPUS_CORPUS") or "corpus")


def fail(message: str, hint: str | None = None, code: int = EXIT_ERROR) -> typer.Exit:
    note(f"korpus: error: {' '.join(message.splitlines())}")
    if hint:
        note(f"hint: {hint}", style="dim")
    return typer.Exit(code)


def debugging() -> bool:
    return os.environ.get("KORPUS_DEBUG", "") not in ("", "0")


def unexpected(exc: BaseException) -> typer.Exit:
    """A fault of korpus itself: one line and exit 2; the traceback only when debugging."""
    if debugging():
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    detail = " ".join(str(exc).split())
    return fail(
        f"unexpected {type(exc).__name__}{': ' + detail if detail else ''} "
        "(run again with --debug or KORPUS_DEBUG=1 for the traceback)"
    )


def text_arg(value: str) -> str:
    """An argument as the user meant it, whatever the locale decoded it as.

    Under a C locale without UTF-8 mode Python decodes the bytes of "Fußball" as
    ASCII with escapes; those bytes are UTF-8 (or, failing that, cp1252).
    """
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    raw = os.fsencode(value)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def text_args(values: list[str] | None) -> list[str] | None:
    return None if values is None else [text_arg(v) for v in values]


def optional_text_arg(value: str | None) -> str | None:
    return None if value is None else text_arg(value)


def write_data(chunks: Any) -> None:
    """JSON, JSON Lines and CSV on stdout: always UTF-8, whatever the locale says."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    for chunk in [chunks] if isinstance(chunks, str) else chunks:
        if buffer is None:
            sys.stdout.write(chunk)
        else:
            buffer.write(chunk.encode("utf-8", "replace"))
    (buffer or sys.stdout).flush()


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
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the one handler for faults of our own
            raise unexpected(exc) from None

    return wrapper  # type: ignore[return-value]


def stderr() -> Any:
    from korpus.render import console

    return console(stderr=True)


def stdout() -> Any:
    from korpus.render import console

    return console()


def paged(render: Callable[[Any], None], enabled: bool = True) -> None:
    """Render to stdout, through a pager when it is a terminal and the text is taller.

    As git does: $PAGER (else less), with LESS=FRX unless set, so colours pass and
    a text that fits ends the pager at once.
    """
    from korpus.render import is_terminal

    out = stdout()
    if not enabled or not is_terminal(sys.stdout):
        render(out)
        return
    with out.capture() as captured:
        render(out)
    text = captured.get()
    command = os.environ.get("PAGER", "less").strip()
    if text.count("\n") < out.height or command in ("", "cat"):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    import subprocess

    env = {**os.environ}
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    try:
        assert pager.stdin is not None
        pager.stdin.write(text.encode("utf-8", "replace"))
        pager.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager early
    pager.wait()


def note(message: str, style: str | None = None) -> None:
    """One status line on stderr, never read as markup, inert: file names and
    queries may hold terminal escape sequences.
    """
    from korpus.render import inert

    stderr().print(inert(message), markup=False, highlight=False, style=style)


class _PhasedProgress:
    """A progress callback that also names the phase running: the bar counts files
    while reading, then pulses with the elapsed time while the index is written."""

    def __init__(self, bar: Any, task: Any) -> None:
        self.bar, self.task = bar, task

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def phase(self, name: str) -> None:
        self.bar.reset(self.task, description=name)
        for task in self.bar.tasks:
            if task.id == self.task:
                # An unknown amount of work: the bar pulses instead of resting at N/N.
                task.total = None


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on stderr when it is a terminal; nothing otherwise."""
    from korpus.render import is_terminal

    if not is_terminal(sys.stderr):
        yield lambda done, total: None
        return
    from rich.progress import BarColumn, Progress, TextColumn

    def time_left(task: Any) -> str:
        if task.total is None:
            return f"{_clock(task.elapsed)} so far"
        left = task.time_remaining
        return "" if left is None else f"about {_clock(left)} left"

    with Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TextColumn("{task.fields[left]}"),
        console=stderr(),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None, left="", count="")
        update = _PhasedProgress(bar, task)
        # The time-left text is a field Rich refreshes with the bar.
        original = bar.get_renderables

        def renderables() -> Any:
            for item in bar.tasks:
                item.fields["left"] = time_left(item)
                known = item.total is not None
                item.fields["count"] = f"{item.completed:,.0f}/{item.total:,.0f}" if known else ""
            return original()

        bar.get_renderables = renderables  # type: ignore[method-assign]
        yield update


def _clock(seconds: float | None) -> str:
    total = int(seconds or 0)
    return f"{total // 60}:{total % 60:02d}"


def report_index(report: Any, corpus: Path, quiet: bool = False) -> None:
    for skipped in report.skipped:
        note(f"skipped {skipped.path}: {skipped.reason}")
    if report.kept_aside is not None:
        note(f"the damaged index was kept in {report.kept_aside}")
    if report.repaired:
        note(f"repaired: {', '.join(report.repaired)}")
    if quiet:
        return
    action = "built" if report.rebuilt else "updated"
    why = f" ({report.reason})" if report.reason and report.rebuilt else ""
    note(
        f"{action} index of {corpus}{why}: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged, {len(report.skipped)} skipped; "
        f"{report.total} articles in {report.seconds:.1f} s"
    )


def prepare_index(index_dir: Path, update: bool, fields: dict[str, str] | None = None) -> None:
    """Build a missing index, update a stale one (unless ``update`` is off); ``fields``
    maps record fields when given."""
    from korpus.index import ensure_index, has_index, index_corpus_dir, lock_holder

    corpus = Path(os.environ["KORPUS_CORPUS"]) if os.environ.get("KORPUS_CORPUS") else None
    if not has_index(index_dir) and lock_holder(index_dir) is None:
        corpus = corpus or default_corpus()
        if not corpus.exists():
            from korpus.errors import IndexMissing

            # Say so before anything is created: no stray index/ where nothing is indexed.
            raise IndexMissing(
                f"no index in {index_dir} (nor in a parent folder), and no corpus at {corpus}",
                hint="build one with: korpus index CORPUS, or set KORPUS_INDEX",
            )
        note(f"korpus: building the index in {index_dir} from {corpus} …")
    elif corpus is None:
        recorded = index_corpus_dir(index_dir)
        if recorded is not None and not recorded.exists():
            note(
                f"korpus: warning: the corpus {recorded} of the index in {index_dir} is gone "
                "(moved or deleted); searching the index as it was last built"
            )
    with progress_bar("scanning") as progress:
        report = ensure_index(index_dir, corpus, progress=progress, update=update, fields=fields)
    if report is not None and report.warning:
        note(f"korpus: warning: {report.warning}; searching the index as it stands")
    elif report is not None:
        report_index(
            report, corpus or Path("corpus"), quiet=not report.rebuilt and not report.changed
        )


class ColorChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _set_color(value: ColorChoice | None) -> ColorChoice | None:
    if value is not None:
        from korpus.render import set_color

        set_color(value.value)
    return value


ColorOption = Annotated[
    ColorChoice | None,
    typer.Option(
        "--color",
        metavar="WHEN",
        help="Colour and marks: auto (on a terminal, unless NO_COLOR is set), always, never",
        show_default=False,
        callback=_set_color,
    ),
]

FieldOption = Annotated[
    list[str] | None,
    typer.Option(
        "--field",
        metavar="FIELD=NAME",
        help="Read a record file's field NAME as korpus's FIELD, e.g. text=article_body; "
        "repeat for several (the index remembers them)",
        show_default=False,
    ),
]


def field_map(options: list[str] | None) -> dict[str, str] | None:
    """``--field`` options as a mapping, or None when none were given."""
    from korpus.loader import parse_field_options

    return parse_field_options(options) if options else None


# The filters that similar and kwic take, written once.
DateFromOption = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="Earliest date")
]
DateToOption = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Latest date, the whole period")
]
SourceOption = Annotated[
    list[str] | None,
    typer.Option("--source", "-s", metavar="NAME", help="Only this source; repeatable"),
]
IncludeUndatedOption = Annotated[
    bool, typer.Option("--include-undated", help="Keep undated articles when filtering by date")
]

IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index",
        "-i",
        metavar="DIR",
        help="Index folder [default: $KORPUS_INDEX or ./index]",
        show_default=False,
    ),
]
