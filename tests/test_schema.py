"""The shipped JSON Schema: itself valid, accepts real records, rejects broken ones."""

from __future__ import annotations

import copy

import pytest
from jsonschema import Draft202012Validator

from sahelnlp.article import Article
from sahelnlp.output import load_schema, record_from_docs
from sahelnlp.validate import problems_of

TEXT = "JNIM fighters killed at least 17 soldiers near Boni in Mali on Sunday, the army said."


@pytest.fixture(scope="module")
def record(nlp) -> dict:
    doc = nlp.make_doc(TEXT)
    doc._.published = "2023-03-28"
    return record_from_docs(Article(id="s1", text=TEXT, source="test"), [(0, nlp(doc))],
                            {"version": "0", "model": "m", "gazetteer": "g", "lexicon": "l"})


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(load_schema())


def test_schema_accepts_a_real_record(record):
    assert problems_of(record) == []
    assert record["claims"] and record["actors"] and record["places"]


@pytest.mark.parametrize("breakage", [
    lambda r: r.pop("errors"),
    lambda r: r.__setitem__("schema", "sahelnlp/0"),
    lambda r: r["claims"][0].__setitem__("outcome", "hurt"),
    lambda r: r["claims"][0]["quantity"].__setitem__("value", "17"),
    lambda r: r["places"][0].__setitem__("lat", 123.0),
    lambda r: r["meta"].__setitem__("published", "28/03/2023"),
    lambda r: r["entities"][0].__setitem__("start", r["entities"][0]["start"] + 1),
])
def test_schema_rejects_broken_records(record, breakage):
    broken = copy.deepcopy(record)
    breakage(broken)
    assert problems_of(broken)


def test_schema_enums_are_the_codebook_vocabularies():
    from sahelnlp import codebook

    defs = load_schema()["$defs"]
    assert tuple(defs["claim"]["properties"]["outcome"]["enum"]) == codebook.OUTCOMES
    assert tuple(defs["claim"]["properties"]["victim"]["enum"]) == codebook.VICTIM_GROUPS
    assert tuple(defs["place"]["properties"]["kind"]["enum"]) == codebook.PLACE_KINDS
    assert tuple(defs["actor"]["properties"]["type"]["enum"]) == codebook.ACTOR_TYPES
    assert tuple(defs["source"]["properties"]["kind"]["enum"]) == (None, *codebook.SOURCE_KINDS)


def test_every_schema_field_is_described():
    def undescribed(node: dict, path: str):
        for name, child in node.get("properties", {}).items():
            if "description" not in child:
                yield f"{path}.{name}"
            yield from undescribed(child, f"{path}.{name}")

    schema = load_schema()
    missing = list(undescribed(schema, "record"))
    for name, definition in schema["$defs"].items():
        missing += list(undescribed(definition, name))
    assert missing == []
