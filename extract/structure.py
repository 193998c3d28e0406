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

import datetime
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from .dates import MONTHS as DATE_MONTHS

__all__ = ["Section", "Structure", "parse_structure", "parse_date", "find_set_date", "clean_name",
           "title_case", "classify_title", "split_on_behalf"]


@dataclass(frozen=True)
class Section:
    """A part of the text, text[start:end], under a heading ("Menimbang", "Pasal 3", ...)."""

    heading: str
    start: int
    end: int


@dataclass(frozen=True)
class Structure:
    """What the layout of an official document says about it; see the module docstring."""

    kind: str | None = None
    identity: dict | None = None
    date: str | None = None
    place: str | None = None
    signatory: dict | None = None
    co_signatories: tuple[dict, ...] = ()
    basis: tuple[tuple[int, int], ...] = ()
    sections: tuple[Section, ...] = ()
    addressees: tuple[str, ...] = ()
    points: tuple[str, ...] = ()


# --------------------------------------------------------------------------- data

# Month names written out (the short forms of extract.dates are too short to match fuzzily in OCR'd text).
MONTHS = {name: number for name, number in DATE_MONTHS.items() if len(name) >= 5 or name in ("mei", "juni", "juli")}

# Title words -> (type code, kind, how the issuer is read). Checked in order, first match wins.
# Issuer rules: None (no issuer, as for UU or PP), "office" (the words after the title word,
# up to REPUBLIK INDONESIA or NOMOR), or a fixed office.
TITLE_TYPES: tuple[tuple[str, str, str, str | None], ...] = (
    (r"UNDANG-UNDANG DASAR", "UUD", "regulation", None),
    (r"PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG", "PERPPU", "regulation", None),
    (r"UNDANG-UNDANG", "UU", "regulation", None),
    (r"PERATURAN PEMERINTAH", "PP", "regulation", None),
    (r"PERATURAN PRESIDEN", "PERPRES", "regulation", None),
    (r"KEPUTUSAN PRESIDEN", "KEPPRES", "decision", None),
    (r"INSTRUKSI PRESIDEN", "INPRES", "instruction", None),
    (r"(?:SURAT )?KEPUTUSAN BERSAMA", "SKB", "decision", "office"),
    (r"PERATURAN BERSAMA", "OTHER", "regulation", "office"),
    (r"PERATURAN ANGGOTA DEWAN GUBERNUR", "PADG", "regulation", "Anggota Dewan Gubernur"),
    (r"PERATURAN BANK INDONESIA", "PBI", "regulation", "Gubernur Bank Indonesia"),
    (r"PERATURAN OTORITAS JASA KEUANGAN", "POJK", "regulation", "Otoritas Jasa Keuangan"),
    (r"SURAT EDARAN OTORITAS JASA KEUANGAN", "SEOJK", "circular", "Otoritas Jasa Keuangan"),
    (r"PERATURAN MAHKAMAH AGUNG", "PERMA", "regulation", "Mahkamah Agung"),
    (r"SURAT EDARAN MAHKAMAH AGUNG", "SEMA", "circular", "Mahkamah Agung"),
    (r"SURAT EDARAN", "SE", "circular", "office"),
    (r"PERATURAN MENTERI", "PERMEN", "regulation", "office"),
    (r"KEPUTUSAN MENTERI", "KEPMEN", "decision", "office"),
    (r"PERATURAN (?:DAERAH|QANUN)|QANUN", "PERDA", "regulation", "office"),
    (r"PERATURAN GUBERNUR", "PERGUB", "regulation", "office"),
    (r"PERATURAN BUPATI", "PERBUP", "regulation", "office"),
    (r"PERATURAN WALI ?KOTA", "PERWAL", "regulation", "office"),
    (r"KEPUTUSAN GUBERNUR", "KEPGUB", "decision", "office"),
    (r"KEPUTUSAN BUPATI", "KEPBUP", "decision", "office"),
    (r"KEPUTUSAN WALI ?KOTA", "KEPWAL", "decision", "office"),
    (r"INSTRUKSI (?:MENTERI|GUBERNUR|BUPATI|WALI ?KOTA)", "INSTRUKSI", "instruction", "office"),
    (r"PERATURAN (?:KEPALA |KETUA )?(?:BADAN|LEMBAGA|KOMISI|KEPOLISIAN|DEWAN|OTORITA|ARSIP)", "PERBAN",
     "regulation", "office"),
    (r"KEPUTUSAN (?:KEPALA |KETUA )?(?:BADAN|LEMBAGA|KOMISI|KEPOLISIAN|DEWAN|OTORITA|ARSIP)", "KEPBAN",
     "decision", "office"),
    (r"PERATURAN", "OTHER", "regulation", "office"),
    (r"(?:SURAT )?KEPUTUSAN", "OTHER", "decision", "office"),
    (r"INSTRUKSI", "INSTRUKSI", "instruction", "office"),
)
TITLE_START_RE = re.compile(
    r"^(?:SALINAN\s+)?(?:PERATURAN|KEPUTUSAN|INSTRUKSI|UNDANG-UNDANG|SURAT\s+EDARAN|SURAT\s+KEPUTUSAN|QANUN)")

