"""Datasette metadata for a Warta database: descriptions, labels, facets and canned queries.

The database description links the canned ``search`` query, the one search box
over documents, quotes, statements and regulations; the ``warta`` Datasette
plugin (:mod:`extract.serve.plugin`) adds the highlighted document pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlite_utils

from ..store import open_db, search_sql

TITLE = "Warta"
DESCRIPTION = (
    "Regulations cited, agencies and officials named, and quotes, extracted from Indonesian "
    "government circulars (Surat Edaran), regulations and press releases."
)

_SENTENCE = "The sentence of the document's text the row was read from"

# Per table: description, column descriptions, and display options.
TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "description": "One row per document read: a circular, regulation, decision, instruction, "
                       "press release or news article.",
        "columns": {
            "id": "Hash of the document's content",
            "source": "Path or address the document was read from",
            "format": "File format (txt, html, pdf, docx ...)",
            "kind": "press_release, news, circular, regulation, decision, instruction or other",
            "title": "Title of the document",
            "date": "Date of the document itself (published, or set for a regulation)",
            "event_date": "Date of the main event the text reports",
            "year": "Year of the date, else of the event date",
            "text": "Normalized text; offsets in other tables point into it",
            "regulation_id": "The regulation this document is, for a regulation or circular",
            "signatory_name": "Person who signed the document",
            "signatory_position": "Position of the signatory",
            "record": "The whole extracted record as JSON, without the text",
            "ingested_at": "When the document was stored (UTC)",
        },
        "label_column": "title",
        "facets": ["kind", "year", "format"],
        "sort_desc": "date",
    },
    "regulations": {
        "description": "One row per legal instrument, cited by or being a document.",
        "columns": {
            "id": "Canonical id: type/year/number, e.g. pp/2025/50",
            "type": "Type code (UU, PP, PERMEN, SE ...)",
            "number": "Number as written",
            "year": "Year of the instrument",
            "issuer": "Office that issued it, where known",
            "subject": "What it is about (the text after 'tentang')",
        },
        "label_column": "subject",
        "facets": ["type", "year"],
        "sort_desc": "year",
    },
    "citations": {
        "description": "One row per mention of a regulation in a document.",
        "columns": {
            "id": "Hash of the citation",
            "document_id": "Document that cites",
            "regulation_id": "Regulation cited",
            "start": "Start offset of the mention in the document's text",
            "end": "End offset of the mention",
            "mention": "The mention as written",
            "basis": "1 where the regulation is cited as legal basis (Mengingat)",
            "sentence": _SENTENCE,
        },
        "facets": ["regulation_id", "basis"],
        "sort": "document_id",
    },
    "agencies": {
        "description": "Public institutions named in documents, one row per agency: names, acronyms and "
                       "aliases found in different documents are merged.",
        "columns": {
            "id": "Agency number",
            "name": "Fullest name found",
            "acronym": "Acronym or short form",
        },
        "label_column": "name",
        "sort": "name",
    },
    "agency_aliases": {
        "description": "Other surface forms used for an agency.",
        "columns": {"agency_id": "Agency", "alias": "Another name or short form"},
        "sort": "agency_id",
    },
    "document_agencies": {
        "description": "Which documents name which agencies.",
        "columns": {
            "document_id": "Document",
            "agency_id": "Agency named",
            "mentions": "Number of mentions in the document",
            "start": "Start offset of the first mention in the document's text",
            "end": "End offset of the first mention",
            "sentence": _SENTENCE,
        },
        "facets": ["agency_id"],
        "sort_desc": "mentions",
    },
    "people": {
        "description": "People named in documents, one row per person across documents: name variants "
                       "with the same normalized form are merged, and a one-word name joins a longer one "
                       "only where a single person with that word holds a matching position or agency.",
        "columns": {
            "id": "Person number",
            "name": "Name as first found",
            "key": "Normalized name: no honorifics or degrees, no punctuation, lower case",
        },
        "label_column": "name",
        "sort": "name",
    },
    "person_names": {
        "description": "Every form of a person's name found in documents.",
        "columns": {"person_id": "Person", "name": "The name as written"},
        "sort": "person_id",
    },
    "positions": {
        "description": "A person's roles over time: one row per person, position and agency, with the "
                       "dates of the first and last documents stating it.",
        "columns": {
            "id": "Hash of person, position and agency",
            "person_id": "Person",
            "position": "Position as stated",
            "agency": "Agency of the position as stated",
            "first_date": "Date of the earliest document stating it",
            "last_date": "Date of the latest document stating it",
            "documents": "Number of documents stating it",
        },
        "facets": ["position", "agency"],
        "sort_desc": "last_date",
    },
    "mentions": {
        "description": "Every highlighted span of a document: a regulation, agency, person, quote or "
                       "statement, with the row it stands for.",
        "columns": {
            "id": "Mention number",
            "document_id": "Document",
            "kind": "regulation, agency, person, quote or statement",
            "start": "Start offset in the document's text",
            "end": "End offset",
            "text": "The span as written",
            "regulation_id": "Regulation, for a regulation mention",
            "agency_id": "Agency, for an agency mention",
            "person_id": "Person, for a person mention",
            "quote_id": "Quote, for a quote",
            "statement_id": "Statement, for a statement",
            "sentence": _SENTENCE,
        },
        "facets": ["kind"],
        "sort": "start",
    },
    "officials": {
        "description": "A person holding a position, as stated in one document.",
        "columns": {
            "id": "Hash of the row",
            "document_id": "Document naming the person",
            "person_id": "Person",
            "name": "The name as this document writes it",
            "position": "Position as the document states it",
            "agency": "Agency of the position as written",
            "start": "Start offset of the first mention",
            "end": "End offset of the first mention",
            "mentions": "Number of mentions in the document",
            "signatory": "1 where the person signed the document",
            "sentence": _SENTENCE,
        },
        "facets": ["agency", "signatory"],
        "sort": "document_id",
    },
    "quotes": {
        "description": "Direct quotes: words inside quotation marks and who said them.",
        "columns": {
            "id": "Quote number",
            "document_id": "Document quoting",
            "person_id": "Speaker, where named as an official in the document",
            "speaker": "Speaker as resolved from the text; empty where unnamed",
            "text": "The quoted words",
            "start": "Start offset in the document's text",
            "end": "End offset",
            "sentence": _SENTENCE,
        },
        "facets": ["speaker"],
        "sort": "document_id",
    },
    "statements": {
        "description": "Indirect (reported) statements and who made them.",
        "columns": {
            "id": "Statement number",
            "document_id": "Document reporting",
            "person_id": "Speaker, where named as an official in the document",
            "speaker": "Speaker as resolved from the text",
            "text": "What was reported",
            "start": "Start offset in the document's text",
            "end": "End offset",
            "sentence": _SENTENCE,
        },
        "facets": ["speaker"],
        "sort": "document_id",
    },
    "sections": {
        "description": "The parts of an official document: title block, Menimbang, Mengingat, BAB, Pasal, "
                       "signature, Lampiran; for circulars Yth., Hal, numbered points, Tembusan.",
        "columns": {
            "id": "Hash of the row",
            "document_id": "Document",
            "heading": "Part of the document (Judul, Mengingat, Pasal 3, Butir 2, Tembusan ...)",
            "start": "Start offset in the document's text",
            "end": "End offset",
            "page": "Page the part starts on (PDF)",
            "text": "The part's text",
        },
        "sort": "start",
    },
    "abbreviations": {
        "description": "Short forms a document defines, with their long forms.",
        "columns": {
            "id": "Hash of the row",
            "document_id": "Document",
            "short": "Short form",
            "long": "Long form",
            "start": "Start offset of the definition",
            "end": "End offset",
            "sentence": _SENTENCE,
        },
        "sort": "short",
    },
    "errors": {
        "description": "Sources that could not be processed, with the reason.",
        "columns": {"id": "Hash of source and message", "source": "Source", "message": "What went wrong",
                    "at": "When (UTC)"},
        "sort_desc": "at",
    },
}

# The catalogue fields of a regulation that a document is (JDIH terms in parentheses).
TABLES["regulations"]["columns"].update({
    "uri": "Akoma Ntoso work URI, e.g. /akn/id/act/pp/2025/50",
    "form": "Name of the instrument's form (jenis), e.g. Peraturan Menteri",
    "heading": "Catalogue heading (T.E.U. badan), e.g. Indonesia. Kementerian Keuangan",
    "set_place": "Where it was set (tempat penetapan)",
    "set_date": "When it was set (tanggal penetapan)",
    "promulgated_place": "Where it was promulgated (tempat pengundangan)",
    "promulgated_date": "When it was promulgated (tanggal pengundangan)",
    "signatories": "Who signed it, separated by '; ' (penandatangan)",
    "promulgator": "Official who promulgated it (pejabat yang mengundangkan)",
    "promulgator_position": "Position of that official",
    "gazette": "Gazette it was placed in: Lembaran Negara, Berita Negara or Lembaran Daerah, year, number",
    "gazette_supplement": "Supplement (Tambahan Lembaran Negara) and its number",
    "keywords": "Subject words of the Berita Negara header, separated by '; '",
    "field": "Field of law (bidang hukum) where the text states it",
})

TABLES["regulation_relations"] = {
    "description": "How regulations relate, as a document's title or text says: amends (Perubahan atas), "
                   "revokes (dicabut dan dinyatakan tidak berlaku), implements (Pelaksanaan, 'untuk "
                   "melaksanakan ketentuan Pasal ...'), basis (Mengingat).",
    "columns": {
        "id": "Hash of document, from, relation and to",
        "document_id": "Document that states the relation",
        "from_id": "Regulation that amends, revokes, implements or rests on the other",
        "relation": "amends, revokes, implements or basis",
        "to_id": "Regulation amended, revoked, implemented or relied on",
        "ordinal": "Which amendment: 1 for Perubahan atas, 2 for Perubahan Kedua atas ...",
        "article": "The article implemented, where the text names it (Pasal 9 ayat (3))",
        "start": "Start offset of the words that state it",
        "end": "End offset",
        "text": "The words that state it",
    },
    "facets": ["relation"],
    "sort": "document_id",
}
TABLES["tables"] = {
    "description": "Tables of PDF documents (Lampiran schedules, tariff tables, lists), read on pages with ruling lines.",
    "columns": {
        "id": "Hash of document, page and index", "document_id": "Document the table is in",
        "page": "Page of the PDF", "index": "Which table of the page, from 0",
        "caption": "A box across the table's top, where there is one", "header": "The header row, as a JSON list",
        "rows": "The rows under the header, as a JSON list of lists", "row_count": "Rows under the header",
        "column_count": "Columns",
    },
    "sort": "document_id",
}
TABLES["regulation_status"] = {
    "description": "Each regulation's status in this collection: dicabut (revoked by a document here), "
                   "diubah (amended by one), else berlaku (in force as far as the collection knows).",
    "columns": {
        "regulation_id": "The regulation", "type": "Type code", "number": "Number", "year": "Year",
        "subject": "What it is about", "status": "berlaku, diubah or dicabut",
        "changed_by": "The regulations that revoked it, else those that amended it",
        "amended_by": "Regulations that amend it", "revoked_by": "Regulations that revoke it",
    },
    "facets": ["status", "type"],
}

TABLES["mentions"]["columns"]["kind"] = ("regulation, agency, person, quote, statement, or reference (a regulation "
                                          "meant without its number: 'UU tersebut', 'UU ITE')")
TABLES["sections"]["columns"].update({
    "kind": "bab, bagian, paragraf, pasal or ayat for a regulation's own parts",
    "number": "Their number: IV for BAB IV, 12 for Pasal 12, 5(2) for Pasal 5 ayat (2)",
})

_CITED = "select document_id from citations where regulation_id = trim(:regulation_id) collate nocase"

# The agencies called :agency by name, acronym or alias.
_AGENCY = """select id from agencies
  where name = trim(:agency) collate nocase or acronym = trim(:agency) collate nocase
    or id in (select agency_id from agency_aliases where alias = trim(:agency) collate nocase)"""

QUERIES: dict[str, dict[str, str]] = {
    "search": {
        "title": "Search",
        "description": "Search documents, quotes, statements and regulations at once, best match first. "
                       "Words are matched whole; all must appear.",
        "sql": search_sql(limit=100),
    },
    "regulations_most_cited": {
        "title": "Most cited regulations",
        "description": "Regulations by the number of documents that cite them.",
        "sql": """select regulations.id as regulation_id, regulations.type, regulations.number,
  regulations.year, regulations.issuer, regulations.subject,
  count(distinct citations.document_id) as documents, count(*) as mentions
