"""The structure of an official Indonesian document: identity, date, signatory, basis, sections.

`parse_structure(text)` reads the title block of a regulation, decision, instruction or
circular ("PERATURAN MENTERI ... NOMOR 2 TAHUN 2022 TENTANG ..."), the place and date it was
set ("Ditetapkan di Jakarta pada tanggal 7 April 2022"), the signature block after it, the
Mengingat list (its legal basis) and the headings that cut the text into sections. Text that
is not an official document (a news article) gives a Structure with kind None.

A circular or letter may carry its Nomor / Hal block above or below its heading, with the place
and date on the Nomor line. For a signature "a.n." (atas nama) an office, the signatory's position
is the signer's own office and the issuer is the office signed for.

It is lenient with machine-read text: "2O21" reads as 2021, "MENTER!" as MENTERI, a month
name one letter off still counts, and a part that cannot be read is left None.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Sequence

from ... import data
from .common import ON_BEHALF_RE, Section, Structure, _Line, _squash, clean_name, parse_date, split_lines, title_case
from .jdih import catalogue
from .letters import circular_identity, looks_like_letter
from .sections import LIST_SECTIONS, basis_spans, find_sections, read_addressees, read_points
from .signature import (
    _without_country,
    find_place_date,
    find_set_date,
    issuer_from_position,
    letter_signature,
    read_signature,
    split_offices,
    split_on_behalf,
)
from .title import (
    best_subject,
    classify_title,
    find_title_line,
    likelier_year,
    parse_identity,
    title_block,
    year_in_number,
)

__all__ = ["Section", "Structure", "parse_structure", "parse_date", "find_set_date", "clean_name",
           "title_case", "classify_title", "split_on_behalf"]

# --------------------------------------------------------------------------- the verb


LETTER_KINDS = {"circular", "other"}


@dataclass
class _Draft:
    """The fields of a Structure while the steps of parse_structure fill them in."""

    kind: str | None = None
    identity: dict | None = None
    date: str | None = None
    place: str | None = None
    signatory: dict | None = None
    co_signatories: tuple[dict, ...] = ()
    sections: tuple[Section, ...] = ()
    addressees: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    title_index: int | None = None
    after_title: int = 0
    on_behalf: str | None = None  # the office an "a.n." signatory signs for

    def take_signature(self, signatory: dict | None, co_signatories: tuple[dict, ...]) -> None:
        """Keep a signature; the office signed for ("on_behalf") moves off the signatory."""
        signatory = dict(signatory) if signatory else None
        if signatory and "on_behalf" in signatory:
            self.on_behalf = signatory.pop("on_behalf")
        self.signatory, self.co_signatories = signatory, co_signatories


def parse_structure(text: str) -> Structure:
    """Read the structure of an official document; kind None when `text` is not one."""
    if not isinstance(text, str):
        raise TypeError(f"parse_structure needs a str, not {type(text).__name__}")
    lines = split_lines(text)
    draft = _read_title(lines)
    if draft.kind is None:
        return Structure()
    draft.sections = find_sections(lines, len(text), draft.title_index)
    draft.date, draft.place, set_end = find_set_date(text)
    if set_end is not None:
        first = next((i for i, line in enumerate(lines) if line.start >= set_end), len(lines))
        signatory, co_signatories, _ = read_signature(lines, first)
        draft.take_signature(signatory, co_signatories)
    if draft.kind in LETTER_KINDS:
        _read_letter(draft, text, lines)
    else:
        _mend_title(draft, text, lines)
    _joint_positions(draft)
    return Structure(
        kind=draft.kind, identity=draft.identity, date=draft.date, place=draft.place,
        signatory=draft.signatory, co_signatories=tuple(draft.co_signatories),
        basis=basis_spans(text, draft.sections), sections=draft.sections,
        addressees=draft.addressees, points=draft.points,
        catalogue=catalogue(text, lines, draft.identity, type_name(draft.identity["type"])) if draft.identity else None,
    )


def type_name(code: str) -> str | None:
    """The instrument's name for a type code ("PERMEN" -> "Peraturan Menteri"), from data/regulation_types.json."""
    return _type_names().get(code)


@cache
def _type_names() -> dict[str, str]:
    return {entry["code"]: entry["name"] for entry in json.loads(data.text("regulation_types.json"))}


def _read_title(lines: Sequence[_Line]) -> _Draft:
    """Kind and identity from the title block; a letter ("Nomor :", "Hal :") is kind other."""
    draft = _Draft()
    draft.title_index = find_title_line(lines)
    if draft.title_index is not None:
        block, draft.after_title = title_block(lines, draft.title_index)
        draft.identity, draft.kind = parse_identity(block)
        if draft.identity is None:
            draft.title_index = None
    if draft.kind is None and looks_like_letter(lines):
        draft.kind = "other"
    return draft


