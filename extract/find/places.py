"""Places: mentions of provinces, regencies, cities and districts, resolved to Kemendagri codes.

``find_places(text)`` splits the text into words once and looks each word up in an index of region
names keyed by their first word (casefolded), trying the longest name first. A name may follow a
prefix that says its level ("Kabupaten", "Kota", "Provinsi", "Kecamatan" and their short forms,
kept in the span) or an office that implies it ("Bupati", "Wali Kota", "Pemprov" ..., left out of
the span). Short forms such as "Jabar" or "Tangsel" come from ``data/region_short_forms.tsv``.

Ambiguity is settled by rules, not guesses:

* a prefix decides between a regency and a city of the same name ("Kabupaten Semarang");
* a bare name prefers the province, then the city, then the regency ("Gorontalo" is the province);
* districts need "Kecamatan"/"Kec."/"Camat", their regency or city named elsewhere in the text
  (for a name that is only a district), or their regency right after a comma ("Depok, Sleman");
  a district name found in several regions keeps ``code=None`` unless the text names one of them;
* bare names that are also common words or given names ("Batu", "Bima") need a prefix.

Names must be written as in the gazetteer, in title case or all capitals: "batu" is not a place.

Example:
    >>> [(p.text, p.code) for p in find_places("Banjir melanda Kabupaten Sleman dan Kota Semarang.")]
    [('Kabupaten Sleman', '3404'), ('Kota Semarang', '3374')]
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache

from .gazetteer import Region, regions
from .lexicon import region_short_forms

LEVELS = ("province", "city", "regency", "district")  # also the preference order for a bare name

# Words that name a level and belong to the place's name ("Kabupaten Sleman").
LEVEL_PREFIXES: dict[tuple[str, ...], str] = {
    ("provinsi",): "province", ("propinsi",): "province", ("prov",): "province",
    ("kabupaten", "administrasi"): "regency", ("kabupaten",): "regency", ("kab",): "regency",
    ("kota", "administrasi"): "city", ("kota",): "city",
    ("kecamatan",): "district", ("kec",): "district",
}
# Offices and governments that imply the level of the name after them ("Bupati Semarang").
HINT_PREFIXES: dict[tuple[str, ...], str] = {
    ("gubernur",): "province", ("pemprov",): "province",
    ("bupati",): "regency", ("pemkab",): "regency",
    ("wali", "kota"): "city", ("walikota",): "city", ("pemkot",): "city",
    ("camat",): "district",
}
# Other names of provinces, beside those in region_short_forms.tsv.
PROVINCE_ALIASES = {
    "Jakarta": "DKI Jakarta",
    "Yogyakarta": "DI Yogyakarta",
    "Daerah Khusus Ibukota Jakarta": "DKI Jakarta",
    "Daerah Istimewa Yogyakarta": "DI Yogyakarta",
    "D.I. Yogyakarta": "DI Yogyakarta",
    "Bangka Belitung": "Kepulauan Bangka Belitung",
}
# Regency and city names that are also everyday words or given names: found only after a prefix.
NEEDS_PREFIX = frozenset({
    "Agam", "Banjar", "Batang", "Batu", "Belu", "Bima", "Bone", "Buru", "Ende", "Karo", "Kaur", "Landak",
    "Lingga", "Malaka", "Metro", "Muna", "Puncak",
})

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@dataclass(frozen=True)
class Place:
    """A region named in the text: offsets, surface text, gazetteer name, Kemendagri code and level.

    ``code`` is ``None`` for a district name shared by several regions when the text does not say which.
    """

    start: int
    end: int
    text: str
    name: str
    code: str | None
    level: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Name:
    """One surface form in the index: its words, whether it must match exactly, and its regions."""

    words: tuple[str, ...]
    exact_case: bool
    regions: tuple[Region, ...]


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    text: str
    level: str | None  # the level a prefix asks for, if any
    name: _Name


def _words(text: str) -> list[re.Match]:
    return list(_WORD.finditer(text))


def _surface_words(surface: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(surface))  # _WORD has no groups: each item is a whole match


def _forms() -> dict[tuple[str, ...], tuple[list[Region], bool]]:
    """Every surface form's words -> (its regions, whether its case must match exactly)."""
    forms: dict[tuple[str, ...], tuple[list[Region], bool]] = {}

    def add(words: tuple[str, ...], found: Iterable[Region], exact_case: bool) -> None:
        known, _ = forms.setdefault(words, ([], exact_case))
        known.extend(r for r in found if r not in known)

    for region in regions():
        add(_surface_words(region.name), [region], exact_case=False)
    provinces = {r.name: r for r in regions() if r.level == "province"}
    for alias, full in PROVINCE_ALIASES.items():
        add(_surface_words(alias), [provinces[full]], exact_case=False)
    for short, full in region_short_forms().items():
        found, _ = forms.get(_surface_words(full), ([], True))
        add(_surface_words(short), list(found), exact_case=True)
    return forms


@cache
def _index() -> dict[str, tuple[_Name, ...]]:
    """Surface forms keyed by their casefolded first word, longest first."""
    index: dict[str, list[_Name]] = {}
    for words, (found, exact_case) in _forms().items():
        if found:
            index.setdefault(words[0].casefold(), []).append(_Name(words, exact_case, tuple(found)))
    return {key: tuple(sorted(names, key=lambda n: -len(n.words))) for key, names in index.items()}


