"""Warta's Datasette plugin: documents with their extracted items marked, and drafts as HTML.

Routes::

    /-/warta/doc/<id>        a document's text, each regulation, agency, person, quote and
                             statement marked in its colour and linked to its row, and the
                             tables of a PDF below it (header, cells, page)
    /-/warta/drafts          every Markdown draft written beside the database, grouped, with titles
    /-/warta/drafts/<path>   one draft rendered as HTML (``regulasi/`` and ``pejabat/`` too)
    /-/warta/dashboard       charts: citations per month, most-cited regulations, documents per
                             agency and kind, quotes per official (inline SVG, nothing fetched)
    /-/warta/warta.css       the styles the pages above and Datasette's own pages share

The served database is read-only through Datasette: any request but ``GET``, ``HEAD`` or
``OPTIONS`` is answered 405 before Datasette sees it (:func:`asgi_wrapper`), so no writable canned
query, form or plugin endpoint can change it; Datasette's own ``?sql=`` runs on a read-only
connection and only accepts ``select``.

Cells link to those pages: a document's title in the ``documents`` table, and the
``document_id``, ``regulation_id`` and ``person_id`` columns of canned queries. A
regulation's id links the documents citing it and what was said about it, and states its status
in the collection (berlaku, diubah or dicabut by the regulations linked) and what it amends,
revokes or implements (see :mod:`extract.serve.catalogue`).

The module imports Datasette, MarkupSafe, the standard library, markdown-it-py when
installed and, for the search functions, ``extract.store.query``; it loads the same from
a ``--plugins-dir`` folder as from the ``warta`` entry point. Settings (all optional) go under
``plugins.warta`` in the metadata: ``database`` (default: the first one) and
``drafts_dir`` (default: ``drafts/`` beside the database file).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any, NamedTuple
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from extract.serve.catalogue import document_tables, regulation_status, status_html

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


# What a mark's label says, in Indonesian; ``data-kind`` keeps the English name.
MARK_WORDS = {"regulation": "regulasi", "agency": "instansi", "person": "orang", "quote": "kutipan",
              "statement": "keterangan"}


def _close_tag(mark: Mark) -> Markup:
    word = MARK_WORDS.get(mark.kind, mark.kind)
    if mark.href:
        label = Markup('<a class="warta-label" href="{}">{}</a>').format(mark.href, word)
    else:
        label = Markup('<span class="warta-label">{}</span>').format(word)
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


DRAFT_GROUPS = (
    ("siaran-pers", "Siaran pers"),
    ("catatan", "Catatan pemberitaan"),
    ("ringkasan", "Ringkasan"),
    ("regulasi", "Brief regulasi"),
    ("pejabat", "Profil pejabat"),
)
_SUBFOLDERS = ("regulasi", "pejabat")


def list_drafts(folder: Path | None) -> list[str]:
    """Paths (relative, ``/``-separated) of the Markdown drafts in ``folder`` and its ``regulasi/``
    and ``pejabat/`` subfolders, sorted; none if it does not exist."""
    if folder is None or not folder.is_dir():
        return []
    names = [path.name for path in folder.glob("*.md") if path.is_file()]
    for sub in _SUBFOLDERS:
        names += [f"{sub}/{path.name}" for path in (folder / sub).glob("*.md") if path.is_file()]
    return sorted(names)


def draft_group(name: str) -> str:
    """Which group a draft belongs to: its subfolder, else the template part of ``stem.<name>.md``."""
    if "/" in name:
        return name.split("/", 1)[0]
    parts = name.rsplit(".", 2)
    return parts[-2] if len(parts) == 3 else "lain"


def draft_title(path: Path) -> str:
    """The first Markdown heading of a draft, without the ``#``; the file name if it has none."""
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("# "):
                    return line[2:].strip()
    except OSError:
        pass
    return path.name


