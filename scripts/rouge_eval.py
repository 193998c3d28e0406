#!/usr/bin/env python3
"""ROUGE of Warta's extractive summaries against the reference summaries of the detik set, beside LEAD-3.

Usage: python scripts/rouge_eval.py [CSV] [--json OUT.json] [--tune]
(default CSV: ../shared/data/detik-gov-sum1000/data_berita.csv). Scores every article's summary against
its ``Summary`` column with ROUGE-1, ROUGE-2 and ROUGE-L (precision, recall, F1; macro-averaged), for
the even ids (where the weights were tuned), the odd ids (held out) and all articles. ``--tune`` runs
the small weight grid on the even ids and prints the best settings instead.

ROUGE is computed here: lower-cased ``[a-z0-9]+`` word tokens (as the reference ``rouge-score``
package tokenizes, without its English stemmer), clipped n-gram overlap for ROUGE-N, the longest
common subsequence of the whole texts for ROUGE-L.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean
from typing import Callable, Iterable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.write.summarize import DEFAULT_WEIGHTS, Weights, lead, summarize  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "detik-gov-sum1000" / "data_berita.csv"
_TOKEN = re.compile(r"[a-z0-9]+")


# --- ROUGE ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def tokenize(text: str) -> list[str]:
    """Lower-cased ASCII word tokens: ``"Rp 4,5 Triliun!"`` gives ``['rp', '4', '5', 'triliun']``."""
    return _TOKEN.findall(text.lower())


def _score(overlap: int, candidate_total: int, reference_total: int) -> Score:
    precision = overlap / candidate_total if candidate_total else 0.0
    recall = overlap / reference_total if reference_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: str, reference: str, n: int) -> Score:
    """ROUGE-N: n-grams of the candidate found in the reference, each counted at most as often as there."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    cand, ref = _ngrams(tokenize(candidate), n), _ngrams(tokenize(reference), n)
    overlap = sum((cand & ref).values())
    return _score(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token sequences (two-row dynamic programme)."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge_l(candidate: str, reference: str) -> Score:
    """ROUGE-L: the longest common subsequence over the candidate's and the reference's lengths."""
    cand, ref = tokenize(candidate), tokenize(reference)
    return _score(lcs_length(cand, ref), len(cand), len(ref))


def rouge_all(candidate: str, reference: str) -> dict[str, Score]:
    """ROUGE-1, ROUGE-2 and ROUGE-L of one candidate against one reference."""
    return {"rouge1": rouge_n(candidate, reference, 1), "rouge2": rouge_n(candidate, reference, 2),
            "rougeL": rouge_l(candidate, reference)}


def average(scores: Iterable[dict[str, Score]]) -> dict[str, dict[str, float]]:
    """Macro average of per-document scores, per measure: ``{"rouge1": {"p": .., "r": .., "f": ..}}``."""
    scores = list(scores)
    if not scores:
        return {}
    return {key: {"p": mean(s[key].precision for s in scores), "r": mean(s[key].recall for s in scores),
                  "f": mean(s[key].f1 for s in scores)} for key in scores[0]}


def paired_bootstrap(ours: Sequence[float], theirs: Sequence[float], samples: int = 2000,
                     seed: int = 0) -> tuple[float, float, float]:
    """Mean of the paired differences ``ours - theirs`` and its 95% bootstrap interval (seeded)."""
    if len(ours) != len(theirs) or not ours:
        raise ValueError("paired_bootstrap needs two non-empty lists of the same length")
    diffs = [a - b for a, b in zip(ours, theirs)]
    rng = random.Random(seed)
    n = len(diffs)
    means = sorted(sum(rng.choices(diffs, k=n)) / n for _ in range(samples))
    return mean(diffs), means[int(0.025 * samples)], means[int(0.975 * samples) - 1]


# --- the evaluation ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Article:
    id: int
    title: str
    text: str
    reference: str
    entities: dict


def read_articles(path: Path) -> list[Article]:
    """The articles of the detik summary set, skipping rows without text or reference."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    articles = []
    for row in rows:
        if not row.get("isi_berita", "").strip() or not row.get("Summary", "").strip():
            continue
        try:
            entities = json.loads(row.get("entity") or "{}")
        except json.JSONDecodeError:
            entities = {}
        articles.append(Article(int(row["id"]), row["judul"], row["isi_berita"], row["Summary"], entities))
    return articles


System = Callable[[Article], list[str]]


def systems(weights: Weights = DEFAULT_WEIGHTS) -> dict[str, System]:
    """The summarizers compared: the LEAD baselines and ours, without and with the entity list."""
    return {
        "LEAD-3": lambda a: lead(a.text, 3),
        "LEAD-2": lambda a: lead(a.text, 2),
        "ours": lambda a: summarize(a.text, title=a.title, weights=weights),
        "ours+entities": lambda a: summarize(a.text, title=a.title, entities=a.entities, weights=weights),
    }


def evaluate(articles: list[Article], system: System) -> tuple[dict[int, dict[str, Score]], dict[int, int]]:
    """Per-article ROUGE and summary length in words."""
    scores, lengths = {}, {}
    for article in articles:
        summary = " ".join(system(article))
        scores[article.id] = rouge_all(summary, article.reference)
        lengths[article.id] = len(tokenize(summary))
    return scores, lengths


SPLITS: dict[str, Callable[[int], bool]] = {
    "even (tuned)": lambda i: i % 2 == 0,
    "odd (held out)": lambda i: i % 2 == 1,
    "all": lambda i: True,
}


def report(articles: list[Article], weights: Weights = DEFAULT_WEIGHTS) -> dict:
    """Averages per split and system, with mean summary length and the time each system took."""
    figures: dict = {"articles": len(articles), "weights": weights.__dict__,
                     "reference_words": mean(len(tokenize(a.reference)) for a in articles), "splits": {}}
    timing = {}
    per_system = {}
    for name, system in systems(weights).items():
        t0 = time.perf_counter()
        per_system[name] = evaluate(articles, system)
        timing[name] = time.perf_counter() - t0
    for split, keep in SPLITS.items():
        ids = [a.id for a in articles if keep(a.id)]
        figures["splits"][split] = {
            name: {**average(scores[i] for i in ids), "words": mean(lengths[i] for i in ids), "n": len(ids)}
            for name, (scores, lengths) in per_system.items()}
        figures.setdefault("ours_minus_lead3", {})[split] = {
            measure: dict(zip(("mean", "low95", "high95"), paired_bootstrap(
                [per_system["ours"][0][i][measure].f1 for i in ids],
                [per_system["LEAD-3"][0][i][measure].f1 for i in ids])))
            for measure in ("rouge1", "rouge2", "rougeL")}
    figures["seconds_with_rouge"] = timing
    figures["summaries_per_minute"] = _throughput(articles, weights)
    return figures


def _throughput(articles: list[Article], weights: Weights) -> float:
    t0 = time.perf_counter()
    for article in articles:
        summarize(article.text, title=article.title, weights=weights)
    return len(articles) / (time.perf_counter() - t0) * 60


def format_table(figures: dict) -> str:
    """The figures as a plain-text table, one block per split."""
    lines = [f"{figures['articles']} articles; reference summaries average {figures['reference_words']:.1f} words"]
    for split, table in figures["splits"].items():
        lines.append("")
        lines.append(f"{split} (n={next(iter(table.values()))['n']})")
        lines.append(f"{'system':<15}{'words':>6}  " + "  ".join(f"{m:>20}" for m in ("ROUGE-1 P/R/F",
                                                                                     "ROUGE-2 P/R/F",
                                                                                     "ROUGE-L P/R/F")))
        for name, row in table.items():
            cells = "  ".join(f"{row[m]['p']:6.3f}/{row[m]['r']:.3f}/{row[m]['f']:.3f}" for m in
                              ("rouge1", "rouge2", "rougeL"))
            lines.append(f"{name:<15}{row['words']:6.1f}  {cells}")
    lines.append("")
    lines.append("ours minus LEAD-3, F1, mean and 95% paired-bootstrap interval:")
    for split, deltas in figures["ours_minus_lead3"].items():
        cells = "  ".join(f"{m} {d['mean']:+.3f} [{d['low95']:+.3f}, {d['high95']:+.3f}]" for m, d in deltas.items())
        lines.append(f"  {split:<15}{cells}")
    lines.append("")
    lines.append(f"summarize(): {figures['summaries_per_minute']:,.0f} articles a minute")
    return "\n".join(lines)


# --- tuning -----------------------------------------------------------------------------------

GRID = {
    "position_decay": (0.05, 0.1, 0.3, 0.5),
    "centrality": (0.6, 1.0),
    "title": (0.5, 1.0),
    "long_words": (35, 45),
    "redundancy": (0.3, 0.5),
    "max_words": (45, 55),
}


def tune(articles: list[Article], grid: dict[str, Sequence] = GRID, top: int = 10) -> list[tuple[float, dict]]:
    """Mean of ROUGE-1 F and ROUGE-L F for each grid point on the even ids, best first."""
    even = [a for a in articles if a.id % 2 == 0]
    results = []
    keys = list(grid)
    for values in itertools.product(*(grid[k] for k in keys)):
        setting = dict(zip(keys, values))
        weights = replace(DEFAULT_WEIGHTS, **setting)
        scores, _ = evaluate(even, lambda a: summarize(a.text, title=a.title, weights=weights))
        avg = average(scores.values())
        results.append(((avg["rouge1"]["f"] + avg["rougeL"]["f"]) / 2, setting))
    results.sort(key=lambda r: -r[0])
    return results[:top]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", nargs="?", default=str(DEFAULT))
    ap.add_argument("--json", metavar="OUT", help="write the figures to this JSON file")
    ap.add_argument("--tune", action="store_true", help="search the weight grid on the even ids")
    args = ap.parse_args()
    articles = read_articles(Path(args.csv))
    if args.tune:
        for value, setting in tune(articles):
            print(f"{value:.4f}  {setting}")
        return
    figures = report(articles)
    print(format_table(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
