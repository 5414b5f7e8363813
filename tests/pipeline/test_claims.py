"""Casualty-claim rules on small constructed sentences, one construction each."""

from __future__ import annotations

import pytest

# rule tests: the trained attribution model is left out (tests/pipeline/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_alone")


def claims_of(nlp, text: str, published: str | None = None):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.claims


@pytest.mark.parametrize(
    "text, outcome, quantity, value, low, high, approximate, victim",
    [
        ("17 soldiers were killed in the attack.", "killed", "17", 17, 17, 17, False, "security_forces"),
        ("The jihadists shot dead over 500 civilians.", "killed", "over 500", 500, 501, None, False, "civilians"),
        ("Gunmen attacked the village, killing two civilians.", "killed", "two", 2, 2, 2, False, "civilians"),
        ("The assault left 49 civilians dead.", "killed", "49", 49, 49, 49, False, "civilians"),
        ("The attack led to the deaths of 12 soldiers.", "killed", "12", 12, 12, 12, False, "security_forces"),
        ("The blast claimed the lives of 30 people.", "killed", "30", 30, 30, 30, False, "unknown"),
        ("At least 21 killed in north Mali", "killed", "At least 21", 21, 21, None, False, "unknown"),
        ("The militants killed or wounded over 100 soldiers.", "casualties", "over 100", 100, 101, None, False, "security_forces"),
        ("The clashes caused 70 casualties.", "casualties", "70", 70, 70, 70, False, "unknown"),
        ("Between 10 and 15 villagers were abducted.", "abducted", "Between 10 and 15", None, 10, 15, False, "civilians"),
        ("Twenty-one soldiers died in the ambush.", "killed", "Twenty-one", 21, 21, 21, False, "security_forces"),
        ("About 50 women were kidnapped near the town.", "abducted", "About 50", 50, 50, 50, True, "civilians"),
        ("Nearly 30 people were wounded.", "injured", "Nearly 30", 30, None, 30, True, "unknown"),
        ("Dozens of civilians were wounded.", "injured", "Dozens", None, 12, None, False, "civilians"),
        ("A gendarme was killed.", "killed", "A", 1, 1, 1, False, "security_forces"),
        ("The army said it had neutralised about 20 terrorists.", "killed", "about 20", 20, 20, 20, True, "militants"),
    ],
)
def test_claims_construction_reads_outcome_quantity_and_victim(
        nlp, text, outcome, quantity, value, low, high, approximate, victim):
    claims = claims_of(nlp, text)
    assert len(claims) == 1, [c.as_dict() for c in claims]
    claim = claims[0]
    assert claim.outcome == outcome
    assert claim.quantity.as_dict() == {"text": quantity, "value": value, "low": low,
                                        "high": high, "approximate": approximate}
    assert claim.victim == victim
    assert text[slice(*claim.quantity_chars)] == quantity


def test_claims_list_gives_one_claim_per_group_with_shared_modifier(nlp):
    claims = claims_of(nlp, "JNIM said it killed at least 84 Wagner fighters and 47 Malian soldiers.")
    assert [(c.quantity.value, c.quantity.low, c.quantity.high) for c in claims] == [(84, 84, None), (47, 47, None)]
    assert [c.victim for c in claims] == ["foreign_forces", "security_forces"]
    assert [c.victim_actor for c in claims] == ["wagner-group", "fama"]
    assert all(c.source is not None and c.source.actor == "jnim" for c in claims)
    assert all(c.claimed for c in claims)
    assert all(c.perpetrator == "jnim" for c in claims)


def test_claims_injured_and_missing_in_one_sentence(nlp):
    claims = claims_of(nlp, "22 troops were injured while nine other soldiers are missing.")
    assert [(c.outcome, c.quantity.value) for c in claims] == [("injured", 22), ("missing", 9)]


def test_claims_negated_zero(nlp):
    claims = claims_of(nlp, "No casualties were reported.")
    assert len(claims) == 1 and claims[0].negated and claims[0].quantity.value == 0


