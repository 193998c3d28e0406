"""Abbreviations defined in the text: "Badan Pusat Statistik (BPS)" and "BPS (Badan Pusat Statistik)".

The Schwartz–Hearst algorithm (2003): a short form in parentheses is matched character by
character, from its end, against the words before it; the long form starts where the short
form's first character starts a word. It needs no list and works unchanged on Indonesian.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    start: int  # of the long form
    end: int    # of the whole definition, closing parenthesis included

    def to_dict(self) -> dict:
        return {"short": self.short, "long": self.long, "start": self.start, "end": self.end}


_PAREN = re.compile(r"\(([^()\n]{1,120})\)")
_WORD = re.compile(r"[^\s()]+")
_SENTENCE_BREAK = re.compile(r"[.;:!?\"]\s|\n")


def is_short_form(candidate: str) -> bool:
    """2 to 10 characters, at most two words, starting with a letter or digit, with a capital letter."""
    c = candidate.strip()
    return (2 <= len(c) <= 10 and len(c.split()) <= 2 and c[0].isalnum() and any(ch.isupper() for ch in c)
            and any(ch.isalpha() for ch in c))


def best_long_form(short: str, long: str) -> str | None:
    """The shortest tail of ``long`` that the characters of ``short`` match (Schwartz–Hearst)."""
    s_index = len(short) - 1
    l_index = len(long) - 1
    while s_index >= 0:
        ch = short[s_index].lower()
        if not ch.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (long[l_index].lower() != ch
                                or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = long.rfind(" ", 0, l_index + 1) + 1
    result = long[start:].strip()
    return result if len(result.split()) > 1 or len(result) > len(short) else None


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every short form defined in parentheses, with its long form, first definition per short form."""
    found: dict[str, Abbreviation] = {}
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        # The text before the parenthesis, back to the start of its sentence.
        left_start = max(0, m.start() - 200)
        left = text[left_start:m.start()]
        breaks = list(_SENTENCE_BREAK.finditer(left))
        if breaks:
            left_start += breaks[-1].end()
            left = text[left_start:m.start()]
        left_words = list(_WORD.finditer(left))
        if is_short_form(inner) and left_words:
            limit = min(len(inner) + 5, len(inner) * 2)
            window_start = left_words[max(0, len(left_words) - limit)].start()
            long = best_long_form(inner, left[window_start:].rstrip())
            if long and inner not in found:
                start = left_start + left.rfind(long)
                found[inner] = Abbreviation(inner, long, start, m.end())
        elif left_words and len(inner.split()) >= 2:
            short = left_words[-1].group(0)
            if is_short_form(short) and short not in found:
                long = best_long_form(short, inner)
                if long and long == inner:
                    found[short] = Abbreviation(short, long, left_start + left_words[-1].start(), m.end())
    return sorted(found.values(), key=lambda a: a.start)
