#!/usr/bin/env python3
"""List the agencies Warta reports that a gold folder does not (false positives) and the reverse.

Usage: python scripts/agency_diff.py GOLD_DIR PREDICTIONS.jsonl

Matching follows ../shared/eval/score.py: an agency matches when any surface form (name, acronym,
aliases) is shared; a second prediction for a gold agency already matched is a false positive.
Optional gold agencies are neither. Prints one line per miss: "FP|FN|DUP  document  forms".
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from extract.evaluate import agency_surfaces  # noqa: E402


def main(argv: list[str]) -> int:
    gold_dir, pred_path = Path(argv[0]), Path(argv[1])
    preds = {}
    for line in pred_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            preds[Path(rec.get("source") or rec.get("id") or "").stem] = rec
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        key = Path(gold.get("source") or path.name).stem
        golds = gold.get("agencies") or []
        used: set[int] = set()
        for p in (preds.get(key) or {}).get("agencies") or []:
            ps = agency_surfaces(p)
            hit = [i for i, g in enumerate(golds) if agency_surfaces(g) & ps]
            free = [i for i in hit if i not in used]
            forms = " | ".join([p.get("name") or "", p.get("acronym") or "", *p.get("aliases", [])])
            if not hit:
                print(f"FP   {key}  {forms}")
            elif not free:
                if not golds[hit[0]].get("optional"):
                    print(f"DUP  {key}  {forms}")
            else:
                used.add(free[0])
        for i, g in enumerate(golds):
            if i not in used and not g.get("optional"):
                print(f"FN   {key}  {' | '.join([g.get('name') or '', *g.get('aliases', [])])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
