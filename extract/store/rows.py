"""Rows from a record: pure functions from the contract's JSON to the rows of each table."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .persons import person_key
from .provenance import SentenceOf, no_sentence


def _year(record: dict[str, Any]) -> int | None:
    """The year of a record's date, else of its event date."""
    for field in ("date", "event_date"):
        value = record.get(field)
        if isinstance(value, str) and re.match(r"\d{4}-", value):
            return int(value[:4])
    return None


def regulation_id(regulation: dict[str, Any]) -> str | None:
    """The canonical id of a regulation: its ``id``, else ``type/year/number``.

    ``{"type": "PP", "number": "50", "year": 2025}`` gives ``"pp/2025/50"``; an
    unknown year is written ``-``. A regulation without an id, a type or a
    number has no identity and gives ``None``.
    """
    if regulation.get("id"):
        return str(regulation["id"])
    kind, number, year = regulation.get("type"), regulation.get("number"), regulation.get("year")
    if not kind or not number:
        return None
    return f"{str(kind).lower()}/{year if year is not None else '-'}/{number}"


def regulation_row(reg_id: str, regulation: dict[str, Any]) -> dict[str, Any]:
    """The ``regulations`` row for one regulation of a record."""
    return {
        "id": reg_id,
        "type": regulation.get("type"),
        "number": regulation.get("number"),
        "year": regulation.get("year"),
        "issuer": regulation.get("issuer"),
        "subject": regulation.get("subject"),
        **catalogue_row(regulation),
    }


_SUPPLEMENTS = {"TLN", "TLD"}


def catalogue_row(regulation: dict[str, Any]) -> dict[str, Any]:
    """The catalogue columns of a ``regulations`` row (None for a regulation known only by citation).

    A gazette is written as the note reads: "Lembaran Negara Republik Indonesia Tahun 2020 Nomor 227".
    """
    gazettes = regulation.get("gazettes") or []
    placed = [g for g in gazettes if g.get("series") not in _SUPPLEMENTS]
    supplement = [g for g in gazettes if g.get("series") in _SUPPLEMENTS]
    signatories = regulation.get("signatories") or []
    promulgator = regulation.get("promulgator") or {}
    return {
        "uri": regulation.get("uri"),
        "form": regulation.get("form"),
        "heading": regulation.get("heading"),
        "set_place": regulation.get("set_place"),
        "set_date": regulation.get("set_date"),
        "promulgated_place": regulation.get("promulgated_place"),
        "promulgated_date": regulation.get("promulgated_date"),
        "signatories": "; ".join(s["name"] for s in signatories if s.get("name")) or None,
        "promulgator": promulgator.get("name"),
        "promulgator_position": promulgator.get("position"),
        "gazette": gazette_note(placed[0]) if placed else None,
        "gazette_supplement": gazette_note(supplement[0]) if supplement else None,
        "keywords": "; ".join(regulation.get("keywords") or []) or None,
        "field": regulation.get("field"),
    }


def gazette_note(gazette: dict[str, Any]) -> str:
    """ "Lembaran Negara Republik Indonesia Tahun 2020 Nomor 227" (a part OCR lost is left out)."""
    parts = [gazette.get("name") or gazette.get("series") or ""]
    if gazette.get("year"):
        parts.append(f"Tahun {gazette['year']}")
    if gazette.get("number"):
        parts.append(f"Nomor {gazette['number']}")
    return " ".join(parts)


