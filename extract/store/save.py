"""Saving records: one transaction per document, shared regulations, agencies and people found again, a replaced document's rows removed first."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import sqlite_utils
from sqlite_utils.db import NotFoundError, jsonify_if_needed
from sqlite_utils.utils import hash_record

from ..read.sources import printable

from .agencies import drop_agency, save_agency
from .agencies import fullest
from .persons import index_name_words, official_key, person_for, person_key, settle_people
from .provenance import SentenceOf, sentence_finder
from .terms import index_terms
from .rows import (
    _offsets,
    abbreviation_rows,
    citation_rows,
    document_row,
    mention_rows,
    missing_fields,
    officials_with_signatory,
    regulation_id,
    regulation_row,
    relation_rows,
    table_rows,
    section_rows,
    utterance_rows,
)
from .schema import _COUNTED, _DOCUMENT_CHILDREN, _HASH_ID_COLUMNS, immediate, retrying


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _insert_rows(db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, Any]], ignore: bool = False) -> None:
    """Insert rows with plain ``executemany`` (values stored as sqlite-utils stores them: lists and
    dicts as JSON), one statement per set of columns; sqlite-utils' ``insert_all`` looks the table up
    again on every call, which costs more than the insert itself for the few rows of one document."""
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(tuple(jsonify_if_needed(value) for value in row.values()))
    verb = "insert or ignore" if ignore else "insert"
    for columns, values in groups.items():
        names = ", ".join(f'"{column}"' for column in columns)
        db.conn.executemany(f'{verb} into "{table}" ({names}) values ({", ".join("?" for _ in columns)})', values)


def _insert_hashed(db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows whose id is a hash of their content (as sqlite-utils' ``hash_id`` makes it),
    skipping ones already there."""
    keys = _HASH_ID_COLUMNS[table]
    _insert_rows(db, table, ({"id": hash_record(row, keys), **row} for row in rows), ignore=True)


def _save_regulation(db: sqlite_utils.Database, regulation: dict[str, Any]) -> str | None:
    """Insert a regulation or fill in the fields its row lacks; return its id."""
    reg_id = regulation_id(regulation)
    if reg_id is None:
        return None
    row = regulation_row(reg_id, regulation)
    index_terms(db, [reg_id, row.get("subject"), row.get("issuer")])
    table = db["regulations"]
    try:
        existing = table.get(reg_id)
    except NotFoundError:
        table.insert(row)
        return reg_id
    updates = missing_fields(existing, row)
    for key in ("issuer", "subject"):  # the fullest wording any document gives: the same in any order
        if existing.get(key) and row.get(key) and fullest([existing[key], row[key]]) != existing[key]:
            updates[key] = row[key]
    if updates:
        table.update(reg_id, updates)
    return reg_id


def _save_agencies(
    db: sqlite_utils.Database, document_id: str, agencies: Iterable[dict[str, Any]], sentence_of: SentenceOf
) -> list[tuple[int, dict[str, Any]]]:
    """Save a document's agencies and its links to them; return ``(agency id, agency)`` pairs."""
    saved = []
    moved: dict[int, int] = {}
    for agency in agencies:
        agency_id = save_agency(db, agency, moved)
        if agency_id is not None:
            saved.append((agency_id, agency))

    def final(agency_id: int) -> int:  # rows merged while this document's agencies were saved
        while agency_id in moved:
            agency_id = moved[agency_id]
        return agency_id

    saved = [(final(agency_id), agency) for agency_id, agency in saved]
    links: dict[int, dict[str, Any]] = {}
    for agency_id, agency in saved:
        link = links.setdefault(agency_id, {"document_id": document_id, "agency_id": agency_id, "mentions": 0,
                                            "start": None, "end": None})
        mentions = agency.get("mentions") or []
        link["mentions"] += len(mentions)
        for offsets in filter(None, map(_offsets, mentions)):
            if link["start"] is None or offsets[0] < link["start"]:
                link["start"], link["end"] = offsets
    _insert_rows(db, "document_agencies",
                 ({**link, "sentence": sentence_of(link["start"], link["end"])} for link in links.values()))
    return saved


# -- people and positions ----------------------------------------------------