def test_claims_death_toll_and_source_kind(nlp):
    claims = claims_of(nlp, "The death toll rose to 70, a security source said.")
    assert len(claims) == 1
    assert claims[0].outcome == "killed" and claims[0].quantity.value == 70
    assert claims[0].source.kind == "security source" and not claims[0].claimed


def test_claims_ministry_is_a_party_claim(nlp):
    claims = claims_of(nlp, "Twenty soldiers were killed in the ambush, the defence ministry said.")
    assert claims[0].source.kind == "government" and claims[0].claimed


def test_claims_superseded_earlier_toll(nlp):
    claims = claims_of(nlp, "The previous death toll was four.")
    assert len(claims) == 1 and claims[0].superseded


def test_claims_aggregate_period_total(nlp):
    claims = claims_of(nlp, "More than 2,000 civilians have been killed in the country since the start of the year.")
    assert len(claims) == 1 and claims[0].aggregate and claims[0].quantity.low == 2001


def test_claims_event_date_resolved_against_publication(nlp):
    claims = claims_of(nlp, "Gunmen killed 12 villagers on Tuesday.", published="2024-09-18")
    assert claims[0].event_date == "2024-09-17"


def test_claims_perpetrator_from_by_phrase(nlp):
    claims = claims_of(nlp, "Seven civilians were killed by suspected jihadists.")
    assert claims[0].perpetrator == "jihadists-unidentified"


@pytest.mark.parametrize("text", [
    "12,000 UN peacekeepers are deployed in Mali.",
    "The attack destroyed 15 vehicles in 2019.",
    "Soldiers were killed in the attack.",
    "The junta has ruled since 2021 and paid $10 million to the group.",
    "Heavy losses were reported.",
])
def test_claims_not_a_claim(nlp, text):
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The death toll rose from 12 to 19, an official said.", [("killed", 12, True), ("killed", 19, False)]),
    ("The provisional toll is 18 dead and 21 wounded.", [("killed", 18, False), ("injured", 21, False)]),
    ("Twenty-one soldiers were killed and nine wounded.", [("killed", 21, False), ("injured", 9, False)]),
    ("Among the dead were 52 soldiers and 18 civilians.", [("killed", 52, False), ("killed", 18, False)]),
    ("The army said it had lost nine men.", [("killed", 9, False)]),
    ("Gunmen opened fire, killing at least a dozen people and wounding some 20 others.",
     [("killed", 12, False), ("injured", 20, False)]),
])
def test_claims_tolls_in_lists_and_revisions(nlp, text, expected):
    claims = claims_of(nlp, text)
    assert [(c.outcome, c.quantity.value, c.superseded) for c in claims] == expected


def test_claims_soldiers_captured_by_a_group_are_abducted(nlp):
    claims = claims_of(nlp, "IS Sahel said it killed 34 soldiers, wounded others and captured two soldiers.")
    assert [c.outcome for c in claims][-1] == "abducted"
    assert claims[0].outcome == "killed" and claims[0].perpetrator == "is-sahel"


def test_claims_headline_is_its_own_sentence(nlp):
    text = "Death toll from mosque attack rises to 19\n\nGunmen attacked worshippers in Niger on Tuesday."
    claims = claims_of(nlp, text, published="2024-05-02")
    assert claims[0].quantity.value == 19 and claims[0].sentence == (0, text.index("\n"))


def test_claims_article_attacker_and_incident_fill_undated_claims(nlp):
    text = ("Suspected jihadists killed 12 soldiers near Boni in Mali on Sunday, the army said. "
            "Three more soldiers died of their wounds in hospital.")
    claims = claims_of(nlp, text, published="2024-03-12")
    assert [c.quantity.value for c in claims] == [12, 3]
    assert claims[1].perpetrator == "jihadists-unidentified"
    assert claims[1].event_date == claims[0].event_date == "2024-03-10"
    assert claims[1].place == claims[0].place and claims[0].place is not None


