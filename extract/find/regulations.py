"""Find citations of legal instruments in text.

The finder works on raw text with regular expressions (citation numbers such as
``400.3/123/SE/2025`` do not line up with tokens) and returns :class:`Citation` objects with
character offsets; :func:`resolve_citations` then fills issuers and subjects that a text
implies (a short repeat inherits its issuer) and merges repeats into one :class:`Regulation`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Iterable

from .. import data
from .lexicon import alternation, expand_region_short_forms, leftmost_matches, slug


@dataclass(frozen=True)
class Citation:
    """One mention of a legal instrument in a text."""

    start: int
    end: int
    text: str
    type: str
    number: str
    year: int | None
    issuer: str | None
    subject: str | None
    generic: bool = False  # cited by a generic head ("Keputusan 731/2025") without an issuer
    pinpoints: tuple[dict, ...] = ()  # the articles cited: {"pasal": "5", "ayat": "2", "huruf": "a"}

    @property
    def key(self) -> tuple[str, str, int | None]:
        return self.type, self.number.lower(), self.year


@dataclass(frozen=True)
class Regulation:
    """A legal instrument as a document cites it, with all its mentions."""

    id: str
    type: str
    number: str
    year: int | None
    issuer: str | None
    subject: str | None
    mentions: tuple[Citation, ...] = field(default=())
    basis: bool = False

    def to_dict(self) -> dict:
        return {"id": self.id, "uri": akn_uri(self.type, self.number, self.year, self.issuer), "type": self.type, "number": self.number, "year": self.year,
                "issuer": self.issuer, "subject": self.subject, "basis": self.basis,
                "mentions": [_mention(m) for m in self.mentions]}


def _mention(c: Citation) -> dict:
    out = {"start": c.start, "end": c.end, "text": c.text}
    if c.pinpoints:
        out["pinpoints"] = [dict(p) for p in c.pinpoints]
    return out


# --- patterns, built once from data ---------------------------------------------------------------

@cache
def forms() -> dict:
    table = json.loads(data.text("regulation_forms.json"))
    for i, head in enumerate(table["heads"]):
        if "form" not in head or ("code" not in head and "by_issuer" not in head):
            raise ValueError(f"data/regulation_forms.json: head {i} needs 'form' and 'code' or 'by_issuer'")
    return table


@cache
def abbreviations() -> dict[str, tuple[str, str | None]]:
    """Abbreviated instrument names ("Permenaker") mapped to (type code, implied issuer)."""
    from .gazetteer import regulation_abbreviations

    return {k: (v.type, v.issuer) for k, v in regulation_abbreviations().items()}


_ISSUER_WORD = r"(?:(?!TENTANG\b|Tentang\b)[A-Z][\w'’.-]*(?:/[A-Z][\w.-]*)?|dan|serta|atau|&|[0-9]{1,4}(?=\s+[A-Z]))"
_ISSUER_JOIN = r"(?:,?\s+)"
# "6", "400.3/123/SE/2025", "HK.01.07/MENKES/1936/2022", and the ministry's series letters: "KM 50", "PM 12"
_NUMBER = r"(?:(?:KM|PM|KP)\s+[0-9]+(?![\w/])|[0-9][\w.-]*(?:/[\w.-]+)*|[A-Z][\w.-]*(?:/[\w.-]+)+)"
_YEAR = r"(?:19|2[0O])[0-9OIlL]{2}(?![\w])"  # OCR writes "2O2O", "2Ol9" and "2O2L"
_ACR = r"(?:\s*\([A-Za-z][\w.-]{0,14}\))"


@cache
def citation_pattern() -> re.Pattern:
    heads = sorted({h["form"] for h in forms()["heads"]}, key=len, reverse=True)
    head_alt = alternation(heads, _head_regex, ignore_case=True)
    abbrs = sorted(abbreviations(), key=len, reverse=True)
    abbr_alt = alternation(abbrs, _spaced_regex, ignore_case=True)
    pattern = rf"""
        (?<![\w/-])
        (?P<head>(?i:{head_alt})|(?i:{abbr_alt}))(?![\w-])
        {_ACR}?
        (?:\s+(?P<issuer>{_ISSUER_WORD}(?:{_ISSUER_JOIN}{_ISSUER_WORD}){{0,13}}?){_ACR}?)??
        (?:
            \s*,?\s+(?i:nomor|nomer|no\.?|nr\.?)\s*[:.]?\s*(?P<number>{_NUMBER})
                (?:\s*,?\s*(?i:tahun)\s+(?P<year>{_YEAR}))?
          | \s+(?P<snum>[0-9]+[A-Z]?)\s*/\s*(?P<syear>{_YEAR})(?![\w/])
          | \s+(?P<bnum>[0-9]+)\s+(?i:tahun)\s+(?P<byear>{_YEAR})
          | (?<=(?i:dasar))(?:\s+(?i:negara\s+republik\s+indonesia))?\s+(?i:tahun)\s+(?P<uyear>1945)
        )
    """
    return re.compile(pattern, re.VERBOSE)


@cache
def _citation_starts() -> re.Pattern:
    """Where :func:`citation_pattern` matches, found faster: a class of the letters a head can start
    with (either case; any character outside ASCII, for the odd letters that case-fold to ASCII)
    opens the pattern, so ``re`` scans for them in C and looks ahead for a whole citation only there."""
    heads = (*(h["form"] for h in forms()["heads"]), *abbreviations())
    initials = {c for form in heads for c in (form[0].lower(), form[0].upper())}
    # A head's first letters up to its first space or hyphen (the rest of its pattern may vary there),
    # at most three: a cheap test before the whole pattern ("se" passes "sebagai", "per" "pertama").
    openings = sorted({re.split(r"[ -]", form)[0][:3].lower() for form in heads}, key=lambda o: (-len(o), o))
    return re.compile(rf"[{''.join(re.escape(c) for c in sorted(initials))}\x80-\U0010ffff]"
                      rf"(?<![\w/-].)(?<=(?i:(?={'|'.join(map(re.escape, openings))})).)"
                      rf"(?<=(?={citation_pattern().pattern}).)", re.VERBOSE)


def _citation_matches(text: str) -> list[re.Match]:
    return leftmost_matches(citation_pattern(), _citation_starts(), text)


@cache
def _head_pattern() -> re.Pattern:
    heads = sorted({h["form"] for h in forms()["heads"]} | set(abbreviations()), key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w-])(?:" + alternation(heads, _spaced_regex, ignore_case=True) + r")(?![\w-])")


def _head_regex(head: str) -> str:
    """A head as written, any run of spaces for a space, a space or a hyphen for a hyphen."""
    return re.escape(head).replace(r"\-", "[- ]").replace(r"\ ", r"\s+")


def _spaced_regex(form: str) -> str:
    return re.escape(form).replace(r"\ ", r"\s+")


_SUBJECT_START = re.compile(r"\s*,?\s*(?i:tentang)\s+")
# A subject ends with its sentence, a closing quote, a semicolon, the gazette note "(Lembaran Negara ...)",
# or a line break that is not a wrapped line (after punctuation, before a list item or a blank line).
_SENTENCE_END = re.compile(r'\.(?=\s|$)|"|;|\?|!|\s*\((?:Lembaran|Berita|Tambahan)\b|(?<=[.;:,])\n|\n(?=\s*\n)'
                           r'|\n(?=\s*(?:[0-9]{1,2}[.)]|[a-z][.)]|[-•*]|")\s)|\n(?=[A-Z ]{12,}$)', re.MULTILINE)
_TITLE_CONNECTORS = frozenset("""dan atau serta di ke dari untuk pada dalam tentang terhadap atas bagi oleh yang
    sebagai antara melalui dengan tanpa secara mengenai per kepada beserta dan/atau the of and""".split())
_LOWER_STOPS = frozenset("""yang sebesar sebagaimana agar supaya sehingga karena ketika saat namun tetapi telah akan
    sudah masih juga pun kepada oleh dinilai menjadi merupakan mulai berlaku ditandatangani ditetapkan diterbitkan
    tertanggal bahwa maka itu ini tersebut hingga sampai kini dan/atau sejak setelah sebelum bagi""".split())
_WORD = re.compile(r"\([^()\n]{1,40}\)|[^\s,]+|,")


def _classify(head: str, issuer: str | None) -> tuple[str | None, bool]:
    """Type code for a head word and issuer; the flag says the head alone was generic."""
    abbr = abbreviations().get(head.lower())
    if abbr:
        return abbr[0], False
    norm_head = re.sub(r"[\s-]+", " ", head).strip().lower()
    for h in forms()["heads"]:
        if re.sub(r"[\s-]+", " ", h["form"]).lower() != norm_head:
            continue
        if "code" in h:
            return h["code"], False
        table = h["by_issuer"]
        if issuer:
            low = issuer.lower()
            for prefix in sorted((k for k in table if k != "default"), key=len, reverse=True):
                if low == prefix.lower() or low.startswith(prefix.lower() + " "):
                    return table[prefix], False
            return table["default"], False
        return table["default"], not h.get("bare_ok", False)
    return None, False


def _ocr_year(text: str) -> int | None:
    digits = text.translate(str.maketrans("OoIlL", "00111"))
    return int(digits) if digits.isdigit() and 1900 <= int(digits) <= 2099 else None


def _year_from_number(number: str) -> int | None:
    found = re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", number)
    return int(found[-1]) if found and "/" in number else None


def _clean_issuer(issuer: str | None) -> str | None:
    if not issuer:
        return None
    issuer = re.sub(_ACR + "$", "", issuer).strip(" ,")
    issuer = re.sub(r"\s+", " ", issuer)
    issuer = re.sub(r"\s+(?:dan|serta|atau|&)$", "", issuer)
    return expand_region_short_forms(issuer) or None


def _cut_subject(raw: str, nested: bool = False) -> str | None:
    """Keep the words of a title: stop where the sentence turns back into prose.

    "Penetapan Perppu ... tentang Cipta Kerja menjadi Undang-Undang": the outer title goes on through
    "menjadi Undang-Undang"; the nested instrument's own title (``nested``) stops before it.
    """
    words = [m for m in _WORD.finditer(raw)]
    if not words:
        return None
    title_mode = words[0].group(0)[:1].isupper()
    end = 0
    for i, m in enumerate(words):
        w = m.group(0)
        nxt = words[i + 1].group(0) if i + 1 < len(words) else ""
        if w == ",":
            if not nxt or not (nxt[:1].isupper() or (nxt in ("dan", "serta", "atau") and i + 2 < len(words)
                                                     and words[i + 2].group(0)[:1].isupper())):
                break
            continue
        if title_mode:
            if not (w[:1].isupper() or w[:1].isdigit() or w.startswith("(")):
                connector = w.lower() in _TITLE_CONNECTORS or (w.lower() == "menjadi" and not nested)
                if not (connector and (nxt[:1].isupper() or nxt[:1].isdigit())):
                    break
        elif w.lower() in _LOWER_STOPS:
            break
        end = m.end()
        if i >= 60:
            break
    subject = re.sub(r"(?:[\s,]+(?:dan|serta|atau|dan/atau))+$", "", raw[:end]).strip(" ,.:;")
    subject = re.sub(r"\s+", " ", subject)
    return subject or None


def find_citations(text: str) -> list[Citation]:
    """Every numbered citation of a legal instrument in ``text``, in order, subjects included."""
    found: list[tuple[re.Match, str, bool, str | None]] = []
    pattern = citation_pattern()
    for m in _citation_matches(text):
        # "UU Cipta Kerja dan UU Nomor 6 Tahun 2023": an issuer run holding another head starts over there.
        if m.group("issuer"):
            inner = [h for h in _head_pattern().finditer(m.group("issuer"))]
            if inner:
                again = pattern.match(text, m.start("issuer") + inner[-1].start())
                m = again or m
        issuer = _clean_issuer(m.group("issuer"))
        code, generic = _classify(m.group("head"), issuer)
        if code is None:
            continue
        found.append((m, code, generic, issuer))
    starts = [m.start() for m, *_ in found]
    citations = []
    for i, (m, code, generic, issuer) in enumerate(found):
        number = (m.group("number") or m.group("snum") or m.group("bnum") or "").rstrip(".-,")
        if m.group("uyear"):
            code, generic, issuer = "UUD", False, None
        if re.fullmatch(r"[0-9][0-9OIl]{0,3}", number):  # "1l" is 11 misread by OCR
            number = number.translate(str.maketrans("OIl", "011"))
        if number.isdigit():
            number = number.lstrip("0") or "0"
        year_text = m.group("year") or m.group("syear") or m.group("byear") or m.group("uyear")
        year = _ocr_year(year_text) if year_text else _year_from_number(number)
        abbr = abbreviations().get(m.group("head").lower())
        if issuer is None and abbr and abbr[1]:
            issuer = abbr[1]
        if code == "PUTUSAN":
            issuer = forms()["courts"].get(issuer or "", issuer)
            if issuer is None and "/PUU-" in number.upper():
                issuer = forms()["courts"]["MK"]
        if code in forms()["no_issuer"]:
            issuer = None
        elif code == "PERDA" and issuer:
            # "Peraturan Daerah Kabupaten Garut": the region issues it; "Daerah" alone names nobody.
            issuer = re.sub(r"^(?i:daerah)\b\s*", "", issuer) or None
        subject = None
        s = _SUBJECT_START.match(text, m.end())
        if s:
            stop = _SENTENCE_END.search(text, s.end())
            limit = stop.start() if stop else len(text)
            # A later citation joined by "dan", "serta" or a comma ends this subject; one after
            # "atas" (an amendment's title) belongs to it.
            for nxt in starts[i + 1:]:
                if s.end() < nxt < limit:
                    before = text[s.end():nxt].rstrip()
                    if not before or re.search(r"(?i)(?:\b(?:dan|serta|atau|dan/atau|juga|maupun|dengan)|[,;])$", before):
                        limit = nxt
                        break
            nested = bool(re.search(r"(?i)\b(?:atas|penetapan|pelaksanaan)\s*$", text[max(0, m.start() - 20):m.start()]))
            subject = _cut_subject(text[s.end():limit], nested)
        citations.append(Citation(m.start(), m.end(), text[m.start():m.end()], code, number, year, issuer,
                                  subject, generic, pinpoints_before(text, m.start())))
    return citations


_PIN_TOKEN = re.compile(r"(?i)\b(?P<kind>pasal|ayat|huruf|angka)\s*(?P<value>\(\s*[0-9]+[a-z]?\s*\)|[0-9]+[A-Z]?\b|[IVX]+\b|[a-z]\b)")
_PIN_GAP = re.compile(r"(?i)\s*(?:,|;)?\s*(?:(?:dan/atau|dan|serta|atau|sampai\s+dengan)\s+)?")
_PIN_TAIL = re.compile(r"(?i)\s*(?:,\s*)?(?:(?:dalam|dari|pada)\s+)?$")
_PIN_LEVELS = ("pasal", "ayat", "huruf", "angka")


def pinpoints_before(text: str, start: int, reach: int = 240) -> tuple[dict, ...]:
    """The articles a citation pinpoints, from the words just before it.

    "Pasal 7 ayat (1) huruf a, Pasal 7 ayat (2), dan Pasal 12 Peraturan ..." gives three pinpoints:
    ``{"pasal": "7", "ayat": "1", "huruf": "a"}``, ``{"pasal": "7", "ayat": "2"}``, ``{"pasal": "12"}``.
    A later part without its parents ("ayat (3) dan ayat (4)") takes them from the part before.
    """
    window_start = max(0, start - reach)
    window = text[window_start:start]
    tokens = list(_PIN_TOKEN.finditer(window))
    tail = _PIN_TAIL.search(window)
    if not tokens or tokens[-1].end() != tail.start():
        return ()
    chain = [tokens[-1]]
    for token in reversed(tokens[:-1]):
        if not _PIN_GAP.fullmatch(window[token.end():chain[0].start()]):
            break
        chain.insert(0, token)
    while chain and chain[0].group("kind").lower() != "pasal":
        chain.pop(0)
    found: list[dict] = []
    current: dict = {}
    for token in chain:
        kind = token.group("kind").lower()
        value = token.group("value").strip("() ")
        level = _PIN_LEVELS.index(kind)
        if any(_PIN_LEVELS.index(k) >= level for k in current):
            found.append(current)
            current = {k: v for k, v in current.items() if _PIN_LEVELS.index(k) < level}
        current[kind] = value
    if current:
        found.append(current)
    return tuple(found)


def canonical_id(type_: str, number: str, year: int | None, issuer: str | None) -> str:
    """A stable id: ``pp/2025/50``; instruments numbered per issuer carry it (``se/wali-kota-x/2025/6``)."""
    parts = [type_.lower()]
    if issuer and type_ in forms()["issuer_scoped"]:
        parts.append(slug(issuer))
    parts += [str(year) if year else "na", slug(number) or "na"]
    return "/".join(parts)


# Akoma Ntoso document types: legislation is an "act", a court's decision a "judgment", a circular a "doc".
_AKN_TYPES = {"PUTUSAN": "judgment", "SE": "doc", "SEMA": "doc", "SEOJK": "doc"}


def akn_uri(type_: str, number: str, year: int | None, issuer: str | None) -> str:
    """The work-level Akoma Ntoso (FRBR) URI as pasal.id writes it: ``/akn/id/act/pp/2025/50``.

    It is the canonical id under ``/akn/id/<document type>/``, so instruments numbered per issuer
    carry the issuer (``/akn/id/act/permen/menteri-keuangan/2020/27-pmk.08-2020``).
    """
    return f"/akn/id/{_AKN_TYPES.get(type_, 'act')}/{canonical_id(type_, number, year, issuer)}"


def resolve_citations(citations: Iterable[Citation], own: tuple | None = None) -> list[Regulation]:
    """Merge repeats of one instrument; fill implied issuers; drop the document's own identity.

    A generic citation ("Keputusan 731/2025") takes the type of an earlier citation with the same
    number and year, and is dropped where there is none. A repeat without an issuer inherits the
    issuer of the nearest earlier citation of the same type.
    """
    merged: dict[tuple, list[Citation]] = {}
    last_issuer: dict[str, str] = {}
    for c in citations:
        if c.generic:
            earlier = next((k for k in merged if k[1] == c.number.lower() and k[2] == c.year), None)
            if earlier is None:
                continue
            c = replace(c, type=earlier[0], generic=False)
        if c.issuer is None and c.type not in forms()["no_issuer"]:
            same = next((k for k in merged if k[:2] == c.key[:2] and (k[2] == c.year or c.year is None)), None)
            if same is not None:
                c = replace(c, issuer=next((x.issuer for x in merged[same] if x.issuer), None), year=c.year or same[2])
            if c.issuer is None and c.type in last_issuer:
                c = replace(c, issuer=last_issuer[c.type])
        if c.issuer:
            last_issuer[c.type] = c.issuer
        key = c.key
        if c.year is None:
            key = next((k for k in merged if k[:2] == key[:2]), key)
        merged.setdefault(key, []).append(c)
    for key in [k for k in merged if k[2] is None]:
        # "PP Nomor 57" before "PP Nomor 57 Tahun 2021": one instrument, where the text has one such year
        dated = [k for k in merged if k[:2] == key[:2] and k[2] is not None]
        if len(dated) == 1:
            merged[dated[0]] = sorted(merged.pop(key) + merged[dated[0]], key=lambda m: m.start)
    out = []
    for (type_, _, year), mentions in merged.items():
        if own and (type_, mentions[0].number.lower(), year) == own:
            continue
        issuer = max((m.issuer for m in mentions if m.issuer), key=len, default=None)
        subject = next((m.subject for m in mentions if m.subject), None)
        number = mentions[0].number
        out.append(Regulation(canonical_id(type_, number, year, issuer), type_, number, year, issuer, subject,
                              tuple(mentions)))
    return out