# Words that open an office (issuers, signatories, positions).
OFFICE_WORDS = (r"MENTERI|PRESIDEN|GUBERNUR|BUPATI|WALI ?KOTA|WALIKOTA|KEPALA|KETUA|ANGGOTA|DEWAN|"
                r"SEKRETARIS|DIREKTUR|JAKSA|PANGLIMA|DEPUTI|ASISTEN|CAMAT|LURAH|PLT|PJ|A\.N\.|AN\.")
ON_BEHALF_RE = re.compile(r"(?i)^(?:a\.?\s?n\.|u\.?\s?b\.|plt\.?|plh\.?|pj\.?)\s")
SMALL_WORDS = {"dan", "atau", "dan/atau", "di", "ke", "dari", "untuk", "atas", "pada", "yang", "serta",
               "bagi", "tentang", "oleh", "dengan", "sebagai"}  # "dalam" stays: Menteri Dalam Negeri
ACRONYMS = {"RI", "DKI", "DIY", "BI", "OJK", "BUMN", "BUMD", "ASN", "PNS", "TNI", "POLRI", "KPU", "DPR", "DPRD",
            "MPR", "UMKM", "NTT", "NTB", "PT", "BPJS", "BPK", "KPK", "MK", "MA", "SE", "BEI", "IDX", "UPT", "SKPD",
            "OPD", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "COVID-19"}
HONORIFIC_PREFIXES = {"dr", "drs", "dra", "ir", "h", "hj", "prof", "kh", "hc", "dr(hc)", "letjen", "mayjen",
                      "brigjen", "jenderal", "laksamana", "marsekal", "irjen", "komjen", "kombes", "drg", "apt"}
SECTION_HEADINGS: tuple[tuple[str, int, str], ...] = (
    # (regex on a line, level, heading template); a section ends at the next heading of the same or higher level
    (r"^Menimbang\b", 0, "Menimbang"),
    (r"^Mengingat\b", 0, "Mengingat"),
    (r"^Memperhatikan\b", 0, "Memperhatikan"),
    (r"^MEMUTUSKAN\b|^MEMUTUSI", 0, "Memutuskan"),
    (r"^Menetapkan\b", 0, "Menetapkan"),
    (r"^MENGINSTRUKSIKAN\b", 0, "Menginstruksikan"),
    (r"^(?:Ditetapkan|Dikeluarkan)\s+di\b", 0, "Penandatanganan"),
    (r"^Diundangkan\s+di\b", 0, "Pengundangan"),
    (r"^Salinan\s+sesuai", 0, "Salinan"),
    (r"^LAMPIRAN\b", 0, "Lampiran"),
    (r"^PENJELASAN\b", 0, "Penjelasan"),
    (r"^Tembusan\b", 0, "Tembusan"),
    (r"^(?:Kepada\s+)?Yth\b", 0, "Yth"),
    (r"^(?:Hal|Perihal)\s*:", 0, "Hal"),
    (r"^Dasar\b", 0, "Dasar"),
    (r"^BAB\s+[IVXLC]+\b", 1, "{0}"),
    (r"^Pasal\s+\d+[A-Z]?$", 2, "{0}"),
    (r"^(?:KESATU|KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH|KEDELAPAN|KESEMBILAN|KESEPULUH)\b", 2, "{0}"),
)
_SECTION_RES = tuple((re.compile(p), level, h) for p, level, h in SECTION_HEADINGS)

