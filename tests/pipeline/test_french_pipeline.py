"""The French pipeline's own readings (issue 17): the French parse in UD labels, French
dates, measures and tokens, per-language lexicons, on sentences written for these tests."""

from __future__ import annotations

import pytest

# rule tests: the trained attribution model is left out (tests/pipeline/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_alone_fr")


def read(nlp, text: str, published: str | None = "2024-08-07"):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)


@pytest.mark.parametrize("text, expected", [
    ("Trois soldats ont perdu la vie dans l'attaque.", [("killed", 3, "security_forces")]),
    ("Cinq civils ont été pris en otage par des hommes armés.", [("abducted", 5, "civilians")]),
    # UD: the number is the passive subject, the people hang under it with "de"
    ("Une douzaine de volontaires ont été tués mercredi.", [("killed", 12, "security_forces")]),
    ("Au total, 20 militaires et un civil ont été tués dans une attaque.",
     [("killed", 20, "security_forces"), ("killed", 1, "civilians")]),
    # a part after "dont" shares the toll before it
    ("Le bilan est de 38 civils morts, dont 14 femmes et 10 enfants.",
     [("killed", 38, "civilians"), ("killed", 14, "civilians"), ("killed", 10, "civilians")]),
])
def test_french_parse_reads_outcome_number_and_group(nlp_fr, text, expected):
    assert [(c.outcome, c.quantity.value, c.victim) for c in read(nlp_fr, text)._.claims] == expected


@pytest.mark.parametrize("text", [
    "Le Burkina Faso représente 17 % des décès dans le monde.",   # a share, not a toll
    "Les assaillants ont fui à 15 kilomètres du village.",         # a distance
    "L'attaque a duré 9 heures.",
])
def test_french_measures_are_no_tolls(nlp_fr, text):
    assert read(nlp_fr, text)._.claims == []


@pytest.mark.parametrize("text, day", [
    ("Dans la nuit de samedi à dimanche, des hommes armés ont tué 12 civils.", "2024-08-03"),
    ("Des hommes armés ont tué hier 12 civils.", "2024-08-06"),
    ("Le 5 courant, des hommes armés ont tué 12 civils.", "2024-08-05"),
    ("Dans la nuit du 4 au 5 août, des hommes armés ont tué 12 civils.", "2024-08-04"),
])
def test_french_dates_resolve_to_the_event_day(nlp_fr, text, day):
    claims = read(nlp_fr, text)._.claims
    assert [c.event_date for c in claims] == [day]


def test_french_tokens_keep_hyphenated_names_and_split_inverted_pronouns(nlp_fr):
    words = [t.text for t in nlp_fr.make_doc("L’État-major de Wagner-Famas, précise-t-il.")]
    assert "État-major" in words and "Wagner-Famas" in words
    assert words[-4:] == ["précise", "-t", "-il", "."]


def test_french_sentences_do_not_break_after_a_name(nlp_fr):
    doc = read(nlp_fr, "Quatre militaires ont été tués, a appris Anadolu jeudi des autorités locales.")
    assert len(list(doc.sents)) == 1
    claim = doc._.claims[0]
    assert claim.source is not None and claim.source.kind == "local official"


def test_french_speaker_of_an_infinitive_is_the_doer(nlp_fr):
    doc = read(nlp_fr, "Les rebelles du CSP-DPA affirment avoir tué 20 soldats maliens.")
    claim = doc._.claims[0]
    assert (claim.perpetrator, claim.evidence["perpetrator"]) == ("csp-dpa", "perpetrator.speaker_did")


def test_french_army_staff_is_the_army(nlp_fr):
    doc = read(nlp_fr, "À Ménaka, l'armée malienne a repoussé une attaque. Selon l'État-Major, "
                       "12 terroristes ont été neutralisés.")
    claim = doc._.claims[-1]
    assert claim.source is not None and claim.source.actor == "fama"


@pytest.mark.parametrize("text, place", [
    ("Des villes du Nord sont sous blocus, huit mois après un coup d'État.", []),
    ("Des Maliens et des Mauritaniens ont été arrêtés.", []),
    ("Des attaques ont frappé la région du Nord au Burkina Faso.", ["Nord", "Burkina Faso"]),
])
def test_french_common_nouns_and_demonyms_are_no_places(nlp_fr, text, place):
    doc = read(nlp_fr, text)
    assert [e.text for e in doc.ents if e.kb_id_.startswith("place:")] == place


def test_each_pipeline_reads_its_own_lexicon(nlp, nlp_fr):
    english = nlp.get_pipe("sahel_claims").lexicon
    french = nlp_fr.get_pipe("sahel_claims").lexicon
    assert (english.lang, french.lang) == ("en", "fr")
    assert "kill" in english.verb_outcome and "tuer" not in english.verb_outcome
    assert "tuer" in french.verb_outcome and "kill" not in french.verb_outcome
    # the English pipeline runs no French surface patterns (no French stemmer per token)
    assert [p.name for p in nlp.get_pipe("sahel_claims").extraction.proposers] == ["parse"]
    assert [p.name for p in nlp_fr.get_pipe("sahel_claims").extraction.proposers] == ["parse", "surface"]


def test_no_french_stemming_runs_on_english_text(nlp, monkeypatch, dev_articles):
    """The English pipeline never computes a French lookup form: no French surface patterns,
    no French word lists, on any token of a real English article."""
    import importlib

    from sahelnlp.readers import read_inputs

    calls = []

    def counting(word: str) -> str:
        calls.append(word)
        return word

    for module in ("sahelnlp.extensions", "sahelnlp.pipeline.claims.lexicon",
                   "sahelnlp.pipeline.claims.proposers.surface"):
        monkeypatch.setattr(importlib.import_module(module), "french_base", counting)
    articles = [a for a in read_inputs([str(dev_articles)]) if a.ok][:5]
    docs = list(nlp.pipe(a.text for a in articles))
    assert sum(len(d._.claims) for d in docs) > 0
    assert calls == []


def test_each_language_ships_its_attribution_weights(nlp_fr):
    from sahelnlp.pipeline.attribution.component import packaged_weights

    for lang in ("en", "fr"):
        folder = packaged_weights(lang)
        assert folder is not None and (folder / "cfg").is_file() and (folder / "model").is_file()
    assert nlp_fr.get_pipe("sahel_claim_attribution").cfg["active"]


@pytest.mark.parametrize("text, perpetrator, rule", [
    # a generic actor right beside a named one stands for it
    ("Huit soldats ont été tués dans une attaque du groupe terroriste Boko Haram.", "boko-haram",
     "perpetrator.french_words"),
    # the subject of a verb that causes the deaths
    ("Le groupe JNIM a fait 12 morts à Djibo.", "jnim", "perpetrator.caused"),
])
def test_french_perpetrator_readings(nlp_fr, text, perpetrator, rule):
    claim = read(nlp_fr, text)._.claims[0]
    assert (claim.perpetrator, claim.evidence["perpetrator"]) == (perpetrator, rule)
