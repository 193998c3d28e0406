"""``kill -9`` during ingest, then resume: the database must stay intact and end equal to a clean ingest.

Each round starts ``warta ingest`` over the same articles and kills it with SIGKILL at a random
moment (while spaCy loads, inside a document's transaction, between documents); after every kill
``PRAGMA integrity_check`` must say ``ok``. A last ingest runs to the end, and its database must
equal a clean ingest of the same files (canonical dump by name).

    python scripts/reliability_kills.py              # 20 kills over 40 articles
    python scripts/reliability_kills.py --kills 5
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_common import ROOT, canonical_dump, differences, train_articles  # noqa: E402

WARTA = [sys.executable, str(ROOT / "cli.py")]


def _integrity(db: Path) -> str:
    if not db.exists():
        return "ok"
    conn = sqlite3.connect(db)
    try:
        return conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()


def _ingest(db: Path, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen([*WARTA, "ingest", "--db", str(db), *map(str, files)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_and_resume(folder: Path, files: list[Path], kills: int, seed: int = 0,
                    window: tuple[float, float] = (2.5, 7.0)) -> dict:
    """Kill ``kills`` ingests at random moments in ``window`` seconds, resume, compare with a clean ingest."""
    rng = random.Random(seed)
    db, clean = folder / "killed.db", folder / "clean.db"
    integrity, killed_after = [], []
    for _ in range(kills):
        proc = _ingest(db, files)
        delay = rng.uniform(*window)
        time.sleep(delay)
        if proc.poll() is None:
            proc.kill()
            killed_after.append(round(delay, 2))
        proc.wait()
        integrity.append(_integrity(db))
    resumed = _ingest(db, files)
    resume_code = resumed.wait()
    clean_code = _ingest(clean, files).wait()
    return {"integrity": integrity, "killed_after": killed_after, "resume_code": resume_code,
            "clean_code": clean_code, "differences": differences(canonical_dump(db), canonical_dump(clean))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = kill_and_resume(Path(folder), train_articles(args.articles), args.kills, args.seed)
    intact = result["integrity"].count("ok")
    print(f"{len(result['killed_after'])} kills (of {args.kills} rounds), {intact} left an intact database; "
          f"resume exit {result['resume_code']}, clean exit {result['clean_code']}")
    for line in result["differences"]:
        print("DIFFERS " + line)
    ok = intact == args.kills and result["resume_code"] == 0 and not result["differences"]
    print("OK: resumed to exactly the clean result" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
