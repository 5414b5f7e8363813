"""Victims read from context (codebook section 1): a toll that names no group counts the
people its incident attacked, the sides of a fight, or the group a list names. One
constructed case per rule."""

from __future__ import annotations

import pytest

# rule tests: the trained attribution model is left out (tests/pipeline/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_alone")


def victims(nlp, text: str) -> list[tuple[int | None, str, str]]:
    """(figure, victim group, rule) of each claim the rules read (the model is left out)."""
    doc = nlp(text)
    return [(c.quantity.value, c.victim, c.evidence.get("victim")) for c in doc._.claims]


@pytest.mark.parametrize("text, group", [
    ("Gunmen stormed the village on Sunday, killing 20 people.", "civilians"),
    ("Twelve people were killed in a mosque attack in the east.", "civilians"),
    ("The toll of the attack on the military post rose to 12 dead.", "security_forces"),
    ("Jihadists attacked a refugee camp in the east, killing 9 people.", "civilians"),
    ("Militants ambushed a supply convoy of the army, killing 14 people.", "security_forces"),
])
def test_a_neutral_toll_counts_what_its_sentence_says_was_attacked(nlp, text, group):
    [(_, victim, rule)] = victims(nlp, text)
    assert (victim, rule) == (group, "article.attack_target")


def test_a_landmark_is_not_a_target(nlp):
    [(_, victim, _)] = victims(nlp, "Unknown men opened an attack near the village of Kossi and 8 people died.")
    assert victim == "unknown"


def test_the_attackers_are_not_the_target(nlp):
    [(_, victim, _)] = victims(nlp, "Eight people were killed by gunmen on Sunday.")
    assert victim == "unknown"


def test_the_target_of_the_sentence_before_counts(nlp):
    found = victims(nlp, "Armed men attacked a weekly market in the north on Friday. "
                         "At least 11 people died, a local official said.")
    assert found == [(11, "civilians", "article.attack_target")]


def test_the_target_in_the_headline_counts_for_a_later_toll(nlp):
    found = victims(nlp, "Gunmen raid village in central Mali\n\nThe attack began at dawn. "
                         "Residents fled to the nearby town. Later 15 bodies were found, a local official said.")
    assert found[-1][1] == "civilians"


@pytest.mark.usefixtures("rules_alone_fr")
def test_a_french_target_is_read_from_the_surface(nlp_fr):
    found = victims(nlp_fr, "Des hommes armés ont attaqué le poste militaire de Boni. Le bilan est de 15 morts.")
    assert found == [(15, "security_forces", "article.attack_target")]


def test_the_dead_of_a_fight_between_two_armed_sides_are_of_both(nlp):
    [(_, victim, rule)] = victims(nlp, "Clashes between Dozo hunters and fighters of the Katiba Macina "
                                       "left dozens dead on Sunday.")
    assert (victim, rule) == ("mixed", "article.two_sides")


def test_a_list_of_several_groups_makes_the_total_mixed(nlp):
    found = victims(nlp, "An attack in the park killed at least eight people, including soldiers, "
                         "park rangers and instructors.")
    assert found[0][:2] == (8, "mixed")


def test_an_outcome_noun_with_a_group_word_counts_that_group(nlp):
    [(_, victim, rule)] = victims(nlp, "The agency counted 212 civilian deaths in the region.")
    assert (victim, rule) == ("civilians", "victim.described_outcome")


def test_men_listed_with_women_and_children_are_civilians(nlp):
    found = victims(nlp, "Soldiers killed 40 men, 12 women and 9 children in the village.")
    assert [v for _, v, _ in found] == ["civilians"] * 3


def test_people_seized_with_no_group_named_are_civilians(nlp):
    [(_, victim, rule)] = victims(nlp, "A trader said that up to 30 people had been abducted on the road.")
    assert (victim, rule) == ("civilians", "article.taken_people")


def test_a_toll_told_again_nearby_with_its_group_takes_that_group(nlp):
    found = victims(nlp, "Nine soldiers were killed on Monday, the army said. "
                         "The toll of nine dead was confirmed by a local official.")
    assert [v for _, v, _ in found] == ["security_forces", "security_forces"]
    assert found[1][2] == "article.same_toll"


def test_a_total_over_many_incidents_keeps_unknown_victims(nlp):
    [(_, victim, _)] = victims(nlp, "Attacks on villages have killed more than 2,000 people since 2015.")
    assert victim == "unknown"


def perpetrators(nlp, text: str) -> list[tuple[int | None, str | None, str | None]]:
    """(figure, perpetrator, rule) of each claim the rules read (the model is left out)."""
    doc = nlp(text)
    return [(c.quantity.value, c.perpetrator, c.evidence.get("perpetrator")) for c in doc._.claims]


def test_an_article_that_calls_unnamed_attackers_terrorists_blames_jihadists(nlp):
    found = perpetrators(nlp, "The terrorist attack on the post began at dawn. "
                              "Eleven soldiers were killed, the army said.")
    assert found == [(11, "jihadists-unidentified", "article.unnamed_attacker")]


