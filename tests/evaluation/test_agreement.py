"""Two annotators compared with the pipeline's own metrics."""

from __future__ import annotations

import copy

from sahelnlp.evaluation.agreement import agreement, record_from_gold
from sahelnlp.evaluation.gold import GoldDoc


def _gold(doc="a") -> GoldDoc:
    claim = {"outcome": "killed", "quantity": {"text": "12", "value": 12, "low": 12, "high": 12, "approximate": False},
             "span": [10, 12], "victim": "civilians", "victim_actor": None, "perpetrator": "jnim",
             "source": {"text": "the mayor", "actor": None, "kind": "local official"}, "claimed": False,
             "aggregate": False, "superseded": False, "negated": False, "event_date": "2024-01-02",
             "place": {"name": "Tessit", "country": "ML", "lat": 15.2, "lon": -0.3, "kind": "village"},
             "sentence": [0, 40], "incident": "ml-2024-01-02-tessit"}
    place = {"start": 20, "end": 26, "text": "Tessit", "name": "Tessit", "country": "ML", "kind": "village",
             "lat": 15.2, "lon": -0.3}
    return GoldDoc(doc=doc, input="x.jsonl", text_sha1="", claims=[claim], places=[place],
                   actors=[{"id": "jnim", "name": "JNIM", "mentions": [[0, 4]]}])


def test_an_annotator_agrees_with_itself():
    scores, orphans = agreement([_gold()], [_gold()])
    data = scores.as_dict()
    assert orphans == []
    assert data["claims"]["f1"] == 1.0
    assert all(a["accuracy"] == 1.0 for a in data["claim_attributes"].values())
    assert data["place_mentions"]["f1"] == 1.0 and data["place_links"]["accuracy"] == 1.0
    assert data["actors_per_article"]["f1"] == 1.0


def test_disagreements_show_in_the_scores():
    second = _gold()
    second.claims[0]["victim"] = "unknown"
    second.claims[0]["place"] = {"name": "Gao", "country": "ML", "lat": 16.27, "lon": -0.04, "kind": "city"}
    second.claims.append({**copy.deepcopy(second.claims[0]), "outcome": "injured", "span": [30, 32]})
    second.actors = []
    scores, _ = agreement([_gold()], [second, _gold("orphan")])
    data = scores.as_dict()
    assert data["claims"]["precision"] == 0.5 and data["claims"]["recall"] == 1.0
    assert data["claim_attributes"]["victim"]["accuracy"] == 0.0
    assert data["claim_attributes"]["place"]["accuracy"] == 0.0
    assert data["claim_attributes"]["source"]["accuracy"] == 1.0
    assert data["actors_per_article"]["recall"] == 0.0


def test_record_from_gold_links_claim_places_and_mentions():
    record = record_from_gold(_gold())
    places = {p["id"]: p for p in record["places"]}
    assert places[record["claims"][0]["place"]]["name"] == "Tessit"
    assert record["entities"][0]["kb_id"].startswith("place:")
    assert record["claims"][0]["quantity_span"] == [10, 12]
