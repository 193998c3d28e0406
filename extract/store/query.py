"""Reading the database back: ranked full-text search with snippets, and records rebuilt from their rows."""
from __future__ import annotations

import json
import re
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


# -- search as a person types it: word forms, OR, phrases, regulations by their short form -------

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')
_WORD_CHARS = re.compile(r"[^\W_]+", re.UNICODE)
_VOWELS = "aeiou"


def _nasal(root: str, head: str) -> list[str]:
    """``meN-``/``peN-`` forms of a root: ``banjir`` -> ``membanjir``, ``tanam`` -> ``menanam``."""
    first = root[0]
    if first in "bfv":
        return [f"{head}m{root}"]
    if first == "p":
        return [f"{head}m{root[1:]}", f"{head}m{root}"]
    if first in "dcjz":
        return [f"{head}n{root}"]
    if first == "t":
        return [f"{head}n{root[1:]}", f"{head}n{root}"]
    if first == "s":
        return [f"{head}ny{root[1:]}", f"{head}n{root}"]
    if first == "k":
        return [f"{head}ng{root[1:]}", f"{head}ng{root}"]
    if first in "gh" or first in _VOWELS:
        return [f"{head}ng{root}"]
    return [f"{head}{root}"]


_PREFIXES = ("memper", "diper", "meng", "meny", "mem", "men", "peng", "peny", "pem", "pen", "ber", "ter", "per",
             "di", "ke", "se", "me", "pe", "be")
_SUFFIXES = ("nya", "kan", "lah", "kah", "an", "i")


def root_of(word: str) -> str:
    """A rough Indonesian stem for searching: one suffix and one prefix taken off while four letters
    or more stay (``kebanjiran`` -> ``banjir``, ``dibanjiri`` -> ``banjir``); a short word is kept."""
    stem = word.lower()
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 5:
            stem = stem[: -len(suffix)]
            break
    for prefix in _PREFIXES:
        rest = ("s" if prefix in ("meny", "peny") else "") + stem[len(prefix):]
        if stem.startswith(prefix) and len(rest) >= 4 and (rest[0] in _VOWELS or rest[1] in _VOWELS):
            if prefix in ("men", "pen") and rest[0] in _VOWELS:
                rest = "t" + rest
            elif prefix in ("mem", "pem") and rest[0] in _VOWELS:
                rest = "p" + rest
            elif prefix in ("meng", "peng") and rest[0] in _VOWELS:
                rest = "k" + rest
            return rest
    return stem


def word_forms(word: str) -> list[str]:
    """The prefixes a search for ``word`` matches (each used as an FTS5 prefix query): the word, its
    root, and the root with Indonesian prefixes (``banjir`` -> ``kebanjir``, ``dibanjir``,
    ``membanjir`` ...). Words shorter than four letters, numbers and acronyms are matched as typed."""
    lower = word.lower()
    if len(lower) < 4 or not lower.isalpha() or (word.isupper() and len(word) <= 6):
        return [lower]
    root = root_of(lower)
    forms = [lower, root]
    for head in ("di", "ke", "ter", "ber", "se", "per", "diper", "memper"):
        forms.append(f"{'be' if head == 'ber' and root[0] == 'r' else head}{root}")
    forms += _nasal(root, "me") + _nasal(root, "pe")
    return list(dict.fromkeys(forms))


def fts_query(q: str | None) -> str:
    """An FTS5 query for what a person typed: each word matches its Indonesian forms (prefix
    queries), ``"two words"`` is a phrase, ``OR`` between words means either; all other words must
    appear. Punctuation and FTS5 syntax are never passed through, so no input raises. The empty
    phrase ``""`` (which matches nothing) when nothing is left to search for."""
    parts: list[str] = []
    for phrase, word in _PHRASE_OR_WORD.findall(q or ""):
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        if phrase:
            tokens = _WORD_CHARS.findall(phrase)
            if tokens:
                parts.append('"' + " ".join(token.lower() for token in tokens) + '"')
            continue
        for token in _WORD_CHARS.findall(word):
            forms = word_forms(token)
            group = " OR ".join(f'"{form}"*' if len(form) >= 4 and form.isalpha() else f'"{form}"'
                                for form in forms)
            parts.append(f"({group})" if len(forms) > 1 else group)
    while parts and parts[-1] == "OR":
        parts.pop()
    while parts and parts[0] == "OR":
        parts.pop(0)
    joined: list[str] = []
    for part in parts:  # FTS5 wants an explicit AND next to a parenthesised group
        if joined and part != "OR" and joined[-1] != "OR":
            joined.append("AND")
        joined.append(part)
    return " ".join(joined) or '""'  # an empty phrase: valid, and matches nothing


