from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from korpus.analysis import (
    STOPWORDS,
    GermanTokenizer,
    analyze,
    analyze_words,
    feminine_term,
    fold,
    german_analyzer,
    stem,
    term_of,
    term_spans,
)
from korpus.compounds import words_of

from .conftest import BUNDLED, IDS


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Nato-Gipfel in Den Haag", ["Nato-Gipfel", "in", "Den", "Haag"]),
        ("11.000 Mann, 0,25 Prozent", ["11.000", "Mann", "0,25", "Prozent"]),
        ("Straße über Öl", ["Straße", "über", "Öl"]),
        ("im Jahr 2025.", ["im", "Jahr", "2025"]),
    ],
)
def test_tokenizer(text: str, tokens: list[str]) -> None:
    assert [t.text for t in GermanTokenizer()(text)] == tokens


# --- normalisation: Lucene's GermanNormalizationFilter -----------------------------


def lucene_german_normalization(word: str) -> str:
    """Lucene's three-state machine, transcribed letter by letter, as the reference."""
    plain, no_umlaut, umlaut = 0, 1, 2
    state = plain
    out = []
    for c in word:
        if c in "ao":
            state = umlaut
        elif c == "u":
            state = umlaut if state == plain else no_umlaut
        elif c == "e":
            if state == umlaut:
                state = no_umlaut
                continue
            state = no_umlaut
        elif c in "iqy":
            state = no_umlaut
        elif c in "äöü":
            c = {"ä": "a", "ö": "o", "ü": "u"}[c]
            state = no_umlaut
        elif c == "ß":
            c = "ss"
            state = plain
        else:
            state = plain
        out.append(c)
    return "".join(out)


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        # the defects: "ue" after a vowel keeps its e, the e after an umlaut stays
        ("frauen", "frauen"),
        ("neuen", "neuen"),
        ("steuern", "steuern"),
        ("europäer", "europaer"),
        ("bauer", "bauer"),
        ("treue", "treue"),
        ("quelle", "quelle"),
        ("aquarell", "aquarell"),
        # the rules
        ("fußball", "fussball"),
        ("pjöngjang", "pjongjang"),
        ("pjoengjang", "pjongjang"),
        ("häuser", "hauser"),
        ("haeuser", "hauser"),
        ("über", "uber"),
        ("ueber", "uber"),
        ("muenchen", "munchen"),
        ("goethe", "gothe"),
        ("straße", "strasse"),
    ],
)
def test_german_normalisation(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("erdoğan", "erdogan"),
        ("dvořák", "dvorak"),
        ("łódź", "lodz"),
        ("café", "cafe"),
        ("søren", "soren"),
        ("şahin", "sahin"),
        ("çelik", "celik"),
        ("ılgaz", "ilgaz"),
        ("josé", "jose"),
        ("nguyễn", "nguyen"),
        ("kovačević", "kovacevic"),
    ],
)
def test_accents_of_other_languages_fold_to_their_letter(word: str, folded: str) -> None:
    """Names are written both ways in German news ("Erdoğan", "Erdogan")."""
    assert fold(word) == folded
    assert analyze(word.capitalize(), "query") == analyze(folded.capitalize(), "query")


@given(st.text(alphabet="aeiouyqäöüßbnrst", max_size=12))
def test_normalisation_is_lucenes_state_machine(word: str) -> None:
    assert fold(word) == lucene_german_normalization(word)


@pytest.mark.parametrize(
    "word",
    ["Frauen", "neuen", "Steuern", "Europäer", "Feuer", "Abenteuer", "Bauern", "teuer", "Treue"],
)
def test_normalisation_keeps_words_apart_that_lucene_keeps_apart(word: str) -> None:
    """The old folding merged "neuen" with "neun" and "Frauen" with "fraun"."""
    assert fold(word.lower()) == lucene_german_normalization(word.lower())
    assert "e" in fold(word.lower())[1:]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Soldat", "Soldaten"),
        ("Frau", "Frauen"),
        ("Krise", "Krisen"),
        ("Gesetz", "Gesetze"),
        ("Gesetz", "Gesetzes"),
        ("Haus", "Hauses"),
        ("Kanzler", "Kanzlers"),
        ("Pjöngjang", "Pjoengjang"),
        ("Pjöngjang", "Pjongjang"),
        ("Fußball", "Fussball"),
        ("Häuser", "Haeuser"),
        ("11.000", "11000"),
        ("4.000", "4000"),
    ],
)
def test_spellings_and_inflections_meet_in_one_term(a: str, b: str) -> None:
    assert analyze(a, "query") == analyze(b, "query")


