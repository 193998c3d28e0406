"""The pipeline's tokenizer and plumbing: the text survives tokenization exactly, the pipeline builds
without spaCy's thousands of special cases, and every finding reaches the record whatever the tokens."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import spacy
from hypothesis import given, settings, strategies as st

from extract.find.lexicon import alternation
from extract.pipeline import SPACY_TOKENIZER, TextTokenizer, _write_spans, build_nlp, doc_text, found

# (text, tokens) -- runs of word characters, single marks, whitespace beyond one trailing space
TOKENS = [
    ("Wali Kota hadir.", ["Wali", "Kota", "hadir", "."]),
    ("SE No.12/2025", ["SE", "No", ".", "12", "/", "2025"]),
    ("anak-anak  bermain\n\nlagi ", ["anak", "-", "anak", " ", "bermain", "\n\n", "lagi"]),
    ("\"Kami siap,\" ujarnya.", ["\"", "Kami", "siap", ",", "\"", "ujarnya", "."]),
    ("", []),
    ("   ", ["   "]),
]
NLP = build_nlp()


def test_text_tokenizer_splits_words_marks_and_whitespace():
    nlp = build_nlp()
    assert isinstance(nlp.tokenizer, TextTokenizer)
    for text, tokens in TOKENS:
        doc = nlp.make_doc(text)
        assert [t.text for t in doc] == tokens, text
        assert doc.text == text and doc_text(doc) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_text_tokenizer_keeps_every_character(text):
    doc = NLP.make_doc(text)
    assert doc.text == text
    assert doc.user_data["warta_text"] == text


def test_default_pipeline_has_no_special_cases_and_ner_keeps_spacys():
    assert not hasattr(build_nlp().tokenizer, "rules")
    plain = spacy.blank("id")
    full = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": SPACY_TOKENIZER}}})
    text = "Anak-anak ke-2 di Kab. Bogor, a. pertama."
    assert [t.text for t in full(text)] == [t.text for t in plain(text)]
    assert len(full.tokenizer.rules) == len(plain.tokenizer.rules) > 15_000
    assert full(text).user_data["warta_text"] == text


def test_two_findings_in_one_token_both_reach_the_record():
    """spaCy keeps "Semarang+Sleman" as one token: both findings snap to it and would share the one
    extension slot that spaCy keys by offsets; the record reads the findings themselves."""
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": SPACY_TOKENIZER}}})
    doc = nlp("Rute Semarang+Sleman dibuka.")
    assert [t.text for t in doc][1] == "Semarang+Sleman"
    _write_spans(doc, "places", [(5, 13), (14, 20)], "LOC")
    assert found(doc, "places") == [(5, 13), (14, 20)]
    assert len(doc.spans["places"]) == 2


def test_pipeline_saves_and_loads(tmp_path):
    nlp = build_nlp()
    nlp.to_disk(tmp_path / "nlp")
    again = spacy.load(tmp_path / "nlp")
    text = "Menteri Keuangan menerbitkan PMK Nomor 5 Tahun 2024 di Jakarta."
    assert [t.text for t in again(text)] == [t.text for t in nlp(text)]
    assert found(again(text), "regulations") == found(nlp(text), "regulations") != []


def test_rule_pipeline_does_without_spacys_indonesian_defaults():
    """Building the rule pipeline imports nothing of ``spacy.lang.id`` (a fifth of a second of start-up)."""
    script = ("import sys; from extract.pipeline import build_nlp; nlp = build_nlp(); "
              "print(nlp.lang, type(nlp).__name__, 'spacy.lang.id' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["id", "RuleIndonesian", "False"]


def test_building_the_pipeline_leaves_the_collector_on_with_start_up_set_aside():
    """The cyclic collector pauses while the pipeline is built and warmed up, and is on again after, with
    what start-up made frozen (so that its passes skip it); a collector left off would let cycles pile up
    over a long batch. The process's collector starts on; one that was off stays off."""
    script = ("import gc; from extract.process import _nlp; nlp = _nlp(); "
              "print(gc.isenabled(), gc.get_freeze_count() > 100_000, len(nlp.pipe_names)); "
              "gc.unfreeze(); gc.disable(); from extract import process; process._NLP.clear(); process._nlp(); "
              "print(gc.isenabled())")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "7", "False"]


# (forms in order of preference, ignore case, text): the grouped alternation finds what the plain one finds
ALTERNATIONS = [
    (["Peraturan Menteri", "Peraturan", "PP", "Perpres", "UU"], True, "peraturan menteri, PERPRES dan uu serta Pp."),
    (["UU ITE", "UU", "KUHP", "K"], False, "UU ITE, uu ite, KUHP, K dan UU"),
    (["ab", "a", "abc", "b"], False, "abc ab a b"),  # an earlier shorter form wins, as in the plain one
    (["-x", "x"], False, "-x x"),  # a leading hyphen: left plain
    (["Éa", "ea"], True, "Éa ea éa"),  # outside ASCII: left plain
]


@pytest.mark.parametrize("forms, ignore_case, text", ALTERNATIONS)
def test_grouped_alternation_matches_as_the_plain_one(forms, ignore_case, text):
    flags = re.IGNORECASE if ignore_case else 0
    plain = re.compile("|".join(map(_spaced, forms)), flags)
    grouped = re.compile(alternation(forms, _spaced, ignore_case=ignore_case), flags)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)] != []


def _spaced(form: str) -> str:
    return re.escape(form).replace(r"\ ", r"\s+").replace(r"\-", "[- ]")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aAbB -.", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="aAbB -.x", max_size=40), st.booleans())
def test_grouped_alternation_prefers_the_same_form(forms, text, ignore_case):
    flags = re.IGNORECASE if ignore_case else 0
    tail = r"(?:\s+(?P<tail>b+))?"  # something after the form, so that the preferred form matters
    plain = re.compile("(?:" + "|".join(map(_spaced, forms)) + ")" + tail, flags)
    grouped = re.compile("(?:" + alternation(forms, _spaced, ignore_case=ignore_case) + ")" + tail, flags)
    assert [(m.span(), m.group("tail")) for m in grouped.finditer(text)] == \
           [(m.span(), m.group("tail")) for m in plain.finditer(text)]
