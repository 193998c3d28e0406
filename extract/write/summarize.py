"""Extractive summaries (ringkasan): the few sentences of an article that say the most.

The article is cleaned with :func:`extract.read.normalize.clean_text`, split into sentences by a
rule-based Indonesian splitter (:func:`split_sentences`), and every sentence is scored on

* position: news puts the core event first (lead bias);
* centrality: TF-IDF cosine with the whole article's content words;
* overlap with the title's content words;
* length: fragments and run-on sentences are penalised;
* direct speech: a sentence that is mostly a quotation is a weaker summary sentence;
* key facts: when a record (``entities``) is given, sentences naming its regulations,
  officials, agencies or quotes gain a bonus.

Sentences are then picked greedily, best first, skipping near-duplicates of those already
chosen and stopping at ``max_sentences`` or the word budget, and returned in document order.
Everything is the standard library: pure, deterministic and fast.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterator

from ..read.normalize import clean_text

# --- sentence splitting -----------------------------------------------------------------------

#: Words written with a full stop that do not end a sentence when a capital follows
#: (titles, addresses, "No. 5", "Rp. 5.000"). Lower-cased, without the stop.
ABBREVIATIONS: frozenset[str] = frozenset({
    "no", "nomor", "nos", "hlm", "tgl", "yth", "ttd", "lamp", "jo", "cq", "vs", "a.n", "u.p",
    "dr", "drs", "dra", "prof", "ir", "h", "hj", "kh", "st", "sdr", "sdri", "bpk", "ny", "tn", "alm", "almh",
    "mr", "mrs", "ms", "jr", "sr", "rp", "jl", "jln", "kab", "kec", "kel", "prov", "ds", "tbk", "kol", "pol",
    "mgr", "pdt", "ust", "gg", "kp",
})

_CANDIDATE = re.compile(r"(?:\.{3}|\u2026|[.!?])+[\"')\]]*(?=\s)")
_LINE = re.compile(r"[^\n]+")
_ENUMERATOR = re.compile(r"^\s*[(\[]?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[)\]]?$")
_DOTTED = re.compile(r"^(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$")  # S.H, M.Si, Ph.D
_LAST_TOKEN = re.compile(r"(\S+)$")
_OPENERS = "\"'([\u201c\u2018"


def _quoted_ranges(line: str) -> list[tuple[int, int]]:
    """``[open, close]`` positions of double-quoted stretches; none when the marks do not pair up."""
    marks = [i for i, ch in enumerate(line) if ch == '"']
    if len(marks) % 2:
        return []
    return list(zip(marks[0::2], marks[1::2]))


def _inside_quote(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(open_ < pos < close for open_, close in ranges)


def _starts_sentence(line: str, pos: int) -> bool:
    """Does a new sentence plausibly start at ``pos`` (after the whitespace)?"""
    while pos < len(line) and line[pos].isspace():
        pos += 1
    while pos < len(line) and line[pos] in _OPENERS:
        pos += 1
    return pos < len(line) and (line[pos].isupper() or line[pos].isdigit())


def _is_abbreviation(before: str, punct: str) -> bool:
    """Is the full stop in ``punct`` part of the word before it (an abbreviation or an initial)?"""
    if punct != ".":
        return False
    match = _LAST_TOKEN.search(before)
    if not match:
        return False
    token = match.group(1).lstrip(_OPENERS)
    if not token:
        return False
    if token.lower() in ABBREVIATIONS or _DOTTED.match(token):
        return True
    return len(token) == 1 and token.isupper()  # an initial: "H. Abdul", "Abdul H. Wahid"


def _line_spans(line: str) -> Iterator[tuple[int, int]]:
    """Sentence spans within one line (paragraph) of text."""
    quotes = _quoted_ranges(line)
    start = 0
    for match in _CANDIDATE.finditer(line):
        end = match.end()
        punct = match.group(0).rstrip("\"')]")
        before = line[start:match.start()]
        if (not before.strip() or _ENUMERATOR.match(before)
                or _inside_quote(match.start(), quotes) and _inside_quote(end - 1, quotes)
                or _is_abbreviation(before, punct) or not _starts_sentence(line, end)):
            continue
        yield start, end
        start = end
    if line[start:].strip():
        yield start, len(line)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of the sentences of ``text``, surrounding whitespace excluded.

    A line break always ends a sentence (news paragraphs are lines). Inside a line a sentence
    ends at ``.``, ``!``, ``?`` or an ellipsis, with any closing quotes or brackets, when a
    capital letter or a digit follows, except after an abbreviation ("No.", "Dr.", "H.",
    "Rp."), an initial, a list number, or inside a quotation that closes later on the line.
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        for start, end in _line_spans(line.group(0)):
            chunk = line.group(0)[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            spans.append((line.start() + start + lead, line.start() + end - trail))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order (see :func:`sentence_spans` for the rules).

    >>> split_sentences('Surat Edaran No. 5 terbit. "Kami siap. Semua diatur," kata Dr. Andi.')
    ['Surat Edaran No. 5 terbit.', '"Kami siap. Semua diatur," kata Dr. Andi.']
    """
    return [text[start:end] for start, end in sentence_spans(text)]


