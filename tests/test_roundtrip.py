"""Round trip: a press-release draft, read back by Warta's own extractors, gives back what it was made from.

For every corpus document the ``siaran-pers`` draft (Markdown) is rendered, saved and extracted
again. Of the regulations (type, number, year), officials (name) and quotes (text, by token
overlap) that the template put into the draft, at least 95% must be recovered, over all documents
together and for each field. A regulation without a number is left out: the draft cannot cite it
in full, so there is nothing for the extractor to find. The figures are printed (``pytest -s``).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from extract import extract_records
from extract.store.persons import person_key
from extract.write.render import legal_basis, render_document, signer

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
THRESHOLD = 0.95
QUOTE_OVERLAP = 0.7
FIELDS = ("regulations", "officials", "quotes")

RegKey = tuple[str, str, "int | None"]


def regulation_key(regulation: Mapping[str, Any]) -> RegKey:
    """What identifies a regulation in the comparison: type code, number, year."""
    return (str(regulation.get("type") or "").upper(), str(regulation.get("number") or ""), regulation.get("year"))


def words(text: str) -> set[str]:
    """The lower-cased word tokens of a text."""
    return set(re.findall(r"\w+", text.casefold()))


def overlap(wanted: str, found: str) -> float:
    """The share of ``wanted``'s tokens that ``found`` holds."""
    tokens = words(wanted)
    return len(tokens & words(found)) / len(tokens) if tokens else 0.0


def put_in_draft(record: Mapping[str, Any]) -> dict[str, list]:
    """What the siaran-pers template writes into the draft of ``record``, per field.

    A circular's release cites its own number and its legal basis and names its signatory; any
    other release cites every regulation and names every official. Both quote every quote.
    """
    if record["kind"] == "circular":
        regulations = [*legal_basis(record["regulations"]), *([record["regulation"]] if record["regulation"] else [])]
        signed_by = signer(record)
        officials = [signed_by["name"]] if signed_by else []
    else:
        regulations = list(record["regulations"])
        officials = [official["name"] for official in record["officials"] if official.get("name")]
    return {
        "regulations": [regulation_key(reg) for reg in regulations if reg.get("number")],
        "officials": officials,
        "quotes": [quote["text"] for quote in record["quotes"] if quote.get("text", "").strip()],
    }


def recovered(expected: dict[str, list], back: Mapping[str, Any]) -> dict[str, list[tuple[Any, bool]]]:
    """Each expected item with whether the record read back from the draft holds it."""
    regulations = {regulation_key(reg) for reg in back["regulations"]}
    if back.get("regulation"):
        regulations.add(regulation_key(back["regulation"]))
    people = {person_key(official["name"]) for official in back["officials"]}
    if back.get("signatory") and back["signatory"].get("name"):
        people.add(person_key(back["signatory"]["name"]))
    quotes = [quote["text"] for quote in back["quotes"]]
    return {
        "regulations": [(key, key in regulations) for key in expected["regulations"]],
        "officials": [(name, person_key(name) in people) for name in expected["officials"]],
        "quotes": [(text, any(overlap(text, found) >= QUOTE_OVERLAP for found in quotes))
                   for text in expected["quotes"]],
    }


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory) -> list[tuple[str, dict[str, list[tuple[Any, bool]]]]]:
    """``(source, results)`` for every corpus document that reads without OCR."""
    files = sorted(str(path) for path in CORPUS.iterdir() if path.name != "README.md")
    records = [outcome.record for outcome in extract_records(files, ocr=False) if outcome.record]
    assert len(records) >= 15, "the corpus should yield records"
    folder = tmp_path_factory.mktemp("drafts")
    drafts = []
    for n, record in enumerate(records):
        path = folder / f"draf-{n:02d}.md"
        path.write_text(render_document(record, "siaran-pers", "md"), encoding="utf-8")
        drafts.append(str(path))
    back = {outcome.path: outcome for outcome in extract_records(drafts, ocr=False)}
    results = []
    for record, draft in zip(records, drafts):
        outcome = back[draft]
        assert outcome.record is not None, outcome.error
        results.append((record["source"], recovered(put_in_draft(record), outcome.record)))
    return results


def totals(results) -> dict[str, tuple[int, int]]:
    """``(found, expected)`` per field, over all documents."""
    return {field: (sum(ok for _, items in results for _, ok in items[field]),
                    sum(len(items[field]) for _, items in results)) for field in FIELDS}


def test_round_trip_recovers_what_the_draft_was_made_from(round_trip):
    figures = totals(round_trip)
    found = sum(hit for hit, _ in figures.values())
    expected = sum(total for _, total in figures.values())
    lines = [f"{field}: {hit}/{total} = {hit / total:.1%}" for field, (hit, total) in figures.items()]
    lines.append(f"all: {found}/{expected} = {found / expected:.1%}")
    misses = [f"  {Path(source).name}: {field} {item!r}" for source, items in round_trip
              for field in FIELDS for item, ok in items[field] if not ok]
    print("\nround trip over", len(round_trip), "documents\n" + "\n".join(lines + misses))
    assert all(total for _, total in figures.values()), "every field should be exercised"
    assert found / expected >= THRESHOLD, "\n".join(lines + misses)
    for field, (hit, total) in figures.items():
        assert hit / total >= THRESHOLD, f"{field}: " + "\n".join(lines + misses)


@pytest.mark.parametrize(
    ("wanted", "found", "expected"),
    [
        ("Stok kami aman.", "Stok kami aman", 1.0),
        ("Stok kami aman.", "stok aman", 2 / 3),
        ("", "apa saja", 0.0),
    ],
)
def test_overlap(wanted, found, expected):
    assert overlap(wanted, found) == pytest.approx(expected)


def test_put_in_draft_leaves_out_regulations_without_a_number():
    record = {"kind": "circular", "regulation": {"type": "SE", "number": None, "year": 2026},
              "regulations": [{"type": "UU", "number": "23", "year": 2014, "basis": True}],
              "signatory": {"name": "Jakarta", "position": "Kepala"}, "officials": [], "quotes": []}
    assert put_in_draft(record) == {"regulations": [("UU", "23", 2014)], "officials": [], "quotes": []}
