"""The words and patterns that tell where a person's name starts and ends, and a position's.

Word sets (office, region and everyday words, ranks, words that are never names), the regular
expressions of the constructions :mod:`.people` reads ("Jabatan Nama", "Nama, Jabatan", "kata Nama"),
and the tests a name or a position must pass. :mod:`.people` finds the mentions with them.
"""
from __future__ import annotations

import re
from functools import cache

from .. import data
from .lexicon import HONORIFICS, TITLES_BEFORE_NAME, alternation, opening
from .vocabulary import COUNTRY_WORDS, PARTY_WORDS, position_titles, position_vocabulary, ranks, region_names


@cache
def _vocab() -> frozenset[str]:
    """Words of offices, institutions, regions, foreign countries and parties: never the start of a name."""
    return position_vocabulary() | COUNTRY_WORDS | PARTY_WORDS


# Everyday words, in lower case: a capitalised one ("Air", "Beri") does not open a name.
COMMON_WORDS = frozenset(data.words("common_words"))  # data/words/common_words.txt (scripts/build_common_words.py)


@cache
def _district_words() -> frozenset[str]:
    from .gazetteer import regions

    return frozenset(w for r in regions() if r.level == "district" for w in r.name.split())


@cache
def _district_names() -> frozenset[str]:
    from .gazetteer import regions

    return frozenset(r.name for r in regions() if r.level == "district")


def _name_like(word: str, *, lenient: bool = False) -> bool:
    """A word that can open a name where the office before it is not known to be whole: capitalised,
    not an office, place or everyday word ("Kepala Dinas Sumber Daya Air" holds no name). ``lenient``
    lets everyday words and words of districts' names through: many a given name is one ("Budi", "Dewi")."""
    return (word[:1].isupper() and word[1:2].islower() and word not in _vocab() and not _opener(word)
            and (lenient or (word.lower() not in COMMON_WORDS and word not in _district_words())))


# Titles that news also writes in lower case before a name ("anggota Komisi II DPR Nama").
LOWERCASE_TITLES = frozenset(data.words("lowercase_titles"))  # data/words/lowercase_titles.txt


RANK_SUFFIXES = frozenset(data.words("rank_suffixes"))  # data/words/rank_suffixes.txt


SPEECH_VERBS_AFTER = "(?:" + "|".join(data.words("speech_verbs_after")) + ")"  # data/words/speech_verbs_after.txt


SPEECH_VERBS_BEFORE = "(?:" + "|".join(data.words("speech_verbs_before")) + ")"  # data/words/speech_verbs_before.txt


NOT_NAMES = frozenset(data.words("not_names"))  # data/words/not_names.txt


DISTRICT_TITLES = frozenset(data.words("district_titles"))  # data/words/district_titles.txt


BIRTH_ORDER_NAMES = frozenset(data.words("birth_order_names"))  # data/words/birth_order_names.txt


PRONOUNS = frozenset(data.words("pronouns"))  # data/words/pronouns.txt


# A word of a name. Its letters are taken possessively (``++``): nothing that may follow a word in these
# patterns starts with a lower-case letter or an apostrophe, so giving letters back never finds a match,
# and the engine no longer tries it letter by letter at every capitalised word (half the patterns' time).
_NAME_TOKEN = (r"(?:[A-Z][a-z'’]++(?:-[A-Z]?[a-z'’]++)?|Mc[A-Z][a-z]++|[A-Z]\.?(?=[ \t,])"
               r"|[A-Z][a-z]?\.)")


_HONORIFIC = rf"(?:(?:{TITLES_BEFORE_NAME})\.?\s+)*"


_DEGREES = r"(?:,?\s+(?:S|M|Ph|Sp|Lc|Ak|CPA|MBA|MPA|MPH|MSc|LLM|Dipl)\.?\s?[A-Za-z.]{0,6}\.?(?=[\s,.;)]|$))*"


# A later word of a name may be a nickname in quote marks: "Nama 'Julukan' Nama".
_NAME_NEXT = rf"(?:{_NAME_TOKEN}|'[A-Z][a-z]+'(?=[ \t]))"


def _name_pattern(group: str) -> str:
    return rf"(?P<{group}>{_HONORIFIC}{_NAME_TOKEN}(?:[ \t]+(?:(?:bin|binti|van|de|al|el)[ \t]+)?{_NAME_NEXT}){{0,4}}){_DEGREES}"


# Where a name is known to start, it may open with initials in capitals: "ST Nama", "IGN Nama".
_NAME_AT = re.compile(r"(?:[A-Z]{2,3}[ \t]+(?=[A-Z][a-z]))?" + _name_pattern("name"))


