"""Build ``extract/data/regions.tsv`` from the upper-case region lists of the shared data folder.

Input: ``provinces.csv`` (``code,name``), ``regencies.csv`` and ``districts.csv`` (``code,parent,name``),
as in ``data/gaz-wilayah-emsifa``. Output: ``code<TAB>name<TAB>level<TAB>parent`` with a header line,
names in Title Case ("Jakarta Barat"), the words "Kabupaten"/"Kota" moved from the name into the level.

The source predates the 2022 split of Papua. The build therefore applies the province codes that
Kemendagri has used since then (91 Papua, 92 Papua Barat, 93 Papua Selatan, 94 Papua Tengah,
95 Papua Pegunungan, 96 Papua Barat Daya) and re-codes the regencies of the old Papua and Papua Barat
with their Kemendagri codes. District codes are kept as the source gives them (seven digits); their
``parent`` column, not a code prefix, says which regency they belong to.

Example:
    python scripts/build_regions.py
    python scripts/build_regions.py --source /work/shared/data/gaz-wilayah-emsifa --output regions.tsv
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

DEFAULT_SOURCE = Path("/work/shared/data/gaz-wilayah-emsifa")
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "extract" / "data" / "regions.tsv"
HEADER = ("code", "name", "level", "parent")

# Province codes in the source that the 2022 split replaced: source code -> name in the source.
SPLIT_SOURCE_PROVINCES = {"91": "PAPUA BARAT", "94": "PAPUA"}

# The six provinces of the Papua region with their Kemendagri codes since 2022.
PAPUA_PROVINCES = {
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

# Source regency code -> Kemendagri regency code; the first two digits name the province.
PAPUA_REGENCY_CODES = {
    # Papua Barat (source 91)
    "9101": "9203",  # Fakfak
    "9102": "9208",  # Kaimana
    "9103": "9207",  # Teluk Wondama
    "9104": "9206",  # Teluk Bintuni
    "9105": "9202",  # Manokwari
    "9106": "9602",  # Sorong Selatan -> Papua Barat Daya
    "9107": "9601",  # Sorong -> Papua Barat Daya
    "9108": "9603",  # Raja Ampat -> Papua Barat Daya
    "9109": "9604",  # Tambrauw -> Papua Barat Daya
    "9110": "9605",  # Maybrat -> Papua Barat Daya
    "9111": "9211",  # Manokwari Selatan
    "9112": "9212",  # Pegunungan Arfak
    "9171": "9671",  # Kota Sorong -> Papua Barat Daya
    # Papua (source 94)
    "9401": "9301",  # Merauke -> Papua Selatan
    "9402": "9501",  # Jayawijaya -> Papua Pegunungan
    "9403": "9103",  # Jayapura
    "9404": "9401",  # Nabire -> Papua Tengah
    "9408": "9105",  # Kepulauan Yapen
    "9409": "9106",  # Biak Numfor
    "9410": "9403",  # Paniai -> Papua Tengah
    "9411": "9402",  # Puncak Jaya -> Papua Tengah
    "9412": "9404",  # Mimika -> Papua Tengah
    "9413": "9302",  # Boven Digoel -> Papua Selatan
    "9414": "9303",  # Mappi -> Papua Selatan
    "9415": "9304",  # Asmat -> Papua Selatan
    "9416": "9503",  # Yahukimo -> Papua Pegunungan
    "9417": "9502",  # Pegunungan Bintang -> Papua Pegunungan
    "9418": "9504",  # Tolikara -> Papua Pegunungan
    "9419": "9110",  # Sarmi
    "9420": "9111",  # Keerom
    "9426": "9115",  # Waropen
    "9427": "9119",  # Supiori
    "9428": "9120",  # Mamberamo Raya
    "9429": "9508",  # Nduga -> Papua Pegunungan
    "9430": "9507",  # Lanny Jaya -> Papua Pegunungan
    "9431": "9505",  # Mamberamo Tengah -> Papua Pegunungan
    "9432": "9506",  # Yalimo -> Papua Pegunungan
    "9433": "9405",  # Puncak -> Papua Tengah
    "9434": "9406",  # Dogiyai -> Papua Tengah
    "9435": "9407",  # Intan Jaya -> Papua Tengah
    "9436": "9408",  # Deiyai -> Papua Tengah
    "9471": "9171",  # Kota Jayapura
}

# Regency prefixes, longest first: prefix -> level.
REGENCY_PREFIXES = (
    ("KABUPATEN ADMINISTRASI ", "regency"),
    ("KOTA ADMINISTRASI ", "city"),
    ("KABUPATEN ", "regency"),
    ("KOTA ", "city"),
)

# Words written in capitals ("DKI Jakarta") or in lower case inside a name ("Pangkajene dan Kepulauan").
UPPER_WORDS = frozenset({"DKI", "DI"})
LOWER_WORDS = frozenset({"dan"})
# Abbreviations in the source spelled out as in official lists ("PP. BABAR" -> "Pulau-Pulau Babar").
ABBREVIATIONS = {"KEP.": "Kepulauan", "P.": "Pulau", "PP.": "Pulau-Pulau"}
ROMAN = re.compile(r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


class Row(NamedTuple):
    """One line of the output table."""

    code: str
    name: str
    level: str
    parent: str


def _title_part(part: str) -> str:
    """One hyphen- or slash-free piece of a word: Roman numerals stay upper case, the rest is capitalised."""
    if part and ROMAN.fullmatch(part):
        return part
    return part[:1].upper() + part[1:].lower()


def _title_word(word: str, first: bool) -> str:
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    if word in UPPER_WORDS:
        return word
    if not first and word.lower() in LOWER_WORDS:
        return word.lower()
    pieces = re.split(r"([-/])", word)
    return "".join(p if p in "-/" else _title_part(p) for p in pieces)


def title_case(raw: str) -> str:
    """``"PANGKAJENE DAN KEPULAUAN"`` -> ``"Pangkajene dan Kepulauan"``; ``"S I A K"`` -> ``"Siak"``.

    Keeps Roman numerals ("Banyuasin I"), inner apostrophes ("Lolowa'u") and the capitals of
    "DKI"/"DI"; closes up spaced hyphens and slashes ("BATI - BATI" -> "Bati-Bati").
    """
    text = re.sub(r"\s*([-/])\s*", r"\1", " ".join(raw.split()))
    words = text.split(" ")
    if len(words) > 1 and all(len(w) == 1 and w.isalpha() for w in words):
        words = ["".join(words)]
    return " ".join(_title_word(w, i == 0) for i, w in enumerate(words))


def split_regency(raw: str) -> tuple[str, str]:
    """``"KOTA ADMINISTRASI JAKARTA BARAT"`` -> ``("Jakarta Barat", "city")``."""
    for prefix, level in REGENCY_PREFIXES:
        if raw.startswith(prefix):
            return title_case(raw[len(prefix):]), level
    raise ValueError(f"regency name without KABUPATEN/KOTA prefix: {raw!r}")


def read_csv(path: Path) -> list[list[str]]:
    """All rows of a header-less CSV file, blank lines skipped."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.reader(handle) if row]


