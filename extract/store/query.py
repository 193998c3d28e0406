"""Reading the database back: ranked full-text search with snippets, and records rebuilt from their rows."""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import sqlite_utils

from .terms import PREFIX_TERMS_SQL

MAX_QUERY_WORDS = 32
"""The most distinct words of one query sent to FTS5; the rest are left out with a note. A search of
more words than this matches next to nothing anyway, and FTS5's work grows with every term."""

SCORED_MATCHES = 500
"""The most matches of one full-text table that ``bm25`` scores for one search: the newest ones (the
highest rowids). A word found in fewer rows is ranked over all of them; a very common word ("yang",
"dan", found in nearly every document) is ranked over the newest rows that contain it, so that a
search costs about the same at 10,000 documents as at 100,000. Such a word's bm25 weight is near
nought anyway (it tells documents apart by little more than length), so little ranking is lost."""

_PLAIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def newest_scored(table: str, match: str, score: str, bound: int) -> str:
    """SQL for ``rid`` and ``score`` (the expression ``score``, say a bm25) of the ``bound`` newest rows
    of ``table`` matching ``match``. FTS5 hands its matches over in rowid order, so the walk stops
    after ``bound`` rows, and only those are scored; order them by score outside."""
    return (f"select rowid as rid, {score} as score from {table} where {table} match {match} "
            f"order by rowid desc limit {int(bound)}")


def _capped(words: Iterable[str]) -> tuple[list[str], int]:
    """The distinct words (case folded, first spelling kept, in order) up to :data:`MAX_QUERY_WORDS`,
    and how many distinct words there were in all. One pass over the words."""
    seen: dict[str, str] = {}
    for word in words:
        seen.setdefault(word.casefold(), word)
    kept = list(seen.values())
    return kept[:MAX_QUERY_WORDS], len(kept)


def capped_note(total: int) -> str:
    """The note shown when a query had more distinct words than are searched."""
    return (f"the query has {total} different words; only the first {MAX_QUERY_WORDS} are searched "
            f"(fewer words give a more useful search)")


def plain_fts_query(q: str | None) -> tuple[str, int]:
    """The FTS5 query of :func:`search`: every distinct word of ``q`` quoted (so punctuation and FTS5
    keywords are only words) and all required, at most :data:`MAX_QUERY_WORDS` of them; and how many
    distinct words ``q`` had. The empty phrase ``""`` (which matches nothing) when no word is left."""
    words, total = _capped(_PLAIN_WORD.findall(q or ""))
    return " ".join(f'"{word}"' for word in words) or '""', total


def _ranked(table: str, rows: str, kind: str, title: str, regulation: str, limit: str, scored: int) -> str:
    """The best ``limit`` rows of one full-text table, ranked by bm25 before any join or snippet, among
    its newest ``scored`` matches."""
    newest = newest_scored(table, ":q", f"bm25({table})", scored)
    return f"""select '{kind}' as type, {rows}.rowid as rid, {title}, {regulation} as regulation_id, ranked.rank
  from (select rid, score as rank from ({newest}) order by rank limit {limit}) as ranked
  join {rows} on {rows}.rowid = ranked.rid"""


