"""What a journalist sees in Datasette: readable tables, a search that finds word forms, the
dashboard and the drafts page; and `warta serve` as a well-behaved process."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from cli import cli
from extract import extract_records, render_briefs, render_drafts
from extract.serve.metadata import QUERIES, write_metadata
from extract.serve.plugin import bar_chart, draft_group, snippet_html
from extract.store import iter_records, open_db, save_record
from extract.store.query import fts_query, root_of, word_forms

from tests.pages import fetch, warta_plugin  # noqa: F401 (warta_plugin is a fixture)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# Short records written for these tests: each says one form of "banjir" only.
FORMS = {
    "forms-kebanjiran": "Warga Kampung Contoh kebanjiran setelah hujan deras semalam di tepi kali.",
    "forms-dibanjiri": "Pasar Contoh dibanjiri pembeli menjelang hari raya tahun ini.",
    "forms-longsor": "Jalan desa tertutup longsor, siaga darurat ditetapkan camat.",
}


def form_record(key: str, text: str) -> dict:
    return {"id": f"{key:0<16}"[:16], "source": f"tests/{key}.txt", "format": "txt", "title": key, "kind": "news",
            "text": text, "date": None, "event_date": None, "regulation": None, "signatory": None,
            "regulations": [], "officials": [], "agencies": [], "quotes": []}


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    """The corpus plus the word-form records, with drafts beside the database."""
    path = tmp_path_factory.mktemp("served") / "warta.db"
    db = open_db(path)
    for outcome in extract_records([str(CORPUS)], ocr=False, with_text=True):
        if outcome.record is not None:
            save_record(db, outcome.record)
    for key, text in FORMS.items():
        save_record(db, form_record(key, text))
    render_drafts(list(iter_records(db)), path.parent / "drafts", formats=["md"])
    render_briefs(db, path.parent / "drafts", formats=["md"])
    db.close()
    return path


def search(db_path: Path, q: str) -> list[dict]:
    (response,) = fetch(db_path, "/warta/search.json?" + urlencode({"q": q, "_shape": "array"}))
    assert response.status_code == 200, response.text
    return response.json()


def titles(rows: list[dict]) -> set[str]:
    return {row["title"] for row in rows}


# -- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "root"), [
    ("kebanjiran", "banjir"), ("dibanjiri", "banjir"), ("membanjiri", "banjir"), ("menanam", "tanam"),
    ("menyapu", "sapu"), ("pengiriman", "kirim"), ("pemkot", "pemkot"), ("banjir", "banjir"), ("BPJS", "bpjs"),
])
def test_root_of(word, root):
    assert root_of(word) == root


def test_word_forms_reach_prefixed_forms():
    forms = word_forms("banjir")
    assert {"banjir", "kebanjir", "dibanjir", "membanjir"} <= set(forms)
    assert word_forms("PP") == ["pp"] and word_forms("2025") == ["2025"]


@pytest.mark.parametrize("typed", ['"', "AND", "OR", "(", "*", "NEAR(a b)", "col:x", "", "“kutip”", 'a "b', "OR OR x"])
def test_fts_query_never_passes_syntax_through(served, typed):
    assert isinstance(search(served, typed), list)
    assert fts_query(typed).count('"') % 2 == 0


@pytest.mark.parametrize(("q", "found", "not_found"), [
    ("banjir", {"forms-kebanjiran", "forms-dibanjiri"}, {"forms-longsor"}),
    ("kebanjiran", {"forms-kebanjiran"}, {"forms-longsor"}),
    ("banjir OR longsor", {"forms-kebanjiran", "forms-longsor"}, set()),
    ('"siaga darurat" longsor', {"forms-longsor"}, {"forms-kebanjiran"}),
    ('"darurat siaga"', set(), {"forms-longsor"}),
])
def test_search_finds_forms_or_and_phrases(served, q, found, not_found):
    hits = titles(search(served, q))
    assert found <= hits and not (not_found & hits)


@pytest.mark.parametrize(("q", "source"), [
    ("PP 50/2025", "bpjs-ketenagakerjaan-relaksasi-iuran-bpu.txt"),
    ("Permenaker 5/2021", "bpjs-ketenagakerjaan-relaksasi-iuran-bpu.txt"),
    ("UU 22/2009", "polres-jaksel-operasi-zebra.md"),
])
def test_a_regulation_typed_as_people_write_it(served, q, source):
    rows = search(served, q)
    db = open_db(served)
    by_id = {row["id"]: Path(row["source"]).name for row in db["documents"].rows}
    db.close()
    assert source in {by_id[row["document_id"]] for row in rows}
    assert rows[0]["regulation_id"] and "regulation" in rows[0]["found_in"]
    assert len({row["document_id"] for row in rows}) == len(rows)  # one row per document


def test_search_page_shows_highlights_not_brackets_or_sql(served):
    (page,) = fetch(served, "/warta/search?q=banjir")
    assert page.status_code == 200
    results = page.text.split("<tbody>")[1]
    assert '<mark class="warta-hit">' in results
    assert "\u27e6" not in results and "bm25" not in results and "<textarea" not in page.text
    assert "Cari dokumen" in page.text


def test_every_canned_query_hides_its_sql_and_has_an_indonesian_title():
    assert all(query.get("hide_sql") for query in QUERIES.values())
    assert not {"Search", "Most cited regulations"} & {query["title"] for query in QUERIES.values()}


def test_snippet_html_escapes_and_marks():
    assert snippet_html("<b> \u27e6banjir\u27e7") == '&lt;b&gt; <mark class="warta-hit">banjir</mark>'


# -- tables -------------------------------------------------------------------------------------


def test_documents_table_reads_as_words_and_hides_long_columns(served):
    page, css = fetch(served, "/warta/documents", "/-/warta/warta.css")
    cells = page.text.split("<tbody>")[1]
    assert ">siaran pers<" in cells and ">press_release<" not in cells
    assert '"press_release": "siaran pers"' in page.text  # the facet is relabelled in the page
    assert "/-/warta/warta.css" in page.text
    for column in ("text", "record", "id"):
        assert f"body.table-documents td.col-{column}" in css.text


# -- drafts and dashboard -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "group"), [
    ("a.siaran-pers.md", "siaran-pers"), ("a.catatan.md", "catatan"), ("a.b.ringkasan.md", "ringkasan"),
    ("regulasi/pp-2025-50.md", "regulasi"), ("pejabat/nama.md", "pejabat"),
])
def test_draft_group(name, group):
    assert draft_group(name) == group


def test_drafts_page_groups_every_draft_and_opens_each(served):
    listing, brief, release, missing, outside = fetch(
        served, "/-/warta/drafts", "/-/warta/drafts/regulasi/pp-2025-50.md",
        "/-/warta/drafts/pemprov-jabar-siaga-banjir.siaran-pers.md", "/-/warta/drafts/tidak-ada.md",
        "/-/warta/drafts/regulasi/..%2F..%2Fwarta.db.md")
    assert listing.status_code == 200
    for label in ("Siaran pers", "Catatan pemberitaan", "Ringkasan", "Brief regulasi", "Profil pejabat"):
        assert f"<h2>{label} " in listing.text
    assert "Pemprov Jabar Tetapkan Status Siaga Darurat" in listing.text
    assert brief.status_code == 200 and "Peraturan Pemerintah Nomor 50 Tahun 2025" in brief.text
    assert release.status_code == 200 and "<h1>Pemprov Jabar Tetapkan" in release.text
    assert missing.status_code == 404 and "Tidak ditemukan" in missing.text
    assert outside.status_code != 200


def test_dashboard_draws_every_chart_offline(served):
    (page,) = fetch(served, "/-/warta/dashboard")
    assert page.status_code == 200
    for caption in ("Rujukan regulasi per bulan", "Regulasi paling sering dirujuk", "Dokumen per instansi",
                    "Dokumen per jenis", "Kutipan per pejabat"):
        assert caption in page.text
    assert page.text.count('<svg role="img"') == 5 and "siaran pers" in page.text
    assert "cdn" not in page.text.lower() and 'src="http' not in page.text


def test_bar_chart_scales_to_the_largest_value():
    svg = bar_chart("Contoh", [("a", 4), ("b", 2)], width=500)
    widths = [float(part.split('"')[0]) for part in str(svg).split('width="')[2:]]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert "Belum ada data" in bar_chart("Kosong", [])


# -- warta serve ---------------------------------------------------------------------------------


def test_write_metadata_never_overwrites_a_users_file(served, tmp_path):
    db_path = tmp_path / "warta.db"
    db_path.write_bytes(served.read_bytes())
    users = tmp_path / "metadata.json"
    users.write_text(json.dumps({"title": "Meja Redaksi", "databases": {"warta": {"source": "Humas"}}}))
    written = write_metadata(db_path, users)
    assert written == tmp_path / "warta-metadata.json"
    assert json.loads(users.read_text()) == {"title": "Meja Redaksi", "databases": {"warta": {"source": "Humas"}}}
    merged = json.loads(written.read_text())
    assert merged["title"] == "Meja Redaksi" and merged["databases"]["warta"]["source"] == "Humas"
    assert "search" in merged["databases"]["warta"]["queries"]
    assert write_metadata(db_path, written) == written  # Warta's own file is rewritten in place


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_on_a_port_in_use_is_one_clear_error(runner, served):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--db", str(served), "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.output and "--port" in result.output
    assert "Traceback" not in result.output


def _count(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/warta.json?sql=select+count(*)+as+n+from+documents"
                                    "&_shape=array", timeout=2) as response:
            return json.loads(response.read())[0]["n"]
    except OSError:
        return None


def test_serve_sees_an_ingest_and_stops_on_sigterm(served, tmp_path):
    db_path = tmp_path / "warta.db"
    db_path.write_bytes(served.read_bytes())
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--db", str(db_path), "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        before = None
        for _ in range(60):
            before = _count(port)
            if before is not None:
                break
            time.sleep(0.5)
        assert before is not None, "Datasette did not answer"
        db = open_db(db_path)
        save_record(db, form_record("forms-baru", "Kabar baru yang masuk ketika Datasette sudah berjalan."))
        db.close()
        assert _count(port) == before + 1  # not immutable: the new document is seen at once
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        with socket.socket() as probe:  # nothing is left listening on the port
            assert probe.connect_ex(("127.0.0.1", port)) != 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