@cache
def _title_alt() -> str:
    groups: dict[str, list[str]] = {}
    for t in position_titles():
        words = t.split()
        # "Juru bicara", "Kepala dinas": news writes a title's later words in either case.
        rest = "".join(rf"[ \t]+[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" if w[0].isupper() else rf"[ \t]+{re.escape(w)}"
                       for w in words[1:])
        head, tail = words[0][0], words[0][1:]
        if not head.isalpha() or not tail:
            groups.setdefault("", []).append(re.escape(words[0]) + rest)
        elif words[0].lower() in LOWERCASE_TITLES:  # "kepala dinas" in lower case too
            groups.setdefault(head.lower(), []).append(re.escape(tail) + rest)
        else:  # a capital only: checked behind the second letter, which the branch opens with
            groups.setdefault(head.lower(), []).append(
                f"{re.escape(tail[0])}(?<={re.escape(head + tail[0])}){re.escape(tail[1:])}{rest}")
    # Grouped by first letter, consumed in either case, so that the engine tries a word only against the
    # titles it can open (a branch that opens with a character it skips at once); inside a group the
    # titles keep their order (longest first), so the same title wins.
    return "|".join(f"[{re.escape(c.upper())}{re.escape(c)}](?:{'|'.join(g)})" if c else "|".join(g)
                    for c, g in groups.items())


# A word of a position: capitalised, a Roman or plain number, or a bracketed short form ("(Dirjen PHI)").
_COMPLEMENT_WORD = (r"(?:[A-Z][\w'’&/-]*|[IVX]+|[0-9]{1,4}(?:/[A-Z][\w-]*)?|ke-?[0-9]{1,2}"
                    r"|\([A-Z][\w-]*(?:[ \t]+(?:dan[ \t]+)?[A-Z][\w-]*){0,4}\))")


# Words join with a space, a lower-case link, or a comma inside a list of one-word units that ends
# in "dan"/"serta" ("Dinas Pemuda, Olahraga, dan Pariwisata").
_UNIT_LIST = r"[ \t]*,[ \t]*(?=(?:[A-Z][a-z]+[ \t]*,[ \t]*)*[A-Z][a-z]+,?[ \t]+(?:dan|serta)[ \t]+[A-Z])"


# "Anggota DPR dari Fraksi X", "Anggota DPRD dari Dapil Y": a member's party or seat is the position's.
_COMPLEMENT_JOIN = (rf"(?:,?[ \t]+(?:dan|serta)[ \t]+(?=[A-Z])|[ \t]+(?:pada|di|untuk|bidang|urusan)[ \t]+"
                    rf"|[ \t]+dari[ \t]+(?=(?:Fraksi|Partai|Dapil|Daerah[ \t]+Pemilihan)\b)|{_UNIT_LIST}|[ \t]+)")


_PREFIXES = r"mantan|eks|plt\.?|pj\.?|penjabat"  # before a title, in any case: "mantan Kepala", "Plt. Kepala"


def _name_openers() -> set[str]:
    """What a name block can start with: a capital, or an honorific ("dr.", "drg.")."""
    return set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") | {alt[0] for alt in TITLES_BEFORE_NAME.split("|")}


@cache
def _title_openers_chars() -> set[str]:
    """What a title, or a word before one, can start with (both cases where :func:`_title_alt` allows)."""
    chars = {c for word in _PREFIXES.split("|") for c in (word[0], word[0].upper())}
    for t in position_titles():
        chars.add(t[0])
        if t.split()[0].lower() in LOWERCASE_TITLES:
            chars.update((t[0].upper(), t[0].lower()))
    return chars


@cache
def _position_name_pattern() -> re.Pattern:
    """A title, the capitalised words after it, and optionally a comma and a name block."""
    return re.compile(
        opening(_title_openers_chars())
        + rf"(?:(?<![\w-])|(?<=kata|ujar|ucap))"  # "kataKapolres": a verb glued to the title
        rf"(?P<pos>(?:(?i:{_PREFIXES})[ \t]+)?(?:{_title_alt()})(?![\w-])"
        rf"(?:{_COMPLEMENT_JOIN}{_COMPLEMENT_WORD}){{0,40}})"  # bounded: a run of capitalised words is read in windows
        rf"(?:(?P<comma>[ \t]*,[ \t]*|[ \t]+(?:saat|kala|ketika)[ \t]+itu[ \t]*,[ \t]*|[ \t]+dijabat(?:[ \t]+oleh)?[ \t]+)(?:(?P<rank>{_rank_alt()})[ \t]+)?" + _name_pattern("name") + r")?"
    )


