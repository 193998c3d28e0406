"""How an institution's name reads: where it ends, what completes it, the gazetteer's forms.

The agency finder (:mod:`extract.find.agencies`) matches heads ("Dinas", "Pemkot", "Badan") and hands
the words after them to :func:`_trim_rest`, which keeps the words of the name and stops at a person's
name, a rank, a second institution or the rest of a sentence. The word sets it reads are data files
under ``data/words/agency_*.txt``.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from .. import data
from .lexicon import expand_region_short_forms
from .vocabulary import Form, agency_forms, position_vocabulary, ranks, region_names


@lru_cache(maxsize=1 << 16)  # the same names come back in every text that names an institution
def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", expand_region_short_forms(re.sub(r"\s*\([^)]*\)", "", text))).strip().lower()


def name_key(text: str) -> str:
    """The key that spellings of one institution's name share: brackets dropped, regions spelled out."""
    return _norm(text)


@cache
def gazetteer_index() -> dict[str, tuple[str, str | None, str]]:
    """Every surface form of a national institution, lower-cased -> (name, acronym, category)."""
    from .gazetteer import agencies

    index: dict[str, tuple[str, str | None, str]] = {}
    for a in agencies():
        acronym = a.acronyms[0] if a.acronyms else None
        for form in (a.name, *a.acronyms, *a.aliases):
            index.setdefault(form.lower(), (a.name, acronym, a.category))
    return index


GENERIC_HEADS = data.words("agency_heads")  # data/words/agency_heads.txt
# Buildings named like institutions ("Balai Kota Semarang" is the city hall).
NOT_AGENCY_PREFIXES = ("balai kota ", "balai desa ", "balai kelurahan ", "kantor pos ", "pusat pemerintahan ",
                       "pusat pasar ", "pusat kota ", "pusat kuliner ", "pusat belanja ")
# A head that also ends other names: after one of these words it does not open an institution's name.
TAIL_HEADS = frozenset({"Pusat"})
TAIL_OPENERS = frozenset(data.words("agency_name_openers"))  # data/words/agency_name_openers.txt
# Phrases built like institution names that name no institution.
NOT_AGENCIES = frozenset(s.lower() for s in data.words("not_agencies"))  # data/words/not_agencies.txt
STANDALONE = data.words("standalone_agencies")  # data/words/standalone_agencies.txt

_CAP = r"(?:[IVX]+/[A-Z][\w-]*|[A-Z][\w'’-]*|[IVX]+|(?<=Kelas )(?:[1-4]|l[IV]*)[AB]?|[0-9]{3,4}/[A-Z][\w-]*|\([A-Z][\w&.-]{1,12}\))"
_JOIN = r"(?:[ \t]+(?:dan|&)[ \t]+|[ \t]+)"
# A list inside a name: "Kepemudaan, Olahraga dan Pariwisata", "Data, Informasi, dan Komunikasi".
_LIST_JOIN = r"(?:,?[ \t]+(?:dan|&)[ \t]+|,[ \t]+(?=[A-Z][\w-]*(?:,|[ \t]+dan[ \t]))|[ \t]+)"
_ACR_IN = r"(?:\s*\((?P<acr>[A-Z][A-Za-z0-9&.-]{1,12})\))?"
STOP_WORDS = frozenset(data.words("agency_stop_words"))  # data/words/agency_stop_words.txt
HEAD_WORDS = frozenset(data.words("agency_head_words"))  # data/words/agency_head_words.txt
# Words that mark an organisation outside the state (a union, a party): "Majelis Pekerja Buruh ...".
PRIVATE_WORDS = frozenset(data.words("agency_private_words"))  # data/words/agency_private_words.txt
# A prison's or detention centre's class, written after "Kelas": "I", "IIA", "1A", "lIA" (a misread I).
_CLASS = re.compile(r"(?:[IVX]+|[1-4]|l[IV]*)[AB]?")
# Words dropped when spelling an acronym out of the words before it ("kekayaan negara yang dipisahkan").
_LEVELS = frozenset({"Provinsi", "Kabupaten", "Kota"})
# Words before an institution's name that make it part of an association's: "Asosiasi Pemerintah
# Kabupaten ...", "Forum Kepala Dinas ...".
_ASSOCIATION_WORDS = frozenset(data.words("agency_association_words"))  # data/words/agency_association_words.txt
_NOT_INITIALS = frozenset({"yang", "dan", "di", "ke", "dari", "untuk", "atau", "serta", "&"})


@cache
def _rank_stops() -> frozenset[str]:
    """Ranks that start a person's name after a unit ("Polsek Medan Kota Iptu Nama"), leaving out the
    rank words that are also words of institution names ("Direktorat Jenderal")."""
    from .gazetteer import agencies

    inside = {w for a in agencies() for f in a.forms for w in f.split()}
    inside |= {w for f in agency_forms() for w in (*f.long.split(), *f.short.split())}
    return frozenset(r for r in ranks() if " " not in r and r not in inside)


@cache
def _gazetteer_table() -> tuple[dict[str, list[str]], frozenset[str]]:
    """Long names by their first word (lower case, longest first), and the single-word forms as written."""
    from .gazetteer import agencies

    by_first: dict[str, list[str]] = {}
    for form in gazetteer_index():
        if " " in form:
            by_first.setdefault(form.split(" ", 1)[0], []).append(form)
    for forms in by_first.values():
        forms.sort(key=len, reverse=True)
    written = frozenset(f for a in agencies() for f in (*a.acronyms, *a.aliases, a.name) if " " not in f)
    return by_first, written


