"""The claims extractor's structure: its lexicon files, its named article resolvers, and
the evidence each claim carries of the rule that set each field."""

from __future__ import annotations

import shutil

import pytest
import srsly

from sahelnlp.codebook import PLACE_KINDS, PLACE_SPECIFICITY
from sahelnlp.errors import SahelNLPError
from sahelnlp.pipeline.claims.lexicon import ClaimLexicon, default_lexicon_folder

# rule tests: the trained attribution model is left out (tests/pipeline/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_alone")


def test_each_pipeline_merges_the_shared_file_with_its_own_language(nlp, nlp_fr):
    english, french = nlp.get_pipe("sahel_claims").lexicon, nlp_fr.get_pipe("sahel_claims").lexicon
    assert set(english.parts) == set(french.parts) == {"shared", "en", "fr"}  # all kept for to_disk
    assert "soldier" in english.data["victim_nouns"]["security_forces"]
    assert "soldat" not in english.data["victim_nouns"]["security_forces"]
    assert "soldat" in french.data["victim_nouns"]["security_forces"]
    assert "bilan" in french.toll_nouns and "bilan" not in english.toll_nouns
    # the shared file is in both
    assert english.data["party_types"] == french.data["party_types"]
    # all languages merged, as annotation tools read it
    merged = ClaimLexicon.from_folder()
    assert {"soldier", "soldat"} <= set(merged.data["victim_nouns"]["security_forces"])


def test_a_typo_in_a_lexicon_file_names_the_file_and_the_key(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(default_lexicon_folder(), folder)
    en = srsly.read_yaml(folder / "en.yaml")
    en["reporting_verb"] = en.pop("reporting_verbs")
    srsly.write_yaml(folder / "en.yaml", en)
    with pytest.raises(SahelNLPError, match=r"\[E004\].*en\.yaml.*'reporting_verb' is not a key"):
        ClaimLexicon.from_folder(folder)


def test_a_key_of_the_wrong_type_or_in_no_file_is_refused(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(default_lexicon_folder(), folder)
    fr = srsly.read_yaml(folder / "fr.yaml")
    fr["toll_nouns"] = "bilan"
    srsly.write_yaml(folder / "fr.yaml", fr)
    with pytest.raises(SahelNLPError, match=r"\[E004\].*fr\.yaml.*'toll_nouns' must be a list"):
        ClaimLexicon.from_folder(folder)
    shared = srsly.read_yaml(folder / "shared.yaml")
    del shared["party_types"]
    srsly.write_yaml(folder / "shared.yaml", shared)
    fr["toll_nouns"] = ["bilan"]
    srsly.write_yaml(folder / "fr.yaml", fr)
    with pytest.raises(SahelNLPError, match=r"\[E004\].*'party_types' is in none of the files"):
        ClaimLexicon.from_folder(folder)


def test_an_unknown_article_resolver_is_refused_when_the_pipeline_is_built(nlp):
    import spacy

    blank = spacy.blank("en")
    with pytest.raises(SahelNLPError, match=r"\[E005\].*'?incident_dates'?"):
        blank.add_pipe("sahel_claims", config={"article_resolvers": ["incident_dates"]})


def test_every_field_a_rule_sets_names_the_rule(nlp):
    doc = nlp.make_doc("Jihadists killed 12 soldiers in Boni on Sunday, the army said.\n\n"
                       "Five more soldiers were wounded.")
    doc._.published = "2024-03-05"
    first, second = nlp(doc)._.claims
    assert first.evidence["outcome"] == "parse"
    assert first.evidence["victim"] == "victim.counted_noun"
    assert first.evidence["source"] == "source.reporting_verb"
    assert first.evidence["perpetrator"] == "perpetrator.doer"
    assert first.evidence["event_date"] == "date.own_sentence" and first.event_date == "2024-03-03"
    # the second claim's date and place come from the article's incident
    assert second.evidence["event_date"] == "article.incident_date"
    assert second.event_date == "2024-03-03"
    assert set(first.as_dict()["evidence"]) >= {"outcome", "victim", "source", "perpetrator"}


def test_one_ranking_of_place_kinds_for_claims_and_incidents():
    assert set(PLACE_SPECIFICITY) == set(PLACE_KINDS)
    assert PLACE_SPECIFICITY["village"] > PLACE_SPECIFICITY["town"] > PLACE_SPECIFICITY["region"] \
        > PLACE_SPECIFICITY["area"] > PLACE_SPECIFICITY["country"]


def test_an_unknown_proposer_is_refused_when_the_pipeline_is_built():
    import spacy

    blank = spacy.blank("fr")
    with pytest.raises(SahelNLPError, match=r"\[E083\].*'grammar'"):
        blank.add_pipe("sahel_claims", config={"proposers": ["parse", "grammar"]})