def grouped_drafts(folder: Path | None) -> list[dict[str, Any]]:
    """``[{"key", "label", "drafts": [{"name", "title", "document"}]}]`` in the order of
    :data:`DRAFT_GROUPS`, empty groups left out. ``document`` is the stem the draft was written for."""
    groups: dict[str, list[dict[str, str]]] = {}
    for name in list_drafts(folder):
        key = draft_group(name)
        document = name.split("/", 1)[-1].split(".", 1)[0]
        groups.setdefault(key, []).append({"name": name, "title": draft_title(folder / name), "document": document})
    labels = dict(DRAFT_GROUPS)
    order = [key for key, _ in DRAFT_GROUPS] + sorted(set(groups) - set(labels))
    return [{"key": key, "label": labels.get(key, key), "drafts": groups[key]} for key in order if key in groups]


KIND_WORDS = {
    "press_release": "siaran pers", "news": "berita", "circular": "surat edaran", "regulation": "peraturan",
    "decision": "keputusan", "instruction": "instruksi", "other": "lainnya",
}
FOUND_WORDS = {"document": "dokumen", "quote": "kutipan", "statement": "keterangan", "regulation": "regulasi"}
MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"


def readable_title(title: str, row: Any = None) -> str:
    """A document's title as a reader wants it: the headline below a bare ``SIARAN PERS``, and an
    ALL-CAPS title in sentence case (the record keeps what the document wrote)."""
    from extract.write.release import is_generic_title, release_parts, sentence_case

    text = row["text"] if row is not None and "text" in row.keys() else None
    if is_generic_title(title) and text:
        title = release_parts({"text": text, "title": title}).headline or title
    return sentence_case(title, [text] if text else [], start=True)


def _title_without_text(title: str) -> str | None:
    """:func:`readable_title` of ``title`` when it needs no document text, else None (a bare ``SIARAN PERS``,
    or capitals that sentence case would lower: the text says which words keep their capitals)."""
    from extract.write.release import is_generic_title, sentence_case

    plain = sentence_case(title, [], start=True)
    return None if is_generic_title(title) or plain != title[:1].upper() + title[1:] else plain


def snippet_html(text: str) -> Markup:
    """A search snippet as HTML: the ``⟦ ⟧`` markers around matches become ``<mark>``."""
    escaped = str(escape(text))
    escaped = escaped.replace(MARK_OPEN, '<mark class="warta-hit">').replace(MARK_CLOSE, "</mark>")
    return Markup(escaped)


# -- charts -------------------------------------------------------------------------


