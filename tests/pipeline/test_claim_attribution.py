"""The trained attribution model over the rules' claims (`sahel_claim_attribution`): its
gold reader, how it learns, how it is saved, and that without weights the rules decide."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from spacy.training import Example
from thinc.api import Adam

from sahelnlp.errors import SahelNLPError
from sahelnlp.pipeline.attribution.component import GOLD_KEY, ClaimAttribution, gold_slot_key, slot_key
from sahelnlp.pipeline.attribution.corpus import gold_texts

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "corpus" / "gold"
NAME = "sahel_claim_attribution"


@pytest.fixture(scope="module")
def constructed_split(tmp_path_factory) -> Path:
    """A split of the constructed gold texts (they live in the repo): eight to train on,
    four to check."""
    rows = ["input\tdoc\tsplit\tcluster\tlang\tcountry"]
    for number in range(1, 13):
        part = "train" if number <= 8 else "dev"
        rows.append(f"constructed/articles.jsonl\tc{number:03d}\t{part}\tk{number}\ten\tML")
    path = tmp_path_factory.mktemp("split") / "split.tsv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def examples(nlp, constructed_split) -> list[Example]:
    """The constructed train texts run through the rules, each with its gold claims."""
    texts = gold_texts(GOLD, ["train"], split=constructed_split)
    made = []
    with nlp.select_pipes(disable=[NAME]):
        for item in texts:
            predicted = nlp(item.text)
            reference = nlp.make_doc(item.text)
            reference.user_data[GOLD_KEY] = item.claims
            made.append(Example(predicted, reference))
    return made


def fresh_component(nlp, **config) -> ClaimAttribution:
    """A new component, under a name of its own: create_pipe records its config under its
    name, which must not overwrite the shared pipeline's."""
    return nlp.create_pipe("sahel_claim_attribution", name="attribution_under_test", config=config)


def test_the_reader_takes_the_parts_the_split_names(constructed_split):
    train = gold_texts(GOLD, ["train"], split=constructed_split)
    dev = gold_texts(GOLD, ["dev"], split=constructed_split)
    assert [t.doc for t in train] == [f"c{n:03d}" for n in range(1, 9)]
    assert [t.doc for t in dev] == ["c009", "c010", "c011", "c012"]
    assert all(t.text and t.claims for t in train)


def test_a_part_with_no_documents_is_an_error_that_names_the_split(constructed_split):
    with pytest.raises(SahelNLPError, match=r"\[E007\].*test.*split\.tsv"):
        gold_texts(GOLD, ["test"], split=constructed_split)


def test_an_unknown_slot_is_refused(nlp):
    with pytest.raises(SahelNLPError, match=r"\[E006\].*hostage"):
        fresh_component(nlp, slots=["victim", "hostage"])


def test_without_weights_the_rules_decide_alone(nlp, examples, tmp_path):
    component = fresh_component(nlp)
    component.initialize(weights=str(tmp_path / "no-weights-here"))
    assert component.cfg["active"] is False
    doc = examples[0].predicted
    before = [claim.as_dict() for claim in doc._.claims]
    assert before
    assert [claim.as_dict() for claim in component(doc)._.claims] == before


def test_the_rules_only_pipeline_has_no_model():
    from sahelnlp.assemble import load_pipeline

    assert NAME not in load_pipeline(rules_only=True).pipe_names


def test_the_model_learns_the_training_claims_and_saves_what_it_learned(nlp, examples, tmp_path):
    component = fresh_component(nlp, rule_prior=0.0, model={
        "@architectures": "sahelnlp.AttributionScorer.v1", "hidden_width": 32, "dropout": 0.0})
    component.initialize(lambda: examples, nlp=nlp, from_scratch=True)
    assert component.cfg["active"] and component.cfg["width"] > 0
    optimizer = Adam(0.01)
    losses = [component.update(examples, sgd=optimizer)[component.name] for _ in range(25)]
    assert losses[-1] < losses[0] / 2
    first, scores = _decide(component, examples)
    assert scores["attribution_acc"] > 0.9

    component.to_disk(tmp_path / "weights")
    reloaded = fresh_component(nlp, rule_prior=0.0, model={
        "@architectures": "sahelnlp.AttributionScorer.v1", "hidden_width": 32, "dropout": 0.0})
    reloaded.initialize(weights=str(tmp_path / "weights"))
    assert reloaded.cfg["active"]
    again, _ = _decide(reloaded, examples)
    assert first == again


def test_the_model_names_itself_in_the_evidence_of_what_it_changed(nlp, examples):
    component = fresh_component(nlp, rule_prior=0.0, model={
        "@architectures": "sahelnlp.AttributionScorer.v1", "hidden_width": 32, "dropout": 0.0})
    component.initialize(lambda: examples, nlp=nlp, from_scratch=True)
    optimizer = Adam(0.01)
    for _ in range(25):
        component.update(examples, sgd=optimizer)
    records, _ = _decide(component, examples)
    changed = [rule for record in records for rule in record["evidence"].values() if rule.startswith("model")]
    assert changed and set(changed) == {"model.attribution"}


def test_gold_and_claims_are_compared_by_the_same_keys(examples):
    eg = examples[0]
    gold = eg.reference.user_data[GOLD_KEY][0]
    assert gold_slot_key("victim", gold) == gold["victim"]
    assert gold_slot_key("source", {"source": None}) == "none"
    assert slot_key("victim", eg.predicted._.claims[0]) == eg.predicted._.claims[0].victim


def _decide(component: ClaimAttribution, examples: list[Example]) -> tuple[list[dict], dict]:
    """The claims (as records) after the component decided them, and its scores; the
    examples keep the rules' claims."""
    records, originals = [], []
    for eg in examples:
        originals.append(eg.predicted._.claims)
        eg.predicted._.claims = [replace(claim, evidence=dict(claim.evidence)) for claim in originals[-1]]
        component(eg.predicted)
        records += [claim.as_dict() for claim in eg.predicted._.claims]
    scores = component.score(examples)
    for eg, claims in zip(examples, originals):
        eg.predicted._.claims = claims
    return records, scores


def test_a_config_may_leave_a_trained_slot_to_the_rules(nlp, examples, tmp_path):
    trained = fresh_component(nlp, model={"@architectures": "sahelnlp.AttributionScorer.v1", "hidden_width": 16})
    trained.initialize(lambda: examples, nlp=nlp, from_scratch=True)
    trained.to_disk(tmp_path / "weights")
    fewer = fresh_component(nlp, slots=["victim", "perpetrator"],
                            model={"@architectures": "sahelnlp.AttributionScorer.v1", "hidden_width": 16})
    fewer.initialize(weights=str(tmp_path / "weights"))
    assert fewer.cfg["active"] and fewer.cfg["slots"] == ["victim", "perpetrator"]
    records, _ = _decide(fewer, examples)
    assert all(rule != "model.attribution" for record in records for field, rule in record["evidence"].items()
               if field not in ("victim", "victim_actor", "perpetrator"))
