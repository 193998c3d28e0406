"""Warta: structured records from Indonesian government circulars, regulations and press releases.

The verbs the command line uses::

    from extract import extract_records, open_db, save_record, search, render_drafts

Each verb is imported on first use, so that ``warta extract`` does not pay for the store, the
drafts and Datasette's metadata at start-up.
"""
from importlib import import_module

_VERBS = {
    "Outcome": ".process", "extract_records": ".process", "NothingToRead": ".process",
    "Limits": ".read.budget",
    "clean_text": ".read.normalize",
    "LoadError": ".read.sources", "iter_paths": ".read.sources", "load": ".read.sources",
    "write_metadata": ".serve.metadata",
    "close_db": ".store", "counts": ".store", "iter_records": ".store", "open_db": ".store", "record_error": ".store",
    "save_record": ".store", "search": ".store", "Commits": ".store.bulk",
    "delete_document": ".store.save", "store_file_record": ".store.save",
    "check_file": ".store.files", "remember_file": ".store.files", "vanished_files": ".store.files",
    "forget_file": ".store.files", "file_hash": ".store.files", "export_parquet": ".store.export",
    "render_briefs": ".write.briefs",
    "render_drafts": ".write.render", "DraftError": ".write.render",
}

__all__ = sorted(_VERBS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name not in _VERBS:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    value = getattr(import_module(_VERBS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_VERBS))
