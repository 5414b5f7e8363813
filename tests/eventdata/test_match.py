"""`sahelnlp match`: incidents beside ACLED and UCDP GED events.

The ACLED side is built at test time from the shared ACLED notes (never committed): an
export-layout CSV of all 3,000 events, and incidents made from a sample of them, some
exact, some moved a day and ~10 km, a few left out and a few invented."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.countries import country_code
from sahelnlp.errors import SahelNLPError
from sahelnlp.eventdata.actor_names import acled_name_ids
from sahelnlp.eventdata.match import (
    DatasetEvent,
    IncidentRow,
    actor_fit,
    date_window,
    match_events,
    place_fit,
    read_dataset,
)
from sahelnlp.geo import distance_km

# found as tests/conftest.py finds shared files: shared/ beside the clone
ACLED_NOTES = Path(__file__).resolve().parents[2].parent / "shared" / "acled-notes" / "events.jsonl"
# ACLED's export names for the fields the notes rename
EXPORT_NAMES = {"event_id": "event_id_cnty", "report_sources": "source"}
VIOLENT = ("Battles", "Violence against civilians", "Explosions/Remote violence")
PERIOD = (date(2019, 4, 1), date(2019, 6, 30))
GENERIC = {"gunmen-unidentified", "militia-unidentified", "jihadists-unidentified", "bandits", "rebels-unidentified"}
runner = CliRunner()


# -- the ACLED side, built from the shared notes ---------------------------------------------

@pytest.fixture(scope="module")
def notes() -> list[dict]:
    if not ACLED_NOTES.is_file():
        pytest.skip(f"ACLED notes not found at {ACLED_NOTES} (shared/ is not beside the repo)")
    return [json.loads(line) for line in ACLED_NOTES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def acled_csv(notes, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("acled") / "acled-export.csv"
    pd.DataFrame(notes).rename(columns=EXPORT_NAMES).to_csv(path, index=False)
    return path


def _sample(notes: list[dict]) -> list[dict]:
    """Violent Mali events of the period with ids of their own, in date order."""
    ids = pd.Series([n["event_id"] for n in notes]).value_counts()
    chosen = [n for n in notes if n["country"] == "Mali" and n["event_type"] in VIOLENT and ids[n["event_id"]] == 1
              and PERIOD[0] <= date.fromisoformat(n["event_date"]) <= PERIOD[1]]
    return sorted(chosen, key=lambda n: (n["event_date"], n["event_id"]))


def _ids(note: dict, *columns: str) -> str:
    names = [name.strip() for c in columns for name in (note.get(c) or "").split(";") if name.strip()]
    return ";".join(dict.fromkeys(i for name in names for i in (acled_name_ids(name) or ())))


def _incident(note: dict, incident_id: str, days: int = 0, north_km: float = 0.0, **changes) -> dict:
    """An incident as `sahelnlp incidents` would write it for the event of an ACLED note."""
    day = (date.fromisoformat(note["event_date"]) + timedelta(days=days)).isoformat()
    return {"incident_id": incident_id, "date_start": day, "date_end": day, "time_precision": 1,
            "location": note["location"], "country": country_code(note["country"]), "admin1": note["admin1"],
            "admin2": note["admin2"], "lat": note["latitude"] + north_km / 111.2, "lon": note["longitude"],
            "geo_precision": note["geo_precision"], "event_type": note["event_type"],
            "sub_event_type": note["sub_event_type"], "side_a": _ids(note, "actor1", "assoc_actor_1"),
            "side_b": _ids(note, "actor2", "assoc_actor_2"), "deaths_a": None, "deaths_b": None,
            "deaths_civilians": None, "deaths_unknown": None, "best": note["fatalities"], "low": note["fatalities"],
            "high": note["fatalities"], "articles": f"art-{note['event_id']}", **changes}


def _alone(note: dict, notes: list[dict], days: int = 3, km: float = 60.0) -> bool:
    """No other event within `days` and `km` of this one."""
    day = date.fromisoformat(note["event_date"])
    return not any(o is not note and abs((date.fromisoformat(o["event_date"]) - day).days) <= days
                   and distance_km(note["latitude"], note["longitude"], o["latitude"], o["longitude"]) <= km
                   for o in notes)


def _conflicting(sample: list[dict], notes: list[dict]) -> dict:
    """An event of a named armed actor other than JNIM against civilians only, alone in
    time and place."""
    def named(note: dict) -> bool:
        ids = set(_ids(note, "actor1", "assoc_actor_1").split(";")) - {""}
        return bool(ids) and not ids & (GENERIC | {"jnim"})

    return next(n for n in sample if (n["actor2"] or "").startswith("Civilians") and named(n) and _alone(n, notes))


@pytest.fixture(scope="module")
def scenario(notes) -> dict:
    """Incidents from the sample: every third event exact, every third moved a day and 10 km,
    every third left out; one event claimed by JNIM though ACLED names another group; two
    invented incidents, one far from any event and one long before ACLED's Mali data."""
    sample = _sample(notes)
    conflicting = _conflicting(sample, notes)
    rest = [n for n in sample if n is not conflicting]
    exact, moved, dropped = rest[0::3], rest[1::3], rest[2::3]
    rows = [_incident(n, f"inc-exact-{n['event_id']}") for n in exact]
    rows += [_incident(n, f"inc-moved-{n['event_id']}", days=1 if i % 2 else -1, north_km=10.0)
             for i, n in enumerate(moved)]
    rows.append(_incident(conflicting, "inc-wrong-actor", side_a="jnim", side_b="civilians"))
    rows.append(_incident(exact[0], "inc-fake-far", lat=22.68, lon=-3.98, admin1="Tombouctou", location="Taoudenni",
                          geo_precision=1))
    rows.append(_incident(exact[0], "inc-fake-early", date_start="1990-01-15", date_end="1990-01-15"))
    return {"frame": pd.DataFrame(rows), "exact": exact, "moved": moved, "dropped": dropped,
            "conflicting": conflicting}


