"""Reading the header of plain article text: title, kicker, date, sources, authors.

Every reader that meets plain text (a copied web page, text extracted from HTML,
a press export's body) hands its non-empty lines to :func:`read_lines`, which
returns a :class:`Header` and the body paragraphs, and makes the record with
:func:`article_from_header`. The steps are public too: :func:`is_boilerplate`,
:func:`read_header` (title, kicker, teaser, dates, bylines), :func:`strip_credits`
(credit lines and datelines out of the body, their outlets into the header) and
:func:`date_from_body` (a weekday-and-day date in the lead when nothing else dates
the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from korpus.article import Article
from korpus.dates import (
    WEEKDAY_DATE,
    WEEKDAY_RE,
    PartialDate,
    find_date,
    find_dates,
    infer_weekday_date,
    mentioned_years,
    parse_iso,
)
from korpus.readers.outlet import (
    COPYRIGHT_NOISE,
    known_outlet,
    own_outlet_in_lines,
    own_outlet_in_text,
    strip_dates,
)
from korpus.readers.outlet_notes import own_outlet_in_notes
from korpus.readers.wrapping import BULLETS
from korpus.sources import AGENCIES, cited_sources, is_agency, normalise_source, split_credit

BOILERPLATE_LINES = {
    "anzeige",
    "werbung",
    "meine news",
    "mehr zum thema",
    "empfehlungen der redaktion",
    "zur startseite",
    "artikel teilen",
    "teilen",
    "kommentare",
    "newsletter",
    "auch interessant",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "mehr lesen",
    "weiterlesen",
    "video",
    "bildergalerie",
    "hier klicken",
}
_BOILERPLATE_PREFIX = re.compile(
    r"^(?:Lesen Sie (?:auch|mehr|hier)|Mehr zum Thema|Auch interessant|Zum Thema|Mehr dazu|"
    r"Lesen Sie weiter|Lesetipp|Mehr Informationen|Hören Sie|Sehen Sie)\s*[:|>-]",
    re.IGNORECASE,
)
# Labels that say what a date in the header is.
_PUBLISHED_LABEL = (
    r"Veröffentlicht|Publiziert|Erstellt|Erschienen|Erscheinungsdatum|Datum|Posted|Published|"
    r"Gespeichert|Eingetragen|Geschrieben|Ausgabe vom|Aus der Ausgabe"
)
_UPDATED_LABEL = (
    r"Aktualisiert|Akt\.|Stand|Update|Updated|Zuletzt|geändert|Last updated|Modified|"
    r"Bearbeitet"
)
_LABEL = re.compile(
    r"(?P<published>" + _PUBLISHED_LABEL + r")|(?P<updated>" + _UPDATED_LABEL + r")",
    re.IGNORECASE,
)
# What may stand before a date that opens a line: brackets, a weekday, a label and
# its little words ("Veröffentlicht am", "Aus: Ausgabe vom", "Do 9 Apr").
_DATE_OPENER = re.compile(
    r"^(?:[\s(\[\-–—|·•,:;/]|\b(?:" + WEEKDAY_RE + r"|Mo|Di|Mi|Do|Fr|Sa|So|Aus|Red)\b\.?|"
    r"\b(?:" + _PUBLISHED_LABEL + "|" + _UPDATED_LABEL + r")\b\.?(?:\s*(?:am|vom|on|den)\b)?)*$",
    re.IGNORECASE,
)
# A place before a dateline: "Schengen, 3. Juli 2018", "Frankfurt/Main – 3.5.2024".
_PLACE_OPENER = re.compile(
    r"^[A-ZÄÖÜ][\wÄÖÜäöüß.'/-]*(?:\s[A-ZÄÖÜ(][\wÄÖÜäöüß.'/)-]*){0,2}\s*[,–—-]\s*$"
)
_BYLINE = re.compile(
    r"^(?:(?:Ein\s+)?(?:Artikel|Beitrag|Kolumne|Kommentar|Veröffentlicht|Geschrieben|Posted)\s+)?"
    r"(?:Von:?|von|VON|By|by|Autor(?:in)?:|Text:)\s+(?P<names>[^\d|·•]+?)\s*"
    r"(?:\s*[|·•]\s*|\s[–-]\s|\s(?=\d)|$)"
)
_NAME = re.compile(
    r"[A-ZÄÖÜ][\w.'-]+(?:\s+(?:von|van|de|der|zu)?\s*[A-ZÄÖÜ][\w.'-]+){0,3}"
)
_BYLINE_SMALL_WORDS = {"und", "and", "mit", "am", "um", "von", "van", "de", "der", "zu", "für"}
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.:;,]['\"“”»«’)\]]*$")
# Lines of the page around the headline that are no part of it: share buttons,
# reading times, comment counters, relative stamps ("vor 3 Stunden").
_PAGE_NOISE = re.compile(
    r"^(?:vor\s+\d+\s+\w+|heute|gestern|\d+\s*min\.?|\d+\s+minuten?|lesezeit\b.*|"
    r"lesedauer\b.*|kommentare?\s*(?:\(\d*\)|\d*)|\d+\s+kommentare?|schreib(?:en sie)? einen "
    r"kommentar|teilen|drucken|merken|feedback|zur merkliste|artikel anhören.*|"
    r"(?:heute|gestern),?\s*\d\d?[:.]\d\d(?:\s*uhr)?|stand:?\s*\d\d?[:.]\d\d(?:\s*uhr)?|"
    r"audio.*\d+:\d\d.*|video.*\d+:\d\d.*|permalink:?.*|foto:.*|bild:.*|quelle:.*|©.*|"
    r"alle artikel|(?:beitrag|artikel|seite) (?:teilen|drucken|merken)|teile:?|"
    r"(?:kategorien?|tags?|schlagworte|themen):.*|bild vergrößern|inhalt|hauptinhalt)$",
    re.IGNORECASE,
)
# The heading of a box of other articles ("Lesen Sie auch", "Mehr zum Thema").
_RECOMMENDATION = re.compile(
    r"^(?:Lesen Sie (?:auch|mehr)|Mehr zum Thema|Mehr dazu|Auch interessant|Weitere Artikel|"
    r"Verwandte Artikel|Das könnte Sie auch interessieren|Empfehlungen|Passend zum Thema|"
    r"Zum Thema|Related)\b[^.]{0,40}$",
    re.IGNORECASE,
)
HEAD_LINES = 25
TAIL_LINES = 10
_CAPTION = re.compile(
    r"\((?:Quelle|Foto|Bild|Archivbild|Symbolbild)\b[^)]*\)\s*$|^(?:Foto|Bild|Quelle)\s*:",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß./-]*(?:\s[A-ZÄÖÜ(][\wÄÖÜäöüß./)-]*){0,3})"
    r"(?:,?\s*(?P<date>[0-3]?\d\.\s?[01]?\d\.(?:\s?(?:19|20)\d\d)?|[0-3]?\d\.\s?\w+\.?(?:\s(?:19|20)\d\d)?))?"
    r"\s*\((?P<credit>[^()]{2,40})\)\s*[-–—:]\s+"
)
_TRAILING_CREDIT = re.compile(
    r"\s*\((?P<credit>[A-Za-z][\w.-]{1,15}(?:\s*[/,]\s*[\w.-]{1,15}){0,4})\)\s*$"
)
_SOURCE_LINE = re.compile(
    r"^(?:(?:Quelle|Quellen)\s*:|Mit\s+(?:Material|Agenturmaterial)\s+(?:von|der|aus)\s*:?)"
    r"\s*(?P<credit>.{2,120})$",
    re.IGNORECASE,
)
_COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)|Copyright)\s*(?P<credit>.{2,120})$", re.IGNORECASE)
_NO_QUOTES = str.maketrans("", "", "„“”\"»«‚‘’")
# A credit in brackets as a line of its own: "(heise online)", "(Beispiel-Kurier/dpa)".
_BRACKETED_CREDIT = re.compile(r"^\((?P<credit>[^()]{2,40})\)\.?$")
# Where a closing line holds several credits: "Mit Material von dpa. © Beispiel-Kurier".
_CREDIT_SEGMENTS = re.compile(
    r"(?<=[.!?])\s+(?=©|\(c\)|Copyright\b|Quellen?\s*:|Mit\s+(?:Agentur)?[Mm]aterial\b)|"
    r"\s+[|•·]\s+"
)
_AGENCY_CODE = re.compile(
    r"\b(?P<agency>dpa|afp|kna|epd):(?P<yy>\d\d)(?P<mm>[01]\d)(?P<dd>[0-3]\d)-\d{2,4}-\d+"
)


def is_boilerplate(paragraph: str) -> bool:
    bare = paragraph.strip().rstrip(":.!").casefold()
    return bare in BOILERPLATE_LINES or bool(_BOILERPLATE_PREFIX.match(paragraph))


def is_headline_like(paragraph: str) -> bool:
    """Short, and not ending like a sentence: a headline, kicker or sub-heading."""
    return (
        len(paragraph) <= 200
        and len(paragraph.split()) <= 25
        and not _SENTENCE_END.search(paragraph)
    )


# "F.A.Z.-Redaktion", "Beispiel-Kurier Online-Redaktion": the desk is its outlet.
_DESK_SUFFIX = re.compile(r"[\s-](?:Online-)?(?:Redaktion|Team)$")


def _credit_part(part: str) -> str:
    return _DESK_SUFFIX.sub("", part.strip())


def credited_names(credit: str) -> list[str]:
    """Known agencies and outlets in a credit, normalised; initials and "red" dropped."""
    names = []
    for part in split_credit(credit):
        name = normalise_source(_credit_part(part))
        if name and name not in names:
            names.append(name)
    return names


@dataclass
class Header:
    """What the lines around an article's text say about it."""

    title: str | None = None
    kicker: str | None = None
    teaser: str | None = None
    date: PartialDate | None = None
    origin: str | None = None
    # The line the date was read from.
    date_line: str | None = None
    updated: PartialDate | None = None
    section: str | None = None
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)

    def add_sources(self, names: list[str]) -> None:
        for name in names:
            if name not in self.sources:
                self.sources.append(name)


