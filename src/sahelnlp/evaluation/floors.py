"""Floors under the scores: recorded figures a change may not drop below.

A floor file (JSON) holds, per part and language, the headline figures of
`corpus.HEADLINE` a little below what was measured when it was recorded, so a new rule
that breaks old cases fails the suite while noise of a claim or two does not. Raise the
floors (`sahelnlp evaluate --record-floors`) when a change lifts the scores.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from ..errors import Errors, SahelNLPError
from .corpus import HEADLINE, CorpusScores

MARGIN = 0.03


def record_floors(scores: CorpusScores, parts: tuple[str, ...] = ("dev",), margin: float = MARGIN) -> dict:
    """Floors for the given parts: each headline figure less `margin`, rounded down to 0.01."""
    floors: dict = {"margin": margin}
    for part in parts:
        for lang in scores.groups.get(part, {}):
            for name, path in HEADLINE:
                value = scores.figure(part, lang, path)
                if value is not None:
                    floors.setdefault(part, {}).setdefault(lang, {})[name] = max(
                        0.0, math.floor((value - margin) * 100) / 100)
    return floors


def read_floors(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise SahelNLPError(Errors.E127.format(path=path, error=err)) from err


def write_floors(floors: dict, path: Path) -> None:
    Path(path).write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def below_floors(scores: CorpusScores, floors: dict) -> list[str]:
    """Every figure under its floor, as 'part/lang name: value < floor'; a figure with a
    floor that can no longer be measured counts as under it."""
    paths = dict(HEADLINE)
    failures = []
    for part, langs in floors.items():
        if part == "margin":
            continue
        for lang, figures in langs.items():
            for name, floor in figures.items():
                if name not in paths:
                    failures.append(f"{part}/{lang} {name}: not a headline figure (see corpus.HEADLINE)")
                    continue
                value = scores.figure(part, lang, paths[name])
                if value is None or value < floor - 1e-9:
                    failures.append(f"{part}/{lang} {name}: {value} < floor {floor}")
    return failures
