"""Label Studio: pre-annotated tasks, the labeling configuration that shows them, and
corrected tasks read back.

A task's `data` holds the text, the article id, its lowest claim score, and the lists
an annotator picks ids from (`actors`: the article's and the lexicon's; `ids`: those and
the article's places with their link candidates); its `predictions` hold the regions
(`labels`), the claim fields of each quantity region (per-region `choices`, the ids as
drop-down choices from those lists, and `textarea`), the relations, and a `score` (the
lowest claim score) that Label Studio sorts tasks by. Label Studio's JSON export of the project is read
back: the latest annotation that was not cancelled is the correction; a task with
none leaves its record as it was.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import quoteattr

from ..about import __version__
from ..codebook import FLAGS, OUTCOMES, SOURCE_KINDS, VICTIM_GROUPS
from .tasks import (ACTOR, LABELS, PLACE, QUANTITY, RELATIONS, SOURCE, VICTIM, AnnotatedTask, Region, Relation,
                    article_id_of, task_of)

TOOL = "labelstudio"
TEXT = "text"
LABEL_CONTROL = "label"
COLOURS = {ACTOR: "#e4572e", PLACE: "#29a8ab", QUANTITY: "#f3a712", VICTIM: "#a8c686",
           SOURCE: "#669bbc"}
# per-region fields: control name → (region labels it shows on, kind, choices)
CHOICES = {"outcome": ((QUANTITY,), OUTCOMES, "single"), "victim": ((QUANTITY,), VICTIM_GROUPS, "single"),
           "flags": ((QUANTITY,), FLAGS, "multiple"), "kind": ((SOURCE,), SOURCE_KINDS, "single")}
# per-region ids chosen from a list the task carries (control name → region labels, the
# task's data field holding the options): the article's actors and places, their link
# candidates and the actor lexicon, so that an id is picked, not typed
ID_CHOICES = {"kb_id": ((ACTOR, PLACE, SOURCE), "ids"), "victim_actor": ((QUANTITY,), "actors"),
              "perpetrator": ((QUANTITY,), "actors")}
TEXTAREAS = {"event_date": (QUANTITY,), "coordinates": (PLACE,)}


def label_config() -> str:
    """The labeling configuration (XML) matching the exported tasks. Each field appears
    once (Label Studio wants unique names): under its label's region when only one label
    has it, else under any selected region."""
    lines = ["<View>",
             f'  <Labels name="{LABEL_CONTROL}" toName="{TEXT}">']
    lines += [f'    <Label value="{label}" background="{COLOURS[label]}"/>' for label in LABELS]
    lines += ["  </Labels>", f'  <Text name="{TEXT}" value="$text"/>', "  <Relations>"]
    lines += [f'    <Relation value="{name}"/>' for name in RELATIONS]
    lines += ["  </Relations>"]
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, (labels, values, mode) in CHOICES.items():
        field = [f'    <Header value="{name}"/>',
                 f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="{mode}">']
        field += [f"      <Choice value={quoteattr(v)}/>" for v in values]
        groups.setdefault(labels, []).extend(field + ["    </Choices>"])
    for name, (labels, options) in ID_CHOICES.items():
        groups.setdefault(labels, []).extend([
            f'    <Header value="{name}"/>',
            (f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="single" layout="select" '
             f'value="${options}"/>')])
    for name, labels in TEXTAREAS.items():
        groups.setdefault(labels, []).extend([
            f'    <Header value="{name}"/>',
            f'    <TextArea name="{name}" toName="{TEXT}" perRegion="true" maxSubmissions="1" editable="true"/>'])
    for labels, fields in groups.items():
        shown = f' whenLabelValue="{labels[0]}"' if len(labels) == 1 else ""
        lines.append(f'  <View visibleWhen="region-selected"{shown}>')
        lines += fields
        lines.append("  </View>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def to_tasks(records: list[dict]) -> list[dict]:
    """One Label Studio task per record, its annotations as a prediction."""
    tasks = []
    for record in records:
        task = task_of(record)
        result = []
        for region in task.regions:
            value = {"start": region.start, "end": region.end, "text": region.text}
            result.append({"id": region.id, "from_name": LABEL_CONTROL, "to_name": TEXT, "type": "labels",
                           "value": {**value, "labels": [region.label]}})
            for name, content in region.attrs.items():
                if not content:
                    continue  # Label Studio has no empty choice or text; absent reads back as empty
                if name in CHOICES or name in ID_CHOICES:
                    chosen = content if isinstance(content, list) else [content]
                    result.append({"id": region.id, "from_name": name, "to_name": TEXT, "type": "choices",
                                   "value": {**value, "choices": chosen}})
                elif name in TEXTAREAS:
                    result.append({"id": region.id, "from_name": name, "to_name": TEXT, "type": "textarea",
                                   "value": {**value, "text": [content]}})
        result += [{"type": "relation", "from_id": r.source, "to_id": r.target, "direction": "right",
                    "labels": [r.label]} for r in task.relations]
        actors = actor_options(record)
        lowest = min((c.get("score", 1.0) for c in record.get("claims", [])), default=None)
        tasks.append({"data": {TEXT: record["text"], "article_id": record["id"],
                               "title": record["meta"].get("title"), "source": record["meta"].get("source"),
                               "lowest_claim_score": lowest, "actors": actors,
                               "ids": actors + place_options(record)},
                      # Label Studio sorts tasks by their prediction's score: the least sure first
                      "predictions": [{"model_version": f"sahelnlp-{__version__}", "result": result,
                                       **({"score": round(lowest, 4)} if lowest is not None else {})}]})
    return tasks


def actor_options(record: dict) -> list[dict]:
    """The actors an annotator may choose, as Label Studio options: the article's own
    first, then every actor of the lexicon by name."""
    own = [_actor_option(a["id"], a.get("name") or a["id"], a.get("type")) for a in record.get("actors", [])]
    seen = {option["value"] for option in own}
    return own + [option for option in _lexicon_options() if option["value"] not in seen]


@lru_cache(maxsize=1)
def _lexicon_options() -> tuple[dict, ...]:
    """Every actor of the packaged lexicon as an option, by name: sorted once per process."""
    from ..pipeline.actors.kb import packaged_kb

    records = sorted(packaged_kb().records.values(), key=lambda r: r.name.lower())
    return tuple(_actor_option(r.id, r.name, r.type) for r in records)


def _actor_option(actor_id: str, name: str, kind: str | None) -> dict:
    return {"value": actor_id, "html": f"{name} ({kind})" if kind else name}


def place_options(record: dict) -> list[dict]:
    """The places an annotator may choose: the article's linked places and the other
    candidates the linker weighed for them (a place the list lacks is given by its
    coordinates)."""
    options, seen = [], set()
    for place in record.get("places", []):
        label = f"{place['name']} ({', '.join(v for v in (place.get('kind'), place.get('admin1'), place.get('country')) if v)})"
        options.append({"value": place["id"], "html": label})
        seen.add(place["id"])
    for place in record.get("places", []):
        for candidate in place.get("candidates") or []:
            if candidate["id"] not in seen:
                seen.add(candidate["id"])
                options.append({"value": candidate["id"], "html": f"{place['name']}? other candidate {candidate['id']}"})
    return options


def from_tasks(tasks: list[dict]) -> list[AnnotatedTask]:
    """Corrected tasks from a Label Studio JSON export (or from `to_tasks`)."""
    found = []
    for number, task in enumerate(tasks):
        task_id = str(task.get("id", number))
        article_id = article_id_of((task.get("data") or {}).get("article_id"), "Label Studio", task_id,
                                   "data.article_id")
        annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        if not annotations:
            found.append(AnnotatedTask(article_id, [], [], task_id=task_id, tool=TOOL))
            continue
        latest = max(annotations, key=lambda a: a.get("updated_at") or a.get("created_at") or "")
        regions, relations = _read_result(latest.get("result") or [])
        found.append(AnnotatedTask(article_id, regions, relations, task_id=task_id, reviewed=True,
                                   annotator=_annotator(latest.get("completed_by")),
                                   time=latest.get("updated_at") or latest.get("created_at"), tool=TOOL))
    return found


def _read_result(result: list[dict]) -> tuple[list[Region], list[Relation]]:
    regions: dict[str, Region] = {}
    relations = []
    for item in result:
        if item.get("type") == "relation":
            labels = item.get("labels") or []
            relations.append(Relation(item["from_id"], item["to_id"], labels[0] if labels else ""))
            continue
        value = item.get("value") or {}
        region = regions.setdefault(item["id"], Region(item["id"], value.get("start"), value.get("end"), ""))
        if item.get("type") == "labels":
            region.label = (value.get("labels") or [""])[0]
            region.text = value.get("text")
        elif item.get("type") == "choices":
            choices = value.get("choices") or []
            region.attrs[item["from_name"]] = choices if CHOICES.get(item["from_name"], (0, 0, ""))[2] == "multiple" \
                else (choices[0] if choices else "")
        elif item.get("type") == "textarea":
            texts = value.get("text") or []
            region.attrs[item["from_name"]] = texts[-1].strip() if texts else ""
    for region in regions.values():
        for name, (labels, _, mode) in CHOICES.items():
            if region.label in labels and mode == "multiple":
                region.attrs.setdefault(name, [])
        for name, labels in [*TEXTAREAS.items(), *((n, labels) for n, (labels, _) in ID_CHOICES.items())]:
            if region.label in labels:
                region.attrs.setdefault(name, "")
    return list(regions.values()), relations


def _annotator(completed_by) -> str | None:
    if isinstance(completed_by, dict):
        return completed_by.get("email") or str(completed_by.get("id"))
    return None if completed_by is None else str(completed_by)