def test_neun_is_not_neuen() -> None:
    assert analyze("neun", "query") != analyze("neuen", "query")


def test_decimals_stay_intact() -> None:
    assert analyze("0,25") == ["0,25"]
    assert analyze("11.000") != analyze("11,000")


# --- stemming: inflection only --------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the defect: "österreichischen" stemmed to "osterreich" and flooded results
        ("österreichischen", "Österreich"),
        ("europäischen", "Europa"),
        ("politischen", "Politik"),
        ("Zeitung", "Zeit"),
        ("Regierung", "regieren"),
        ("Freiheit", "frei"),
        ("Halterung", "halten"),
        ("staatlichen", "Staat"),
        ("richtigen", "Richter"),
    ],
)
def test_derivations_keep_their_own_term(a: str, b: str) -> None:
    assert analyze(a, "query") != analyze(b, "query")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("österreichischen", "österreichisch"),
        ("österreichischen", "österreichische"),
        ("politischen", "politisch"),
        ("Zeitungen", "Zeitung"),
        ("Regierungen", "Regierung"),
        ("staatlichen", "staatlich"),
    ],
)
def test_inflections_of_derived_words_meet(a: str, b: str) -> None:
    assert analyze(a, "query") == analyze(b, "query")


# --- a proper name and its genitive ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Bayern", "Bayerns"),
        ("China", "Chinas"),
        ("Europa", "Europas"),
        ("Trump", "Trumps"),
        ("Merkel", "Merkels"),
        ("Putin", "Putins"),
        ("Moskau", "Moskaus"),
        ("Deutschland", "Deutschlands"),
        ("Russland", "Russlands"),
        ("Kanada", "Kanadas"),
        ("Afrika", "Afrikas"),
        ("Israel", "Israels"),
    ],
)
def test_a_name_and_its_genitive_meet(name: str, genitive: str) -> None:
    assert analyze(name, "query") == analyze(genitive, "query")


@pytest.mark.parametrize(("word", "other"), [("Mais", "Mai"), ("Paris", "Pari"), ("Kreis", "Krei")])
def test_a_word_ending_in_s_is_no_genitive_of_a_rarer_word(word: str, other: str) -> None:
    assert analyze(word, "query") != analyze(other, "query")


def test_no_content_term_equals_a_stop_word() -> None:
    """A stem such as "war" (of "Ware") would match every "war" in the index."""
    assert term_of("ware") not in STOPWORDS
    assert analyze("Ware", "query") != analyze("war", "query")


# --- compounds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        # the defects: compounds whose stem differs from the word lost their parts
        ("Klimakrise", ["klima", "kris"]),
        ("Flüchtlingskrise", ["fluchtling", "kris"]),
        ("Coronakrise", ["corona", "kris"]),
        ("Bundeskanzler", ["bund", "kanzl"]),
        ("Flüchtlingslager", ["fluchtling", "lag"]),
        ("Impfgegner", ["impf", "gegn"]),
        ("Presseanfrage", ["press", "anfrag"]),
        ("Pressefreiheit", ["press", "freiheit"]),
        ("Schlüsselkasten", ["schlussel", "kast"]),
        ("Wandhalterung", ["wand", "halterung"]),
        # recursion: a part that is a compound is split again
        ("Rindfleischüberwachungsgesetz", ["rind", "fleisch", "uberwachung", "gesetz"]),
        ("Bundestagswahl", ["bundestag", "wahl"]),
        ("Klimaschutzgesetz", ["klimaschutz", "klima", "schutz", "gesetz"]),
        ("Truppenentsendungen", ["trupp", "entsendung"]),
        ("Warnstreiks", ["streik"]),
        ("Angriffskrieg", ["angriff", "krieg"]),
    ],
)
def test_compounds_yield_their_parts(word: str, parts: list[str]) -> None:
    terms = analyze(word)
    for part in parts:
        assert part in terms