def strip_credits(paragraphs: list[str], header: Header) -> list[str]:
    """Remove datelines, credit lines and agency codes; remember what they credit."""
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        code = _AGENCY_CODE.search(para) if ":" in para else None
        if code:
            coded = parse_iso(f"20{code['yy']}-{code['mm']}-{code['dd']}")
            if header.date is None and coded is not None:
                header.date, header.origin = coded, "agency-code"
            header.add_sources(credited_names(code["agency"]))
            para = _AGENCY_CODE.sub("", para).strip(" ,;")
            if not para or para.casefold() in {"©", "(c)"}:
                continue
        # Inside the text such a line credits a photo or a video, not the article.
        credits = credit_line_names(para) if i >= len(paragraphs) - CREDIT_LINES else None
        if credits:
            header.add_sources(credits)
            continue
        if not out:
            dateline = _DATELINE.match(para)
            if dateline:
                names = credited_names(dateline["credit"])
                if names:
                    header.add_sources(names)
                    if header.date is None and dateline["date"]:
                        found = find_date(dateline["date"])
                        if found:
                            header.date, header.origin = found, "dateline"
                    para = para[dateline.end() :]
        trailing = _TRAILING_CREDIT.search(para) if i >= len(paragraphs) - CREDIT_LINES else None
        if trailing:
            names = credited_names(trailing["credit"])
            if names:
                header.add_sources(names)
                para = para[: trailing.start()].rstrip()
                if not para:
                    continue
        out.append(para)
    return out