def _same_word(written: str, expected: str, exact_case: bool) -> bool:
    """``written`` spells ``expected`` as it is, in capitals, or (unless exact) capitalized."""
    if written == expected or (written.isupper() and written == expected.upper()):
        return True
    return not exact_case and written == expected[:1].upper() + expected[1:]


@dataclass(frozen=True)
class _Words:
    """The words of a text: offsets, spelling and casefolded spelling."""

    starts: list[int]
    ends: list[int]
    spelled: list[str]
    folded: list[str]

    @classmethod
    def of(cls, text: str) -> _Words:
        matches = _words(text)
        spelled = [m.group() for m in matches]
        return cls([m.start() for m in matches], [m.end() for m in matches], spelled,
                   [w.casefold() for w in spelled])


def _name_at(words: _Words, i: int) -> _Name | None:
    """The longest indexed name whose words start at word ``i``."""
    if i >= len(words.folded):
        return None
    for name in _index().get(words.folded[i], ()):
        n = len(name.words)
        if i + n <= len(words.folded) and all(
                _same_word(words.spelled[i + k], name.words[k], name.exact_case) for k in range(n)):
            return name
    return None


_PREFIX_FIRST_WORDS = frozenset(key[0] for key in (*LEVEL_PREFIXES, *HINT_PREFIXES))


def _prefix_at(words: _Words, i: int, table: dict[tuple[str, ...], str]) -> tuple[int, str] | None:
    """``(number of words, level)`` of the longest prefix of ``table`` at word ``i``."""
    for size in (2, 1):
        key = tuple(words.folded[i:i + size])
        if len(key) == size and key in table:
            return size, table[key]
    return None


def _prefixed_mention(text: str, words: _Words, i: int) -> tuple[_Mention, int] | None:
    """A name after a level prefix or an office at word ``i``, and the number of words used."""
    for table, keep_prefix in ((HINT_PREFIXES, False), (LEVEL_PREFIXES, True)):
        prefix = _prefix_at(words, i, table)
        if prefix is None:
            continue
        size, level = prefix
        name = _name_at(words, i + size)
        if name is not None and any(r.level == level for r in name.regions):
            start = words.starts[i] if keep_prefix else words.starts[i + size]
            end = words.ends[i + size + len(name.words) - 1]
            return _Mention(start, end, text[start:end], level, name), size + len(name.words)
    return None


def _mentions(text: str) -> list[_Mention]:
    """Every name in the text, with the level its prefix asks for; left to right, not overlapping."""
    words = _Words.of(text)
    index = _index()
    found = []
    i = 0
    while i < len(words.folded):
        word = words.folded[i]
        hit = _prefixed_mention(text, words, i) if word in _PREFIX_FIRST_WORDS else None
        if hit is None and word in index:
            name = _name_at(words, i)
            if name is not None:
                start, end = words.starts[i], words.ends[i + len(name.words) - 1]
                hit = _Mention(start, end, text[start:end], None, name), len(name.words)
        if hit is None:
            i += 1
        else:
            found.append(hit[0])
            i += hit[1]
    return found


def _pick_district(candidates: list[Region], named: set[str]) -> Region | None:
    """The district whose regency or city the text names, else the only one."""
    in_context = [r for r in candidates if r.parent in named]
    if len(in_context) == 1:
        return in_context[0]
    return candidates[0] if len(candidates) == 1 else None


def _resolve(mention: _Mention, named: set[str]) -> Place | None:
    """The place a mention stands for, or ``None`` when the rules reject it."""
    regions_ = mention.name.regions
    if mention.level is not None and mention.level != "district":
        region = next(r for r in regions_ if r.level == mention.level)
    elif mention.level == "district":
        districts = [r for r in regions_ if r.level == "district"]
        region = _pick_district(districts, named)
        if region is None:
            return Place(mention.start, mention.end, mention.text, districts[0].name, None, "district")
    else:
        higher = sorted((r for r in regions_ if r.level != "district"), key=lambda r: LEVELS.index(r.level))
        if higher:
            if not mention.name.exact_case and higher[0].name in NEEDS_PREFIX:
                return None
            region = higher[0]
        else:
            in_context = [r for r in regions_ if r.parent in named]
            if len(in_context) != 1:
                return None
            region = in_context[0]
    return Place(mention.start, mention.end, mention.text, region.name, region.code, region.level)


def _district_of_next(mention: _Mention, following: Place | None, between: str) -> Place | None:
    """A bare name written "Name, Regency" where that regency has a district of the name ("Depok, Sleman")."""
    if mention.level is not None or following is None or following.level not in ("regency", "city"):
        return None
    if between.strip() != ",":
        return None
    for region in mention.name.regions:
        if region.level == "district" and region.parent == following.code:
            return Place(mention.start, mention.end, mention.text, region.name, region.code, region.level)
    return None


def find_places(text: str) -> list[Place]:
    """Provinces, regencies, cities and districts named in ``text``, in order, with their codes."""
    mentions = _mentions(text)
    first = [_resolve(mention, set()) if mention.level != "district" else None for mention in mentions]
    named = {place.code for place in first if place is not None and place.level in ("regency", "city")}
    places = []
    for k, mention in enumerate(mentions):
        following = first[k + 1] if k + 1 < len(mentions) else None
        between = text[mention.end:mentions[k + 1].start] if following is not None else ""
        place = _district_of_next(mention, following, between) or _resolve(mention, named)
        if place is not None:
            places.append(place)
    return places
