"""Forms of people's names beyond the constructions :mod:`.people` reads: the same name written out
in full elsewhere, a column's byline, and where a name's words stand in a text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .agency_names import HEAD_WORDS, gazetteer_index
from .lexicon import degree_at
from .name_words import (
    BIRTH_ORDER_NAMES,
    COMMON_WORDS,
    INSTITUTION_WORDS,
    NOT_NAMES,
    _clean_position,
    _title_openers,
    _valid_name,
    _vocab,
)
from .vocabulary import agency_forms, region_names


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    text: str
    name: str
    position: str | None = None
    position_start: int | None = None
    rank: str | None = None



_BYLINE = re.compile(r"^(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){1,5})\.(?P<pos>[A-Z][^\n.]{3,150})\.?[ \t]*$",
                     re.MULTILINE)


def bylines(text: str) -> list[PersonMention]:
    """A column's author on a line of their own, name and position joined by a full stop
    ("Nama Nama.Anggota DPR RI Fraksi X."), where the position opens with a title."""
    out = []
    for m in _BYLINE.finditer(text):
        name, pos = m.group("name"), m.group("pos").strip()
        if pos.split()[0] not in _title_openers() or not _valid_name(name) or not names_public_body(pos):
            continue
        out.append(PersonMention(m.start("name"), m.end("name"), name, name, _clean_position(pos), m.start("pos")))
    return out


def names_public_body(position: str) -> bool:
    """Whether a position names a public body: a word or two the gazetteer knows ("DPR RI", "Komnas HAM"),
    an institution's head word or short form ("Kementerian", "Dinas", "RSUD"); a think tank's director
    names none."""
    index, words = gazetteer_index(), re.findall(r"[\w-]+", position)
    return any(w in HEAD_WORDS or w in _form_shorts() or w.lower() in index
               or " ".join(words[i:i + 2]).lower() in index for i, w in enumerate(words))


@cache
def _form_shorts() -> frozenset[str]:
    return frozenset(f.short.split()[0] for f in agency_forms())


_BIRTH_ORDER_BEFORE = re.compile(r"(?<![\w-])(?:(?:I|Ni)[ \t]+)?(?:" + "|".join(sorted(BIRTH_ORDER_NAMES)) + r")[ \t]+$")
_MORE_NAME = re.compile(r"(?:[ \t]+[A-Z][a-z][\w'’-]*){1,3}(?![\w-])")


def fuller_forms(text: str, mentions: list[PersonMention], headline: int, taken, word_starts) -> list[PersonMention]:
    """A name read by one or two of its words ("Menteri Nama", "kata Nama") and written out in full
    elsewhere with no cue beside it ("Diberitakan sebelumnya, Nama Nama Nama menyegel ..."): the full
    form is a mention of the same person. The words added must be a name's (no office, institution,
    region or everyday word): up to three after it, or a Balinese birth-order name before it ("Putu").
    The run must end there, or at a degree ("Nama Nama SH di ..."): a fourth capitalised word means a
    longer name of something else ("Nama Nama Building")."""
    vocab = _vocab()
    out = []
    forms = sorted({p.name for p in mentions if p.start >= headline and len(p.name.split()) <= 2},
                   key=lambda f: (-len(f), f))
    for form in forms:
        for at in occurrences(text, form, word_starts):
            if at < headline:
                continue
            m = _MORE_NAME.match(text, at + len(form))
            end = m.end() if m else at + len(form)
            extra = m.group(0).split() if m else []
            lead = _BIRTH_ORDER_BEFORE.search(text, max(0, at - 16), at)
            begin = lead.start() if lead else at
            if (not extra and not lead) or (re.match(r"[ \t]+[A-Z]", text[end:end + 2]) and not degree_at(text, end)):
                continue
            if any(not w[1:].replace("-", "").replace("'", "").replace("’", "").islower()
                   or w in vocab or w in NOT_NAMES or w.lower() in COMMON_WORDS or w in INSTITUTION_WORDS
                   or w in region_names() for w in extra):
                continue
            name = " ".join([*(lead.group(0).split() if lead else []), form, *extra])
            if not taken.free(begin, end) or not _valid_name(name):
                continue
            out.append(PersonMention(begin, end, text[begin:end], name))
            taken.add(begin, end)
    return out


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


class WordStarts:
    """Where words start (no letter, digit or hyphen before), by their first two characters: ``get(key)``
    finds the starts of one key when it is first asked for, by a search that opens with the key's own
    letters, so a text's words are never walked one by one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, list[int]] = {}

    def get(self, key: str, default=()) -> list[int]:
        starts = self.found.get(key)
        if starts is None:
            starts = self.found[key] = self._find(key)
        return starts or list(default)

    def _find(self, key: str) -> list[int]:
        if not key or not _WORD_CHAR.match(key):
            return []
        if len(key) == 1:  # a one-character key is the text's last word of one character
            at = len(self.text) - 1
            return [at] if self.text.endswith(key) and not (at and _WORD_CHAR_OR_HYPHEN.match(self.text, at - 1)) else []
        pattern = re.compile(re.escape(key) + r"(?<![\w-]" + "." * len(key) + ")", re.DOTALL)
        return [m.start() for m in pattern.finditer(self.text)]


_WORD_CHAR = re.compile(r"\w")
_WORD_CHAR_OR_HYPHEN = re.compile(r"[\w-]")


def occurrences(text: str, form: str, word_starts: WordStarts | None = None):
    """Offsets where ``form`` stands in ``text`` as whole words (no letter, digit or hyphen beside it);
    with ``word_starts`` (a :class:`WordStarts`) only the words that begin as ``form`` does are tried."""
    if word_starts is not None and form[:1].isalnum():
        for at in word_starts.get(form[:2], ()):
            end = at + len(form)
            if text.startswith(form, at) and (end == len(text) or not _word_char(text[end])):
                yield at
        return
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
            yield at
        at = text.find(form, at + 1)
