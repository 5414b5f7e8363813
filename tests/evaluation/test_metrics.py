"""Evaluation metrics on small constructed gold and predictions."""

from __future__ import annotations

import pytest

from sahelnlp.evaluation import GoldDoc, evaluate, match_claims, place_right
from sahelnlp.evaluation.metrics import haversine_km


def claim(outcome="killed", value=17, low=17, high=17, start=0, **fields) -> dict:
    base = {"outcome": outcome, "quantity": {"text": str(value), "value": value, "low": low,
                                             "high": high, "approximate": False},
            "span": [start, start + 2], "victim": "security_forces", "victim_actor": None,
            "perpetrator": None, "source": None, "claimed": False, "aggregate": False,
            "superseded": False, "negated": False, "event_date": None, "place": None,
            "sentence": [0, 50]}
    base.update(fields)
    return base


def test_match_claims_pairs_same_outcome_and_value_nearest_first():
    gold = [claim(start=0), claim(start=100), claim(outcome="injured", value=3, low=3, high=3, start=10)]
    pred = [claim(start=98), claim(start=2), claim(value=18, low=18, high=18, start=10)]
    pairs, missed, extra = match_claims(gold, pred)
    assert [(g["span"][0], p["span"][0]) for g, p in pairs] == [(0, 2), (100, 98)]
    assert missed == [gold[2]] and extra == [pred[2]]


def test_match_claims_without_value_compares_range():
    gold = [claim(value=None, low=10, high=15)]
    assert len(match_claims(gold, [claim(value=None, low=10, high=15)])[0]) == 1
    assert len(match_claims(gold, [claim(value=None, low=10, high=None)])[0]) == 0


def test_place_right_country_distance_and_regions():
    gold = {"name": "Boni", "country": "ML", "kind": "town", "lat": 15.08, "lon": -2.22}
    assert place_right(gold, {"name": "Boni", "country": "ML", "kind": "village", "lat": 15.077, "lon": -2.22})
    assert not place_right(gold, {"name": "Boni", "country": "ML", "kind": "town", "lat": 15.5, "lon": -2.22})
    assert not place_right(gold, {"name": "Boni", "country": "BF", "kind": "town", "lat": 15.08, "lon": -2.22})
    region = {"name": "Ménaka", "country": "ML", "kind": "region", "lat": 15.9, "lon": 2.4}
    assert place_right(region, {"name": "Menaka", "country": "ML", "kind": "region", "lat": 16.5, "lon": 2.0})
    assert not place_right(region, {"name": "Ménaka", "country": "ML", "kind": "town", "lat": 15.9, "lon": 2.4})


def test_haversine_one_degree_of_latitude():
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.2)


def test_evaluate_scores_claims_attributes_places_and_actors():
    gold = GoldDoc(doc="a", input="x", text_sha1="", claims=[
        claim(source={"text": "army", "actor": "fama", "kind": None}, claimed=True),
        claim(value=2, low=2, high=2, start=40, aggregate=True)],
        places=[{"start": 5, "end": 9, "text": "Boni", "name": "Boni", "country": "ML", "kind": "town",
                 "lat": 15.08, "lon": -2.22},
                {"start": 20, "end": 24, "text": "Mali", "name": "Mali", "country": "ML", "kind": "country",
                 "lat": 17.0, "lon": -4.0}],
        actors=[{"id": "fama"}, {"id": "jnim"}])
    record = {
        "id": "a",
        "claims": [claim(source={"text": "the army", "actor": "fama", "kind": None}, claimed=True),
                   claim(value=9, low=9, high=9, start=60)],
        "entities": [{"start": 5, "end": 9, "text": "Boni", "label": "GPE", "kb_id": "place:p1"},
                     {"start": 30, "end": 33, "text": "Gao", "label": "GPE", "kb_id": None}],
        "places": [{"id": "p1", "name": "Boni", "country": "ML", "kind": "village", "lat": 15.077, "lon": -2.22}],
        "actors": [{"id": "fama"}, {"id": "wagner-group"}],
    }
    scores = evaluate([gold], {"a": record})
    assert (scores.claims.tp, scores.claims.fp, scores.claims.fn) == (1, 1, 1)
    assert scores.attributes["source"].value == 1.0
    assert scores.flags["claimed"].f1 == 1.0
    assert (scores.place_mentions.tp, scores.place_mentions.fp, scores.place_mentions.fn) == (1, 1, 1)
    assert scores.place_links.value == 1.0
    assert (scores.actors.tp, scores.actors.fp, scores.actors.fn) == (1, 1, 1)
    kinds = {m["kind"] for m in scores.misses}
    assert {"claim missed", "claim false alarm", "place missed", "place false alarm",
            "actor missed", "actor false alarm"} <= kinds


def test_evaluate_counts_missing_prediction_as_all_missed():
    gold = GoldDoc(doc="b", input="x", text_sha1="", claims=[claim()], actors=[{"id": "jnim"}])
    scores = evaluate([gold], {})
    assert scores.missing_predictions == ["b"] and scores.claims.fn == 1 and scores.actors.fn == 1


def test_an_area_or_a_river_is_right_by_name_whatever_its_point():
    gold = {"name": "Africa", "country": None, "kind": "area", "lat": 2.0, "lon": 16.0}
    assert place_right(gold, {"name": "Africa", "country": None, "kind": "area", "lat": 7.2, "lon": 21.1})
    river = {"name": "Niger River", "country": None, "kind": "natural", "lat": 13.0, "lon": 2.0}
    assert place_right(river, {"name": "Niger River", "country": "ML", "kind": "natural", "lat": 16.0, "lon": -1.0})
    assert not place_right(gold, {"name": "Africa", "country": "ZA", "kind": "city", "lat": 2.0, "lon": 16.0})
