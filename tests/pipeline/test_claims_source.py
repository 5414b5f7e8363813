"""Source attribution on constructed sentences: the party a speaker speaks for,
phrases that report nothing, relays, speakers outside the claim's sentence."""

from __future__ import annotations

import pytest


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
    ("Douze civils ont été tués, selon une source sécuritaire.", "security source"),
    ("Douze civils ont été tués, selon le préfet de la région.", "local official"),
])
def test_source_kind_of_an_anonymous_speaker(nlp, text, kind):
    assert sources_of(nlp, text) == [(None, kind)]
