"""Store records in SQLite: one row per document, regulation, agency and person.

The modules: :mod:`.schema` (tables, created on open), :mod:`.rows` (a record's rows),
:mod:`.save` (one transaction per document), :mod:`.query` (search and records back),
:mod:`.provenance` (the sentence a row came from), :mod:`.persons` (one person across documents).

The database is built with sqlite-utils and served by Datasette. Every record
(the contract of ``warta extract`` plus ``"text"``) becomes one ``documents`` row
and its citations, officials, quotes, statements, abbreviations, agency links
and highlightable ``mentions``. Each of those rows keeps its provenance: the
document, the character offsets and the sentence it was read from
(:mod:`extract.store.provenance`).

Regulations, agencies and people are shared across documents. A person is
found again under the same normalized name (honorifics and degrees dropped,
case and punctuation ignored); a one-word name joins a longer one only when
exactly one longer-named person holds a matching position or agency
(:mod:`extract.store.persons`). The ``positions`` table sums up each person's roles
over time.

Writes are idempotent: a document's id is the hash of its content, so saving
the same record twice leaves the database as it was, and child rows carry
ids hashed from their content.
"""
from __future__ import annotations

from .query import iter_records, record_from_row, search, search_sql
from .rows import merge_agency, regulation_id
from .save import counts, record_error, save_record, save_records
from .schema import close_db, open_db

__all__ = ["open_db", "close_db", "save_record", "save_records", "record_error", "counts", "search", "search_sql",
           "iter_records", "record_from_row", "merge_agency", "regulation_id"]
