"""Sections, lists (Mengingat, Yth., Tembusan), numbered points and the spans of the legal basis."""
from __future__ import annotations

import re
from typing import Sequence

from .common import _SECTION_RES, Section, _Line, _squash, fix_caps_ocr
from .signature import PLACE_DATE_RE

# --------------------------------------------------------------------------- sections


def find_sections(lines: Sequence[_Line], text_end: int, title_index: int | None) -> tuple[Section, ...]:
    """Headings with their levels, each section running to the next heading of its level or higher."""
    marks: list[tuple[int, int, str]] = []  # (start, level, heading)
    if title_index is not None:
        marks.append((lines[title_index].start, 0, "Judul"))
    for line in lines:
        text = fix_caps_ocr(line.clean)
        for regex, level, template in _SECTION_RES:
            match = regex.match(text)
            if match:
                if template == "Menetapkan" and marks and marks[-1][2] == "Memutuskan":
                    break
                marks.append((line.start, level, template.format(_squash(match.group(0)))))
                break
    marks.sort(key=lambda mark: mark[0])
    sections = []
    for k, (start, level, heading) in enumerate(marks):
        end = text_end
        for later_start, later_level, _ in marks[k + 1:]:
            if later_level <= level:
                end = later_start
                break
        if heading in LIST_SECTIONS:
            end = _list_end(lines, start, end)
        elif heading == "Hal":
            end = next(line.end for line in lines if line.start == start)
        sections.append(Section(heading, start, end))
        if heading.startswith("Pasal "):
            sections.extend(_ayat(lines, heading, start, end))
    return tuple(sections)


AYAT_RE = re.compile(r"^\((\d{1,3}[a-z]?)\)\s")
ORDINAL_WORDS = {"kesatu": 1, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6,
                 "ketujuh": 7, "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10, "kesebelas": 11}


def _ayat(lines: Sequence[_Line], pasal: str, start: int, end: int) -> list[Section]:
    """The numbered paragraphs ("(1) ...", "(2) ...") of one article, as sections "Pasal 5 ayat (1)"."""
    marks = [(line.start, AYAT_RE.match(line.clean).group(1)) for line in lines
             if start < line.start < end and AYAT_RE.match(line.clean)]
    return [Section(f"{pasal} ayat ({number})", at, marks[k + 1][0] if k + 1 < len(marks) else end)
            for k, (at, number) in enumerate(marks)]


def section_number(heading: str) -> tuple[str | None, str | None]:
    """(kind, number) of a heading: "BAB IV" -> ("bab", "IV"), "Pasal 12" -> ("pasal", "12"),
    "Pasal 5 ayat (2)" -> ("ayat", "5(2)"), "Bagian Kedua" -> ("bagian", "2"); else (None, None)."""
    ayat = re.fullmatch(r"Pasal\s+(\S+)\s+ayat\s+\((\S+)\)", heading)
    if ayat:
        return "ayat", f"{ayat.group(1)}({ayat.group(2)})"
    match = re.fullmatch(r"(BAB|Bagian|Paragraf|Pasal)\s+(\S+)", heading)
    if not match:
        return None, None
    kind, number = match.group(1).lower(), match.group(2)
    if kind == "bagian":
        number = str(ORDINAL_WORDS.get(number.lower(), number))
    return kind, number


LIST_SECTIONS = {"Yth", "Dasar", "Tembusan"}
ITEM_START_RE = re.compile(r"^(?:\d{1,2}|[a-z])[.)]\s")


def _list_end(lines: Sequence[_Line], start: int, end: int) -> int:
    """Where a labelled list (Yth., Dasar, Tembusan) stops: after its last item line."""
    inside = [line for line in lines if start <= line.start < end]
    stop = inside[0].end if inside else end
    for line in inside[1:]:
        if not ITEM_START_RE.match(line.clean):
            break
        stop = line.end
    return stop


LIST_ITEM_RE = re.compile(
    r"(?m)^(?:(?:Mengingat|Dasar|Memperhatikan|Menimbang)\b[\t ]*:?[\t ]*)?(?P<mark>\d{1,2}[.)])\s+")
LABEL_RE = re.compile(r"^\s*(?:Mengingat|Dasar|Memperhatikan|Menimbang)\b[\t ]*:?[\t ]*", re.IGNORECASE)


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the numbered items ("1. ...", "2. ...") of a list in text[start:end].

    A list without numbers (a single item) is one span after its label.
    """
    body = text[start:end]
    marks = list(LIST_ITEM_RE.finditer(body))
    if len(marks) < 2:
        label = LABEL_RE.match(body)
        first = label.end() if label else 0
        stripped = body[first:].rstrip()
        return [(start + first, start + len(stripped) + first)] if stripped.strip() else []
    spans = []
    for k, match in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else len(body)
        chunk_end = match.start("mark") + len(body[match.start("mark"):stop].rstrip())
        spans.append((start + match.start("mark"), start + chunk_end))
    return spans


def basis_spans(text: str, sections: Sequence[Section]) -> tuple[tuple[int, int], ...]:
    """Character spans of the items of the Mengingat list (or a circular's Dasar)."""
    spans: list[tuple[int, int]] = []
    for section in sections:
        if section.heading in {"Mengingat", "Dasar"}:
            spans.extend(list_items(text, section.start, section.end))
    return tuple(spans)


def read_addressees(lines: Sequence[_Line]) -> tuple[str, ...]:
    """The addressees after "Yth." (one per numbered line, or the rest of the Yth. line)."""
    for i, line in enumerate(lines[:40]):
        match = re.match(r"(?i)^(?:kepada\s+)?yth\.?\s*:?\s*(.*)$", line.clean)
        if not match:
            continue
        found = []
        rest = match.group(1).split("\t")[0].strip()
        if rest and not PLACE_DATE_RE.search(line.text):
            found.append(re.sub(r"^\d+[.)]\s*", "", rest))
        for other in lines[i + 1:i + 20]:
            text = other.clean
            item = re.match(r"^\d{1,2}[.)]\s*(\S.*)$", text)
            if item and (not found or re.match(r"^\d", text)):
                found.append(item.group(1).split("\t")[0].strip())
                continue
            break
        return tuple(a for a in found if a)
    return ()


def read_points(text: str, lines: Sequence[_Line], body_start: int, body_end: int) -> list[Section]:
    """The numbered points of a circular's body (1., 2., ...) as sections "Butir 1", ..."""
    starts = [line for line in lines if body_start <= line.start < body_end and re.match(r"^\d{1,2}[.)]\s", line.clean)]
    if len(starts) < 2:
        return []
    points = []
    for k, line in enumerate(starts):
        end = starts[k + 1].start if k + 1 < len(starts) else body_end
        end = line.start + len(text[line.start:end].rstrip())
        number = re.match(r"\d+", line.clean).group(0)
        points.append(Section(f"Butir {number}", line.start, end))
    return points
