"""The gold corpus itself: well-formed, and its offsets still fit the texts it annotates."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelnlp.evaluation import gold_articles, load_gold

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "corpus" / "gold"
OUTCOMES = {"killed", "injured", "abducted", "missing", "arrested", "casualties"}
VICTIMS = {"civilians", "security_forces", "militants", "peacekeepers", "foreign_forces", "mixed", "unknown"}


@pytest.fixture(scope="module")
def gold():
    return load_gold([GOLD])


@pytest.fixture(scope="module")
def texts(gold):
    roots = [REPO.parent / "shared", REPO / "corpus"]
    if not (REPO.parent / "shared").is_dir():
        pytest.skip(f"shared inputs not found at {REPO.parent / 'shared'}")
    return {a.id: a for a in gold_articles(gold, roots)}


def test_gold_corpus_size(gold):
    assert len(gold) >= 36
    assert sum(len(g.claims) for g in gold) >= 150


def test_gold_claims_follow_codebook_values(gold):
    for item in gold:
        for claim in item.claims:
            assert claim["outcome"] in OUTCOMES, item.doc
            assert claim["victim"] in VICTIMS, item.doc
            quantity = claim["quantity"]
            if quantity["value"] is not None and quantity["low"] is not None and quantity["high"] is not None:
                assert quantity["low"] <= quantity["value"] <= quantity["high"] or quantity["approximate"], item.doc


def test_gold_offsets_fit_their_texts(gold, texts):
    for item in gold:
        article = texts.get(item.doc)
        assert article is not None, f"{item.path}: its input article {item.doc} was not found"
        assert article.ok, article.errors
        text = article.text
        for claim in item.claims:
            assert text[claim["span"][0]:claim["span"][1]] == claim["quantity"]["text"], (item.doc, claim)
        for place in item.places:
            assert text[place["start"]:place["end"]] == place["text"], (item.doc, place)
        for actor in item.actors:
            for start, end in actor["mentions"]:
                assert 0 <= start < end <= len(text), (item.doc, actor["id"])