# Positions differing only in case are one; min() keeps the capitalized form.
_POSITIONS_SQL = """select officials.person_id, min(officials.position) as position, min(officials.agency) as agency,
  min(coalesce(documents.date, documents.event_date)) as first_date,
  max(coalesce(documents.date, documents.event_date)) as last_date,
  count(distinct officials.document_id) as documents
from officials join documents on documents.id = officials.document_id
where officials.person_id in ({marks})
group by officials.person_id, lower(coalesce(officials.position, '')), lower(coalesce(officials.agency, ''))"""


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _sql_lower(value: str | None) -> str:
    """SQLite's ``lower(coalesce(value, ''))``: ASCII letters only, as SQLite folds them."""
    return (value or "").translate(_ASCII_LOWER)


def _least(values: Iterable[Any], pick=min) -> Any:
    """SQL's ``min`` (or ``max``): NULLs left out, NULL when nothing is left."""
    present = [value for value in values if value is not None]
    return pick(present) if present else None


def _add_positions(db: sqlite_utils.Database, person_ids: set[int], documents: list[str]) -> None:
    """Add the officials rows of ``documents`` (just stored) to the ``positions`` of ``person_ids``, whose
    other rows have not changed: the same rows :func:`_refresh_positions` would count, without reading
    every officials row of the person again."""
    if not person_ids or not documents:
        return
    ids, docs = sorted(person_ids), sorted(documents)
    found = db.execute(
        f"""select officials.person_id, officials.position, officials.agency,
          coalesce(documents.date, documents.event_date), officials.document_id
        from officials join documents on documents.id = officials.document_id
        where officials.document_id in ({", ".join("?" for _ in docs)})
          and officials.person_id in ({", ".join("?" for _ in ids)})""", docs + ids).fetchall()
    groups: dict[tuple[int, str, str], list[tuple]] = {}
    for person_id, position, agency, date, document_id in found:
        groups.setdefault((person_id, _sql_lower(position), _sql_lower(agency)), []).append(
            (position, agency, date, document_id))
    for (person_id, position_key, agency_key), rows in sorted(groups.items()):
        stored = [row for row in db.execute(
            "select id, position, agency, first_date, last_date, documents from positions where person_id = ?",
            [person_id]) if (_sql_lower(row[1]), _sql_lower(row[2])) == (position_key, agency_key)]
        old = stored[0] if stored else (None, None, None, None, None, 0)
        row = {
            "person_id": person_id,
            "position": _least([old[1]] + [r[0] for r in rows]),
            "agency": _least([old[2]] + [r[1] for r in rows]),
            "first_date": _least([old[3]] + [r[2] for r in rows]),
            "last_date": _least([old[4]] + [r[2] for r in rows], max),
            "documents": old[5] + len({r[3] for r in rows}),
        }
        if stored:
            db.execute("delete from positions where id = ?", [old[0]])
        _insert_hashed(db, "positions", [row])


def _refresh_positions(db: sqlite_utils.Database, person_ids: set[int]) -> None:
    """Recount the ``positions`` rows of ``person_ids`` from their officials rows."""
    if not person_ids:
        return
    ids = sorted(person_ids)
    marks = ", ".join("?" for _ in ids)
    db.execute(f"delete from positions where person_id in ({marks})", ids)
    _insert_hashed(db, "positions", list(db.query(_POSITIONS_SQL.format(marks=marks), ids)))


def _save_officials(
    db: sqlite_utils.Database, document_id: str, officials: Iterable[dict[str, Any]], sentence_of: SentenceOf
) -> list[tuple[int, dict[str, Any]]]:
    """Insert officials (one row per person and position); return ``(person id, official)`` pairs."""
    saved = []
    rows = []
    for official in officials:
        name = official["name"]
        person_id = person_for(db, name, official.get("position"), official.get("agency"))
        saved.append((person_id, official))
        mentions = official.get("mentions") or []
        first = mentions[0] if mentions else {}
        rows.append({
            "document_id": document_id,
            "person_id": person_id,
            "name": name,
            "key": official_key(name),
            "position": official.get("position"),
            "agency": official.get("agency"),
            "start": first.get("start"),
            "end": first.get("end"),
            "mentions": len(mentions),
            "signatory": int(bool(official.get("signatory"))),
            "sentence": sentence_of(first.get("start"), first.get("end")),
        })
    _insert_hashed(db, "officials", rows)
    index_name_words(db, [row["key"] for row in rows])
    return saved


