"""References without a number: "UU tersebut", "Peraturan Pemerintah ini", well-known names."""
from __future__ import annotations

import pytest

from extract import data
from extract.find.references import find_references, names
from extract.find.regulations import find_citations, resolve_citations
from extract.store import open_db, save_record

from .regulation_pdfs import pdf_records


def refs(text: str, own=None, own_type=None, date=None):
    citations = find_citations(text)
    regulations = resolve_citations(citations)
    by_span = {(m.start, m.end): r.id for r in regulations for m in r.mentions}
    found = find_references(text, citations, lambda c: by_span.get((c.start, c.end)), own, own_type,
                            [r.to_dict() for r in regulations], date)
    return [(r.text, r.target, r.by) for r in found]


@pytest.mark.parametrize("text, expected", [
    ("Pemerintah menerbitkan PP Nomor 3 Tahun 2030. Undang-Undang Nomor 1 Tahun 2029 juga berlaku. "
     "PP tersebut mengatur iuran.", [("PP tersebut", "pp/2030/3", "context")]),
    ("Menurut UU Nomor 1 Tahun 2029, iuran turun. Undang-Undang tersebut disahkan DPR.",
     [("Undang-Undang tersebut", "uu/2029/1", "context")]),
    ("Perpres Nomor 8 Tahun 2030 terbit. Perpres tersebut di atas berlaku sejak Januari.",
     [("Perpres tersebut di atas", "perpres/2030/8", "context")]),
    ("Permenaker Nomor 5 Tahun 2030 terbit kemarin. Menurut dia, aturan tersebut membantu pekerja.",
     [("aturan tersebut", "permen/menteri-ketenagakerjaan/2030/5", "context")]),
    ("PP tersebut belum terbit.", []),  # nothing cited before it
    ("UU Nomor 1 Tahun 2029 disahkan. PP tersebut belum terbit.", []),  # a PP was never cited
])
def test_references_by_context(text, expected):
    assert refs(text) == expected


def test_self_reference_in_a_regulation():
    text = ("Pasal 9\nPeraturan Pemerintah ini mulai berlaku pada tanggal diundangkan, dan Undang-Undang Nomor 1 Tahun "
            "2029 tetap berlaku. Undang-Undang tersebut dilaksanakan.")
    assert refs(text, own="pp/2033/1", own_type="PP") == [
        ("Peraturan Pemerintah ini", "pp/2033/1", "self"), ("Undang-Undang tersebut", "uu/2029/1", "context")]


@pytest.mark.parametrize("text, date, expected", [
    ("Polisi menjerat pelaku dengan UU ITE.", None, [("UU ITE", "uu/2008/11", "name")]),
    ("Ia dijerat Undang-Undang Tipikor dan KUHP.", "2025-10-20",
     [("Undang-Undang Tipikor", "uu/1999/31", "name"), ("KUHP", "uu/1946/1", "name")]),
    ("Ia dijerat KUHP.", "2026-03-01", [("KUHP", "uu/2023/1", "name")]),  # the new code is in force
    ("UU Cipta Kerja digugat.", "2021-05-01", [("UU Cipta Kerja", "uu/2020/11", "name")]),
    ("UU Cipta Kerja digugat.", "2024-05-01", [("UU Cipta Kerja", "uu/2023/6", "name")]),
    ("DPR membahas RUU KUHAP.", None, []),  # a bill is not the law
    # the text's own citation of that instrument wins over the table
    ("Undang-Undang Nomor 11 Tahun 2020 tentang Cipta Kerja diuji. UU Cipta Kerja digugat.", "2024-05-01",
     [("UU Cipta Kerja", "uu/2020/11", "name")]),
])
def test_references_by_name(text, date, expected):
    assert refs(text, date=date) == expected


def test_names_table_is_well_formed():
    entries = names()
    assert len(entries) >= 30
    by_name = {}
    for entry in entries:
        for name in entry["names"]:
            by_name.setdefault(name, []).append(entry)
    for name, same in by_name.items():  # a name listed twice must say which period each entry covers
        if len(same) > 1:
            assert all(e.get("from") or e.get("until") for e in same), name


def test_bad_names_line_names_the_file(monkeypatch):
    names.cache_clear()
    monkeypatch.setattr(data, "text", lambda name: '{"names": ["UU X"], "type": "UU"}\n')
    with pytest.raises(data.DataError, match=r"data/regulation_names.jsonl: line 1: needs number, year, subject"):
        names()
    names.cache_clear()


def test_real_pdf_self_references_and_stored_mentions(tmp_path):
    record = pdf_records()["reg-23"]
    own = record["regulation"]["id"]
    selves = [r for r in record["references"] if r["by"] == "self"]
    assert len(selves) >= 3 and {r["regulation"] for r in selves} == {own}
    assert all(r["text"] == "Peraturan Menteri ini" for r in selves)
    db = open_db(tmp_path / "w.db")
    save_record(db, record)
    news = {"id": "n1", "source": "n1.txt", "kind": "news", "text": "Ia dijerat UU ITE.", "regulations": [],
            "references": [{"start": 11, "end": 17, "text": "UU ITE", "regulation": "uu/2008/11", "by": "name",
                            "instrument": {"type": "UU", "number": "11", "year": 2008,
                                           "subject": "Informasi dan Transaksi Elektronik"}}]}
    save_record(db, news)
    stored = db.execute("select count(*) from mentions where kind = 'reference' and regulation_id = ?", [own]).fetchone()
    assert stored[0] == len(selves)
    assert db["regulations"].get("uu/2008/11")["subject"] == "Informasi dan Transaksi Elektronik"
