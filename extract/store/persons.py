"""People across documents: one ``people`` row per person, however the name is written.

A person is found again under the same normalized name (:func:`person_key`:
honorifics and degrees dropped, case and punctuation ignored). A shorter name
("Purbaya", "Sri Mulyani") joins a longer one that holds all its words only when
exactly one such person holds an agreeing position or agency
(:func:`short_name_target`; "Menteri Keuangan" agrees with "Menteri Keuangan RI").

Which name joins which does not depend on the order documents arrive in:
after each document, :func:`settle_people` works the joins out again from the
names and offices stored, over every name linked to the document's people by
holding or being held by another, longest names first, and moves the rows to
match (a short name that joined the one longer name of its office leaves it
when a second one arrives). A person shows the plainest spelling of its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sqlite_utils

from ..find.lexicon import strip_person_name

__all__ = ["display_name", "person_for", "person_key", "settle_names", "settle_people", "short_name_target"]


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


# A person's words go with the person.
PERSON_WORDS_TRIGGER = """create trigger if not exists person_words_gone after delete on people
begin delete from person_words where person_id = old.id; end"""


def index_person_words(db: sqlite_utils.Database, person_id: int, key: str) -> None:
    """Record the words of a person's key in ``person_words``."""
    db.conn.executemany("insert or ignore into person_words (word, person_id) values (?, ?)",
                        [(word, person_id) for word in sorted(set(key.split(" "))) if word])


