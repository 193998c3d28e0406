"""Store records in SQLite: one row per document, regulation, agency and person.

The database is built with sqlite-utils and served by Datasette. Every record
(the contract of ``warta extract`` plus ``"text"``) becomes one ``documents`` row
and its citations, officials, quotes, statements, abbreviations, agency links
and highlightable ``mentions``. Each of those rows keeps its provenance: the
document, the character offsets and the sentence it was read from
(:mod:`extract.provenance`).

Regulations, agencies and people are shared across documents. A person is
found again under the same normalized name (honorifics and degrees dropped,
case and punctuation ignored); a one-word name joins a longer one only when
exactly one longer-named person holds a matching position or agency
(:mod:`extract.persons`). The ``positions`` table sums up each person's roles
over time.

Writes are idempotent: a document's id is the hash of its content, so saving
the same record twice leaves the database as it was, and child rows carry
ids hashed from their content.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import NotFoundError

from .persons import absorb_short_names, person_for, person_key
from .provenance import SentenceOf, no_sentence, sentence_finder

# -- schema ---------------------------------------------------------------

_TABLES: dict[str, dict[str, Any]] = {
    "regulations": {
        "columns": {"id": str, "type": str, "number": str, "year": int, "issuer": str, "subject": str},
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
    "officials": {
        "columns": {"id": str, "document_id": str, "person_id": int, "name": str, "position": str,
                    "agency": str, "start": int, "end": int, "mentions": int, "signatory": int,
                    "sentence": str},
        "pk": "id",
        "not_null": ["document_id", "person_id"],
        "foreign_keys": [("document_id", "documents", "id"), ("person_id", "people", "id")],
    },
    "quotes": {
        "columns": {"id": int, "document_id": str, "person_id": int, "speaker": str, "text": str,
                    "start": int, "end": int, "sentence": str},
        "pk": "id",
        "not_null": ["document_id", "text"],
        "foreign_keys": [("document_id", "documents", "id"), ("person_id", "people", "id")],
    },
    "statements": {
        "columns": {"id": int, "document_id": str, "person_id": int, "speaker": str, "text": str,
                    "start": int, "end": int, "sentence": str},
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
                    "text": str},
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
    "errors": {
        "columns": {"id": str, "source": str, "message": str, "at": str},
        "pk": "id",
    },
}

_INDEXES: dict[str, list[list[str]]] = {
    "people": [["key"]],
    "documents": [["year"], ["kind"]],
    "mentions": [["document_id", "start"]],
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
    "positions": ("person_id", "position", "agency"),
}

# Rows that belong to one document, deleted with it when it is replaced.
# Mentions first: they point at quotes and statements.
_DOCUMENT_CHILDREN = ("mentions", "citations", "officials", "quotes", "statements", "abbreviations",
                      "sections", "document_agencies")

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


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path`` with the Warta schema.

    Safe to call on an existing database: tables, indexes and full-text
    indexes are only created where missing. Foreign keys are enforced on the
    returned connection.
    A database written before a column existed gains it (empty for the rows
    already there; re-ingest to fill it).
    """
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    with db.atomic():
        for name, spec in _TABLES.items():
            db[name].create(
                spec["columns"],
                pk=spec["pk"],
                not_null=spec.get("not_null"),
                foreign_keys=spec.get("foreign_keys"),
                if_not_exists=True,
            )
            _add_missing_columns(db[name], spec["columns"])
        for name, columns in _UNIQUE_INDEXES.items():
            db[name].create_index(columns, unique=True, if_not_exists=True)
        for name, indexes in _INDEXES.items():
            for columns in indexes:
                db[name].create_index(columns, if_not_exists=True)
        db.index_foreign_keys()
        for row in list(db.query("select id, name from people where key is null")):
            db["people"].update(row["id"], {"key": person_key(row["name"]) or row["name"].casefold()})
        for name, columns in _FTS.items():
            db[name].enable_fts(columns, create_triggers=True, replace=True)
    return db


