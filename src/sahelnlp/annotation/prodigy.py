"""Prodigy: tasks in the shape of its `rel.manual` recipe, and its `db-out` read back.

Spans are labelled ACTOR, PLACE, VICTIM, SOURCE, or, for a claim's quantity, with the
claim's outcome in capitals (KILLED, INJURED…), so an annotator changes the outcome by
relabelling. Relations join the quantity to its victim, source, perpetrator and place.
Prodigy has no per-span fields: the other claim fields travel in the task's `meta`
and come back as they were; `_annotator_id` and `_timestamp` say who reviewed when.
"""

from __future__ import annotations

import time

import srsly

from ..errors import Errors, SahelNLPError
from .tasks import (CLAIM_ATTRIBUTES, OUTCOMES, QUANTITY, AnnotatedTask, Region, Relation, article_id_of,
                    link_attrs, task_of)
from .tokens import tokenizer

TOOL = "prodigy"
SPAN_LABELS = ("ACTOR", "PLACE", "VICTIM", "SOURCE") + tuple(o.upper() for o in OUTCOMES)
RELATION_LABELS = ("victim", "source", "perpetrator", "place")


def to_tasks(records: list[dict]) -> list[dict]:
    tokenize = tokenizer()
    tasks = []
    for record in records:
        task = task_of(record)
        doc = tokenize(record["text"])
        tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": t.i, "ws": bool(t.whitespace_)}
                  for t in doc]
        spans = {}
        for region in task.regions:
            token_start, token_end = _token_range(doc, region.start, region.end)
            label = region.attrs["outcome"].upper() if region.label == QUANTITY else region.label
            spans[region.id] = {"start": region.start, "end": region.end, "text": region.text,
                                "token_start": token_start, "token_end": token_end, "label": label,
                                "region": region.id}
        relations = [{"head": spans[r.source]["token_end"], "child": spans[r.target]["token_end"],
                      "head_span": spans[r.source], "child_span": spans[r.target], "label": r.label}
                     for r in task.relations]
        attrs = {r.id: {k: v for k, v in r.attrs.items() if k in CLAIM_ATTRIBUTES and k != "outcome"}
                 for r in task.regions if r.label == QUANTITY}
        kb_ids = {r.id: {**r.attrs, "label": r.label} for r in task.regions if r.label != QUANTITY and r.attrs}
        body = {"text": record["text"], "tokens": tokens, "spans": list(spans.values()),
                "relations": relations,
                "meta": {"article_id": record["id"], "title": record["meta"].get("title")},
                "sahelnlp": {"claims": attrs, "links": kb_ids}}
        body["_input_hash"] = _hash(record["text"])
        body["_task_hash"] = _hash(srsly.json_dumps(body["spans"]) + record["id"])
        tasks.append(body)
    return tasks


def from_tasks(tasks: list[dict]) -> list[AnnotatedTask]:
    found = []
    for number, task in enumerate(tasks):
        task_id = str(task.get("_task_hash", number))
        article_id = article_id_of((task.get("meta") or {}).get("article_id"), "Prodigy", task_id,
                                   "meta.article_id")
        if task.get("answer") not in ("accept", "reject", "ignore"):
            found.append(AnnotatedTask(article_id, [], [], task_id=task_id, tool=TOOL))
            continue
        if task.get("answer") != "accept":
            continue  # rejected or skipped: nothing to say about the record
        carried = task.get("sahelnlp") or {}
        regions, ids = [], {}
        for index, span in enumerate(task.get("spans") or []):
            region_id = span.get("region") or f"p{index}"
            label = span.get("label", "")
            attrs = link_attrs(carried, region_id, label)
            if label.lower() in OUTCOMES:
                attrs = {**(carried.get("claims") or {}).get(region_id, {}), "outcome": label.lower()}
                label = QUANTITY
            regions.append(Region(region_id, span.get("start"), span.get("end"), label, span.get("text"), attrs))
            ids[(span.get("start"), span.get("end"), span.get("label"))] = region_id
        relations = []
        for relation in task.get("relations") or []:
            head, child = relation.get("head_span") or {}, relation.get("child_span") or {}
            # a span of the task by its region id, else by offsets and label (one drawn in Prodigy)
            known = set(ids.values())
            source = head.get("region") if head.get("region") in known else \
                ids.get((head.get("start"), head.get("end"), head.get("label")))
            target = child.get("region") if child.get("region") in known else \
                ids.get((child.get("start"), child.get("end"), child.get("label")))
            if source is None or target is None:
                raise SahelNLPError(Errors.E105.format(tool="Prodigy", task=task_id, relation=relation.get("label")))
            relations.append(Relation(source, target, relation.get("label", "")))
        stamp = task.get("_timestamp")
        found.append(AnnotatedTask(article_id, regions, relations, task_id=task_id, reviewed=True,
                                   annotator=task.get("_annotator_id") or task.get("_session_id"),
                                   time=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp)) if stamp else None,
                                   tool=TOOL))
    return found


def _token_range(doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        raise SahelNLPError(Errors.E106.format(start=start, end=end))
    return span.start, span.end - 1


def _hash(text: str) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:4], "big", signed=True)
