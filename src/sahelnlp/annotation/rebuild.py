"""Corrected regions back into a valid output record.

The original record is the base: entities that are neither actors nor places, and
whatever a region leaves unsaid (a claim's trigger, its score), are kept. Actor and
place details come from the original record, else from the actor lexicon and the
gazetteer; a place the annotator adds with coordinates becomes a new place.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cached_property

import spacy

from ..errors import Errors, SahelNLPError
from ..normalize import slug
from .tasks import (ACTOR, FLAGS, OUTCOMES, PLACE, QUANTITY, SOURCE, VICTIM, AnnotatedTask,
                    Region, check_offsets, sentence_around)

_COORDINATES = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[,; ]\s*(-?\d+(?:\.\d+)?)\s*(?:[,; ]\s*([A-Za-z]{2}))?\s*$")
NEW_PLACE_PREFIX = "sahel:review-"


@dataclass
class Knowledge:
    """Where details of actors and places the original record lacks are looked up."""

    @cached_property
    def actors(self):
        from ..pipeline.actors.kb import ActorKB

        return ActorKB.from_dir()

    @cached_property
    def gazetteer(self):
        from ..pipeline.places.component import resolve_gazetteer
        from ..pipeline.places.gazetteer import Gazetteer

        return Gazetteer.from_file(resolve_gazetteer(None))

    @cached_property
    def quantities(self):
        from ..pipeline.claims.lexicon import ClaimLexicon
        from ..pipeline.claims.quantities import QuantityReader

        return QuantityReader(ClaimLexicon.from_folder().data)

    @cached_property
    def tokenizer(self):
        return spacy.blank("en").tokenizer


def rebuild(original: dict, task: AnnotatedTask, knowledge: Knowledge) -> dict:
    """The record `task` describes, on top of `original`, marked reviewed."""
    text = original["text"]
    check_offsets(task, text)
    for region in task.regions:
        region.text = text[region.start:region.end] if region.text is None else region.text
    record = copy.deepcopy(original)
    regions = {r.id: r for r in task.regions}
    record["entities"] = sorted(
        [e for e in original["entities"] if not (e.get("kb_id") or "").startswith(("actor:", "place:"))]
        + [_entity(original, r) for r in task.regions if r.label in (ACTOR, PLACE)],
        key=lambda e: (e["start"], e["end"]))
    record["actors"] = _actors(original, task.regions, knowledge, task)
    record["places"] = _places(original, task.regions, knowledge, task)
    record["claims"] = [_claim(original, task, region, regions, knowledge)
                        for region in sorted(task.regions, key=lambda r: (r.start, r.end))
                        if region.label == QUANTITY or region.label.lower() in OUTCOMES]
    record["review"] = {"status": "reviewed", "tool": task.tool, "annotator": task.annotator,
                        "time": task.time}
    return record


def _entity(original: dict, region: Region) -> dict:
    kind = "actor" if region.label == ACTOR else "place"
    kb_id = region.attrs.get("kb_id") or ""
    same = next((e for e in original["entities"] if (e["start"], e["end"]) == (region.start, region.end)), None)
    label = same["label"] if same else ("ORG" if kind == "actor" else "GPE")
    text = region.text if region.text is not None else original["text"][region.start:region.end]
    return {"start": region.start, "end": region.end, "text": text, "label": label,
            "kb_id": f"{kind}:{_place_id(region) if kind == 'place' else kb_id}" if kb_id or
            (kind == "place" and _coordinates(region)) else None}


def _linked(regions: list[Region], label: str, id_of, details) -> list[dict]:
    """One entry per linked id among the `label` regions, with every mention;
    `details(region, id)` gives the entry's other fields the first time an id is met."""
    entries: dict[str, dict] = {}
    for region in sorted(regions, key=lambda r: r.start):
        linked = id_of(region) if region.label == label else None
        if not linked:
            continue
        if linked not in entries:
            entries[linked] = {**{k: v for k, v in details(region, linked).items() if k != "mentions"},
                               "mentions": []}
        entries[linked]["mentions"].append([region.start, region.end])
    return list(entries.values())


