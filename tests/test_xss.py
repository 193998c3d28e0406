"""Hostile text stays text: every page Warta serves, opened in Chromium over a database full of XSS payloads.

The database is built by ``warta ingest`` from a folder of files whose names, titles and bodies carry
payloads (an empty one too, so that ``errors`` holds a payload file name), plus records carrying a payload
in every field a page shows (document, regulation, agency, person, quote, statement, abbreviation, section,
relation, PDF table) saved through the store, and drafts written by ``warta draft``. ``warta serve`` serves
it, and headless Chromium opens the index, the database page, every table and view (also searched and
faceted), rows of every table, every canned query with payloads as its parameters, and every page of the
plugin: documents, dashboard, drafts list, every draft and the not-found pages.

Each payload calls ``__hit(name)`` if it runs. A page passes when no payload ran, no element carries an
event handler or a ``javascript:`` link or frame made of a payload, and no script holds one; where a page
shows a field, the payload is there as plain text. Screenshots go to ``tests/artifacts/xss/``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from click.testing import CliRunner

from cli import cli
from extract.serve.metadata import QUERIES
from extract.store import open_db, save_record

from .test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, free_port, wait_until_up

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ARTIFACTS / "xss"

# Each payload, if the browser ran it, calls __hit with its key.
PAYLOADS = {
    "script": "<script>__hit('{k}')</script>",
    "img": "<img src=x onerror=__hit('{k}')>",
    "svg": "\"><svg onload=__hit('{k}')>",
    "single": "' onmouseover='__hit(\"{k}\")' x='",
    "double": "\" autofocus onfocus=\"__hit('{k}')\" x=\"",
    "textarea": "</textarea><script>__hit('{k}')</script>",
    "style": "</style><script>__hit('{k}')</script>",
    "title": "</title><script>__hit('{k}')</script>",
    "iframe": "<iframe srcdoc=\"<script>parent.__hit('{k}')</script>\"></iframe>",
    "js": "javascript:__hit('{k}')",
}


def payload(kind: str, key: str) -> str:
    return PAYLOADS[kind].replace("{k}", key)


def every(key: str) -> str:
    """All payloads in one string, each marked with ``key`` and its kind."""
    return " ".join(payload(kind, f"{key}-{kind}") for kind in PAYLOADS)


# Markdown a draft may carry through from a document: links and raw HTML.
MARKDOWN = ("[klik](javascript:__hit('md-link')) ![g](javascript:__hit('md-img')) <b onclick=__hit('md-html')>b</b> "
            "<script>__hit('md-script')</script>")

FILES = {
    # name -> text; names may not hold "/", so the file-name payloads avoid closing tags.
    "<img src=x onerror=__hit('file-img')>.txt":
        "<img src=x onerror=__hit('file-title')> Pemkot Contoh Tetapkan Siaga Banjir\n\n"
        "JAKARTA - Pemerintah Kota Contoh menetapkan siaga banjir zxqpenanda. " + every("file-body") + "\n\n"
        "\"Warga diminta waspada " + payload("script", "file-quote") + " zxqpenanda,\" kata Wali Kota Contoh "
        "Budi Santoso di Balai Kota, Selasa (27/1/2026). Menurut Peraturan Pemerintah Nomor 50 Tahun 2025 tentang "
        + payload("img", "file-subject") + " warga berhak atas bantuan.\n",
    "\"><svg onload=__hit('file-svg')>.md":
        "# " + payload("svg", "md-title") + " Rapat Koordinasi\n\n" + MARKDOWN + " zxqpenanda\n\n"
        "Kepala Dinas Sosial Kota Contoh, Sri Wahyuni, mengatakan bantuan disalurkan pekan ini.\n",
    "' onmouseover='__hit(1)' x='.html":
        "<html><head><title>&lt;script&gt;__hit('html-title')&lt;/script&gt; Kabar Contoh</title></head>"
        "<body><article><h1>&lt;script&gt;__hit('html-h1')&lt;/script&gt; Kabar Contoh</h1>"
        "<p>Badan Pusat Statistik (BPS) mencatat &lt;img src=x onerror=__hit('html-body')&gt; zxqpenanda "
        "kenaikan harga di Kota Contoh pada bulan ini, dan warga diminta memantau pengumuman resmi.</p>"
        "<p>Javascript tertulis: javascript:__hit('html-js') di teks.</p></article></body></html>",
    "<textarea><b onclick=__hit('empty')>.txt": "",
}


class Text:
    """A record's text built piece by piece, with the offsets of the pieces kept."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str) -> dict:
        start = len(self.text)
        self.text += piece
        return {"start": start, "end": len(self.text), "text": piece}


