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

    no_color = bool(os.environ.get("NO_COLOR"))
    # Messages on stderr stay one line each, whatever the width, so they can be grepped.
    return Console(stderr=stderr, no_color=no_color, highlight=False, emoji=False, soft_wrap=stderr)


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
        hit.source or "source unknown",
        display_path(hit.path),
    ]
    meta = Text("     " + inert("  ·  ".join(parts)), style="dim")
    if hit.duplicates:
        meta.append(f"  +{len(hit.duplicates)} more versions", style="magenta")
    return meta


def print_hits(
    result: SearchResult, out: Console, versions: dict[str, list[dict[str, Any]]] | None = None
) -> None:
    from rich.padding import Padding

    for hit in result.hits:
        out.print(hit_heading(hit))
        out.print(hit_meta(hit))
        for frag in hit.fragments:
            prefix = "… " if frag.start > 0 else ""
            text = marked(
                prefix + frag.text, [(s + len(prefix), e + len(prefix)) for s, e in frag.matches]
            )
            out.print(Padding(text, (0, 0, 0, 5)))
        for version in (versions or {}).get(hit.id, []):
            line = "  ·  ".join(
                [
                    format_german(version.get("date"), version.get("date_precision")),
                    version.get("source") or "source unknown",
                    version["id"],
                ]
            )
            out.print(f"       = {inert(line)}", style="magenta", markup=False)
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
