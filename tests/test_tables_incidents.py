"""Tables of claims, places and actors; incidents with UCDP-style low / best / high,
on the seeds (the Bamako attack of 17 September 2024) and on constructed articles."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.incidents import INCIDENT_COLUMNS, distance_km, incidents_table
from sahelnlp.readers import read_inputs
from sahelnlp.runner import annotate
from sahelnlp.tables import ACTOR_COLUMNS, CLAIM_COLUMNS, PLACE_COLUMNS, actors_table, claims_table, places_table


@pytest.fixture(scope="module")
def seed_records(nlp, seeds_dir) -> list[dict]:
    return list(annotate(nlp, read_inputs([str(seeds_dir)])))


# -- constructed articles ------------------------------------------------------
PLACES = {
    "boni": {"id": "sahel:boni", "name": "Boni", "country": "ML", "admin1": "Mopti", "admin2": "Douentza",
             "kind": "village", "lat": 15.05, "lon": -1.98, "score": 1.0, "mentions": [[0, 4]]},
    "hombori": {"id": "sahel:hombori", "name": "Hombori", "country": "ML", "admin1": "Mopti", "admin2": "Douentza",
                "kind": "town", "lat": 15.28, "lon": -1.70, "score": 1.0, "mentions": [[0, 4]]},
    "menaka": {"id": "sahel:menaka", "name": "Ménaka", "country": "ML", "admin1": "Ménaka", "admin2": "Ménaka",
               "kind": "town", "lat": 15.92, "lon": 2.40, "score": 1.0, "mentions": [[0, 4]]},
    "mali": {"id": "geonames:2453866", "name": "Mali", "country": "ML", "admin1": None, "admin2": None,
             "kind": "country", "lat": 18.0, "lon": -2.0, "score": 1.0, "mentions": [[0, 4]]},
}
ACTORS = {
    "jnim": {"id": "jnim", "name": "JNIM", "type": "jihadist", "parent": None, "lineage": [], "country": ["ML"],
             "mentions": [[0, 4]]},
    "katiba-macina": {"id": "katiba-macina", "name": "Katiba Macina", "type": "jihadist", "parent": "jnim",
                      "lineage": ["jnim"], "country": ["ML"], "mentions": [[0, 4]]},
    "fama": {"id": "fama", "name": "FAMa", "type": "state_forces", "parent": None, "lineage": [],
             "country": ["ML"], "mentions": [[0, 4]]},
}


def claim(value, *, low=None, high="same", victim="security_forces", perpetrator="jnim", place="boni",
          date="2024-03-10", claimed=False, superseded=False, aggregate=False, outcome="killed", source=None):
    low = value if low is None else low
    high = value if high == "same" else high
    return {"outcome": outcome, "quantity": {"text": str(value), "value": value, "low": low, "high": high,
                                             "approximate": False},
            "victim": victim, "victim_actor": None, "perpetrator": perpetrator,
            "source": {"text": source, "actor": source, "kind": None} if source else None,
            "claimed": claimed, "aggregate": aggregate, "superseded": superseded, "negated": False,
            "event_date": date, "place": PLACES[place]["id"] if place else None,
            "span": [0, 4], "quantity_span": [0, 4], "sentence": [0, 20]}


def article(article_id: str, claims: list[dict], published="2024-03-11") -> dict:
    used_places = {c["place"] for c in claims if c["place"]}
    used_actors = {c["perpetrator"] for c in claims if c["perpetrator"]}
    return {"id": article_id, "meta": {"published": published, "title": article_id, "url": None, "source": "t"},
            "text": f"{article_id}: a constructed report.", "entities": [],
            "places": [p for p in PLACES.values() if p["id"] in used_places],
            "actors": [a for a in ACTORS.values() if a["id"] in used_actors], "claims": claims, "errors": []}


@pytest.fixture
def reports() -> list[dict]:
    """Four reports of one ambush near Boni, one of a clash in Ménaka the same day, and
    one of an attack at Boni three days later."""
    return [
        article("wire", [claim(60, high=None, low=60)]),                       # "at least 60"
        article("local", [claim(8, superseded=True),                            # an early toll
                          claim(70, victim="unknown", place="hombori"),         # "the toll rose to 70"
                          claim(52, place="hombori"), claim(18, victim="civilians", place="hombori")]),
        article("group", [claim(100, low=101, high=None, perpetrator="katiba-macina", claimed=True,
                                source="katiba-macina", outcome="killed")]),
        article("army", [claim(1, perpetrator=None, claimed=True, source="fama", place="mali"),
                         claim(1200, aggregate=True, date=None, place="mali")]),
        article("menaka", [claim(5, place="menaka", victim="civilians")]),
        article("later", [claim(3, date="2024-03-13")], published="2024-03-14"),
    ]


def test_incidents_group_one_attack_across_reports_and_leave_others_apart(reports):
    table = incidents_table(reports)
    assert list(table.columns) == list(INCIDENT_COLUMNS)
    assert len(table) == 3
    boni = table[table.articles.str.contains("wire")].iloc[0]
    assert set(boni.articles.split(";")) == {"wire", "local", "group", "army"}
    assert set(table[table.articles == "menaka"].place_name) == {"Ménaka"}
    assert set(table[table.articles == "later"].date_start.astype(str)) == {"2024-03-13"}


def test_incident_fatalities_follow_ucdp_rules_and_cite_their_sentences(reports):
    boni = incidents_table(reports).set_index("articles", drop=False)
    row = boni[boni.articles.str.contains("wire")].iloc[0]
    # independent: wire 60, local max(52 + 18, 70) = 70 (the superseded 8 is ignored);
    # party: the group's "over 100", the army's "some" (1); the aggregate 1,200 never counts
    assert (row.fatalities_low, row.fatalities_best, row.fatalities_high) == (60, 70, 100)
    assert row.best_basis == "independent"
    assert [ref["article_id"] for ref in json.loads(row.best_from)] == ["local"]
    assert {ref["article_id"] for ref in json.loads(row.low_from)} == {"wire"}
    assert {ref["article_id"] for ref in json.loads(row.high_from)} == {"group"}
    party = json.loads(row.party_figures)
    assert sorted(f["claimed_by"][0] for f in party) == ["fama", "katiba-macina"]
    assert all(ref["sentence"] for ref in json.loads(row.best_from))
    assert row.place_name in ("Boni", "Hombori") and row.place_kind in ("village", "town")


def test_party_claims_alone_give_the_smallest_party_figure_as_best():
    reports = [article("boast", [claim(40, claimed=True, source="jnim")]),
               article("denial", [claim(3, claimed=True, perpetrator=None, source="fama")])]
    [row] = incidents_table(reports).to_dict("records")
    assert (row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]) == (3, 3, 40)
    assert row["best_basis"] == "party claims only"


def test_incompatible_perpetrators_or_far_places_split_incidents():
    reports = [article("a", [claim(4, perpetrator="jnim")]),
               article("b", [claim(6, perpetrator="fama", victim="civilians")]),
               article("c", [claim(9, place="menaka")])]
    assert len(incidents_table(reports)) == 3
    assert distance_km(15.05, -1.98, 15.28, -1.70) < 40


def test_claims_table_has_its_documented_columns_and_one_row_per_claim(seed_records):
    table = claims_table(seed_records)
    assert list(table.columns) == list(CLAIM_COLUMNS)
    assert len(table) == sum(len(r["claims"]) for r in seed_records)
    assert table.value.dtype == "Int64" and str(table.event_date.dtype).startswith("datetime64")
    jnim = table[(table.perpetrator == "jnim") & table.claimed]
    assert not jnim.empty and set(jnim.perpetrator_name) == {"JNIM"}
    assert table.sentence.notna().all()
    placed = table[table.place_id.notna()]
    assert placed.lat.notna().all()
    assert placed[~placed.place_kind.isin(["area", "region"])].country.notna().all()  # "the Sahel" has none


def test_places_and_actors_tables(seed_records):
    places, actors = places_table(seed_records), actors_table(seed_records)
    assert list(places.columns) == list(PLACE_COLUMNS) and list(actors.columns) == list(ACTOR_COLUMNS)
    assert "Bamako" in set(places.name)
    assert "jnim" in set(actors.actor_id)


def test_seed_bamako_attack_of_17_september_2024_is_one_incident_of_several_reports(seed_records):
    table = incidents_table(seed_records)
    bamako = table[table.date_start.astype(str) == "2024-09-17"]
    assert len(bamako) == 1, bamako[["articles", "place_name"]]
    row = bamako.iloc[0]
    assert row.n_articles >= 2
    assert "jnim" in row.perpetrators.split(";")
    texts = {r["id"]: r["text"] for r in seed_records}
    for column in ("low_from", "best_from", "high_from"):
        for ref in json.loads(row[column]):
            assert ref["sentence"] in texts[ref["article_id"]]


def test_cli_table_and_incidents(seed_records, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in seed_records), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["table", str(out), "--to", str(tmp_path / "claims.parquet")])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(tmp_path / "claims.parquet")) == sum(len(r["claims"]) for r in seed_records)
    result = runner.invoke(app, ["incidents", str(out), "-o", str(tmp_path / "incidents.csv")])
    assert result.exit_code == 0, result.output
    incidents = pd.read_csv(tmp_path / "incidents.csv")
    assert list(incidents.columns) == list(INCIDENT_COLUMNS) and len(incidents) > 5
    result = runner.invoke(app, ["table", str(out), "--to", str(tmp_path / "claims.xlsx")])
    assert result.exit_code == 2 and ".parquet" in result.output


def test_grouping_does_not_depend_on_the_order_of_the_reports():
    early = article("early", [claim(4, date="2024-03-10")])
    late = article("late", [claim(6, date="2024-03-11")])
    assert len(incidents_table([early, late])) == len(incidents_table([late, early])) == 1
