"""Split German compounds into the words they are made of.

A compound is cut where both sides are known words: the head (the last part) as
it stands or inflected ("krisen", "gebern"), the modifier as it stands, without
a linking element ("flüchtlings" → "flüchtling"), with its lost "e" ("schul" →
"schule") or as a verb stem ("impf" → "impfen"). Among the cuts, the one whose
parts are most frequent wins (Koehn and Knight's frequency score, as the mean of
the parts' Zipf values), so "bürgersteige" becomes "bürger|steige", not
"bürgers|teige". A modifier that is no word may itself be a compound
("rindfleischüberwachungs|gesetz"), and every part is split again, so each word
inside a compound is found.

Known words and their frequencies come from wordfreq's German list, folded as
the index folds words. Short parts must be more frequent than long ones, since
short rare entries of that list are mostly word endings and fragments.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from korpus.german import INSEPARABLE_PREFIXES, STOPWORDS, fold

if TYPE_CHECKING:
    from korpus.errors import IndexDamaged

# No part may be rarer than this Zipf frequency (about once in 200 million
# words): below it the list holds mostly typos, fragments and rare inflections.
LEXICON_MIN_ZIPF = 2.3
MIN_PART = 2
MIN_COMPOUND = 6

# Adverbs that prefix nouns as particles do ("Rück|tritt", "Wohl|stand"): no
# modifiers ("Rücken" is not in "Rückzug"), and a known word behind one is whole.
_BOUND_PREFIXES = ("ruck", "wohl")
# Parts that make no compound: prefixes and particles ("unter|stützung",
# "zusammen|hang"), function words and question words.
_PARTICLES = frozenset(
    "unter uber vor nach aus ein auf ab bei mit durch gegen um zu an ent ver zer hinter "
    "wider wieder neben zwischen hin her weiter voll fort miss nicht da dar "
    "zusammen zuruck voran vorbei voraus heraus herein hinaus hinein heran herum "
    "hinweg entgegen gegenuber dazu davon daruber empor uberein ge be er ur un "
    "des der die das dem den ein eine einer eines einem einen sich wer wen wem wessen "
    "was wie wo inter trans samt nebst".split()
).union(STOPWORDS, _BOUND_PREFIXES) - {"selbst", "einmal", "weg"}
# Participle prefixes ("abge|lehnt") are no modifiers, though "züge" folds to "zuge".
NOT_MODIFIERS = _PARTICLES.union("zuge abge ange aufge ausge einge umge vorge durchge".split())
# Words of one to three letters that make compounds: "Öl|raffinerie",
# "Bundes|tag", "Eis|berg", "Not|arzt". Every other short entry of the list is a
# function word, an abbreviation or a word ending.
SHORT_WORDS = frozenset(
    "ol ei tag uhr art ort tod bad typ tat rot zug tur bau amt see tor arm rat bus hof "
    "not eis fan ton ruf bar ost uni mut gas oma opa rad hut ohr box tal wut web zoo sau "
    "kuh ski son akt neu alt gut tot nah eng top pop sex job app bio lob dom abo kai mai "
    "elf ehe tee fax hit kur hai reh heu rum ufo weg sud".split()
)
# Heads that only derive a word ("wissen|schaft", "ingenieur|innen") or are
# word endings of their own ("kolumn|ist").
NOT_HEADS = frozenset(
    "schaft schaften heit heiten keit keiten ung ungen tum tums lich lichen "
    "isch ische ischen ischer isches chen lein ling linge lingen nis nisse sam bar haft "
    "erin erinnen innen ern erns ist sind war los lose losen weisen ens end ende enden "
    "ion ionen ier iere ieren ter tern tion tionen ate aten ant anten ent enten eten "
    "ler lern ner nern ser sern sen ten arier".split()
)
# Words that look like compounds and are kept whole: compounds whose parts no
# longer carry their meaning ("Bundestag" is no day, "Hochzeit" no high time,
# "Haushalt" a budget), days of the week, and names of news that are made of
# words ("Seehofer", "Wagenknecht"). Their own words are not indexed as parts.
LEXICALISED = frozenset(
    "bundestag landtag reichstag kreistag sonntag samstag dienstag "
    "donnerstag freitag mittwoch hochzeit weihnacht weihnachten frankreich diebstahl "
    "leinwand fruhstuck augenblick haushalt grundstuck rundfunk treuhand lebensmittel "
    "zeitschrift eigentum jahrzehnt bahnsteig ohrfeige wagenknecht seehofer steinmeier "
    "altmaier lauterbach steinbruck kretschmann klingbeil gauland hofreiter zimmermann "
    "buschmann linnemann karrenbauer neumann hartmann kiesewetter haseloff".split()
)
# Endings a head may carry beyond the word the list knows ("gebern" → "geber",
# "rechtlerin" → "rechtler").
_HEAD_ENDINGS = ("innen", "in", "en", "es", "n", "s")
HEAD_ENDING_COST = 0.2
# Linking elements between modifier and head, longest first. Plural modifiers
# ("kinder", "länder") are words of the list themselves.
_LINKS = ("es", "en", "s", "n", "e")
# Inseparable prefixes: a verb stem with one ("verwahr|losung", "geb|rauch") is
# the start of a derived word, not a modifier.
_VERB_PREFIXES = ("ge", *INSEPARABLE_PREFIXES)
# Greek and Latin elements that follow a combining form in "o" ("Foto|graf",
# "Metro|pole", "Demo|kratie", "Bio|logie"): such words are loans, not compounds.
_NEOCLASSICAL_HEADS = (
    "graf",
    "graph",
    "gramm",
    "pol",
    "log",
    "nom",
    "krat",
    "skop",
    "phon",
    "phil",
    "thek",
    "path",
    "phob",
    "soph",
    "therap",
    "top",
    "typ",
    "zid",
)
# Foreign endings no cut may fall inside ("Quali|tät", "Kapital|ismus").
_FOREIGN_ENDINGS = ("itat", "itaten", "ismus", "ation", "ationen", "ieren", "ierung", "ierungen")
# Inflectional endings: "ministern" is "minister" inflected, not "mini|stern".
_INFLECTIONS = ("ern", "en", "er", "es", "em", "n", "s", "e")


def _threshold(length: int) -> float:
    """The Zipf frequency a part of this length must reach to count as a word."""
    if length <= 3:
        return 3.0
    if length == 4:
        return 3.4
    if length == 5:
        return 2.9
    return 2.3


@dataclass(frozen=True)
class Part:
    """One word of a compound: where it stands, and the word it is."""

    surface: str
    word: str
    parts: tuple[Part, ...] = ()


_lexicon_file: Path | None = None


def lexicon_file() -> Path | None:
    """The word list file in use, or None for wordfreq's list."""
    return _lexicon_file


