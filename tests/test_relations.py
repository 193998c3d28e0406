"""Relations between regulations (amends, revokes, implements, basis), the stored table and the status view."""
from __future__ import annotations

import asyncio
import json

import pytest
from datasette.app import Datasette

from extract.find.regulations import find_citations, resolve_citations
from extract.find.relations import find_relations
from extract.serve.metadata import build_metadata
from extract.store import open_db, save_record

from .regulation_pdfs import pdf_records


def relations_of(text: str, own: str | None = None, own_spans=(), basis=(), menimbang=()):
    citations = find_citations(text)
    regulations = resolve_citations(citations)
    by_span = {(m.start, m.end): r.id for r in regulations for m in r.mentions}
    found = find_relations(text, citations, lambda c: by_span.get((c.start, c.end)), own, basis, own_spans, menimbang)
    return [(r.source, r.relation, r.target, r.ordinal, r.article) for r in found]


# -- each kind on text of our own ----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Peraturan Pemerintah Nomor 9 Tahun 2031 tentang Perubahan atas Peraturan Pemerintah Nomor 4 Tahun 2030 "
     "tentang Percobaan;", [("pp/2031/9", "amends", "pp/2030/4", 1, None)]),
    ("Undang-Undang Nomor 2 Tahun 2032 tentang Perubahan Kedua atas Undang-Undang Nomor 8 Tahun 2020 tentang Uji;",
     [("uu/2032/2", "amends", "uu/2020/8", 2, None)]),
    ("Peraturan Presiden Nomor 5 Tahun 2030 tentang Uji (Lembaran Negara Republik Indonesia Tahun 2030 Nomor 3) "
     "sebagaimana telah diubah dengan Peraturan Presiden Nomor 7 Tahun 2031 tentang Perubahan atas Peraturan "
     "Presiden Nomor 5 Tahun 2030 tentang Uji;",
     [("perpres/2031/7", "amends", "perpres/2030/5", 1, None)]),
    # the amended instrument is the item's head, not the law its title implements
    ("Peraturan Pemerintah Nomor 3 Tahun 2030 tentang Pelaksanaan Undang-Undang Nomor 1 Tahun 2029 tentang Uji "
     "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 6 Tahun 2031;",
     [("pp/2030/3", "implements", "uu/2029/1", None, None), ("pp/2031/6", "amends", "pp/2030/3", None, None)]),
    ("Peraturan Pemerintah Nomor 3 Tahun 2030 tentang Peraturan Pelaksanaan Undang-Undang Nomor 1 Tahun 2029;",
     [("pp/2030/3", "implements", "uu/2029/1", None, None)]),
    ("Undang-Undang Nomor 1 Tahun 2029 tentang Uji dan Peraturan Pemerintah Nomor 3 Tahun 2030 tentang Coba.", []),
])
def test_relations_between_cited_instruments(text, expected):
    assert relations_of(text) == expected


OWN = "pp/2033/1"


@pytest.mark.parametrize("text, expected", [
    ("Pasal 40\nPada saat Peraturan Pemerintah ini mulai berlaku, Peraturan Pemerintah Nomor 4 Tahun 2030 tentang "
     "Percobaan (Lembaran Negara Republik Indonesia Tahun 2030 Nomor 9), dicabut dan dinyatakan tidak berlaku.\n",
     [(OWN, "revokes", "pp/2030/4", None, None)]),
    ("Pasal 41\nDengan berlakunya Peraturan Pemerintah ini, Peraturan Pemerintah Nomor 4 Tahun 2030 tentang "
     "Percobaan dinyatakan tidak berlaku.\n", [(OWN, "revokes", "pp/2030/4", None, None)]),
    # a bare "dinyatakan tidak berlaku" outside a closing provision is not a revocation
    ("Pasal 7\nIzin yang diterbitkan berdasarkan Peraturan Pemerintah Nomor 4 Tahun 2030 dinyatakan tidak berlaku "
     "apabila dipalsukan.\n", []),
    ("Pasal 8\nMenteri mencabut izin usaha sebagaimana dimaksud dalam Peraturan Pemerintah Nomor 4 Tahun 2030.\n", []),
])
def test_revocations_in_closing_articles(text, expected):
    assert relations_of(text, OWN) == expected


def test_implementation_from_the_menimbang_clause():
    text = ("Menimbang : bahwa untuk melaksanakan ketentuan Pasal 12 ayat (3) Undang-Undang Nomor 1 Tahun 2029 "
            "tentang Uji, perlu menetapkan Peraturan Pemerintah tentang Tata Cara Uji;\n"
            "Mengingat : Undang-Undang Nomor 1 Tahun 2029 tentang Uji;\n")
    found = relations_of(text, OWN, menimbang=[(0, text.index("Mengingat"))],
                         basis=[(text.index("Undang-Undang", text.index("Mengingat")), len(text))])
    assert found == [(OWN, "implements", "uu/2029/1", None, "Pasal 12 ayat (3)"), (OWN, "basis", "uu/2029/1", None, None)]


def test_own_title_amends_and_menimbang_names_the_same_instrument():
    text = ("PERATURAN PEMERINTAH\nNOMOR 1 TAHUN 2033\nTENTANG\nPERUBAHAN ATAS PERATURAN PEMERINTAH NOMOR 4 TAHUN 2030\n"
            "TENTANG PERCOBAAN\nMenimbang : bahwa untuk itu perlu menetapkan Peraturan Pemerintah tentang Perubahan "
            "atas Peraturan Pemerintah Nomor 4 Tahun 2030 tentang Percobaan;\n")
    assert relations_of(text, OWN, own_spans=[(0, text.index("Menimbang"))]) == [(OWN, "amends", "pp/2030/4", 1, None)]


