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

from ..store import open_db
from ..store.query import document_search_sql

TITLE = "Warta"
DESCRIPTION = (
    "Regulasi yang dirujuk, instansi dan pejabat yang disebut, serta kutipan, yang dibaca dari surat "
    "edaran, peraturan, siaran pers, dan berita pemerintah Indonesia."
)

_SENTENCE = "Kalimat dalam teks dokumen tempat baris ini dibaca"

# Per table: description, column descriptions, and display options.
TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "description": "Satu baris per dokumen: surat edaran, peraturan, keputusan, instruksi, siaran pers "
                       "atau berita. Teks lengkap dan rekaman JSON ada di halaman baris dan halaman dokumen.",
        "columns": {
            "id": "Sidik isi dokumen (hash)",
            "source": "Berkas atau alamat asal dokumen",
            "format": "Format berkas (txt, html, pdf, docx ...)",
            "kind": "Jenis: siaran pers, berita, surat edaran, peraturan, keputusan, instruksi, atau lainnya",
            "title": "Judul dokumen",
            "date": "Tanggal dokumen (terbit, atau ditetapkan untuk peraturan)",
            "event_date": "Tanggal peristiwa utama yang diberitakan",
            "year": "Tahun tanggal dokumen, atau tanggal peristiwa",
            "text": "Teks yang dinormalisasi; posisi (offset) di tabel lain menunjuk ke sini",
            "regulation_id": "Regulasi yang merupakan dokumen ini (untuk peraturan atau surat edaran)",
            "signatory_name": "Penanda tangan dokumen",
            "signatory_position": "Jabatan penanda tangan",
            "record": "Seluruh hasil ekstraksi sebagai JSON, tanpa teks",
            "ingested_at": "Waktu dokumen disimpan (UTC)",
        },
        "label_column": "title",
        "facets": ["kind", "year", "format"],
        "sort_desc": "date",
    },
    "regulations": {
        "description": "Satu baris per produk hukum, yang dirujuk dokumen atau merupakan dokumen itu sendiri.",
        "columns": {
            "id": "ID baku: jenis/tahun/nomor, mis. pp/2025/50",
            "type": "Kode jenis (UU, PP, PERMEN, SE ...)",
            "number": "Nomor seperti tertulis",
            "year": "Tahun produk hukum",
            "issuer": "Penerbit, bila diketahui",
            "subject": "Perihal (teks setelah 'tentang')",
        },
        "label_column": "subject",
        "facets": ["type", "year"],
        "sort_desc": "year",
    },
    "citations": {
        "description": "Satu baris per penyebutan regulasi dalam dokumen.",
        "columns": {
            "id": "Sidik rujukan (hash)",
            "document_id": "Dokumen yang merujuk",
            "regulation_id": "Regulasi yang dirujuk",
            "start": "Posisi awal penyebutan dalam teks dokumen",
            "end": "Posisi akhir penyebutan",
            "mention": "Penyebutan seperti tertulis",
            "basis": "1 bila dirujuk sebagai dasar hukum (Mengingat)",
            "sentence": _SENTENCE,
        },
        "facets": ["regulation_id", "basis"],
        "sort": "document_id",
    },
    "agencies": {
        "description": "Instansi publik yang disebut dalam dokumen, satu baris per instansi: nama, singkatan, dan "
                       "nama lain dari berbagai dokumen digabung.",
        "columns": {
            "id": "Nomor instansi",
            "name": "Nama terlengkap yang ditemukan",
            "acronym": "Singkatan",
        },
        "label_column": "name",
        "sort": "name",
    },
    "agency_aliases": {
        "description": "Nama lain yang dipakai untuk sebuah instansi.",
        "columns": {"agency_id": "Instansi", "alias": "Nama lain atau singkatan"},
        "sort": "agency_id",
    },
    "document_agencies": {
        "description": "Dokumen mana menyebut instansi mana.",
        "columns": {
            "document_id": "Dokumen",
            "agency_id": "Instansi yang disebut",
            "mentions": "Jumlah penyebutan dalam dokumen",
            "start": "Posisi awal penyebutan pertama dalam teks dokumen",
            "end": "Posisi akhir penyebutan pertama",
            "sentence": _SENTENCE,
        },
        "facets": ["agency_id"],
        "sort_desc": "mentions",
    },
    "people": {
        "description": "Orang yang disebut dalam dokumen, satu baris per orang di seluruh dokumen: variasi nama "
                       "dengan bentuk baku yang sama digabung; nama satu kata digabung ke nama yang lebih panjang "
                       "hanya bila satu-satunya orang dengan kata itu memegang jabatan atau instansi yang cocok.",
        "columns": {
            "id": "Nomor orang",
            "name": "Nama seperti pertama ditemukan",
            "key": "Nama baku: tanpa sapaan, gelar, atau tanda baca, huruf kecil",
        },
        "label_column": "name",
        "sort": "name",
    },
    "person_names": {
        "description": "Setiap bentuk nama seseorang yang ditemukan dalam dokumen.",
        "columns": {"person_id": "Orang", "name": "Nama seperti tertulis"},
        "sort": "person_id",
    },
    "person_words": {
        "description": "Setiap kata dari nama baku seseorang, agar nama satu kata (\"Purbaya\") cepat dicocokkan "
                       "dengan orang yang namanya memuat kata itu.",
        "columns": {"word": "Kata nama baku", "person_id": "Orang"},
        "sort": "word",
    },
    "positions": {
        "description": "Jabatan seseorang dari waktu ke waktu: satu baris per orang, jabatan, dan instansi, dengan "
                       "tanggal dokumen pertama dan terakhir yang menyebutnya.",
        "columns": {
            "id": "Sidik orang, jabatan, dan instansi",
            "person_id": "Orang",
            "position": "Jabatan seperti tertulis",
            "agency": "Instansi jabatan seperti tertulis",
            "first_date": "Tanggal dokumen paling awal yang menyebutnya",
            "last_date": "Tanggal dokumen paling akhir yang menyebutnya",
            "documents": "Jumlah dokumen yang menyebutnya",
        },
        "facets": ["position", "agency"],
        "sort_desc": "last_date",
    },
    "mentions": {
        "description": "Setiap bagian teks yang ditandai: regulasi, instansi, orang, kutipan, atau keterangan, "
                       "dengan baris yang diwakilinya.",
        "columns": {
            "id": "Nomor penanda",
            "document_id": "Dokumen",
            "kind": "regulation (regulasi), agency (instansi), person (orang), quote (kutipan) atau statement (keterangan)",
            "start": "Posisi awal dalam teks dokumen",
            "end": "Posisi akhir",
            "text": "Teks seperti tertulis",
            "regulation_id": "Regulasi, untuk penanda regulasi",
            "agency_id": "Instansi, untuk penanda instansi",
            "person_id": "Orang, untuk penanda orang",
            "quote_id": "Kutipan, untuk penanda kutipan",
            "statement_id": "Keterangan, untuk penanda keterangan",
            "sentence": _SENTENCE,
        },
        "facets": ["kind"],
        "sort": "start",
    },
    "officials": {
        "description": "Seseorang dengan jabatannya, seperti tertulis dalam satu dokumen.",
        "columns": {
            "id": "Sidik baris (hash)",
            "document_id": "Dokumen yang menyebut orang itu",
            "person_id": "Orang",
            "name": "Nama seperti ditulis dokumen ini",
            "position": "Jabatan seperti ditulis dokumen",
            "agency": "Instansi jabatan seperti tertulis",
            "start": "Posisi awal penyebutan pertama",
            "end": "Posisi akhir penyebutan pertama",
            "mentions": "Jumlah penyebutan dalam dokumen",
            "signatory": "1 bila orang itu menandatangani dokumen",
            "sentence": _SENTENCE,
            "key": "Nama baku dari nama seperti ditulis (tanpa sapaan dan gelar, huruf kecil)",
        },
        "facets": ["agency", "signatory"],
        "sort": "document_id",
    },
    "name_roles": {
        "description": "Setiap nama baku pejabat dengan jabatan dan instansi yang dipegang di bawah nama itu, dan "
                       "jumlah baris pejabat yang memuatnya (peran kosong: jumlah baris nama itu); dipakai untuk "
                       "menentukan siapa orangnya tanpa membaca ulang setiap dokumen.",
        "columns": {"key": "Nama baku", "role": "Jabatan atau instansi seperti tertulis (kosong: nama itu sendiri)",
                    "officials": "Jumlah baris pejabat"},
        "sort": "key",
    },
    "search_terms": {
        "description": "Setiap kata yang ditulis ke indeks teks penuh, seperti disimpan indeks itu (huruf kecil, tanpa "
                       "aksen), agar bentuk kata yang dicari sebagai awalan dicari sebagai kata-kata yang diawalinya.",
        "columns": {"term": "Kata"},
        "sort": "term",
    },
    "name_words": {
        "description": "Setiap kata dari nama baku pejabat, agar nama yang memuat atau termuat dalam sebuah nama "
                       "cepat ditemukan.",
        "columns": {"word": "Kata nama baku", "key": "Nama baku"},
        "sort": "word",
    },
    "quotes": {
        "description": "Kutipan langsung: kata-kata dalam tanda petik dan siapa yang mengucapkannya.",
        "columns": {
            "id": "Nomor kutipan",
            "document_id": "Dokumen yang mengutip",
            "person_id": "Pembicara, bila disebut sebagai pejabat dalam dokumen",
            "speaker": "Pembicara menurut teks; kosong bila tidak disebut",
            "speaker_key": "Nama pembicara yang dinormalkan, untuk menautkannya ke orang yang disimpan kemudian",
            "text": "Kata-kata yang dikutip",
            "start": "Posisi awal dalam teks dokumen",
            "end": "Posisi akhir",
            "sentence": _SENTENCE,
        },
        "facets": ["speaker"],
        "sort": "document_id",
    },
    "statements": {
        "description": "Keterangan tidak langsung dan siapa yang menyampaikannya.",
        "columns": {
            "id": "Nomor keterangan",
            "document_id": "Dokumen yang memuat",
            "person_id": "Pembicara, bila disebut sebagai pejabat dalam dokumen",
            "speaker": "Pembicara menurut teks",
            "speaker_key": "Nama pembicara yang dinormalkan, untuk menautkannya ke orang yang disimpan kemudian",
            "text": "Isi keterangan",
            "start": "Posisi awal dalam teks dokumen",
            "end": "Posisi akhir",
            "sentence": _SENTENCE,
        },
        "facets": ["speaker"],
        "sort": "document_id",
    },
    "sections": {
        "description": "Bagian dokumen resmi: judul, Menimbang, Mengingat, BAB, Pasal, tanda tangan, Lampiran; "
                       "untuk surat edaran Yth., Hal, butir bernomor, Tembusan.",
        "columns": {
            "id": "Sidik baris (hash)",
            "document_id": "Dokumen",
            "heading": "Bagian dokumen (Judul, Mengingat, Pasal 3, Butir 2, Tembusan ...)",
            "start": "Posisi awal dalam teks dokumen",
            "end": "Posisi akhir",
            "page": "Halaman awal bagian (PDF)",
            "text": "Teks bagian",
        },
        "sort": "start",
    },
    "abbreviations": {
        "description": "Singkatan yang didefinisikan dokumen, dengan kepanjangannya.",
        "columns": {
            "id": "Sidik baris (hash)",
            "document_id": "Dokumen",
            "short": "Singkatan",
            "long": "Kepanjangan",
            "start": "Posisi awal definisi",
            "end": "Posisi akhir",
            "sentence": _SENTENCE,
        },
        "sort": "short",
    },
    "errors": {
        "description": "Sumber yang tidak dapat diproses, beserta alasannya.",
        "columns": {"id": "Sidik sumber dan pesan", "source": "Sumber", "message": "Masalahnya",
                    "at": "Waktu (UTC)"},
        "sort_desc": "at",
    },
}