from citations join regulations on regulations.id = citations.regulation_id
group by regulations.id
order by documents desc, mentions desc, regulations.id
limit 100""",
    },
    "documents_citing": {
        "title": "Documents citing a regulation",
        "description": "Documents that cite a regulation, given its id (e.g. pp/2025/50), newest first.",
        "sql": """select documents.id as document_id, documents.title, documents.kind, documents.date,
  documents.source,
  count(*) as mentions, max(citations.basis) as basis
from citations join documents on documents.id = citations.document_id
where citations.regulation_id = trim(:regulation_id) collate nocase
group by documents.id
order by documents.date desc, documents.source""",
    },
    "quotes_about_regulation": {
        "title": "Who said what about a regulation",
        "description": "Quotes and statements in documents that cite a regulation, given its id "
                       "(e.g. pp/2025/50), newest first, each with its sentence.",
        "sql": f"""select 'quote' as kind, quotes.speaker, quotes.person_id, quotes.text, quotes.sentence,
  documents.id as document_id, documents.title, documents.date, quotes.start
from quotes join documents on documents.id = quotes.document_id
where quotes.document_id in ({_CITED})
union all
select 'statement', statements.speaker, statements.person_id, statements.text, statements.sentence,
  documents.id, documents.title, documents.date, statements.start