# --- words ------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")

#: Indonesian function words and news filler that carry no topic.
STOPWORDS: frozenset[str] = frozenset("""
ada adalah adanya agar akan akhirnya aku amat anda antara antaranya apa apabila apakah apalagi atas atau
bagai bagaimana bagi bahkan bahwa baik banyak baru begitu belum beliau berbagai bersama beserta betapa biasa bila
bisa boleh bukan cukup dalam dan dapat dari daripada datang demi demikian dengan di dia dikatakan diri dirinya
disebut dua hal hanya harus hingga ia ialah ini itu jadi jangan jika juga justru kalau kali kami kamu kan kata
katanya ke kecuali kembali kemudian kepada ketika kini kita lagi lain lalu lebih maka mana masih masing mau melalui
memang mengatakan menjadi menurut mereka merupakan meski mungkin namun nanti nya oleh pada padahal para pernah
pihak pihaknya pula pun saat saja salah sama sambil sampai sangat satu saya se sebagai sebelum sebuah sedang sedangkan
segera sehingga sejak sekali sekarang selain selalu seluruh semua sementara seorang seperti serta setelah setiap
sudah supaya tak tanpa tapi telah tentang terhadap termasuk tersebut tetapi tidak tiga turut untuk usai walau
yaitu yakni yang ujar ungkap jelas tutur tegas imbuh katakan nggak gak ya kok sih dong lho tadi nah pak bu
""".split())


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text``, stop words and one-letter words left out."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text))
            if len(w) > 1 and w not in STOPWORDS]


def word_count(text: str) -> int:
    """The number of words in ``text``."""
    return len(_WORD.findall(text))


# --- scoring ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Weights:
    """The weights of the sentence score and the selection limits (tuned on even-numbered
    articles of the detik summary set, see ``scripts/rouge_eval.py``)."""

    position: float = 1.0
    position_decay: float = 0.1    # score of the sentence at index i is 1 / (1 + i) ** decay
    centrality: float = 1.0
    title: float = 0.5
    facts: float = 0.3
    quote_penalty: float = 0.3     # for a sentence that is mostly a direct quotation
    short_words: int = 6           # fewer words than this: a fragment, not a candidate
    long_words: int = 35           # more words than this: penalised in proportion
    redundancy: float = 0.3        # cosine with a chosen sentence above this: skip
    max_words: int = 55            # word budget of the whole summary


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class _Sentence:
    index: int
    text: str
    words: tuple[str, ...]
    n_words: int


