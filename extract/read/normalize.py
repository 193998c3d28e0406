"""Text cleaning as named steps, with an offset map back to the source text.

``clean_text(text, ["whitespace", "quotes"])`` runs the steps in order and returns a
:class:`Cleaned` whose ``offsets`` maps every character of the clean text to the index of the
source character it came from, so that a span found in clean text can be shown in the source.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterable, Sequence

from .. import data

Replacement = str | Callable[[re.Match], str]


@dataclass(frozen=True)
class Cleaned:
    """Clean text, the source it came from and a map from clean offsets to source offsets."""

    text: str
    source: str
    offsets: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the clean text onto the source text."""
        if not self.text:
            return 0, 0
        src_start = self.offsets[min(start, len(self.offsets) - 1)]
        src_end = self.offsets[min(max(end - 1, start), len(self.offsets) - 1)] + 1
        return src_start, max(src_end, src_start)


def _rewrite(text: str, offsets: list[int], pattern: re.Pattern, repl: Replacement,
             matches: Iterable[re.Match] | None = None) -> tuple[str, list[int]]:
    """Apply ``pattern.sub(repl)`` while keeping ``offsets`` aligned with the text.

    Characters kept unchanged keep their offsets; a replacement maps every new character to
    the source offset where the replaced match started. ``matches``, where given, are
    ``pattern.finditer(text)`` found another way.
    """
    out: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    literal = isinstance(repl, str) and "\\" not in repl  # no group references to expand
    for match in pattern.finditer(text) if matches is None else matches:
        start, end = match.span()
        out.append(text[pos:start])
        new_offsets.extend(offsets[pos:start])
        new = repl if literal else repl(match) if callable(repl) else match.expand(repl)
        if new == match.group(0):
            new_offsets.extend(offsets[start:end])
        else:
            anchor = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if offsets else 0)
            new_offsets.extend([anchor] * len(new))
        out.append(new)
        pos = end
    if not out:  # nothing matched: the text and its offsets as they were
        return text, offsets
    out.append(text[pos:])
    new_offsets.extend(offsets[pos:])
    return "".join(out), new_offsets


# --- the steps --------------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\f\v]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")


