"""Shared fixtures: the real inputs in ../shared (skipped when absent) and one pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run the same examples on every run (CI must not be flaky); set
# HYPOTHESIS_PROFILE=explore to search wider and with fresh randomness.
settings.register_profile("sahelnlp", derandomize=True, deadline=None)
settings.register_profile("explore", max_examples=2_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "sahelnlp"))

# The repo is cloned into some folder with shared/ beside it.
REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEV_ARTICLES = SHARED / "dev-articles" / "articles.jsonl"
EXAMPLES = REPO_ROOT / "corpus" / "examples" / "articles.jsonl"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"real seed inputs not found at {SEEDS} (shared/ is not beside the repo)")
    return SEEDS


@pytest.fixture(scope="session")
def dev_articles() -> Path:
    if not DEV_ARTICLES.is_file():
        pytest.skip(f"dev articles not found at {DEV_ARTICLES} (shared/ is not beside the repo)")
    return DEV_ARTICLES


@pytest.fixture(scope="session", autouse=True)
def isolated_data_dir(tmp_path_factory):
    """Tests never see a dense gazetteer the developer built in their own data folder."""
    from sahelnlp.paths import ENV_VAR

    folder = tmp_path_factory.mktemp("sahelnlp-data")
    previous = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = previous


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline, assembled once for the whole test session."""
    from sahelnlp.assemble import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def nlp_fr():
    """The French pipeline (configs/fr_core_news_md.cfg), assembled once for the session."""
    from sahelnlp.assemble import default_config_path, load_pipeline

    return load_pipeline(default_config_path("fr"))


@pytest.fixture(scope="session")
def router():
    """The packaged pipelines by language, as `sahelnlp.annotate` and `sahelnlp run` use
    them (each built on first use), shared by the whole session."""
    from sahelnlp.api import default_router

    return default_router()


def shared_articles(folder: str, limit: int | None = None) -> list:
    """The articles of a shared dev folder (`folder`/articles.jsonl), or a skip."""
    from sahelnlp.readers import read_inputs

    path = SHARED / folder / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found (shared/ is not beside the repo)")
    return [a for a in read_inputs([str(path)]) if a.ok][:limit]
