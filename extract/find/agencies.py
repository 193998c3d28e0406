"""Find public institutions and merge every surface form of one institution into one record.

Three sources of mentions, all as character spans over the text:

* the gazetteer of national institutions shipped in ``data/agencies.jsonl`` (names, acronyms, old names);
* the heads of regional and unit names in ``data/agency_forms.tsv`` ("Pemkot Jakarta Barat",
  "Kejaksaan Negeri Kuningan", "Sudis Nakertrans Jakarta Barat"), whose long and short forms are one;
* generic institution heads followed by capitalised words ("Badan Pengelola Dana Lingkungan Hidup").

Acronyms defined in parentheses join the institution they follow; later bare uses of the acronym
are mentions of it. :func:`resolve_agencies` merges mentions that share any surface form.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from .. import data
from .agency_names import (
    _ACR_IN,
    _ASSOCIATION_WORDS,
    _CAP,
    _JOIN,
    _LIST_JOIN,
    _NOT_INITIALS,
    COMMANDS,
    GENERIC_HEADS,
    NOT_AGENCIES,
    NOT_AGENCY_PREFIXES,
    PRIVATE_WORDS,
    STANDALONE,
    TAIL_HEADS,
    TAIL_OPENERS,
    _completes_name,
    _form_for,
    _gazetteer_table,
    _norm,
    _region_after,
    _trim_rest,
    gazetteer_index,
)
from .lexicon import alternation, opening
from .vocabulary import Form, agency_forms, position_titles, position_vocabulary, region_names


@dataclass(frozen=True)
class AgencyMention:
    start: int
    end: int
    text: str
    name: str            # the long form ("Pemerintah Kota Jakarta Barat")
    short: str | None    # the short form where one is known ("Pemkot Jakarta Barat")
    key: str             # mentions with the same key are one institution
    category: str | None = None
    implied: bool = False  # named inside a head's title ("Kapolres Jember"): ``text`` is not a form of it


@dataclass(frozen=True)
class Agency:
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    mentions: tuple[AgencyMention, ...] = field(default=())
    category: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "acronym": self.acronym, "aliases": list(self.aliases),
                "category": self.category,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in self.mentions]}

    @property
    def forms(self) -> set[str]:
        return {f.lower() for f in (self.name, self.acronym, *self.aliases) if f}


def _spaced(form: str) -> str:
    return re.escape(form).replace(r"\ ", r"\s+")


@cache
def _form_pattern() -> re.Pattern:
    heads = sorted({f.long for f in agency_forms()} | {f.short for f in agency_forms()}, key=len, reverse=True)
    alt = alternation(heads, _spaced)
    return re.compile(opening(h[0] for h in heads)
                      + rf"(?<![\w-])(?P<head>{alt})(?![\w-]){_ACR_IN}(?P<rest>(?:{_JOIN}{_CAP}){{0,7}})")


@cache
def _titles() -> dict[str, Form]:
    """Head titles that name their institution ("Kapolres" -> the form of "Polres")."""
    shorts = {f.short: f for f in agency_forms()}
    table = {}
    for number, (title, short) in enumerate(data.table("words/agency_titles.txt", 2), 1):
        if short not in shorts:
            raise ValueError(f"data/words/agency_titles.txt: {short!r} of {title!r} is not a short form "
                             f"in data/agency_forms.tsv; add it there or fix the row")
        table[title] = shorts[short]
    return table


@cache
def _title_pattern() -> re.Pattern:
    alt = alternation(sorted(_titles(), key=len, reverse=True), _spaced)
    return re.compile(opening([*(t[0] for t in _titles()), "W"])  # "Waka", "Wakil" before a head title
                      + rf"(?<![\w-])(?:Waka|Wakil\s+)?(?P<head>{alt})(?![\w-])(?P<rest>(?:{_JOIN}{_CAP}){{1,7}})")


def _title_mentions(text: str) -> list[AgencyMention]:
    """Institutions named inside their head's title: "Kapolres Jember" names "Polres Jember"."""
    out = []
    for m, rest, used in _matches(_title_pattern(), text, lambda m: _titles()[_head_text(m)].long):
        form = _titles()[_head_text(m)]
        long, short = f"{form.long} {rest}", f"{form.short} {rest}"
        gaz = gazetteer_index().get(long.lower()) or gazetteer_index().get(short.lower())
        if not rest or not (gaz or _completes_name(rest.split())):
            continue
        end = m.start("rest") + used
        key = "gaz:" + gaz[0].lower() if gaz else "form:" + _norm(long)
        out.append(AgencyMention(m.start("head"), end, text[m.start("head"):end], long, short, key, implied=True))
    return out


