"""A floor under the suite: the pipeline's scores on the dev part may not drop below the
figures recorded in dev_floors.json (a little under what was measured).

When a change lifts the scores, record new floors:
    sahelnlp evaluate --gold corpus/gold --part dev --record-floors tests/evaluation/dev_floors.json
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelnlp.evaluation.corpus import evaluate_corpus
from sahelnlp.evaluation.floors import below_floors, read_floors
from sahelnlp.evaluation.gold import gold_articles, load_gold
from sahelnlp.evaluation.split import SPLIT_FILE, doc_key, read_split
from sahelnlp.runner import annotate

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "corpus" / "gold"
FLOORS = Path(__file__).parent / "dev_floors.json"


def test_dev_scores_stay_above_their_floors(router):
    """Each dev document read by its language's pipeline, as `sahelnlp evaluate` does."""
    shared = REPO.parent / "shared"
    if not shared.is_dir():
        pytest.skip(f"shared inputs not found at {shared}")
    split = read_split(GOLD / SPLIT_FILE)
    dev = [g for g in load_gold([GOLD]) if doc_key(g) in split and split[doc_key(g)].split == "dev"]
    assert len(dev) >= 35
    records = list(annotate(router, gold_articles(dev, [shared, REPO / "corpus"])))
    assert all(not r["errors"] for r in records), [r["errors"] for r in records if r["errors"]][:3]
    scores = evaluate_corpus(dev, {r["id"]: r for r in records}, split)
    floors = read_floors(FLOORS)
    assert set(floors["dev"]) == {"all", "en", "fr"}
    assert below_floors(scores, floors) == []
