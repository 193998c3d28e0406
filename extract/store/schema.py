"""The database's tables, keys, indexes and full-text search, created on open."""
from __future__ import annotations

import random
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import sqlite_utils

from .agencies import FORMS_INDEX_SQL, FORMS_SQL, FORMS_TABLE
from .persons import (
    NAME_ROLES_FILL,
    NAME_ROLES_TRIGGERS,
    PERSON_WORDS_TRIGGER,
    index_name_words,
    index_person_words,
    official_key,
    person_key,
)
from .terms import index_terms

T = TypeVar("T")

# -- schema ---------------------------------------------------------------

_TABLES: dict[str, dict[str, Any]] = {
    "regulations": {
        "columns": {"id": str, "type": str, "number": str, "year": int, "issuer": str, "subject": str,
                    # the catalogue fields a regulation's own text states (rows.catalogue_row)
                    "uri": str, "form": str, "heading": str, "set_place": str, "set_date": str,
                    "promulgated_place": str, "promulgated_date": str, "signatories": str,
                    "promulgator": str, "promulgator_position": str, "gazette": str, "gazette_supplement": str,
                    "keywords": str, "field": str},
        "pk": "id",
    },
    "documents": {
        "columns": {
            "id": str, "source": str, "format": str, "kind": str, "title": str, "date": str,
            "event_date": str, "year": int, "text": str, "regulation_id": str, "signatory_name": str,
            "signatory_position": str, "record": str, "ingested_at": str,
        },
        "pk": "id",
        "not_null": ["source"],
        "foreign_keys": [("regulation_id", "regulations", "id")],
    },
    "citations": {
        "columns": {"id": str, "document_id": str, "regulation_id": str, "start": int, "end": int,
                    "mention": str, "basis": int, "sentence": str},
        "pk": "id",
        "not_null": ["document_id", "regulation_id"],
        "foreign_keys": [("document_id", "documents", "id"), ("regulation_id", "regulations", "id")],
    },
    "agencies": {
        "columns": {"id": int, "name": str, "acronym": str},
        "pk": "id",
        "not_null": ["name"],
    },
    "agency_aliases": {
        "columns": {"agency_id": int, "alias": str},
        "pk": ("agency_id", "alias"),
        "foreign_keys": [("agency_id", "agencies", "id")],
    },
    "document_agencies": {
        "columns": {"document_id": str, "agency_id": int, "mentions": int, "start": int, "end": int,
                    "sentence": str},
        "pk": ("document_id", "agency_id"),
        "foreign_keys": [("document_id", "documents", "id"), ("agency_id", "agencies", "id")],
    },
    "people": {
        "columns": {"id": int, "name": str, "key": str},
        "pk": "id",
        "not_null": ["name"],
    },
    "person_names": {
        "columns": {"person_id": int, "name": str},
        "pk": ("person_id", "name"),
        "foreign_keys": [("person_id", "people", "id")],
    },
    # Each word of each person's key, so that the people a one-word name may mean are found by an index.
    "person_words": {
        "columns": {"word": str, "person_id": int},
        "pk": ("word", "person_id"),
    },
    "officials": {
        "columns": {"id": str, "document_id": str, "person_id": int, "name": str, "position": str,
                    "agency": str, "start": int, "end": int, "mentions": int, "signatory": int,
                    "sentence": str, "key": str},
        "pk": "id",
        "not_null": ["document_id", "person_id"],
        "foreign_keys": [("document_id", "documents", "id"), ("person_id", "people", "id")],
    },
    # Each name officials are stored under (their ``key``) with the positions and agencies held under it
    # and how many officials rows hold each (role '' counts the rows of the name), kept by triggers.
    "name_roles": {
        "columns": {"key": str, "role": str, "officials": int},
        "pk": ("key", "role"),
    },
    # Each word of each such name, so that the names linked to a name are found by an index.
    "name_words": {
        "columns": {"word": str, "key": str},
        "pk": ("word", "key"),
    },
    "quotes": {
        "columns": {"id": int, "document_id": str, "person_id": int, "speaker": str, "text": str,
                    "start": int, "end": int, "sentence": str, "speaker_key": str},
        "pk": "id",
        "not_null": ["document_id", "text"],
        "foreign_keys": [("document_id", "documents", "id"), ("person_id", "people", "id")],
    },
    "statements": {
        "columns": {"id": int, "document_id": str, "person_id": int, "speaker": str, "text": str,
                    "start": int, "end": int, "sentence": str, "speaker_key": str},
        "pk": "id",
        "not_null": ["document_id", "text"],
        "foreign_keys": [("document_id", "documents", "id"), ("person_id", "people", "id")],
    },
    "abbreviations": {
        "columns": {"id": str, "document_id": str, "short": str, "long": str, "start": int, "end": int,
                    "sentence": str},
        "pk": "id",
        "not_null": ["document_id", "short"],
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "sections": {
        "columns": {"id": str, "document_id": str, "heading": str, "start": int, "end": int, "page": int,
                    "text": str, "kind": str, "number": str},
        "pk": "id",
        "not_null": ["document_id", "heading"],
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "positions": {
        "columns": {"id": str, "person_id": int, "position": str, "agency": str, "first_date": str,
                    "last_date": str, "documents": int},
        "pk": "id",
        "not_null": ["person_id"],
        "foreign_keys": [("person_id", "people", "id")],
    },
    "mentions": {
        "columns": {"id": int, "document_id": str, "kind": str, "start": int, "end": int, "text": str,
                    "regulation_id": str, "agency_id": int, "person_id": int, "quote_id": int,
                    "statement_id": int, "sentence": str},
        "pk": "id",
        "not_null": ["document_id", "kind", "start", "end"],
        "foreign_keys": [("document_id", "documents", "id"), ("regulation_id", "regulations", "id"),
                         ("agency_id", "agencies", "id"), ("person_id", "people", "id"),
                         ("quote_id", "quotes", "id"), ("statement_id", "statements", "id")],
    },
    "tables": {
        "columns": {"id": str, "document_id": str, "page": int, "index": int, "caption": str, "header": str,
                    "rows": str, "row_count": int, "column_count": int},
        "pk": "id",
        "not_null": ["document_id"],
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "regulation_relations": {
        "columns": {"id": str, "document_id": str, "from_id": str, "relation": str, "to_id": str,
                    "ordinal": int, "article": str, "start": int, "end": int, "text": str},
        "pk": "id",
        "not_null": ["document_id", "from_id", "relation", "to_id"],
        "foreign_keys": [("document_id", "documents", "id"), ("from_id", "regulations", "id"),
                         ("to_id", "regulations", "id")],
    },
    "errors": {
        "columns": {"id": str, "source": str, "message": str, "at": str},
        "pk": "id",
    },
    # Every word written to the full-text tables, as FTS5 stores it (see terms.py).
    "search_terms": {
        "columns": {"term": str},
        "pk": "term",
    },
}

_INDEXES: dict[str, list[list[str]]] = {
    "people": [["key"]],
    # the officials rows of a name, and those of a name not yet with the name's person
    "officials": [["key", "person_id"]],
    # the documents citing a regulation, in id order (the search takes the first few of each)
    "citations": [["regulation_id", "document_id"]],
    "documents": [["year"], ["kind"]],
    "mentions": [["document_id", "start"]],
    # the quotes and statements still waiting for their speaker, found by the speaker's normalised name
    "quotes": [["speaker_key", "person_id"]],
    "statements": [["speaker_key", "person_id"]],
}

_UNIQUE_INDEXES: dict[str, list[str]] = {
    "documents": ["source"],
    "agencies": ["name"],
    "people": ["name"],
}

_FTS: dict[str, list[str]] = {
    "documents": ["title", "text"],
    "quotes": ["text", "speaker"],
    "statements": ["text", "speaker"],
    "regulations": ["id", "subject", "issuer"],
}

# Columns whose values are hashed into the primary key of a row.
_HASH_ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "citations": ("document_id", "regulation_id", "start", "end"),
    "officials": ("document_id", "person_id", "position", "agency"),
    "abbreviations": ("document_id", "short", "long"),
    "sections": ("document_id", "heading", "start"),
    "errors": ("source", "message"),
    "regulation_relations": ("document_id", "from_id", "relation", "to_id"),
    "tables": ("document_id", "page", "index"),
    "positions": ("person_id", "position", "agency"),
}

# Rows that belong to one document, deleted with it when it is replaced.
# Mentions first: they point at quotes and statements.
_DOCUMENT_CHILDREN = ("mentions", "citations", "officials", "quotes", "statements", "abbreviations",
                      "sections", "document_agencies", "regulation_relations", "tables")

# What counts() reports, and the table each figure counts.
_COUNTED = {
    "documents": "documents",
    "regulations": "regulations",
    "citations": "citations",
    "officials": "people",
    "agencies": "agencies",
    "quotes": "quotes",
    "errors": "errors",
}


BUSY_TIMEOUT_MS = 60_000  # how long a writer waits for another writer's transaction before SQLITE_BUSY
RETRIES = 8  # further attempts, with growing back-off, when SQLite still reports the database busy


def is_busy(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "database is busy" errors, which a retry can clear."""
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in ("locked", "busy"))


def retrying(action: Callable[[], T], *, attempts: int = RETRIES) -> T:
    """Run ``action``; while SQLite reports the database busy, wait with jittered exponential back-off and retry."""
    for attempt in range(attempts + 1):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or attempt == attempts:
                raise
            time.sleep(min(0.05 * 2 ** attempt, 5.0) * (0.5 + random.random()))
    raise AssertionError("unreachable")


@contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction that takes the write lock at its start (``BEGIN IMMEDIATE``).

    A deferred transaction that reads first and writes later can fail at once with SQLITE_BUSY
    when two writers both try to upgrade their lock; an immediate one waits its turn instead
    (up to the busy timeout). Rolled back if anything inside fails. Inside a transaction that is
    open already, the block is a savepoint of it.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


# A regulation's status in the collection: revoked (dicabut) by any document that revokes it, else
# amended (diubah) by any that amends it, else in force (berlaku) as far as the collection knows.
_VIEWS: dict[str, str] = {
    "regulation_status": """with acts as (
  select to_id, relation, group_concat(distinct from_id) as by_ids, count(distinct document_id) as documents
  from regulation_relations where relation in ('revokes', 'amends') group by to_id, relation
)
select regulations.id as regulation_id, regulations.type, regulations.number, regulations.year,
  regulations.subject,
  case when revoked.to_id is not null then 'dicabut' when amended.to_id is not null then 'diubah'
       else 'berlaku' end as status,
  coalesce(revoked.by_ids, amended.by_ids) as changed_by,
  amended.by_ids as amended_by, revoked.by_ids as revoked_by
from regulations
  left join acts as revoked on revoked.to_id = regulations.id and revoked.relation = 'revokes'
  left join acts as amended on amended.to_id = regulations.id and amended.relation = 'amends'""",
}


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path`` with the Warta schema.

    Safe to call on an existing database, and from many processes at once: the database is put
    in WAL mode (readers never block the writer), every connection waits up to
    ``BUSY_TIMEOUT_MS`` for another writer, and tables, indexes and full-text indexes are only
    created where missing, in one immediate transaction, retried while the database is busy.
    Foreign keys are enforced on the returned connection.
    A database written before a column existed gains it (empty for the rows
    already there; re-ingest to fill it).
    """
    db = sqlite_utils.Database(path)
    db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        retrying(lambda: db.conn.execute("PRAGMA journal_mode = WAL").fetchall())
    if not _schema_current(db):
        retrying(lambda: _create_schema(db))
    return db


def _schema_current(db: sqlite_utils.Database) -> bool:
    """True when every table, column and full-text index exists already (opening then writes nothing)."""
    names = set(db.table_names())
    if FORMS_TABLE not in names or not all(f"{name}_fts" in names for name in _FTS):
        return False
    for name, spec in _TABLES.items():
        if name not in names or not set(spec["columns"]) <= set(db[name].columns_dict):
            return False
    indexes = {row[0] for row in db.execute("select name from sqlite_master where type = 'index'")}
    if any(f"idx_{name}_{'_'.join(columns)}" not in indexes for name, lists in _INDEXES.items() for columns in lists):
        return False
    return not (db.execute("select 1 from people where key is null limit 1").fetchall()
                or db.execute("select 1 from officials where key is null limit 1").fetchall()
                or not db.execute("select 1 from sqlite_master where type = 'trigger' "
                                  "and name = 'officials_name_added'").fetchall())


def _create_schema(db: sqlite_utils.Database) -> None:
    with immediate(db):
        for name, spec in _TABLES.items():
            db[name].create(
                spec["columns"],
                pk=spec["pk"],
                not_null=spec.get("not_null"),
                foreign_keys=spec.get("foreign_keys"),
                if_not_exists=True,
            )
            _add_missing_columns(db[name], spec["columns"])
        for name in ("quotes", "statements"):  # rows stored before speaker_key existed
            for row in list(db.query(f"select id, speaker from {name} where speaker_key is null and speaker is not null")):
                db.execute(f"update {name} set speaker_key = ? where id = ?", [person_key(row["speaker"]), row["id"]])
        for name, columns in _UNIQUE_INDEXES.items():
            db[name].create_index(columns, unique=True, if_not_exists=True)
        for name, indexes in _INDEXES.items():
            for columns in indexes:
                db[name].create_index(columns, if_not_exists=True)
        db.index_foreign_keys()
        for row in list(db.query("select id, name from people where key is null")):
            db["people"].update(row["id"], {"key": person_key(row["name"]) or row["name"].casefold()})
        db.execute(PERSON_WORDS_TRIGGER)
        _fill_name_roles(db)
        _fill_search_terms(db)
        if not db.execute("select 1 from person_words limit 1").fetchall():  # people stored before the word index
            for row in list(db.query("select id, key from people where key is not null")):
                index_person_words(db, row["id"], row["key"])
        for name, columns in _FTS.items():
            db[name].enable_fts(columns, create_triggers=True, replace=True)
        db.execute(FORMS_SQL)
        db.execute(FORMS_INDEX_SQL)
        for name, sql in _VIEWS.items():
            db.create_view(name, sql, replace=True)


def _fill_name_roles(db: sqlite_utils.Database) -> None:
    """Give officials rows stored before names were indexed their ``key``, count their names in
    ``name_roles`` and list the names' words, then add the triggers that keep ``name_roles`` in step."""
    fresh = not db.execute("select 1 from sqlite_master where type = 'trigger' and name = 'officials_name_added'"
                           ).fetchall()
    for row in list(db.query("select id, name from officials where key is null")):
        db.execute("update officials set key = ? where id = ?", [official_key(row["name"]), row["id"]])
    if fresh:
        db.execute("delete from name_roles")
        db.execute(NAME_ROLES_FILL)
        index_name_words(db, [key for (key,) in db.execute("select distinct key from officials")])
    for trigger in NAME_ROLES_TRIGGERS:
        db.execute(trigger)


# What goes into the full-text tables (_FTS), read back to list its words for a database stored before
# search_terms existed.
_SEARCHED_TEXT = ("select title, text from documents", "select text, speaker from quotes",
                  "select text, speaker from statements", "select id, subject, issuer from regulations")


def _fill_search_terms(db: sqlite_utils.Database) -> None:
    """List the words of what is stored already when ``search_terms`` is new to the database."""
    if db.execute("select 1 from search_terms limit 1").fetchall():
        return
    for sql in _SEARCHED_TEXT:
        for row in db.execute(sql):
            index_terms(db, row)


def close_db(db: sqlite_utils.Database) -> None:
    """Fold the write-ahead log back into the database file (when no one else is using it) and close.

    ``warta serve`` opens the file immutable, which does not read a WAL file.
    """
    try:
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        pass
    db.conn.close()


def _add_missing_columns(table: sqlite_utils.db.Table, columns: dict[str, type]) -> None:
    """Add the columns of the schema that an older ``table`` lacks."""
    have = set(table.columns_dict)
    for column, kind in columns.items():
        if column not in have:
            table.add_column(column, kind)


# -- pure helpers: record -> rows -----------------------------------------