def _speaker_ids(db: sqlite_utils.Database, record: dict[str, Any], officials: dict[str, int]) -> dict[str, int]:
    """Person ids by folded speaker name: the document's officials, else a stored person of that full name."""
    ids = dict(officials)
    for item in [*(record.get("quotes") or []), *(record.get("statements") or [])]:
        speaker = item.get("speaker")
        if not speaker or speaker.casefold() in ids:
            continue
        key = person_key(speaker)
        if len(key.split()) > 1:
            found = next(iter(db.query("select id from people where key = ? order by id limit 1", [key])), None)
            if found:
                ids[speaker.casefold()] = found["id"]
    return ids


def _insert_utterances(
    db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, Any]]
) -> list[tuple[int, list[dict[str, Any]]]]:
    """Insert quotes or statements one by one; return ``(row id, [span])`` pairs for mentions."""
    saved = []
    for row in rows:
        names = ", ".join(f'"{column}"' for column in row)
        cursor = db.conn.execute(f'insert into "{table}" ({names}) values ({", ".join("?" for _ in row)})',
                                 [jsonify_if_needed(value) for value in row.values()])
        saved.append((cursor.lastrowid, [row]))
    return saved


def _insert_document(db: sqlite_utils.Database, record: dict[str, Any]) -> set[int]:
    """Write a record's document row and every row that hangs off it; return the people it names."""
    document_id, text = record["id"], record.get("text")
    sentence_of = sentence_finder(text)
    own_id = _save_regulation(db, record["regulation"]) if record.get("regulation") else None
    cited = [(_save_regulation(db, reg), reg) for reg in record.get("regulations") or []]
    document = document_row(record, own_id, _now())
    _insert_rows(db, "documents", [document])
    index_terms(db, [document.get("title"), document.get("text")])
    cited = [(reg_id, reg) for reg_id, reg in cited if reg_id]
    _insert_hashed(
        db, "citations",
        (row for reg_id, reg in cited for row in citation_rows(document_id, reg_id, reg, sentence_of)),
    )
    known = {reg_id for reg_id, _ in cited} | ({own_id} if own_id else set())
    _insert_hashed(db, "regulation_relations", relation_rows(document_id, record.get("relations") or [], known))
    _insert_hashed(db, "tables", table_rows(document_id, record.get("tables") or []))
    agencies = _save_agencies(db, document_id, record.get("agencies") or [], sentence_of)
    people = _save_officials(db, document_id, officials_with_signatory(record), sentence_of)
    speakers = _speaker_ids(db, record, {official["name"].casefold(): pid for pid, official in people})
    said = {table: _insert_utterances(db, table, utterance_rows(document_id, record.get(table) or [], speakers,
                                                                 sentence_of))
            for table in ("quotes", "statements")}
    index_terms(db, [row.get(column) for rows in said.values() for _, (row,) in rows for column in ("text", "speaker")])
    _insert_hashed(db, "abbreviations",
                   abbreviation_rows(document_id, record.get("abbreviations") or [], sentence_of))
    _insert_hashed(db, "sections", section_rows(document_id, record.get("sections") or [], text))
    spans = [
        ("regulation", "regulation_id", [(reg_id, reg.get("mentions") or []) for reg_id, reg in cited]),
        ("agency", "agency_id", [(aid, agency.get("mentions") or []) for aid, agency in agencies]),
        ("person", "person_id", [(pid, official.get("mentions") or []) for pid, official in people]),
        ("quote", "quote_id", said["quotes"]),
        ("statement", "statement_id", said["statements"]),
        ("reference", "regulation_id", _references(db, record.get("references") or [], known)),
    ]
    _insert_rows(
        db, "mentions", (row for kind, column, items in spans
        for row in mention_rows(document_id, text, kind, column, items, sentence_of)))
    return {person_id for person_id, _ in people} | {
        row["person_id"] for _, (row,) in [*said["quotes"], *said["statements"]] if row["person_id"]}


