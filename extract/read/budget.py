"""Budgets per document: how big, how many pages, how many pixels, how long.

A document past a budget is not read further; it gets an error naming the budget and the flag
that raises it, and the batch goes on. :class:`Limits` holds the budgets; :func:`time_limit`
enforces the time budget with a timer signal (only in a process's main thread, where signals
are delivered; elsewhere the time budget is not enforced), and :func:`paused` stops the clock
around work that has its own limit (Tesseract has a timeout per page).
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """The per-document budgets; ``None`` turns one off."""

    max_bytes: int | None = 20 * MB  # file size, a .docx's unpacked size, and the text's length
    max_pages: int | None = 2000  # pages of a PDF
    max_pixels: int | None = 100 * MB  # pixels of one page rendered for OCR (A4 at 300 dpi is 8.7 million)
    max_seconds: float | None = 120.0  # seconds of work on one document, OCR excepted

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_pages", "max_pixels", "max_seconds"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be a positive number or None, not {value!r}")


DEFAULT_LIMITS = Limits()


def size(n: float) -> str:
    """``n`` bytes for a message: ``"52.4 MB"``, ``"900 bytes"``."""
    return f"{n / MB:.1f} MB" if n >= 100_000 else f"{int(n)} bytes"


class TimeBudgetExceeded(BaseException):
    """The document ran past ``--max-seconds``.

    A BaseException, so that no ``except Exception`` in the code it interrupts swallows it.
    """


_state = threading.local()


def _on_alarm(signum, frame):  # noqa: ARG001 - the signal handler's signature
    if getattr(_state, "armed", False):
        _state.armed = False
        raise TimeBudgetExceeded()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeBudgetExceeded` in the block once it has run ``seconds`` (OCR time excepted)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _state.armed = True
    _state.deadline = time.monotonic() + seconds
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _state.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def paused() -> Iterator[None]:
    """Stop the time budget's clock inside the block (for work with a limit of its own)."""
    if not getattr(_state, "armed", False) or threading.current_thread() is not threading.main_thread():
        yield
        return
    left, _ = signal.getitimer(signal.ITIMER_REAL)
    signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if getattr(_state, "armed", False):
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
