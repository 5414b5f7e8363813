"""Where sahelnlp keeps what a user builds: the user data folder.

`SAHELNLP_DATA_DIR` overrides it (tests and shared clusters use this); otherwise
it is the platform's user data folder (~/.local/share/sahelnlp on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "SAHELNLP_DATA_DIR"
DENSE_GAZETTEER = "dense.msgpack"


def data_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else Path(platformdirs.user_data_dir("sahelnlp"))


def dense_gazetteer_path() -> Path:
    return data_dir() / "gazetteer" / DENSE_GAZETTEER


def input_roots(shared: Path | None = None) -> list[Path]:
    """Where gold `input` paths are looked up: the given shared folder, `../shared` beside
    the working directory and beside the clone, then the corpus folder."""
    repo = Path(__file__).resolve().parents[2]
    roots = [shared] if shared else []
    roots += [Path.cwd().parent / "shared", repo.parent / "shared", Path.cwd() / "corpus", repo / "corpus"]
    return list(dict.fromkeys(roots))
