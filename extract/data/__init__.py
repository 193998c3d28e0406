"""The facts Warta ships: gazetteers, word lists, patterns and tables, read from this folder.

Every stage reads its data through these loaders, so every file is found the same way (inside the
installed package) and checked the same way: a bad line raises :class:`DataError`, a ``ValueError``
that names the file, the line and what the line needs.

* :func:`text` is a file's text;
* :func:`words` is a word list under ``words/``: one entry a line, ``#`` starts a comment, no
  entry twice, order kept (some lists are tried in order);
* :func:`table` is a tab-separated file with a fixed number of columns, comments and blank lines
  skipped.

Example:
    >>> from extract import data
    >>> "AKBP" in data.words("ranks")
    True
    >>> dict(data.table("months.tsv", 2))["januari"]
    '1'
"""
from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["DataError", "text", "words", "table"]


class DataError(ValueError):
    """A data file that does not have the shape its loader needs."""

    def __init__(self, name: str, number: int | None, problem: str):
        where = f"data/{name}" + (f": line {number}" if number is not None else "")
        super().__init__(f"{where}: {problem}")


def text(name: str) -> str:
    """The text of data file ``name`` (a path relative to this folder)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _entries(name: str):
    for number, line in enumerate(text(name).splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of word list ``words/NAME.txt``, in file order."""
    path = f"words/{name}.txt"
    seen: dict[str, int] = {}
    for number, line in _entries(path):
        entry = line.strip()
        if line != entry:
            raise DataError(path, number, f"entry {entry!r} has spaces around it")
        if "\t" in entry or "  " in entry:
            raise DataError(path, number, f"entry {entry!r} holds a tab or a double space")
        if entry in seen:
            raise DataError(path, number, f"entry {entry!r} is listed already on line {seen[entry]}")
        seen[entry] = number
    if not seen:
        raise DataError(path, None, "holds no entries")
    return tuple(seen)


@cache
def table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """The rows of tab-separated file ``name``; each needs ``columns`` non-empty cells."""
    rows = []
    for number, line in _entries(name):
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != columns or not all(cells):
            raise DataError(name, number, f"needs {columns} non-empty cells separated by tabs")
        rows.append(cells)
    return tuple(rows)