def test_a_compound_term_comes_first_then_its_parts() -> None:
    assert analyze("Klimakrise") == ["klimakris", "klima", "kris"]


# Everyday news compounds; each must yield both its modifier and its head.
EVERYDAY_COMPOUNDS = [
    ("Arbeitsmarkt", "Arbeit", "Markt"),
    ("Bürgermeister", "Bürger", "Meister"),
    ("Wahlkampf", "Wahl", "Kampf"),
    ("Kindergarten", "Kinder", "Garten"),
    ("Krankenhaus", "krank", "Haus"),
    ("Umweltschutz", "Umwelt", "Schutz"),
    ("Gesundheitsminister", "Gesundheit", "Minister"),
    ("Innenminister", "innen", "Minister"),
    ("Verkehrsunfall", "Verkehr", "Unfall"),
    ("Polizeisprecher", "Polizei", "Sprecher"),
    ("Flüchtlingsheim", "Flüchtling", "Heim"),
    ("Impfstoff", "impfen", "Stoff"),
    ("Klimaschutz", "Klima", "Schutz"),
    ("Klimawandel", "Klima", "Wandel"),
    ("Energiepreise", "Energie", "Preise"),
    ("Strompreis", "Strom", "Preis"),
    ("Mietpreisbremse", "Mietpreis", "Bremse"),
    ("Steuererhöhung", "Steuer", "Erhöhung"),
    ("Schuldenbremse", "Schulden", "Bremse"),
    ("Waffenstillstand", "Waffen", "Stillstand"),
    ("Friedensverhandlungen", "Frieden", "Verhandlungen"),
    ("Parteitag", "Partei", "Tag"),
    ("Landtagswahl", "Landtag", "Wahl"),
    ("Regierungssprecher", "Regierung", "Sprecher"),
    ("Außenminister", "außen", "Minister"),
    ("Pressekonferenz", "Presse", "Konferenz"),
    ("Wirtschaftskrise", "Wirtschaft", "Krise"),
    ("Finanzkrise", "Finanz", "Krise"),
    ("Ölpreis", "Öl", "Preis"),
    ("Eisberg", "Eis", "Berg"),
    ("Hausarzt", "Haus", "Arzt"),
    ("Notaufnahme", "Not", "Aufnahme"),
    ("Schulbus", "Schule", "Bus"),
    ("Hilfsorganisation", "Hilfe", "Organisation"),
    ("Sprachkurs", "Sprache", "Kurs"),
    ("Wohnungsmarkt", "Wohnung", "Markt"),
    ("Menschenrechte", "Menschen", "Rechte"),
    ("Grenzkontrollen", "Grenze", "Kontrollen"),
    ("Asylbewerber", "Asyl", "Bewerber"),
    ("Fußballspieler", "Fußball", "Spieler"),
    ("Weltmeister", "Welt", "Meister"),
    ("Stadtrat", "Stadt", "Rat"),
    ("Lieferketten", "Liefer", "Ketten"),
    ("Gaspreise", "Gas", "Preise"),
    ("Zeitungsbericht", "Zeitung", "Bericht"),
    ("Bundesliga", "Bund", "Liga"),
    ("Justizministerin", "Justiz", "Ministerin"),
    ("Sicherheitsrat", "Sicherheit", "Rat"),
    ("Familienvater", "Familie", "Vater"),
    ("Autobahn", "Auto", "Bahn"),
    ("Atomkraftwerk", "Atomkraft", "Werk"),
    ("Straßenbahn", "Straße", "Bahn"),
    ("Feuerwehr", "Feuer", "Wehr"),
    ("Großstadt", "groß", "Stadt"),
    ("Wohngemeinschaft", "wohnen", "Gemeinschaft"),
    ("Fahrrad", "Fahrer", "Rad"),
    ("Kinderarzt", "Kinder", "Arzt"),
    ("Länderspiel", "Länder", "Spiel"),
    ("Hochwasser", "hoch", "Wasser"),
    ("Tierschutz", "Tier", "Schutz"),
]