@pytest.fixture(scope="module")
def result(scenario, acled_csv):
    return match_events(scenario["frame"], read_dataset(acled_csv))


def _matches(result) -> dict[str, str]:
    return dict(zip(result.matched.incident_id, result.matched.event_id))


def test_match_acled_export_is_read_with_its_own_columns(acled_csv, notes):
    events = read_dataset(acled_csv)
    assert len(events) == len(notes) and {e.dataset for e in events} == {"acled"}
    first = next(e for e in events if e.event_id == notes[0]["event_id"])
    assert first.start == date.fromisoformat(notes[0]["event_date"]) and first.country == "BF"
    assert read_dataset(ACLED_NOTES)[:50] == events[:50]     # the notes' own JSON lines read alike


def test_match_exact_incidents_match_their_own_event(result, scenario):
    matches = _matches(result)
    for note in scenario["exact"]:
        assert matches.get(f"inc-exact-{note['event_id']}") == note["event_id"]


def test_match_moved_incidents_still_match_their_own_event(result, scenario):
    matches = _matches(result)
    for note in scenario["moved"]:
        assert matches.get(f"inc-moved-{note['event_id']}") == note["event_id"]
    moved = result.matched[result.matched.incident_id.str.startswith("inc-moved-")]
    assert set(moved.date_gap_days) == {1} and moved.distance_km.between(9, 11).all()


def test_match_matched_rows_compare_places_fatalities_and_actors(result, scenario):
    note = scenario["exact"][0]
    row = result.matched.set_index("incident_id").loc[f"inc-exact-{note['event_id']}"]
    assert row.event_location == note["location"] == row.location
    assert row.event_best == note["fatalities"] and row.fatality_difference == 0
    assert row.event_side_a.startswith(note["actor1"]) and row.actor_agreement in ("agree", "unknown")
    assert 0.8 <= row.score <= 1.0 and row.date_gap_days == 0


def test_match_dropped_events_are_dataset_only(result, scenario):
    dataset_only = set(result.dataset_only.event_id)
    assert {n["event_id"] for n in scenario["dropped"]} <= dataset_only
    assert not dataset_only & set(result.matched.event_id)
    assert set(result.dataset_only.country) == {"ML"}    # our incidents are all in Mali


def test_match_invented_incidents_are_news_only_with_a_reason(result):
    news_only = result.news_only.set_index("incident_id")
    assert "distance" in news_only.loc["inc-fake-far", "refused_for"].split(";")
    assert news_only.loc["inc-fake-far", "nearest_distance_km"] > 100
    assert news_only.loc["inc-fake-early", "refused_for"] == "none"
    assert news_only.loc["inc-fake-far", "reason"] and news_only.loc["inc-fake-early", "reason"]


