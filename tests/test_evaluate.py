"""``warta evaluate``: the shared scorer's matching rules, gold folders, saved runs and their comparison."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli import cli
from extract.evaluate import (Count, EvaluationError, figures_of, load_gold, name_key, overlap, pair_up,
                              same_regulation, score_document, SAME)

# --- matching rules, one case a line ------------------------------------------------------------------

@pytest.mark.parametrize("gold, pred, same", [
    ({"type": "PP", "number": "7", "year": 2024}, {"type": "PP", "number": "07", "year": 2024}, True),
    ({"type": "PERMEN", "number": "3", "year": 2021}, {"type": "PMK", "number": "3", "year": 2021}, True),
    ({"type": "UU", "number": "2", "year": None}, {"type": "UU", "number": "2", "year": 1999}, True),
    ({"type": "UU", "number": "2", "year": 2001}, {"type": "UU", "number": "2", "year": 1999}, False),
    ({"type": "SE", "number": "400.3/12/SE/2025"}, {"type": "se", "number": "400.3 /12/SE/2025"}, True),
    ({"type": "PP", "number": "7", "year": 2024}, {"type": "PERPRES", "number": "7", "year": 2024}, False),
])
def test_regulations_match_on_type_number_and_year(gold, pred, same):
    assert same_regulation(gold, pred) is same


@pytest.mark.parametrize("a, b, key_same", [
    ("Dr. H. Budi Santosa, SE, MM", "Budi Santosa", True),
    ("Ibu Rina Lestari", "Rina Lestari", True),
    ("Budi Santosa", "Budi Santoso", False),
])
def test_names_match_without_titles_and_degrees(a, b, key_same):
    assert (name_key(a) == name_key(b)) is key_same


@pytest.mark.parametrize("a, b, expected", [
    ("Kepala Dinas Kesehatan", "Kepala Dinas Kesehatan", 1.0),
    ("Kepala Dinas Kesehatan", "Kepala Dinas", 0.8),
    ("Kepala Dinas", "Wakil Bupati", 0.0),
    ("", "Wakil Bupati", 0.0),
])
def test_overlap_is_token_f1(a, b, expected):
    assert overlap(a, b) == pytest.approx(expected)


@pytest.mark.parametrize("gold, pred, tp, fp, fn", [
    # a second prediction for a gold agency already matched is a false positive
    ([{"name": "Dinas Pangan", "aliases": ["Dispan"]}], [{"name": "Dinas Pangan"}, {"name": "Dispan"}], 1, 1, 0),
    # an optional gold item is neither rewarded nor punished, even predicted twice
    ([{"name": "Tim Kerja", "optional": True}], [{"name": "Tim Kerja"}, {"name": "Tim Kerja"}], 0, 0, 0),
    # any shared surface form matches
    ([{"name": "Badan Contoh Nasional", "aliases": ["BCN"]}], [{"name": "X", "acronym": "BCN"}], 1, 0, 0),
    ([{"name": "Dinas Pangan"}], [{"name": "Dinas Pertanian"}], 0, 1, 1),
    ([], [], 0, 0, 0),
])
def test_agencies_pair_one_to_one(gold, pred, tp, fp, fn):
    count = Count()
    pair_up(gold, pred, SAME["agencies"], count)
    assert (count.tp, count.fp, count.fn) == (tp, fp, fn)


def test_basis_only_gold_counts_regulation_recall_only():
    gold = {"regulations_scope": "basis", "regulations": [{"type": "UU", "number": "1", "year": 2020}]}
    pred = {"regulations": [{"type": "UU", "number": "1", "year": 2020}, {"type": "PP", "number": "9", "year": 2021}]}
    counts = {k: Count() for k in ("regulations", "officials", "agencies", "quotes", "document")}
    outcomes = score_document(gold, pred, counts)
    assert (counts["regulations"].tp, counts["regulations"].fp) == (1, 0)
    assert outcomes["regulations"].right == ("UU 1/2020",)


def test_attributes_and_summary_score():
    gold = {"kind": "news", "officials": [{"name": "Rina Lestari", "position": "Kepala Dinas Pangan"}],
            "quotes": [{"speaker": "Rina Lestari", "text": "kami siap menanam padi"}]}
    pred = {"kind": "news", "officials": [{"name": "Rina Lestari", "position": "Bupati"}],
            "quotes": [{"speaker": "Budi", "text": "kami siap menanam padi"}]}
    counts = {k: Count() for k in ("regulations", "officials", "agencies", "quotes", "document")}
    outcomes = score_document(gold, pred, counts)
    figures = figures_of(counts, 1)
    assert figures["officials"]["position"] == 0.0 and figures["quotes"]["speaker"] == 0.0
    assert outcomes["officials"].right == ("Rina Lestari (wrong position)",)
    # officials F1 1, quotes F1 1, speaker 0: regulations and agencies have no items and no F1
    assert figures["score"] == pytest.approx(2 / 3)


# --- the same numbers as the shared scorer, on the dev gold ------------------------------------------

@pytest.mark.parametrize("folder", ["gold/dev/news", "gold/dev/pdf"])
def test_figures_equal_the_shared_scorer(shared, tmp_path, folder):
    from extract.evaluate import evaluate

    report = evaluate(shared / folder)
    assert report.errors == [] and report.figures["documents"] >= 10
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text("".join(json.dumps(p) + "\n" for p in report.predictions.values()), encoding="utf-8")
    theirs = subprocess.run([sys.executable, str(shared / "eval/score.py"), str(shared / folder), str(predictions),
                             "--json"], capture_output=True, text=True, check=True).stdout
    assert report.figures == json.loads(theirs)


# --- gold folders, the command, saved runs -----------------------------------------------------------

TEXT = """Dinas Pangan Kabupaten Contoh Siapkan Benih

