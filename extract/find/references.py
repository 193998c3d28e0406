"""References to a regulation without its number, resolved to the regulation they mean.

- **By context**: "Peraturan Pemerintah ini" in a PP is the document itself ("self"); "Undang-Undang
  tersebut", "PP tersebut di atas", "Perpres ini" in a news text mean the nearest instrument of that
  type cited before them ("context"); "aturan tersebut", "regulasi ini" the nearest instrument of any
  type, where one was cited shortly before.
- **By name**: a well-known name ("UU Cipta Kerja", "UU ITE", "KUHP") means the instrument of the
  shipped table ``data/regulation_names.jsonl``; a name whose instrument changed ("UU Cipta Kerja",
  "KUHP") takes the one in force on the document's date. Where the text itself cites an instrument
  of that type by number with the name's subject, the name means that one.

Each is a mention of a regulation, never a new regulation of the record: ``regulations`` keeps only
what is cited by number, as the gold guide counts.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Callable, Sequence

from .. import data
from .lexicon import alternation, leftmost_matches
from .regulations import Citation, _classify, _head_regex, abbreviations, akn_uri, canonical_id, forms

# An anaphoric reference reaches back this far for its instrument; a generic word ("aturan") less far.
REACH, GENERIC_REACH = 3000, 800


@dataclass(frozen=True)
class Reference:
    """text[start:end] refers to regulation ``target``, resolved ``by`` "self", "context" or "name"."""

    start: int
    end: int
    text: str
    target: str
    by: str
    instrument: dict | None = None  # type, number, year, subject of an instrument known by name

    def to_dict(self) -> dict:
        out = {"start": self.start, "end": self.end, "text": self.text, "regulation": self.target, "by": self.by}
        if self.instrument:
            out["instrument"] = dict(self.instrument)
        return out


@cache
def names() -> tuple[dict, ...]:
    """The entries of data/regulation_names.jsonl, checked: names, type, number, year, subject, from/until."""
    entries = []
    for number, line in enumerate(data.text("regulation_names.jsonl").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise data.DataError("regulation_names.jsonl", number, f"is not JSON ({exc.msg})") from None
        missing = [k for k in ("names", "type", "number", "year", "subject") if not entry.get(k)]
        if missing or not isinstance(entry["names"], list):
            raise data.DataError("regulation_names.jsonl", number, f"needs {', '.join(missing) or 'a list of names'}")
        entries.append(entry)
    return tuple(entries)


def _variants(name: str) -> list[str]:
    """ "UU ITE" is also written "Undang-Undang ITE", "Undang-undang ITE" and "Undang Undang ITE"."""
    if not name.startswith("UU "):
        return [name]
    rest = name[3:]
    return [name, *(f"{head} {rest}" for head in ("Undang-Undang", "Undang-undang", "Undang Undang"))]


@cache
def _name_pattern() -> re.Pattern:
    forms_ = sorted({v for entry in names() for n in entry["names"] for v in _variants(n)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?<!RUU )(?<!Rancangan )(?:" + alternation(forms_) + r")(?![\w-])")


@cache
def _name_starts() -> re.Pattern:
    """Where :func:`_name_pattern` matches, found faster: the names' first characters (matched as
    written) open the pattern, so ``re`` scans for them in C and looks ahead for a name only there."""
    initials = {v[0] for entry in names() for n in entry["names"] for v in _variants(n)}
    return re.compile(rf"[{''.join(re.escape(c) for c in sorted(initials))}](?<=(?={_name_pattern().pattern}).)")


@cache
def _anaphora_pattern() -> re.Pattern:
    heads = sorted({h["form"] for h in forms()["heads"]} | set(abbreviations()), key=len, reverse=True)
    head_alt = alternation(heads, _head_regex, ignore_case=True)
    return re.compile(
        rf"(?<![\w-])(?:(?P<head>(?i:{head_alt}))(?P<issuer>(?:\s+[A-Z][\w.,-]*){{0,6}}?)"
        rf"|(?P<generic>aturan|regulasi|peraturan))\s+(?P<dem>ini|tersebut(?:\s+di\s+atas)?)(?![\w-])")


def _entries_named(name: str) -> list[dict]:
    key = re.sub(r"^Undang[- ][Uu]ndang ", "UU ", name)
    return [e for e in names() if key in e["names"]]


def _entry_for(name: str, date: str | None) -> dict | None:
    """The table's instrument for a surface name, the one in force on ``date`` where it changed."""
    entries = _entries_named(name)
    if not entries:
        return None
    if date:
        dated = [e for e in entries if (e.get("from") or "") <= date < (e.get("until") or "9999")]
        entries = dated or entries
    return max(entries, key=lambda e: e.get("from") or "")