def use_lexicon(path: Path | None) -> None:
    """Split with the word list saved beside an index (None: wordfreq's list)."""
    global _lexicon_file
    if path != _lexicon_file:
        _lexicon_file = path
        frequencies.cache_clear()
        _sorted_words.cache_clear()
        forget_words()


def _word_caches() -> tuple[Any, ...]:
    """What is worked out word by word, remembered per process."""
    return (split, _words_of, masculine_of, _modifier, _head, _takes_linking_s)


def forget_words() -> None:
    """Drop what was worked out word by word; the word list stays."""
    for remembered in _word_caches():
        remembered.cache_clear()


def remembered_words() -> int:
    """How many results :func:`forget_words` would drop."""
    return sum(remembered.cache_info().currsize for remembered in _word_caches())


@cache
def _wordfreq_lexicon() -> dict[str, float]:
    from korpus.machine_cache import cached, code_key

    return cached("wordfreq-de", code_key(), _derive_wordfreq_lexicon, dict)


def _derive_wordfreq_lexicon() -> dict[str, float]:
    # One read of wordfreq's table: asking zipf_frequency() word by word
    # tokenises each word again and costs seconds per build.
    from wordfreq import get_frequency_dict

    lexicon: dict[str, float] = {}
    for word, share in get_frequency_dict("de", "best").items():
        if share <= 0.0:
            continue
        z = round(math.log10(share) + 9.0, 2)  # Zipf, as wordfreq rounds it
        if z < LEXICON_MIN_ZIPF or len(word) < 2 or not word.isalpha():
            continue
        folded = fold(word)
        if z > lexicon.get(folded, 0.0):
            lexicon[folded] = z
    return lexicon


