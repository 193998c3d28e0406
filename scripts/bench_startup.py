#!/usr/bin/env python3
"""Start-up of ``warta extract`` on one short file, as a ratio against ``python -c "import spacy"``.

Usage: python scripts/bench_startup.py [FILE] [--runs N] [--other CHECKOUT]
(default FILE: corpus/berita-pasar-murah-bekasi.txt, a 3 kB news text). Runs the three commands below
in turn, one warm-up round and then N counted rounds (A B C A B C ...), each as a fresh process, and
prints the median wall time of each and the medians of the per-round ratios against ``import spacy``.
Pairing by round keeps the ratio honest on a shared machine whose speed drifts. ``--other`` adds a fourth
command: the ``cli.py`` of another checkout of Warta (``git archive REV | tar -x -C DIR``), run from there
with this Python, to compare revisions in the same run.

    import spacy        python -c "import spacy"
    spacy.blank('id')   python -c "import spacy; spacy.blank('id')"
    warta extract FILE  the installed ``warta`` command (or ``python -m cli`` beside it)
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "corpus" / "berita-pasar-murah-bekasi.txt"


def warta_command() -> list[str]:
    beside = Path(sys.executable).with_name("warta")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("warta")
    return [found] if found else [sys.executable, str(ROOT / "cli.py")]


# As on a user's machine, modules are compiled once and read from __pycache__ after that (the warm-up
# round writes the caches even where the environment says not to).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--other", type=Path, help="Another checkout whose cli.py to time beside this one.")
    args = ap.parse_args()
    if not Path(args.file).is_file():
        sys.exit(f"error: {args.file}: no such file; pass a short text file to extract")
    commands = {
        "import spacy": [sys.executable, "-c", "import spacy"],
        "spacy.blank('id')": [sys.executable, "-c", "import spacy; spacy.blank('id')"],
        "warta extract FILE": warta_command() + ["extract", str(Path(args.file).resolve())],
    }
    if args.other:
        commands["other checkout"] = [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); "
                                      "import cli; cli.cli()", str(args.other.resolve()), "extract",
                                      str(Path(args.file).resolve())]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(args.runs + 1):
        for name, command in commands.items():
            seconds = wall(command)
            if round_:  # the first round warms the file cache and is not counted
                times[name].append(seconds)
    base = times["import spacy"]
    print(f"{args.runs} rounds after one warm-up; median wall seconds and median ratio to 'import spacy' "
          f"(paired by round)")
    for name, values in times.items():
        ratio = statistics.median(v / b for v, b in zip(values, base))
        print(f"  {name:20} {statistics.median(values):6.2f} s   {ratio:5.2f}x   "
              f"(min {min(values):.2f}, max {max(values):.2f})")


if __name__ == "__main__":
    main()
