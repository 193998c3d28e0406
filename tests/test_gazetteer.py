"""The packaged gazetteers load, hold no duplicates, know the facts the pipeline relies on, and reject bad lines."""
from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from extract.find import gazetteer
from extract.find.gazetteer import (
    GazetteerError,
    agencies,
    agency_index,
    parse_agencies,
    parse_positions,
    parse_regions,
    parse_regulation_abbreviations,
    positions,
    region_index,
    regions,
    regulation_abbreviations,
)

ROOT = Path(__file__).resolve().parent.parent
EMSIFA = Path("/work/shared/data/gaz-wilayah-emsifa")


def _build_regions_module():
    spec = importlib.util.spec_from_file_location("build_regions", ROOT / "scripts" / "build_regions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _region_named(name: str, level: str) -> gazetteer.Region:
    matches = [r for r in regions() if r.name == name and r.level == level]
    assert len(matches) == 1, f"{len(matches)} {level} regions named {name!r}"
    return matches[0]


# --- everything loads ------------------------------------------------------------------------------

def test_all_gazetteers_load_with_plausible_sizes():
    assert 200 <= len(agencies()) <= 300
    assert len(regulation_abbreviations()) >= 100
    assert len(positions()) >= 300
    assert 7_700 <= len(regions()) <= 7_900


def test_loaders_are_cached():
    assert agencies() is agencies()
    assert regions() is regions()
    assert regulation_abbreviations() is regulation_abbreviations()


def test_every_agency_category_is_used():
    assert {a.category for a in agencies()} == gazetteer.AGENCY_CATEGORIES


def test_every_position_group_is_used():
    assert {p.group for p in positions()} == gazetteer.POSITION_GROUPS


# --- no duplicates -----------------------------------------------------------------------------------

def test_agency_names_acronyms_and_aliases_are_unique_ignoring_case():
    counts = Counter(form.casefold() for agency in agencies() for form in agency.forms)
    assert [form for form, n in counts.items() if n > 1] == []


def test_position_titles_are_unique_ignoring_case():
    counts = Counter(p.title.casefold() for p in positions())
    assert [title for title, n in counts.items() if n > 1] == []


def test_region_codes_are_unique_and_parents_exist():
    index = region_index()
    assert len(index) == len(regions())
    assert all(r.parent is None or r.parent in index for r in regions())


# --- spot checks -------------------------------------------------------------------------------------

@pytest.mark.parametrize("form, name", [
    ("Kemenkeu", "Kementerian Keuangan"),
    ("Kominfo", "Kementerian Komunikasi dan Digital"),
    ("Kemnaker", "Kementerian Ketenagakerjaan"),
    ("Kemenaker", "Kementerian Ketenagakerjaan"),
    ("Kemenkumham", "Kementerian Hukum"),
    ("Kemendikbudristek", "Kementerian Pendidikan Dasar dan Menengah"),
    ("Kemendikdasmen", "Kementerian Pendidikan Dasar dan Menengah"),
    ("Kemenko Polhukam", "Kementerian Koordinator Bidang Politik dan Keamanan"),
    ("BP2MI", "Kementerian Pelindungan Pekerja Migran Indonesia/Badan Pelindungan Pekerja Migran Indonesia"),
    ("BPS", "Badan Pusat Statistik"),
    ("BGN", "Badan Gizi Nasional"),
    ("Mabes Polri", "Kepolisian Negara Republik Indonesia"),
    ("BPJS Ketenagakerjaan", "Badan Penyelenggara Jaminan Sosial Ketenagakerjaan"),
    ("PLN", "PT Perusahaan Listrik Negara (Persero)"),
    ("kpk", "Komisi Pemberantasan Korupsi"),
])
def test_agency_forms_resolve_to_their_agency(form, name):
    assert agency_index()[form.casefold()].name == name


def test_kominfo_is_an_alias_not_an_acronym():
    agency = agency_index()["kominfo"]
    assert "Kominfo" in agency.aliases
    assert "Komdigi" in agency.acronyms


@pytest.mark.parametrize("form, category, head", [
    ("Kemenkeu", "ministry", "Menteri Keuangan"),
    ("Kemenko Perekonomian", "coordinating_ministry", "Menteri Koordinator Bidang Perekonomian"),
    ("BPS", "agency", "Kepala Badan Pusat Statistik"),
    ("Kejagung", "prosecutor", "Jaksa Agung"),
    ("Polri", "police", "Kepala Kepolisian Negara Republik Indonesia"),
    ("BI", "state_body", "Gubernur Bank Indonesia"),
    ("DPR RI", "legislature", "Ketua Dewan Perwakilan Rakyat"),
    ("MK", "court", "Ketua Mahkamah Konstitusi"),
    ("BPJS Kesehatan", "bpjs", "Direktur Utama BPJS Kesehatan"),
])
def test_agency_categories_and_heads(form, category, head):
    agency = agency_index()[form.casefold()]
    assert (agency.category, agency.head) == (category, head)


@pytest.mark.parametrize("abbr, type_, issuer", [
    ("PMK", "PERMEN", "Menteri Keuangan"),
    ("Permenaker", "PERMEN", "Menteri Ketenagakerjaan"),
    ("permendagri", "PERMEN", "Menteri Dalam Negeri"),
    ("PermenPANRB", "PERMEN", "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"),
    ("Kepmenaker", "KEPMEN", "Menteri Ketenagakerjaan"),
    ("Perpres", "PERPRES", None),
    ("Perppu", "PERPPU", None),
    ("Perpu", "PERPPU", None),
    ("Pergub", "PERGUB", None),
    ("Perwal", "PERWAL", None),
    ("Perpol", "PERBAN", "Kepala Kepolisian Negara Republik Indonesia"),
    ("PKPU", "PERBAN", "Komisi Pemilihan Umum"),
    ("Perma", "PERMA", "Mahkamah Agung"),
    ("POJK", "POJK", "Otoritas Jasa Keuangan"),
    ("SKB", "SKB", None),
])
def test_regulation_abbreviations_imply_type_and_issuer(abbr, type_, issuer):
    item = regulation_abbreviations()[abbr.lower()]
    assert (item.type, item.issuer) == (type_, issuer)


def test_regulation_abbreviation_types_come_from_the_guide():
    assert {a.type for a in regulation_abbreviations().values()} <= set(gazetteer.REGULATION_TYPES)


@pytest.mark.parametrize("title, group", [
    ("Wakil Menteri", "executive"),
    ("Wali Kota", "regional"),
    ("Pj Gubernur", "regional"),
    ("Ketua DPRD", "legislature"),
    ("Ketua Majelis Hakim", "judiciary"),
    ("JPU", "prosecutor"),
    ("Kapolres", "police"),
    ("AKBP", "police_rank"),
    ("Dandim", "military"),
    ("Letkol", "military_rank"),
    ("Direktur Utama", "bumn"),
])
def test_position_groups(title, group):
    assert {p.title: p.group for p in positions()}[title] == group


@pytest.mark.parametrize("name, level, parent_name", [
    ("Jakarta Barat", "city", "DKI Jakarta"),
    ("Kepulauan Seribu", "regency", "DKI Jakarta"),
    ("Yogyakarta", "city", "DI Yogyakarta"),
    ("Pangkajene dan Kepulauan", "regency", "Sulawesi Selatan"),
    ("Tanjung Jabung Barat", "regency", "Jambi"),
    ("Siak", "regency", "Riau"),
    ("Batam", "city", "Kepulauan Riau"),
    ("Merauke", "regency", "Papua Selatan"),
    ("Mimika", "regency", "Papua Tengah"),
    ("Jayawijaya", "regency", "Papua Pegunungan"),
    ("Raja Ampat", "regency", "Papua Barat Daya"),
    ("Manokwari", "regency", "Papua Barat"),
    ("Biak Numfor", "regency", "Papua"),
])
def test_regions_sit_under_their_province(name, level, parent_name):
    region = _region_named(name, level)
    assert region_index()[region.parent].name == parent_name


@pytest.mark.parametrize("code, name", [
    ("11", "Aceh"), ("31", "DKI Jakarta"), ("34", "DI Yogyakarta"), ("91", "Papua"), ("92", "Papua Barat"),
    ("93", "Papua Selatan"), ("94", "Papua Tengah"), ("95", "Papua Pegunungan"), ("96", "Papua Barat Daya"),
])
def test_provinces_carry_kemendagri_codes(code, name):
    assert region_index()[code] == gazetteer.Region(code, name, "province", None)


def test_there_are_38_provinces():
    assert sum(r.level == "province" for r in regions()) == 38


def test_districts_follow_their_regency_into_the_new_provinces():
    merauke = _region_named("Merauke", "regency")
    districts = [r for r in regions() if r.parent == merauke.code]
    assert "Merauke" in {d.name for d in districts}
    assert all(d.level == "district" for d in districts)


# --- the build script ------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, title", [
    ("PANGKAJENE DAN KEPULAUAN", "Pangkajene dan Kepulauan"),
    ("DKI JAKARTA", "DKI Jakarta"),
    ("S I A K", "Siak"),
    ("BANYUASIN I", "Banyuasin I"),
    ("NA IX-X", "Na IX-X"),
    ("LOLOWA'U", "Lolowa'u"),
    ("BATI - BATI", "Bati-Bati"),
    ("MUBARNI / ARFU", "Mubarni/Arfu"),
    ("PP. BABAR", "Pulau-Pulau Babar"),
    ("KEP. MASALOKA RAYA", "Kepulauan Masaloka Raya"),
    ("2 X 11 ENAM LINGKUNG", "2 X 11 Enam Lingkung"),
    ("TOLI-TOLI", "Toli-Toli"),
])
def test_title_case(raw, title):
    assert _build_regions_module().title_case(raw) == title


