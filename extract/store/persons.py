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
from typing import Any

import sqlite_utils

from ..find.lexicon import strip_person_name

__all__ = ["display_name", "linked_names", "official_key", "person_for", "person_key", "settle_names", "settle_people",
           "short_name_target"]


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
    """People whose name has ``word`` as a whole word, with the positions and agencies they hold (read from
    ``positions``, one row per person and office, kept in step with ``officials`` after every document)."""
    people: dict[int, tuple[int, str, set[str]]] = {}
    rows = db.query(
        """select people.id, people.key, positions.position, positions.agency
        from person_words join people on people.id = person_words.person_id
        left join positions on positions.person_id = people.id
        where person_words.word = ?""",
        [word],
    )
    for row in rows:
        person = people.setdefault(row["id"], (row["id"], row["key"], set()))
        person[2].update(_roles(row["position"], row["agency"]))
    return list(people.values())


def person_for(db: sqlite_utils.Database, name: str, position: str | None, agency: str | None) -> int:
    """The person called ``name`` (holding ``position`` at ``agency``), added if new; a first guess, which
    :func:`settle_people` confirms or corrects once the document's rows are stored (and lists the name
    in ``person_names``)."""
    key = person_key(name) or name.casefold()
    found = next(iter(db.query("select id from people where key = ? order by id limit 1", [key])), None)
    if found:
        person_id = found["id"]
    else:
        person_id = short_name_target(key, _roles(position, agency), _people_with_word(db, key.split()[0]))
        if person_id is None:
            person_id = db["people"].insert({"name": name, "key": key}).last_pk
            index_person_words(db, person_id, key)
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




# -- the names stored, by an index: what settling reads ------------------------------------------

# ``name_roles`` holds, for each name (the ``key`` of an officials row), the positions and agencies held
# under it, as written, with how many officials rows hold each, and a row of role '' for the name itself;
# triggers keep it in step with ``officials``, so a name's roles are read without reading its rows.
NAME_ROLES_TRIGGERS = (
    """create trigger if not exists officials_name_added after insert on officials when new.key is not null
begin
  insert into name_roles (key, role, officials) values (new.key, '', 1)
    on conflict (key, role) do update set officials = officials + 1;
  insert into name_roles (key, role, officials) select new.key, new.position, 1 where new.position != ''
    on conflict (key, role) do update set officials = officials + 1;
  insert into name_roles (key, role, officials) select new.key, new.agency, 1 where new.agency != ''
    on conflict (key, role) do update set officials = officials + 1;
end""",
    """create trigger if not exists officials_name_gone after delete on officials when old.key is not null
begin
  update name_roles set officials = officials - 1 where key = old.key and role = '';
  update name_roles set officials = officials - 1 where key = old.key and role = old.position and old.position != '';
  update name_roles set officials = officials - 1 where key = old.key and role = old.agency and old.agency != '';
  delete from name_roles where key = old.key and officials <= 0;
end""",
)

# The names stored before ``name_roles`` existed, counted once when an older database is opened.
NAME_ROLES_FILL = """insert into name_roles (key, role, officials)
select key, role, count(*) from (
  select key, '' as role from officials where key is not null
  union all select key, position from officials where key is not null and position != ''
  union all select key, agency from officials where key is not null and agency != ''
) group by key, role"""


def official_key(name: str) -> str:
    """The name an officials row is settled under: its :func:`person_key`, or the folded name when nothing is left."""
    return person_key(name) or name.casefold()


def index_name_words(db: sqlite_utils.Database, keys: Iterable[str]) -> None:
    """Record the words of officials' names in ``name_words`` (a word stays listed after its name is gone:
    readers join ``name_roles`` to see which names are still held)."""
    db.conn.executemany("insert or ignore into name_words (word, key) values (?, ?)",
                        sorted({(word, key) for key in keys for word in key.split(" ") if word}))


def _names_with_word(db: sqlite_utils.Database, word: str) -> list[str]:
    return [row[0] for row in db.execute(
        "select name_words.key from name_words join name_roles on name_roles.key = name_words.key "
        "and name_roles.role = '' where name_words.word = ?", [word])]


def _linked(a: set[str], b: set[str]) -> bool:
    return a <= b or b <= a


