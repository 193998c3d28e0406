"""Streaming documents through the pipeline: load, clean, structure, the spaCy pipeline, records.

:func:`extract_records` yields one :class:`Outcome` per input path, in input order, whether the
document was read or not, so that a batch always carries on past a bad file: any exception while
one file is processed becomes that file's error. Each file is processed within the budgets of
:class:`~extract.read.budget.Limits` (size, pages, pixels, seconds). ``jobs > 1`` shards the
paths across worker processes that each build the pipeline once.
"""
from __future__ import annotations

import gc
import os
import re
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .read.budget import DEFAULT_LIMITS, Limits, TimeBudgetExceeded, time_limit
from .read.normalize import clean_text, steps_for
from .read.sources import SUFFIXES, LoadError, NeedsOcr, Source, iter_paths, load, printable

BATCH = 32
MIN_BATCH = 8  # the smallest chunk sent to a worker process


@dataclass(frozen=True)
class Outcome:
    """What became of one input: a record, or a one-line error naming the file."""

    path: str
    record: dict | None = None
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())
    skipped: bool = False  # could not be read on this machine (a scan without Tesseract), not a bad file
    notice: bool = False  # a word about a folder (unreadable, a symlink loop), not a document


_NLP: dict[bool, object] = {}


# Read once at start-up so that the finders compile their patterns and load their gazetteers then.
_WARM_UP = ("Jakarta - Kepala Dinas Sosial Kota Bogor, Rina Kartikasari, mengatakan Peraturan Menteri Sosial "
            "Nomor 5 Tahun 2024 berlaku sejak Senin (6/5/2024). \"Kami siap,\" kata Kapolres Bogor AKBP Budi "
            "Hartono kepada Badan Pusat Statistik (BPS) di Kabupaten Bogor, Jawa Barat.")


@contextmanager
def _quiet_collector():
    """Start-up makes about a million objects that live as long as the process (spaCy's modules, the
    gazetteers, the compiled patterns), and the cyclic garbage collector would walk all of them at
    each of its full passes, a third of a second of a short run. It pauses while they are made, and
    :func:`gc.freeze` then sets them aside, so that later passes look at documents' objects only."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _nlp(ner: bool = False):
    """The pipeline, built once per process (and per choice of the statistical NER), with the record
    builder's modules, and warmed up on a short text."""
    if ner not in _NLP:
        with _quiet_collector():
            from . import records  # noqa: F401  (its imports load with the pipeline's)
            from .pipeline import build_nlp

            nlp = build_nlp(ner=ner)
            nlp(_WARM_UP)
            _NLP[ner] = nlp
    return _NLP[ner]


def _prepare(path: str, ocr: bool, limits: Limits = DEFAULT_LIMITS) -> tuple[Source, object, object] | Outcome:
    """Load and clean one file and read its structure; an :class:`Outcome` with the error where it fails."""
    try:
        source = load(path, ocr=ocr, limits=limits)
    except NeedsOcr as exc:
        return Outcome(printable(path), error=str(exc), skipped=True)
    except LoadError as exc:
        return Outcome(printable(path), error=str(exc))
    # long_runs last: spaCy's tokenizer is quadratic in a chunk without spaces ("((((...").
    cleaned = clean_text(source.text, [*steps_for(source.format), "long_runs"])
    if not cleaned.text.strip():
        return Outcome(source.path, error=f"{source.path}: nothing left after removing boilerplate; check that it "
                                          "is a document")
    if limits.max_bytes and len(cleaned.text) > limits.max_bytes:
        return Outcome(source.path, error=f"{source.path}: its text is {len(cleaned.text):,} characters, over the "
                                          f"budget of {limits.max_bytes:,} per document; raise it with --max-bytes "
                                          "or split the document")
    structure = None
    if source.format in ("pdf", "docx") or _looks_official(cleaned.text):
        from .read.structure import parse_structure

        structure = parse_structure(cleaned.text)
    return source, cleaned, structure


