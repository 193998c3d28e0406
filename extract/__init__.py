"""Warta: structured records from Indonesian government circulars, regulations and press releases.

The verbs the command line uses::

    from extract import extract_records, open_db, save_record, search, render_drafts
"""
from .process import Outcome, extract_records
from .read.normalize import clean_text
from .read.sources import LoadError, load
from .serve.metadata import write_metadata
from .store import counts, iter_records, open_db, record_error, save_record, search
from .write.briefs import render_briefs
from .write.render import DraftError, render_drafts

__all__ = [
    "DraftError", "LoadError", "Outcome", "clean_text", "counts", "extract_records", "iter_records", "load", "open_db",
    "record_error", "render_briefs", "render_drafts", "save_record", "search", "write_metadata",
]
__version__ = "0.1.0"
