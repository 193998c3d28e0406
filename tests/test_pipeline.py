"""The pipeline's tokenizer and plumbing: the text survives tokenization exactly, the pipeline builds
without spaCy's thousands of special cases, and every finding reaches the record whatever the tokens."""
from __future__ import annotations

import spacy
from hypothesis import given, settings, strategies as st

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