CREDIT_LINES = 3
# Initials, desks, and in a print note the edition and its day ("Print-Ausgabe,
# 28.04.2024").
_CREDIT_FILLER = re.compile(
    r"(?:[a-zäöü]{1,4}\.?|Agenturen|Agentur|Redaktion|Red\.?|Print-?[Aa]usgabe|Ausgabe|"
    r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d\d)$"
)


def credit_line_names(line: str) -> list[str] | None:
    """What a closing credit line credits, or None when the line is no credit line:
    "Quelle: F.A.Z.", "© Beispiel-Kurier 2024 – Alle Rechte vorbehalten.", "Copyright:
    Beispiel-Kurier", "(heise online)", "red, ORF.at/Agenturen", and several of them
    in one line ("Mit Material von dpa und AFP. © Beispiel-Kurier"), where every part
    must be a credit: a caption ending in a credit is none."""
    if len(line) > 160:
        return None
    names: list[str] = []
    for segment in _CREDIT_SEGMENTS.split(line.strip()):
        found = _credit_segment(segment.strip())
        if not found:
            return None
        names += [name for name in found if name not in names]
    return names


def _credit_segment(segment: str) -> list[str] | None:
    if len(segment) > 120:
        return None
    m = _SOURCE_LINE.match(segment)
    if m:
        return credited_names(m["credit"])
    m = _COPYRIGHT_LINE.match(segment)
    if m:
        return credited_names(COPYRIGHT_NOISE.sub(" ", m["credit"]).strip(" .,:;–—-"))
    m = _BRACKETED_CREDIT.match(segment)
    # A print note quotes its paper: ("Beispiel-Kurier", Print-Ausgabe, 28.04.2024).
    # Elsewhere quotes mark an outlet the text cites (Quellen: "Beispiel-Kurier").
    credit = m["credit"].translate(_NO_QUOTES) if m else ""
    if m and _is_credit_tokens(credit, alone=True):
        return credited_names(credit)
    return credited_names(segment) if _is_credit_tokens(segment) else None