def test_claims_date_of_the_report_is_not_the_event_date(nlp):
    text = ("Gunmen killed 12 villagers near Djibo in Burkina Faso on Sunday. "
            "The army said on Wednesday that 20 attackers were killed in the pursuit.")
    claims = claims_of(nlp, text, published="2024-03-14")
    assert [c.event_date for c in claims] == ["2024-03-10", "2024-03-10"]


def test_claims_aggregate_has_no_event_date(nlp):
    claims = claims_of(nlp, "More than 300 civilians have been killed since January, an NGO said on Monday.",
                       published="2024-03-14")
    assert claims[0].aggregate and claims[0].event_date is None


@pytest.mark.parametrize("text, aggregate", [
    ("More than 1,000 civilians were killed across the country in 2023, the coalition said.", True),
    ("At least 649 people have been killed.", True),
    ("Last month, gunmen killed three soldiers guarding a pipeline.", False),
    ("Two people died of their wounds, making a total of 11 dead.", False),
])
def test_claims_aggregate_periods_and_totals(nlp, text, aggregate):
    claims = claims_of(nlp, text, published="2024-03-14")
    assert claims and all(c.aggregate == aggregate for c in claims)


@pytest.mark.parametrize("text, victim", [
    ("JNIM said it killed or wounded over 100 soldiers and Wagner fighters.", "mixed"),
    ("The CSP-DPA said it had lost nine men in the fighting.", "militants"),
    ("The Malian army said it had lost nine men.", "security_forces"),
    ("The Dozo association said twenty-six hunters were killed.", "militants"),
])
def test_claims_victim_groups(nlp, text, victim):
    assert claims_of(nlp, text)[0].victim == victim


def test_claims_headline_toll_takes_the_group_the_lead_gives(nlp):
    text = "At least 21 killed in attack near Bankass\n\nAt least 21 civilians were killed on Monday in Mali."
    claims = claims_of(nlp, text, published="2024-02-13")
    assert [c.victim for c in claims] == ["civilians", "civilians"]


@pytest.mark.parametrize("text, actor, kind", [
    ("MINUSMA said it had confirmed the deaths of 17 civilians.", "minusma", None),
    ("At least 32 civilians were killed, local authorities said.", None, "local official"),
    ("Six people were killed by armed men overnight, a security official said.", None, "security source"),
])
def test_claims_source_speaker_and_role(nlp, text, actor, kind):
    source = claims_of(nlp, text)[0].source
    assert (source.actor, source.kind) == (actor, kind)


def test_claims_statement_speaks_for_who_issued_it(nlp):
    text = ("The CSP-DPA said it had repelled the attack. "
            "The statement said seven separatist fighters were killed.")
    claims = claims_of(nlp, text)
    assert claims[-1].source.actor == "csp-dpa" and claims[-1].claimed


def test_claims_target_of_an_attack_and_the_teller_are_not_perpetrators(nlp):
    text = ("An ambush on a Malian army convoy near Boni left 70 casualties. "
            "The army had initially reported five dead. No civilians were hurt.")
    claims = claims_of(nlp, text)
    assert all(c.perpetrator != "fama" for c in claims)
    assert claims[-1].negated and claims[-1].perpetrator is None


def test_claims_toll_update_and_statement_dates_are_not_event_dates(nlp):
    text = ("Gunmen attacked worshippers at a mosque in Niger on Tuesday. "
            "The death toll rose to 19 on Thursday, a local official said.")
    claims = claims_of(nlp, text, published="2024-06-14")
    assert claims[0].event_date == "2024-06-11"


def test_event_date_of_a_multi_day_fight_is_its_first_day():
    from sahelnlp.pipeline.claims.event_dates import resolve

    assert resolve("Sunday and Monday", "2023-05-16") == "2023-05-14"
    assert resolve("last week", "2023-05-16") is None
    assert resolve("Tuesday", None) is None


def test_claims_bare_toll_told_by_the_army_is_its_own(nlp):
    text = "Gunmen attacked a post near Boni in Mali. The army said it recorded two dead and seven wounded."
    claims = claims_of(nlp, text)
    assert [(c.outcome, c.victim, c.victim_actor) for c in claims] == [
        ("killed", "security_forces", "fama"), ("injured", "security_forces", "fama")]