@pytest.mark.parametrize("raw, expected", [
    ("KOTA ADMINISTRASI JAKARTA BARAT", ("Jakarta Barat", "city")),
    ("KABUPATEN ADMINISTRASI KEPULAUAN SERIBU", ("Kepulauan Seribu", "regency")),
    ("KABUPATEN KOTAWARINGIN BARAT", ("Kotawaringin Barat", "regency")),
    ("KOTA BAUBAU", ("Baubau", "city")),
])
def test_split_regency(raw, expected):
    assert _build_regions_module().split_regency(raw) == expected


@pytest.mark.skipif(not EMSIFA.is_dir(), reason="shared region source not present")
def test_committed_regions_match_a_fresh_build():
    module = _build_regions_module()
    fresh = module.render(module.build(EMSIFA))
    assert fresh == (ROOT / "extract" / "data" / "regions.tsv").read_text(encoding="utf-8")


# --- malformed files ------------------------------------------------------------------------------

GOOD_AGENCY = ('{"name": "Badan Pusat Statistik", "acronyms": ["BPS"], "aliases": [], '
               '"category": "agency", "head": null}')


@pytest.mark.parametrize("parser, filename, text, problem", [
    (parse_agencies, "agencies.jsonl",
     GOOD_AGENCY + '\n{"name": "Badan X", "acronyms": [], "aliases": [], "category": "club", "head": null}\n',
     "unknown category 'club'"),
    (parse_agencies, "agencies.jsonl",
     GOOD_AGENCY + '\n{"acronyms": ["BX"], "aliases": [], "category": "agency", "head": null}\n',
     "missing name"),
    (parse_agencies, "agencies.jsonl",
     GOOD_AGENCY + '\n{"name": "Biro Pusat Statistik", "acronyms": ["bps"], "category": "agency"}\n',
     "duplicate acronym 'bps' (already on line 1)"),
    (parse_agencies, "agencies.jsonl", GOOD_AGENCY + '\n{"name": "Badan X", "category": "agency",\n',
     "invalid JSON"),
    (parse_agencies, "agencies.jsonl",
     GOOD_AGENCY + '\n{"name": "Badan X", "category": "agency", "website": "x"}\n', "unknown field website"),
    (parse_agencies, "agencies.jsonl", GOOD_AGENCY + '\n{"name": " Badan X", "category": "agency"}\n',
     "stray spaces"),
    (parse_regulation_abbreviations, "regulation_abbreviations.jsonl",
     '{"abbr": "PP", "type": "PP", "issuer": null}\n{"abbr": "Permenx", "type": "PERMENX", "issuer": null}\n',
     "unknown type code 'PERMENX'"),
    (parse_regulation_abbreviations, "regulation_abbreviations.jsonl",
     '{"abbr": "PP", "type": "PP", "issuer": null}\n{"abbr": "pp", "type": "PP", "issuer": null}\n',
     "duplicate abbreviation 'pp'"),
    (parse_positions, "positions.jsonl",
     '{"title": "Bupati", "group": "regional"}\n{"title": "Raja", "group": "royalty"}\n', "unknown group 'royalty'"),
])
def test_a_bad_second_line_names_file_line_and_problem(tmp_path, parser, filename, text, problem):
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        parser(path)
    message = str(caught.value)
    assert message.startswith(f"{filename}, line 2: ")
    assert problem in message
    assert isinstance(caught.value, GazetteerError) and caught.value.line == 2


