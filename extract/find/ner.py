"""Generic named entities (PER, ORG, LOC) from a small statistical model shipped in ``extract/data/ner``.

The model is ``spacy.blank("id")`` with one ``ner`` component (its own narrow CNN tok2vec, no
vectors), trained by ``scripts/train_ner.py`` on NERGrit and idner-news-2k. It is read from the
package, never downloaded. Use it alone::

    >>> from extract.find.ner import entities
    >>> next(entities(["Presiden Joko Widodo meninjau Kementerian Keuangan."]))  # doctest: +SKIP
    [{'start': 9, 'end': 20, 'text': 'Joko Widodo', 'label': 'PER'}, ...]

or inside Warta's blank Indonesian pipeline, where it writes ``doc.ents``::

    nlp = build_nlp()
    add_ner_pipe(nlp)          # nlp.add_pipe("ner", source=load_ner())
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

LABELS = ("PER", "ORG", "LOC")


def model_path() -> Path:
    """The folder of the shipped model."""
    return Path(str(resources.files("extract").joinpath("data", "ner")))


@cache
def load_ner() -> Language:
    """The shipped NER pipeline (loaded once); raises ``OSError`` if the model is missing."""
    path = model_path()
    if not (path / "config.cfg").is_file():
        raise OSError(f"no NER model in {path}; run scripts/train_ner.py")
    return spacy.load(path)


def entities(texts: Iterable[str], batch_size: int = 64) -> Iterator[list[dict]]:
    """For each text, its entities as ``{"start", "end", "text", "label"}`` (character offsets)."""
    for doc in load_ner().pipe(texts, batch_size=batch_size):
        yield [{"start": ent.start_char, "end": ent.end_char, "text": ent.text, "label": ent.label_}
               for ent in doc.ents]


def add_ner_pipe(nlp: Language, name: str = "ner", **where) -> None:
    """Copy the shipped ``ner`` component into ``nlp`` (a blank ``"id"`` pipeline); it writes ``doc.ents``.

    ``where`` takes ``add_pipe``'s placement arguments (``before``, ``after``, ``first``, ``last``).
    """
    if nlp.lang != "id":
        raise ValueError(f"the NER model needs an Indonesian pipeline, not {nlp.lang!r}")
    nlp.add_pipe("ner", name=name, source=load_ner(), **where)
