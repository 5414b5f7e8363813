"""doccano: JSON lines for a sequence-labelling project with relations, and its export
read back.

Entities are labelled ACTOR, PLACE, VICTIM, SOURCE, or with a claim's outcome in
capitals for its quantity (KILLED, INJURED…); relations join the quantity to its
victim, source, perpetrator and place. The other claim fields and the links travel as
the task's `sahelnlp` metadata, which doccano keeps and exports again.
"""

from __future__ import annotations

from ..errors import SahelNLPError
from .tasks import (CLAIM_ATTRIBUTES, OUTCOMES, QUANTITY, AnnotatedTask, Region, Relation, article_id_of,
                    task_of)

TOOL = "doccano"


def to_tasks(records: list[dict]) -> list[dict]:
    tasks = []
    for record in records:
        task = task_of(record)
        numbers = {region.id: index + 1 for index, region in enumerate(task.regions)}
        entities = [{"id": numbers[r.id], "label": r.attrs["outcome"].upper() if r.label == QUANTITY else r.label,
                     "start_offset": r.start, "end_offset": r.end} for r in task.regions]
        relations = [{"id": index + 1, "from_id": numbers[r.source], "to_id": numbers[r.target], "type": r.label}
                     for index, r in enumerate(task.relations)]
        carried = {"regions": {str(numbers[r.id]): r.id for r in task.regions},
                   "claims": {r.id: {k: v for k, v in r.attrs.items() if k in CLAIM_ATTRIBUTES and k != "outcome"}
                              for r in task.regions if r.label == QUANTITY},
                   "links": {r.id: r.attrs for r in task.regions if r.label != QUANTITY and r.attrs}}
        tasks.append({"text": record["text"], "entities": entities, "relations": relations,
                      "article_id": record["id"], "sahelnlp": carried})
    return tasks


def from_tasks(tasks: list[dict]) -> list[AnnotatedTask]:
    found = []
    for number, task in enumerate(tasks):
        task_id = str(task.get("id", number))
        article_id = article_id_of(task.get("article_id"), "doccano", task_id, "article_id")
        carried = task.get("sahelnlp") or {}
        names = carried.get("regions") or {}
        regions, ids = [], {}
        for entity in task.get("entities") or []:
            region_id = names.get(str(entity.get("id"))) or f"d{entity.get('id')}"
            label = entity.get("label", "")
            attrs = dict((carried.get("links") or {}).get(region_id, {}))
            if label.lower() in OUTCOMES:
                attrs = {**(carried.get("claims") or {}).get(region_id, {}), "outcome": label.lower()}
                label = QUANTITY
            regions.append(Region(region_id, entity.get("start_offset"), entity.get("end_offset"), label, None, attrs))
            ids[entity.get("id")] = region_id
        relations = []
        for relation in task.get("relations") or []:
            if relation.get("from_id") not in ids or relation.get("to_id") not in ids:
                raise SahelNLPError(f"doccano task {task_id}: relation {relation.get('type')!r} joins an "
                                    "entity that is not in the task.")
            relations.append(Relation(ids[relation["from_id"]], ids[relation["to_id"]], relation.get("type", "")))
        reviewed = bool(task.get("annotation_approver") or task.get("reviewed") or carried.get("reviewed")
                        or _changed(task, carried))
        found.append(AnnotatedTask(article_id, regions, relations, task_id=task_id, reviewed=reviewed,
                                   annotator=task.get("annotation_approver") or task.get("user"),
                                   time=task.get("updated_at"), tool=TOOL))
    return found


def _changed(task: dict, carried: dict) -> bool:
    """Whether the entities differ from the ones exported (doccano marks no review)."""
    return len(task.get("entities") or []) != len(carried.get("regions") or {}) or any(
        str(e.get("id")) not in (carried.get("regions") or {}) for e in task.get("entities") or [])
