"""Small shared word lists and string helpers, loaded from ``extract/data``."""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Callable

from .. import data


def slug(text: str) -> str:
    """``"Wali Kota Jakarta Barat"`` -> ``"wali-kota-jakarta-barat"``; ``"400.3/123"`` -> ``"400.3-123"``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")


@cache
def region_short_forms() -> dict[str, str]:
    table = {}
    for number, line in enumerate(data.text("region_short_forms.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise ValueError(f"data/region_short_forms.tsv: line {number} needs 'short<TAB>full'")
        table[parts[0].strip()] = parts[1].strip()
    return table


@cache
def _short_form_pattern() -> re.Pattern:
    alt = "|".join(re.escape(k) for k in sorted(region_short_forms(), key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b")


def opening(chars) -> str:
    """A lookahead for the characters a match can start with, to put first in a pattern that opens with
    lookbehinds. At any other position the engine then fails at once instead of trying every lookbehind
    there, which was most of the time of the patterns of people and institutions over news. It changes
    no match as long as ``chars`` holds every character a match can start with."""
    return "(?=[" + "".join(re.escape(c) for c in sorted(set(chars))) + "])"


def alternation(forms, pattern_of: Callable[[str], str] = re.escape, *, ignore_case: bool = False) -> str:
    """A regex alternation of ``forms`` (each written by ``pattern_of``) that matches what
    ``"|".join(map(pattern_of, forms))`` matches, preferring the same form, only faster.

    Python's ``re`` tries the branches of an alternation one by one at every position, so hundreds of
    names cost hundreds of tries a word. Grouped under their first character (case-folded where the
    caller wraps the result in ``(?i:...)``), the branches of one group keep their order, and at most
    one group can match a character. ``pattern_of`` must write each character on its own (as
    ``re.escape`` does, or a replacement of one escaped character). Forms that start with a space, a
    hyphen or a character outside ASCII are left in one plain alternation."""
    forms = list(forms)
    if not all(f and f[0].isascii() and f[0] not in " -" for f in forms):
        return "|".join(pattern_of(f) for f in forms)
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[0].lower() if ignore_case else form[0], []).append(form[1:])
    return "|".join(re.escape(first) + "(?:" + "|".join(pattern_of(rest) for rest in rests) + ")"
                    for first, rests in groups.items())


def expand_region_short_forms(text: str) -> str:
    """``"Wali Kota Jakbar"`` -> ``"Wali Kota Jakarta Barat"``."""
    return _short_form_pattern().sub(lambda m: region_short_forms()[m.group(0)], text)


# Honorifics and academic degrees that are not part of a person's name.
HONORIFICS = frozenset(data.words("honorifics"))  # data/words/honorifics.txt
_DEGREE = re.compile(
    r",?\s*\b(?:S\.?\s?(?:E|H|T|Sos|Si|Pd|Kom|Ag|IP|Psi|Ked|Kep|KM|Hut|P|Pi|Ak|STP|Stat|Sn|Hum|Farm|Tr|AP|IK|Gz)"
    r"|M\.?\s?(?:M|Si|H|Hum|Pd|Kes|T|Kn|Sc|A|Ag|AP|Ak|E|Eng|PA|Ikom|IP|Sos|Psi|B\.?A|Han|Tr|Kom)"
    r"|MBA|MPA|MPH|MSc|LLM|Ph\.?\s?D|Ak|CPA|CA|Sp\.?\s?[A-Z]{1,3}|Lc|Apt|Dipl)\b\.?(?=[\s,.;)]|$)")
# Titles written before a name ("Dr. H. Nama"), as a regex alternation.
TITLES_BEFORE_NAME = r"Prof|Dr|Drs|Dra|Ir|Drg|H|Hj|KH|K\.H|Hajjah|Haji|Pak|Bu|Bapak|Ibu|Sdr|Sdri|dr|drg"
_LEADING_TITLE = re.compile(rf"^(?:(?:{TITLES_BEFORE_NAME})\.?\s+)+")


def degree_at(text: str, at: int) -> bool:
    """Whether a degree ("SH", ", S.E.", "M.Si") is written at offset ``at``, after a name."""
    return _DEGREE.match(text, at) is not None


def strip_person_name(name: str) -> str:
    """Drop honorifics and degrees: ``"Dr. H. Ahmad Riza Patria, S.E., M.M."`` -> ``"Ahmad Riza Patria"``."""
    name = _LEADING_TITLE.sub("", name.strip())
    previous = None
    while previous != name:
        previous = name
        # A degree follows a name; initials that open it look like one ("ST Nama") but are the name's.
        name = _DEGREE.sub(lambda m: m.group(0) if m.start() == 0 else "", name).strip(" ,")
    return re.sub(r"\s+", " ", name).strip(" ,.")


def leftmost_matches(pattern: re.Pattern, starts: re.Pattern, text: str) -> list[re.Match]:
    """``list(pattern.finditer(text))`` (the leftmost match, then the leftmost after its end), where
    ``starts`` matches, one character long, exactly where ``pattern`` can match (a class of first
    characters, then a look back at that character with a look ahead for ``pattern``)."""
    found: list[re.Match] = []
    end = 0
    for start in starts.finditer(text):
        if start.start() >= end:
            found.append(pattern.match(text, start.start()))
            end = found[-1].end()
    return found
