"""Circulars and letters: the Nomor / Hal header above or below the heading, with its place and date."""
from __future__ import annotations

import re
from typing import Sequence

from .common import TITLE_START_RE, _Line, _squash
from .signature import PLACE_DATE_RE
from .title import normalize_number, year_in_number

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
