"""Finders that skip most of a text find what a plain scan of every word or position finds.

Each finder here looks only where a cheap pattern says something could start. The plain scans below
are the definitions: they read every word (or try every position), and the finders must agree with
them on our own sentences, on the corpus shipped in ``corpus/`` and on generated text."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.find import dates, lexicon, places, references, regulations
from extract.read import normalize, sources
from extract.read.normalize import clean_text
from extract.read.sources import load

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html"))


def corpus_texts() -> list[str]:
    return [clean_text(load(str(p)).text).text for p in CORPUS]


# --- places: every word tried as the start of a prefix or a name --------------------------------

def _plain_name_at(spelled: list[str], folded: list[str], i: int):
    for name in places._index().get(folded[i], ()) if i < len(folded) else ():
        n = len(name.words)
        if i + n <= len(folded) and all(places._same_word(spelled[i + k], name.words[k], name.exact_case)
                                        for k in range(n)):
            return name
    return None


def plain_mentions(text: str) -> list[tuple[int, int, str | None, tuple[str, ...]]]:
    """Word by word over all the words of the text, a prefix first, then a name."""
    matches = list(places._WORD.finditer(text))
    spelled = [m.group() for m in matches]
    folded = [w.casefold() for w in spelled]
    found, i = [], 0
    while i < len(folded):
        hit = None
        if folded[i] in places._PREFIX_FIRST_WORDS:
            for table, keep in ((places.HINT_PREFIXES, False), (places.LEVEL_PREFIXES, True)):
                size_level = next(((size, table[tuple(folded[i:i + size])]) for size in (2, 1)
                                   if len(folded[i:i + size]) == size and tuple(folded[i:i + size]) in table), None)
                if size_level is None:
                    continue
                size, level = size_level
                name = _plain_name_at(spelled, folded, i + size)
                if name is not None and any(r.level == level for r in name.regions):
                    start = matches[i if keep else i + size].start()
                    hit = (start, matches[i + size + len(name.words) - 1].end(), level, name.words), size + len(name.words)
                    break
        if hit is None and folded[i] in places._index():
            name = _plain_name_at(spelled, folded, i)
            if name is not None:
                hit = (matches[i].start(), matches[i + len(name.words) - 1].end(), None, name.words), len(name.words)
        if hit is None:
            i += 1
        else:
            found.append(hit[0])
            i += hit[1]
    return found


def mentions(text: str) -> list[tuple[int, int, str | None, tuple[str, ...]]]:
    return [(m.start, m.end, m.level, m.name.words) for m in places._mentions(text)]


PLACE_TEXTS = [
    "Banjir melanda Kabupaten Sleman dan Kota Semarang sejak Senin.",
    "Bupati Semarang dan Wali Kota Bogor hadir; wali kota Bogor juga, KABUPATEN SLEMAN pun.",
    "kabupaten sleman, kab. Bandung, Pemprov Jabar, pemkot Bogor, walikota Malang, camat Mlati.",
    "Pasar di Depok, Sleman; Jawa-Tengah, Jawa Tengah-Jawa Barat, Sleman's, O'Sleman, Sleman-Sleman.",
    "Kec. Semarang Barat, Kecamatan  Semarang\nBarat, 2 X 11 Enam Lingkung, Kabupaten Administrasi Kepulauan Seribu.",
    "Ṡleman Ｓleman Kota Kota Kota Bogor, Provinsi Provinsi Jawa Barat, Kabupaten",
    "kABUPATEN Sleman, kOTA Bogor, bUPATI Sleman, wALI kOTA Malang", "Kota", "Wali", "Bupati Kota Bogor", "", "   ",
]


@pytest.mark.parametrize("text", PLACE_TEXTS)
def test_places_found_as_by_a_plain_scan(text):
    assert mentions(text) == plain_mentions(text)


def test_places_in_the_corpus_found_as_by_a_plain_scan():
    texts = corpus_texts()
    assert sum(len(mentions(t)) for t in texts) > 20
    for text in texts:
        assert mentions(text) == plain_mentions(text)


# Region words, prefixes in several cases, and characters that join or split words or fold oddly.
_PLACE_WORDS = ["Sleman", "SLEMAN", "sleman", "Semarang", "Barat", "Jawa", "Tengah", "Kota", "kota", "KOTA",
                "Kabupaten", "kabupaten", "Kab", "kab", "Wali", "wali", "Bupati", "bupati", "Kecamatan", "Mlati",
                "Depok", "Jabar", "Administrasi", "Kepulauan", "Seribu", "Batu", "2", "X", "11", "Enam",
                "Lingkung", "kAB", "kOTA", "Kelvin", "ſleman", "İ", "ß", "ﬁ", "_", "9"]
_GLUE = [" ", "  ", "\n", "-", "'", "’", ", ", ". ", "_", "", "(", "/"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PLACE_WORDS), st.sampled_from(_GLUE)), max_size=14))
def test_places_in_generated_text_found_as_by_a_plain_scan(pieces):
    text = "".join(word + glue for word, glue in pieces)
    assert mentions(text) == plain_mentions(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_places_in_any_text_found_as_by_a_plain_scan(text):
    assert mentions(text) == plain_mentions(text)


# --- dates: the weekday-date pattern tried at every position --------------------------------------

_DATE_WORDS = ["Senin", "senin", "SELASA", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu", "Ahad", "ahad",
               "(27/1)", "(20/10/2025)", "( 5 / 2 )", "20/10/2025", "20", "Oktober", "Okt.", "tanggal", "lalu",
               "2025", "1999", "2100", "12025", "x2025", "ſenin", "Kamisan", "Senin2", "_Senin", ",", "("]


def _date_matches(text):
    return [(m.span(), m.groupdict()) for m in dates._weekday_dates(text)]


def _plain_date_matches(text):
    return [(m.span(), m.groupdict()) for m in dates.WEEKDAY_DATE.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DATE_WORDS), st.sampled_from([" ", "", ", ", "\n", "-"])), max_size=12))
def test_weekday_dates_in_generated_text_found_as_by_the_plain_pattern(pieces):
    text = "".join(word + glue for word, glue in pieces)
    assert _date_matches(text) == _plain_date_matches(text)
    assert dates.YEAR.findall(text) == PLAIN_YEAR.findall(text)


PLAIN_YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b")


def test_weekday_dates_in_the_corpus_found_as_by_the_plain_pattern():
    texts = corpus_texts()
    assert sum(len(_date_matches(t)) for t in texts) >= 5
    for text in texts:
        assert _date_matches(text) == _plain_date_matches(text)
        assert dates.YEAR.findall(text) == PLAIN_YEAR.findall(text)


def test_a_text_read_again_takes_the_year_from_its_own_reference():
    """The component and the record's event date read one text, and the second reading reuses the
    first; a date written without a year still takes the year its reference date implies."""
    text = "Warga kerja bakti Minggu (28/12)."
    assert [d.date.isoformat() for d in dates.find_dates(text, dt.date(2015, 1, 2))] == ["2014-12-28"]
    assert [d.date.isoformat() for d in dates.find_dates(text, dt.date(2026, 1, 2))] == ["2025-12-28"]
    assert dates.event_date(text, [], dt.date(2015, 1, 2)) == "2014-12-28"
    assert dates.event_date(text, [(0, len(text))], dt.date(2015, 1, 2)) is None


# --- regulations: the citation pattern tried at every position ------------------------------------

_CITATION_WORDS = ["Peraturan", "peraturan", "PERATURAN", "Pemerintah", "Menteri", "Keuangan", "Nomor", "No.", "5",
                   "Tahun", "2024", "2O2O", "PP", "pp", "UU", "Undang-Undang", "Permenaker", "PMK", "Perda", "Kota",
                   "Bogor", "tentang", "Cipta", "Kerja", "dan", "SE", "400.3/123/SE/2025", "Keputusan", "731/2025",
                   "Dasar", "1945", "(PMK)", "/", "-", "xPP", "ſE", "İnstruksi", "Presiden"]


def _citation_spans(text):
    return [(m.span(), m.groupdict()) for m in regulations._citation_matches(text)]


def _plain_citation_spans(text):
    return [(m.span(), m.groupdict()) for m in regulations.citation_pattern().finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CITATION_WORDS), st.sampled_from([" ", "", ", ", "\n", " / "])),
                max_size=14))
def test_citations_in_generated_text_found_as_by_the_plain_pattern(pieces):
    text = "".join(word + glue for word, glue in pieces)
    assert _citation_spans(text) == _plain_citation_spans(text)


def test_citations_in_the_corpus_found_as_by_the_plain_pattern():
    texts = corpus_texts()
    assert sum(len(_citation_spans(t)) for t in texts) >= 10
    for text in texts:
        assert _citation_spans(text) == _plain_citation_spans(text)


# --- cleaning: whitespace, long stretches and the binary sniffing, against their plain forms ------

def _plain_whitespace(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Every line break rewritten (most by themselves), the ends cut by a regular expression."""
    rewrite = normalize._rewrite
    text, offsets = rewrite(text, offsets, normalize._SPACE_RUN, " ")
    text, offsets = rewrite(text, offsets, normalize._TAB_RUN, "\t")
    text, offsets = rewrite(text, offsets, re.compile(r"[ \t]*\n[ \t]*"), "\n")
    text, offsets = rewrite(text, offsets, normalize._BLANK_RUN, "\n\n")
    return rewrite(text, offsets, re.compile(r"^\s+|\s+$"), "")


