"""Relations between regulations, read from titles and text.

- **amends**: "X tentang Perubahan atas Y" (X amends Y), "Perubahan Kedua atas Y" (ordinal 2); in a
  document's own title or its Menetapkan line, the document amends Y. "Y sebagaimana telah diubah
  dengan X" says the same where X's title does not.
- **revokes**: a sentence that declares instruments "dicabut dan dinyatakan tidak berlaku" (or the
  document "mencabut" them): the document revokes each instrument the sentence cites.
- **implements**: "X tentang (Peraturan) Pelaksanaan Y" (X implements Y); a Menimbang clause that
  ends "perlu menetapkan" and cites "Pasal N ... Y" after "melaksanakan" or "sebagaimana dimaksud
  dalam": the document implements Y (the article rides along).
- **basis**: each instrument of the Mengingat list is the document's legal basis.

:func:`find_relations` works on citations already resolved to regulation ids, so a relation always
joins two regulations of the record; the document's own id is ``own`` (None for a text that is not
a regulation, where only relations between the instruments it cites are found).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from .regulations import Citation

ORDINALS = {"kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6, "ketujuh": 7, "kedelapan": 8,
            "kesembilan": 9, "kesepuluh": 10}
KINDS = ("amends", "revokes", "implements", "basis")


@dataclass(frozen=True)
class Relation:
    """``source`` relates to ``target`` (``relation`` one of KINDS), as text[start:end] says."""

    source: str
    relation: str
    target: str
    start: int
    end: int
    text: str
    ordinal: int | None = None  # the amendment's number: 1 for "Perubahan atas", 2 for "Perubahan Kedua atas"
    article: str | None = None  # "Pasal 9 ayat (3)" where the text names the article implemented

    def to_dict(self) -> dict:
        out = {"from": self.source, "relation": self.relation, "to": self.target, "start": self.start,
               "end": self.end, "text": self.text}
        if self.ordinal is not None:
            out["ordinal"] = self.ordinal
        if self.article:
            out["article"] = self.article
        return out


_AMENDS_BEFORE = re.compile(r"(?i)\bperubahan(?:\s+(?P<ordinal>" + "|".join(ORDINALS) + r"))?\s+atas\s*$")
_IMPLEMENTS_BEFORE = re.compile(r"(?i)\b(?:peraturan\s+)?pelaksanaan(?:\s+(?:ketentuan\s+)?pasal\s+[^\n]{1,80}?)?\s+$")
_TENTANG_BEFORE = re.compile(r"(?i)\s*,?\s*tentang\s*$")
_AMENDED_BY_BEFORE = re.compile(r"(?i)\bsebagaimana\s+telah\s+(?:beberapa\s+kali\s+)?diubah(?:\s+terakhir)?"
                                r"(?:\s*,\s*terakhir)?\s+dengan\s*$")
_REVOKED = re.compile(r"(?i)\bdicabut\b(?:\s+dan\s+dinyatakan\s+tidak\s+berlaku)?|\bdinyatakan\s+tidak\s+berlaku\b")
_REVOKE_OPENER = re.compile(r"(?i)\s*(?:Pada\s+saat|Dengan\s+(?:di)?(?:berlaku|tetap|undang)\w*|Sejak)\b")
_REVOKE_VERB = re.compile(r"(?i)\bmencabut\s*:?\s*$")
_ARTICLE_BEFORE = re.compile(
    r"(?i)\bPasal\s+\d+[A-Z]?(?:\s+ayat\s*\(\d+[a-z]?\))?(?:\s+huruf\s+[a-z]\b)?(?:\s*(?:,|dan)\s*(?:Pasal\s+\d+[A-Z]?"
    r"(?:\s+ayat\s*\(\d+[a-z]?\))?(?:\s+huruf\s+[a-z]\b)?))*\s*$")
_IMPLEMENT_CUE = re.compile(r"(?i)\bmelaksanakan\b|\bsebagaimana\s+dimaksud\s+dalam\b")
_SENTENCE_BREAK = re.compile(r"[.;:]\s*\n|(?m:^Pasal\s+\d+[A-Z]?[ \t]*\n)|\n(?=Pasal\s+\d)|\n(?=[a-z][.)]\s)|\n(?=\d{1,2}[.)]\s)")


def find_relations(text: str, citations: Sequence[Citation], id_of: Callable[[Citation], str | None],
                   own: str | None, basis: Iterable[tuple[int, int]] = (),
                   own_spans: Iterable[tuple[int, int]] = (),
                   menimbang: Iterable[tuple[int, int]] = ()) -> list[Relation]:
    """Relations between the regulations that ``citations`` (in text order) resolve to through ``id_of``.

    ``own_spans`` are the parts of the text that speak for the document itself (its title block and
    Menetapkan line); ``basis`` the spans of the Mengingat items; ``menimbang`` the Menimbang section.
    """
    cited = [(c, id_of(c)) for c in citations]
    cited = [(c, reg) for c, reg in cited if reg]
    own_spans, basis, menimbang = list(own_spans), list(basis), list(menimbang)
    found: list[Relation] = []
    for k, (c, target) in enumerate(cited):
        window = text[max(0, c.start - 120):c.start]
        amends = _AMENDS_BEFORE.search(window)
        if amends:
            ordinal = ORDINALS.get((amends.group("ordinal") or "").lower(), 1)
            head = c.start - len(window) + amends.start()
            source = _titled_by(text, cited[:k], head) or (own if _speaks_for_itself(text, head, own_spans) else None)
            if source and source != target:
                found.append(_relation(text, source, "amends", target, head, c.end, ordinal=ordinal))
            continue
        implements = _IMPLEMENTS_BEFORE.search(window)
        if implements:
            head = c.start - len(window) + implements.start()
            source = _titled_by(text, cited[:k], head) or (own if _speaks_for_itself(text, head, own_spans) else None)
            if source and source != target:
                found.append(_relation(text, source, "implements", target, head, c.end))
            continue
        amended_by = _AMENDED_BY_BEFORE.search(window)
        if amended_by and k:
            earlier = next((reg for j, (prev, reg) in reversed(list(enumerate(cited[:k])))
                            if reg != target and not (j and _nested(text, cited[j - 1][0], prev))), None)
            if earlier:
                found.append(_relation(text, target, "amends", earlier, c.start - len(window) + amended_by.start(),
                                       c.end))
    if own:
        found += _revocations(text, cited, own)
        found += _implementations(text, cited, own, menimbang)
        found += [_relation(text, own, "basis", reg, c.start, c.end) for c, reg in cited
                  if reg != own and any(a <= c.start < b for a, b in basis)]
    return _one_reading(_unique(found), cited)


def _nested(text: str, outer: Citation, inner: Citation) -> bool:
    """Whether ``inner`` is cited inside the title of ``outer`` ("X tentang Pelaksanaan Y")."""
    return bool(re.fullmatch(r"(?is)\s*,?\s*tentang\b[^;()]*", text[outer.end:inner.start]))


def _one_reading(relations: list[Relation], cited: Sequence[tuple[Citation, str]]) -> list[Relation]:
    """Two readings of one instrument (one misread by OCR: "Peraturan Pemezuntah Nomor 57") related the
    same way to the same regulation count once: the reading the text cites most often stays."""
    counts = Counter(reg for _, reg in cited)
    numbers = {reg: (c.number.lower(), c.year) for c, reg in cited}
    best: dict[tuple, Relation] = {}
    out = []
    for r in relations:
        if r.relation == "basis":
            out.append(r)
            continue
        key = (r.source, r.relation, numbers.get(r.target, (r.target, None))[0])
        kept = best.get(key)
        if kept is None:
            best[key] = r
            out.append(r)
            continue
        years = {numbers.get(kept.target, (None, None))[1], numbers.get(r.target, (None, None))[1]} - {None}
        if len(years) > 1:
            out.append(r)  # different instruments with one number
        elif counts[r.target] > counts[kept.target]:
            out[out.index(kept)] = best[key] = r
    return out


def _relation(text: str, source: str, relation: str, target: str, start: int, end: int, **extra) -> Relation:
    return Relation(source, relation, target, start, end, re.sub(r"\s+", " ", text[start:end]), **extra)


def _titled_by(text: str, earlier: Sequence[tuple[Citation, str]], head: int) -> str | None:
    """The regulation whose title the words at ``head`` belong to: the citation just before "tentang"."""
    if not earlier:
        return None
    c, reg = earlier[-1]
    between = text[c.end:head]
    return reg if _TENTANG_BEFORE.fullmatch(between) or re.fullmatch(r"(?i)\s*,?\s*tentang\s*", between) else None


def _speaks_for_itself(text: str, head: int, own_spans: Sequence[tuple[int, int]]) -> bool:
    """Whether words at ``head`` title the document itself: in its title block or Menetapkan line, or
    after "perlu menetapkan <form> tentang" in the Menimbang."""
    if any(a <= head < b for a, b in own_spans):
        return True
    before = text[max(0, head - 160):head]
    return bool(re.search(r"(?i)\bperlu\s+menetapkan\b[^;\n]*?\btentang\s*$", before))


def _sentence(text: str, at: int, limit: int = 1500) -> tuple[int, int]:
    """The sentence (or list item) of the text around offset ``at``."""
    start = max(0, at - limit)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, start, at)]
    start = breaks[-1] if breaks else start
    stop = _SENTENCE_BREAK.search(text, at)
    return start, (stop.start() + 1 if stop else len(text))


def _revocations(text: str, cited: Sequence[tuple[Citation, str]], own: str) -> list[Relation]:
    """"Pada saat ... berlaku, X ..., dicabut dan dinyatakan tidak berlaku": the document revokes X."""
    out = []
    for match in _REVOKED.finditer(text):
        start, end = _sentence(text, match.start())
        if " dan " not in match.group(0) and not _REVOKE_OPENER.match(text, start):
            continue  # a bare "dicabut" or "dinyatakan tidak berlaku" counts in a closing provision only
        for c, reg in cited:
            if start <= c.start < match.start() and reg != own:
                out.append(_relation(text, own, "revokes", reg, c.start, match.end()))
    for c, reg in cited:
        if reg != own and _REVOKE_VERB.search(text[max(0, c.start - 20):c.start]):
            out.append(_relation(text, own, "revokes", reg, c.start - 9, c.end))
    return out


def _implementations(text: str, cited: Sequence[tuple[Citation, str]], own: str,
                     menimbang: Sequence[tuple[int, int]]) -> list[Relation]:
    """A Menimbang clause "untuk melaksanakan ketentuan Pasal 9 Y, perlu menetapkan ...": the document implements Y."""
    out = []
    for a, b in menimbang:
        for clause in re.finditer(r"(?is)\bbahwa\b.*?\bperlu\s+menetapkan\b", text[a:b]):
            lo, hi = a + clause.start(), a + clause.end()
            if not _IMPLEMENT_CUE.search(clause.group(0)):
                continue
            for c, reg in cited:
                if not lo <= c.start < hi or reg == own:
                    continue
                window = text[max(lo, c.start - 200):c.start]
                article = _ARTICLE_BEFORE.search(window)
                direct = re.search(r"(?i)\bmelaksanakan\s+(?:ketentuan\s+)?$", window)
                if article or direct:
                    start = c.start - len(window) + (article.start() if article else direct.start())
                    out.append(_relation(text, own, "implements", reg, start, c.end,
                                         article=re.sub(r"\s+", " ", article.group(0)).strip(" ,") if article else None))
    return out


def _unique(relations: Iterable[Relation]) -> list[Relation]:
    """One relation per (from, kind, to), the first in the text; an amendment's ordinal is kept."""
    out: dict[tuple[str, str, str], Relation] = {}
    for r in sorted(relations, key=lambda r: r.start):
        kept = out.setdefault((r.source, r.relation, r.target), r)
        if kept.ordinal is None and r.ordinal is not None:
            out[(r.source, r.relation, r.target)] = replace(kept, ordinal=r.ordinal)
    return list(out.values())
