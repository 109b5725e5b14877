"""Rich views of hits, articles and reports for the terminal.

Article text is never read as markup: it goes into ``rich.text.Text`` objects, and
control characters (terminal escape sequences, bells) are made visible first.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from korpus.dates import format_german
from korpus.sources import UNKNOWN

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from korpus.search import Hit, SearchResult

# Underlined too, so matches stay visible where NO_COLOR leaves only bold and underline.
MATCH_STYLE = "bold underline black on yellow"
# Where no style reaches the reader (a pipe, a file, --color never), matches are bracketed.
PLAIN_OPEN, PLAIN_CLOSE = "[", "]"

ColorMode = Literal["auto", "always", "never"]
_color: ColorMode = "auto"


def set_color(mode: str) -> None:
    """Choose colour as ripgrep does: auto (a terminal, unless NO_COLOR), always, never."""
    global _color
    if mode not in ("auto", "always", "never"):
        raise ValueError(mode)
    _color = mode  # type: ignore[assignment]


def color_mode() -> str:
    return _color


def styled(stream: Any = None) -> bool:
    """Will styles (bold, underline, colour) reach the reader of ``stream``?"""
    if _color == "always":
        return True
    if _color == "never":
        return False
    # FORCE_COLOR asks for styles on a pipe, as Rich and many tools read it.
    return bool(os.environ.get("FORCE_COLOR")) or is_terminal(stream or sys.stdout)


# C0 and C1 controls (tab and newline kept), and lone surrogates, which no
# terminal encoding can write.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
MIN_WIDTH, MAX_WIDTH = 20, 1000


def inert(text: str) -> str:
    """Replace control characters one for one, so escape sequences cannot act."""
    return _CONTROL.sub("\ufffd", text)


def _width() -> int | None:
    """The width to draw at, when $COLUMNS is unusable (0, negative, junk, huge)."""
    columns = os.environ.get("COLUMNS")
    if columns is None:
        return None
    try:
        wanted = int(columns)
    except ValueError:
        wanted = 0
    if wanted <= 0:
        # Rich would draw at width 0, that is nothing at all: ask the terminal.
        import shutil

        wanted = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    return max(MIN_WIDTH, min(wanted, MAX_WIDTH))


def console(stderr: bool = False, file: Any = None) -> Console:
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # The reader (head, less) has what it wanted: not an error, and not
            # "nothing found" (Rich would exit 1, our code for no hits).
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0)

    stream = file or (sys.stderr if stderr else sys.stdout)
    force = styled(stream)
    # NO_COLOR turns colour off, not bold and underline; --color always wins over it.
    no_color = _color != "always" and bool(os.environ.get("NO_COLOR"))
    # Messages on stderr stay one line each, whatever the width, so they can be grepped;
    # output for a pipe or a file is never wrapped, so URLs and paths stay whole.
    return QuietConsole(
        file=file,
        stderr=stderr,
        no_color=no_color,
        force_terminal=force,
        highlight=False,
        emoji=False,
        soft_wrap=stderr or not is_terminal(stream),
        width=_width(),
    )


def marked(text: str, spans: Sequence[tuple[int, int]], style: str = MATCH_STYLE) -> Text:
    """``text`` with the spans styled, or bracketed where no style would show."""
    from rich.text import Text

    if styled():
        out = Text(inert(text))
        for start, end in spans:
            out.stylize(style, start, end)
        return out
    pieces = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            continue
        pieces += [text[last:start], PLAIN_OPEN, text[start:end], PLAIN_CLOSE]
        last = end
    pieces.append(text[last:])
    return Text(inert("".join(pieces)))


def wrap_lines(
    text: Text, out: Console, indent: int, first_indent: int | None = None
) -> list[Text]:
    """``text`` broken at word boundaries with a hanging indent, never a lone last word.

    On a terminal the lines fit its width; for a pipe the text stays on one line.
    """
    from rich.text import Text

    first = indent if first_indent is None else first_indent
    if out.soft_wrap:
        return [Text(" " * first) + text]
    width = max(20, out.width - indent)
    lines = list(text.wrap(out, width))
    # A last line of one word reads as a stray: narrow the lines until it has company.
    if len(lines) > 1 and len(lines[-1].plain.split()) == 1:
        for narrower in range(width - 1, max(19, width - 25), -1):
            trial = list(text.wrap(out, narrower))
            if len(trial) == len(lines) and len(trial[-1].plain.split()) > 1:
                lines = trial
                break
    result = []
    for i, line in enumerate(lines):
        line.rstrip()
        result.append(Text(" " * (first if i == 0 else indent)) + line)
    return result


def hit_heading(hit: Hit) -> Text:
    from rich.text import Text

    heading = Text()
    if hit.title:
        heading.append_text(marked(hit.title, hit.title_matches))
        heading.stylize("bold")
    else:
        name = hit.id.rsplit("/", 1)[-1]
        first = " ".join(hit.lead.split()[:8])
        heading.append(inert(f"{name}: {first} …"), style="bold")
    return heading


def print_heading(rank: int, heading: Text, out: Console) -> None:
    """A numbered headline; a long one wraps under its first word, not under the number."""
    from rich.text import Text

    lines = wrap_lines(heading, out, INDENT, first_indent=0)
    lines[0] = Text(f"{rank:>3}  ", style="bold cyan") + lines[0]
    for line in lines:
        out.print(line, soft_wrap=True)


def hit_meta(hit: Hit) -> Text:
    from rich.text import Text

    parts = [
        format_german(hit.date, hit.date_precision),
        hit.source or UNKNOWN,
        article_location(hit.path, hit.id),
    ]
    meta = Text("     " + inert("  ·  ".join(parts)), style="dim")
    if hit.duplicates:
        count = len(hit.duplicates)
        meta.append(f"  +{count} more version{'s' if count > 1 else ''}", style="magenta")
    return meta


INDENT = 5


def print_hits(result: SearchResult, out: Console) -> None:
    from rich.text import Text

    for hit in result.hits:
        print_heading(hit.rank, hit_heading(hit), out)
        # The metadata line is never broken, so paths stay whole for grep.
        out.print(hit_meta(hit), soft_wrap=True)
        for frag in hit.fragments:
            prefix = "… " if frag.start > 0 else ""
            text = marked(
                prefix + frag.text, [(s + len(prefix), e + len(prefix)) for s, e in frag.matches]
            )
            # Wrapped by hand with a hanging indent: Padding would pad every line with
            # trailing blanks.
            for line in wrap_lines(text, out, INDENT):
                out.print(line, soft_wrap=True)
        for version in hit.versions:
            parts = [
                format_german(version.get("date"), version.get("date_precision")),
                version.get("source") or UNKNOWN,
                article_location(version.get("path") or version["id"], version["id"]),
            ]
            out.print(Text("     = " + inert("  ·  ".join(parts)), style="magenta"), soft_wrap=True)
        out.print()


def summary_line(result: SearchResult, shown: int) -> str:
    total = result.total
    noun = "hit" if total == 1 else "hits"
    more = f", {shown} shown" if shown < total else ""
    return f"{total} {noun}{more} in {result.seconds:.2f} s"


def print_article(
    article: dict[str, Any],
    spans: list[tuple[int, int]],
    title_spans: list[tuple[int, int]],
    out: Console,
) -> None:
    from rich.text import Text

    if article.get("kicker"):
        out.print(Text(inert(article["kicker"]), style="cyan"))
    title = article.get("title")
    out.print(
        marked(title, title_spans) if title else Text("(no title)", style="dim"), style="bold"
    )
    rows = [
        ("id", article["id"]),
        (
            "date",
            f"{format_german(article.get('date'), article.get('date_precision'))}"
            + (f" ({article['date_origin']})" if article.get("date_origin") else ""),
        ),
        (
            "updated",
            format_german(article.get("updated"), "minute") if article.get("updated") else None,
        ),
        ("source", article.get("source")),
        ("sources", ", ".join(article.get("sources") or []) or None),
        ("cited", ", ".join(article.get("cited") or []) or None),
        ("authors", ", ".join(article.get("authors") or []) or None),
        ("section", article.get("section")),
        ("words", article.get("words")),
        ("doc_id", article.get("doc_id")),
        ("url", article.get("url")),
        ("file", article.get("path")),
    ]
    for label, value in rows:
        if value:
            line = Text(f"{label:>12}: ", style="dim")
            line.append(inert(str(value)))
            out.print(line)
    out.print()
    out.print(marked(article.get("text", ""), spans))


def print_article_summary(record: dict[str, Any], out: Console) -> None:
    from rich.text import Text

    line = Text(inert(record["id"]), style="bold cyan")
    out.print(line)
    fields = [
        "title",
        "kicker",
        "teaser",
        "date",
        "date_precision",
        "date_origin",
        "date_line",
        "updated",
        "source",
        "sources",
        "cited",
        "authors",
        "date_line",
        "section",
        "words",
        "doc_id",
        "url",
        "encoding",
    ]
    for key in fields:
        value = record.get(key)
        if value in (None, [], ""):
            continue
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        row = Text(f"  {key:>14}: ", style="dim")
        row.append(inert(shown))
        out.print(row)
    words = len(record.get("text", "").split())
    out.print(Text(f"  {'text':>14}: {words} words", style="dim"))
    out.print()


def article_location(path: str, article_id: str) -> str:
    """Where an article is, as korpus show takes it: its file, and "#n" for the n-th
    article of a file that holds several (a press-database export)."""
    location = display_path(path)
    if "#" in article_id and "#" not in location:
        location += "#" + article_id.rsplit("#", 1)[1]
    return location


def display_path(path: str) -> str:
    """A path relative to the working folder when it lies below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    except ValueError:
        return path


