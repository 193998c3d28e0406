"""Warta's Datasette plugin: documents with their extracted items marked, and drafts as HTML.

Routes::

    /-/warta/doc/<id>        a document's text, each regulation, agency, person, quote and
                             statement marked in its colour and linked to its row
    /-/warta/drafts          the Markdown drafts written beside the database
    /-/warta/drafts/<name>   one draft rendered as HTML

Cells link to those pages: a document's title in the ``documents`` table, and the
``document_id``, ``regulation_id`` and ``person_id`` columns of canned queries. A
regulation's id links the documents citing it and what was said about it.

The module imports only Datasette, MarkupSafe, the standard library and, when
installed, markdown-it-py, so it loads the same from a ``--plugins-dir`` folder as
from the ``warta`` entry point. Settings (all optional) go under
``plugins.warta`` in the metadata: ``database`` (default: the first one) and
``drafts_dir`` (default: ``drafts/`` beside the database file).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

ROUTE = "/-/warta"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # resolve: a plugins-dir symlink

# Kind of mark -> (table of its row, column of mentions holding the row's id).
TARGETS = {
    "regulation": ("regulations", "regulation_id"),
    "agency": ("agencies", "agency_id"),
    "person": ("people", "person_id"),
    "quote": ("quotes", "quote_id"),
    "statement": ("statements", "statement_id"),
}
# Of two marks over the same span, the longer-lived kind goes outside.
_NESTING = {"quote": 0, "statement": 1, "regulation": 2, "agency": 3, "person": 4}


class Mark(NamedTuple):
    """A span of a document's text to highlight, and where its label links.

    (A named tuple, not a dataclass: a module loaded from ``--plugins-dir`` is
    not in ``sys.modules``, which dataclasses need.)
    """

    start: int
    end: int
    kind: str
    href: str | None = None
    title: str | None = None


# -- pure helpers --------------------------------------------------------------


def nest_marks(marks: Iterable[Mark]) -> list[Mark]:
    """Marks in document order, each one inside or after the one before.

    A mark that crosses the border of an open one (starts inside, ends outside)
    is dropped, as is a repeat of a mark of the same kind over the same span.
    """
    kept: list[Mark] = []
    open_marks: list[Mark] = []
    seen: set[tuple[int, int, str]] = set()
    for mark in sorted(marks, key=lambda m: (m.start, -m.end, _NESTING.get(m.kind, 9))):
        if mark.end <= mark.start or (mark.start, mark.end, mark.kind) in seen:
            continue
        while open_marks and open_marks[-1].end <= mark.start:
            open_marks.pop()
        if open_marks and mark.end > open_marks[-1].end:
            continue
        seen.add((mark.start, mark.end, mark.kind))
        kept.append(mark)
        open_marks.append(mark)
    return kept


def _open_tag(mark: Mark) -> Markup:
    title = Markup(' title="{}"').format(mark.title) if mark.title else Markup("")
    return Markup('<mark class="warta-mark warta-{}" data-kind="{}"{}>').format(mark.kind, mark.kind, title)


def _close_tag(mark: Mark) -> Markup:
    if mark.href:
        label = Markup('<a class="warta-label" href="{}">{}</a>').format(mark.href, mark.kind)
    else:
        label = Markup('<span class="warta-label">{}</span>').format(mark.kind)
    return label + Markup("</mark>")


def mark_up(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with each mark wrapped in ``<mark>`` and a label linking its row.

    Marks nest (a quote holds the person and regulation it names); see :func:`nest_marks`.
    """
    parts: list[str] = []
    open_marks: list[Mark] = []
    position = 0

    def close_until(limit: int) -> None:
        nonlocal position
        while open_marks and open_marks[-1].end <= limit:
            mark = open_marks.pop()
            parts.append(escape(text[position:mark.end]))
            parts.append(_close_tag(mark))
            position = mark.end

    for mark in nest_marks(marks):
        if mark.end > len(text):
            continue
        close_until(mark.start)
        parts.append(escape(text[position:mark.start]))
        parts.append(_open_tag(mark))
        position = mark.start
        open_marks.append(mark)
    close_until(len(text))
    parts.append(escape(text[position:]))
    return Markup("".join(parts))


def render_markdown(text: str) -> Markup:
    """Markdown as HTML (raw HTML in it escaped); escaped and kept as is without markdown-it-py."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return Markup("<pre>{}</pre>").format(text)
    return Markup(MarkdownIt("commonmark", {"html": False}).enable("table").render(text))


def list_drafts(folder: Path | None) -> list[str]:
    """File names of the Markdown drafts in ``folder``, sorted; none if it does not exist."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(path.name for path in folder.glob("*.md") if path.is_file())


# -- Datasette glue ---------------------------------------------------------------


def _config(datasette) -> dict[str, Any]:
    return datasette.plugin_config("warta") or {}


def _database(datasette):
    """The Warta database: the one named in the plugin's settings, else the first."""
    return datasette.get_database(_config(datasette).get("database"))


def _drafts_dir(datasette) -> Path | None:
    configured = _config(datasette).get("drafts_dir")
    if configured:
        return Path(configured)
    path = _database(datasette).path
    return Path(path).parent / "drafts" if path else None


def _row_url(datasette, database: str, table: str, key: Any) -> str:
    return datasette.urls.row(database, table, tilde_encode(str(key)))


def document_url(document_id: str) -> str:
    """Address of a document's marked-up page."""
    return f"{ROUTE}/doc/{tilde_encode(document_id)}"