def _mend_title(draft: _Draft, text: str, lines: Sequence[_Line]) -> None:
    """A regulation's subject from its cleanest copy, and one year where OCR gave two."""
    identity = draft.identity
    identity["subject"] = best_subject(identity.get("subject"), lines, text)
    if identity.get("year") and draft.date and int(draft.date[:4]) != identity["year"]:
        year = likelier_year(text, identity["year"], int(draft.date[:4]))
        identity["year"], draft.date = year, f"{year:04d}{draft.date[4:]}"


def _joint_positions(draft: _Draft) -> None:
    """Signers of a joint decision take their offices, in order, from the title's issuers."""
    identity = draft.identity
    if not identity or identity["type"] != "SKB" or not identity.get("issuer") or not draft.signatory:
        return
    offices = split_offices(identity["issuer"])
    if len(offices) == 1 + len(draft.co_signatories):
        draft.signatory = dict(draft.signatory, position=offices[0])
        draft.co_signatories = tuple(dict(c, position=o) for c, o in zip(draft.co_signatories, offices[1:]))


def _read_letter(draft: _Draft, text: str, lines: Sequence[_Line]) -> None:
    """Date line, signature, Nomor/Hal, addressees and points of a circular or letter."""
    tembusan = next((i for i, line in enumerate(lines) if re.match(r"(?i)^tembusan\b", line.clean)), None)
    signature_at = None
    if draft.date is None:
        draft.date, draft.place, _ = find_place_date(lines)
    if draft.signatory is None:
        stop = tembusan if tembusan is not None else _letter_end(lines)
        signatory, co_signatories, signature_at = letter_signature(lines, stop)
        draft.take_signature(signatory, co_signatories)
    draft.identity = _letter_identity(draft, lines, signature_at)
    draft.addressees = read_addressees(lines)

    skip = [(sec.start, sec.end) for sec in draft.sections if sec.heading in LIST_SECTIONS]
    body = [line for line in lines if not any(a <= line.start < b for a, b in skip)]
    point_sections = read_points(text, body, _body_start(lines, draft.after_title), _signature_start(lines, tembusan))
    draft.points = tuple(_squash(re.sub(r"^\d{1,2}[.)]\s*", "", text[p.start:p.end])) for p in point_sections)
    extra = list(point_sections)
    if signature_at is not None and not any(sec.heading == "Penandatanganan" for sec in draft.sections):
        end = lines[tembusan].start if tembusan is not None and tembusan > signature_at else len(text)
        extra.append(Section("Penandatanganan", lines[signature_at].start, end))
    draft.sections = tuple(sorted((*draft.sections, *extra), key=lambda sec: (sec.start, -sec.end)))


def _letter_identity(draft: _Draft, lines: Sequence[_Line], signature_at: int | None) -> dict:
    """A letter's identity: the title block's, completed from Nomor/Hal lines, the date and signature."""
    start = draft.title_index if draft.title_index is not None else 0
    found = circular_identity(lines, start, draft.identity["issuer"] if draft.identity else None)
    if draft.identity is None:
        identity = dict(found, type="OTHER")
    else:
        identity = dict(draft.identity)
        for key in ("number", "subject"):
            if not identity.get(key) and found.get(key):
                identity[key] = found[key]
        if identity.get("year") is None and identity.get("number"):
            identity["year"] = year_in_number(identity["number"])
    if identity.get("year") is None and draft.date:
        identity["year"] = int(draft.date[:4])
    if identity.get("issuer") is None and draft.on_behalf:
        identity["issuer"] = _without_country(draft.on_behalf)
    elif identity.get("issuer") is None and draft.signatory:
        head = lines[signature_at].clean if signature_at is not None else ""
        if (head and not head.endswith(",") and not ON_BEHALF_RE.match(head)
                and draft.signatory["name"] != clean_name(head.split("\t")[0])):
            identity["issuer"] = head  # the organisation above the names
        elif draft.signatory.get("position"):
            identity["issuer"] = issuer_from_position(draft.signatory["position"])
    return identity


def _letter_end(lines: Sequence[_Line]) -> int:
    """Index just past a letter's body and signature (before an attachment)."""
    for i, line in enumerate(lines):
        if i > 5 and re.match(r"^(?:LAMPIRAN|Lampiran\s+\d)", line.clean):
            return i
    return len(lines)


def _body_start(lines: Sequence[_Line], after_title: int) -> int:
    """Offset where a circular's body begins: after Hal/Perihal or "Dengan hormat"."""
    start = lines[min(after_title, len(lines) - 1)].start if lines else 0
    for line in lines[:40]:
        if re.match(r"(?i)^(?:hal|perihal)\s*:|^dengan\s+hormat", line.clean):
            start = max(start, line.end)
    return start


def _signature_start(lines: Sequence[_Line], tembusan: int | None) -> int:
    stop = tembusan if tembusan is not None else len(lines)
    for i in range(stop - 1, max(stop - 12, 0), -1):
        if re.match(r"(?i)^(?:demikian|atas perhatian)", lines[i].clean):
            return lines[i].start
    return lines[stop - 1].end if stop else 0