@pytest.mark.parametrize(("word", "modifier", "head"), EVERYDAY_COMPOUNDS)
def test_everyday_compounds_yield_modifier_and_head(word: str, modifier: str, head: str) -> None:
    terms = analyze(word)
    assert analyze(modifier, "query")[0] in terms
    assert analyze(head, "query")[0] in terms


@pytest.mark.parametrize(
    ("word", "junk"),
    [
        ("Wandhalterung", "alterung"),
        ("Wandhalterung", "halt"),
        ("Unterstützung", "stutz"),
        ("Wissenschaft", "schaft"),
        ("Wiederaufbau", "aufbau"),
        ("Wiederaufbau", "wien"),
        ("Anwaltsteam", "steam"),
        ("Österreich", "ost"),
        ("Österreicher", "reich"),
        ("Truppenentsendungen", "endung"),
        ("Migrationshintergrundes", "des"),
        ("Haarausfall", "aus"),
        ("Warnstreik", "war"),
        ("Interessen", "ess"),
        ("Verwaltung", "walt"),
        ("Nachrichten", "richt"),
        ("Gesellschaft", "gesell"),
        ("Bevölkerung", "volk"),
        ("Ingenieurinnen", "innen"),
        ("Kolumnist", "ist"),
    ],
)
def test_no_junk_splits(word: str, junk: str) -> None:
    assert junk not in analyze(word)


@pytest.mark.parametrize("word", ["soldaten", "regierung", "wissenschaft", "osterreich", "kanzler"])
def test_simple_words_have_no_parts(word: str) -> None:
    assert words_of(word) == []


@pytest.mark.parametrize(
    "word",
    [
        # loans after a combining form in -o, and cuts inside a foreign ending
        "Fotografen",
        "Fotograf",
        "Metropole",
        "Demokratie",
        "Biologie",
        "Monopol",
        "Qualität",
        "Kapazitäten",
        # an inflected form of a simple known word
        "Ministern",
        "Handlungen",
        "Kontrolle",
        # a known word behind an inseparable prefix
        "Gebrauch",
        "Verband",
        "Gestern",
        # derivations in -arier
        "Parlamentarier",
        "Vegetarier",
        # lexicalised compounds, weekdays and names made of words
        "Bundestag",
        "Bundestages",
        "Hochzeit",
        "Freitag",
        "Sonntags",
        "Wagenknecht",
        "Seehofer",
    ],
)
def test_words_that_only_look_like_compounds_stay_whole(word: str) -> None:
    assert analyze(word) == analyze(word, "query")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        # a lexicalised part is a word of its own, not split further
        ("Bundestagswahlkampf", {"bundestagswahl", "bundestag", "wahl", "kampf"}),
        ("Landtagsabgeordnete", {"landtag", "abgeordnet"}),
        ("Hochzeitsfeier", {"hochzeit", "feier"}),
        # the -s- link is rare after -er: Winter|stürme, not Winters|türme
        ("Winterstürme", {"wint", "sturm"}),
        # a verb stem needs a known verb form
        ("Impfgegner", {"impf", "gegn"}),
        ("Wohngemeinschaft", {"wohn", "gemeinschaft"}),
    ],
)
def test_parts_of_lexicalised_and_linked_compounds(word: str, parts: set[str]) -> None:
    assert set(analyze(word)[1:]) == parts


@pytest.mark.parametrize(
    "word", ["Rücktritt", "Rückzug", "Rückgang", "Rückblick", "Wohlstand", "Wohlbefinden"]
)
def test_rück_and_wohl_are_no_modifiers(word: str) -> None:
    """"Rücken" (the back) is not in "Rückzug", nor "Tritt" a part of "Rücktritt"."""
    assert analyze(word)[1:] == []
    assert analyze("Rücken", "query")[0] not in analyze(word)


