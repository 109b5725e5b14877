"""Where an article names its own outlet outside its credit lines.

Copied pages name their outlet in a copyright note ("© 2024 Beispiel-Kurier"), in
a site-name line of the header or footer ("Beispielstädter Presse 4. März 2024",
"beispiel.de › Sport"), and in the text where it speaks of its own reporting:
"sagte der KURIER", "(KURIER berichtete)", "Nach Informationen von MDR
SACHSEN", "auf Anfrage von Übermedien". Another outlet the text
quotes is no such evidence ("sagte er der „Bild“", "dem Magazin Spiegel", "wie der
SWR berichtet"): it is cited. Since a wrong source is worse than none, a single
mention in running text counts only in the forms outlets keep for themselves (their
name in capitals, their own earlier report, their own inquiry or interview); a plain
"sagte er dem Tagesspiegel" counts when the text says it twice.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from korpus.dates import date_patterns
from korpus.sources import AGENCIES, normalise_source, outlet_name, site_host

# Words that end the names of news outlets: "Beispielstädter Presse", "Bahnreiseblog",
# "Finanzwelt-Magazin", "Beispiel-Kurier".
_OUTLET_WORD = re.compile(
    r"(?:zeitung|presse|magazin|news|blog|kurier|post|rundschau|anzeiger|tagblatt|tageblatt|"
    r"nachrichten|journal|woche|bote|echo|online|report|radio|rundfunk|tv|fernsehen|express|"
    r"stimme|merkur|allgemeine|insider|times|reporter|aktuell|portal|revue)$",
    re.IGNORECASE,
)
_DOMAIN = re.compile(
    r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:de|at|ch|com|net|org|info|eu|world|online|news|media)$",
    re.IGNORECASE,
)
# A name as running text writes it: up to three words, capitals inside allowed
# ("MDR SACHSEN", "Beispiel|News", "beispiel.de"), no quotes around it.
_NAME = r"(?P<name>[\wÄÖÜäöüß][\w.&|+-]*(?:\s+[A-ZÄÖÜ][\w.&|+-]*){0,2})"
_QUOTE = "„“”\"»«‚‘’'"
# A name ends before punctuation or a word in small letters.
_AFTER_NAME = r"(?=\s*(?:[,.;:!?)(\[]|$|\s?[–-]\s)|\s+[a-zäöüß])"
# A clause that tells something to an outlet or reports what it learnt, ending
# where the outlet's name follows: "sagte der Bürgermeister der ", "verrät ".
_TOLD = re.compile(
    r"\b(?:sagte|sagt|sagten|erklärte|erklärt|erklärten|bestätigte|bestätigt|bestätigten|"
    r"schilderte|schildert|verriet|verrät|betonte|betont|meinte|meint|"
    r"antwortete|antwortet|erzählte|erzählt|kündigte|versicherte|teilte|sagen|räumte|"
    r"hieß es|[Nn]ach Informationen)\b"
)
# Not "im ZDF" or "bei MDR AKTUELL" (on air): told to, or straight after the verb.
_TOLD_TO = re.compile(
    r"(?:\b(?:der|dem|zu|von|gegenüber)|\b(?:sagte|sagt|erklärte|erklärt|bestätigte|bestätigt|"
    r"verriet|verrät|betonte|betont|meinte|meint|antwortete|erzählte|versicherte))\s+$"
)
# Words in capitals: "KURIER", "MDR SACHSEN", "COMPUTER BILD".
# (No look-behind in front: an expression that starts with a letter class is
# searched fast; the letter before is checked on the few matches.)
_CAPITALS_WORDS = re.compile(
    r"[A-ZÄÖÜ][A-ZÄÖÜ0-9.|-]{2,}(?:\s+[A-ZÄÖÜ][A-ZÄÖÜ0-9.|-]+){0,2}(?![\w-])"
)
# The outlet's own earlier report, inquiry or promotion: "(KURIER berichtete)",
# "Krautreporter berichtete.", "worüber Übermedien hier bereits berichtete", "Wie von
# beispiel.de berichtet", "auf Anfrage von Übermedien", "in unserem Liveticker auf
# beispiel.de". Footnotes ("(beispiel.org berichtete [5])") cite another site.
# Each form with the words a paragraph must hold for it to be tried at all: one
# expression over whole texts, with names at any word, cost more than all the rest
# of the parsing.
_OWN_FORMS: list[tuple[tuple[str, ...], str]] = [
    (("berichtet",), r"\(\s*{name}\s+berichtete\b(?![^)]*[\[\]])"),
    (
        ("hier berichte", "hier bereits berichte", "hier schon berichte"),
        r"(?<![\w-]){name}\s+(?:hat(?:te)?\s+)?hier\s+(?:bereits\s+|schon\s+)?berichte",
    ),
    (
        ("berichtete.", "berichtete bereits."),
        r"(?:^|[.!?]\s+|\s[–—-]\s+)(?:(?:der|die|das)\s+)?{name}\s+berichtete(?:\s+bereits)?\.(?!\d)",
    ),
    (("berichtet",), r"\b[Ww]ie\s+von\s+{name}\s+(?:bereits\s+)?berichtet\b"),
    (("Anfrage von",), r"\bauf\s+Anfrage\s+von\s+{name}"),
    (
        ("unser",),
        r"\bunser\w*\s+(?:[\w-]+\s+){{0,3}}(?:auf|bei|von)\s+"
        r"(?P<{group}>[\w-]+\.(?:de|at|ch|com|net|org))\b",
    ),
    (("Mehr",), r"^Mehr\s+(?:[\w-]+\s+)?(?:von|auf|bei)\s+{name}:?$"),
    (("Jetzt Fan",), r"\bJetzt\s+Fan\s+(?:der|des|von)\s+{name}[^.!?]{{0,60}}\bwerden\b"),
    (("Folgen Sie",), r"\bFolgen\s+Sie\s+(?:der|dem|uns)?\s*{name}\s+auf\b"),
    # Its live coverage, its network and its disclaimers.
    (
        ("Live", "icker", "blog", "Blog"),
        r"\b(?:im|in\s+unserem)\s+(?:Live-?\w*|\w*[Tt]icker|\w*[Bb]log)\s+(?:bei|auf)\s+{name}",
    ),
    (
        ("ist Teil", "ist ein Teil", "ist ein Angebot"),
        r"^\*?{name}\s+ist\s+(?:ein\s+)?(?:Teil|Angebot)\s+(?:des|der|von)\b",
    ),
    (
        ("zu eigen",),
        r"(?:^|[.!?]\s+)(?:Der|Die|Das)?\s*{name}\s+macht\s+sich\s+[^.]{{0,80}}\s+nicht\s+zu\s+eigen",
    ),
    (("Beiträgen",), r"\bBeiträgen\s+(?:auf|bei|von)\s+{name}\s+(?:entsprechen|geben|spiegeln)\b"),
]
_OWN_REPORT = [
    (words, re.compile(form.format(name=_NAME, group="name"))) for words, form in _OWN_FORMS
]
# A word in capitals: the only names a telling clause counts.
_CAPITALS_WORD = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9.|-]{2,}")


def _variants(phrase: str) -> list[str]:
    """The phrase as a name may be declined in the text: "der Frankfurter Allgemeinen",
    "des Spiegels"."""
    words = phrase.split()
    out = [phrase]
    if any(w[-2:].lower() == "en" for w in words):
        out.append(" ".join(w[:-1] if w[-2:].lower() == "en" else w for w in words))
    if phrase.endswith("s") and len(phrase) > 4:
        out.append(phrase[:-1])
    return out


def known_outlet(phrase: str) -> str | None:
    """The outlet (not agency) a phrase starts with, declined or not."""
    words = phrase.strip(_QUOTE + " ,.;:").split()
    for n in range(min(3, len(words)), 0, -1):
        head = " ".join(words[:n]).strip(_QUOTE + ",;:")
        # "F.A.Z." keeps the dot the strip took.
        dotted = [head + "."] if "." in head else []
        for candidate in [*_variants(head), *dotted]:
            found = normalise_source(candidate)
            if found is None and "." in candidate.strip("."):
                found = outlet_name(candidate.rstrip("."))
            if found is not None:
                return None if found in AGENCIES else found
    return None


def is_outlet_shaped(phrase: str) -> bool:
    """An unknown name that looks like a news site's: a domain, a compound ending in
    "-zeitung", "-blog", "-magazin" and the like ("Bahnreiseblog"), or such a word
    after a place ("Beispielstädter Presse"); not the bare word ("Magazin", "Top News")."""
    words = phrase.split()
    if not words or len(words) > 3:
        return False
    if _DOMAIN.match(phrase):
        return True
    if not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    last = words[-1].rstrip(".")
    m = _OUTLET_WORD.search(last)
    if m is None:
        return False
    compound = m.start() >= 3
    placed = len(words) >= 2 and words[-2].endswith("er") and words[-2][:1].isupper()
    return compound or placed


def _capitals(phrase: str) -> bool:
    letters = [ch for ch in phrase if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def name_of(phrase: str, strong: bool = False) -> tuple[str, bool] | None:
    """The outlet a mention names, and whether the mention is in capitals; leading
    small words are passed over ("worüber Übermedien" is Übermedien)."""
    words = phrase.strip(" ,.;:").split()
    while len(words) > 1 and words[0][:1].islower() and known_outlet(words[0]) is None:
        words = words[1:]
    phrase = " ".join(words)
    found = known_outlet(phrase)
    if found is not None:
        return found, _capitals(phrase)
    words = phrase.split()
    if words and _DOMAIN.match(words[0].rstrip(".")):
        return words[0].rstrip("."), True
    # The forms outlets keep for their own reports may name an outlet no table knows.
    if strong and words and is_outlet_shaped(words[0]):
        return words[0], True
    return None


def _lines_holding(text: str, words: tuple[str, ...]) -> set[str]:
    """The lines of ``text`` that hold one of ``words``, found without a scan per line."""
    lines = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            lines.add(text[start:end])
            at = text.find(word, end)
    return lines


def self_mentions(paragraphs: list[str]) -> Counter[str]:
    """How often the text names each outlet as its own."""
    counts: Counter[str] = Counter()
    text = "\n".join(paragraphs)
    for words, form in _OWN_REPORT:
        for line in _lines_holding(text, words):
            for m in form.finditer(line):
                named = name_of(m["name"], strong=True)
                if named is not None:
                    counts[named[0]] += 2
    # Told to the outlet or learnt by it, in its capitals: "sagte der KURIER", "Nach
    # Informationen von MDR SACHSEN". In plain letters such a clause names other
    # outlets as often as the text's own ("sagte er der Welt").
    for m in _CAPITALS_WORDS.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"):
            continue
        name = _capital_outlet(m.group(0))
        if name is None:
            continue
        before = re.split(r"[.!?;:\n" + _QUOTE + "]", text[max(0, m.start() - 90) : m.start()])[-1]
        if _TOLD.search(before) and _TOLD_TO.search(before):
            counts[name] += 2
    return counts


@functools.lru_cache(maxsize=4096)
def _capital_outlet(words: str) -> str | None:
    """The outlet words in capitals name ("MDR SACHSEN" is MDR), or None."""
    named = name_of(words)
    if named is None or not named[1] or known_outlet(named[0]) is None:
        return None
    return named[0]


def own_outlet_in_text(paragraphs: list[str]) -> str | None:
    """The outlet the text names as its own, if one clearly is."""
    counts = self_mentions(paragraphs)
    if not counts:
        return None
    (best, score), *rest = counts.most_common(2)
    if score < 2 or (rest and rest[0][1] * 2 > score):
        return None
    return best


# Outlets named by an ordinary word, which a line of its own may be for other
# reasons ("Bild vergrößern", a section "Österreich").
ORDINARY_NAMES = {
    "bild", "heute", "presse", "standard", "welt", "zeit", "stern", "focus", "krone", "kurier",
    "freitag", "blick", "express", "spiegel", "merkur", "capital", "republik", "falter",
    "profil", "kicker", "compact", "tagespost", "spektrum", "watson", "vice", "ran",
    "österreich", "utopia", "cicero",
}  # fmt: skip

# --- lines that carry the site's name --------------------------------------------

SITE_LINES_HEAD = 8
SITE_LINES_TAIL = 6
# "© 2024 Beispiel-Kurier", "Copyright (c) 2023 Bahnreiseblog. Alle Rechte vorbehalten",
# "© Beispiel-Kurier 2024 – Alle Rechte vorbehalten": a year or the word names a
# copyright note, not a picture credit ("© Anna Beispiel").
_COPYRIGHT_HEAD = re.compile(r"^(?:Copyright\s*(?:©|\(c\))?|©|\(c\))", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# What a copyright note holds besides the owner's name: "Copyright: ", "© ", "by",
# the years, the rights reserved, the company's legal form.
COPYRIGHT_NOISE = re.compile(
    r"^\s*[:©]\s*|\bby\s+|\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\b|"
    r"\bAlle\s+Rechte\s+vorbehalten\b|\bAll\s+rights\s+reserved\b|"
    r"\s(?-i:GmbH(?:\s*&\s*Co\.?\s*KG)?|mbH|AG|KG|SE)\b\.?",
    re.IGNORECASE,
)
_COPYRIGHT_END = re.compile(r"\s*(?:[|•·,;:()]|\s[–—-]\s|\.\s)")
# A label ("Foto: ...", "Quelle: ...") or a picture word: no site-name line.
_LABELLED = re.compile(r"[^\W\d]:(?:\s|$)|\b(?:Foto|Bild|Video|Audio|Podcast)")
_TIME = re.compile(r"\b\d\d?[:.]\d\d(?:\s*Uhr)?\b")
_SEGMENTS = re.compile(r"\s*(?:[›»|•·/]|\s[–—-]\s|\s{2,}|,)\s*")
# The outlet's name opening the first paragraph: "Beispiel-Magazin.com - Am Sonntag ..."
_NAME_DATELINE = re.compile(r"^(?P<name>[^\s–—-][^–—]{1,40}?)\s+[–—-]\s+\S")
_DESK = re.compile(r"^(?:Redaktion\s+(?P<a>\S.{1,40})|(?P<b>\S.{1,40}?)[\s-]Redaktion)$")
# A picture credit closing a caption: "© Reiterrevue", "Bild © Anna Beispiel/hr".
_PICTURE = re.compile(
    r"(?:©|\(c\))\s*(?:[^/\n]{1,40}/)?(?P<name>[^\s/,;:)]+(?:\s+[^\s/,;:)]+){0,2})\s*$"
)


def strip_dates(line: str) -> str:
    """The line without the dates in it."""
    for pattern in date_patterns():
        line = pattern.sub(" ", line)
    return line


# Numbers, month names and "Uhr": enough of a date or time to cut a site-name line
# into its parts (one expression; the full date expressions cost ten times more).
_STAMP = re.compile(
    r"\d[\d.:/–-]*|\b(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
    r"November|Dezember|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Oct|Nov|Dez|Dec|January|"
    r"February|March|May|June|July|October|December)\b\.?|\bUhr\b",
    re.IGNORECASE,
)


def _strip_stamps(line: str) -> str:
    return _STAMP.sub(" ", line)


def copyright_owner(line: str) -> str | None:
    """The outlet a copyright note names ("© 2024 Beispiel-Kurier"), known or not."""
    line = line.strip()
    head = _COPYRIGHT_HEAD.match(line)
    if head is None:
        return None
    rest = line[head.end() :]
    if not (_YEAR.search(rest) or line.casefold().startswith("copyright")):
        return None
    bare = COPYRIGHT_NOISE.sub(" ", rest).strip(" :")
    name = _COPYRIGHT_END.split(bare, maxsplit=1)[0].strip(" .")
    if len(name) < 2:
        return None
    found = known_outlet(name)
    if found is not None:
        return found
    words = name.split()
    if 1 <= len(words) <= 4 and words[0][:1].isupper() or _DOMAIN.match(name):
        return name
    return None


def site_name(line: str, head: bool) -> str | None:
    """The outlet a short header or footer line names: the site's name alone or beside
    a date, a section or an author ("tennisnet.com › Sport", "19.10.2019 11:36
    beispiel-tv", "Beispielstädter Presse 4. März 2024 Polizei")."""
    if len(line) > 120:
        return None
    desk = _DESK.match(line)
    if desk:
        name = (desk["a"] or desk["b"]).strip()
        return known_outlet(name) or (
            name if _DOMAIN.match(name) or is_outlet_shaped(name) else None
        )
    bare = _strip_stamps(line)
    segments = [s for s in _SEGMENTS.split(bare) if s.strip(" .")]
    for segment in segments[:1] + segments[-1:]:
        segment = segment.strip(" .:")
        if len(segment.split()) > 4:
            continue
        found = normalise_source(segment) or (
            outlet_name(segment) if _DOMAIN.match(segment) else None
        )
        # Short names count in capitals only: "Fr, 18. Oktober" is no FR.
        short = len(segment) <= 3 and not segment.isupper()
        if (
            found is not None
            and found not in AGENCIES
            and not short
            and segment.casefold() not in ORDINARY_NAMES
        ):
            return found
        # A name no table knows counts on a short line of its own only.
        # A site names itself "beispiel.de", not "www.beispiel.de" or "amt.bund.de",
        # which are addresses of other pages.
        own_domain = _DOMAIN.match(segment) and segment.count(".") == 1
        if head and len(bare.split()) <= 6 and (own_domain or is_outlet_shaped(segment)):
            return segment
    return None


# The page's own address: "Permalink: https://www.beispiel.de/-x9", "Kurz-URL: ...".
_OWN_ADDRESS = re.compile(
    r"^(?:Permalink|Kurz-?URL|Kurzlink|Artikel-?URL|URL|Link zum Artikel)\s*:\s*(?P<url>\S+)$",
    re.IGNORECASE,
)


def _address_owner(line: str) -> str | None:
    m = _OWN_ADDRESS.match(line)
    if m is None:
        return None
    found = outlet_name(m["url"])
    if found is not None:
        return None if found in AGENCIES else found
    host = site_host(m["url"])
    return re.sub(r"^(?:www\d?|m|amp)\.", "", host) if host else None


def own_outlet_in_lines(lines: list[str]) -> str | None:
    """The outlet named by the lines around the text: a copyright note, a site-name
    line, the page's own address, the name opening the first paragraph, pictures it
    credits to itself."""
    head = range(min(SITE_LINES_HEAD, len(lines)))
    tail = range(max(len(head), len(lines) - SITE_LINES_TAIL), len(lines))
    for line in lines[: SITE_LINES_HEAD * 2]:
        if ":" in line and len(line) < 200:
            owner = _address_owner(line.strip())
            if owner is not None:
                return owner
    for i in [*tail, *head]:
        line = lines[i].strip()
        if len(line) > 120:
            continue
        if line.startswith(("©", "(c)", "(C)", "Copyright", "copyright")):
            owner = copyright_owner(line)
            if owner is not None:
                return owner
            continue
        # A picture credit ("Cyber-Attacken – © Anna Beispiel – stock.example.com").
        if "(" in line or "©" in line or _LABELLED.search(line):
            continue
        found = site_name(line, head=i in head)
        if found is not None:
            return found
    for line in lines[: SITE_LINES_HEAD + 4]:
        m = _NAME_DATELINE.match(line)
        if m and len(line) > 80:
            name = m["name"]
            found = normalise_source(name) or (outlet_name(name) if _DOMAIN.match(name) else None)
            ordinary = name.casefold() in ORDINARY_NAMES
            if found is not None and found not in AGENCIES and not ordinary:
                return found
            if _DOMAIN.match(name):
                return name
    # Pictures the outlet credits to itself: "Die neue Halle. © Reiterrevue".
    credited: Counter[str] = Counter()
    for line in lines if any("©" in line for line in lines) else ():
        if "©" in line:
            m = _PICTURE.search(line[-80:])
            if m and (
                known_outlet(m["name"])
                or (is_outlet_shaped(m["name"]) and not _DOMAIN.match(m["name"]))
            ):
                credited[known_outlet(m["name"]) or m["name"]] += 1
    best = credited.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None
