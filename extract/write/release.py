"""Reading a release's own parts back out of its text, and tidying sentences before they reach a draft.

A press release opens with a header (``SIARAN PERS``, the issuing unit, ``Nomor: ...``, a
``Kota, tanggal`` line, the headline) and often closes with a contact block (``Narahubung: ...``)
and a boilerplate ``Tentang ...`` paragraph. :func:`release_parts` splits a record's text into those
parts; the draft templates take the headline, the issuers, the dateline and the contact from them,
and the lead from the body's own sentences (:func:`lead_sentences`).

The prose helpers (:func:`tidy`, :func:`sentence_case`, :func:`is_dangling`) are plain functions
over strings, used as Jinja2 filters by :mod:`extract.write.render`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .summarize import split_sentences, summarize

__all__ = [
    "ReleaseParts",
    "speaker_window",
    "briefing_sentences",
    "headline",
    "in_sentence",
    "lead",
    "summary_sentences",
    "contact_block",
    "is_dangling",
    "is_generic_title",
    "lead_sentences",
    "numbered_points",
    "own_place",
    "release_parts",
    "sentence_case",
    "tidy",
]

_MONTH = (r"(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Sep|Okt|Nov|Des)")
_PLACE = r"[A-Z][A-Za-z'.]+(?: [A-Z][A-Za-z'.]+){0,3}"
# "Bandung, 4 November 2025", or the same after "Siaran pers X - ".
_DATELINE = re.compile(rf"(?:^|\s[-\u2013\u2014]\s)(?P<place>{_PLACE}),\s*(?:\w+,\s*)?\d{{1,2}}\s+{_MONTH}\.?\s+\d{{4}}\s*\*?$")
# "SEMARANG - Pemerintah Kota ..." or "Jakarta - ..." opening a news-style first paragraph.
_OPENING_PLACE = re.compile(r"^(?P<place>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\s*(?:\([^)]{1,20}\))?\s+[-\u2013\u2014]\s+(?=[A-Z\"\u201c])")
_GENERIC = re.compile(r"^(?:siaran\s+pers|press\s+release|rilis(?:\s+pers)?|siaran\s+media|berita\s+pers"
                      r"|keterangan\s+pers)(?:\s+(?:nomor|no\.?)\s*:?\s*\S+)?[\s.:]*$", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"^(?:nomor|no\.?)\s*:", re.IGNORECASE)
_SIARAN_PREFIX = re.compile(r"^(?:siaran\s+pers|rilis(?:\s+pers)?)\s+", re.IGNORECASE)
_CONTACT = re.compile(r"^\W*(?:narahubung|kontak(?:\s+media)?|contact\s+person|informasi\s+lebih\s+lanjut)\W*\s*:?\s*\**\s*",
                      re.IGNORECASE)
_TAIL = re.compile(r"^\s*(?:\*{3,}|-{3,}|tentang\s+\S+|###|\(\w{2,5}/\w{2,5}\))", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:[A-Z][\w.]+(?: [A-Z][\w.]+){0,3}\s+-\s+\w+|\w+,\s*\d{1,2}\s+\w+\s+\d{4}\s+\d{1,2}[:.]\d{2}.*)$")


def is_generic_title(title: str | None) -> bool:
    """True for a title that only names the genre: ``SIARAN PERS``, ``Press Release``, ``Siaran Pers No. 12``."""
    return not title or bool(_GENERIC.match(title.strip()))


@dataclass
class ReleaseParts:
    """A release's text taken apart: what the draft needs, each as the release wrote it."""

    headline: str | None = None
    issuers: list[str] = field(default_factory=list)
    number: str | None = None
    place: str | None = None
    body: str = ""
    contact: str | None = None


def _is_paragraph(line: str) -> bool:
    """A body paragraph: a long line with a sentence in it, not a headline."""
    words = line.split()
    return len(words) >= 10 and bool(re.search(r"[.!?][\"'\u201d)]*(\s|$)", line))


def contact_block(lines: list[str]) -> str | None:
    """The release's contact: the text after ``Narahubung:`` and the lines under it, joined by commas."""
    for n, line in enumerate(lines):
        match = _CONTACT.match(line)
        if not match:
            continue
        parts = [line[match.end():].strip(" *")]
        for following in lines[n + 1:]:
            if not following.strip() or _TAIL.match(following):
                break
            parts.append(following.strip(" *"))
        text = ", ".join(part.rstrip(" ,;") for part in parts if part.strip(" ,;*"))
        return text.rstrip(".") + "." if text else None
    return None


