"""Forms of German strong and irregular verbs, which no ending rule reaches.

"geschlossen", "schloss" and "schlossen" are forms of "schließen", "abgeschoben"
of "abschieben", "gibt" of "geben": the vowel changes, so neither Snowball nor
the rules for weak verbs in :mod:`korpus.analysis` can take them back to the
infinitive. This table holds each verb's past stem, participle and, where the
vowel changes, its present third person; prefixed verbs ("beschließen",
"abschließen") are formed from it and count when the word list knows them.
Every form, the infinitive and the regular present included, is indexed as the
infinitive as written, not as its stem: Snowball stems "Sprecher" as
"sprechen", so "sprach" would otherwise be found by `Sprecher`.
"""

from __future__ import annotations

from functools import cache

from korpus.german import INSEPARABLE_PREFIXES, fold

# infinitive, past stem, participle[, present third person where its vowel changes]
_TABLE = """
backen backte gebacken bäckt
befehlen befahl befohlen befiehlt
beginnen begann begonnen
beißen biss gebissen
bergen barg geborgen birgt
bersten barst geborsten birst
betrügen betrog betrogen
bewegen bewog bewogen
biegen bog gebogen
bieten bot geboten
binden band gebunden
bitten bat gebeten
blasen blies geblasen bläst
bleiben blieb geblieben
braten briet gebraten brät
brechen brach gebrochen bricht
brennen brannte gebrannt
bringen brachte gebracht
denken dachte gedacht
dringen drang gedrungen
empfehlen empfahl empfohlen empfiehlt
essen aß gegessen isst
fahren fuhr gefahren fährt
fallen fiel gefallen fällt
fangen fing gefangen fängt
fechten focht gefochten ficht
finden fand gefunden
flechten flocht geflochten flicht
fliegen flog geflogen
fliehen floh geflohen
fließen floss geflossen
fressen fraß gefressen frisst
frieren fror gefroren
gebären gebar geboren
geben gab gegeben gibt
gedeihen gedieh gediehen
gehen ging gegangen
gelingen gelang gelungen
gelten galt gegolten gilt
genesen genas genesen
genießen genoss genossen
geschehen geschah geschehen geschieht
gewinnen gewann gewonnen
gießen goss gegossen
gleichen glich geglichen
gleiten glitt geglitten
graben grub gegraben gräbt
greifen griff gegriffen
halten hielt gehalten
hängen hing gehangen
hauen hieb gehauen
heben hob gehoben
heißen hieß geheißen
helfen half geholfen hilft
kennen kannte gekannt
klingen klang geklungen
kneifen kniff gekniffen
kommen kam gekommen
kriechen kroch gekrochen
laden lud geladen lädt
lassen ließ gelassen lässt
laufen lief gelaufen läuft
leiden litt gelitten
leihen lieh geliehen
lesen las gelesen liest
liegen lag gelegen
lügen log gelogen
meiden mied gemieden
melken molk gemolken
messen maß gemessen misst
misslingen misslang misslungen
nehmen nahm genommen nimmt
nennen nannte genannt
pfeifen pfiff gepfiffen
preisen pries gepriesen
quellen quoll gequollen quillt
raten riet geraten rät
reiben rieb gerieben
reißen riss gerissen
reiten ritt geritten
rennen rannte gerannt
riechen roch gerochen
ringen rang gerungen
rufen rief gerufen
saufen soff gesoffen säuft
saugen sog gesogen
schaffen schuf geschaffen
scheiden schied geschieden
scheinen schien geschienen
schieben schob geschoben
schießen schoss geschossen
schlafen schlief geschlafen schläft
schlagen schlug geschlagen schlägt
schleichen schlich geschlichen
schleifen schliff geschliffen
schließen schloss geschlossen
schlingen schlang geschlungen
schmeißen schmiss geschmissen
schmelzen schmolz geschmolzen schmilzt
schneiden schnitt geschnitten
schreiben schrieb geschrieben
schreien schrie geschrien
schreiten schritt geschritten
schweigen schwieg geschwiegen
schwellen schwoll geschwollen schwillt
schwimmen schwamm geschwommen
schwinden schwand geschwunden
schwingen schwang geschwungen
schwören schwor geschworen
sehen sah gesehen sieht
senden sandte gesandt
singen sang gesungen
sinken sank gesunken
sinnen sann gesonnen
sitzen saß gesessen
sprechen sprach gesprochen spricht
springen sprang gesprungen
stechen stach gestochen sticht
stehen stand gestanden
stehlen stahl gestohlen stiehlt
steigen stieg gestiegen
sterben starb gestorben stirbt
stinken stank gestunken
stoßen stieß gestoßen stößt
streichen strich gestrichen
streiten stritt gestritten
tragen trug getragen trägt
treffen traf getroffen trifft
treiben trieb getrieben
treten trat getreten tritt
trinken trank getrunken
trügen trog getrogen
tun tat getan
verderben verdarb verdorben verdirbt
vergessen vergaß vergessen vergisst
verlieren verlor verloren
verzeihen verzieh verziehen
wachsen wuchs gewachsen wächst
waschen wusch gewaschen wäscht
weichen wich gewichen
weisen wies gewiesen
wenden wandte gewandt
werben warb geworben wirbt
werfen warf geworfen wirft
wiegen wog gewogen
winden wand gewunden
wissen wusste gewusst
ziehen zog gezogen
zwingen zwang gezwungen
"""

