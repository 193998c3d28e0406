"""Find people and the public offices they hold.

Officials are found in the constructions that Indonesian releases and news use:

* position then name, with or without a comma: "Kepala Dinas Sosial, Nama", "Menteri Keuangan Nama";
* name then position: "Nama, Kepala Dinas Sosial"; "Nama selaku Bupati X";
* the chain "Mewakili Wali Kota X, Nama, Asisten Y, Nama mengatakan", which the first rule reads pairwise.

Other people are found beside speech verbs ("kata Nama", "Nama mengatakan"). Where a position is
written without a comma, the words that belong to institution and region names (from the
gazetteers) stay with the position and the first other capitalised word starts the name.
:mod:`.persons` merges "Purbaya" into "Purbaya Yudhi Sadewa" within a document.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import cache

from .. import data
from .lexicon import HONORIFICS, TITLES_BEFORE_NAME, alternation, strip_person_name
from .vocabulary import COUNTRY_WORDS, PARTY_WORDS, position_titles, position_vocabulary, ranks, region_names


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    text: str
    name: str
    position: str | None = None
    position_start: int | None = None
    rank: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    position: str | None
    agency: str | None
    official: bool
    mentions: tuple[PersonMention, ...] = field(default=())

    def to_dict(self) -> dict:
        return {"name": self.name, "position": self.position, "agency": self.agency,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in self.mentions]}


# --- vocabularies ---------------------------------------------------------------------------------


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

_NAME_TOKEN = (r"(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?|Mc[A-Z][a-z]+|[A-Z]\.?(?=[ \t,])"
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
    parts = []
    for t in position_titles():
        words = t.split()
        # "Juru bicara", "Kepala dinas": news writes a title's later words in either case.
        rest = "".join(rf"[ \t]+[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" if w[0].isupper() else rf"[ \t]+{re.escape(w)}"
                       for w in words[1:])
        first = re.escape(words[0])
        lower_ok = words[0].lower() in LOWERCASE_TITLES
        parts.append((t[0], (f"[{t[0].upper()}{t[0].lower()}]{first[1:]}" if lower_ok else first) + rest))
    # Grouped by first letter behind a lookahead, so that a word is tried only against the titles it can
    # open; inside a group the titles keep their order (longest first), so the same title wins.
    groups: dict[str, list[str]] = {}
    for first_char, part in parts:
        groups.setdefault(first_char.lower(), []).append(part)
    return "|".join(f"(?=[{re.escape(c.upper())}{re.escape(c)}])(?:{'|'.join(g)})" if c.isalpha() else "|".join(g)
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


@cache
def _position_name_pattern() -> re.Pattern:
    """A title, the capitalised words after it, and optionally a comma and a name block."""
    return re.compile(
        rf"(?:(?<![\w-])|(?<=kata)|(?<=ujar)|(?<=ucap))"  # "kataKapolres": a verb glued to the title
        rf"(?P<pos>(?:(?i:mantan|eks|plt\.?|pj\.?|penjabat)[ \t]+)?(?:{_title_alt()})(?![\w-])"
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
        r"(?:(?<=[a-z,;:]\s)|(?<=^)|(?<=\n)|(?<=\.\s))" + _name_pattern("name")
        # "Nama (NN) selaku ...": the initials a report gives in brackets sit between name and position
        + r"(?:[ \t]*\([A-Z]{2,4}\))?"
        + rf"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+(?:selaku|sebagai)[ \t]+"
        # "Nama, yang juga Ketua X", "Nama yang merupakan Kepala X", "Nama yang menjabat sebagai Kepala X"
        rf"|,?[ \t]+yang[ \t]+(?:juga[ \t]+|kini[ \t]+|saat[ \t]+ini[ \t]+)?(?:menjabat|merupakan|adalah|juga)(?:[ \t]+sebagai)?[ \t]+)"
        rf"(?P<pos>(?:(?i:mantan|eks|plt\.?|pj\.?)[ \t]+)?(?:{_title_alt()})(?![\w-])"
        rf"(?:{_COMPLEMENT_JOIN}{_COMPLEMENT_WORD}){{0,12}})", re.MULTILINE)


@cache
def _speech_pattern() -> re.Pattern:
    after = rf"(?<![\w-])(?:{SPEECH_VERBS_AFTER}|adalah|yakni|yaitu|bernama|ialah|[Mm]enurut)(?![\w-])[ \t]+{_name_pattern('name')}"
    before = r"(?<![\w'’-])" + _name_pattern("name2") + rf"[ \t]+{SPEECH_VERBS_BEFORE}(?![\w-])"
    return re.compile(f"{after}|{before}")


_ABSTRACT_NOUN = re.compile(r"(?:pe[mn]?g?|per|ke)[a-z]{3,}an")
def _abstract(word: str) -> bool:
    """A noun of the pe-/ke-...-an kind ("Pemberhentian", "Kebagusan"), which no given name is."""
    return len(word) >= 9 and _ABSTRACT_NOUN.fullmatch(word.lower()) is not None


FIRM_WORDS = frozenset({"PT", "CV", "UD", "Perum", "Perumda", "PD"})


def _leading_rank(words: list[str]) -> tuple[str | None, list[str]]:
    """Split a police or military rank ("Kombes Pol", "AKBP") off the front of a name's words."""
    if words and words[0].strip(".") in ranks():
        n = 2 if len(words) > 1 and words[1].strip(".") in RANK_SUFFIXES else 1
        return " ".join(words[:n]), words[n:]
    return None, words