def is_terminal(stream: Any = None) -> bool:
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, peak: float, width: int) -> str:
    """A horizontal bar of ``width`` cells for ``value`` out of ``peak``, in eighths."""
    if peak <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / peak * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_BLOCKS[rest] if rest else "")


def _bar_width(out: Console, used: int) -> int:
    return max(10, min(50, out.width - used))


def print_counts(
    title: str,
    counts: dict[str, int],
    out: Console,
    limit: int | None = None,
    mark_peak: bool = False,
) -> None:
    """A titled bar chart of labelled counts."""
    from rich.text import Text

    out.print(Text(title, style="bold"))
    items = list(counts.items())
    shown = items if limit is None else items[:limit]
    if not shown:
        out.print(Text("  nothing to count", style="dim"))
        return
    label_width = min(28, max(len(k) for k, _ in shown))
    peak = max(v for _, v in items)
    width = _bar_width(out, label_width + 22)
    for label, value in shown:
        line = Text(f"  {inert(label)[:label_width]:<{label_width}} ")
        line.append(f"{bar(value, peak, width):<{width}}", style="cyan")
        line.append(f" {value:>6,}")
        if mark_peak and value == peak:
            line.append("  ◀ peak", style="bold magenta")
        out.print(line, soft_wrap=True)
    if limit is not None and len(items) > limit:
        out.print(Text(f"  … {len(items) - limit} more", style="dim"))


