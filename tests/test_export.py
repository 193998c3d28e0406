"""warta export --parquet: every data table as a Parquet file with the same rows and typed columns."""
from __future__ import annotations

from pathlib import Path

import pytest

from cli import cli
from extract import extract_records, open_db, save_record

pq = pytest.importorskip("pyarrow.parquet")

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_export_writes_each_table_with_its_rows(runner, tmp_path):
    db_path = tmp_path / "w.db"
    db = open_db(str(db_path))
    for outcome in extract_records([str(CORPUS)], with_text=True):
        save_record(db, outcome.record)
    result = runner.invoke(cli, ["export", "--db", str(db_path), "--parquet", str(tmp_path / "pq")])
    assert result.exit_code == 0, result.output
    files = {p.stem: p for p in (tmp_path / "pq").glob("*.parquet")}
    assert not any("_fts" in name for name in files)
    assert {"documents", "regulations", "officials", "quotes", "mentions", "errors"} <= set(files)
    for name, path in files.items():
        table = pq.read_table(path)
        assert table.num_rows == db[name].count, name
        assert table.schema.names == [c.name for c in db[name].columns], name
    documents = pq.read_table(files["documents"]).to_pylist()
    stored = {row["id"]: row["title"] for row in db["documents"].rows}
    assert {row["id"]: row["title"] for row in documents} == stored
    # an empty table still carries its typed columns
    errors = pq.read_table(files["errors"])
    assert errors.num_rows == 0 and "message" in errors.schema.names


def test_export_without_a_database_says_what_to_run(runner, tmp_path):
    result = runner.invoke(cli, ["export", "--db", str(tmp_path / "none.db"), "--parquet", str(tmp_path / "pq")])
    assert result.exit_code == 1
    assert "no database yet; run 'warta ingest'" in result.output