def _name_words(words: list[str]) -> list[str]:
    """Name words up to the first one that cannot be part of a name (a weekday, a month, a title);
    "Nama-Menhan" ends at the hyphen where an office word follows it."""
    out = []
    vocab = _vocab()
    for k, w in enumerate(words):
        if w in NOT_NAMES and out:
            break
        head, _, tail = w.partition("-")
        # "Nama Nama-Nama Nama": two people joined by a hyphen ("Prabowo-Gibran"), the first one's name ends.
        pair = len(head) > 2 and tail[:1].isupper() and tail[1:2].islower() and k + 1 < len(words) and out
        if tail and (tail in vocab or tail in ranks() or pair):
            out.append(head)
            break
        out.append(w)
    return out


_DEGREE_TAIL = re.compile(r",\s*(?:[A-Z][a-zA-Z]{0,3}\.)+[A-Za-z]{0,4}\.?$")


def _clean_name(raw: str) -> str:
    """A name without honorifics and degrees, dotted ones included ("Nama, S.I.K")."""
    name = strip_person_name(raw)
    previous = None
    while previous != name:
        previous, name = name, _DEGREE_TAIL.sub("", name).strip(" ,")
    # No name holds a comma: what follows one is a degree or the next item of a list ("Nama, Sekda ...").
    name = name.split(",", 1)[0].strip()
    rank, words = _leading_rank(name.split())
    return " ".join(words) if rank and words else name


def _opener(word: str) -> bool:
    """A capitalised sentence opener, never the first word of a name: "Namun", "Awalnya", "Faktanya"."""
    return word in NOT_NAMES or (len(word) > 5 and word.endswith("nya") and word[:1].isupper())


MONTHS = frozenset(row[0].capitalize() for row in data.table("months.tsv", 2))  # data/months.tsv


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def depth_ok(words: list[re.Match], k: int) -> bool:
    """Whether word ``k`` of a run stands outside brackets."""
    depth = 0
    for w in words[:k]:
        depth += w.group(0).count("(") - w.group(0).count(")")
    return depth <= 0 and "(" not in words[k].group(0)