def release_parts(record: Mapping[str, Any]) -> ReleaseParts:
    """The header, body and contact of a record's text (``text`` may be missing: then all empty)."""
    text = str(record.get("text") or "")
    lines = [line.strip() for line in text.splitlines()]
    parts = ReleaseParts()
    start = next((n for n, line in enumerate(lines) if _is_paragraph(line)), len(lines))
    header = [line.strip("*# ") for line in lines[:start] if line.strip("*# ")]
    candidates: list[str] = []
    for line in header:
        dated = _DATELINE.search(line)
        if dated:
            parts.place = parts.place or dated.group("place")
            unit = _SIARAN_PREFIX.sub("", line[:dated.start()]).strip(" -\u2013\u2014*")
            if unit and unit != line.strip() and not _GENERIC.match(unit):
                parts.issuers.append(unit)
            continue
        if _GENERIC.match(line) or _BYLINE.match(line):
            continue
        if _NUMBER_LINE.match(line):
            parts.number = line.split(":", 1)[1].strip()
            continue
        candidates.append(line)
    title = str(record.get("title") or "").strip()
    if candidates:
        if title and not is_generic_title(title) and title in candidates:
            parts.headline = title
        else:
            parts.headline = candidates[-1]
        parts.issuers = [line for line in candidates if line != parts.headline] + parts.issuers
    body_lines: list[str] = []
    for line in lines[start:]:
        if _CONTACT.match(line) or _TAIL.match(line):
            break
        body_lines.append(line)
    parts.body = "\n".join(body_lines).strip()
    opening = _OPENING_PLACE.match(parts.body)
    if opening:
        parts.place = parts.place or opening.group("place").title()
        parts.body = parts.body[opening.end():]
    parts.contact = contact_block(lines[start:])
    return parts


def own_place(record: Mapping[str, Any]) -> str | None:
    """Where the document says it was written: its set place (``Ditetapkan di``), else its dateline."""
    place = record.get("place") if isinstance(record.get("place"), str) else None
    return place or release_parts(record).place


# --- tidy prose ------------------------------------------------------------------------------

_DEBRIS = [
    (re.compile(r"\s+([,.;:!?])"), r"\1"),           # "kata ," -> "kata,"
    (re.compile(r":\s*,"), ","),                      # ":, dan" -> ", dan"
    (re.compile(r"[:;,]+\s*(dan|atau)\s*\.$"), r"; \1"),  # "Malang: dan." at the end of a point
    (re.compile(r",\s*\."), "."),                     # ",." -> "."
    (re.compile(r"(\d)\.\.(?!\.)"), r"\1."),          # "3.." -> "3."
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "."),          # ".." -> "."
    (re.compile(r";\s*\."), "."),                     # ";." -> "."
    (re.compile(r"([,;:])\1+"), r"\1"),               # ",," -> ","
    (re.compile(r"[ \t]{2,}"), " "),
]


def tidy(text: str | None) -> str:
    """Clean OCR and layout debris out of a sentence: ``":, dan"``, ``"3.."``, ``",."``, stray spaces."""
    body = str(text or "").strip()
    for pattern, replacement in _DEBRIS:
        body = pattern.sub(replacement, body)
    return body.strip()


def _is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 6 and sum(char.isupper() for char in letters) / len(letters) > 0.8


def _caps_word(token: str) -> bool:
    core = token.strip("\"'()[]{},.;:!?\u201c\u201d")
    letters = core.replace("/", "").replace("-", "")
    return len(letters) >= 2 and letters.isalpha() and core.isupper()


def sentence_case(text: str | None, known: Iterable[str] = (), start: bool = False) -> str:
    """ALL-CAPS written for the inside of a sentence: ``tentang DANA DESA UNTUK KETAHANAN PANGAN`` ->
    ``tentang Dana Desa untuk ketahanan pangan``.

    A run of three or more capitalised words (or a phrase that is mostly capitals) is lower-cased,
    except the words that ``known`` (the record's own text) writes capitalised mid-sentence, which
    keep that form; tokens with digits (numbers such as ``M/2/HK.04/2026``) are left alone. Other text comes back
    unchanged. With ``start`` the first letter is capitalised.
    """
    body = str(text or "").strip()
    tokens = body.split(" ")
    flags = [_caps_word(token) for token in tokens]
    if _is_caps(body):
        flags = [flag or not re.search(r"\d", token) for flag, token in zip(flags, tokens)]
    else:
        runs, n = [False] * len(tokens), 0
        while n < len(tokens):
            end = n
            while end < len(tokens) and flags[end]:
                end += 1
            if end - n >= 3:
                runs[n:end] = [True] * (end - n)
            n = max(end, n + 1)
        flags = runs
    if not any(flags):
        return body
    forms = _casing(known)

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        return forms.get(token.casefold(), token.lower())

    out = [re.sub(r"[^\W\d_]+", word, token) if flag else token for token, flag in zip(tokens, flags)]
    result = " ".join(out)
    return result[:1].upper() + result[1:] if start else result