@cache
def _rank_alt() -> str:
    ranks_alt = alternation(sorted(ranks(), key=len, reverse=True))
    suffixes = "|".join(map(re.escape, sorted(RANK_SUFFIXES)))
    return rf"(?:{ranks_alt})(?:[ \t]+(?:{suffixes})\.?)?"


@cache
def _name_position_pattern() -> re.Pattern:
    return re.compile(
        opening(_name_openers()) + r"(?:(?<=[a-z,;:.]\s)|^)" + _name_pattern("name")  # ^: a line's start
        # "Nama (NN) selaku ...": the initials a report gives in brackets sit between name and position
        + r"(?:[ \t]*\([A-Z]{2,4}\))?"
        + rf"(?:[ \t]*,?[ \t]+(?:selaku|sebagai)[ \t]+|[ \t]*,[ \t]*|[ \t]*\([ \t]*"
        # "Nama, yang juga Ketua X", "Nama yang merupakan Kepala X", "Nama yang menjabat sebagai Kepala X"
        rf"|,?[ \t]+yang[ \t]+(?:juga[ \t]+|kini[ \t]+|saat[ \t]+ini[ \t]+)?(?:menjabat|merupakan|adalah|juga)(?:[ \t]+sebagai)?[ \t]+)"
        rf"(?P<pos>(?:(?i:mantan|eks|plt\.?|pj\.?)[ \t]+)?(?:{_title_alt()})(?![\w-])"
        rf"(?:{_COMPLEMENT_JOIN}{_COMPLEMENT_WORD}){{0,12}})", re.MULTILINE)


@cache
def _speech_pattern() -> re.Pattern:
    # "kata Pakar Hukum Universitas X, Nama Nama": an expert's occupation and field, then the name.
    field = r"(?:(?:Pakar|Pengamat|Peneliti|Ekonom|Analis|Akademisi|Praktisi|Dosen)(?![\w-])[^,\n\"]{0,80},[ \t]+)?"
    after = (rf"(?:{SPEECH_VERBS_AFTER}|adalah|yakni|yaitu|bernama|ialah|[Mm]enurut)(?![\w-])[ \t]+"
             rf"{field}{_name_pattern('name')}")
    before = _name_pattern("name2") + rf"[ \t]+{SPEECH_VERBS_BEFORE}(?![\w-])"
    # The verbs, "adalah", "yakni"/"yaitu", "bernama", "ialah", "Menurut"/"menurut", or a name; at a
    # word's start either way (checked once for both), a name not right after an apostrophe.
    openers = {v[0] for v in data.words("speech_verbs_after")} | set("aybiMm") | _name_openers()
    return re.compile(rf"{opening(openers)}(?<![\w-])(?:{after}|(?<!['’]){before})")


_ABSTRACT_NOUN = re.compile(r"(?:pe[mn]?g?|per|ke)[a-z]{3,}an")


def _abstract(word: str) -> bool:
    """A noun of the pe-/ke-...-an kind ("Pemberhentian", "Kebagusan"), which no given name is."""
    return len(word) >= 9 and _ABSTRACT_NOUN.fullmatch(word.lower()) is not None


FIRM_WORDS = frozenset({"PT", "CV", "UD", "Perum", "Perumda", "PD"})


def _opener(word: str) -> bool:
    """A capitalised sentence opener, never the first word of a name: "Namun", "Awalnya", "Faktanya"."""
    return word in NOT_NAMES or (len(word) > 5 and word.endswith("nya") and word[:1].isupper())


MONTHS = frozenset(row[0].capitalize() for row in data.table("months.tsv", 2))  # data/months.tsv


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


@cache
def _provinces() -> frozenset[str]:
    from .gazetteer import regions

    return frozenset(r.name for r in regions() if r.level == "province")


STANDALONE_TITLES = frozenset(data.words("standalone_titles"))  # data/words/standalone_titles.txt


@cache
def _title_set() -> frozenset[str]:
    return frozenset(t.lower() for t in position_titles()) | frozenset(
        f"{prefix} {t.lower()}" for prefix in ("mantan", "eks", "plt", "plt.", "pj", "pj.") for t in position_titles())


@cache
def _title_openers() -> frozenset[str]:
    """The first words of titles, as written: "Kepala", "Dirjen", "Menteri"."""
    return frozenset(t.split()[0] for t in position_titles() if t[:1].isupper())


@cache
def _title_length() -> int:
    """The most words any title of :func:`_title_set` has."""
    return max((len(t.split(" ")) for t in _title_set()), default=1)


