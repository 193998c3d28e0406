#!/usr/bin/env python3
"""Write extract/data/words/common_words.txt: words that Indonesian news writes mostly in lower case.

A capitalised word whose lower-case form is an everyday word ("Air", "Sumber", "Beri") is the
rest of a unit's or a headline's name, not the first word of a person's; a word that is never
written in lower case ("Hanif", "Wihaji") may well be a name. The list is counted over the detik
train articles only (../shared/eval/train-ids.txt), never the held-out ones.

Usage: python scripts/build_common_words.py [MIN_COUNT]   (default 3)
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "extract/data/words/common_words.txt"


def main(argv: list[str]) -> int:
    min_count = int(argv[0]) if argv else 3
    ids = [line.strip() for line in (SHARED / "eval/train-ids.txt").read_text().splitlines()
           if line.startswith("detik-")]
    counts: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for doc_id in ids:
        text = (SHARED / "data/detik-txt" / f"{doc_id}.txt").read_text(encoding="utf-8")
        counts.update(re.findall(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])", text))
        # Capitalised inside a sentence, where only names and titles are: "kata Indah", "oleh Putra".
        capitalised.update(w.lower() for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]{2,}(?![\w'’-])", text))
    # Everyday: written in lower case often, and more than twice as often as capitalised mid-sentence
    # ("air", "data"); "indah" and "putra" are names about as often as not, so they stay out.
    words = sorted(w for w, n in counts.items() if n >= min_count and n > 2 * capitalised[w])
    header = ("# Words the detik train articles write in lower case at least "
              f"{min_count} times and more than twice as often as capitalised mid-sentence\n"
              "# (scripts/build_common_words.py): not the first word of a name.\n")
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
