"""Agencies across documents: one ``agencies`` row per institution, whatever order its documents arrive in.

Every name and acronym a record gives an agency is kept as one of the row's *forms* (the
internal table ``_agency_forms``). A record joins every row that shares one of its forms,
ignoring case; when it shares forms with several rows, they become one. So the rows are the
groups of names and acronyms linked by sharing a form, the same for any order of arrival. A
row shows the fullest name of its group and the shortest acronym; every other form, and the
aliases records list, are ``agency_aliases``.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

FORMS_TABLE = "_agency_forms"
FORMS_SQL = (f"create table if not exists [{FORMS_TABLE}] (agency_id integer not null references agencies(id), "
             "role text not null, form text not null, primary key (agency_id, role, form))")
FORMS_INDEX_SQL = f"create index if not exists [idx_{FORMS_TABLE}_form] on [{FORMS_TABLE}] (form collate nocase)"


def fullest(names: Iterable[str]) -> str | None:
    """The name to show for a group: the longest, then the last in code order (a maximum: order-free)."""
    return max((n for n in names if n), key=lambda n: (len(n), n), default=None)


def shortest(acronyms: Iterable[str]) -> str | None:
    """The acronym to show for a group: the shortest, then the first in code order (a minimum: order-free)."""
    return min((a for a in acronyms if a), key=lambda a: (len(a), a), default=None)


def save_agency(db: sqlite_utils.Database, agency: dict[str, Any], moved: dict[int, int]) -> int | None:
    """Insert or merge one agency of a record; return its row id.

    Rows merged into another are noted in ``moved`` (old id to new id), so that the caller can
    correct ids it already holds.
    """
    name = agency.get("name") or agency.get("acronym")
    if not name:
        return None
    acronym = agency.get("acronym") if agency.get("acronym") and agency.get("acronym") != name else None
    keys = [key for key in (name, acronym) if key]
    marks = ", ".join("?" for _ in keys)
    found = sorted({row[0] for row in db.execute(
        f"select agency_id from [{FORMS_TABLE}] where form collate nocase in ({marks}) union "
        f"select id from agencies where name collate nocase in ({marks}) or acronym collate nocase in ({marks})",
        [*keys, *keys, *keys])})
    if found:
        agency_id = found[0]
        for other in found[1:]:
            _merge_rows(db, other, agency_id)
            moved[other] = agency_id
    else:
        agency_id = db["agencies"].insert({"name": name, "acronym": acronym}).last_pk
    db.conn.executemany(f"insert or ignore into [{FORMS_TABLE}] (agency_id, role, form) values (?, ?, ?)",
                   [(agency_id, "name", name)] + ([(agency_id, "acronym", acronym)] if acronym else []))
    _settle(db, agency_id, [name, acronym, *(agency.get("aliases") or [])])
    return agency_id


def _settle(db: sqlite_utils.Database, agency_id: int, extra: list[str | None]) -> None:
    """Give a row its group's fullest name and shortest acronym; every other form becomes an alias."""
    row = db.execute("select name, acronym from agencies where id = ?", [agency_id]).fetchone()
    forms = db.execute(f"select role, form from [{FORMS_TABLE}] where agency_id = ?", [agency_id]).fetchall()
    names = [form for role, form in forms if role == "name"]
    # A row stored before forms were kept knows its name and acronym only from its own columns.
    names += [row[0]] if not names else []
    name = fullest(names)
    acronym = shortest([form for role, form in forms if role == "acronym" and form.casefold() != name.casefold()]
                       + ([row[1]] if row[1] and not forms and row[1].casefold() != name.casefold() else []))
    if (name, acronym) != tuple(row):
        clash = db.execute("select 1 from agencies where name = ? and id != ?", [name, agency_id]).fetchone()
        if clash is None:
            db.execute("update agencies set name = ?, acronym = ? where id = ?", [name, acronym, agency_id])
        else:
            name = row[0]
    taken = {value.casefold() for value in (name, acronym) if value}
    db.execute("delete from agency_aliases where agency_id = ? and (alias = ? collate nocase or alias = ? "
               "collate nocase)", [agency_id, name, acronym or ""])
    aliases = [form for form in [*(f for _, f in forms), row[0], row[1], *extra]
               if form and form.casefold() not in taken]
    db.conn.executemany("insert or ignore into agency_aliases (agency_id, alias) values (?, ?)",
                   [(agency_id, alias) for alias in dict.fromkeys(aliases)])
    # One alias per spelling, ignoring case: keep the first in code order.
    db.execute("delete from agency_aliases where agency_id = ? and alias not in (select min(alias) from "
               "agency_aliases where agency_id = ? group by lower(alias))", [agency_id, agency_id])


def _merge_rows(db: sqlite_utils.Database, source: int, target: int) -> None:
    """Fold agency row ``source`` into ``target``: forms, aliases, document links and mentions."""
    links = db.execute("select document_id, mentions, start, [end], sentence from document_agencies "
                       "where agency_id = ?", [source]).fetchall()
    for document_id, mentions, start, end, sentence in links:
        have = db.execute("select mentions, start from document_agencies where document_id = ? and agency_id = ?",
                          [document_id, target]).fetchone()
        if have is None:
            db.execute("update document_agencies set agency_id = ? where document_id = ? and agency_id = ?",
                       [target, document_id, source])
            continue
        earlier = start is not None and (have[1] is None or start < have[1])
        db.execute("update document_agencies set mentions = mentions + ?" +
                   (", start = ?, [end] = ?, sentence = ?" if earlier else "") +
                   " where document_id = ? and agency_id = ?",
                   [mentions, *([start, end, sentence] if earlier else []), document_id, target])
        db.execute("delete from document_agencies where document_id = ? and agency_id = ?", [document_id, source])
    db.execute("update mentions set agency_id = ? where agency_id = ?", [target, source])
    db.execute("insert or ignore into agency_aliases (agency_id, alias) select ?, alias from agency_aliases "
               "where agency_id = ?", [target, source])
    db.execute(f"insert or ignore into [{FORMS_TABLE}] (agency_id, role, form) select ?, role, form "
               f"from [{FORMS_TABLE}] where agency_id = ?", [target, source])
    row = db.execute("select name, acronym from agencies where id = ?", [source]).fetchone()
    db.execute("delete from agency_aliases where agency_id = ?", [source])
    db.execute(f"delete from [{FORMS_TABLE}] where agency_id = ?", [source])
    db.execute("delete from agencies where id = ?", [source])
    db.conn.executemany(f"insert or ignore into [{FORMS_TABLE}] (agency_id, role, form) values (?, ?, ?)",
                   [(target, "name", row[0])] + ([(target, "acronym", row[1])] if row[1] else []))


def drop_agency(db: sqlite_utils.Database, agency_id: int) -> None:
    """Delete an agency row that no document refers to any more, with its aliases and forms."""
    db.execute("delete from agency_aliases where agency_id = ?", [agency_id])
    db.execute(f"delete from [{FORMS_TABLE}] where agency_id = ?", [agency_id])
    db.execute("delete from agencies where id = ?", [agency_id])
