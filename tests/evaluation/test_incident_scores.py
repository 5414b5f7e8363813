"""Incident scores on constructed gold: pairwise grouping, best within the gold's range,
and gold incidents no prediction reaches counted as wrong."""

from __future__ import annotations

from sahelnlp.evaluation.gold import GoldDoc
from sahelnlp.evaluation.incidents import IncidentScores, _score_pairs, score_incidents

PLACE = {"id": "sahel:boni", "name": "Boni", "country": "ML", "admin1": "Mopti", "admin2": "Douentza",
         "kind": "village", "lat": 15.05, "lon": -1.98, "mentions": [[0, 4]]}


def claim(value: int, at: int, *, incident: str | None, victim: str = "civilians", claimed: bool = False,
          date: str | None = "2024-03-10") -> dict:
    return {"outcome": "killed", "quantity": {"text": str(value), "value": value, "low": value, "high": value,
                                              "approximate": False},
            "victim": victim, "victim_actor": None, "perpetrator": None, "source": None, "claimed": claimed,
            "aggregate": False, "superseded": False, "negated": False, "event_date": date,
            "place": PLACE["id"], "span": [at, at + 2], "quantity_span": [at, at + 2], "sentence": [at, at + 10],
            "incident": incident}


def gold(doc: str, claims: list[dict], kind: str = "attack") -> GoldDoc:
    keys = sorted({c["incident"] for c in claims if c["incident"]})
    return GoldDoc(doc=doc, input="constructed", text_sha1="", claims=claims,
                   incidents=[{"key": k, "type": kind} for k in keys])


def record(doc: str, claims: list[dict]) -> dict:
    return {"id": doc, "meta": {"published": "2024-03-11", "lang": "en"}, "text": "x" * 200,
            "places": [PLACE], "actors": [], "claims": [{k: v for k, v in c.items() if k != "incident"}
                                                        for c in claims]}


def test_pairs_count_claims_together_in_truth_and_in_prediction():
    scores = IncidentScores()
    # gold: {1, 2, 3} one incident, {4} another; predicted: {1, 2} and {3, 4}
    _score_pairs([("a", "g1", "p1"), ("b", "g1", "p1"), ("c", "g1", "p2"), ("d", "g2", "p2")], scores)
    assert (scores.pairs.tp, scores.pairs.fp, scores.pairs.fn) == (1, 1, 2)
    assert scores.cross_article_pairs.tp == 1


def test_one_attack_told_twice_is_one_incident_and_its_best_lies_in_range():
    claims_a = [claim(12, 0, incident="ml-2024-03-10-boni")]
    claims_b = [claim(14, 20, incident="ml-2024-03-10-boni")]
    items = [gold("a", claims_a), gold("b", claims_b)]
    scores = score_incidents(items, {"a": record("a", claims_a), "b": record("b", claims_b)})
    assert scores.pairs.f1 == 1.0
    assert (scores.best_in_range.right, scores.best_in_range.total) == (1, 1)
    assert scores.event_type.right == 1  # civilians killed: an attack


def test_a_gold_incident_no_prediction_reaches_is_wrong():
    claims = [claim(12, 0, incident="ml-2024-03-10-boni")]
    items = [gold("a", claims), gold("b", [claim(0, 30, incident="ml-2024-03-11-boni", date="2024-03-11")])]
    scores = score_incidents(items, {"a": record("a", claims)})  # no prediction for b
    assert (scores.best_in_range.right, scores.best_in_range.total) == (1, 1)
    assert (scores.no_deaths_right.right, scores.no_deaths_right.total) == (0, 1)
    assert scores.event_type.total == 2 and scores.event_type.right == 1


def test_a_gold_incident_of_party_claims_only_that_no_prediction_reaches_is_wrong():
    """Its range starts at 0 (no independent figure); a missing incident is still wrong."""
    items = [gold("a", [claim(20, 0, incident="ml-2024-03-10-boni", victim="militants", claimed=True)])]
    scores = score_incidents(items, {})
    assert (scores.best_in_range.right, scores.best_in_range.total) == (0, 1)
