"""Gazetteers shipped in ``extract/data``: agencies, regulation abbreviations, positions and regions.

The files hold facts, one record a line (JSON Lines, or TSV for regions). Each ``parse_*`` function
reads one file of its format, checks every line and returns frozen records; a bad line raises
:class:`GazetteerError`, a ``ValueError`` that names the file, the line number and the problem.
The loaders without arguments (``agencies()``, ``regions()`` ...) read the packaged files once and
cache the result.

Example:
    >>> from extract.find.gazetteer import agency_index, regulation_abbreviations
    >>> agency_index()["kemenkeu"].name
    'Kementerian Keuangan'
    >>> regulation_abbreviations()["pmk"].issuer
    'Menteri Keuangan'
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

AGENCY_CATEGORIES = frozenset({
    "ministry", "coordinating_ministry", "agency", "commission", "legislature", "court", "prosecutor",
    "police", "military", "bumn", "bpjs", "state_body", "other",
})
POSITION_GROUPS = frozenset({
    "executive", "regional", "legislature", "judiciary", "prosecutor", "police", "police_rank",
    "military", "military_rank", "bumn", "general",
})
# The vocabulary of regulation type codes of the gold annotation guide.
REGULATION_TYPES = (
    "UUD", "UU", "PERPPU", "PP", "PERPRES", "KEPPRES", "INPRES", "PERMEN", "KEPMEN", "PERBAN", "KEPBAN",
    "PERDA", "PERGUB", "PERBUP", "PERWAL", "KEPGUB", "KEPBUP", "KEPWAL", "INSTRUKSI", "SE", "SKB", "PBI",
    "PADG", "POJK", "SEOJK", "PERMA", "SEMA", "PUTUSAN", "OTHER",
)
REGION_COLUMNS = ("code", "name", "level", "parent")
# Each region level and the levels its parent may have.
REGION_PARENT_LEVELS: dict[str, tuple[str, ...]] = {
    "province": (),
    "regency": ("province",),
    "city": ("province",),
    "district": ("regency", "city"),
}


@dataclass(frozen=True)
class Agency:
    """A public institution: its full name, short forms, former names, category and head's title."""

    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    category: str
    head: str | None

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form: the name, then acronyms, then aliases."""
        return (self.name, *self.acronyms, *self.aliases)


@dataclass(frozen=True)
class RegulationAbbreviation:
    """A short name for an instrument ("Permenaker") with the type code and issuer it implies."""

    abbr: str
    type: str
    issuer: str | None


@dataclass(frozen=True)
class Position:
    """A title of public office ("Wakil Menteri") or a rank ("AKBP") and its group."""

    title: str
    group: str


@dataclass(frozen=True)
class Region:
    """A province, regency, city or district with its code and its parent's code (``None`` for provinces)."""

    code: str
    name: str
    level: str
    parent: str | None


class GazetteerError(ValueError):
    """A gazetteer file has a bad line."""

    def __init__(self, file: str, line: int, problem: str) -> None:
        super().__init__(f"{file}, line {line}: {problem}")
        self.file = file
        self.line = line
        self.problem = problem


class _Invalid(Exception):
    """A problem with one record; the parser adds the file and line."""


T = TypeVar("T")


# --- reading and field checks ---------------------------------------------------------------------

def _lines(source: Traversable) -> list[str]:
    return source.read_text(encoding="utf-8").splitlines()


def _json_records(source: Traversable) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line of a JSON Lines file."""
    for number, line in enumerate(_lines(source), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise GazetteerError(source.name, number, f"invalid JSON: {error.msg}") from None
        if not isinstance(value, dict):
            raise GazetteerError(source.name, number, "expected a JSON object")
        yield number, value


def _parse_each(source: Traversable, build: Callable[[dict[str, Any]], T]) -> Iterator[tuple[int, T]]:
    """Build a record from each line, turning a record's problem into a :class:`GazetteerError`."""
    for number, raw in _json_records(source):
        try:
            yield number, build(raw)
        except _Invalid as problem:
            raise GazetteerError(source.name, number, str(problem)) from None


