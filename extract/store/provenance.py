"""Provenance: the sentence of a text that a span was read from.

Every row the store writes keeps the sentence around its offsets, so a reader
can see the evidence without opening the document. :func:`sentence_cuts` finds
where sentences end; :func:`sentence_at` cuts the sentence around a span from
them, and :func:`sentence_finder` binds both to one text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

__all__ = ["SENTENCE_MAX", "SentenceOf", "no_sentence", "sentence_around", "sentence_at", "sentence_cuts",
           "sentence_finder"]

# A sentence ends at a line break, or at . ! ? (with closing quotes or brackets)
# before a space and a capital letter or an opening quote.
_SENTENCE_END = re.compile(r"\n|[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(]?[A-Z])")
# Words whose period does not end a sentence ("Dr. Ahmad", "Jl. Sudirman", "a.n. Bupati").
_NO_END_BEFORE = frozenset(
    "dr drs dra dr ir prof h hj kh st no nomor jl kab kec kel kota prov tel telp yth sdr sdri bpk ny tn "
    "a.n u.b an ub pt cv tbk rp vol hal".split()
)
SENTENCE_MAX = 600


def sentence_cuts(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence ends (exclusive), in order."""
    cuts = []
    for match in _SENTENCE_END.finditer(text):
        if match.group() != "\n":
            word = re.search(r"(\S+?)[.!?\u2026]*$", text[max(0, match.start() - 12):match.start() + 1])
            before = word.group(1).casefold().strip("(\"'") if word else ""
            if before in _NO_END_BEFORE or (len(before) == 1 and before.isalpha()):
                continue
        cuts.append(match.end() if match.group() != "\n" else match.start())
    return cuts


def sentence_at(text: str, cuts: list[int], start: int | None, end: int | None) -> str | None:
    """The sentence(s) of ``text`` around ``start``..``end``, given :func:`sentence_cuts`.

    It runs from the last sentence end at or before ``start`` to the first at or
    after ``end``. A sentence longer than ``SENTENCE_MAX`` characters (a text
    without punctuation) is cut to the span and some context. Offsets missing or
    outside the text give ``None``.
    """
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return None
    index = bisect.bisect_right(cuts, start)
    begin = cuts[index - 1] if index else 0
    index = bisect.bisect_left(cuts, end)
    finish = cuts[index] if index < len(cuts) else len(text)
    if finish - begin > max(SENTENCE_MAX, end - start):
        context = max(0, (SENTENCE_MAX - (end - start)) // 2)
        begin, finish = max(begin, start - context), min(finish, end + context)
    return text[begin:finish].strip() or None


def sentence_around(text: str, start: int | None, end: int | None) -> str | None:
    """The sentence of ``text`` that holds ``start``..``end``; see :func:`sentence_at`."""
    return sentence_at(text, sentence_cuts(text), start, end)


SentenceOf = Callable[[Any, Any], "str | None"]


def no_sentence(start: Any, end: Any) -> str | None:
    """The :data:`SentenceOf` of a document without text: always ``None``."""
    return None


def sentence_finder(text: str | None) -> SentenceOf:
    """A function of ``(start, end)`` giving the sentence of ``text`` around them."""
    if not text:
        return no_sentence
    cuts = sentence_cuts(text)
    return lambda start, end: sentence_at(text, cuts, start, end)