# The catalogue fields of a regulation that a document is (JDIH terms in parentheses).
TABLES["regulations"]["columns"].update({
    "uri": "URI karya dalam bentuk Akoma Ntoso, mis. /akn/id/act/pp/2025/50",
    "form": "Jenis peraturan, mis. Peraturan Menteri",
    "heading": "Tajuk entri utama badan (T.E.U.), mis. Indonesia. Kementerian Keuangan",
    "set_place": "Tempat penetapan",
    "set_date": "Tanggal penetapan",
    "promulgated_place": "Tempat pengundangan",
    "promulgated_date": "Tanggal pengundangan",
    "signatories": "Who signed it, separated by '; ' (penandatangan)",
    "promulgator": "Pejabat yang mengundangkan",
    "promulgator_position": "Jabatan pejabat itu",
    "gazette": "Tempat pengundangan: Lembaran Negara, Berita Negara atau Lembaran Daerah, tahun, nomor",
    "gazette_supplement": "Tambahan Lembaran Negara dan nomornya",
    "keywords": "Kata kunci subjek dari kepala Berita Negara, dipisah '; '",
    "field": "Bidang hukum, bila teks menyebutnya",
})

TABLES["regulation_relations"] = {
    "description": "Hubungan antarregulasi menurut judul atau teks dokumen: amends (Perubahan atas), "
                   "revokes (dicabut dan dinyatakan tidak berlaku), implements (Pelaksanaan, 'untuk "
                   "melaksanakan ketentuan Pasal ...'), basis (Mengingat).",
    "columns": {
        "id": "Hash dokumen, asal, hubungan dan tujuan",
        "document_id": "Dokumen yang menyatakan hubungan itu",
        "from_id": "Regulasi yang mengubah, mencabut, melaksanakan atau berdasar pada regulasi lain",
        "relation": "amends (mengubah), revokes (mencabut), implements (melaksanakan) atau basis (dasar hukum)",
        "to_id": "Regulasi yang diubah, dicabut, dilaksanakan atau dijadikan dasar",
        "ordinal": "Perubahan ke berapa: 1 untuk Perubahan atas, 2 untuk Perubahan Kedua atas ...",
        "article": "Pasal yang dilaksanakan, bila teks menyebutnya (Pasal 9 ayat (3))",
        "start": "Posisi awal kata-kata yang menyatakannya",
        "end": "Posisi akhir",
        "text": "Kata-kata yang menyatakannya",
    },
    "facets": ["relation"],
    "sort": "document_id",
}
TABLES["tables"] = {
    "description": "Tabel dalam dokumen PDF (lampiran, tabel tarif, daftar), dibaca dari halaman yang bergaris tabel.",
    "columns": {
        "id": "Hash dokumen, halaman dan urutan", "document_id": "Dokumen tempat tabel itu",
        "page": "Halaman PDF", "index": "Urutan tabel di halaman itu, mulai 0",
        "caption": "Kotak judul di atas tabel, bila ada", "header": "Baris judul kolom, sebagai daftar JSON",
        "rows": "Baris-baris di bawah judul kolom, sebagai daftar JSON",
        "row_count": "Jumlah baris di bawah judul kolom",
        "column_count": "Jumlah kolom",
    },
    "sort": "document_id",
}
TABLES["regulation_status"] = {
    "description": "Status tiap regulasi di koleksi ini: dicabut (dicabut oleh dokumen di sini), diubah "
                   "(diubah oleh salah satunya), selain itu berlaku (sejauh yang diketahui koleksi).",
    "columns": {
        "regulation_id": "Regulasinya", "type": "Kode jenis", "number": "Nomor", "year": "Tahun",
        "subject": "Tentang", "status": "berlaku, diubah atau dicabut",
        "changed_by": "Regulasi yang mencabutnya, atau yang mengubahnya",
        "amended_by": "Regulasi yang mengubahnya", "revoked_by": "Regulasi yang mencabutnya",
    },
    "facets": ["status", "type"],
}

