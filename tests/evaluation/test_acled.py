"""ACLED's conventions: the fatality figure, actor names, the dev/test parts, the scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sahelnlp.errors import SahelNLPError
from sahelnlp.evaluation.acled import AcledEvent, acled_parts, read_acled_events, score_acled
from sahelnlp.eventdata.acled import acled_actor_ids, acled_fatalities, normalize_acled_actor

ACLED_NOTES = Path(__file__).resolve().parents[3] / "shared" / "acled-notes" / "events.jsonl"


def _claim(value=None, victim="civilians", outcome="killed", low=None, high=None, **flags) -> dict:
    return {"outcome": outcome, "victim": victim,
            "quantity": {"text": "x", "value": value, "low": value if low is None else low, "high": high},
            "aggregate": False, "superseded": False, "negated": False, **flags}


@pytest.mark.parametrize("claims, expected", [
    ([], 0),
    ([_claim(5)], 5),
    ([_claim(5), _claim(5)], 5),                                   # headline and body: one toll
    ([_claim(12), _claim(9)], 9),                                  # two reports: the lower
    ([_claim(5, sentence=[0, 60]), _claim(1, sentence=[0, 60])], 5),  # a sub-count is part of its total
    ([_claim(5, sentence=[0, 60]), _claim(4, sentence=[61, 99])], 4),  # told again: the lower
    ([_claim(3), _claim(2, victim="security_forces")], 5),         # sides are summed
    ([_claim(12, victim="unknown"), _claim(3, victim="security_forces")], 12),  # "12 people, incl. 3 soldiers"
    ([_claim(2, victim="unknown"), _claim(3, victim="security_forces")], 3),
    ([_claim(None, low=12)], 12),                                  # "dozens"
    ([_claim(None, low=3)], 3),                                    # "several"
    ([_claim(None, low=10, high=15)], 10),                         # "between 10 and 15"
    ([_claim(8, outcome="injured"), _claim(70, outcome="casualties")], 0),
    ([_claim(100, aggregate=True), _claim(4, superseded=True), _claim(0, negated=True)], 0),
])
def test_acled_fatalities_follow_acled_conventions(claims, expected):
    assert acled_fatalities(claims) == expected


@pytest.mark.parametrize("name, expected", [
    ("Military Forces of Mali (2021-)", ("fama",)),
    ("Military Forces of Mali (2012-2013)", ("fama",)),
    ("Police Forces of Mali (2013-2020) Gendarmerie", ("fama",)),
    ("JNIM: Group for Support of Islam and Muslims", ("jnim",)),
    ("Islamic State (Greater Sahara)", ("is-sahel",)),
    ("Civilians (Burkina Faso)", ("civilians",)),
    ("Unidentified Armed Group (Niger)", ("gunmen-unidentified",)),
    ("Dozo Communal Militia (Mali)", ("dozo-militia",)),
    ("Peul Ethnic Militia (Mali)", ("militia-unidentified",)),
    ("Protesters (Mali)", ()),
    ("A Group ACLED Never Named", None),
])
def test_acled_actor_names_map_to_canonical_ids(name, expected):
    assert acled_actor_ids(name) == expected


def test_normalize_acled_actor_drops_periods_only():
    assert normalize_acled_actor("Military Forces of Mali (2021-)") == "Military Forces of Mali"
    assert normalize_acled_actor("Civilians (Mali)") == "Civilians (Mali)"


def test_acled_actor_table_ids_are_in_the_lexicon_or_generic():
    from sahelnlp.eventdata.acled import acled_actor_table
    from sahelnlp.pipeline.actors.kb import ActorKB

    known = set(ActorKB.from_dir().records)
    exact, patterns = acled_actor_table()
    ids = {i for found in [*exact.values(), *(p[1] for p in patterns)] for i in found}
    generic = {"civilians", "militia-unidentified"}
    outside_lexicon = ids - known - generic
    # ACLED names groups the lexicon does not know yet; each is a well-formed slug
    assert all(i == i.lower() and " " not in i for i in outside_lexicon)
    assert {"fama", "jnim", "is-sahel", "minusma", "french-forces"} <= ids & known


def _event(event_id: str, country: str = "Mali", **fields) -> AcledEvent:
    base = dict(notes="", fatalities=0, country=country, admin1="Gao", location="Tessit", latitude=15.2167,
                longitude=-0.3, geo_precision=1, event_type="Battles", actor1="Military Forces of Mali (2021-)",
                actor2="JNIM: Group for Support of Islam and Muslims")
    base.update(fields)
    return AcledEvent(event_id=event_id, **base)


def test_acled_parts_are_stratified_by_country_and_stable():
    events = [_event(f"MLI{i}") for i in range(100)] + [_event(f"BFO{i}", country="Burkina Faso") for i in range(20)]
    parts = acled_parts(events)
    assert sum(parts[f"MLI{i}"] == "test" for i in range(100)) == 30
    assert sum(parts[f"BFO{i}"] == "test" for i in range(20)) == 6
    assert parts == acled_parts(list(reversed(events)))


def test_score_acled_counts_fatalities_places_and_actors():
    events = [_event("A", fatalities=5), _event("B", fatalities=0, geo_precision=2, actor2="Protesters (Mali)")]
    records = {
        "A": {"claims": [_claim(3, victim="security_forces"), _claim(2, victim="militants")],
              "places": [{"name": "Tessit", "lat": 15.25, "lon": -0.28, "admin1": "Gao"}],
              "actors": [{"id": "fama", "lineage": []}, {"id": "katiba-macina", "lineage": ["jnim"]}]},
        "B": {"claims": [_claim(1)], "places": [{"name": "Gao", "lat": 16.27, "lon": -0.04}], "actors": []},
    }
    scores = score_acled(events, records).as_dict()
    assert scores["fatalities_equal"]["right"] == 1 and scores["fatalities_equal_when_acled_zero"]["right"] == 0
    assert scores["place_precision_1_within_25km"]["right"] == 1
    assert scores["place_precision_2_within_50km"]["right"] == 0     # Gao is ~120 km from Tessit
    assert scores["actor1_found"] == {"right": 1, "total": 2, "accuracy": 0.5}
    assert scores["actor2_found"]["right"] == 1                      # a katiba counts for JNIM
    assert scores["actor_names_outside_codebook"] == 1


def test_read_acled_events_reads_an_export_csv_and_names_bad_lines(tmp_path):
    csv_file = tmp_path / "export.csv"
    csv_file.write_text("event_id_cnty,event_date,country,admin1,location,latitude,longitude,geo_precision,"
                        "event_type,actor1,actor2,fatalities,notes\n"
                        "MLI1,2024-01-02,Mali,Gao,Tessit,15.2,-0.3,1,Battles,A,B,4,Four soldiers were killed.\n",
                        encoding="utf-8")
    (event,) = read_acled_events(csv_file)
    assert event.event_id == "MLI1" and event.fatalities == 4 and event.latitude == 15.2
    bad = tmp_path / "events.jsonl"
    bad.write_text(json.dumps({"event_id": "X", "notes": "n", "fatalities": 0}) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(SahelNLPError, match="line 2"):
        read_acled_events(bad)
    with pytest.raises(SahelNLPError, match="not found"):
        read_acled_events(tmp_path / "missing.jsonl")


def test_real_acled_notes_read_with_unique_ids_and_a_thirty_percent_test_part():
    if not ACLED_NOTES.is_file():
        pytest.skip(f"ACLED notes not found at {ACLED_NOTES} (shared/ is not beside the repo)")
    events = read_acled_events(ACLED_NOTES)
    assert len(events) == 3000 and len({e.event_id for e in events}) == 3000
    parts = acled_parts(events)
    share = sum(p == "test" for p in parts.values()) / len(parts)
    assert 0.29 <= share <= 0.31