def _one(path: str, ocr: bool, with_text: bool, ner: bool, limits: Limits) -> Outcome:
    """Everything for one file, within its budgets; whatever goes wrong becomes this file's error."""
    shown = printable(path)
    nlp = _nlp(ner)  # built once per process, outside the first document's time budget
    from .records import build_record
    try:
        with time_limit(limits.max_seconds):
            prepared = _prepare(path, ocr, limits)
            if isinstance(prepared, Outcome):
                return prepared
            source, cleaned, structure = prepared
            if len(cleaned.text) >= nlp.max_length:
                nlp.max_length = len(cleaned.text) + 1  # the text is within --max-bytes: bounded already
            doc = nlp(cleaned.text)
            record = build_record(source, doc, structure, with_text=with_text, to_source=cleaned.to_source)
        return Outcome(source.path, record=record, warnings=source.warnings)
    except TimeBudgetExceeded:
        return Outcome(shown, error=f"{shown}: took longer than the budget of {limits.max_seconds:g} s per "
                                    "document; raise it with --max-seconds or split the document")
    except MemoryError:
        return Outcome(shown, error=f"{shown}: ran out of memory; lower --max-bytes or split the document")
    except RecursionError:
        return Outcome(shown, error=f"{shown}: nested too deeply to read; please report this file")
    except Exception as exc:  # a bug on one document must not sink the batch; it is reported
        reason = printable(" ".join(str(exc).split()))[:200]
        return Outcome(shown, error=f"{shown}: extraction failed ({exc.__class__.__name__}: {reason}); please "
                                    "report this file")


_OFFICIAL = re.compile(r"(?m)^\s*(?:#+\s*)?(?:SURAT EDARAN|PERATURAN|KEPUTUSAN|INSTRUKSI|UNDANG-UNDANG)\b|"
                       r"^\s*(?:Menimbang|Mengingat|Yth\.|Nomor\s*:|NOMOR\s*:?)")


def _looks_official(text: str) -> bool:
    """A title block or letter head near the top marks an official document (not a release or news)."""
    return bool(_OFFICIAL.search(text[:3000]))


def _run_batch(paths: list[str], ocr: bool, with_text: bool, ner: bool = False,
               limits: Limits = DEFAULT_LIMITS) -> list[Outcome]:
    """Extract one chunk of files in order, one at a time (each within its own budgets)."""
    return [_one(path, ocr, with_text, ner, limits) for path in paths]


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class NothingToRead(ValueError):
    """The paths given name no document: empty folders, or folders of files Warta does not read."""


def extract_records(paths: Iterable[str], *, jobs: int = 1, ocr: bool = True, with_text: bool = False,
                    ner: bool = False, limits: Limits = DEFAULT_LIMITS) -> Iterator[Outcome]:
    """Extract records from files and folders (folders recurse; ``"-"`` is stdin), in order.

    ``ner`` adds the statistical NER's persons, organisations and places to each record's ``entities``.
    ``limits`` are the budgets per document (see :class:`extract.read.budget.Limits`).
    Folders that cannot be read and symlink loops come first, as outcomes with only a warning
    (no record, no error). Raises :class:`NothingToRead` (on the first ``next()``) when the
    paths hold no document at all.
    """
    paths = list(paths)
    notices: list[str] = []
    files = list(iter_paths(paths, warn=notices.append))
    for notice in notices:
        yield Outcome(notice.split(": ", 1)[0], warnings=(notice,), notice=True)
    if not files:
        where = ", ".join(printable(p) for p in paths) or "(no paths)"
        raise NothingToRead(f"{where}: no documents to read (Warta reads {', '.join(sorted(set(SUFFIXES)))}); "
                            "check the path")
    jobs = max(1, min(jobs, os.cpu_count() or 1, max(1, len(files) // BATCH)))
    if jobs == 1 or "-" in files:
        for chunk in _chunks(files, BATCH):
            yield from _run_batch(chunk, ocr, with_text, ner, limits)
        return
    from concurrent.futures import ProcessPoolExecutor  # a tenth of a second to import: only with workers

    # Each worker gets at least four chunks, so that none waits idle while another works through the last,
    # large one (three chunks of 32 on two workers would take as long as four).
    size = max(MIN_BATCH, min(BATCH, -(-len(files) // (4 * jobs))))
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        yield from _in_order(pool, _chunks(files, size), 2 * jobs, ocr, with_text, ner, limits)
    finally:
        # A reader that stops early (a closed pipe) must not wait for the chunks it will never read.
        pool.shutdown(wait=True, cancel_futures=True)


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