def _actors(original: dict, regions: list[Region], knowledge: Knowledge, task: AnnotatedTask) -> list[dict]:
    known = {a["id"]: a for a in original["actors"]}

    def details(region: Region, actor_id: str) -> dict:
        if actor_id in known:
            return known[actor_id]
        record = knowledge.actors.get(actor_id)
        if record is None:
            raise SahelNLPError(Errors.E107.format(where=_where(task), actor=actor_id, text=region.text))
        return {"id": record.id, "name": record.name, "type": record.type, "parent": record.parent,
                "lineage": list(record.lineage), "country": list(record.country)}

    return _linked(regions, ACTOR, lambda r: r.attrs.get("kb_id"), details)


def _coordinates(region: Region) -> tuple[float, float, str | None] | None:
    found = _COORDINATES.match(region.attrs.get("coordinates") or "")
    if not found:
        return None
    return float(found.group(1)), float(found.group(2)), (found.group(3) or "").upper() or None


def _place_id(region: Region) -> str:
    if region.attrs.get("kb_id"):
        return region.attrs["kb_id"]
    return NEW_PLACE_PREFIX + slug(region.text or "place")


def _places(original: dict, regions: list[Region], knowledge: Knowledge, task: AnnotatedTask) -> list[dict]:
    known = {p["id"]: p for p in original["places"]}

    def details(region: Region, place_id: str) -> dict:
        base = known.get(place_id)
        coordinates = _coordinates(region)
        if coordinates is not None:  # the annotator's own coordinates win
            lat, lon, country = coordinates
            return {"id": place_id, "name": (base or {}).get("name") or region.text,
                    "country": country or (base or {}).get("country"), "admin1": None, "admin2": None,
                    "kind": (base or {}).get("kind") or "village", "lat": lat, "lon": lon, "score": 1.0}
        if base is not None:
            return base
        record = knowledge.gazetteer.get(place_id)
        if record is None:
            raise SahelNLPError(Errors.E108.format(where=_where(task), place=place_id, text=region.text))
        return {"id": record.id, "name": record.name, "country": record.country, "admin1": record.admin1,
                "admin2": record.admin2, "kind": record.kind, "lat": record.lat, "lon": record.lon, "score": 1.0}

    def id_of(region: Region) -> str | None:
        return _place_id(region) if region.attrs.get("kb_id") or _coordinates(region) else None

    return _linked(regions, PLACE, id_of, details)


def _where(task: AnnotatedTask) -> str:
    return f"task {task.task_id or task.article_id}"


def _claim(original: dict, task: AnnotatedTask, region: Region, regions: dict[str, Region],
           knowledge: Knowledge) -> dict:
    text = original["text"]
    base = _original_claim(original, region)
    attrs = region.attrs
    related = _related(task, region, regions)
    same_quantity = base is not None and base["quantity_span"] == [region.start, region.end]
    quantity = base["quantity"] if same_quantity else _read_quantity(text, region, knowledge, task)
    outcome = attrs.get("outcome") or (region.label.lower() if region.label.lower() in OUTCOMES else None) \
        or (base or {}).get("outcome")
    if outcome not in OUTCOMES:
        raise SahelNLPError(Errors.E109.format(where=_where(task), text=region.text, choices=", ".join(OUTCOMES)))
    flags = attrs.get("flags")
    flags = set(flags) if flags is not None else {f for f in FLAGS if (base or {}).get(f)}
    victim = related.get("victim")
    source = related.get(SOURCE.lower())
    perpetrator = related.get("perpetrator")
    place = related.get("place")
    trigger = base.get("trigger_span") if same_quantity else None
    spans = [[region.start, region.end]] + ([[victim.start, victim.end]] if victim else []) + ([trigger] if trigger else [])
    claim = {
        "outcome": outcome,
        "quantity": quantity,
        "victim": attrs.get("victim") or (base or {}).get("victim") or "unknown",
        "victim_actor": _value(attrs, "victim_actor", base),
        # drawn as a relation when the actor is named in the text, else carried on the quantity
        "perpetrator": (perpetrator.attrs.get("kb_id") or None) if perpetrator is not None
        else attrs.get("perpetrator") or None,
        "source": _source(source) if source is not None else None,
        "claimed": "claimed" in flags, "aggregate": "aggregate" in flags,
        "superseded": "superseded" in flags, "negated": "negated" in flags,
        "event_date": _value(attrs, "event_date", base),
        "place": _place_id(place) if place is not None else None,
        "span": [min(s[0] for s in spans), max(s[1] for s in spans)],
        "quantity_span": [region.start, region.end],
        "victim_span": [victim.start, victim.end] if victim else None,
        "trigger_span": trigger,
        "sentence": base["sentence"] if same_quantity else list(sentence_around(text, region.start, region.end)),
        "score": base.get("score", 1.0) if same_quantity else 1.0,
    }
    # the precision stands while the place does; an annotator's new place has none yet
    claim["geo_precision"] = (base or {}).get("geo_precision") if (base or {}).get("place") == claim["place"] \
        and claim["place"] else None
    # which incident of the article it tells stands while the quantity does; a new claim tells the main one
    claim["article_incident"] = (base or {}).get("article_incident", 0) if same_quantity else 0
    claim["evidence"] = _evidence(base if same_quantity else None, claim)
    return claim


