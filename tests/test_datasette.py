"""Datasette 0.65 serving a Warta database with its metadata and plugin: pages, search, canned queries."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette
from datasette.utils import tilde_encode

from datasette.plugins import pm

from extract import extract_records
from extract.serve import plugin as datasette_plugin
from extract.serve.plugin import Mark, list_drafts, mark_up, nest_marks, render_markdown
from extract.serve.metadata import QUERIES, TABLES, build_metadata, write_metadata
from extract.store import open_db, save_record
from extract.store.schema import _TABLES
from extract.store.persons import person_key

from tests.pages import fetch, warta_plugin  # noqa: F401 (warta_plugin is a fixture)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

FIXTURE = Path(__file__).parent / "fixtures" / "record-example.json"
RECORD = json.loads(FIXTURE.read_text(encoding="utf-8"))
DOC_ID = RECORD["id"]
TITLE = RECORD["title"]


def make_db(path: Path, records: list[dict]) -> Path:
    db = open_db(path)
    for record in records:
        save_record(db, record)
    db.close()
    return path


@pytest.fixture
def full_db(tmp_path) -> Path:
    return make_db(tmp_path / "warta.db", [RECORD])


@pytest.fixture
def empty_db(tmp_path) -> Path:
    return make_db(tmp_path / "warta.db", [])


def url(path: str, **params: str) -> str:
    return f"{path}?{urlencode({**params, '_shape': 'array'})}"


def fetch_json(db_path: Path, path: str):
    (response,) = fetch(db_path, path)
    assert response.status_code == 200, response.text
    return response.json()


def test_table_page_lists_document_with_description(full_db):
    (response,) = fetch(full_db, "/warta/documents")
    assert response.status_code == 200
    assert TITLE in response.text
    assert "Satu baris per dokumen" in response.text


@pytest.mark.parametrize(
    ("search", "expected"),
    [("Apresiasi", [DOC_ID]), ("bpjs ketenagakerjaan", [DOC_ID]), ("PP 50/2025", []), ("AND", []),
     ("tidakadakata", [])],
)
def test_table_search(full_db, search, expected):
    rows = fetch_json(full_db, url("/warta/documents.json", _search=search))
    assert [row["id"] for row in rows] == expected


def test_citation_links_to_regulation_and_document(full_db):
    db = open_db(full_db)
    citation = next(db["citations"].rows_where("regulation_id = ?", ["pp/2025/50"]))
    db.close()
    # Datasette 0.65 draws foreign-key links in table views (the row page shows plain values),
    # so look at the table view narrowed to the citation's row, then at the row pages it links.
    listing, row_page, regulation_page, document_page = fetch(
        full_db,
        f"/warta/citations?id={citation['id']}",
        f"/warta/citations/{citation['id']}",
        f"/warta/regulations/{tilde_encode('pp/2025/50')}",
        f"/warta/documents/{DOC_ID}",
    )
    assert [page.status_code for page in (listing, row_page, regulation_page, document_page)] == [200] * 4
    assert f'href="/warta/regulations/{tilde_encode("pp/2025/50")}"' in listing.text
    assert f'href="/warta/documents/{DOC_ID}"' in listing.text
    assert citation["mention"] in row_page.text
    assert 'href="/warta/citations?regulation_id=pp/2025/50"' in regulation_page.text
    assert f'href="/warta/citations?document_id={DOC_ID}"' in document_page.text


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ekosistem", [(DOC_ID, "quote")]),
        ("Apresiasi", [(DOC_ID, "document")]),
        ("kemiskinan", [(DOC_ID, "regulation")]),
        ("PP 50/2025", [(DOC_ID, "regulation")]),
        ('"', []),
        ("", []),
    ],
)
def test_canned_search(full_db, q, expected):
    """One row per document, with where it matched; a regulation's hit is the document citing it."""
    rows = fetch_json(full_db, url("/warta/search.json", q=q))
    assert [(row["document_id"], row["found_in"].split(",")[0] if q != "PP 50/2025" else "regulation")
            for row in rows] == expected
    assert all("\u27e6" in row["snippet"] for row in rows)
    assert all("rank" not in row and "score" not in row for row in rows)


