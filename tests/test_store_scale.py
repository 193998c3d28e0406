"""The store's work per document stays the same as the archive grows: people are settled from the names a
document touches (``name_roles``, ``name_words``), positions are added to rather than recounted, and the
words of the full-text tables are listed (``search_terms``) so that prefix searches can be read lazily.

Work is counted in SQLite virtual-machine steps (a progress handler), never in seconds."""
from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from extract import extract_records
from extract.store import open_db, save_record
from extract.store.query import fts_query, register_search_functions
from extract.store.terms import MAX_PREFIX_TERMS, expand_prefixes, fold_term, prefixes_of, terms_of

from tests.test_store import ORDER_DOCS, _person_doc

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# What positions hold, counted from every officials row (the recount save.py makes after a change).
RECOUNT = """select p.name, min(o.position), min(o.agency), min(coalesce(d.date, d.event_date)),
  max(coalesce(d.date, d.event_date)), count(distinct o.document_id)
from officials o join documents d on d.id = o.document_id join people p on p.id = o.person_id
group by o.person_id, lower(coalesce(o.position, '')), lower(coalesce(o.agency, ''))"""
STORED = """select p.name, x.position, x.agency, x.first_date, x.last_date, x.documents
from positions x join people p on p.id = x.person_id"""
# What name_roles holds, counted from every officials row.
NAMES = """select key, role, count(*) from (
  select key, '' as role from officials union all select key, position from officials where position != ''
  union all select key, agency from officials where agency != '') group by key, role"""


def _steps(db, action) -> int:
    """The SQLite VM steps ``action`` takes on ``db`` (in hundreds)."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    db.conn.set_progress_handler(tick, 100)
    try:
        action()
    finally:
        db.conn.set_progress_handler(None, 100)
    return count[0]


def _copy(n: int) -> dict:
    """The same officials and quotes as ORDER_DOCS[5] and [7] together, in a document of its own."""
    record = _person_doc(100 + n, [("HENDRA GUNAWAN", "Kepala Badan", "Badan Contoh"),
                                   ("Hendra", "Kepala Badan", "Badan Contoh"),
                                   ("Sri Wahyuni", "Camat Tengah", "Kecamatan Tengah")],
                         quotes=["Hendra Gunawan", "Wahyuni"])
    record["id"], record["source"] = f"d{n:015d}", f"salinan/{n:04d}.txt"
    return record


def test_storing_a_document_costs_the_same_however_often_its_people_were_stored(tmp_path):
    """The 10th and the 120th document naming the same people take about the same work: nothing of the
    people's earlier documents is read again (settling used to read every officials row of each)."""
    db = open_db(tmp_path / "warta.db")
    for doc in ORDER_DOCS:
        save_record(db, copy.deepcopy(doc))
    costs = {}
    for n in range(121):
        steps = _steps(db, lambda: save_record(db, _copy(n)))
        if n in (10, 120):
            costs[n] = steps
    assert costs[120] <= 1.3 * costs[10] + 5, costs
    people = {name for (name,) in db.execute("select name from people")}
    assert {"Hendra Gunawan", "Sri Wahyuni"} <= people
    assert db.execute("select count(distinct person_id) from officials where key like 'hendra%'").fetchone() == (1,)


def _dump(db) -> dict[str, list]:
    return {"positions": sorted(db.execute(STORED).fetchall(), key=repr),
            "recount": sorted(db.execute(RECOUNT).fetchall(), key=repr),
            "names": sorted(db.execute("select key, role, officials from name_roles").fetchall()),
            "names_recount": sorted(db.execute(NAMES).fetchall())}


def test_positions_and_names_stay_what_a_recount_gives(tmp_path):
    """Positions added to per document, and name_roles kept by triggers, equal a count from every
    officials row after documents are added, replaced by one naming someone else, and stored again."""
    db = open_db(tmp_path / "warta.db")
    for doc in ORDER_DOCS + [_copy(n) for n in range(5)]:
        save_record(db, copy.deepcopy(doc))
    dump = _dump(db)
    assert dump["positions"] == dump["recount"] and dump["names"] == dump["names_recount"]
    assert ("hendra gunawan", "Kepala Badan", 6) in dump["names"]
    replacement = _person_doc(2, [("Rina Dewi", "Camat Utara", "Kecamatan Utara")])
    replacement["id"] = "c000000000000002"
    save_record(db, replacement)
    save_record(db, dict(_copy(3), id="e000000000000003"))  # the same file, changed: replaces d...03
    dump = _dump(db)
    assert dump["positions"] == dump["recount"] and dump["names"] == dump["names_recount"]
    assert not any(key == "agus santoso" for key, _, _ in dump["names"])


