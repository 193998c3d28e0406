"""The knowledge base in a real browser: search, a regulation, a citing document, its highlights.

Starts ``datasette serve --immutable`` on a free local port with Warta's metadata and
plugin (from a plugins folder) over a database built from corpus/, and drives Debian's
Chromium with Playwright. Skipped where either is missing. Leaves a screenshot of the
document page in tests/artifacts/.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extract import extract_records
from extract.serve import plugin as datasette_plugin
from extract.serve.metadata import write_metadata
from extract.store import open_db, save_record

playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REGULATION = "pp/2025/50"

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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real `datasette serve` on a corpus database; yields its base URL."""
    folder = tmp_path_factory.mktemp("served")
    db_path = folder / "warta.db"
    db = open_db(db_path)
    for outcome in extract_records([str(ROOT / "corpus")], ocr=False, with_text=True):
        if outcome.record is not None:
            save_record(db, outcome.record)
    db.close()
    metadata = write_metadata(db_path, folder / "metadata.json")
    plugins = folder / "plugins"
    plugins.mkdir()
    (plugins / "warta_plugin.py").symlink_to(Path(datasette_plugin.__file__).resolve())
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "--immutable", str(db_path), "--metadata", str(metadata),
         "--plugins-dir", str(plugins), "--host", "127.0.0.1", "--port", str(port)],
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


def test_search_regulation_citing_document_highlights(server, page):
    page.goto(f"{server}/warta")
    page.get_by_role("link", name="Search documents, quotes and regulations").first.click()
    page.fill('input[name="q"]', "PP 50/2025")
    page.locator('form input[type="submit"]').first.click()
    page.wait_for_url("**/warta/search?*q=PP*")

    page.locator('a[href$="/warta/regulations/pp~2F2025~2F50"]').first.click()
    page.wait_for_url("**/warta/regulations/pp~2F2025~2F50")
    assert REGULATION in page.locator("h1").inner_text() or REGULATION in page.content()

    page.get_by_role("link", name="documents citing it").first.click()
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

    page.locator("div.warta-text mark.warta-quote").first.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "document-page.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000

    regulation_label.first.click()
    page.wait_for_url("**/warta/regulations/pp~2F2025~2F50")