def _tfidf(sentences: list[_Sentence]) -> list[dict[str, float]]:
    """A TF-IDF vector per sentence, the sentences of the article serving as the documents."""
    df = Counter(w for s in sentences for w in set(s.words))
    n = len(sentences)
    vectors = []
    for s in sentences:
        tf = Counter(s.words)
        vectors.append({w: (1 + math.log(c)) * math.log(1 + n / df[w]) for w, c in tf.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    if not dot:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm


def _centroid(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for vector in vectors:
        for w, v in vector.items():
            total[w] = total.get(w, 0.0) + v
    return total


def _quote_share(text: str) -> float:
    """The share of ``text`` that sits between double quotes."""
    ranges = _quoted_ranges(text)
    if not ranges:
        return 1.0 if text.startswith('"') else 0.0
    return sum(close - open_ for open_, close in ranges) / max(len(text), 1)


_FACT_KEYS = ("regulation", "regulations", "signatory", "officials", "agencies", "quotes", "statements")
_FACT_FIELDS = ("name", "acronym", "text")


def _strings_in(value: object) -> Iterator[str]:
    """The fact strings in one part of a record: names, acronyms, mention and quote texts."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for field in _FACT_FIELDS:
            if isinstance(value.get(field), str):
                yield value[field]
        for mention in value.get("mentions") or ():
            if isinstance(mention, dict) and isinstance(mention.get("text"), str):
                yield mention["text"]
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings_in(item)


def fact_phrases(entities: dict | None) -> list[str]:
    """Lower-cased phrases that mark a sentence as carrying a key fact of the record.

    Reads a Warta record's regulations, officials, agencies, quotes and statements; a plain
    ``{"group": ["name", ...]}`` mapping of names works as well. Long texts (quotes) are cut
    to their first 60 characters, enough to recognise them.
    """
    if not entities:
        return []
    if not isinstance(entities, dict):
        raise TypeError(f"entities must be a dict (a record), not {type(entities).__name__}")
    keys = [k for k in _FACT_KEYS if k in entities] or list(entities)
    phrases = {s.strip().lower()[:60] for k in keys for s in _strings_in(entities[k])}
    return sorted(p for p in phrases if len(p) >= 3)


def _fact_score(text: str, phrases: list[str]) -> float:
    """Up to 1: the number of distinct fact phrases in ``text`` over two."""
    lowered = text.lower()
    return min(1.0, sum(1 for p in phrases if p in lowered) / 2)


def _scores(sentences: list[_Sentence], title_words: set[str], phrases: list[str], weights: Weights,
            vectors: list[dict[str, float]]) -> list[float]:
    centroid = _centroid(vectors)
    scores = []
    for s, vector in zip(sentences, vectors):
        score = weights.position / (1 + s.index) ** weights.position_decay
        score += weights.centrality * _cosine(vector, centroid)
        if title_words:
            score += weights.title * len(title_words & set(s.words)) / len(title_words)
        if phrases:
            score += weights.facts * _fact_score(s.text, phrases)
        if _quote_share(s.text) > 0.5:
            score -= weights.quote_penalty
        if s.n_words > weights.long_words:
            score *= weights.long_words / s.n_words
        scores.append(score)
    return scores


def _select(sentences: list[_Sentence], scores: list[float], vectors: list[dict[str, float]],
            max_sentences: int, weights: Weights) -> list[int]:
    """Greedy choice, best score first (earlier sentence on a tie), within the limits."""
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    words = 0
    for i in order:
        if len(chosen) >= max_sentences:
            break
        if chosen and words + sentences[i].n_words > weights.max_words:
            continue
        if any(_cosine(vectors[i], vectors[j]) > weights.redundancy for j in chosen):
            continue
        chosen.append(i)
        words += sentences[i].n_words
    return sorted(chosen)


def summarize(text: str, *, title: str | None = None, max_sentences: int = 3, entities: dict | None = None,
              max_words: int | None = None, weights: Weights = DEFAULT_WEIGHTS) -> list[str]:
    """An extractive summary of ``text``: up to ``max_sentences`` of its sentences, in document order.

    ``title`` adds a bonus for sentences that share its words; ``entities`` (a Warta record, or
    any mapping of name lists) one for sentences that name its regulations, officials, agencies
    or quotes. ``max_words`` (default ``weights.max_words``) caps the length: the best sentence
    is always taken, later ones only while they fit. Fragments shorter than
    ``weights.short_words`` words are used only when nothing longer exists.

    >>> summarize("Banjir melanda tiga desa di Bogor pada Senin pagi. Warga mengungsi ke balai desa "
    ...           "terdekat sejak malam. Hujan reda.", max_sentences=1)
    ['Banjir melanda tiga desa di Bogor pada Senin pagi.']
    """
    if max_sentences < 1:
        raise ValueError(f"max_sentences must be at least 1, got {max_sentences}")
    if max_words is not None:
        weights = replace(weights, max_words=max_words)
    clean = clean_text(text).text
    all_sentences = [_Sentence(i, s, tuple(content_words(s)), word_count(s))
                     for i, s in enumerate(split_sentences(clean))]
    sentences = [s for s in all_sentences if s.n_words >= weights.short_words and s.words] or \
        [s for s in all_sentences if s.words]
    if not sentences:
        return []
    vectors = _tfidf(sentences)
    title_words = set(content_words(title or ""))
    scores = _scores(sentences, title_words, fact_phrases(entities), weights, vectors)
    chosen = _select(sentences, scores, vectors, max_sentences, weights)
    return [sentences[i].text for i in chosen]


def lead(text: str, n: int = 3) -> list[str]:
    """The first ``n`` sentences of the cleaned ``text``: the LEAD-n baseline."""
    return split_sentences(clean_text(text).text)[:n]

