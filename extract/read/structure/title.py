"""The title block of a regulation, decision or instruction: kind, type, issuer, number, year and subject."""
from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Sequence

from .common import (
    _SECTION_RES,
    OFFICE_WORDS,
    TITLE_START_RE,
    TITLE_TYPES,
    _is_upper,
    _Line,
    _squash,
    fix_caps_ocr,
    ocr_number,
    parse_year,
    title_case,
)

# --------------------------------------------------------------------------- title block


def classify_title(title: str) -> tuple[str, str, str | None] | None:
    """(type code, kind, issuer) for the words of a title, up to NOMOR; None if not a title.

    A title word misread by OCR ("PERATURAN PEMEzuNTAH") is mended against the known titles
    when the exact patterns give nothing more specific than a generic Peraturan/Keputusan.
    """
    head = fix_caps_ocr(_squash(title).upper())
    head = re.sub(r"\s+REPUBLIK\s+[IT1]NDONESIA\b.*$", "", head)
    found = _match_title(head)
    if found is None or found[0] == "OTHER":
        mended = _fuzzy_title_head(head)
        if mended != head:
            found = _match_title(mended) or found
    return found


def _match_title(head: str) -> tuple[str, str, str | None] | None:
    for pattern, code, kind, issuer_rule in TITLE_TYPES:
        match = re.match(pattern, head)
        if not match:
            continue
        issuer = None
        if issuer_rule == "office":
            issuer = _office_after(head, match, code)
        elif issuer_rule:
            issuer = issuer_rule
        return code, kind, issuer
    return None


ISSUER_PREFIX = {"PERMEN": "MENTERI ", "KEPMEN": "MENTERI ", "PERGUB": "GUBERNUR ", "KEPGUB": "GUBERNUR ",
                 "PERBUP": "BUPATI ", "KEPBUP": "BUPATI ", "PERWAL": "WALI KOTA ", "KEPWAL": "WALI KOTA "}


def _office_after(head: str, match: re.Match, code: str) -> str | None:
    """The issuing office named in a title after its instrument word, title-cased."""
    if code in {"PERBAN", "KEPBAN", "INSTRUKSI"}:
        rest = head[match.start():].split(" ", 1)[1] if " " in head[match.start():] else ""
    else:
        rest = head[match.end():].strip(" ,")
        if code in {"PERWAL", "KEPWAL"}:
            rest = re.sub(r"^WALI ?KOTA\s*", "", rest)
        rest = ISSUER_PREFIX.get(code, "") + rest
    return title_case(rest) if rest.strip() else None


def _fuzzy_title_head(head: str) -> str:
    """The head with its first words replaced by the known title they most resemble (ratio >= 0.85)."""
    words = head.split()
    best, best_ratio = head, 0.85
    for pattern, *_ in TITLE_TYPES:
        if not re.fullmatch(r"[A-Z -]+", pattern) or " " not in pattern:
            continue
        size = len(pattern.split())
        candidate = " ".join(words[:size])
        ratio = difflib.SequenceMatcher(None, candidate, pattern).ratio()
        if ratio >= best_ratio and candidate != pattern:
            best, best_ratio = " ".join([pattern, *words[size:]]), ratio
    return best


def find_title_line(lines: Sequence[_Line], limit: int = 60) -> int | None:
    """Index of the first title line ("PERATURAN MENTERI ...") among the first lines."""
    for i, line in enumerate(lines[:limit]):
        text = fix_caps_ocr(line.clean)
        if TITLE_START_RE.match(text) and _is_upper(" ".join(text.split()[:3])):
            return i
    return None


BLOCK_END_RE = re.compile(r"^(?:DENGAN\s+RAHMAT|Menimbang|Mengingat|Dalam\s+rangka|Sehubungan|Yth|Kepada|"
                          r"Dengan\s+hormat|Memperhatikan)\b", re.IGNORECASE)
PREAMBLE_RE = re.compile(rf"^(?:{OFFICE_WORDS})\b.*,$")


def title_block(lines: Sequence[_Line], first: int) -> tuple[list[_Line], int]:
    """The lines of the title block from `first`, and the index of the line after it."""
    block: list[_Line] = []
    i = first
    seen_tentang = False
    while i < len(lines) and len(block) < 25:
        text = lines[i].clean
        if BLOCK_END_RE.match(text):
            break
        if seen_tentang and (PREAMBLE_RE.match(fix_caps_ocr(text)) or not _is_upper(text)):
            break
        if not seen_tentang and block and not _is_upper(text) and not re.match(r"(?i)nomor|tentang|hal|perihal", text):
            break
        if TENTANG_RE.search(text):
            seen_tentang = True
        block.append(lines[i])
        i += 1
    return block, i


