"""Where and when a document was set, and who signed it (a.n. and u.b. read, joint signatories listed)."""
from __future__ import annotations

import re
from typing import Sequence

from .common import (
    OFFICE_WORDS,
    ON_BEHALF_RE,
    TTD_RE,
    _is_upper,
    _Line,
    _squash,
    clean_name,
    clean_position,
    parse_date,
    title_case,
)

# --------------------------------------------------------------------------- date and signature

SET_RE = re.compile(
    r"(?m)^[ \t]*(?P<verb>Ditetapkan|Dikeluarkan)\s+di\s*:?\s*(?P<place>[A-Za-z][A-Za-z .'-]*?)\s*[,;]?\s+"
    r"(?:pada\s+)?tanggal\s*:?\s*(?P<date>[^\n]{4,40})", re.IGNORECASE)
PLACE_DATE_RE = re.compile(
    r"(?:^|\t)(?P<place>[A-Z][A-Za-z .'-]{2,30}),\s*(?P<date>[0-9OIl]{1,2}\s+[A-Za-z]{3,10}\s+[0-9OIl]{4})\s*$")
# "Nomor : 400.3/04512/SE/2025 Semarang, 14 April 2025": the place and date beside the number.
NUMBER_PLACE_DATE_RE = re.compile(
    r"(?i:^(?:nomor|no\.)\s*:?)\s*\S.*?\s(?P<place>[A-Z][A-Za-z .'-]{2,30}),\s*"
    r"(?P<date>[0-9OIl]{1,2}\s+[A-Za-z]{3,10}\s+[0-9OIl]{4})\s*$")


def find_set_date(text: str) -> tuple[str | None, str | None, int | None]:
    """(ISO date, place, offset after the date line) of "Ditetapkan di X pada tanggal ..."."""
    for match in SET_RE.finditer(text):
        window = match.group("date") + " " + text[match.end("date"):match.end("date") + 12]
        iso = parse_date(window)
        if iso:
            end = text.find("\n", match.end("date"))
            place = _squash(match.group("place")).rstrip(",") or None
            return iso, (title_case(place) if place else None), (len(text) if end < 0 else end)
    return None, None, None


def find_place_date(lines: Sequence[_Line]) -> tuple[str | None, str | None, int | None]:
    """(ISO date, place, line index) of a letter's "Bandung, 3 Maret 2025" line."""
    for i, line in enumerate(lines):
        match = PLACE_DATE_RE.search(line.text) or NUMBER_PLACE_DATE_RE.match(line.clean)
        if match:
            iso = parse_date(match.group("date"))
            if iso:
                return iso, title_case(match.group("place").strip()), i
    return None, None, None


def _is_noise(text: str) -> bool:
    """A line of OCR debris between signature parts (stamp or signature ink read as text)."""
    words = re.findall(r"[A-Za-z]{3,}", text)
    return not words or (not _is_upper(text) and len(text) < 12)


