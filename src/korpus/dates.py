"""German dates at the precision the text gives them.

Month and weekday names live in one place, :func:`german_parserinfo`, which
teaches python-dateutil German; the regular expressions below are built from it.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, cast

# The one table of German month and weekday names (with English ones, which
# copied pages also carry).
MONTHS: list[tuple[str, ...]] = [
    ("Jan", "Januar", "Jänner", "January"),
    ("Feb", "Februar", "Feber", "February"),
    ("Mär", "Mrz", "März", "Maerz", "Mar", "March"),
    ("Apr", "April"),
    ("Mai", "May"),
    ("Jun", "Juni", "June"),
    ("Jul", "Juli", "July"),
    ("Aug", "August"),
    ("Sep", "Sept", "September"),
    ("Okt", "Oktober", "Oct", "October"),
    ("Nov", "November"),
    ("Dez", "Dezember", "Dec", "December"),
]
WEEKDAYS: list[tuple[str, ...]] = [
    ("Mo", "Montag", "Monday"),
    ("Di", "Dienstag", "Tuesday"),
    ("Mi", "Mittwoch", "Wednesday"),
    ("Do", "Donnerstag", "Thursday"),
    ("Fr", "Freitag", "Friday"),
    ("Sa", "Samstag", "Sonnabend", "Saturday"),
    ("So", "Sonntag", "Sunday"),
]


@cache
def german_parserinfo() -> Any:
    """dateutil's parser, taught German month and weekday names.

    Built on first use: a search that filters no dates never imports dateutil.
    """
    from dateutil import parser as dateutil_parser

    class GermanParserInfo(dateutil_parser.parserinfo):
        # dateutil's stubs type these as pairs and triples; longer tuples work the same.
        MONTHS = MONTHS  # type: ignore[assignment]
        WEEKDAYS = WEEKDAYS  # type: ignore[assignment]
        JUMP = [*dateutil_parser.parserinfo.JUMP, "um", "am", "Uhr", "den", "|"]

        def __init__(self) -> None:
            super().__init__(dayfirst=True)

    return GermanParserInfo()


class _Lazy:
    """A regular expression compiled when first used: importing korpus.dates must
    stay cheap for commands that never look for a date in text."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)


def _lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _Lazy(pattern, flags))


def _alternation(names: Iterable[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


MONTH_RE = _alternation(n for names in MONTHS for n in names)
# Only the full weekday names: "So" and "Do" are ordinary words in running text.
WEEKDAY_RE = _alternation(names[1] for names in WEEKDAYS)

_TIME = (
    r"(?:\s*(?:,|-|–|um|\||·|•)?\s*(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)"
    r"(?:[:.][0-5]\d)?(?!\d)\s*(?:Uhr|h)?)?"
)
# A two-digit year ("27.04.24") only where day and month are written in full.
_NUMERIC = (
    r"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.\s?"
    r"(?P<year>(?:19|20)\d\d(?!\d)|\d\d(?![\d.]))" + _TIME
)
_SLASHED = (
    r"(?<![\d/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])" + _TIME
)
# "19. Juni 2019", "29 Jan 2024", "2 Apr, 2016".
_NAMED = (
    r"(?<![\d.])(?P<day>[0-3]?\d)\.?\s*(?P<monthname>" + MONTH_RE + r")\b\.?,?\s*"
    r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=[0-3]?\d\.\s?[A-ZÄÖÜa-zäöü]))" + _TIME
)
# The English order: "October 31st, 2023", "Apr 04 2013", and a badge glued to its
# year ("Apr 042013").
_ENGLISH_ORDER = (
    r"(?<!\w)(?P<monthname>" + MONTH_RE + r")\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b,?\s*"
    r"(?P<year>(?:19|20)\d\d)(?!\d)" + _TIME
)
_GLUED_BADGE = (
    r"(?<!\w)(?P<monthname>" + MONTH_RE + r")\.?\s+(?P<day>[0-3]\d)(?P<year>(?:19|20)\d\d)(?!\d)"
)
_ISO = (
    r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d)"
    r"(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::\d\d(?:\.\d+)?)?"
    r"(?:Z|[+-]\d\d:?\d\d)?)?)?(?![\d-])"
)
_MONTH_YEAR = r"(?<![\d.])(?P<monthname>" + MONTH_RE + r")\.?\s+(?P<year>(?:19|20)\d\d)(?!\d)"
_DATE_SOURCES = (_ISO, _NUMERIC, _SLASHED, _NAMED, _ENGLISH_ORDER, _GLUED_BADGE, _MONTH_YEAR)


