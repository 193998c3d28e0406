"""Whole documents against hand-made gold files, scored by the project's scorer.

The real press release in ../shared/data/seed must come out exactly as its gold file says; the dev
news set must stay above a floor, so that a change that breaks extraction on real text fails here.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from extract import extract_records


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("warta_gold_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(shared: Path, gold_dir: Path, tmp_path: Path, only: str | None = None) -> dict:
    golds = sorted(gold_dir.glob("*.json"))
    sources = [str(shared / json.loads(g.read_text())["source"]) for g in golds
               if only is None or g.stem == only]
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for outcome in extract_records(sources):
            assert outcome.error is None, outcome.error
            out.write(json.dumps(outcome.record, ensure_ascii=False) + "\n")
    gold_subset = tmp_path / "gold"
    gold_subset.mkdir()
    for g in golds:
        if only is None or g.stem == only:
            (gold_subset / g.name).write_text(g.read_text())
    scorer = _scorer(shared)
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        scorer.main([str(gold_subset), str(pred), "--json"])
    return json.loads(buffer.getvalue())


def test_seed_press_release_matches_its_gold_file_exactly(shared, tmp_path):
    figures = _score(shared, shared / "gold" / "dev" / "news", tmp_path, only="jakbar-bpjs-apresiasi")
    assert figures["missing_predictions"] == 0
    for field in ("regulations", "officials", "agencies", "quotes"):
        assert figures[field]["f1"] == 1.0, (field, figures[field])
    assert figures["regulations"]["issuer"] == figures["regulations"]["subject"] == 1.0
    assert figures["officials"]["position"] == 1.0
    assert figures["quotes"]["speaker"] == 1.0
    assert figures["document"]["kind"] == 1.0 and figures["document"]["event_date"] == 1.0
    assert figures["score"] == 1.0


def test_dev_news_set_stays_above_its_floor(shared, tmp_path):
    figures = _score(shared, shared / "gold" / "dev" / "news", tmp_path)
    assert figures["missing_predictions"] == 0
    assert figures["score"] >= 0.90, figures
    assert figures["regulations"]["f1"] >= 0.9
    assert figures["quotes"]["f1"] >= 0.9
