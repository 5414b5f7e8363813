"""Source attribution on constructed sentences: the party a speaker speaks for,
phrases that report nothing, relays, speakers outside the claim's sentence."""

from __future__ import annotations

import pytest

# rule tests: the trained attribution model is left out (tests/pipeline/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_alone")


def sources_of(nlp, text: str):
    return [(c.source.actor, c.source.kind) if c.source else None for c in nlp(nlp.make_doc(text))._.claims]


def claimed_of(nlp, text: str):
    return [c.claimed for c in nlp(nlp.make_doc(text))._.claims]


@pytest.mark.parametrize("text, expected", [
    ("Niger's defence ministry said 12 soldiers were killed.", ("niger-army", None)),
    ("The Ministry of Defence of Niger said 12 soldiers were killed.", ("niger-army", None)),
    ("Benin government spokesman Wilfried Houngbedji said eight soldiers were killed.",
     ("benin-government", None)),
])
def test_source_speaker_speaks_for_its_party(nlp, text, expected):
    assert sources_of(nlp, text)[-1] == expected
    assert claimed_of(nlp, text)[-1]


def test_source_government_other_than_defence_stays_the_government(nlp):
    text = "The Nigerien government said 12 soldiers were killed."
    assert sources_of(nlp, text) == [("niger-government", None)]


def test_source_named_person_of_an_international_body_is_no_party_claim(nlp):
    text = "UN Secretary-General Antonio Guterres said 12 peacekeepers were killed."
    assert sources_of(nlp, text) == [("un", None)]
    assert claimed_of(nlp, text) == [False]


@pytest.mark.parametrize("text, kind", [
    ("Local sources said 12 civilians were killed.", "other"),
    ("Local media reported that 12 civilians were killed.", "news agency"),
    ("Twelve civilians were killed, local officials said.", "local official"),
    ("Twelve civilians were killed, according to ACLED.", "analyst"),
])
def test_source_kind_of_an_anonymous_speaker(nlp, text, kind):
    assert sources_of(nlp, text) == [(None, kind)]


@pytest.mark.parametrize("text, kind", [
    ("Douze civils ont été tués, selon une source sécuritaire.", "security source"),
    ("Douze civils ont été tués, selon le préfet de la région.", "local official"),
])
@pytest.mark.usefixtures("rules_alone_fr")
def test_source_kind_of_an_anonymous_french_speaker(nlp_fr, text, kind):
    assert sources_of(nlp_fr, text) == [(None, kind)]


@pytest.mark.parametrize("text, expected", [
    ("Une source sécuritaire a confirmé la mort de douze civils.", (None, "security source")),
    ("Douze civils ont été tués, ont rapporté mardi les médias locaux.", (None, "news agency")),
    ("Douze soldats ont été tués, a appris l’AFP de sources sécuritaires.", (None, "security source")),
    ("Les rebelles du CSP ont évoqué sept morts dans leurs rangs.", ("csp-dpa", None)),
    ("Douze soldats ont été tués, a appris l’AFP auprès des autorités locales.", (None, "local official")),
])
@pytest.mark.usefixtures("rules_alone_fr")
def test_source_french_reporting_words_and_roles(nlp_fr, text, expected):
    assert sources_of(nlp_fr, text)[0] == expected


@pytest.mark.usefixtures("rules_alone_fr")
def test_source_french_noun_communique_is_not_a_reporting_verb(nlp_fr):
    # the speaker is the one of "a indiqué", not a document noun read as a verb
    text = "Dans un communiqué, le ministère nigérien de la Défense a indiqué que douze soldats ont été tués."
    assert sources_of(nlp_fr, text)[0] == ("niger-army", None)


def test_source_quoted_toll_with_the_speaker_after_it(nlp):
    # the parser may take "The attack" for the subject of "said": the speaker is the
    # subject that does not hold the claim
    text = 'The raid left "at least 30 dead," the mayor said.'
    assert sources_of(nlp, text)[0] == (None, "local official")


def test_source_speaker_hung_as_apposition_before_a_final_verb(nlp):
    text = "Drone strikes killed 21 civilians, including 11 children, a mayor of the commune said."
    assert sources_of(nlp, text)[0] == (None, "local official")


@pytest.mark.parametrize("text, expected", [
    # a claim of responsibility for an attack whose toll is the writer's: no source
    ("JNIM claimed responsibility for an attack that killed 40 soldiers last May.", None),
    # the figure is what is claimed: the claimant speaks
    ("JNIM claimed responsibility for killing 40 soldiers.", ("jnim", None)),
    # a relay passes the whole claim on: the claimant speaks, not the relay
    ("JNIM claimed responsibility for an attack that killed 40 soldiers, according to Reuters.", ("jnim", None)),
    ("Twelve soldiers were killed, a security source said, according to Reuters.", (None, "security source")),
    # hearsay with no issuer
    ("According to reports, gunmen killed 12 villagers.", None),
    # a negated reporting verb tells no figure
    ("The army never said that 12 soldiers were killed.", None),
])
def test_source_non_reporting_phrases_and_relays(nlp, text, expected):
    assert sources_of(nlp, text)[0] == expected


def test_source_quotation_over_two_sentences_keeps_its_speaker(nlp):
    text = ('"We were attacked at dawn," the mayor said, "and the toll is heavy. '
            'Twelve villagers were killed."')
    assert sources_of(nlp, text)[-1] == (None, "local official")


