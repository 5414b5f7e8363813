"""Fixtures of the pipeline tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def rules_alone(nlp):
    """The claim rules without the trained attribution model over them: rule tests assert
    what each rule reads, whatever the shipped weights would change."""
    with nlp.select_pipes(disable=["sahel_claim_attribution"]):
        yield nlp