def test_a_compound_behind_rück_keeps_its_head() -> None:
    assert analyze("Abkommen", "query")[0] in analyze("Rückführungsabkommen")


@pytest.mark.parametrize(
    ("word", "modifier", "head"),
    [
        # an "s" that may end the modifier or begin the head: the head keeps it
        # where the modifier takes no linking "s" elsewhere
        ("Stromsteuer", "Strom", "Steuer"),
        ("Lohnsteuer", "Lohn", "Steuer"),
        ("Tabaksteuer", "Tabak", "Steuer"),
        ("Hundesteuer", "Hund", "Steuer"),
        ("Haftstrafen", "Haft", "Strafen"),
        ("Geldstrafe", "Geld", "Strafe"),
        ("Zeitspanne", "Zeit", "Spanne"),
        ("Gewinnspanne", "Gewinn", "Spanne"),
        ("Weinstube", "Wein", "Stube"),
        ("Teestuben", "Tee", "Stuben"),
        ("Käsesorten", "Käse", "Sorten"),
        # and links where the modifier's ending always takes one, or frequency is clear
        ("Gesundheitsamtes", "Gesundheit", "Amtes"),
        ("Ordnungsamt", "Ordnung", "Amt"),
        ("Zwillingstürme", "Zwilling", "Türme"),
        ("Integrationslotsen", "Integration", "Lotsen"),
        ("Ortsteil", "Ort", "Teil"),
        ("Einkommensteuer", "Einkommen", "Steuer"),
        ("Verkehrsteilnehmer", "Verkehr", "Teilnehmer"),
        ("Arbeitstag", "Arbeit", "Tag"),
        ("Bundesamtes", "Bund", "Amtes"),
    ],
)
def test_a_linking_s_or_the_head_s(word: str, modifier: str, head: str) -> None:
    terms = analyze(word)[1:]
    assert analyze(modifier, "query")[0] in terms
    assert analyze(head, "query")[0] in terms


# --- verbs ----------------------------------------------------------------------------

VERB_FORMS = [
    ("warnen", ["warnt", "warnte", "warnten", "gewarnt", "warne"]),
    ("fordern", ["fordert", "forderte", "forderten", "gefordert"]),
    ("kritisieren", ["kritisiert", "kritisierte", "kritisierten", "kritisiere"]),
    ("verhaften", ["verhaftet", "verhaftete", "verhafteten"]),
    ("wählen", ["wählt", "wählte", "wählten", "gewählt"]),
    ("arbeiten", ["arbeitet", "arbeitete", "arbeiteten", "gearbeitet"]),
    ("sagen", ["sagt", "sagte", "sagten", "gesagt"]),
    ("berichten", ["berichtet", "berichtete", "berichteten"]),
    ("schließen", ["schließt"]),
    ("kommen", ["kommt"]),
    ("stellen", ["stellt", "stellte", "gestellt"]),
    ("zeigen", ["zeigt", "zeigte", "gezeigt"]),
    ("öffnen", ["öffnet", "öffnete", "geöffnet"]),
    ("entwickeln", ["entwickelt", "entwickelte"]),
]


