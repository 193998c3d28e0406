"""Word sets that the agency and people finders share, built from the gazetteers and word lists.

An institution's name goes on while its words are office, institution or region words; a person's
name starts where they stop. Both finders read these sets from here, so neither imports the other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import data
from .gazetteer import agencies, positions, regions
from .lexicon import region_short_forms

EXTRA_POSITION_WORDS = data.words("office_words")  # data/words/office_words.txt

POLICE_MILITARY_RANKS = data.words("ranks")  # data/words/ranks.txt

COUNTRY_WORDS = frozenset(data.words("countries"))  # data/words/countries.txt

PARTY_WORDS = frozenset(data.words("parties"))  # data/words/parties.txt


@dataclass(frozen=True)
class Form:
    long: str
    short: str
    region: bool


@cache
def agency_forms() -> tuple[Form, ...]:
    out = []
    for number, line in enumerate(data.text("agency_forms.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or parts[2] not in ("yes", "no") or not parts[0] or not parts[1]:
            raise ValueError(f"data/agency_forms.tsv: line {number} needs 'long<TAB>short<TAB>yes|no'")
        out.append(Form(parts[0], parts[1], parts[2] == "yes"))
    return tuple(out)


@cache
def region_names() -> frozenset[str]:
    """Names of provinces, regencies and cities, their short forms, and the forms that write two of a
    name's words as one ("Labuhanbatu Utara" for "Labuhan Batu Utara", "Tanjungpinang")."""
    names = {r.name for r in regions() if r.level != "district"}
    closed = set()
    for name in names:
        words = name.split()
        for i in range(len(words) - 1):
            if words[i][:1].isupper() and words[i + 1][:1].isupper() and words[i + 1][1:].islower():
                closed.add(" ".join([*words[:i], words[i] + words[i + 1].lower(), *words[i + 2:]]))
    return frozenset(names | closed) | frozenset(region_short_forms())


@cache
def position_titles() -> tuple[str, ...]:
    titles = {p.title for p in positions() if p.group not in ("police_rank", "military_rank")}
    return tuple(sorted(titles, key=len, reverse=True))


@cache
def ranks() -> frozenset[str]:
    return frozenset(POLICE_MILITARY_RANKS) | {p.title for p in positions() if p.group.endswith("_rank")}


@cache
def position_vocabulary() -> frozenset[str]:
    """Words that belong to offices, institutions and regions rather than to people's names."""
    words: set[str] = set(EXTRA_POSITION_WORDS)
    for a in agencies():
        for form in (a.name, *a.acronyms, *a.aliases):
            words.update(w for w in re.split(r"[\s/,()-]+", form) if w[:1].isupper())
    for r in regions():
        if r.level != "district":
            words.update(r.name.split())
    for t in position_titles():
        words.update(t.split())
    for f in agency_forms():
        words.update(f.long.split())
        words.update(f.short.split())
    words.update(region_short_forms())
    return frozenset(w for w in words if len(w) > 1 or w.isupper())