def _references(db: sqlite_utils.Database, references: Iterable[dict[str, Any]], known: set[str]) -> list:
    """``(regulation id, [span])`` pairs of the references without a number; an instrument known only
    by its name ("UU ITE") gets its regulations row from the names table's entry."""
    pairs = []
    for ref in references:
        reg_id = ref.get("regulation")
        if reg_id not in known and ref.get("instrument"):
            known.add(_save_regulation(db, {"id": reg_id, **ref["instrument"]}) or "")
        if reg_id in known:
            pairs.append((reg_id, [ref]))
    return pairs


def _delete_document(db: sqlite_utils.Database, document_id: str) -> set[int]:
    """Delete a document and the rows that belong to it (not shared entities); return the people it named."""
    named = {row["person_id"] for row in db["officials"].rows_where("document_id = ?", [document_id],
                                                                     select="person_id")}
    for table in _DOCUMENT_CHILDREN:
        db[table].delete_where("document_id = ?", [document_id])
    db["documents"].delete(document_id)
    return named


def save_record(db: sqlite_utils.Database, record: dict[str, Any]) -> str:
    """Save one record in one transaction; return ``"added"``, ``"unchanged"`` or ``"replaced"``.

    A record whose id is stored already is skipped. A record whose source is
    stored under another id replaces that document and its rows; the people
    it names have their ``positions`` recounted, and the regulations, agencies
    and people that no document refers to any more are removed. If anything
    fails, nothing of the record is written and the exception propagates.

    Safe with other writers on the same database: the transaction starts with
    ``BEGIN IMMEDIATE`` (it waits for the write lock rather than failing on a
    lock upgrade), the "already stored?" check runs inside it, and a transaction
    that still finds the database busy is rolled back and retried with back-off.
    """
    return retrying(lambda: _save_once(db, record))


def _save_once(db: sqlite_utils.Database, record: dict[str, Any]) -> str:
    with immediate(db):
        same = db.execute("select source from documents where id = ?", [record["id"]]).fetchone()
        stored = db["documents"].rows_where("source = ? and id != ?", [record["source"], record["id"]],
                                            select="id")
        previous = [row["id"] for row in stored]
        if same and not previous and same[0] == record["source"]:
            return "unchanged"
        removed: set[int] = set()  # the people of the documents replaced
        held = _Held()
        for document_id in previous:
            held.collect(db, document_id)
            removed |= _delete_document(db, document_id)
        saved: list[str] = []
        named: set[int] = set()
        if same:
            _keep_first_source(db, record["id"], same[0], record["source"])
        else:
            named = _insert_document(db, record)
            saved.append(record["id"])
        _link_waiting_speakers(db, removed | named)
        recount, added = settle_people(db, removed, saved)
        _refresh_positions(db, recount)
        _add_positions(db, added, saved)
        if previous:
            held.prune(db)
    return "replaced" if previous else ("unchanged" if same else "added")


def _keep_first_source(db: sqlite_utils.Database, document_id: str, stored: str, source: str) -> None:
    """Files with the same content are one document, kept under the path that sorts first (in any order)."""
    if source < stored:
        db.execute("update documents set source = ?, record = json_set(record, '$.source', ?) where id = ?",
                   [source, source, document_id])