REGIONS_START = "code\tname\tlevel\tparent\n11\tAceh\tprovince\t\n"


@pytest.mark.parametrize("row, problem", [
    ("1101\tSimeulue\tregency\n", "expected 4 tab-separated fields, found 3"),
    ("1101\tSimeulue\tkingdom\t11\n", "unknown level 'kingdom'"),
    ("11a\tSimeulue\tregency\t11\n", "code '11a' is not a number"),
    ("12\tSumatera Utara\tprovince\t11\n", "province 12 has a parent"),
    ("11\tAceh Lagi\tprovince\t\n", "duplicate code 11 (already on line 2)"),
    ("1101\tSimeulue\tregency\t12\n", "parent 12 of regency 1101 is missing"),
    ("1101010\tTeupah\tdistrict\t11\n", "parent 11 of district 1101010 is province"),
])
def test_a_bad_region_row_names_file_line_and_problem(tmp_path, row, problem):
    path = tmp_path / "regions.tsv"
    path.write_text(REGIONS_START + row, encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        parse_regions(path)
    assert str(caught.value).startswith("regions.tsv, line 3: ")
    assert problem in str(caught.value)


def test_regions_need_their_header(tmp_path):
    path = tmp_path / "regions.tsv"
    path.write_text("11\tAceh\tprovince\t\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"regions\.tsv, line 1: the header"):
        parse_regions(path)


def test_a_good_file_parses_to_frozen_records(tmp_path):
    path = tmp_path / "agencies.jsonl"
    path.write_text(GOOD_AGENCY + "\n\n", encoding="utf-8")
    (agency,) = parse_agencies(path)
    assert agency == gazetteer.Agency("Badan Pusat Statistik", ("BPS",), (), "agency", None)
    with pytest.raises(AttributeError):
        agency.name = "x"


def test_region_short_forms_name_listed_regions():
    from extract.find.lexicon import region_short_forms

    names = {r.name for r in regions() if r.level != "district"} | {"DKI Jakarta", "DI Yogyakarta", "Yogyakarta"}
    assert [(short, full) for short, full in region_short_forms().items() if full not in names] == []


def test_head_titles_name_known_short_forms():
    from extract.find.agencies import _titles

    titles = _titles()
    assert titles["Kapolres"].long == "Kepolisian Resor" and titles["Kajari"].long == "Kejaksaan Negeri"