@cache
def _generic_pattern() -> re.Pattern:
    alt = alternation(sorted(GENERIC_HEADS, key=len, reverse=True), _spaced)
    rest = rf"(?P<rest>(?:{_JOIN}{_CAP})(?:{_LIST_JOIN}{_CAP}){{0,7}})"
    return re.compile(opening(h[0] for h in GENERIC_HEADS) + rf"(?<![\w-])(?P<head>{alt})(?![\w-]){_ACR_IN}{rest}")


_WORD_CHAR = re.compile(r"[\w'’.&/-]")  # a character of a word as the gazetteer scan reads words
_WORD_RE = re.compile(_WORD_CHAR.pattern + "+")


def _word_starts(text: str, words: set[str]) -> list[tuple[int, str]]:
    """Where each of ``words`` (runs of :data:`_WORD_RE`) stands as a whole run in ``text``, in text
    order: found with ``str.find``, so that Python visits the few words that matter, not every word."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if not (at and _WORD_CHAR.match(text, at - 1)) and not _WORD_CHAR.match(text, end):
                found.append((at, word))
            at = text.find(word, at + 1)
    found.sort()
    return found


def _gazetteer_hits(text: str) -> list[tuple[int, int]]:
    """Spans of gazetteer forms: long names in any case, single-word forms (acronyms) as written.

    A dictionary keyed by first word stands in for one huge alternation, which ``re`` would try
    form by form at every position.
    """
    by_first, written = _gazetteer_table()
    long_forms = by_first.get
    lower = None
    hits = []
    pos = 0
    # Most words open no form: the distinct words are sorted out once, and only the others are found.
    runs = set(_WORD_RE.findall(text))
    openers = {w for w in runs if w.rstrip(".") in written or long_forms(w.rstrip(".").lower()) is not None}
    # Two or more short forms joined by hyphens ("TNI-Polri", "BI-OJK") name each institution; a run
    # that is a form itself ("KemenPAN-RB") or holds another word ("BI-Rate") is not split.
    pairs = {w for w in runs if "-" in w and w not in openers and all(p in written for p in w.rstrip(".").split("-"))}
    for start, token in _word_starts(text, openers | pairs):
        word = token.rstrip(".")
        if start < pos:
            continue
        if token in pairs:
            for part in word.split("-"):
                hits.append((start, start + len(part)))
                start += len(part) + 1
            pos = start
            continue
        forms = long_forms(word.lower())
        if lower is None:
            lower = text.lower()
        found = None
        for form in forms or ():
            end = start + len(form)
            if lower.startswith(form, start) and (end == len(text) or not (text[end].isalnum() or text[end] == "-")):
                found = (start, end)
                break
        if found is None and word in written:
            found = (start, start + len(word))
        if found:
            hits.append(found)
            pos = found[1]
    return hits


_BRANCH = re.compile(r"\s+(?:Kantor\s+)?(?P<kind>Cabang|Kantor Wilayah|Kanwil|Perwakilan|Wilayah)\s+(?P<rest>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})")


def find_agencies(text: str) -> list[AgencyMention]:
    """All institution mentions in ``text``, longest first where they overlap, in text order."""
    candidates: list[AgencyMention] = []
    index = gazetteer_index()
    redefined = _redefined_acronyms(text)
    lower = text.lower()
    for start, end in _gazetteer_hits(text):
        candidate = _gazetteer_mention(text, start, end, redefined, lower)
        if candidate is not None:
            candidates.append(candidate)
    def form_head(m: re.Match) -> str:
        form = _form_for(m.group("head"))
        return form.long if form else ""

    for m, rest, used in _matches(_form_pattern(), text, form_head):
        form = _form_for(m.group("head"))
        if form is None:
            continue
        if not rest and not form.region:
            continue
        if not rest:
            # A bare head ("Pemkot", "Polrestabes") names the one such institution the text is about.
            end = m.end("acr") + 1 if m.group("acr") else m.end("head")
            candidates.append(AgencyMention(m.start(), end, text[m.start():end], form.long, m.group("head"),
                                            "bare:" + form.long.lower()))
            continue
        end = m.start("rest") + used
        long = f"{form.long} {rest}".strip()
        if form.long in COMMANDS:  # "Kodam V/Brawijaya" is "Kodam V Brawijaya"
            long = long.replace("/", " ")
        # The unit's own short form, where the text wrote another ("Mapolres", its headquarters, for "Polres").
        short = f"{m.group('acr') or _form_for(form.long).short} {rest}".strip()
        gaz = index.get(long.lower()) or index.get(short.lower())
        key = "gaz:" + gaz[0].lower() if gaz else "form:" + _norm(long)
        candidates.append(AgencyMention(m.start(), end, text[m.start():end], long, short, key))
    for m, rest, used in _matches(_generic_pattern(), text, _head_text):
        head = _head_text(m)
        if not rest and head not in STANDALONE:
            continue
        end = m.start("rest") + used if rest else m.end("head")
        # "Badan Penyelenggara Jaminan Sosial (BPJS) Ketenagakerjaan": the acronym stands inside the name.
        inner = re.search(r"\s*\(([A-Z][\w&.-]{1,12})\)\s*", rest)
        acronym = m.group("acr")
        if inner:
            acronym = inner.group(1)
            tail = rest[inner.end():]
            rest = (rest[:inner.start()] + " " + tail).strip()
            short = f"{acronym} {tail}".strip()
        else:
            short = f"{acronym} {rest}".strip() if acronym else None
        name = f"{head} {rest}".strip()
        if (name.lower() in NOT_AGENCIES or (name.lower() + " ").startswith(NOT_AGENCY_PREFIXES)
                or PRIVATE_WORDS.intersection(name.split())):
            continue
        gaz = index.get(name.lower()) or (index.get(short.lower()) if short else None)
        key = "gaz:" + gaz[0].lower() if gaz else "name:" + _norm(name)
        candidates.append(AgencyMention(m.start(), end, text[m.start():end], gaz[0] if gaz else name,
                                        short or (gaz[1] if gaz else None), key, gaz[2] if gaz else None))
    chosen = [part for c in _longest_first(candidates) for part in unit_and_parent(c)]
    chosen += _outside(_title_mentions(text), chosen)
    chosen = _courts_at_courts(text, chosen)
    chosen += _branches(text, chosen)
    # An acronym the text defines for a name it gives means that name, not the gazetteer's institution
    # of that acronym, unless the text names that institution too ("Komisi Informasi Publik (KIP)" then
    # "KIP"): such uses go first, so that they win over the gazetteer's hit on the same word.
    uses, spelled_before = _acronym_uses(text, chosen)
    wins = {u.text for u in uses if u.text in spelled_before and u.text.lower() in index
            and index[u.text.lower()][0].lower() not in lower}
    first = [u for u in uses if u.text in wins]
    later = [u for u in uses if u.text not in wins]
    return sorted(_longest_first(first + chosen + later), key=lambda c: c.start)

def _redefined_acronyms(text: str) -> frozenset[str]:
    """Acronyms the text spells out as something other than an institution: "kekayaan negara yang
    dipisahkan (KND)". The gazetteer's institution of that acronym is then not what the text means."""
    out = set()
    for m in _ACR_DEF.finditer(text):
        acr = m.group("acr")
        letters = acr.lower()
        before = [w for w in re.findall(r"[\w-]+", text[max(0, m.start() - 120):m.start()])
                  if w.lower() not in _NOT_INITIALS][-len(letters):]
        if (len(letters) >= 2 and len(before) == len(letters) and all(w.islower() for w in before)
                and "".join(w[0] for w in before) == letters):
            out.add(acr)
    return frozenset(out)


