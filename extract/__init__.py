"""Warta: structured records from Indonesian government circulars, regulations and press releases.

The verbs the command line uses::

    from extract import extract_records, open_db, save_record, search, render_drafts
"""
from .metadata import write_metadata
from .normalize import clean_text
from .process import Outcome, extract_records
from .briefs import render_briefs
from .render import render_drafts
from .sources import LoadError, load
from .store import counts, iter_records, open_db, record_error, save_record, search

__all__ = [
    "LoadError", "Outcome", "clean_text", "counts", "extract_records", "iter_records", "load", "open_db",
    "record_error", "render_briefs", "render_drafts", "save_record", "search", "write_metadata",
]
__version__ = "0.1.0"
