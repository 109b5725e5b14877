"""Measure compound splitting on hand-checked German compounds, beside CharSplit.

For every compound of bench/data/compounds-gold.tsv (word, modifier, head), the
terms korpus indexes for the word are compared with the terms of the two gold
parts, analysed as words of their own:

- both parts: the compound yields the terms of the modifier and of the head;
- precision: of the part terms it yields, those that are a gold part or a word
  inside one (korpus splits parts again: "Bundestag|wahl" also gives "bund"
  and "tag"); strict precision counts the two gold parts only.

CharSplit (``pip install compound-split``) splits the same words in the same
run; its best split is taken when its score is positive, and its two parts are
analysed as korpus analyses words, so both are judged alike.

    python bench/compounds.py            # the whole list
    python bench/compounds.py --set test # only the words the splitter was not tuned on
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
GOLD = ROOT / "bench" / "data" / "compounds-gold.tsv"
sys.path.insert(0, str(ROOT / "src"))

from korpus.analysis import analyze_words, term_of  # noqa: E402
from korpus.compounds import words_of  # noqa: E402
from korpus.german import fold  # noqa: E402


@dataclass
class Gold:
    word: str
    modifier: str
    head: str
    set: str


def load_gold(which: str | None) -> list[Gold]:
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, modifier, head, part_of = line.split("\t")
        if which is None or part_of == which:
            rows.append(Gold(word, modifier, head, part_of))
    return rows


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


@dataclass
class Score:
    name: str
    words: int
    both: int
    emitted: int
    right: int
    strict: int
    seconds: float

    def row(self) -> str:
        return (
            f"| {self.name} | {self.words} | {self.both / self.words:.1%} | "
            f"{self.right / max(1, self.emitted):.1%} | {self.strict / max(1, self.emitted):.1%} | "
            f"{self.emitted} | {self.seconds:.1f} s |"
        )


def evaluate(
    name: str, split: Callable[[str], list[str]], gold: list[Gold], misses: bool
) -> Score:
    both = emitted = right = strict = 0
    started = time.perf_counter()
    for g in gold:
        parts = split(g.word)
        wanted = {term(g.modifier), term(g.head)}
        inside = wanted | {
            term_of(w) for part in (g.modifier, g.head) for w in words_of(fold(part.lower()))
        }
        found = wanted <= set(parts)
        wrong = [p for p in parts if p not in inside]
        both += found
        emitted += len(parts)
        right += len(parts) - len(wrong)
        strict += sum(p in wanted for p in parts)
        if misses and (not found or wrong):
            print(f"  {name}: {g.word}: wanted {sorted(wanted)}, got {parts}")
    return Score(name, len(gold), both, emitted, right, strict, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["dev", "test"], help="only one part of the list")
    parser.add_argument("--misses", action="store_true", help="list misses and wrong parts")
    args = parser.parse_args()
    gold = load_gold(args.set)
    scores = [evaluate("korpus", korpus_parts, gold, args.misses)]
    peer = charsplit_parts()
    if peer is None:
        print("CharSplit is not installed (pip install compound-split); korpus only.")
    else:
        scores.append(evaluate("CharSplit", peer, gold, args.misses))
    print("| splitter | compounds | both parts | precision | strict precision | parts | time |")
    print("|---|---|---|---|---|---|---|")
    for score in scores:
        print(score.row())


if __name__ == "__main__":
    main()