TENTANG_RE = re.compile(r"\bTENT\s?ANG\b")
NUMBER_RE = re.compile(
    r"\bNOMOR\s*[:.]?\s*(?P<number>.+?)(?:(?:\s+|(?<=\d))TAHUN\s*(?P<year>[0-9OoIlLSZ|]{4})(?![0-9])"
    r"|(?=\s+(?:TENTANG|Hal|Perihal|Sifat|Lampiran)\b)|$)",
    re.IGNORECASE)


def parse_identity(block: Sequence[_Line]) -> tuple[dict | None, str | None]:
    """The identity dict and kind read from a title block."""
    flat = fix_caps_ocr(_squash(" ".join(line.clean for line in block)))
    flat = re.sub(r",(?=[^\s\d])", ", ", flat)
    nomor = re.search(r"\bNOMOR\b", flat, re.IGNORECASE)
    head = flat[: nomor.start()] if nomor else TENTANG_RE.split(flat)[0]
    head = re.sub(r"^SALINAN\s+", "", head)
    classified = classify_title(head)
    if classified is None:
        return None, None
    code, kind, issuer = classified
    number = year = None
    rest = flat[nomor.start():] if nomor else ""
    match = NUMBER_RE.match(rest) if rest else None
    if match:
        number = normalize_number(match.group("number"))
        year = parse_year(match.group("year"))
    if year is None and number:
        year = year_in_number(number)
    subject = None
    tentang = TENTANG_RE.search(flat[nomor.end():] if nomor else flat)
    if tentang:
        offset = nomor.end() if nomor else 0
        subject = _squash(flat[offset + tentang.end():]).strip(" .,;:") or None
    if code == "SKB" and issuer:
        issuer = re.sub(r"\s+Republik\s+Indonesia$", "", issuer)
    identity = {"type": code, "number": number, "year": year, "issuer": issuer, "subject": subject}
    return identity, kind


def normalize_number(raw: str) -> str | None:
    """"23/ 8 /PADG/2021" -> "23/8/PADG/2021"; "05" -> "5"; OCR digits mended in plain numbers."""
    raw = raw.strip(" :.,;")
    raw = re.split(r"\s+(?:TAHUN|TENTANG)\b", raw, flags=re.IGNORECASE)[0]
    number = re.sub(r"\s+", "", raw)
    if not number or len(number) > 60:
        return None
    plain = ocr_number(number)
    if plain is not None:
        return plain.lstrip("0") or "0"
    return number


def year_in_number(number: str) -> int | None:
    """The year a composite number carries ("27/PMK.08/2020", "SE-00013/BEI/04-2021")."""
    years = [parse_year(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", number)]
    years = [y for y in years if y]
    return years[-1] if years else None


def menetapkan_subject(lines: Sequence[_Line]) -> str | None:
    """The subject as the Menetapkan line repeats it ("Menetapkan : PERATURAN ... TENTANG X.")."""
    for i, line in enumerate(lines):
        if not re.match(r"(?i)^menetapkan\b", line.clean):
            continue
        parts = [re.sub(r"(?i)^menetapkan\s*:?\s*", "", line.clean)]
        for other in lines[i + 1:i + 6]:
            if any(regex.match(other.clean) for regex, _, _ in _SECTION_RES) or other.clean[:1].islower():
                break
            parts.append(other.clean)
        flat = _squash(" ".join(parts))
        match = TENTANG_RE.search(flat)
        if match is None:
            return None
        return flat[match.end():].strip(" .,;:") or None
    return None


def recurrence(phrase: str, counts: Counter) -> float:
    """Share of a phrase's words that occur again elsewhere in the text.

    Words misread by OCR ("VAKSTN") tend to occur once; correctly read ones recur.
    """
    words = re.findall(r"[a-z0-9]{3,}", phrase.lower())
    return sum(counts[w] >= 2 for w in words) / len(words) if words else 0.0


def best_subject(title_subject: str | None, lines: Sequence[_Line], text: str) -> str | None:
    """The title block's subject, or the Menetapkan line's copy of it where that reads cleaner."""
    other = menetapkan_subject(lines)
    if not other:
        return title_subject
    if not title_subject:
        return other
    counts = Counter(re.findall(r"[a-z0-9]{3,}", text.lower()))
    return other if recurrence(other, counts) > recurrence(title_subject, counts) + 0.1 else title_subject


def likelier_year(text: str, first: int, second: int) -> int:
    """Of two readings of the same year (the title's and the set date's, one misread by OCR),
    the one the text repeats more often."""
    years = Counter(parse_year(token) for token in re.findall(r"(?<![\w/])[0-9OoIlLSZ|]{4}(?![\w/])", text))
    return second if years[second] > years[first] else first
