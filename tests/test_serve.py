"""What a journalist sees in Datasette: readable tables, a search that finds word forms, the
dashboard and the drafts page; and `warta serve` as a well-behaved process."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from cli import _is_loopback, cli
from extract import extract_records, render_briefs, render_drafts
from extract.serve import SETTINGS
from extract.serve.metadata import QUERIES, write_metadata
from extract.serve.plugin import bar_chart, draft_group, snippet_html
from extract.store import iter_records, open_db, save_record
from extract.store.query import fts_query, root_of, word_forms

from tests.pages import fetch, send, warta_plugin  # noqa: F401 (warta_plugin is a fixture)

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
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/settings.json", timeout=5) as response:
            assert json.load(response)["sql_time_limit_ms"] == SETTINGS["sql_time_limit_ms"] > 1000
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


# -- read-only, on this machine only -------------------------------------------------------------


def _start(db_path: Path, *options: str) -> tuple[subprocess.Popen, int]:
    """``warta serve`` on ``db_path`` (a free port unless given), once it answers."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--db", str(db_path), "--port", str(port), *options],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    host = options[options.index("--host") + 1] if "--host" in options else "127.0.0.1"
    for _ in range(60):
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode(errors="replace"))
        try:
            with urllib.request.urlopen(f"http://{host}:{port}/-/versions.json", timeout=2):
                return proc, port
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise TimeoutError("warta serve did not answer")


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _listening_on(port: int) -> set[str]:
    """The IPv4 and IPv6 addresses a socket listens on at ``port``, read from /proc/net/tcp{,6}."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:  # four 32-bit words, each in host order
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True), ("0.0.0.0", False),
    ("::", False), ("192.168.1.10", False), ("warta.example", False),
])
def test_is_loopback(host, loopback):
    assert _is_loopback(host) is loopback


def test_serve_documents_its_host_and_read_only(runner):
    result = runner.invoke(cli, ["serve", "-h"])
    assert result.exit_code == 0
    assert "--host" in result.output and "[default:" in result.output and "127.0.0.1]" in result.output
    assert "read-only" in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`warta serve`" in readme and "127.0.0.1 (`--host`" in readme


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from /proc/net/tcp")
def test_serve_listens_on_127_0_0_1_unless_host_says_otherwise(served, tmp_path):
    db_path = tmp_path / "warta.db"
    db_path.write_bytes(served.read_bytes())
    proc, port = _start(db_path)
    try:
        assert _listening_on(port) == {"127.0.0.1"}
    finally:
        _stop(proc)
    proc, port = _start(db_path, "--host", "127.0.0.2")
    try:
        assert _listening_on(port) == {"127.0.0.2"}
    finally:
        _stop(proc)


# Requests that would change the database if Datasette let them through.
WRITES = [
    ("POST", "/warta/search", {"data": {"q": "banjir"}}),
    ("POST", "/warta/documents", {"data": {"title": "x"}}),
    ("POST", "/warta", {"data": {"sql": "delete from documents"}}),
    ("POST", "/warta/documents/-/insert", {"json": {"row": {"id": "x", "source": "x"}}}),
    ("POST", "/warta/-/create", {"json": {"table": "x", "row": {"a": 1}}}),
    ("PUT", "/warta/documents", {}),
    ("PATCH", "/warta/documents", {}),
    ("DELETE", "/warta/documents", {}),
    ("POST", "/-/warta/dashboard", {}),
]
SQL_WRITES = [
    "delete from documents",
    "update documents set title = 'x'",
    "insert into errors (id, source, message) values ('x', 'x', 'x')",
    "with gone as (select id from documents) delete from documents where id in gone",
    "select 1; delete from documents",
    "attach database 'other.db' as other",
    "pragma journal_mode = delete",
    "create table x (a)",
    "drop table errors",
    "vacuum",
]


def test_the_served_database_cannot_be_written_through_datasette(served, tmp_path):
    db_path = tmp_path / "warta.db"
    db_path.write_bytes(served.read_bytes())
    before = _sha256(db_path)
    documents = sqlite3.connect(db_path).execute("select count(*) from documents").fetchone()[0]
    proc, port = _start(db_path)
    statuses = {}
    try:
        for method, path, body in WRITES:
            data = urlencode(body["data"]).encode() if "data" in body else (
                json.dumps(body["json"]).encode() if "json" in body else b"")
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    statuses[(method, path)] = response.status
            except urllib.error.HTTPError as exc:
                statuses[(method, path)] = exc.code
        for sql in SQL_WRITES:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/warta.json?" + urlencode({"sql": sql}),
                                            timeout=10) as response:
                    statuses[sql] = response.status
            except urllib.error.HTTPError as exc:
                statuses[sql] = exc.code
        assert _count(port) == documents  # still serving, everything still there
    finally:
        _stop(proc)
    assert {key: code for key, code in statuses.items() if code < 400} == {}
    assert all(statuses[(method, path)] == 405 for method, path, _ in WRITES)
    assert _sha256(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == documents
        assert conn.execute("select count(*) from errors where id = 'x'").fetchone()[0] == 0


WRITING_QUERY = {"databases": {"warta": {"queries": {"add_error": {
    "sql": "insert into errors (id, source, message) values ('x', :source, 'x')", "write": True}}}}}


def test_a_writable_canned_query_is_refused_by_the_plugin(served, tmp_path):
    db_path = tmp_path / "warta.db"
    db_path.write_bytes(served.read_bytes())
    before = _sha256(db_path)
    response = send(db_path, "POST", "/warta/add_error", metadata=WRITING_QUERY, data={"source": "x"})
    assert response.status_code == 405 and "hanya dapat dibaca" in response.text
    assert _sha256(db_path) == before


def test_serve_refuses_metadata_with_a_writable_canned_query(runner, served, tmp_path):
    db_path = tmp_path / "warta.db"
    db_path.write_bytes(served.read_bytes())
    (tmp_path / "metadata.json").write_text(json.dumps(WRITING_QUERY), encoding="utf-8")
    result = runner.invoke(cli, ["serve", "--db", str(db_path), "--port", str(_free_port())])
    assert result.exit_code == 1
    assert "warta/add_error writes to the database" in result.output and '"write": true' in result.output