def _read_position_name(text: str, m: re.Match) -> PersonMention | None:
    """Split a title run into position and name: at the comma where there is one, else where the
    office words stop."""
    pos_text = m.group("pos")
    candidates = []
    if m.group("comma") and m.group("name"):
        candidates.append((pos_text, m.start("rank") if m.group("rank") else m.start("name"), m.end("name")))
    # Without a comma, the name starts at the first capitalised word that is not an office word.
    vocab = _vocab()
    words = list(re.finditer(r"\S+", pos_text))
    # The title's own words ("Direktur Jenderal") are never the start of a name, ranks among them or not.
    # A title has at most _title_length() words, so only that many joins are tried.
    titles, joined, title_words = _title_set(), "", 1
    for n, w in enumerate(words[:_title_length()], 1):
        joined = f"{joined} {w.group(0)}" if n > 1 else w.group(0)
        if joined.lower() in titles:
            title_words = n
    depth = 0
    bares = [w.group(0).strip("(),") for w in words]
    # A rank inside the run marks where the name starts: "Kapolsek Tempat AKP Nama".
    # So does the start of a Balinese name: "Sekda Kabupaten Tabanan I Made Nama", "Kadis X Anak Agung Nama".
    rank_at = next((k for k in range(title_words, len(words) - 1) if (bares[k] in ranks() and depth_ok(words, k)
                    and bares[k + 1][:1].isupper()) or (bares[k] in ("I", "Ni") and bares[k + 1] in BIRTH_ORDER_NAMES)
                    or f"{bares[k]} {bares[k + 1]}" in ("Anak Agung", "Ida Bagus", "Ida Ayu")),
                   None)
    # A district's name right after a district's own office ("Camat Cibinong Nama", "Camat Tarogong Kidul
    # Nama") is the position's when a name follows it; the office is then whole. Other titles do not take
    # a district's name: "Bupati Budi Nama" names a person called Budi.
    district_end = None
    if " ".join(bares[:title_words]) in DISTRICT_TITLES:
        if " ".join(bares[title_words:]) in _district_names():
            district_end = len(words)  # "Camat Cibinong mengatakan": the office and its district, no name after
        else:
            district_end = next((title_words + n for n in (3, 2, 1) if title_words + n < len(bares)
                                 and " ".join(bares[title_words:title_words + n]) in _district_names()
                                 and bares[title_words + n][:1].isupper() and bares[title_words + n] not in vocab), None)
    acronyms_at = [j for j, w in enumerate(words) if re.fullmatch(r"\([A-Z][A-Za-z]{1,9}\)", w.group(0))]
    for k, w in enumerate(words[title_words:], title_words):
        raw = w.group(0)
        opens, closes = raw.count("("), raw.count(")")
        inside = depth > 0 or opens > 0
        depth += opens - closes
        bare = bares[k]
        if rank_at is not None and k < rank_at:
            continue
        if inside or raw.endswith(",") or not bare or bares[k - 1] in FIRM_WORDS:
            continue  # a bracketed short form, one unit of a list, or a firm's name after "PT": the position's
        if any(k < j < len(words) - 1 and bares[j + 1][:1].isupper() and not any(
                words[i].group(0).endswith(",") or bares[i] in ("dan", "serta") for i in range(k, j)) for j in acronyms_at):
            continue  # "Kepala Badan Pusat Statistika (BPS) Nama": the institution runs up to its short form
        before = [x.group(0) for x in words[:k]]
        rest = bares[k:]
        nxt = bares[k + 1] if k + 1 < len(bares) else ""
        # After a bare title ("Kepala Seksi Intelijen"), what follows is a name only if it looks like one:
        # at most four words, none of them office or place words.
        plausible = len(rest) <= 4 and not any(r in vocab for r in rest)
        complete = _position_complete(before) or (plausible and " ".join(before).lower() in _title_set())
        # An everyday word opens a name where a name word follows it: "Budi" (virtue), "Dewi", "Intan".
        # Not a noun of the pe-/ke-...-an kind ("Pengelolaan Moneter"), nor a firm's name after "PT".
        opens_name = _name_like(bare) or (_name_like(bare, lenient=True) and _name_like(nxt)
                                          and not _ABSTRACT_NOUN.fullmatch(bare.lower())
                                          and bares[k - 1] not in FIRM_WORDS)
        if not complete and opens_name:
            # "Menteri Lingkungan Hidup Nama Nama di ...": a title and office words only, then up to four
            # words that no office, place or everyday text uses, up to a lower-case word.
            run = []
            for x in words[k:]:
                b = x.group(0).strip("(),")
                if not (_name_like(b) or not run) and not (run and b[:1].isupper() and b not in vocab):
                    break
                run.append(b)
                if x.group(0).endswith(","):
                    break
            office = all(b in vocab or _acronym(b) or re.fullmatch(r"[IVX]+|[0-9]+|ke-?[0-9]+", b) or b.islower()
                         for b in bares[title_words:k])
            after = words[k + len(run)].group(0) if k + len(run) < len(words) else ""
            # The name closes the run: what follows it is a lower-case word, a comma or nothing.
            # "Dirjen X Nama dan Kepala Y Nama": "dan" before another title closes the name too.
            then = bares[k + len(run) + 1] if k + len(run) + 1 < len(bares) else ""
            closes = (not after or (after[:1].islower() and (after not in ("dan", "serta") or then in _title_openers()))
                      or words[k + len(run) - 1].group(0).endswith(","))
            # A unit's number ends its name ("Satgas Wilayah V Nama"): what follows it is the person's.
            numbered = k > title_words and re.fullmatch(r"[IVX]+|[0-9]{1,3}", bares[k - 1]) is not None
            complete = (office or numbered) and closes and 1 <= len(run) <= 4
        if _acronym(bare) and bare not in ranks():
            # Initials open a name ("Jaksa Agung ST Nama") only where the office is whole and a name
            # word follows; any other short form belongs to the position ("Presiden AS Nama").
            if not (len(bare) <= 3 and bare not in vocab and complete and nxt[:1].isupper()
                    and nxt not in vocab and not _acronym(nxt)):
                continue
        if district_end is not None and k < district_end:
            continue
        if k == district_end:
            complete = True
        if bare in ranks() or k == rank_at or (bare[:1].isupper() and bare not in vocab and not re.fullmatch(r"[IVX]+", bare)
                               and complete):
            candidates.append((pos_text[:w.start()].rstrip(), m.start("pos") + w.start(), m.start("pos") + len(pos_text)))
            break
    last = re.search(r"\(([^()]+)\)$", pos_text)
    if not candidates and last:
        # "Pak Menteri (Nama Nama)", "Gubernur (BI Nama)": the name in brackets after the title.
        inner = last.group(1).split()
        i = 0
        while i < len(inner) and (inner[i] in vocab or _acronym(inner[i])):
            i += 1
        # One word in brackets is the position's short form ("Koordinator Wilayah (Korwil)"), not a name.
        if i < len(inner) - 1 and _name_like(inner[i]):
            lead = " ".join(inner[:i])
            start = m.start("pos") + last.start(1) + (len(lead) + 1 if i else 0)
            candidates.append(((pos_text[:last.start()].rstrip() + " " + lead).strip(), start, m.start("pos") + last.end(1)))
    if len(candidates) == 2 and candidates[0][1] > candidates[1][1]:
        # "Jabatan Nama di Gedung X, Tempat": a name inside the run, followed by a lower-case link,
        # comes before the place after the comma.
        named = _NAME_AT.match(text, candidates[1][1])
        if named and re.match(r"[ \t]+(?:di|pada|saat|dalam|usai|seusai|ketika)[ \t]", text[named.end():]):
            candidates.reverse()
        # "Menteri Pertanian Nama Nama, Wamen X Nama": a whole office, then a name of two words or more
        # that runs up to the comma, is one item of a list of officials.
        elif (named and _position_complete(candidates[1][0].split()) and len(named.group(0).split()) > 1
              and text.startswith(",", named.end())):
            candidates.reverse()
    for pos, start, end in candidates:
        # "Kepala Dinas Pemuda, Olahraga, dan Pariwisata": a list of office words, not a name after a comma.
        # "Kepala X, Nama, dan Camat Y, Nama": a title after "dan" opens the next item of a list of people.
        listed = re.match(r"\s*,?\s*(?:dan|serta)\s+([A-Z][\w.]*)", text[end:end + 40])
        if listed and listed.group(1) not in _title_openers():
            continue
        rank, words = _leading_rank(text[start:end].split())
        if rank:
            start = text.index(words[0], start) if words else end
        if m.group("comma") and start >= m.start("name") and (places := _places_before_name(text, start)):
            # "Kepala Desa Sukamaju, Kecamatan Cibinong, Nama": the places after the comma are the position's.
            pos = f"{pos}, {text[start:places].strip(' ,')}"
            start = places
        elif m.group("comma") and start >= m.start("name") and (lead := _region_lead(words)):
            # "Mantan Ketua DPRD X, Riau Nama": a region after the comma is the position's, not the name's.
            pos = f"{pos}, {' '.join(words[:lead])}"
            start = text.index(words[lead], start + len(" ".join(words[:lead])))
        named = _NAME_AT.match(text, start)
        if not named:
            continue
        words = _name_words(named.group(0).split())
        raw_name = " ".join(words)
        name = _clean_name(raw_name)
        # A month opens a name here ("Direktur X Juli Nama"): after an office, not a date.
        if not _valid_name(name, month_ok=len(words) > 1):
            continue
        name_end = start + len(named.group(0).split(words[-1])[0]) + len(words[-1]) if len(words) > 1 else \
            start + len(words[0])
        comma = text.find(",", start, name_end)
        if comma > start and re.match(r"\s*[A-Z][a-z]{3,}\b(?!\.)", text[comma + 1:name_end]):
            name_end = comma  # the next item of a list ("Nama, Sekda ..."), not a degree, follows the comma
        return PersonMention(start, name_end, text[start:name_end], name, _clean_position(pos), m.start("pos"), rank)
    return None


