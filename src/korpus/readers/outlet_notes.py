"""Notes in which a news site names itself around the copied article.

Sites name themselves in notes of a few fixed kinds, and only there, outside credit
lines, is a named outlet the article's own rather than one it quotes:

- where the text appeared first: "Dieser Artikel erschien zuerst im Beispiel-Kurier",
  "Der Text erschien in der Wochenend-Ausgabe der …", "Aus der ZEIT Nr. 17/2024";
- the programme that carried the story: "Über dieses Thema berichtete die tagesschau
  am …", "Dieses Thema im Programm: NDR Info | …", "Sendung: hr-iNFO, …";
- a closing promotion: "Mehr Nachrichten aus Bayern lesen Sie hier auf BR24.";
- the outlet's name joined to its staff in a byline or an interview's note: "Von
  SPIEGEL-Redakteur Anna Beispiel", "Das Interview führte WELT-Reporterin …", "Der
  Trainer spricht im AZ-Interview über …" in the lead, the interviewer's questions
  labelled with the outlet ("SPIEGEL: Herr Beispiel, …");
- a brand line over the headline ("SPIEGEL+", "WELTplus"), the site's address
  ("Website: www.beispiel-news.de"), a desk or press office line ("von
  Beispiel-Team", "Pressestelle Beispielstadt").

The same name in running text ("sagte ein ZDF-Reporter", "sagte Merz im
ZDF-Interview", "in einem Spiegel-Interview") is another outlet's and stays cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from korpus.readers.outlet import ORDINARY_NAMES, is_outlet_shaped, known_outlet
from korpus.sources import AGENCIES, normalise_source, outlet_name

HEAD = 10
TAIL = 6
# The lead: headline, kicker, byline and teaser lines at the top.
LEAD = 6
# Notes are short: a body paragraph that names an outlet is no note.
_NOTE_CHARS = 300

# Where a name may follow in a clause: after a preposition or an article.
_LEAD_IN = re.compile(
    r"(?:^|(?<=\s))(?:in|im|bei|beim|auf|aus|der|des|dem|den|die|das|von|vom|für|unter)\s+(?=\S)"
)


def _outlet_after(clause: str) -> str | None:
    """The first outlet a clause names after a preposition or an article ("… in der
    Wochenend-Ausgabe der Süddeutschen Zeitung" is the Süddeutsche). A name no table
    knows counts where it ends the clause ("auf beispiel-blog.de."), not where it
    only says what kind of site follows ("im Jugendblog „Beispiel“", "im
    Politik-Journal des Tagesspiegels")."""
    for m in _LEAD_IN.finditer(clause):
        rest = clause[m.end() : m.end() + 80]
        if not rest[:1].isalnum():
            continue
        found = known_outlet(rest)
        if found is not None:
            if found not in AGENCIES:
                return found
            continue
        first = re.match(r"[^\s,;:!?()]+", rest)
        if first is None:
            continue
        name = first.group(0).rstrip(".")
        after = rest[len(name) :].lstrip(".")
        if (_DOMAIN_NAME.fullmatch(name) or is_outlet_shaped(name)) and (
            not after.strip() or after[:1] in ",;!?" or after.startswith(". ")
        ):
            return name
    return None


_DOMAIN_NAME = re.compile(r"(?:[\w-]+\.)+(?:de|at|ch|com|net|org|info|eu|news|online)", re.I)


# --- where the text appeared first ---------------------------------------------

_TEXT_WORDS = (
    r"Artikel|Text|Beitrag|Kommentar|Gastbeitrag|Gastkommentar|Interview|Gespräch|"
    r"Kolumne|Essay|Reportage|Rezension|Analyse|Bericht|Leitartikel|Porträt|Glosse"
)
_FIRST_PUBLISHED = re.compile(
    r"(?:^|[.!?]\s+|\*\s*)(?:Dieser|Diese|Dieses|Der|Die|Das)\s+(?:[\w-]+-)?(?:"
    + _TEXT_WORDS
    + r")(?P<verb>\s+)(?:"
    r"erschien\b|erscheint\b|"
    r"ist\s+(?:[\w.,-]+\s+){0,10}?(?:erschienen|entstanden|veröffentlicht\s+worden)\b|"
    r"wurde\s+(?:[\w.,-]+\s+){0,10}?(?:veröffentlicht|publiziert|verfasst|geschrieben)\b|"
    r"stammt\s+aus\b)"
)
# "Aus der ZEIT Nr. 17/2024", "Erschienen in: …", "Zuerst erschienen bei …".
_FROM_ISSUE = re.compile(
    r"^(?:Aus(?=\s+(?:der|dem|des)\s)|(?:Zuerst\s+|Erstmals\s+)?[Ee]rschienen\s+"
    r"(?:zuerst\s+)?(?:in|im|bei|auf)\b\s*:?|Zuerst\s+(?:in|im|bei|auf)\b)"
)


_PUBLISHED_WORDS = (
    "rschien", "öffentlicht", "publiziert", "stammt", "verfasst", "geschrieben", "entstanden",
    "Aus ", "Zuerst",
)  # fmt: skip


def first_published(lines: list[str]) -> str | None:
    """The outlet a note among ``lines`` says the text first appeared in."""
    for para in lines:
        if len(para) > _NOTE_CHARS or not any(word in para for word in _PUBLISHED_WORDS):
            continue
        m = _FIRST_PUBLISHED.search(para)
        if m is not None:
            found = _outlet_after(para[m.start("verb") :])
            if found is not None:
                return found
        m = _FROM_ISSUE.match(para)
        if m is not None and len(para.split()) <= 16:
            found = _outlet_after(" in " + para[m.end() :].lstrip(" :"))
            if found is not None:
                return found
    return None


# --- the programme that carried the story --------------------------------------

_PROGRAMME_NOTE = re.compile(
    r"^(?:Über\s+(?:dieses|das)\s+Thema\s+(?:berichtete|berichteten|berichtet|berichten|hat|haben)\b|"
    r"Dieses\s+Thema\s+im\s+Programm\s*:|Sendung\s*:|Sendung\s+(?:am|vom)\b|"
    r"Diese\s+(?:Nachricht|Meldung|Sendung)\s+wurde\s+am\b.{0,60}\bim\s+Programm\b)",
    re.IGNORECASE,
)
# A word where an outlet's name may start.
_WORD_START = re.compile(r"(?<![\w.-])[\wÄÖÜäöü]")
# The news programmes of the ARD's tagesschau.de, which its stories name beside
# the station that also carried them.
_TAGESSCHAU = {"tagesschau", "tagesthemen"}


def programme_note(lines: list[str]) -> str | None:
    """The outlet a closing programme note names: "Über dieses Thema berichtete die
    tagesschau am …", "Dieses Thema im Programm: NDR Info | …", "Sendung: hr-iNFO"."""
    for para in lines:
        if len(para) > _NOTE_CHARS or not _PROGRAMME_NOTE.match(para):
            continue
        named = _outlets_in(para)
        for name in named:
            if name in _TAGESSCHAU:
                return "tagesschau"
        if named:
            return named[0]
    return None


def _outlets_in(line: str) -> list[str]:
    """Every outlet a short line names, in order; ordinary words ("heute") count in
    capitals only."""
    found: list[str] = []
    for m in _WORD_START.finditer(line):
        rest = line[m.start() : m.start() + 60]
        first = re.split(r"[\s|,;:]", rest, maxsplit=1)[0]
        if first.casefold().strip(".") in ORDINARY_NAMES and not first.isupper():
            continue
        name = known_outlet(rest)
        if name is not None and name not in found:
            found.append(name)
    return found


# --- a closing promotion ---------------------------------------------------------

_PROMOTION = re.compile(
    r"^(?:Mehr|Weitere|Alle|Aktuelle|Hier|News|Nachrichten|Noch\s+mehr|Lesen\s+Sie)\b[^.!?]{0,160}?"
    r"\b(?:auf|bei|unter)\s+(?P<uns>uns\s+(?:auf|bei|unter)\s+)?(?P<name>[^\s,;:!?()]+"
    r"(?:\s+[A-ZÄÖÜ0-9][^\s,;:!?()]*){0,2})\s*(?:[.!:]|\s[–—-]\s|$)"
)


# "Den ganzen Text lesen Sie in der aktuellen Ausgabe des Beispiel-Kuriers", "Die
# Printausgabe der Tagespost vervollständigt …": the outlet's own edition.
_EDITION = re.compile(
    r"\b(?:Print|Digital|Wochenend|Sonntags|aktuellen?|neuen?|gedruckten?|digitalen?)"
    r"[\s-]*[Aa]usgabe\s+(?=der\s|des\s|von\s)"
)
_TO_READER = re.compile(r"\b(?:Sie|Kiosk|abonnieren|bestellen|vervollständigt|ergänzt)\b")


_PROMOTION_STARTS = (
    "Mehr", "Weitere", "Alle", "Aktuelle", "Hier", "News", "Nachrichten", "Noch", "Lesen Sie",
)  # fmt: skip
# "Abonnieren Sie hier den BR24-Newsletter": the outlet's own newsletter.
_NEWSLETTER = re.compile(r"(?<![\w-])(?P<name>[\w.|&+]+(?:-[\w.|&+]+)?)-Newsletter\b")
_SUBSCRIBE = re.compile(r"[Aa]bonnier|[Aa]nmelden|[Bb]estellen|kostenlos")


def promotion(lines: list[str]) -> str | None:
    """The outlet a closing "Mehr … auf X" line or a note on its own edition sends the
    reader to."""
    for para in lines:
        if len(para) <= _NOTE_CHARS and "usgabe" in para:
            edition = _EDITION.search(para)
            if edition is not None and _TO_READER.search(para):
                found = _outlet_after(para[edition.end() :])
                if found is not None:
                    return found
        if "Newsletter" in para and len(para) <= _NOTE_CHARS and _SUBSCRIBE.search(para):
            letter = _NEWSLETTER.search(para)
            found = _staff_outlet(letter["name"]) if letter else None
            if found is not None:
                return found
        if not para.startswith(_PROMOTION_STARTS) or len(para.split()) > 25:
            continue
        m = _PROMOTION.match(para)
        if m is None:
            continue
        name = m["name"].rstrip(".")
        found = known_outlet(name)
        if found is not None and found not in AGENCIES:
            return found
        # A site names itself by its bare address ("beispiel.de"), or by any
        # address where it says "bei uns auf".
        host = name.casefold().removeprefix("https://").removeprefix("http://")
        if re.fullmatch(r"[\w-]+\.(?:de|at|ch|com|net|org|info|eu)", host) or (
            m["uns"] and re.fullmatch(r"(?:www\.)?[\w.-]+\.[a-z]{2,6}", host)
        ):
            return host.removeprefix("www.")
    return None


# --- the outlet's name joined to its staff -------------------------------------

_ROLES = (
    r"Redakteur(?:in|innen|en|s)?|Redaktion|Reporter(?:in|innen|s)?|"
    r"Korrespondent(?:in|innen|en)?|Chefredakteur(?:in|s)?|Chefreporter(?:in)?|"
    r"Autor(?:in|en)?|Kolumnist(?:in|en)?|Volontär(?:in)?|Ressortleiter(?:in)?|"
    r"Mitarbeiter(?:in)?|Team|Interview|Gespräch"
)
# "SPIEGEL-Redakteur", "FOCUS-online-Redakteurin", "OSTHESSEN|NEWS-Chefredakteur".
_STAFF = re.compile(
    r"(?<![\w-])(?P<name>[\w.|&+]+(?:-[\w.|&+]+|\s+[A-ZÄÖÜ][\w.|&+]*){0,2}?)-(?P<role>"
    + _ROLES
    + r")\b"
)
_STAFF_BYLINE = re.compile(
    r"^\S+-(?:" + _ROLES + r")\s+[A-ZÄÖÜ][\w.'-]+(?:\s+[A-ZÄÖÜ][\w.'-]+){1,2}$"
)
# A commentary's first line: "BEISPIEL-Chefredakteur Max Muster bewertet den …".
_STAFF_INTRO = re.compile(
    r"^\S+-(?:" + _ROLES + r")\s+(?:[A-ZÄÖÜ][\w.-]*\s+){1,3}(?:kommentiert|bewertet|"
    r"analysiert|meint|erklärt|ordnet|fasst|blickt|schreibt|berichtet|beantwortet)\b"
)
# A byline or an interview's note: "Von SPIEGEL-Redakteur …", "Ein Kommentar von …",
# "Das Interview führte …", "Interview: …".
_STAFF_NOTE = re.compile(
    r"^(?:(?:Ein(?:e)?\s+)?(?:" + _TEXT_WORDS + r")\s+(?:von|vo[mn]\s+unsere[mr]?)\b|"
    r"[Vv]on\s+(?:unsere[mr]?\s+)?|(?:Das|Dieses)\s+(?:Interview|Gespräch)\s+führte\b|"
    r"Die\s+Fragen\s+stellte\b|(?:Interview|Gespräch|Moderation|(?:Unsere\s+)?Quellen?)\s*:|"
    r"Aufgezeichnet\s+von\b)"
)
# "Der Trainer spricht im AZ-Interview über …", "Im Interview mit der Beispiel-Post
# erklärt die Ministerin …": the lead announces the interview that follows.
_OWN_INTERVIEW = re.compile(
    r"\b(?:[Ii]m|[Ii]n\s+unserem)\s+(?P<name>[\w.|&+]+(?:-[\w.|&+]+)?)-(?:Interview|Gespräch)\b|"
    r"^(?:Im|In\s+einem)\s+(?:Interview|Gespräch)\s+mit\s+(?:der|dem|des)\s+(?P<with>[\w.|&+-]+(?:\s+[A-ZÄÖÜ][\w.|&+-]*)?)\b"
)
# Verbs that announce what an interview holds, in the present tense.
_ANNOUNCES = re.compile(
    r"\b(?:spricht|sprechen|erklärt|erklären|verrät|verraten|erzählt|erzählen|redet|reden|"
    r"äußert|äußern|blickt|blicken|schildert|schildern|beschreibt|zieht|nimmt|antwortet|"
    r"beantwortet|analysiert|geht|gibt|warnt|fordert|spricht)\b"
)
# Words that make it an interview given elsewhere or before: past tenses, a quote,
# a date ("Im ZDF-Interview am 22. Januar sagt er").
_REPORTED = re.compile(
    r"\b(?:sagte|sagten|erklärte|erklärten|betonte|meinte|kündigte|räumte|sprach|"
    r"äußerte|warnte|forderte|kritisierte|verriet|bestätigte|nannte|wies|hatte|hat|"
    r"habe|hätte|sei|gesagt|erklärt\s+hat|berichtete|zitiert|zitierte|laut|am\s+\d|"
    r"vergangen\w*|gestern|jüngst|kürzlich)\b|[„“”\"»«]"
)


def staff_note(lines: list[str]) -> str | None:
    """The outlet whose staff a byline or an interview's note among ``lines`` names."""
    for para in lines:
        if len(para) > _NOTE_CHARS or "-" not in para:
            continue
        note = _STAFF_NOTE.match(para) or _STAFF_INTRO.match(para)
        # A byline of its own: "SPIEGEL-Redakteur Anna Beispiel".
        alone = _STAFF_BYLINE.match(para)
        if note is None and alone is None:
            continue
        for m in _STAFF.finditer(para):
            if note is None and m.start() > 0:
                break
            found = _staff_outlet(m["name"])
            if found is not None:
                return found
    return None


# "Die OÖN sprachen mit …", "Der KURIER hat mit … gesprochen": the outlet as the
# one who held the interview.
_SPOKE_WITH = re.compile(
    r"(?:^|[.!?]\s+)(?:Die|Der|Das)?\s*(?P<name>[\w.|&+-]+(?:\s+[A-ZÄÖÜ][\w.|&+-]*)?)\s+"
    r"(?:sprach|sprachen|hat|haben)\s+mit\s+[^.!?]{0,80}?(?:\bgesprochen\b|[.:]|$)"
)


def interview_lead(lines: list[str]) -> str | None:
    """The outlet that held the interview the lead (``lines``) announces ("Der
    Trainer spricht im AZ-Interview über …"), where no verb says it was given
    elsewhere."""
    for para in lines:
        if "Interview" not in para and "Gespräch" not in para:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", para):
            m = _OWN_INTERVIEW.search(sentence)
            if m is None or _REPORTED.search(sentence) or not _ANNOUNCES.search(sentence):
                continue
            found = _with_outlet(m["name"] or m["with"])
            if found is not None:
                return found
    for para in lines:
        if "sprach" not in para and "gesprochen" not in para:
            continue
        for m in _SPOKE_WITH.finditer(para):
            found = _with_outlet(m["name"])
            if found is not None and (m["name"].isupper() or " " in m["name"].strip()):
                return found
    return None


_SMALL_WORDS = {
    "von", "vom", "der", "die", "das", "dem", "des", "den", "unserem", "unserer", "unser",
    "ein", "eine", "einem", "einer", "im", "mit",
}  # fmt: skip


def _staff_outlet(name: str) -> str | None:
    words = name.strip(".").split()
    # "stellte SPIEGEL-Reporterin", "von der WELT-Redaktion": the name is capitalised.
    while len(words) > 1 and (words[0].casefold() in _SMALL_WORDS or words[0][:1].islower()):
        words = words[1:]
    name = " ".join(words)
    if not name or (name[:1].islower() and known_outlet(name) is None):
        return None
    if name.casefold() in ORDINARY_NAMES and not name.isupper():
        # "Bild-Redakteur" may be a picture desk; "BILD-Redakteur" is the paper's.
        return None
    found = known_outlet(name) or known_outlet(name.replace("-", " "))
    if found is not None:
        return None if found in AGENCIES else found
    return name if is_outlet_shaped(name) or "|" in name else None


def _with_outlet(name: str) -> str | None:
    """A known outlet (an interview's partner no table knows may be anyone's)."""
    if name.casefold() in ORDINARY_NAMES and not name.isupper():
        return None
    found = known_outlet(name) or known_outlet(name.replace("-", " "))
    return found if found is not None and found not in AGENCIES else None


# The interviewer's turns labelled with the outlet: "SPIEGEL: Herr Beispiel, …?".
_TURN = re.compile(r"(?P<name>[^\s:]+(?:\s+[^\s:]+){0,2}):\s+\S")


def interview_turns(paragraphs: list[str]) -> str | None:
    """The outlet whose name labels the questions of an interview, twice or more."""
    # Most texts hold no labelled question: the full count only where one is.
    if not any("?" in para and para.find(":", 1, 40) > 0 for para in paragraphs):
        return None
    counts: dict[str, int] = {}
    asked: dict[str, int] = {}
    labels: dict[str, str] = {}
    for para in paragraphs:
        if para.find(":", 1, 40) < 0:
            continue
        m = _TURN.match(para)
        if m is None:
            continue
        name = m["name"]
        if name.casefold() in ORDINARY_NAMES and not name.isupper():
            continue  # "Bild: Anna Beispiel" credits a picture
        found = normalise_source(name) or (outlet_name(name) if "." in name else None)
        if found is not None and found not in AGENCIES:
            counts[found] = counts.get(found, 0) + 1
            asked[found] = asked.get(found, 0) + ("?" in para)
            labels[found] = name
    # Two turns, half of them questions: not a list of links or headlines
    # ("Beispiel-TV: …"), nor the answers of someone with the outlet's initials.
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    if best is None or best[1] < 2 or asked[best[0]] * 2 < best[1]:
        return None
    # Two letters may be the interviewer's initials ("RP: …?"), unless the text
    # names the outlet by them elsewhere too ("im AZ-Interview").
    short = labels[best[0]]
    named = re.compile(r"(?<![\w-])" + re.escape(short) + r"(?!\w)")
    if len(short) <= 3 and not any(
        not para.startswith(short + ":") and named.search(para) for para in paragraphs
    ):
        return None
    return best[0]


# --- brand lines, addresses, desks ----------------------------------------------

_BRAND_ENDS = ("+", "plus", "Plus", "PLUS", "Premium", "PREMIUM")
_PLUS_BRAND = re.compile(r"^(?P<name>.{1,30}?)\s*(?:\+|plus|Plus|PLUS|Premium|PREMIUM)$")
# Brands known only by a letter and the sign.
_PLUS_LETTERS = {"F": "FAZ", "Z": "Zeit"}
_ADDRESS = re.compile(
    r"^(?:Website|Webseite|Homepage|Internet|Web|Online)\s*:\s*(?P<url>\S+?)\.?$", re.IGNORECASE
)
_DESK_LINE = re.compile(
    r"^(?:[Vv]on\s+(?:der\s+|dem\s+|den\s+)?)?(?:(?P<team>[A-ZÄÖÜ0-9][^\s,;:]*(?:\s+[A-ZÄÖÜ0-9][^\s,;:]*){0,2})"
    r"[\s-]Team|Pressestelle\s+(?:der\s+|des\s+)?(?P<a>[A-ZÄÖÜ].{1,50})|"
    r"(?P<b>[A-ZÄÖÜ].{1,50}?)\s+Pressestelle)$"
)


def brand_line(lines: list[str]) -> str | None:
    """The outlet of a brand line over the headline: "SPIEGEL+", "WELTplus"."""
    for para in lines:
        para = para.strip()
        if len(para) > 40 or not para.endswith(_BRAND_ENDS):
            continue
        m = _PLUS_BRAND.match(para)
        if m is None:
            continue
        name = m["name"].strip()
        found = _PLUS_LETTERS.get(name) or normalise_source(name)
        if found is not None and found not in AGENCIES:
            return found
    return None


def site_address(lines: list[str]) -> str | None:
    """The outlet a "Website: …" line names: a news site's address."""
    for para in lines:
        if ":" not in para[:16]:
            continue
        m = _ADDRESS.match(para.strip())
        if m is None:
            continue
        found = outlet_name(m["url"])
        if found is not None:
            return None if found in AGENCIES else found
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", m["url"].casefold()).split("/")[0]
        if is_outlet_shaped(host) and re.search(
            r"news|zeitung|blog|magazin|kurier|post|presse|journal|online|tv|radio", host
        ):
            return host
    return None


DESK_WORDS = 6
# "Bundesamt für Beispielwesen Pressestelle": an office's full name is longer.
DESK_WORDS_NAMED = 10
_STAMPED_BYLINE = re.compile(
    r"^(?:Veröffentlicht|Erstellt|Geschrieben|Publiziert)\s+(?:am\s+)?[^A-Za-zÄÖÜäöü]{0,4}"
    r"\d[\d.\s]*(?:[A-ZÄÖÜ][a-zäöü]+\.?\s+\d{4})?[\s,|]*(?:um\s+[\d:.]+\s*(?:Uhr)?\s*)?"
    r"(?P<byline>[Vv]on\s+\S.*)$"
)


def desk_line(lines: list[str]) -> str | None:
    """The desk or press office a byline line names: "von Beispiel-Team",
    "Pressestelle Beispielstadt"."""
    for para in lines:
        if len(para) > 80 or ("Team" not in para and "Pressestelle" not in para):
            continue
        para = para.strip()
        # A stamp may stand before the byline: "Veröffentlicht am 8. Mai 2024 von
        # Beispiel-Team".
        stamped = _STAMPED_BYLINE.match(para)
        if stamped is not None:
            para = stamped["byline"]
        press_office = para.endswith("Pressestelle")
        if len(para.split()) > (DESK_WORDS_NAMED if press_office else DESK_WORDS):
            continue
        m = _DESK_LINE.match(para)
        if m is None:
            continue
        name = (m["team"] or m["a"] or m["b"]).strip()
        if name.split()[0] in {"Ihr", "Ihre", "Ihrem", "Unser", "Unsere", "Das", "Die", "Der"}:
            continue
        found = known_outlet(name)
        return found if found is not None and found not in AGENCIES else name
    return None


# Words a region must hold for these notes to be looked for at all: most texts
# hold none, and a substring test is cheaper than their expressions.
_REGION_WORDS: dict[str, tuple[str, ...]] = {
    "interview lead": ("Interview", "Gespräch", "sprach", "gesprochen"),
    "first published": _PUBLISHED_WORDS,
}

# Most telling first: a brand line or labelled questions name the outlet for
# certain; a promotion or a desk line may be a partner's. Each with the lines it
# reads: "head", "tail", "edges" (both), "lead" or "all".
NOTES: list[tuple[str, str, Callable[[list[str]], str | None]]] = [
    ("brand line", "head", brand_line),
    ("interview turns", "all", interview_turns),
    ("staff", "edges", staff_note),
    ("interview lead", "lead", interview_lead),
    ("first published", "edges", first_published),
    ("programme", "tail", programme_note),
    ("promotion", "tail", promotion),
    ("address", "edges", site_address),
    ("desk", "edges", desk_line),
]


def regions(paragraphs: list[str]) -> dict[str, list[str]]:
    """The lines each kind of note is looked for in."""
    head = paragraphs[:HEAD]
    tail = paragraphs[max(len(head), len(paragraphs) - TAIL) :]
    return {
        "head": head,
        "tail": paragraphs[-TAIL:],
        "edges": head + tail,
        "lead": paragraphs[:LEAD],
        "all": paragraphs,
    }


def own_outlet_in_notes(paragraphs: list[str]) -> str | None:
    """The outlet the page's own notes name, by the first kind of note that does."""
    lines = regions(paragraphs)
    for name, region, note in NOTES:
        words = _REGION_WORDS.get(name)
        if words is not None:
            text = "\n".join(lines[region])
            if not any(word in text for word in words):
                continue
        found = note(lines[region])
        if found is not None:
            return found
    return None
