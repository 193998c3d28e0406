"""Sentence splitting, extractive summaries and the ROUGE functions of scripts/rouge_eval.py."""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from extract.read.normalize import clean_text
from extract.write.summarize import Weights, content_words, fact_phrases, lead, split_sentences, summarize

ROOT = Path(__file__).resolve().parent.parent


def _load_rouge_eval():
    spec = importlib.util.spec_from_file_location("rouge_eval", ROOT / "scripts" / "rouge_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["rouge_eval"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


rouge_eval = _load_rouge_eval()

# --- the splitter -----------------------------------------------------------------------------

SPLITS = [
    ("Kepala dinas Dr. Budi hadir. Ia memberi sambutan.", ["Kepala dinas Dr. Budi hadir.", "Ia memberi sambutan."]),
    ("Surat Edaran No. 5 Tahun 2025 terbit. Isinya tegas.",
     ["Surat Edaran No. 5 Tahun 2025 terbit.", "Isinya tegas."]),
    ("Wali kota menyambut H. Abdul Wahid. Acara dimulai.", ["Wali kota menyambut H. Abdul Wahid.", "Acara dimulai."]),
    ("Harga naik menjadi Rp. 15.000 per kilo. Warga mengeluh.",
     ["Harga naik menjadi Rp. 15.000 per kilo.", "Warga mengeluh."]),
    ("Inflasi 4,5 persen. Angka itu turun dari 5.95 persen.", ["Inflasi 4,5 persen.", "Angka itu turun dari 5.95 persen."]),
    ("Beras, gula, dst. dijual murah. Stok aman.", ["Beras, gula, dst. dijual murah.", "Stok aman."]),
    ("Bantuan berupa beras, minyak, dll. Penyaluran dimulai besok.",
     ["Bantuan berupa beras, minyak, dll.", "Penyaluran dimulai besok."]),
    ('"Kami siap. Semua sudah diatur," kata Andi. Ia optimistis.',
     ['"Kami siap. Semua sudah diatur," kata Andi.', "Ia optimistis."]),
    ('Ia bertanya, "Kapan selesai?" Petugas diam.', ['Ia bertanya, "Kapan selesai?"', "Petugas diam."]),
    ('"Ini tugas kita." Rapat lalu ditutup.', ['"Ini tugas kita."', "Rapat lalu ditutup."]),
    ("Prof. Ir. Siti Nurbaya membuka acara. Acara meriah.", ["Prof. Ir. Siti Nurbaya membuka acara.", "Acara meriah."]),
    ("Andi Wijaya, S.H. Hadir sebagai saksi.", ["Andi Wijaya, S.H. Hadir sebagai saksi."]),
    ("Banjir melanda Kec. Cibinong, Kab. Bogor. Warga mengungsi.",
     ["Banjir melanda Kec. Cibinong, Kab. Bogor.", "Warga mengungsi."]),
    ("Jalan ditutup di Jl. Sudirman No. 1 sejak pagi. Lalu lintas dialihkan.",
     ["Jalan ditutup di Jl. Sudirman No. 1 sejak pagi.", "Lalu lintas dialihkan."]),
    ("PT Bank Rakyat Indonesia (Persero) Tbk. (BBRI) mencatat laba. Laba naik.",
     ["PT Bank Rakyat Indonesia (Persero) Tbk. (BBRI) mencatat laba.", "Laba naik."]),
    ("Rapat dimulai pukul 10.00 WIB. Semua hadir.", ["Rapat dimulai pukul 10.00 WIB.", "Semua hadir."]),
    ("Benarkah? Ya! Itu benar.", ["Benarkah?", "Ya!", "Itu benar."]),
    ("Macet... macet... macet... Warga kesal.", ["Macet... macet... macet...", "Warga kesal."]),
    ("1. Mengabulkan permohonan Pemohon.\n2. Menolak sisanya.", ["1. Mengabulkan permohonan Pemohon.", "2. Menolak sisanya."]),
    ("Poin utamanya:\nAnggaran naik (lihat Tabel 2). Realisasi 80 persen.",
     ["Poin utamanya:", "Anggaran naik (lihat Tabel 2).", "Realisasi 80 persen."]),
    ("Jumlahnya naik pada 2025. 10 desa terdampak.", ["Jumlahnya naik pada 2025.", "10 desa terdampak."]),
    ('Ia berkata "mulai besok. Semua wajib hadir. Tanpa kecuali', ['Ia berkata "mulai besok.', "Semua wajib hadir.",
                                                                  "Tanpa kecuali"]),
    ("Tanpa titik di akhir", ["Tanpa titik di akhir"]),
    ("", []),
    ("   \n\n  ", []),
]


@pytest.mark.parametrize("text,expected", SPLITS)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_sentences_keeps_every_word_once():
    text = 'Dr. H. Ahmad, S.Pd. membuka rapat. "Kita mulai. Siap?" katanya.\nNo. 3 dibahas dst. lalu selesai.'
    assert " ".join(split_sentences(text)).split() == text.split()


# --- summarize --------------------------------------------------------------------------------

ARTICLE = """Pemerintah Kota Bogor menerbitkan Surat Edaran Nomor 12 Tahun 2025 tentang pengendalian banjir di seluruh kelurahan.
Surat edaran itu meminta setiap kelurahan membersihkan saluran air sebelum musim hujan tiba.
"Kami tidak ingin warga kembali kebanjiran seperti tahun lalu," kata Wali Kota Bogor Dedie Rachim di Balai Kota, Senin (20/10/2025).
SCROLL TO CONTINUE WITH CONTENT
Dedie menyebut 15 kelurahan tercatat rawan banjir berdasarkan data BPBD Kota Bogor.
Selain membersihkan saluran, warga diminta tidak membuang sampah ke sungai.
Kepala BPBD Kota Bogor Hidayatulloh mengatakan pihaknya menyiagakan 200 personel dan 10 perahu karet.
Cuaca pada hari itu cerah.
Baca juga: Jalan Tol Jagorawi Macet Panjang
Pemkot juga menyiapkan posko pengungsian di setiap kecamatan."""
TITLE = "Pemkot Bogor Terbitkan Surat Edaran Pengendalian Banjir"


def _positions(summary: list[str], text: str) -> list[int]:
    sentences = split_sentences(clean_text(text).text)
    return [sentences.index(s) for s in summary]


def test_summary_sentences_come_from_the_text_in_order():
    summary = summarize(ARTICLE, title=TITLE)
    positions = _positions(summary, ARTICLE)
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert 1 <= len(summary) <= 3


def test_summary_drops_boilerplate():
    summary = summarize(ARTICLE, title=TITLE, max_sentences=10, max_words=1000)
    assert not any("SCROLL" in s or "Baca juga" in s for s in summary)


def test_summary_starts_with_the_lead_of_a_news_article():
    assert summarize(ARTICLE, title=TITLE)[0].startswith("Pemerintah Kota Bogor menerbitkan Surat Edaran")


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_summary_respects_max_sentences(n):
    assert len(summarize(ARTICLE, title=TITLE, max_sentences=n, max_words=1000)) == n


def test_summary_respects_the_word_budget_after_the_first_sentence():
    summary = summarize(ARTICLE, title=TITLE, max_sentences=5, max_words=30)
    assert len(summary) == 1 or sum(len(s.split()) for s in summary) <= 30


def test_summary_is_deterministic():
    runs = {tuple(summarize(ARTICLE, title=TITLE, entities={"officials": [{"name": "Hidayatulloh"}]}))
            for _ in range(5)}
    assert len(runs) == 1


@pytest.mark.parametrize("text,expected", [
    ("", []),
    ("   \n ", []),
    ("Banjir.", ["Banjir."]),
    ("Banjir melanda tiga desa di Bogor pada Senin pagi.", ["Banjir melanda tiga desa di Bogor pada Senin pagi."]),
    ("... !!!", []),
])
def test_summary_of_empty_and_one_sentence_texts(text, expected):
    assert summarize(text) == expected


def test_summary_prefers_full_sentences_to_fragments():
    text = "Bahan:\nPemerintah menyalurkan bantuan beras kepada dua ribu keluarga di Cianjur.\nCatatan:"
    assert summarize(text, max_sentences=3) == ["Pemerintah menyalurkan bantuan beras kepada dua ribu keluarga di Cianjur."]


def test_entities_pull_in_the_sentence_with_the_record_facts():
    text = ("Pemerintah kabupaten menggelar rapat koordinasi pelayanan publik di pendopo pada Senin pagi.\n"
            "Rapat koordinasi pelayanan publik itu diikuti seluruh camat dan kepala desa.\n"
            "Rapat koordinasi pelayanan publik juga membahas jadwal pelayanan di kantor kecamatan.\n"
            "Sekretaris Daerah Andi Wijaya merujuk Peraturan Bupati Nomor 7 Tahun 2024 dalam arahannya.")
    record = {"officials": [{"name": "Andi Wijaya", "mentions": [{"text": "Andi Wijaya"}]}],
              "regulations": [{"mentions": [{"text": "Peraturan Bupati Nomor 7 Tahun 2024"}]}]}
    without = summarize(text, max_sentences=2)
    with_facts = summarize(text, max_sentences=2, entities=record, weights=Weights(facts=1.5))
    assert not any("Andi Wijaya" in s for s in without)
    assert any("Andi Wijaya" in s for s in with_facts)


def test_fact_phrases_read_a_record_and_a_name_mapping():
    record = {"officials": [{"name": "Imron Syahrin", "mentions": [{"text": "Imron"}]}],
              "quotes": [{"speaker": "Imron Syahrin", "text": "Kami mengajak seluruh badan usaha " * 3}],
              "warnings": ["ignored"]}
    phrases = fact_phrases(record)
    assert "imron syahrin" in phrases and "imron" in phrases
    assert max(len(p) for p in phrases) == 60
    assert "ignored" not in phrases
    assert fact_phrases({"government": ["Pemprov Riau"], "experts": []}) == ["pemprov riau"]
    assert fact_phrases(None) == []


def test_summarize_rejects_bad_arguments():
    with pytest.raises(ValueError, match="max_sentences"):
        summarize(ARTICLE, max_sentences=0)
    with pytest.raises(TypeError, match="entities"):
        summarize(ARTICLE, entities=["Andi"])


def test_content_words_drop_function_words():
    assert content_words("Pemerintah telah menyalurkan bantuan kepada warga yang terdampak.") == [
        "pemerintah", "menyalurkan", "bantuan", "warga", "terdampak"]


def test_lead_takes_the_first_sentences_after_cleaning():
    assert lead(ARTICLE, 2) == split_sentences(clean_text(ARTICLE).text)[:2]
    assert lead("", 3) == []


def _detik_rows(n: int) -> list[dict]:
    path = ROOT.parent / "shared" / "data" / "detik-gov-sum1000" / "data_berita.csv"
    if not path.is_file():
        pytest.skip("the detik summary set is not beside this checkout")
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for _, row in zip(range(n), csv.DictReader(fh))]


