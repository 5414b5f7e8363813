"""The annotation round trip's common ground: records as labelled regions and relations.

Every tool format (labelstudio.py, prodigy.py, doccano.py) converts to and from this
neutral form. A record becomes regions (actor and place mentions, and for each claim
its quantity, counted noun and source) joined by relations (quantity → victim,
source, perpetrator, place); claim attributes ride on the quantity region. Corrected
regions are turned back into a valid record on top of the original one, so whatever
a tool cannot show survives the trip unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..codebook import FLAGS, OUTCOMES
from ..errors import Errors, SahelNLPError

ACTOR, PLACE, QUANTITY, VICTIM, SOURCE = "ACTOR", "PLACE", "QUANTITY", "VICTIM", "SOURCE"
LABELS = (ACTOR, PLACE, QUANTITY, VICTIM, SOURCE)
RELATIONS = ("victim", "source", "perpetrator", "place")
# What a claim's quantity region carries (a tool without per-region fields keeps them in
# the task's metadata).
CLAIM_ATTRIBUTES = ("outcome", "victim", "victim_actor", "perpetrator", "flags", "event_date")


@dataclass
class Region:
    id: str
    start: int
    end: int
    label: str
    text: str | None = None
    attrs: dict = field(default_factory=dict)


@dataclass
class Relation:
    source: str
    target: str
    label: str


@dataclass
class AnnotatedTask:
    """One article as a tool shows it: regions and relations over the record's text."""

    article_id: str
    regions: list[Region]
    relations: list[Relation]
    task_id: str = ""
    reviewed: bool = False
    annotator: str | None = None
    time: str | None = None
    tool: str = ""


def task_of(record: dict) -> AnnotatedTask:
    """The regions and relations showing a record."""
    if record.get("text") is None:
        raise SahelNLPError(Errors.E113.format(article=record["id"]))
    regions: list[Region] = []
    relations: list[Relation] = []
    mentions: dict[str, list[Region]] = {}
    for index, entity in enumerate(record["entities"]):
        kb_id = entity.get("kb_id") or ""
        if kb_id.startswith("actor:") or kb_id.startswith("place:"):
            kind, link = kb_id.split(":", 1)
            region = Region(f"e{index}", entity["start"], entity["end"], ACTOR if kind == "actor" else PLACE,
                            entity["text"], {"kb_id": link})
            regions.append(region)
            mentions.setdefault(kb_id, []).append(region)
    for index, claim in enumerate(record["claims"]):
        start, end = claim["quantity_span"]
        attrs = {"outcome": claim["outcome"], "victim": claim["victim"],
                 "victim_actor": claim["victim_actor"] or "",
                 "flags": [flag for flag in FLAGS if claim[flag]],
                 "event_date": claim["event_date"] or ""}
        quantity = Region(f"q{index}", start, end, QUANTITY, claim["quantity"]["text"], attrs)
        regions.append(quantity)
        if claim.get("victim_span"):
            v_start, v_end = claim["victim_span"]
            regions.append(Region(f"v{index}", v_start, v_end, VICTIM, record["text"][v_start:v_end]))
            relations.append(Relation(quantity.id, f"v{index}", "victim"))
        source = claim.get("source")
        if source and source.get("span"):
            s_start, s_end = source["span"]
            regions.append(Region(f"s{index}", s_start, s_end, SOURCE, source["text"],
                                  {"kb_id": source.get("actor") or "", "kind": source.get("kind") or ""}))
            relations.append(Relation(quantity.id, f"s{index}", "source"))
        nearest = _nearest(mentions.get(f"actor:{claim['perpetrator']}", []), start)
        if nearest is not None:
            relations.append(Relation(quantity.id, nearest.id, "perpetrator"))
        else:
            attrs["perpetrator"] = claim["perpetrator"] or ""
        nearest = _nearest(mentions.get(f"place:{claim['place']}", []), start)
        if nearest is not None:
            relations.append(Relation(quantity.id, nearest.id, "place"))
    return AnnotatedTask(record["id"], regions, relations)


def _nearest(regions: list[Region], position: int) -> Region | None:
    return min(regions, key=lambda r: abs(r.start - position), default=None)


def article_id_of(value, tool: str, task_id: str, where: str) -> str:
    """The article id a task carries; a task without one cannot be matched to its record."""
    if value is None:
        raise SahelNLPError(Errors.E114.format(tool=tool, task=task_id, field=where,
                                                name=tool.lower().replace(" ", "")))
    return str(value)


def link_attrs(carried: dict, region_id: str, label: str) -> dict:
    """The link a span was exported with, unless the annotator gave it another label
    (an ACTOR relabelled PLACE keeps no actor id)."""
    link = dict((carried.get("links") or {}).get(region_id, {}))
    exported = link.pop("label", label)
    return link if exported == label else {}


def check_offsets(task: AnnotatedTask, text: str) -> None:
    """Refuse a task whose regions do not fit the article's text."""
    for region in task.regions:
        where = f"task {task.task_id or task.article_id} (article {task.article_id}), region {region.id}"
        if not (0 <= region.start < region.end <= len(text)):
            raise SahelNLPError(Errors.E115.format(where=where, start=region.start, end=region.end, length=len(text)))
        if region.text is not None and text[region.start:region.end] != region.text:
            raise SahelNLPError(Errors.E116.format(where=where, start=region.start, end=region.end,
                                                    found=text[region.start:region.end], given=region.text))
        if region.label not in LABELS and region.label.lower() not in OUTCOMES:
            raise SahelNLPError(Errors.E117.format(where=where, label=region.label, choices=", ".join(LABELS)))
    ids = {r.id for r in task.regions}
    for relation in task.relations:
        if relation.source not in ids or relation.target not in ids:
            raise SahelNLPError(Errors.E118.format(task=task.task_id or task.article_id, relation=relation.label,
                                                    source=relation.source, target=relation.target))


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end): from the previous sentence end to the next."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() + 1 if after else len(text))