def _casing(known: Iterable[str]) -> dict[str, str]:
    """The casing each word most often has inside sentences of ``known`` texts (not after a full stop)."""
    counts: dict[str, Counter[str]] = {}
    for text in known:
        for match in re.finditer(r"(?<=[a-z,;] )[^\W\d_]+", str(text or "")):
            token = match.group(0)
            counts.setdefault(token.casefold(), Counter())[token] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in counts.items()}


# A sentence that leans on one before it: "Penetapan tersebut ...", "Ia ...", "Menurut dia ...".
_DANGLING = re.compile(
    r"^[\"'\u201c]?(?:(?:\w+[ ,]+){0,3}?(?:tersebut|itu)\b"
    r"|(?:ia|dia|beliau|mereka|pihaknya|hal\s+ini|kedua|ketiga)\b"
    r"|(?:menurut|kata)\s+(?:dia|nya|beliau)\b|menurutnya\b"
    r"|(?:selain\s+itu|sementara\s+itu|namun|tetapi|sebelumnya|dalam\s+kesempatan|pada\s+kesempatan)\b)",
    re.IGNORECASE)
_LEANS = re.compile(r"\b(?:pihaknya|kata\s+dia|ujarnya|katanya|tuturnya|menurutnya)\b", re.IGNORECASE)


_PRONOUN = re.compile(r"^\W*(?:ia|dia|beliau)\b", re.IGNORECASE)


def speaker_window(text: str, start: int) -> str:
    """Where the speaker of something said at ``start`` is named: its sentence up to ``start``, and the
    sentence before as well when this one opens with "Ia", "Dia" or "Beliau"."""
    head = text[:max(0, start)]

    def sentence_start(end: int) -> int:
        stop = head.rfind(". ", 0, end)
        return max(stop + 2 if stop >= 0 else 0, head.rfind("\n", 0, end) + 1)

    begin = sentence_start(len(head))
    if _PRONOUN.match(head[begin:]) and begin > 1:
        begin = sentence_start(begin - 2)
    return head[begin:]


def is_dangling(sentence: str | None) -> bool:
    """True when a sentence points back to something it does not name (``Penetapan tersebut``,
    ``pihaknya``, ``kata dia``), so it cannot open a summary or a paragraph."""
    body = str(sentence or "").strip()
    return bool(_DANGLING.match(body) or _LEANS.search(body))


def lead_sentences(record: Mapping[str, Any], summary: Iterable[str] = (), n: int = 2) -> list[str]:
    """What happened, in the record's own words: the body's first sentences that stand on their own.

    The first sentence of a release's body is its news (who decided what, from when to when); when
    it leans on a sentence before it, the extractive summary's first sentence that does not comes
    first instead. Direct speech is left to the quotes. Every sentence is tidied.
    """
    body = release_parts(record).body
    picked: list[str] = []
    for sentence in split_sentences(body)[: n + 2]:
        if len(picked) >= n:
            break
        if re.search(r"[\"\u201c\u201d]", sentence) or (not picked and is_dangling(sentence)):
            if not picked:
                continue
            break
        picked.append(tidy(sentence))
    if not picked:
        picked = [tidy(sentence) for sentence in summary if not is_dangling(sentence)][:1]
    return picked


# --- numbered points ------------------------------------------------------------------------

_LABEL = re.compile(r"^(?P<label>\d{1,2}(?:\.+|\))|[a-z]\.|[a-z]\)|\(\d{1,2}\)|\([a-z]\))\s+(?P<text>\S.*)$")


def _style(label: str) -> str:
    if label[0] == "(":
        return "paren"
    if label[0].isdigit():
        return "number)" if label.endswith(")") else "number"
    return "letter"


