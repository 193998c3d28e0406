"""People across documents: one ``people`` row per person, however the name is written.

A person is found again under the same normalized name (:func:`person_key`:
honorifics and degrees dropped, case and punctuation ignored). A shorter name
("Purbaya", "Sri Mulyani") joins a longer one that holds all its words only when
exactly one such person holds an agreeing position or agency
(:func:`short_name_target`; "Menteri Keuangan" agrees with "Menteri Keuangan RI");
a shorter-named person stored before the longer name appeared is folded into it
later (:func:`absorb_short_names`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sqlite_utils

from ..find.lexicon import strip_person_name

__all__ = ["absorb_short_names", "merge_person", "person_for", "person_key", "short_name_target"]


# -- pure helpers -------------------------------------------------------------


def person_key(name: str) -> str:
    """A person's name for matching: no honorifics or degrees, no punctuation, folded case.

    ``"Dr. H. Suryo Adinegoro, S.H., M.Si."`` and ``"SURYO ADINEGORO"`` both give
    ``"suryo adinegoro"``.
    """
    bare = strip_person_name(name) or name
    words = re.sub(r"[^\w\s-]", "", bare.casefold()).replace("_", " ").split()
    return " ".join(words)


def roles_agree(ours: set[str], theirs: set[str]) -> bool:
    """Whether two sets of folded positions and agencies share one, or one holds another
    ("menteri keuangan" and "menteri keuangan ri")."""
    return any(a == b or (min(len(a), len(b)) >= 6 and (f" {a} " in f" {b} " or f" {b} " in f" {a} "))
               for a in ours for b in theirs)


def short_name_target(short: str, roles: set[str], people: Iterable[tuple[int, str, set[str]]]) -> int | None:
    """The one longer-named person a shorter name ``short`` (a key, one or more words) can stand for.

    ``people`` holds ``(person_id, key, roles)`` where roles are folded positions
    and agencies the person holds; a candidate's key has more words, among them
    every word of ``short``, and a role that agrees with ``roles``. None when there
    are no roles, no candidate or several.
    """
    words = set(short.split())
    if not roles or not words:
        return None
    found = {person_id for person_id, key, theirs in people
             if len(key.split()) > len(words) and words <= set(key.split()) and roles_agree(roles, theirs)}
    return found.pop() if len(found) == 1 else None


def _roles(*values: str | None) -> set[str]:
    return {value.casefold() for value in values if value}


# -- database ---------------------------------------------------------------


def _people_with_word(db: sqlite_utils.Database, word: str) -> list[tuple[int, str, set[str]]]:
    """People whose name has ``word`` as a whole word, with the positions and agencies they hold."""
    people: dict[int, tuple[int, str, set[str]]] = {}
    rows = db.query(
        """select people.id, people.key, officials.position, officials.agency
        from people left join officials on officials.person_id = people.id
        where ' ' || people.key || ' ' like ?""",
        [f"% {word} %"],
    )
    for row in rows:
        person = people.setdefault(row["id"], (row["id"], row["key"], set()))
        person[2].update(_roles(row["position"], row["agency"]))
    return list(people.values())


def _person_roles(db: sqlite_utils.Database, person_id: int) -> set[str]:
    rows = db.query("select position, agency from officials where person_id = ?", [person_id])
    return {role for row in rows for role in _roles(row["position"], row["agency"])}


def person_for(db: sqlite_utils.Database, name: str, position: str | None, agency: str | None) -> int:
    """The person called ``name`` (holding ``position`` at ``agency``), added if new."""
    key = person_key(name) or name.casefold()
    found = next(iter(db.query("select id from people where key = ? order by id limit 1", [key])), None)
    if found:
        person_id = found["id"]
    else:
        person_id = short_name_target(key, _roles(position, agency), _people_with_word(db, key.split()[0]))
        if person_id is None:
            person_id = db["people"].insert({"name": name, "key": key}).last_pk
    db["person_names"].insert({"person_id": person_id, "name": name}, ignore=True)
    return person_id


def merge_person(db: sqlite_utils.Database, source: int, target: int) -> None:
    """Fold person ``source`` into ``target``: rows, names and all."""
    for table in ("officials", "quotes", "statements", "mentions"):
        db.execute(f"update {table} set person_id = ? where person_id = ?", [target, source])
    db.execute("delete from positions where person_id = ?", [source])
    db.execute("insert or ignore into person_names (person_id, name) select ?, name from person_names "
               "where person_id = ?", [target, source])
    db.execute("delete from person_names where person_id = ?", [source])
    db["people"].delete(source)


def absorb_short_names(db: sqlite_utils.Database, person_ids: Iterable[int]) -> set[int]:
    """Fold shorter-named people into the longer-named person among ``person_ids`` they can only stand for.

    Returns the ids still standing.
    """
    standing = set(person_ids)
    for person_id in sorted(standing):
        person = next(iter(db.query("select key from people where id = ?", [person_id])), None)
        if person is None or len(person["key"].split()) < 2:
            continue
        words = person["key"].split()
        shorter = {(pid, key) for word in sorted(set(words)) for pid, key, _ in _people_with_word(db, word)
                   if pid != person_id and len(key.split()) < len(words) and set(key.split()) <= set(words)}
        for short_id, short_key in sorted(shorter):
            target = short_name_target(short_key, _person_roles(db, short_id),
                                       _people_with_word(db, short_key.split()[0]))
            if target == person_id:
                merge_person(db, short_id, person_id)
                standing.discard(short_id)
    return {person_id for person_id in standing if db["people"].count_where("id = ?", [person_id])}
