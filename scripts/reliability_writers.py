"""Many writers, one database: N concurrent ``warta ingest`` processes over overlapping sets of articles.

Each writer ingests a window of the train-id detik articles; windows overlap, so several writers
store the same documents at once. Every writer must exit 0, and the database they wrote together
must equal a single clean ingest of the union, compared by a canonical dump (names, not integer ids).

    python scripts/reliability_writers.py                 # 4 writers over 300 articles
    python scripts/reliability_writers.py --writers 8 --articles 120
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_common import ROOT, canonical_dump, differences, train_articles  # noqa: E402

WARTA = [sys.executable, str(ROOT / "cli.py")]


def windows(files: list[Path], writers: int) -> list[list[Path]]:
    """``writers`` overlapping windows that together cover ``files``: each holds twice its share."""
    share = max(1, len(files) // writers)
    return [files[i * share:i * share + 2 * share] if i < writers - 1 else files[i * share:] + files[:share]
            for i in range(writers)]


def ingest(db: Path, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen([*WARTA, "ingest", "--db", str(db), *map(str, files)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(folder: Path, files: list[Path], writers: int) -> dict:
    """Run the writers, then a clean single ingest; return exit codes, timings and the dumps' differences."""
    shared_db, clean_db = folder / "shared.db", folder / "clean.db"
    started = time.perf_counter()
    procs = [ingest(shared_db, part) for part in windows(files, writers)]
    results = [(p.wait(), *p.communicate()) for p in procs]
    concurrent = time.perf_counter() - started
    started = time.perf_counter()
    clean = ingest(clean_db, files)
    clean_result = (clean.wait(), *clean.communicate())
    single = time.perf_counter() - started
    a, b = canonical_dump(shared_db), canonical_dump(clean_db)
    return {"codes": [code for code, _, _ in results], "stderr": [err for _, _, err in results],
            "clean_code": clean_result[0], "concurrent_s": concurrent, "single_s": single,
            "rows": {table: len(rows) for table, rows in a.items()}, "differences": differences(a, b)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    files = train_articles(args.articles)
    with tempfile.TemporaryDirectory() as folder:
        result = run(Path(folder), files, args.writers)
    print(f"{args.writers} writers over {len(files)} articles: exit codes {result['codes']} "
          f"in {result['concurrent_s']:.1f} s; single clean ingest {result['single_s']:.1f} s")
    print("rows: " + ", ".join(f"{t} {n}" for t, n in result["rows"].items()))
    for line in result["differences"]:
        print("DIFFERS " + line)
    for err in result["stderr"]:
        if "Traceback" in err:
            print(err)
    ok = set(result["codes"]) == {0} and not result["differences"]
    print("OK: the shared database equals the clean ingest" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
