"""What a proposer says of a quantity: its outcome, the word that tells it, and who it counts."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True)
class Proposal:
    """A quantity read as a claim: the outcome, its trigger word, the counted noun (None for a
    bare number or an outcome noun), the token that ties the number to its outcome in the
    parse, whether the trigger is itself the counted noun ("12 deaths"), and the rule."""

    outcome: str
    trigger: Token
    noun: Token | None
    anchor: Token
    outcome_noun: bool
    rule: str