# --------------------------------------------------------------------------- small helpers

# Letters OCR puts for digits inside numbers ("2O2l" is 2021).
OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "L": "1", "|": "1", "S": "5", "Z": "2",
                            "z": "2"})
DATE_RE = re.compile(
    r"(?<![\w/])(?P<day>[0-9OoIlL|]{1,2})\s*(?P<month>[A-Za-z][A-Za-z;:'\u2019.,]{1,11}?)\s*"
    r"(?P<year>[0-9OoIlLSZ|]{4})(?![\w/])")
TTD_RE = re.compile(r"^(?:(?:ttd|t\.t\.d)\.?\s*)+$", re.IGNORECASE)


def ocr_number(token: str) -> str | None:
    """A number read with OCR noise ("2O21", "1l") as digits, or None when it is not one."""
    token = token.strip()
    if not token or not any(ch.isdigit() for ch in token):
        return None
    fixed = token.translate(OCR_DIGITS)
    return fixed if fixed.isdigit() else None


def parse_year(token: str | None) -> int | None:
    """A four-digit year between 1900 and 2100, read leniently; else None."""
    digits = ocr_number(token or "")
    if digits is None or len(digits) != 4:
        return None
    year = int(digits)
    return year if 1900 <= year <= 2100 else None


def month_number(word: str) -> int | None:
    """The month of an Indonesian month name, tolerating one or two misread letters."""
    cleaned = re.sub(r"[^a-z]", "", word.lower())
    if cleaned in MONTHS:
        return MONTHS[cleaned]
    if len(cleaned) < 3:
        return None
    close = difflib.get_close_matches(cleaned, MONTHS, n=1, cutoff=0.75)
    return MONTHS[close[0]] if close else None


def parse_date(text: str) -> str | None:
    """The first "7 April 2022"-style date in `text` as ISO YYYY-MM-DD, or None."""
    for match in DATE_RE.finditer(text):
        iso = _date_from_match(match)
        if iso:
            return iso
    return None


def _date_from_match(match: re.Match) -> str | None:
    day = ocr_number(match.group("day"))
    month = month_number(match.group("month"))
    year = parse_year(match.group("year"))
    if day is None or month is None or year is None:
        return None
    try:
        return datetime.date(year, month, int(day)).isoformat()
    except ValueError:
        return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def title_case(text: str) -> str:
    """ "MENTERI HUKUM DAN HAK ASASI MANUSIA" -> "Menteri Hukum dan Hak Asasi Manusia".

    Connecting words stay lower case; acronyms and words without vowels ("MD") stay upper
    case; text that already mixes cases is left as it is.
    """
    text = _squash(text)
    prefix = ON_BEHALF_RE.match(text)
    if prefix:
        return prefix.group(0) + title_case(text[prefix.end():])
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return text
    words = []
    for i, word in enumerate(text.split(" ")):
        bare = word.strip(",.;:()")
        if bare in ACRONYMS or (bare.isalpha() and not re.search(r"[AEIOUY]", bare)):
            words.append(word)
        elif i > 0 and bare.lower() in SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def clean_name(text: str) -> str | None:
    """A signatory's name without honorifics, degrees, NIP or OCR debris; title-cased."""
    text = re.split(r"\bNIP\b|\bNRP\b", text, maxsplit=1)[0]
    text = re.sub(r"[\u201c\u201d\"'`~_|*#\u00ab\u00bb]", " ", text)
    text = text.split(",")[0]
    text = re.sub(r"\([^)]*\)", " ", text)
    tokens = [t for t in _squash(text).split(" ") if re.search(r"[A-Za-z]", t)]
    while tokens and tokens[0].lower().replace(".", "") in HONORIFIC_PREFIXES:
        tokens.pop(0)
    while tokens and len(tokens[-1].strip(".")) <= 1 and not tokens[-1].endswith("."):
        tokens.pop()
    tokens = [t.strip("-:;") for t in tokens if t.strip("-:;")]
    if not tokens:
        return None
    return title_case(" ".join(tokens))