def test_match_refuses_an_incident_whose_armed_actor_conflicts(result, scenario):
    conflicting = scenario["conflicting"]
    assert conflicting["event_id"] not in set(result.matched.event_id)
    row = result.news_only.set_index("incident_id").loc["inc-wrong-actor"]
    assert row.refused_for == "actors" and row.nearest_event_id == conflicting["event_id"]
    assert conflicting["event_id"] in set(result.dataset_only.event_id)


# -- the rules on small cases ------------------------------------------------------------------

def _our(**changes) -> IncidentRow:
    base = {"incident_id": "inc-1", "start": date(2024, 3, 10), "end": date(2024, 3, 10), "time_precision": 1,
            "location": "Boni", "country": "ML", "admin1": "Mopti", "lat": 15.05, "lon": -1.98, "geo_precision": 1,
            "side_a": ("jnim",), "side_b": ("civilians",), "best": 12, "low": 10, "high": 15}
    return IncidentRow(**{**base, **changes})


def _their(**changes) -> DatasetEvent:
    base = {"event_id": "MLI1", "dataset": "acled", "start": date(2024, 3, 11), "end": date(2024, 3, 11),
            "country": "ML", "admin1": "Mopti", "location": "Boni", "lat": 15.05, "lon": -1.98, "geo_precision": 1,
            "event_type": "Battles", "side_a": ("JNIM: Group for Support of Islam and Muslims",),
            "side_b": ("Civilians (Mali)",), "best": 10, "low": 10, "high": 10}
    return DatasetEvent(**{**base, **changes})


@pytest.mark.parametrize("precision, first, last", [
    (1, date(2024, 3, 8), date(2024, 3, 12)),
    (2, date(2024, 3, 3), date(2024, 3, 17)),
    (3, date(2024, 3, 1), date(2024, 3, 31)),
])
def test_date_window_widens_by_time_precision(precision, first, last):
    assert date_window(_our(time_precision=precision), 2) == (first, last)
    assert date_window(_our(start=None, end=None)) is None


@pytest.mark.parametrize("ours, theirs, dataset, expected", [
    (("jnim", "civilians"), ("JNIM: Group for Support of Islam and Muslims", "Civilians (Mali)"), "acled", "agree"),
    (("katiba-macina",), ("JNIM: Group for Support of Islam and Muslims",), "acled", "agree"),
    (("vdp",), ("Military Forces of Burkina Faso (2022-)",), "acled", "agree"),
    (("fama", "wagner-group"), ("Government of Mali", "JNIM"), "ucdp", "agree"),
    (("jnim", "civilians"), ("Unidentified Armed Group (Mali)", "Civilians (Mali)"), "acled", "unknown"),
    (("gunmen-unidentified", "civilians"), ("Islamic State (Sahel)", "Civilians (Mali)"), "acled", "unknown"),
    (("jnim", "civilians"), ("Islamic State (Sahel)", "Civilians (Mali)"), "acled", "conflict"),
    (("jnim",), ("Dan Na Ambassagou", "Fulani Ethnic Group (Mali)"), "acled", "conflict"),
    (("is-sahel",), ("IS", "Civilians"), "ucdp", "agree"),
])
def test_actor_fit_needs_a_shared_actor_or_an_unknown_side(ours, theirs, dataset, expected):
    assert actor_fit(ours, theirs, dataset) == expected


def test_place_fit_allows_a_region_wider():
    # 120 km apart: too far for a town, near enough when either is placed only in its region
    far = {"lat": 15.05 + 120 / 111.2}
    assert not place_fit(_our(), _their(**far), 50)[0]
    assert place_fit(_our(), _their(geo_precision=3, **far), 50)[0]
    assert place_fit(_our(), _their(geo_precision=3, lat=20.0, admin1="Mopti"), 50)[0]       # same admin1
    assert not place_fit(_our(), _their(geo_precision=3, lat=20.0, admin1="Gao"), 50)[0]
    assert place_fit(_our(lat=None, lon=None, admin1=None), _their(lat=20.0), 50)[0]          # only the country