def _is_credit_tokens(line: str, alone: bool = False) -> bool:
    """A line of credit tokens only: "red, ORF.at/Agenturen", "ak/dpa"; with ``alone``
    also a single name ("heise online" in brackets)."""
    if len(line) > 80 or not (alone or re.search(r"[,/]", line)):
        return False
    parts = split_credit(line)
    known = [p for p in parts if normalise_source(_credit_part(p))]
    return bool(known) and all(p in known or _CREDIT_FILLER.match(p) for p in parts)


# Where an outlet names itself: "Redaktion Haus.de", "Anna Beispiel, agrarheute", an
# author's note ("ist Redakteurin bei der Rundschau"), a footer line with its name.
_OWN_DESK = re.compile(r"^(?:Redaktion\s+(?P<a>.{2,40})|(?P<b>.{2,40}?)[\s-]Redaktion)$")
_AUTHOR_NOTE = re.compile(
    r"\b(?:Redakteur(?:in)?|Autor(?:in)?|Korrespondent(?:in)?|Reporter(?:in)?|"
    r"Chefreporter(?:in)?|Kolumnist(?:in)?|Volontär(?:in)?|Chefredakteur(?:in)?|"
    r"Ressortleiter(?:in)?|(?P<verb>schreibt|arbeitet|leitet))\b"
    r"[^.]{0,80}?\b(?:(?:in|im)\s+(?:der\s+)?\w+(?:\s+\w+)?\s+(?:der|des)|bei|für|von|im|beim|"
    r"(?P<of>der|des))\s+(?:der\s+|dem\s+|des\s+|den\s+)?"
    r"(?P<name>[^\s,;:]+(?:\s+[^\s,;:]+){0,3})"
)
# Whom an author's note describes: the sentence opens with the role ("Redakteurin
# bei …") or with a name and its verb ("Anna Beispiel ist seit 2019 Korrespondentin
# der …", "Anna Beispiel schreibt für …"), not with someone the text is about ("sagte
# ein Reporter von …", "Ihr Mann arbeitet beim …", "Lindner, ehemals Chefredakteur …").
_AUTHOR_SUBJECT = re.compile(
    r"^(?!(?:Ihr|Ihre|Sein|Seine|Er|Sie|Der|Die|Das|Ein|Eine|Dessen|Deren)\s)"
    r"[A-ZÄÖÜ][\w.'-]*(?:\s+[A-ZÄÖÜ][\w.'-]*){0,3}(?:,\s*[^,]{1,30},)?\s+"
    r"(?:(?:ist|arbeitet|schreibt|leitet)\s+(?:[\w-]+\s+){0,4})?$"
)


def _describes_author(line: str, note: re.Match[str]) -> bool:
    """Whether an author's note describes the author: see ``_AUTHOR_SUBJECT``; in a
    short author box also "…, schreibt er nun für …"."""
    sentence = re.split(r"(?<=[.!?])\s+", line[: note.start()])[-1]
    if not sentence.strip(" *•-–") or _AUTHOR_SUBJECT.match(sentence):
        return True
    after = line[note.end("verb") :] if note["verb"] else ""
    return after.startswith((" er ", " sie ")) and len(line.split()) <= 40


_PICTURE_CREDIT = re.compile(
    r"(?:©|\(c\))\s*(?!Bild|Foto)(?P<name>[^\s/,;:)]+(?:\s+[^\s/,;:)]+){0,3})"
)


# Substrings every author note holds one of: a cheap test before the expression.
_AUTHOR_NOTE_WORDS = (
    "edakt",
    "utor",
    "orrespond",
    "eporter",
    "olontär",
    "schreibt",
    "arbeitet",
    "leitet",
)


def _outlet_in(words: str) -> str | None:
    """The outlet a run of words starts with ("Cicero. Er studierte" is Cicero)."""
    return known_outlet(words)


