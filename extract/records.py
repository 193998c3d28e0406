"""From a processed Doc to the record of the contract in DESIGN.md.

Resolution happens here: repeated citations become one regulation, surface forms of an
institution one agency, name variants one person; quotes get their speakers; the document's
own identity, kind and dates come from its structure and text.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from . import data
from .find.agencies import resolve_agencies, unit_and_parent
from .find.agency_names import HEAD_WORDS, gazetteer_index, name_key
from .find.dates import document_date, event_date
from .find.persons import resolve_people
from .find.quotes import attribute_quotes, find_statements
from .find.references import find_references
from .find.regulations import akn_uri, canonical_id, resolve_citations
from .find.relations import find_relations
from .find.vocabulary import agency_forms, position_vocabulary, region_names
from .pipeline import found
from .read.sources import Source
from .read.structure.sections import section_number

KINDS = ("press_release", "news", "circular", "regulation", "decision", "instruction", "other")

_PRESS_MARKERS = re.compile(r"(?i)\bsiaran\s+pers\b|\bpress\s+release\b|\bnarahubung\b|\bkontak\s+media\b|"
                            r"\bhumas\b|\bhubungan\s+masyarakat\b|\bbiro\s+(?:pers|komunikasi)\b")
_NEWS_MARKERS = re.compile(r"(?i)detik(?:com|news|finance)?\b|\bbaca juga\b|scroll to continue|\bkepada wartawan\b|"
                           r"\bdikutip dari\b|\bdilansir\b")
_NEWS_HEADER = re.compile(r"\b[0-9]{1,2}[:.][0-9]{2}\s+WIB\b|^[A-Z][\w.' ]{2,40} - [\w.]+$", re.MULTILINE)
_CIRCULAR = re.compile(r"(?im)^\s*(?:#\s*)?SURAT\s+EDARAN\b")
_INSTITUTION = re.compile(r"\b(?:Pemerintah|Pemkot|Pemkab|Pemprov|Kementerian|Kemenko|Badan|Dinas|Kepolisian|Polda|Polres|"
                          r"Kejaksaan|BPJS|Sekretariat|Komisi|Lembaga|Otoritas|Bank Indonesia|Humas)\b")


def guess_kind(source: Source, text: str, structure_kind: str | None) -> str:
    """The document's kind: official documents by their title block; releases and news by their marks
    (a byline, a WIB timestamp, "Baca juga" for news; "Siaran Pers", Humas, a page published by an
    institution for releases); a text with a headline and no marks is news, one without is a release."""
    if structure_kind in KINDS:
        return structure_kind
    if _CIRCULAR.search(text[:1500]):
        return "circular"
    head, tail = source.text[:400], source.text[-400:]
    if re.search(r"(?i)\bsiaran\s+pers\b|\bpress\s+release\b", head):
        return "press_release"
    if _NEWS_MARKERS.search(source.text) or _NEWS_HEADER.search(head):
        return "news"
    if _PRESS_MARKERS.search(head) or _PRESS_MARKERS.search(tail) or (source.site and _INSTITUTION.search(source.site)):
        return "press_release"
    return "news" if source.title else "press_release"


def _spans(doc: Doc, key: str) -> list:
    return found(doc, key)


def _in_spans(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


@cache
def _not_person_words() -> frozenset[str]:
    return position_vocabulary() | region_names()


def _person_words(words: str) -> bool:
    """Words that can only be a person's: capitalised, none of them an office, institution or region word."""
    vocabulary = _not_person_words()
    return all(w[:1].isupper() and w[1:2].islower() and w not in vocabulary for w in words.split())


GENERIC_AGENCIES = frozenset(data.words("generic_agencies"))  # data/words/generic_agencies.txt


