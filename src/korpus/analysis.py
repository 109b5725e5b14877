"""German text analysis for the index: a Whoosh pipeline of small filters.

``GermanTokenizer | CaseFilter | NumberFilter | GermanNormalizationFilter |
StopWordFilter | HyphenFilter | CompoundFilter | GermanStemFilter``

Every word keeps its position, stop words included, so a phrase matches exactly
the words it quotes; compound parts share their word's position. Every stage
keeps the tokens' character offsets, so highlighting marks the words as they
stand in the text. Every class is module-level because Whoosh pickles the
analyzer into the index schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from whoosh.analysis import Composable, Filter, Token, Tokenizer

from korpus import compounds
from korpus.compounds import MIN_COMPOUND, frequencies, masculine_of, save_lexicon, zipf
from korpus.german import INSEPARABLE_PREFIXES, STOPWORDS, fold, stem
from korpus.verbs import SEPARABLE_PREFIXES, strong_forms, strong_infinitive

__all__ = [
    "ANALYZER_VERSION",
    "MIN_COMPOUND",
    "STOPWORDS",
    "WORD_RE",
    "GermanAnalyzer",
    "WordAnalysis",
    "analyze",
    "analyze_words",
    "content_words",
    "fold",
    "forget_words",
    "remembered_words",
    "german_analyzer",
    "feminine_term",
    "is_stopword",
    "query_alternatives",
    "lexicon_stems",
    "save_lexicon",
    "stem",
    "term_of",
    "term_spans",
    "verb_term_of",
    "use_lexicon",
]

# Bumped whenever a change to analysis changes the terms an index holds.
ANALYZER_VERSION = 8

# A word may carry inner hyphens ("Nato-Gipfel", "Kim Jong-un"); a number may carry
# thousands separators or a decimal comma ("11.000", "0,25").
WORD_RE = re.compile(r"\d+(?:[.,]\d+)*(?:-\w+)*|[^\W\d_]\w*(?:[-‐]\w+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SPLIT_HYPHEN = re.compile(r"[-‐]")


class GermanTokenizer(Tokenizer):  # type: ignore[misc]
    """Words with umlauts and ß, hyphenated words whole, numbers with their separators."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        for pos, m in enumerate(WORD_RE.finditer(value), start_pos):
            t.text = m.group()
            t.boost = 1.0
            if keeporiginal:
                t.original = t.text
            t.stopped = False
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + m.start()
                t.endchar = start_char + m.end()
            yield t


class CaseFilter(Filter):  # type: ignore[misc]
    """Lower-case every word, and remember whether it was written in lower case.

    German writes nouns and names with a capital, so only a word in lower case
    is read as a verb's present form ("sucht" → "suchen"), while "Sucht" stays
    apart from "suchen" (see :func:`verb_term_of`).
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.lowercase = t.text[:1].islower()
            t.text = t.text.lower()
            yield t


class NumberFilter(Filter):  # type: ignore[misc]
    """Drop thousands separators, so "11.000" and "11000" are the same term."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if t.text[0].isdigit() and _THOUSANDS.fullmatch(t.text):
                t.text = t.text.replace(".", "")
            yield t


class GermanNormalizationFilter(Filter):  # type: ignore[misc]
    """Fold umlauts, their transliterations and ß as Lucene does (see :func:`fold`)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        cache = _FOLD_CACHE
        for t in tokens:
            text = t.text
            folded = cache.get(text)
            if folded is None:
                folded = cache[text] = fold(text)
            t.text = folded
            yield t


_FOLD_CACHE: dict[str, str] = {}


def is_stopword(term: str) -> bool:
    """Is a folded word a function word ("der", "und", "über")?"""
    return term in STOPWORDS


class StopWordFilter(Filter):  # type: ignore[misc]
    """Mark function words: they keep their position and their folded form.

    They are indexed, so a phrase matches exactly ("Wir schaffen das"); they are
    neither split nor stemmed, and a query drops them outside phrases unless they
    are all it has.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.stopped = t.text in STOPWORDS
            yield t