def numbered_points(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A circular's points as the text numbers them: ``[{"label": "3.", "text", "depth"}]``.

    Read from the text between the first ``Butir`` section and the part after the last (signature,
    Tembusan), so nested lists ("a. Gubernur agar:" then "1) ...") keep their own labels; the label
    styles take depths in the order they first appear. Empty when the record has no such sections.
    """
    text = str(record.get("text") or "")
    sections = sorted(record.get("sections") or [], key=lambda s: s.get("start") or 0)
    basis = [mention.get("start") for regulation in record.get("regulations") or () if regulation.get("basis")
             for mention in regulation.get("mentions") or () if isinstance(mention.get("start"), int)]
    butir = [s for s in sections if str(s.get("heading") or "").startswith("Butir")]
    legal = [n for n, s in enumerate(butir) if any(s["start"] <= at < (s.get("end") or s["start"]) for at in basis)]
    if legal:  # a Mengingat list numbered like the points: the points start after it
        butir = butir[legal[-1] + 1:]
    if not text or not butir:
        return []
    begin = butir[0]["start"]
    after = [s["start"] for s in sections if s["start"] > butir[-1]["start"]
             and not str(s.get("heading") or "").startswith("Butir")]
    end = after[0] if after else len(text)
    points: list[dict[str, Any]] = []
    depths: dict[str, int] = {}
    for line in text[begin:end].splitlines():
        line = line.strip()
        if not line:
            continue
        if re.match(r"^(?:demikian|atas\s+perhatian)", line, re.IGNORECASE):
            break
        match = _LABEL.match(line)
        if match:
            label = re.sub(r"\.+$", ".", match.group("label"))
            depth = depths.setdefault(_style(label), len(depths))
            points.append({"label": label, "text": tidy(match.group("text")), "depth": depth})
        elif points:
            joiner = " " if points[-1]["text"].endswith((":", ",", ";")) or points[-1]["text"][-1:].isalnum() else " "
            head = points[-1]["text"]
            if len(head.split()) <= 4 and head[-1:].isalnum():
                head += ":"
            points[-1]["text"] = tidy(head + joiner + line)
    return _punctuate(points)


def _punctuate(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """End each point the way Indonesian lists do: ``;`` between points, ``; dan`` before the last,
    ``:`` before sub-points, ``.`` at the end; a ``,`` or ``:`` left by OCR becomes ``;``."""
    for n, point in enumerate(points):
        text = re.sub(r"\s*[,:;]\s*(dan|atau)\.?$", r"; \1", point["text"])
        following = points[n + 1] if n + 1 < len(points) else None
        if following is not None and following["depth"] > point["depth"]:
            text = text.rstrip(" ,;") + ("" if text.endswith(":") else ":")
        elif re.search(r"[,:]$", text):
            text = text[:-1] + ("." if following is None else ";")
        elif following is None or not re.search(r"[.;:!?]$|\b(?:dan|atau)$", text):
            text = ensure_stop(text)
        point["text"] = text
    return points


def ensure_stop(text: str) -> str:
    """``text`` ending with a full stop unless it ends with punctuation or ``dan``/``atau``."""
    if not text or re.search(r"[.;:!?]$|;\s*(?:dan|atau)$", text):
        return text
    return text + "."


# --- what a draft opens with -----------------------------------------------------------------


def headline(record: Mapping[str, Any]) -> str:
    """The release's headline: its title, unless that only says ``SIARAN PERS``, then the line below."""
    title = str(record.get("title") or "").strip()
    if is_generic_title(title):
        title = release_parts(record).headline or title
    return sentence_case(title, [record.get("text")], start=True) or "Tanpa judul"


def in_sentence(text: str | None, record: Mapping[str, Any] | None = None) -> str:
    """A phrase tidied for the inside of a sentence: ALL-CAPS in sentence case, OCR debris cleaned."""
    known = [record.get("text")] if isinstance(record, Mapping) else []
    return tidy(sentence_case(text, known))


def summary_sentences(record: Mapping[str, Any], max_sentences: int = 3) -> list[str]:
    """The extractive summary of a record's text (``extract.write.summarize``); empty without text."""
    text = record.get("text") if isinstance(record, Mapping) else None
    if not text:
        return []
    title = record.get("title")
    if record.get("kind") in ("press_release", "news"):
        text = release_parts(record).body or text
        title = headline(record)
    elif title and text.startswith(title):
        text = text[len(title):]
    sentences = summarize(text, title=title, max_sentences=max_sentences, entities=dict(record))
    while sentences and is_dangling(sentences[0]):
        sentences = sentences[1:]
    return [tidy(sentence) for sentence in sentences]


def lead(record: Mapping[str, Any], n: int = 2) -> list[str]:
    """The opening sentences of a release: what happened, from its body; see ``lead_sentences``."""
    return lead_sentences(record, summary_sentences(record), n)


def briefing_sentences(record: Mapping[str, Any], n: int = 4) -> list[str]:
    """What a news article reported: its lead, then the summary's other sentences that stand alone."""
    opening = lead(record, 2)
    rest = [tidy(s) for s in summary_sentences(record, max_sentences=n)
            if not is_dangling(s) and tidy(s) not in opening and not re.search(r'["\u201c]', s)]
    return (opening + rest)[:n]
