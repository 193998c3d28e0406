#!/usr/bin/env python3
"""Run ``warta extract`` on the documents a gold folder names and score them.

Usage: python scripts/score_dev.py [GOLD_DIR ...]   (default: ../shared/gold/dev/news and ../shared/gold/dev/pdf)
Writes the predictions to /tmp/warta-pred-<folder>.jsonl and prints score.py's table for each folder.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [SHARED / "gold/dev/news", SHARED / "gold/dev/pdf"]
    for folder in folders:
        sources = [str(SHARED / json.loads(p.read_text())["source"]) for p in sorted(folder.glob("*.json"))]
        pred = Path(f"/tmp/warta-pred-{folder.name}.jsonl")
        with pred.open("w") as out:
            subprocess.run([sys.executable, "-m", "cli", "extract", *sources], stdout=out, cwd=ROOT, check=False)
        print(f"== {folder}")
        subprocess.run([sys.executable, str(SHARED / "eval/score.py"), str(folder), str(pred)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
