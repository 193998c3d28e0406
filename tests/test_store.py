"""The SQLite store: schema, saving, replacing, rolling back, merging, searching, reading back."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from extract.store.persons import person_key, short_name_target
from extract.store.provenance import SENTENCE_MAX, sentence_around
from extract.store import (
    counts,
    iter_records,
    merge_agency,
    open_db,
    record_error,
    regulation_id,
    save_record,
    save_records,
    search,
)

FIXTURE = Path(__file__).parent / "fixtures" / "record-example.json"
DOC_ID = "3f9a1c0e5b7d2a64"

FIXTURE_COUNTS = {
    "documents": 1,
    "regulations": 2,
    "citations": 2,
    "officials": 2,
    "agencies": 2,
    "quotes": 2,
    "errors": 0,
}

CHILD_TABLES = ("citations", "officials", "quotes", "statements", "abbreviations", "document_agencies", "mentions")


@pytest.fixture
def record() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "warta.db")
    yield database
    database.close()


def other_document(doc_id: str = "aaaa000011112222", source: str = "corpus/lain.txt", **fields) -> dict:
    """A second, small record in the contract shape."""
    return {
        "id": doc_id,
        "source": source,
        "format": "txt",
        "kind": "news",
        "title": "Dinas Tenaga Kerja Bahas Iuran Pekerja",
        "date": "2026-02-01",
        "regulations": [{"id": "pp/2025/50", "type": "PP", "number": "50", "year": 2025, "issuer": None,
                         "subject": None, "mentions": [{"start": 10, "end": 20, "text": "PP 50/2025"}]}],
        "quotes": [{"speaker": "Sari Wulandari", "text": "Iuran pekerja harus dibayar tepat waktu.",
                    "start": 30, "end": 70}],
        "text": "Dinas Tenaga Kerja membahas iuran pekerja.",
        **fields,
    }


def rows_of(db, table: str, document_id: str) -> list[dict]:
    return list(db[table].rows_where("document_id = ?", [document_id]))


# -- schema -------------------------------------------------------------------


def test_open_db_twice_keeps_schema_and_rows(tmp_path, record):
    path = tmp_path / "warta.db"
    first = open_db(path)
    save_record(first, record)
    schema = first.schema
    first.close()
    again = open_db(path)
    assert again.schema == schema
    assert counts(again) == FIXTURE_COUNTS


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("documents", ["title", "text"]),
        ("quotes", ["text", "speaker"]),
        ("statements", ["text", "speaker"]),
        ("regulations", ["id", "subject", "issuer"]),
    ],
)
def test_full_text_indexes_have_triggers(db, table, columns):
    assert db[table].detect_fts() == f"{table}_fts"
    assert [c.name for c in db[f"{table}_fts"].columns] == columns
    assert {f"{table}_ai", f"{table}_ad", f"{table}_au"} <= {t.name for t in db[table].triggers}


@pytest.mark.parametrize(
    ("table", "column", "other_table"),
    [
        ("documents", "regulation_id", "regulations"),
        ("citations", "document_id", "documents"),
        ("citations", "regulation_id", "regulations"),
        ("agency_aliases", "agency_id", "agencies"),
        ("document_agencies", "document_id", "documents"),
        ("document_agencies", "agency_id", "agencies"),
        ("officials", "document_id", "documents"),
        ("officials", "person_id", "people"),
        ("quotes", "document_id", "documents"),
        ("quotes", "person_id", "people"),
        ("statements", "person_id", "people"),
        ("abbreviations", "document_id", "documents"),
    ],
)
def test_foreign_keys_declared(db, table, column, other_table):
    assert (column, other_table) in {(fk.column, fk.other_table) for fk in db[table].foreign_keys}


def test_foreign_keys_enforced(db, record):
    save_record(db, record)
    assert db.execute("pragma foreign_keys").fetchone() == (1,)
    assert db.execute("pragma foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError):
        db["citations"].insert({"id": "x", "document_id": DOC_ID, "regulation_id": "uu/1999/1"})


# -- saving -------------------------------------------------------------------


def test_save_fixture(db, record):
    assert save_record(db, record) == "added"
    assert counts(db) == FIXTURE_COUNTS


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("select title, kind, date, event_date, regulation_id from documents",
         [("Pemkot Jakarta Barat Apresiasi 15 Badan Usaha Peserta BPJS Ketenagakerjaan", "press_release",
           "2026-01-28", "2026-01-27", None)]),
        ("select regulation_id, start, \"end\", basis from citations order by start",
         [("se/2025/6", 240, 293, 0), ("pp/2025/50", 900, 950, 0)]),
        ("select id, issuer from regulations order by id",
         [("pp/2025/50", None), ("se/2025/6", "Wali Kota Jakarta Barat")]),
        ("select people.name, officials.position from officials join people on people.id = officials.person_id "
         "order by people.name",
         [("Imron Syahrin", "Asisten Perekonomian dan Pembangunan Setko Jakbar"),
          ("Multanti", "Kepala BPJS Ketenagakerjaan Cabang Jakarta Grogol")]),
        ("select speaker, people.name from quotes left join people on people.id = quotes.person_id order by start",
         [("Imron Syahrin", "Imron Syahrin"), (None, None)]),
        ("select speaker, people.name from statements join people on people.id = statements.person_id",
         [("Multanti", "Multanti")]),
        ("select short, long from abbreviations", [("BPJS", "Badan Penyelenggara Jaminan Sosial")]),
        ("select agencies.acronym, alias from agency_aliases join agencies on agencies.id = agency_id "
         "order by alias",
         [("BPJS Ketenagakerjaan", "BPJS"), ("Pemkot Jakarta Barat", "Pemkot"),
          ("Pemkot Jakarta Barat", "Pemkot Jakbar")]),
        ("select agencies.acronym, mentions from document_agencies join agencies on agencies.id = agency_id "
         "order by acronym",
         [("BPJS Ketenagakerjaan", 1), ("Pemkot Jakarta Barat", 1)]),
    ],
)
def test_fixture_rows(db, record, sql, expected):
    save_record(db, record)
    assert db.execute(sql).fetchall() == expected


def test_saving_twice_changes_nothing(db, record):
    assert save_record(db, record) == "added"
    dump = list(db.iterdump())
    assert save_record(db, copy.deepcopy(record)) == "unchanged"
    assert counts(db) == FIXTURE_COUNTS
    assert list(db.iterdump()) == dump


def test_save_records_counts_outcomes(db, record):
    changed = {**record, "id": "3f9a1c0e5b7d2a65", "title": "Judul baru"}
    outcome = save_records(db, [record, other_document(), record, changed])
    assert outcome == {"added": 2, "unchanged": 1, "replaced": 1}


@pytest.mark.parametrize("missing", ["regulation", "signatory", "regulations", "officials", "agencies",
                                     "quotes", "statements", "abbreviations", "warnings", "text"])
def test_optional_keys_may_be_absent(db, record, missing):
    del record[missing]
    assert save_record(db, record) == "added"
    assert db["documents"].count == 1


def test_own_regulation_and_signatory(db):
    circular = other_document(
        doc_id="cccc000011112222", kind="circular",
        regulation={"type": "SE", "number": "7", "year": 2025, "issuer": "Wali Kota Jakarta Barat",
                    "subject": "tertib administrasi"},
        signatory={"name": "Iin Mutmainnah", "position": "Wali Kota Jakarta Barat"},
    )
    save_record(db, circular)
    row = db["documents"].get("cccc000011112222")
    assert (row["regulation_id"], row["signatory_name"]) == ("se/2025/7", "Iin Mutmainnah")
    assert db["regulations"].get("se/2025/7")["subject"] == "tertib administrasi"


def test_regulation_gains_missing_fields_but_keeps_known_ones(db, record):
    save_record(db, other_document())  # cites pp/2025/50 without subject
    assert db["regulations"].get("pp/2025/50")["subject"] is None
    save_record(db, record)  # gives the subject
    subject = db["regulations"].get("pp/2025/50")["subject"]
    assert subject.startswith("relaksasi atau diskon iuran")
    third = other_document(doc_id="dddd000011112222", source="corpus/tiga.txt")
    third["regulations"][0]["subject"] = "subjek lain"
    save_record(db, third)
    assert db["regulations"].get("pp/2025/50")["subject"] == subject


@pytest.mark.parametrize(
    ("regulation", "expected"),
    [
        ({"id": "pp/2025/50", "type": "PP", "number": "50", "year": 2025}, "pp/2025/50"),
        ({"type": "PERMEN", "number": "2", "year": 2022}, "permen/2022/2"),
        ({"type": "SE", "number": "400.3/123/SE/2025", "year": None}, "se/-/400.3/123/SE/2025"),
        ({"type": "UU", "number": None, "year": 2020}, None),
        ({}, None),
    ],
)
def test_regulation_id(regulation, expected):
    assert regulation_id(regulation) == expected


# -- replacing ----------------------------------------------------------------


def test_changed_document_replaces_old_rows_only(db, record):
    save_record(db, record)
    other = other_document()
    save_record(db, other)
    other_rows = {table: rows_of(db, table, other["id"]) for table in CHILD_TABLES}

    changed = copy.deepcopy(record)
    changed["id"] = "3f9a1c0e5b7d2a65"
    changed["quotes"] = changed["quotes"][:1]
    changed["regulations"] = changed["regulations"][:1]
    assert save_record(db, changed) == "replaced"

    assert not db["documents"].count_where("id = ?", [DOC_ID])
    for table in CHILD_TABLES:
        assert rows_of(db, table, DOC_ID) == [], table
        assert rows_of(db, table, other["id"]) == other_rows[table], table
    assert len(rows_of(db, "quotes", changed["id"])) == 1
    assert [row["regulation_id"] for row in rows_of(db, "citations", changed["id"])] == ["se/2025/6"]
    assert db["documents"].count == 2
    assert search(db, "loyal") == []


# -- rolling back ---------------------------------------------------------------


def _unserialisable_quote(record: dict) -> None:
    record["quotes"][0]["start"] = object()


def _quote_without_text(record: dict) -> None:
    del record["quotes"][0]["text"]


def _quote_with_null_text(record: dict) -> None:
    record["quotes"][-1]["text"] = None


BROKEN = [
    pytest.param(_unserialisable_quote, TypeError, id="unserialisable-quote"),
    pytest.param(_quote_without_text, KeyError, id="quote-without-text"),
    pytest.param(_quote_with_null_text, sqlite3.IntegrityError, id="quote-with-null-text"),
]


def _broken(record: dict, breaker) -> dict:
    broken = copy.deepcopy(record)
    broken["regulations"].append({"id": "uu/2023/6", "type": "UU", "number": "6", "year": 2023,
                                  "mentions": [{"start": 1, "end": 5, "text": "UU 6/2023"}]})
    breaker(broken)
    return broken


@pytest.mark.parametrize(("breaker", "error"), BROKEN)
def test_failing_new_record_leaves_nothing(db, record, breaker, error):
    save_record(db, other_document())
    before = list(db.iterdump())
    with pytest.raises(error):
        save_record(db, _broken(record, breaker))
    assert not db["documents"].count_where("id = ?", [DOC_ID])
    assert list(db.iterdump()) == before


@pytest.mark.parametrize(("breaker", "error"), BROKEN)
def test_failing_replacement_keeps_old_document(db, record, breaker, error):
    save_record(db, record)
    before = list(db.iterdump())
    broken = _broken(record, breaker)
    broken["id"] = "3f9a1c0e5b7d2a65"
    with pytest.raises(error):
        save_record(db, broken)
    assert list(db.iterdump()) == before
    assert counts(db) == FIXTURE_COUNTS


# -- agencies -------------------------------------------------------------------


def _with_agency(doc_id: str, source: str, agency: dict) -> dict:
    return other_document(doc_id=doc_id, source=source, agencies=[{"mentions": [{}], **agency}])


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        pytest.param(
            {"name": "BPJS Ketenagakerjaan", "acronym": None},
            {"name": "Badan Penyelenggara Jaminan Sosial Ketenagakerjaan", "acronym": "BPJS Ketenagakerjaan"},
            [("Badan Penyelenggara Jaminan Sosial Ketenagakerjaan", "BPJS Ketenagakerjaan")],
            id="short-form-first-takes-full-name",
        ),
        pytest.param(
            {"name": "Badan Pusat Statistik", "acronym": "BPS"},
            {"name": "bps", "acronym": None},
            [("Badan Pusat Statistik", "BPS")],
            id="acronym-as-name-ignoring-case",
        ),
        pytest.param(
            {"name": "Badan Pusat Statistik", "acronym": None},
            {"name": "BADAN PUSAT STATISTIK", "acronym": "BPS"},
            [("Badan Pusat Statistik", "BPS")],
            id="same-name-gains-acronym",
        ),
        pytest.param(
            {"name": "Kementerian Ketenagakerjaan", "acronym": "Kemnaker"},
            {"name": "Kementerian Keuangan", "acronym": "Kemenkeu"},
            [("Kementerian Ketenagakerjaan", "Kemnaker"), ("Kementerian Keuangan", "Kemenkeu")],
            id="different-agencies-stay-apart",
        ),
    ],
)
def test_agencies_merge_across_documents(db, first, second, expected):
    save_record(db, _with_agency("aaaa000000000001", "corpus/a.txt", first))
    save_record(db, _with_agency("aaaa000000000002", "corpus/b.txt", second))
    assert db.execute("select name, acronym from agencies order by name").fetchall() == expected
    linked = db.execute("select count(distinct document_id) from document_agencies").fetchone()[0]
    assert linked == 2


def test_merged_agency_keeps_other_forms_as_aliases(db):
    save_record(db, _with_agency("aaaa000000000001", "corpus/a.txt", {"name": "BPJS Ketenagakerjaan"}))
    save_record(db, _with_agency("aaaa000000000002", "corpus/b.txt", {
        "name": "Badan Penyelenggara Jaminan Sosial Ketenagakerjaan", "acronym": "BPJS Ketenagakerjaan",
        "aliases": ["BPJS", "bpjs ketenagakerjaan"]}))
    assert [row["alias"] for row in db["agency_aliases"].rows] == ["BPJS"]


@pytest.mark.parametrize(
    ("existing", "new", "updates"),
    [
        ({"name": "BPS", "acronym": None}, {"name": "Badan Pusat Statistik", "acronym": "BPS"},
         {"name": "Badan Pusat Statistik", "acronym": "BPS"}),
        ({"name": "Badan Pusat Statistik", "acronym": None}, {"name": "Badan Pusat Statistik", "acronym": "BPS"},
         {"acronym": "BPS"}),
        ({"name": "Badan Pusat Statistik", "acronym": "BPS"}, {"name": "BPS", "acronym": None}, {}),
    ],
)
def test_merge_agency(existing, new, updates):
    assert merge_agency(existing, new) == updates


# -- errors and counts ----------------------------------------------------------


def test_record_error_keeps_one_row_per_source_and_message(db):
    record_error(db, "corpus/rusak.pdf", "no text layer")
    record_error(db, "corpus/rusak.pdf", "no text layer")
    record_error(db, "corpus/rusak.pdf", "encrypted")
    assert counts(db)["errors"] == 2
    assert {row["message"] for row in db["errors"].rows} == {"no text layer", "encrypted"}


def test_counts_of_empty_database(db):
    assert counts(db) == dict.fromkeys(FIXTURE_COUNTS, 0)


# -- search ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kind", "snippet"),
    [
        ("Apresiasi", "document", "[Apresiasi]"),
        ("normalized text", "document", "[normalized] [text]"),
        ("ekosistem", "quote", "[ekosistem]"),
        ("imron", "quote", "[Imron]"),
        ("dukungan", "statement", "[dukungan]"),
        ("kemiskinan ekstrem", "regulation", "[kemiskinan] [ekstrem]"),
        ("PP 50/2025", "regulation", "[pp]/[2025]/[50]"),
    ],
)
def test_search_finds_with_snippet(db, record, query, kind, snippet):
    save_record(db, record)
    hits = search(db, query)
    assert hits, query
    hit = hits[0]
    assert (hit["type"], snippet in hit["snippet"]) == (kind, True), hit
    assert set(hit) == {"type", "document_id", "title", "source", "regulation_id", "snippet"}
    if kind != "regulation":
        assert (hit["document_id"], hit["source"]) == (DOC_ID, record["source"])


@pytest.mark.parametrize(
    "query",
    ['"', "AND", "OR NOT", "PP 50/2025", "(", "*", "a*b", "-", "NEAR(a b)", "col:value", "", "   ", "“kutipan”",
     "Kepala \"BPJS", "50 - 2025", "^awal"],
)
def test_search_never_raises_on_awkward_input(db, record, query):
    save_record(db, record)
    assert isinstance(search(db, query), list)


@pytest.mark.parametrize(("query", "expected"), [("AND", []), ('"', []), ("", []), ("tidakadakata", [])])
def test_search_without_match_is_empty(db, record, query, expected):
    save_record(db, record)
    assert search(db, query) == expected


def test_search_keeps_keywords_and_punctuation_as_words(db, record):
    save_record(db, record)
    assert [hit["regulation_id"] for hit in search(db, '"pp" 50/2025 AND')] == []
    assert [hit["regulation_id"] for hit in search(db, '"pp" (50/2025)')] == ["pp/2025/50"]


def test_search_ranks_and_limits(db, record):
    save_record(db, record)
    save_record(db, other_document())
    assert len(search(db, "pekerja", limit=1)) == 1
    assert {hit["type"] for hit in search(db, "pekerja")} == {"document", "quote"}


# -- reading back ----------------------------------------------------------------


def test_iter_records_round_trip(db, record):
    save_record(db, record)
    assert list(iter_records(db)) == [record]


def test_iter_records_orders_by_source_and_selects_ids(db, record):
    save_records(db, [record, other_document(source="a-dulu.txt")])
    assert [r["source"] for r in iter_records(db)] == ["a-dulu.txt", record["source"]]
    assert [r["id"] for r in iter_records(db, ["3f9a"])] == [DOC_ID]
    assert [r["id"] for r in iter_records(db, [DOC_ID, "aaaa000011112222"])] == ["aaaa000011112222", DOC_ID]
    assert list(iter_records(db, [])) == []


def test_iter_records_without_text(db, record):
    del record["text"]
    save_record(db, record)
    assert list(iter_records(db)) == [record]


@pytest.mark.parametrize(("wanted", "message"), [("ffff", "no stored document"), ("", "ambiguous")])
def test_iter_records_rejects_unknown_or_ambiguous_ids(db, record, wanted, message):
    save_records(db, [record, other_document()])
    with pytest.raises(ValueError, match=message):
        list(iter_records(db, [wanted]))


# -- provenance: sentences --------------------------------------------------------

SENTENCE_TEXT = (
    'Judul Berita\n'
    'Dr. H. Suryo Adinegoro meminta daerah ikut membayar iuran. PP No. 50 berlaku sejak Oktober. '
    '"Iuran harus dibayar tepat waktu. Jangan menunggak," kata Suryo. Ia menambahkan hal lain!'
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(
    ("part", "sentence"),
    [
        ("Judul", "Judul Berita"),
        ("Suryo Adinegoro", "Dr. H. Suryo Adinegoro meminta daerah ikut membayar iuran."),
        ("PP No. 50", "PP No. 50 berlaku sejak Oktober."),
        ("Iuran harus dibayar tepat waktu. Jangan menunggak,",
         '"Iuran harus dibayar tepat waktu. Jangan menunggak," kata Suryo.'),
        ("hal lain", "Ia menambahkan hal lain!"),
    ],
)
def test_sentence_around(part, sentence):
    assert sentence_around(SENTENCE_TEXT, *_span(SENTENCE_TEXT, part)) == sentence


@pytest.mark.parametrize(("start", "end"), [(None, 5), (5, None), (-1, 3), (10, 5), (0, 10_000)])
def test_sentence_around_bad_offsets(start, end):
    assert sentence_around(SENTENCE_TEXT, start, end) is None


def test_sentence_without_punctuation_is_cut_to_context():
    text = "kata " * 400
    sentence = sentence_around(text, 1000, 1004)
    assert sentence is not None and len(sentence) <= SENTENCE_MAX


def test_every_extracted_row_keeps_its_sentence(db, record):
    record["text"] = ("x" * 240) + "Surat Edaran (SE) Wali Kota Jakarta Barat Nomor 6 Tahun 2025 jadi dasar. Lalu."
    record["regulations"] = record["regulations"][:1]
    save_record(db, record)
    (citation,) = db["citations"].rows
    assert citation["sentence"].endswith("Nomor 6 Tahun 2025 jadi dasar.")
    # Offsets past the end of the text give no sentence rather than a wrong one.
    assert {row["sentence"] for row in db["quotes"].rows} == {None}


# -- people across documents ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Dr. H. Suryo Adinegoro, S.H., M.Si.", "suryo adinegoro"),
        ("SURYO  ADINEGORO", "suryo adinegoro"),
        ("Ma'ruf Amin", "maruf amin"),
        ("Multanti", "multanti"),
    ],
)
def test_person_key(name, key):
    assert person_key(name) == key


PEOPLE = [(1, "indah kartikasari pane", {"dirjen phi", "kemnaker"}), (2, "indah permata", {"kepala dinas"}),
          (3, "budi", {"kemnaker"})]


@pytest.mark.parametrize(
    ("word", "roles", "expected"),
    [
        ("indah", {"kemnaker"}, 1),             # one longer name holds the role
        ("indah", {"kepala dinas"}, 2),
        ("indah", set(), None),                 # no role to compare: stay apart
        ("indah", {"bupati"}, None),            # no longer name with that role
        ("budi", {"kemnaker"}, None),           # only one-word candidates
        ("pane", {"dirjen phi"}, 1),
    ],
)
def test_short_name_target(word, roles, expected):
    assert short_name_target(word, roles, PEOPLE) == expected


def test_short_name_target_is_none_when_ambiguous():
    people = [*PEOPLE, (4, "indah sari", {"kemnaker"})]
    assert short_name_target("indah", {"kemnaker"}, people) is None


def _official(doc_id: str, source: str, date: str, name: str, position: str | None, agency: str | None) -> dict:
    return other_document(doc_id=doc_id, source=source, date=date, regulations=[], quotes=[],
                          officials=[{"name": name, "position": position, "agency": agency,
                                      "mentions": [{"start": 0, "end": len(name), "text": name}]}])


def people_rows(db) -> list[tuple]:
    return db.execute("select people.name, count(distinct officials.document_id) from people "
                      "join officials on officials.person_id = people.id group by people.id "
                      "order by people.name").fetchall()


def test_same_normalized_name_is_one_person(db):
    save_record(db, _official("a000000000000001", "a.txt", "2025-01-01", "Suryo Adinegoro", "Menteri", None))
    save_record(db, _official("a000000000000002", "b.txt", "2025-02-01", "Dr. SURYO ADINEGORO, M.Si.", "Menteri",
                              None))
    assert people_rows(db) == [("Suryo Adinegoro", 2)]
    assert {row["name"] for row in db["person_names"].rows} == {"Suryo Adinegoro", "Dr. SURYO ADINEGORO, M.Si."}


@pytest.mark.parametrize("short_first", [False, True], ids=["long-name-first", "short-name-first"])
def test_one_word_name_joins_the_only_longer_name_with_that_agency(db, short_first):
    docs = [_official("a000000000000001", "a.txt", "2025-01-01", "Indah Kartikasari Pane", "Dirjen PHI", "Kemnaker"),
            _official("a000000000000002", "b.txt", "2025-03-01", "Indah", "Direktur Jenderal", "Kemnaker")]
    for doc in reversed(docs) if short_first else docs:
        save_record(db, doc)
    assert people_rows(db) == [("Indah Kartikasari Pane", 2)]


def test_one_word_name_stays_apart_when_ambiguous_or_unrelated(db):
    save_record(db, _official("a000000000000001", "a.txt", "2025-01-01", "Indah Kartikasari", "Dirjen", "Kemnaker"))
    save_record(db, _official("a000000000000002", "b.txt", "2025-01-02", "Indah Permata", "Staf", "Kemnaker"))
    save_record(db, _official("a000000000000003", "c.txt", "2025-01-03", "Indah", "Kepala", "Kemnaker"))
    save_record(db, _official("a000000000000004", "d.txt", "2025-01-04", "Kartikasari", "Bupati", "Pemkab"))
    assert people_rows(db) == [("Indah", 1), ("Indah Kartikasari", 1), ("Indah Permata", 1), ("Kartikasari", 1)]


def test_positions_sum_up_roles_over_time(db):
    save_record(db, _official("a000000000000001", "a.txt", "2025-01-01", "Rahmat", "Gubernur Jawa Barat", None))
    save_record(db, _official("a000000000000002", "b.txt", "2025-06-01", "Rahmat", "gubernur jawa barat", None))
    save_record(db, _official("a000000000000003", "c.txt", "2024-03-01", "Rahmat", "Wakil Gubernur", None))
    rows = db.execute("select position, first_date, last_date, documents from positions "
                      "order by first_date").fetchall()
    assert rows == [("Wakil Gubernur", "2024-03-01", "2024-03-01", 1),
                    ("Gubernur Jawa Barat", "2025-01-01", "2025-06-01", 2)]


def test_replacing_a_document_recounts_positions(db):
    save_record(db, _official("a000000000000001", "a.txt", "2025-01-01", "Rahmat Hidayat", "Gubernur", None))
    save_record(db, _official("a000000000000002", "b.txt", "2025-06-01", "Rahmat Hidayat", "Gubernur", None))
    assert save_record(db, _official("a000000000000003", "b.txt", "2025-06-01", "Rahmat Hidayat", "Wali Kota",
                                     None)) == "replaced"
    rows = db.execute("select position, documents, last_date from positions order by position").fetchall()
    assert rows == [("Gubernur", 1, "2025-01-01"), ("Wali Kota", 1, "2025-06-01")]


def test_signatory_is_an_official_with_positions(db):
    text = "SURAT EDARAN\nIsi surat.\nGubernur Jawa Barat,\nRahmat Suryadilaga"
    circular = other_document(doc_id="cccc000011112222", kind="circular", text=text, regulations=[], quotes=[],
                              signatory={"name": "Rahmat Suryadilaga", "position": "Gubernur Jawa Barat"})
    save_record(db, circular)
    (official,) = db["officials"].rows
    assert (official["name"], official["signatory"], text[official["start"]:official["end"]]) == (
        "Rahmat Suryadilaga", 1, "Rahmat Suryadilaga")
    assert db.execute("select position, documents from positions").fetchall() == [("Gubernur Jawa Barat", 1)]


@pytest.mark.parametrize("name", ["Jakarta", None, ""])
def test_one_word_or_missing_signatory_is_not_a_person(db, name):
    save_record(db, other_document(signatory={"name": name, "position": "Kepala Badan"}, regulations=[], quotes=[]))
    assert db["people"].count == 0


def test_quote_speaker_links_to_person_stored_earlier(db):
    save_record(db, _official("a000000000000001", "a.txt", "2025-01-01", "Sari Wulandari", "Kepala Dinas", None))
    save_record(db, other_document(doc_id="a000000000000002", source="b.txt"))  # quotes Sari Wulandari
    (quote,) = db["quotes"].rows
    assert db["people"].get(quote["person_id"])["name"] == "Sari Wulandari"


# -- mentions for highlighting --------------------------------------------------------


def test_mentions_point_at_their_rows(db, record):
    save_record(db, record)
    rows = db.execute(
        "select kind, start, regulation_id, agency_id is not null, person_id is not null, quote_id is not null, "
        "statement_id is not null from mentions order by start, kind").fetchall()
    assert [row[:3] for row in rows] == [
        ("agency", 50, None), ("agency", 120, None), ("regulation", 240, "se/2025/6"), ("person", 400, None),
        ("quote", 500, None), ("quote", 640, None), ("person", 700, None), ("statement", 720, None),
        ("regulation", 900, "pp/2025/50")]
    kinds = {"agency": 3, "person": 4, "quote": 5, "statement": 6, "regulation": 2}
    assert all(row[kinds[row[0]]] for row in rows)


def test_old_database_gains_new_columns(tmp_path, record):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    old.execute("create table people (id integer primary key, name text not null)")
    old.execute("insert into people (name) values ('Dr. Suryo Adinegoro')")
    old.commit()
    old.close()
    db = open_db(path)
    assert {"key"} <= set(db["people"].columns_dict)
    assert db["people"].get(1)["key"] == "suryo adinegoro"
    assert save_record(db, record) == "added"


@pytest.mark.parametrize(
    ("short", "roles", "people", "expected"),
    [
        # two words of a three-word name, the same office
        ("rina dewi", {"menteri sosial"}, [(7, "rina dewi lestari", {"menteri sosial"})], 7),
        # the office written a little longer elsewhere still agrees
        ("rina dewi", {"menteri sosial"}, [(7, "rina dewi lestari", {"menteri sosial ri"})], 7),
        # a different office keeps them apart
        ("rina dewi", {"menteri sosial"}, [(7, "rina dewi lestari", {"bupati sleman"})], None),
        # a word the longer name lacks keeps them apart
        ("rina sari", {"menteri sosial"}, [(7, "rina dewi lestari", {"menteri sosial"})], None),
        # short roles are compared whole, never as parts
        ("rina", {"dpr"}, [(7, "rina dewi", {"dprd"})], None),
    ],
)
def test_shorter_names_across_documents(short, roles, people, expected):
    assert short_name_target(short, roles, people) == expected


# -- the same documents in any order give the same people and agencies ------------------------------------


def _person_doc(n: int, officials: list[tuple[str, str | None, str | None]], quotes: list[str] = (),
                agencies: list[tuple[str, str | None]] = ()) -> dict:
    """A small news record naming ``officials`` (name, position, agency), quoting ``quotes`` (speaker names)
    and naming ``agencies`` (name, acronym), each at its own offsets in the text."""
    text, spans = "", []
    for piece in [name for name, _, _ in officials] + list(quotes) + [name for name, _ in agencies]:
        spans.append({"start": len(text), "end": len(text) + len(piece), "text": piece})
        text += piece + ". "
    places = iter(spans)
    return other_document(
        doc_id=f"b{n:015d}", source=f"urut/{n:02d}.txt", date=f"2025-0{1 + n % 9}-01", regulations=[], text=text,
        officials=[{"name": name, "position": position, "agency": agency, "mentions": [next(places)]}
                   for name, position, agency in officials],
        quotes=[{"speaker": speaker, "text": f"Kata {speaker} di sini.", **next(places)} for speaker in quotes],
        agencies=[{"name": name, "acronym": acronym, "aliases": [], "mentions": [next(places)]}
                  for name, acronym in agencies])


# A surname-only "Santoso" with an office two longer names hold: ambiguous, it must stay apart in any order;
# "Wahyuni" has one longer name of her office, and joins it in any order; "Hendra" is named in full, by his
# first name, in capitals and with a degree; agencies meet under a shared acronym.
ORDER_DOCS = [
    _person_doc(0, [("Budi Santoso", "Kepala Dinas Sosial", "Dinas Sosial Kota Contoh")],
                agencies=[("Dinas Sosial Kota Contoh", "Dinsos")]),
    _person_doc(1, [("Santoso", "Kepala Dinas Sosial", None)], quotes=["Santoso"]),
    _person_doc(2, [("Agus Santoso", "Kepala Dinas Sosial", "Dinas Sosial Kota Lain")]),
    _person_doc(3, [("Sri Wahyuni", "Camat Tengah", "Kecamatan Tengah")], quotes=["Sri Wahyuni"]),
    _person_doc(4, [("Wahyuni", "Camat Tengah", None)], quotes=["Wahyuni"], agencies=[("Dinsos", None)]),
    _person_doc(5, [("HENDRA GUNAWAN", "Kepala Badan", "Badan Contoh")], quotes=["Hendra Gunawan"],
                agencies=[("Badan Contoh", "BC"), ("Dinas Sosial", "Dinsos")]),
    _person_doc(6, [("Hendra", "Kepala Badan", "Badan Contoh")]),
    _person_doc(7, [("Dr. Hendra Gunawan, M.Si.", "Kepala Badan Contoh", None)], agencies=[("BC", None)]),
    _person_doc(8, [], quotes=["Agus Santoso"]),
]
ORDERS = {
    "as-listed": list(range(len(ORDER_DOCS))),
    "reversed": list(reversed(range(len(ORDER_DOCS)))),
    "short-names-first": [1, 4, 6, 8, 0, 2, 3, 5, 7],
    "long-names-last": [6, 1, 4, 8, 0, 3, 2, 7, 5],
    "interleaved": [2, 1, 0, 5, 4, 6, 3, 8, 7],
}


def _people_dump(db) -> dict[str, list[tuple]]:
    """People, agencies and what links to them, by name (never by id), sorted."""
    queries = {
        "people": "select name, key, (select group_concat(name, '|') from (select name from person_names "
                  "where person_id = people.id order by name)) from people",
        "officials": "select o.document_id, o.name, p.name from officials o join people p on p.id = o.person_id",
        "quotes": "select q.document_id, q.speaker, p.name from quotes q left join people p on p.id = q.person_id",
        "mentions": "select m.document_id, m.kind, m.start, p.name, a.name from mentions m "
                    "left join people p on p.id = m.person_id left join agencies a on a.id = m.agency_id",
        "positions": "select p.name, x.position, x.agency, x.first_date, x.last_date, x.documents "
                     "from positions x join people p on p.id = x.person_id",
        "agencies": "select name, acronym, (select group_concat(alias, '|') from (select alias from agency_aliases "
                    "where agency_id = agencies.id order by alias)) from agencies",
        "document_agencies": "select d.document_id, a.name, d.mentions, d.start from document_agencies d "
                             "join agencies a on a.id = d.agency_id",
    }
    return {table: sorted(db.execute(sql).fetchall(), key=repr) for table, sql in queries.items()}


@pytest.fixture(scope="module")
def in_every_order(tmp_path_factory) -> dict[str, dict[str, list[tuple]]]:
    dumps = {}
    for label, order in ORDERS.items():
        database = open_db(tmp_path_factory.mktemp(label) / "warta.db")
        for n in order:
            save_record(database, copy.deepcopy(ORDER_DOCS[n]))
        dumps[label] = _people_dump(database)
        database.close()
    return dumps


@pytest.mark.parametrize("label", [label for label in ORDERS if label != "as-listed"])
def test_people_and_agencies_do_not_depend_on_the_order_documents_arrive_in(in_every_order, label):
    first, other = in_every_order["as-listed"], in_every_order[label]
    for table in first:
        assert other[table] == first[table], table


def test_people_in_any_order_are_the_expected_ones(in_every_order):
    dump = in_every_order["as-listed"]
    by_official = {(doc, name): person for doc, name, person in dump["officials"]}
    assert by_official[("b000000000000001", "Santoso")] == "Santoso"  # two Santosos hold that office
    assert by_official[("b000000000000004", "Wahyuni")] == "Sri Wahyuni"
    assert {by_official[("b000000000000005", "HENDRA GUNAWAN")], by_official[("b000000000000006", "Hendra")],
            by_official[("b000000000000007", "Dr. Hendra Gunawan, M.Si.")]} == {"Hendra Gunawan"}
    speakers = {(doc, speaker): person for doc, speaker, person in dump["quotes"]}
    assert speakers[("b000000000000008", "Agus Santoso")] == "Agus Santoso"
    assert speakers[("b000000000000004", "Wahyuni")] == "Sri Wahyuni"
    assert [name for name, _, _ in dump["people"]] == ["Agus Santoso", "Budi Santoso", "Hendra Gunawan", "Santoso",
                                                       "Sri Wahyuni"]


def test_replacing_a_document_settles_people_as_a_clean_ingest_would(tmp_path):
    """Agus Santoso's document is replaced by one naming someone else: the one-word Santoso, held apart by
    two Santosos of the same office, now joins the one left, as if Agus had never been stored."""
    replacement = _person_doc(2, [("Rina Dewi", "Camat Utara", "Kecamatan Utara")])
    replacement["id"] = "c000000000000002"
    replaced = open_db(tmp_path / "replaced.db")
    for doc in ORDER_DOCS:
        save_record(replaced, copy.deepcopy(doc))
    assert save_record(replaced, copy.deepcopy(replacement)) == "replaced"
    clean = open_db(tmp_path / "clean.db")
    for doc in [*ORDER_DOCS[:2], replacement, *ORDER_DOCS[3:]]:
        save_record(clean, copy.deepcopy(doc))
    assert _people_dump(replaced) == _people_dump(clean)
    official = {name: person for _, name, person in _people_dump(replaced)["officials"]}
    assert official["Santoso"] == "Budi Santoso"
    replaced.close()
    clean.close()


@pytest.mark.parametrize(("nodes", "expected"), [
    # the one longer name of the office
    ({"santoso": {"kepala dinas"}, "budi santoso": {"kepala dinas"}}, {"santoso": "budi santoso"}),
    # two of them: stays apart
    ({"santoso": {"kepala dinas"}, "budi santoso": {"kepala dinas"}, "agus santoso": {"kepala dinas"}},
     {"santoso": "santoso"}),
    # a chain joins at the longest, through the roles of the names that joined it
    ({"budi": {"camat"}, "budi santoso": {"camat", "bupati"}, "budi santoso wijaya": {"bupati"}},
     {"budi": "budi santoso wijaya", "budi santoso": "budi santoso wijaya"}),
    # no role to compare
    ({"santoso": set(), "budi santoso": {"kepala dinas"}}, {"santoso": "santoso"}),
])
def test_settle_names(nodes, expected):
    from extract.store.persons import settle_names

    target = settle_names(nodes)
    assert {key: target[key] for key in expected} == expected
    assert all(target[target[key]] == target[key] for key in nodes)  # a head stands for itself


@pytest.mark.parametrize(("names", "shown"), [
    (["HENDRA GUNAWAN", "Dr. Hendra Gunawan, M.Si."], "Hendra Gunawan"),
    (["Dr. Suryo Adinegoro, M.Si.", "Suryo Adinegoro"], "Suryo Adinegoro"),
    (["SURYO ADINEGORO"], "SURYO ADINEGORO"),
    (["Sri Wahyuni", "Sri wahyuni"], "Sri Wahyuni"),
    (["", "  "], None),
])
def test_display_name(names, shown):
    from extract.store.persons import display_name

    assert display_name(names) == shown
    assert display_name(list(reversed(names))) == shown


def test_the_words_of_peoples_names_are_indexed_and_go_with_them(db):
    """A one-word name is matched against people through ``person_words``, never by scanning ``people``."""
    from extract.store.persons import _people_with_word, person_for

    first = person_for(db, "Budi Santoso", "Kepala Dinas Sosial", None)
    person_for(db, "Agus Santoso", None, None)
    assert {row["word"] for row in db["person_words"].rows_where("person_id = ?", [first])} == {"budi", "santoso"}
    assert sorted(key for _, key, _ in _people_with_word(db, "santoso")) == ["agus santoso", "budi santoso"]
    plan = " ".join(str(row) for row in db.execute(
        "explain query plan select people.id from person_words join people on people.id = person_words.person_id "
        "where person_words.word = ?", ["santoso"]).fetchall())
    assert "SCAN people" not in plan and "person_words" in plan
    db.execute("delete from person_names where person_id = ?", [first])
    db.execute("delete from people where id = ?", [first])
    assert db["person_words"].count_where("person_id = ?", [first]) == 0