_SPACED = st.text(alphabet=st.sampled_from(list("ab. \t\n\r\u00a0\u2003\u3000\x1c\x85\u2028")), max_size=40)


@settings(max_examples=500, deadline=None)
@given(_SPACED)
def test_whitespace_cleaned_as_by_its_plain_form(text):
    offsets = list(range(len(text)))
    assert normalize._whitespace(text, offsets) == _plain_whitespace(text, offsets)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["x" * 300, "(" * 270, "a", " ", "\n", "-" * 258, "b" * 256]), max_size=6))
def test_long_stretches_cut_as_by_the_plain_pattern(pieces):
    text = "".join(pieces)
    offsets = list(range(len(text)))
    fast = normalize._long_runs(text, offsets)
    plain_pattern, kept = re.compile(rf"\S{{{normalize.LONG_RUN + 1},}}"), normalize._LONG_RUN
    normalize._LONG_RUN = plain_pattern
    try:
        plain = normalize._long_runs(text, offsets)
    finally:
        normalize._LONG_RUN = kept
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_binary_and_wide_text_told_as_by_counting_bytes(data):
    control = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    assert sources._looks_binary(data) == (bool(data) and control / len(data) > 0.05)


@pytest.mark.parametrize("data, encoding", [
    ("Rapat digelar.".encode("utf-16-le"), "utf-16-le"), ("Rapat digelar.".encode("utf-16-be"), "utf-16-be"),
    ("Rapat digelar.".encode("utf-32-le"), "utf-32-le"), ("Rapat digelar.".encode("utf-32-be"), "utf-32-be"),
    ("Rapat digelar.".encode("utf-8"), None), (b"\x00\x00", None),
])
def test_wide_encodings_told_by_their_nul_bytes(data, encoding):
    assert sources._wide_encoding(data) == (encoding, 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab- \t\nA")), max_size=30))
def test_broken_words_found_as_by_the_plain_pattern(text):
    plain = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])")
    assert [m.span() for m in normalize._HYPHENATION.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- references: regulations known by name, the name pattern tried at every position -------------

_NAME_WORDS = ["UU", "Undang-Undang", "Undang-undang", "Undang Undang", "ITE", "Cipta", "Kerja", "KUHP", "RUU",
               "Rancangan", "Pemberantasan", "Tindak", "Pidana", "Korupsi", "xUU", "KUHPerdata", "-", "Kota"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NAME_WORDS), st.sampled_from([" ", "", "-", "\n", ", "])), max_size=10))
