"""Datasette 0.65 serving a Warta database with its metadata: pages, search and canned queries."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette
from datasette.utils import tilde_encode

from extract.metadata import QUERIES, build_metadata, write_metadata
from extract.store import open_db, save_record

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


def fetch(db_path: Path, *paths: str) -> list:
    """Start Datasette on ``db_path`` with its metadata and GET each path."""
    db = open_db(db_path)
    metadata = build_metadata(db)
    db.close()

    async def run():
        ds = Datasette([str(db_path)], metadata=metadata)
        await ds.invoke_startup()
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(run())


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
    assert "One row per document read" in response.text


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
        ("ekosistem", [("quote", DOC_ID)]),
        ("Apresiasi", [("document", DOC_ID)]),
        ("kemiskinan", [("regulation", None)]),
        ("PP 50/2025", [("regulation", None)]),
        ('"', []),
        ("", []),
    ],
)
def test_canned_search(full_db, q, expected):
    rows = fetch_json(full_db, url("/warta/search.json", q=q))
    assert [(row["type"], row["document_id"]) for row in rows] == expected
    assert all("[" in row["snippet"] for row in rows)


def test_canned_search_ranks_by_bm25(tmp_path):
    second = {"id": "aaaa000011112222", "source": "corpus/lain.txt", "title": "Iuran", "kind": "news",
              "text": "Iuran iuran iuran BPJS dibahas lagi."}
    rows = fetch_json(make_db(tmp_path / "warta.db", [RECORD, second]), url("/warta/search.json", q="iuran"))
    assert rows[0]["document_id"] == "aaaa000011112222"
    assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)


@pytest.mark.parametrize(
    ("regulation_id", "expected"),
    [("pp/2025/50", [DOC_ID]), ("SE/2025/6", [DOC_ID]), ("uu/2023/6", []), ("", [])],
)
def test_documents_citing(full_db, regulation_id, expected):
    rows = fetch_json(full_db, url("/warta/documents_citing.json", regulation_id=regulation_id))
    assert [row["id"] for row in rows] == expected


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
        "search", "regulations_most_cited", "documents_citing", "quotes_about_regulation"}
    facets = written["databases"]["warta"]["tables"]
    assert (facets["documents"]["facets"], facets["regulations"]["facets"]) == (["kind", "format"], ["type", "year"])