_OTHER_ACRONYM = re.compile(r"[ \t]+(?P<acr>[A-Z]{3,})\b")


def _gazetteer_mention(text: str, start: int, end: int, redefined: frozenset[str],
                       lower: str = "") -> AgencyMention | None:
    """The mention of a gazetteer hit, read in its context.

    An acronym the text spells out as something else is not the gazetteer's institution; an acronym
    followed by another organisation's acronym names a unit of that organisation ("DPD" of a union);
    an acronym followed by a region is that region's own body ("DKPP Kabupaten X", "BPS Jawa Barat"),
    spelled out only where the text names the national institution in full. A regional head on its
    own ("DPRD") is resolved like a bare head.
    """
    surface = text[start:end]
    name, acronym, category = gazetteer_index()[surface.lower()]
    single = " " not in surface
    if single and surface in redefined:
        return None
    form = _form_for(surface)
    if form is not None and form.region:
        return AgencyMention(start, end, surface, form.long, surface if surface == form.short else None,
                             "bare:" + form.long.lower(), category)
    if single and (surface.isupper() or surface == acronym):
        other = _OTHER_ACRONYM.match(text, end)
        if other and other.group("acr") not in position_vocabulary() and other.group("acr") not in redefined:
            return None
        after = re.match(r"[ \t]+([A-Z][a-z]+)", text[end:end + 30])
        if after and after.group(1) in PRIVATE_WORDS:  # "DPD Partai ...": a party's regional board
            return None
        region = _region_after(text, end)
        if region is not None:
            place, stop = region
            short = f"{surface} {place}"
            long = f"{name} {place}" if name.lower() in (lower or text.lower()) else short
            return AgencyMention(start, stop, text[start:stop], long, short, "regional:" + _norm(short), category)
    return AgencyMention(start, end, surface, name, acronym, "gaz:" + name.lower(), category)


