"""German text analysis for the index: a Whoosh pipeline of small filters.

``GermanTokenizer | LowercaseFilter | NumberFilter | GermanNormalizationFilter |
StopFilter | HyphenFilter | CompoundFilter | GermanStemFilter``

Every stage keeps the tokens' character offsets, so highlighting marks the words
as they stand in the text. Every class is module-level because Whoosh pickles
the analyzer into the index schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from whoosh.analysis import (
    Composable,
    Filter,
    LowercaseFilter,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.lang import stopwords_for_language

# Bumped whenever a change to analysis changes the terms an index holds.
ANALYZER_VERSION = 4

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


class NumberFilter(Filter):  # type: ignore[misc]
    """Drop thousands separators, so "11.000" and "11000" are the same term."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if t.text[0].isdigit() and _THOUSANDS.fullmatch(t.text):
                t.text = t.text.replace(".", "")
            yield t


_FOLD_CHARS = str.maketrans(
    {
        "ä": "a",
        "à": "a",
        "á": "a",
        "â": "a",
        "ö": "o",
        "ò": "o",
        "ó": "o",
        "ô": "o",
        "ü": "u",
        "ù": "u",
        "ú": "u",
        "û": "u",
        "ß": "ss",
    }
)
# The "e" of ae, oe and ue (but not of que), as Lucene's GermanNormalizationFilter drops it.
_FOLD_DIGRAPH = re.compile(r"(?<=[ao])e|(?<=[^q]u)e|(?<=^u)e")


def fold(word: str) -> str:
    """German normalisation after Lucene's GermanNormalizationFilter.

    ä/ae → a, ö/oe → o, ü/ue → u (not after q), ß → ss, so the umlaut, the
    transliterated and the stripped spellings meet ("Pjöngjang", "Pjoengjang",
    "Pjongjang"). Expects lower-case input.
    """
    word = word.translate(_FOLD_CHARS)
    if "e" in word:
        word = _FOLD_DIGRAPH.sub("", word)
    return word


class GermanNormalizationFilter(Filter):  # type: ignore[misc]
    """Fold umlauts, their transliterations and ß (see :func:`fold`)."""

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
STOPWORDS = frozenset(fold(w) for w in stopwords_for_language("de"))


class HyphenFilter(Filter):  # type: ignore[misc]
    """Index "nato-gipfel" as "nato", "gipfel" and "natogipfel".

    The parts take consecutive positions, so phrase queries see them as words; the
    joined form shares the first part's position. At query time only the parts are
    produced, so a hyphenated query word is a phrase of its parts.
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
            if len(parts) < 2:
                t.text = "".join(parts) or t.text
                yield t
                continue
            joined = "".join(parts)
            start = t.startchar if t.chars else 0
            pos = t.pos if t.positions else 0
            offset = 0
            for i, part in enumerate(parts):
                offset = t.text.index(part, offset) if t.chars else 0
                p = t.copy()
                p.text = part
                if t.positions:
                    p.pos = pos + i
                if t.chars:
                    p.startchar = start + offset
                    p.endchar = start + offset + len(part)
                offset += len(part)
                yield p
            shift += len(parts) - 1
            if t.mode != "query":
                t.text = joined
                t.joined = True
                if t.positions:
                    t.pos = pos
                yield t


# Parts that make no compound: prefixes and particles ("Unter|stützung") and
# suffixes that merely derive a word ("Wissen|schaft").
_NOT_MODIFIERS = frozenset(
    "unter uber vor nach aus ein auf ab bei mit durch gegen um zu an ent ver zer hinter "
    "wider wieder neben ober zwischen hin her weiter voll fort miss selbst nicht "
    # participle prefixes ("zuge|kommen", "abge|lehnt")
    "zuge abge ange aufge ausge einge umge vorge durchge herge hinge".split()
).union(STOPWORDS)
_NOT_HEADS = frozenset(
    "schaft schaften heit heiten keit keiten ung ungen tum tums lich lichen "
    "isch ische ischen ischer isches chen lein ling linge nis nisse sam bar haft "
    "erin erinnen ern erns".split()
)
# Heads known only through their stem must be this long: short stems match
# word endings ("nungen", "ichte") as well as words.
MIN_STEM_HEAD = 7
# Parts of four letters ("wahl", "ball") must be common words: rarer short
# entries are mostly endings ("sten", "igen", "ends").
SHORT_PART = 4
COMMON_SIZE = 30_000
_LINKING = ("ens", "es", "en", "er", "s", "n", "e")
MIN_PART = 4
# wordfreq's long tail holds word fragments ("ischen", "gesch"); the 60,000 most
# frequent words are words.
LEXICON_SIZE = 60_000


_lexicon_file: Path | None = None


def use_lexicon(path: Path | None) -> None:
    """Split compounds with the word list saved beside an index.

    An index keeps the word list it was built with, so highlighting splits words
    exactly as indexing did, and a search need not import and fold wordfreq's list.
    """
    global _lexicon_file
    if path != _lexicon_file:
        _lexicon_file = path
        ranked_words.cache_clear()
        _shared_analyzer.cache_clear()
        lexicon.cache_clear()
        common_words.cache_clear()
        lexicon_stems.cache_clear()
        split_compound.cache_clear()


@cache
def ranked_words() -> tuple[str, ...]:
    """Known German words, folded, commonest first: wordfreq's frequent words."""
    if _lexicon_file is not None:
        try:
            return tuple(_lexicon_file.read_text(encoding="utf-8").split())
        except OSError:
            pass
    from wordfreq import top_n_list

    words = (fold(w) for w in top_n_list("de", LEXICON_SIZE) if len(w) >= 3 and w.isalpha())
    return tuple(dict.fromkeys(words))


