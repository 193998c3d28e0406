"""The words of the full-text tables, listed as they are stored, so that a word form searched as a prefix
(``"banjir"*``) can be searched as the words it begins instead.

FTS5 answers a prefix query by first gathering, for every word that starts with the prefix, every row
that holds it, before the first match is handed over: for a common word ("yang") that is a pass over
nearly the whole archive, made again for each ``bm25`` and each ``snippet``. A plain word is read
lazily, newest rows first, and the search stops after the rows it needs. ``search_terms`` lists every
word written to the full-text tables, split and folded as FTS5's ``unicode61`` tokenizer does (letters
and digits; case folded; accents taken off); :func:`expand_prefixes` turns a prefix into the words it
begins (at most :data:`MAX_PREFIX_TERMS`; more, and the prefix query stays as it was; none, and it is left
out).
A listed word no row holds any more (its document was replaced) matches nothing, so the list only grows.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

import sqlite_utils

__all__ = ["MAX_PREFIX_TERMS", "expand_prefixes", "fold_term", "index_terms", "prefixes_of", "terms_of"]

MAX_PREFIX_TERMS = 48
"""The most words a prefix is replaced by; a prefix that begins more of them is searched as a prefix."""

_TOKEN = re.compile(r"[^\W_]+")
_PREFIX = re.compile(r'"([^"]+)"\*')


def fold_term(token: str) -> str:
    """A token as ``unicode61`` stores it: lower case, accents taken off (``Kafé`` -> ``kafe``)."""
    folded = token.lower()
    if folded.isascii():
        return folded
    bare = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


def terms_of(texts: Iterable[str | None]) -> set[str]:
    """The distinct folded words of ``texts``."""
    found: set[str] = set()
    for text in texts:
        if text:
            found.update(_TOKEN.findall(text))
    return {fold_term(token) for token in found}


def index_terms(db: sqlite_utils.Database, texts: Iterable[str | None]) -> None:
    """List the words of ``texts`` (what goes into a full-text table) in ``search_terms``."""
    db.conn.executemany("insert or ignore into search_terms (term) values (?)",
                        [(term,) for term in sorted(terms_of(texts))])


def prefixes_of(fts: str | None) -> str:
    """The prefixes (``"form"*``) of an FTS5 query, as a JSON array; SQL function ``warta_prefixes``."""
    return json.dumps(sorted(set(_PREFIX.findall(fts or ""))))


_GONE = "\x00"


def expand_prefixes(fts: str | None, found: str | None) -> str | None:
    """``fts`` with each prefix ``"form"*`` replaced by the words it begins, ``("w1" OR "w2")``, where
    ``found`` (a JSON object, prefix to its listed words joined by spaces) lists from 1 to
    :data:`MAX_PREFIX_TERMS` of them; SQL function ``warta_expand``.

    A prefix of plain ASCII that begins no listed word begins no stored word either, so it is left out of
    its ``OR`` (a phrase that matches nothing adds nought to ``bm25`` but is still worked through for
    every row); a group left with nothing becomes ``""``, which matches nothing. A prefix with other
    letters is kept as it is (FTS5 may fold them otherwise), and so is one that begins too many words."""
    if not fts or not found:
        return fts
    words = {prefix: listed.split() for prefix, listed in json.loads(found).items() if listed}

    def replace(match: re.Match) -> str:
        prefix = match.group(1)
        listed = words.get(prefix)
        if not listed:
            return _GONE if prefix.isascii() else match.group(0)
        if len(listed) > MAX_PREFIX_TERMS:
            return match.group(0)
        return "(" + " OR ".join(f'"{word}"' for word in listed) + ")"

    expanded = _PREFIX.sub(replace, fts)
    while f"{_GONE} OR " in expanded or f" OR {_GONE}" in expanded:
        expanded = expanded.replace(f"{_GONE} OR ", "").replace(f" OR {_GONE}", "")
    return expanded.replace(_GONE, '""')


# The words each prefix of ``fts`` begins, one more than the most used so that too many can be told.
PREFIX_TERMS_SQL = f"""(select json_group_object(prefix.value, (select group_concat(term, ' ') from (
      select term from search_terms where term >= prefix.value and term < prefix.value || char(1114111)
      order by term limit {MAX_PREFIX_TERMS + 1})))
    from json_each(warta_prefixes({{fts}})) as prefix)"""
