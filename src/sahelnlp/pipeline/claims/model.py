"""Typed records for casualty claims (codebook section 1)."""

from __future__ import annotations

from dataclasses import dataclass

from .quantities import Quantity


@dataclass
class Source:
    """Who states a number: `text` as written, and an actor id or a codebook role."""

    text: str
    actor: str | None = None
    kind: str | None = None

    def as_dict(self) -> dict:
        return {"text": self.text, "actor": self.actor, "kind": self.kind}


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
            "sentence": list(self.sentence),
            "score": self.score,
        }