from statements join documents on documents.id = statements.document_id
where statements.document_id in ({_CITED})
order by date desc, document_id, start""",
    },
    "officials_of_agency": {
        "title": "Officials of an agency",
        "description": "People holding a position at an agency, given its name, acronym or an alias "
                       "(e.g. BPS): the agency, or one of its names, appears in the position or agency "
                       "stated. Latest first.",
        "sql": f"""with forms(form) as (
  select trim(:agency) where trim(:agency) <> ''
  union select name from agencies where id in ({_AGENCY})
  union select acronym from agencies where id in ({_AGENCY}) and acronym is not null
  union select alias from agency_aliases where agency_id in ({_AGENCY})
)
select people.id as person_id, people.name, positions.position, positions.agency,
  positions.first_date, positions.last_date, positions.documents
from positions join people on people.id = positions.person_id
where exists (
  select 1 from forms
  where ' ' || lower(coalesce(positions.agency, '')) || ' ' like '% ' || lower(form) || ' %'
    or ' ' || lower(coalesce(positions.position, '')) || ' ' like '% ' || lower(form) || ' %'
)
order by positions.last_date desc, people.name""",
    },
    "agency_timeline": {
        "title": "Agency timeline",
        "description": "Documents naming an agency, given its name, acronym or an alias (e.g. BPS), "
                       "oldest first, with the sentence of the first mention.",
        "sql": f"""select documents.date, documents.id as document_id, documents.title, documents.kind,
  agencies.name as agency, document_agencies.mentions, document_agencies.sentence