@cache
def date_patterns() -> list[re.Pattern[str]]:
    """The date expressions, compiled on first use so that importing stays cheap."""
    return [re.compile(p, re.IGNORECASE) for p in _DATE_SOURCES]


@dataclass(frozen=True)
class PartialDate:
    """A date known to some precision: a minute, a day, a month or a year."""

    value: datetime
    precision: str

    def iso(self) -> str:
        v = self.value
        if self.precision == "minute":
            return f"{v:%Y-%m-%dT%H:%M}"
        if self.precision == "day":
            return f"{v:%Y-%m-%d}"
        if self.precision == "month":
            return f"{v:%Y-%m}"
        return f"{v:%Y}"

    def period(self) -> tuple[datetime, datetime]:
        """First and last moment the date covers ("2025-07" spans 1 to 31 July)."""
        v = self.value
        if self.precision == "minute":
            start = v.replace(second=0, microsecond=0)
            return start, start + timedelta(seconds=59)
        if self.precision == "day":
            start = datetime(v.year, v.month, v.day)
        elif self.precision == "month":
            start = datetime(v.year, v.month, 1)
            last = calendar.monthrange(v.year, v.month)[1]
            return start, datetime(v.year, v.month, last, 23, 59, 59)
        else:
            start = datetime(v.year, 1, 1)
            return start, datetime(v.year, 12, 31, 23, 59, 59)
        return start, start.replace(hour=23, minute=59, second=59)


# The form korpus stores dates in, read without the general date search.
_STORED = re.compile(r"((?:19|20)\d\d)(?:-([01]\d)(?:-([0-3]\d)(?:T([0-2]\d):([0-5]\d))?)?)?")


def parse_iso(value: str) -> PartialDate | None:
    """Read an ISO date at any precision: "2025", "2025-07", "2025-06-26T13:05"."""
    value = value.strip()
    m = _STORED.fullmatch(value)
    if m is not None:
        year, month, day, hour, minute = m.groups()
        precision = "minute" if hour else "day" if day else "month" if month else "year"
        try:
            return PartialDate(
                datetime(
                    int(year),
                    int(month or 1),
                    int(day or 1),
                    int(hour or 0),
                    int(minute or 0),
                ),
                precision,
            )
        except ValueError:
            return None
    return find_date(value)


def _from_match(m: re.Match[str]) -> PartialDate | None:
    groups = m.groupdict()
    year = groups.get("year")
    if not year:
        return None
    if len(year) == 2:
        if len(groups.get("month") or "") < 2:
            return None  # "2.1.20" is a version number more often than a date
        # Two-digit years are this century's unless that puts them in the future.
        year = f"20{year}" if int(year) <= date.today().year % 100 + 1 else f"19{year}"
    if groups.get("monthname"):
        month_index = german_parserinfo().month(groups["monthname"].rstrip("."))
        if month_index is None:
            return None
        month = int(month_index)
    elif groups.get("month"):
        month = int(groups["month"])
    else:
        return None
    day = groups.get("day")
    hour, minute = groups.get("hour"), groups.get("minute")
    precision = "minute" if hour is not None else "day" if day else "month"
    text = f"{year}-{month:02d}-{int(day) if day else 1:02d}"
    if hour is not None:
        text += f" {int(hour):02d}:{minute}"
    try:
        # dateutil validates the calendar (no 31 June) and the clock for us.
        from dateutil import parser as dateutil_parser

        value = dateutil_parser.parse(
            text, parserinfo=german_parserinfo(), yearfirst=True, dayfirst=False
        )
    except (ValueError, OverflowError):
        return None
    return PartialDate(value.replace(tzinfo=None), precision)


def find_dates(text: str) -> list[tuple[int, PartialDate]]:
    """Every explicit date in ``text`` with its offset, in reading order."""
    found: list[tuple[int, int, PartialDate]] = []
    for pattern in date_patterns():
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            parsed = _from_match(m)
            if parsed is not None:
                found.append((m.start(), m.end(), parsed))
    found.sort(key=lambda item: item[0])
    return [(start, parsed) for start, _, parsed in found]