def _evidence(base: dict | None, claim: dict) -> dict[str, str]:
    """Which rule set each field: the pipeline's where the annotator left the field as it
    was, `review` where the annotator set it."""
    kept = (base or {}).get("evidence") or {}
    fields = EVIDENCE_FIELDS if base is None else [
        name for name in EVIDENCE_FIELDS if name in kept or base.get(name) != claim.get(name)]
    return {name: kept[name] if base is not None and name in kept and base.get(name) == claim.get(name)
            else REVIEWED for name in fields}


# claim fields whose setter the record's evidence names; what an annotator sets is `review`
EVIDENCE_FIELDS = ("outcome", "quantity", "victim", "victim_actor", "perpetrator", "source", "claimed",
                   "aggregate", "superseded", "negated", "event_date", "place")
REVIEWED = "review"
RELATION_TARGETS = {"victim": VICTIM, "source": SOURCE, "perpetrator": ACTOR, "place": PLACE}


def _related(task: AnnotatedTask, quantity: Region, regions: dict[str, Region]) -> dict[str, Region]:
    """The regions a quantity's relations reach, whichever way they were drawn, each
    checked to be of the kind its relation wants."""
    related = {}
    for relation in task.relations:
        if quantity.id not in (relation.source, relation.target) or relation.label not in RELATION_TARGETS:
            continue
        other = regions[relation.target if relation.source == quantity.id else relation.source]
        wanted = RELATION_TARGETS[relation.label]
        if other.label != wanted:
            raise SahelNLPError(Errors.E110.format(where=_where(task), relation=relation.label, quantity=quantity.text,
                                                    other=other.text, label=other.label, wanted=wanted))
        if relation.label == "place" and not (other.attrs.get("kb_id") or _coordinates(other)):
            raise SahelNLPError(Errors.E111.format(where=_where(task), quantity=quantity.text, other=other.text))
        related[relation.label] = other
    return related


def _original_claim(original: dict, region: Region) -> dict | None:
    """The claim a region was exported from ("q3"), else one at the same quantity span."""
    match = re.fullmatch(r"q(\d+)", region.id)
    claims = original["claims"]
    if match and int(match.group(1)) < len(claims):
        return claims[int(match.group(1))]
    return next((c for c in claims if c["quantity_span"] == [region.start, region.end]), None)


def _value(attrs: dict, key: str, base: dict | None) -> str | None:
    if key in attrs:
        return attrs[key] or None
    return (base or {}).get(key)


def _source(region: Region) -> dict:
    actor = region.attrs.get("kb_id") or None
    kind = region.attrs.get("kind") or None
    return {"text": region.text, "actor": actor, "kind": None if actor else (kind or "other"),
            "span": [region.start, region.end]}


def _read_quantity(text: str, region: Region, knowledge: Knowledge, task: AnnotatedTask) -> dict:
    words = knowledge.tokenizer(text[region.start:region.end])
    readings = (knowledge.quantities.read(words, i) for i in range(len(words)))
    # the reading that covers the whole span ("between 10 and 15" is read at its "10")
    found = next((q for q in readings if q is not None and q.start == 0 and q.end == len(words)), None)
    if found is None:
        raise SahelNLPError(Errors.E112.format(where=_where(task), text=region.text, start=region.start,
                                               end=region.end))
    return found.as_dict()