def _unicode(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Drop invisible characters; make odd spaces, line breaks and dashes plain."""
    if text.isascii():  # most texts: no invisible character, odd dash or accent to compose; ASCII is NFC
        if "\r" in text:
            text, offsets = _rewrite(text, offsets, _NEWLINES, "\n")
        if "\f" in text or "\v" in text:
            text, offsets = _rewrite(text, offsets, _ODD_SPACES, " ")
        return text, offsets
    text, offsets = _rewrite(text, offsets, _INVISIBLE, "")
    text, offsets = _rewrite(text, offsets, _NEWLINES, "\n")
    text, offsets = _rewrite(text, offsets, _ODD_SPACES, " ")
    text, offsets = _rewrite(text, offsets, _DASHES, "-")
    # Compose accents written as two code points into one, keeping the length map simple.
    if not unicodedata.is_normalized("NFC", text):
        pattern = re.compile(r".[\u0300-\u036f]+")
        text, offsets = _rewrite(text, offsets, pattern, lambda m: unicodedata.normalize("NFC", m.group(0)))
    return text, offsets


_QUOTES = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
           "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u0060": "'"}
_SINGLES = "\u2018\u2019\u201a\u201b\u2032'`"
# Two single marks, else one mark of _QUOTES: written as a class of every mark first, so that ``re``
# scans for them in C, then a look back at the mark taken ("[S]{2}|[Q]" tried at every position).
_QUOTE_RE = re.compile(f"[{_SINGLES}{''.join(_QUOTES)}](?:(?<=[{_SINGLES}])[{_SINGLES}]|(?<=[{''.join(_QUOTES)}]))")


def _quotes(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Curly and typographic quote marks become straight ones; a doubled single mark (``''``, \u2018\u2018) becomes ``"``."""
    return _rewrite(text, offsets, _QUOTE_RE, lambda m: '"' if len(m.group(0)) == 2 else _QUOTES[m.group(0)])


# A hyphen after a letter, a line break, a letter (the hyphen first: ``re`` looks for it quickly).
_HYPHENATION = re.compile(r"-(?<=[a-z]-)[ \t]*\n[ \t]*(?=[a-z])")
_WORD_BEFORE = re.compile(r"[a-z]+$")
_WORD_AFTER = re.compile(r"[a-z]+")


def _join_broken_word(match: re.Match) -> str:
    """Keep the hyphen of a reduplicated word ("masing-masing"), drop the one that split a word."""
    before = _WORD_BEFORE.search(match.string, 0, match.start())
    after = _WORD_AFTER.match(match.string, match.end())
    return "-" if before and after and before.group(0) == after.group(0) else ""


def _hyphenation(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Join words broken across lines: ``kebi-\\njakan`` becomes ``kebijakan``, ``masing-\\nmasing`` ``masing-masing``."""
    return _rewrite(text, offsets, _HYPHENATION, _join_broken_word)


@cache
def boilerplate_patterns() -> re.Pattern:
    """Lines of news-site furniture, read from ``data/boilerplate.txt`` (one regex a line)."""
    raw = data.text("boilerplate.txt")
    lines = [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    for number, line in enumerate(lines, 1):
        try:
            re.compile(line)
        except re.error as exc:
            raise ValueError(f"data/boilerplate.txt: pattern {number} is not a valid regex: {exc}") from None
    return re.compile(r"(?im)^[ \t]*(?:" + "|".join(f"(?:{ln})" for ln in lines) + r")[^\n]*(?:\n|$)")


def _boilerplate(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Remove whole lines of news boilerplate ("Baca juga:", "SCROLL TO CONTINUE ...")."""
    pattern = boilerplate_patterns()
    return _rewrite(text, offsets, pattern, "", _at_line_starts(pattern, text))


def _at_line_starts(pattern: re.Pattern, text: str) -> list[re.Match]:
    """``list(pattern.finditer(text))`` for a pattern that opens with ``^`` in MULTILINE mode, tried
    at the start of each line only rather than at every position."""
    found: list[re.Match] = []
    start = 0
    while start != -1:
        match = pattern.match(text, start)
        if match is not None:
            if match.end() == start:  # an empty match: finditer's rules for those, not worth copying
                return list(pattern.finditer(text))
            found.append(match)
            start = match.end()
            if text[start - 1:start] == "\n" or start == len(text):
                continue  # the match took its line break: the next line starts here (or the text ends)
        start = text.find("\n", start)
        start = start + 1 if start != -1 else -1
    return found


_SPACE_RUN = re.compile(r"[ ]{2,}")
# A tab separates columns (signatures side by side, a number and a date on one line); keep one.
_TAB_RUN = re.compile(r"[ ]*\t[ \t]*")
# Spaces or tabs around a line break (a bare line break would be replaced by itself: not matched).
_TRAILING = re.compile(r"[ \t]+\n[ \t]*|\n[ \t]+")
_BLANK_RUN = re.compile(r"\n{3,}")


def _whitespace(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """One space between words, no spaces around line breaks, at most one blank line."""
    # Each pattern is tried only where what it needs is in the text (a fast substring test).
    if "  " in text:
        text, offsets = _rewrite(text, offsets, _SPACE_RUN, " ")
    if "\t" in text:
        text, offsets = _rewrite(text, offsets, _TAB_RUN, "\t")
    if " \n" in text or "\n " in text or "\t" in text:
        text, offsets = _rewrite(text, offsets, _TRAILING, "\n")
    if "\n\n\n" in text:
        text, offsets = _rewrite(text, offsets, _BLANK_RUN, "\n\n")
    return _strip(text, offsets)


def _strip(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """No whitespace at either end (``str.strip`` and ``re``'s ``\\s`` agree on what whitespace is)."""
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if start == 0 and end == len(text):
        return text, offsets
    return text[start:end], offsets[start:end]


LONG_RUN = 256  # a stretch without a space longer than this is broken into pieces
PUNCTUATION_RUN = 16  # the pieces of a stretch of punctuation only
CHUNK = 100  # the pieces of any other stretch
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONG_RUN + 1},}}")  # from the start of a stretch: tried once a stretch


def _long_runs(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Put spaces into stretches of over 256 characters without one: every 16 marks of punctuation, else every 100.

    spaCy's tokenizer peels prefixes and suffixes off a whitespace-free chunk one at a time, which
    takes time growing with the square of the chunk ("((((...", a 10 MB line of dashes). No word
    (nor a dotted leader of a form) is this long; every character keeps its offset, and each inserted space takes the offset of
    the character after it.
    """
    if max(map(len, text.split()), default=0) <= LONG_RUN:  # no stretch that long (str.split cuts where \s does)
        return text, offsets
    out: list[str] = []
    new_offsets: list[int] = []
    pos = 0
    for match in _LONG_RUN.finditer(text):
        start, end = match.span()
        out.append(text[pos:start])
        new_offsets.extend(offsets[pos:start])
        step = PUNCTUATION_RUN if re.fullmatch(r"[^\w\s]+", match.group(0)) else CHUNK
        for piece in range(start, end, step):
            if piece > start:
                out.append(" ")
                new_offsets.append(offsets[piece])
            out.append(text[piece:min(piece + step, end)])
            new_offsets.extend(offsets[piece:min(piece + step, end)])
        pos = end
    out.append(text[pos:])
    new_offsets.extend(offsets[pos:])
    return "".join(out), new_offsets


# An item number glued to the word before it: "miliar2. Badan ...", "Gambir2. Kecamatan Menteng3. ...",
# where a numbered list lost its line breaks (news pages copied as text). ``re`` finds the literal ". " of a
# sentence's end quickly; the number and the letter before it are read back from there.
_DOT_CAPITAL = re.compile(r"\. (?=[A-Z])")
_FIRST_ITEM = re.compile(r"(?:^|\s)1\. [A-Z]")


def _list_items(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Put back the line breaks of a numbered list run together on one line.

    A number counts as an item's only beside the next or the one before it on the same line (2 and 3,
    or 2 after a "1. "), so that a lone "COVID19. Pemerintah" is left alone. Each line break takes
    the offset of the number after it; every other character keeps its own.
    """
    by_line: dict[int, list[tuple[int, int]]] = {}
    line_start, seen = -1, 0  # the line break before the last number looked at, and how far breaks were sought
    for match in _DOT_CAPITAL.finditer(text):
        dot = match.start()
        at = dot
        while at > dot - 3 and at and "0" <= text[at - 1] <= "9":
            at -= 1
        if not (dot - 2 <= at < dot and at and (text[at - 1].isalpha() or text[at - 1] == ")")):
            continue  # one or two digits, right after a letter or a bracket
        line_start = max(line_start, text.rfind("\n", seen, at))
        seen = at
        by_line.setdefault(line_start, []).append((at, int(text[at:dot])))
    breaks = []
    for line_start, glued in by_line.items():
        numbers = {n for _, n in glued}
        first = _FIRST_ITEM.search(text, max(line_start, 0), glued[-1][0]) if 2 in numbers else None
        for at, n in glued:
            if n - 1 in numbers or n + 1 in numbers or (n == 2 and first and first.start() < at):
                breaks.append(at)
    if not breaks:
        return text, offsets
    breaks.sort()
    out, new_offsets, pos = [], [], 0
    for at in breaks:
        out += [text[pos:at], "\n"]
        new_offsets += offsets[pos:at]
        new_offsets.append(offsets[at])
        pos = at
    out.append(text[pos:])
    new_offsets += offsets[pos:]
    return "".join(out), new_offsets


_MD_MARKUP = re.compile(r"(?m)^#{1,6}[ \t]+|^[ \t]*>[ \t]?|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|!?\[([^\]\n]*)\]\([^)\n]*\)")


def _markdown(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Strip Markdown markup (headings, emphasis, links) and keep the words."""
    def repl(match: re.Match) -> str:
        return match.group(1) if match.group(1) is not None else ""

    return _rewrite(text, offsets, _MD_MARKUP, repl)


STEPS: dict[str, Callable[[str, list[int]], tuple[str, list[int]]]] = {
    "unicode": _unicode,
    "markdown": _markdown,
    "boilerplate": _boilerplate,
    "hyphenation": _hyphenation,
    "quotes": _quotes,
    "whitespace": _whitespace,
    "long_runs": _long_runs,
    "list_items": _list_items,
}
DEFAULT_STEPS: tuple[str, ...] = ("unicode", "boilerplate", "hyphenation", "quotes", "list_items", "whitespace")


def clean_text(text: str, steps: Iterable[str] = DEFAULT_STEPS) -> Cleaned:
    """Run the named cleaning ``steps`` over ``text``.

    >>> clean_text("Kata  \\u201cbaik\\u201d", ["whitespace", "quotes"]).text
    'Kata "baik"'
    """
    steps = list(steps)
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown cleaning step(s) {unknown}; valid steps: {sorted(STEPS)}")
    current, offsets = text, list(range(len(text)))
    for name in steps:
        current, offsets = STEPS[name](current, offsets)
    return Cleaned(current, text, tuple(offsets))


def steps_for(fmt: str) -> Sequence[str]:
    """The cleaning steps that suit a source format."""
    if fmt == "md":
        return ("unicode", "markdown", "boilerplate", "hyphenation", "quotes", "list_items", "whitespace")
    return DEFAULT_STEPS
