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
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from itertools import accumulate, islice

from .lexicon import strip_person_name
from .name_forms import PersonMention, WordStarts, bylines, fuller_forms, occurrences
from .name_words import (
    _ABSTRACT_NOUN,
    _NAME_AT,
    BIRTH_ORDER_NAMES,
    COMMON_WORDS,
    DISTRICT_TITLES,
    FIRM_WORDS,
    INSTITUTION_HEADS,
    INSTITUTION_WORDS,
    NOT_NAMES,
    RANK_SUFFIXES,
    _abstract,
    _acronym,
    _clean_position,
    _district_names,
    _name_like,
    _name_position_pattern,
    _opener,
    _position_complete,
    _position_name_pattern,
    _provinces,
    _speech_pattern,
    _title_length,
    _title_openers,
    _title_set,
    _valid_name,
    _vocab,
)
from .vocabulary import ranks, region_names


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
        if tail and len(head) <= 2:
            break  # "Co-President", "Ex-Officio": a prefix of an office word, not a name
        # "Nama Nama-Nama Nama": two people joined by a hyphen ("Prabowo-Gibran"), the first one's name ends.
        # So does a name of one word alone ("Presiden Nama-Nama"), which is the two people's pair.
        pair = len(head) > 2 and tail[:1].isupper() and tail[1:2].islower() and (
            (k + 1 < len(words) and out) or (len(words) == 1 and len(tail) > 2))
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
                    or (k > title_words and bares[k] in BIRTH_ORDER_NAMES and bares[k + 1][:1].isupper()
                        and bares[k - 1] not in ("I", "Ni", "Agung", "Bagus", "Ayu", "Gusti"))
                    # and a Sasak title after the region: "Gubernur NTB Lalu Nama Nama"
                    or (k > title_words and bares[k] in ("Lalu", "Baiq") and _name_like(bares[k + 1])
                        and " ".join(bares[title_words:k]) in region_names())
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
    # A national office takes no region ("Wamendagri Bima Nama"): a region's name right after it opens
    # the name where a name word follows it.
    if (rank_at is None and title_words < len(bares) - 1 and _NATIONAL_TITLE.fullmatch(bares[0])
            and bares[title_words] in region_names() and _name_like(bares[title_words + 1])
            and bares[title_words + 1] not in vocab):
        rank_at = title_words
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
        # Not a noun of the pe-/ke-...-an kind ("Pengelolaan Moneter"); a firm's name after "PT" was skipped above.
        opens_name = _name_like(bare) or (_name_like(bare, lenient=True) and _name_like(nxt)
                                          and not _ABSTRACT_NOUN.fullmatch(bare.lower()))
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
            # "Menteri Investasi dan Hilirisasi/BKPM Nama": words joined by a slash to a short form are an office's.
            office = all(b in vocab or _acronym(b) or re.fullmatch(r"[IVX]+|[0-9]+|ke-?[0-9]+", b) or b.islower()
                         or ("/" in b and any(_acronym(x) or x in vocab for x in b.split("/")))
                         for b in bares[title_words:k])
            after = words[k + len(run)].group(0) if k + len(run) < len(words) else ""
            # The name closes the run: what follows it is a lower-case word, a comma or nothing.
            # "Dirjen X Nama dan Kepala Y Nama": "dan" before another title closes the name too.
            then = bares[k + len(run) + 1] if k + len(run) + 1 < len(bares) else ""
            closes = (not after or after[:1].isdigit()  # "Menko X Nama 82 persen": a list of figures
                      or (after[:1].islower() and (after not in ("dan", "serta") or then in _title_openers()))
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
        if bare in ranks() or k == rank_at or (bare[:1].isupper() and bare not in vocab and "/" not in bare
                                               and not re.fullmatch(r"[IVX]+", bare)
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
        sasak = len(words) > 2 and words[0] in ("Lalu", "Baiq")  # a title that is the name's, not "lalu"
        if not _valid_name(" ".join(name.split()[1:]) if sasak else name, month_ok=len(words) > 1):
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


def _region_lead(words: list[str]) -> int:
    """How many of the first words name a province, where a capitalised word follows them. Only provinces:
    many a regency or city ("Bima", "Agam") is also a given name."""
    names = _provinces()
    return next((n for n in (3, 2, 1) if len(words) > n and " ".join(words[:n]) in names
                 and words[n][:1].isupper() and words[n] not in _vocab()), 0)


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


_NATIONAL_TITLE = re.compile(r"Wamen[a-z]*|Men[a-z]+|Presiden|Wapres|Kapolri")
_NUMBERED_LEAD = re.compile(r"^\S+[ \t]+(?:I{1,3}|IV|VI{0,3}|IX|X)[ \t]+(?=\S+[ \t]+\S)")
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
    for found in bylines(text):
        if free(found.start, found.end):
            mentions.append(found)
            taken.add(found.start, found.end)
    given = {p.position_start for p in mentions}  # positions already given to a name
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
        numbered = _NUMBERED_LEAD.search(raw)
        if numbered:  # "Teradu II Nama Nama, selaku ...": a party's number in a case is not the name's
            raw = raw[numbered.end():]
        start, end = m.end("name") - len(raw), m.end("name")
        name = _clean_name(raw)
        if not _valid_name(name) or not free(start, end):
            continue
        # A position already given to a name that follows it ("Jabatan, Nama") is not this name's.
        if not free(m.start("pos"), m.start("pos") + 1) or m.start("pos") in given:
            mentions.append(PersonMention(start, end, raw, name))
        else:
            mentions.append(PersonMention(start, end, raw, name, _clean_position(m.group("pos")), m.start("pos")))
            given.add(m.start("pos"))
        taken.add(start, end)
    # The spans from a position's start to its name's, to tell a word of a position by bisection.
    spans = sorted((p.position_start, p.start) for p in mentions if p.position_start is not None)
    span_starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))
    for m in _speech_pattern().finditer(text):
        group = "name" if m.group("name") else "name2"
        raw = m.group(group)
        # "Manager Operasional Nama mengatakan": office words before a name are not part of it.
        words = raw.split()
        # "Pengamat Pasar Keuangan Nama Nama mengatakan": office, occupation and everyday words before a name.
        popped = []
        # Right after an institution's bracketed short form the name starts, whatever its first word
        # means: "Direktur X (CELIOS) Media Nama menilai".
        after_unit = text.endswith(") ", max(0, m.start(group) - 2), m.start(group))
        # "Kelurahan Kebagusan Nama Nama mengatakan": a place's or a unit's noun before the name too.
        while (len(words) > 1 and (words[0] in vocab or _opener(words[0]))) or (
                len(words) > 2 and (words[0] in INSTITUTION_WORDS
                                    or (words[0].lower() in COMMON_WORDS and (popped or not after_unit))
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
        k = bisect_right(span_starts, start)
        if k and reach[k - 1] > start:
            continue  # a word of a position already read ("Kebijakan Moneter BI Nama")
        mentions.append(PersonMention(start, m.end(group), raw, name))
        taken.add(start, m.end(group))
    word_starts = WordStarts(text)
    seen: dict = {}
    mentions = [_without_named_lead(text, p, word_starts, seen) for p in mentions]
    headline = _headline_end(text)
    mentions += fuller_forms(text, mentions, headline, taken, word_starts)
    # Later mentions of a known name, whole or by one of its words ("Purbaya", "Sadewa"). Names read in a
    # headline, whose every word is capitalised, are too unsure to look for again.
    known = {p.name for p in mentions if p.start >= headline}
    parts = {t for n in known if len(n.split()) > 1 for t in n.split()
             if len(t) >= 4 and t not in NOT_NAMES and t[:1].isupper()}
    # A nickname given beside a full name ("Nama Nama alias Julukan", "Nama Nama (Gus Julukan)") is that person.
    nicknames = _nicknames(text, [p for p in mentions if p.start >= headline and " " in p.name])
    mentions = [PersonMention(p.start, p.end, p.text, nicknames[p.name], p.position, p.position_start, p.rank)
                if p.name in nicknames else p for p in mentions]
    # Longest first, equal lengths in alphabetical order, so that the result never depends on set order.
    for form in sorted(known | parts | set(nicknames), key=lambda f: (-len(f), f)):
        for at in occurrences(text, form, word_starts):
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


def _without_named_lead(text: str, p: PersonMention, word_starts: WordStarts, seen: dict) -> PersonMention:
    """"Manager Operasional Balboa Estate Nama Nama mengatakan": where the first words of a long name
    stand alone elsewhere in the text as a name of their own ("pengembang Balboa Estate.", or after the
    position's last word again: "Ditjen Pendis Kemenag") and the words after them are used without them
    ("papar Nama"), the first words name something else: a firm, or the end of the position. ``seen``
    keeps what was read for a name already, so that a name repeated a thousand times is read once."""
    words = p.name.split()
    if len(words) < 3:
        return p
    for n in (1, 2):
        head, tail = " ".join(words[:n]), words[n:]
        if len(tail) < 2:
            continue
        here = p.start + p.text.find(head)
        unit = text[max(0, here - 30):here].split()[-1:]  # the position's last word, as in "Ditjen Pendis Nama"
        unit = unit[0] if p.position and unit and unit[0][:1].isupper() else ""
        key = ("head", head, tail[0], unit)
        if key not in seen:  # the first two places where the head stands alone: one of them is not this one
            seen[key] = [at for at in islice(
                (at for at in occurrences(text, head, word_starts)
                 if (_PLACE_OR_FIRM_BEFORE.search(text, max(0, at - 20), at)
                     and not text[at + len(head):at + len(head) + 2].strip()[:1].isupper())
                 or (unit and text.endswith(unit + " ", 0, at) and not text.startswith(" " + tail[0], at + len(head)))),
                2)]
        head_alone = any(at != here for at in seen[key])
        key = ("tail", tail[0], words[n - 1])
        if key not in seen:
            seen[key] = any(not text[max(0, at - len(words[n - 1]) - 5):at].rstrip().endswith(words[n - 1])
                            for at in occurrences(text, tail[0], word_starts))
        at = p.text.find(" " + tail[0] + " ")
        if head_alone and seen[key] and at >= 0:
            start = p.start + at + 1
            position = _clean_position(f"{p.position} {head}") if p.position else None
            return PersonMention(start, p.end, text[start:p.end], " ".join(tail), position, p.position_start, p.rank)
    return p


