"""The spaCy pipeline: ``spacy.blank("id")`` plus Warta's rule components.

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


def _write_spans(doc: Doc, key: str, items, label: str | Callable) -> None:
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

TOKENIZER = "warta.IndonesianTokenizer.v1"
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _kept_exception(text: str) -> bool:
    """A special case worth its start-up cost: anything but a hyphenated word of letters."""
    return not _HYPHENATED.fullmatch(text)


@spacy.registry.tokenizers(TOKENIZER)
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer for the language, with the special cases :func:`_kept_exception` keeps."""

    def tokenizer_factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules={k: v for k, v in defaults.tokenizer_exceptions.items() if _kept_exception(k)},
            prefix_search=util.compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=util.compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=util.compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return tokenizer_factory


def build_nlp(*, ner: bool = False) -> Language:
    """A blank Indonesian pipeline with Warta's components; build it once and stream with ``nlp.pipe``.

    ``ner`` adds the statistical NER trained on NERGrit and shipped in ``extract/data/ner`` (persons,
    organisations, places in ``doc.ents``); it halves throughput, so it is off unless asked for.
    """
    nlp = spacy.blank("id") if ner else spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    if ner:
        from .find.ner import add_ner_pipe

        add_ner_pipe(nlp)
    nlp.max_length = 5_000_000
    return nlp