def _people_with_word(db: sqlite_utils.Database, word: str) -> list[tuple[int, str, set[str]]]:
    """People whose name has ``word`` as a whole word, with the positions and agencies they hold."""
    people: dict[int, tuple[int, str, set[str]]] = {}
    rows = db.query(
        """select people.id, people.key, officials.position, officials.agency
        from person_words join people on people.id = person_words.person_id
        left join officials on officials.person_id = people.id
        where person_words.word = ?""",
        [word],
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
            index_person_words(db, person_id, key)
    db["person_names"].insert({"person_id": person_id, "name": name}, ignore=True)
    return person_id


# -- settling who is who, whatever the order ---------------------------------------------


def display_name(names: Iterable[str]) -> str | None:
    """The spelling to show for a person: honorifics and degrees dropped, mixed case before capitals,
    then the spelling given without titles, then the first in code order (a minimum: order-free)."""
    def rank(name: str) -> tuple:
        bare = strip_person_name(name) or name
        return (bare.isupper(), bare != name.strip(), bare)
    best = min((name for name in names if name and name.strip()), key=rank, default=None)
    return None if best is None else (strip_person_name(best) or best.strip())


def settle_names(nodes: dict[str, set[str]]) -> dict[str, str]:
    """Which name each name stands for: ``{key: head key}``, the same for any order of arrival.

    ``nodes`` maps each name (a :func:`person_key`) to the folded positions and agencies held under
    it. Names are settled longest first; a name joins the one longer name whose words hold its own and
    whose roles agree (see :func:`short_name_target`), the roles of a longer name counting those of
    the names that joined it before; a name that joins none stands for itself.
    """
    target: dict[str, str] = {}
    roles = {key: set(value) for key, value in nodes.items()}
    lengths = sorted({len(key.split()) for key in nodes}, reverse=True)
    for length in lengths:
        heads = [(head, head, roles[head]) for head in sorted(nodes) if target.get(head) == head]
        level = sorted(key for key in nodes if len(key.split()) == length)
        joined = {key: short_name_target(key, nodes[key], heads) for key in level}
        for key, head in joined.items():
            target[key] = head if head is not None else key
        for key, head in joined.items():
            if head is not None:
                roles[head] |= nodes[key]
    return target


def _official_nodes(db: sqlite_utils.Database, person_ids: Iterable[int]) -> list[tuple]:
    """``(official id, document id, person id, name, key, roles)`` of the officials rows of ``person_ids``."""
    ids = sorted(set(person_ids))
    if not ids:
        return []
    rows = db.execute(f"select id, document_id, person_id, name, position, agency from officials where person_id "
                      f"in ({', '.join('?' for _ in ids)})", ids).fetchall()
    return [(oid, doc, pid, name, person_key(name) or name.casefold(), _roles(position, agency))
            for oid, doc, pid, name, position, agency in rows]


def _linked(a: set[str], b: set[str]) -> bool:
    return a <= b or b <= a


def _related_people(db: sqlite_utils.Database, start: Iterable[int]) -> tuple[set[int], list[tuple]]:
    """The people whose names are linked to those of ``start`` by holding, or being held by, one another
    (through any chain), with their officials rows: everything their joins depend on."""
    people: set[int] = set()
    rows: list[tuple] = []
    keys: set[str] = set()
    with_word: dict[str, list[tuple[int, str, set[str]]]] = {}
    names_of: dict[int, set[str]] = {}

    def names(person_id: int, key: str) -> set[str]:
        if person_id not in names_of:
            names_of[person_id] = {row[4] for row in _official_nodes(db, [person_id])} | {key}
        return names_of[person_id]

    frontier = set(start)
    while frontier:
        people |= frontier
        found = _official_nodes(db, frontier)
        rows += found
        new_keys = {row[4] for row in found} | {row[0] for row in db.execute(
            f"select key from people where id in ({', '.join('?' for _ in frontier)})", sorted(frontier))
            if row[0]}
        new_keys -= keys
        keys |= new_keys
        frontier = set()
        for key in sorted(new_keys):
            words = set(key.split())
            for word in sorted(words):
                if word not in with_word:
                    with_word[word] = _people_with_word(db, word)
                for person_id, their_key, _ in with_word[word]:
                    if person_id not in people and person_id not in frontier and any(
                            _linked(words, set(name.split())) for name in names(person_id, their_key)):
                        frontier.add(person_id)
    return people, rows


def settle_people(db: sqlite_utils.Database, person_ids: Iterable[int]) -> set[int]:
    """Work out again who is who among ``person_ids`` and every name linked to theirs, and move the
    officials, quotes, statements, mentions and names to match (see :func:`settle_names`).

    Returns the ids of the people whose rows may have changed (some may be gone), for their
    ``positions`` to be recounted.
    """
    people, rows = _related_people(db, [pid for pid in person_ids
                                        if db.execute("select 1 from people where id = ?", [pid]).fetchone()])
    if not rows:
        return people
    nodes: dict[str, set[str]] = {}
    for *_, key, roles in rows:
        nodes.setdefault(key, set()).update(roles)
    target = settle_names(nodes)
    by_key = {key: pid for pid, key in db.execute(
        f"select id, key from people where id in ({', '.join('?' for _ in people)}) order by id desc", sorted(people))}
    head_id: dict[str, int] = {}
    for head in sorted(set(target.values())):
        if head in by_key:
            head_id[head] = by_key[head]
        else:
            head_id[head] = db["people"].insert({"name": head, "key": head}).last_pk
            index_person_words(db, head_id[head], head)
            people.add(head_id[head])
    new_of = {key: head_id[target[key]] for key in nodes}
    marks = ", ".join("?" for _ in people)

    # Officials move with their names; what a document said of a person follows its officials.
    moved: dict[tuple[str, int], tuple[int, str]] = {}
    for official_id, document_id, old, _, key, _ in rows:
        new = new_of[key]
        if new != old:
            db.execute("update officials set person_id = ? where id = ?", [new, official_id])
        best = moved.get((document_id, old))
        if best is None or (-len(target[key].split()), target[key]) < (-len(best[1].split()), best[1]):
            moved[(document_id, old)] = (new, target[key])
    old_keys = dict(db.execute(f"select id, key from people where id in ({marks})", sorted(people)).fetchall())
    for table, column in (("quotes", "speaker"), ("statements", "speaker"), ("mentions", None)):
        extra = " and kind = 'person'" if table == "mentions" else ""
        found = db.execute(f"select id, document_id, person_id{', ' + column if column else ''} from {table} "
                           f"where person_id in ({marks}){extra}", sorted(people)).fetchall()
        for row in found:
            row_id, document_id, old = row[0], row[1], row[2]
            if (document_id, old) in moved:
                new = moved[(document_id, old)][0]
            else:
                key = person_key(row[3]) if column and row[3] else old_keys.get(old)
                new = new_of.get(key, new_of.get(old_keys.get(old), old))
            if new != old:
                db.execute(f"update {table} set person_id = ? where id = ?", [new, row_id])

    # Names, display names, and people no row refers to any more.
    db.execute(f"delete from person_names where person_id in ({marks})", sorted(people))
    spellings: dict[int, list[str]] = {}
    for _, _, _, name, key, _ in rows:
        db["person_names"].insert({"person_id": new_of[key], "name": name}, ignore=True)
        if key == target[key]:
            spellings.setdefault(new_of[key], []).append(name)
    for person_id in sorted(people):
        if person_id in spellings:
            db.execute("update people set name = ? where id = ?", [display_name(spellings[person_id]), person_id])
        elif not db.execute("select 1 from officials where person_id = ? limit 1", [person_id]).fetchone():
            # A person is someone an official row names: a quote of a full name no official bears any more
            # waits unlinked, as it would have if that official had never been stored.
            for table in ("quotes", "statements", "mentions"):
                db.execute(f"update {table} set person_id = null where person_id = ?", [person_id])
            db.execute("delete from positions where person_id = ?", [person_id])
            db.execute("delete from person_names where person_id = ?", [person_id])
            db.execute("delete from people where id = ?", [person_id])
    return people