def linked_names(db: sqlite_utils.Database, start: Iterable[str]) -> set[str]:
    """The names linked to those of ``start`` by holding, or being held by, one another (through any chain):
    everything their joins depend on. Read through ``name_words``, so the work grows with the number of
    such names, never with the number of documents that use them."""
    seen = {key for key in start if key}
    frontier = set(seen)
    with_word: dict[str, list[tuple[str, set[str]]]] = {}
    while frontier:
        found: set[str] = set()
        for key in sorted(frontier):
            words = set(key.split())
            for word in sorted(words):
                if word not in with_word:
                    with_word[word] = [(other, set(other.split())) for other in _names_with_word(db, word)]
                found |= {other for other, theirs in with_word[word] if other not in seen and _linked(words, theirs)}
        seen |= found
        frontier = found
    return seen


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values)


def _official_rows(db: sqlite_utils.Database, where: str, values: list) -> list[tuple]:
    """``(official id, document id, person id, name, key)`` of the officials rows ``where`` picks."""
    return db.execute(f"select id, document_id, person_id, name, key from officials where {where}", values).fetchall()


def settle_people(db: sqlite_utils.Database, person_ids: Iterable[int],
                  documents: Iterable[str] = ()) -> tuple[set[int], set[int]]:
    """Work out again who is who among the names of ``documents`` (just stored), of ``person_ids`` and
    every name linked to theirs, and move the officials, quotes, statements, mentions and names to
    match (see :func:`settle_names`).

    Only what can have changed is read and written: the names come from ``name_roles`` (one row per name
    and role, however many documents use it), the rows of ``documents``, and all the rows of a person
    only when some of its officials rows in other documents move to someone else (a name's join
    changed, which happens once, not with every document).

    Returns ``(recount, added)``: the people whose ``positions`` must be counted again from their
    officials rows (some may be gone), and the people whose only new officials rows are those of
    ``documents`` (their positions can be added to).
    """
    documents = sorted(set(documents))
    person_ids = sorted(set(person_ids))
    doc_rows = _official_rows(db, f"document_id in ({_marks(documents)})", documents) if documents else []
    speakers = [person_id for table in ("quotes", "statements") for (person_id,) in db.execute(
        f"select distinct person_id from {table} where document_id in ({_marks(documents)}) "
        "and person_id is not null", documents)] if documents else []
    known = sorted(set(person_ids) | set(speakers))
    start = {row[4] for row in doc_rows} | {row[0] for row in db.execute(
        f"select key from people where id in ({_marks(known)})", known)}
    names = sorted(linked_names(db, start))
    nodes: dict[str, set[str]] = {}
    for at in range(0, len(names), 500):
        part = names[at:at + 500]
        for key, role in db.execute(f"select key, role from name_roles where key in ({_marks(part)})", part):
            nodes.setdefault(key, set()).update(_roles(role))
    recount: set[int] = set(person_ids)
    if not nodes:
        return recount, set()
    target = settle_names(nodes)
    head_id: dict[str, int] = {}
    for head in sorted(set(target.values())):
        found = db.execute("select id from people where key = ? order by id limit 1", [head]).fetchone()
        if found:
            head_id[head] = found[0]
        else:
            head_id[head] = db["people"].insert({"name": head, "key": head}).last_pk
            index_person_words(db, head_id[head], head)
    new_of = {key: head_id[target[key]] for key in nodes}

    # People some of whose rows in other documents move: their joins changed, so all their rows are seen.
    ours = set(documents)
    changed: set[int] = set(person_ids)  # the people of documents taken out are seen whole too
    for key, new in new_of.items():
        for _, document_id, old in db.execute("select id, document_id, person_id from officials where key = ? "
                                              "and (person_id < ? or person_id > ?)", [key, new, new]):
            if document_id not in ours:
                changed.add(old)
    seen = {row[0]: row for row in doc_rows}
    changed_ids = sorted(changed)
    if changed_ids:
        seen.update((row[0], row) for row in _official_rows(db, f"person_id in ({_marks(changed_ids)})", changed_ids))
    rows = sorted(seen.values())

    # Officials move with their names; what a document said of a person follows its officials.
    moved: dict[tuple[str, int], tuple[int, str]] = {}
    affected = set(changed) | set(person_ids)
    gained: set[int] = set()
    for official_id, document_id, old, _, key in rows:
        new = new_of[key]
        if new != old:
            db.execute("update officials set person_id = ? where id = ?", [new, official_id])
            affected |= {old, new}
            if document_id not in ours:
                gained.add(new)
        best = moved.get((document_id, old))
        if best is None or (-len(target[key].split()), target[key]) < (-len(best[1].split()), best[1]):
            moved[(document_id, old)] = (new, target[key])
    if documents:
        affected |= {row[2] for row in doc_rows} | {new_of[row[4]] for row in doc_rows}
    # A person left without officials rows goes; first what was said of it follows its names, once.
    emptied = [person_id for person_id in sorted(affected - changed) if not db.execute(
        "select 1 from officials where person_id = ? limit 1", [person_id]).fetchone()]
    _move_what_was_said(db, documents, changed_ids + emptied, moved, new_of)

    # Names, display names, and people no row refers to any more.
    lost = {(old, name, key) for _, document_id, old, name, key in rows if new_of[key] != old}
    for person_id in changed_ids:
        db.execute("delete from person_names where person_id = ?", [person_id])
    for _, _, old, name, key in rows:
        db.execute("insert or ignore into person_names (person_id, name) values (?, ?)", [new_of[key], name])
    for old, name, key in sorted(lost):
        if old not in changed and not db.execute("select 1 from officials where key = ? and person_id = ? "
                                                 "and name = ? limit 1", [key, old, name]).fetchone():
            db.execute("delete from person_names where person_id = ? and name = ?", [old, name])
    for person_id in sorted(affected):
        _show_or_drop(db, person_id)
    recount |= changed | gained
    return recount, affected - recount