def test_canned_search_ranks_by_bm25(tmp_path):
    second = {"id": "aaaa000011112222", "source": "corpus/lain.txt", "title": "Iuran", "kind": "news",
              "text": "Iuran iuran iuran BPJS dibahas lagi."}
    rows = fetch_json(make_db(tmp_path / "warta.db", [RECORD, second]), url("/warta/search.json", q="iuran"))
    assert [row["document_id"] for row in rows] == ["aaaa000011112222", DOC_ID]  # best bm25 first, one row each


@pytest.mark.parametrize(
    ("regulation_id", "expected"),
    [("pp/2025/50", [DOC_ID]), ("SE/2025/6", [DOC_ID]), ("uu/2023/6", []), ("", [])],
)
def test_documents_citing(full_db, regulation_id, expected):
    rows = fetch_json(full_db, url("/warta/documents_citing.json", regulation_id=regulation_id))
    assert [row["document_id"] for row in rows] == expected


def test_quotes_about_regulation(full_db):
    rows = fetch_json(full_db, url("/warta/quotes_about_regulation.json", regulation_id="pp/2025/50"))
    assert [(row["kind"], row["speaker"]) for row in rows] == [
        ("quote", "Imron Syahrin"), ("quote", None), ("statement", "Multanti")]


def test_regulations_most_cited(full_db):
    rows = fetch_json(full_db, url("/warta/regulations_most_cited.json"))
    assert {(row["regulation_id"], row["documents"]) for row in rows} == {("pp/2025/50", 1), ("se/2025/6", 1)}


@pytest.mark.parametrize("which", ["empty_db", "full_db"])
@pytest.mark.parametrize("query", sorted(QUERIES))
def test_every_canned_query_runs(request, which, query):
    db_path = request.getfixturevalue(which)
    (response,) = fetch(db_path, url(f"/warta/{query}.json", q="BPJS", regulation_id="pp/2025/50"))
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)


@pytest.mark.parametrize(
    ("table", "label_column"),
    [("documents", "title"), ("people", "name"), ("agencies", "name"), ("regulations", "subject")],
)
def test_label_columns(full_db, table, label_column):
    db = open_db(full_db)
    metadata = build_metadata(db)
    db.close()
    assert metadata["databases"]["warta"]["tables"][table]["label_column"] == label_column


def test_write_metadata(full_db, tmp_path):
    out = write_metadata(full_db, tmp_path / "metadata.json")
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["title"] == "Warta"
    assert set(written["databases"]["warta"]["queries"]) == {
        "search", "regulations_most_cited", "documents_citing", "quotes_about_regulation", "officials_of_agency",
        "agency_timeline", "regulation_article"}
    facets = written["databases"]["warta"]["tables"]
    assert (facets["documents"]["facets"], facets["regulations"]["facets"]) == (
        ["kind", "year", "format"], ["type", "year"])
    assert facets["document_agencies"]["facets"] == ["agency_id"]


# -- metadata covers the schema ------------------------------------------------------------


@pytest.mark.parametrize("table", sorted(_TABLES))
def test_every_table_and_column_is_described(table):
    assert TABLES[table]["description"]
    assert set(TABLES[table]["columns"]) == set(_TABLES[table]["columns"])
    assert all(TABLES[table]["columns"].values())


def test_database_description_links_the_search(full_db):
    (page,) = fetch(full_db, "/warta")
    assert '<a href="/warta/search">Cari dokumen, kutipan, dan regulasi</a>' in page.text


