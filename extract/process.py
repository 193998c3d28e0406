"""Streaming documents through the pipeline: load, clean, structure, ``nlp.pipe``, records.

:func:`extract_records` yields one :class:`Outcome` per input path, in input order, whether the
document was read or not, so that a batch always carries on past a bad file. ``jobs > 1`` shards
the paths across worker processes that each build the pipeline once.
"""
from __future__ import annotations

import os
import re
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .read.normalize import clean_text, steps_for
from .read.sources import LoadError, NeedsOcr, Source, iter_paths, load

BATCH = 32


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a record, or a one-line error naming the file."""

    path: str
    record: dict | None = None
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())
    skipped: bool = False  # could not be read on this machine (a scan without Tesseract), not a bad file


_NLP: dict[bool, object] = {}


def _nlp(ner: bool = False):
    """The pipeline, built once per process (and per choice of the statistical NER)."""
    if ner not in _NLP:
        from .pipeline import build_nlp

        _NLP[ner] = build_nlp(ner=ner)
    return _NLP[ner]


def _prepare(path: str, ocr: bool) -> tuple[Source, object, object] | Outcome:
    """Load and clean one file and read its structure; an :class:`Outcome` with the error where it fails."""
    try:
        source = load(path, ocr=ocr)
    except NeedsOcr as exc:
        return Outcome(path, error=str(exc), skipped=True)
    except LoadError as exc:
        return Outcome(path, error=str(exc))
    cleaned = clean_text(source.text, steps_for(source.format))
    if not cleaned.text.strip():
        return Outcome(path, error=f"{path}: nothing left after removing boilerplate; check that it is a document")
    structure = None
    if source.format in ("pdf", "docx") or _looks_official(cleaned.text):
        from .read.structure import parse_structure

        structure = parse_structure(cleaned.text)
    return source, cleaned, structure


_OFFICIAL = re.compile(r"(?m)^\s*(?:#+\s*)?(?:SURAT EDARAN|PERATURAN|KEPUTUSAN|INSTRUKSI|UNDANG-UNDANG)\b|"
                       r"^\s*(?:Menimbang|Mengingat|Yth\.|Nomor\s*:|NOMOR\s*:?)")


def _looks_official(text: str) -> bool:
    """A title block or letter head near the top marks an official document (not a release or news)."""
    return bool(_OFFICIAL.search(text[:3000]))


def _run_batch(paths: list[str], ocr: bool, with_text: bool, ner: bool = False) -> list[Outcome]:
    from .records import build_record

    prepared: list[tuple[int, tuple]] = []
    outcomes: list[Outcome | None] = [None] * len(paths)
    for i, path in enumerate(paths):
        result = _prepare(path, ocr)
        if isinstance(result, Outcome):
            outcomes[i] = result
        else:
            prepared.append((i, result))
    texts = ((cleaned.text, i) for i, (_, cleaned, _) in prepared)
    by_index = {i: (source, cleaned, structure) for i, (source, cleaned, structure) in prepared}
    for doc, i in _nlp(ner).pipe(texts, as_tuples=True):
        source, cleaned, structure = by_index[i]
        try:
            record = build_record(source, doc, structure, with_text=with_text, to_source=cleaned.to_source)
        except Exception as exc:  # a bug on one document must not sink the batch; it is reported
            outcomes[i] = Outcome(source.path, error=f"{source.path}: extraction failed ({exc.__class__.__name__}: "
                                                     f"{exc}); please report this file")
            continue
        outcomes[i] = Outcome(source.path, record=record, warnings=source.warnings)
    return [o for o in outcomes if o is not None]


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def extract_records(paths: Iterable[str], *, jobs: int = 1, ocr: bool = True, with_text: bool = False,
                    ner: bool = False) -> Iterator[Outcome]:
    """Extract records from files and folders (folders recurse; ``"-"`` is stdin), in order.

    ``ner`` adds the statistical NER's persons, organisations and places to each record's ``entities``.
    """
    files = list(iter_paths(list(paths)))
    jobs = max(1, min(jobs, os.cpu_count() or 1, max(1, len(files) // BATCH)))
    if jobs == 1 or "-" in files:
        for chunk in _chunks(files, BATCH):
            yield from _run_batch(chunk, ocr, with_text, ner)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _in_order(pool, _chunks(files, BATCH), 2 * jobs, ocr, with_text, ner)


def _in_order(pool, chunks: Iterator[list[str]], window: int, *args) -> Iterator[Outcome]:
    """The chunks' outcomes in input order, with at most ``window`` chunks submitted and not yet
    yielded, so that memory stays bounded however many files there are."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(pool.submit(_run_batch, chunk, *args))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
