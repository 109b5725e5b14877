"""Rich views of hits, articles and reports for the terminal.

Article text is never read as markup: it goes into ``rich.text.Text`` objects, and
control characters (terminal escape sequences, bells) are made visible first.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from korpus.dates import format_german
from korpus.sources import UNKNOWN

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from korpus.search import Hit, SearchResult

MATCH_STYLE = "bold black on yellow"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """Replace control characters one for one, so escape sequences cannot act."""
    return _CONTROL.sub("\ufffd", text)


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    class QuietConsole(Console):
        def on_broken_pipe(self) -> None:
            # The reader (head, less) has what it wanted: not an error, and not
            # "nothing found" (Rich would exit 1, our code for no hits).
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0)

    no_color = bool(os.environ.get("NO_COLOR"))
    # Messages on stderr stay one line each, whatever the width, so they can be grepped.
    return QuietConsole(
        stderr=stderr, no_color=no_color, highlight=False, emoji=False, soft_wrap=stderr
    )


def marked(text: str, spans: Sequence[tuple[int, int]], style: str = MATCH_STYLE) -> Text:
    from rich.text import Text

    out = Text(inert(text))
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def hit_heading(hit: Hit) -> Text:
    from rich.text import Text

    heading = Text()
    heading.append(f"{hit.rank:>3}  ", style="bold cyan")
    if hit.title:
        heading.append_text(marked(hit.title, hit.title_matches))
        heading.stylize("bold", 5)
    else:
        name = hit.id.rsplit("/", 1)[-1]
        first = " ".join(hit.lead.split()[:8])
        heading.append(inert(f"{name}: {first} …"), style="bold")
    return heading


def hit_meta(hit: Hit) -> Text:
    from rich.text import Text

    parts = [
        format_german(hit.date, hit.date_precision),
        hit.source or UNKNOWN,
        display_path(hit.path),
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
        # Headline and metadata lines are never broken, so paths stay whole for grep.
        out.print(hit_heading(hit), soft_wrap=True)
        out.print(hit_meta(hit), soft_wrap=True)
        for frag in hit.fragments:
            prefix = "… " if frag.start > 0 else ""
            text = marked(
                prefix + frag.text, [(s + len(prefix), e + len(prefix)) for s, e in frag.matches]
            )
            # Wrapped by hand with a hanging indent: Padding would pad every line with
            # trailing blanks.
            for line in text.wrap(out, max(20, out.width - INDENT)):
                line.rstrip()
                out.print(Text(" " * INDENT) + line, soft_wrap=True)
        for version in hit.versions:
            parts = [
                format_german(version.get("date"), version.get("date_precision")),
                version.get("source") or UNKNOWN,
                display_path(version.get("path") or version["id"]),
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
        "updated",
        "source",
        "sources",
        "cited",
        "authors",
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
    print_counts("Articles per month", stats.months, out, mark_peak=True)
    out.print()
    out.print(Text(f"Skipped at the last indexing: {len(stats.skipped)}", style="bold"))
    for item in stats.skipped:
        out.print(Text("  " + inert(f"{item['path']}: {item['reason']}")), soft_wrap=True)


def print_timeline(timeline: Any, out: Console) -> None:
    from rich.text import Text

    buckets = timeline.buckets
    if len(buckets) > 120:
        # A long span at a fine grain: the empty periods would only scroll past.
        buckets = [b for b in buckets if b.hits]
    counts = {b.period: b.hits for b in buckets}
    print_counts(f"Hits per {timeline.by} for {timeline.query!r}", counts, out, mark_peak=True)
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
        heading = Text(f"{item.rank:>3}  ", style="bold cyan")
        name = item.title or f"{item.id.rsplit('/', 1)[-1]}: {item.lead} …"
        heading.append(inert(name), style="bold")
        out.print(heading, soft_wrap=True)
        parts = [
            format_german(item.date, item.date_precision),
            item.source or UNKNOWN,
            display_path(item.path),
            f"score {item.score:.2f}",
        ]
        meta = Text("     " + inert("  ·  ".join(parts)), style="dim")
        if item.same_story:
            meta.append("  same story", style="magenta")
        out.print(meta, soft_wrap=True)
