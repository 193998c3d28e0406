"""Places: mentions of provinces, regencies, cities and districts, resolved to Kemendagri codes.

``find_places(text)`` looks words up in an index of region names keyed by their first word
(casefolded), trying the longest name first; one regular expression picks the words that could start
a name or a prefix (capitalised, mostly), so the rest of the text costs no Python. A name may follow a
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


class _Words:
    """The words of a text from one word on (word 0), read with ``_WORD`` as far as a look-up needs:
    word ``k + 1`` is the next match after word ``k``, as ``_WORD.finditer`` would give it."""

    __slots__ = ("text", "matches")

    def __init__(self, text: str, first: re.Match) -> None:
        self.text = text
        self.matches = [first]

    def at(self, k: int) -> re.Match | None:
        matches = self.matches
        while len(matches) <= k:
            following = _WORD.search(self.text, matches[-1].end())
            if following is None:
                return None
            matches.append(following)
        return matches[k]

    def folded(self, k: int) -> str | None:
        word = self.at(k)
        return None if word is None else word.group().casefold()


def _name_at(words: _Words, k: int) -> _Name | None:
    """The longest indexed name whose words start at word ``k``."""
    first = words.folded(k)
    if first is None:
        return None
    for name in _index().get(first, ()):
        for j, expected in enumerate(name.words):
            written = words.at(k + j)
            if written is None or not _same_word(written.group(), expected, name.exact_case):
                break
        else:
            return name
    return None


_PREFIX_FIRST_WORDS = frozenset(key[0] for key in (*LEVEL_PREFIXES, *HINT_PREFIXES))


def _prefix_at(words: _Words, table: dict[tuple[str, ...], str]) -> tuple[int, str] | None:
    """``(number of words, level)`` of the longest prefix of ``table`` at word 0."""
    for size in (2, 1):
        key = tuple(words.folded(j) for j in range(size))
        if None not in key and key in table:
            return size, table[key]
    return None


def _prefixed_mention(text: str, words: _Words) -> _Mention | None:
    """A name after a level prefix or an office at word 0 (the mention's end is that of its last word)."""
    for table, keep_prefix in ((HINT_PREFIXES, False), (LEVEL_PREFIXES, True)):
        prefix = _prefix_at(words, table)
        if prefix is None:
            continue
        size, level = prefix
        name = _name_at(words, size)
        if name is not None and any(r.level == level for r in name.regions):
            start = words.at(0 if keep_prefix else size).start()
            end = words.at(size + len(name.words) - 1).end()
            return _Mention(start, end, text[start:end], level, name)
    return None


@cache
def _starts() -> re.Pattern:
    """Where a name or a prefix may start: the first character of a word (of ``_WORD``: not after a
    letter, nor after an apostrophe or hyphen that follows a letter) that begins some spelling of an
    indexed name, or any letter outside ASCII, or the first letter of a prefix's first word in any
    case when the rest of that word follows.

    Most words of a text (lower case, and no prefix) can start nothing; the pattern opens with a
    class of characters, which ``re`` scans for without trying the rest at every position, so those
    words cost no Python."""
    firsts = set()
    for names in _index().values():
        for name in names:
            word = name.words[0]
            firsts.update((word[0], word.upper()[0], word[:1].upper()[0]))
    firsts = {c for c in firsts if c.isascii()}
    rests: dict[str, list[str]] = {}
    for word in _PREFIX_FIRST_WORDS:
        rests.setdefault(word[0], []).append(word[1:])
    initials = firsts | set(rests) | {c.upper() for c in rests}
    prefixes = "|".join(
        rf"(?i:(?<={re.escape(first)})(?={'|'.join(re.escape(r) for r in sorted(ends, key=lambda e: (-len(e), e)))}))"
        for first, ends in sorted(rests.items()))
    branches = [rf"(?<=[^\W\x00-\x7f])", prefixes]
    if firsts:
        branches.insert(0, f"(?<=[{''.join(re.escape(c) for c in sorted(firsts))}])")
    return re.compile(rf"[{''.join(re.escape(c) for c in sorted(initials))}\x80-\U0010ffff]"
                      rf"(?<![^\W_].)(?<![^\W_]['’\-].)(?:{'|'.join(branches)})"
                      r"[^\W_]*(?:['’\-][^\W_]+)*")  # and the rest of the word, as _WORD reads it


def _mentions(text: str) -> list[_Mention]:
    """Every name in the text, with the level its prefix asks for; left to right, not overlapping.

    Word by word, a prefix is tried first, then a name; the words a mention takes are passed over.
    Only the words that :func:`_starts` lets through are looked at: the others start no mention."""
    index = _index()
    found = []
    done = 0  # the end of the last mention: words before it are taken
    for first in _starts().finditer(text):
        if first.start() < done:
            continue
        word = first.group().casefold()
        hit = None
        if word in _PREFIX_FIRST_WORDS:
            hit = _prefixed_mention(text, _Words(text, first))
        if hit is None and word in index:
            words = _Words(text, first)
            name = _name_at(words, 0)
            if name is not None:
                begin, end = first.start(), words.at(len(name.words) - 1).end()
                hit = _Mention(begin, end, text[begin:end], None, name)
        if hit is not None:
            found.append(hit)
            done = hit.end
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
