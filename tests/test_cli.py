"""The command line, end to end, on real files: output shape, error messages and exit codes."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cli import EXIT_PARTIAL, cli
from tests.conftest import ROOT, read_jsonl

CONTRACT_KEYS = {"id", "source", "format", "kind", "title", "date", "event_date", "regulation", "signatory",
                 "regulations", "officials", "agencies", "quotes"}

RELEASE = """Pemkab Contoh Gelar Vaksinasi Gratis

Pemerintah Kabupaten (Pemkab) Contoh menggelar vaksinasi gratis di Balai Desa Sukamaju, Kamis (5/3/2026).
Kepala Dinas Kesehatan Kabupaten Contoh, Ratih Wulandari mengatakan kegiatan ini menjalankan Peraturan Bupati
Contoh Nomor 3 Tahun 2026 tentang Layanan Kesehatan Keliling.
"Kami menargetkan seribu warga mendapat vaksin pekan ini," ujarnya.
"""


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "rilis.txt"
    path.write_text(RELEASE, encoding="utf-8")
    return path


def test_extract_prints_one_contract_record_per_document(runner, good):
    result = runner.invoke(cli, ["extract", str(good)])
    assert result.exit_code == 0, result.output
    records = read_jsonl(result.stdout)
    assert len(records) == 1
    record = records[0]
    assert CONTRACT_KEYS <= set(record)
    assert record["source"] == str(good)
    assert record["event_date"] == "2026-03-05"
    assert [(r["type"], r["number"], r["year"]) for r in record["regulations"]] == [("PERBUP", "3", 2026)]
    assert record["quotes"][0]["speaker"] == "Ratih Wulandari"
    assert "text" not in record


def test_with_text_offsets_point_into_the_text(runner, good):
    record = read_jsonl(runner.invoke(cli, ["extract", "--with-text", str(good)]).stdout)[0]
    text = record["text"]
    for regulation in record["regulations"]:
        for m in regulation["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for quote in record["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]


def test_extract_reads_stdin(runner):
    result = runner.invoke(cli, ["extract", "-"], input=RELEASE)
    assert result.exit_code == 0
    assert read_jsonl(result.stdout)[0]["source"] == "-"


def test_same_text_gives_same_id_wherever_it_lives(runner, good, tmp_path):
    copy = tmp_path / "sub" / "copy.txt"
    copy.parent.mkdir()
    shutil.copy(good, copy)
    records = read_jsonl(runner.invoke(cli, ["extract", str(good), str(copy)]).stdout)
    assert records[0]["id"] == records[1]["id"]


@pytest.mark.parametrize("name, content, message", [
    ("kosong.txt", b"", "is empty"),
    ("spasi.txt", b"  \n\t\n", "is empty"),
    ("biner.txt", bytes(range(256)) * 8, "binary file"),
    ("palsu.pdf", b"PK\x03\x04 this is a zip", "not a PDF"),
    ("catatan.rtf", b"{\\rtf1 hello}", "unsupported file type"),
])
def test_bad_file_gets_one_line_error_naming_it(runner, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1
    assert str(path) in lines[0] and message in lines[0]
    assert result.stdout == ""


def test_missing_path(runner, tmp_path):
    missing = tmp_path / "tidak-ada.txt"
    result = runner.invoke(cli, ["extract", str(missing)])
    assert result.exit_code == 1
    assert f"error: {missing}: no such file or folder; check the path" in result.stderr


def test_cp1252_file_is_read_with_a_warning(runner, tmp_path):
    path = tmp_path / "lama.txt"
    path.write_bytes(RELEASE.replace("Ratih", "Rätih").encode("cp1252"))
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0
    assert "Windows-1252" in result.stderr and str(path) in result.stderr
    assert read_jsonl(result.stdout)[0]["quotes"]


def test_folder_with_one_bad_file_carries_on(runner, tmp_path, good):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(good, folder / "a.txt")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.md").write_text("# Judul\n\n" + RELEASE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(folder)])
    assert result.exit_code == EXIT_PARTIAL
    assert [Path(r["source"]).name for r in read_jsonl(result.stdout)] == ["a.txt", "c.md"]
    assert "b.txt: is empty" in result.stderr


def test_ingest_is_idempotent_and_records_errors(runner, tmp_path, good):
    (tmp_path / "rusak.txt").write_bytes(b"\x00\x01\x02" * 50)
    db = tmp_path / "warta.db"
    first = runner.invoke(cli, ["ingest", str(tmp_path), "--db", str(db)])
    assert first.exit_code == EXIT_PARTIAL
    assert "1 documents (1 added, 0 replaced, 0 unchanged)" in first.stdout
    second = runner.invoke(cli, ["ingest", str(good), "--db", str(db)])
    assert second.exit_code == 0
    assert "(0 added, 0 replaced, 1 unchanged)" in second.stdout
    import sqlite_utils

    errors = list(sqlite_utils.Database(db)["errors"].rows)
    assert len(errors) == 1 and "rusak.txt" in errors[0]["source"]


def test_ingest_replaces_a_changed_file(runner, tmp_path, good):
    db = tmp_path / "warta.db"
    runner.invoke(cli, ["ingest", str(good), "--db", str(db)])
    good.write_text(RELEASE.replace("seribu", "dua ribu"), encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(good), "--db", str(db)])
    assert "(0 added, 1 replaced, 0 unchanged)" in result.stdout
    import sqlite_utils

    assert sqlite_utils.Database(db)["documents"].count == 1


def test_search_and_draft_after_ingest(runner, tmp_path, good):
    db = tmp_path / "warta.db"
    runner.invoke(cli, ["ingest", str(good), "--db", str(db)])
    hits = json.loads(runner.invoke(cli, ["search", "vaksin", "--db", str(db), "--json"]).stdout)
    assert hits and {h["type"] for h in hits} & {"document", "quote"}
    out = tmp_path / "drafts"
    result = runner.invoke(cli, ["draft", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "rilis.ringkasan.md" in names and {"rilis.siaran-pers.html", "rilis.catatan.html"} & set(names)


def test_commands_on_a_missing_database_explain_the_fix(runner, tmp_path):
    result = runner.invoke(cli, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no database yet; run 'warta ingest' or 'warta run' first" in result.output


@pytest.mark.parametrize("command", ["extract", "ingest", "search", "draft", "serve", "run"])
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(cli, [command, "-h"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_run_builds_database_metadata_and_drafts_from_the_corpus(runner, tmp_path):
    out = tmp_path / "output"
    result = runner.invoke(cli, ["run", "--corpus", str(ROOT / "corpus"), "--out", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    corpus = [p for p in (ROOT / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf", ".docx")
              and p.name.lower() != "readme.md"]
    assert f"{len(corpus)} documents ({len(corpus)} added" in result.stdout
    assert (out / "warta.db").exists() and json.loads((out / "metadata.json").read_text())["databases"]
    drafts = list((out / "drafts").iterdir())
    def count(*kinds):
        return len([d for d in drafts if any(f".{kind}." in d.name for kind in kinds) and d.suffix == ".md"])

    assert count("ringkasan") == len(corpus)
    assert count("siaran-pers", "catatan") == len(corpus)  # news articles get a briefing note


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_a_real_datasette_on_loopback(runner, tmp_path, good):
    db = tmp_path / "warta.db"
    runner.invoke(cli, ["ingest", str(good), "--db", str(db)])
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        body = None
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/warta/documents.json?_shape=array",
                                            timeout=2) as response:
                    body = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "Datasette did not answer"
        assert body[0]["source"] == str(good)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_scan_without_tesseract_is_skipped_with_the_install_command(tmp_path):
    """On a machine without Tesseract, a scanned PDF is skipped with a warning, not failed."""
    scan = ROOT / "corpus" / "se-walikota-malang-plastik-scan.pdf"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    env = {**os.environ, "PATH": str(bin_dir), "WARTA_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "cli", "extract", str(scan)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert result.stdout == ""
    assert f"warning: skipped {scan}:" in result.stderr
    assert "apt-get install tesseract-ocr tesseract-ocr-ind" in result.stderr
