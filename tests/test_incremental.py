"""Incremental ingest: an unchanged file is skipped before it is read, a changed one replaces its
document under any spelling of its path, --prune drops documents whose files are gone, stdin
documents never overwrite each other, and the progress bar keeps messages on their own lines."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import cli as cli_module
from cli import cli
from extract import open_db

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
NAMES = ["berita-pasar-murah-bekasi.txt", "pemprov-jabar-siaga-banjir.txt", "se-kepala-bps-sensus-ekonomi-2026.txt"]


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "dokumen"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def _ingest(runner, db, *args):
    result = runner.invoke(cli, ["ingest", *map(str, args), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[-1]


def test_unchanged_files_are_not_read_again(runner, folder, tmp_path, monkeypatch):
    db = tmp_path / "w.db"
    assert "(3 added, 0 replaced, 0 unchanged)" in _ingest(runner, db, folder)

    def no_extraction(*_a, **_k):
        raise AssertionError("an unchanged file was extracted again")

    monkeypatch.setattr(cli_module.api, "extract_records", no_extraction)
    assert "(0 added, 0 replaced, 3 unchanged)" in _ingest(runner, db, folder)
    # the same files reached through another spelling of the folder are the same files
    spelled = Path(os.path.relpath(folder, Path.cwd())) / ".." / folder.name
    assert "(0 added, 0 replaced, 3 unchanged)" in _ingest(runner, db, spelled)


def test_a_changed_file_replaces_its_document_under_another_spelling(runner, folder, tmp_path):
    db = tmp_path / "w.db"
    _ingest(runner, db, folder)
    target = folder / NAMES[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nTambahan kalimat baru.\n", encoding="utf-8")
    other = f"{folder}/./{NAMES[0]}"  # a string: pathlib would drop the "./"
    assert "3 documents (0 added, 1 replaced, 0 unchanged)" in _ingest(runner, db, other)
    sources = sorted(row["source"] for row in open_db(str(db))["documents"].rows)
    assert other in sources and str(target) not in sources


def test_prune_deletes_documents_whose_files_are_gone(runner, folder, tmp_path):
    db = tmp_path / "w.db"
    _ingest(runner, db, folder)
    (folder / NAMES[1]).unlink()
    line = _ingest(runner, db, folder, "--prune")
    assert line.startswith("2 documents") and "1 pruned" in line
    assert all(NAMES[1] not in row["source"] for row in open_db(str(db))["documents"].rows)
    assert "pruned" not in _ingest(runner, db, folder, "--prune")


def test_stdin_documents_are_named_by_their_hash(runner, tmp_path):
    db = tmp_path / "w.db"
    for text in ("Wali Kota Bogor meresmikan taman kota.", "Gubernur Jawa Barat meninjau lokasi banjir."):
        result = runner.invoke(cli, ["ingest", "-", "--db", str(db)], input=text)
        assert result.exit_code == 0, result.output
    sources = [row["source"] for row in open_db(str(db))["documents"].rows]
    assert len(sources) == 2 and all(s.startswith("stdin:") for s in sources) and len(set(sources)) == 2


def test_progress_bar_shows_total_and_keeps_errors_on_their_own_line(folder, tmp_path, monkeypatch, capsys):
    (folder / "kosong.txt").write_text("")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["ingest", str(folder), "--db", str(tmp_path / "w.db")], standalone_mode=True)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "4/4" in err and "doc/s" in err
    (line,) = [line for line in err.splitlines() if "kosong.txt" in line]
    assert line.startswith("error: ") and "Ingesting" not in line
