"""Shared fixtures: the real spaCy pipeline (loaded once per session), the seed articles, real DuckDB files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="session")
def nlp():
    from quotes.models import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    from quotes.extract import extract_text

    return lambda text, **kw: extract_text(text, nlp, **kw)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, nlp, seeds_dir):
    """A database built from the seed articles and the bundled samples, as a user would."""
    from quotes.db import QuoteDB
    from quotes.pipeline import ingest

    path = tmp_path_factory.mktemp("seeds") / "quotes.duckdb"
    with QuoteDB(path) as db:
        ingest(db, [str(seeds_dir), str(SAMPLES)])
    return path
