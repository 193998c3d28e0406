"""The database as Parquet files, one per table, for analysts who query the archive with DuckDB or pandas.

Needs the optional extra ``pip install 'warta[parquet]'`` (pyarrow). Rows are read and written in
batches, so the export runs in bounded memory whatever the size of the database; each column keeps
its SQLite type (text, integer, real, blob), so a column that is empty everywhere still has one.
Full-text search tables are left out: they are an index, not data.
"""
from __future__ import annotations

from pathlib import Path

import sqlite_utils

INSTALL = "pip install 'warta[parquet]'"
ROWS_PER_BATCH = 10_000


def _arrow_type(pa, declared: str):
    declared = (declared or "").upper()
    if "INT" in declared:
        return pa.int64()
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return pa.float64()
    if "BLOB" in declared:
        return pa.binary()
    return pa.string()


def data_tables(db: sqlite_utils.Database) -> list[str]:
    """The tables that hold data: every table but the full-text indexes and their shadow tables."""
    return [t for t in db.table_names() if "_fts" not in t]


def export_parquet(db: sqlite_utils.Database, out_dir: str | Path) -> list[Path]:
    """Write each data table as ``out_dir/<table>.parquet``; return the files written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError(f"Parquet export needs pyarrow, which is not installed; run {INSTALL}") from None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in data_tables(db):
        columns = db[table].columns
        schema = pa.schema([(c.name, _arrow_type(pa, c.type)) for c in columns])
        path = out / f"{table}.parquet"
        cursor = db.conn.execute(f"select {', '.join(f'[{c.name}]' for c in columns)} from [{table}]")
        with pq.ParquetWriter(path, schema) as writer:
            while rows := cursor.fetchmany(ROWS_PER_BATCH):
                writer.write_batch(pa.RecordBatch.from_arrays(
                    [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)],
                    schema=schema))
        written.append(path)
    return written
