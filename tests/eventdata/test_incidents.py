"""Incidents as events: grouping, sides, deaths by side (UCDP GED), types, time and place
precision, on constructed reports (one per rule) and on the seeds (the Bamako attack of 17
September 2024 and the Tinzaouaten fighting of July 2024)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.eventdata.exports import (
    ACLED_COLUMNS,
    UCDP_COLUMNS,
    acled_layout,
    ucdp_layout,
)
from sahelnlp.eventdata.incident_table import INCIDENT_COLUMNS, incidents_table
from sahelnlp.readers import read_inputs
from sahelnlp.runner import annotate

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
    "jnim": {"id": "jnim", "name": "JNIM", "type": "jihadist", "parent": None, "lineage": []},
    "katiba-macina": {"id": "katiba-macina", "name": "Katiba Macina", "type": "jihadist", "parent": "jnim",
                      "lineage": ["jnim"]},
    "is-sahel": {"id": "is-sahel", "name": "IS Sahel", "type": "jihadist", "parent": None, "lineage": []},
    "fama": {"id": "fama", "name": "FAMa", "type": "state_forces", "parent": None, "lineage": []},
    "wagner-group": {"id": "wagner-group", "name": "Wagner", "type": "foreign_forces", "parent": None, "lineage": []},
    "csp-dpa": {"id": "csp-dpa", "name": "CSP-DPA", "type": "rebel", "parent": None, "lineage": []},
}


def claim(value, *, low=None, high="same", victim="security_forces", victim_actor=None, perpetrator="jnim",
          place="boni", date="2024-03-10", claimed=False, superseded=False, aggregate=False, outcome="killed",
          source=None):
    low = value if low is None else low
    high = value if high == "same" else high
    return {"outcome": outcome, "quantity": {"text": str(value), "value": value, "low": low, "high": high,
                                             "approximate": False},
            "victim": victim, "victim_actor": victim_actor, "perpetrator": perpetrator,
            "source": {"text": source, "actor": source, "kind": None} if source else None,
            "claimed": claimed, "aggregate": aggregate, "superseded": superseded, "negated": False,
            "event_date": date, "place": PLACES[place]["id"] if place else None,
            "span": [0, 4], "quantity_span": [0, 4], "sentence": [0, 20]}


def article(article_id: str, claims: list[dict], published="2024-03-11", text=None) -> dict:
    used_places = {c["place"] for c in claims if c["place"]}
    used_actors = {a for c in claims for a in (c["perpetrator"], c["victim_actor"]) if a}
    return {"id": article_id, "meta": {"published": published, "title": article_id, "url": None, "source": "t",
                                       "lang": "en"},
            "text": text or f"{article_id}: a constructed report.", "entities": [],
            "places": [p for p in PLACES.values() if p["id"] in used_places],
            "actors": [a for a in ACTORS.values() if a["id"] in used_actors], "claims": claims, "errors": []}


@pytest.fixture
def reports() -> list[dict]:
    """Three reports of one ambush near Boni, an army statement placed only in Mali, one
    report of an attack in Ménaka the same day, and one of an attack at Boni three days
    later."""
    return [
        article("wire", [claim(60, high=None, low=60)]),                       # "at least 60"
        article("local", [claim(8, superseded=True),                            # an early toll
                          claim(70, victim="unknown", place="hombori"),         # "the toll rose to 70"
                          claim(52, place="hombori"), claim(18, victim="civilians", place="hombori")]),
        article("group", [claim(100, low=101, high=None, perpetrator="katiba-macina", claimed=True,
                                source="katiba-macina")]),
        article("army", [claim(1, perpetrator=None, claimed=True, source="fama", place="mali"),
                         claim(1200, aggregate=True, date=None, place="mali")]),
        article("menaka", [claim(5, place="menaka", victim="civilians")]),
        article("later", [claim(3, date="2024-03-13")], published="2024-03-14"),
    ]


def _row(table: pd.DataFrame, article_id: str) -> pd.Series:
    return table[table.articles.str.split(";").apply(lambda ids: article_id in ids)].iloc[0]


def test_one_attack_across_reports_is_one_incident_and_others_stay_apart(reports):
    table = incidents_table(reports)
    assert list(table.columns) == list(INCIDENT_COLUMNS)
    assert len(table) == 4
    assert set(_row(table, "wire").articles.split(";")) == {"wire", "local", "group"}
    # placed only in Mali, with no toll or group in common: it may tell any attack of the day
    assert _row(table, "army").articles == "army"
    assert _row(table, "menaka").location == "Ménaka" and _row(table, "menaka").location_ascii == "Menaka"
    assert str(_row(table, "later").date_start) == "2024-03-13"


def test_deaths_by_side_follow_ucdp_and_cite_their_sentences(reports):
    row = _row(incidents_table(reports), "wire")
    # side a (the state): the larger independent soldiers' figure, 60 ("at least 60") over 52;
    # civilians 18; the superseded 8 and the aggregate 1,200 never count; low is the lowest
    # reliable total: the wire's 60 (per side 52 + 18 = 70 is higher); the group's claim of
    # "over 100" soldiers is a party claim: high only
    assert (row.deaths_a, row.deaths_b, row.deaths_civilians, row.deaths_unknown) == (60, 0, 18, 0)
    assert (row.low, row.best, row.high) == (60, 78, 118)
    assert row.best_basis == "independent" and row.party_claims and row.party_deaths_a == 100
    assert {ref["article_id"] for ref in json.loads(row.best_from)} == {"wire", "local"}
    assert {ref["article_id"] for ref in json.loads(row.low_from)} == {"wire"}
    assert {ref["article_id"] for ref in json.loads(row.high_from)} == {"group", "local"}
    assert [f["claimed_by"] for f in json.loads(row.party_figures)] == [["katiba-macina"]]
    assert row.side_a == "fama" and row.side_b == "jnim;katiba-macina" and row.type_of_violence == 1
    # ACLED's one figure: per group the smallest report (52 soldiers, party claims included), 18 civilians
    assert row.acled_fatalities == 70


def test_party_claims_alone_inform_high_only():
    """Codebook section 4: party claims inform high only, and are kept apart."""
    reports = [article("boast", [claim(40, claimed=True, source="jnim")]),
               article("denial", [claim(3, claimed=True, perpetrator=None, source="fama")])]
    [row] = incidents_table(reports).to_dict("records")
    assert pd.isna(row["low"]) and pd.isna(row["best"]) and row["high"] == 40
    assert row["best_basis"] == "party claims only" and row["party_deaths_a"] == 40


def test_a_clash_is_one_incident_whichever_side_each_report_counts():
    """The soldiers an army lost and the fighters it says it killed are one clash."""
    reports = [article("losses", [claim(10, victim_actor="fama")]),
               article("claim", [claim(20, victim="militants", victim_actor="jnim", perpetrator="fama",
                                       claimed=True, source="fama")])]
    [row] = incidents_table(reports).to_dict("records")
    assert (row["side_a"], row["side_b"]) == ("fama", "jnim")
    assert (row["deaths_a"], row["deaths_b"], row["best"], row["high"]) == (10, 0, 10, 30)
    assert row["party_deaths_b"] == 20
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")


def test_a_negated_toll_says_nothing_of_sides_or_type():
    report = article("massacre", [claim(12, victim="civilians"),
                                  {**claim(0, victim_actor="fama"), "negated": True}])
    [row] = incidents_table([report]).to_dict("records")
    assert (row["sub_event_type"], row["type_of_violence"], row["side_b"]) == ("Attack", 3, "civilians")


def test_reports_dated_by_their_publication_do_not_chain_a_month_of_attacks():
    reports = [article(f"day{day}", [claim(day, victim="civilians", date=None, perpetrator=None)],
                       published=f"2024-03-{day:02d}") for day in (1, 4, 7, 10, 13)]
    table = incidents_table(reports)
    # windows of three days before each publication: neighbours overlap, the month does not chain
    assert len(table) == 3 and table.n_articles.max() <= 2


def test_a_region_holds_only_the_places_of_its_first_level_unit():
    kidal = {"id": "geonames:2597449", "name": "Kidal", "country": "ML", "admin1": "Kidal", "admin2": None,
             "kind": "region", "lat": 19.4, "lon": 1.2, "score": 1.0, "mentions": [[0, 4]]}
    region = article("region", [claim(9)])
    region["claims"][0]["place"], region["places"] = kidal["id"], [kidal]
    table = incidents_table([article("boni", [claim(7)]), region])
    assert len(table) == 2


def test_a_report_dated_by_its_publication_does_not_bridge_two_attacks():
    first = article("first", [claim(10, victim="civilians")])
    second = article("second", [claim(20, victim="civilians", date="2024-03-17")], published="2024-03-18")
    between = article("between", [claim(15, victim="civilians", date=None)], published="2024-03-15")
    table = incidents_table([first, second, between])
    assert _row(table, "first").articles != _row(table, "second").articles


def test_namesakes_fit_within_a_border_crossing_but_not_across_the_region():
    near = {**PLACES["boni"], "id": "sahel:boni-2", "country": "BF", "admin2": None, "lat": 15.9, "lon": -1.2}
    far = {**PLACES["boni"], "id": "sahel:boni-3", "country": "NE", "admin2": None, "lat": 12.0, "lon": 3.5}
    reports = []
    for name, place in (("near", near), ("far", far)):
        report = article(name, [claim(7)])
        report["claims"][0]["place"], report["places"] = place["id"], [place]
        reports.append(report)
    table = incidents_table([article("here", [claim(9)]), *reports])
    assert set(_row(table, "here").articles.split(";")) == {"here", "near"}


def test_allies_against_one_army_are_one_side_and_rivals_on_both_sides_split():
    allies = [article("rebels", [claim(47, victim_actor="fama", perpetrator="csp-dpa")]),
              article("jihadists", [claim(50, victim="foreign_forces", victim_actor="wagner-group")])]
    [row] = incidents_table(allies).to_dict("records")
    assert (row["side_a"], row["side_b"]) == ("fama;wagner-group", "csp-dpa;jnim")
    # JNIM killing JNIM's enemies and JNIM's fighters killed by IS Sahel cannot share a side
    rivals = [article("one", [claim(5, victim_actor="fama")]),
              article("two", [claim(7, victim="militants", victim_actor="jnim", perpetrator="is-sahel")]),
              article("three", [claim(4, victim="militants", victim_actor="is-sahel", perpetrator="fama")])]
    assert len(incidents_table(rivals)) == 2


def test_arrests_are_events_of_their_own():
    reports = [article("raid", [claim(4, victim="civilians"),
                                claim(15, outcome="arrested", victim="militants", perpetrator="fama")])]
    table = incidents_table(reports)
    assert sorted(table.sub_event_type) == ["Arrests", "Attack"]


def test_types_from_weapon_words_and_from_who_was_hit():
    ied = article("ied", [claim(6)], text="Six soldiers died when their vehicle hit an improvised explosive device.")
    ied["claims"][0]["sentence"] = [0, len(ied["text"])]
    taken = article("taken", [claim(12, outcome="abducted", victim="civilians", place="menaka")])
    table = incidents_table([ied, taken])
    assert _row(table, "ied").sub_event_type == "Remote explosive/landmine/IED"
    assert _row(table, "taken").event_type == "Violence against civilians"
    assert _row(table, "taken").sub_event_type == "Abduction/forced disappearance"


def test_time_basis_and_precision():
    stated = article("stated", [claim(4)])
    inferred = article("inferred", [claim(5, date=None, place="menaka")], published="2024-04-02")
    undated = article("undated", [claim(6, date=None, place="hombori", victim="civilians", perpetrator=None)],
                      published=None)
    table = incidents_table([stated, inferred, undated])
    assert (_row(table, "stated").date_basis, _row(table, "stated").time_precision) == ("stated", 1)
    row = _row(table, "inferred")
    assert (row.date_basis, row.time_precision, str(row.date_start), str(row.date_end)) == (
        "publication", 2, "2024-03-30", "2024-04-02")
    assert _row(table, "undated").date_basis == "none" and pd.isna(_row(table, "undated").date_start)


def test_an_undated_claim_takes_its_articles_day_only_at_that_place():
    """A 2022 massacre recalled in a report of a 2024 attack keeps no 2024 date."""
    report = article("report", [claim(70), claim(49, date=None, place="menaka", victim="civilians",
                                                   perpetrator="fama")], published=None)
    table = incidents_table([report])
    assert len(table) == 2
    assert sorted(table.date_basis) == ["none", "stated"]
    assert table[table.date_basis == "none"].iloc[0].deaths_civilians == 49


def test_an_undated_article_joins_the_one_dated_incident_that_shares_its_toll():
    dated = article("dated", [claim(17, victim_actor="fama")])
    undated = article("undated", [claim(17, date=None, victim_actor="fama")], published=None)
    assert len(incidents_table([dated, undated])) == 1
    elsewhere = article("elsewhere", [claim(17, date="2024-05-01", victim_actor="fama")], published="2024-05-02")
    assert len(incidents_table([dated, elsewhere, undated])) == 3  # which of the two it tells is unknown


def test_an_unplaced_report_joins_another_articles_incident_only_on_a_shared_toll_or_group(reports):
    statement = article("statement", [claim(60, place="mali", perpetrator=None)])
    table = incidents_table([*reports, statement])
    assert "statement" in _row(table, "wire").articles.split(";")  # "at least 60" soldiers, as the wire says


def test_ids_sides_and_figures_do_not_depend_on_the_order_of_the_input(reports):
    rivals = [article("one", [claim(5, victim="militants", victim_actor="is-sahel")]),
              article("two", [claim(7, victim="militants", victim_actor="jnim", perpetrator="is-sahel")])]
    columns = ["incident_id", "side_a", "side_b", "deaths_a", "deaths_b", "best", "initiator", "location",
               "best_from", "low_from", "high_from", "independent_figures", "party_figures", "claims"]
    for inputs in (reports, rivals):
        first = incidents_table(inputs)[columns].sort_values("incident_id").reset_index(drop=True)
        second = incidents_table(list(reversed(inputs)))[columns].sort_values("incident_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(first, second)
        assert first.incident_id.str.match(r"^inc-[0-9a-f]{12}$").all()


def test_an_attack_and_arrests_of_one_article_are_two_incidents_with_two_ids():
    report = article("raid", [claim(4, victim="civilians"),
                              claim(15, outcome="arrested", victim="militants", perpetrator="fama")])
    table = incidents_table([report])
    assert sorted(table.sub_event_type) == ["Arrests", "Attack"] and table.incident_id.nunique() == 2


def test_acled_and_ucdp_layouts(reports):
    table = incidents_table(reports)
    acled = acled_layout(table)
    assert list(acled.columns) == list(ACLED_COLUMNS)
    row = acled[acled.source.str.contains("wire")].iloc[0]
    assert row.country == "Mali" and row.location in ("Boni", "Hombori") and row.admin1 == "Mopti"
    assert {row.actor1, row.actor2} >= {"Military Forces of Mali (2021-)"}
    assert row.interaction == 12 and row.fatalities == 70  # ACLED's conservative figure
    menaka = acled[acled.source == "menaka"].iloc[0]
    assert menaka.location == "Menaka" and menaka.actor2 == "Civilians (Mali)"
    ucdp = ucdp_layout(table)
    assert list(ucdp.columns) == list(UCDP_COLUMNS)
    boni = ucdp[ucdp.source_article.str.contains("wire")].iloc[0]
    assert boni.side_a == "Government of Mali" and (boni.best, boni.deaths_a) == (78, 60)
    assert ucdp[ucdp.source_article == "menaka"].iloc[0].type_of_violence == 3


# -- the seeds -----------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_incidents(nlp, seeds_dir) -> tuple[list[dict], pd.DataFrame]:
    records = list(annotate(nlp, read_inputs([str(seeds_dir)])))
    return records, incidents_table(records)


def test_seed_bamako_attack_is_one_incident_at_bamako_jnim_against_the_state(seed_incidents):
    records, table = seed_incidents
    bamako = table[table.date_start.astype(str) == "2024-09-17"]
    assert len(bamako) == 1, bamako[["articles", "location"]]
    row = bamako.iloc[0]
    assert row.location == "Bamako" and row.geo_precision == 1 and row.n_articles >= 3
    assert "jnim" in row.side_b.split(";") and "fama" in row.side_a.split(";")
    assert row.best >= 70 and row.sub_event_type == "Armed clash"
    texts = {r["id"]: r["text"] for r in records}
    refs = json.loads(row.best_from)
    assert refs and all(ref["sentence"] in texts[ref["article_id"]] for ref in refs)


def test_seed_tinzaouaten_is_one_incident_of_rebels_and_jnim_against_fama_and_wagner(seed_incidents):
    _, table = seed_incidents
    july = table[(table.location == "Tinzaouaten") & table.date_start.astype(str).str.startswith("2024-07")]
    assert len(july) == 1, july[["articles", "date_start", "side_a", "side_b"]]
    row = july.iloc[0]
    assert set(row.side_a.split(";")) == {"fama", "wagner-group"}
    assert set(row.side_b.split(";")) == {"csp-dpa", "jnim"}
    # the separatists and JNIM speak of their enemies' dead and of their own: party claims, apart
    assert row.n_articles >= 3 and row.best_basis == "party claims only"
    assert row.party_deaths_a >= 84 and row.party_deaths_b >= 9 and row.high >= row.party_deaths_a


def test_cli_incidents_in_each_layout(seed_incidents, tmp_path):
    records, _ = seed_incidents
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["incidents", str(out), "-o", str(tmp_path / "incidents.csv")])
    assert result.exit_code == 0, result.output
    assert list(pd.read_csv(tmp_path / "incidents.csv").columns) == list(INCIDENT_COLUMNS)
    result = runner.invoke(app, ["incidents", str(out), "-o", str(tmp_path / "acled.csv"), "--format", "acled"])
    assert result.exit_code == 0, result.output
    assert list(pd.read_csv(tmp_path / "acled.csv").columns) == list(ACLED_COLUMNS)
    result = runner.invoke(app, ["incidents", str(out), "-o", str(tmp_path / "ged.parquet"), "-f", "ucdp"])
    assert result.exit_code == 0, result.output
    assert list(pd.read_parquet(tmp_path / "ged.parquet").columns) == list(UCDP_COLUMNS)
    result = runner.invoke(app, ["incidents", str(out), "-o", str(tmp_path / "x.csv"), "--format", "gdelt"])
    assert result.exit_code == 2 and "E150" in result.output


def test_our_acled_export_is_read_back_by_match_and_each_incident_finds_its_own_row(reports, tmp_path):
    from sahelnlp.eventdata.match import match_files

    table = incidents_table(reports)
    table.to_csv(tmp_path / "incidents.csv", index=False)
    acled_layout(table).to_csv(tmp_path / "acled.csv", index=False)
    tables = match_files(tmp_path / "incidents.csv", tmp_path / "acled.csv")
    assert len(tables.matched) == len(table) and tables.news_only.empty and tables.dataset_only.empty
    assert all(event.endswith(incident.removeprefix("inc-"))
               for incident, event in zip(tables.matched.incident_id, tables.matched.event_id))


def test_acled_fatalities_take_the_lowest_stated_report_over_a_vague_one():
    vague = article("vague", [{**claim(None, low=1, high=None), "quantity": {
        "text": "some", "value": None, "low": 1, "high": None, "approximate": False}}])
    stated = article("stated", [claim(70, high=None)])
    [row] = incidents_table([vague, stated]).to_dict("records")
    assert row["acled_fatalities"] == 70


def test_geo_precision_is_no_better_than_the_claims_say_of_the_place():
    near = article("near", [{**claim(6), "geo_precision": 2}])  # "near Boni"
    at = article("at", [claim(4, place="menaka")])
    table = incidents_table([near, at])
    assert (_row(table, "near").geo_precision, _row(table, "at").geo_precision) == (2, 1)


def test_one_name_in_one_article_is_one_place(seed_incidents):
    """The Niger defence ministry's Tassia report names the village in the lede and again
    beside Tillabéri: both mentions are the Nigerien village, and its claims one incident."""
    records, table = seed_incidents
    [report] = [r for r in records if r["id"].endswith("?p=79679")]
    tassia = [p for p in report["places"] if p["name"] == "Tassia"]
    assert [(p["country"], len(p["mentions"])) for p in tassia] == [("NE", 2)]
    assert len(table[table.location == "Tassia"]) == 1