def test_regulation_names_found_as_by_the_plain_pattern(pieces):
    text = "".join(word + glue for word, glue in pieces)
    fast = lexicon.leftmost_matches(references._name_pattern(), references._name_starts(), text)
    assert [m.span() for m in fast] == [m.span() for m in references._name_pattern().finditer(text)]


def test_regulation_names_in_the_corpus_found_as_by_the_plain_pattern():
    found = 0
    for text in corpus_texts() + ["Revisi UU ITE dan UU Cipta Kerja serta KUHP, bukan RUU KUHP."]:
        fast = lexicon.leftmost_matches(references._name_pattern(), references._name_starts(), text)
        assert [m.span() for m in fast] == [m.span() for m in references._name_pattern().finditer(text)]
        found += len(fast)
    assert found >= 3


_QUOTE_MARKS = list("'`\"‘’‚‛′“”„‟«»″a ")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_QUOTE_MARKS), max_size=20))
def test_quote_marks_found_as_by_the_plain_pattern(text):
    singles, marks = normalize._SINGLES, "".join(normalize._QUOTES)
    plain = re.compile(f"[{singles}]{{2}}|[{marks}]")
    assert [m.span() for m in normalize._QUOTE_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


_LINES = ["Baca juga: Banjir", "  baca JUGA : x", "SCROLL TO CONTINUE WITH CONTENT", "Rapat digelar.", "",
          "ADVERTISEMENT", "\tLihat juga video ini", "Kata Baca juga: di tengah"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=8), st.sampled_from(["", "\n", "\n\n"]))
def test_boilerplate_lines_found_as_by_the_plain_pattern(lines, end):
    text = "\n".join(lines) + end
    pattern = normalize.boilerplate_patterns()
    assert [m.span() for m in normalize._at_line_starts(pattern, text)] == [m.span() for m in pattern.finditer(text)]


def _plain_unicode(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    rewrite = normalize._rewrite
    text, offsets = rewrite(text, offsets, normalize._INVISIBLE, "")
    text, offsets = rewrite(text, offsets, normalize._NEWLINES, "\n")
    text, offsets = rewrite(text, offsets, normalize._ODD_SPACES, " ")
    text, offsets = rewrite(text, offsets, normalize._DASHES, "-")
    if not unicodedata.is_normalized("NFC", text):
        text, offsets = rewrite(text, offsets, re.compile(r".[\u0300-\u036f]+"),
                                lambda m: unicodedata.normalize("NFC", m.group(0)))
    return text, offsets


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \r\n\f\v\t-\u00a0\u200b\u2013\u0301e\u2028\x85")), max_size=30))
def test_unicode_cleaned_as_by_its_plain_form(text):
    offsets = list(range(len(text)))
    assert normalize._unicode(text, offsets) == _plain_unicode(text, offsets)