@cache
def _offices() -> frozenset[str]:
    """Whole offices and institutions, lower case: a position that is one of them is complete."""
    from .gazetteer import agencies

    # A title alone is a whole office only where it names its institution ("Presiden", "Kapolri",
    # "Menkeu"); "Kepala" or "Direktur Utama" needs the rest of the position.
    out = {t.lower() for t in position_titles() if t in STANDALONE_TITLES or re.fullmatch(r"(?:Wa)?[Mm]en[a-z]{2,}", t)}
    for a in agencies():
        out.update(f.lower() for f in (a.name, *a.acronyms, *a.aliases, a.head or "") if f)
    return frozenset(out)


def _position_complete(words: list[str]) -> bool:
    """Whether a position written without a comma can end here, so that a name may follow: it ends
    in an acronym ("Juru Bicara KPK"), a region ("Bupati Sleman"), or is a whole known office
    ("Menteri Keuangan"). "Kepala Dinas Sumber Daya" is not complete, so "Air" is no name."""
    bare = [w.strip("(),") for w in words]
    last = bare[-1].rsplit("/", 1)[-1]  # "Menteri Investasi dan Hilirisasi/BKPM": the short form ends it
    if (last.isupper() and len(last) >= 2 and last not in ("PT", "CV", "TBK", "UD")) or last in ("RI",) or last in COUNTRY_WORDS:
        return True
    names = region_names()
    if any(" ".join(bare[-n:]) in names for n in (1, 2, 3) if len(bare) >= n):
        return True
    offices = _offices()
    # Only the last words can make an office: no office has more spaces than the longest one.
    first = max(0, len(bare) - 1 - _office_spaces())
    return any(" ".join(bare[i:]).lower() in offices for i in range(first, len(bare)))


@cache
def _office_spaces() -> int:
    return max((office.count(" ") for office in _offices()), default=0)


# The first words of institutions' names ("Kepolisian", "Dinas"); what follows one is the institution's.
INSTITUTION_HEADS = frozenset(data.words("agency_head_words"))


# Words of institutions and places that no person's name contains.
INSTITUTION_WORDS = frozenset(data.words("institution_words"))  # data/words/institution_words.txt


def _holds_region(tokens: list[str]) -> bool:
    """"Kesbangpol Jawa Tengah" is an office, not a person: no name holds a region of two or more words."""
    names = region_names()
    return any(" ".join(tokens[i:i + n]) in names for n in (2, 3) for i in range(len(tokens) - n + 1))


def _valid_name(name: str, *, month_ok: bool = False) -> bool:
    tokens = name.split()
    if any(t.strip(",.") in INSTITUTION_WORDS for t in tokens):
        return False
    if not tokens or all(t in NOT_NAMES or t.lower() in HONORIFICS or t in ranks() for t in tokens):
        return False  # "Senin", "Bapak", "Bripda": a day, an honorific or a rank alone
    if (_opener(tokens[0]) and not (month_ok and tokens[0] in MONTHS)) or any(t.strip(".,") in PRONOUNS for t in tokens):
        return False
    if _abstract(tokens[0]):
        return False  # "Pemberhentian Tidak Dengan Hormat", "Pengelolaan Royalti": a noun phrase, not a name
    if _holds_region(tokens):
        return False
    if len(tokens) == 1 and (tokens[0].lower() in COMMON_WORDS or tokens[0] in region_names()):
        return False  # "Kemarin", "Beri", "Bali": an everyday word or a region, not a one-word name
    vocab = _vocab()
    if all(t in vocab or t.isupper() for t in tokens):
        return False
    return any(len(t.strip(".")) > 1 for t in tokens)


_TERM = re.compile(r"\s+(?:pada|periode|tahun|sejak)\s+(?:(?:[0-9]{1,2}\s+)?(?:" + "|".join(sorted(MONTHS)) + r")\s+)?"
                   r"[0-9]{4}(?:\s*[-–]\s*[0-9]{4})?$")


def _clean_position(pos: str) -> str:
    pos = re.sub(r"\s*\([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,5}\)", "", pos)
    pos = re.sub(r"\s+", " ", pos).strip(" ,")
    pos = _TERM.sub("", pos)  # a term of office: "pada Januari 2025", "periode 2019-2024"
    pos = re.sub(r"\s+(?:dan|pada|di|untuk)$", "", pos)
    pos = re.sub(r"(?<=[A-Za-z])[0-9]{1,2}$", "", pos)  # "DPRD OKU2.", "PT X Wisata4.": a list number glued on
    return pos