def test_match_gives_an_event_to_the_better_incident_only():
    near = _our(incident_id="inc-near")
    farther = _our(incident_id="inc-farther", lat=15.35, best=40, low=40, high=40)
    result = match_events([farther, near], [_their()])
    assert list(result.matched.incident_id) == ["inc-near"] and result.dataset_only.empty
    row = result.news_only.set_index("incident_id").loc["inc-farther"]
    assert row.refused_for == "taken" and "inc-near" in row.reason and row.nearest_event_id == "MLI1"


# -- UCDP GED ---------------------------------------------------------------------------------

UCDP_ROWS = [
    # id, type, side_a, side_b, where_prec, where_coordinates, adm_1, lat, lon, country, start, end, best, low, high
    ("500001", "1", "Government of Mali", "JNIM", "1", "Boni town", "Mopti region", 15.05, -1.98, "Mali",
     "2024-03-10 00:00:00.000", "2024-03-10 00:00:00.000", 14, 12, 20),
    ("500002", "3", "IS", "Civilians", "2", "Tillia village", "Tahoua region", 16.13, 4.79, "Niger",
     "2024-03-20 00:00:00.000", "2024-03-22 00:00:00.000", 30, 25, 40),
    ("500003", "3", "JNIM", "Civilians", "1", "Djibo town", "Sahel region", 14.10, -1.63, "Burkina Faso",
     "2024-03-12 00:00:00.000", "2024-03-12 00:00:00.000", 8, 8, 8),
    ("500004", "2", "Dan Na Ambassagou", "Civilians", "1", "Bankass town", "Mopti region", 14.08, -3.52, "Mali",
     "2024-03-15 00:00:00.000", "2024-03-15 00:00:00.000", 5, 5, 5),
]
UCDP_HEADER = ("id", "type_of_violence", "side_a", "side_b", "where_prec", "where_coordinates", "adm_1", "latitude",
               "longitude", "country", "date_start", "date_end", "best", "low", "high")


@pytest.fixture()
def ucdp_csv(tmp_path) -> Path:
    path = tmp_path / "ged.csv"
    pd.DataFrame(UCDP_ROWS, columns=UCDP_HEADER).assign(relid=lambda f: "X-" + f.id).to_csv(path, index=False)
    return path


def _ucdp_incidents() -> pd.DataFrame:
    rows = [
        {"incident_id": "inc-boni", "date_start": "2024-03-11", "date_end": "2024-03-11", "time_precision": 1,
         "location": "Boni", "country": "ML", "admin1": "Mopti", "lat": 15.0, "lon": -2.0, "geo_precision": 1,
         "side_a": "fama", "side_b": "jnim", "best": 15, "low": 10, "high": 20},
        {"incident_id": "inc-tillia", "date_start": "2024-03-18", "date_end": "2024-03-18", "time_precision": 2,
         "location": "Tillia", "country": "NE", "admin1": "Tahoua", "lat": 16.2, "lon": 4.8, "geo_precision": 2,
         "side_a": "is-sahel", "side_b": "civilians", "best": 32, "low": 30, "high": 35},
        {"incident_id": "inc-bankass", "date_start": "2024-03-15", "date_end": "2024-03-15", "time_precision": 1,
         "location": "Bankass", "country": "ML", "admin1": "Mopti", "lat": 14.08, "lon": -3.52, "geo_precision": 1,
         "side_a": "jnim", "side_b": "civilians", "best": 5, "low": 5, "high": 5},
    ]
    return pd.DataFrame(rows)


def test_match_reads_and_matches_a_ucdp_ged_export(ucdp_csv):
    events = read_dataset(ucdp_csv)
    assert [e.event_id for e in events] == ["500001", "500002", "500003", "500004"]
    assert events[1].end == date(2024, 3, 22) and events[1].country == "NE" and events[1].event_type == "one-sided"
    result = match_events(_ucdp_incidents(), events)
    matched = result.matched.set_index("incident_id")
    assert matched.event_id.to_dict() == {"inc-boni": "500001", "inc-tillia": "500002"}
    assert (matched.loc["inc-boni", ["event_best", "event_low", "event_high"]].tolist() == [14, 12, 20])
    assert matched.loc["inc-tillia", "date_gap_days"] == 2 and matched.loc["inc-tillia", "actor_agreement"] == "agree"
    assert result.news_only.set_index("incident_id").loc["inc-bankass", "refused_for"] == "actors"
    # Burkina Faso is not a country of ours: its event is outside the coverage
    assert list(result.dataset_only.event_id) == ["500004"]