def find_date(text: str) -> PartialDate | None:
    """The first explicit date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0][1] if dates else None


WEEKDAY_DATE = _lazy(
    r"\b(?P<weekday>" + WEEKDAY_RE + r")\b,?\s*\(?\s*(?:den\s+)?(?P<day>[0-3]?\d)\.\s*"
    r"(?P<monthname>" + MONTH_RE + r")\b\.?(?!\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_YEAR_MENTION = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")


def infer_weekday_date(
    text: str, mentioned_years: Iterable[int] = (), today: date | None = None
) -> PartialDate | None:
    """Date a weekday with day and month but no year ("am Dienstag (9. Juli)").

    The year is the most recent one, not in the future, whose calendar puts that
    day on that weekday; a fitting year no earlier than the latest year the text
    mentions is preferred, since news is written after the events it recounts.
    """
    m = WEEKDAY_DATE.search(text)
    if m is None:
        return None
    weekday = next(
        i for i, names in enumerate(WEEKDAYS) if m["weekday"].lower() in (n.lower() for n in names)
    )
    month = german_parserinfo().month(m["monthname"].rstrip("."))
    if month is None:
        return None
    day = int(m["day"])
    today = today or date.today()
    fitting = []
    for year in range(today.year, today.year - 40, -1):
        try:
            candidate = date(year, int(month), day)
        except ValueError:
            continue
        if candidate <= today and candidate.weekday() == weekday:
            fitting.append(year)
    if not fitting:
        return None
    years = [y for y in mentioned_years if y <= today.year]
    chosen = fitting[0]
    if years:
        later = [y for y in fitting if y >= max(years)]
        if later:
            chosen = min(later)
    return PartialDate(datetime(chosen, int(month), day), "day")


def mentioned_years(text: str) -> list[int]:
    return [int(y) for y in _YEAR_MENTION.findall(text)]


def parse_user_date(value: str) -> PartialDate:
    """Read a date a user typed on the command line, at the precision typed.

    Accepts "2025-06-26", "26.06.2025", "2025-06", "06.2025", "Juni 2025",
    "Jun 2025" and "2025"; raises ValueError for anything else.
    """
    text = value.strip()
    m = re.fullmatch(r"([01]?\d)\.((?:19|20)\d\d)", text)
    if m:
        text = f"{m[2]}-{int(m[1]):02d}"
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return PartialDate(datetime(int(text), 1, 1), "year")
    # The whole string must be one date: "2024-01-01x" or "2024-01-01T25:99" is
    # not a date with something after it.
    for pattern in date_patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            parsed = _from_match(found)
            if parsed is not None:
                return parsed
    raise ValueError(value)


def format_german(value: str | None, precision: str | None) -> str:
    """Show an ISO date the German way at its precision ("26.06.2025 13:05", "Juli 2025")."""
    if not value:
        return "undated"
    parsed = parse_iso(value)
    if parsed is None:
        return value
    v = parsed.value
    if precision == "minute":
        return f"{v:%d.%m.%Y %H:%M}"
    if precision == "day":
        return f"{v:%d.%m.%Y}"
    if precision == "month":
        return f"{MONTHS[v.month - 1][1]} {v.year}"
    return str(v.year)


# --- date lines of press-database exports -------------------------------------------

# French month names live in their own table: "mars" or "juin" in German running
# text are words, not dates, so only date lines of exports are read with them.
FRENCH_MONTHS: list[tuple[str, ...]] = [
    ("janvier", "janv"),
    ("février", "fevrier", "févr", "fevr"),
    ("mars",),
    ("avril", "avr"),
    ("mai",),
    ("juin",),
    ("juillet", "juil"),
    ("août", "aout"),
    ("septembre",),
    ("octobre",),
    ("novembre",),
    ("décembre", "decembre", "déc", "dec"),
]
_EXPORT_MONTHS: dict[str, int] = {
    name.casefold(): number
    for table in (MONTHS, FRENCH_MONTHS)
    for number, names in enumerate(table, 1)
    for name in names
}
_EXPORT_MONTH_RE = _alternation(_EXPORT_MONTHS)
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
# "January 11, 2010", "Dec. 3 2019", "July 1st, 2019"
_MONTH_FIRST = _lazy(
    r"(?<!\w)(?P<monthname>" + _EXPORT_MONTH_RE + r")\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    r"\b,?\s*" + _YEAR,
    re.IGNORECASE,
)
# "27. Februar 2012", "25 November 2017", "1er janvier 2012", "10.Dezember 2019"
_DAY_FIRST = _lazy(
    r"(?<![\w.])(?P<day>[0-3]?\d)(?:\.|er|st|nd|rd|th)?\s*(?P<monthname>"
    + _EXPORT_MONTH_RE
    + r")\b\.?,?\s*"
    + _YEAR,
    re.IGNORECASE,
)
_DAY_NUMERIC = re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.\s?" + _YEAR)
_ISO_DAY = re.compile(r"(?<!\d)(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")


def parse_date_line(line: str) -> PartialDate | None:
    """The day an export's date line names, in English, German or French.

    "January 11, 2010 Monday", "27. Februar 2012 Montag 9:50 PM GMT+1",
    "25 November 2017", "29 décembre 2011", "2012-01-09T01:35:58Z". A weekday is
    not checked against the date (exports print wrong ones), and an edition after
    the date is ignored. The day is kept, not the time: the clock is the outlet's
    local time and is often missing.
    """
    text = unicodedata.normalize("NFC", line.replace("\xa0", " "))
    found: list[tuple[int, re.Match[str]]] = []
    for pattern in (_ISO_DAY, _MONTH_FIRST, _DAY_FIRST, _DAY_NUMERIC):
        m = pattern.search(text)
        if m:
            found.append((m.start(), m))
    for _, m in sorted(found, key=lambda item: item[0]):
        groups = m.groupdict()
        if groups.get("monthname"):
            month = _EXPORT_MONTHS.get(groups["monthname"].casefold())
        else:
            month = int(groups["month"])
        if not month:
            continue
        try:
            value = datetime(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            continue
        return PartialDate(value, "day")
    return None


@dataclass(frozen=True)
class DateSpan:
    """A stretch of time a user named that is no calendar unit of PartialDate:
    a week ("letzte Woche") or a quarter ("2020-Q1")."""

    start: datetime
    end: datetime

    def period(self) -> tuple[datetime, datetime]:
        return self.start, self.end


_RELATIVE_DAYS = {"heute": 0, "today": 0, "gestern": 1, "yesterday": 1, "vorgestern": 2}
_LAST = r"(?:letzte[nrs]?|vorige[nrs]?|vergangene[nrs]?|last)"
_THIS = r"(?:diese[nrs]?|this)"
_UNITS = {"woche": "week", "week": "week", "monat": "month", "month": "month"}
_UNITS |= {"jahr": "year", "year": "year"}


def _century(year: int, today: date) -> int:
    """A two-digit year in the century that puts it nearest before next year."""
    full = 2000 + year
    return full if full <= today.year + 1 else full - 100


def _day(value: date) -> PartialDate:
    return PartialDate(datetime(value.year, value.month, value.day), "day")


def _relative(text: str, today: date) -> PartialDate | DateSpan | None:
    if text in _RELATIVE_DAYS:
        return _day(today - timedelta(days=_RELATIVE_DAYS[text]))
    m = re.fullmatch(rf"({_LAST}|{_THIS})\s+(woche|week|monat|month|jahr|year)", text)
    if not m:
        return None
    back = 0 if re.fullmatch(_THIS, m[1]) else 1
    unit = _UNITS[m[2]]
    if unit == "week":
        monday = today - timedelta(days=today.weekday(), weeks=back)
        start = datetime(monday.year, monday.month, monday.day)
        return DateSpan(start, start + timedelta(days=6, hours=23, minutes=59, seconds=59))
    if unit == "month":
        month = today.month - back or 12
        year = today.year - (1 if back and today.month == 1 else 0)
        return PartialDate(datetime(year, month, 1), "month")
    return PartialDate(datetime(today.year - back, 1, 1), "year")


def _compact(text: str, today: date) -> PartialDate | DateSpan | None:
    """Numeric forms people type besides ISO and German dates."""
    if m := re.fullmatch(r"((?:19|20)\d\d)-?Q([1-4])|Q([1-4])[\s/-]*((?:19|20)\d\d)", text, re.I):
        year, quarter = int(m[1] or m[4]), int(m[2] or m[3])
        start = datetime(year, 3 * quarter - 2, 1)
        last = calendar.monthrange(year, 3 * quarter)[1]
        return DateSpan(start, datetime(year, 3 * quarter, last, 23, 59, 59))
    if m := re.fullmatch(r"((?:19|20)\d\d)(\d\d)(\d\d)", text):
        return _checked(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"((?:19|20)\d\d)-(\d)", text):
        return _checked(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{1,2})/((?:19|20)\d\d)", text):
        return _checked(int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d\d)", text):
        return _checked(_century(int(m[3]), today), int(m[2]), int(m[1]))
    return None


def _checked(year: int, month: int, day: int | None = None) -> PartialDate:
    """A month or day date; ValueError when the calendar has no such date."""
    if day is None:
        return PartialDate(datetime(year, month, 1), "month")
    return PartialDate(datetime(year, month, day), "day")


def parse_user_period(value: str, today: date | None = None) -> PartialDate | DateSpan:
    """Read a date filter as a user typed it: anything parse_user_date reads, and
    "01.03.20", "2020-3", "3/2020", "20200301", "2020-Q1", "heute", "gestern",
    "vorgestern", "letzte Woche", "diese Woche", "letzten Monat", "letztes Jahr".

    Raises ValueError for anything else.
    """
    today = today or date.today()
    text = " ".join(value.split()).casefold()
    found = _relative(text, today) or _compact(text, today)
    return found if found is not None else parse_user_date(value)