class SavedLexicon(Mapping[str, float]):
    """A saved word list, looked up in its sorted lines without building a dict.

    A search splits a handful of words; parsing 110,000 lines into a dict would
    cost it more than the search itself.
    """

    def __init__(self, path: Path, text: str) -> None:
        lines = text.split("\n")
        if lines and not lines[-1]:
            lines.pop()
        lines.sort()  # linear on the sorted lines korpus writes
        self._lines = lines
        self._path = path
        self._table: dict[str, float] | None = None
        self._lookups = 0

    def key(self) -> str:
        """A digest of the words and frequencies, which names the list in caches."""
        from korpus.storage import digest

        return digest("\n".join(self._lines).encode("utf-8"))

    # An index update splits thousands of words: past this many lookups a dict
    # (built once, in a few hundredths of a second) beats bisection.
    TABLE_AFTER = 20_000

    def _damaged(self) -> IndexDamaged:
        from korpus.errors import IndexDamaged

        return IndexDamaged(self._path, "not a word list")

    def _value(self, word: str) -> float | None:
        if self._table is not None:
            return self._table.get(word)
        self._lookups += 1
        if self._lookups > self.TABLE_AFTER:
            try:
                self._table = {
                    w: int(z) / 100 for w, _, z in (x.partition("\t") for x in self._lines)
                }
            except ValueError:
                raise self._damaged() from None
            return self._table.get(word)
        key = word + "\t"
        i = bisect_left(self._lines, key)
        if i == len(self._lines) or not self._lines[i].startswith(key):
            return None
        # Checked line by line as read: checking all on loading costs a search.
        digits = self._lines[i][len(key) :]
        if not digits.isdigit():
            raise self._damaged()
        return int(digits) / 100

    def get(self, word: str, default: float | None = None) -> float | None:  # type: ignore[override]
        value = self._value(word)
        return default if value is None else value

    def __getitem__(self, word: str) -> float:
        value = self._value(word)
        if value is None:
            raise KeyError(word)
        return value

    def __iter__(self) -> Iterator[str]:
        return (line.partition("\t")[0] for line in self._lines)

    def items(self) -> Iterator[tuple[str, float]]:  # type: ignore[override]
        for line in self._lines:
            word, _, digits = line.partition("\t")
            if not digits.isdigit():
                raise self._damaged()
            yield word, int(digits) / 100

    def __len__(self) -> int:
        return len(self._lines)

    def sorted_lines(self) -> list[str]:
        """The lines, "word<TAB>Zipf×100", in the order of their words."""
        return self._lines


def _read_saved(path: Path) -> SavedLexicon | None:
    from korpus.errors import IndexDamaged
    from korpus.storage import read_table

    try:
        payload = read_table(path, LEXICON_KIND, LEXICON_VERSION)
    except FileNotFoundError:
        return None
    try:
        return SavedLexicon(path, payload.decode("utf-8"))
    except UnicodeDecodeError:
        raise IndexDamaged(path, "not a word list") from None


@cache
def frequencies() -> Mapping[str, float]:
    """Known words (folded) and their Zipf frequencies."""
    if _lexicon_file is not None:
        saved = _read_saved(_lexicon_file)
        if saved is not None:
            return saved
    return _wordfreq_lexicon()


def lexicon_key() -> str:
    """What names the word list in use: a saved list's digest, or "wordfreq"."""
    found = frequencies()
    return found.key() if isinstance(found, SavedLexicon) else "wordfreq"


# The saved word list is a checked table (korpus.storage): kind, version, length, hash.
LEXICON_KIND, LEXICON_VERSION = "words", 2


def save_lexicon(path: Path) -> None:
    """Write the word list in use beside an index, one "word<TAB>Zipf×100" a line."""
    from korpus.machine_cache import cached, code_key
    from korpus.storage import write_table

    if _lexicon_file is None:
        payload = cached("lexicon-lines", code_key(), _lexicon_lines, bytes)
    else:
        payload = _lexicon_lines()
    write_table(path, LEXICON_KIND, LEXICON_VERSION, payload)


def _lexicon_lines() -> bytes:
    # Sorted, so a search looks words up by bisection instead of parsing them all.
    lines = sorted(f"{w}\t{round(z * 100)}\n" for w, z in frequencies().items())
    return "".join(lines).encode("utf-8")


def zipf(word: str) -> float:
    """Zipf frequency of a folded word, 0 for words the list does not know."""
    return frequencies().get(word, 0.0)


def is_word(word: str) -> bool:
    """Is the folded word frequent enough for its length to be a word of its own?"""
    if len(word) <= 3 and word not in SHORT_WORDS:
        return False
    return zipf(word) >= _threshold(len(word))


