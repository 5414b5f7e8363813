"""The gold checker and the annotators' helpers, on small constructed gold files."""

from __future__ import annotations

import copy

import pytest

from sahelnlp.article import Article
from sahelnlp.evaluation.authoring import check_gold, enclosing, locate, new_gold, sentence_spans
from sahelnlp.evaluation.gold import GoldDoc, sha1

TEXT = ("Gunmen killed at least 12 villagers in Tessit on Monday, the mayor said. "
        "More than 1,000 civilians died in the region in 2022.")
ARTICLE = Article(id="t1", text=TEXT, source="test", lang="en", published="2023-03-29")


def _claim(**changes) -> dict:
    claim = {
        "outcome": "killed",
        "quantity": {"text": "at least 12", "value": 12, "low": 12, "high": None, "approximate": False},
        "span": [14, 25], "victim": "civilians", "victim_actor": None, "perpetrator": "gunmen-unidentified",
        "source": {"text": "the mayor", "actor": None, "kind": "local official"},
        "claimed": False, "aggregate": False, "superseded": False, "negated": False,
        "event_date": "2023-03-27",
        "place": {"name": "Tessit", "country": "ML", "lat": 15.217, "lon": -0.3, "kind": "village"},
        "sentence": [0, 72], "incident": "ml-2023-03-27-tessit"}
    claim.update(changes)
    return claim


def _gold(claims=None, places=None, actors=None, incidents=None) -> GoldDoc:
    return GoldDoc(doc="t1", input="test.jsonl", text_sha1=sha1(TEXT), claims=claims if claims is not None else [_claim()],
                   places=places if places is not None else
                   [{"start": 39, "end": 45, "text": "Tessit", "name": "Tessit", "country": "ML", "kind": "village",
                     "lat": 15.217, "lon": -0.3}],
                   actors=actors if actors is not None else
                   [{"id": "gunmen-unidentified", "name": "gunmen (unidentified)", "mentions": [[0, 6]]}],
                   incidents=incidents if incidents is not None else
                   [{"key": "ml-2023-03-27-tessit", "date": "2023-03-27", "country": "ML", "place": "Tessit",
                     "type": "attack", "summary": "village attack"}])


def _errors(gold: GoldDoc, article=ARTICLE) -> list[str]:
    return [p.message for p in check_gold(gold, article, {"gunmen-unidentified"}) if p.level == "error"]


def test_check_gold_accepts_a_well_formed_file():
    assert _errors(_gold()) == []


@pytest.mark.parametrize("changes, expected", [
    ({"span": [13, 25]}, "not quantity.text"),
    ({"outcome": "dead"}, "outcome 'dead'"),
    ({"victim": "villagers"}, "victim 'villagers'"),
    ({"incident": None}, "needs an incident key"),
    ({"incident": "tessit attack"}, "is not a key like"),
    ({"incident": "ml-2023-03-28-tessit"}, "not described in the file's incidents list"),
    ({"aggregate": True}, "belongs to no incident"),
    ({"event_date": "2023-03"}, "is not an ISO day"),
    ({"sentence": [20, 72]}, "outside its sentence"),
    ({"source": {"text": "the mayor", "actor": None, "kind": "mayor"}}, "source.kind 'mayor'"),
    ({"perpetrator": "Gunmen"}, "not an actor id"),
    ({"negated": True}, "negated claim has quantity.value 0"),
    ({"place": {"name": "Tessit", "country": "Mali", "lat": 15.2, "lon": -0.3, "kind": "village"}}, "ISO alpha-2"),
])
def test_check_gold_finds_what_breaks_the_codebook(changes, expected):
    errors = _errors(_gold(claims=[_claim(**changes)]))
    assert any(expected in e for e in errors), errors


@pytest.mark.parametrize("quantity, expected", [
    ({"text": "at least 12", "value": 12, "low": 20, "high": 15, "approximate": False}, "above quantity.high"),
    ({"text": "at least 12", "value": 40, "low": 12, "high": 15, "approximate": False}, "outside low..high"),
    ({"text": "at least 12", "value": "12", "low": 12, "high": None, "approximate": False}, "whole number"),
    ({"text": "at least 12", "value": 12}, "needs text, value, low, high"),
])
def test_check_gold_holds_quantities_to_their_ranges(quantity, expected):
    errors = _errors(_gold(claims=[_claim(quantity=quantity)]))
    assert any(expected in e for e in errors), errors


def test_check_gold_allows_over_and_under_n_whose_bound_is_one_off():
    over = {"text": "at least 12", "value": 12, "low": 13, "high": None, "approximate": False}
    under = {"text": "at least 12", "value": 12, "low": None, "high": 11, "approximate": False}
    assert _errors(_gold(claims=[_claim(quantity=over)])) == []
    assert _errors(_gold(claims=[_claim(quantity=under)])) == []


def test_check_gold_notices_a_changed_text():
    changed = Article(id="t1", text=TEXT.replace("12", "13"), source="test")
    assert any("text_sha1 differs" in e for e in _errors(_gold(), changed))


def test_check_gold_holds_mentions_to_the_text():
    place = {"start": 38, "end": 45, "text": "Tessit", "name": "Tessit", "country": "ML", "kind": "village",
             "lat": 15.2, "lon": -0.3}
    actor = {"id": "gunmen-unidentified", "name": "gunmen", "mentions": [[0, 7]]}
    errors = _errors(_gold(places=[place], actors=[actor]))
    assert any("reads ' Tessit'" in e for e in errors)
    assert any("ends on a space" in e for e in errors)


def test_check_gold_warns_on_unknown_actors_and_unplaced_villages():
    claim = _claim(perpetrator="katiba-unknown",
                   place={"name": "Kourao", "country": "BF", "lat": None, "lon": None, "kind": "village"})
    problems = check_gold(_gold(claims=[claim]), ARTICLE, {"gunmen-unidentified"})
    warnings = [p.message for p in problems if p.level == "warning"]
    assert [p for p in problems if p.level == "error"] == []
    assert any("not in the actor lexicon" in w for w in warnings)
    assert any("no coordinates" in w for w in warnings)


def test_check_gold_describes_every_incident():
    incident = {"key": "ml-2023-03-27-tessit", "date": "27 March", "country": "Mali", "place": "Tessit",
                "type": "massacre", "summary": ""}
    errors = _errors(_gold(incidents=[incident]))
    assert any("date '27 March'" in e for e in errors)
    assert any("type 'massacre'" in e for e in errors)
    assert any("country 'Mali'" in e for e in errors)
    assert any("summary" in e for e in errors)


def test_sentence_spans_and_locate_give_offsets_into_the_text():
    spans = sentence_spans(TEXT)
    assert [TEXT[s:e] for s, e in spans][0].endswith("the mayor said.")
    assert len(spans) == 2
    start = locate(TEXT, "at least 12")[0]
    assert TEXT[start:start + 11] == "at least 12"
    assert enclosing(spans, start, start + 11) == spans[0]
    assert locate(TEXT, "Kidal") == []


def test_new_gold_names_the_text_it_indexes():
    gold = new_gold(ARTICLE, "test.jsonl", "tester")
    assert gold["text_sha1"] == sha1(TEXT)
    assert gold["claims"] == [] and gold["incidents"] == [] and gold["lang"] == "en"


def test_check_gold_leaves_the_input_untouched():
    gold = _gold()
    before = copy.deepcopy(gold.claims)
    check_gold(gold, ARTICLE)
    assert gold.claims == before
