"""The place linker: spellings, shared names, kind cues, guards, and its gazetteers."""

from __future__ import annotations

import pytest

from sahelnlp.pipeline.places.gazetteer import Gazetteer


def places(nlp, text: str) -> dict[str, tuple]:
    doc = nlp(text)
    out = {}
    for ent in doc.ents:
        record = doc._.kb_records.get(ent.kb_id_)
        if ent.kb_id_.startswith("place:") and record is not None:
            out[ent.text] = (record.name, record.country, record.kind)
    return out


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.from_file()


@pytest.mark.parametrize("spelling, name", [
    ("Menaka", "Ménaka"), ("Manaka", "Ménaka"), ("Tinzaouatene", "Tinzaouaten"),
    ("Tin Zaouatine", "Tinzaouaten"), ("Tombouctou", "Tombouctou"), ("Timbuktu", "Tombouctou"),
    ("Segou", "Ségou"), ("Boulkessy", "Boulkessi"),
])
def test_gazetteer_spellings_fold_to_one_place(gazetteer, spelling, name):
    from sahelnlp.pipeline.places.linker import lookup_candidates

    ranked = lookup_candidates(gazetteer, spelling)
    assert ranked and name in {c.record.name for c in ranked[:3]}


def test_shared_name_takes_the_article_country(nlp):
    assert places(nlp, "Jihadists attacked Gao in northern Mali.")["Gao"][1] == "ML"
    assert places(nlp, "In Burkina Faso, gunmen attacked Gao, a village in the Sissili province "
                       "south of Ouagadougou.")["Gao"][1] == "BF"


@pytest.mark.parametrize("text, mention, kind", [
    ("Fighting spread in the Menaka region.", "Menaka", "region"),
    ("Gunmen entered the town of Menaka.", "Menaka", "town"),
    ("Civilians were killed in Tillaberi and Tahoua regions.", "Tahoua", "region"),
    ("Civilians were killed in Tillaberi and Tahoua regions.", "Tillaberi", "region"),
    ("Jihadists operate across the Sahel.", "Sahel", "area"),
    ("The insurgency hit the poor Sahel region of Africa.", "Sahel", "area"),
    ("Attacks rose in Burkina Faso's Sahel region.", "Sahel", "region"),
])
def test_kind_cues_pick_region_town_or_area(nlp, text, mention, kind):
    assert places(nlp, text)[mention][2] == kind


def test_hyphenated_region_name_is_one_mention(nlp):
    found = places(nlp, "Attacks hit the Centre-Nord region of Burkina Faso.")
    assert found["Centre-Nord"][:2] == ("Centre-Nord", "BF")


def test_ner_mislabel_is_relabelled(nlp):
    doc = nlp("Mali said the attack near Sévaré was repelled.")
    labels = {e.text: (e.label_, e.kb_id_) for e in doc.ents}
    assert labels["Sévaré"][1].startswith("place:")


def test_person_name_is_not_a_village(nlp):
    found = places(nlp, "Army chief of staff Oumar Diarra visited Bamako, Mali.")
    assert "Diarra" not in found and "Oumar Diarra" not in found
    assert found["Bamako"][1] == "ML"


def test_country_standing_for_its_government_is_not_a_place(nlp):
    found = places(nlp, "Burkina Faso denounced the accord and asked French troops to leave.")
    assert "Burkina Faso" not in found


def test_place_link_has_codebook_fields(nlp):
    doc = nlp("An ambush near Boni in central Mali killed soldiers.")
    ent = next(e for e in doc.ents if e.text == "Boni")
    record = doc._.kb_records[ent.kb_id_]
    assert (record.country, record.kind) == ("ML", "town") or record.country == "ML"
    assert record.admin1 and 14 < record.lat < 16 and -3 < record.lon < -1
    assert 0 < ent._.link_score <= 1