TABLES["mentions"]["columns"]["kind"] = ("regulation, agency, person, quote, statement atau reference (regulasi yang "
                                          "disebut tanpa nomor: 'UU tersebut', 'UU ITE')")
TABLES["sections"]["columns"].update({
    "kind": "bab, bagian, paragraf, pasal atau ayat untuk bagian-bagian regulasi itu sendiri",
    "number": "Their number: IV for BAB IV, 12 for Pasal 12, 5(2) for Pasal 5 ayat (2)",
})

_CITED = "select document_id from citations where regulation_id = lower(trim(:regulation_id))"

# The agencies called :agency by name, acronym or alias.
_AGENCY = """select id from agencies
  where name = trim(:agency) collate nocase or acronym = trim(:agency) collate nocase
    or id in (select agency_id from agency_aliases where alias = trim(:agency) collate nocase)"""

SEARCH_ROWS = 20
"""Documents on the search page. Each row shown costs a snippet (its text tokenised again) and its
rendering (and a lookup of its text by the title cell), while finding and ranking them costs about the
same for 20 as for 100."""

QUERIES: dict[str, dict[str, str]] = {
    "search": {
        "title": "Cari dokumen",
        "description": "Cari di judul dan teks dokumen, kutipan, keterangan, dan regulasi yang dirujuk; satu baris "
                       "per dokumen, paling cocok di atas. Bentuk kata ikut dicari (banjir menemukan kebanjiran "
                       "dan dibanjiri); OR untuk salah satu kata; \"dua kata\" dalam tanda petik untuk frasa; "
                       "regulasi bisa ditulis seperti biasa (PP 50/2025, Permenaker 5/2021). Paling banyak 32 kata "
                       "yang berbeda dicari.",
        "sql": document_search_sql(limit=SEARCH_ROWS),
        "hide_sql": True,
    },
    "regulations_most_cited": {
        "title": "Regulasi paling sering dirujuk",
        "description": "Regulasi menurut jumlah dokumen yang merujuknya.",
        "hide_sql": True,
        "sql": """select regulations.id as regulation_id, regulations.type, regulations.number,
  regulations.year, regulations.issuer, regulations.subject,
  count(distinct citations.document_id) as documents, count(*) as mentions
from citations join regulations on regulations.id = citations.regulation_id
group by regulations.id
order by documents desc, mentions desc, regulations.id
limit 100""",
    },
    "documents_citing": {
        "title": "Dokumen yang merujuk sebuah regulasi",
        "description": "Dokumen yang merujuk sebuah regulasi, menurut ID-nya (mis. pp/2025/50), terbaru dulu.",
        "hide_sql": True,
        "sql": """select documents.id as document_id, documents.title, documents.kind, documents.date,
  documents.source,
  count(*) as mentions, max(citations.basis) as basis
from citations join documents on documents.id = citations.document_id
where citations.regulation_id = lower(trim(:regulation_id))
group by documents.id
order by documents.date desc, documents.source""",
    },
    "quotes_about_regulation": {
        "title": "Siapa mengatakan apa tentang sebuah regulasi",
        "description": "Kutipan dan keterangan dalam dokumen yang merujuk sebuah regulasi, menurut ID-nya "
                       "(mis. pp/2025/50), terbaru dulu, masing-masing dengan kalimatnya.",
        "hide_sql": True,
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
        "title": "Pejabat sebuah instansi",
        "description": "Orang yang memegang jabatan di sebuah instansi, menurut nama, singkatan, atau nama lainnya "
                       "(mis. BPS): instansi itu, atau salah satu namanya, muncul di jabatan atau instansi yang "
                       "tertulis. Terbaru dulu.",
        "hide_sql": True,
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
        "title": "Linimasa sebuah instansi",
        "description": "Dokumen yang menyebut sebuah instansi, menurut nama, singkatan, atau nama lainnya (mis. BPS), "
                       "terlama dulu, dengan kalimat penyebutan pertama.",
        "hide_sql": True,
        "sql": f"""select documents.date, documents.id as document_id, documents.title, documents.kind,
  agencies.name as agency, document_agencies.mentions, document_agencies.sentence
from document_agencies join agencies on agencies.id = document_agencies.agency_id
  join documents on documents.id = document_agencies.document_id
where document_agencies.agency_id in ({_AGENCY})
order by documents.date is null, documents.date, documents.source""",
    },
}

