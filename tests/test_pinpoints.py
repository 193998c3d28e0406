"""Pinpoint citations (Pasal, ayat, huruf on a mention) and a regulation's own numbered parts."""
from __future__ import annotations

import asyncio
import json

import pytest
from datasette.app import Datasette

from extract.find.regulations import find_citations, pinpoints_before
from extract.read.structure import parse_structure
from extract.read.structure.sections import section_number
from extract.serve.metadata import build_metadata
from extract.store import open_db, save_record

from .regulation_pdfs import pdf_records


@pytest.mark.parametrize("text, expected", [
    ("sesuai Pasal 5 ayat (2) huruf a Peraturan Pemerintah Nomor 3 Tahun 2030",
     [{"pasal": "5", "ayat": "2", "huruf": "a"}]),
    ("ketentuan Pasal 7 ayat (1) huruf a, Pasal 7 ayat (2), dan Pasal 12 Peraturan Pemerintah Nomor 4 Tahun 2030",
     [{"pasal": "7", "ayat": "1", "huruf": "a"}, {"pasal": "7", "ayat": "2"}, {"pasal": "12"}]),
    ("Pasal 33 ayat (3) dan ayat (4) Undang-Undang Nomor 1 Tahun 2029",
     [{"pasal": "33", "ayat": "3"}, {"pasal": "33", "ayat": "4"}]),
    ("Pasal 9 huruf b dan huruf c Undang-Undang Nomor 1 Tahun 2029",
     [{"pasal": "9", "huruf": "b"}, {"pasal": "9", "huruf": "c"}]),
    ("Ketentuan Pasal 4 dalam Peraturan Pemerintah Nomor 4 Tahun 2030", [{"pasal": "4"}]),
    ("Pasal I angka 3 Undang-Undang Nomor 1 Tahun 2029", [{"pasal": "I", "angka": "3"}]),
    ("Pasal 5 mengatur hal lain. Peraturan Pemerintah Nomor 3 Tahun 2030", []),
    ("ayat (2) Peraturan Pemerintah Nomor 3 Tahun 2030", []),  # no article named
    ("PP 5/2030", []),
])
def test_pinpoints_on_the_mention(text, expected):
    (citation,) = find_citations(text)
    assert [dict(p) for p in citation.pinpoints] == expected


def test_pinpoints_reach_the_record():
    records = pdf_records()
    mentions = [m for g in records["reg-08"]["regulations"] if g["id"] == "pp/2014/4" for m in g["mentions"]]
    pinned = [m["pinpoints"] for m in mentions if "pinpoints" in m]
    assert [{"pasal": "7", "ayat": "1", "huruf": "a"}, {"pasal": "7", "ayat": "2"}, {"pasal": "12"}] in pinned
    assert pinpoints_before("x", 1) == ()


@pytest.mark.parametrize("heading, expected", [
    ("BAB IV", ("bab", "IV")), ("Bagian Kedua", ("bagian", "2")), ("Paragraf 3", ("paragraf", "3")),
    ("Pasal 12", ("pasal", "12")), ("Pasal II", ("pasal", "II")), ("Pasal 5 ayat (2)", ("ayat", "5(2)")),
    ("Menimbang", (None, None)),
])
def test_section_number(heading, expected):
    assert section_number(heading) == expected


REGULATION = """PERATURAN MENTERI CONTOH
NOMOR 1 TAHUN 2030
TENTANG
UJI COBA
BAB I
KETENTUAN UMUM
Pasal 1
Dalam Peraturan Menteri ini yang dimaksud dengan uji adalah coba.
BAB II
PELAKSANAAN
Bagian Kesatu
Umum
Pasal 2
(1) Uji dilakukan setiap tahun.
(2) Uji sebagaimana dimaksud pada ayat (1) dicatat.
Bagian Kedua
Laporan
Pasal 3
Laporan disampaikan kepada Menteri.
Ditetapkan di Jakarta
pada tanggal 2 Januari 2030
MENTERI CONTOH,
ttd
ANI WIJAYA
"""


def test_own_chapters_parts_articles_and_paragraphs():
    structure = parse_structure(REGULATION)
    headings = [s.heading for s in structure.sections]
    for heading in ("BAB I", "BAB II", "Bagian Kesatu", "Bagian Kedua", "Pasal 1", "Pasal 2", "Pasal 2 ayat (1)",
                    "Pasal 2 ayat (2)", "Pasal 3"):
        assert heading in headings
    by_heading = {s.heading: REGULATION[s.start:s.end] for s in structure.sections}
    assert by_heading["Pasal 2 ayat (2)"].startswith("(2) Uji") and "Bagian Kedua" not in by_heading["Pasal 2"]
    assert "Pasal 3" in by_heading["Bagian Kedua"] and "Pasal 3" in by_heading["BAB II"]
    assert "Pasal 2" not in by_heading["Bagian Kedua"]


def test_datasette_returns_an_article_of_a_regulation(tmp_path):
    record = pdf_records()["reg-13"]
    db = open_db(tmp_path / "w.db")
    save_record(db, record)
    metadata = build_metadata(db)
    kinds = dict(db.execute("select kind, count(*) from sections where kind is not null group by kind").fetchall())
    db.close()
    assert kinds["pasal"] >= 20 and kinds["bab"] >= 5 and kinds["ayat"] >= 10

    async def run():
        ds = Datasette([str(tmp_path / "w.db")], metadata=metadata)
        await ds.invoke_startup()
        return await ds.client.get("/w/regulation_article.json?regulation_id=pp/2021/56&number=12&_shape=array")

    rows = json.loads(asyncio.run(run()).text)
    assert rows and rows[0]["heading"] == "Pasal 12" and rows[0]["text"].startswith("Pasal 12")