def read_outlets(paragraphs: list[str], header: Header) -> None:
    """Take the outlet from the lines where it names itself, around the text."""
    edges = list(range(min(HEAD_LINES, len(paragraphs))))
    edges += range(max(len(edges), len(paragraphs) - TAIL_LINES), len(paragraphs))
    for i in edges:
        line = paragraphs[i].strip()
        # "Bild: Anna Beispiel", "Foto: dpa" credit a picture.
        if len(line) <= 60 and not re.search(r"[:©]|\(c\)", line):
            desk = _OWN_DESK.match(line)
            parts = [desk["a"] or desk["b"]] if desk else split_credit(line)
            # A sentence that names outlets ("Nach Informationen von NDR, WDR und SZ
            # gibt es ...") is no credit line.
            sentence = line.endswith((".", "!", "?")) and len(line.split()) > 4
            if len(parts) <= 3 and not sentence:
                names = [n for n in map(normalise_source, parts) if n and n not in AGENCIES]
                if names:
                    header.add_sources(names)
                    continue
        if len(line) > 400 or not any(word in line for word in _AUTHOR_NOTE_WORDS):
            continue
        for note in _AUTHOR_NOTE.finditer(line):
            # "schreibt der Beispiel-Kurier" quotes the outlet.
            if (note["verb"] and note["of"]) or not _describes_author(line, note):
                continue
            found = _outlet_in(note["name"])
            if found:
                header.add_sources([found])
    if header.sources:
        return
    # One picture credit is someone's photo; an outlet that credits several of the
    # article's pictures to itself is the article's outlet ("Bild © Rundschau").
    credited: dict[str, int] = {}
    for line in paragraphs:
        for m in _PICTURE_CREDIT.finditer(line):
            found = _outlet_in(m["name"])
            if found:
                credited[found] = credited.get(found, 0) + 1
    header.add_sources([name for name, count in credited.items() if count >= 2][:1])


def _label_kind(text: str) -> str | None:
    """The kind of the last date label in ``text``: "published", "updated" or None."""
    kind = None
    for m in _LABEL.finditer(text):
        kind = "published" if m.group("published") else "updated"
    return kind


def is_stamp_shaped(line: str) -> bool:
    """Short and not a sentence: a line that states when, by whom, for whom."""
    if len(line) > 180:
        return False
    if line.endswith((".", "!", "?")) and not re.search(r"(?:Uhr|Min|\d)\.$", line):
        return False
    return len(_WORD.findall(strip_dates(line))) <= 10


@dataclass(frozen=True)
class DateCandidate:
    """A date in the lines around an article, with what the line says about it."""

    index: int
    date: PartialDate
    kind: str  # "published", "updated" or "plain"
    origin: str
    # A stamp glued to a paragraph: the stamp as it stands there. Its line stays
    # in the body, since the rest of it is the article's text.
    glued: str | None = None


def date_candidates(lines: list[str], indices: range, tail: bool = False) -> list[DateCandidate]:
    """Every date in the given lines that dates the article, not an event it reports.

    A date counts where its line is shaped like a stamp (short, no sentence), or
    where it opens a paragraph, alone or after a place ("Berlin, 3. Mai 2024 -"),
    a weekday or a label. Below the text only labelled dates and bare date lines
    count ("Datum 28.04.2023", "Stand des Artikels: ...").
    """
    found: list[DateCandidate] = []
    for i in indices:
        line = lines[i]
        # Stamps are short; in a long line only a dateline at its start counts.
        probe = line if len(line) <= 180 else line[:80]
        if i < 12 and not tail and _DIGIT.search(line, len(probe)):
            found.extend(_glued_stamps(line, i, len(probe)))
        if not _DIGIT.search(probe):
            continue
        dates = find_dates(probe)
        if not dates:
            continue
        stamp = is_stamp_shaped(line)
        previous_end = 0
        for offset, parsed in dates:
            if parsed.precision not in ("day", "minute") or "@" in line:
                continue
            before = probe[previous_end:offset]
            previous_end = offset + 1
            kind = _label_kind(before)
            if kind is None and not before.strip() and i > 0:
                kind = _label_kind(lines[i - 1]) if len(lines[i - 1]) <= 40 else None
            opens = bool(_DATE_OPENER.match(probe[:offset]))
            if tail:
                bare = len(_WORD.findall(strip_dates(line))) <= 2
                if not stamp or (kind is None and not bare):
                    continue
                origin = "footer"
            elif stamp:
                origin = "byline" if _BYLINE.match(line) else "timestamp"
            elif (opens or _PLACE_OPENER.match(probe[:offset])) and i < 12:
                origin = "dateline"
            elif i < 12:
                found.extend(_glued_stamps(line, i, offset, offset + 1))
                continue
            else:
                continue
            found.append(DateCandidate(i, parsed, kind or "plain", origin))
    return found