Kepala Dinas Pangan Kabupaten Contoh, Rina Lestari, mengatakan benih dibagikan pekan depan.
"Kami siap membantu petani," kata Rina.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A newsroom's own folder: documents in docs/, gold in gold/news/ with sources relative to it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "berita-1.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold" / "news"
    gold.mkdir(parents=True)
    (gold / "berita-1.json").write_text(json.dumps({
        "id": "berita-1", "source": "docs/berita-1.txt", "kind": "news",
        "officials": [{"name": "Rina Lestari", "position": "Kepala Dinas Pangan Kabupaten Contoh"}],
        "agencies": [{"name": "Dinas Pangan Kabupaten Contoh", "aliases": []}],
        "quotes": [{"speaker": "Rina Lestari", "text": "Kami siap membantu petani"}]}), encoding="utf-8")
    return tmp_path


def test_sources_resolve_beside_the_gold_folder_or_from_root(project, tmp_path):
    [gold] = load_gold(project / "gold" / "news")
    assert gold.source == (project / "docs" / "berita-1.txt").resolve()
    [gold] = load_gold(project / "gold" / "news", root=project)
    assert gold.key == "berita-1"
    with pytest.raises(EvaluationError, match="source docs/berita-1.txt not found.*--root"):
        load_gold(project / "gold" / "news", root=project / "docs")


def test_evaluate_prints_figures_and_exits_zero(runner, project):
    result = runner.invoke(cli, ["evaluate", str(project / "gold" / "news")])
    assert result.exit_code == 0, result.output
    assert "agencies     1.000 1.000 1.000" in result.output
    assert "score=" in result.output.splitlines()[-1]


@pytest.mark.parametrize("setup, message", [
    (lambda p: p / "nothing", "nothing: no such gold folder; pass the folder that holds the gold .json files"),
    (lambda p: (p / "docs" / "berita-1.txt").unlink() or p / "gold" / "news",
     "berita-1.json: source docs/berita-1.txt not found"),
    (lambda p: (p / "gold" / "news" / "berita-1.json").write_text("{", encoding="utf-8") and p / "gold" / "news",
     "berita-1.json: is not valid JSON"),
])
def test_bad_gold_is_a_one_line_error(runner, project, setup, message):
    result = runner.invoke(cli, ["evaluate", str(setup(project))])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_save_and_against_show_what_changed_per_document(runner, project, tmp_path):
    gold_dir = str(project / "gold" / "news")
    runs = tmp_path / "runs"
    result = runner.invoke(cli, ["evaluate", gold_dir, "--runs", str(runs), "--save", "first"])
    assert result.exit_code == 0 and (runs / "first.json").is_file()
    # Make the saved run worse: drop the agency it found and add one the gold does not have.
    run = json.loads((runs / "first.json").read_text(encoding="utf-8"))
    run["predictions"]["berita-1"]["agencies"] = [{"name": "Badan Khayalan", "aliases": []}]
    (runs / "first.json").write_text(json.dumps(run), encoding="utf-8")
    result = runner.invoke(cli, ["evaluate", gold_dir, "--runs", str(runs), "--against", "first"])
    assert result.exit_code == 0, result.output
    assert "berita-1\n  + agencies: Dinas Pangan Kabupaten Contoh\n  + agencies: no longer wrongly Badan Khayalan" \
        in result.output
    before, after = result.output.strip().splitlines()[-1].removeprefix("score ").split(" -> ")
    assert float(before) < float(after)


def test_against_a_run_never_saved_names_the_fix(runner, project, tmp_path):
    result = runner.invoke(cli, ["evaluate", str(project / "gold" / "news"), "--runs", str(tmp_path / "r"),
                                 "--against", "missing"])
    assert result.exit_code == 1
    assert "no saved run 'missing'; save one with --save missing" in result.output


def test_runs_are_kept_beside_the_gold_by_default(runner, project):
    gold_dir = project / "gold" / "news"
    assert runner.invoke(cli, ["evaluate", str(gold_dir), "--save", "v1"]).exit_code == 0
    assert (gold_dir / ".warta-eval" / "v1.json").is_file()
    assert runner.invoke(cli, ["evaluate", str(gold_dir), "--save", "../out"]).exit_code == 1