def test_source_list_after_a_colon_keeps_the_speaker(nlp):
    text = "The army gave this toll of the fighting:\nTwelve soldiers were killed."
    assert sources_of(nlp, text)[-1] is not None


def test_source_he_is_the_last_speaker_named_not_the_last_party(nlp):
    text = ("French forces patrolled the area on Monday. A regional official said the village "
            "was attacked at night. He added that 12 civilians were killed.")
    assert sources_of(nlp, text)[-1] == (None, "local official")


def test_source_it_is_the_last_party_that_spoke(nlp):
    text = "The Malian army said it repelled an attack. It added that 12 soldiers were killed."
    assert sources_of(nlp, text)[-1] == ("fama", None)


@pytest.mark.parametrize("text, expected", [
    ("The CSP-DPA attacked an army post on Monday. The separatists said 12 soldiers were killed.",
     ("csp-dpa", None)),
    ("MINUSMA sent a patrol to the village. The mission said 12 civilians were killed.", ("minusma", None)),
    ("The CSP-DPA attacked an army post on Monday. A spokesman said 12 soldiers were killed.",
     ("csp-dpa", None)),
])
def test_source_definite_description_of_a_party_named_before(nlp, text, expected):
    assert sources_of(nlp, text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    ("ACLED documented 40 fatalities in attacks on civilians last month.", (None, "analyst")),
    ("The Armed Conflict Location and Event Data project said 40 civilians were killed.", (None, "analyst")),
    ("The attack was announced by a mayor, who said 12 villagers were killed.", (None, "local official")),
])
def test_source_more_reporting_verbs_and_speakers(nlp, text, expected):
    assert sources_of(nlp, text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    (("Douze soldats ont été tués, a indiqué le gouverneur de la région. D’après cette source, "
      "cinq civils ont été blessés."), (None, "local official")),
    ("Selon un bilan fourni mardi par l’armée malienne, douze soldats ont été tués.", ("fama", None)),
    ("Selon des sources sécuritaires citées par l’AFP, douze soldats ont été tués.", (None, "security source")),
])
@pytest.mark.usefixtures("rules_alone_fr")
def test_source_french_selon_anaphor_and_document(nlp_fr, text, expected):
    assert sources_of(nlp_fr, text)[-1] == expected


def test_source_the_army_is_the_army_named_before(nlp):
    text = "Niger's army repelled an attack near Tera. The army said 12 assailants were killed."
    assert sources_of(nlp, text)[-1] == ("niger-army", None)


@pytest.mark.parametrize("text, expected", [
    ("Twelve civilians killed in drone strikes: Local Sources\n\nThe strikes hit a market.", (None, "other")),
    ("Four civilians killed in an attack (security)\n\nThe attack hit a market.", (None, "security source")),
])
def test_source_headline_tag(nlp, text, expected):
    assert sources_of(nlp, text)[0] == expected


def test_source_headline_colon_without_a_role_is_no_tag(nlp):
    assert sources_of(nlp, "Niger: twelve soldiers killed in an ambush\n\nThe ambush took place on Monday.")[0] is None


def test_source_according_to_inside_a_speakers_words_is_the_speaker(nlp):
    text = 'The Malian army said that "according to sources, 12 assailants were killed".'
    assert sources_of(nlp, text)[0] == ("fama", None)


@pytest.mark.usefixtures("rules_alone_fr")
def test_source_french_description_of_a_party_named_before(nlp_fr):
    text = ("Le CSP-DPA a attaqué un camp lundi. Les séparatistes affirment avoir tué douze soldats.")
    assert sources_of(nlp_fr, text)[-1] == ("csp-dpa", None)


def test_source_the_report_speaks_for_who_issued_it(nlp):
    text = ("Twelve civilians were killed in May, a coalition of local rights groups said. "
            "According to the report, five teachers were abducted.")
    assert sources_of(nlp, text) == [(None, "humanitarian"), (None, "humanitarian")]


def test_source_bare_reports_are_no_document_anaphor(nlp):
    text = "The Malian army said it repelled an attack. Local reports said 12 civilians were killed."
    assert sources_of(nlp, text)[-1] == (None, "other")


def test_source_description_before_the_party_is_named(nlp):
    text = ("The separatists said 12 soldiers were killed in the clash. "
            "The CSP-DPA has fought the army since last year.")
    assert sources_of(nlp, text)[0] == ("csp-dpa", None)


def test_source_general_staff_is_the_army(nlp):
    text = "The Malian army patrolled the area. The general staff said 12 assailants were killed."
    assert sources_of(nlp, text)[-1] == ("fama", None)


def test_source_bare_plural_description_of_a_party(nlp):
    text = "The CSP-DPA attacked an army post. Tuareg rebels said 12 soldiers were killed."
    assert sources_of(nlp, text)[-1] == ("csp-dpa", None)


@pytest.mark.usefixtures("rules_alone_fr")
def test_source_french_inverted_pronoun_is_the_speaker_before(nlp_fr):
    text = ("Douze soldats ont été tués, a indiqué l’armée malienne. "
            "« Plusieurs dizaines de terroristes » ont été neutralisés, poursuit-on.")
    assert sources_of(nlp_fr, text)[-1] == ("fama", None)


def test_source_it_after_a_person_is_the_last_party_named(nlp):
    text = ("Twelve soldiers were killed, a witness said. The Malian army repelled the attack. "
            "It said 20 assailants were killed.")
    assert sources_of(nlp, text)[-1] == ("fama", None)