def _add_missing_columns(table: sqlite_utils.db.Table, columns: dict[str, type]) -> None:
    """Add the columns of the schema that an older ``table`` lacks."""
    have = set(table.columns_dict)
    for column, kind in columns.items():
        if column not in have:
            table.add_column(column, kind)


# -- pure helpers: record -> rows -----------------------------------------


def _year(record: dict[str, Any]) -> int | None:
    """The year of a record's date, else of its event date."""
    for field in ("date", "event_date"):
        value = record.get(field)
        if isinstance(value, str) and re.match(r"\d{4}-", value):
            return int(value[:4])
    return None


def regulation_id(regulation: dict[str, Any]) -> str | None:
    """The canonical id of a regulation: its ``id``, else ``type/year/number``.

    ``{"type": "PP", "number": "50", "year": 2025}`` gives ``"pp/2025/50"``; an
    unknown year is written ``-``. A regulation without an id, a type or a
    number has no identity and gives ``None``.
    """
    if regulation.get("id"):
        return str(regulation["id"])
    kind, number, year = regulation.get("type"), regulation.get("number"), regulation.get("year")
    if not kind or not number:
        return None
    return f"{str(kind).lower()}/{year if year is not None else '-'}/{number}"


def regulation_row(reg_id: str, regulation: dict[str, Any]) -> dict[str, Any]:
    """The ``regulations`` row for one regulation of a record."""
    return {
        "id": reg_id,
        "type": regulation.get("type"),
        "number": regulation.get("number"),
        "year": regulation.get("year"),
        "issuer": regulation.get("issuer"),
        "subject": regulation.get("subject"),
    }


