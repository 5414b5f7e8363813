"""Fixtures for the reader tests: the shared real inputs, found beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
DUMP_SEED = SEEDS / "004_57c66d2228c3c4b8.txt"


@pytest.fixture
def dump_seed(seeds_dir: Path) -> Path:
    if not DUMP_SEED.is_file():
        pytest.skip(f"feed dump seed not found at {DUMP_SEED}")
    return DUMP_SEED
