"""A regulation's catalogue data as a JDIH librarian records it (Permenkumham 8/2019 terms).

Beyond the title block (jenis, nomor, tahun, tentang) a promulgated regulation states where and
when it was promulgated ("Diundangkan di Jakarta pada tanggal 6 Oktober 2020"), by whom (the
block under that line: the minister or the director general of legislation), and where it was
placed: "LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN 2020 NOMOR 227" under the signatures, "TAMBAHAN
LEMBARAN NEGARA REPUBLIK INDONESIA NOMOR 6762" over the elucidation, or the Berita Negara header
of a ministerial regulation ("BERITA NEGARA REPUBLIK INDONESIA / No.49, 2020 KEMENDIKBUD. Program
Studi. Akreditasi."), whose dotted words are the catalogue's subject keywords.

Only upper-case gazette lines count: the mixed-case "(Lembaran Negara ... Nomor 152)" notes in
the Mengingat list belong to the instruments cited there, not to this one.
"""
from __future__ import annotations

import re
from typing import Sequence

from .common import _Line, _squash, ocr_number, parse_date, parse_year, title_case
from .signature import read_signature, split_offices

# The gazettes a regulation is placed in, by the words that open their notes.
GAZETTES = (
    ("TLN", r"TAMBAHAN\s+LEMBARAN\s+NEGARA"),
    ("LN", r"LEMBARAN\s+NEGARA"),
    ("BN", r"BERITA\s+NEGARA"),
    ("TLD", r"TAMBAHAN\s+LEMBARAN\s+DAERAH"),
    ("LD", r"LEMBARAN\s+DAERAH"),
    ("BD", r"BERITA\s+DAERAH"),
)
_YEAR_TOKEN = r"[0-9OoIlLSZ|]{4}"
_NUMBER_TOKEN = r"[0-9OoIlLSZ|]{1,5}[A-Z]?"
GAZETTE_RE = re.compile(
    r"(?m)^[ \t]*(?P<name>(?:TAMBAHAN\s+)?(?:LEMBARAN|BERITA)\s+(?:NEGARA|DAERAH)\b[A-Z .,/-]*?)"
    rf"(?:\s+TAHUN\s+(?P<year>{_YEAR_TOKEN}))?\s+NOMOR\s*:?\s*(?P<number>\S+)[ \t]*$")
# The header of a Berita Negara or Lembaran Negara copy: "No.49, 2020 KEMENDIKBUD. Keyword. Keyword."
HEADER_RE = re.compile(
    r"\A(?:[^\n]*\n){0,3}?[ \t]*(?P<name>(?:BERITA|LEMBARAN)\s+NEGARA)[ \t]*\n[ \t]*REPUBLIK\s+INDONESIA[ \t]*\n"
    rf"[ \t]*No\s*\.?\s*(?P<number>{_NUMBER_TOKEN})\s*,\s*(?P<year>{_YEAR_TOKEN})\s+(?P<tags>[^\n]*(?:\n[^\n]*\.[ \t]*(?=\n))?)")
PROMULGATED_RE = re.compile(
    r"(?m)^[ \t]*Diundangkan\s+di\s*:?\s*(?P<place>[A-Za-z][A-Za-z .'-]*?)\s*[,;]?\s+"
    r"(?:pada\s+)?tanggal\s*:?\s*(?P<date>[^\n]{4,40})", re.IGNORECASE)

# Catalogue heading (T.E.U. badan): the country for the central government's own instruments,
# else the issuing institution.
NATIONAL = {"UUD", "UU", "PERPPU", "PP", "PERPRES", "KEPPRES", "INPRES"}
_OFFICE_TO_BODY = (
    (r"^Menteri Koordinator\b", "Kementerian Koordinator"),
    (r"^Menteri\b", "Kementerian"),
    (r"^Gubernur Bank Indonesia$|^Anggota Dewan Gubernur$", "Bank Indonesia"),
    (r"^Gubernur\b", "Provinsi"),
    (r"^Bupati\b", "Kabupaten"),
    (r"^Wali ?Kota\b", "Kota"),
    (r"^(?:Kepala|Ketua)\s+", ""),
)
_BODY_NAMES = {"Kementerian Sekretaris Negara": "Kementerian Sekretariat Negara"}
_LOOSE_DATE_RE = re.compile(r"(?P<day>[0-9OoIlL|]{1,2})\s*(?P<month>[A-Za-z][A-Za-z';:.]{2,11})\s*(?P<year>[0-9OoIlLSZ|]{4})")


def gazette_number(token: str | None) -> str | None:
    """A gazette number read leniently ("2O2" -> "202"); None where OCR left no digits ("T4")."""
    digits = ocr_number((token or "").strip(" .,;)"))
    return digits.lstrip("0") or "0" if digits else None