@pytest.mark.parametrize(
    ("infinitive", "form"), [(inf, form) for inf, forms in VERB_FORMS for form in forms]
)
def test_regular_verb_forms_meet_their_infinitive(infinitive: str, form: str) -> None:
    assert analyze(form, "query") == analyze(infinitive, "query")
    assert analyze(form) == analyze(infinitive)


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        # nouns whose letters look like a verb form
        ("Markt", "marken"),
        ("Welt", "welen"),
        ("Planet", "planen"),
        ("Internet", "internen"),
        ("Konzert", "konzern"),
        ("Flucht", "fluchen"),
        ("Haft", "hafen"),
        # a capitalised present form is a noun
        ("Sucht", "suchen"),
        # adverbs and prepositions
        ("leicht", "leichen"),
        ("samt", "samen"),
        ("gesamt", "samen"),
        ("seit", "seien"),
        ("letzten", "letzen"),
        # an infinitive of its own is no past form of another verb
        ("flüchten", "fluchen"),
        ("leisten", "leisen"),
    ],
)
def test_words_that_only_look_like_verb_forms(word: str, verb: str) -> None:
    assert analyze(word, "query") != analyze(verb, "query")


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("Kanzlerin", "Kanzler"),
        ("Kanzlerinnen", "Kanzler"),
        ("Bundeskanzlerin", "Kanzler"),
        ("CDU-Kanzlerin", "Kanzler"),
        ("Ministerin", "Minister"),
        ("Präsidentin", "Präsident"),
        ("Soldatinnen", "Soldat"),
        ("Journalistin", "Journalist"),
        ("Ärztin", "Arzt"),
        ("Kollegin", "Kollege"),
        ("Bürgermeisterin", "Bürgermeister"),
    ],
)
def test_a_feminine_is_found_by_its_masculine(feminine: str, masculine: str) -> None:
    """A query for the masculine also looks for the feminine's term, which the
    index holds; a query for the feminine stays feminine."""
    wanted = feminine_term(masculine)
    assert wanted is not None and wanted in analyze(feminine)
    assert feminine_term(feminine) is None
    assert analyze(masculine, "query") != analyze(feminine, "query")


@pytest.mark.parametrize(
    "feminine",
    ["Kanzlerin", "Bundeskanzlerin", "Parteisprecherin", "Ärztin", "Kollegin", "Präsidentinnen"],
)
def test_a_feminine_indexes_no_masculine(feminine: str) -> None:
    """The index holds a word's own term and its parts' terms, nothing else: the
    masculine is met at query time, so no part reads as a wrong one."""
    masculine_terms = {analyze(w, "query")[0] for w in ("Kanzler", "Sprecher", "Arzt", "Kollege")}
    assert not masculine_terms & set(analyze(feminine))


@pytest.mark.parametrize(
    ("word", "feminine"),
    [
        ("Lehrer", "Lehrerin"),
        ("Polizist", "Polizistin"),
        ("Kunde", "Kundin"),
        ("Autor", "Autorin"),
        ("Türke", "Türkin"),
        ("Parteikollege", "Parteikollegin"),
        ("CDU-Kanzler", "CDU-Kanzlerin"),
        ("Bundeskanzler", "Bundeskanzlerin"),
    ],
)
def test_the_feminine_a_query_adds(word: str, feminine: str) -> None:
    assert feminine_term(word) == analyze(feminine, "query")[0]


@pytest.mark.parametrize("word", ["Merkel", "Haus", "Ende", "Name", "Termin", "über", "Kanzlerin"])
def test_words_with_no_feminine(word: str) -> None:
    assert feminine_term(word) is None


def test_feminine_plural_meets_its_singular() -> None:
    assert analyze("Kanzlerinnen", "query") == analyze("Kanzlerin", "query")


@pytest.mark.parametrize("word", ["Berlin", "Benzin", "Termin", "Putin", "Medizin", "Magazin"])
def test_words_in_in_that_are_no_feminines(word: str) -> None:
    assert analyze(word) == analyze(word, "query")


STRONG_FORMS = [
    ("schließen", ["geschlossen", "schloss", "schlossen", "geschlossenen"]),
    ("beschließen", ["beschlossen", "beschloss", "beschlossene"]),
    ("abschieben", ["abgeschoben", "abschob"]),
    ("geben", ["gibt", "gab", "gaben", "gegeben"]),
    ("aufgeben", ["aufgegeben", "aufgab"]),
    ("gehen", ["ging", "gingen", "gegangen"]),
    ("nehmen", ["nimmt", "nahm", "genommen"]),
    ("festnehmen", ["festgenommen", "festnahm"]),
    ("sterben", ["stirbt", "starb", "gestorben"]),
    ("stehen", ["stand", "standen", "gestanden"]),
    ("verstehen", ["verstanden", "verstand"]),
    ("entscheiden", ["entschieden", "entschied"]),
    ("treffen", ["trifft", "traf", "getroffen"]),
    ("ziehen", ["zog", "gezogen"]),
    ("zurückziehen", ["zurückgezogen", "zurückzog"]),
    ("bringen", ["brachte", "brachten", "gebracht"]),
    ("schreiben", ["schrieb", "geschrieben"]),
    ("verlieren", ["verlor", "verloren"]),
    ("fliehen", ["floh", "geflohen"]),
    ("sprechen", ["spricht", "sprach", "gesprochen"]),
    ("aussprechen", ["ausgesprochen"]),
    ("erschießen", ["erschossen", "erschoss"]),
]