# A stamp glued to the end of a sentence, as text dumps and unwrapped lines give
# it: "… über die Chancen. 07. November 2023 - 10:38 Uhr | Anna Muster",
# "Ein Titel : Datum: 26.01.2022". After a sentence's end or a separator, a date
# counts when a label stands before it or a time of day follows it, and the time
# is followed by the line's end, a separator or a name, not by the sentence that
# an event's time belongs to ("um 14:00 Uhr beginnt …").
_GLUED_START = re.compile(
    r"(?:[.!?…][\"“”»«']?|\s[|•·:]|\s[–—-])\s+"
    # A stamp's label opens it in a capital ("Datum:", "Aktualisiert am"); "– zuletzt
    # am 23.12.2016, als …" is a sentence.
    r"(?P<label>(?=[A-ZÄÖÜ])(?:" + _PUBLISHED_LABEL + "|" + _UPDATED_LABEL + r")\b\.?"
    r"(?:\s*(?:am|vom|on))?\s*:?\s*)?(?=\d)"
)
_GLUED_TIME = re.compile(
    r"^[^\n]{0,30}?\b\d\d?[:.]\d\d\b(?:\s*Uhr\b)?(?!\s*Uhr)\s*(?:$|[|•·/(,–—-]|[A-ZÄÖÜ]|von\s|by\s)"
)
GLUED_SCAN = 600
GLUED_SHOWN = 60
# Enough of a line for the longest date with its time ("07. November 2023 - 10:38").
_DATE_SPAN = 40


def _glued_stamps(
    line: str, index: int, start: int, end: int = GLUED_SCAN
) -> list[DateCandidate]:
    """The stamps glued to sentences among the dates that start in ``line[start:end]``.

    Only the few places after a sentence's end or a separator are parsed, since
    every line of an article's head is searched."""
    found = []
    for m in _GLUED_START.finditer(line, 0, min(len(line), end + _DATE_SPAN)):
        offset = m.end()
        if not start <= offset < end:
            continue
        dates = find_dates(line[offset : offset + _DATE_SPAN])
        if not dates or dates[0][0] != 0:
            continue
        parsed = dates[0][1]
        if parsed.precision not in ("day", "minute"):
            continue
        if m["label"]:
            kind = _label_kind(m["label"]) or "plain"
        elif parsed.precision == "minute" and _GLUED_TIME.match(line[offset:]):
            kind = "plain"
        else:
            continue
        stamp_start = m.start("label") if m["label"] else offset
        glued = line[stamp_start : stamp_start + GLUED_SHOWN].strip()
        found.append(DateCandidate(index, parsed, kind, "timestamp", glued=glued))
    return found


def choose_date(candidates: list[DateCandidate]) -> tuple[DateCandidate | None, PartialDate | None]:
    """The article's date and its update: a publication label beats an unlabelled
    date, which beats an update stamp; among equals the first in the text wins."""
    for kind in ("published", "plain", "updated"):
        chosen = next((c for c in candidates if c.kind == kind), None)
        if chosen is not None:
            later = [
                c.date
                for c in candidates
                if c.kind == "updated" and c.index <= chosen.index + 3 and c.date != chosen.date
            ]
            updated = later[0] if later and kind != "updated" else None
            return chosen, updated
    return None, None


def byline_parts(line: str) -> tuple[list[str], list[str]] | None:
    """Authors and outlets of a byline ("Von Anna Beispiel und Ben Muster, dpa"), or
    None when the line is no byline."""
    m = _BYLINE.match(line)
    if not m:
        return None
    # A headline may start with "Von" too: a byline's own words are names and a
    # few small words, never a phrase ("Von Sprachregeln und ganz normalem Deutsch").
    first = re.split(r"[|·•/]|\d", line[m.start("names") :], maxsplit=1)[0]
    first = _LABEL.split(first, maxsplit=1)[0]
    for word in re.findall(r"(?<!\S)[a-zäöüß]+(?![^\s,;])", first):
        if word not in _BYLINE_SMALL_WORDS and normalise_source(word) is None:
            return None
    names: list[str] = []
    outlets: list[str] = []
    for part in split_credit(_LABEL.split(m["names"], maxsplit=1)[0].strip(" ,")):
        outlet = normalise_source(part)
        if outlet:
            outlets.append(outlet)
        elif _NAME.fullmatch(part):
            names.append(part)
        elif part.casefold() not in {"red", "redaktion"}:
            return None
    if not names and not outlets:
        return None
    return names, outlets


def read_byline(line: str, header: Header) -> bool:
    """Take authors and outlets from a byline; False when the line is none."""
    parts = byline_parts(line)
    if parts is None:
        return False
    names, outlets = parts
    header.add_sources(outlets)
    header.authors.extend(n for n in names if n not in header.authors)
    return True


def _is_title_candidate(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 25
        and len(_WORD.findall(line)) >= 2
        and line.count("|") < 2
        and not line.startswith(("von ", "by "))
        and not line.endswith(".")
        and not (len(words) <= 3 and re.match(r"[a-zäöü][a-zäöüß]", line))
        and not re.search(r"\d\d?:\d\d\s*Uhr", line)
        and not re.match(r"\d\d?[:.]\d\d\W", line)
        and len(line) <= 250
        and not line.endswith(",")
        and not _PAGE_NOISE.match(line)
        and "›" not in line
        and not line.startswith(BULLETS)
    )