def find_gazettes(text: str) -> list[dict]:
    """The gazette placements this document states: series code, name, year, number, offset."""
    found: list[dict] = []
    header = HEADER_RE.match(text)
    if header:
        found.append(_placement(header.group("name"), header.group("year"), header.group("number"), header.start("name")))
    for match in GAZETTE_RE.finditer(text):
        name = match.group("name")
        if not name.isupper():
            continue
        found.append(_placement(name, match.group("year"), match.group("number"), match.start("name")))
    out: dict[str, dict] = {}
    for item in found:  # one per series; the note under the signatures fills what the header lacks
        series = out.setdefault(item["series"], item)
        for key in ("year", "number"):
            if series.get(key) is None and item.get(key) is not None:
                series[key] = item[key]
    return list(out.values())


def _placement(name: str, year: str | None, number: str | None, start: int) -> dict:
    name = title_case(_squash(name).rstrip(" ,."))
    if name.endswith("Negara"):
        name += " Republik Indonesia"  # the header's two lines name the same gazette as the note
    series = next(code for code, pattern in GAZETTES if re.match(pattern, name, re.IGNORECASE))
    return {"series": series, "name": name, "year": parse_year(year), "number": gazette_number(number), "start": start}


def header_keywords(text: str) -> list[str]:
    """The dotted subject words of a Berita Negara header, after the issuer's acronym."""
    header = HEADER_RE.match(text)
    if not header:
        return []
    parts = [_squash(p) for p in header.group("tags").split(".")]
    parts = [p for p in parts if p and len(p) <= 60]
    return parts[1:] if parts and parts[0].isupper() else parts


def header_issuer(text: str) -> str | None:
    """The issuer's acronym opening a Berita Negara header ("KEMENDIKBUD")."""
    header = HEADER_RE.match(text)
    if not header:
        return None
    first = header.group("tags").split(".")[0].strip()
    return first if first.isupper() and " " not in first else None


def find_promulgation(text: str, lines: Sequence[_Line]) -> tuple[str | None, str | None, dict | None]:
    """(place, ISO date, promulgator) of "Diundangkan di X pada tanggal D" and the block under it."""
    for match in PROMULGATED_RE.finditer(text):
        window = match.group("date") + " " + text[match.end("date"):match.end("date") + 12]
        iso = parse_date(window)
        loose = _LOOSE_DATE_RE.search(window)
        if not iso and loose:  # "28 Januari 20208 Januari ...": text layers laid over each other
            iso = parse_date(" ".join(loose.group("day", "month", "year")))
        if not iso:
            continue
        place = _squash(match.group("place")).rstrip(",") or None
        end = text.find("\n", match.end("date"))
        end = len(text) if end < 0 else end
        first = next((i for i, line in enumerate(lines) if line.start >= end), len(lines))
        official, _, _ = read_signature(lines, first)
        if official is not None:
            official = {"name": official["name"], "position": official.get("position")}
        return (title_case(place) if place else None), iso, official
    return None, None, None


def catalogue_heading(type_: str, issuer: str | None) -> str | None:
    """T.E.U. badan: "Indonesia. Pemerintah Pusat" for the central government's instruments,
    "Indonesia. Kementerian Keuangan" for a minister's, "Kabupaten Garut" for a regent's; a joint
    decision lists each issuer's heading, separated by "; "."""
    if type_ in NATIONAL:
        return "Indonesia. Pemerintah Pusat"
    if not issuer:
        return None
    if type_ == "SKB":
        return "; ".join(filter(None, (_heading(type_, office) for office in split_offices(issuer)))) or None
    return _heading(type_, issuer)


def _heading(type_: str, issuer: str) -> str | None:
    office = re.sub(r"\s+Republik Indonesia$", "", _squash(issuer), flags=re.IGNORECASE)
    if type_ in {"PERDA", "PERGUB", "PERBUP", "PERWAL", "KEPGUB", "KEPBUP", "KEPWAL"}:
        for pattern, body in _OFFICE_TO_BODY:
            if re.match(pattern, office):
                return re.sub(pattern, body, office, count=1).strip()
        return office
    for pattern, body in _OFFICE_TO_BODY:
        if re.match(pattern, office):
            body_name = re.sub(pattern, body, office, count=1).strip()
            body_name = _BODY_NAMES.get(body_name, body_name)
            return body_name if body == "Bank Indonesia" else f"Indonesia. {body_name}"
    return office


def catalogue(text: str, lines: Sequence[_Line], identity: dict, form: str | None) -> dict:
    """The JDIH fields that a regulation's text states beyond its title block."""
    place, date, promulgator = find_promulgation(text, lines)
    gazettes = find_gazettes(text)
    return {
        "form": form,
        "heading": catalogue_heading(identity["type"], identity.get("issuer")),
        "promulgated_place": place,
        "promulgated_date": date,
        "promulgator": promulgator,
        "gazettes": [{k: v for k, v in g.items() if k != "start"} for g in gazettes],
        "keywords": header_keywords(text),
        "field": None,
    }