def unit_and_parent(m: AgencyMention) -> list[AgencyMention]:
    """"Ditjen Pajak Kementerian Keuangan": a unit the gazetteer knows by itself, then its parent, which
    it knows too, are two institutions. A unit whose name needs its parent ("Komisi II DPR") is kept whole."""
    if m.implied or (m.key.startswith("gaz:") and m.key[4:] == m.name.lower()):
        return [m]  # a name the gazetteer knows as it stands
    index = gazetteer_index()
    for space in re.finditer(r"[ \t]+", m.text):
        head, tail = m.text[:space.start()], m.text[space.end():]
        unit = index.get(re.sub(r"[ \t]*\([^()]*\)", "", head).lower())
        parent = index.get(tail.lower())
        if unit and parent and unit[0] != parent[0]:
            at = m.start + space.end()
            return [AgencyMention(m.start, m.start + len(head), head, unit[0], unit[1], "gaz:" + unit[0].lower(), unit[2]),
                    AgencyMention(at, m.end, tail, parent[0], parent[1], "gaz:" + parent[0].lower(), parent[2])]
    return [m]


def _outside(items: list[AgencyMention], taken: list[AgencyMention]) -> list[AgencyMention]:
    """The items that overlap none of ``taken`` (which do not overlap each other)."""
    spans = sorted((t.start, t.end) for t in taken)
    starts = [a for a, _ in spans]
    out = []
    for item in items:
        at = bisect_left(starts, item.end)
        if not (at and spans[at - 1][1] > item.start):
            out.append(item)
    return out


_AT_COURT = re.compile(r"[ \t]+pada[ \t]+")