def regulation_ids(q: str | None) -> str:
    """The canonical ids of the regulations a query names as people write them (``PP 50/2025`` ->
    ``["pp/2025/50"]``), as a JSON array for SQL's ``json_each``."""
    from ..find.regulations import find_citations, resolve_citations

    try:
        found = resolve_citations(find_citations(q or ""))
    except Exception:  # a search box must never fail on what is typed into it
        found = []
    return json.dumps([regulation.id for regulation in found])


def register_search_functions(conn: Any) -> None:
    """Add ``warta_fts(q)`` and ``warta_regulations(q)`` to a sqlite3 connection (Datasette's too)."""
    conn.create_function("warta_fts", 1, fts_query, deterministic=True)
    conn.create_function("warta_regulations", 1, regulation_ids, deterministic=True)


MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"


def document_search_sql(limit: int = 50) -> str:
    """SQL for the search page: one row per document, best first, with its best snippet.

    Takes ``:q``. A document is found by its title and text, its quotes and statements, the
    regulations it cites (their id, subject and issuer), and a regulation the query names
    (``PP 50/2025``) by canonical id, which ranks first. Needs :func:`register_search_functions`.
    Snippets mark matches with ``⟦`` ``⟧``; ``found_in`` lists where the document matched.
    """
    snippet = f"'{MARK_OPEN}', '{MARK_CLOSE}', '…', 14"
    return f"""with query(fts, regulations) as (select warta_fts(:q), warta_regulations(:q)),
hits(document_id, found_in, snippet, score, regulation_id) as (
  select documents.id, 'document', snippet(documents_fts, -1, {snippet}), bm25(documents_fts, 5.0, 1.0), null
  from documents_fts join documents on documents.rowid = documents_fts.rowid
  where documents_fts match (select fts from query)
  union all
  select quotes.document_id, 'quote', snippet(quotes_fts, 0, {snippet}), bm25(quotes_fts), null
  from quotes_fts join quotes on quotes.rowid = quotes_fts.rowid
  where quotes_fts match (select fts from query)
  union all
  select statements.document_id, 'statement', snippet(statements_fts, 0, {snippet}), bm25(statements_fts), null
  from statements_fts join statements on statements.rowid = statements_fts.rowid
  where statements_fts match (select fts from query)
  union all
  select citations.document_id, 'regulation', snippet(regulations_fts, -1, {snippet}), bm25(regulations_fts),
    regulations.id
  from regulations_fts join regulations on regulations.rowid = regulations_fts.rowid
    join citations on citations.regulation_id = regulations.id
  where regulations_fts match (select fts from query)
  union all
  select citations.document_id, 'regulation',
    '{MARK_OPEN}' || coalesce(citations.mention, citations.regulation_id) || '{MARK_CLOSE}'
      || coalesce(' — ' || substr(citations.sentence, 1, 160), ''),
    -1000.0, citations.regulation_id
  from citations where citations.regulation_id in (select value from json_each((select regulations from query)))
),
best as (
  select document_id, min(score) as score, group_concat(distinct found_in) as found_in,
    max(regulation_id) as regulation_id
  from hits group by document_id
)
select documents.id as document_id, documents.title, documents.kind, documents.date, best.found_in,
  (select snippet from hits where hits.document_id = best.document_id order by score limit 1) as snippet,
  best.regulation_id
from best join documents on documents.id = best.document_id
order by best.score, documents.date desc, documents.source
limit {int(limit)}"""