def missing_fields(existing: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The values of ``new`` for the fields that ``existing`` lacks (is null in)."""
    return {key: value for key, value in new.items() if value is not None and existing.get(key) is None}


def document_row(record: dict[str, Any], reg_id: str | None, ingested_at: str) -> dict[str, Any]:
    """The ``documents`` row of a record; ``record`` keeps the JSON minus the text."""
    signatory = record.get("signatory") or {}
    without_text = {key: value for key, value in record.items() if key != "text"}
    return {
        "id": record["id"],
        "source": record["source"],
        "format": record.get("format"),
        "kind": record.get("kind"),
        "title": record.get("title"),
        "date": record.get("date"),
        "event_date": record.get("event_date"),
        "year": _year(record),
        "text": record.get("text"),
        "regulation_id": reg_id,
        "signatory_name": signatory.get("name"),
        "signatory_position": signatory.get("position"),
        "record": json.dumps(without_text, ensure_ascii=False),
        "ingested_at": ingested_at,
    }


def citation_rows(
    document_id: str, reg_id: str, regulation: dict[str, Any], sentence_of: SentenceOf = no_sentence
) -> Iterator[dict[str, Any]]:
    """One ``citations`` row per mention; one row without offsets if there are none."""
    mentions = regulation.get("mentions") or [{}]
    for mention in mentions:
        yield {
            "document_id": document_id,
            "regulation_id": reg_id,
            "start": mention.get("start"),
            "end": mention.get("end"),
            "mention": mention.get("text"),
            "basis": int(bool(regulation.get("basis"))),
            "sentence": sentence_of(mention.get("start"), mention.get("end")),
        }


def utterance_rows(
    document_id: str, items: Iterable[dict[str, Any]], person_ids: dict[str, int],
    sentence_of: SentenceOf = no_sentence,
) -> Iterator[dict[str, Any]]:
    """Rows of ``quotes`` or ``statements``; a speaker found among ``person_ids`` (by folded name) is linked.

    ``speaker_key`` is the speaker's normalised name (:func:`person_key`), indexed, so that a person
    stored later finds the quotes waiting for them without scanning every quote."""
    for item in items:
        speaker = item.get("speaker")
        yield {
            "document_id": document_id,
            "person_id": person_ids.get(speaker.casefold()) if speaker else None,
            "speaker": speaker,
            "speaker_key": person_key(speaker) if speaker else None,
            "text": item["text"],
            "start": item.get("start"),
            "end": item.get("end"),
            "sentence": sentence_of(item.get("start"), item.get("end")),
        }


def abbreviation_rows(
    document_id: str, items: Iterable[dict[str, Any]], sentence_of: SentenceOf = no_sentence
) -> Iterator[dict[str, Any]]:
    """Rows of ``abbreviations``."""
    for item in items:
        yield {
            "document_id": document_id,
            "short": item["short"],
            "long": item.get("long"),
            "start": item.get("start"),
            "end": item.get("end"),
            "sentence": sentence_of(item.get("start"), item.get("end")),
        }


def section_rows(document_id: str, items: Iterable[dict[str, Any]], text: str | None) -> Iterator[dict[str, Any]]:
    """Rows of ``sections``: the parts of an official document (title block, Mengingat, Pasal ...)."""
    for item in items:
        start, end = item.get("start"), item.get("end")
        yield {
            "document_id": document_id,
            "heading": item["heading"],
            "start": start,
            "end": end,
            "page": item.get("page"),
            "text": text[start:end] if text and start is not None and end is not None else None,
            "kind": item.get("kind"),
            "number": item.get("number"),
        }


def relation_rows(document_id: str, relations: Iterable[dict[str, Any]], known: set[str]) -> Iterator[dict[str, Any]]:
    """Rows of ``regulation_relations``: one per relation whose two regulations are stored (``known``)."""
    for item in relations:
        if item.get("from") not in known or item.get("to") not in known:
            continue
        yield {
            "document_id": document_id,
            "from_id": item["from"],
            "relation": item["relation"],
            "to_id": item["to"],
            "ordinal": item.get("ordinal"),
            "article": item.get("article"),
            "start": item.get("start"),
            "end": item.get("end"),
            "text": item.get("text"),
        }


def table_rows(document_id: str, tables: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows of ``tables``: one per table of a PDF, its header and rows as JSON."""
    for table in tables:
        header, rows = table.get("header") or [], table.get("rows") or []
        yield {
            "document_id": document_id,
            "page": table.get("page"),
            "index": table.get("index"),
            "caption": table.get("caption"),
            "header": json.dumps(header, ensure_ascii=False),
            "rows": json.dumps(rows, ensure_ascii=False),
            "row_count": len(rows),
            "column_count": len(header),
        }


def signatory_official(record: dict[str, Any]) -> dict[str, Any] | None:
    """The signatory of a record as an official, with every place the name occurs in the text.

    Only a name of two words or more counts: a signature block read wrongly
    often leaves a single word (a city, a title) where the name should be.
    """
    signatory = record.get("signatory") or {}
    name = signatory.get("name")
    if not name or len(person_key(name).split()) < 2:
        return None
    text = record.get("text") or ""
    mentions = [{"start": m.start(), "end": m.end(), "text": m.group()}
                for m in re.finditer(re.escape(name), text, flags=re.IGNORECASE)]
    return {"name": name, "position": signatory.get("position"), "agency": None, "mentions": mentions,
            "signatory": True}


def officials_with_signatory(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's officials plus its signatory; a signatory already listed is flagged, not repeated."""
    officials = [dict(official) for official in record.get("officials") or [] if official.get("name")]
    signer = signatory_official(record)
    if signer is None:
        return officials
    for official in officials:
        same_role = (official.get("position") or "").casefold() == (signer["position"] or "").casefold()
        if person_key(official["name"]) == person_key(signer["name"]) and (same_role or not signer["position"]):
            official["signatory"] = True
            return officials
    return [*officials, signer]


def _offsets(item: dict[str, Any]) -> tuple[int, int] | None:
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        return start, end
    return None


def mention_rows(
    document_id: str, text: str | None, kind: str, column: str | None,
    items: Iterable[tuple[Any, Iterable[dict[str, Any]]]], sentence_of: SentenceOf = no_sentence,
) -> Iterator[dict[str, Any]]:
    """``mentions`` rows of one kind from ``(target id, spans)`` pairs; spans without offsets are skipped."""
    for target, spans in items:
        for span in spans:
            offsets = _offsets(span)
            if offsets is None:
                continue
            start, end = offsets
            row = {"document_id": document_id, "kind": kind, "start": start, "end": end,
                   "text": span.get("text") or (text[start:end] if text else None),
                   "sentence": sentence_of(start, end)}
            if column:
                row[column] = target
            yield row



def merge_agency(existing: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Updates to an agency row that ``new`` (name, acronym) is found to be.

    The row gains an acronym it lacked; a row known only by what ``new`` calls
    its acronym takes ``new``'s fuller name.
    """
    updates: dict[str, Any] = {}
    name, acronym = new.get("name"), new.get("acronym")
    if acronym and existing["name"].casefold() == acronym.casefold() and name and not existing.get("acronym"):
        return {"name": name, "acronym": existing["name"]}
    if acronym and not existing.get("acronym") and acronym.casefold() != existing["name"].casefold():
        updates["acronym"] = acronym
    return updates


def agency_aliases(row: dict[str, Any], agency: dict[str, Any], old_name: str | None = None) -> list[str]:
    """Surface forms of ``agency`` (and a replaced name) other than the row's name and acronym."""
    taken = {value.casefold() for value in (row["name"], row.get("acronym")) if value}
    forms = [agency.get("name"), agency.get("acronym"), old_name, *(agency.get("aliases") or [])]
    aliases: list[str] = []
    for form in forms:
        if form and form.casefold() not in taken:
            taken.add(form.casefold())
            aliases.append(form)
    return aliases


# -- writing ----------------------------------------------------------------