def _courts_at_courts(text: str, chosen: list[AgencyMention]) -> list[AgencyMention]:
    """A special court sits at a district court and is named with it: "Pengadilan Tipikor pada PN X"."""
    by_start = {c.start: c for c in chosen}
    out, absorbed = [], set()
    for c in sorted(chosen, key=lambda c: c.start):
        if id(c) in absorbed:
            continue
        at = _AT_COURT.match(text, c.end) if c.name.startswith("Pengadilan ") else None
        host = by_start.get(at.end()) if at else None
        if host is not None and host.name.startswith("Pengadilan Negeri"):
            absorbed.add(id(host))
            name = f"{c.name} pada {host.name}"
            short = f"{c.short or c.text} pada {host.short or host.text}"
            c = AgencyMention(c.start, host.end, text[c.start:host.end], name, short, "court:" + _norm(name))
        out.append(c)
    return out


def _inside_other_name(text: str, m: re.Match) -> bool:
    """The head at ``m`` is part of another name: an association's ("Asosiasi Pemerintah Kabupaten ...")
    or one that ends in the head ("Kantor Pusat", "Pimpinan Pusat ...")."""
    before = re.search(r"([A-Z][\w-]*)[ \t]+$", text[max(0, m.start() - 30):m.start()])
    if not before:
        return False
    word = before.group(1)
    return word in _ASSOCIATION_WORDS or (_head_text(m) in TAIL_HEADS and word in TAIL_OPENERS)


def _head_text(m: re.Match) -> str:
    return re.sub(r"\s+", " ", m.group("head"))