def _clip_agencies(mentions: list, people: list) -> list:
    """Institutions' names cut where the words stop being theirs. A name the gazetteer knows is never cut.

    * where a person's name starts: "Ditjen Pendis Nama Nama menyatakan" names "Ditjen Pendis", whose
      head the text leaves out;
    * before "dan" where a second institution's head follows ("Polsek Kuta dan Resmob Polda X");
    * before a comma and the place of the event ("Kemenko PM, Jakarta").
    """
    people = sorted(people, key=lambda p: (p.start, p.end))
    starts = [p.start for p in people]
    out = []
    for m in mentions:
        if m.key.startswith(("gaz:", "bare:")):
            out.append(m)
            continue
        at = None
        k = bisect_right(starts, m.start)
        if k < len(starts) and starts[k] < m.end:
            cut = m.text[starts[k] - m.start:].strip(" ,")
            # A region, a number or an office word stays the name's own ("KPK Wilayah V").
            # An initial that opens a longer name is the person's too ("RSUP X I Wayan Nama").
            initial = len(cut) == 1 and cut.isupper() and len(people[k].name) > 1
            if (_person_words(cut) or initial) and (people[k].position or len(cut.split()) > 1):
                at = starts[k]
        joined = _SECOND_HEAD.search(m.text if at is None else m.text[:at - m.start])
        if joined and "," not in m.text[:joined.start()]:  # not the last item of a list ("Pers, Media, dan X")
            at = m.start + joined.start()
        place = _PLACE_AFTER.search(m.text if at is None else m.text[:at - m.start])
        if place and (place.group(1) in region_names() or f"DKI {place.group(1)}" in region_names()):
            at = m.start + place.start()
        if at is None:
            out.append(m)
        elif (clipped := _cut(m, at)) is not None:
            out.append(clipped)
    return out


_SECOND_HEAD = re.compile(r"\s+dan\s+(?=(?:\S+\s+){0,2}(?:" + "|".join(sorted(
    HEAD_WORDS | {f.short.split()[0] for f in agency_forms()}, key=lambda w: (-len(w), w))) + r")\b)")
_PLACE_AFTER = re.compile(r",\s*([A-Z][\w]*(?:\s+[A-Z][\w]*){0,2})$")


def _named_in_full(m, body_names: set[str]) -> bool:
    """An institution a headline names so that title case cannot have made it up: one the gazetteer
    knows, or a regional form with a region after it ("Polrestabes Makassar") that is not the start of
    a longer name in the body ("Polda Metro" of "Polda Metro Jaya", where "Metro" is also a city)."""
    if m.key.startswith("gaz:"):
        return True
    if not m.key.startswith("form:") or any(n.startswith(m.name + " ") for n in body_names):
        return False
    return any(m.name.startswith(f.long + " ") and m.name[len(f.long) + 1:] in region_names()
               for f in agency_forms() if f.region)


def _cut(m, at: int):
    """The mention ``m`` ending before offset ``at``; None where too little of a name is left."""
    kept = m.text[:at - m.start].rstrip(" ,")
    cut = m.text[len(kept):].strip(" ,")
    if len(kept.split()) < 2 or not m.name.endswith(cut):
        return None  # nothing of a name is left ("Direktorat Nama"), or the words were rewritten
    name = m.name[:-len(cut)].rstrip(" ,")
    if name.endswith(" dan"):
        name = name[:-4]
    short = m.short[:-len(cut)].rstrip(" ,") if m.short and m.short.endswith(cut) else m.short
    known = gazetteer_index().get(name.lower()) or (gazetteer_index().get(short.lower()) if short else None)
    if known:  # what is left is an institution the gazetteer knows: "Kemenko PMK"
        return replace(m, end=m.start + len(kept), text=kept, name=known[0], short=known[1],
                       key="gaz:" + known[0].lower(), category=known[2])
    prefix = m.key.split(":", 1)[0]
    return replace(m, end=m.start + len(kept), text=kept, name=name, short=short, key=f"{prefix}:{name_key(name)}")


