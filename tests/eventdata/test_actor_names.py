"""The ACLED and UCDP names of the canonical actors: every armed actor has them, and the
names lead back to the actor."""

from __future__ import annotations

import csv
import json
from importlib import resources

import pytest

from sahelnlp.countries import country_code, country_name
from sahelnlp.eventdata.acled import acled_actor_ids
from sahelnlp.eventdata.actor_names import (
    acled_inter,
    acled_name,
    acled_name_ids,
    actor_names_table,
    ucdp_actor_ids,
    ucdp_name,
)

NAMED_TYPES = ("state_forces", "jihadist", "rebel", "militia", "foreign_forces", "international")


def _actors() -> list[dict]:
    text = resources.files("sahelnlp").joinpath("data/actors/actors.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _acled_table_ids() -> set[str]:
    text = resources.files("sahelnlp").joinpath("data/actors/acled_actors.tsv").read_text(encoding="utf-8")
    return {i for row in csv.DictReader(text.splitlines(), delimiter="\t") for i in row["actor_ids"].split(";") if i}


ARMED = [a["id"] for a in _actors() if a["type"] in NAMED_TYPES]


@pytest.mark.parametrize("actor_id", ARMED)
def test_actor_names_every_armed_actor_has_an_acled_name_and_inter(actor_id):
    assert acled_name(actor_id, "ML")
    assert acled_inter(actor_id) in range(1, 9)


@pytest.mark.parametrize("actor_id", sorted(set(ARMED + ["civilians", "gunmen-unidentified", "jihadists-unidentified",
                                                         "militia-unidentified"]) & _acled_table_ids()))
def test_actor_names_acled_name_leads_back_to_the_actor(actor_id):
    assert actor_id in acled_actor_ids(acled_name(actor_id, "ML"))


def test_actor_names_cover_every_actor_but_persons_and_say_where_each_comes_from():
    actors = {a["id"] for a in _actors() if a["type"] != "person"}
    table = actor_names_table()
    assert set(table) == actors
    for row in table.values():
        assert row.source.startswith("ACLED") and "UCDP" in row.source, row


@pytest.mark.parametrize("actor_id, country, acled, inter, ucdp", [
    ("fama", "ML", "Military Forces of Mali (2021-)", 1, "Government of Mali"),
    ("burkina-faso-army", None, "Military Forces of Burkina Faso (2022-)", 1, "Government of Burkina Faso"),
    ("jnim", None, "JNIM: Group for Support of Islam and Muslims", 2, "JNIM"),
    ("is-sahel", None, "Islamic State (Sahel)", 2, "IS"),
    ("wagner-group", None, "Wagner Group", 8, "Wagner Group"),
    ("dan-na-ambassagou", None, "Dan Na Ambassagou", 4, "Dan Na Ambassagou"),
    ("gunmen-unidentified", "BF", "Unidentified Armed Group (Burkina Faso)", 3, None),
    ("civilians", "NE", "Civilians (Niger)", 7, "Civilians"),
    ("civilians", "CI", "Civilians (Ivory Coast)", 7, "Civilians"),
])
def test_actor_names_known_examples(actor_id, country, acled, inter, ucdp):
    assert (acled_name(actor_id, country), acled_inter(actor_id), ucdp_name(actor_id, country)) == (acled, inter, ucdp)


def test_actor_names_a_country_pattern_needs_a_country_and_unknown_ids_have_none():
    assert acled_name("civilians", None) is None
    assert acled_name("assimi-goita", "ML") is None and acled_inter("nobody") is None and ucdp_name("minusma") is None


def test_ucdp_actor_ids_reverse_the_sides():
    assert set(ucdp_actor_ids("Government of Mali")) == {"fama", "mali-police", "mali-government"}
    assert "burkina-faso-army" in ucdp_actor_ids("Government of Burkina Faso")
    assert {"is-sahel", "iswap"} <= set(ucdp_actor_ids("IS"))
    assert ucdp_actor_ids("Civilians") == ("civilians",)
    assert set(ucdp_actor_ids("Government of Mali, Government of France")) >= {"fama", "french-forces"}
    assert ucdp_actor_ids("Somebody Else") is None and ucdp_actor_ids("") is None


def test_acled_name_ids_find_names_the_acled_table_lacks():
    assert acled_name_ids("Military Forces of Senegal (2024-)") == ("senegal-army",)
    assert acled_name_ids("Military Forces of Mali (2013-2020)") == ("fama",)
    assert acled_name_ids("Protesters (Mali)") == ()
    assert acled_name_ids("Fulani Ethnic Group (Mali)") is None


def test_country_names_go_both_ways():
    for code in ("ML", "BF", "NE", "MR", "TD", "DZ", "CI", "GN", "SN", "NG", "BJ", "TG", "GH", "LY", "CD"):
        assert country_code(country_name(code)) == code
    assert country_name("CI") == "Ivory Coast" and country_name("CD") == "Democratic Republic of Congo"
    assert country_code("Côte d'Ivoire") == "CI" and country_code("Atlantis") is None
    assert country_name("Mali") == "Mali" and country_name(None) is None