# Prefixes that split off in a main clause and take "ge" inside ("ab|ge|schoben").
_SEPARABLE = (
    "ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "entgegen", "fest", "fort",
    "frei", "her", "heran", "herauf", "heraus", "herbei", "herein", "herum", "herunter",
    "hervor", "hin", "hinauf", "hinaus", "hinein", "hinzu", "los", "mit", "nach", "nieder",
    "statt", "teil", "um", "unter", "vor", "voran", "vorbei", "voraus", "weg", "weiter",
    "wieder", "zu", "zurück", "zusammen", "über",
)  # fmt: skip
# Folded, longest first, so "hinaus" is tried before "hin".
SEPARABLE_PREFIXES = tuple(sorted({fold(p) for p in _SEPARABLE}, key=len, reverse=True))
# Endings of a participle used as an adjective ("die geschlossenen Schulen").
_ADJECTIVE = ("", "e", "en", "er", "es", "em")


def _base_forms() -> dict[str, dict[str, str]]:
    """Each base verb's forms: past forms, participles and present forms."""
    verbs: dict[str, dict[str, str]] = {}
    for line in _TABLE.strip().splitlines():
        infinitive, past, participle, *present = (fold(w) for w in line.split())
        stem = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
        et = "et" if stem.endswith(("t", "d")) else "t"
        forms = dict.fromkeys((infinitive, stem + "e", stem + et), "present")
        for ending in _ADJECTIVE:
            forms[stem + "end" + ending] = "present"
        forms[past] = forms[past + ("n" if past.endswith("e") else "en")] = "past"
        for ending in _ADJECTIVE:
            forms[participle + ending] = "participle"
        for third in present:
            forms[third] = "present"
        verbs[infinitive] = forms
    return verbs


def _prefixed(prefix: str, form: str, kind: str) -> list[str]:
    """A prefixed verb's forms: "ab" + "geschoben", "be" + "schlossen" (no
    "ge"), and "ab" + "zu" + "schieben"."""
    if kind == "participle" and prefix in INSEPARABLE_PREFIXES:
        return [prefix + form[2:]] if form.startswith("ge") else []
    if kind == "infinitive" and prefix not in INSEPARABLE_PREFIXES:
        return [prefix + form, prefix + "zu" + form]
    return [prefix + form]


@cache
def strong_forms() -> dict[str, str]:
    """Folded forms of strong and irregular verbs → their folded infinitive.

    A prefixed verb counts when the word list knows its infinitive, so
    "beschlossen" is "beschließen"'s and "abgeschoben" "abschieben"'s, while no
    verb "zerschließen" is made up. A base verb's own forms come first.
    """
    from korpus import compounds

    base = _base_forms()
    table: dict[str, str] = {}
    for infinitive, forms in base.items():
        for form in forms:
            table.setdefault(form, infinitive)
    for infinitive, forms in base.items():
        for prefix in (*INSEPARABLE_PREFIXES, *SEPARABLE_PREFIXES):
            verb = prefix + infinitive
            if compounds.zipf(verb) < MIN_PREFIXED_ZIPF:
                continue
            for form, kind in forms.items():
                kind = "infinitive" if form == infinitive else kind
                for made in _prefixed(prefix, form, kind):
                    table.setdefault(made, verb)
    return table


# A prefixed verb must be this common in the list to be formed at all.
MIN_PREFIXED_ZIPF = 2.5


def strong_infinitive(word: str) -> str | None:
    """The infinitive of a folded, lower-case form of a strong or irregular verb
    (the infinitive itself included)."""
    return strong_forms().get(word)
