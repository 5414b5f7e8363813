"""doccano: JSON lines for a sequence-labelling project with relations, and its export
read back.

Entities are labelled ACTOR, PLACE, VICTIM, SOURCE, or with a claim's outcome in
capitals for its quantity (KILLED, INJURED…); relations join the quantity to its
victim, source, perpetrator and place. The other claim fields and the links travel as
the task's `sahelnlp` metadata, which doccano keeps and exports again.
"""

from __future__ import annotations

from ..errors import Errors, SahelNLPError
from .tasks import (CLAIM_ATTRIBUTES, OUTCOMES, QUANTITY, AnnotatedTask, Region, Relation, article_id_of,
                    link_attrs, task_of)

TOOL = "doccano"


def to_tasks(records: list[dict]) -> list[dict]:
    tasks = []
    for record in records:
        task = task_of(record)
        numbers = {region.id: index + 1 for index, region in enumerate(task.regions)}
        labels = {r.id: r.attrs["outcome"].upper() if r.label == QUANTITY else r.label for r in task.regions}
        entities = [{"id": numbers[r.id], "label": labels[r.id], "start_offset": r.start, "end_offset": r.end}
                    for r in task.regions]
        relations = [{"id": index + 1, "from_id": numbers[r.source], "to_id": numbers[r.target], "type": r.label}
                     for index, r in enumerate(task.relations)]
        # doccano renumbers entities on export: regions are found again by offsets and label
        carried = {"regions": [{"region": r.id, "start": r.start, "end": r.end, "label": labels[r.id]}
                               for r in task.regions],
                   "relations": [[r.source, r.target, r.label] for r in task.relations],
                   "claims": {r.id: {k: v for k, v in r.attrs.items() if k in CLAIM_ATTRIBUTES and k != "outcome"}
                              for r in task.regions if r.label == QUANTITY},
                   "links": {r.id: {**r.attrs, "label": r.label} for r in task.regions
                             if r.label != QUANTITY and r.attrs}}
        tasks.append({"text": record["text"], "entities": entities, "relations": relations,
                      "article_id": record["id"], "sahelnlp": carried})
    return tasks


def from_tasks(tasks: list[dict]) -> list[AnnotatedTask]:
    found = []
    for number, task in enumerate(tasks):
        task_id = str(task.get("id", number))
        article_id = article_id_of(task.get("article_id"), "doccano", task_id, "article_id")
        carried = task.get("sahelnlp") or {}
        regions, ids = [], {}
        unused = list(carried.get("regions") or [])
        for entity in task.get("entities") or []:
            start, end, label = entity.get("start_offset"), entity.get("end_offset"), entity.get("label", "")
            region_id = _exported_region(unused, start, end, label) or f"d{entity.get('id')}"
            if label.lower() in OUTCOMES:
                attrs = {**(carried.get("claims") or {}).get(region_id, {}), "outcome": label.lower()}
                label = QUANTITY
            else:
                attrs = link_attrs(carried, region_id, label)
            regions.append(Region(region_id, start, end, label, None, attrs))
            ids[entity.get("id")] = region_id
        relations = []
        for relation in task.get("relations") or []:
            if relation.get("from_id") not in ids or relation.get("to_id") not in ids:
                raise SahelNLPError(Errors.E105.format(tool="doccano", task=task_id, relation=relation.get("type")))
            relations.append(Relation(ids[relation["from_id"]], ids[relation["to_id"]], relation.get("type", "")))
        reviewed = bool(task.get("annotation_approver") or _changed(task, carried, regions, relations))
        found.append(AnnotatedTask(article_id, regions, relations, task_id=task_id, reviewed=reviewed,
                                   annotator=task.get("annotation_approver") or task.get("user"),
                                   time=task.get("updated_at"), tool=TOOL))
    return found


def _exported_region(unused: list[dict], start: int, end: int, label: str) -> str | None:
    """The exported region at these offsets, taken from `unused`: with this label, else
    of the same kind (a quantity relabelled from KILLED to INJURED is still that claim).
    Two regions on one span (two claims counting one noun) are taken in turn."""
    quantity = label.lower() in OUTCOMES
    for exact in (True, False):
        for index, region in enumerate(unused):
            if (region["start"], region["end"]) != (start, end):
                continue
            if region["label"] == label if exact else (region["label"].lower() in OUTCOMES) == quantity:
                return unused.pop(index)["region"]
    return None


def _changed(task: dict, carried: dict, regions: list[Region], relations: list[Relation]) -> bool:
    """Whether the annotations differ from the ones exported (doccano marks no review)."""
    exported = {(r["start"], r["end"], r["label"]) for r in carried.get("regions") or []}
    now = {(e.get("start_offset"), e.get("end_offset"), e.get("label")) for e in task.get("entities") or []}
    links = {tuple(r) for r in carried.get("relations") or []}
    return exported != now or links != {(r.source, r.target, r.label) for r in relations}
