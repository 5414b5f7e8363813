"""The whole pipeline round-trips through nlp.to_disk() / spacy.load() with the same output."""

from __future__ import annotations

import spacy

from sahelnlp.output import record_from_docs
from sahelnlp.article import Article

TEXT = ("Suspected jihadists killed at least 12 soldiers near Boni in central Mali on Monday, "
        "the Malian army said. JNIM later claimed the attack.")


def _record(nlp) -> dict:
    doc = nlp.make_doc(TEXT)
    doc._.published = "2024-03-12"
    doc = nlp(doc)
    return record_from_docs(Article(id="t", text=TEXT, source="test"), [(0, doc)], {})


def test_every_factory_resolves():
    for name in ("sahel_actors", "sahel_places", "sahel_claims"):
        assert spacy.Language.has_factory(name)


def test_pipeline_to_disk_and_load_give_same_output(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert _record(loaded) == _record(nlp)


def test_component_dirs_round_trip(nlp, tmp_path):
    blank = spacy.blank("en")
    for name in ("sahel_actors", "sahel_places", "sahel_claims"):
        nlp.get_pipe(name).to_disk(tmp_path / name)
        blank.add_pipe(name).from_disk(tmp_path / name)
    assert blank.get_pipe("sahel_actors").kb.records == nlp.get_pipe("sahel_actors").kb.records
    assert len(blank.get_pipe("sahel_places").gazetteer) == len(nlp.get_pipe("sahel_places").gazetteer)
    assert blank.get_pipe("sahel_claims").lexicon.parts == nlp.get_pipe("sahel_claims").lexicon.parts


def test_pipeline_bytes_round_trip(nlp):
    copy = spacy.util.load_model_from_config(nlp.config, auto_fill=False)
    copy.from_bytes(nlp.to_bytes())
    assert _record(copy) == _record(nlp)