from document_agencies join agencies on agencies.id = document_agencies.agency_id
  join documents on documents.id = document_agencies.document_id
where document_agencies.agency_id in ({_AGENCY})
order by documents.date is null, documents.date, documents.source""",
    },
}

QUERIES["regulation_article"] = {
    "title": "An article of a regulation",
    "description": "The text of a Pasal (or of its ayat) of a regulation held in the collection, given the "
                   "regulation's id (pp/2025/50) and the article's number (12).",
    "sql": """select regulations.id as regulation_id, sections.heading, sections.page, sections.text,
  documents.id as document_id, documents.title
from sections join documents on documents.id = sections.document_id
  join regulations on regulations.id = documents.regulation_id
where documents.regulation_id = trim(:regulation_id) collate nocase
  and sections.kind in ('pasal', 'ayat')
  and (sections.number = trim(:number) or sections.number like trim(:number) || '(%')
order by sections.start""",
}

PLUGIN_ROUTE = "/-/warta"


def description_html(name: str) -> str:
    """The database description, linking the search page and the other entry points."""
    return (
        f'<p>{DESCRIPTION}</p>'
        f'<p><strong><a href="/{name}/search">Search documents, quotes and regulations</a></strong>'
        f' &middot; <a href="/{name}/regulations_most_cited">Most cited regulations</a>'
        f' &middot; <a href="/{name}/positions">Who held which position</a>'
        f' &middot; <a href="{PLUGIN_ROUTE}/drafts">Drafts</a></p>'
    )


def database_name(db: sqlite_utils.Database) -> str:
    """The name Datasette gives the database: its file name without the suffix."""
    for _, name, filename in db.execute("pragma database_list").fetchall():
        if name == "main" and filename:
            return Path(filename).stem
    return "warta"


def build_metadata(db: sqlite_utils.Database, name: str | None = None) -> dict[str, Any]:
    """Datasette 0.65 metadata for ``db``, served under ``name`` (default: from its file name)."""
    tables = set(db.table_names()) | set(db.view_names())
    name = name or database_name(db)
    return {
        "title": TITLE,
        "description_html": description_html(name),
        "databases": {
            name: {
                "description_html": description_html(name),
                "tables": {table: spec for table, spec in TABLES.items() if table in tables},
                "queries": QUERIES,
            }
        },
    }


def write_metadata(db_path: str | Path, out_path: str | Path) -> Path:
    """Write the metadata for the database at ``db_path`` as JSON to ``out_path``."""
    db = open_db(db_path)
    try:
        metadata = build_metadata(db)
    finally:
        db.close()
    out = Path(out_path)
    out.write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out
