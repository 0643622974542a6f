"""Fixtures for the read stage: the seed disclosure and the hand-written cases beside these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.model import Document
from analytics.read import read_document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "samples" / "langfang_kexie_2017_budget.txt"
CASES = ROOT / "tests" / "cases" / "read"


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def seed_text(seed_bytes: bytes) -> str:
    return seed_bytes.decode("utf-8")


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return read_document(SEED)