def build_record(source: Source, doc: Doc, structure=None, *, with_text: bool = False, to_source=None) -> dict:
    """The JSON-ready record for one document (``structure`` from :func:`extract.read.structure.parse_structure`)."""
    text = doc.user_data.get("warta_text") or doc.text
    identity = dict(structure.identity) if structure is not None and structure.identity else None
    own_key = None
    if identity:
        identity["id"] = canonical_id(identity["type"], str(identity.get("number") or ""), identity.get("year"),
                                      identity.get("issuer"))
        own_key = (identity["type"], str(identity.get("number") or "").lower(), identity.get("year"))
        identity.update(_catalogue(identity, structure))
    basis_spans = list(structure.basis) if structure is not None else []
    # A headline is written in title case, where every word looks like a name: people come from the
    # body, and an institution named only in the headline must be one the gazetteer knows.
    body_start = len(source.title) if source.title and text.startswith(source.title) else 0
    citations = _spans(doc, "regulations")
    if structure is not None:  # the title block's own heading, however OCR misread it, is the document itself
        titles = {s.start for s in structure.sections if s.heading == "Judul"}
        citations = [c for c in citations if c.start not in titles]
    regulations = resolve_citations(citations, own_key)
    regulation_dicts = []
    for r in regulations:
        d = r.to_dict()
        d["basis"] = any(_in_spans(m.start, basis_spans) for m in r.mentions)
        regulation_dicts.append(d)

    relations = _relations(text, citations, regulations, identity, own_key, structure)

    person_mentions = [m for m in _spans(doc, "people") if m.start >= body_start]
    agency_mentions = _spans(doc, "agencies")
    body_names = {m.name for m in agency_mentions if m.start >= body_start}
    clipped = _clip_agencies([m for m in agency_mentions if m.start >= body_start or _named_in_full(m, body_names)],
                             person_mentions)
    agencies = resolve_agencies([part for m in clipped for part in unit_and_parent(m)])
    # "Pemda" that no named regional government in the text owns means regional governments in general.
    agencies = [a for a in agencies if not (a.name in GENERIC_AGENCIES and all(m.key.startswith("bare:") for m in a.mentions))]
    people = resolve_people(person_mentions,
                            [a.name for a in agencies] + [a.acronym or "" for a in agencies])
    quote_spans = _spans(doc, "quotes")  # (start, end) of the words inside the marks
    quotes = attribute_quotes(text, quote_spans, people)
    statements = [s for s in find_statements(text, people) if not _in_spans(s.start, quote_spans)]

    kind = guess_kind(source, text, structure.kind if structure is not None else None)
    date = (structure.date if structure is not None and structure.date else None) or source.date or (
        document_date(text) if kind in ("press_release", "circular") else None)
    reference = dt.date.fromisoformat(date) if date else None
    event = event_date(text, quote_spans, reference)
    by_span = {(m.start, m.end): r.id for r in regulations for m in r.mentions}
    references = find_references(text, citations, lambda c: by_span.get((c.start, c.end)),
                                 identity["id"] if identity else None, identity["type"] if identity else None,
                                 regulation_dicts, date or event)
    title = source.title or (identity.get("subject") if identity else None) or _first_line(text)

    record = {
        "id": source.id,
        "source": source.path,
        "format": source.format,
        "kind": kind,
        "title": title,
        "date": date,
        "event_date": event,
        "regulation": identity,
        "signatory": dict(structure.signatory) if structure is not None and structure.signatory else None,
        "regulations": regulation_dicts,
        "relations": [r.to_dict() for r in relations],
        "references": [r.to_dict() for r in references],
        "officials": [p.to_dict() for p in people if p.official],
        "persons": [p.to_dict() for p in people if not p.official],
        "agencies": [a.to_dict() for a in agencies],
        "quotes": [q.to_dict() for q in quotes],
        "statements": [s.to_dict() for s in statements],
        "abbreviations": [a.to_dict() for a in _spans(doc, "abbreviations")],
        "places": _places(_spans(doc, "places")),
        "entities": _entities(doc, people, agencies),
        "tables": [t.to_dict() for t in source.tables],
        "pages": len(source.pages) or None,
        "ocr_pages": list(source.ocr_pages),
        "warnings": list(source.warnings),
    }
    if structure is not None:
        record["co_signatories"] = [dict(s) for s in structure.co_signatories]
        record["addressees"] = list(structure.addressees)
        record["points"] = list(structure.points)
        record["place"] = structure.place
        record["sections"] = [{"heading": s.heading, "start": s.start, "end": s.end, "page": _page_at(source, s.start, to_source),
                               **_numbered(s.heading)} for s in structure.sections]
    if with_text:
        record["text"] = text
    return record