@cache
def _head(head: str) -> tuple[str, float] | None:
    """The word a head is, with its frequency, or None."""
    if head in NOT_HEADS or head in _PARTICLES:
        return None
    z = zipf(head)
    if is_word(head):
        return head, z
    for ending in _HEAD_ENDINGS:
        if head.endswith(ending) and len(head) - len(ending) >= 4:
            base = head[: -len(ending)]
            if base not in NOT_HEADS and is_word(base):
                return base, zipf(base) - HEAD_ENDING_COST
    return None


def _modifier_forms(surface: str) -> Iterator[tuple[str, float]]:
    """Words a modifier may stand for, with a small cost for each change."""
    yield surface, 0.0
    if len(surface) < 3:
        return
    for link in _LINKS:
        if surface.endswith(link) and len(surface) - len(link) >= 3:
            base = surface[: -len(link)]
            # Words in -e, -el, -er rarely take an "s": "winter|stürme", not "winters|türme".
            rare = link in ("s", "es") and base.endswith(("e", "el", "er"))
            yield base, 0.4 if rare else 0.1
            if link == "s" and len(base) >= 4:
                # "hilfs|organisation": Hilfe
                yield base + "e", 0.2
    yield surface + "e", 0.15
    if len(surface) < 4 or surface.startswith(_VERB_PREFIXES):
        # A verb stem of three letters ("ess") is too short a guess.
        return
    # Verb stems: "impf|gegner", "wohn|gemeinschaft", "wander|touren"; the
    # verb's present form must be known too, or "kont|rolle" is "Konten|rolle".
    if any(zipf(form) > 0 for form in (surface + "t", surface + "et", f"ge{surface}t")):
        yield surface + "en", 0.25
        yield surface + "n", 0.25


@cache
def _modifier(surface: str) -> tuple[str, float] | None:
    """The word a modifier stands for, with its frequency, or None."""
    if surface in NOT_MODIFIERS:
        return None
    best: tuple[str, float] | None = None
    for form, cost in _modifier_forms(surface):
        if form in NOT_MODIFIERS or not is_word(form):
            continue
        z = zipf(form)
        if best is None or z - cost > best[1]:
            best = (form, z - cost)
    return best


# A modifier that must itself be split scores this much less than a word, so a
# cut between two known words wins: "haupt|schauplatz", not "hauptschau|platz".
NESTED_COST = 2.0


def _loan_cut(word: str, i: int) -> bool:
    """Would a cut at ``i`` split a loan word or a foreign ending?"""
    if word[i - 1] == "o" and word.startswith(_NEOCLASSICAL_HEADS, i):
        return True
    return any(word.endswith(ending) and len(word) - len(ending) < i for ending in _FOREIGN_ENDINGS)


def _score(parts: list[float]) -> float:
    return sum(parts) / len(parts)


@cache
def split(word: str) -> tuple[Part, Part] | None:
    """Modifier and head of a folded compound, each split again; None for other words.

    "klimakrise" → klima|krise; "rindfleischuberwachungsgesetz" →
    (rind|fleisch)|uberwachung … |gesetz.
    """
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return None
    best: tuple[float, int, str, str] | None = None
    scores: dict[int, float] = {}
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head = _head(word[i:])
        if head is None or _loan_cut(word, i):
            continue
        surface = word[:i]
        modifier = _modifier(surface)
        if modifier is not None:
            score = _score([modifier[1], head[1]])
        elif (
            i >= MIN_COMPOUND
            and surface not in NOT_MODIFIERS
            and (inner := split(surface)) is not None
        ):
            score = _score([_part_score(inner), head[1]]) - NESTED_COST
        else:
            continue
        scores[i] = score
        if best is None or score > best[0]:
            best = (score, i, surface, head[0])
    if best is None:
        return None
    i = _linking_s_cut(word, best[1], scores)
    surface = word[:i]
    modifier = _modifier(surface)
    if modifier is not None:
        first = Part(surface, modifier[0], _nested(modifier[0]))
    else:
        inner = split(surface)
        assert inner is not None
        first = Part(surface, surface, inner)
    head_surface = word[i:]
    return first, Part(head_surface, head_surface, _nested(head_surface))


