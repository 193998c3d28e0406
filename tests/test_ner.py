"""The shipped NER model: loads offline, finds people and organisations, and plugs into Warta's pipeline;
the NERGrit scorer counts exact matches only."""
from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path

import pytest
import spacy

from extract.find import ner

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = ("Menteri Keuangan Sri Mulyani Indrawati mengatakan Bank Indonesia akan menjaga inflasi, "
            "kata Budi Santoso di Jakarta.")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_nergrit", ROOT / "scripts" / "score_nergrit.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer():
    return _scorer()


def test_model_loads_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    ner.load_ner.cache_clear()
    nlp = ner.load_ner()
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == set(ner.LABELS)


def test_model_is_small():
    size = sum(f.stat().st_size for f in ner.model_path().rglob("*") if f.is_file())
    assert size < 6_000_000


def test_entities_finds_person_and_organisation():
    (found,) = list(ner.entities([SENTENCE]))
    labels = {item["label"] for item in found}
    assert {"PER", "ORG"} <= labels
    assert any(item["label"] == "PER" and "Sri Mulyani" in item["text"] for item in found)
    for item in found:
        assert SENTENCE[item["start"]:item["end"]] == item["text"]
        assert item["label"] in ner.LABELS


def test_entities_streams_one_list_per_text():
    results = list(ner.entities(["", "Tidak ada nama di sini.", SENTENCE]))
    assert len(results) == 3 and results[0] == []


def test_ner_runs_inside_a_blank_indonesian_pipeline():
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    ner.add_ner_pipe(nlp)
    doc = nlp(SENTENCE)
    assert nlp.pipe_names == ["sentencizer", "ner"]
    assert {ent.label_ for ent in doc.ents} >= {"PER", "ORG"}


def test_ner_refuses_another_language():
    with pytest.raises(ValueError, match="Indonesian"):
        ner.add_ner_pipe(spacy.blank("en"))


# --- the NERGrit scorer ---------------------------------------------------------------------------

def test_bio_entities(scorer):
    tags = ["B-PER", "I-PER", "O", "B-ORG", "B-ORG", "I-ORG", "I-LOC", "O"]
    assert scorer.bio_entities(tags) == {(0, 2, "PER"), (3, 4, "ORG"), (4, 6, "ORG"), (6, 7, "LOC")}


def test_score_counts_exact_matches_only(scorer):
    gold = [scorer.bio_entities(["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "B-LOC"]),
            scorer.bio_entities(["O", "B-LOC", "O"])]
    predicted = [scorer.bio_entities(["B-PER", "I-PER", "O", "B-ORG", "O", "O", "B-ORG"]),  # ORG too short, LOC as ORG
                 scorer.bio_entities(["O", "B-LOC", "O"])]
    scores = scorer.score(gold, predicted)
    assert (scores["PER"].true_positives, scores["PER"].f1) == (1, 1.0)
    assert (scores["ORG"].true_positives, scores["ORG"].false_positives, scores["ORG"].false_negatives) == (0, 2, 1)
    assert (scores["LOC"].true_positives, scores["LOC"].false_negatives) == (1, 1)
    micro = scores["micro"]
    assert (micro.true_positives, micro.false_positives, micro.false_negatives) == (2, 2, 2)
    assert micro.precision == pytest.approx(0.5) and micro.recall == pytest.approx(0.5)
    assert micro.f1 == pytest.approx(0.5)


def test_score_of_nothing_is_zero(scorer):
    scores = scorer.score([set()], [set()])
    assert scores["micro"].f1 == 0.0 and list(scores) == ["micro"]
