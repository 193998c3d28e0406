"""What the structure readers share: the Structure and Section records, lines with offsets, and small readers of dates, numbers, names and case that tolerate OCR."""
from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from typing import Iterable

from ... import data


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
    catalogue: dict | None = None  # JDIH fields beyond the title block (see jdih.py)


# --------------------------------------------------------------------------- data

# Month names written out (the short forms in data/months.tsv are too short to match fuzzily in OCR'd text).
MONTHS = {name: int(number) for name, number in data.table("months.tsv", 2) if len(name) >= 5 or name in ("mei", "juni", "juli")}

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
    (r"^Bagian\s+Ke(?:satu|[a-z]{3,14})$", 2, "{0}"),
    (r"^Paragraf\s+\d+$", 3, "{0}"),
    (r"^Pasal\s+(?:\d+[A-Z]?|[IVX]{1,5})$", 4, "{0}"),
    (r"^(?:KESATU|KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH|KEDELAPAN|KESEMBILAN|KESEPULUH)\b", 4, "{0}"),
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