# A modifier takes a linking "s" when the list knows this many compounds that
# show it unambiguously ("Orts|rand", "Orts|verband", "Orts|ausgang").
LINKING_S_EVIDENCE = 3
# Frequencies decide between the two readings of an "s" unless their scores are
# this close: "Ort|steil" loses to "Orts|teil" by frequency alone.
LINKING_S_MARGIN = 0.15
# Modifiers in these endings always link with "s": "Zeitungs|ständer", "Zwillings|türme".
_S_LINKED_ENDINGS = ("ung", "heit", "keit", "schaft", "ion", "itat", "ling", "tum", "sicht")


def _linking_s_cut(word: str, i: int, scores: dict[int, float]) -> int:
    """The cut to keep where an "s" may end the modifier or begin the head.

    "Stromsteuer" is "Strom|steuer" or "Stroms|teuer", "Zeitspanne" "Zeit|spanne"
    or "Zeits|panne", and the words' frequencies are too close to tell. Then
    the modifier decides: the "s" links only when the modifier ends in a
    suffix that takes one, or takes one in other compounds
    (:func:`_takes_linking_s`). A modifier whose own word ends in "s"
    ("Haus|tür") has no such choice.
    """
    if word[i - 1] == "s":
        alt = i - 1
    elif i < len(word) and word[i] == "s":
        alt = i + 1
    else:
        return i
    if alt not in scores or not _modifier(word[:alt]):
        return i
    linked, plain = max(i, alt), min(i, alt)
    with_s = _modifier(word[:linked])
    if with_s is None or with_s[0] == word[:linked]:
        return i
    if word[: linked - 1].endswith(_S_LINKED_ENDINGS):
        return linked
    # A noun's head is no adjective: "Einkommen|steuer", not "Einkommens|teuer".
    plain_head, linked_head = _head(word[plain:]), _head(word[linked:])
    if plain_head and linked_head:
        adjectives = (_adjective(plain_head[0]), _adjective(linked_head[0]))
        if adjectives == (True, False):
            return linked
        if adjectives == (False, True):
            return plain
    if abs(scores[i] - scores[alt]) >= LINKING_S_MARGIN:
        return i
    return linked if _takes_linking_s(word[:linked]) else plain


def _adjective(word: str) -> bool:
    """Has the word a superlative ("teuer" → "teuerste"), as adjectives have?"""
    return any(zipf(word + ending) > 0 for ending in ("ste", "sten"))


@cache
def _takes_linking_s(surface: str) -> bool:
    """Does a modifier ending in a linking "s" ("orts") begin known compounds
    whose head cannot begin with that "s" ("orts|rand": no "srand"), and more of
    them than compounds without the "s" ("land|kreis" outnumbers "lands|mann")?"""
    with_s = _unambiguous_heads(surface, LINKING_S_EVIDENCE + 200)
    if with_s < LINKING_S_EVIDENCE:
        return False
    return _unambiguous_heads(surface[:-1], with_s, skip=surface) < with_s


def _unambiguous_heads(modifier: str, enough: int, skip: str = "") -> int:
    """How many known words are ``modifier`` followed by a head that begins with
    no "s" and is no word with one, up to ``enough``; words beginning with
    ``skip`` are passed over."""
    found = 0
    for known in _words_starting(modifier):
        if skip and known.startswith(skip):
            continue
        rest = known[len(modifier) :]
        if len(rest) >= 4 and rest[0] != "s" and _head(rest) and not _head("s" + rest):
            found += 1
            if found >= enough:
                break
    return found


def _words_starting(prefix: str) -> Iterator[str]:
    """The known words that begin with ``prefix``, in sorted order."""
    words = _sorted_words()
    i = bisect_left(words, prefix)
    while i < len(words) and words[i].startswith(prefix):
        yield words[i].partition("\t")[0]
        i += 1


@cache
def _sorted_words() -> list[str]:
    table = frequencies()
    if isinstance(table, SavedLexicon):
        return table.sorted_lines()  # "word<TAB>Zipf", sorted as the words
    return sorted(table)


def _part_score(parts: tuple[Part, ...]) -> float:
    scores = []
    for part in parts:
        z = zipf(part.word)
        scores.append(z if z else (_part_score(part.parts) if part.parts else 0.0))
    return _score(scores)


def _nested(word: str) -> tuple[Part, ...]:
    """The parts of a part; a known word only when its parts are more frequent.

    "rindfleisch" splits (rind and fleisch are commoner than the compound);
    "interessen" does not, though "int" and "essen" are words.
    """
    inner = split(word)
    if inner is None or _kept_whole(word):
        return ()
    known = zipf(word)
    if known >= _threshold(len(word)) and _part_score(inner) <= known:
        return ()
    return inner