@pytest.mark.parametrize(
    ("infinitive", "form"), [(inf, form) for inf, forms in STRONG_FORMS for form in forms]
)
def test_strong_verb_forms_meet_their_infinitive(infinitive: str, form: str) -> None:
    assert analyze(form, "query") == analyze(infinitive, "query")


@pytest.mark.parametrize(
    ("noun", "verb_form"),
    [("Schloss", "schloss"), ("Stand", "stand"), ("Zug", "zog"), ("Fund", "fand"), ("Tat", "tat")],
)
def test_a_capitalised_noun_is_no_strong_verb_form(noun: str, verb_form: str) -> None:
    """"Das Schloss" is a castle, "er schloss" a form of "schließen"."""
    assert analyze(noun, "query") != analyze(verb_form, "query") or noun.lower() == verb_form


@pytest.mark.parametrize(
    ("form", "infinitive"),
    [
        ("angekündigt", "ankündigen"),
        ("ausgewählt", "auswählen"),
        ("eingestellt", "einstellen"),
        ("zurückgewiesen", "zurückweisen"),
        ("vorgestellt", "vorstellen"),
    ],
)
def test_participles_behind_a_separable_prefix(form: str, infinitive: str) -> None:
    assert analyze(form, "query") == analyze(infinitive, "query")


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("Viren", "Virus"),
        ("Zentren", "Zentrum"),
        ("Themen", "Thema"),
        ("Konten", "Konto"),
        ("Firmen", "Firma"),
        ("Risiken", "Risiko"),
        ("Museen", "Museum"),
        ("Stadien", "Stadion"),
        ("Prinzipien", "Prinzip"),
        ("Materialien", "Material"),
        ("Gremien", "Gremium"),
        ("Mechanismen", "Mechanismus"),
        ("Alben", "Album"),
        ("Ministerien", "Ministerium"),
    ],
)
def test_loan_plurals_meet_their_singular(plural: str, singular: str) -> None:
    assert analyze(plural, "query") == analyze(singular, "query")


@pytest.mark.parametrize(
    ("plural", "other"),
    [("Studien", "Studium"), ("Boden", "Bodo"), ("Daten", "Datum"), ("Karten", "Karton")],
)
def test_plurals_that_are_no_loan_plurals(plural: str, other: str) -> None:
    assert analyze(plural, "query") != analyze(other, "query")


@pytest.mark.parametrize(
    ("word", "part"),
    [
        ("Oberbürgermeister", "Bürgermeister"),
        ("Obergrenze", "Grenze"),
        ("Oberlandesgericht", "Gericht"),
        ("Oberstaatsanwalt", "Staatsanwalt"),
        ("Oberhaupt", "Haupt"),
    ],
)
def test_ober_is_a_modifier(word: str, part: str) -> None:
    assert analyze(part, "query")[0] in analyze(word)


def test_a_capitalised_participle_is_its_verbs() -> None:
    """Nominalised participles ("die Verletzten") meet the verb; "Sucht" does not."""
    assert analyze("Verletzten", "query") == analyze("verletzt", "query")
    assert analyze("Beschäftigte", "query") == analyze("beschäftigen", "query")
    assert analyze("Sucht", "query") != analyze("sucht", "query")


def test_compound_words_are_split_as_words_not_stems() -> None:
    """The parts come from the folded word, so "klimakrise" is no "klimakris"."""
    assert words_of(fold("klimakrise")) == ["klima", "krise"]
    assert "kris" in analyze("Klimakrisen")


