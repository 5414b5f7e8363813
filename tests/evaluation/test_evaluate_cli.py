"""`sahelnlp evaluate` and `sahelnlp gold …` end to end, on the constructed corpus shipped in
the repo (no shared folder needed) and a few ACLED-style events."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.evaluation.agreement import record_from_gold
from sahelnlp.evaluation.gold import load_gold
from sahelnlp.evaluation.split import SplitRow, write_split

REPO = Path(__file__).resolve().parents[2]
CONSTRUCTED_GOLD = REPO / "corpus" / "gold" / "constructed"
runner = CliRunner()


@pytest.fixture()
def corpus(tmp_path):
    """The constructed gold with a split file: c001–c008 train, c009–c012 dev, the rest test;
    predictions equal to the gold but for the first claim of every document."""
    gold_dir = tmp_path / "gold"
    shutil.copytree(CONSTRUCTED_GOLD, gold_dir / "constructed")
    items = load_gold([gold_dir])
    rows = [SplitRow(g.input, g.doc, "train" if g.doc <= "c008" else "dev" if g.doc <= "c012" else "test",
                     g.doc, "en", "ML") for g in items]
    write_split(rows, gold_dir / "split.tsv")
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as handle:
        for item in items:
            record = record_from_gold(item)
            record["claims"] = record["claims"][1:]
            handle.write(json.dumps(record) + "\n")
    return gold_dir, pred


def test_evaluate_puts_parts_side_by_side_and_seals_test_misses(corpus, tmp_path):
    gold_dir, pred = corpus
    misses, report = tmp_path / "misses.jsonl", tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred),
                                 "--misses", str(misses), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "train" in result.output and "dev − test" in result.output and "sealed" in result.output
    docs = {json.loads(line)["doc"] for line in misses.read_text(encoding="utf-8").splitlines()}
    assert docs and all(d <= "c012" for d in docs)
    data = json.loads(report.read_text(encoding="utf-8"))["gold"]
    assert set(data["by_part"]) == {"train", "dev", "test"}
    assert data["by_part"]["test"]["all"]["claims"]["precision"] == 1.0
    assert data["by_part"]["test"]["all"]["claims"]["recall"] < 1.0
    assert "claims F1" in data["gap_dev_minus_test"]["all"]


def test_evaluate_groups_attributes_by_the_rule_that_set_them_but_not_for_test(corpus, tmp_path):
    gold_dir, pred = corpus
    records = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    for record in records:
        for claim in record["claims"]:
            claim["evidence"] = {"victim": "victim.counted_noun"}
        if record["claims"]:  # one wrong victim per document, set by another rule
            record["claims"][0]["victim"] = "mixed"
            record["claims"][0]["evidence"] = {"victim": "article.inherited_victims"}
    pred.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    misses, report = tmp_path / "misses.jsonl", tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--by-rule",
                                 "--misses", str(misses), "--report", str(report)])
    assert result.exit_code == 0, result.output
    table = result.output.split("Attributes by the rule that set them")[1]
    assert "victim.counted_noun" in table and "article.inherited_victims" in table
    wrong = [json.loads(line) for line in misses.read_text(encoding="utf-8").splitlines()
             if json.loads(line)["kind"] == "claim victim wrong"]
    assert wrong and {m["rule"] for m in wrong} <= {"article.inherited_victims", "victim.counted_noun"}
    data = json.loads(report.read_text(encoding="utf-8"))["gold"]["by_part"]
    inherited = data["train"]["all"]["attribute_accuracy_by_rule"]["victim"]["article.inherited_victims"]
    assert inherited["right"] < inherited["total"]
    assert "attribute_accuracy_by_rule" not in data["test"]["all"]


def test_evaluate_one_part_and_floors(corpus, tmp_path):
    gold_dir, pred = corpus
    floors, report = tmp_path / "floors.json", tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--part", "dev",
                                 "--record-floors", str(floors), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert set(json.loads(report.read_text(encoding="utf-8"))["gold"]["by_part"]) == {"dev"}
    recorded = json.loads(floors.read_text(encoding="utf-8"))
    assert 0 < recorded["dev"]["all"]["claims F1"] < 1
    result = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--floors", str(floors)])
    assert result.exit_code == 0, result.output
    recorded["dev"]["all"]["claims F1"] = 0.999
    floors.write_text(json.dumps(recorded), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--floors", str(floors)])
    assert result.exit_code == 1 and "dev/all claims F1" in result.output


def test_evaluate_agreement_of_an_annotator_with_itself(corpus, tmp_path):
    gold_dir, pred = corpus
    result = runner.invoke(app, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred),
                                 "--agreement", str(gold_dir / "constructed")])
    assert result.exit_code == 0, result.output
    agreement = result.output.split("Agreement")[1]
    assert "claims (outcome + value)   1.000       1.000    1.000" in agreement


def test_evaluate_without_a_yardstick_is_a_usage_error():
    result = runner.invoke(app, ["evaluate"])
    assert result.exit_code == 2 and "--gold" in result.output


def test_evaluate_acled_runs_the_pipeline_on_notes(tmp_path):
    events = tmp_path / "events.jsonl"
    rows = [
        {"event_id": "T1", "country": "Mali", "admin1": "Gao", "location": "Tessit", "latitude": 15.2167,
         "longitude": -0.3, "geo_precision": 1, "event_type": "Battles", "fatalities": 4,
         "actor1": "JNIM: Group for Support of Islam and Muslims", "actor2": "Military Forces of Mali (2021-)",
         "notes": "On 3 March 2023, JNIM militants attacked a Malian army post in Tessit (Gao), killing four soldiers."},
        {"event_id": "T2", "country": "Mali", "admin1": "Mopti", "location": "Sevare", "latitude": 14.5333,
         "longitude": -4.1, "geo_precision": 1, "event_type": "Protests", "fatalities": 0,
         "actor1": "Protesters (Mali)", "actor2": None,
         "notes": "On 4 March 2023, residents of Sevare protested against the closing of the market."},
    ]
    events.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", "--acled", str(events), "--acled-part", "all", "--report", str(report)])
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))["acled"]["all"]
    assert data["events"] == 2
    assert data["fatalities_equal"]["right"] == 2
    assert data["place_precision_1_within_25km"]["right"] >= 1
    assert data["actor1_found"] == {"right": 1, "total": 1, "accuracy": 1.0}
    assert data["actor_names_outside_codebook"] == 1
    bad = runner.invoke(app, ["evaluate", "--acled", str(events), "--acled-part", "validation"])
    assert bad.exit_code == 2 and "--acled-part" in bad.output


def test_gold_commands_show_locate_new_and_check(tmp_path):
    show = runner.invoke(app, ["gold", "show", "constructed/articles.jsonl", "c001"])
    assert show.exit_code == 0, show.output
    assert "text_sha1" in show.output and show.output.count("\n[") >= 3
    located = runner.invoke(app, ["gold", "locate", "constructed/articles.jsonl", "c001", "several", "Timbuktoo"])
    assert "sentence [" in located.output and "'Timbuktoo': not in the text" in located.output
    target = tmp_path / "c001.json"
    made = runner.invoke(app, ["gold", "new", "constructed/articles.jsonl", "c001", "-o", str(target),
                               "--annotator", "tester"])
    assert made.exit_code == 0 and json.loads(target.read_text(encoding="utf-8"))["doc"] == "c001"
    again = runner.invoke(app, ["gold", "new", "constructed/articles.jsonl", "c001", "-o", str(target),
                                "--annotator", "tester"])
    assert again.exit_code == 2 and "exists" in again.output
    missing = runner.invoke(app, ["gold", "show", "constructed/articles.jsonl", "c999"])
    assert missing.exit_code == 2 and "no article with id 'c999'" in missing.output
    broken = json.loads((CONSTRUCTED_GOLD / "c001.json").read_text(encoding="utf-8"))
    broken["claims"][0]["span"][0] += 1
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    checked = runner.invoke(app, ["gold", "check", str(tmp_path / "broken.json")])
    assert checked.exit_code == 1 and "not quantity.text" in checked.output
