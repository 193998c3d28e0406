"""One person per individual in a document: name variants merged, the position and agency chosen.

"Purbaya" joins "Purbaya Yudhi Sadewa", and "Afifuddin" / "Affifuddin" (one letter apart) are one
person. A person's position is the one stated nearest the fullest name, a public office before a
private one, and the agency is the longest known institution that position names.
"""
from __future__ import annotations

import re

from .name_forms import names_public_body
from .people import Person, PersonMention


def _name_tokens(name: str) -> list[str]:
    return [t.strip("'’‘\".,").lower() for t in name.split() if t.strip("'’‘\".,")]


def _holds(s: list[str], f: list[str]) -> bool:
    """Whether a name of the words ``s`` is a shorter form of one of the words ``f``."""
    return bool(s) and len(s) <= len(f) and all(t in f for t in s)


def _one_letter_apart(a: str, b: str) -> bool:
    """"Afifuddin" / "Affifuddin", "Verrel" / "Verrell": one letter added, dropped or changed."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def spelling_variants(a: str, b: str) -> bool:
    """Two names of the same words but one, written one letter apart."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    if len(ta) != len(tb) or ta == tb:
        return False
    differ = [(x, y) for x, y in zip(ta, tb) if x != y]
    return len(differ) == 1 and _one_letter_apart(*differ[0])


def resolve_people(mentions: list[PersonMention], agency_names: list[str] | None = None) -> list[Person]:
    """One :class:`Person` per individual, under the fullest name the document gives.

    Spellings one letter apart merge under the one the text uses most; a shorter name joins the
    longer one whose words it holds (the one named first where several do). Every order here is
    total, broken by the text itself, so the result never depends on hashing.
    """
    first_at: dict[str, int] = {}
    counts: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.name)):
        first_at.setdefault(m.name, m.start)
        counts[m.name] = counts.get(m.name, 0) + 1
    tokens = {n: _name_tokens(n) for n in first_at}
    spelled: dict[str, str] = {}
    by_use = sorted(first_at, key=lambda n: (-counts[n], first_at[n], n))
    # Spellings: a name's variants are the earlier root names with the same words but one, that one
    # a letter apart. Each name looks only at the roots sharing a key with it: the other words, and the
    # differing word whole or less one letter (two words one letter apart always share such a form).
    rank = {n: i for i, n in enumerate(by_use)}
    roots_by_key: dict[tuple, list[str]] = {}
    for n in by_use:
        t = tokens[n]
        keys = {(len(t), i, tuple(t[:i] + t[i + 1:]), form) for i, word in enumerate(t) if len(word) >= 5
                for form in [word] + [word[:k] + word[k + 1:] for k in range(len(word))]}
        found = [v for key in keys for v in roots_by_key.get(key, ()) if spelling_variants(n, v)]
        spelled[n] = min(found, key=rank.__getitem__) if found else n
        if spelled[n] == n:
            for key in keys:
                roots_by_key.setdefault(key, []).append(n)
    names = sorted({spelled[n] for n in first_at}, key=lambda n: (-len(n.split()), -len(n), first_at[n], n))
    # The longer names holding all of a name's words, in the order of ``names``: looked up through the
    # rarest of its words instead of comparing every pair of names.
    with_word: dict[str, list[str]] = {}
    for full in names:
        for t in dict.fromkeys(tokens[full]):
            with_word.setdefault(t, []).append(full)

    def holding(n: str) -> list[str]:
        if not tokens[n]:
            return []
        fewest = min((with_word.get(t, []) for t in tokens[n]), key=len)
        words = len(n.split())
        return [full for full in fewest if full != n and len(full.split()) > words and _holds(tokens[n], tokens[full])]

    # A one-word short form of a full name's first word ("Febri" of "Febrian Nama Nama"), where that
    # full name is the only one it can be, is that person's too.
    by_prefix: dict[str, set[str]] = {}
    for full in names:
        first = tokens[full][0] if len(tokens[full]) > 1 else ""
        for k in range(4, len(first)):
            by_prefix.setdefault(first[:k], set()).add(full)
    canonical: dict[str, str] = {}
    longer = {n: holding(n) for n in names}
    for n in names:
        if not longer[n] and len(tokens[n]) == 1 and len(by_prefix.get(tokens[n][0], ())) == 1:
            longer[n] = sorted(by_prefix[tokens[n][0]])
    for n in names:
        canonical[n] = longer[n][0] if longer[n] else n
        # Chains: "Purbaya" -> "Purbaya Sadewa" -> "Purbaya Yudhi Sadewa".
        while canonical.get(canonical[n], canonical[n]) != canonical[n]:
            canonical[n] = canonical[canonical[n]]
    # A short name that several longer ones hold ("Guntur" in two people's names) is the one named
    # last before the mention, as a reader takes it; before any of them is named, the first one named.
    holders = {n: [full for full in longer[n] if canonical[full] == full] for n in names}
    groups: dict[str, list[PersonMention]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.name)):
        target = canonical[spelled[m.name]]
        options = holders.get(spelled[m.name], [])
        # "Prabowo" where two names hold it: the one it opens ("Prabowo Nama") before one it ends ("Nama
        # Nama Prabowo"); held inside a name ("Nama Bima Nama"), the one named last, as below.
        short = tokens[spelled[m.name]]
        opening = [f for f in options if tokens[f][:len(short)] == short]
        if len(options) > 1 and len(opening) == 1 and all(
                tokens[f][-len(short):] == short for f in options if f != opening[0]):
            target = opening[0]
        elif len(options) > 1:
            earlier = [f for f in options if first_at[f] <= m.start]
            target = (max(earlier, key=lambda f: (first_at[f], f)) if earlier
                      else min(options, key=lambda f: (first_at[f], f)))
        groups.setdefault(target, []).append(m)
    people = []
    for name, group in groups.items():
        with_pos = [m for m in group if m.position]
        # The position stated nearest the fullest name; a public office before a private one.
        ranked = sorted(with_pos, key=lambda m: (_private(m.position), spelled[m.name] != name, m.start))
        position = ranked[0].position if ranked else None
        # The same office written out further elsewhere ("Gubernur" / "Gubernur Jawa Tengah") says more.
        longer = sorted((m.position for m in with_pos if position and m.position.startswith(position + " ")),
                        key=lambda p: (-len(p), p))
        position = longer[0] if longer else position
        official = bool(position) and not _private(position)
        agency = _agency_of(position, agency_names or [])
        people.append(Person(name, position, agency, official, tuple(group)))
    return sorted(people, key=lambda p: (p.mentions[0].start, p.name))


