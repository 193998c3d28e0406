"""Briefs on regulations and profiles of officials, rendered from the database.

:func:`regulation_context` and :func:`person_context` gather a regulation's or an official's
rows into a plain dict whose keys become the variables of ``brief-regulasi.*.j2`` and
``profil-pejabat.*.j2``; :func:`render_regulation_brief` and :func:`render_profile` render one,
and :func:`render_briefs` writes a file for every regulation and person worth one. Templates are
found and rendered the way :mod:`extract.write.render` does it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import sqlite_utils
from sqlite_utils.db import NotFoundError

from ..store.persons import person_key
from .release import is_generic_title, release_parts, sentence_case, speaker_window
from .render import (
    DRAFT_FORMATS,
    draft_error,
    format_citation,
    make_env,
    regulation_type_names,
    render_context,
    slugify,
    write_atomic,
)

__all__ = [
    "BRIEF_FORMATS",
    "RELATION_WORDS",
    "briefed_regulations",
    "person_context",
    "profiled_people",
    "regulation_context",
    "regulation_relations",
    "render_briefs",
    "render_profile",
    "render_regulation_brief",
    "short_citation",
    "status_line",
]

BRIEF_FORMATS = DRAFT_FORMATS

_WHEN = "coalesce(documents.date, documents.event_date)"

_DOCUMENT_COLUMNS = (f"documents.id, documents.title, documents.kind, documents.date, documents.event_date, "
                     f"documents.source, {_WHEN} as [when]")

# What was said, with the speaker's stored name and the position they held in that document.
_UTTERANCES_SQL = """select {table}.text, coalesce(people.name, {table}.speaker) as speaker, {table}.person_id,
  (select min(officials.position) from officials where officials.document_id = {table}.document_id
     and officials.person_id = {table}.person_id) as position,
  (select min(officials.agency) from officials where officials.document_id = {table}.document_id
     and officials.person_id = {table}.person_id) as agency,
  documents.id as document_id, documents.title as document_title, documents.kind as document_kind,
  documents.source, {when} as [when]
from {table} join documents on documents.id = {table}.document_id
  left join people on people.id = {table}.person_id
where {where}
order by [when] is null, [when], documents.source, {table}.start, {table}.id"""


def _utterances(db: sqlite_utils.Database, table: str, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows of ``quotes`` or ``statements`` matching ``where``, each with speaker and document."""
    if table not in ("quotes", "statements"):
        raise ValueError(f"not an utterance table: {table!r}")
    sql = _UTTERANCES_SQL.format(table=table, where=where, when=_WHEN)
    return [dict(row) for row in db.query(sql, list(params))]


def _headlines(db: sqlite_utils.Database, rows: list[dict[str, Any]], id_key: str = "id",
               title_key: str = "title") -> list[dict[str, Any]]:
    """Rows whose document title only says ``SIARAN PERS`` get the headline below it instead, and an
    ALL-CAPS title is written in sentence case."""
    for row in rows:
        title = row.get(title_key)
        if row.get(id_key) and (is_generic_title(title) or sentence_case(title) != title):
            found = list(db.query("select title, text from documents where id = ?", [row[id_key]]))
            if found:
                title = release_parts(found[0]).headline if is_generic_title(title) else title
                row[title_key] = sentence_case(title or row[title_key], [found[0]["text"]], start=True)
    return rows


