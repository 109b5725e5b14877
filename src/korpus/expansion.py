"""Bounded expansion of wildcards, prefixes, ranges and explicit fuzzy terms.

Whoosh expands such a term by walking the index's term dictionary in pure Python
and then unites one posting list per matching term: `*a*` took minutes on 5,000
articles, `Merkel~9` as long. korpus expands them itself from the vocabulary
written beside the index (see :mod:`korpus.variants`), caps the edit distance and
the number of words each pattern may stand for, and reports every cut, so a query
answers in about a second or says what it left out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from korpus.errors import QueryError

MAX_EDIT_DISTANCE = 2  # as Lucene: beyond two edits a term matches noise
MAX_TERMS_PER_PATTERN = 200
MAX_TERMS_PER_QUERY = 500
VOCABULARY_FIELDS = ("text", "title")


@dataclass
class Expansion:
    """What the bounds cut so far (one line per pattern) and how many words are used."""

    notes: list[str] = field(default_factory=list)
    used: int = 0
    noted: set[str] = field(default_factory=set)
    # Title and text share one vocabulary: a pattern in both is expanded once.
    chosen: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def note(self, key: str, line: str) -> None:
        # A pattern searched in title and text is reported once.
        if key not in self.noted:
            self.noted.add(key)
            self.notes.append(line)


def word_set(fieldname: str, words: list[str], boost: float = 1.0) -> Any:
    """A query matching any of ``words`` in one field, every match scoring alike.

    Whoosh's own multi-term matcher unites one posting list per word in a tree
    of Python matchers (5 s for 1,000 words); this reads each list's document
    numbers once and serves them as one list.
    """
    from whoosh import matching
    from whoosh import query as q

    class WordSet(q.MultiTerm):  # type: ignore[misc]
        constantscore = True

        def __init__(self) -> None:
            self.fieldname = fieldname
            self.words = words
            self.boost = boost
            # Whoosh's own code reads a multi-term query's text (tokens, repr).
            self.text = words[0] if words else ""

        def __repr__(self) -> str:
            return f"WordSet({self.fieldname!r}, {len(self.words)} words)"

        def __eq__(self, other: object) -> bool:
            return (
                isinstance(other, WordSet)
                and (other.fieldname, other.words, other.boost)
                == (self.fieldname, self.words, self.boost)
            )

        def __hash__(self) -> int:
            return hash((self.fieldname, len(self.words), self.boost))

        def _btexts(self, ixreader: Any) -> Any:
            for word in self.words:
                btext = word.encode("utf-8")
                if (self.fieldname, btext) in ixreader:
                    yield btext

        def matcher(self, searcher: Any, context: Any = None) -> Any:
            reader = searcher.reader()
            ids: set[int] = set()
            for btext in self._btexts(reader):
                ids.update(reader.postings(self.fieldname, btext).all_ids())
            if not ids:
                return matching.NullMatcher()
            return matching.ListMatcher(sorted(ids), all_weights=self.boost)

    return WordSet()


def bound_query(parsed: Any, reader: Any, data_dir: Path) -> tuple[Any, list[str]]:
    """``parsed`` with every multi-word term replaced by at most a bounded set of words.

    Raises QueryError when a pattern cannot be expanded (no vocabulary beside
    the index).
    """
    state = Expansion()

    def rewrite(node: Any) -> Any:
        return _rewrite_node(node, reader, data_dir, state)

    return parsed.accept(rewrite), state.notes


def _rewrite_node(node: Any, reader: Any, data_dir: Path, state: Expansion) -> Any:
    from whoosh import query as q

    if isinstance(node, q.Every):
        # A fielded Every reads every posting list of the field (23 s for
        # "title:*" on 5,000 articles); every article has text, so match all.
        return q.Every(boost=node.boost)
    if not isinstance(node, q.MultiTerm):
        return node
    label = _label(node)
    if isinstance(node, q.FuzzyTerm) and node.maxdist > MAX_EDIT_DISTANCE:
        state.note(
            f"{label}:distance",
            f"{label}: edit distance limited to {MAX_EDIT_DISTANCE} (asked for {node.maxdist})",
        )
    key = (type(node).__name__, label)
    found = state.chosen.get(key)
    if found is None:
        found = _matching_terms(node, _candidates(node, reader, data_dir))
        room = max(0, min(MAX_TERMS_PER_PATTERN, MAX_TERMS_PER_QUERY - state.used))
        if len(found) > room:
            state.note(
                label,
                f"{label} matches {len(found):,} words; searched the {room} closest"
                if room
                else f"{label}: left out, the query already stands for "
                f"{MAX_TERMS_PER_QUERY} words",
            )
            found = found[:room]
        state.used += len(found)
        state.chosen[key] = found
    if not found:
        return q.NullQuery
    if len(found) == 1:
        return q.Term(node.fieldname, found[0], boost=node.boost)
    return word_set(node.fieldname, found, node.boost)


def _label(node: Any) -> str:
    from whoosh import query as q

    if isinstance(node, q.TermRange):
        start, end = node.start or "", node.end or ""
        text = f"{'{' if node.startexcl else '['}{start} TO {end}{'}' if node.endexcl else ']'}"
    elif isinstance(node, q.FuzzyTerm):
        text = f"{node.text}~{node.maxdist}"
    else:
        text = str(node.text)
    # Title and text are searched together by default; the note names the pattern.
    return text if node.fieldname in VOCABULARY_FIELDS else f"{node.fieldname}:{text}"


def _candidates(node: Any, reader: Any, data_dir: Path) -> list[str]:
    """Sorted words of the node's field that a pattern may match."""
    from whoosh import query as q

    if node.fieldname not in VOCABULARY_FIELDS:
        # Keyword fields (sources) hold a few hundred words: Whoosh lists them fast.
        return sorted(_decode(t) for t in reader.lexicon(node.fieldname))
    from korpus.variants import all_terms

    first = _fixed_prefix(node)[:1]
    words = all_terms(data_dir, first if isinstance(node, q.FuzzyTerm | q.PatternQuery) else "")
    if words is None:
        raise QueryError(
            f"cannot expand {_label(node)}: the index has no word list",
            hint="rebuild the index with: korpus index --rebuild",
        )
    return words


