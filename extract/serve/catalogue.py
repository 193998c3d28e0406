"""What the plugin's pages show of the regulation catalogue: a regulation's status in the collection
with its relations, and a PDF's tables.

Reads the ``regulation_status`` view and the ``regulation_relations`` and ``tables`` tables through
Datasette's database object (``await db.execute``); a database written before they existed shows a
regulation as berlaku and a document without tables. Imported by :mod:`extract.serve.plugin` by its
full name (the plugin may be loaded from a ``--plugins-dir`` folder).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any, NamedTuple

from markupsafe import Markup

from extract.write.briefs import IN_FORCE, RELATION_WORDS, STATUS_WORDS, short_citation

__all__ = ["Related", "document_tables", "regulation_status", "status_html", "table_cells"]

_STATUS_SQL = """select status, changed_by from regulation_status where regulation_id = ?"""
_RELATIONS_SQL = """select relation, {other} as other_id, min(article) as article,
  regulations.id, regulations.type, regulations.number, regulations.year
from regulation_relations left join regulations on regulations.id = {other}
where {own} = ? and relation in ('amends', 'revokes', 'implements') {extra}
group by relation, {other} order by relation, {other}"""
_LABEL_SQL = "select id, type, number, year from regulations where id in ({})"


class Related(NamedTuple):
    """A regulation linked from another's status or relations: its id, short label and the words before it."""

    id: str
    label: str
    words: str = ""
    article: str | None = None


async def regulation_status(db, regulation_id: str) -> tuple[str, list[Related], list[Related]]:
    """``(status, changed_by, relations)`` of a regulation: berlaku/diubah/dicabut from the
    ``regulation_status`` view, the regulations that changed it, and what it amends, revokes or
    implements (then what implements it), each with a short label. Berlaku without the view."""
    try:
        found = (await db.execute(_STATUS_SQL, [regulation_id])).first()
    except sqlite3.OperationalError:  # a database written before the view existed
        return "berlaku", [], []
    status = found["status"] if found else "berlaku"
    ids = sorted({part for part in str((found["changed_by"] if found else None) or "").split(",") if part})
    rows = {row["id"]: dict(row) for row in (await db.execute(
        _LABEL_SQL.format(", ".join("?" * len(ids))), ids)).rows} if ids else {}
    changed = [Related(reg_id, short_citation(rows.get(reg_id), reg_id)) for reg_id in ids]
    relations = []
    for own, other, side, extra in (("from_id", "to_id", 0, ""), ("to_id", "from_id", 1, "and relation = 'implements'")):
        for row in (await db.execute(_RELATIONS_SQL.format(own=own, other=other, extra=extra), [regulation_id])).rows:
            label = short_citation(dict(row) if row["id"] else None, row["other_id"])
            relations.append(Related(row["other_id"], label, RELATION_WORDS[row["relation"]][side], row["article"]))
    return status, changed, relations


def status_html(href: Callable[[str], str], status: str, changed: list[Related], relations: list[Related]) -> Markup:
    """The status line (``Status: diubah oleh <a>PP 2/2024</a>``) and one line per relation, each
    regulation linked to ``href(id)``, its row page."""
    def link(item: Related) -> Markup:
        return Markup('<a href="{}" title="{}">{}</a>').format(href(item.id), item.id, item.label)

    if status in STATUS_WORDS and changed:
        line = Markup("{} {}").format(STATUS_WORDS[status], Markup(", ").join(link(item) for item in changed))
    else:
        line = Markup(IN_FORCE)
    parts = [Markup('<div class="warta-status warta-status-{}"><strong>Status:</strong> {}</div>').format(
        status, line)]
    for item in relations:
        article = Markup(" ({})").format(item.article) if item.article else Markup("")
        parts.append(Markup('<div class="warta-relation">{}: {}{}</div>').format(
            item.words.capitalize(), link(item), article))
    return Markup("").join(parts)


_TABLES_SQL = """select page, [index], caption, header, rows from tables where document_id = ?
order by page, [index]"""


def table_cells(header: str | None, rows: str | None) -> tuple[list[str], list[list[str]]]:
    """A stored table's header and rows (JSON text) as lists of strings; empty where a column holds
    no JSON list, a missing cell as ``""``."""
    def load(text: str | None) -> list:
        try:
            value = json.loads(text) if text else []
        except ValueError:
            return []
        return value if isinstance(value, list) else []

    def cells(row: Any) -> list[str]:
        return ["" if cell is None else str(cell) for cell in (row if isinstance(row, list) else [row])]

    return cells(load(header)), [cells(row) for row in load(rows)]


async def document_tables(db, document_id: str) -> list[dict[str, Any]]:
    """The PDF tables of a document, in page order: ``[{"page", "index", "caption", "header", "rows"}]``;
    none for a database written before the ``tables`` table existed."""
    try:
        found = (await db.execute(_TABLES_SQL, [document_id])).rows
    except sqlite3.OperationalError:  # no tables table yet
        return []
    out = []
    for row in found:
        header, rows = table_cells(row["header"], row["rows"])
        out.append({"page": row["page"], "index": row["index"], "caption": row["caption"], "header": header,
                    "rows": rows})
    return out
