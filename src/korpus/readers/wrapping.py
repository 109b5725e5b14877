"""Paragraphs of text whose lines were broken at a fixed width.

A browser copy holds one line per paragraph, but text dumped by a terminal browser
(``w3m -dump``, ``lynx -dump``), saved from a mail client or cut from a plain-text
export arrives broken into lines of at most some 60 to 160 characters. Read line by
line, such a text has no headline (its first line is half of one), no date line
(the date is glued to the end of a byline's first line) and no closing credit.

A greedy line breaker only breaks a line when the next word would not fit, so a
line is a broken one exactly when its length plus the next line's first word
passes the width. That test, not the length alone, keeps a short headline, a
byline or a list item on its own line even in a wrapped text.
"""

from __future__ import annotations

import re

# Below this, a "width" is a column of short lines (a table, a poem), not wrapping;
# above the upper bound nobody wraps and lines are paragraphs.
MIN_WIDTH = 40
MAX_WIDTH = 200
# Lines needed as evidence: a handful of full lines, and most lines that run on.
MIN_FULL_LINES = 3
FULL_SHARE = 0.5
WIDTHS_TRIED = 4
LONGER_SHARE = 0.02
# Marks that open a list item in a text dump: such a line starts anew.
BULLETS = ("•", "□", "☆", "◦", "▪", "■", "○", "●", "◆", "►", "▸", "- ", "* ", "+ ")
# Lines that open a byline, a stamp or a credit start anew even when the line
# above is full: without blank lines between blocks, a headline that nearly
# fills the width would otherwise take the byline under it.
_STARTS_ANEW = re.compile(
    r"(?:Von|VON|By|Autor(?:in)?:|Text:|Foto:|Fotos:|Bild:|Quelle:|Quellen:|Veröffentlicht|"
    r"Aktualisiert|Stand:|Datum:|Copyright|©|\(c\))(?:\s|$)"
)


def _first_word(line: str) -> str:
    words = line.split(None, 1)
    return words[0] if words else ""


def _fills(line: str, following: str, width: int) -> bool:
    """Whether a line was broken because the next word would not fit."""
    return len(line.rstrip()) + 1 + len(_first_word(following)) > width


def wrap_width(lines: list[str]) -> int | None:
    """The width the text's lines were broken at, or None if they were not.

    The width is the longest line that can be broken (holds a space), or one of
    the next longest; the text counts as wrapped at it when at least half of its
    lines that run on into another line, and at least three, fill that width.
    """
    breakable = [len(line.rstrip()) for line in lines if " " in line.strip()]
    if len(breakable) < MIN_FULL_LINES:
        return None
    # A few lines may pass the width (a table row, a long address): try the
    # longest lengths in turn, as long as hardly any line is longer.
    longer_allowed = int(LONGER_SHARE * len(breakable))
    for width in sorted(set(breakable), reverse=True)[:WIDTHS_TRIED]:
        if sum(length > width for length in breakable) > longer_allowed:
            break
        if MIN_WIDTH <= width <= MAX_WIDTH and _wrapped_at(lines, width):
            return width
    return None


def _wrapped_at(lines: list[str], width: int) -> bool:
    running_on = 0
    full: set[str] = set()
    for line, following in zip(lines, lines[1:], strict=False):
        if not line.strip() or not following.strip() or len(line.rstrip()) < width // 2:
            continue
        running_on += 1
        if len(line.rstrip()) <= width and _fills(line, following, width):
            full.add(line.strip())
    # Different lines of different lengths: one line repeated (a footer on every
    # page) is no evidence of a width.
    lengths = {len(line) for line in full}
    return (
        len(full) >= MIN_FULL_LINES and len(lengths) >= 2 and len(full) >= FULL_SHARE * running_on
    )


_STAMP_END = re.compile(r"\d(?:\s*Uhr)?$")


def _starts_anew(line: str) -> bool:
    return line.startswith(BULLETS) or _STARTS_ANEW.match(line) is not None


def _ends_stamp(line: str) -> bool:
    """A labelled stamp that ends in its date or time: the width is only known to a
    few characters, and a stamp is too short to have been broken."""
    return _STARTS_ANEW.match(line) is not None and _STAMP_END.search(line) is not None


def unwrap(lines: list[str]) -> list[str]:
    """The lines with every line broken at the text's width joined to the next one.

    A text whose lines were not broken at a width is returned as it is. Blank lines,
    list items, bylines, stamps and credits always start anew.
    """
    width = wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    joining = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if joining and stripped and not _starts_anew(stripped):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        joining = (
            bool(stripped)
            and bool(following.strip())
            and _fills(line, following, width)
            and not _ends_stamp(stripped)
        )
    return out


# A line that runs on into the next: a wrapped text has a few of them.
_RUNS_ON = re.compile(r"[^\n]\n[ \t]*[^\s]")


def unwrap_text(text: str) -> list[str]:
    """The lines of ``text``, unwrapped as :func:`unwrap` does; a text whose lines
    hardly ever run on into the next (paragraphs between blank lines) is only split."""
    lines = text.split("\n")
    runs = _RUNS_ON.finditer(text)
    if sum(1 for _ in zip(range(MIN_FULL_LINES), runs, strict=False)) < MIN_FULL_LINES:
        return lines
    return unwrap(lines)