@pytest.mark.parametrize("text, expected", [
    ("Some were mortally wounded inside their homes.", [("killed", None)]),
    ("Togo's army said several people were killed and others wounded.", [("killed", None), ("injured", None)]),
    ("Oct. 28 (UPI) — Two peacekeepers were killed in Mali.", [("killed", 2)]),
    ("The general staff said the attack killed a number of military personnel.", [("killed", None)]),
])
def test_claims_more_forms(nlp, text, expected):
    assert [(c.outcome, c.quantity.value) for c in claims_of(nlp, text)] == expected


def test_claims_arrested_by_the_army_stay_arrested(nlp):
    claims = claims_of(nlp, "The army said its troops killed 12 bandits in a clash and arrested seven.")
    assert [c.outcome for c in claims] == ["killed", "arrested"]


def test_claims_group_that_claims_the_attack_is_blamed(nlp):
    text = ("JNIM claimed the attack on the army post near Boni in Mali. "
            "Twelve soldiers were killed, a security source said.")
    claims = claims_of(nlp, text)
    assert claims[-1].perpetrator == "jnim"


def test_claims_pronoun_counts_take_their_antecedent(nlp):
    claims = claims_of(nlp, "Troops pursuing the attackers neutralised eight of them near the border.")
    assert claims[0].victim == "militants"


def test_claims_outcome_noun_told_by_the_army_is_not_its_losses(nlp):
    # the deaths are of the villages attacked (victims read from context), not the army's
    claims = claims_of(nlp, "Gunmen attacked villages near Dapaong in Togo. "
                            "The army said the attack caused several deaths.")
    assert claims[0].victim == "civilians" and claims[0].victim_actor is None


def test_claims_the_side_that_loses_men_is_not_their_killer(nlp):
    claims = claims_of(nlp, "The Malian army said on Wednesday that it had lost nine men.")
    assert [(c.outcome, c.quantity.value) for c in claims] == [("killed", 9)]
    assert claims[0].perpetrator != "fama"


@pytest.mark.parametrize("text, victim", [
    ("No casualties were reported among the troops, the army added.", "security_forces"),
    ("Two people were wounded among the passengers of the bus.", "civilians"),
])
def test_claims_victims_named_in_an_among_phrase(nlp, text, victim):
    [claim] = claims_of(nlp, text)
    assert claim.victim == victim


def test_claims_a_verb_with_its_own_object_does_not_lend_its_outcome(nlp):
    claims = claims_of(nlp, "The army said it had lost nine men and neutralised 46 assailants.")
    assert [(c.quantity.value, c.victim) for c in claims] == [(9, "security_forces"), (46, "militants")]


def test_claims_toll_of_an_attack_on_people_counts_those_people(nlp):
    claims = claims_of(nlp, "The death toll from an attack on worshippers at a mosque rose to 19, "
                            "an official said.")
    assert [(c.quantity.value, c.victim) for c in claims] == [(19, "civilians")]


def test_claims_others_and_more_count_the_nearest_counted_people(nlp):
    claims = claims_of(nlp, "Gunmen opened fire, killing at least a dozen people and wounding some 20 others.")
    assert [(c.quantity.value, c.victim) for c in claims] == [(12, "unknown"), (20, "unknown")]
    claims = claims_of(nlp, "Jihadists killed ten villagers and wounded several more.")
    assert [c.victim for c in claims] == ["civilians", "civilians"]


def test_civilian_victims_name_the_civilians_party(nlp):
    doc = nlp("Gunmen killed two farmers near Djibo on Sunday.")
    mentions = [e.text for e in doc.ents if e.kb_id_ == "actor:civilians"]
    assert mentions == ["farmers"]
    (claim,) = doc._.claims
    assert claim.victim == "civilians" and claim.victim_actor is None


def test_soldiers_killed_name_no_civilians_party(nlp):
    doc = nlp("Gunmen killed two soldiers near Djibo on Sunday.")
    assert not [e for e in doc.ents if e.kb_id_ == "actor:civilians"]


