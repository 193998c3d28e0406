"""Nothing lost, nothing hung: killed ingests, concurrent writers, bad and hostile files, exit codes.

The long versions are scripts: ``scripts/reliability_writers.py`` (4 writers over 300 articles)
and ``scripts/reliability_kills.py`` (20 kills). Here they run short.
"""
from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cli import EXIT_PARTIAL, cli
from extract import Limits, extract_records, open_db, search
from tests.conftest import ROOT, read_jsonl

sys.path.insert(0, str(ROOT / "scripts"))
from reliability_common import canonical_dump, differences, train_articles  # noqa: E402
from reliability_kills import kill_and_resume  # noqa: E402
from reliability_writers import run as run_writers  # noqa: E402

GOOD = """Pemkab Contoh Buka Layanan Air Bersih

Pemerintah Kabupaten (Pemkab) Contoh membuka layanan air bersih di Desa Sukamaju, Senin (2/3/2026).
Kepala Dinas Pekerjaan Umum Kabupaten Contoh, Wiratmo Hadisaputro mengatakan layanan ini menjalankan
Peraturan Bupati Contoh Nomor 4 Tahun 2026 tentang Layanan Air Bersih.
"Setiap rumah akan mendapat sambungan air bulan ini," ujarnya.
"""


def _good(folder: Path, name: str, place: str = "Sukamaju") -> Path:
    path = folder / name
    path.write_text(GOOD.replace("Sukamaju", place), encoding="utf-8")
    return path


def _stored_sources(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return sorted(Path(row[0]).name for row in conn.execute("select source from documents"))
    finally:
        conn.close()


def _errors(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select source, message from errors").fetchall()
    finally:
        conn.close()


# -- bad files, each between two good ones ------------------------------------------------------------


def _docx_bytes(document_xml: bytes | None = None, extra: tuple[str, bytes] | None = None) -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(GOOD)
    document.save(buffer)
    if document_xml is None and extra is None:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml" and document_xml is not None:
                data = document_xml(data) if callable(document_xml) else document_xml
            dst.writestr(info, data)
        if extra:
            dst.writestr(extra[0], extra[1])
    return out.getvalue()


ENTITY_BOMB = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
               + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(9))
               + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               + b"<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>")


def _pdf(objects: list[str]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _huge_scan(path: Path) -> None:
    """A one-page PDF, 14,400 pt square, that is a single image (so it needs OCR)."""
    from PIL import Image

    Image.new("RGB", (200, 200), "white").save(path, "PDF", resolution=1.0)


def _write(name: str, content: bytes):
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path
    return make


def _fifo(folder: Path) -> Path:
    path = folder / "antrian.txt"
    os.mkfifo(path)
    return path


def _device(folder: Path) -> Path:
    path = folder / "nol.txt"
    path.symlink_to("/dev/zero")
    return path


def _dangling(folder: Path) -> Path:
    path = folder / "hilang.txt"
    path.symlink_to(folder / "tidak-ada.txt")
    return path


def _undecodable_name(folder: Path) -> Path:
    name = os.fsdecode(b"rusak-\xff\xfe.txt")
    path = folder / name
    path.write_bytes(b"\x00\x01\x02\x03" * 64)
    return path


def _scan(folder: Path) -> Path:
    path = folder / "poster.pdf"
    _huge_scan(path)
    return path


def _slow(folder: Path) -> Path:
    path = folder / "lambat.txt"
    # Linear but long: 1.5 MB of news takes several seconds, past a budget of two.
    path.write_text(_repeat(NEWS)(1_500_000), encoding="utf-8")
    return path


PAGES = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]

