"""Export to Label Studio, Prodigy and doccano, and back: unchanged tasks give the same
records; a scripted correction in each format arrives as expected; bad offsets are
refused naming the task; reviewed records serve as gold and as data additions."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sahelnlp.annotation import export_tasks, import_corrections, labelstudio, read_tasks
from sahelnlp.annotation.suggest import propose
from sahelnlp.cli import app
from sahelnlp.errors import SahelNLPError
from sahelnlp.evaluation import load_gold
from sahelnlp.runner import annotate
from sahelnlp.readers import read_inputs
from sahelnlp.validate import problems_of

REPO = Path(__file__).resolve().parents[2]
CONSTRUCTED = REPO / "corpus" / "constructed" / "articles.jsonl"
TOOLS = ("labelstudio", "prodigy", "doccano")


@pytest.fixture(scope="module")
def records(nlp) -> list[dict]:
    return list(annotate(nlp, read_inputs([str(CONSTRUCTED)])))


def accept_as_is(tasks: list[dict], tool: str) -> list[dict]:
    """What each tool exports when an annotator accepts every pre-annotation."""
    tasks = copy.deepcopy(tasks)
    for task in tasks:
        if tool == "labelstudio":
            task["id"] = len(task)
            task["annotations"] = [{"result": task["predictions"][0]["result"], "was_cancelled": False,
                                    "completed_by": {"id": 1, "email": "reviewer@example.org"},
                                    "created_at": "2026-11-21T09:00:00Z", "updated_at": "2026-11-21T09:30:00Z"}]
        elif tool == "prodigy":
            task.update(answer="accept", _annotator_id="proj-reviewer", _timestamp=1795000000)
        else:
            task["annotation_approver"] = "reviewer"
    return tasks


def without_review(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "review"}


@pytest.mark.parametrize("tool", TOOLS)
def test_unannotated_tasks_leave_every_record_as_it_was(records, tool):
    tasks = export_tasks(records, tool)
    assert len(tasks) == len(records)
    result, reviewed = import_corrections(records, tasks, tool)
    assert reviewed == 0 and result == records


@pytest.mark.parametrize("tool", TOOLS)
def test_accepted_tasks_come_back_as_the_same_records_marked_reviewed(records, tool):
    tasks = accept_as_is(export_tasks(records, tool), tool)
    result, reviewed = import_corrections(records, tasks, tool)
    assert reviewed == len(records)
    assert [without_review(r) for r in result] == records
    assert all(r["review"]["status"] == "reviewed" and r["review"]["tool"] == tool for r in result)
    assert all(problems_of(r) == [] for r in result)


def claim_with_relations(record: dict) -> int:
    return next(i for i, c in enumerate(record["claims"]) if c["victim_span"] and c["source"])


def test_labelstudio_correction_changes_outcome_victim_and_perpetrator(records):
    record = records[1]
    index = claim_with_relations(record)
    [task] = accept_as_is(export_tasks([record], "labelstudio"), "labelstudio")
    result = task["annotations"][0]["result"]
    for item in result:
        if item.get("id") == f"q{index}" and item["from_name"] == "outcome":
            item["value"]["choices"] = ["injured"]
        if item.get("id") == f"q{index}" and item["from_name"] == "victim":
            item["value"]["choices"] = ["civilians"]
    # the annotator removes the perpetrator relation and types an actor id instead
    result[:] = [i for i in result if not (i.get("type") == "relation" and i["from_id"] == f"q{index}"
                                           and i["labels"] == ["perpetrator"])]
    start, end = record["claims"][index]["quantity_span"]
    result.append({"id": f"q{index}", "from_name": "perpetrator", "to_name": "text", "type": "textarea",
                   "value": {"start": start, "end": end, "text": ["jnim"]}})
    [corrected], _ = import_corrections([record], [task], "labelstudio")
    claim = corrected["claims"][index]
    assert (claim["outcome"], claim["victim"], claim["perpetrator"]) == ("injured", "civilians", "jnim")
    assert corrected["review"]["annotator"] == "reviewer@example.org"
    assert corrected["review"]["time"] == "2026-11-21T09:30:00Z"
    assert problems_of(corrected) == []


def test_prodigy_correction_relabels_a_quantity_and_adds_an_actor_mention(records):
    record = records[1]
    index = claim_with_relations(record)
    [task] = accept_as_is(export_tasks([record], "prodigy"), "prodigy")
    quantity = next(s for s in task["spans"] if s["region"] == f"q{index}")
    quantity["label"] = "MISSING"
    text = record["text"]
    start = text.index("Bankass") if "Bankass" in text else 0
    task["spans"].append({"start": start, "end": start + 7, "label": "PLACE", "token_start": 0, "token_end": 0})
    [corrected], _ = import_corrections([record], [task], "prodigy")
    assert corrected["claims"][index]["outcome"] == "missing"
    assert corrected["review"]["annotator"] == "proj-reviewer"
    assert problems_of(corrected) == []


def test_doccano_correction_deletes_a_claim_and_moves_a_victim(records):
    record = records[1]
    index = claim_with_relations(record)
    [task] = export_tasks([record], "doccano")
    start, end = record["claims"][index]["quantity_span"]
    dropped = next(e["id"] for e in task["entities"] if (e["start_offset"], e["end_offset"]) == (start, end)
                   and e["label"].lower() == record["claims"][index]["outcome"])
    task["entities"] = [e for e in task["entities"] if e["id"] != dropped]
    task["relations"] = [r for r in task["relations"] if dropped not in (r["from_id"], r["to_id"])]
    [corrected], reviewed = import_corrections([record], [task], "doccano")
    assert reviewed == 1
    assert len(corrected["claims"]) == len(record["claims"]) - 1
    assert record["claims"][index]["quantity_span"] not in [c["quantity_span"] for c in corrected["claims"]]


@pytest.mark.parametrize("tool", TOOLS)
def test_offsets_that_do_not_fit_the_text_are_refused_naming_the_task(records, tool):
    tasks = accept_as_is(export_tasks(records[:1], tool), tool)
    length = len(records[0]["text"])
    if tool == "labelstudio":
        tasks[0]["annotations"][0]["result"][0]["value"].update(start=length + 5, end=length + 9)
    elif tool == "prodigy":
        tasks[0]["spans"][0].update(start=length + 5, end=length + 9)
    else:
        tasks[0]["entities"][0].update(start_offset=length + 5, end_offset=length + 9)
    with pytest.raises(SahelNLPError, match=r"task .*do not fit"):
        import_corrections(records[:1], tasks, tool)


def test_a_task_for_an_article_not_in_the_output_is_refused(records):
    tasks = accept_as_is(export_tasks(records[:1], "doccano"), "doccano")
    tasks[0]["article_id"] = "no-such-article"
    with pytest.raises(SahelNLPError, match="no-such-article"):
        import_corrections(records[:1], tasks, "doccano")


def test_label_config_names_every_control_the_tasks_use(records):
    config = labelstudio.label_config()
    tasks = export_tasks(records, "labelstudio")
    used = {item["from_name"] for task in tasks for item in task["predictions"][0]["result"] if "from_name" in item}
    for name in used:
        assert f'name="{name}"' in config
    labels = {item["value"]["labels"][0] for task in tasks for item in task["predictions"][0]["result"]
              if item.get("type") == "labels"}
    assert labels == {"ACTOR", "PLACE", "QUANTITY", "VICTIM", "SOURCE"}


def test_reviewed_records_are_gold_and_new_places_become_a_data_diff(records, tmp_path):
    record = records[1]
    [task] = accept_as_is(export_tasks([record], "labelstudio"), "labelstudio")
    text = record["text"]
    word = "Ségué" if "Ségué" in text else text.split()[5]
    start = text.index(word)
    task["annotations"][0]["result"] += [
        {"id": "new-place", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": start, "end": start + len(word), "text": word, "labels": ["PLACE"]}},
        {"id": "new-place", "from_name": "coordinates", "to_name": "text", "type": "textarea",
         "value": {"start": start, "end": start + len(word), "text": ["14.123, -3.456, ML"]}}]
    [corrected], _ = import_corrections([record], [task], "labelstudio")
    place = next(p for p in corrected["places"] if p["id"].startswith("sahel:review-"))
    assert (place["lat"], place["lon"], place["country"]) == (14.123, -3.456, "ML")
    reviewed_file = tmp_path / "reviewed.jsonl"
    reviewed_file.write_text(json.dumps(corrected) + "\n", encoding="utf-8")
    [gold] = load_gold([reviewed_file])
    assert gold.doc == record["id"] and len(gold.claims) == len(corrected["claims"])
    assert gold.article is not None and gold.article.text == text
    diff, counts = propose([corrected])
    assert counts["places"] == 1
    assert "+++ b/src/sahelnlp/data/gazetteer/supplement.tsv" in diff
    assert f"\t{word}\t" in diff and "14.1230\t-3.4560" in diff


@pytest.mark.parametrize("span, proposed", [("Mali, Defense ministry", False), ("JNIM and IS Sahel", False),
                                             ("the Sahel Defence Collective", True)])
def test_suggest_never_proposes_a_span_that_joins_two_names(span, proposed):
    text = f"Yesterday {span} said the toll was 12."
    record = {"id": "a", "text": text, "places": [], "claims": [], "review": {"status": "reviewed"},
              "entities": [{"start": 10, "end": 10 + len(span), "text": span, "label": "ORG",
                            "kb_id": "actor:mali-government"}]}
    _, counts = propose([record])
    assert counts["aliases"] == int(proposed)


def test_cli_export_import_round_trip_and_evaluate_on_reviewed(records, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:3]), encoding="utf-8")
    runner = CliRunner()
    tasks = tmp_path / "tasks.json"
    result = runner.invoke(app, ["export", str(out), "--to", "labelstudio", "-o", str(tasks)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tasks.label_config.xml").read_text(encoding="utf-8").startswith("<View>")
    corrected = tmp_path / "corrected.json"
    corrected.write_text(json.dumps(accept_as_is(read_tasks(tasks), "labelstudio")), encoding="utf-8")
    reviewed = tmp_path / "reviewed.jsonl"
    result = runner.invoke(app, ["import", str(corrected), "--from", "labelstudio", "--into", str(out),
                                 "-o", str(reviewed)])
    assert result.exit_code == 0, result.output
    assert "3 reviewed" in result.output
    result = runner.invoke(app, ["evaluate", "--gold", str(reviewed), "--pred", str(out)])
    assert result.exit_code == 0, result.output
    assert "1.000" in result.output
    bad = tmp_path / "bad.json"
    tasks_data = accept_as_is(read_tasks(tasks), "labelstudio")
    tasks_data[0]["annotations"][0]["result"][0]["value"]["end"] = 10 ** 6
    bad.write_text(json.dumps(tasks_data), encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--from", "labelstudio", "--into", str(out),
                                 "-o", str(tmp_path / "r2.jsonl")])
    assert result.exit_code == 2 and "do not fit" in result.output


def test_doccano_renumbered_ids_still_find_their_regions(records):
    """doccano exports its own database ids, not the ones it was given."""
    tasks = export_tasks(records[:2], "doccano")
    for offset, task in zip((1000, 5000), tasks):
        renumber = {e["id"]: e["id"] + offset for e in task["entities"]}
        for entity in task["entities"]:
            entity["id"] = renumber[entity["id"]]
        for relation in task["relations"]:
            relation["from_id"], relation["to_id"] = renumber[relation["from_id"]], renumber[relation["to_id"]]
    result, reviewed = import_corrections(records[:2], tasks, "doccano")
    assert reviewed == 0 and result == records[:2]  # nothing changed, nothing reviewed
    tasks[0]["annotation_approver"] = "reviewer"
    result, reviewed = import_corrections(records[:2], tasks, "doccano")
    assert reviewed == 1 and without_review(result[0]) == records[0]


def test_a_relabelled_span_drops_its_old_link(records):
    record = next(r for r in records if r["actors"])
    [task] = accept_as_is(export_tasks([record], "prodigy"), "prodigy")
    actor = next(s for s in task["spans"] if s["label"] == "ACTOR")
    task["relations"] = [r for r in task["relations"] if actor["region"] not in
                         (r["head_span"]["region"], r["child_span"]["region"])]
    actor["label"] = "SOURCE"
    [corrected], _ = import_corrections([record], [task], "prodigy")
    assert (actor["start"], actor["end"]) not in [tuple(m) for a in corrected["actors"] for m in a["mentions"]]


def test_a_new_range_quantity_is_read_from_its_words(records):
    words = "10 and 15"
    record = next(r for r in records if f"etween {words}" in r["text"])
    text = record["text"]
    start = text.index(f"etween {words}") - 1
    words = text[start:start + len(words) + len("between ")]
    [task] = accept_as_is(export_tasks([record], "labelstudio"), "labelstudio")
    result = task["annotations"][0]["result"]
    gone = {i["id"] for i in result if i.get("type") != "relation" and i["value"]["start"] == start}
    result[:] = [i for i in result if i.get("id") not in gone and not (
        i.get("type") == "relation" and {i["from_id"], i["to_id"]} & gone)]
    result.append({"id": "range", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": start, "end": start + len(words), "text": words, "labels": ["QUANTITY"]}})
    result.append({"id": "range", "from_name": "outcome", "to_name": "text", "type": "choices",
                   "value": {"start": start, "end": start + len(words), "choices": ["injured"]}})
    [corrected], _ = import_corrections([record], [task], "labelstudio")
    claim = next(c for c in corrected["claims"] if c["quantity_span"] == [start, start + len(words)])
    assert (claim["quantity"]["low"], claim["quantity"]["high"], claim["outcome"]) == (10, 15, "injured")


def test_relations_may_point_either_way_but_must_reach_the_right_kind(records):
    record = records[1]
    index = claim_with_relations(record)
    [task] = accept_as_is(export_tasks([record], "labelstudio"), "labelstudio")
    result = task["annotations"][0]["result"]
    victim = next(i for i in result if i.get("type") == "relation" and i["labels"] == ["victim"]
                  and i["from_id"] == f"q{index}")
    victim["from_id"], victim["to_id"] = victim["to_id"], victim["from_id"]  # drawn backwards
    [corrected], _ = import_corrections([record], [task], "labelstudio")
    assert corrected["claims"][index]["victim_span"] == record["claims"][index]["victim_span"]
    source = next(i for i in result if i.get("type") == "relation" and i["labels"] == ["source"]
                  and i["from_id"] == f"q{index}")
    source["labels"] = ["perpetrator"]  # a perpetrator relation to a SOURCE region
    with pytest.raises(SahelNLPError, match="must go to a ACTOR region"):
        import_corrections([record], [task], "labelstudio")


def test_export_of_an_output_written_without_text_says_why(records):
    with pytest.raises(SahelNLPError, match="--no-text"):
        export_tasks([{k: v for k, v in records[0].items() if k != "text"}], "prodigy")