def search_sql(limit: int | None = None, scored: int = SCORED_MATCHES) -> str:
    """SQL for a ranked full-text search over documents, quotes, statements and regulations.

    Takes ``:q``, an FTS5 query as :func:`plain_fts_query` builds it from a person's words. Each
    full-text table is ranked by ``bm25`` (over its newest ``scored`` matches) and cut to
    the limit first; only the rows shown get a snippet, with ``[`` ``]`` around matches. With ``limit`` None the query also takes ``:limit``.
    """
    limit_sql = ":limit" if limit is None else str(int(limit))
    snippet = "'[', ']', '…', 16"
    own = "(select id from documents where documents.regulation_id = regulations.id order by source limit 1)"
    parts = [
        _ranked("documents_fts", "documents", "document", "documents.id as document_id", "documents.regulation_id",
                limit_sql, scored),
        _ranked("quotes_fts", "quotes", "quote", "quotes.document_id", "null", limit_sql, scored),
        _ranked("statements_fts", "statements", "statement", "statements.document_id", "null", limit_sql, scored),
        _ranked("regulations_fts", "regulations", "regulation", f"{own} as document_id", "regulations.id", limit_sql,
                scored),
    ]
    union = "\n  union all\n  ".join(parts)
    return f"""with shown as materialized (
  select * from (
  {union}
  ) order by rank, type, document_id limit {limit_sql}
)
select shown.type, shown.document_id,
  case shown.type when 'regulation' then
    coalesce(regulations.type || ' ' || regulations.number || coalesce(' Tahun ' || regulations.year, ''),
      regulations.id) || coalesce(' tentang ' || regulations.subject, '')
    else documents.title end as title,
  documents.source, shown.regulation_id,
  case shown.type
    when 'document' then (select snippet(documents_fts, -1, {snippet}) from documents_fts
      where documents_fts match :q and documents_fts.rowid = shown.rid)
    when 'quote' then (select snippet(quotes_fts, -1, {snippet}) from quotes_fts
      where quotes_fts match :q and quotes_fts.rowid = shown.rid)
    when 'statement' then (select snippet(statements_fts, -1, {snippet}) from statements_fts
      where statements_fts match :q and statements_fts.rowid = shown.rid)
    else (select snippet(regulations_fts, -1, {snippet}) from regulations_fts
      where regulations_fts match :q and regulations_fts.rowid = shown.rid)
  end as snippet,
  shown.rank
from shown
  left join documents on documents.id = shown.document_id
  left join regulations on shown.type = 'regulation' and regulations.rowid = shown.rid
order by shown.rank, shown.type, shown.document_id"""


_HIT_KEYS = ("type", "document_id", "title", "source", "regulation_id", "snippet")