_PRIVATE = re.compile(r"\b(?:PT|CV|Tbk|Persero\)?|Ltd|Inc|Universitas|Partai|Yayasan|Foundation|Institute|Institut|LSM|"
                      r"Asosiasi|Serikat (?:Pekerja|Buruh|Petani)|Federasi|Konfederasi|Himpunan|Perhimpunan|Perkumpulan|Paguyuban|"
                      r"Ikatan|Gabungan|Kadin|Apindo|KSPSI|KSPI|KSBSI|MPBI|LBH|Lembaga Bantuan Hukum|Ansor|Muhammadiyah|"
                      r"PBNU|Nahdlatul|BEM|Alumni|Ponpes|Pondok Pesantren|Pesantren|Komunitas|Dewan Pengurus)\b")
_STATE_COMPANY = re.compile(r"\b(?:PT\s+(?:Pertamina|PLN|Telkom|KAI|Pindad|Pos Indonesia|Bank (?:Mandiri|Rakyat|Negara)|"
                            r"Garuda|Pelindo|Jasa|Angkasa|Hutama|Waskita|Wijaya Karya|Bio Farma|Taspen|Asabri|ASDP|"
                            r"Perusahaan Listrik|Kereta Api|PGN|Antam|Timah|Bukit Asam|Pupuk|Semen Indonesia|"
                            r"Danareksa|Len|Dirgantara|PAL|Inka|Krakatau|Sarinah|Permodalan))")


_LEGISLATURE = re.compile(r"\b(?:DPR|DPRD|MPR|DPD RI|Fraksi)\b")


# Banks the state or a region owns: "Bank Indonesia", "Bank Mandiri", "Bank DKI", "Bank Jateng".
_PUBLIC_BANK = re.compile(r"\bBank[ \t]+(?:Indonesia|Mandiri|Rakyat|Negara|Tabungan|Pembangunan|Syariah[ \t]+Indonesia|"
                          r"BRI|BNI|BTN|BSI|BJB|DKI|Jatim|Jateng|Jabar|Sumut|Sumsel|Kalbar|Kalsel|Kalteng|Sulut|Sultra|"
                          r"Sulselbar|Kaltimtara|NTB|NTT|Nagari|Aceh|Papua|Maluku|Bali|Riau|Jambi|Bengkulu|Lampung|Banten|"
                          r"Dunia|Sentral)\b")


# Titles that private bodies use as much as public ones: held in a body the position does not show to
# be public ("Direktur Riset Lembaga Survei X"), they are a private person's.
_SHARED_TITLE = re.compile(r"(?i:plt\.?\s+|wakil\s+)?(?:Direktur(?!\s+Jenderal)|Dirut|General\s+Manager|Manajer|Manager|CEO)\b")


def _private(position: str) -> bool:
    if _SHARED_TITLE.match(position) and not names_public_body(position) and not _STATE_COMPANY.search(position):
        return True
    bank = re.search(r"\bBank[ \t]+[A-Z]", position)
    if bank and not _PUBLIC_BANK.search(position) and not _STATE_COMPANY.search(position):
        return True  # "Bank Mega Syariah": a private bank
    return (bool(_PRIVATE.search(position)) and not _STATE_COMPANY.search(position)
            and not (re.search(r"\bPartai\b", position) and _LEGISLATURE.search(position)))


def _agency_of(position: str | None, agency_names: list[str]) -> str | None:
    if not position:
        return None
    found = [a for a in agency_names if a and a.lower() in position.lower()]
    return max(found, key=lambda a: (len(a), a)) if found else None