@cache
def lexicon() -> frozenset[str]:
    """Every known word."""
    return frozenset(ranked_words())


@cache
def common_words() -> frozenset[str]:
    """The commonest known words: the only ones short parts may be."""
    return frozenset(ranked_words()[:COMMON_SIZE])


def _stems_file(path: Path) -> Path:
    return path.with_name(path.stem + "-stems" + path.suffix)


def save_lexicon(path: Path) -> None:
    """Save the word list in use (commonest first) and its stems, one word a line."""
    path.write_text("\n".join(ranked_words()) + "\n", encoding="utf-8")
    _stems_file(path).write_text("\n".join(sorted(lexicon_stems())) + "\n", encoding="utf-8")


@cache
def lexicon_stems() -> frozenset[str]:
    """Stems of the known words, so inflected heads ("entsendungen") are known too."""
    if _lexicon_file is not None:
        try:
            return frozenset(_stems_file(_lexicon_file).read_text(encoding="utf-8").split())
        except OSError:
            pass
    return frozenset(stem(w) for w in lexicon())


def _known_head(head: str) -> bool:
    if head in _NOT_HEADS:
        return False
    if len(head) <= SHORT_PART:
        return head in common_words()
    return head in lexicon() or len(head) >= MIN_STEM_HEAD and stem(head) in lexicon_stems()


def _parts_of(part: str) -> tuple[str, ...]:
    """A part's own parts, unless it is a known word ("geschichte" stays whole)."""
    return () if part in lexicon() else split_compound(part)


def _known_modifier(modifier: str) -> bool:
    if modifier in _NOT_MODIFIERS:
        return False
    return any(
        c in (common_words() if len(c) <= SHORT_PART else lexicon()) and c not in _NOT_MODIFIERS
        for c in _modifier_forms(modifier)
    )


@cache
def split_compound(word: str) -> tuple[str, ...]:
    """The known words a folded compound is made of, or () if it is none.

    "truppenentsendungen" → ("truppen", "entsendungen"); "bundestagswahl" →
    ("bundestags", "wahl"). A split into two known words wins over one that needs
    the modifier split again, and among those the longest head wins; both parts
    must be at least MIN_PART letters, so "wandhalterung" never yields "alterung".
    """
    if len(word) < 2 * MIN_PART or not word.isalpha():
        return ()
    cuts = range(MIN_PART, len(word) - MIN_PART + 1)
    for i in cuts:
        head, modifier = word[i:], word[:i]
        if _known_head(head) and _known_modifier(modifier):
            return (modifier, head, *_parts_of(head))
    for i in cuts:
        head, modifier = word[i:], word[:i]
        if _known_head(head) and modifier not in lexicon():
            inner = split_compound(modifier)
            if inner:
                return (*inner, head, *_parts_of(head))
    return ()


def _modifier_forms(modifier: str) -> Iterator[str]:
    yield modifier
    for link in _LINKING:
        if modifier.endswith(link) and len(modifier) - len(link) >= MIN_PART:
            yield modifier[: -len(link)]


class CompoundFilter(Filter):  # type: ignore[misc]
    """Add the parts of German compounds at the compound's position (index time only)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            yield t
            if t.mode == "query" or len(t.text) < 2 * MIN_PART or getattr(t, "joined", False):
                continue
            parts = split_compound(t.text)
            if parts:
                text = t.text
                for part in dict.fromkeys(parts):
                    if part != text:
                        t.text = part
                        yield t
                t.text = text


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("german")


@cache
def stem(word: str) -> str:
    """Snowball German stem of a folded word; numbers are left alone."""
    if not word[0].isalpha():
        return word
    return str(_stemmer().stemWord(word))


class GermanStemFilter(Filter):  # type: ignore[misc]
    """Snowball German stemming (PyStemmer), cached, since news vocabulary repeats."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = stem(t.text)
            yield t


def german_filters() -> list[Filter]:
    """The filter stages, in order, after the tokenizer."""
    return [
        LowercaseFilter(),
        NumberFilter(),
        GermanNormalizationFilter(),
        StopFilter(stoplist=STOPWORDS, minsize=1),
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
    :func:`pipeline`: stop words take no position, hyphen parts take one each,
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


def term_spans(text: str, analyzer: Composable | None = None) -> Iterator[tuple[str, int, int]]:
    """Each index term of ``text`` with the character span of the word it came from."""
    analyzer = analyzer or _shared_analyzer()
    for t in analyzer(text, chars=True, positions=True, mode="index"):
        yield t.text, t.startchar, t.endchar
