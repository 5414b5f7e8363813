"""Incidents scored against the gold incident keys (codebook section 4).

- Grouping, pairwise: predicted claims are matched to gold claims article by article (as
  the claim scores match them); over every pair of matched claims that belong to an
  incident in the gold, a pair is predicted together when the two claims fall in one
  predicted incident, and is together in truth when they share a gold key. Precision,
  recall and F1 over those pairs; the same over pairs from two different articles only,
  which is what grouping across articles has to get right.
- Fatalities: the gold incident's low and high are computed from its gold claims as UCDP
  GED computes them (`eventdata/fatalities.py`: independent figures for low, party
  claims informing high; low 0 with party claims only); the predicted incident holding
  most of its matched claims is right when its best (0 when it has none) lies within
  that range; a gold incident no predicted claim matches is wrong. Gold incidents with
  no death count apart.
- Type: the predicted incident's ACLED sub-event type against the gold incident's type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from math import comb

from ..eventdata.event_types import CODEBOOK_TYPES, event_type
from ..eventdata.fatalities import fatalities
from ..eventdata.incident_table import resolve_sides
from ..eventdata.incidents import IncidentSettings, build_incidents
from ..eventdata.sides import CIVILIANS, GROUP_CAMPS, MILITANTS, STATE
from .gold import GoldDoc
from .metrics import PRF, Accuracy, match_claims


@dataclass
class IncidentScores:
    pairs: PRF = field(default_factory=PRF)
    cross_article_pairs: PRF = field(default_factory=PRF)
    best_in_range: Accuracy = field(default_factory=Accuracy)
    no_deaths_right: Accuracy = field(default_factory=Accuracy)
    event_type: Accuracy = field(default_factory=Accuracy)
    gold_incidents: int = 0
    predicted_incidents: int = 0
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"pairs": self.pairs.as_dict(), "cross_article_pairs": self.cross_article_pairs.as_dict(),
                "best_in_range": self.best_in_range.as_dict(), "no_deaths_right": self.no_deaths_right.as_dict(),
                "event_type": self.event_type.as_dict(), "gold_incidents": self.gold_incidents,
                "predicted_incidents": self.predicted_incidents}


@dataclass
class _GoldMember:
    """A gold claim in the shape `fatalities` reads."""

    article_id: str
    index: int
    claim: dict

    @property
    def ref(self) -> dict:
        return {"article_id": self.article_id, "claim_index": self.index}

    @property
    def source(self):
        return (self.claim.get("source") or {}).get("actor")


def score_incidents(gold: list[GoldDoc], predictions: dict[str, dict],
                    settings: IncidentSettings | None = None) -> IncidentScores:
    """Score the incidents built from the predictions of these gold documents."""
    records = [predictions[item.doc] for item in gold if item.doc in predictions]
    incidents = build_incidents(records, settings)
    owner = {(m.article_id, m.index): incident for incident in incidents for m in incident.members}
    scores = IncidentScores(predicted_incidents=len(incidents))
    items = _matched_items(gold, predictions, owner)
    _score_pairs(items, scores)
    predicted = {i.incident_id: (fatalities(i.members, resolve_sides(i).category_of).best, event_type(i.members)[1])
                 for i in incidents}
    _score_figures_and_types(gold, items, predicted, scores)
    return scores


def _matched_items(gold: list[GoldDoc], predictions: dict[str, dict], owner: dict) -> list[tuple[str, str, str]]:
    """(article, gold key, predicted incident id or a singleton name) per matched claim."""
    items = []
    for item in gold:
        record = predictions.get(item.doc) or {"claims": []}
        index_of = {id(claim): n for n, claim in enumerate(record.get("claims", []))}
        pairs, _, _ = match_claims(item.claims, record.get("claims", []))
        for gold_claim, predicted in pairs:
            if not gold_claim.get("incident"):
                continue
            incident = owner.get((item.doc, index_of[id(predicted)]))
            name = incident.incident_id if incident else f"alone:{item.doc}:{index_of[id(predicted)]}"
            items.append((item.doc, gold_claim["incident"], name))
    return items


def _score_pairs(items: list[tuple[str, str, str]], scores: IncidentScores) -> None:
    both = Counter((g, p) for _, g, p in items)
    gold_sizes = Counter(g for _, g, _ in items)
    predicted_sizes = Counter(p for _, _, p in items)
    within = Counter((a, g, p) for a, g, p in items)
    within_gold = Counter((a, g) for a, g, _ in items)
    within_predicted = Counter((a, p) for a, _, p in items)
    together = sum(comb(n, 2) for n in both.values())
    gold_pairs = sum(comb(n, 2) for n in gold_sizes.values())
    predicted_pairs = sum(comb(n, 2) for n in predicted_sizes.values())
    scores.pairs.tp, scores.pairs.fp, scores.pairs.fn = together, predicted_pairs - together, gold_pairs - together
    cross_together = together - sum(comb(n, 2) for n in within.values())
    cross_gold = gold_pairs - sum(comb(n, 2) for n in within_gold.values())
    cross_predicted = predicted_pairs - sum(comb(n, 2) for n in within_predicted.values())
    scores.cross_article_pairs.tp = cross_together
    scores.cross_article_pairs.fp = cross_predicted - cross_together
    scores.cross_article_pairs.fn = cross_gold - cross_together


def _score_figures_and_types(gold: list[GoldDoc], items: list[tuple[str, str, str]],
                             predicted: dict[str, tuple[int | None, str | None]], scores: IncidentScores) -> None:
    members: dict[str, list[_GoldMember]] = {}
    types: dict[str, str] = {}
    for item in gold:
        for n, claim in enumerate(item.claims):
            if claim.get("incident"):
                members.setdefault(claim["incident"], []).append(_GoldMember(item.doc, n, claim))
        types.update({i["key"]: i.get("type") for i in item.incidents if i.get("key")})
    votes: dict[str, Counter] = {}
    for _, key, name in items:
        votes.setdefault(key, Counter())[name] += 1
    scores.gold_incidents = len(members)
    for key, found in members.items():
        truth = fatalities(found, _gold_category)
        name = votes[key].most_common(1)[0][0] if key in votes else None
        best, sub_type = predicted.get(name, (None, None))
        if truth.high:  # the gold's range: its independent low (0 with party claims only) to its high
            low = truth.low or 0
            right = name is not None and low <= (best or 0) <= truth.high
            scores.best_in_range.total += 1
            scores.best_in_range.right += right
            if not right:
                scores.misses.append({"doc": found[0].article_id, "kind": "incident best out of range",
                                      "incident": key, "gold_low": low, "gold_high": truth.high,
                                      "predicted_best": best, "predicted": name})
        else:
            scores.no_deaths_right.total += 1
            scores.no_deaths_right.right += name is not None and not best
        if types.get(key):
            scores.event_type.total += 1
            scores.event_type.right += name is not None and CODEBOOK_TYPES.get(sub_type or "", "other") == types[key]


def _gold_category(member: _GoldMember) -> str:
    """A gold claim's side by its victim group (the state's side a, fighters b), as `sides.py` camps them."""
    camp = GROUP_CAMPS.get(member.claim["victim"])
    return {STATE: "a", MILITANTS: "b", CIVILIANS: "civilians"}.get(camp, "unknown")
