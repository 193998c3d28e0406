"""Indonesian dates: "27 Januari 2026", "Senin (20/10/2025)", "Selasa (27/1)" and "kemarin".

Candidates are found with regular expressions and parsed here: a day and month without a year take
the year that the weekday implies, searched near the years the text mentions.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import data
from .lexicon import leftmost_matches

# Month and weekday names from extract/data (months.tsv, weekdays.tsv).
MONTHS = {name: int(number) for name, number in data.table("months.tsv", 2)}
WEEKDAYS = {name: int(number) for name, number in data.table("weekdays.tsv", 2)}

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))
LONG_DATE = re.compile(rf"(?i)\b(?P<day>[0-3]?[0-9])\s+(?P<month>{_MONTH_ALT})\.?\s+(?P<year>(?:19|20)[0-9]{{2}})\b")
WEEKDAY_DATE = re.compile(
    rf"(?i)\b(?P<weekday>{_WEEKDAY_ALT})\s*(?:\(\s*(?P<d>[0-3]?[0-9])\s*/\s*(?P<m>[01]?[0-9])(?:\s*/\s*(?P<y>(?:19|20)?[0-9]{{2}}))?\s*\)"
    rf"|(?:,\s*|\s+tanggal\s+|\s+)(?P<day>[0-3]?[0-9])\s+(?P<month>{_MONTH_ALT})\.?(?:\s+(?P<year>(?:19|20)[0-9]{{2}}))?\b"
    rf"|,?\s+(?P<d2>[0-3]?[0-9])/(?P<m2>[01]?[0-9])/(?P<y2>(?:19|20)[0-9]{{2}})\b)"
    r"(?P<lalu>\s+(?:lalu|sebelumnya))?")
# "1999", "2025" as whole words; the opening class lets ``re`` scan for a 1 or a 2 in C.
YEAR = re.compile(r"[12](?<=\b.)(?:(?<=1)9|(?<=2)0)[0-9]{2}\b")
# Where WEEKDAY_DATE matches, found faster: the pattern opens with a class of the letters a weekday
# can start with (in either case; any letter outside ASCII, for the odd ones that case-fold to ASCII),
# which ``re`` scans for in C, and only there looks ahead for the whole date.
_INITIALS = sorted({c for w in WEEKDAYS for c in (w[0].lower(), w[0].upper())})
_WEEKDAY_START = re.compile(rf"[{''.join(map(re.escape, _INITIALS))}\x80-\U0010ffff]"
                            rf"(?<=(?=(?i:{WEEKDAY_DATE.pattern.removeprefix('(?i)')})).)")


def _weekday_dates(text: str) -> list[re.Match]:
    """``list(WEEKDAY_DATE.finditer(text))``, tried only where a weekday can start."""
    return leftmost_matches(WEEKDAY_DATE, _WEEKDAY_START, text)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date
    past: bool = False  # "Rabu (10/9/2025) lalu": background, not the event reported


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_long_date(text: str) -> dt.date | None:
    """``"3 Maret 2025"`` -> ``date(2025, 3, 3)``; ``None`` when it is not a date."""
    m = LONG_DATE.search(text)
    if not m:
        return None
    return _safe_date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))


def year_for_weekday(day: int, month: int, weekday: int, years: list[int]) -> int | None:
    """The year, among ``years`` and those around them, in which ``day/month`` falls on ``weekday``."""
    tried: list[int] = []
    for base in years:
        for delta in (0, 1, -1):
            if base + delta not in tried:
                tried.append(base + delta)
    for year in tried:
        d = _safe_date(year, month, day)
        if d and d.weekday() == weekday:
            return year
    return None


@lru_cache(maxsize=8)
def _read(text: str) -> tuple[tuple[int, ...], tuple[tuple, ...]]:
    """The years a text mentions (latest first) and its weekday dates as written: ``(start, end,
    surface, weekday, day, month, year as written or None, marked as past)``. Kept for the last few
    texts: the pipeline's component and the record's event date read the same text."""
    years = tuple(sorted({int(y) for y in YEAR.findall(text)}, reverse=True))
    written = []
    for m in _weekday_dates(text):
        weekday = WEEKDAYS[m.group("weekday").lower()]
        if m.group("d"):
            day, month, year_text = int(m.group("d")), int(m.group("m")), m.group("y")
        elif m.group("d2"):
            day, month, year_text = int(m.group("d2")), int(m.group("m2")), m.group("y2")
        else:
            day, month, year_text = int(m.group("day")), MONTHS[m.group("month").lower()], m.group("year")
        written.append((m.start(), m.end(), m.group(0), weekday, day, month, year_text, bool(m.group("lalu"))))
    return years, tuple(written)


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMention]:
    """Weekday dates ("Selasa (27/1)", "Senin, 20 Oktober 2025") with their years resolved."""
    mentioned, written = _read(text)
    years = [reference.year, *mentioned] if reference else list(mentioned)
    years = years or [dt.date.today().year]
    out = []
    for start, end, surface, weekday, day, month, year_text, past in written:
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        else:
            year = year_for_weekday(day, month, weekday, years)
            if year is None:
                continue
        d = _safe_date(year, month, day)
        if d:
            out.append(DateMention(start, end, surface, d, past))
    return out


def event_date(text: str, quote_spans: list[tuple[int, int]] = (), reference: dt.date | None = None) -> str | None:
    """The date of the main event: the first weekday date outside quotes that is not marked as past."""
    for d in find_dates(text, reference):
        if d.past or any(s <= d.start < e for s, e in quote_spans):
            continue
        return d.date.isoformat()
    if reference and re.search(r"(?i)\bkemarin\b", text):
        return (reference - dt.timedelta(days=1)).isoformat()
    return None


_DATELINE = re.compile(rf"(?im)^[ \t]*(?:[A-Z][\w .'-]{{1,40}}),\s+(?:(?:{_WEEKDAY_ALT}),?\s+)?(?P<date>[0-3]?[0-9]\s+(?:{_MONTH_ALT})\.?\s+(?:19|20)[0-9]{{2}})\b")


def document_date(text: str) -> str | None:
    """A dateline ("Bandung, 3 Maret 2025") near the top of a release gives its date."""
    m = _DATELINE.search(text[:600])
    if m:
        d = parse_long_date(m.group("date"))
        return d.isoformat() if d else None
    return None