def test_air_strikes_with_no_author_named_are_the_army_s(nlp):
    found = perpetrators(nlp, "The Malian army said it was hunting terrorists in the north. "
                              "Residents said drone strikes on a market killed 11 civilians.")
    assert found[-1][1:] == ("fama", "article.air_strikes")


def test_a_mine_with_no_author_named_is_blamed_on_no_one(nlp):
    found = perpetrators(nlp, "JNIM fighters attacked the town on Monday. "
                              "On the road, a mine killed 35 people travelling to the market.")
    assert found[-1][:2] == (35, None)


def test_a_recalled_attack_keeps_only_what_its_own_sentence_says(nlp):
    doc = nlp("JNIM fighters killed 12 soldiers in Boni on 3 March 2024, the army said. "
              "In a separate attack on the village of Tassara, 9 people were killed.")
    main, recalled = doc._.claims
    assert (main.incident, main.perpetrator) == (0, "jnim")
    assert recalled.incident == 1 and "incident" not in recalled.evidence
    assert recalled.perpetrator is None and recalled.event_date is None


def test_a_place_in_the_source_s_own_words_is_not_the_claim_s(nlp):
    doc = nlp("An ambush on an army convoy left 70 casualties, a source at the hospital in Sévaré said.")
    [claim] = doc._.claims
    assert claim.source is not None and claim.place is None


def test_a_sub_count_after_including_is_a_claim_of_its_own(nlp):
    found = victims(nlp, "Airstrikes on a village killed 21 civilians, including 11 children, a spokesman said.")
    assert [(value, group) for value, group, _ in found] == [(21, "civilians"), (11, "civilians")]


@pytest.mark.parametrize("text", [
    "Presumed militants assassinated the village chief near Dogofry on Sunday.",
    "Gunmen executed a marabout accused of sorcery in Kakou.",
])
def test_a_person_singled_out_as_the_object_of_an_outcome_is_a_claim_of_one(nlp, text):
    found = victims(nlp, text)
    assert [(value, group) for value, group, _ in found] == [(1, "civilians")]


def test_a_singled_out_person_who_died_is_a_claim_of_one(nlp):
    found = victims(nlp, "Islamists shot down a helicopter. The pilot died of his wounds.")
    assert [value for value, _, _ in found] == [1]


def test_an_attempted_killing_is_no_claim(nlp):
    assert victims(nlp, "Militiamen attempted to assassinate two villagers, who escaped with wounds.") == []


def test_people_abducted_then_killed_are_killed(nlp):
    doc = nlp("Militiamen abducted and killed five villagers near the river.")
    assert [(c.outcome, c.quantity.value) for c in doc._.claims] == [("killed", 5)]


def test_people_the_parse_hangs_elsewhere_still_take_the_passive_after_them(nlp):
    doc = nlp("On August 21, JNIM militants ambushed a logistics convoy of the National Guard near Boni on "
              "the transit route toward Hombori, four soldiers and a civilian were killed in the attack.")
    assert [(c.outcome, c.quantity.value, c.victim) for c in doc._.claims] == [
        ("killed", 4, "security_forces"), ("killed", 1, "civilians")]


def test_a_claim_no_sentence_places_takes_the_site_the_opening_names(nlp):
    doc = nlp("Gunmen raid village of Sangha in central Mali\n\nThe attackers came at dawn on motorbikes. "
              "Fifteen bodies were buried this morning, a local official said.")
    [claim] = doc._.claims
    assert claim.place is not None and claim.evidence["place"] == "article.opening_place"


@pytest.mark.parametrize("text, expected", [
    ("Gunmen abducted eight tourists, four of whom were Italian.", [("abducted", 8), ("abducted", 4)]),
    ("The dead include three attackers, the army said.", [("killed", 3)]),
])
def test_a_part_of_counted_people_shares_the_toll_s_outcome(nlp, text, expected):
    assert [(c.outcome, c.quantity.value) for c in nlp(text)._.claims] == expected


@pytest.mark.parametrize("text, group, actor", [
    ("The CSP-DPA said they had taken seven Wagner fighters hostage, and said they had lost nine men "
     "in the fighting.", "militants", "csp-dpa"),
    ("The Malian army said on Tuesday that it had lost five men in an ambush near Boni.", "security_forces", "fama"),
])
def test_a_speaker_who_says_they_lost_men_counts_its_own(nlp, text, group, actor):
    """Not whichever actor was named last before the pronoun (here Wagner)."""
    doc = nlp(text)
    [lost] = [c for c in doc._.claims if c.evidence.get("victim") == "article.speaker_lost"]
    assert (lost.victim, lost.victim_actor) == (group, actor)


@pytest.mark.parametrize("text", [
    "According to the Burkinabe army, JNIM fighters attacked Boni on Sunday, but they lost 30 men.",
    "\"The terrorists were routed. They lost about thirty men,\" the Malian army said.",
])
def test_a_pronoun_outside_the_speakers_indirect_speech_is_not_the_speaker(nlp, text):
    doc = nlp(text)
    assert [c.evidence.get("victim") for c in doc._.claims] and \
        all(c.evidence.get("victim") != "article.speaker_lost" for c in doc._.claims)