def province_rows(rows: Iterable[list[str]]) -> Iterator[Row]:
    """Source provinces outside Papua, then the six provinces of the Papua region."""
    for code, name in rows:
        if code in SPLIT_SOURCE_PROVINCES:
            if name != SPLIT_SOURCE_PROVINCES[code]:
                raise ValueError(f"province {code} is {name!r}, expected {SPLIT_SOURCE_PROVINCES[code]!r}")
            continue
        yield Row(code, title_case(name), "province", "")
    for code, name in PAPUA_PROVINCES.items():
        yield Row(code, name, "province", "")


def regency_code(code: str, province: str) -> str:
    """The current code of a source regency, re-coded where Papua was split."""
    if province in SPLIT_SOURCE_PROVINCES:
        if code not in PAPUA_REGENCY_CODES:
            raise ValueError(f"regency {code} of province {province} has no known Kemendagri code")
        return PAPUA_REGENCY_CODES[code]
    return code


def regency_rows(rows: Iterable[list[str]]) -> Iterator[Row]:
    """Regencies and cities with their current codes and provinces."""
    for code, province, raw in rows:
        name, level = split_regency(raw)
        new_code = regency_code(code, province)
        yield Row(new_code, name, level, new_code[:2])


def district_rows(rows: Iterable[list[str]]) -> Iterator[Row]:
    """Districts under the current code of their regency."""
    for code, regency, raw in rows:
        yield Row(code, title_case(raw), "district", regency_code(regency, regency[:2]))


def build(source: Path) -> list[Row]:
    """All rows, provinces first, then regencies and cities, then districts, each sorted by code."""
    provinces = sorted(province_rows(read_csv(source / "provinces.csv")))
    regencies = sorted(regency_rows(read_csv(source / "regencies.csv")))
    districts = sorted(district_rows(read_csv(source / "districts.csv")))
    return provinces + regencies + districts


def render(rows: Iterable[Row]) -> str:
    """The TSV text, header included, with a final newline."""
    return "".join("\t".join(fields) + "\n" for fields in [HEADER, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder with the three CSV files")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="TSV file to write")
    args = parser.parse_args(argv)
    rows = build(args.source)
    args.output.write_text(render(rows), encoding="utf-8")
    print(f"wrote {len(rows)} regions to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