def print_stats(stats: Any, out: Console) -> None:
    from rich.text import Text

    span = f"{stats.first} – {stats.last}" if stats.first else "no dated articles"
    rows = [
        ("articles", f"{stats.articles:,}"),
        ("dated", f"{stats.dated:,} ({stats.year_only:,} to the year only)"),
        ("undated", f"{stats.undated:,}"),
        ("date span", span),
        ("sources", f"{len(stats.sources):,}"),
        ("corpus", stats.corpus or "unknown"),
    ]
    for label, value in rows:
        line = Text(f"{label:>10}: ", style="dim")
        line.append(inert(value))
        out.print(line, soft_wrap=True)
    out.print()
    print_counts("Articles per source", stats.sources, out, limit=25)
    out.print()
    print_counts(f"Articles per {stats.by}", stats.periods, out, mark_peak=True)
    out.print()
    out.print(Text(f"Skipped at the last indexing: {len(stats.skipped)}", style="bold"))
    for item in stats.skipped:
        out.print(Text("  " + inert(f"{item['path']}: {item['reason']}")), soft_wrap=True)


def print_timeline(timeline: Any, out: Console) -> None:
    """Per period: a bar of the hits, the hits, all articles of the period and the ratio.

    Empty periods are shown at every grain, so gaps read as gaps; the peak is
    marked only when there is one (a timeline without dated hits says so).
    """
    from rich.text import Text

    buckets = timeline.buckets
    out.print(Text(f"Hits per {timeline.by} for {inert(repr(timeline.query))}", style="bold"))
    peak = max((b.hits for b in buckets), default=0)
    if peak == 0:
        out.print(Text("  no dated hits", style="dim"))
    else:
        label = max(len(b.period) for b in buckets)
        width = _bar_width(out, label + 34)
        out.print(
            Text(f"  {'':<{label}} {'':<{width}} {'hits':>6} {'all':>7} {'ratio':>7}", style="dim")
        )
        for b in buckets:
            line = Text(f"  {b.period:<{label}} ")
            line.append(f"{bar(b.hits, peak, width):<{width}}", style="cyan")
            ratio = f"{b.ratio:.1%}" if b.total else "–"
            line.append(f" {b.hits:>6,} {b.total:>7,} {ratio:>7}")
            if b.hits == peak:
                line.append("  ◀ peak", style="bold magenta")
            out.print(line, soft_wrap=True)
    notes = []
    if timeline.undated:
        notes.append(f"{timeline.undated} undated")
    if timeline.too_coarse:
        notes.append(f"{timeline.too_coarse} dated too coarsely for a {timeline.by}")
    if notes:
        out.print(Text("  not counted: " + ", ".join(notes), style="dim"))


