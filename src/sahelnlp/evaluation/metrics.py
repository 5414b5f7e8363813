"""Scores of predicted records against gold: claims, claim attributes, places, actors.

A predicted claim matches a gold claim of the same article when outcome and
value agree (for a quantity without a value, its low and high); among several
candidates the nearest in the text wins. Attributes are scored on matched
claims only; for the rare flags the F1 of the positive cases is given too,
since accuracy alone rewards never setting them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extensions import PLACE_PREFIX
from ..geo import distance_km as haversine_km
from ..normalize import fold
from .gold import GoldDoc

ATTRIBUTES = ("victim", "victim_actor", "source", "claimed", "perpetrator", "aggregate",
              "superseded", "negated", "event_date", "place")
FLAGS = ("claimed", "aggregate", "superseded", "negated")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAX_KM = 25.0


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": _round(self.precision),
                "recall": _round(self.recall), "f1": _round(self.f1)}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def as_dict(self) -> dict:
        return {"right": self.right, "total": self.total, "accuracy": _round(self.value)}


@dataclass
class Scores:
    claims: PRF = field(default_factory=PRF)
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    flags: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in FLAGS})
    place_mentions: PRF = field(default_factory=PRF)
    place_links: Accuracy = field(default_factory=Accuracy)
    actors: PRF = field(default_factory=PRF)
    # attribute -> the rule that set it (the claim's evidence) -> how often it was right
    by_rule: dict[str, dict[str, Accuracy]] = field(default_factory=dict)
    documents: int = 0
    # incidents across the documents, set when a whole part is scored (evaluation/incidents.py)
    incidents: object | None = None
    missing_predictions: list[str] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "claims": self.claims.as_dict(),
            "claim_attributes": {k: v.as_dict() for k, v in self.attributes.items()},
            "claim_flags_positive": {k: v.as_dict() for k, v in self.flags.items()},
            "place_mentions": self.place_mentions.as_dict(),
            "place_links": self.place_links.as_dict(),
            "actors_per_article": self.actors.as_dict(),
            "missing_predictions": self.missing_predictions,
            **({"incidents": self.incidents.as_dict()} if self.incidents is not None else {}),
            "attribute_accuracy_by_rule": {attribute: {rule: acc.as_dict() for rule, acc in sorted(rules.items())}
                                           for attribute, rules in self.by_rule.items()},
        }


def evaluate(gold: list[GoldDoc], predictions: dict[str, dict]) -> Scores:
    """Score predicted records (by article id) against gold documents."""
    scores = Scores()
    for item in gold:
        record = predictions.get(item.doc)
        if record is None:
            scores.missing_predictions.append(item.doc)
            record = {"id": item.doc, "claims": [], "entities": [], "places": [], "actors": []}
        scores.documents += 1
        _score_claims(item, record, scores)
        _score_places(item, record, scores)
        _score_actors(item, record, scores)
    return scores


# -- claims --------------------------------------------------------------------
def _claim_key(claim: dict) -> tuple:
    quantity = claim["quantity"]
    value = quantity["value"] if quantity["value"] is not None else (quantity["low"], quantity["high"])
    return claim["outcome"], value


def _claim_position(claim: dict) -> int:
    return (claim.get("quantity_span") or claim["span"])[0]


def match_claims(gold: list[dict], predicted: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pairs of (gold, predicted) claims, then unmatched gold, then unmatched predicted."""
    candidates = sorted(
        ((abs(_claim_position(g) - _claim_position(p)), gi, pi)
         for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
         if _claim_key(g) == _claim_key(p)),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return (pairs, [g for i, g in enumerate(gold) if i not in used_gold],
            [p for i, p in enumerate(predicted) if i not in used_pred])


def _score_claims(item: GoldDoc, record: dict, scores: Scores) -> None:
    pairs, missed, extra = match_claims(item.claims, record.get("claims", []))
    scores.claims.tp += len(pairs)
    scores.claims.fn += len(missed)
    scores.claims.fp += len(extra)
    for claim in missed:
        scores.misses.append({"doc": item.doc, "kind": "claim missed", "gold": _claim_summary(claim),
                              "sentence": claim.get("sentence")})
    for claim in extra:
        scores.misses.append({"doc": item.doc, "kind": "claim false alarm", "predicted": _claim_summary(claim),
                              "sentence": claim.get("sentence")})
    places = {p["id"]: p for p in record.get("places", [])}
    for gold_claim, predicted in pairs:
        for attribute in ATTRIBUTES:
            right = _attribute_right(attribute, gold_claim, predicted, places)
            rule = (predicted.get("evidence") or {}).get(attribute, "unset")
            for tally in (scores.attributes[attribute],
                          scores.by_rule.setdefault(attribute, {}).setdefault(rule, Accuracy())):
                tally.total += 1
                tally.right += right
            if not right:
                scores.misses.append({
                    "doc": item.doc, "kind": f"claim {attribute} wrong", "rule": rule,
                    "gold": _show(attribute, gold_claim), "predicted": _show(attribute, predicted, places),
                    "claim": _claim_summary(gold_claim), "sentence": gold_claim.get("sentence")})
        for flag in FLAGS:
            g, p = bool(gold_claim[flag]), bool(predicted[flag])
            scores.flags[flag].tp += g and p
            scores.flags[flag].fp += p and not g
            scores.flags[flag].fn += g and not p


def _attribute_right(attribute: str, gold: dict, predicted: dict, places: dict[str, dict]) -> bool:
    if attribute == "source":
        return _source_right(gold["source"], predicted["source"])
    if attribute == "place":
        return _claim_place_right(gold["place"], places.get(predicted["place"]) if predicted["place"] else None)
    return gold[attribute] == predicted[attribute]


def _source_right(gold: dict | None, predicted: dict | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if gold.get("actor"):
        return predicted.get("actor") == gold["actor"]
    return predicted.get("actor") is None and predicted.get("kind") == gold.get("kind")


def _claim_place_right(gold: dict | None, predicted: dict | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return place_right(gold, predicted)


def place_right(gold: dict, predicted: dict) -> bool:
    """Right country, and within 25 km of the gold point (a region: the region itself; an
    area or a natural feature: the same one by name, since its point is arbitrary and it
    may lie across borders)."""
    if gold.get("kind") in ("area", "natural") and fold(gold.get("name", "")) == fold(predicted.get("name", "")):
        return predicted.get("kind") in ("area", "natural") and (
            not gold.get("country") or gold.get("country") == predicted.get("country"))
    if (gold.get("country") or None) != (predicted.get("country") or None):
        return False
    if gold.get("kind") == "country" or predicted.get("kind") == "country":
        return gold.get("kind") == predicted.get("kind")
    if gold.get("kind") == "region":
        return predicted.get("kind") == "region" and (
            fold(gold.get("name", "")) == fold(predicted.get("name", ""))
            or _within(gold, predicted))
    if gold.get("lat") is None or gold.get("lon") is None:
        return fold(gold.get("name", "")) == fold(predicted.get("name", ""))
    return _within(gold, predicted)


def _within(gold: dict, predicted: dict) -> bool:
    if None in (gold.get("lat"), gold.get("lon"), predicted.get("lat"), predicted.get("lon")):
        return False
    return haversine_km(gold["lat"], gold["lon"], predicted["lat"], predicted["lon"]) <= MAX_KM


# -- places and actors -----------------------------------------------------------
def _predicted_place_mentions(record: dict) -> list[dict]:
    places = {p["id"]: p for p in record.get("places", [])}
    mentions = []
    for entity in record.get("entities", []):
        kb_id = entity.get("kb_id") or ""
        if kb_id.startswith(PLACE_PREFIX) or entity["label"] in PLACE_LABELS:
            linked = places.get(kb_id[len(PLACE_PREFIX):]) if kb_id.startswith(PLACE_PREFIX) else None
            mentions.append({**entity, "link": linked})
    return mentions


def _score_places(item: GoldDoc, record: dict, scores: Scores) -> None:
    predicted = _predicted_place_mentions(record)
    used: set[int] = set()
    for gold in item.places:
        match = next((i for i, p in enumerate(predicted) if i not in used
                      and p["start"] < gold["end"] and gold["start"] < p["end"]), None)
        if match is None:
            scores.place_mentions.fn += 1
            scores.misses.append({"doc": item.doc, "kind": "place missed", "gold": gold["text"],
                                  "span": [gold["start"], gold["end"]]})
            continue
        used.add(match)
        scores.place_mentions.tp += 1
        link = predicted[match]["link"]
        right = link is not None and place_right(gold, link)
        scores.place_links.total += 1
        scores.place_links.right += right
        if not right:
            scores.misses.append({"doc": item.doc, "kind": "place link wrong",
                                  "gold": f"{gold['name']} ({gold.get('country')}, {gold.get('kind')})",
                                  "predicted": _place_summary(link), "span": [gold["start"], gold["end"]]})
    for i, p in enumerate(predicted):
        if i not in used:
            scores.place_mentions.fp += 1
            scores.misses.append({"doc": item.doc, "kind": "place false alarm", "predicted": p["text"],
                                  "link": _place_summary(p["link"]), "span": [p["start"], p["end"]]})


def _score_actors(item: GoldDoc, record: dict, scores: Scores) -> None:
    gold = {a["id"] for a in item.actors}
    predicted = {a["id"] for a in record.get("actors", [])}
    scores.actors.tp += len(gold & predicted)
    scores.actors.fn += len(gold - predicted)
    scores.actors.fp += len(predicted - gold)
    for actor in sorted(gold - predicted):
        scores.misses.append({"doc": item.doc, "kind": "actor missed", "gold": actor})
    for actor in sorted(predicted - gold):
        scores.misses.append({"doc": item.doc, "kind": "actor false alarm", "predicted": actor})


# -- display helpers ---------------------------------------------------------------
def _claim_summary(claim: dict) -> str:
    return f"{claim['outcome']} {claim['quantity']['text']!r} ({claim.get('victim')})"


def _place_summary(place: dict | None) -> str | None:
    return None if place is None else f"{place['name']} ({place.get('country')}, {place.get('kind')})"


def _show(attribute: str, claim: dict, places: dict[str, dict] | None = None):
    value = claim[attribute]
    if attribute == "place" and places is not None and value:
        return _place_summary(places.get(value)) or value
    if attribute == "place" and isinstance(value, dict):
        return f"{value.get('name')} ({value.get('country')})"
    return value


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
