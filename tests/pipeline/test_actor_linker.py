"""The actor linker: role phrases by the article's country, states acting, fuzzy names,
titled people."""

from __future__ import annotations

import pytest


def actor_ids(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {e.text: e.kb_id_.removeprefix("actor:") for e in doc.ents if e.kb_id_.startswith("actor:")}


@pytest.mark.parametrize("text, phrase, actor", [
    ("Gunmen attacked a post near Gao in Mali. The army said it repelled them.", "army", "fama"),
    ("Gunmen attacked a post near Djibo in Burkina Faso. The army said it repelled them.", "army", "burkina-faso-army"),
    ("An ambush hit troops near Tillabéri in Niger. The junta declared mourning.", "junta", "niger-government"),
])
def test_role_phrase_takes_the_main_country(nlp, text, phrase, actor):
    assert actor_ids(nlp, text).get(phrase) == actor


def test_role_phrase_left_alone_without_a_main_country(nlp):
    assert "army" not in actor_ids(nlp, "The army said it repelled the attack.")


def test_role_phrase_of_someone_else_left_alone(nlp):
    found = actor_ids(nlp, "Villages near Mopti in Mali were attacked, local authorities said.")
    assert "authorities" not in found


def test_country_that_acts_is_its_government_not_a_place(nlp):
    doc = nlp("Mali broke its alliance with France and turned to Russia. France confirmed the withdrawal.")
    links = [(e.text, e.kb_id_) for e in doc.ents]
    assert ("Russia", "actor:russia-government") in links
    assert ("France", "actor:france-government") in links
    assert ("Mali", "actor:mali-government") in links  # it broke an alliance: a state acting


def test_fuzzy_links_unlisted_transliteration(nlp):
    found = actor_ids(nlp, "Fighters of the Jama'at Nasr al-Islam wal-Muslimeen attacked the camp.")
    assert "jnim" in found.values()


def test_titled_person_becomes_an_actor_with_a_slug_id(nlp):
    found = actor_ids(nlp, "Army spokesman Colonel Souleymane Dembele said the post was retaken.")
    assert found.get("Souleymane Dembele") == "souleymane-dembele"


def test_french_force_phrase_order(nlp):
    assert actor_ids(nlp, "Huit soldats togolais ont été tués.").get("soldats togolais") == "togo-army"


def test_generic_actor_used_as_adjective_is_not_an_actor(nlp):
    assert actor_ids(nlp, "The region bears the brunt of a jihadist revolt.") == {}


def test_actor_records_roll_up_parents_and_place_generic_actors(nlp):
    from sahelnlp.article import Article
    from sahelnlp.output import record_from_docs

    text = "Katiba Macina fighters and suspected jihadists attacked Boni in Mali."
    record = record_from_docs(Article(id="x", text=text, source="t"), [(0, nlp(text))], {})
    actors = {a["id"]: a for a in record["actors"]}
    assert actors["katiba-macina"]["lineage"] == ["jnim"]
    assert actors["jihadists-unidentified"]["country"] == ["ML"]


@pytest.mark.parametrize("text, expected", [
    ("French and Malian forces killed 20 militants near Gao.", {"french-forces": "French", "fama": "Malian forces"}),
    ("Malian and French troops entered the town.", {"fama": "Malian", "french-forces": "French troops"}),
])
def test_demonyms_joined_before_a_force_noun_each_name_a_force(nlp, text, expected):
    doc = nlp(text)
    found = {e.kb_id_.removeprefix("actor:"): e.text for e in doc.ents if e.kb_id_.startswith("actor:")}
    assert found == expected