BAD_FILES = [
    # (kind, make(folder) -> path, extra flags, what the error says)
    ("docx with truncated XML", _write("potong.docx", _docx_bytes(lambda xml: xml[: len(xml) // 2])), [],
     "not a readable .docx"),
    ("docx entity bomb", _write("bom.docx", _docx_bytes(ENTITY_BOMB)), [], "not a readable .docx"),
    ("docx zip bomb", _write("zip.docx", _docx_bytes(extra=("word/media/nol.bin", b"\0" * 3_000_000))),
     ["--max-bytes", "2000000"], "--max-bytes"),
    ("text over the byte budget", _write("besar.txt", GOOD.encode() * 400), ["--max-bytes", "100000"],
     "--max-bytes"),
    ("text over the time budget", _slow, ["--max-seconds", "2"], "--max-seconds"),
    ("huge PDF page for OCR", _scan, [], "--max-pixels"),
    ("PDF over the page budget", _write("tebal.pdf", _pdf(PAGES)), ["--max-pages", "1"], "--max-pages"),
    ("0-page PDF", _write("kosong.pdf", _pdf(PAGES[:1] + ["<< /Type /Pages /Kids [] /Count 0 >>"])), [],
     "has no pages"),
    ("damaged PDF", _write("rusak.pdf", b"%PDF-1.4\n1 0 obj garbage\n%%EOF\n"), [], "damaged"),
    ("symlink to /dev/zero", _device, [], "is a device"),
    ("FIFO", _fifo, [], "FIFO"),
    ("dangling symlink", _dangling, [], "no such file"),
    ("undecodable file name", _undecodable_name, [], "binary file"),
    ("binary .txt", _write("biner.txt", bytes(range(256)) * 16), [], "binary file"),
    ("empty file", _write("kosong.txt", b""), [], "is empty"),
]


@pytest.mark.parametrize("kind, make, flags, message", BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_a_bad_file_between_two_good_ones(runner, tmp_path, kind, make, flags, message):
    folder = tmp_path / "batch"
    folder.mkdir()
    first, bad, last = _good(folder, "a.txt", "Sukamaju"), make(folder), _good(folder, "z.txt", "Sukamulya")
    db = tmp_path / "warta.db"
    started = time.perf_counter()
    result = runner.invoke(cli, ["ingest", "--db", str(db), *flags, str(first), str(bad), str(last)])
    assert time.perf_counter() - started < 60
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert _stored_sources(db) == ["a.txt", "z.txt"]
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    shown = bad.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    assert len(lines) == 1 and shown in lines[0] and message in lines[0], lines
    ((source, stored),) = _errors(db)
    assert shown in source and message in stored


def test_text_longer_than_spacys_limit_is_processed(tmp_path):
    from extract.process import _nlp

    nlp = _nlp()
    path = tmp_path / "panjang.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    saved = nlp.max_length
    nlp.max_length = 1000
    try:
        (outcome,) = list(extract_records([str(path)]))
    finally:
        nlp.max_length = saved
    assert outcome.error is None and outcome.record["regulations"]


# -- every input kind gets the right answer ------------------------------------------------------


@pytest.mark.parametrize("name, data, warning", [
    ("utf16-bom.txt", GOOD.encode("utf-16"), None),
    ("utf16le.txt", GOOD.encode("utf-16-le"), None),
    ("utf16be.txt", GOOD.encode("utf-16-be"), None),
    ("utf32-bom.txt", GOOD.encode("utf-32"), None),
    ("utf32le.txt", GOOD.encode("utf-32-le"), None),
    ("nul-late.txt", GOOD.encode() + b" " * 5000 + b"tambahan\x00\x00 kata", "2 NUL character(s) removed"),
])
def test_text_encodings_and_nul_bytes(runner, tmp_path, name, data, warning):
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(cli, ["extract", "--with-text", str(path)])
    assert result.exit_code == 0, result.output
    (record,) = read_jsonl(result.stdout)
    assert "\x00" not in record["text"] and record["quotes"][0]["speaker"] == "Wiratmo Hadisaputro"
    if warning:
        assert f"warning: {path}: {warning}" in result.stderr
    else:
        assert "warning" not in result.stderr


def test_symlink_loop_is_reported_and_not_followed(runner, tmp_path):
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    _good(folder / "sub", "a.txt")
    (folder / "sub" / "balik").symlink_to(folder)
    result = runner.invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 0, result.output
    assert len(read_jsonl(result.stdout)) == 1
    assert "symlink loop" in result.stderr and "balik" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder_is_reported(runner, tmp_path):
    folder = tmp_path / "batch"
    (folder / "tutup").mkdir(parents=True)
    _good(folder, "a.txt")
    (folder / "tutup").chmod(0)
    try:
        result = runner.invoke(cli, ["extract", str(folder)])
    finally:
        (folder / "tutup").chmod(0o755)
    assert result.exit_code == 0 and "tutup: folder cannot be read" in result.stderr


def test_empty_selection_is_an_error_and_creates_no_database(runner, tmp_path):
    (tmp_path / "kosong").mkdir()
    (tmp_path / "kosong" / "catatan.rtf").write_text("bukan dokumen")
    db = tmp_path / "out" / "warta.db"
    result = runner.invoke(cli, ["ingest", "--db", str(db), str(tmp_path / "kosong")])
    assert result.exit_code == 1 and "no documents to read" in result.stderr
    assert not db.exists() and not db.parent.exists()
    assert runner.invoke(cli, ["extract", str(tmp_path / "kosong")]).exit_code == 1


def test_broken_pipe_ends_quietly(tmp_path):
    for i in range(3):
        _good(tmp_path, f"{i}.txt", f"Desa{i}")
    command = f"{sys.executable} {ROOT / 'cli.py'} extract {tmp_path} | head -c 10"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "" and len(done.stdout) == 10


# -- one exit-code rule ---------------------------------------------------------------------------


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    good = _good(tmp_path, "baik.txt")
    bad = tmp_path / "rusak.txt"
    bad.write_bytes(b"")
    return {"good": good, "bad": bad, "db": tmp_path / "warta.db", "missing": tmp_path / "tidak" / "ada.db"}


EXIT_CODES = [
    # (command line with placeholders, exit code)
    (["extract", "{good}"], 0),
    (["extract", "{good}", "{bad}"], 2),
    (["extract", "{bad}"], 1),
    (["extract"], 1),
    (["extract", "--no-such-flag", "{good}"], 1),
    (["extract", "--max-bytes", "0", "{good}"], 1),
    (["ingest", "--db", "{db}", "{good}"], 0),
    (["ingest", "--db", "{db}", "{good}", "{bad}"], 2),
    (["ingest", "--db", "{db}", "{bad}"], 1),
    (["ingest", "--jobs", "many"], 1),
    (["search", "--db", "{missing}", "air"], 1),
    (["search"], 1),
    (["draft", "--db", "{missing}"], 1),
    (["draft", "--format", "pdf"], 1),
    (["serve", "--db", "{missing}"], 1),
    (["serve", "--port", "abc"], 1),
    (["run", "--corpus", "{missing}"], 1),
    (["no-such-command"], 1),
    (["--help"], 0),
]


@pytest.mark.parametrize("args, code", EXIT_CODES, ids=[" ".join(a) for a, _ in EXIT_CODES])
def test_exit_codes(runner, batch, args, code):
    result = runner.invoke(cli, [arg.format(**batch) for arg in args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


def test_exit_codes_after_ingest(runner, batch):
    db = str(batch["db"])
    assert runner.invoke(cli, ["ingest", "--db", db, str(batch["good"])]).exit_code == 0
    assert runner.invoke(cli, ["search", "--db", db, "air bersih"]).exit_code == 0
    dashed = runner.invoke(cli, ["search", "--db", db, "--", "-sambungan"])
    assert dashed.exit_code == 0 and "no such option" not in dashed.output
    out = batch["db"].parent / "drafts"
    assert runner.invoke(cli, ["draft", "--db", db, "--out", str(out), "--no-briefs"]).exit_code == 0


# -- rows nobody owns -----------------------------------------------------------------------------


def test_replacing_a_document_removes_rows_nobody_refers_to(runner, tmp_path):
    path = _good(tmp_path, "rilis.txt")
    db = tmp_path / "warta.db"
    assert runner.invoke(cli, ["ingest", "--db", str(db), str(path)]).exit_code == 0
    before = canonical_dump(db)
    assert [row[0] for row in before["regulations"]] == ["perbup/bupati-contoh/2026/4"]
    assert any(row[0] == "Wiratmo Hadisaputro" for row in before["people"])
    path.write_text("Warga Desa Sukamaju bergotong royong membersihkan saluran air pada Minggu pagi.\n"
                    "Kegiatan itu diikuti ratusan warga dari tiga dusun.\n", encoding="utf-8")
    assert runner.invoke(cli, ["ingest", "--db", str(db), str(path)]).exit_code == 0
    after = canonical_dump(db)
    assert len(after["documents"]) == 1
    assert after["regulations"] == [] and after["people"] == [] and after["positions"] == []
    assert not any("Pekerjaan Umum" in row[0] for row in after["agencies"])
    assert not [hit for hit in search(open_db(db), "Hadisaputro") if hit["type"] != "document"]
    assert not search(open_db(db), "perbup")


# -- killed and resumed; many writers -------------------------------------------------------------


def test_kill_9_during_ingest_then_resume(tmp_path, shared):
    files = train_articles(16)
    result = kill_and_resume(tmp_path, files, kills=3, seed=7, window=(2.0, 5.0))
    assert result["integrity"] == ["ok"] * 3
    assert result["resume_code"] == 0
    assert result["differences"] == []


def test_four_concurrent_writers_equal_one_clean_ingest(tmp_path, shared):
    files = train_articles(48)  # four windows of 24, each overlapping the next by half
    result = run_writers(tmp_path, files, writers=4)
    assert result["codes"] == [0, 0, 0, 0], result["stderr"]
    assert not any("Traceback" in err for err in result["stderr"])
    assert result["clean_code"] == 0
    assert result["differences"] == []
    assert result["rows"]["documents"] >= 45


# -- hostile texts: bounded time ------------------------------------------------------------------

NEWS = """Pemerintah Kota Contoh menggelar rapat koordinasi penanganan banjir di Balai Kota, Selasa (3/3/2026).
Wali Kota Contoh, Sutrisno Wibowo mengatakan pemerintah menyiapkan pompa air di sepuluh titik rawan.
"Kami minta warga tetap waspada saat hujan deras," kata Sutrisno. Kepala Badan Penanggulangan Bencana
Daerah (BPBD) Kota Contoh, Ratna Dewi menambahkan petugas berjaga selama dua puluh empat jam.

"""


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


SMALL, LARGE = (50_000, 100_000), (300_000, 600_000)
HOSTILE = [
    # (case, text of about n characters, sizes, marks)
    ("news", _repeat(NEWS), LARGE, []),
    ("one long line", _repeat(NEWS.replace("\n", " ")), LARGE, []),
    ("nested parentheses", lambda n: "(" * (n // 2) + "Badan Pusat Statistik" + ")" * (n // 2), SMALL, []),
    ("parentheses runs", _repeat("Dinas (Badan (Kantor (Pusat (Data "), SMALL, []),
    ("a line of dashes", lambda n: "-" * n, SMALL, []),
    ("unbalanced quotation marks", _repeat('Kata Kepala Dinas, "kami akan bekerja. Ia menambahkan bahwa itu baik. '),
     SMALL, []),
    ("long capitalised run", _repeat("Kepala Badan Pusat Statistik Provinsi Jawa Barat Ahmad Budi Santoso "),
     SMALL, []),
]


def _timed(path: Path, budget: float) -> tuple[float, str | None]:
    started = time.perf_counter()
    (outcome,) = list(extract_records([str(path)], limits=Limits(max_seconds=budget)))
    return time.perf_counter() - started, outcome.error


@pytest.mark.parametrize("case, make, sizes", [pytest.param(c, m, n, marks=k) for c, m, n, k in HOSTILE],
                         ids=[c for c, _, _, _ in HOSTILE])
def test_hostile_text_in_bounded_time(tmp_path, case, make, sizes):
    """Under 10 s per MB (plus 2 s for a loaded machine), and twice the text at most 2.5 times the time."""
    from extract.process import _nlp

    _nlp()
    times = []
    for n in sizes:
        path = tmp_path / f"{n}.txt"
        path.write_text(make(n), encoding="utf-8")
        limit = 10 * n / 1e6 + 2
        elapsed, error = _timed(path, budget=limit + 1)
        assert error is None, error
        assert elapsed <= limit, f"{case}: {elapsed:.1f} s for {n} characters"
        times.append(elapsed)
    assert times[1] <= 2.5 * times[0] + 0.5, f"{case}: {times}"


# -- random input never raises --------------------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=400), raw=st.binary(min_size=1, max_size=400))
def test_random_text_and_bytes_never_raise(tmp_path, text, raw):
    (tmp_path / "acak.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    (tmp_path / "acak.md").write_bytes(raw)
    (tmp_path / "acak.docx").write_bytes(raw)
    (tmp_path / "acak.pdf").write_bytes(b"%PDF-1.4\n" + raw + b"\n%%EOF\n")
    paths = [str(tmp_path / name) for name in ("acak.txt", "acak.md", "acak.docx", "acak.pdf")]
    outcomes = list(extract_records(paths, limits=Limits(max_seconds=10)))
    assert len(outcomes) == 4
    for outcome in outcomes:
        assert (outcome.record is None) != (outcome.error is None)
        assert "extraction failed" not in (outcome.error or ""), outcome.error


@pytest.mark.parametrize("text, longest", [
    ("kata " + "(" * 1000 + " kata", 16),
    ("-" * 5000, 16),
    ("a" * 300 + ".", 100),
    ("(" * 400 + "Badan" + ")" * 400, 100),
    ("biasa saja " + "." * 200 + " titik-titik", 200),  # a dotted leader stays whole
])
def test_long_runs_are_broken_and_keep_their_offsets(text, longest):
    from extract.read.normalize import clean_text

    cleaned = clean_text(text, ["long_runs"])
    assert max(map(len, cleaned.text.split())) == longest
    assert all(text[cleaned.offsets[i]] == ch for i, ch in enumerate(cleaned.text) if not ch.isspace())
    assert cleaned.text.replace(" ", "") == text.replace(" ", "")
