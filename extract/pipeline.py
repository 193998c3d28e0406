"""The spaCy pipeline: a blank Indonesian ``Language`` plus Warta's rule components.

Each component runs a pure finder over ``doc.text`` and writes its spans to one key of
``doc.spans``; the finder's record for a span (a frozen dataclass) is kept on the span under an
extension named after the key (``span._.regulations``), one per family because spaCy keys span
extensions by their offsets. Nothing here needs a trained model or a download.

The tokenizer is spaCy's Indonesian one without the 15,573 special cases that only keep a hyphenated
word ("anak-anak", "sewenang-wenang") in one token with its norm: spaCy adds those one by one, which
took most of a second of start-up (seconds on a busy machine), and no component reads tokens or norms
(the finders match on the text; spans snap to whatever tokens there are). With ``ner`` the statistical
model needs the tokens it was trained on, so that pipeline keeps every special case.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import spacy
from spacy import util
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from .find.abbreviations import find_abbreviations
from .find.agencies import find_agencies
from .find.dates import find_dates
from .find.people import find_people
from .find.places import find_places
from .find.quotes import find_quotes
from .find.regulations import find_citations

# name, span key, finder over the text, span label (or a function of the item giving it)
FAMILIES: tuple[tuple[str, str, Callable, str | Callable], ...] = (
    ("warta_regulations", "regulations", find_citations, lambda c: c.type),
    ("warta_agencies", "agencies", find_agencies, "ORG"),
    ("warta_people", "people", find_people, "PER"),
    ("warta_quotes", "quotes", find_quotes, "QUOTE"),
    ("warta_dates", "dates", find_dates, "DATE"),
    ("warta_abbreviations", "abbreviations", find_abbreviations, "ABBR"),
    ("warta_places", "places", find_places, "LOC"),
)
SPAN_KEYS = tuple(key for _, key, _, _ in FAMILIES)

for _key in SPAN_KEYS:
    if not Span.has_extension(_key):
        Span.set_extension(_key, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each call; the components share one copy."""
    text = doc.user_data.get("warta_text")
    if text is None:
        text = doc.user_data["warta_text"] = doc.text
    return text


def found(doc: Doc, key: str) -> list:
    """The finder's records for one family, in the finder's order.

    Records read these, not the spans: a span extension is keyed by the span's offsets, so two
    findings that snap to the same tokens (two places inside one hyphenated word) would share one
    slot and the first would be lost; which findings collide would depend on the tokenizer."""
    return doc.user_data.get(("warta_found", key), [])


def _write_spans(doc: Doc, key: str, items, label: str | Callable) -> None:
    items = list(items)
    doc.user_data[("warta_found", key)] = items
    spans = []
    for item in items:
        start, end = (item.start, item.end) if hasattr(item, "start") else item
        span = doc.char_span(start, end, label=label(item) if callable(label) else label, alignment_mode="expand")
        if span is None:
            continue
        span._.set(key, item)
        spans.append(span)
    doc.spans[key] = spans


def _make_component(key: str, finder: Callable, label: str | Callable) -> Callable[[Doc], Doc]:
    def component(doc: Doc) -> Doc:
        _write_spans(doc, key, finder(doc_text(doc)), label)
        return doc

    component.__doc__ = f"{finder.__name__} over the text -> doc.spans[{key!r}]"
    return component


for _name, _key, _finder, _label in FAMILIES:
    if _name not in Language.factories:
        Language.component(_name, func=_make_component(_key, _finder, _label))

COMPONENTS = tuple(name for name, *_ in FAMILIES)

TOKENIZER = "warta.TextTokenizer.v1"
SPACY_TOKENIZER = "warta.SpacyTokenizer.v1"
_TOKEN = re.compile(r"(\w+|[^\w\s]|\s+)( ?)")


class TextTokenizer:
    """Tokens for spans to snap to: runs of word characters, single other marks, and whitespace
    (one space after a token is its trailing space, as in spaCy). It keeps the text it was given in
    ``doc.user_data["warta_text"]``, so that no component rejoins the tokens, and it needs no rules,
    so it costs nothing to build. No component reads tokens: the finders match on the text."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pairs = _TOKEN.findall(text)
        doc = Doc(self.vocab, words=[w for w, _ in pairs], spaces=[bool(s) for _, s in pairs])
        doc.user_data["warta_text"] = text
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # Nothing to save: the tokenizer has no state beyond the vocabulary.
    def to_bytes(self, **_) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_) -> "TextTokenizer":
        return self

    def to_disk(self, path, **_) -> None:
        Path(path).write_bytes(b"")

    def from_disk(self, _path, **_) -> "TextTokenizer":
        return self


class TextKeepingTokenizer(Tokenizer):
    """spaCy's own tokenizer (every special case: the statistical NER was trained on its tokens),
    keeping the text it was given as :class:`TextTokenizer` does."""

    def __call__(self, text):
        doc = super().__call__(text)
        doc.user_data["warta_text"] = text
        return doc


@spacy.registry.tokenizers(TOKENIZER)
def create_text_tokenizer() -> Callable[[Language], TextTokenizer]:
    return lambda nlp: TextTokenizer(nlp.vocab)


@spacy.registry.tokenizers(SPACY_TOKENIZER)
def create_spacy_tokenizer() -> Callable[[Language], Tokenizer]:
    def tokenizer_factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return TextKeepingTokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=util.compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=util.compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=util.compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return tokenizer_factory


class RuleIndonesian(Language):
    """An Indonesian ``Language`` (``lang`` "id") with spaCy's base defaults only.

    ``spacy.blank("id")`` imports ``spacy.lang.id``, whose tokenizer exceptions, stop words and
    lexical attributes take a fifth of a second to import; with :class:`TextTokenizer` nothing reads
    them (no component looks at tokens, norms or stop words), so the rule pipeline does without."""

    lang = "id"


def build_nlp(*, ner: bool = False) -> Language:
    """A blank Indonesian pipeline with Warta's components; build it once and stream with ``nlp.pipe``.

    ``ner`` adds the statistical NER trained on NERGrit and shipped in ``extract/data/ner`` (persons,
    organisations, places in ``doc.ents``); it halves throughput, so it is off unless asked for. That
    pipeline is ``spacy.blank("id")`` with spaCy's tokenizer, whose tokens and norms the model was
    trained on; without it, :class:`RuleIndonesian` with :class:`TextTokenizer`.
    """
    if ner:
        nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": SPACY_TOKENIZER}}})
    else:
        nlp = RuleIndonesian.from_config({"nlp": {"lang": "id", "tokenizer": {"@tokenizers": TOKENIZER}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    if ner:
        from .find.ner import add_ner_pipe

        add_ner_pipe(nlp)
    nlp.max_length = 5_000_000
    return nlp