def test_hyphenated_and_joined_compounds_meet_in_a_query() -> None:
    assert analyze("Corona-Krise", "query") == analyze("Coronakrise", "query")
    assert set(analyze("Coronakrise")) == set(analyze("Corona-Krise"))


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Nato-Gipfel", ["natogipfel", "nato", "gipfel"]),
        ("Kim Jong-un", ["kim", "jongun", "jong", "un"]),
    ],
)
def test_hyphenated_words_index_whole_and_parts(text: str, terms: list[str]) -> None:
    assert analyze(text) == terms


def test_hyphenated_query_is_the_joined_word() -> None:
    assert analyze("Nato-Gipfel", "query") == ["natogipfel"]


def test_compound_parts_share_the_compound_position() -> None:
    tokens = [
        (t.text, t.pos)
        for t in german_analyzer()("Die Truppenentsendungen enden", positions=True, mode="index")
    ]
    positions = dict(tokens)
    assert positions["trupp"] == positions["truppenentsendung"] == positions["entsendung"]
    assert positions["end"] == positions["truppenentsendung"] + 1


# --- stop words -----------------------------------------------------------------------


def test_stop_words_keep_their_positions() -> None:
    tokens = [(t.text, t.pos) for t in german_analyzer()("Wir schaffen das", positions=True)]
    assert tokens == [("wir", 0), ("schaffen", 1), ("das", 2)]


@pytest.mark.parametrize("word", ["der", "die", "das", "und", "über", "Über", "wir", "nicht"])
def test_stop_words_are_indexed_as_they_are(word: str) -> None:
    assert analyze(word) == [fold(word.lower())]


@pytest.mark.parametrize("word", ["EUR", "US", "Uber"])
def test_short_words_are_terms(word: str) -> None:
    assert analyze(word, "query") == [fold(word.lower())]


def test_euer_is_no_longer_eur() -> None:
    """The old folding made "EUR" the stop word "euer"."""
    assert fold("euer") == "euer"
    assert "eur" not in STOPWORDS


# --- the analyzer ---------------------------------------------------------------------


def test_offsets_point_at_the_original_words() -> None:
    text = "Die Truppenentsendungen über Pjöngjang"
    spans = {term: text[s:e] for term, s, e in term_spans(text)}
    assert spans["entsendung"] == "Truppenentsendungen"
    assert spans["pjongjang"] == "Pjöngjang"
    assert spans["uber"] == "über"


def test_analyze_words_gives_each_word_its_span_and_terms() -> None:
    words = analyze_words("Die Klimakrise")
    assert [(w.word, w.start, w.end, w.terms) for w in words] == [
        ("Die", 0, 3, ["die"]),
        ("Klimakrise", 4, 14, ["klimakris", "klima", "kris"]),
    ]
    assert analyze_words("Die Klimakrise", "query")[1].terms == ["klimakris"]


def test_analyzer_pickles_for_the_schema() -> None:
    analyzer = pickle.loads(pickle.dumps(german_analyzer()))
    assert [t.text for t in analyzer("Soldaten")] == ["soldat"]


def test_cached_analyzer_equals_the_plain_pipeline() -> None:
    from korpus.analysis import pipeline

    text = (BUNDLED / IDS["002"]).read_text(encoding="utf-8")

    def run(analyzer: object) -> list[tuple[str, int, int, int]]:
        return [
            (t.text, t.pos, t.startchar, t.endchar)
            for t in analyzer(text, positions=True, chars=True, mode="index")  # type: ignore[operator]
        ]

    assert run(german_analyzer()) == run(pipeline())


def test_stem_leaves_numbers_and_short_words() -> None:
    assert stem("2025") == "2025"
    assert stem("eu") == "eu"


def test_every_strong_verb_infinitive_ends_in_n() -> None:
    """query_alternatives looks at the verb table only for words ending in n."""
    from korpus.verbs import strong_forms

    assert all(infinitive.endswith("n") for infinitive in strong_forms().values())