def find_references(text: str, citations: Sequence[Citation], id_of: Callable[[Citation], str | None],
                    own: str | None = None, own_type: str | None = None, cited: Sequence[dict] = (),
                    date: str | None = None) -> list[Reference]:
    """References without a number in ``text``, resolved (see the module docstring); unresolved ones are left out.

    ``citations`` are the numbered citations in text order, ``id_of`` gives each one's regulation id,
    ``cited`` the record's regulations (id, type, subject) and ``date`` the document's ISO date.
    """
    spans = [(c.start, c.end) for c in citations]
    placed = [(c, id_of(c)) for c in citations]
    placed = [(c, reg) for c, reg in placed if reg]
    found: list[Reference] = []
    # Without the document's own identity or a numbered citation, no reference by context resolves.
    for match in _anaphora_pattern().finditer(text) if placed or own else ():
        if _inside(match.start(), match.end(), spans):
            continue
        target, by = _antecedent(match, placed, own, own_type)
        if target:
            found.append(Reference(match.start(), match.end(), _flat(match.group(0)), target, by))
    for match in leftmost_matches(_name_pattern(), _name_starts(), text):
        if _inside(match.start(), match.end(), spans):
            continue
        entry = _entry_for(match.group(0), date)
        if entry is None:
            continue
        same = next(filter(None, (_cited_as(e, cited) for e in _entries_named(match.group(0)))), None)
        if same:
            found.append(Reference(match.start(), match.end(), match.group(0), same["id"], "name"))
            continue
        instrument = {k: entry[k] for k in ("type", "number", "year", "subject")}
        target = canonical_id(entry["type"], entry["number"], entry["year"], None)
        instrument["uri"] = akn_uri(entry["type"], entry["number"], entry["year"], None)
        found.append(Reference(match.start(), match.end(), match.group(0), target, "name", instrument))
    return sorted(found, key=lambda r: r.start)


def _cited_as(entry: dict, cited: Sequence[dict]) -> dict | None:
    """The regulation of the record that a name's entry describes: same type and subject (not an amendment's)."""
    subject = entry["subject"].lower()
    candidates = [r for r in cited if r.get("type") == entry["type"] and r.get("subject")]
    exact = [r for r in candidates if r["subject"].lower().strip(" .") == subject]
    loose = [r for r in candidates if subject in r["subject"].lower() and not r["subject"].lower().startswith("perubahan")]
    return (exact or loose or [None])[0]


def _antecedent(match: re.Match, placed: Sequence[tuple[Citation, str]], own: str | None,
                own_type: str | None) -> tuple[str | None, str]:
    """The regulation an anaphoric reference means, and how it was found."""
    generic = match.group("generic") is not None
    this = match.group("dem") == "ini"
    code, loose = (None, True) if generic else _classify(match.group("head"), _flat(match.group("issuer")) or None)
    if this and own and (code == own_type or (loose and not generic)):
        return own, "self"
    if generic and this and own:
        return own, "self"
    reach = GENERIC_REACH if generic else REACH
    for c, reg in reversed(placed):
        if c.end > match.start():
            continue
        if match.start() - c.end > reach:
            break
        if reg != own and (generic or loose or c.type == code):
            return reg, "context"
    return None, "context"


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _flat(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip(" ,")
