"""Direct quotes and their speakers, and indirect statements ("X mengatakan bahwa ...").

Quote marks are straight after cleaning. A quote that runs over several paragraphs opens each
paragraph with a mark and closes only at the end; an opening mark that is never closed is not
guessed at. Speakers come from the cue after the quote ("ujarnya", "kata Nama"), the cue before
it ("Nama mengatakan, ..."), or the person the surrounding sentences are about; where the text
names nobody ("kata seorang warga") the speaker is ``None``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Sequence

from .name_words import SPEECH_VERBS_AFTER, SPEECH_VERBS_BEFORE
from .people import Person, PersonMention
from .vocabulary import ranks

MIN_WORDS = 3


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None = None

    def to_dict(self) -> dict:
        return {"speaker": self.speaker, "text": self.text, "start": self.start, "end": self.end}


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of the words inside quotation marks (marks excluded), multi-paragraph quotes joined."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    # The first newline at or after j, kept from one search to the next (j only grows): a text of one
    # long line is not searched to its end for every quote.
    newline, searched = -1, False
    while i < n:
        open_at = text.find('"', i)
        if open_at < 0:
            break
        j = open_at + 1
        while True:
            close = text.find('"', j)
            if not searched or 0 <= newline < j:
                newline, searched = text.find("\n", j), True
            if close >= 0 and (newline < 0 or close < newline):
                spans.append((open_at + 1, close))
                i = close + 1
                break
            if newline < 0:
                i = n
                break
            # Unclosed at the end of a paragraph: it goes on only where the next paragraph opens with a mark.
            k = newline
            while k < n and text[k] in "\n ":
                k += 1
            if k < n and text[k] == '"':
                j = k + 1
                continue
            i = newline + 1
            break
    out = []
    for start, end in spans:
        inner = text[start:end]
        lead = len(inner) - len(inner.lstrip())
        inner = inner.strip()
        trimmed = inner.rstrip(", ")
        if (len(trimmed.split()) >= MIN_WORDS and not _is_label(trimmed) and not _is_slogan(text, start, end)
                and not _is_garbled(trimmed)):
            out.append((start + lead, start + lead + len(trimmed)))
    return out


def _is_label(words: str) -> bool:
    """A short run of capitalised words in quote marks is a name or a title, not speech."""
    tokens = re.findall(r"[A-Za-z][\w'-]*", words)
    return len(tokens) <= 8 and all(t[0].isupper() or t.isdigit() for t in tokens)


def _is_garbled(words: str) -> bool:
    """Text broken by a wrong encoding ("kÄtibum", "Ã") is not something anyone said."""
    odd = sum(1 for ch in words if ch in "ÃÄÅÂ¥¤¢£§©®°±µ¶·¹º»¼½¾¿" or "\u0080" <= ch <= "\u009f")
    return (odd >= 3 and odd / max(len(words), 1) > 0.03) or (odd >= 1 and len(words.split()) < 12)


def _is_slogan(text: str, start: int, end: int) -> bool:
    """Marks around a short phrase in the middle of a sentence ("gerakan "satu rumah satu pohon" sejak")
    set off a name, not speech."""
    before = text[max(0, start - 3):start - 1]
    after = text[end + 1:end + 3]
    return (len(text[start:end].split()) <= 6 and bool(re.search(r"[a-z]\s$", before))
            and bool(re.match(r"\s[a-z]", after)))


def quote_text(text: str, start: int, end: int) -> str:
    """The quoted words with the paragraph marks of a multi-paragraph quote removed."""
    return re.sub(r'\s*\n\s*"?', " ", text[start:end]).strip()


_PRONOUN = r"(?:dia|ia|beliau)"
_AFTER = re.compile(rf'^"?\s*,?\s*(?:{SPEECH_VERBS_AFTER}|kata|ujar)(?P<nya>nya)?(?![\w])\s*(?P<rest>[^\n.]*)')
_BEFORE = re.compile(rf"(?:{SPEECH_VERBS_BEFORE}|menurut(?:nya)?|kata(?:nya)?|ujar(?:nya)?|tegas(?:nya)?|sebut(?:nya)?)\s*(?:bahwa\s*)?[,:]?\s*$")
_UNNAMED = re.compile(r"^(?:seorang|salah\s+(?:satu|seorang)|para|sejumlah|warga|pengunjung|pedagang|peserta|"
                      r"pihak|mereka|sumber|seorang)\b")


_ADDRESSEE = re.compile(r"(?i)\b(?:kepada|pada|untuk|bagi|dengan|terhadap|bersama|didampingi|menemui|bertemu|kepada\s+para)\s+"
                        r"(?:(?:Bapak|Ibu|Pak|Bu|Sdr)\.?\s+)?$")


class _Marks:
    """Where the text's newlines, full stops and ". " stand, so that the line or sentence around an
    offset is found by bisection: a text of one long line is not searched back to its start each time."""

    def __init__(self, text: str):
        self.at = {mark: [m.start() for m in re.finditer(re.escape(mark), text)] for mark in ("\n", ".", ". ")}

    def last(self, mark: str, end: int) -> int:
        """As ``text.rfind(mark, 0, end)``."""
        k = bisect_right(self.at[mark], end - len(mark)) - 1
        return self.at[mark][k] if k >= 0 else -1

    def next(self, mark: str, start: int) -> int:
        """As ``text.find(mark, start)``."""
        k = bisect_left(self.at[mark], start)
        return self.at[mark][k] if k < len(self.at[mark]) else -1


class _Mentions:
    """The mentions of a document's people, indexed by position, so that each quote looks only at the
    mentions near it: sorted starts searched by bisection instead of a scan of every mention."""

    def __init__(self, people: Sequence[Person], inside, marks: _Marks):
        self.people = people
        self.marks = marks
        # In start order, ties in the order of the people and their mentions.
        self.all: list[tuple[PersonMention, Person]] = sorted(
            ((m, p) for p in people for m in p.mentions), key=lambda mp: mp[0].start)
        self.starts = [m.start for m, _ in self.all]
        # For _mention_at: in (start, end, name) order.
        self.spans = sorted(((m.start, m.end, p.name, p) for p in people for m in p.mentions), key=lambda x: x[:3])
        self.span_starts = [x[0] for x in self.spans]
        self.position_at: dict[tuple[int, int], int] = {}
        for p in people:
            for m in p.mentions:
                if m.position_start is not None:
                    key = (id(p), m.start)
                    self.position_at[key] = min(self.position_at.get(key, m.position_start), m.position_start)
        # For _recent: the mentions outside quotes.
        self.outside = [(m, p) for m, p in self.all if not inside(m.start)]
        self.outside_starts = [m.start for m, _ in self.outside]
        self.first_end = min((m.end for m, _ in self.outside), default=None)
        self.by_name: dict[str, list[PersonMention]] = {}
        for m, p in self.outside:
            self.by_name.setdefault(p.name, []).append(m)
        self._phrases = None

    def named(self, name: str, before: int, ending_by: int) -> bool:
        """Whether ``name`` is mentioned outside quotes, starting before ``before`` and ending by ``ending_by``."""
        for m in self.by_name.get(name, ()):
            if m.start >= before:
                return False
            if m.end <= ending_by:
                return True
        return False

    def phrases(self) -> "_Phrases":
        if self._phrases is None:
            self._phrases = _Phrases(self.people)
        return self._phrases


def _mention_at(index: _Mentions, start: int, end: int, text: str | None = None) -> Person | None:
    """The person named first between ``start`` and ``end``; where ``text`` is given, one named as the
    addressee ("kata Nama kepada Menteri X") or companion is passed over."""
    i = bisect_left(index.span_starts, start)
    while i < len(index.spans) and index.spans[i][0] <= end:
        at, m_end, _, p = index.spans[i]
        i += 1
        if m_end > end:
            continue
        pos_at = index.position_at.get((id(p), at), at)
        if text is not None and _ADDRESSEE.search(text[max(0, pos_at - 30):pos_at]):
            continue
        return p
    return None


class _Phrases:
    """Where _match_phrase looks: the first person holding each name word, and the first whose
    position has each acronym or begins with each prefix of its first word."""

    def __init__(self, people: Sequence[Person]):
        self.word: dict[str, int] = {}
        self.acronym: dict[str, int] = {}
        self.prefix: dict[str, int] = {}
        self.holders: dict[str, list[int]] = {}  # every person whose position begins with each prefix
        for i, p in enumerate(people):
            for w in p.name.lower().split():
                self.word.setdefault(w, i)
            if not p.position:
                continue
            words = [w for w in re.findall(r"[A-Za-z]+", p.position) if w[:1].isupper()]
            self.acronym.setdefault("".join(w[0] for w in words), i)
            lowered = p.position.lower()
            # A phrase's first word holds no space, so only prefixes of the position's first word can match.
            k = 0
            while k < len(lowered) and not lowered[k].isspace():
                k += 1
                self.prefix.setdefault(lowered[:k], i)
                self.holders.setdefault(lowered[:k], []).append(i)


def _match_phrase(index: _Mentions, phrase: str) -> Person | None:
    """The person a phrase after a speech verb names: by name tokens, or by title or its acronym."""
    people, found = index.people, index.phrases()
    tokens = [t.strip(",.") for t in phrase.split()]
    named = [found.word[t.lower()] for t in tokens if t[:1].isupper() and len(t) > 1 and t.lower() in found.word]
    if named:
        return people[min(named)]
    first = tokens[0] if tokens else ""
    if not (first and first[:1].isupper()):
        return None
    unit = tokens[1] if len(tokens) > 1 and re.fullmatch(r"[A-Z]{2,}", tokens[1]) else None
    if unit in ("RI", "AS") or unit in ranks():
        unit = None  # the country or a rank, not an institution
    if unit is not None:
        # "kata Ketua DKPP": the title with its institution's short form names that institution's office
        # holder, or, where the text names none, nobody it names (not the "Ketua" of another body).
        held = [i for i in found.holders.get(first.lower(), ()) if _holds_unit(people[i], unit)]
        return people[min(held)] if held else _NOBODY
    titled = [i for i in (found.acronym.get(first), found.prefix.get(first.lower())) if i is not None]
    return people[min(titled)] if titled else None


_NOBODY = Person("", None, None, False)  # a tag that names an office no person of the text holds


def _holds_unit(person: Person, unit: str) -> bool:
    """Whether ``unit`` ("DKPP") is in the person's position or agency, as a word or as the initials
    of the words after the title ("Ketua Dewan Kehormatan Penyelenggara Pemilu")."""
    for where in (person.position or "", person.agency or ""):
        words = re.findall(r"[A-Za-z]+", where)
        if unit in words or unit == "".join(w[0] for w in words[1:] if w[:1].isupper()).upper() \
                or unit == "".join(w[0] for w in words if w[:1].isupper()).upper():
            return True
    return False


def attribute_quotes(text: str, spans: list[tuple[int, int]], people: Sequence[Person]) -> list[Quote]:
    """Give each quote span its speaker."""
    inside = _inside(spans)
    marks = _Marks(text)
    index = _Mentions(people, inside, marks)
    quotes: list[Quote] = []
    last_speaker: Person | None = None
    last_end = 0
    unnamed = False  # the last quote's tag named an office that no person of the text holds
    for start, end in spans:
        speaker: Person | None = None
        resolved = False
        close = text.find('"', end)
        tail = text[close + 1: close + 160] if close >= 0 else ""
        after = _AFTER.match(tail)
        if after:
            rest = after.group("rest").strip()
            resolved = True
            named = _mention_at(index, close + 1, close + 1 + len(after.group(0)) + 1, text)
            if after.group("nya") or re.match(_PRONOUN + r"\b", rest):
                # "sambungnya" after a quote "kata Ketua X" gave to no one named: the same unnamed speaker,
                # unless someone is named between the two quotes.
                speaker = None if unnamed and not _named_between(index, last_end, start) else \
                    _recent(text, index, start, last_end, last_speaker)
                if speaker is None and not unnamed:
                    # A lead quote, nobody named yet: "Hal itu disampaikan Jabatan, Nama" in the next sentence.
                    speaker = _next_named(text, index, close + 1 + len(after.group(0)))
            elif named is not None:
                speaker = named
            elif _UNNAMED.match(rest) or not rest[:1].isupper():
                speaker = None
            else:
                speaker = _match_phrase(index, rest)
                resolved = speaker is not None
                if speaker is _NOBODY:
                    speaker = None
                    unnamed = True
                    last_end = end
                    quotes.append(Quote(start, end, quote_text(text, start, end), None))
                    continue
        if not resolved:
            line_start = marks.last("\n", start) + 1
            # The cue ends the line's text before the quote: only its last few hundred characters can hold it.
            if _BEFORE.search(text, max(line_start, start - 1 - 400), max(line_start, start - 1)):
                speaker = _mention_at(index, line_start, start) or _recent(text, index, start, last_end,
                                                                            last_speaker)
                resolved = speaker is not None
        if not resolved:
            nxt_end = marks.next(".", end + 1)
            nxt_end = len(text) if nxt_end < 0 else nxt_end
            following = text[close + 1: nxt_end] if close >= 0 else ""
            if re.search(SPEECH_VERBS_BEFORE + r"|\b(?:kata|ujar|demikian)\b", following):
                speaker = _mention_at(index, close + 1, nxt_end)
            if speaker is None:
                speaker = _recent(text, index, start, last_end, last_speaker)
        quotes.append(Quote(start, end, quote_text(text, start, end), speaker.name if speaker else None))
        if speaker is not None:
            last_speaker = speaker
            unnamed = False
        last_end = end
    return quotes


def _named_between(index: _Mentions, a: int, b: int) -> bool:
    """Whether anyone is named outside quotes between offsets ``a`` and ``b``."""
    k = bisect_left(index.outside_starts, a)
    return k < len(index.outside_starts) and index.outside_starts[k] < b


def _inside(spans: list[tuple[int, int]]):
    """A test whether an offset falls inside one of the quote spans (sorted and disjoint), by bisection."""
    starts = [s for s, _ in spans]

    def inside(pos: int) -> bool:
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < spans[k][1]
    return inside


# Verbs that report what was said, whatever word follows them.
_SAYING = r"(?:mengatakan|menjelaskan|menegaskan|menyampaikan|menuturkan|mengungkapkan|menerangkan|memaparkan|menambahkan)"


def _recent(text, index: _Mentions, start, last_end, last_speaker) -> Person | None:
    """The person a pronoun cue points at: the last one named before the quote, outside quotes,
    preferring one who is the subject of a speech verb since the previous quote."""
    if index.first_end is None or index.first_end > start:  # nobody named before the quote
        return last_speaker
    # The mentions outside quotes that start after the previous quote and end before this one.
    lo = bisect_left(index.outside_starts, last_end)
    hi = bisect_right(index.outside_starts, start)
    since = [(m, p) for m, p in index.outside[lo:hi] if m.end <= start]
    # "Nama meminta Pejabat X ..." reports an act, not speech: a verb with a named object does not count,
    # unless it is a verb of saying, whose clause may open with a name ("Nama mengatakan Gubernur X akan ...").
    speaking = [(m, p) for m, p in since
                if re.match(rf"[^.\n]{{0,60}}?\b(?:{SPEECH_VERBS_BEFORE}(?![\w-])(?![ \t]+[A-Z])|{_SAYING}(?![\w-]))",
                            text[m.end:m.end + 80])
                or re.search(r"(?i)\bmenurut\s+$", text[max(0, m.start - 12):m.start])]
    if speaking:
        return speaking[-1][1]
    # A person introduced since the last quote, with a position or for the first time, and not as an
    # addressee, is the one "ujarnya" means, though no speech verb introduced them.
    introduced = [(m, p) for m, p in since if last_speaker is not None and p.name != last_speaker.name
                  and (m.position is not None or not index.named(p.name, last_end, start))
                  and not _ADDRESSEE.search(text[max(0, (m.position_start or m.start) - 30):m.position_start or m.start])
                  and _subject(text, m, index.marks)]
    if introduced:
        return introduced[-1][1]
    if last_speaker is not None:
        return last_speaker
    if since:
        return since[-1][1]
    # The last mention before the quote that ends before it.
    k = hi - 1
    while index.outside[k][0].end > start:
        k -= 1
    return index.outside[k][1]


def _next_named(text: str, index: _Mentions, at: int) -> Person | None:
    """The first person named in the sentence after ``at``, where it says who spoke ("Hal itu disampaikan ...")."""
    end = index.marks.next(".", at + 2)
    sentence = text[at:end if end > 0 else len(text)]
    if not re.search(r"(?i)\b(?:di|ter)?(?:sampaikan|ungkapkan|jelaskan|katakan|tegaskan|paparkan|utarakan|"
                     r"sebut(?:kan)?)\b", sentence):
        return None
    k = bisect_left(index.starts, at)
    return index.all[k][1] if k < len(index.all) and index.starts[k] < at + len(sentence) else None


def _subject(text: str, m: PersonMention, marks: _Marks) -> bool:
    """Whether a mention opens its sentence (after at most a few words), as the subject does."""
    at = m.position_start if m.position_start is not None else m.start
    sentence = max(marks.last(". ", at), marks.last("\n", at)) + 1
    return len(text[sentence:at].split()) <= 3


_STATEMENT = re.compile(rf"(?P<verb>{SPEECH_VERBS_BEFORE})\s*,?\s+bahwa\s+(?P<what>[^\n]+?)(?:\.(?=\s|$)|\n|$)")


def find_statements(text: str, people: Sequence[Person]) -> list[Quote]:
    """Indirect statements: "Nama mengatakan bahwa ..." with the person named before the verb."""
    # Every mention's start with the place of its person in ``people``; the speaker is the person
    # latest in that order among those named in the sentence before the verb.
    named = sorted(((mm.start, i) for i, p in enumerate(people) for mm in p.mentions))
    starts = [at for at, _ in named]
    marks = _Marks(text)
    out = []
    for m in _STATEMENT.finditer(text):
        sentence_start = max(marks.last(".", m.start()), marks.last("\n", m.start())) + 1
        speaker = None
        lo, hi = bisect_left(starts, sentence_start), bisect_left(starts, m.start())
        if lo < hi:
            speaker = people[max(i for _, i in named[lo:hi])]
        out.append(Quote(m.start("what"), m.end("what"), m.group("what").strip(), speaker.name if speaker else None))
    return out
