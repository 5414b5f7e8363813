"""Agreement between two annotators: the human ceiling the pipeline is measured against.

The second annotator's gold is turned into the shape of a predicted record and scored
against the first's with the same metrics as the pipeline: claims F1 (outcome and value),
attribute agreement on matched claims, place mentions and links, actors per article.
"""

from __future__ import annotations

from .gold import GoldDoc
from .metrics import Scores, evaluate


def record_from_gold(gold: GoldDoc) -> dict:
    """A gold file in the shape of a sahelnlp record, so it can be scored as a prediction."""
    places: list[dict] = []
    entities: list[dict] = []
    for n, mention in enumerate(gold.places):
        place_id = f"gold-{n}"
        places.append({"id": place_id, **{k: mention.get(k) for k in ("name", "country", "kind", "lat", "lon")}})
        entities.append({"start": mention["start"], "end": mention["end"], "text": mention.get("text"),
                         "label": "GPE", "kb_id": f"place:{place_id}"})
    claims = []
    for n, claim in enumerate(gold.claims):
        place_id = None
        if claim.get("place"):
            place_id = f"gold-claim-{n}"
            places.append({"id": place_id, **{k: claim["place"].get(k) for k in ("name", "country", "kind",
                                                                                  "lat", "lon")}})
        claims.append({**claim, "quantity_span": claim["span"], "place": place_id})
    return {"id": gold.doc, "claims": claims, "entities": entities, "places": places,
            "actors": [{"id": a["id"], "name": a.get("name")} for a in gold.actors]}


def agreement(reference: list[GoldDoc], second: list[GoldDoc]) -> tuple[Scores, list[str]]:
    """Scores of the second annotator's files against the first's, on the documents both
    coded; also the ids of second files that have no first."""
    by_key = {(g.input, g.doc): g for g in reference}
    pairs = [(by_key[(s.input, s.doc)], s) for s in second if (s.input, s.doc) in by_key]
    orphans = [s.doc for s in second if (s.input, s.doc) not in by_key]
    scores = evaluate([first for first, _ in pairs], {s.doc: record_from_gold(s) for _, s in pairs})
    return scores, orphans