# What a text dump leaves in a headline's line: the page's breadcrumb trail in
# front of it ("Startseite > Politik > …", "beispiel.de » News » …", "Sie sind
# hier: Home / …"), the marks of inserted text and the names of images ("[INS::INS]",
# "[bild_1055_a3]", "[aufmacher]" in front; "[Video]" in front is a label).
_TRAIL_START = (
    r"(?:Sie sind hier:\s*)?"
    r"(?:Startseite|Start|Home|Homepage|Übersicht|[\w-]+\.(?:de|at|ch|com|net|org))"
)
_TRAIL = re.compile(
    r"^" + _TRAIL_START + r"\s*(?P<sep>[>»›/|])\s*(?:[^>»›/|]{1,40}?\s*(?P=sep)\s*)*",
    re.IGNORECASE,
)
_DUMP_MARKS = re.compile(
    r"\[(?:INS::INS|DEL::DEL)\]|\[[^\]\s]{0,60}?[_\d][^\]\s]{0,60}\]|^\[[a-z][^\]\s]{0,39}\]"
)
HEADLINE_MAX = 400
_TRAIL_SEPARATORS = re.compile(r"[>»›/|]")
_LIST_NUMBER = re.compile(r"^(\d{1,2})\.\s+(?=\S)")


def headline_text(lines: list[str], index: int) -> str:
    """A header line as a headline would read, without what a dump put around it;
    a number counts as a list item's only when the line above holds the one before
    ("3. Politik" over "4. Headline"), so "3. Liga: …" keeps its number."""
    line = lines[index]
    if len(line) > HEADLINE_MAX:
        return line
    if "[" in line:
        line = _DUMP_MARKS.sub("", line).strip()
    trail = _TRAIL.match(line) if _TRAIL_SEPARATORS.search(line) else None
    if trail is not None and trail.end() < len(line):
        line = line[trail.end() :]
    number = _LIST_NUMBER.match(line) if line[:1].isdigit() else None
    if number is not None and index > 0:
        above = _LIST_NUMBER.match(lines[index - 1].strip())
        if above is not None and int(above.group(1)) + 1 == int(number.group(1)):
            line = line[number.end() :]
    return line


def _is_kicker_shaped(line: str) -> bool:
    """A topic line that may stand above a headline: two to five words and no colon,
    or a line that ends in one ("Tanz in der Kulturhalle:")."""
    words = len(line.split())
    return (2 <= words <= 5 and ":" not in line) or (words <= 8 and line.endswith(":"))


def _is_body_line(line: str) -> bool:
    words = len(line.split())
    if len(line) > 250:
        return True
    if re.search(r"[.…][“\"»«']?$", line):
        return words >= 12
    return words >= 25 and line.endswith(("?", "!"))