def search(db: sqlite_utils.Database, query: str, limit: int = 20,
           warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """Full-text search, best first; see :func:`search_sql`.

    Each hit is ``{"type", "document_id", "title", "source", "regulation_id",
    "snippet"}`` where type is ``document``, ``quote``, ``statement`` or
    ``regulation``. A regulation hit's document is the document that is that
    regulation, if one is stored. A query of more than :data:`MAX_QUERY_WORDS`
    distinct words is cut to those, with a note to ``warn`` (standard error by default).
    """
    fts, total = plain_fts_query(query)
    if total > MAX_QUERY_WORDS:
        (warn or (lambda note: print(f"warning: {note}", file=sys.stderr)))(capped_note(total))
    rows = db.query(search_sql(), {"q": fts, "limit": limit})
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
    appear. Punctuation and FTS5 syntax are never passed through, so no input raises. A word or
    phrase typed twice counts once, and only the first :data:`MAX_QUERY_WORDS` are kept. The empty
    phrase ``""`` (which matches nothing) when nothing is left to search for."""
    parts: list[str] = []
    seen: set[str] = set()
    for phrase, word in _PHRASE_OR_WORD.findall(q or ""):
        if len(seen) >= MAX_QUERY_WORDS:
            break  # a query this long matches next to nothing; FTS5's work grows with every term
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        if phrase:
            tokens = _WORD_CHARS.findall(phrase)
            quoted = '"' + " ".join(token.lower() for token in tokens) + '"'
            if tokens and quoted not in seen:
                seen.add(quoted)
                parts.append(quoted)
            continue
        for token in _WORD_CHARS.findall(word):
            if token.lower() in seen or len(seen) >= MAX_QUERY_WORDS:
                if parts and parts[-1] == "OR":  # "a OR a" is just "a"
                    parts.pop()
                continue
            seen.add(token.lower())
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
    """Add ``warta_fts(q)``, ``warta_regulations(q)``, ``warta_prefixes(fts)`` and ``warta_expand(fts, words)``
    to a sqlite3 connection (Datasette's too)."""
    from .terms import expand_prefixes, prefixes_of

    conn.create_function("warta_fts", 1, fts_query, deterministic=True)
    conn.create_function("warta_regulations", 1, regulation_ids, deterministic=True)
    conn.create_function("warta_prefixes", 1, prefixes_of, deterministic=True)
    conn.create_function("warta_expand", 2, expand_prefixes, deterministic=True)


MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"


def _best_per_document(table: str, rows: str, kind: str, weights: str, limit: int, scored: int) -> str:
    """Each document's best row in one full-text table (scores only, no snippet), for the best ``limit``
    documents among the table's ``4 * limit`` best rows (a document's quotes or statements are few, so
    that many rows reach well past ``limit`` documents, and joining every match would cost as much).
    Only the table's newest ``scored`` matches are scored."""
    newest = newest_scored(table, "(select fts from query)", f"bm25({table}{weights})", scored)
    return f"""{kind}_scored as materialized (
  select rid, score from ({newest}) order by score, rid limit {4 * limit}
),
{kind}_best as materialized (
  select {rows}.document_id as document_id, '{kind}' as kind, min({kind}_scored.score) as score,
    {kind}_scored.rid as rid, null as regulation_id
  from {kind}_scored join {rows} on {rows}.rowid = {kind}_scored.rid
  group by {rows}.document_id order by 3, 1 limit {limit}
)"""


def _snippets_of_shown(table: str, kind: str, column: int, marks: str) -> str:
    """Snippets of one full-text table for the shown rows of that kind, made in one pass of the match
    over the shown rows' rowid range (a ``MATCH`` per row would evaluate the query again each time),
    and none when no row of that kind is shown: the range is then empty (FTS5 takes a NULL bound for no
    bound at all, and would walk every match). The ``+`` keeps the rowid list a filter rather than one
    lookup per row."""
    return f"""{kind}_snippet as materialized (
  select rowid as rid, snippet({table}, {column}, {marks}) as snippet from {table}
  where (select count(*) from shown where kind = '{kind}') > 0 and {table} match (select fts from query)
    and rowid >= coalesce((select min(rid) from shown where kind = '{kind}'), 1)
    and rowid <= coalesce((select max(rid) from shown where kind = '{kind}'), 0)
    and +rowid in (select rid from shown where kind = '{kind}')
)"""


def document_search_sql(limit: int = 50, scored: int = SCORED_MATCHES) -> str:
    """SQL for the search page: one row per document, best first, with its best snippet.

    Takes ``:q``. A document is found by its title and text, its quotes and statements, the
    regulations it cites (their id, subject and issuer), and a regulation the query names
    (``PP 50/2025``) by canonical id, which ranks first. Needs :func:`register_search_functions`.
    Snippets mark matches with ``⟦`` ``⟧``; ``found_in`` lists where the document matched.

    Fast at any size: each word form searched as a prefix is searched as the words it begins
    (:mod:`extract.store.terms`), which FTS5 reads newest first and stops, where a prefix is gathered
    over the whole archive first; each full-text table is scored with ``bm25`` alone, over at most its newest
    ``scored`` matches (:data:`SCORED_MATCHES`), and cut
    to the ``limit`` best documents before anything is joined; snippets are made only for the rows shown. So
    ``found_in`` names the kinds of match in which the document is among the ``limit`` best.
    """
    snippet = f"'{MARK_OPEN}', '{MARK_CLOSE}', '…', 14"
    n = int(limit)
    documents = f"""document_best as materialized (
  select documents.id as document_id, 'document' as kind, ranked.score, ranked.rid, null as regulation_id
  from (select rid, score from ({newest_scored("documents_fts", "(select fts from query)",
                                                  "bm25(documents_fts, 5.0, 1.0)", scored)})
    order by score limit {n}) as ranked
  join documents on documents.rowid = ranked.rid
)"""
    # The n best regulations, and the first n documents citing each (by id, through the index on
    # (regulation_id, document_id)): a regulation cited by half the archive costs what one cited once does.
    regulations = f"""regulation_scored as materialized (
  select regulations.id as regulation_id, ranked.rid, ranked.score
  from (select rowid as rid, bm25(regulations_fts) as score from regulations_fts
    where regulations_fts match (select fts from query) order by score, rowid limit {n}) as ranked
  join regulations on regulations.rowid = ranked.rid
),
regulation_cited as materialized (
  select cited.value as document_id, regulation_scored.score, regulation_scored.rid, regulation_scored.regulation_id
  from regulation_scored, json_each((select json_group_array(document_id) from (select document_id from citations
    where citations.regulation_id = regulation_scored.regulation_id order by document_id limit {n}))) as cited
),
regulation_best as materialized (
  select document_id, 'regulation' as kind, min(score) as score, rid, regulation_id
  from regulation_cited group by document_id order by 3, 1 limit {n}
),
cited_best as materialized (
  select citations.document_id, 'cited' as kind, -1000.0 as score, min(citations.rowid) as rid,
    citations.regulation_id
  from citations where citations.regulation_id in (select value from json_each((select regulations from query)))
  group by citations.document_id order by 1 limit {n}
)"""
    found = " || ".join(f"case when max(kind in ({kinds})) then ',{name}' else '' end" for name, kinds in (
        ("document", "'document'"), ("quote", "'quote'"), ("statement", "'statement'"),
        ("regulation", "'regulation', 'cited'")))
    snippets = ",\n".join(_snippets_of_shown(table, kind, column, snippet) for table, kind, column in (
        ("documents_fts", "document", -1), ("quotes_fts", "quote", 0), ("statements_fts", "statement", 0),
        ("regulations_fts", "regulation", -1)))
    snippets += f""",
cited_snippet as materialized (
  select citations.rowid as rid, '{MARK_OPEN}' || coalesce(citations.mention, citations.regulation_id) || '{MARK_CLOSE}'
    || coalesce(' — ' || substr(citations.sentence, 1, 160), '') as snippet
  from citations where citations.rowid in (select rid from shown where kind = 'cited')
)"""
    words = PREFIX_TERMS_SQL.format(fts="typed.fts")
    return f"""with typed(fts) as materialized (select warta_fts(:q)),
query(fts, regulations) as materialized (select warta_expand(typed.fts, {words}), warta_regulations(:q) from typed),
{documents},
{_best_per_document("quotes_fts", "quotes", "quote", "", n, scored)},
{_best_per_document("statements_fts", "statements", "statement", "", n, scored)},
{regulations},
hits as materialized (
  select *, row_number() over (partition by document_id order by score, kind, rid) as place from (
    select * from document_best union all select * from quote_best union all select * from statement_best
    union all select * from regulation_best union all select * from cited_best)
),
best as materialized (
  select document_id, min(score) as score, max(case when place = 1 then kind end) as kind,
    max(case when place = 1 then rid end) as rid, ltrim({found}, ',') as found_in,
    max(regulation_id) as regulation_id
  from hits group by document_id
),
shown as materialized (
  select best.*, documents.title, documents.kind as document_kind, documents.date, documents.source
  from best join documents on documents.id = best.document_id
  order by best.score, documents.date desc, documents.source
  limit {n}
),
{snippets}
select shown.document_id, shown.title, shown.document_kind as kind, shown.date, shown.found_in,
  coalesce(document_snippet.snippet, quote_snippet.snippet, statement_snippet.snippet,
    regulation_snippet.snippet, cited_snippet.snippet) as snippet,
  shown.regulation_id
from shown
  left join document_snippet on shown.kind = 'document' and document_snippet.rid = shown.rid
  left join quote_snippet on shown.kind = 'quote' and quote_snippet.rid = shown.rid
  left join statement_snippet on shown.kind = 'statement' and statement_snippet.rid = shown.rid
  left join regulation_snippet on shown.kind = 'regulation' and regulation_snippet.rid = shown.rid
  left join cited_snippet on shown.kind = 'cited' and cited_snippet.rid = shown.rid
order by shown.score, shown.date desc, shown.source"""