COMMANDS = frozenset({"Komando Daerah Militer", "Kodam"})


def _trim_rest(rest: str, head: str = "") -> tuple[str, int]:
    """Keep the words after a head that belong to an institution's name.

    A name goes on while its words are office, institution or region words (the vocabulary of the
    gazetteers); a person's name, a verb in title case or a second institution after "dan" ends it.
    Returns the kept words and how many characters of ``rest`` they cover.
    """
    vocab = position_vocabulary()
    kept_end = 0
    kept_words: list[str] = []
    for w in re.finditer(r"[^\s,]+", rest):
        word = w.group(0)
        previous = kept_words[-1] if kept_words else ""
        # "Kementerian Sosial, BPS dan ...": after a comma an institution's head or acronym starts the next.
        if "," in rest[kept_end:w.start()] and _starts_institution(word):
            break
        if word in STOP_WORDS or word in _rank_stops() or (previous in ("dan", "&") and _starts_institution(word)):
            break
        class_word = previous == "Kelas" and _CLASS.fullmatch(word)
        known = (word in ("dan", "&") or word in vocab or class_word
                 or re.fullmatch(r"[IVX]+(?:/\S+)?|[0-9]{3,4}/\S+|\([A-Z][\w&.-]{1,12}\)", word))
        # An acronym in parentheses closes its name unless a word of the name follows ("Jaminan Sosial
        # (BPJS) Ketenagakerjaan"): "(DJP) Kementerian Keuangan" is the parent, "(MPBI) dan ..." another.
        # A name that needs its parent keeps it: "Badan Anggaran (Banggar) DPR RI" is one organ of the DPR.
        if previous.startswith("(") and (word in ("dan", "&") or not known or _starts_institution(word)
                                         or "," in rest[kept_end:w.start()]) and not (
                word.lower() in gazetteer_index() and len(kept_words) >= 2
                and f"{head} {' '.join(kept_words[:-1])}".lower() not in gazetteer_index()):
            break
        # A complete name ("... Republik Indonesia", "... DKI Jakarta") ends before "dan": what follows
        # is something else.
        if word in ("dan", "&") and kept_words and _completes_name(kept_words):
            break
        # "Satpol PP Jabar dan Kabupaten X": a region level after "dan" opens a second institution.
        if previous == "dan" and word in _LEVELS and _completes_name(kept_words[:-1] or [""]):
            break
        # After a complete name (an acronym such as DPR or RI, or a region), an unknown word starts
        # something else: a person's name or the rest of a headline. After a class ("Rutan Kelas
        # IIA") the next word is the place the name goes on with.
        after_class = len(kept_words) >= 2 and kept_words[-2] == "Kelas" and _CLASS.fullmatch(previous)
        # A military command's number is followed by its name: "Kodam V Brawijaya", "Kodam Iskandar Muda".
        if re.fullmatch(r"[IVX]+/\S+", previous) and not known:
            break  # "Kodam XIV/Hasanuddin": the command's name is whole
        if not known and head in COMMANDS and word[:1].isupper() and any(
                re.fullmatch(r"[IVX]+", k) for k in kept_words[-2:]) and len(kept_words) <= 2:
            known = True
        if not known and kept_words and not after_class and (
                _completes_name(kept_words) or f"{head} {' '.join(kept_words)}".lower() in gazetteer_index()):
            break
        kept_end = w.end()
        kept_words.append(word)
    kept = rest[:kept_end]
    # An acronym in parentheses belongs inside a name ("Badan ... (BPJS) Ketenagakerjaan"), not at its end.
    trailer = re.search(r"(?:,|\s+(?:dan|&)|\s*\([^()]*\))+$", kept)
    if trailer:
        kept = kept[:trailer.start()]
    return re.sub(r"\s+", " ", kept).strip(), len(kept)


def _starts_institution(word: str) -> bool:
    """After "dan", a head ("Dinas") or an institution's acronym ("BPS") starts a second institution."""
    return word in HEAD_WORDS or word in _gazetteer_table()[1] or any(word == f.short for f in agency_forms())


def _completes_name(words: list[str]) -> bool:
    last = words[-1]
    if (last.isupper() and len(last) >= 2) or re.fullmatch(r"[IVX]+", last) or last == "Indonesia":
        return True
    names = region_names()
    return any(" ".join(words[-n:]) in names for n in (1, 2, 3) if len(words) >= n)


@cache
def _form_for(head: str) -> Form | None:
    h = re.sub(r"\s+", " ", head)
    return next((f for f in agency_forms() if f.long == h), None) or next(
        (f for f in agency_forms() if f.short == h), None)


_REGION_AFTER = re.compile(r"[ \t]+(?P<level>(?:Provinsi|Kabupaten|Kab\.|Kota)[ \t]+)?"
                           r"(?P<words>[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2})")


def _region_after(text: str, end: int) -> tuple[str, int] | None:
    """A region named right after ``end`` ("Kabupaten Garut", "Jawa Barat", "Jabar"): its text and end.
    After a level word ("Kabupaten") any one capitalised word is taken as the region's name."""
    m = _REGION_AFTER.match(text, end)
    if m is None:
        return None
    words = list(re.finditer(r"\S+", m.group("words")))
    names = region_names()
    for n in range(len(words), 0, -1):
        if " ".join(w.group(0) for w in words[:n]) in names or (n == 1 and m.group("level")):
            begin = m.start("level") if m.group("level") else m.start("words")
            stop = m.start("words") + words[n - 1].end()
            return re.sub(r"\s+", " ", text[begin:stop]), stop
    return None