@pytest.mark.parametrize("text, village", [
    ("The rebels fought in Tinzaouatene district for three days.", "Tinzaouatene"),
    ("An attack hit the Inates military base in Niger.", "Inates"),
    ("Soldiers were ambushed in central Boni on Sunday.", "Boni"),
])
def test_village_the_ner_took_for_a_person_is_a_place_in_locative_context(nlp, text, village):
    assert village in places(nlp, text)


def test_peoples_and_possessive_pairs(nlp):
    found = places(nlp, "Dogon villagers fled. A Swiss woman was kidnapped in Niger’s Agadez.")
    assert "Dogon" not in found
    assert found.get("Agadez", (None, None))[1] == "NE"


def test_countries_acting_together_are_actors(nlp):
    found = places(nlp, "Mali, Burkina Faso and Niger have battled insurgents for a decade.")
    assert not {"Mali", "Burkina Faso", "Niger"} & set(found)


def test_nearby_admin_unit_picks_the_right_namesake(nlp):
    assert places(nlp, "Gunmen attacked Gao, in the Sissili province of Burkina Faso.")["Gao"][1] == "BF"


def test_object_of_an_attack_is_a_place(nlp):
    found = places(nlp, "Gunmen attacked Boni, in the Mopti region, on Sunday.")
    assert found["Boni"][1] == "ML"


@pytest.mark.parametrize("text, place, expected", [
    ("Des renforts ont été envoyés dans la région de Tombouctou après l'attaque.", "Tombouctou",
     ("Tombouctou", "ML", "region")),
    ("Les assaillants ont frappé le village de Fonéko, près de Téra, dimanche.", "Fonéko", ("Fonéko", "NE")),
    ("La population d'Arbinda, dans le nord du Burkina Faso, est sous le choc.", "Burkina Faso",
     ("Burkina Faso", "BF", "country")),
])
def test_a_place_inside_a_longer_entity_is_found(nlp, text, place, expected):
    found = places(nlp, text)
    assert place in found, found
    assert found[place][:len(expected)] == expected


def test_no_place_is_carved_out_of_a_paper_or_a_feature(nlp):
    found = places(nlp, "Sources contacted by Le Monde said piracy in the Gulf of Guinea was rising.")
    assert "Monde" not in found
    assert "Guinea" not in found


@pytest.mark.parametrize("text, word", [
    ("Tuareg rebels said they shot down a drone near Kidal.", "Tuareg"),
    ("Armed Dogon men chased civilians into the bush, witnesses said.", "Dogon"),
    ("“It’s a joy,” Keita said after the release.", "Keita"),
])
def test_peoples_and_surnames_are_not_villages(nlp, word, text):
    assert word not in places(nlp, text)


def test_a_shared_name_goes_to_the_place_near_the_ones_named_for_sure(nlp):
    found = places(nlp, "Gunmen attacked the gendarmerie school in the Faladié district of Bamako on Tuesday.")
    name, country, _ = found["Faladié"]
    assert (name, country) == ("Faladié", "ML")
    doc = nlp("Gunmen attacked the gendarmerie school in the Faladié district of Bamako on Tuesday.")
    faladie = next(e for e in doc.ents if e.text == "Faladié")
    record = doc._.kb_records[faladie.kb_id_]
    assert abs(record.lat - 12.61) < 0.1 and abs(record.lon + 7.97) < 0.1  # the quarter of Bamako


def test_the_sahel_is_the_area_unless_said_otherwise(nlp):
    assert places(nlp, "Violence has spread across the Sahel since 2012.")["Sahel"][2] == "area"


def test_the_packaged_gazetteer_holds_the_geonames_dumps(gazetteer):
    assert len(gazetteer) > 50_000
    assert "GeoNames dump ML.txt" in gazetteer.meta["sources"]
    assert any(r.kind == "village" and r.country == "BF" for r in gazetteer.lookup("Gaskindé"))


def test_gazetteer_entries_rebuild_the_same_index(gazetteer):
    from sahelnlp.pipeline.places.gazetteer import Gazetteer as G

    sample = gazetteer.entries()[:2000]
    rebuilt = G.from_records([r for r, _ in sample], [alts for _, alts in sample], meta={"name": "t"})
    for record, alts in sample[:200]:
        for alt in alts:
            assert record in rebuilt.lookup(alt)