class HyphenFilter(Filter):  # type: ignore[misc]
    """Index "nato-gipfel" as "natogipfel", "nato" and "gipfel".

    The parts take consecutive positions, so phrase queries see them as words; the
    joined form comes first and shares the first part's position. A query looks
    for the joined form only, which every hyphenated word in the index has and
    every compound written as one word is: "Corona-Krise" and "Coronakrise"
    find the same articles.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        shift = 0
        for t in tokens:
            if t.positions:
                t.pos += shift
            t.joined = False
            if "-" not in t.text and "‐" not in t.text:
                yield t
                continue
            parts = [p for p in _SPLIT_HYPHEN.split(t.text) if p]
            joined = "".join(parts) or t.text
            if len(parts) < 2 or t.mode == "query":
                t.text = joined
                t.stopped = joined in STOPWORDS
                yield t
                continue
            text, start, pos = t.text, t.startchar if t.chars else 0, t.pos if t.positions else 0
            t.text, t.joined, t.stopped = joined, True, False
            yield t
            offset = 0
            for i, part in enumerate(parts):
                offset = text.index(part, offset)
                p = t.copy()
                p.text, p.joined, p.stopped = part, False, part in STOPWORDS
                if t.positions:
                    p.pos = pos + i
                if t.chars:
                    p.startchar = start + offset
                    p.endchar = start + offset + len(part)
                offset += len(part)
                yield p
            shift += len(parts) - 1


def use_lexicon(path: Path | None) -> None:
    """Split compounds with the word list saved beside an index (None: wordfreq's).

    An index keeps the word list it was built with, so highlighting splits words
    exactly as indexing did.
    """
    if path != compounds.lexicon_file():
        compounds.use_lexicon(path)
        term_of.cache_clear()
        infinitive_of.cache_clear()
        verb_term_of.cache_clear()
        lexicon_stems.cache_clear()
        strong_forms.cache_clear()
        _shared_analyzer.cache_clear()


def forget_words() -> None:
    """Drop every word's analysis remembered in this process (not the word list).

    The memories are caches of pure functions: dropping them costs time only.
    An indexing writer calls this when they pass its memory limit.
    """
    compounds.forget_words()
    term_of.cache_clear()
    infinitive_of.cache_clear()
    verb_term_of.cache_clear()
    stem.cache_clear()
    _FOLD_CACHE.clear()
    if _shared_analyzer.cache_info().currsize:
        _shared_analyzer().forget_words()


def remembered_words() -> int:
    """How many results :func:`forget_words` would drop (the shared analyzer's aside)."""
    return (
        compounds.remembered_words()
        + sum(f.cache_info().currsize for f in (term_of, infinitive_of, verb_term_of, stem))
        + len(_FOLD_CACHE)
    )


@cache
def lexicon_stems() -> frozenset[str]:
    """Stems of the known words, so inflected forms of words are known too."""
    return frozenset(stem(w) for w in frequencies())


@cache
def term_of(word: str) -> str:
    """The index term of a folded word: a stop word as it is, any other its stem.

    A name and its genitive meet: the "s" that Snowball keeps after a vowel or
    "p" ("chinas", "europas", "trumps", "autos") goes when the word without it
    is a commoner word, and "bayerns" stems as "bayern" does. "Mais" stays
    apart from "Mai", "Paris" from "pari".
    """
    if word in STOPWORDS or not word[:1].isalpha():
        return word
    # "Kanzlerinnen" is the plural of "Kanzlerin", which Snowball stems apart.
    if word.endswith("innen") and masculine_of(word) is not None:
        word = word[:-3]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        base = word[:-1]
        if compounds.is_word(base) and zipf(base) > zipf(word):
            word = base
    elif word.endswith("en") and len(word) > 4:
        word = _loan_singular(word) or word
    term = stem(word)
    # A stem that is a stop word ("ware" → "war") would match every "war".
    return word if term in STOPWORDS else term


# Singular endings of loans whose plural ends in -en: "Virus"/"Viren",
# "Zentrum"/"Zentren", "Thema"/"Themen", "Konto"/"Konten", "Stadion"/"Stadien",
# "Prinzip"/"Prinzipien", "Material"/"Materialien".
_LOAN_SINGULARS = ("us", "um", "a", "o", "on", "is")
LOAN_SINGULAR_SLACK = 0.5
# A singular in -e this common makes the -en form its regular plural; rarer
# ones are mostly foreign words of the list ("theme", "ville").
REGULAR_SINGULAR_ZIPF = 3.5


def _loan_singular(word: str) -> str | None:
    """The singular of a loan's plural in -en, which Snowball stems apart.

    The singular must be a known word, about as common as the plural or more,
    so "Boden" is no plural of "Bodo" and "Daten" none of "Datum"; the plural
    of a common word in -e ("Studien": "Studie") is a regular one, not "Studium"'s.
    """
    if zipf(word[:-1]) >= REGULAR_SINGULAR_ZIPF:
        return None
    groups: list[tuple[str, ...]] = []
    if word.endswith("ien") and len(word) > 6:
        # "Ministerien" is "Ministerium"'s before it is "Minister"'s.
        groups = [(word[:-3] + "ium", word[:-3] + "ion"), (word[:-3],)]
    groups.append(tuple(word[:-2] + e for e in _LOAN_SINGULARS))
    floor = zipf(word) - LOAN_SINGULAR_SLACK
    for group in groups:
        known = [c for c in group if len(c) >= 4 and compounds.is_word(c) and zipf(c) >= floor]
        if known:
            return max(known, key=zipf)
    return None


# Endings of the weak conjugation, longest first: "arbeit|eten", "warn|te", "warn|t".
_VERB_ENDINGS = ("eten", "ete", "et", "ten", "te", "t")
# Inseparable prefixes and "-ier" verbs form their participle without "ge".
_VERB_PREFIXES = (*INSEPARABLE_PREFIXES, "uber", "unter", "wider")
_VOWELS = frozenset("aeiouy")
# Words in lower case that end like a verb form and are none: prepositions and
# adverbs ("samt" is no form of "Samen", "seit" none of "seien").
_NOT_VERB_FORMS = frozenset(
    "samt seit laut statt trotz nebst meist fast erst bereit bekannt gesamt insgesamt "
    "echt recht leicht acht zuletzt zunachst langst fort".split()
)
# A verb form is about as common as its infinitive; a word far commoner than the
# infinitive it seems to have is another word ("Markt" is no form of "Marken").
VERB_FORM_SLACK = 1.0
MIN_INFINITIVE_ZIPF = 3.0


def _infinitive(stem_: str) -> str:
    return stem_ + ("n" if stem_.endswith(("el", "er")) and not stem_.endswith("ier") else "en")


def _weak_verb_stem(stem_: str, strict: bool = False) -> bool:
    """Does the list show ``stem_`` as the stem of a weak verb?

    Its participle ("ge|warn|t", "ge|arbeit|et") is a known word, or the verb
    makes none: "-ier" verbs ("kritisier") and those with an inseparable prefix,
    whose present form must then be known when ``strict``.
    """
    ending = "et" if _takes_et(stem_) else "t"
    if stem_.endswith("ier") or stem_.startswith(_VERB_PREFIXES):
        return not strict or compounds.is_word(stem_ + ending)
    return compounds.is_word(f"ge{stem_}{ending}")


def _takes_et(stem_: str) -> bool:
    """"-et" follows d, t or a consonant before m, n ("arbeit|et", "öffn|et")."""
    return stem_[-1] in "dt" or (
        stem_[-1] in "mn" and stem_[-2] not in _VOWELS and stem_[-2] not in "rlmnh"
    )


def _verb_ending_fits(stem_: str, ending: str) -> bool:
    if len(stem_) < 3:
        return False
    return _takes_et(stem_) == ending.startswith("e")


@cache
def infinitive_of(word: str, present: bool = True) -> str | None:
    """The infinitive of a folded regular verb form, None for any other word.

    "warnt", "warnte", "gewarnt" → "warnen"; "arbeitet" → "arbeiten";
    "kritisierten" → "kritisieren"; "schließt" → "schließen". The verb must be
    in the word list, and a past form or participle needs the verb's other
    forms there too: "Welt" and "Planet" are no verb forms. Without
    ``present``, only past forms and participles count, as for a capitalised
    word: "Verletzte" is "verletzen"'s, but "Sucht" is no form of "suchen".
    """
    if word in STOPWORDS or word in _NOT_VERB_FORMS or len(word) < 4 or not word.isalpha():
        return None
    # An infinitive of its own ("flüchten", "leisten") is no past form of another.
    if word.endswith("en") and len(word) > 5 and _weak_verb_stem(word[:-2], strict=True):
        return None
    separated = _separable_participle(word)
    if separated is not None:
        return separated
    z_word = zipf(word)
    for prefix in ("ge", ""):
        if not word.startswith(prefix):
            continue
        body = word[len(prefix) :]
        for ending in _VERB_ENDINGS:
            if not body.endswith(ending) or (prefix and ending not in ("t", "et")):
                continue
            stem_ = body[: -len(ending)]
            if not _verb_ending_fits(stem_, ending):
                # "warnt" is "warn|t", "arbeitet" "arbeit|et", never the other way.
                continue
            infinitive = _infinitive(stem_)
            z = zipf(infinitive)
            if infinitive in STOPWORDS or z < MIN_INFINITIVE_ZIPF or z_word > z + VERB_FORM_SLACK:
                continue
            if prefix:
                # A participle's verb has a past form: "gewarnt", "warnte".
                past = stem_ + ("ete" if ending == "et" else "te")
                if compounds.is_word(past):
                    return infinitive
            elif ending in ("t", "et"):
                if present and (_weak_verb_stem(stem_) or _present_participle(stem_)):
                    return infinitive
            elif _weak_verb_stem(stem_):
                # The present ("schließt", "kommt") is regular in strong verbs too.
                return infinitive
    return None


def _separable_participle(word: str) -> str | None:
    """The infinitive of a weak participle behind a separable prefix:
    "angekündigt" → "ankündigen", "ausgewählt" → "auswählen"."""
    for prefix in SEPARABLE_PREFIXES:
        if word.startswith(prefix) and word.startswith("ge", len(prefix)):
            inner = infinitive_of(word[len(prefix) :], present=False)
            if inner is not None and compounds.is_word(prefix + inner):
                return prefix + inner
    return None



def _present_participle(stem_: str) -> bool:
    """Does the list know the verb's present participle ("kommend", "folgenden")?"""
    return any(zipf(stem_ + ending) > 0 for ending in ("end", "ende", "enden", "ender"))


@cache
def verb_term_of(word: str, lowercase: bool = True) -> str:
    """The index term of a folded word: a regular verb form becomes its verb's
    term ("gewarnt" → "warn"), any other word its own (see :func:`term_of`).

    A word written with a capital is a noun or a sentence's first word, so of
    its verb readings only the past forms and participles count ("Verletzte").
    """
    if lowercase and word not in STOPWORDS:
        # Capitalised, "Stand" and "Schloss" are nouns, not "stehen" and "schließen".
        strong = strong_infinitive(word)
        if strong is not None:
            return strong
    infinitive = infinitive_of(word, present=lowercase)
    if infinitive is not None and strong_infinitive(infinitive) == infinitive:
        # "geschafft" (weak) meets "schaffen" as "schuf" (strong) does.
        return infinitive
    return term_of(infinitive if infinitive is not None else word)


def _term(word: str, lowercase: bool) -> str:
    return verb_term_of(word, lowercase)


class CompoundFilter(Filter):  # type: ignore[misc]
    """Add the words inside a compound at its position (index time only).

    The compound is split as a word (folded, not stemmed), every part that is a
    compound itself is split again, and each part is stemmed by the next stage:
    "Rindfleischüberwachungsgesetz" also yields "rind", "fleisch", "uberwachung"
    and "gesetz" (see :mod:`korpus.compounds`). Only parts are added: a feminine
    meets its masculine at query time (:func:`feminine_term`), so the index holds
    no term that is not a word of the text.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            # Later stages stem the token in place: keep the word as it came.
            text = t.text
            yield t
            if t.mode == "query" or t.stopped or t.joined or not text.isalpha():
                continue
            words = compounds.words_of(text) if len(text) >= MIN_COMPOUND else []
            if words:
                seen = {_term(text, t.lowercase)}
                for word in words:
                    term = _term(word, t.lowercase)
                    if term not in seen:
                        seen.add(term)
                        t.text = word
                        yield t
                t.text = text


class GermanStemFilter(Filter):  # type: ignore[misc]
    """Stem every word but the stop words (see :func:`term_of`, :func:`verb_term_of`)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = _term(t.text, t.lowercase)
            yield t


def german_filters() -> list[Filter]:
    """The filter stages, in order, after the tokenizer."""
    return [
        CaseFilter(),
        NumberFilter(),
        GermanNormalizationFilter(),
        StopWordFilter(),
        HyphenFilter(),
        CompoundFilter(),
        GermanStemFilter(),
    ]


def pipeline() -> Composable:
    """The analysis as a plain Whoosh pipeline: tokenizer, then every filter."""
    analyzer = GermanTokenizer()
    for stage in german_filters():
        analyzer = analyzer | stage
    return analyzer


# Terms (text, position step, start offset, end offset) a word turns into.
WordTerms = tuple[tuple[str, int, int, int], ...]


class GermanAnalyzer(Composable):  # type: ignore[misc]
    """The German pipeline, run once per distinct word and remembered.

    News vocabulary repeats, so a word seen before costs a dictionary lookup
    instead of a pass through every filter. The result is the same as running
    :func:`pipeline`: every word takes a position, hyphen parts take one each,
    compound parts share their word's position.
    """

    def __init__(self, compounds: bool = True) -> None:
        self.tokenizer = GermanTokenizer()
        self.filters = [f for f in german_filters() if compounds or type(f) is not CompoundFilter]
        self._cache: dict[str, dict[str, tuple[WordTerms, int]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"tokenizer": self.tokenizer, "filters": self.filters}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._cache = {}

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def forget_words(self) -> None:
        """Drop the words analysed so far: costs time only."""
        self._cache = {}

    def __hash__(self) -> int:
        return hash(type(self))

    def word_terms(self, word: str, mode: str) -> tuple[WordTerms, int]:
        """The terms ``word`` becomes, and how many positions it takes."""
        cache = self._cache.setdefault(mode, {})
        found = cache.get(word)
        if found is None:
            probe = Token(positions=True, chars=True, removestops=True, mode=mode)
            probe.text, probe.pos, probe.startchar, probe.endchar, probe.boost = (
                word,
                0,
                0,
                len(word),
                1.0,
            )
            stream: Iterator[Token] = iter([probe])
            for stage in self.filters:
                stream = stage(stream)
            terms = tuple((t.text, t.pos, t.startchar, t.endchar) for t in stream)
            found = (terms, max((step for _, step, _, _ in terms), default=-1) + 1)
            if len(cache) > 500_000:
                cache.clear()
            cache[word] = found
        return found

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        if not tokenize or not removestops or keeporiginal:
            stream = self.tokenizer(
                value,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=tokenize,
                mode=mode,
                **kwargs,
            )
            for stage in self.filters:
                stream = stage(stream)
            yield from stream
            return
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        pos = start_pos
        cache = self._cache.setdefault(mode, {})
        word_terms = self.word_terms
        for m in WORD_RE.finditer(value):
            word = m.group()
            found = cache.get(word) or word_terms(word, mode)
            terms, advance = found
            if chars:
                offset = start_char + m.start()
            for text, step, start, end in terms:
                t.text = text
                if positions:
                    t.pos = pos + step
                if chars:
                    t.startchar = offset + start
                    t.endchar = offset + end
                yield t
            pos += advance


def german_analyzer() -> GermanAnalyzer:
    """The analyzer for article text and titles."""
    return GermanAnalyzer()


@cache
def _shared_analyzer() -> GermanAnalyzer:
    # One instance, so its per-word memory serves every call in the process.
    return GermanAnalyzer()


def analyze(text: str, mode: str = "index") -> list[str]:
    """The terms the index holds for ``text`` (or a query makes of it)."""
    return [t.text for t in _shared_analyzer()(text, mode=mode)]


def feminine_term(word: str) -> str | None:
    """The query term of the feminine of a masculine noun of a person, else None.

    A query for "Kanzler" also looks for "kanzlerin", which "Kanzlerin",
    "Kanzlerinnen" and the part of "Bundeskanzlerin" are indexed as; a query for
    "Kanzlerin" finds the feminine only. The feminine is formed by rule (folded,
    "Arzt" and "Ärztin" differ by the ending alone) and counts only where it is
    a known word that :func:`korpus.compounds.masculine_of` takes back to the
    word, or, for a compound the list does not know ("Parteikollege"), to its head. Of a
    hyphenated word the last piece counts ("CDU-Kanzler" → "CDU-Kanzlerin").
    """
    prefix, hyphen, last = word.rpartition("-")
    feminine = _feminine_word(fold(last.lower()))
    if feminine is None:
        return None
    terms, _ = _shared_analyzer().word_terms(prefix + hyphen + feminine, "query")
    return terms[0][0] if len(terms) == 1 else None


def query_alternatives(word: str) -> list[str]:
    """Terms a query for ``word`` looks for beside its own term.

    The feminine of a masculine noun of a person (:func:`feminine_term`), and,
    for a word typed in lower case, the term of its capitalised reading: users
    type nouns in lower case too, so `unternehmen` finds "Unternehmen" as well
    as the verb's forms, and `stand` finds "Stand" as well as "stehen"'s. A
    capitalised strong verb's infinitive ("Unternehmen", "Treffen") is a noun
    and the verb alike: it also looks for the verb's term.
    """
    own = _shared_analyzer().word_terms(word, "query")[0]
    if len(own) != 1:
        return []
    found: list[str] = []
    if word[:1].islower():
        capitalised = _shared_analyzer().word_terms(word[:1].upper() + word[1:], "query")[0]
        if len(capitalised) == 1 and capitalised[0][0] != own[0][0]:
            found.append(capitalised[0][0])
    else:
        # "Unternehmen" is also the verb's infinitive, as grep counts it.
        folded = fold(word.lower())
        # Every infinitive ends in n: most nouns need no look at the verb table,
        # whose making costs a one-word search more than the search itself.
        if folded != own[0][0] and folded.endswith("n") and strong_infinitive(folded) == folded:
            found.append(folded)
    feminine = feminine_term(word)
    if feminine is not None and feminine != own[0][0] and feminine not in found:
        found.append(feminine)
    return found


def _feminine_word(folded: str) -> str | None:
    if len(folded) < 4 or folded in STOPWORDS or not folded.isalpha():
        return None
    feminine = _feminine_of(folded)
    if feminine is None and len(folded) >= MIN_COMPOUND:
        parts = compounds.split(folded)
        head = parts[1].surface if parts is not None else ""
        head_feminine = _feminine_of(head) if head else None
        if head_feminine is not None:
            feminine = folded[: -len(head)] + head_feminine
    return feminine


def _feminine_of(word: str) -> str | None:
    # The feminine must be a known word: "Krise" has no "Krisin".
    feminine = (word[:-1] if word.endswith("e") else word) + "in"
    if masculine_of(feminine) == word and compounds.is_word(feminine):
        return feminine
    return None


def term_spans(text: str, analyzer: Composable | None = None) -> Iterator[tuple[str, int, int]]:
    """Each index term of ``text`` with the character span of the word it came from."""
    analyzer = analyzer or _shared_analyzer()
    for t in analyzer(text, chars=True, positions=True, mode="index"):
        yield t.text, t.startchar, t.endchar


@dataclass
class WordAnalysis:
    """What one word of a text becomes: its own term first, then its parts' terms."""

    word: str
    start: int
    end: int
    terms: list[str] = field(default_factory=list)


def content_words(text: str) -> str:
    """The words of ``text`` that are not function words, joined by spaces."""
    return " ".join(
        m.group() for m in WORD_RE.finditer(text) if fold(m.group().lower()) not in STOPWORDS
    )


def analyze_words(text: str, mode: str = "index") -> list[WordAnalysis]:
    """Each word of ``text`` with its character span and the terms it becomes.

    In index mode these are the terms the index stores; in query mode, the terms
    a query looks for.
    """
    analyzer = _shared_analyzer()
    found = []
    for m in WORD_RE.finditer(text):
        terms, _ = analyzer.word_terms(m.group(), mode)
        unique = list(dict.fromkeys(term for term, *_ in terms))
        if mode == "query":
            unique.extend(t for t in query_alternatives(m.group()) if t not in unique)
        found.append(WordAnalysis(m.group(), m.start(), m.end(), unique))
    return found


def lexicon_files_problem(path: Path) -> tuple[Path, str] | None:
    """The saved word list that fails its check, and why; None if it passes."""
    from korpus.compounds import LEXICON_KIND, LEXICON_VERSION
    from korpus.storage import table_problem

    problem = table_problem(path, LEXICON_KIND, LEXICON_VERSION)
    return None if problem is None else (path, problem)