def test_real_articles_give_in_order_summaries_within_the_budget():
    for row in _detik_rows(40):
        summary = summarize(row["isi_berita"], title=row["judul"])
        positions = _positions(summary, row["isi_berita"])
        assert positions == sorted(positions), row["id"]
        assert 1 <= len(summary) <= 3, row["id"]
        assert len(summary) == 1 or sum(len(s.split()) for s in summary) <= Weights().max_words + 5, row["id"]


# --- ROUGE ------------------------------------------------------------------------------------

def test_tokenize():
    assert rouge_eval.tokenize("Rp 4,5 Triliun! (BPS)") == ["rp", "4", "5", "triliun", "bps"]


@pytest.mark.parametrize("candidate,reference,n,expected", [
    ("kucing duduk di atas tikar", "kucing tidur di atas tikar", 1, (0.8, 0.8, 0.8)),
    ("kucing duduk di atas tikar", "kucing tidur di atas tikar", 2, (0.5, 0.5, 0.5)),
    ("rapat rapat rapat", "rapat dimulai", 1, (1 / 3, 1 / 2, 0.4)),
    ("satu dua tiga empat", "empat tiga dua satu", 1, (1.0, 1.0, 1.0)),
    ("satu dua tiga empat", "empat tiga dua satu", 2, (0.0, 0.0, 0.0)),
    ("", "ada isinya", 1, (0.0, 0.0, 0.0)),
    ("Banjir", "banjir", 2, (0.0, 0.0, 0.0)),
])
def test_rouge_n(candidate, reference, n, expected):
    score = rouge_eval.rouge_n(candidate, reference, n)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