async def _template(datasette, name: str):
    """A template of ours, compiled in Datasette's environment so it can extend ``base.html``."""
    return datasette.jinja_env.from_string((TEMPLATES / name).read_text(encoding="utf-8"))


_MENTIONS_SQL = """select mentions.kind, mentions.start, mentions."end", mentions.regulation_id,
  mentions.agency_id, mentions.person_id, mentions.quote_id, mentions.statement_id,
  coalesce(regulations.type || ' ' || regulations.number || coalesce(' Tahun ' || regulations.year, ''),
           mentions.regulation_id, agencies.name, people.name, quotes.speaker, statements.speaker) as target
from mentions
  left join regulations on regulations.id = mentions.regulation_id
  left join agencies on agencies.id = mentions.agency_id
  left join people on people.id = mentions.person_id
  left join quotes on quotes.id = mentions.quote_id
  left join statements on statements.id = mentions.statement_id
where mentions.document_id = ?
order by mentions.start"""


def _mark_of(datasette, database: str, row: dict[str, Any]) -> Mark:
    table, column = TARGETS.get(row["kind"], (None, None))
    key = row[column] if column else None
    href = _row_url(datasette, database, table, key) if key is not None else None
    return Mark(row["start"], row["end"], row["kind"], href, row["target"])


async def document_page(datasette, request) -> Response:
    """``/-/warta/doc/<id>``: the document's text with every extracted item marked."""
    db = _database(datasette)
    document_id = request.url_vars["id"]
    found = await db.execute(
        "select id, title, kind, date, source, text, regulation_id, signatory_name, signatory_position "
        "from documents where id = ?", [document_id])
    document = found.first()
    if document is None:
        raise NotFound(f"No document {document_id}")
    rows = [dict(row) for row in (await db.execute(_MENTIONS_SQL, [document_id])).rows]
    marks = [_mark_of(datasette, db.name, row) for row in rows]
    context = {
        "database": db.name,
        "document": dict(document),
        "marked": mark_up(document["text"] or "", marks),
        "legend": sorted(Counter(row["kind"] for row in rows).items(), key=lambda kv: _NESTING.get(kv[0], 9)),
        "row_url": _row_url(datasette, db.name, "documents", document_id),
        "mentions_url": datasette.urls.table(db.name, "mentions") + "?" + urlencode({"document_id": document_id}),
        "regulation_url": (_row_url(datasette, db.name, "regulations", document["regulation_id"])
                           if document["regulation_id"] else None),
    }
    html = await datasette.render_template(await _template(datasette, "warta_document.html"), context,
                                           request=request)
    return Response.html(html)


async def drafts_page(datasette, request) -> Response:
    """``/-/warta/drafts``: the list of Markdown drafts."""
    context = {"drafts": list_drafts(_drafts_dir(datasette)), "route": ROUTE}
    html = await datasette.render_template(await _template(datasette, "warta_drafts.html"), context,
                                           request=request)
    return Response.html(html)


async def draft_page(datasette, request) -> Response:
    """``/-/warta/drafts/<name>.md``: one draft as HTML; only names the folder lists are served."""
    folder = _drafts_dir(datasette)
    name = request.url_vars["name"]
    if name not in list_drafts(folder):
        raise NotFound(f"No draft {name}")
    source = (folder / name).read_text(encoding="utf-8")
    context = {"name": name, "body": render_markdown(source), "route": ROUTE}
    html = await datasette.render_template(await _template(datasette, "warta_draft.html"), context,
                                           request=request)
    return Response.html(html)


@hookimpl
def register_routes(datasette):
    return [
        (rf"^{ROUTE}/doc/(?P<id>[^/]+)$", document_page),
        (rf"^{ROUTE}/drafts$", drafts_page),
        (rf"^{ROUTE}/drafts/(?P<name>[^/]+\.md)$", draft_page),
    ]


def _links(*pairs: tuple[str, str]) -> Markup:
    return Markup(" &middot; ").join(Markup('<a href="{}">{}</a>').format(href, label) for href, label in pairs)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Link documents to their marked-up page, and ids in canned query results to their rows."""
    if value is None or value == "" or not isinstance(value, (str, int)):
        return None
    if table == "documents" and column == "title":
        return Markup('<a class="warta-doc" href="{}">{}</a>').format(document_url(row["id"]), value)
    if table == "regulations" and column == "id":
        query = "?" + urlencode({"regulation_id": value})
        return Markup("{} <br>").format(value) + _links(
            (datasette.urls.query(database, "documents_citing") + query, "documents citing it"),
            (datasette.urls.query(database, "quotes_about_regulation") + query, "who said what"),
        )
    if table is not None:
        return None
    if column == "document_id":
        return Markup('<a class="warta-doc" href="{}">{}</a> ({})').format(
            document_url(str(value)), value,
            _links((_row_url(datasette, database, "documents", value), "row")))
    if column == "regulation_id":
        return Markup('<a href="{}">{}</a>').format(_row_url(datasette, database, "regulations", value), value)
    if column == "person_id":
        return Markup('<a href="{}">{}</a>').format(_row_url(datasette, database, "people", value), value)
    return None


@hookimpl
def menu_links(datasette, actor):
    return [{"href": datasette.urls.query(_database(datasette).name, "search"), "label": "Search Warta"},
            {"href": f"{ROUTE}/drafts", "label": "Drafts"}]


__all__ = ["Mark", "document_url", "list_drafts", "mark_up", "nest_marks", "render_markdown"]