def test_a_database_stored_before_names_were_indexed_gains_them_on_opening(tmp_path):
    path = tmp_path / "warta.db"
    db = open_db(path)
    for doc in ORDER_DOCS:
        save_record(db, copy.deepcopy(doc))
    expected = _dump(db)
    for statement in ("drop trigger officials_name_added", "drop trigger officials_name_gone",
                      "delete from name_roles", "delete from name_words", "update officials set key = null",
                      "delete from search_terms"):
        db.execute(statement)
    db.conn.commit()
    db.close()
    db = open_db(path)
    assert _dump(db) == expected
    assert db.execute("select count(*) from name_words where word = 'santoso'").fetchone()[0] == 3
    assert db.execute("select 1 from search_terms where term = 'hendra'").fetchone()
    save_record(db, _copy(1))  # the triggers are back
    dump = _dump(db)
    assert dump["names"] == dump["names_recount"]


# -- the words of the full-text tables --------------------------------------------------------


def test_terms_are_folded_as_fts5_folds_them():
    assert fold_term("KAFÉ") == "kafe" and fold_term("Yang") == "yang"
    assert terms_of(["Rp1,5 triliun—dana_desa (Kemendes)", None]) == {"rp1", "5", "triliun", "dana", "desa",
                                                                        "kemendes"}


def test_every_word_fts5_stores_is_listed(corpus_db):
    """search_terms holds every word of every full-text table, as FTS5 split and folded it."""
    conn = sqlite3.connect(corpus_db)
    listed = {term for (term,) in conn.execute("select term from search_terms")}
    for table in ("documents_fts", "quotes_fts", "statements_fts", "regulations_fts"):
        conn.execute(f"create virtual table temp.{table}_words using fts5vocab(main, {table}, 'row')")
        stored = {term for (term,) in conn.execute(f"select term from temp.{table}_words")}
        assert stored and stored <= listed, (table, sorted(stored - listed)[:10])


def test_a_prefix_is_searched_as_the_words_it_begins():
    fts = fts_query("banjir")
    assert '"banjir"*' in fts and json.loads(prefixes_of(fts))[:2] == ["banjir", "berbanjir"]
    found = json.dumps({"banjir": "banjir banjirnya", "dibanjir": "dibanjiri", "kebanjir": ""})
    expanded = expand_prefixes(fts, found)
    assert '("banjir" OR "banjirnya")' in expanded and '("dibanjiri")' in expanded
    assert "kebanjir" not in expanded and '"di' not in expanded.replace('"dibanjiri"', "")  # none: left out
    assert expanded.startswith('(("banjir" OR "banjirnya") OR ("dibanjiri")') and expanded.endswith(")")
    many = json.dumps({"banjir": " ".join(f"banjir{i}" for i in range(MAX_PREFIX_TERMS + 1))})
    assert expand_prefixes(fts, many) == '("banjir"*)'  # too many: searched as a prefix; the rest none
    assert expand_prefixes('("zxq"* OR "yy"*) AND "iuran"', json.dumps({})) == '("") AND "iuran"'
    assert expand_prefixes('("kafé"* OR "zxq"*)', json.dumps({})) == '("kafé"*)'  # FTS5 may fold it otherwise


@pytest.mark.parametrize("q", ["banjir", "kata", "pemerintah", "iuran", "sehat OR kerja", '"tenaga kerja"'])
def test_expanded_search_matches_what_the_prefix_query_matches(corpus_db, q):
    """The same rows of every full-text table, whether a form is searched as a prefix or as its words."""
    conn = sqlite3.connect(corpus_db)
    register_search_functions(conn)
    from extract.store.terms import PREFIX_TERMS_SQL

    fts = fts_query(q)
    expanded = conn.execute(f"select warta_expand(:fts, {PREFIX_TERMS_SQL.format(fts=':fts')})",
                            {"fts": fts}).fetchone()[0]
    for table in ("documents_fts", "quotes_fts", "statements_fts", "regulations_fts"):
        sql = f"select rowid from {table} where {table} match ? order by rowid"
        assert conn.execute(sql, [expanded]).fetchall() == conn.execute(sql, [fts]).fetchall(), (table, expanded)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "warta.db"
    db = open_db(path)
    for outcome in extract_records([str(CORPUS)], ocr=False, with_text=True):
        if outcome.record is not None:
            save_record(db, outcome.record)
    db.close()
    return path