# -- the corpus: canned queries on real extractions -------------------------------------------


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The database of corpus/, as `warta ingest --no-ocr` builds it (scans without text are left out)."""
    path = tmp_path_factory.mktemp("corpus") / "warta.db"
    db = open_db(path)
    for outcome in extract_records([str(CORPUS)], ocr=False, with_text=True):
        if outcome.record is not None:
            save_record(db, outcome.record)
    assert db["documents"].count >= 14
    db.close()
    return path


def in_order(items: list, wanted: list) -> bool:
    """Whether ``wanted`` are all among ``items``, in this order (other items may come between)."""
    rest = iter(items)
    return all(any(item == want for item in rest) for want in wanted)


def corpus_query(corpus_db: Path, query: str, **params: str) -> list[dict]:
    return fetch_json(corpus_db, url(f"/warta/{query}.json", **params))


def sources(rows: list[dict], corpus_db: Path) -> list[str]:
    db = open_db(corpus_db)
    by_id = {row["id"]: Path(row["source"]).name for row in db["documents"].rows}
    db.close()
    return [by_id[row["document_id"]] for row in rows]


def test_corpus_regulations_most_cited(corpus_db):
    rows = corpus_query(corpus_db, "regulations_most_cited")
    counts = {row["regulation_id"]: row["documents"] for row in rows}
    # UU 23/2014 (Pemerintahan Daerah) is the legal basis of every regional circular.
    assert counts["uu/2014/23"] >= 4 and counts["pp/2025/50"] >= 2
    assert counts["pp/2025/50"] == len(corpus_query(corpus_db, "documents_citing", regulation_id="pp/2025/50"))
    assert [row["documents"] for row in rows] == sorted((row["documents"] for row in rows), reverse=True)


def test_corpus_documents_citing(corpus_db):
    rows = corpus_query(corpus_db, "documents_citing", regulation_id="pp/2025/50")
    assert in_order(sources(rows, corpus_db), ["bpjs-ketenagakerjaan-relaksasi-iuran-bpu.txt",
                                               "kemnaker-sosialisasi-pp-50-2025.html"])
    assert [row["date"] for row in rows] == sorted((row["date"] for row in rows), reverse=True)


def test_corpus_quotes_about_regulation(corpus_db):
    rows = corpus_query(corpus_db, "quotes_about_regulation", regulation_id="pp/2025/50")
    citing = corpus_query(corpus_db, "documents_citing", regulation_id="pp/2025/50")
    assert {row["document_id"] for row in rows} <= {row["document_id"] for row in citing}
    assert {"bpjs-ketenagakerjaan-relaksasi-iuran-bpu.txt", "kemnaker-sosialisasi-pp-50-2025.html"} <= set(
        sources(rows, corpus_db))
    said = {(row["speaker"], row["text"][:40]) for row in rows}
    assert ("Suryo Adinegoro", "Kepala daerah dapat menganggarkan iuran ") in said
    assert [row["date"] for row in rows] == sorted((row["date"] for row in rows), reverse=True)
    assert all(row["text"][:30] in row["sentence"] for row in rows)


@pytest.mark.parametrize(
    ("agency", "expected"),
    [
        ("BPS", {("Yohanes Bayu Adiwena", "Kepala BPS Kabupaten Sleman")}),
        ("Badan Pusat Statistik", {("Yohanes Bayu Adiwena", "Kepala BPS Kabupaten Sleman")}),
        ("Polres Metro Jakarta Selatan", {
            ("Andreas Pratama Siregar", "Kapolres Metro Jakarta Selatan"),
            ("Yudha Kurniawan Effendi", "Kasat Lantas Polres Metro Jakarta Selatan"),
            ("Nurul Aini Rahmawati", "Kasi Humas Polres Metro Jakarta Selatan")}),
        ("tidak ada", set()),
        ("", set()),
    ],
)
def test_corpus_officials_of_agency(corpus_db, agency, expected):
    rows = corpus_query(corpus_db, "officials_of_agency", agency=agency)
    found = {(row["name"], row["position"]) for row in rows}
    assert found >= expected if expected else found == expected


def test_corpus_agency_timeline(corpus_db):
    rows = corpus_query(corpus_db, "agency_timeline", agency="bps")
    assert in_order(sources(rows, corpus_db), [
        "kemnaker-sosialisasi-pp-50-2025.html", "se-kepala-bps-sensus-ekonomi-2026.txt",
        "pemkab-sleman-pendataan-umkm.html", "berita-pasar-murah-bekasi.txt"])
    dated = [row["date"] for row in rows if row["date"]]
    # the regency's own statistics office keeps its region and is listed beside the national one
    assert dated == sorted(dated) and {row["agency"] for row in rows} == {
        "Badan Pusat Statistik", "Badan Pusat Statistik Kabupaten Sleman"}
    assert "Badan Pusat Statistik" in rows[0]["sentence"]


def test_corpus_search_finds_each_kind(corpus_db):
    rows = corpus_query(corpus_db, "search", q="iuran")
    assert {"document", "quote", "regulation"} <= {part for row in rows for part in row["found_in"].split(",")}
    assert len({row["document_id"] for row in rows}) == len(rows)


def test_corpus_person_merged_across_documents(corpus_db):
    rows = fetch_json(corpus_db, url("/warta/positions.json", _sort="first_date", _labels="on"))
    suryo = [row for row in rows if row["person_id"]["label"] == "Suryo Adinegoro"]
    assert {row["position"] for row in suryo} == {"Menteri Ketenagakerjaan",
                                                  "Menteri Ketenagakerjaan Republik Indonesia"}
    assert len({row["person_id"]["value"] for row in suryo}) == 1
    (rahmat,) = [row for row in rows if row["person_id"]["label"] == "Rahmat Suryadilaga"]
    assert (rahmat["position"], rahmat["documents"], rahmat["first_date"], rahmat["last_date"]) == (
        "Gubernur Jawa Barat", 2, "2025-10-31", "2025-11-04")


# -- the plugin: document pages, links and drafts ------------------------------------------------


def _document_id(corpus_db: Path, name: str) -> str:
    db = open_db(corpus_db)
    (row,) = db["documents"].rows_where("source like ?", [f"%{name}"])
    db.close()
    return row["id"]


def test_document_page_marks_and_links_every_kind(corpus_db):
    doc_id = _document_id(corpus_db, "kemnaker-sosialisasi-pp-50-2025.html")
    (page,) = fetch(corpus_db, f"/-/warta/doc/{doc_id}")
    assert page.status_code == 200
    html = page.text
    for kind in ("regulation", "agency", "person", "quote", "statement"):
        assert f'<mark class="warta-mark warta-{kind}"' in html, kind
    assert ('title="PP 50 Tahun 2025">PP 50/2025<a class="warta-label" '
            f'href="/warta/regulations/{tilde_encode("pp/2025/50")}">regulasi</a></mark>') in html
    assert 'title="Suryo Adinegoro">Suryo Adinegoro<a class="warta-label" href="/warta/people/' in html
    assert html.count("<mark") == html.count("</mark>")
    assert f'href="/warta/documents/{doc_id}"' in html


def test_missing_document_page_is_404(corpus_db):
    (page,) = fetch(corpus_db, "/-/warta/doc/ffffffffffffffff")
    assert page.status_code == 404


def test_cells_link_to_document_pages_and_regulations(corpus_db):
    doc_id = _document_id(corpus_db, "kemnaker-sosialisasi-pp-50-2025.html")
    table, citing, regulation = fetch(
        corpus_db, f"/warta/documents?id={doc_id}",
        url("/warta/documents_citing", regulation_id="pp/2025/50").replace("_shape=array", ""),
        f"/warta/regulations/{tilde_encode('pp/2025/50')}")
    assert f'<a class="warta-doc" href="/-/warta/doc/{doc_id}">Kemnaker Sosialisasikan' in table.text
    assert f'href="/-/warta/doc/{doc_id}"' in citing.text
    assert 'href="/warta/documents_citing?regulation_id=pp%2F2025%2F50">dokumen yang merujuk</a>' in regulation.text


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([Mark(0, 4, "person")], '<mark class="warta-mark warta-person" data-kind="person">Budi'
                                 '<span class="warta-label">orang</span></mark> &lt;b&gt; kata'),
        ([Mark(0, 4, "person", "/p/1", "Budi")], '<mark class="warta-mark warta-person" data-kind="person" '
                                                 'title="Budi">Budi<a class="warta-label" href="/p/1">orang</a>'
                                                 '</mark> &lt;b&gt; kata'),
        ([], "Budi &lt;b&gt; kata"),
    ],
)
def test_mark_up(marks, expected):
    assert mark_up("Budi <b> kata", marks) == expected


def test_marks_nest_and_crossing_ones_drop():
    quote, person, crossing = Mark(0, 20, "quote"), Mark(5, 9, "person"), Mark(15, 25, "agency")
    assert nest_marks([person, crossing, quote, person]) == [quote, person]
    html = mark_up("x" * 30, [person, quote])
    assert html.index("warta-quote") < html.index("warta-person")
    assert html.endswith("kutipan</span></mark>" + "x" * 10) and html.count("</mark>") == 2


def test_drafts_render_as_html(full_db):
    drafts = full_db.parent / "drafts"
    drafts.mkdir()
    (drafts / "siaran-pers-a.md").write_text("# Judul\n\nIsi **tebal** <script>x</script>\n", encoding="utf-8")
    (drafts / "catatan.txt").write_text("bukan draf", encoding="utf-8")
    listing, draft, other, escape = fetch(full_db, "/-/warta/drafts", "/-/warta/drafts/siaran-pers-a.md",
                                          "/-/warta/drafts/catatan.md", "/-/warta/drafts/..%2Fwarta.md")
    assert list_drafts(drafts) == ["siaran-pers-a.md"]
    assert 'href="/-/warta/drafts/siaran-pers-a.md"' in listing.text
    assert "<h1>Judul</h1>" in draft.text and "<strong>tebal</strong>" in draft.text
    assert "<script>x</script>" not in draft.text
    assert other.status_code == 404 and escape.status_code != 200


def test_drafts_folder_from_settings(full_db, tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "ringkasan.md").write_text("Ringkasan", encoding="utf-8")
    (listing,) = fetch(full_db, "/-/warta/drafts", plugin_config={"drafts_dir": str(folder)})
    assert "ringkasan.md" in listing.text


def test_render_markdown_escapes_html():
    assert render_markdown("a <i>b</i>") == "<p>a &lt;i&gt;b&lt;/i&gt;</p>\n"


def test_plugin_loads_from_a_plugins_dir(full_db, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "warta_plugin.py").symlink_to(Path(datasette_plugin.__file__).resolve())
    pm.unregister(datasette_plugin) if pm.is_registered(datasette_plugin) else None
    try:
        async def run():
            ds = Datasette([str(full_db)], plugins_dir=str(plugins))
            await ds.invoke_startup()
            return await ds.client.get(f"/-/warta/doc/{DOC_ID}"), await ds.client.get("/-/plugins.json")

        page, plugins_json = asyncio.run(run())
    finally:
        if not pm.is_registered(datasette_plugin):
            pm.register(datasette_plugin, name="warta-test")
    assert page.status_code == 200
    assert TITLE in page.text
    assert "warta_plugin.py" in {plugin["name"] for plugin in plugins_json.json()}


@pytest.mark.parametrize(("which", "table"), [("documents_citing", "citations"),
                                               ("quotes_about_regulation", "citations"),
                                               ("regulation_article", "documents")])
def test_regulation_lookups_use_an_index(full_db, which, table):
    """A regulation id is looked up through the index of its column (ids are lower case; a ``collate
    nocase`` comparison would scan every citation)."""
    db = open_db(full_db)
    plan = " ".join(row[3] for row in db.execute(f"explain query plan {QUERIES[which]['sql']}",
                                                 {"regulation_id": "PP/2025/50", "number": "1"}).fetchall())
    db.close()
    assert f"SEARCH {table} USING" in plan and "regulation_id=?" in plan and f"SCAN {table}" not in plan, plan


def test_waiting_quotes_are_found_by_the_speaker_key_index(tmp_path):
    db = open_db(tmp_path / "warta.db")
    plan = " ".join(row[3] for row in db.execute(
        "explain query plan update quotes set person_id = 1 where speaker_key = 'a b' and person_id is null"))
    assert "SEARCH quotes USING" in plan and "speaker_key=?" in plan, plan
    db.close()


def test_an_older_database_gains_speaker_keys(tmp_path):
    path = make_db(tmp_path / "warta.db", [RECORD])
    db = open_db(path)
    assert db.execute("select count(*) from quotes where speaker is not null").fetchone()[0] > 0
    db.execute("drop index idx_quotes_speaker_key_person_id")
    db.execute("alter table quotes drop column speaker_key")
    db.conn.commit()
    db.close()
    db = open_db(path)
    rows = db.execute("select speaker, speaker_key from quotes where speaker is not null").fetchall()
    db.close()
    assert rows and all(key == person_key(speaker) for speaker, key in rows)