def _officials_only(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What officials said: items whose speaker is an official of the document (a stored person)."""
    return [item for item in items if item.get("person_id") is not None]


_OFFICE_NOISE = re.compile(r"\b(?:republik indonesia|ri)\b|\([^)]*\)|[.,]")


def office_key(position: str | None, acronyms: Mapping[str, str]) -> str:
    """One key for one office however it is written: acronyms spelled out (``BPS`` -> ``badan pusat
    statistik``), ``Republik Indonesia`` and parentheses dropped, case and spacing folded."""
    words = [acronyms.get(word.casefold(), word) for word in str(position or "").split()]
    return " ".join(_OFFICE_NOISE.sub(" ", " ".join(words).casefold()).split())


def merge_offices(positions: list[dict[str, Any]], acronyms: Mapping[str, str]) -> list[dict[str, Any]]:
    """Positions of one person with the same :func:`office_key` merged into one: the longest wording,
    the earliest first date, the latest last date and the documents added up. An agency already
    named in the position is not repeated."""
    merged: dict[str, dict[str, Any]] = {}
    for position in positions:
        key = office_key(position.get("position"), acronyms) or f"#{len(merged)}"
        if key not in merged:
            merged[key] = dict(position)
            continue
        kept = merged[key]
        if len(str(position.get("position") or "")) > len(str(kept.get("position") or "")):
            kept["position"] = position["position"]
        kept["agency"] = kept.get("agency") or position.get("agency")
        firsts = [d for d in (kept.get("first_date"), position.get("first_date")) if d]
        lasts = [d for d in (kept.get("last_date"), position.get("last_date")) if d]
        kept["first_date"] = min(firsts) if firsts else None
        kept["last_date"] = max(lasts) if lasts else None
        kept["documents"] = (kept.get("documents") or 0) + (position.get("documents") or 0)
    for position in merged.values():
        if position.get("agency") and office_key(position["agency"], acronyms) in office_key(position.get("position"), acronyms):
            position["agency"] = None
    return list(merged.values())


def _acronyms(db: sqlite_utils.Database) -> dict[str, str]:
    """Every stored agency acronym (case folded) with the agency's name."""
    return {row["acronym"].casefold(): row["name"] for row in db.query(
        "select acronym, name from agencies where acronym is not null and acronym <> name")}


def _regulation_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A ``regulations`` row with its long type name and full citation."""
    regulation = dict(row)
    regulation["type_name"] = regulation_type_names().get(str(regulation.get("type") or "").upper())
    regulation["citation"] = format_citation(regulation) or regulation["id"]
    return regulation


# A relation's words, read from its source ("mengubah X") and from its target ("diubah oleh Y").
RELATION_WORDS = {
    "amends": ("mengubah", "diubah oleh"),
    "revokes": ("mencabut", "dicabut oleh"),
    "implements": ("melaksanakan", "dilaksanakan oleh"),
    "basis": ("berdasarkan", "menjadi dasar hukum bagi"),
}
STATUS_WORDS = {"diubah": "diubah oleh", "dicabut": "dicabut oleh"}
IN_FORCE = "berlaku (menurut koleksi ini)"


def short_citation(row: Mapping[str, Any] | None, fallback: str = "") -> str:
    """A regulation as people write it in a line: ``PP 2/2024``, ``PADG 21/18/PADG/2019`` (the year left
    out when the number carries it); the id (or ``fallback``) when the type or number is unknown."""
    if not row:
        return fallback
    code, number, year = str(row.get("type") or "").upper(), row.get("number"), row.get("year")
    if not code or code == "OTHER" or not number:
        return str(row.get("id") or fallback)
    number = str(number)
    cited = number if number.upper().startswith(code) else f"{code} {number}"  # "SE-00013/BEI/2021"
    return cited + (f"/{year}" if year and str(year) not in number else "")


def status_line(status: str | None, by: Sequence[str] = ()) -> str:
    """``diubah oleh PP 2/2024, PP 3/2025``, ``dicabut oleh ...``, else ``berlaku (menurut koleksi ini)``:
    the collection only knows the changes its own documents state."""
    if status in STATUS_WORDS and by:
        return f"{STATUS_WORDS[status]} {', '.join(by)}"
    return IN_FORCE


def _regulation_labels(db: sqlite_utils.Database, ids: str | None) -> list[dict[str, Any]]:
    """``[{"id", "label"}]`` for a comma-separated list of regulation ids, as the status view lists them."""
    out = []
    for reg_id in sorted({part for part in str(ids or "").split(",") if part}):
        found = list(db.query("select * from regulations where id = ?", [reg_id]))
        out.append({"id": reg_id, "label": short_citation(found[0] if found else None, reg_id)})
    return out


_RELATIONS_SQL = """select relation, {other} as other_id, min(article) as article, regulations.type,
  regulations.number, regulations.year, regulations.subject, regulations.id
from regulation_relations left join regulations on regulations.id = {other}
where {own} = ? and relation in ('amends', 'revokes', 'implements') {extra}
group by relation, {other} order by relation, {other}"""


def regulation_relations(db: sqlite_utils.Database, regulation_id: str) -> dict[str, Any]:
    """A regulation's status in the collection and its relations, for briefs and pages.

    ``status``: ``{"status": berlaku|diubah|dicabut, "by": [{"id", "label"}], "line"}`` from the
    ``regulation_status`` view; ``relations``: what it amends, revokes or implements, then what
    implements it, each ``{"relation", "words", "id", "label", "article"}``.
    """
    found = list(db.query("select status, changed_by from regulation_status where regulation_id = ?",
                          [regulation_id])) if "regulation_status" in db.view_names() else []
    status = found[0]["status"] if found else "berlaku"
    by = _regulation_labels(db, found[0]["changed_by"] if found else None)
    relations = []
    if "regulation_relations" in db.table_names():
        for own, other, side, extra in (("from_id", "to_id", 0, ""),
                                        ("to_id", "from_id", 1, "and relation = 'implements'")):
            for row in db.query(_RELATIONS_SQL.format(own=own, other=other, extra=extra), [regulation_id]):
                relations.append({"relation": row["relation"], "words": RELATION_WORDS[row["relation"]][side],
                                  "id": row["other_id"], "label": short_citation(dict(row), row["other_id"]),
                                  "article": row["article"]})
    return {"status": {"status": status, "by": by, "line": status_line(status, [b["label"] for b in by])},
            "relations": relations}


def regulation_context(db: sqlite_utils.Database, regulation_id: str) -> dict[str, Any]:
    """Everything the database knows about one regulation, for ``brief-regulasi`` templates.

    Keys: ``regulation`` (the row plus ``type_name`` and ``citation``), ``status`` and
    ``relations`` (see :func:`regulation_relations`), ``documents`` citing it
    (oldest first, each with ``basis`` and the ``mentions`` as written), ``issued_in`` (documents
    that are the regulation itself), ``quotes`` and ``statements`` in the citing documents (with
    ``speaker``, ``position``, ``agency`` and the document), ``officials`` and ``agencies`` named in
    the citing documents (most documents first). Raises ``ValueError`` for an unknown id.
    """
    try:
        row = db["regulations"].get(regulation_id)
    except NotFoundError:
        raise ValueError(f"no stored regulation has id {regulation_id!r}") from None
    citing = "documents.id in (select document_id from citations where regulation_id = ?)"
    documents = _headlines(db, [dict(doc) for doc in db.query(
        f"select {_DOCUMENT_COLUMNS} from documents where {citing} "
        f"order by [when] is null, [when], documents.source", [regulation_id])])
    cited = {doc["id"]: doc for doc in documents}
    for doc in documents:
        doc.update(basis=False, mentions=[])
    for citation in db.query("select document_id, mention, basis from citations where regulation_id = ? "
                             "order by document_id, start", [regulation_id]):
        doc = cited[citation["document_id"]]
        doc["basis"] = doc["basis"] or bool(citation["basis"])
        if citation["mention"] and citation["mention"] not in doc["mentions"]:
            doc["mentions"].append(citation["mention"])
    issued_in = [dict(doc) for doc in db.query(
        f"select {_DOCUMENT_COLUMNS} from documents where regulation_id = ? order by documents.source",
        [regulation_id])]
    officials = [dict(person) for person in db.query(
        "select people.id as person_id, people.name, min(officials.position) as position, "
        "count(distinct officials.document_id) as documents from officials "
        "join people on people.id = officials.person_id "
        "where officials.document_id in (select document_id from citations where regulation_id = ?) "
        "group by people.id order by documents desc, people.name", [regulation_id])]
    agencies = [dict(agency) for agency in db.query(
        "select agencies.id, agencies.name, agencies.acronym, count(distinct document_agencies.document_id) "
        "as documents from document_agencies join agencies on agencies.id = document_agencies.agency_id "
        "where document_agencies.document_id in (select document_id from citations where regulation_id = ?) "
        "group by agencies.id order by documents desc, agencies.name", [regulation_id])]
    return {
        "regulation": _regulation_row(row),
        **regulation_relations(db, regulation_id),
        "documents": documents,
        "issued_in": issued_in,
        "quotes": _headlines(db, _officials_only(_utterances(db, "quotes", citing, [regulation_id])),
                             "document_id", "document_title"),
        "statements": _headlines(db, _officials_only(_utterances(db, "statements", citing, [regulation_id])),
                                 "document_id", "document_title"),
        "officials": officials,
        "agencies": agencies,
    }


def _find_person(db: sqlite_utils.Database, person: int | str) -> dict[str, Any]:
    """The ``people`` row for an id (an int or a string of digits) or a name in any of its forms.

    A name is matched on its normalized form (no honorifics or degrees, case folded), then on the
    names the person was stored under. Raises ``ValueError`` when nobody or several people match.
    """
    if isinstance(person, int) or str(person).strip().isdigit():
        found = list(db.query("select * from people where id = ?", [int(person)]))
    else:
        name = str(person).strip()
        key = person_key(name)
        found = list(db.query("select * from people where key = ? order by id", [key]))
        if not found:
            found = list(db.query(
                "select * from people where id in (select person_id from person_names "
                "where lower(name) = lower(?)) order by id", [name]))
    if not found:
        raise ValueError(f"no stored person matches {person!r}")
    if len(found) > 1:
        listed = ", ".join(f"{row['id']} ({row['name']})" for row in found)
        raise ValueError(f"{person!r} matches several people: {listed}; give an id")
    return dict(found[0])


def person_context(db: sqlite_utils.Database, person: int | str) -> dict[str, Any]:
    """Everything the database knows about one person, for ``profil-pejabat`` templates.

    ``person`` is a ``people`` id or a name. Keys: ``person`` (id, name, ``aliases``),
    ``positions`` over time (oldest first) and ``current`` (the most recently seen, or ``None``),
    ``documents`` naming or quoting them (oldest first, each with the ``position`` held there and
    ``signatory``), their ``quotes`` and ``statements``, and the ``regulations`` those documents
    cite (most documents first). Raises ``ValueError`` when the person is not found or ambiguous.
    """
    row = _find_person(db, person)
    person_id = row["id"]
    aliases = [alias["name"] for alias in db.query(
        "select name from person_names where person_id = ? and name <> ? order by name", [person_id, row["name"]])]
    positions = [dict(position) for position in db.query(
        "select position, agency, first_date, last_date, documents from positions where person_id = ? "
        "order by first_date is null, first_date, last_date, position", [person_id])]
    positions = merge_offices(positions, _acronyms(db))
    dated = [position for position in positions if position["position"]]
    current = max(dated, key=lambda p: (p["last_date"] or "", p["documents"] or 0), default=None)
    named = ("documents.id in (select document_id from officials where person_id = :id union "
             "select document_id from quotes where person_id = :id union "
             "select document_id from statements where person_id = :id)")
    documents = [dict(doc) for doc in db.query(
        f"select {_DOCUMENT_COLUMNS}, "
        "(select min(position) from officials where officials.document_id = documents.id "
        "   and officials.person_id = :id) as position, "
        "(select max(signatory) from officials where officials.document_id = documents.id "
        "   and officials.person_id = :id) as signatory "
        f"from documents where {named} order by [when] is null, [when], documents.source", {"id": person_id})]
    for doc in _headlines(db, documents):
        doc["signatory"] = bool(doc["signatory"])
    regulations = []
    for reg in db.query(
            "select regulations.*, count(distinct citations.document_id) as documents from citations "
            "join regulations on regulations.id = citations.regulation_id "
            f"where citations.document_id in (select documents.id from documents where {named}) "
            "group by regulations.id order by documents desc, regulations.id", {"id": person_id}):
        regulations.append(_regulation_row(reg))
    return {
        "person": {"id": person_id, "name": row["name"], "aliases": aliases},
        "positions": positions,
        "current": current,
        "documents": documents,
        "quotes": _headlines(db, _utterances(db, "quotes", "quotes.person_id = ?", [person_id]),
                             "document_id", "document_title"),
        "statements": _headlines(db, _own_statements(db, person_id, [row["name"], *aliases]),
                                 "document_id", "document_title"),
        "regulations": regulations,
    }


def _own_statements(db: sqlite_utils.Database, person_id: int, names: Sequence[str]) -> list[dict[str, Any]]:
    """A person's statements: those stored under them, and those stored without a speaker whose
    sentence (or the one before, for "Ia mengatakan ...") names them, in a document that names them."""
    own = _utterances(db, "statements", "statements.person_id = ?", [person_id])
    loose = _utterances(db, "statements", "statements.person_id is null and coalesce(statements.speaker, '') = '' "
                        "and statements.document_id in (select document_id from officials where person_id = ?)",
                        [person_id])
    wanted = [name.casefold() for name in names if name]
    for item in loose:
        found = list(db.query("select documents.text, statements.start from statements join documents on "
                              "documents.id = statements.document_id where statements.document_id = ? and "
                              "statements.text = ? limit 1", [item["document_id"], item["text"]]))
        if found and found[0]["text"] and isinstance(found[0]["start"], int):
            window = speaker_window(found[0]["text"], found[0]["start"]).casefold()
            if any(name in window for name in wanted):
                item["speaker"] = names[0]
                own.append(item)
    return own


def render_regulation_brief(
    db: sqlite_utils.Database,
    regulation_id: str,
    fmt: str = "md",
    templates_dir: str | Path | None = None,
    *,
    env: jinja2.Environment | None = None,
) -> str:
    """A brief on one regulation: ``brief-regulasi-{type}.{fmt}.j2``, else ``brief-regulasi.{fmt}.j2``.

    Raises ``ValueError`` for an unknown regulation id; see :func:`regulation_context`.
    """
    context = regulation_context(db, regulation_id)
    code = slugify(context["regulation"].get("type")) or "other"
    names = [f"brief-regulasi-{code}.{fmt}.j2", f"brief-regulasi.{fmt}.j2"]
    return render_context(context, names, env or make_env(templates_dir, fmt))


def render_profile(
    db: sqlite_utils.Database,
    person: int | str,
    fmt: str = "md",
    templates_dir: str | Path | None = None,
    *,
    env: jinja2.Environment | None = None,
) -> str:
    """An official's profile from ``profil-pejabat.{fmt}.j2``; ``person`` is an id or a name.

    Raises ``ValueError`` when the person is not found or ambiguous; see :func:`person_context`.
    """
    context = person_context(db, person)
    return render_context(context, [f"profil-pejabat.{fmt}.j2"], env or make_env(templates_dir, fmt))


def _unique_stems(items: Sequence[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """``(key, label)`` pairs to ``(key, stem)``: a slug of the label, made unique with the key."""
    taken: set[str] = set()
    stems = []
    for key, label in items:
        stem = slugify(label) or slugify(str(key)) or "tanpa-nama"
        if stem in taken:
            stem = f"{stem}-{slugify(str(key))}"
        taken.add(stem)
        stems.append((key, stem))
    return stems


def briefed_regulations(db: sqlite_utils.Database) -> list[str]:
    """Ids of the regulations worth a brief: cited by two documents or more, or by one with quotes."""
    sql = """select citations.regulation_id as id from citations
      group by citations.regulation_id
      having count(distinct citations.document_id) >= 2
        or sum(exists(select 1 from quotes where quotes.document_id = citations.document_id)) > 0
      order by citations.regulation_id"""
    return [row["id"] for row in db.query(sql)]


def profiled_people(db: sqlite_utils.Database) -> list[tuple[int, str]]:
    """``(id, name)`` of every person with a known position, by name."""
    sql = """select people.id, people.name from people where exists (
      select 1 from positions where positions.person_id = people.id and positions.position is not null)
      order by people.name, people.id"""
    return [(row["id"], row["name"]) for row in db.query(sql)]


def render_briefs(
    db: sqlite_utils.Database,
    out_dir: str | Path,
    *,
    templates_dir: str | Path | None = None,
    formats: Sequence[str] = BRIEF_FORMATS,
) -> list[Path]:
    """Write ``out_dir/regulasi/<slug>.<fmt>`` and ``out_dir/pejabat/<slug>.<fmt>``.

    A brief for every regulation of :func:`briefed_regulations` and a profile for every person of
    :func:`profiled_people`, each file written atomically. Returns the paths written, in order.
    """
    out = Path(out_dir)
    envs = {fmt: make_env(templates_dir, fmt) for fmt in formats}
    targets: list[tuple[str, Callable[..., str], Any, str]] = [
        *(("regulasi", render_regulation_brief, key, stem)
          for key, stem in _unique_stems([(reg_id, reg_id) for reg_id in briefed_regulations(db)])),
        *(("pejabat", render_profile, key, stem) for key, stem in _unique_stems(profiled_people(db))),
    ]
    written: list[Path] = []
    for folder, render, key, stem in targets:
        (out / folder).mkdir(parents=True, exist_ok=True)
        for fmt in formats:
            path = out / folder / f"{stem}.{fmt}"
            try:
                text = render(db, key, fmt, env=envs[fmt])
            except (jinja2.TemplateNotFound, jinja2.UndefinedError) as exc:
                raise draft_error(exc, [folder], templates_dir) from None
            write_atomic(path, text)
            written.append(path)
    return written
