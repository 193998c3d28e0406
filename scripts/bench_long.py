#!/usr/bin/env python3
"""Time against text length: one long news text made of detik articles, extracted at several sizes.

Usage: python scripts/bench_long.py [--sizes 0.5 1 2 4.5] [--repeat 1] [--profile DIR] [--keep DIR]
       python scripts/bench_long.py --baseline main [--sizes ...]   (the same sizes with the code of a git ref)

The text is the training articles (../shared/eval/train-ids.txt) joined by blank lines, in the order
of that list, repeated until it reaches the size, as tests/test_linear.py builds it. Each size is
extracted in this process (the pipeline loaded once beforehand), and the table gives the CPU time
(time.process_time, the best of --repeat runs), the wall time, the seconds per MB, and the ratio of
each size's time to that of the size before it, scaled by their size ratio: about 1.0 where the work
is linear, more where it grows faster. With --profile, a cProfile dump per size goes to DIR.

With --baseline REF, the code of that git revision (exported with ``git archive``) and the code of
this tree are timed on the same texts in the same run, one process per size and version, the
baseline first at each size, and the table adds the baseline's CPU time and its ratio to this one's.
"""
from __future__ import annotations

import argparse
import cProfile
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --code DIR: the package to time is the one in DIR (a baseline's export), not this tree's.
CODE = Path(sys.argv[sys.argv.index("--code") + 1]).resolve() if "--code" in sys.argv else ROOT
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from reliability_common import news_text  # noqa: E402


def extract_once(path: Path, profile: Path | None = None) -> tuple[float, float]:
    from extract.process import extract_records
    from extract.read.budget import Limits

    profiler = cProfile.Profile() if profile else None
    cpu, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    (outcome,) = list(extract_records([str(path)], limits=Limits(max_seconds=100_000)))
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    if outcome.error is not None:
        sys.exit(f"error: {path}: {outcome.error}")
    return time.process_time() - cpu, time.perf_counter() - wall


def _child(code: Path, path: Path, repeat: int) -> float:
    """The best CPU time of ``repeat`` runs of the code in ``code`` on the text ``path``, in a new process."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--code", str(code), "--text", str(path),
                          "--repeat", str(repeat)], check=True, capture_output=True, text=True, cwd=code)
    return float(out.stdout.strip().splitlines()[-1])


def _compare(ref: str, sizes: list[float], repeat: int, folder: Path) -> None:
    base = Path(tempfile.mkdtemp(prefix="warta-baseline-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
    print(f"baseline {ref} in {base}; CPU seconds, best of {repeat}")
    print(f"{'MB':>5} {'base s':>8} {'now s':>8} {'base/now':>9} {'base s/MB':>10} {'now s/MB':>9}")
    for mb in sizes:
        path = folder / f"news-{mb:g}MB.txt"
        path.write_text(news_text(int(mb * 1_000_000)), encoding="utf-8")
        before = _child(base, path, repeat)
        now = _child(ROOT, path, repeat)
        print(f"{mb:5g} {before:8.1f} {now:8.1f} {before / now:9.2f} {before / mb:10.1f} {now / mb:9.1f}", flush=True)
        path.unlink()
    shutil.rmtree(base)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4.5], help="sizes in MB (10^6 characters)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the best CPU time counts")
    ap.add_argument("--profile", type=Path, help="write a cProfile dump per size into this folder")
    ap.add_argument("--keep", type=Path, help="write the texts into this folder and keep them")
    ap.add_argument("--baseline", metavar="REF", help="also time the code of this git revision, in the same run")
    ap.add_argument("--code", type=Path, help=argparse.SUPPRESS)  # read before the imports, above
    ap.add_argument("--text", type=Path, help=argparse.SUPPRESS)  # one text, its best CPU time printed alone
    args = ap.parse_args()
    if args.text:
        from extract.process import _nlp
        import extract

        assert Path(extract.__file__).resolve().is_relative_to(CODE), extract.__file__
        _nlp()
        print(min(extract_once(args.text) for _ in range(args.repeat))[0])
        return

    folder = args.keep or Path(tempfile.mkdtemp(prefix="warta-long-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.baseline:
        _compare(args.baseline, args.sizes, args.repeat, folder)
        return

    from extract.process import _nlp

    _nlp()  # the model loaded once, outside the timings
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    print(f"{'MB':>5} {'cpu s':>8} {'wall s':>8} {'cpu s/MB':>9} {'growth':>7}")
    previous = None
    for mb in args.sizes:
        path = folder / f"news-{mb:g}MB.txt"
        path.write_text(news_text(int(mb * 1_000_000)), encoding="utf-8")
        runs = [extract_once(path, args.profile / f"news-{mb:g}MB.prof" if args.profile and i == 0 else None)
                for i in range(args.repeat)]
        cpu, wall = min(runs)
        growth = f"{(cpu / previous[1]) / (mb / previous[0]):7.2f}" if previous else f"{'':>7}"
        print(f"{mb:5g} {cpu:8.1f} {wall:8.1f} {cpu / mb:9.1f} {growth}", flush=True)
        previous = (mb, cpu)
        if not args.keep:
            path.unlink()


if __name__ == "__main__":
    main()
