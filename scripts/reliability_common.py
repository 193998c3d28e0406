"""Helpers shared by the reliability scripts and tests: a database dumped by name, the train articles, long news.

``canonical_dump(path)`` reads every table of a Warta database into sorted tuples in which the
integer ids (of agencies, people, quotes, statements) are replaced by what they stand for (a name,
a document and an offset). Two databases that hold the same facts give equal dumps, whatever the
order the documents were stored in and whichever process stored them.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DETIK = SHARED / "data" / "detik-txt"
TRAIN_IDS = SHARED / "eval" / "train-ids.txt"


def train_articles(limit: int | None = None) -> list[Path]:
    """The detik articles whose ids may be used here (never the held-out ones), in id order."""
    ids = [line.strip() for line in TRAIN_IDS.read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]
    files = [DETIK / f"{i}.txt" for i in ids if (DETIK / f"{i}.txt").is_file()]
    return files[:limit] if limit else files


def news_text(size: int) -> str:
    """About ``size`` characters of real news: the train articles joined by blank lines, repeated as needed."""
    articles = [a for a in (path.read_text(encoding="utf-8") for path in train_articles()) if a.strip()]
    parts, total = [], 0
    while total < size:
        article = articles[len(parts) % len(articles)]
        parts.append(article)
        total += len(article) + 2
    return "\n\n".join(parts)


_DUMPS = {
    "documents": "select id, source, format, kind, title, date, event_date, year, regulation_id, "
                 "signatory_name, signatory_position, length(text) from documents",
    "regulations": "select id, type, number, year, issuer, subject from regulations",
    "citations": "select document_id, regulation_id, start, \"end\", mention, basis from citations",
    "agencies": "select a.name, a.acronym, (select group_concat(alias, '|') from "
                "(select alias from agency_aliases where agency_id = a.id order by alias)) from agencies a",
    "document_agencies": "select d.document_id, a.name, d.mentions, d.start, d.\"end\" "
                         "from document_agencies d join agencies a on a.id = d.agency_id",
    "people": "select p.name, p.key, (select group_concat(name, '|') from "
              "(select name from person_names where person_id = p.id order by name)) from people p",
    "officials": "select o.document_id, p.name, o.name, o.position, o.agency, o.start, o.\"end\", o.mentions, "
                 "o.signatory from officials o join people p on p.id = o.person_id",
    "quotes": "select q.document_id, p.name, q.speaker, q.text, q.start, q.\"end\" "
              "from quotes q left join people p on p.id = q.person_id",
    "statements": "select s.document_id, p.name, s.speaker, s.text, s.start, s.\"end\" "
                  "from statements s left join people p on p.id = s.person_id",
    "abbreviations": "select document_id, short, long, start, \"end\" from abbreviations",
    "sections": "select document_id, heading, start, \"end\", page from sections",
    "positions": "select p.name, x.position, x.agency, x.first_date, x.last_date, x.documents "
                 "from positions x join people p on p.id = x.person_id",
    "mentions": "select m.document_id, m.kind, m.start, m.\"end\", m.text, m.regulation_id, a.name, p.name, "
                "q.start, s.start from mentions m left join agencies a on a.id = m.agency_id "
                "left join people p on p.id = m.person_id left join quotes q on q.id = m.quote_id "
                "left join statements s on s.id = m.statement_id",
    "errors": "select source, message from errors",
}


def canonical_dump(path: str | Path) -> dict[str, list[tuple]]:
    """Every table of the database at ``path`` as sorted tuples, with integer ids replaced by names."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {table: sorted(conn.execute(sql).fetchall(), key=repr) for table, sql in _DUMPS.items()}
    finally:
        conn.close()


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]], show: int = 3) -> list[str]:
    """One line per table whose rows differ, with a few rows found on one side only."""
    lines = []
    for table in a:
        left, right = set(a[table]), set(b[table])
        if left != right or len(a[table]) != len(b[table]):
            only_a = sorted(left - right, key=repr)[:show]
            only_b = sorted(right - left, key=repr)[:show]
            lines.append(f"{table}: {len(a[table])} vs {len(b[table])} rows; only first {only_a}; "
                         f"only second {only_b}")
    return lines