def bar_chart(title: str, rows: list[tuple[str, float]], unit: str = "", width: int = 570) -> Markup:
    """A horizontal bar chart as inline SVG (no script, nothing fetched): one bar per ``(label, value)``."""
    if not rows:
        return Markup('<figure class="warta-chart"><figcaption>{}</figcaption><p>Belum ada data.</p></figure>').format(
            title)
    bar, gap, label_width = 22, 6, 250
    top = max(value for _, value in rows) or 1
    height = len(rows) * (bar + gap) + gap
    parts = [Markup('<svg role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}" '
                    'xmlns="http://www.w3.org/2000/svg">').format(title, width, height, width, height)]
    for n, (label, value) in enumerate(rows):
        y = gap + n * (bar + gap)
        length = max(2.0, (width - label_width - 60) * value / top)
        short = label if len(label) <= 36 else label[:35] + "\u2026"
        parts.append(Markup(
            '<g><title>{}: {} {}</title><text x="{}" y="{}" text-anchor="end" font-size="11">{}</text>'
            '<rect x="{}" y="{}" width="{:.1f}" height="{}" rx="3" fill="#276890"></rect>'
            '<text x="{:.1f}" y="{}" font-size="12">{}</text></g>').format(
                label, value, unit, label_width - 8, y + bar * 0.7, short, label_width, y, length, bar,
                label_width + length + 6, y + bar * 0.7, f"{value:g}"))
    parts.append(Markup("</svg>"))
    return Markup('<figure class="warta-chart"><figcaption>{}</figcaption>{}</figure>').format(
        title, Markup("").join(parts))


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
    document_id = tilde_decode(request.url_vars["id"])  # document_url() encodes it
    found = await db.execute(
        "select id, title, kind, date, source, text, regulation_id, signatory_name, signatory_position "
        "from documents where id = ?", [document_id])
    document = found.first()
    if document is None:
        raise NotFound(f"Dokumen {document_id} tidak ada")
    rows = [dict(row) for row in (await db.execute(_MENTIONS_SQL, [document_id])).rows]
    marks = [_mark_of(datasette, db.name, row) for row in rows]
    tables = await document_tables(db, document_id)
    context = {
        "database": db.name,
        "document": dict(document, title=readable_title(document["title"] or "", document)),
        "marked": mark_up(document["text"] or "", marks),
        "kind_word": KIND_WORDS.get(document["kind"] or "", document["kind"] or ""),
        "legend": sorted(Counter(row["kind"] for row in rows).items(), key=lambda kv: _NESTING.get(kv[0], 9)),
        "words": MARK_WORDS,
        "tables": tables,
        "tables_url": datasette.urls.table(db.name, "tables") + "?" + urlencode({"document_id": document_id}),
        "row_url": _row_url(datasette, db.name, "documents", document_id),
        "mentions_url": datasette.urls.table(db.name, "mentions") + "?" + urlencode({"document_id": document_id}),
        "regulation_url": (_row_url(datasette, db.name, "regulations", document["regulation_id"])
                           if document["regulation_id"] else None),
    }
    html = await datasette.render_template(await _template(datasette, "warta_document.html"), context,
                                           request=request)
    return Response.html(html)


async def drafts_page(datasette, request) -> Response:
    """``/-/warta/drafts``: every draft, grouped (siaran pers, catatan, ringkasan, briefs, profiles)."""
    folder = _drafts_dir(datasette)
    context = {"groups": grouped_drafts(folder), "route": ROUTE, "folder": str(folder) if folder else ""}
    html = await datasette.render_template(await _template(datasette, "warta_drafts.html"), context,
                                           request=request)
    return Response.html(html)


async def draft_page(datasette, request) -> Response:
    """``/-/warta/drafts/<path>.md``: one draft as HTML; only paths the folder lists are served."""
    folder = _drafts_dir(datasette)
    name = "/".join(part for part in (request.url_vars.get("folder"), request.url_vars["name"]) if part)
    if folder is None or name not in list_drafts(folder):
        raise NotFound(f"Draf {name} tidak ada")
    source = (folder / name).read_text(encoding="utf-8")
    context = {"name": name, "body": render_markdown(source), "route": ROUTE,
               "group": dict(DRAFT_GROUPS).get(draft_group(name), "")}
    html = await datasette.render_template(await _template(datasette, "warta_draft.html"), context,
                                           request=request)
    return Response.html(html)


_CHARTS = {
    "citations_per_month": ("Rujukan regulasi per bulan", "rujukan", """select
  substr(coalesce(documents.date, documents.event_date), 1, 7) as label, count(*) as value
from citations join documents on documents.id = citations.document_id
where coalesce(documents.date, documents.event_date) is not null
group by label order by label"""),
    "most_cited": ("Regulasi paling sering dirujuk", "dokumen", """select
  upper(regulations.type) || ' ' || coalesce(regulations.number, '') || coalesce('/' || regulations.year, '')
    || coalesce(' ' || regulations.subject, '') as label,
  count(distinct citations.document_id) as value
from citations join regulations on regulations.id = citations.regulation_id
group by regulations.id order by value desc, label limit 10"""),
    "per_agency": ("Dokumen per instansi", "dokumen", """select coalesce(agencies.acronym, agencies.name) as label,
  count(distinct document_agencies.document_id) as value
from document_agencies join agencies on agencies.id = document_agencies.agency_id
group by agencies.id order by value desc, label limit 12"""),
    "per_kind": ("Dokumen per jenis", "dokumen", """select coalesce(kind, 'other') as label, count(*) as value
from documents group by label order by value desc, label"""),
    "quotes_per_official": ("Kutipan per pejabat", "kutipan", """select people.name as label, count(*) as value
from quotes join people on people.id = quotes.person_id
group by people.id order by value desc, label limit 12"""),
}