def missing_fields(existing: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The values of ``new`` for the fields that ``existing`` lacks (is null in)."""
    return {key: value for key, value in new.items() if value is not None and existing.get(key) is None}


def document_row(record: dict[str, Any], reg_id: str | None, ingested_at: str) -> dict[str, Any]:
    """The ``documents`` row of a record; ``record`` keeps the JSON minus the text."""
    signatory = record.get("signatory") or {}
    without_text = {key: value for key, value in record.items() if key != "text"}
    return {
        "id": record["id"],
        "source": record["source"],
        "format": record.get("format"),
        "kind": record.get("kind"),
        "title": record.get("title"),
        "date": record.get("date"),
        "event_date": record.get("event_date"),
        "year": _year(record),
        "text": record.get("text"),
        "regulation_id": reg_id,
        "signatory_name": signatory.get("name"),
        "signatory_position": signatory.get("position"),
        "record": json.dumps(without_text, ensure_ascii=False),
        "ingested_at": ingested_at,
    }


def citation_rows(
    document_id: str, reg_id: str, regulation: dict[str, Any], sentence_of: SentenceOf = no_sentence
) -> Iterator[dict[str, Any]]:
    """One ``citations`` row per mention; one row without offsets if there are none."""
    mentions = regulation.get("mentions") or [{}]
    for mention in mentions:
        yield {
            "document_id": document_id,
            "regulation_id": reg_id,
            "start": mention.get("start"),
            "end": mention.get("end"),
            "mention": mention.get("text"),
            "basis": int(bool(regulation.get("basis"))),
            "sentence": sentence_of(mention.get("start"), mention.get("end")),
        }


def utterance_rows(
    document_id: str, items: Iterable[dict[str, Any]], person_ids: dict[str, int],
    sentence_of: SentenceOf = no_sentence,
) -> Iterator[dict[str, Any]]:
    """Rows of ``quotes`` or ``statements``; a speaker found among ``person_ids`` (by folded name) is linked."""
    for item in items:
        speaker = item.get("speaker")
        yield {
            "document_id": document_id,
            "person_id": person_ids.get(speaker.casefold()) if speaker else None,
            "speaker": speaker,
            "text": item["text"],
            "start": item.get("start"),
            "end": item.get("end"),
            "sentence": sentence_of(item.get("start"), item.get("end")),
        }


def abbreviation_rows(
    document_id: str, items: Iterable[dict[str, Any]], sentence_of: SentenceOf = no_sentence
) -> Iterator[dict[str, Any]]:
    """Rows of ``abbreviations``."""
    for item in items:
        yield {
            "document_id": document_id,
            "short": item["short"],
            "long": item.get("long"),
            "start": item.get("start"),
            "end": item.get("end"),
            "sentence": sentence_of(item.get("start"), item.get("end")),
        }


def section_rows(document_id: str, items: Iterable[dict[str, Any]], text: str | None) -> Iterator[dict[str, Any]]:
    """Rows of ``sections``: the parts of an official document (title block, Mengingat, Pasal ...)."""
    for item in items:
        start, end = item.get("start"), item.get("end")
        yield {
            "document_id": document_id,
            "heading": item["heading"],
            "start": start,
            "end": end,
            "page": item.get("page"),
            "text": text[start:end] if text and start is not None and end is not None else None,
        }


def signatory_official(record: dict[str, Any]) -> dict[str, Any] | None:
    """The signatory of a record as an official, with every place the name occurs in the text.

    Only a name of two words or more counts: a signature block read wrongly
    often leaves a single word (a city, a title) where the name should be.
    """
    signatory = record.get("signatory") or {}
    name = signatory.get("name")
    if not name or len(person_key(name).split()) < 2:
        return None
    text = record.get("text") or ""
    mentions = [{"start": m.start(), "end": m.end(), "text": m.group()}
                for m in re.finditer(re.escape(name), text, flags=re.IGNORECASE)]
    return {"name": name, "position": signatory.get("position"), "agency": None, "mentions": mentions,
            "signatory": True}


def officials_with_signatory(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's officials plus its signatory; a signatory already listed is flagged, not repeated."""
    officials = [dict(official) for official in record.get("officials") or [] if official.get("name")]
    signer = signatory_official(record)
    if signer is None:
        return officials
    for official in officials:
        same_role = (official.get("position") or "").casefold() == (signer["position"] or "").casefold()
        if person_key(official["name"]) == person_key(signer["name"]) and (same_role or not signer["position"]):
            official["signatory"] = True
            return officials
    return [*officials, signer]


def _offsets(item: dict[str, Any]) -> tuple[int, int] | None:
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        return start, end
    return None


def mention_rows(
    document_id: str, text: str | None, kind: str, column: str | None,
    items: Iterable[tuple[Any, Iterable[dict[str, Any]]]], sentence_of: SentenceOf = no_sentence,
) -> Iterator[dict[str, Any]]:
    """``mentions`` rows of one kind from ``(target id, spans)`` pairs; spans without offsets are skipped."""
    for target, spans in items:
        for span in spans:
            offsets = _offsets(span)
            if offsets is None:
                continue
            start, end = offsets
            row = {"document_id": document_id, "kind": kind, "start": start, "end": end,
                   "text": span.get("text") or (text[start:end] if text else None),
                   "sentence": sentence_of(start, end)}
            if column:
                row[column] = target
            yield row



def merge_agency(existing: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Updates to an agency row that ``new`` (name, acronym) is found to be.

    The row gains an acronym it lacked; a row known only by what ``new`` calls
    its acronym takes ``new``'s fuller name.
    """
    updates: dict[str, Any] = {}
    name, acronym = new.get("name"), new.get("acronym")
    if acronym and existing["name"].casefold() == acronym.casefold() and name and not existing.get("acronym"):
        return {"name": name, "acronym": existing["name"]}
    if acronym and not existing.get("acronym") and acronym.casefold() != existing["name"].casefold():
        updates["acronym"] = acronym
    return updates


def agency_aliases(row: dict[str, Any], agency: dict[str, Any], old_name: str | None = None) -> list[str]:
    """Surface forms of ``agency`` (and a replaced name) other than the row's name and acronym."""
    taken = {value.casefold() for value in (row["name"], row.get("acronym")) if value}
    forms = [agency.get("name"), agency.get("acronym"), old_name, *(agency.get("aliases") or [])]
    aliases: list[str] = []
    for form in forms:
        if form and form.casefold() not in taken:
            taken.add(form.casefold())
            aliases.append(form)
    return aliases


# -- writing ----------------------------------------------------------------


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _insert_hashed(db: sqlite_utils.Database, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows whose id is a hash of their content, skipping ones already there."""
    db[table].insert_all(rows, hash_id="id", hash_id_columns=_HASH_ID_COLUMNS[table], ignore=True)


def _save_regulation(db: sqlite_utils.Database, regulation: dict[str, Any]) -> str | None:
    """Insert a regulation or fill in the fields its row lacks; return its id."""
    reg_id = regulation_id(regulation)
    if reg_id is None:
        return None
    row = regulation_row(reg_id, regulation)
    table = db["regulations"]
    try:
        existing = table.get(reg_id)
    except NotFoundError:
        table.insert(row)
        return reg_id
    updates = missing_fields(existing, row)
    if updates:
        table.update(reg_id, updates)
    return reg_id


def _find_agency(db: sqlite_utils.Database, name: str, acronym: str | None) -> dict[str, Any] | None:
    """The agency row whose name or acronym equals ``name`` or ``acronym``, ignoring case."""
    keys = [key for key in (name, acronym) if key]
    marks = ", ".join("?" for _ in keys)
    rows = db.query(
        f"""select * from agencies
        where name collate nocase in ({marks}) or acronym collate nocase in ({marks})
        order by name = ? collate nocase desc, id limit 1""",
        [*keys, *keys, name],
    )
    return next(iter(rows), None)


def _save_agency(db: sqlite_utils.Database, agency: dict[str, Any]) -> int | None:
    """Insert or merge one agency with its aliases; return its id."""
    name = agency.get("name") or agency.get("acronym")
    if not name:
        return None
    acronym = agency.get("acronym") if agency.get("acronym") != name else None
    table = db["agencies"]
    existing = _find_agency(db, name, acronym)
    old_name = None
    if existing is None:
        row = {"name": name, "acronym": acronym}
        row["id"] = table.insert(row).last_pk
    else:
        updates = merge_agency(existing, {"name": name, "acronym": acronym})
        if updates:
            table.update(existing["id"], updates)
        old_name = existing["name"] if updates.get("name") else None
        row = {**existing, **updates}
    db["agency_aliases"].insert_all(
        ({"agency_id": row["id"], "alias": alias} for alias in agency_aliases(row, agency, old_name)),
        ignore=True,
    )
    return row["id"]


def _save_agencies(
    db: sqlite_utils.Database, document_id: str, agencies: Iterable[dict[str, Any]], sentence_of: SentenceOf
) -> list[tuple[int, dict[str, Any]]]:
    """Save a document's agencies and its links to them; return ``(agency id, agency)`` pairs."""
    saved = []
    links: dict[int, dict[str, Any]] = {}
    for agency in agencies:
        agency_id = _save_agency(db, agency)
        if agency_id is None:
            continue
        saved.append((agency_id, agency))
        link = links.setdefault(agency_id, {"document_id": document_id, "agency_id": agency_id, "mentions": 0,
                                            "start": None, "end": None})
        mentions = agency.get("mentions") or []
        link["mentions"] += len(mentions)
        for offsets in filter(None, map(_offsets, mentions)):
            if link["start"] is None or offsets[0] < link["start"]:
                link["start"], link["end"] = offsets
    db["document_agencies"].insert_all(
        {**link, "sentence": sentence_of(link["start"], link["end"])} for link in links.values()
    )
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
            "position": official.get("position"),
            "agency": official.get("agency"),
            "start": first.get("start"),
            "end": first.get("end"),
            "mentions": len(mentions),
            "signatory": int(bool(official.get("signatory"))),
            "sentence": sentence_of(first.get("start"), first.get("end")),
        })
    _insert_hashed(db, "officials", rows)
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
    return [(db[table].insert(row).last_pk, [row]) for row in rows]


def _insert_document(db: sqlite_utils.Database, record: dict[str, Any]) -> set[int]:
    """Write a record's document row and every row that hangs off it; return the people it names."""
    document_id, text = record["id"], record.get("text")
    sentence_of = sentence_finder(text)
    own_id = _save_regulation(db, record["regulation"]) if record.get("regulation") else None
    cited = [(_save_regulation(db, reg), reg) for reg in record.get("regulations") or []]
    db["documents"].insert(document_row(record, own_id, _now()))
    cited = [(reg_id, reg) for reg_id, reg in cited if reg_id]
    _insert_hashed(
        db, "citations",
        (row for reg_id, reg in cited for row in citation_rows(document_id, reg_id, reg, sentence_of)),
    )
    agencies = _save_agencies(db, document_id, record.get("agencies") or [], sentence_of)
    people = _save_officials(db, document_id, officials_with_signatory(record), sentence_of)
    speakers = _speaker_ids(db, record, {official["name"].casefold(): pid for pid, official in people})
    said = {table: _insert_utterances(db, table, utterance_rows(document_id, record.get(table) or [], speakers,
                                                                 sentence_of))
            for table in ("quotes", "statements")}
    _insert_hashed(db, "abbreviations",
                   abbreviation_rows(document_id, record.get("abbreviations") or [], sentence_of))
    _insert_hashed(db, "sections", section_rows(document_id, record.get("sections") or [], text))
    spans = [
        ("regulation", "regulation_id", [(reg_id, reg.get("mentions") or []) for reg_id, reg in cited]),
        ("agency", "agency_id", [(aid, agency.get("mentions") or []) for aid, agency in agencies]),
        ("person", "person_id", [(pid, official.get("mentions") or []) for pid, official in people]),
        ("quote", "quote_id", said["quotes"]),
        ("statement", "statement_id", said["statements"]),
    ]
    db["mentions"].insert_all(
        row for kind, column, items in spans
        for row in mention_rows(document_id, text, kind, column, items, sentence_of)
    )
    return {person_id for person_id, _ in people} | {
        row["person_id"] for _, (row,) in [*said["quotes"], *said["statements"]] if row["person_id"]}


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
    it names have their ``positions`` recounted. If anything fails, nothing of
    the record is written and the exception propagates.
    """
    if db["documents"].count_where("id = ?", [record["id"]]):
        return "unchanged"
    # db.atomic(), not `with db.conn:`: sqlite-utils 4 write methods commit on their
    # own unless a transaction is already open, so only an explicit BEGIN rolls back.
    with db.atomic():
        stored = db["documents"].rows_where("source = ?", [record["source"]], select="id")
        previous = [row["id"] for row in stored]
        touched: set[int] = set()
        for document_id in previous:
            touched |= _delete_document(db, document_id)
        touched |= _insert_document(db, record)
        _refresh_positions(db, absorb_short_names(db, touched))
    return "replaced" if previous else "added"


def save_records(db: sqlite_utils.Database, records: Iterable[dict[str, Any]]) -> Counter[str]:
    """Save records one transaction each; count the outcomes."""
    return Counter(save_record(db, record) for record in records)


def record_error(db: sqlite_utils.Database, source: str, message: str) -> None:
    """Note that ``source`` could not be processed; the same error is kept once, with its latest time."""
    db["errors"].insert(
        {"source": source, "message": message, "at": _now()},
        hash_id="id", hash_id_columns=_HASH_ID_COLUMNS["errors"], replace=True,
    )


# -- reading ------------------------------------------------------------------


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Row counts: documents, regulations, citations, officials (people), agencies, quotes, errors."""
    return {key: db[table].count for key, table in _COUNTED.items()}


# Characters a search box treats as spaces; a term made only of them would
# otherwise become an empty FTS5 phrase that matches nothing.
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