QUERIES["regulation_article"] = {
    "title": "Pasal sebuah regulasi",
    "description": "Teks sebuah pasal (atau ayatnya) dari regulasi yang ada di koleksi, dengan id regulasi "
                   "(pp/2025/50) dan nomor pasal (12).",
    "hide_sql": True,
    "sql": """select regulations.id as regulation_id, sections.heading, sections.page, sections.text,
  documents.id as document_id, documents.title
from sections join documents on documents.id = sections.document_id
  join regulations on regulations.id = documents.regulation_id
where documents.regulation_id = lower(trim(:regulation_id))
  and sections.kind in ('pasal', 'ayat')
  and (sections.number = trim(:number) or sections.number like trim(:number) || '(%')
order by sections.start""",
}

PLUGIN_ROUTE = "/-/warta"


def description_html(name: str) -> str:
    """The database description, linking the search page and the other entry points."""
    return (
        f'<p>{DESCRIPTION}</p>'
        f'<p><strong><a href="/{name}/search">Cari dokumen, kutipan, dan regulasi</a></strong>'
        f' &middot; <a href="{PLUGIN_ROUTE}/dashboard">Dasbor</a>'
        f' &middot; <a href="/{name}/regulations_most_cited">Regulasi paling sering dirujuk</a>'
        f' &middot; <a href="/{name}/positions">Siapa memegang jabatan apa</a>'
        f' &middot; <a href="{PLUGIN_ROUTE}/drafts">Draf</a></p>'
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


MARKER = {"written_by": "warta"}  # under plugins.warta: tells Warta's own metadata file from a user's


def is_wartas(path: Path) -> bool:
    """True when the metadata file at ``path`` was written by Warta (or cannot be read as JSON)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(found, dict) and (found.get("plugins") or {}).get("warta", {}).get("written_by") == "warta"


def _merge(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """``theirs`` laid over ``ours``, dict by dict: a user's setting wins, the rest of ours stays."""
    merged = dict(ours)
    for key, value in theirs.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) \
            else value
    return merged


def write_metadata(db_path: str | Path, out_path: str | Path) -> Path:
    """Write the metadata for the database at ``db_path`` as JSON to ``out_path``; returns the path written.

    A file already at ``out_path`` that Warta did not write (a user's own ``metadata.json``) is never
    overwritten: its settings are merged over Warta's and the result goes to ``warta-metadata.json``
    beside it.
    """
    db = open_db(db_path)
    try:
        metadata = build_metadata(db)
    finally:
        db.close()
    metadata.setdefault("plugins", {}).setdefault("warta", {}).update(MARKER)
    out = Path(out_path)
    if out.exists() and not is_wartas(out):
        try:
            theirs = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{out}: not readable as JSON ({exc}); fix it or move it away") from None
        metadata = _merge(metadata, theirs if isinstance(theirs, dict) else {})
        out = out.with_name("warta-metadata.json")
    out.write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out
