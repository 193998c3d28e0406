"""The knowledge base in a real browser: search, a regulation, a citing document, a PDF's tables,
the documents table, the drafts page and the dashboard.

Starts ``datasette serve`` (live, not immutable) on a free local port with Warta's metadata and
plugin over a database built from corpus/ plus three short records written here (each says one
form of "banjir") and one real PDF with tables (reg-22, when ../shared/data is there), with the
drafts beside it, and drives Debian's Chromium with Playwright.
Skipped where either is missing. Leaves screenshots in tests/artifacts/.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extract import extract_records, render_briefs, render_drafts
from extract.serve.metadata import write_metadata
from extract.store import iter_records, open_db, save_record

from .regulation_pdfs import PDFS

playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REGULATION = "pp/2025/50"
TABLED = PDFS / "reg-22.pdf"  # a circular with code tables on its Lampiran pages; it revokes an earlier one
FORMS = {
    "Warga Kampung Contoh kebanjiran": "Warga Kampung Contoh kebanjiran setelah hujan deras semalam di tepi kali.",
    "Pasar Contoh dibanjiri pembeli": "Pasar Contoh dibanjiri pembeli menjelang hari raya tahun ini.",
    "Jalan desa tertutup longsor": "Jalan desa tertutup longsor, siaga darurat ditetapkan camat.",
}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"datasette exited: {process.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"datasette did not answer on {url}")


def form_record(n: int, title: str, text: str) -> dict:
    return {"id": f"f0{n}".ljust(16, "0"), "source": f"tests/bentuk-{n}.txt", "format": "txt", "title": title,
            "kind": "news", "text": text, "date": f"2026-01-0{n + 1}", "event_date": None, "regulation": None,
            "signatory": None, "regulations": [], "officials": [], "agencies": [], "quotes": []}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real `datasette serve` on a corpus database with drafts beside it; yields its base URL."""
    folder = tmp_path_factory.mktemp("served")
    db_path = folder / "warta.db"
    db = open_db(db_path)
    for outcome in extract_records([str(ROOT / "corpus")], ocr=False, with_text=True):
        if outcome.record is not None:
            save_record(db, outcome.record)
    for n, (title, text) in enumerate(FORMS.items()):
        save_record(db, form_record(n, title, text))
    if TABLED.exists():
        for outcome in extract_records([str(TABLED)], ocr=False, with_text=True):
            save_record(db, outcome.record)
    render_drafts(list(iter_records(db)), folder / "drafts")
    render_briefs(db, folder / "drafts")
    db.close()
    metadata = write_metadata(db_path, folder / "metadata.json")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/-/versions.json", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def page():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.set_default_timeout(10_000)
        yield tab
        browser.close()


def shoot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / name
    page.screenshot(path=str(shot), full_page=full_page)
    assert shot.stat().st_size > 10_000
    return shot


def test_search_finds_word_forms_with_highlights(server, page):
    page.goto(f"{server}/warta")
    page.get_by_role("link", name="Cari dokumen, kutipan, dan regulasi").first.click()
    page.fill('input[name="q"]', "banjir")
    page.locator('form input[type="submit"]').first.click()
    page.wait_for_url("**/warta/search?*q=banjir*")
    results = page.locator("table.rows-and-columns tbody")
    text = results.inner_text()
    assert "Warga Kampung Contoh kebanjiran" in text and "Pasar Contoh dibanjiri pembeli" in text
    assert "Jalan desa tertutup longsor" not in text
    assert "\u27e6" not in text and "[" not in text
    assert results.locator("mark.warta-hit").count() >= 3
    colour = results.locator("mark.warta-hit").first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert colour == "rgb(255, 229, 138)"
    assert page.locator("textarea").count() == 0  # the SQL is hidden
    shoot(page, "search-page.png")


def test_search_regulation_citing_document_highlights(server, page):
    page.goto(f"{server}/warta/search?q=PP+50%2F2025")
    page.locator('a[href$="/warta/regulations/pp~2F2025~2F50"]').first.click()
    page.wait_for_url("**/warta/regulations/pp~2F2025~2F50")
    assert REGULATION in page.locator("h1").inner_text() or REGULATION in page.content()

    page.get_by_role("link", name="dokumen yang merujuk").first.click()
    page.wait_for_url("**/warta/documents_citing?*")
    page.locator("a.warta-doc").first.click()
    page.wait_for_url("**/-/warta/doc/*")

    marks = page.locator("div.warta-text mark.warta-mark")
    kinds = set(marks.evaluate_all("nodes => nodes.map(node => node.dataset.kind)"))
    assert {"regulation", "agency", "person", "quote"} <= kinds
    regulation_label = page.locator('div.warta-text mark.warta-regulation a.warta-label[href$="pp~2F2025~2F50"]')
    assert regulation_label.count() >= 1
    colour = page.locator("div.warta-text mark.warta-regulation").first.evaluate(
        "node => getComputedStyle(node).backgroundColor")
    assert colour == "rgb(255, 129, 151)"
    assert "Jenis" in page.locator("table.warta-meta").inner_text()

    page.locator("div.warta-text mark.warta-quote").first.scroll_into_view_if_needed()
    shoot(page, "document-page.png", full_page=False)

    regulation_label.first.click()
    page.wait_for_url("**/warta/regulations/pp~2F2025~2F50")