@pytest.mark.parametrize("candidate,reference,expected", [
    ("kucing duduk di atas tikar", "kucing tidur di atas tikar", (0.8, 0.8, 0.8)),
    ("satu dua tiga empat", "empat tiga dua satu", (0.25, 0.25, 0.25)),
    ("a b c d e f", "a c e", (0.5, 1.0, 2 / 3)),
    ("", "", (0.0, 0.0, 0.0)),
])
def test_rouge_l(candidate, reference, expected):
    score = rouge_eval.rouge_l(candidate, reference)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


@pytest.mark.parametrize("a,b,expected", [
    ("abcbdab", "bdcaba", 4), ("", "abc", 0), ("abc", "abc", 3), ("abc", "def", 0),
])
def test_lcs_length(a, b, expected):
    assert rouge_eval.lcs_length(list(a), list(b)) == expected


def test_rouge_n_rejects_zero():
    with pytest.raises(ValueError):
        rouge_eval.rouge_n("a", "a", 0)


def test_average_is_the_macro_mean():
    scores = [rouge_eval.rouge_all("a b", "a b"), rouge_eval.rouge_all("c", "a b")]
    avg = rouge_eval.average(scores)
    assert avg["rouge1"] == pytest.approx({"p": 0.5, "r": 0.5, "f": 0.5})
    assert avg["rouge2"]["f"] == pytest.approx(0.5)


def test_paired_bootstrap_brackets_the_mean_difference():
    mean_diff, low, high = rouge_eval.paired_bootstrap([0.5, 0.6, 0.7, 0.8], [0.4, 0.4, 0.6, 0.8], samples=500)
    assert mean_diff == pytest.approx(0.1)
    assert 0.0 <= low <= mean_diff <= high <= 0.2
    assert rouge_eval.paired_bootstrap([1.0], [1.0]) == (0.0, 0.0, 0.0)
    with pytest.raises(ValueError):
        rouge_eval.paired_bootstrap([1.0], [])