def _relations(text: str, citations, regulations, identity: dict | None, own_key, structure) -> list:
    """Relations between the document and the regulations it cites, and among those (find/relations.py)."""
    by_span = {(m.start, m.end): r.id for r in regulations for m in r.mentions}
    own = identity["id"] if identity else None

    def id_of(c):
        return by_span.get((c.start, c.end)) or (own if own and c.key == own_key else None)

    sections = structure.sections if structure is not None else ()
    own_spans = [(s.start, _own_end(text, s)) for s in sections if s.heading in ("Judul", "Menetapkan")]
    menimbang = [(s.start, s.end) for s in sections if s.heading == "Menimbang"]
    basis = list(structure.basis) if structure is not None else []
    return find_relations(text, citations, id_of, own, basis, own_spans, menimbang)


def _own_end(text: str, section) -> int:
    """Where a title block or Menetapkan line stops speaking for the document: before its first article."""
    stop = re.compile(r"\n(?:Pasal\s+[0-9IVX]|BAB\s+[IVX]|KESATU\b|Menimbang\b|DENGAN\s+RAHMAT)")
    found = stop.search(text, section.start + 1, section.end)
    return min(found.start() if found else section.end, section.start + 1200)


def _numbered(heading: str) -> dict:
    """The kind and number of a chapter, part, article or paragraph heading (BAB IV, Pasal 12), else nothing."""
    kind, number = section_number(heading)
    return {"kind": kind, "number": number} if kind else {}


def _catalogue(identity: dict, structure) -> dict:
    """The JDIH fields of a document's own identity: its URI, where, when and by whom it was set and
    promulgated, and the gazettes it was placed in (the keys of ``extract.read.structure.jdih``)."""
    found = dict(structure.catalogue or {})
    signers = [dict(s) for s in (structure.signatory, *structure.co_signatories) if s]
    return {
        "uri": akn_uri(identity["type"], str(identity.get("number") or ""), identity.get("year"), identity.get("issuer")),
        "form": found.get("form"),
        "heading": found.get("heading"),
        "set_place": structure.place,
        "set_date": structure.date,
        "signatories": signers,
        "promulgated_place": found.get("promulgated_place"),
        "promulgated_date": found.get("promulgated_date"),
        "promulgator": found.get("promulgator"),
        "gazettes": found.get("gazettes") or [],
        "keywords": found.get("keywords") or [],
        "field": found.get("field"),
    }


def _places(mentions) -> list[dict]:
    """One entry per region (by Kemendagri code, or by name where the code is unknown), with its mentions."""
    out: dict[str, dict] = {}
    for p in mentions:
        entry = out.setdefault(p.code or p.name, {"name": p.name, "code": p.code, "level": p.level, "mentions": []})
        entry["mentions"].append({"start": p.start, "end": p.end, "text": p.text})
    return list(out.values())


def _entities(doc: Doc, people, agencies) -> list[dict]:
    """Generic entities (PER, ORG, LOC): the statistical NER's where it ran, else Warta's own findings."""
    if doc.has_annotation("ENT_IOB"):
        return [{"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_} for e in doc.ents]
    found = [(m.start, m.end, m.text, "PER") for p in people for m in p.mentions]
    found += [(m.start, m.end, m.text, "ORG") for a in agencies for m in a.mentions]
    found += [(p.start, p.end, p.text, "LOC") for p in _spans(doc, "places")]
    found.sort()
    out, last_end = [], -1
    for start, end, text, label in found:
        if start >= last_end:
            out.append({"start": start, "end": end, "text": text, "label": label})
            last_end = end
    return out


def _page_at(source: Source, offset: int, to_source=None) -> int | None:
    """The page an offset of the clean text falls on, for PDFs (``to_source`` maps it back to the source)."""
    if to_source is not None:
        offset = to_source(offset, offset + 1)[0]
    for page in source.pages:
        if getattr(page, "start", 0) <= offset < getattr(page, "end", 0):
            return page.number
    return None


def _first_line(text: str, limit: int = 120) -> str | None:
    """A stand-in title for a text without one: its first sentence, cut at a word near ``limit``."""
    line = text.strip().split("\n", 1)[0].strip()
    line = re.split(r"(?<=[a-z0-9)])\.\s", line, maxsplit=1)[0]
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " ..."
    return line or None