_PLACE_SEGMENT = re.compile(r"((?:Kecamatan|Kabupaten|Kota|Provinsi|Kelurahan|Desa|Kec\.|Kab\.)[ \t]+)?"
                            r"([A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,2})[ \t]*,[ \t]*")


def _places_before_name(text: str, at: int) -> int:
    """Where the name starts after a run of places, each closed by a comma ("Sukamaju, Kecamatan Cibinong,
    Nama" or "Kencong, Jember, Nama"), or 0 where no such run stands at ``at``. The first place may be one
    the gazetteers do not know (a village) only where a known region or a place word follows it."""
    segments = []
    pos = at
    while len(segments) < 4 and (m := _PLACE_SEGMENT.match(text, pos)):
        segments.append((bool(m.group(1)) or m.group(2) in region_names() or m.group(2) in _district_names(), m.end()))
        pos = m.end()
    # The run ends before the segment that is the name itself, which the pattern also takes when a comma follows it.
    while segments and not segments[-1][0]:
        segments.pop()
    if not segments or not all(known for known, _ in segments[1:]):
        return 0
    end = segments[-1][1]
    return end if _NAME_AT.match(text, end) else 0


@cache
def _provinces() -> frozenset[str]:
    from .gazetteer import regions

    return frozenset(r.name for r in regions() if r.level == "province")


