"""Reading the database back: ranked full-text search with snippets, and records rebuilt from their rows."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import sqlite_utils

_SEARCH_SEPARATORS = "\t\n\r\"'/\\-.,;:()[]{}!?*+^&|<>=~`@#$%\u201c\u201d\u2018\u2019\u2013\u2014\u2026"


def _separators_sql() -> str:
    """The separators as one SQL string expression."""
    codes = ", ".join(str(ord(char)) for char in _SEARCH_SEPARATORS)
    return f"char({codes})"


def search_sql(limit: int | None = None) -> str:
    """SQL for a ranked full-text search over documents, quotes, statements and regulations.

    Takes ``:q``, a user's plain words: each word is quoted, so punctuation or
    FTS5 keywords never raise a syntax error, and all words must match. Hits are
    ordered by ``bm25`` and carry a snippet with ``[`` ``]`` around matches. With
    ``limit`` None the query also takes ``:limit``.
    """
    limit_sql = ":limit" if limit is None else str(int(limit))
    return f"""with recursive
  separators(chars) as (select {_separators_sql()}),
  cleaned(step, q) as (
    select 1, coalesce(:q, '')
    union all
    select step + 1, replace(q, substr(chars, step, 1), ' ')
    from cleaned, separators where step <= length(chars)
  ),
  words(word, rest) as (
    select '', trim((select q from cleaned order by step desc limit 1)) || ' '
    union all
    select substr(rest, 1, instr(rest, ' ') - 1), ltrim(substr(rest, instr(rest, ' ') + 1))
    from words where rest <> ''
  ),
  fts(query) as (
    select coalesce(group_concat('"' || word || '"', ' '), '""') from words where word <> ''
  )
select * from (
  select 'document' as type, documents.id as document_id, documents.title, documents.source,
    documents.regulation_id, snippet(documents_fts, -1, '[', ']', '…', 16) as snippet,
    bm25(documents_fts) as rank
  from documents_fts join documents on documents.rowid = documents_fts.rowid
  where documents_fts match (select query from fts)
  union all
  select 'quote', documents.id, documents.title, documents.source, null,
    snippet(quotes_fts, -1, '[', ']', '…', 16), bm25(quotes_fts)
  from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid
    join documents on documents.id = quotes.document_id
  where quotes_fts match (select query from fts)
  union all
  select 'statement', documents.id, documents.title, documents.source, null,
    snippet(statements_fts, -1, '[', ']', '…', 16), bm25(statements_fts)
  from statements_fts join statements on statements.rowid = statements_fts.rowid
    join documents on documents.id = statements.document_id
  where statements_fts match (select query from fts)
  union all
  select 'regulation', own.id,
    coalesce(regulations.type || ' ' || regulations.number
      || coalesce(' Tahun ' || regulations.year, ''), regulations.id)
      || coalesce(' tentang ' || regulations.subject, ''),
    own.source, regulations.id,
    snippet(regulations_fts, -1, '[', ']', '…', 16), bm25(regulations_fts)
  from regulations_fts join regulations on regulations.rowid = regulations_fts.rowid
    left join documents as own on own.id = (
      select id from documents where documents.regulation_id = regulations.id order by source limit 1
    )
  where regulations_fts match (select query from fts)
)
order by rank, type, document_id
limit {limit_sql}"""


_HIT_KEYS = ("type", "document_id", "title", "source", "regulation_id", "snippet")


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search, best first; see :func:`search_sql`.

    Each hit is ``{"type", "document_id", "title", "source", "regulation_id",
    "snippet"}`` where type is ``document``, ``quote``, ``statement`` or
    ``regulation``. A regulation hit's document is the document that is that
    regulation, if one is stored.
    """
    rows = db.query(search_sql(), {"q": query, "limit": limit})
    return [{key: row[key] for key in _HIT_KEYS} for row in rows]


def _resolve_id(db: sqlite_utils.Database, wanted: str) -> str:
    """The document id equal to ``wanted`` or, failing that, the only one starting with it."""
    table = db["documents"]
    if table.count_where("id = ?", [wanted]):
        return wanted
    prefixed = table.rows_where("substr(id, 1, ?) = ?", [len(wanted), wanted], select="id")
    matches = [row["id"] for row in prefixed]
    if not matches:
        raise ValueError(f"no stored document has id {wanted!r}")
    if len(matches) > 1:
        raise ValueError(f"id prefix {wanted!r} is ambiguous: {', '.join(sorted(matches))}")
    return matches[0]


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The record stored in a ``documents`` row, with its text put back."""
    record = json.loads(row["record"])
    if row["text"] is not None:
        record["text"] = row["text"]
    return record


def iter_records(db: sqlite_utils.Database, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """Stored records ordered by source; with ``ids`` (full ids or unique prefixes) only those.

    Raises ``ValueError`` for an id that matches no document or several.
    """
    where, params = None, []
    if ids is not None:
        params = sorted({_resolve_id(db, wanted) for wanted in ids})
        where = f"id in ({', '.join('?' for _ in params)})"
    for row in db["documents"].rows_where(where, params, order_by="source", select="record, text"):
        yield record_from_row(row)