async def dashboard_page(datasette, request) -> Response:
    """``/-/warta/dashboard``: the database at a glance, as bar charts drawn on the server."""
    db = _database(datasette)
    charts = []
    for key, (title, unit, sql) in _CHARTS.items():
        rows = [(str(row["label"]), row["value"]) for row in (await db.execute(sql)).rows]
        if key == "per_kind":
            rows = [(KIND_WORDS.get(label, label), value) for label, value in rows]
        charts.append({"key": key, "svg": bar_chart(title, rows, unit)})
    totals = (await db.execute(
        "select (select count(*) from documents) as documents, (select count(*) from regulations) as regulations, "
        "(select count(*) from people) as people, (select count(*) from quotes) as quotes")).first()
    context = {"charts": charts, "totals": dict(totals), "database": db.name}
    html = await datasette.render_template(await _template(datasette, "warta_dashboard.html"), context,
                                           request=request)
    return Response.html(html)


STYLES = """
mark.warta-hit { background: #ffe58a; padding: 0 .1em; border-radius: .2em; }
body.table-documents td.col-id, body.table-documents th.col-id,
body.table-documents td.col-text, body.table-documents th.col-text,
body.table-documents td.col-record, body.table-documents th.col-record { display: none; }
body.table-documents td.col-ingested_at, body.table-documents th.col-ingested_at,
body.table-documents td.col-signatory_position, body.table-documents th.col-signatory_position,
body.table-documents td.col-format, body.table-documents th.col-format,
body.table-documents dl.column-descriptions, body.table-documents pre.wrapped-sql { display: none; }
body.table-documents td.col-title { min-width: 24em; }
body.table-documents td.col-source { font-size: .8em; word-break: break-all; max-width: 12em; }
body.table-documents td.col-regulation_id { font-size: .85em; min-width: 14em; }
body.query-search td.col-document_id, body.query-search th.col-document_id { display: none; }
td.col-document_id em, td.col-person_id em, td.col-agency_id em, td.col-regulation_id em { display: none; }
.warta-chart { margin: 0 0 2rem; } .warta-chart figcaption { font-weight: bold; margin-bottom: .4rem; }
.warta-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(575px, 1fr)); gap: 1rem 2rem; }
.warta-draft ul { list-style: disc; padding-left: 1.5em; } .warta-draft ol { list-style: decimal; padding-left: 1.5em; }
.warta-draft li { margin: .2rem 0; } .warta-draft blockquote { border-left: 3px solid #b03a2e; margin: 1rem 0;
  padding: .1rem 1rem; } .warta-draft hr { margin: 1.5rem 0; }
.warta-drafts-group h2 { margin-top: 1.5rem; } .warta-drafts-group li { margin: .25rem 0; }
.warta-drafts-group .warta-doc-name { color: #666; font-size: .85em; }
body.table-regulations td.col-id { min-width: 17em; }
.warta-status, .warta-relation { margin-top: .3rem; } .warta-status-dicabut strong { color: #b03a2e; }
.warta-status-diubah strong { color: #9a6700; } .warta-status-berlaku strong { color: #1a7f37; }
"""

# Tables whose primary key is a long hash: its link shows the first characters only.
_HASHED = ("citations", "officials", "positions", "sections", "abbreviations", "errors")


async def styles(datasette, request) -> Response:
    return Response(STYLES, content_type="text/css; charset=utf-8")