def words_of(word: str) -> list[str]:
    """Every word inside a folded compound, outermost first, each once."""
    return list(_words_of(word))


@cache
def _words_of(word: str) -> tuple[str, ...]:
    found: list[str] = []

    def walk(parts: tuple[Part, ...]) -> None:
        for part in parts:
            if part.word not in found:
                found.append(part.word)
            walk(part.parts)

    top = split(word)
    if top is not None and _splits_known_word(word, top) and not _kept_whole(word):
        walk(top)
    return tuple(found)


def _kept_whole(word: str) -> bool:
    """Is a word that could be split a simple word all the same?"""
    return (
        _lexicalised(word)
        or _feminine_of_simple(word)
        or _derived_from_simple(word)
        or _inflected_simple(word)
        or _prefixed_simple(word)
    )


# Masculine nouns of persons whose feminine adds "-in": "Kanzler|in",
# "Präsident|in", "Soldat|in", "Journalist|in", "Autor|in", "Ärzt|in".
_PERSON_ENDINGS = ("er", "ent", "ant", "ist", "or", "eur", "at", "arzt", "og", "ot")


@cache
def masculine_of(word: str) -> str | None:
    """The masculine noun of a folded feminine one, None for other words.

    "kanzlerin", "kanzlerinnen" → "kanzler"; "kollegin" → "kollege". The
    masculine must be a known word, so "Berlin" and "Benzin" are no feminines.
    """
    for ending in ("innen", "in"):
        if not word.endswith(ending):
            continue
        base = word[: -len(ending)]
        if len(base) < 4:
            return None
        if base.endswith(_PERSON_ENDINGS) and is_word(base):
            return base
        if is_word(base + "e"):
            return base + "e"
        return None
    return None


def _feminine_of_simple(word: str) -> bool:
    """Is the word the feminine of a simple word ("Bürgerinnen" is no "Bürge|rinnen")?"""
    base = masculine_of(word)
    if base is None:
        return False
    parts = split(base)
    return parts is None or not _splits_known_word(base, parts)


def _lexicalised(word: str) -> bool:
    """Is the word, or the word without an inflectional ending, in :data:`LEXICALISED`?"""
    return word in LEXICALISED or any(
        word.endswith(ending) and word[: -len(ending)] in LEXICALISED for ending in _INFLECTIONS
    )


def _prefixed_simple(word: str) -> bool:
    """Is the word a known word behind an inseparable prefix ("ge|brauch", "ver|band")?

    Such a word is derived from a verb, not compounded: "Gebrauch" is no
    "geb|rauch", "Verband" no "verb|and".
    """
    for prefix in (*_VERB_PREFIXES, *_BOUND_PREFIXES):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and is_word(rest):
            # "ge|werbetreibenden" is prefixed, but its rest is a compound.
            parts = split(rest)
            return parts is None or not _splits_known_word(rest, parts)
    return False


def _inflected_simple(word: str) -> bool:
    """Is the word an inflected form of a known word that is no compound?

    "ministern" is "minister" with a case ending, not "mini|stern";
    "handlungen" is "handlung", not "hand|lungen".
    """
    for ending in _INFLECTIONS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 5 and is_word(base):
            parts = split(base)
            return parts is None or not _splits_known_word(base, parts)
    return False


# Endings that derive a word from another: "Österreich|er", "österreich|isch".
_DERIVATIONS = ("erinnen", "erin", "ern", "ers", "er", "isch", "ische", "ischen", "ischer")


def _derived_from_simple(word: str) -> bool:
    """Is the word a known simple word with a derivational ending ("österreicher")?"""
    for ending in _DERIVATIONS:
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 5 and is_word(base):
            parts = split(base)
            if parts is None or not _splits_known_word(base, parts):
                return True
    return False


# A word the list knows is a compound only when its parts are about as common as
# it is: "Österreich" is no "Oster|reich" and "Fotografen" no "Foto|grafen",
# but "Bundeskanzler" is "Bundes|kanzler" (Koehn and Knight's test, with slack,
# since a frequent compound is still one).
KNOWN_WORD_SLACK = 0.5


def _splits_known_word(word: str, parts: tuple[Part, Part]) -> bool:
    known = zipf(word)
    return known < _threshold(len(word)) or _part_score(parts) + KNOWN_WORD_SLACK > known