def _check_fields(record: dict[str, Any], required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
    missing = [key for key in required if key not in record]
    if missing:
        raise _Invalid(f"missing {', '.join(missing)}")
    unknown = sorted(set(record) - set(required) - set(optional))
    if unknown:
        raise _Invalid(f"unknown field {', '.join(unknown)}")


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{what} must be a non-empty string, not {value!r}")
    if value != value.strip() or "  " in value:
        raise _Invalid(f"{what} {value!r} has stray spaces")
    return value


def _optional_text(value: Any, what: str) -> str | None:
    return None if value is None else _text(value, what)


def _texts(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid(f"{what} must be a list of strings, not {value!r}")
    return tuple(_text(item, what) for item in value)


def _one_of(value: str, allowed: frozenset[str] | tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise _Invalid(f"unknown {what} {value!r} (expected one of {', '.join(sorted(allowed))})")
    return value


class _Seen:
    """Remembers keys and their line numbers to report duplicates."""

    def __init__(self, source: Traversable) -> None:
        self.source = source
        self.lines: dict[str, int] = {}

    def add(self, key: str, number: int, description: str) -> None:
        if key in self.lines:
            raise GazetteerError(self.source.name, number,
                                 f"duplicate {description} (already on line {self.lines[key]})")
        self.lines[key] = number


# --- builders for one record -----------------------------------------------------------------------

def _agency(record: dict[str, Any]) -> Agency:
    _check_fields(record, ("name", "category"), ("acronyms", "aliases", "head"))
    return Agency(
        name=_text(record["name"], "name"),
        acronyms=_texts(record.get("acronyms", []), "acronym"),
        aliases=_texts(record.get("aliases", []), "alias"),
        category=_one_of(_text(record["category"], "category"), AGENCY_CATEGORIES, "category"),
        head=_optional_text(record.get("head"), "head"),
    )


def _regulation_abbreviation(record: dict[str, Any]) -> RegulationAbbreviation:
    _check_fields(record, ("abbr", "type"), ("issuer",))
    return RegulationAbbreviation(
        abbr=_text(record["abbr"], "abbr"),
        type=_one_of(_text(record["type"], "type"), REGULATION_TYPES, "type code"),
        issuer=_optional_text(record.get("issuer"), "issuer"),
    )


def _position(record: dict[str, Any]) -> Position:
    _check_fields(record, ("title", "group"))
    return Position(
        title=_text(record["title"], "title"),
        group=_one_of(_text(record["group"], "group"), POSITION_GROUPS, "group"),
    )


def _region(fields: list[str]) -> Region:
    if len(fields) != len(REGION_COLUMNS):
        raise _Invalid(f"expected {len(REGION_COLUMNS)} tab-separated fields, found {len(fields)}")
    code, name, level, parent = fields
    if not code.isdigit():
        raise _Invalid(f"code {code!r} is not a number")
    _one_of(level, tuple(REGION_PARENT_LEVELS), "level")
    if level == "province" and parent:
        raise _Invalid(f"province {code} has a parent")
    if level != "province" and not parent.isdigit():
        raise _Invalid(f"{level} {code} needs a parent code, not {parent!r}")
    return Region(code=code, name=_text(name, "name"), level=level, parent=parent or None)


# --- parsers for one file ------------------------------------------------------------------------

def parse_agencies(source: Traversable) -> tuple[Agency, ...]:
    """Agencies from a JSON Lines file; every name, acronym and alias must be unique (ignoring case)."""
    seen = _Seen(source)
    agencies = []
    for number, agency in _parse_each(source, _agency):
        for kind, forms in (("name", (agency.name,)), ("acronym", agency.acronyms), ("alias", agency.aliases)):
            for form in forms:
                seen.add(form.casefold(), number, f"{kind} {form!r}")
        agencies.append(agency)
    return tuple(agencies)


def parse_regulation_abbreviations(source: Traversable) -> dict[str, RegulationAbbreviation]:
    """Regulation abbreviations from a JSON Lines file, keyed by the lower-case abbreviation."""
    seen = _Seen(source)
    table = {}
    for number, item in _parse_each(source, _regulation_abbreviation):
        key = item.abbr.lower()
        seen.add(key, number, f"abbreviation {item.abbr!r}")
        table[key] = item
    return table


def parse_positions(source: Traversable) -> tuple[Position, ...]:
    """Positions from a JSON Lines file; titles must be unique (ignoring case)."""
    seen = _Seen(source)
    positions = []
    for number, position in _parse_each(source, _position):
        seen.add(position.title.casefold(), number, f"title {position.title!r}")
        positions.append(position)
    return tuple(positions)


def parse_regions(source: Traversable) -> tuple[Region, ...]:
    """Regions from a TSV file with the header ``code name level parent``.

    Codes must be unique, and each parent must be a listed region of a fitting level (a regency's
    parent a province, a district's parent a regency or city), wherever in the file it stands.
    """
    lines = _lines(source)
    if not lines or tuple(lines[0].split("\t")) != REGION_COLUMNS:
        raise GazetteerError(source.name, 1, f"the header must be {' <TAB> '.join(REGION_COLUMNS)}")
    seen = _Seen(source)
    rows: list[tuple[int, Region]] = []
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        try:
            region = _region(line.split("\t"))
        except _Invalid as problem:
            raise GazetteerError(source.name, number, str(problem)) from None
        seen.add(region.code, number, f"code {region.code}")
        rows.append((number, region))
    levels = {region.code: region.level for _, region in rows}
    for number, region in rows:
        allowed = REGION_PARENT_LEVELS[region.level]
        if region.parent is not None and levels.get(region.parent) not in allowed:
            found = levels.get(region.parent, "missing")
            raise GazetteerError(source.name, number,
                                 f"parent {region.parent} of {region.level} {region.code} is {found}, "
                                 f"expected {' or '.join(allowed)}")
    return tuple(region for _, region in rows)


# --- cached loaders of the packaged files ----------------------------------------------------------

def data_file(name: str) -> Traversable:
    """A file in the package's ``data`` folder."""
    return files("extract") / "data" / name


@cache
def agencies() -> tuple[Agency, ...]:
    """The agencies of ``data/agencies.jsonl``."""
    return parse_agencies(data_file("agencies.jsonl"))


@cache
def regulation_abbreviations() -> dict[str, RegulationAbbreviation]:
    """The abbreviations of ``data/regulation_abbreviations.jsonl``, keyed by lower-case abbreviation."""
    return parse_regulation_abbreviations(data_file("regulation_abbreviations.jsonl"))


@cache
def positions() -> tuple[Position, ...]:
    """The titles and ranks of ``data/positions.jsonl``."""
    return parse_positions(data_file("positions.jsonl"))


@cache
def regions() -> tuple[Region, ...]:
    """The provinces, regencies, cities and districts of ``data/regions.tsv``."""
    return parse_regions(data_file("regions.tsv"))


@cache
def agency_index() -> dict[str, Agency]:
    """Every surface form of every agency, case-folded (``"kemenkeu"``), mapped to its agency."""
    return {form.casefold(): agency for agency in agencies() for form in agency.forms}


@cache
def region_index() -> dict[str, Region]:
    """Regions by code."""
    return {region.code: region for region in regions()}
