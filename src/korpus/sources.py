"""Names of news agencies and outlets, normalised the way German newsrooms credit them."""

from __future__ import annotations

import re

# Canonical name -> spellings seen in credits, bylines and running text.
AGENCIES: dict[str, tuple[str, ...]] = {
    "dpa": ("dpa", "dpa-infocom", "dpa-AFX", "Deutsche Presse-Agentur", "Deutschen Presse-Agentur"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters", "rtr"),
    "AP": ("AP", "Associated Press"),
    "KNA": ("KNA", "Katholische Nachrichten-Agentur"),
    "epd": ("epd", "Evangelischer Pressedienst"),
    "SID": ("SID", "Sport-Informations-Dienst"),
    "dts": ("dts", "dts Nachrichtenagentur"),
    "APA": ("APA",),
    "AFX": ("AFX",),
    "Bloomberg": ("Bloomberg",),
    "Tass": ("Tass", "TASS"),
    "KCNA": ("KCNA",),
    "Yonhap": ("Yonhap",),
    "Xinhua": ("Xinhua",),
    "Interfax": ("Interfax",),
    "RIA Nowosti": ("RIA Nowosti", "RIA Novosti", "Ria Nowosti"),
    "Ukrinform": ("Ukrinform",),
    "Kyodo": ("Kyodo",),
    "ANSA": ("ANSA",),
}

OUTLETS: dict[str, tuple[str, ...]] = {
    "t-online": ("t-online", "t-online.de", "tonline"),
    "ntv": ("ntv", "ntv.de", "n-tv", "n-tv.de"),
    "tagesschau": ("tagesschau", "tagesschau.de"),
    "ARD": ("ARD",),
    "ZDF": ("ZDF", "zdf.de", "ZDFheute"),
    "Deutschlandfunk": ("Deutschlandfunk", "DLF"),
    "Deutsche Welle": ("Deutsche Welle", "DW"),
    "Spiegel": ("Spiegel", "Der Spiegel", "SPIEGEL", "spiegel.de"),
    "FAZ": ("FAZ", "F.A.Z.", "faz.net", "Frankfurter Allgemeine Zeitung", "Frankfurter Allgemeine"),
    "Süddeutsche Zeitung": ("Süddeutsche Zeitung", "SZ", "sueddeutsche_zeitung", "sueddeutsche.de"),
    "Welt": ("Welt", "WELT", "welt.de", "Die Welt"),
    "Bild": ("Bild", "BILD", "bild.de", "Bild-Zeitung"),
    "Focus": ("Focus", "FOCUS", "focus.de", "Focus Online", "FOCUS online"),
    "Stern": ("Stern", "stern.de"),
    "Zeit": ("Zeit Online", "ZEIT ONLINE", "Die Zeit", "zeit.de"),
    "taz": ("taz", "taz.de"),
    "Tagesspiegel": ("Tagesspiegel", "tagesspiegel.de", "Der Tagesspiegel"),
    "Merkur": ("Merkur", "merkur.de", "Münchner Merkur"),
    "RND": ("RND", "RedaktionsNetzwerk Deutschland"),
    "Handelsblatt": ("Handelsblatt",),
    "CNN": ("CNN",),
    "BBC": ("BBC",),
    "New York Times": ("New York Times", "NYT"),
    "Washington Post": ("Washington Post",),
    "Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Financial Times": ("Financial Times",),
    "Politico": ("Politico",),
    "Al Jazeera": ("Al Jazeera", "Al-Dschasira"),
    "Kyiv Independent": ("Kyiv Independent",),
}

UNKNOWN = "source unknown"
"""How every view and export names the source of an article that names none."""

_CANONICAL: dict[str, str] = {
    alias.casefold(): name
    for table in (AGENCIES, OUTLETS)
    for name, aliases in table.items()
    for alias in (name, *aliases)
}

# Names that are ordinary words or too short to trust in running text; they count
# only inside credits ("(dpa/AP)"), never as a mention in the body.
_AMBIGUOUS_IN_TEXT = {
    "AP",
    "SZ",
    "DW",
    "SID",
    "dts",
    "Welt",
    "Bild",
    "Stern",
    "Focus",
    "Merkur",
    "Zeit",
    "taz",
    "ntv",
    "Spiegel",
    "AFX",
    "APA",
    "DLF",
    "NYT",
}


_CANONICAL_SPELLINGS = {
    alias
    for table in (AGENCIES, OUTLETS)
    for name, aliases in table.items()
    for alias in (name, *aliases)
}


def normalise_source(name: str) -> str | None:
    """The canonical name of a known agency or outlet, or None."""
    return _CANONICAL.get(name.strip().strip(".,;:").casefold())


def is_agency(name: str) -> bool:
    return name in AGENCIES


_MENTION = re.compile(
    r"(?<![\w-])("
    + "|".join(
        re.escape(alias)
        for alias in sorted(_CANONICAL_SPELLINGS - _AMBIGUOUS_IN_TEXT, key=len, reverse=True)
    )
    + r")(?![\w-])"
)


def cited_sources(text: str) -> list[str]:
    """Agencies and outlets the text names as someone else's report, in order."""
    seen: list[str] = []
    for m in _MENTION.finditer(text):
        name = _CANONICAL[m.group(1).casefold()]
        if name not in seen:
            seen.append(name)
    return seen


def split_credit(credit: str) -> list[str]:
    """Names in a credit such as "t-online, dpa", "Tass/dpa" or "dpa und AFP"."""
    parts = re.split(r"\s*(?:,|/|\||;|&|\bund\b|\bmit\b)\s*", credit)
    return [p.strip() for p in parts if p.strip()]


_WEB_SUFFIX = re.compile(r"^(?:https?://)?(?:www\.)?(.+?)(?:\.(?:de|com|net|org|at|ch|eu|fr))?/?$")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def source_key(name: str) -> str:
    """A name folded for comparison: case, umlauts, accents, punctuation, web suffix.

    "t-online", "T-Online.de" and "tonline" fold alike; so do "Süddeutsche
    Zeitung" and "sueddeutsche_zeitung", "n-tv" and "ntv".
    """
    import unicodedata

    text = name.strip().casefold()
    text = _WEB_SUFFIX.sub(r"\1", text).translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum())


def source_keys(name: str) -> set[str]:
    """The keys a source name stands for: its own and its canonical name's."""
    keys = {source_key(name)}
    canonical = normalise_source(name) or normalise_source(name.replace("_", " "))
    if canonical:
        keys.add(source_key(canonical))
    # "Spiegel Online", "Welt Online": the site is the outlet.
    keys |= {k[: -len("online")] for k in keys if k.endswith("online") and len(k) >= 9}
    return keys - {""}


def matching_sources(wanted: str, known: list[str]) -> list[str]:
    """The names in ``known`` (as the index stores them) that ``wanted`` means."""
    keys = source_keys(wanted)
    return [name for name in known if source_keys(name) & keys]


def closest_sources(wanted: str, known: list[str], count: int = 3) -> list[str]:
    """The known names most like ``wanted``, for a suggestion."""
    from rapidfuzz import fuzz, process

    keyed = {source_key(name): name for name in known}
    found = process.extract(source_key(wanted), list(keyed), scorer=fuzz.WRatio, limit=count)
    return [keyed[key] for key, score, _ in found if score >= 60]
