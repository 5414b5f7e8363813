"""Turn annotated Docs into output records (shared/output-format.md, schema sahelnlp/1).

Dicts appear only here, at the edge: everything before works on Docs and typed
records. A long article processed in pieces is merged back with its offsets.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Iterable

from spacy.tokens import Doc, Span

from .about import SCHEMA_VERSION
from .article import Article
from .extensions import ACTOR_PREFIX, PLACE_PREFIX

SCHEMA_FILE = "sahelnlp-1.schema.json"


def schema_path() -> Path:
    return Path(str(resources.files("sahelnlp") / "schema" / SCHEMA_FILE))


def load_schema() -> dict:
    return json.loads(schema_path().read_text(encoding="utf-8"))


def base_record(article: Article, pipeline: dict, *, include_text: bool = True) -> dict:
    """A record with the article's identity and metadata, and empty annotations."""
    record = {
        "schema": SCHEMA_VERSION,
        "id": article.id,
        "meta": {"source": article.source, "url": article.url, "title": article.title,
                 "published": article.published, "lang": article.lang,
                 "lang_source": article.lang_source,
                 "text_sha1": article.text_sha1 if article.text else None},
        "text": article.text,
        "entities": [],
        "actors": [],
        "places": [],
        "claims": [],
        "errors": list(article.errors),
        "duplicate_of": article.duplicate_of,
        "pipeline": pipeline,
    }
    if article.notes:
        record["notes"] = list(article.notes)
    if not include_text:
        del record["text"]
    return record


def record_from_docs(article: Article, pieces: Iterable[tuple[int, Doc]], pipeline: dict, *,
                     include_text: bool = True, notes: Iterable[str] = ()) -> dict:
    """The output record of an article whose text was processed as `pieces`.

    pieces: (character offset of the piece in the article text, its Doc).
    notes: remarks on a successful run ("processed in 3 pieces"), kept apart from errors.
    """
    record = base_record(article, pipeline, include_text=include_text)
    if notes:
        record["notes"] = [*record.get("notes", []), *notes]
    actors: dict[str, dict] = {}
    places: dict[str, dict] = {}
    for offset, doc in pieces:
        for ent in doc.ents:
            start, end = ent.start_char + offset, ent.end_char + offset
            kb_id = ent.kb_id_ or None
            record["entities"].append({"start": start, "end": end, "text": ent.text,
                                       "label": ent.label_, "kb_id": kb_id})
            if kb_id and kb_id.startswith(ACTOR_PREFIX):
                _add_actor(actors, doc._.kb_records[kb_id], start, end)
            elif kb_id and kb_id.startswith(PLACE_PREFIX):
                _add_place(places, doc._.kb_records[kb_id], ent, start, end)
        for claim in doc._.claims:
            entry = _shift_claim(claim.as_dict(), offset)
            entry["geo_precision"] = _claim_precision(doc, claim)
            record["claims"].append(entry)
        record["errors"].extend(doc._.processing_errors)
    record["actors"] = list(actors.values())
    record["places"] = list(places.values())
    return record


def _add_actor(actors: dict[str, dict], actor, start: int, end: int) -> None:
    entry = actors.setdefault(actor.id, {
        "id": actor.id, "name": actor.name, "type": actor.type, "parent": actor.parent,
        "lineage": list(actor.lineage), "country": list(actor.country), "mentions": []})
    entry["mentions"].append([start, end])


def _add_place(places: dict[str, dict], place, ent: Span, start: int, end: int) -> None:
    score, precision = ent._.link_score, ent._.geo_precision
    entry = places.setdefault(place.id, {
        "id": place.id, "name": place.name, "country": place.country, "admin1": place.admin1,
        "admin2": place.admin2, "kind": place.kind, "lat": place.lat, "lon": place.lon,
        "score": score, "geo_precision": precision, "candidates": [], "mentions": []})
    entry["score"] = max(entry["score"] or 0.0, score or 0.0)
    if precision is not None:
        entry["geo_precision"] = min(entry["geo_precision"] or precision, precision)
    for other_id, other_score, match in ent._.link_candidates or ():
        known = {c["id"] for c in entry["candidates"]}
        if other_id != place.id and other_id not in known:
            entry["candidates"].append({"id": other_id, "score": other_score, "match": match})
    entry["mentions"].append([start, end])


def _claim_precision(doc: Doc, claim) -> int | None:
    """The geo precision of a claim's place: that of its mention in the claim's sentence,
    else the best of its mentions in the article."""
    if not claim.place:
        return None
    kb_id = PLACE_PREFIX + claim.place
    mentions = [e for e in doc.ents if e.kb_id_ == kb_id]
    own = [e for e in mentions if claim.sentence[0] <= e.start_char < claim.sentence[1]]
    found = [e._.geo_precision for e in (own or mentions) if e._.geo_precision is not None]
    return min(found) if found else None


def _shift_claim(claim: dict, offset: int) -> dict:
    if offset:
        for key in ("span", "quantity_span", "sentence", "victim_span", "trigger_span"):
            if claim.get(key):
                claim[key] = [claim[key][0] + offset, claim[key][1] + offset]
        if claim["source"] and claim["source"].get("span"):
            claim["source"]["span"] = [claim["source"]["span"][0] + offset, claim["source"]["span"][1] + offset]
    return claim


def to_json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
