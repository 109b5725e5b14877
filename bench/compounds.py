"""Measure compound splitting on hand-split German compounds, beside CharSplit.

Two hand-made lists, reported apart:

- ``compounds-gold.tsv``: 567 compounds of news (its 'dev' half tuned the
  splitter, its 'test' half did not);
- ``compounds-news.tsv``: 303 more compounds and 197 words that are none
  (names, derivations, prefixed and foreign words), drawn from news with
  another seed and split by hand after the splitter's rules were written.

For every compound (word, modifier, head), the terms korpus indexes for the word
are compared with the terms of the two gold parts, analysed as words of their own:

- both parts: the compound yields the terms of the modifier and of the head;
- parts right: of the part terms it yields, those that are a gold part, or a
  constituent of a gold part that is itself a compound, as split by hand in
  ``compounds-constituents.tsv`` ("Klimaschutz|gesetz" may also give "klima"
  and "schutz"; "Bundestag|wahl" may not give "bund" and "tag");
- strict: of the part terms it yields, those that are one of the two gold parts.

For a word that is no compound, "left whole" counts the words that yield no parts.

CharSplit (``pip install compound-split``) splits the same words in the same
run; its best split is taken when its score is positive, and its two parts are
analysed as korpus analyses words, so both are judged alike.

    python bench/compounds.py            # both lists
    python bench/compounds.py --misses   # list every miss and every wrong part
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
LISTS = {"gold": DATA / "compounds-gold.tsv", "news": DATA / "compounds-news.tsv"}
CONSTITUENTS = DATA / "compounds-constituents.tsv"
sys.path.insert(0, str(ROOT / "src"))

from korpus.analysis import analyze_words, term_of  # noqa: E402
from korpus.german import fold  # noqa: E402


@dataclass
class Gold:
    word: str
    modifier: str  # "-" for a word that is no compound
    head: str
    set: str

    @property
    def compound(self) -> bool:
        return self.modifier != "-"


def load_gold(path: Path) -> list[Gold]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, modifier, head, part_of = line.split("\t")
        rows.append(Gold(word, modifier, head, part_of))
    return rows


def load_constituents() -> dict[str, tuple[str, str]]:
    """Compound parts of gold parts, split by hand: the part's term → its two parts."""
    found = {}
    for line in CONSTITUENTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, modifier, head = line.split("\t")
        found[term(word)] = (modifier, head)
    return found


def term(word: str) -> str:
    return term_of(fold(word.lower()))


def korpus_parts(word: str) -> list[str]:
    """The part terms korpus indexes for a word (its own term left out)."""
    [analysis] = analyze_words(word)
    return analysis.terms[1:]


def charsplit_parts() -> Callable[[str], list[str]] | None:
    try:
        from compound_split import char_split
    except ImportError:
        return None

    def parts(word: str) -> list[str]:
        score, modifier, head = char_split.split_compound(word)[0]
        if score <= 0:
            return []
        return list(dict.fromkeys(t for t in (term(modifier), term(head)) if t != term(word)))

    return parts


def right_terms(g: Gold, constituents: dict[str, tuple[str, str]]) -> set[str]:
    """The gold parts' terms and, recursively, their hand-split constituents'."""
    right: set[str] = set()
    todo = [term(g.modifier), term(g.head)]
    while todo:
        t = todo.pop()
        if t not in right:
            right.add(t)
            todo.extend(term(w) for w in constituents.get(t, ()))
    return right


@dataclass
class Score:
    name: str
    words: int = 0
    both: int = 0
    emitted: int = 0
    right: int = 0
    strict: int = 0
    others: int = 0
    whole: int = 0
    seconds: float = 0.0

    def row(self, list_name: str) -> str:
        whole = f"{self.whole / self.others:.1%} of {self.others}" if self.others else "–"
        return (
            f"| {list_name} | {self.name} | {self.words} | {self.both / self.words:.1%} | "
            f"{self.right / max(1, self.emitted):.1%} | {self.strict / max(1, self.emitted):.1%} | "
            f"{self.emitted} | {whole} | {self.seconds:.1f} s |"
        )


def evaluate(
    name: str,
    split: Callable[[str], list[str]],
    gold: list[Gold],
    constituents: dict[str, tuple[str, str]],
    misses: bool,
) -> Score:
    score = Score(name)
    started = time.perf_counter()
    for g in gold:
        parts = split(g.word)
        if not g.compound:
            score.others += 1
            score.whole += not parts
            if misses and parts:
                print(f"  {name}: {g.word}: no compound, got {parts}")
            continue
        wanted = {term(g.modifier), term(g.head)}
        right = right_terms(g, constituents)
        found = wanted <= set(parts)
        wrong = [p for p in parts if p not in right]
        score.words += 1
        score.both += found
        score.emitted += len(parts)
        score.right += len(parts) - len(wrong)
        score.strict += sum(p in wanted for p in parts)
        if misses and (not found or wrong):
            print(f"  {name}: {g.word}: wanted {sorted(wanted)}, got {parts}, wrong {wrong}")
    score.seconds = time.perf_counter() - started
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", choices=sorted(LISTS), help="only one of the lists")
    parser.add_argument("--misses", action="store_true", help="list misses and wrong parts")
    args = parser.parse_args()
    constituents = load_constituents()
    peer = charsplit_parts()
    if peer is None:
        print("CharSplit is not installed (pip install compound-split); korpus only.")
    rows = []
    for list_name, path in LISTS.items():
        if args.list and list_name != args.list:
            continue
        gold = load_gold(path)
        splitters = [("korpus", korpus_parts)] + ([("CharSplit", peer)] if peer else [])
        for name, split in splitters:
            rows.append(evaluate(name, split, gold, constituents, args.misses).row(list_name))
    print(
        "| list | splitter | compounds | both parts | parts right | strict | parts "
        "| no compound left whole | time |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