def _matches(pattern: re.Pattern, text: str, head_of):
    """Like ``finditer``, with each match's name words trimmed (``(match, rest, used)``); the next
    search starts where this name's words stopped, so that "Pemkot Bogor dan Pemkab Bogor" yields both."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        if _inside_other_name(text, m):
            pos = m.end("head")  # a name inside the rest may still be an institution's
            continue
        rest, used = _trim_rest(m.group("rest"), head_of(m))
        yield m, rest, used
        pos = max(m.start("rest") + used, m.end("head"), m.start() + 1)


def _longest_first(candidates: list[AgencyMention]) -> list[AgencyMention]:
    """Keep the longest candidates that overlap none kept before (ties: the earlier one).

    The kept spans never overlap, so, sorted by start, their ends are sorted too: a candidate
    overlaps a kept span exactly when the kept span starting last before its end reaches past its start.
    """
    taken: list[AgencyMention] = []
    starts: list[int] = []
    ends: list[int] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        at = bisect_left(starts, c.end)
        if at and ends[at - 1] > c.start:
            continue
        starts.insert(at, c.start)
        ends.insert(at, c.end)
        taken.append(c)
    return taken


def _branches(text: str, mentions: list[AgencyMention]) -> list[AgencyMention]:
    out = []
    for m in mentions:
        b = _BRANCH.match(text, m.end)
        if b:
            rest, used = _trim_rest(b.group("rest"))
            if not rest:
                continue
            surface = f"{m.short or m.text} {b.group('kind')} {rest}"
            end = b.start("rest") + used
            out.append(AgencyMention(m.start, end, text[m.start:end], surface, None, "branch:" + _norm(surface)))
    return out


_ACR_WORD = re.compile(r"[\w&-]+")
_INNER_ACR = re.compile(r"\(([A-Z][A-Za-z0-9&-]{1,12})\)")
_ACR_DEF = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9&-]{1,12})\)")


def _acronym_uses(text: str, mentions: list[AgencyMention]) -> tuple[list[AgencyMention], set[str]]:
    """Bare later uses of an acronym that was defined in parentheses after an institution, and the
    acronyms defined right after a whole name (not inside one, "Badan X (BX) Provinsi Y")."""
    defined: dict[str, AgencyMention] = {}
    after_name: set[str] = set()
    for m in mentions:
        after = _ACR_DEF.match(text, m.end + 1) if text[m.end:m.end + 2] == " (" else None
        if after:
            defined.setdefault(after.group("acr"), m)
            after_name.add(after.group("acr"))
        inner = _ACR_DEF.search(m.text)
        if inner:
            defined.setdefault(inner.group("acr"), m)
    places = region_names()  # "... Provinsi Nusa Tenggara Timur (NTT)" shortens the region, not the institution
    # "Menteri Sekretariat Negara (Mensesneg)": the short form of a person's title, not of the institution
    titles = set(position_titles())
    defined = {acr: owner for acr, owner in defined.items()
               if acr not in places and acr not in titles and not _shortens_region(acr, owner)}
    out: list[AgencyMention] = []
    if not defined:
        return out, after_name
    # One pass over the words for every acronym at once: a word is a use when it is a defined acronym
    # standing alone (not inside a longer word, a hyphenated form or parentheses) or in parentheses.
    for u in _ACR_WORD.finditer(text):
        acr = u.group(0)
        owner = defined.get(acr)
        if owner is None:
            continue
        before = text[u.start() - 1] if u.start() else ""
        after = text[u.end()] if u.end() < len(text) else ""
        if before == "(" and after == ")" or not (re.match(r"[\w(-]", before) or re.match(r"[\w)-]", after)):
            out.append(AgencyMention(u.start(), u.end(), acr, owner.name, acr, owner.key, owner.category))
    return out, after_name


def _shortens_region(acronym: str, owner: AgencyMention) -> bool:
    """"KPU Kabupaten Labuhanbatu Utara (Labura)": the short form of the region the name ends with."""
    words = owner.text.split()
    return any(" ".join(words[-k:]) in region_names() and words[-k].lower()[:3] == acronym.lower()[:3]
               for k in (1, 2, 3) if len(words) > k)


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    words = _norm(text).split()
    while words and words[-1] in ("ri", "republik", "indonesia") and len(words) > 1:
        words.pop()
    return tuple(words)


def _shorter_form_of(a: AgencyMention, b: AgencyMention) -> bool:
    """``a`` names ``b`` with words left out: "Kejaksaan Jayawijaya" / "Kejaksaan Negeri Jayawijaya",
    "Komisi II DPR" / "Komisi II DPR RI". A branch is never its parent's short form."""
    if a.key.startswith("branch:") or b.key.startswith("branch:") or a.key == b.key:
        return False
    for x in (a.short or a.name, a.name):
        ta = _tokens(x)
        for y in (b.name, b.short or b.name):
            tb = _tokens(y)
            if 2 <= len(ta) <= len(tb) and ta[0] == tb[0] and ta[-1] == tb[-1] and set(ta) <= set(tb):
                return True
            # "Kementerian Haji" / "Kementerian Haji dan Umrah": the name with its "dan" part left out.
            if 2 <= len(ta) < len(tb) and tb[len(ta)] == "dan" and tb[:len(ta)] == ta:
                return True
            # "Komisi VI" / "Komisi VI DPR RI": the name without the parent the gazetteer knows.
            if 2 <= len(ta) < len(tb) and tb[:len(ta)] == ta and " ".join(tb[len(ta):]) in gazetteer_index():
                return True
    return False


def _ends(m: AgencyMention) -> set[tuple[str, ...]]:
    """Keys that a short form shares with its long form: the forms' (first word, last word) pairs and
    their first two words."""
    forms = [t for t in map(_tokens, {m.name, m.short or m.name}) if t]
    return {(t[0], t[-1]) for t in forms} | {("", *t[:2]) for t in forms if len(t) >= 2}


