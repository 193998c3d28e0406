"""Shared fixtures: where the real data lives, and a CLI runner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (real documents, gold files, the scorer)."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared with the real data is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def train_news(shared) -> list[str]:
    """The texts of the first 150 detik articles of the train split (the only ones tests may read)."""
    ids = [line.strip() for line in (shared / "eval/train-ids.txt").read_text().splitlines()
           if line.strip() and not line.startswith("#")][:150]
    return [(shared / "data/detik-txt" / f"{doc_id}.txt").read_text(encoding="utf-8") for doc_id in ids]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def read_jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