def _move_what_was_said(db: sqlite_utils.Database, documents: list[str], changed: list[int],
                        moved: dict[tuple[str, int], tuple[int, str]], new_of: dict[str, int]) -> None:
    """Move the quotes, statements and person mentions of ``documents`` and of the ``changed`` people
    after their officials: to where the document's officials of that person went, else by the speaker's
    name, else by the person's own."""
    keys: dict[int, str | None] = {}
    for table, column in (("quotes", "speaker"), ("statements", "speaker"), ("mentions", None)):
        extra = " and kind = 'person'" if table == "mentions" else ""
        picked = f"select id, document_id, person_id{', ' + column if column else ''} from {table} where "
        found = db.execute(picked + f"document_id in ({_marks(documents)}) and person_id is not null{extra}",
                           documents).fetchall() if documents else []
        if changed:
            found += db.execute(picked + f"person_id in ({_marks(changed)}){extra}", changed).fetchall()
        for row in sorted(set(found)):
            row_id, document_id, old = row[0], row[1], row[2]
            if (document_id, old) in moved:
                new = moved[(document_id, old)][0]
            else:
                if old not in keys:
                    own = db.execute("select key from people where id = ?", [old]).fetchone()
                    keys[old] = own[0] if own else None
                key = person_key(row[3]) if column and row[3] else keys[old]
                new = new_of.get(key, new_of.get(keys[old], old))
            if new != old:
                db.execute(f"update {table} set person_id = ? where id = ?", [new, row_id])


def _show_or_drop(db: sqlite_utils.Database, person_id: int) -> None:
    """Give a person the plainest spelling of its own name, or drop a person no officials row names."""
    own = db.execute("select key from people where id = ?", [person_id]).fetchone()
    if own is None:
        return
    spellings = [name for (name,) in db.execute("select name from person_names where person_id = ?", [person_id])
                 if official_key(name) == own[0]]
    if spellings:
        db.execute("update people set name = ? where id = ?", [display_name(spellings), person_id])
    elif not db.execute("select 1 from officials where person_id = ? limit 1", [person_id]).fetchone():
        # A person is someone an official row names: a quote of a full name no official bears any more
        # waits unlinked, as it would have if that official had never been stored.
        for table in ("quotes", "statements", "mentions"):
            db.execute(f"update {table} set person_id = null where person_id = ?", [person_id])
        db.execute("delete from positions where person_id = ?", [person_id])
        db.execute("delete from person_names where person_id = ?", [person_id])
        db.execute("delete from people where id = ?", [person_id])