def hostile_record(n: int) -> dict:
    """A record with a payload in every field the pages show."""
    key = f"r{n}"
    text = Text()
    text.add(f"{every(key + '-text')} zxqpenanda\n")
    reg_mention = text.add(f"PP {payload('svg', key + '-mention')} Nomor 9{n}")
    text.add(" ")
    agency_mention = text.add(f"Dinas {payload('img', key + '-agency-mention')}")
    text.add(" ")
    person_mention = text.add(f"Anwar {payload('script', key + '-person-mention')} Hakim")
    text.add(" ")
    quote = text.add(f"\"{payload('textarea', key + '-quote')} zxqpenanda\"")
    text.add(" ")
    statement = text.add(f"bahwa {payload('double', key + '-statement')}")
    text.add(" ")
    abbreviation = text.add(f"XSS ({payload('single', key + '-abbr')})")
    text.add("\n")
    section = text.add(f"Pasal 1 {payload('title', key + '-section')}")
    text.add("\n")
    own = {"id": f"perda/2026/{n}\"><svg onload=__hit('{key}-own-id')>", "type": "PERDA", "number": f"{n}",
           "year": 2026, "issuer": payload("img", key + "-issuer"), "subject": payload("script", key + "-own-subject"),
           "uri": payload("js", key + "-uri"), "form": payload("svg", key + "-form"),
           "heading": payload("style", key + "-heading"), "set_place": payload("single", key + "-place"),
           "signatories": [{"name": payload("img", key + "-signer"), "position": "Wali Kota"}],
           "keywords": [payload("script", key + "-keyword")],
           "gazettes": [{"series": "LD", "name": payload("img", key + "-gazette"), "year": 2026, "number": "1"}]}
    cited = {"id": f"pp/2025/9{n}<script>__hit('{key}-cited-id')</script>", "type": "PP", "number": f"9{n}",
             "year": 2025, "issuer": payload("double", key + "-cited-issuer"),
             "subject": payload("img", key + "-cited-subject"), "basis": True, "mentions": [reg_mention]}
    speaker = f"Anwar {payload('script', key + '-speaker')} Hakim"
    return {
        "id": f"{key}".ljust(16, "x") if n == 0 else f"{key}\"><svg onload=__hit('{key}-doc-id')>",
        "source": f"tmp/{payload('img', key + '-source')}/{payload('js', key + '-source-js')}.txt",
        "format": "txt", "kind": "regulation", "title": f"{payload('title', key + '-doc-title')} {every(key + '-t')}",
        "date": "2026-01-0" + str(n + 1), "event_date": None, "text": text.text,
        "regulation": own,
        "signatory": {"name": payload("img", key + "-signatory"), "position": payload("svg", key + "-sig-pos")},
        "regulations": [cited],
        "relations": [{"from": own["id"], "relation": "amends", "to": cited["id"], "ordinal": 1,
                       "article": payload("img", key + "-article"), **reg_mention}],
        "officials": [{"name": speaker, "position": f"Kepala {payload('svg', key + '-position')}",
                       "agency": payload("img", key + "-official-agency"), "mentions": [person_mention]}],
        "persons": [],
        "agencies": [{"name": f"Dinas {payload('img', key + '-agency-mention')}", "acronym": payload("svg", key + "-acr"),
                      "aliases": [payload("script", key + "-alias")], "category": payload("double", key + "-cat"),
                      "mentions": [agency_mention]}],
        "quotes": [{"speaker": speaker, **quote}],
        "statements": [{"speaker": speaker, **statement}],
        "abbreviations": [{"short": "XSS", "long": payload("single", key + "-abbr"), **{
            k: abbreviation[k] for k in ("start", "end")}}],
        "sections": [{"heading": payload("title", key + "-section"), "kind": "pasal", "number": "1", "page": 1,
                      **{k: section[k] for k in ("start", "end")}}],
        "tables": [{"page": 1, "index": 0, "caption": payload("script", key + "-caption"),
                    "header": [payload("img", key + "-th"), "Kode"],
                    "rows": [[payload("svg", key + "-td"), payload("textarea", key + "-td2")]]}],
        "references": [], "places": [], "entities": [], "warnings": [payload("img", key + "-warning")],
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """``(base URL, database path, sha256 before)`` of ``warta serve`` over the hostile database."""
    folder = tmp_path_factory.mktemp("xss")
    docs = folder / "docs"
    docs.mkdir()
    for name, text in FILES.items():
        (docs / name).write_text(text, encoding="utf-8")
    db_path = folder / "warta.db"
    runner = CliRunner()
    ingested = runner.invoke(cli, ["ingest", str(docs), "--db", str(db_path), "--no-ocr"])
    assert ingested.exit_code == 2, ingested.output  # the empty file fails, the others are stored
    db = open_db(db_path)
    for n in range(2):
        assert save_record(db, hostile_record(n)) == "added"
    db.close()
    drafted = runner.invoke(cli, ["draft", "--db", str(db_path)])
    assert drafted.exit_code == 0, drafted.output
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--db", str(db_path), "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/-/versions.json", process)
        yield base, db_path
    finally:
        process.terminate()
        process.wait(timeout=10)


# In the page: whatever a payload would have left behind, running or not.
_BREACHES = """() => {
  const found = [];
  for (const node of document.querySelectorAll('*')) {
    for (const attr of node.attributes) {
      const value = attr.value || '';
      if (attr.name.startsWith('on') && value.includes('__hit')) found.push(node.tagName + ' ' + attr.name);
      if (['href', 'src', 'action', 'formaction', 'data'].includes(attr.name)
          && value.replace(/\\s/g, '').toLowerCase().startsWith('javascript:')) found.push(node.tagName + ' ' + value);
      if (attr.name === 'srcdoc') found.push(node.tagName + ' srcdoc');
    }
    if (node.tagName === 'SCRIPT' && node.textContent.includes('__hit')) found.push('script ' + node.textContent.slice(0, 80));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def browser_page():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.set_default_timeout(15_000)
        tab.add_init_script("window.__hits = []; window.__hit = function (key) { window.__hits.push(String(key)); };")
        fired: list[str] = []
        tab.on("dialog", lambda dialog: (fired.append("dialog " + dialog.message), dialog.dismiss()))
        tab.on("pageerror", lambda error: fired.append("error " + str(error)))
        yield tab, fired
        browser.close()


def _table_names(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        return [row[0] for row in conn.execute(
            "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' order by name")]


def _row_paths(db_path: Path) -> list[str]:
    """Row pages: every row of each table holding a payload (a few of each), and the first row of every table."""
    db = open_db(db_path)
    paths = []
    for table in db.table_names():
        if table.startswith(("sqlite_", "_")) or "_fts" in table:
            continue
        pks = db[table].pks
        select = ", ".join(f"[{pk}]" for pk in pks)
        text_columns = [c.name for c in db[table].columns if c.type in ("TEXT", "")]
        where = " or ".join(f"[{c}] like '%__hit%'" for c in text_columns) or "0"
        rows = list(db.query(f"select {select} from [{table}] where {where} limit 4"))
        rows += list(db.query(f"select {select} from [{table}] limit 1"))
        for row in {tuple(row.values()) for row in rows}:
            key = ",".join(_tilde(str(value)) for value in row)
            paths.append(f"/warta/{_tilde(table)}/{key}")
    db.close()
    return sorted(paths)


def _tilde(value: str) -> str:
    from datasette.utils import tilde_encode
    return tilde_encode(value)


def _page_paths(db_path: Path) -> list[tuple[str, int]]:
    """Every page to open, with the status it should answer."""
    hostile_q = payload("script", "q") + " zxqpenanda"
    pages = [("/", 200), ("/warta", 200), ("/-/warta/dashboard", 200), ("/-/warta/drafts", 200),
             ("/warta?" + urlencode({"sql": "select '" + payload("img", "sql").replace("'", "''") + "' as x"}), 200),
             ("/-/warta/doc/" + quote(payload("img", "missing-doc"), safe=""), 404),
             ("/-/warta/drafts/" + quote(payload("img", "missing-draft"), safe="") + ".md", 404)]
    for table in _table_names(db_path):
        pages.append((f"/warta/{_tilde(table)}", 200))
    for table in ("documents", "quotes", "regulations", "people", "agencies", "statements"):
        pages.append((f"/warta/{table}?" + urlencode({"_search": hostile_q}), 200))
        pages.append((f"/warta/{table}?" + urlencode({"_search": "zxqpenanda"}), 200))
    pages.append(("/warta/documents?_facet=source&_facet=title", 200))
    pages.append(("/warta/officials?_facet=name&_facet=position&_facet=agency", 200))
    pages += [(path, 200) for path in _row_paths(db_path)]
    for name, query in QUERIES.items():
        params = sorted({part[1:] for part in re.findall(r":[a-z_]+", query["sql"])})
        values = [{param: hostile_q for param in params}]
        if name == "search":
            values += [{"q": "zxqpenanda"}, {"q": "onerror"}, {"q": "script"}]
        for value in values:
            pages.append((f"/warta/{name}" + ("?" + urlencode(value) if value else ""), 200))
    with sqlite3.connect(db_path) as conn:
        ids = [row[0] for row in conn.execute("select id from documents order by id")]
    pages += [("/-/warta/doc/" + _tilde(document_id), 200) for document_id in ids]
    drafts = db_path.parent / "drafts"
    for path in sorted(drafts.rglob("*.md")):
        pages.append(("/-/warta/drafts/" + "/".join(quote(part, safe="") for part in path.relative_to(drafts).parts),
                      200))
    return pages


def _visit(page, fired: list[str], url: str, status: int) -> tuple[str, list[str]]:
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)
    page.wait_for_timeout(30)  # a moment for onload and onerror handlers
    breaches = page.evaluate(_BREACHES)
    hits = page.evaluate("window.__hits")
    problems = [*hits, *breaches, *fired]
    fired.clear()
    return page.inner_text("body"), problems


def test_every_page_keeps_every_payload_inert(hostile, browser_page):
    base, db_path = hostile
    page, fired = browser_page
    pages = _page_paths(db_path)
    assert len(pages) >= 150, len(pages)
    failures = {}
    texts = {}
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    (SHOTS / "pages.txt").write_text("".join(f"{status} {path}\n" for path, status in pages), encoding="utf-8")
    for n, (path, status) in enumerate(pages):
        text, problems = _visit(page, fired, base + path, status)
        texts[path] = text
        if problems:
            failures[path] = problems
        if n % 10 == 0 or path.startswith(("/-/warta/doc/r0", "/warta/search?q=zxq", "/-/warta/drafts/",
                                           "/-/warta/dashboard", "/warta/regulations/perda", "/warta/documents?")):
            slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:60] or "index"
            page.screenshot(path=str(SHOTS / f"{n:03d}-{slug}.png"), full_page=False)
    assert not failures, json.dumps(failures, indent=1)[:4000]

    # The payloads are there, as text, where the fields are shown.
    def shown(path: str, *needles: str) -> None:
        for needle in needles:
            assert needle in texts[path], (path, needle, texts[path][:2000])

    doc = "/-/warta/doc/" + _tilde(hostile_record(0)["id"])
    shown(doc, payload("title", "r0-doc-title"), payload("script", "r0-text-script"), payload("img", "r0-th"),
          payload("svg", "r0-td"), payload("script", "r0-caption"), payload("img", "r0-signatory"))
    search = "/warta/search?" + urlencode({"q": "zxqpenanda"})
    shown(search, payload("title", "r0-doc-title"), "zxqpenanda")
    assert "__hit('r0-text-script')" in texts[search] or "__hit('file-body-script')" in texts[search]
    shown("/warta/people", "Anwar " + payload("script", "r0-speaker") + " Hakim")
    shown("/warta/agencies", payload("svg", "r1-acr"))
    shown("/warta/regulations", payload("script", "r0-own-subject"), payload("img", "r1-cited-subject"))
    shown("/warta/quotes", payload("textarea", "r0-quote"))
    shown("/warta/errors", "<textarea><b onclick=__hit('empty')>.txt")
    shown("/warta/documents", "<img src=x onerror=__hit('file-img')>.txt")
    drafts = [path for path in texts if path.startswith("/-/warta/drafts/") and "r0" in path]
    assert drafts and any(payload("title", "r0-doc-title") in texts[path] for path in drafts)
    md_drafts = [path for path in texts if path.startswith("/-/warta/drafts/") and "svg" in path]
    assert md_drafts


def test_markdown_in_drafts_renders_no_links_to_script_and_no_raw_html():
    from extract.serve.plugin import render_markdown

    html = str(render_markdown(MARKDOWN + "\n\n" + every("md")))
    assert 'href="javascript' not in html and 'src="javascript' not in html
    assert "[klik](javascript:__hit('md-link'))" in html  # left as text, not made a link
    assert "<script" not in html and "<img" not in html and "<b " not in html and "<svg" not in html
    assert "&lt;script&gt;" in html and "&lt;b onclick=" in html
