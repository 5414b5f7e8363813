"""Fixtures of the pipeline tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def rules_alone(nlp):
    """The claim rules without the trained attribution model over them: rule tests assert
    what each rule reads, whatever the shipped weights would change."""
    with nlp.select_pipes(disable=["sahel_claim_attribution"]):
        yield nlp


@pytest.fixture
def rules_alone_fr(nlp_fr):
    """The French pipeline's claim rules without its trained attribution model."""
    with nlp_fr.select_pipes(disable=["sahel_claim_attribution"]):
        yield nlp_fr