def read_header(
    paragraphs: list[str], recommended: set[int] | None = None
) -> tuple[Header, list[str]]:
    """The header of an article's paragraphs (boilerplate already removed), and its body.

    The first lines are read as evidence: every date in them is a candidate, kept
    or passed over by where it stands and what its line says (:func:`date_candidates`,
    :func:`choose_date`); the headline is the first headline-shaped line that is no
    stamp, byline, label or page noise, unless it is a short kicker standing right
    above another such line. ``recommended`` are the indices of lines that stood
    under a "Lesen Sie auch" line, whose dates are other articles'.
    """
    header = Header()
    head = range(min(len(paragraphs), HEAD_LINES))
    recommended = set(recommended or ())
    for i in head:
        if _RECOMMENDATION.match(paragraphs[i]):
            recommended.update(range(i + 1, i + 4))
    candidates = [c for c in date_candidates(paragraphs, head) if c.index not in recommended]
    if not candidates:
        tail_start = max(len(head), len(paragraphs) - TAIL_LINES)
        candidates = date_candidates(paragraphs, range(tail_start, len(paragraphs)), tail=True)
    chosen, updated = choose_date(candidates)
    if chosen is not None:
        header.date, header.origin = chosen.date, chosen.origin
        header.date_line = chosen.glued or paragraphs[chosen.index]
        header.updated = updated

    stamp_lines = {
        c.index for c in candidates if c.origin in ("timestamp", "byline") and c.glued is None
    }
    drop: set[int] = set()
    labels: list[int] = []
    title_index = None
    shown_lines = [headline_text(paragraphs, i) for i in range(min(12, len(paragraphs)))]
    for i, line in enumerate(shown_lines):
        if i in stamp_lines:
            read_byline(line, header)
            drop.add(i)
            continue
        if len(line) <= 160 and read_byline(line, header):
            drop.add(i)
            continue
        if _is_body_line(line) or i == len(paragraphs) - 1:
            break
        if not _is_title_candidate(line):
            if len(line.split()) <= 3 and not line.endswith("."):
                labels.append(i)
            continue
        title_index = i
        break
    if title_index is not None:
        following = title_index + 1
        if (
            following < min(len(paragraphs) - 1, len(shown_lines))
            and _is_kicker_shaped(shown_lines[title_index])
            and _is_title_candidate(shown_lines[following])
            and 3 <= len(shown_lines[following].split()) <= 12
            and following not in stamp_lines
            and byline_parts(shown_lines[following]) is None
        ):
            labels.append(title_index)
            title_index = following
        header.title = shown_lines[title_index]
        shown = [paragraphs[i] for i in labels if not _PAGE_NOISE.match(paragraphs[i])]
        header.kicker = " – ".join(shown) or None
        drop.update(range(title_index + 1))
    # Bylines and stamps under the headline, the teaser or an author box.
    for i in range(len(drop) and max(drop) + 1, len(head)):
        line = shown_lines[i] if i < len(shown_lines) else paragraphs[i]
        if i in stamp_lines:
            read_byline(line, header)
            # A short text's closing print note: ("Beispiel-Kurier", Print-Ausgabe, …).
            if i >= len(paragraphs) - CREDIT_LINES:
                header.add_sources(credit_line_names(line) or [])
            drop.add(i)
        elif len(line) <= 160 and read_byline(line, header):
            drop.add(i)
    body = [p for i, p in enumerate(paragraphs) if i not in drop]
    if header.title is not None:
        # The teaser is the first short paragraph under the headline; a photo caption
        # may stand between them.
        for para in body[:2]:
            if _CAPTION.search(para):
                continue
            if len(para) <= 400 and not is_headline_like(para):
                header.teaser = para
            break
    return header, body


def date_from_body(body: list[str], header: Header) -> None:
    """Date an undated article by a weekday with day and month in its lead."""
    if header.date is not None:
        return
    lead = "\n".join(body[:3])
    if not WEEKDAY_DATE.search(lead):
        return
    # The years the text mentions only matter once the lead names a weekday. Without
    # one, or far from the year the calendar fits, the guess would be a wrong date,
    # which is worse than none.
    years = mentioned_years("\n\n".join(body))
    if not years:
        return
    inferred = infer_weekday_date(lead, years)
    if inferred is not None and inferred.value.year - max(years) in (0, 1):
        header.date, header.origin = inferred, "weekday-inferred"


def read_lines(lines: list[str]) -> tuple[Header, list[str]]:
    """Header and body paragraphs of an article's non-empty, stripped lines."""
    paragraphs: list[str] = []
    # A date right under "Lesen Sie auch" belongs to the article recommended there.
    recommended: set[int] = set()
    for line in lines:
        if not is_boilerplate(line):
            paragraphs.append(line)
        elif _RECOMMENDATION.match(line):
            recommended.update(range(len(paragraphs), len(paragraphs) + 3))
    header, body = read_header(paragraphs, recommended)
    body = strip_credits(body, header)
    read_outlets(body, header)
    if all(is_agency(name) for name in header.sources):
        own = (
            own_outlet_in_lines(paragraphs)
            or own_outlet_in_notes(paragraphs)
            or own_outlet_in_text(body)
        )
        if own is not None:
            header.add_sources([own])
    date_from_body(body, header)
    return header, body


def article_from_header(header: Header, id: str, path: str, text: str) -> Article:
    """An :class:`Article` from a read header and the body text it belongs to."""
    article = Article(
        id=id,
        path=path,
        title=header.title,
        kicker=header.kicker,
        teaser=header.teaser,
        text=text,
        date=header.date.iso() if header.date else None,
        date_precision=header.date.precision if header.date else None,
        date_origin=header.origin if header.date else None,
        date_line=header.date_line if header.date else None,
        updated=header.updated.iso() if header.updated else None,
        section=header.section,
        sources=header.sources,
        authors=header.authors,
    )
    outlets = [s for s in header.sources if not is_agency(s)]
    agencies = [s for s in header.sources if is_agency(s)]
    article.source = (outlets or agencies or [None])[0]  # type: ignore[list-item]
    article.cited = [s for s in cited_sources(text) if s not in header.sources]
    return article