def test_no_own_document_means_no_revocation_or_basis():
    text = "Pada saat itu, Peraturan Pemerintah Nomor 4 Tahun 2030 dicabut dan dinyatakan tidak berlaku."
    assert relations_of(text) == []


# -- the real PDFs -------------------------------------------------------------------------------

def _rels(record, kind):
    return {(r["from"], r["to"]) for r in record["relations"] if r["relation"] == kind}


def test_real_amendments_by_title():
    """Every PDF whose title says "Perubahan" amends the instrument its title names."""
    records = pdf_records()
    titled = {name: r for name, r in records.items() if (r["regulation"]["subject"] or "").upper().startswith("PERUBAHAN")}
    assert set(titled) >= {"reg-02", "reg-04", "reg-12", "reg-16", "reg-21"}
    expected = {"reg-02": ("pp", "57", 2021), "reg-04": ("skb", "963", 2021), "reg-12": ("padg", "21/18/PADG/2019", 2019),
                "reg-16": ("skb", "642", 2020), "reg-21": ("padg", "21/18/PADG/2019", 2019)}
    for name, record in titled.items():
        own = record["regulation"]["id"]
        amended = [r for r in record["relations"] if r["relation"] == "amends" and r["from"] == own]
        assert len(amended) == 1, (name, amended)
        target = next(g for g in record["regulations"] if g["id"] == amended[0]["to"])
        assert (target["type"].lower(), target["number"], target["year"]) == expected[name]
    assert next(r["ordinal"] for r in titled["reg-21"]["relations"] if r["relation"] == "amends") == 2


def test_real_amendment_chain_in_mengingat():
    records = pdf_records()
    assert ("uu/2015/9", "uu/2014/23") in _rels(records["reg-07"], "amends")  # "beberapa kali diubah, terakhir dengan"
    assert ("pp/2016/26", "pp/2013/31") in _rels(records["reg-17"], "amends")


REVOKED = {  # PDF -> (type, number, year) its closing article revokes
    "reg-01": ("PERMEN", "23", 2015), "reg-05": ("PERMEN", "32", 2016), "reg-14": ("PERMEN", "31/PMK.08/2018", 2018),
    "reg-17": ("PERMEN", "3", 2020), "reg-19": ("PERPRES", "53", 2017), "reg-23": ("PERMEN", "19", 2015),
    "reg-25": ("PERMEN", "59/PERMEN-KP/2017", 2017),
}


def test_real_revocations_in_closing_articles():
    records = pdf_records()
    for name, key in REVOKED.items():
        record = records[name]
        revoked = {(g["type"], g["number"], g["year"]) for g in record["regulations"]
                   if g["id"] in {to for _, to in _rels(record, "revokes")}}
        assert key in revoked, (name, revoked)
    # every document that revokes something says so in a sentence with "dicabut" or "tidak berlaku"
    for record in records.values():
        for r in record["relations"]:
            if r["relation"] == "revokes":
                assert "dicabut" in r["text"] or "tidak berlaku" in r["text"] or "mencabut" in r["text"]


def test_real_implementations():
    records = pdf_records()
    assert ("pp/2012/28", "uu/2009/43") in _rels(records["reg-01"], "implements")  # tentang Pelaksanaan
    own = records["reg-23"]["regulation"]["id"]
    implemented = [r for r in records["reg-23"]["relations"] if r["relation"] == "implements" and r["from"] == own]
    assert [(r["to"], r["article"]) for r in implemented] == [("pp/2015/60", "Pasal 26 ayat (5)")]


def test_real_basis_matches_the_mengingat_flags():
    for record in pdf_records().values():
        basis = {to for _, to in _rels(record, "basis")}
        assert basis == {g["id"] for g in record["regulations"] if g["basis"]}


# -- stored: table, status view, Datasette ------------------------------------------------------

def test_status_view_across_the_collection(tmp_path):
    records = pdf_records()
    db = open_db(tmp_path / "w.db")
    for name in ("reg-17", "reg-19", "reg-21", "reg-12"):
        save_record(db, {k: v for k, v in records[name].items() if k != "text"})
    status = {row["regulation_id"]: row for row in db.query("select * from regulation_status")}
    assert status["perpres/2017/53"]["status"] == "dicabut"
    assert status["perpres/2017/53"]["revoked_by"] == "perpres/2021/28"
    padg = status["padg/2019/21-18-padg-2019"]
    assert padg["status"] == "diubah"
    assert set(padg["amended_by"].split(",")) == {"padg/2021/23-8-padg-2021", "padg/2022/24-1-padg-2022"}
    assert status["perpres/2021/28"]["status"] == "berlaku"
    kinds = dict(db.execute("select relation, count(*) from regulation_relations group by relation").fetchall())
    assert set(kinds) == {"amends", "revokes", "implements", "basis"}
    # a document saved again under a new id replaces its relations rather than adding to them
    again = dict(records["reg-19"], id="changed")
    again.pop("text")
    before = db["regulation_relations"].count
    save_record(db, again)
    assert db["regulation_relations"].count == before
    metadata = build_metadata(db)
    db.close()

    async def run():
        ds = Datasette([str(tmp_path / "w.db")], metadata=metadata)
        await ds.invoke_startup()
        page = await ds.client.get("/w/regulation_status.json?status=dicabut&_shape=array")
        table = await ds.client.get("/w/regulation_relations")
        return page, table

    page, table = asyncio.run(run())
    assert page.status_code == 200 and "perpres/2017/53" in {row["regulation_id"] for row in json.loads(page.text)}
    assert table.status_code == 200 and "Perubahan atas" in table.text