def test_documents_table_is_short_and_readable(server, page):
    page.goto(f"{server}/warta/documents")
    header = page.locator("table.rows-and-columns thead").inner_text()
    assert "title" in header and "kind" in header
    for hidden in ("th.col-text", "th.col-record", "th.col-id"):
        assert not page.locator(hidden).first.is_visible()
    cells = page.locator("table.rows-and-columns tbody").inner_text()
    assert "siaran pers" in cells and "press_release" not in cells
    assert "siaran pers" in page.locator(".facet-info").first.inner_text() or "siaran pers" in page.content()
    height = page.evaluate("document.documentElement.scrollHeight")
    shoot(page, "documents-table.png")
    assert height < 3000, height


def test_drafts_page_lists_groups_and_opens_a_draft(server, page):
    page.goto(f"{server}/-/warta/drafts")
    headings = page.locator("section.warta-drafts-group h2").all_inner_texts()
    for label in ("Siaran pers", "Catatan pemberitaan", "Ringkasan", "Brief regulasi", "Profil pejabat"):
        assert any(heading.startswith(label) for heading in headings), headings
    assert "SIARAN PERS" not in page.locator("#siaran-pers").inner_text()
    shoot(page, "drafts-page.png", full_page=False)
    page.locator("#siaran-pers a", has_text="Pemprov Jabar Tetapkan").first.click()
    page.wait_for_url("**/-/warta/drafts/*siaran-pers.md")
    assert page.locator("article.warta-draft h1").inner_text().startswith("Pemprov Jabar Tetapkan")
    assert "BANDUNG, 4 November 2025" in page.locator("article.warta-draft").inner_text()
    shoot(page, "draft-page.png", full_page=False)
    missing = page.goto(f"{server}/-/warta/drafts/tidak-ada.siaran-pers.md")
    assert missing.status == 404
    assert "Tidak ditemukan" in page.locator("h1").inner_text()


def test_dashboard_draws_charts_without_fetching_anything(server, page):
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(server) else outside.append(request.url))
    page.goto(f"{server}/-/warta/dashboard")
    charts = page.locator(".warta-chart svg")
    assert charts.count() == 5
    for key in ("citations_per_month", "most_cited", "per_agency", "per_kind", "quotes_per_official"):
        assert page.locator(f"#{key} svg rect").count() >= 1, key
    assert outside == []
    shoot(page, "dashboard.png")


def test_pdf_tables_on_the_document_page_and_status_on_the_regulation_page(server, page):
    if not TABLED.exists():
        pytest.skip(f"{TABLED} is not there")
    page.goto(f"{server}/warta/documents?_search=Remarks")
    page.locator("a.warta-doc").first.click()
    page.wait_for_url("**/-/warta/doc/*")
    page.get_by_role("link", name="tabel dari PDF").click()
    section = page.locator("section#tabel")
    assert section.is_visible()
    tables = section.locator("table.warta-pdf-table")
    assert tables.count() >= 20
    codes = section.locator('table.warta-pdf-table[data-page="3"]')
    assert codes.locator("thead th").all_inner_texts() == ["Digit pada Kolom Remarks2", "Kode", "Keterangan"]
    assert codes.locator("tbody tr").first.locator("td").all_inner_texts() == [
        "1 dan 2", "--", "Tidak ada tindakan korporasi"]
    border = codes.locator("td").first.evaluate("node => getComputedStyle(node).borderTopStyle")
    assert border == "solid"
    assert "Halaman 3" in section.locator("figure#tabel-3-0 figcaption").inner_text()
    section.locator("figure#tabel-3-0").scroll_into_view_if_needed()
    shoot(page, "document-tables.png", full_page=False)

    page.locator("table.warta-meta a").first.click()  # the circular's own regulation row
    page.wait_for_url("**/warta/regulations/*")
    relation = page.locator("div.warta-relation").first
    assert relation.inner_text().startswith("Mencabut: SE-00003/BEI/01-2021")
    relation.locator("a").click()
    page.wait_for_url("**/warta/regulations/*")
    status = page.locator("div.warta-status-dicabut")
    assert status.inner_text() == "Status: dicabut oleh SE-00013/BEI.POP/04-2021"
    shoot(page, "regulation-status.png", full_page=False)