def _region_lead(words: list[str]) -> int:
    """How many of the first words name a province, where a capitalised word follows them. Only provinces:
    many a regency or city ("Bima", "Agam") is also a given name."""
    names = _provinces()
    return next((n for n in (3, 2, 1) if len(words) > n and " ".join(words[:n]) in names
                 and words[n][:1].isupper() and words[n] not in _vocab()), 0)


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


class _Taken:
    """Disjoint spans already given to a mention, sorted, so that a test for overlap is a bisection."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        # Disjoint spans sorted by start are sorted by end too: only the last one starting before
        # ``b`` can reach past ``a``.
        k = bisect_left(self.spans, (b, -1)) - 1
        return k < 0 or self.spans[k][1] <= a

    def add(self, a: int, b: int) -> None:
        insort(self.spans, (a, b))


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
    last = bare[-1]
    if (last.isupper() and len(last) >= 2 and last not in ("PT", "CV", "TBK", "UD")) or last in ("RI",) or last in COUNTRY_WORDS:
        return True
    names = region_names()
    if any(" ".join(bare[-n:]) in names for n in (1, 2, 3) if len(bare) >= n):
        return True
    offices = _offices()
    return any(" ".join(bare[i:]).lower() in offices for i in range(len(bare)))


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


_REGULATION_BEFORE = re.compile(r"(?:Peraturan|Keputusan|Instruksi|Surat Edaran|Edaran)[ \t]+$")
_ANAPHOR = re.compile(r"[ \t]+(?:itu|tersebut)[ \t,]")


def find_people(text: str) -> list[PersonMention]:
    """Person mentions, with a position where the text gives one next to the name."""
    mentions: list[PersonMention] = []
    taken = _Taken()
    free = taken.free
    vocab = _vocab()

    pattern = _position_name_pattern()
    pos = 0
    anaphors: list[tuple[int, int, str]] = []
    while True:
        m = pattern.search(text, pos)
        if m is None:
            break
        if _REGULATION_BEFORE.search(text, max(0, m.start("pos") - 30), m.start("pos")):
            pos = m.start("pos") + 1  # "Peraturan Presiden (Perpres) tentang ...": an instrument, not an office
            continue
        found = _read_position_name(text, m)
        if found is None and _ANAPHOR.match(text, m.end("pos")) and len(m.group("pos").split()) > 1:
            anaphors.append((m.start("pos"), m.end("pos"), _clean_position(m.group("pos"))))
        # Where no name was read, the next title may sit inside what the comma part took.
        pos = max(m.end("pos"), m.start() + 1) if found is None else max(found.end, m.start() + 1)
        if found is None or not free(found.start, found.end):
            continue
        mentions.append(found)
        taken.add(found.start, found.end)
    for m in _name_position_pattern().finditer(text):
        raw = m.group("name")
        before_name = text[max(0, m.start("name") - 40):m.start("name")].split()
        if before_name and before_name[-1] in vocab and before_name[-1][:1].isupper():
            continue  # "Menteri Kehutanan Nama, Menteri ...": the tail of a position, not a name before one
        prev = before_name[-1] if before_name else ""
        if (prev.isalpha() and _name_like(prev) and len(raw.split()) < 5
                and text.endswith(f"{prev} ", 0, m.start("name"))):
            raw = f"{prev} {raw}"  # "NASA Nama Nama, yang juga ...": the name starts one word further back
        # "Menurut Nama, Kepala ...": a sentence opener in title case is not part of the name.
        while raw.split(" ", 1)[0] in NOT_NAMES and " " in raw:
            if raw.split(" ", 1)[0] in vocab:
                break  # "Menteri X Nama, ...": a title, so the words after it are a position's
            raw = raw.split(" ", 1)[1]
        if raw.split(" ", 1)[0] in vocab and raw.split(" ", 1)[0] in NOT_NAMES:
            continue
        start, end = m.end("name") - len(raw), m.end("name")
        name = _clean_name(raw)
        if not _valid_name(name) or not free(start, end):
            continue
        # A position already given to a name that follows it ("Jabatan, Nama") is not this name's.
        if not free(m.start("pos"), m.start("pos") + 1) or any(p.position_start == m.start("pos") for p in mentions):
            mentions.append(PersonMention(start, end, raw, name))
        else:
            mentions.append(PersonMention(start, end, raw, name, _clean_position(m.group("pos")), m.start("pos")))
        taken.add(start, end)
    for m in _speech_pattern().finditer(text):
        group = "name" if m.group("name") else "name2"
        raw = m.group(group)
        # "Manager Operasional Nama mengatakan": office words before a name are not part of it.
        words = raw.split()
        # "Pengamat Pasar Keuangan Nama Nama mengatakan": office, occupation and everyday words before a name.
        popped = []
        # "Kelurahan Kebagusan Nama Nama mengatakan": a place's or a unit's noun before the name too.
        while (len(words) > 1 and (words[0] in vocab or _opener(words[0]))) or (
                len(words) > 2 and (words[0] in INSTITUTION_WORDS or words[0].lower() in COMMON_WORDS
                                    or (_abstract(words[0]) and _name_like(words[1])))):
            popped.append(words.pop(0))
        if INSTITUTION_HEADS.intersection(popped):
            continue  # "Departemen Kepolisian Kota X mengatakan": the institution speaks, its name goes on
        if " ".join(popped) in DISTRICT_TITLES and " ".join(words) in _district_names():
            continue  # "kata Camat Cibinong": the office and its district
        raw = " ".join(words)
        name = _clean_name(raw)
        if not _valid_name(name) or not free(m.start(group), m.end(group)):
            continue
        if " " not in name and name.lower() in COMMON_WORDS:
            continue  # "Data mengatakan", "Banjir menyebut": an everyday word, not a person
        start = m.end(group) - len(raw)
        if any(p.position_start is not None and p.position_start <= start < p.start for p in mentions):
            continue  # a word of a position already read ("Kebijakan Moneter BI Nama")
        mentions.append(PersonMention(start, m.end(group), raw, name))
        taken.add(start, m.end(group))
    mentions = [_without_named_lead(text, p) for p in mentions]
    # Later mentions of a known name, whole or by one of its words ("Purbaya", "Sadewa"). Names read in a
    # headline, whose every word is capitalised, are too unsure to look for again.
    headline = _headline_end(text)
    known = {p.name for p in mentions if p.start >= headline}
    parts = {t for n in known if len(n.split()) > 1 for t in n.split()
             if len(t) >= 4 and t not in NOT_NAMES and t[:1].isupper()}
    # A nickname given beside a full name ("Nama Nama alias Julukan", "Nama Nama (Gus Julukan)") is that person.
    nicknames = _nicknames(text, [p for p in mentions if p.start >= headline and " " in p.name])
    mentions = [PersonMention(p.start, p.end, p.text, nicknames[p.name], p.position, p.position_start, p.rank)
                if p.name in nicknames else p for p in mentions]
    # Longest first, equal lengths in alphabetical order, so that the result never depends on set order.
    for form in sorted(known | parts | set(nicknames), key=lambda f: (-len(f), f)):
        for at in _occurrences(text, form):
            if free(at, at + len(form)):
                mentions.append(PersonMention(at, at + len(form), form, nicknames.get(form, form)))
                taken.add(at, at + len(form))
    # "Wakil Ketua Komisi II DPR itu menilai": a position without a name points back at the person
    # the last sentence that names anyone is about (its first person).
    for start, end, position in anaphors:
        before = [p for p in mentions if p.end <= start and start - p.end < 400]
        if not before or not free(start, end):
            continue
        last = max(before, key=lambda p: (p.end, p.start))
        sentence = max(text.rfind(". ", 0, last.start), text.rfind("\n", 0, last.start)) + 1
        subject = min((p for p in before if p.start >= sentence), key=lambda p: (p.start, p.end))
        mentions.append(PersonMention(start, end, text[start:end], subject.name, position, start))
        taken.add(start, end)
    return sorted(mentions, key=lambda p: (p.start, p.end, p.name))


_PLACE_OR_FIRM_BEFORE = re.compile(r"\b(?:di|pihak|pengembang|perusahaan|milik|kompleks|manajemen|kawasan|"
                                   r"perumahan|pabrik|toko|grup)[ \t]+$")


_NICKNAME = re.compile(r"(?:[ \t]+(?:alias|atau[ \t]+yang[ \t]+akrab[ \t]+disapa|yang[ \t]+akrab[ \t]+disapa|akrab[ \t]+disapa)"
                       r"[ \t]+|[ \t]*,?[ \t]*\([ \t]*)((?:(?:Gus|Cak|Kang|Bang|Mas|Ning|Mbak|Kak|Abah|Uda)[ \t]+)?[A-Z][a-z]{2,})(?=[ \t]*[),.;]|[ \t]+[a-z])")


def _nicknames(text: str, mentions: list[PersonMention]) -> dict[str, str]:
    """Nicknames the text gives right after a full name, mapped to that name: "Zulhas", "Gus Ipul"."""
    out: dict[str, str] = {}
    vocab = _vocab()
    for p in sorted(mentions, key=lambda p: (p.start, p.end, p.name)):
        m = _NICKNAME.match(text, p.end)
        nick = m.group(1) if m else ""
        last = nick.split()[-1] if nick else ""
        if (not m or last in vocab or last in NOT_NAMES or last in region_names() or last.lower() in COMMON_WORDS
                or nick in p.name.split()):
            continue
        out.setdefault(nick, p.name)
        out.setdefault(last, p.name)  # "Ipul" for "Gus Ipul": the honorific is not the name's
    return out


def _headline_end(text: str) -> int:
    """Where the first line ends if it is a headline in title case ("Gubernur X Luncurkan Mobil Y"), else 0."""
    end = text.find("\n")
    words = [w for w in text[:end if end > 0 else 0].split() if len(w) > 3 and w[:1].isalpha()]
    return end if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words) else 0


def _without_named_lead(text: str, p: PersonMention) -> PersonMention:
    """"Manager Operasional Balboa Estate Nama Nama mengatakan": where the first words of a long name
    stand alone elsewhere in the text as a name of their own ("pengembang Balboa Estate.", or after the
    position's last word again: "Ditjen Pendis Kemenag") and the words after them are used without them
    ("papar Nama"), the first words name something else: a firm, or the end of the position."""
    words = p.name.split()
    if len(words) < 3:
        return p
    for n in (1, 2):
        head, tail = " ".join(words[:n]), words[n:]
        if len(tail) < 2:
            continue
        here = p.start + p.text.find(head)
        unit = text[max(0, here - 30):here].split()[-1:]  # the position's last word, as in "Ditjen Pendis Nama"
        head_alone = any((_PLACE_OR_FIRM_BEFORE.search(text, max(0, at - 20), at)
                          and not text[at + len(head):at + len(head) + 2].strip()[:1].isupper())
                         or (p.position and unit and unit[0][:1].isupper() and text[:at].endswith(unit[0] + " ")
                             and not text.startswith(" " + tail[0], at + len(head)))
                         for at in _occurrences(text, head) if at != here)
        tail_alone = any(not text[:at].rstrip().endswith(words[n - 1]) for at in _occurrences(text, tail[0]))
        at = p.text.find(" " + tail[0] + " ")
        if head_alone and tail_alone and at >= 0:
            start = p.start + at + 1
            position = _clean_position(f"{p.position} {head}") if p.position else None
            return PersonMention(start, p.end, text[start:p.end], " ".join(tail), position, p.position_start, p.rank)
    return p


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _occurrences(text: str, form: str):
    """Offsets where ``form`` stands in ``text`` as whole words (no letter, digit or hyphen beside it)."""
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
            yield at
        at = text.find(form, at + 1)