def print_similar(record: dict[str, Any], found: list[Any], out: Console) -> None:
    from rich.text import Text

    title = record.get("title") or record["id"]
    out.print(Text("Articles like: " + inert(title), style="bold"), soft_wrap=True)
    for item in found:
        name = item.title or f"{item.id.rsplit('/', 1)[-1]}: {item.lead} …"
        print_heading(item.rank, Text(inert(name), style="bold"), out)
        parts = [
            format_german(item.date, item.date_precision),
            item.source or UNKNOWN,
            article_location(item.path, item.id),
            f"score {item.score:.2f}",
        ]
        meta = Text("     " + inert("  ·  ".join(parts)), style="dim")
        if item.same_story:
            meta.append("  same story", style="magenta")
        out.print(meta, soft_wrap=True)


def print_sources(counts: list[Any], out: Console) -> None:
    """Sources in a column, with the articles naming each and those it is main source of."""
    from rich.text import Text

    width = max([len("source"), *(len(c.source) for c in counts)])
    out.print(Text(f"{'source':<{width}}  {'articles':>8}  {'main':>6}", style="bold"))
    for item in counts:
        line = Text(inert(f"{item.source:<{width}}"))
        line.append(f"  {item.articles:>8,}  {item.main:>6,}")
        out.print(line, soft_wrap=True)


SOURCE_WIDTH = 14


def print_kwic(result: Any, out: Console, width: int) -> None:
    """A concordance: date, source, left context right-aligned, the match, right context."""
    from rich.text import Text

    for line in result.lines:
        when = format_german(line.date, line.date_precision)
        if line.date_precision == "minute":
            when = when.split(" ")[0]
        source = (line.source or UNKNOWN)[:SOURCE_WIDTH]
        row = Text()
        row.append(f"{inert(when):<10}  ", style="dim")
        row.append(f"{inert(source):<{SOURCE_WIDTH}}  ", style="dim")
        # The contexts keep their own spaces: "Soldaten." stays together.
        row.append(inert(f"{line.left:>{width}}"))
        row.append_text(marked(line.match, [(0, len(line.match))]))
        row.append(inert(line.right))
        row.rstrip()
        out.print(row, soft_wrap=True, overflow="ignore", crop=False)
