"""Typed records for casualty claims (codebook section 1), and what the rules return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from spacy.tokens import Span

from .quantities import Quantity


class Finding(NamedTuple):
    """What one rule decided for one field of a claim, and the rule's id
    ("victim.counted_noun", "source.according_to"), kept as the claim's evidence."""

    value: Any
    rule: str


@dataclass
class Source:
    """Who states a number: `text` as written, and an actor id or a codebook role.
    `span`: where the text stands in the doc (character offsets, end exclusive)."""

    text: str
    actor: str | None = None
    kind: str | None = None
    span: tuple[int, int] | None = None

    @classmethod
    def of(cls, words: Span, actor: str | None = None, kind: str | None = None) -> "Source":
        return cls(text=words.text, actor=actor, kind=kind, span=(words.start_char, words.end_char))

    def as_dict(self) -> dict:
        return {"text": self.text, "actor": self.actor, "kind": self.kind,
                "span": list(self.span) if self.span else None}


@dataclass
class Claim:
    """One statement that a number of people of one kind suffered one outcome.

    `span` and `sentence` are character offsets into the doc text, end exclusive.
    """

    outcome: str
    quantity: Quantity
    quantity_chars: tuple[int, int]
    victim: str = "unknown"
    victim_actor: str | None = None
    perpetrator: str | None = None
    source: Source | None = None
    claimed: bool = False
    aggregate: bool = False
    superseded: bool = False
    negated: bool = False
    event_date: str | None = None
    place: str | None = None
    span: tuple[int, int] = (0, 0)
    sentence: tuple[int, int] = (0, 0)
    score: float = 0.5
    # whether a noun says who the number counts ("17 soldiers") or the number stands alone
    counted_noun: bool = True
    # whether the outcome is a noun the number counts ("several deaths", "70 casualties")
    outcome_noun: bool = False
    # where the counted noun stands ("17 soldiers"), and the word that tells the outcome
    victim_span: tuple[int, int] | None = None
    trigger_span: tuple[int, int] | None = None
    # which incident of its article the claim tells: 0 the main one, 1, 2… the ones the
    # article recalls or reports beside it (an earlier attack, an accident)
    incident: int = 0
    # field -> the id of the rule or model that set it, for review and for grouping misses
    evidence: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: Any, rule: str) -> None:
        """Set a field and record the rule that set it."""
        setattr(self, name, value)
        self.evidence[name] = rule

    def as_dict(self) -> dict:
        return {
            "outcome": self.outcome,
            "quantity": self.quantity.as_dict(),
            "victim": self.victim,
            "victim_actor": self.victim_actor,
            "perpetrator": self.perpetrator,
            "source": self.source.as_dict() if self.source else None,
            "claimed": self.claimed,
            "aggregate": self.aggregate,
            "superseded": self.superseded,
            "negated": self.negated,
            "event_date": self.event_date,
            "place": self.place,
            "span": list(self.span),
            "quantity_span": list(self.quantity_chars),
            "victim_span": list(self.victim_span) if self.victim_span else None,
            "trigger_span": list(self.trigger_span) if self.trigger_span else None,
            "sentence": list(self.sentence),
            "score": self.score,
            "article_incident": self.incident,
            "evidence": dict(self.evidence),
        }