def _decode(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


def _fixed_prefix(node: Any) -> str:
    """The start every match shares, as far as the pattern fixes it."""
    from whoosh import query as q

    if isinstance(node, q.Prefix):
        return str(node.text)
    if isinstance(node, q.Wildcard):
        return re.split(r"[*?\[]", node.text, maxsplit=1)[0]
    if isinstance(node, q.FuzzyTerm):
        return str(node.text[: node.prefixlength])
    return ""


def _matching_terms(node: Any, words: list[str]) -> list[str]:
    """The words a multi-term node matches, closest first."""
    from whoosh import query as q

    if isinstance(node, q.FuzzyTerm):
        return _fuzzy(node, words)
    if isinstance(node, q.TermRange):
        return _in_range(node, words)
    prefix = _fixed_prefix(node)
    lo = bisect.bisect_left(words, prefix)
    hi = bisect.bisect_left(words, prefix + "\U0010ffff") if prefix else len(words)
    pool = words[lo:hi]
    if isinstance(node, q.Prefix):
        found = pool
    elif isinstance(node, q.Wildcard):
        found = _glob(node.text, pool)
    else:  # Regex and other patterns Whoosh may add: its own test on each word
        pattern = re.compile(node._get_pattern())
        found = [w for w in pool if pattern.match(w)]
    # The shortest completions are the nearest to what was typed (the sort is stable,
    # so words of one length stay in alphabetical order).
    return sorted(found, key=len)


def _glob(pattern: str, words: list[str]) -> list[str]:
    """Words matching a wildcard (``*`` any run, ``?`` one character), in order.

    One regular expression over all words joined by newlines: C speed, where a
    Python loop over 300,000 words takes seconds.
    """
    parts = ("[^\n]*" if ch == "*" else "[^\n]" if ch == "?" else re.escape(ch) for ch in pattern)
    regex = re.compile("^" + "".join(parts) + "$", re.MULTILINE)
    return regex.findall("\n".join(words))


def _in_range(node: Any, words: list[str]) -> list[str]:
    start = _decode(node.start) if node.start is not None else None
    end = _decode(node.end) if node.end is not None else None
    lo = 0 if start is None else bisect.bisect_left(words, start)
    hi = len(words) if end is None else bisect.bisect_right(words, end)
    found = [
        w
        for w in words[lo:hi]
        if not (node.startexcl and w == start) and not (node.endexcl and w == end)
    ]
    return sorted(found, key=len)


def _fuzzy(node: Any, words: list[str]) -> list[str]:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    text = str(node.text)
    maxdist = max(0, min(int(node.maxdist), MAX_EDIT_DISTANCE))
    prefix = text[: node.prefixlength]
    pool = [w for w in words if w.startswith(prefix)] if prefix else words
    found = process.extract(text, pool, scorer=OSA.distance, score_cutoff=maxdist, limit=None)
    return [w for w, _, _ in sorted(found, key=lambda f: (f[1], len(f[0]), f[0]))]