def resolve_agencies(mentions: list[AgencyMention]) -> list[Agency]:
    """One :class:`Agency` per institution: mentions sharing a key or any surface form are merged."""
    mentions = list(mentions)
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_form: dict[str, int] = {}
    for i, m in enumerate(mentions):
        own_text = None if m.implied else _norm(m.text)
        for form in {m.key, _norm(m.name), _norm(m.short) if m.short else None, own_text} - {None, ""}:
            if form in by_form:
                parent[find(i)] = find(by_form[form])
            else:
                by_form[form] = i
    # A bare head ("Pemkot") joins the one institution of the text with that head, if there is one.
    owners_of: dict[str, list[int]] = {}
    roots_of: dict[str, tuple[int, set[int]]] = {}  # head -> (merges so far, the owners' groups then)
    merges = 0
    for i, m in enumerate(mentions):
        if m.key.startswith("bare:"):
            head = m.key[5:]
            if head not in owners_of:
                owners_of[head] = [j for j, o in enumerate(mentions) if not o.key.startswith("bare:")
                                   and o.name.lower().startswith(head + " ")]
            if roots_of.get(head, (-1,))[0] != merges:
                roots_of[head] = (merges, {find(j) for j in owners_of[head]})
            owners = roots_of[head][1]
            if len(owners) == 1:
                owner = next(iter(owners))
            elif owners:
                # Several: a reader takes the one named last before ("petugas Rutan" after "Rutan X"),
                # else the first one named after.
                js = owners_of[head]
                before = [j for j in js if mentions[j].start < m.start]
                owner = find(max(before, key=lambda j: mentions[j].start) if before
                             else min(js, key=lambda j: mentions[j].start))
            else:
                continue
            if find(i) != owner:
                parent[find(i)] = owner
                merges += 1
    # Short forms ("Kejaksaan Jayawijaya" / "Kejaksaan Negeri Jayawijaya"): compare one mention per key,
    # and only mentions whose forms begin and end with the same words.
    firsts: dict[str, int] = {}
    for i, m in enumerate(mentions):
        firsts.setdefault(m.key, i)
    earlier: dict[tuple[str, str], list[int]] = {}
    for i in firsts.values():
        seen: set[int] = set()
        for pair in _ends(mentions[i]):
            for j in earlier.get(pair, ()):
                if j in seen:
                    continue
                seen.add(j)
                if find(i) != find(j) and (_shorter_form_of(mentions[i], mentions[j])
                                           or _shorter_form_of(mentions[j], mentions[i])):
                    parent[find(i)] = find(j)
            earlier.setdefault(pair, []).append(i)
    # A bare national acronym ("KPU") in a text that names one regional body of it ("KPU Kota X") and
    # never the national institution in full ("Komisi Pemilihan Umum", "KPU RI") is that regional body.
    regional: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        first = m.short.split()[0] if m.short else ""
        if m.short and not m.key.startswith(("gaz:", "bare:", "branch:")) and first in _gazetteer_table()[1] \
                and _region_after(" " + m.short[len(first):].lstrip(), 0):
            regional.setdefault(first, set()).add(i)
    spelled = {m.key for m in mentions if m.key.startswith("gaz:") and m.text != m.short}
    for i, m in enumerate(mentions):
        if m.key.startswith("gaz:") and m.text == m.short and m.key not in spelled and m.text in regional:
            roots = {find(j) for j in regional[m.text]}
            if len(roots) == 1:
                parent[find(i)] = roots.pop()
                body = mentions[min(regional[m.text])]
                mentions[i] = replace(m, name=body.name, short=body.short, key=body.key)
    groups: dict[int, list[AgencyMention]] = {}
    for i, m in enumerate(mentions):
        groups.setdefault(find(i), []).append(m)
    out = []
    for group in groups.values():
        group.sort(key=lambda m: m.start)
        names = [m.name for m in group]
        name = max(names, key=lambda n: (len(n.split()), len(n)))
        forms: list[str] = []
        for m in group:
            # An acronym the text defines inside the name ("Kejaksaan Negeri (Kejari) Gresik") is a form too.
            inner = () if m.implied else tuple(a for a in _INNER_ACR.findall(m.text) if a != m.text)
            for f in (m.short, None if m.implied else re.sub(r"\s*\([^)]*\)", "", m.text).strip(), m.name, *inner):
                f = re.sub(r"\s+", " ", f or "").strip()
                if f and f != name and f not in forms:
                    forms.append(f)
        shorts = [m.short for m in group if m.short]
        acronym = min(shorts, key=len) if shorts else None
        aliases = tuple(f for f in forms if f != acronym)
        category = next((m.category for m in group if m.category), None)
        out.append(Agency(name, acronym, aliases, tuple(group), category))
    return sorted(out, key=lambda a: a.mentions[0].start)