async def not_found(datasette, request, message: str) -> Response:
    html = await datasette.render_template(
        await _template(datasette, "warta_not_found.html"), {"message": message}, request=request)
    return Response.html(html, status=404)


@hookimpl
def register_routes(datasette):
    return [
        (rf"^{ROUTE}/doc/(?P<id>[^/]+)$", document_page),
        (rf"^{ROUTE}/drafts$", drafts_page),
        (rf"^{ROUTE}/drafts/(?:(?P<folder>{'|'.join(_SUBFOLDERS)})/)?(?P<name>[^/]+\.md)$", draft_page),
        (rf"^{ROUTE}/dashboard$", dashboard_page),
        (rf"^{ROUTE}/warta\.css$", styles),
    ]


READ_METHODS = ("GET", "HEAD", "OPTIONS")
READ_ONLY_MESSAGE = "Basis data Warta hanya dapat dibaca: permintaan {} ditolak.\n"


@hookimpl
def asgi_wrapper(datasette):
    """Refuse every request that could write (``POST``, ``PUT``, ``PATCH``, ``DELETE`` ...) with 405."""
    def wrap(app):
        async def read_only(scope, receive, send):
            method = str(scope.get("method") or "GET").upper()
            if scope.get("type") != "http" or method in READ_METHODS:
                await app(scope, receive, send)
                return
            body = READ_ONLY_MESSAGE.format(method).encode("utf-8")
            await send({"type": "http.response.start", "status": 405,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD, OPTIONS"),
                                    (b"content-length", str(len(body)).encode("ascii"))]})
            await send({"type": "http.response.body", "body": body})
        return read_only
    return wrap


@hookimpl
def handle_exception(datasette, request, exception):
    """A missing page of ours is a plain 404, answered before Datasette's own handler (which, with
    ``rich`` installed, prints the traceback with every local variable first)."""
    if isinstance(exception, NotFound) and request.path.startswith(ROUTE + "/"):
        async def inner():
            return await not_found(datasette, request, str(exception))
        return inner


class _PlainTracebacks:
    """Stands in for ``rich`` in Datasette's default exception handler: the traceback is printed
    without local variables, and a failure to print it can no longer turn a 404 into a 500."""

    def __init__(self, rich):
        self._rich = rich

    def get_console(self):
        return self

    def print_exception(self, **options):
        try:
            self._rich.get_console().print_exception(show_locals=False)
        except Exception:  # printing a traceback must never fail the response
            pass


@hookimpl
def startup(datasette):
    from datasette import handle_exception as default

    if getattr(default, "rich", None) is not None and not isinstance(default.rich, _PlainTracebacks):
        default.rich = _PlainTracebacks(default.rich)


# SQLite's page cache per Datasette connection, in KiB (SQLite's own default is 2 MiB): the doclists a
# common word's search reads in a 100,000-document archive are several MiB, and with the default every
# such search reads them again from the file.
PAGE_CACHE_KIB = 65536

# The database file mapped into memory (up to this many bytes): a page is then read from the
# operating system's cache in place, shared by every connection of the server, instead of being
# copied into each connection's own cache first. It is the first search of a word on each of
# Datasette's connections that sets the slow tail (scripts/bench_scale.py, p95 of common words).
MMAP_BYTES = 1 << 34


@hookimpl
def prepare_connection(conn, database, datasette):
    """The search functions the canned ``search`` query calls (``warta_fts``, ``warta_regulations``), a
    page cache that holds what a common word's search reads, and the file mapped into memory."""
    from extract.store.query import register_search_functions

    register_search_functions(conn)
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


@hookimpl
def extra_css_urls(template, database, table, columns, view_name, request, datasette):
    return [f"{ROUTE}/warta.css"]