def _looks_like_name(text: str) -> bool:
    if re.match(r"(?i)^(?:diundangkan|salinan|lampiran|nip|pangkat|pembina|penata|tembusan|menimbang|"
                r"kepala biro|pada tanggal|mengetahui)\b", text):
        return False
    if text.endswith(",") or TTD_RE.match(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 3 and letters / max(len(text.replace(" ", "").replace("\t", "")), 1) >= 0.6


def read_signature(lines: Sequence[_Line], first: int) -> tuple[dict | None, tuple[dict, ...], int | None]:
    """The signatory after the set-date line: position lines, "ttd", the name.

    Returns (signatory, co-signatories, index of the name line). Names on one line separated
    by tabs are signatories side by side (a joint decision): the first is the signatory.
    """
    position: list[str] = []
    i, end = first, min(len(lines), first + 14)
    closed = False  # a "ttd" (or signature debris) came after the position
    while i < end:
        text = lines[i].clean
        if TTD_RE.match(text) or _is_noise(text):
            closed = closed or bool(position)
            i += 1
            continue
        if not position:
            position.append(text)
        elif closed or (position[-1].endswith(",") and not ON_BEHALF_RE.match(position[-1])):
            break
        elif text.endswith(",") or POSITION_GOES_ON_RE.match(text) or _comma_follows(lines, i + 1, end):
            position.append(text)
        else:
            break
        i += 1
    while i < end and (TTD_RE.match(lines[i].clean) or _is_noise(lines[i].clean)):
        i += 1
    if i >= end or not position or not _looks_like_name(lines[i].clean):
        return None, (), None
    names = [clean_name(part) for part in re.split(r"\t+", lines[i].clean)]
    names = [n for n in names if n]
    if not names:
        return None, (), None
    columns = [clean_position([p]) for p in re.split(r"\t+", position[0])] if "\t" in position[0] else []
    parts = split_on_behalf(position) if len(names) == 1 else None
    if parts:  # "a.n.": the signer's own office; the office signed for rides along for the issuer
        signatory = {"name": names[0], "position": clean_position(parts[1]), "on_behalf": clean_position(parts[0])}
    else:
        signatory = {"name": names[0], "position": clean_position(position) if len(names) == 1 else
                     (columns[0] if columns else clean_position(position))}
    co = tuple({"name": n, "position": columns[k + 1] if k + 1 < len(columns) else None}
               for k, n in enumerate(names[1:]))
    return signatory, co, i


ATAS_NAMA_RE = re.compile(r"(?i)^a\.?\s?n\.\s*")
UNTUK_BELIAU_RE = re.compile(r"(?i)^u\.?\s?b\.\s*")
OWN_OFFICE_WORDS = (r"SEKRETARIS|KEPALA|DIREKTUR|DEPUTI|ASISTEN|KETUA|WAKIL|INSPEKTUR|CAMAT|LURAH|"
                    r"MENTERI|GUBERNUR|BUPATI|WALI ?KOTA|WALIKOTA|PLT|PLH|PJ|ANGGOTA|JAKSA|PANGLIMA")
OWN_OFFICE_RE = re.compile(rf"(?i)^(?:{OWN_OFFICE_WORDS})\b")


def split_on_behalf(position: Sequence[str]) -> tuple[list[str], list[str]] | None:
    """The two offices of an "a.n." (atas nama) signature block, as lines.

    ["a.n. BUPATI SLEMAN", "SEKRETARIS DAERAH,"] -> (["BUPATI SLEMAN"], ["SEKRETARIS DAERAH,"]): the
    office signed for, then the signer's own office. After a "u.b." (untuk beliau) line the own
    office is the one under it. None for a block that is not signed on behalf or cannot be cut.
    """
    if not position or not ATAS_NAMA_RE.match(position[0]):
        return None
    lines = [ATAS_NAMA_RE.sub("", position[0]), *position[1:]]
    below = next((k for k, line in enumerate(lines) if k and UNTUK_BELIAU_RE.match(line)), None)
    if below is not None:
        office = _cut_on_behalf(lines[:below])
        own = [UNTUK_BELIAU_RE.sub("", lines[below]), *lines[below + 1:]]
        own = [line for line in own if line.strip()]
        return ((office[0] if office else lines[:below]), own) if own else None
    return _cut_on_behalf(lines)


def _cut_on_behalf(lines: list[str]) -> tuple[list[str], list[str]] | None:
    """(office, own office) of the lines after "a.n.": cut before the line that opens the signer's
    office (preferably one after a closing comma), or inside a single line at its second office."""
    starts = [k for k in range(1, len(lines)) if OWN_OFFICE_RE.match(lines[k])]
    after_comma = [k for k in starts if lines[k - 1].rstrip().endswith(",")]
    if starts:
        k = (after_comma or starts)[0]
        return lines[:k], lines[k:]
    text = _squash(" ".join(lines))
    first_word = text.split(" ", 1)[0]
    cut = re.search(rf"(?:,\s*|\s)(?=(?:{OWN_OFFICE_WORDS})\b)", text[len(first_word):], re.IGNORECASE)
    if cut is None:
        return None
    at = len(first_word) + cut.start()
    return [text[:at]], [text[at:].lstrip(" ,")]


def _comma_follows(lines: Sequence[_Line], start: int, end: int) -> bool:
    """Whether one of the next two lines closes a position with a comma (side-by-side blocks)."""
    for line in lines[start:min(start + 2, end)]:
        if _is_upper(line.clean) and line.clean.endswith(","):
            return True
    return False


def issuer_from_position(position: str) -> str:
    """The office a letter speaks for: "a.n. Menteri X Sekretaris Jenderal" -> "Menteri X"."""
    match = ON_BEHALF_RE.match(position)
    if not match:
        return _without_country(position)
    rest = position[match.end():]
    cut = re.search(rf"\s(?={OFFICE_WORDS.replace('MENTERI|', '')})", rest, re.IGNORECASE)
    office = rest[:cut.start()] if cut and cut.start() > 0 else rest
    return _without_country(office.strip(" ,")) or position


def _without_country(office: str) -> str:
    """ "Menteri Ketenagakerjaan Republik Indonesia" -> "Menteri Ketenagakerjaan" (as titles name issuers)."""
    return re.sub(r"\s+Republik Indonesia$", "", office.strip(" ,"), flags=re.IGNORECASE) or office


POSITION_GOES_ON_RE = re.compile(rf"(?i)^(?:{OFFICE_WORDS}|REPUBLIK|BIDANG|DAN|KOORDINATOR|KEMENTERIAN)\b")
OFFICE_SPLIT_RE = re.compile(rf",?\s*(?:\bDAN\s+)?(?=\b(?:{OFFICE_WORDS})\b)", re.IGNORECASE)


def split_offices(issuer: str) -> list[str]:
    """"Menteri Agama, Menteri X, dan Menteri Y" -> ["Menteri Agama", "Menteri X", "Menteri Y"]."""
    parts = [p.strip(" ,") for p in OFFICE_SPLIT_RE.split(issuer)]
    return [re.sub(r"^(?:dan|DAN)\s+", "", p) for p in parts if p]


def _closes_position(text: str) -> bool:
    """A line that ends the office of a signature block: "WALI KOTA BANDUNG," or "Kepala Badan X,"."""
    return (text.endswith(",") and len(text) <= 80 and re.match(rf"(?i)^(?:{OFFICE_WORDS})", text) is not None
            and (_is_upper(text) or len(text.split()) <= 12))


def _opens_position(text: str) -> bool:
    """A line above a closing office line that still belongs to the office ("a.n. BUPATI SLEMAN")."""
    if len(text) > 60:
        return False
    if ON_BEHALF_RE.match(text):
        return True
    return _is_upper(text) and not text.endswith((".", ",", ":"))


def letter_signature(lines: Sequence[_Line], stop: int) -> tuple[dict | None, tuple[dict, ...], int | None]:
    """The signature of a letter or circular: the block before "Tembusan" (or the end).

    Government style: "WALI KOTA BANDUNG," / ttd / name. Company style: organisation / names
    (side by side) / positions. Returns (signatory, co-signatories, first line of the block).
    """
    start = max(0, stop - 10)
    for i in range(stop - 1, start - 1, -1):
        text = lines[i].clean
        if _closes_position(text):
            first = i
            while first - 1 >= start and _opens_position(lines[first - 1].clean):
                first -= 1
            signatory, co, _ = read_signature(lines, first)
            return signatory, co, (first if signatory else None)
    for i in range(stop - 1, start, -1):
        text = lines[i].clean
        if re.match(rf"(?i)^(?:{OFFICE_WORDS}|Direktur|Manajer|Kepala|Ketua|Sekretaris)", text) and len(text) <= 80:
            name_line = lines[i - 1].clean
            if _looks_like_name(name_line) and not name_line.endswith(".") and not PLACE_DATE_RE.search(name_line):
                names = [clean_name(p) for p in re.split(r"\t+", name_line)]
                positions = [clean_position([p]) for p in re.split(r"\t+", text)]
                names = [n for n in names if n]
                if names:
                    signatory = {"name": names[0], "position": positions[0] if positions else None}
                    co = tuple({"name": n, "position": positions[k + 1] if k + 1 < len(positions) else None}
                               for k, n in enumerate(names[1:]))
                    org = lines[i - 2].clean if i >= 2 else ""
                    has_org = 0 < len(org) <= 60 and not org.endswith((".", ":", ";", ",")) and not re.match(
                        r"(?i)^(?:demikian|atas perhatian|hormat)", org)
                    return signatory, co, (i - 2 if has_org else i - 1)
    return None, (), None