# -- the command line ------------------------------------------------------------------------------

def _invoke(*args):
    return runner.invoke(app, ["match", *map(str, args)], catch_exceptions=False)


def test_match_cli_writes_three_tables_and_a_summary(tmp_path, ucdp_csv):
    incidents = tmp_path / "incidents.csv"
    _ucdp_incidents().to_csv(incidents, index=False)
    result = _invoke(incidents, ucdp_csv, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "2 matched, 1 news only, 1 dataset only (4 UCDP events)" in result.output
    tables = {name: pd.read_csv(tmp_path / "out" / f"{name}.csv") for name in ("matched", "news_only", "dataset_only")}
    assert list(tables["matched"].incident_id) == ["inc-boni", "inc-tillia"]
    again = _invoke(incidents, ucdp_csv, "-o", tmp_path / "out")
    assert again.exit_code == 2 and "[E146]" in again.output
    assert _invoke(incidents, ucdp_csv, "-o", tmp_path / "out", "--overwrite").exit_code == 0
    parquet = _invoke(incidents, ucdp_csv, "-o", tmp_path / "pq", "--format", "parquet", "--max-days", "0")
    assert parquet.exit_code == 0 and (tmp_path / "pq" / "matched.parquet").is_file()


def test_match_cli_reads_a_parquet_incidents_table(tmp_path, ucdp_csv):
    incidents = tmp_path / "incidents.parquet"
    frame = _ucdp_incidents().assign(date_start=lambda f: pd.to_datetime(f.date_start),
                                     best=lambda f: f.best.astype("Int64"))
    frame.to_parquet(incidents, index=False)
    result = _invoke(incidents, ucdp_csv, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "2 matched" in result.output


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("make, code, words", [
    (lambda d, inc: (d / "missing.csv", inc), "E140", "not found"),
    (lambda d, inc: (inc, d / "missing.csv"), "E140", "not found"),
    (lambda d, inc: (inc, _write(d / "x.xlsx", "")), "E141", ".xlsx"),
    (lambda d, inc: (inc, _write(d / "other.csv", "a,b\n1,2\n")), "E143", "event_date"),
    (lambda d, inc: (inc, _write(d / "bad.csv", "event_id_cnty,event_date,actor1,fatalities\n"
                                                "MLI1,2024-03-10,JNIM,3\nMLI2,someday,JNIM,1\n")), "E144", "line 3"),
    (lambda d, inc: (inc, _write(d / "bad2.csv", "event_id_cnty,event_date,actor1,fatalities\n"
                                                 "MLI1,2024-03-10,JNIM,many\n")), "E144", "fatalities"),
    (lambda d, inc: (_write(d / "inc.csv", "incident_id,date_start\ninc-1,2024-03-10\n"), inc), "E145", "side_a"),
])
def test_match_cli_bad_inputs_give_one_coded_message(tmp_path, make, code, words):
    incidents = tmp_path / "incidents.csv"
    _ucdp_incidents().to_csv(incidents, index=False)
    ours, theirs = make(tmp_path, incidents)
    if theirs == incidents:                       # the incidents are the bad file: a good dataset beside them
        theirs = _write(tmp_path / "good.csv", "event_id_cnty,event_date,actor1\nMLI1,2024-03-10,JNIM\n")
    result = _invoke(ours, theirs, "-o", tmp_path / "out")
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"sahelnlp: [{code}] ") and words in lines[0], result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_match_cli_refuses_an_unknown_format(tmp_path, ucdp_csv):
    result = _invoke(ucdp_csv, ucdp_csv, "-o", tmp_path / "out", "--format", "xlsx")
    assert result.exit_code == 2 and "[E029]" in result.output


def test_read_dataset_names_the_line_of_a_bad_ucdp_row(tmp_path):
    frame = pd.DataFrame(UCDP_ROWS, columns=UCDP_HEADER)
    frame["latitude"] = frame.latitude.astype(object)
    frame.loc[1, "latitude"] = "north"
    path = tmp_path / "ged.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(SahelNLPError, match=r"line 3: latitude 'north'"):
        read_dataset(path)
