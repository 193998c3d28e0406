"""The spaCy pipeline: ``spacy.blank("id")`` plus Warta's rule components.

Each component runs a pure finder over ``doc.text`` and writes its spans to one key of
``doc.spans``; the finder's record for a span (a frozen dataclass) is kept on the span under an
extension named after the key (``span._.regulations``), one per family because spaCy keys span
extensions by their offsets. Nothing here needs a trained model or a download.
"""
from __future__ import annotations

from typing import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .abbreviations import find_abbreviations
from .agencies import find_agencies
from .dates import find_dates
from .people import find_people
from .quotes import find_quotes
from .regulations import find_citations

SPAN_KEYS = ("regulations", "agencies", "people", "quotes", "dates", "abbreviations")

for _key in SPAN_KEYS:
    if not Span.has_extension(_key):
        Span.set_extension(_key, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text`` joins every token on each call; the components share one copy."""
    text = doc.user_data.get("warta_text")
    if text is None:
        text = doc.user_data["warta_text"] = doc.text
    return text


def _write_spans(doc: Doc, key: str, items, label: str | Callable, span_of: Callable) -> None:
    spans = []
    for item in items:
        start, end = span_of(item)
        span = doc.char_span(start, end, label=label(item) if callable(label) else label, alignment_mode="expand")
        if span is None:
            continue
        span._.set(key, item)
        spans.append(span)
    doc.spans[key] = spans


@Language.component("warta_regulations")
def regulations_component(doc: Doc) -> Doc:
    """Citations of legal instruments -> ``doc.spans["regulations"]`` (label: type code)."""
    _write_spans(doc, "regulations", find_citations(doc_text(doc)), lambda c: c.type, lambda c: (c.start, c.end))
    return doc


@Language.component("warta_agencies")
def agencies_component(doc: Doc) -> Doc:
    """Institution mentions -> ``doc.spans["agencies"]`` (label ``ORG``)."""
    _write_spans(doc, "agencies", find_agencies(doc_text(doc)), "ORG", lambda m: (m.start, m.end))
    return doc


@Language.component("warta_people")
def people_component(doc: Doc) -> Doc:
    """Person mentions, with positions where given -> ``doc.spans["people"]`` (label ``PER``)."""
    _write_spans(doc, "people", find_people(doc_text(doc)), "PER", lambda m: (m.start, m.end))
    return doc


@Language.component("warta_quotes")
def quotes_component(doc: Doc) -> Doc:
    """Words inside quotation marks -> ``doc.spans["quotes"]`` (label ``QUOTE``)."""
    _write_spans(doc, "quotes", find_quotes(doc_text(doc)), "QUOTE", lambda s: s)
    return doc


@Language.component("warta_dates")
def dates_component(doc: Doc) -> Doc:
    """Weekday dates with resolved years -> ``doc.spans["dates"]`` (label ``DATE``)."""
    _write_spans(doc, "dates", find_dates(doc_text(doc)), "DATE", lambda d: (d.start, d.end))
    return doc


@Language.component("warta_abbreviations")
def abbreviations_component(doc: Doc) -> Doc:
    """Short forms defined in parentheses (Schwartz–Hearst) -> ``doc.spans["abbreviations"]`` (label ``ABBR``)."""
    _write_spans(doc, "abbreviations", find_abbreviations(doc_text(doc)), "ABBR", lambda a: (a.start, a.end))
    return doc


COMPONENTS = ("warta_regulations", "warta_agencies", "warta_people", "warta_quotes", "warta_dates",
              "warta_abbreviations")


def build_nlp() -> Language:
    """A blank Indonesian pipeline with Warta's components; build it once and stream with ``nlp.pipe``."""
    nlp = spacy.blank("id")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.max_length = 5_000_000
    return nlp