@pytest.mark.parametrize("text, day", [
    ("the night of 4 to 5 August", "2024-08-04"),
    ("dans la nuit du 4 au 5 août", "2024-08-04"),
    ("the night of 30 July to 1 August", "2024-07-30"),
])
def test_event_date_of_a_night_across_two_days_is_its_first_day(text, day):
    from sahelnlp.pipeline.claims.event_dates import resolve

    assert resolve(text, "2024-08-07") == day


def test_a_date_of_what_is_to_come_is_no_event_date(nlp):
    claims = claims_of(nlp, "Gunmen killed 14 villagers in Kossi. Three days of mourning will begin "
                            "on Wednesday, the government said.", published="2024-08-09")
    assert claims[0].event_date != "2024-08-07"

def _aggregate_rules(claims):
    return [(c.aggregate, c.evidence.get("aggregate")) for c in claims]


@pytest.mark.parametrize("text, rule", [
    ("Six soldiers were killed in two attacks in the north, the army said.", "aggregate.incidents"),
    ("Twelve villagers were killed in a series of raids on farming hamlets.", "aggregate.incidents"),
    ("Three peacekeepers were killed during attacks in northern and central Mali.", "aggregate.incidents"),
    ("Between March 2021 and June 2022, 900 civilians were killed.", "aggregate.range"),
    ("From January 2020 to May 2021, the mission says 700 civilians died.", "aggregate.range"),
    ("ACLED says 500 civilians were killed in Niger.", "aggregate.statistics"),
    ("Some 800 civilians were killed across the country, the group said.", "aggregate.area"),
    ("The gunmen killed 9 people that day: four in one hamlet, three in another and two on the road.",
     "aggregate.parts"),
    ("Thousands of people have died and millions have fled.", "aggregate.vague_total"),
    ("More than 700 people have been killed since the start of the year.", "aggregate.cue"),
])
def test_claims_aggregate_rules(nlp, text, rule):
    claims = claims_of(nlp, text, published="2024-03-14")
    assert claims and _aggregate_rules(claims)[0] == (True, rule)


def test_claims_aggregate_carried_from_the_report_before(nlp):
    text = ("ACLED recorded many attacks on civilians over the past six months. "
            "This represents a sharp increase, with 300 civilians killed.")
    claims = claims_of(nlp, text, published="2024-03-14")
    assert claims[-1].aggregate and claims[-1].evidence["aggregate"] == "aggregate.carried"


@pytest.mark.parametrize("text", [
    # a superlative binds "since" to the attack, not to the count
    "Gunmen killed 30 villagers in the deadliest attack since the junta took power.",
    # a captivity's duration
    "A doctor held since May 2021 and two other hostages were freed on Monday.",
    # a point date of one event
    "The raid came three weeks after a roadside bomb killed two soldiers.",
    "In 2017, four soldiers were killed in an ambush near the town.",
    # a period in a relative clause about the place
    "At least 16 people were killed in an attack on a village where gunmen have struck repeatedly this year.",
    # a modal perfect tells one event's uncertain toll
    "A spokesman said that at least 150 civilians may have been killed in the massacre.",
    # the claim's own verb names one attack, whatever the sentence says of others
    "Two soldiers were wounded in an ambush on the road during two separate attacks in the north.",
    # a split total's own parts are not totals
    "The gunmen killed nine people: four in one hamlet, three in another and two on the road.",
])
def test_claims_not_aggregate(nlp, text):
    claims = claims_of(nlp, text, published="2024-03-14")
    parts = claims[1:] if text.startswith("The gunmen killed nine") else claims
    assert parts and not any(c.aggregate for c in parts), _aggregate_rules(parts)


def test_claims_a_past_year_claim_does_not_give_the_article_its_site(nlp):
    text = ("In 2016, gunmen attacked a hotel in Hombori, killing two guards. "
            "On Monday, militants killed five soldiers in central Mali.")
    claims = claims_of(nlp, text, published="2024-03-14")
    past, now = claims
    assert not past.aggregate and past.event_date is None
    assert now.evidence.get("place") != "article.incident_place" and now.place != past.place
