"""The files behind stored documents, so that ``warta ingest`` skips an unchanged file before reading it.

One row per file, keyed by its resolved path (two spellings of one path are one file), with the path
as it was given, the SHA-256 of its bytes and the document it became. A file whose bytes hash as
stored, and whose document is still there, needs no loading and no NLP. ``--prune`` forgets the
files that are gone and deletes their documents.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import sqlite_utils

TABLE = "files"


def _ensure(db: sqlite_utils.Database) -> None:
    if not db[TABLE].exists():
        db[TABLE].create({"path": str, "given": str, "sha256": str, "document_id": str, "seen": str}, pk="path")
        db[TABLE].create_index(["document_id"])


def resolved(path: str) -> str:
    return str(Path(path).resolve())


def file_hash(path: str) -> str | None:
    """SHA-256 of the file's bytes, or None where it cannot be read (``load`` will say why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def check_file(db: sqlite_utils.Database, path: str) -> tuple[bool, str | None, str | None]:
    """``(unchanged, sha256, stored document id)`` for one input path; stdin and unreadable paths are
    never unchanged."""
    if path == "-" or not Path(path).is_file():
        return False, None, None
    _ensure(db)
    sha = file_hash(path)
    rows = list(db[TABLE].rows_where("path = ?", [resolved(path)], select="sha256, document_id"))
    if not rows or sha is None:
        return False, sha, None
    stored = rows[0]["document_id"]
    exists = bool(stored) and bool(db["documents"].count_where("id = ?", [stored]))
    return rows[0]["sha256"] == sha and exists, sha, stored if exists else None


def remember_file(db: sqlite_utils.Database, path: str, sha: str, document_id: str) -> None:
    _ensure(db)
    db[TABLE].upsert({"path": resolved(path), "given": path, "sha256": sha, "document_id": document_id,
                      "seen": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}, pk="path")


def vanished_files(db: sqlite_utils.Database) -> list[dict]:
    """Remembered files that no longer exist, with the documents they became."""
    if not db[TABLE].exists():
        return []
    return [row for row in db[TABLE].rows_where(select="path, given, document_id") if not Path(row["path"]).exists()]


def forget_file(db: sqlite_utils.Database, path: str) -> None:
    db[TABLE].delete_where("path = ?", [path])