@pytest.mark.parametrize("text, place, precision", [
    ("Gunmen killed 12 villagers in Boni on Sunday.", "Boni", 1),
    ("Jihadists killed five soldiers 30 km north of Timbuktu on Monday.", "Timbuktu", 2),
    ("Five soldiers were killed near the village of Boni.", "Boni", 2),
    ("An IED hit a vehicle between Boni and Douentza.", "Douentza", 2),
    ("Des hommes armés ont tué trois civils à une vingtaine de kilomètres de Djibo.", "Djibo", 2),
    ("Trois soldats ont été tués près de Téra.", "Téra", 2),
    ("Fighting spread across the Mopti region.", "Mopti", 3),
])
def test_geo_precision_of_a_mention(nlp, text, place, precision):
    doc = nlp(text)
    mention = next(e for e in doc.ents if e.text == place and e.kb_id_.startswith("place:"))
    assert mention._.geo_precision == precision


def test_records_carry_geo_precision_and_the_next_candidates(nlp):
    import sahelnlp
    from sahelnlp.validate import problems_of

    (record,) = sahelnlp.annotate(["Gunmen killed 12 villagers near Téra on Sunday, the mayor said."], nlp=nlp)
    assert problems_of(record) == []
    (tera,) = [p for p in record["places"] if p["name"] == "Téra"]
    assert tera["geo_precision"] == 2 and tera["candidates"] and tera["candidates"][0]["match"] == "exact"
    assert all(c["id"] != tera["id"] for c in tera["candidates"])
    (claim,) = record["claims"]
    assert claim["place"] == tera["id"] and claim["geo_precision"] == 2


def test_a_place_in_a_papers_name_is_not_a_mention(nlp):
    assert "Bamako" not in places(nlp, "Le Soir de Bamako a évoqué des funérailles pour une cinquantaine d'élèves.")


@pytest.mark.parametrize("text, place", [
    ("NIAMEY (AFP) - Gunmen killed 12 villagers in western Niger on Sunday.", "NIAMEY"),
    ("BAMAKO, Mali (AP) — Gunmen killed 12 villagers on Sunday.", "BAMAKO"),
])
def test_datelines_are_places(nlp, text, place):
    assert place in places(nlp, text)


def test_a_facility_the_gazetteer_lacks_is_placed_at_its_town(nlp):
    doc = nlp("Jihadists attacked the Inates military base on Tuesday, killing 71 soldiers.")
    inates = next(e for e in doc.ents if e.text == "Inates")
    record = doc._.kb_records[inates.kb_id_]
    village = next(r for r in nlp.get_pipe("sahel_places").gazetteer.lookup("Inates") if r.kind != "facility")
    assert record.kind == "facility" and record.id.endswith("/base")
    assert (record.lat, record.lon) == (village.lat, village.lon)


def test_a_facility_the_gazetteer_has_is_linked_as_it_is(nlp):
    found = places(nlp, "Une base militaire située à l'aéroport de Bamako a été attaquée.")
    assert found["aéroport de Bamako"] == ("Modibo Keita International Airport", "ML", "facility")


def test_misspellings_are_matched_in_the_region_only(gazetteer):
    from sahelnlp.pipeline.places.linker import CandidateGenerator
    region = frozenset(["ML", "BF", "NE", "MR"])
    in_region = CandidateGenerator(gazetteer, fuzzy_cutoff=88, fuzzy_min_length=6, fuzzy_countries=region)
    anywhere = CandidateGenerator(gazetteer, fuzzy_cutoff=88, fuzzy_min_length=6)
    assert {r.country for r in in_region("Tillaberry", fuzzy=True)[0]} == {"NE"}
    assert [r.country for r in anywhere("Barcelonna", fuzzy=True)[0]] == ["ES"]
    assert in_region("Barcelonna", fuzzy=True)[0] == []