def clean_position(lines: Iterable[str]) -> str | None:
    """The office of a signature block as one title-cased phrase, without the closing comma."""
    text = _squash(" ".join(line.replace("\t", " ") for line in lines))
    text = re.sub(r"\b(?:ttd|TTD|Ttd)\.?", "", text)
    text = text.strip(" ,.;:")
    text = fix_caps_ocr(text)
    return title_case(text) if text else None


def fix_caps_ocr(text: str) -> str:
    """Mend OCR slips inside upper-case words: "MENTER!" -> "MENTERI", "PERATURANMENTERI" split."""
    text = re.sub(r"(?<=[A-Z])!", "I", text)
    text = re.sub(r"\b(PERATURAN|KEPUTUSAN|INSTRUKSI)(?=MENTERI|PRESIDEN|PEMERINTAH|BERSAMA|GUBERNUR|BUPATI)",
                  r"\1 ", text)
    return text


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    after_blank: bool = False  # a blank line stands right before it

    @property
    def clean(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[_Line]:
    """The non-empty lines of `text` with their offsets."""
    lines, pos, blank = [], 0, False
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            lines.append(_Line(pos + lead, pos + len(raw.rstrip()), raw.strip(), blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    return lines


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) / len(letters) >= 0.8


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


# --------------------------------------------------------------------------- circulars


HEADER_LABEL_RE = re.compile(
    r"(?i)^(?:nomor|no\.|sifat|lampiran|hal|perihal|yth|kepada|dengan\s+hormat|di\b|tembusan|surat\s+edaran|"
    r"tentang|dasar|mengingat|menimbang|\d{1,2}[.)]\s)")
TRAILING_PLACE_DATE_RE = re.compile(
    r"\s+[A-Z][A-Za-z .'-]{2,30},\s*[0-9OIl]{1,2}\s+[A-Za-z]{3,10}\s+[0-9OIl]{4}\s*$")


def circular_identity(lines: Sequence[_Line], start: int, issuer: str | None) -> dict:
    """Number, year and subject (Hal/Perihal) of a circular or letter from its header.

    The Nomor / Hal block may stand above or below the SURAT EDARAN heading at `start`, so
    the search runs from the top of the text to 25 lines past the heading.
    """
    number = subject = None
    for k, line in enumerate(lines[:start + 25]):
        text = line.clean
        if number is None:
            match = re.match(r"(?i)^(?:nomor|no\.)\s*:?\s*(\S.*)$", text)
            if match:
                number = header_number(match.group(1))
        if subject is None:
            match = re.match(r"(?i)^(?:hal|perihal)\s*:?\s*(\S.*)$", text)
            if match:
                subject = header_subject(match.group(1), lines, k)
    return {"type": "SE", "number": number, "year": year_in_number(number) if number else None,
            "issuer": issuer, "subject": subject}


def header_number(value: str) -> str | None:
    """The number of a "Nomor :" line without what stands beside it ("Semarang, 14 April 2025")."""
    value = value.split("\t")[0]
    value = TRAILING_PLACE_DATE_RE.sub("", value)
    return normalize_number(value)


def header_subject(value: str, lines: Sequence[_Line], index: int) -> str | None:
    """The text of a "Hal :" line at lines[index], with the lines it runs on to.

    A subject runs on to a next line that directly follows (no blank line between), is not
    another header label, heading or numbered item, and does not open a new block; at most two.
    """
    parts = [value.split("\t")[0]]
    for line in lines[index + 1:index + 3]:
        text = line.clean
        if (line.after_blank or HEADER_LABEL_RE.match(text) or TITLE_START_RE.match(text)
                or PLACE_DATE_RE.search(line.text) or parts[-1].rstrip().endswith((".", ";", ":"))):
            break
        parts.append(text.split("\t")[0])
    return _squash(" ".join(parts)).strip(" .") or None


def looks_like_letter(lines: Sequence[_Line]) -> bool:
    """A letter-like official text: "Nomor :" and "Hal :" / "Perihal :" near the top."""
    head = [line.clean for line in lines[:30]]
    has_number = any(re.match(r"(?i)^nomor\s*:", t) for t in head)
    has_subject = any(re.match(r"(?i)^(?:hal|perihal)\s*:", t) for t in head)
    return has_number and has_subject


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
    return tuple(sections)


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
    )


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