@hookimpl
def extra_body_script(template, database, table, columns, view_name, request, datasette):
    """Long hashed ids in a table's link column shown by their first eight characters, and the kind
    facet of ``documents`` in words."""
    if view_name == "table" and table == "documents":
        words = json.dumps(KIND_WORDS)
        return (f"var words = {words}; document.querySelectorAll('.facet-info li a').forEach(function (a) {{"
                " if (words[a.textContent]) { a.textContent = words[a.textContent]; } });")
    if view_name == "table" and table in _HASHED:
        return ("document.querySelectorAll('td.type-pk a').forEach(function (a) {"
                " var id = a.textContent; if (id.length > 12) { a.title = id; a.textContent = id.slice(0, 8) + '\u2026'; }"
                " });")
    return ""


def _links(*pairs: tuple[str, str]) -> Markup:
    return Markup(" &middot; ").join(Markup('<a href="{}">{}</a>').format(href, label) for href, label in pairs)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Documents link to their marked-up page, kinds read as words, search snippets show their
    matches highlighted, and ids in canned query results link to their rows."""
    if value is None or value == "" or not isinstance(value, (str, int)):
        return None
    if column == "kind" and value in KIND_WORDS:
        return KIND_WORDS[value]
    if table == "documents" and column == "title":
        return Markup('<a class="warta-doc" href="{}">{}</a> <small>(<a href="{}">baris</a>)</small>').format(
            document_url(row["id"]), readable_title(value, row), _row_url(datasette, database, "documents", row["id"]))
    if table == "documents" and column == "source":
        return Markup('<span title="{}">{}</span>').format(value, PurePath(str(value).partition("#")[0]).name or value)
    if table == "regulations" and column == "id":
        query = "?" + urlencode({"regulation_id": value})
        links = Markup("{} <br>").format(value) + _links(
            (datasette.urls.query(database, "documents_citing") + query, "dokumen yang merujuk"),
            (datasette.urls.query(database, "quotes_about_regulation") + query, "siapa mengatakan apa"),
        )

        async def with_status():
            found = await regulation_status(datasette.get_database(database), str(value))
            return links + status_html(lambda key: _row_url(datasette, database, "regulations", key), *found)
        return with_status
    if table is not None:
        return None
    if column == "snippet":
        return snippet_html(str(value))
    if column == "found_in":
        return ", ".join(FOUND_WORDS.get(part, part) for part in str(value).split(","))
    if column == "title" and "document_id" in row.keys():
        document_id = str(row["document_id"])
        plain = _title_without_text(str(value))
        if plain is not None:  # most titles: no document text to read for them
            return Markup('<a class="warta-doc" href="{}">{}</a>').format(document_url(document_id), plain)

        async def titled():
            found = (await datasette.get_database(database).execute(
                "select text from documents where id = ?", [document_id])).first()
            return Markup('<a class="warta-doc" href="{}">{}</a>').format(
                document_url(document_id), readable_title(str(value), found))
        return titled
    if column == "document_id":
        return Markup('<a class="warta-doc" href="{}" title="{}">{}\u2026</a> ({})').format(
            document_url(str(value)), value, str(value)[:8],
            _links((_row_url(datasette, database, "documents", value), "baris")))
    if column == "regulation_id":
        return Markup('<a href="{}">{}</a>').format(_row_url(datasette, database, "regulations", value), value)
    if column == "person_id":
        return Markup('<a href="{}">{}</a>').format(_row_url(datasette, database, "people", value), value)
    return None


@hookimpl
def menu_links(datasette, actor):
    name = _database(datasette).name
    return [{"href": datasette.urls.query(name, "search"), "label": "Cari di Warta"},
            {"href": f"{ROUTE}/dashboard", "label": "Dasbor"},
            {"href": f"{ROUTE}/drafts", "label": "Draf"}]


__all__ = ["Mark", "bar_chart", "document_url", "draft_group", "grouped_drafts", "list_drafts", "mark_up",
           "nest_marks", "render_markdown", "snippet_html"]