class _Held:
    """The shared rows (regulations, agencies, people) a document refers to, to drop once nothing else does."""

    def __init__(self) -> None:
        self.regulations: set[str] = set()
        self.agencies: set[int] = set()
        self.people: set[int] = set()

    def collect(self, db: sqlite_utils.Database, document_id: str) -> None:
        one = [document_id]
        self.regulations |= {r[0] for r in db.execute(
            "select regulation_id from citations where document_id = ? union "
            "select regulation_id from documents where id = ? and regulation_id is not null", one * 2)}
        self.agencies |= {r[0] for r in db.execute(
            "select agency_id from document_agencies where document_id = ?", one)}
        self.people |= {r[0] for r in db.execute(
            "select person_id from officials where document_id = ? union "
            "select person_id from quotes where document_id = ? and person_id is not null union "
            "select person_id from statements where document_id = ? and person_id is not null", one * 3)}

    def prune(self, db: sqlite_utils.Database) -> None:
        """Delete the collected rows that no document refers to any more (their FTS rows go by trigger)."""
        for reg_id in sorted(self.regulations):
            if not _referenced(db, reg_id, [("citations", "regulation_id"), ("documents", "regulation_id"),
                                            ("mentions", "regulation_id")]):
                db["regulations"].delete(reg_id)
        for agency_id in sorted(self.agencies):
            if db["agencies"].count_where("id = ?", [agency_id]) and not _referenced(
                    db, agency_id, [("document_agencies", "agency_id"), ("mentions", "agency_id")]):
                drop_agency(db, agency_id)
        for person_id in sorted(self.people):
            if db["people"].count_where("id = ?", [person_id]) and not _referenced(
                    db, person_id, [("officials", "person_id"), ("quotes", "person_id"),
                                    ("statements", "person_id"), ("mentions", "person_id")]):
                db.execute("delete from positions where person_id = ?", [person_id])
                db.execute("delete from person_names where person_id = ?", [person_id])
                db["people"].delete(person_id)


def _referenced(db: sqlite_utils.Database, value: Any, columns: list[tuple[str, str]]) -> bool:
    return any(db.execute(f"select 1 from {table} where {column} = ? limit 1", [value]).fetchone()
               for table, column in columns)


def _link_waiting_speakers(db: sqlite_utils.Database, person_ids: set[int]) -> None:
    """Link the quotes and statements of earlier documents whose speaker is one of ``person_ids`` by full name.

    A speaker is linked to a stored person of the same full name (see :func:`_speaker_ids`); a
    document that arrives after the quote's document must link it too, or the links would
    depend on the order documents are stored in.
    """
    for person_id in sorted(person_ids):
        row = db.execute("select key from people where id = ?", [person_id]).fetchone()
        if row is None or len(row[0].split()) < 2:
            continue
        key = row[0]
        for table in ("quotes", "statements"):  # by the index on (speaker_key, person_id)
            db.execute(f"update {table} set person_id = ? where speaker_key = ? and person_id is null",
                       [person_id, key])


def save_records(db: sqlite_utils.Database, records: Iterable[dict[str, Any]]) -> Counter[str]:
    """Save records one transaction each; count the outcomes."""
    return Counter(save_record(db, record) for record in records)


def record_error(db: sqlite_utils.Database, source: str, message: str) -> None:
    """Note that ``source`` could not be processed; the same error is kept once, with its latest time.

    A file name that is not valid UTF-8 is stored with its odd bytes written as ``\\xNN``.
    """
    row = {"source": printable(source), "message": printable(message), "at": _now()}

    def insert() -> None:
        with immediate(db):
            db["errors"].insert(row, hash_id="id", hash_id_columns=_HASH_ID_COLUMNS["errors"], replace=True)

    retrying(insert)



# -- reading ------------------------------------------------------------------


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Row counts: documents, regulations, citations, officials (people), agencies, quotes, errors."""
    return {key: db[table].count for key, table in _COUNTED.items()}


# Characters a search box treats as spaces; a term made only of them would
# otherwise become an empty FTS5 phrase that matches nothing.


def store_file_record(db: sqlite_utils.Database, record: dict[str, Any], path: str, sha: str | None,
                      replaces: str | None = None) -> str:
    """Save the record read from file ``path`` (of SHA-256 ``sha``), replacing document ``replaces``
    first where the file changed under another spelling of its path, and remember the file's hash,
    all in one write transaction (``BEGIN IMMEDIATE``, retried while another writer holds the lock)."""
    from .files import remember_file

    def once() -> str:
        with immediate(db):
            if replaces:
                delete_document(db, replaces)
            result = _save_once(db, record)
            if sha:
                remember_file(db, path, sha, record["id"])
        return result

    return retrying(once)


def delete_document(db: sqlite_utils.Database, document_id: str) -> None:
    """Delete a stored document and its rows in one transaction (its people's positions recounted);
    the regulations, agencies and people that no document refers to any more go with it."""
    with db.atomic():
        held = _Held()
        held.collect(db, document_id)
        _refresh_positions(db, _delete_document(db, document_id))
        held.prune(db)
