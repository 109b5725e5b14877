"""No text makes the text reader take time that grows faster than its length."""

from __future__ import annotations

import time

import pytest

from korpus.readers.text import parse_article

# Lines built from one unit repeated: runs of spaces, of brackets, of Markdown's
# marks, of dates glued to separators. Each expression that weighs every place in
# such a line against every later one makes the time grow with its square.
UNITS = {
    "words": "Wort ",
    "brackets": "[",
    "image brackets": "![a](",
    "link targets": "](",
    "strong": "**a ",
    "emphasis": "_a ",
    "escapes": "a\\.",
    "glued stamps": ". 12.03.2024, 14:55 Uhr | ",
    "breadcrumbs": "Startseite > ",
    "credits": "(dpa/",
}


def _seconds(text: str, path: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        parse_article(text, "x", path)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("path", ["x.txt", "x.md"])
@pytest.mark.parametrize("unit", sorted(UNITS))
def test_time_grows_about_linearly_with_a_long_line(unit: str, path: str) -> None:
    def line(n: int) -> str:
        return "Ein Titel\n\n" + UNITS[unit] * (n // len(UNITS[unit])) + "x\n"

    small, large = _seconds(line(4_000), path), _seconds(line(32_000), path)
    # Eight times the text: linear gives about 8, quadratic 64.
    assert large <= max(0.05, 20 * small), (small, large)


@pytest.mark.parametrize("path", ["x.txt", "x.md"])
@pytest.mark.parametrize("opening", ["#", "(dpa)", "©", "Von Anna", "|", "-", "Quelle:"])
def test_time_grows_about_linearly_with_a_run_of_spaces(opening: str, path: str) -> None:
    def line(n: int) -> str:
        return f"Ein Titel\n\n{opening} " + " " * n + "x)\n"

    small, large = _seconds(line(4_000), path), _seconds(line(32_000), path)
    # Eight times the text: linear gives about 8, quadratic 64.
    assert large <= max(0.05, 20 * small), (small, large)
