"""Inputs and calls that must give a record or a one-line message, never a traceback."""

from __future__ import annotations

from typer.testing import CliRunner

from sahelnlp.article import Article
from sahelnlp.cli import app
from sahelnlp.runner import annotate
from sahelnlp.validate import problems_of

runner = CliRunner()


def test_unpaired_surrogate_is_replaced_and_offsets_hold(nlp):
    text = "Gunmen killed 12 villagers in Mali \ud83d. Nothing else."
    [record] = list(annotate(nlp, [Article(id="s", text=text, source="t", title="bad \udc00 title")]))
    assert problems_of(record) == [] and not record["errors"]
    assert len(record["text"]) == len(text) and "\ufffd" in record["text"]
    assert record["claims"][0]["quantity"]["value"] == 12


def test_doc_processed_twice(nlp):
    doc = nlp("Mali: 12 soldiers killed\nAt least 17 were hurt near Gao.")
    assert len(nlp(doc)._.claims) == len(doc._.claims)


def test_titled_person_in_another_script_gets_no_empty_id(nlp):
    text = "Wagner chief Евгений Пригожин said 20 fighters were killed in Mali."
    [record] = list(annotate(nlp, [Article(id="r", text=text, source="t")]))
    assert problems_of(record) == []
    assert all(a["id"] for a in record["actors"])


def test_validate_non_object_and_non_utf8(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("[1, 2]\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and "JSON object" in result.output
    path.write_bytes(b"\xff\xfe\x00bad")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and "UTF-8" in result.output


def test_cli_user_errors_are_one_line_messages(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Nothing happened.", encoding="utf-8")
    bad_config = tmp_path / "bad.cfg"
    bad_config.write_text("[x]\ny = 1\n", encoding="utf-8")
    bad_pred = tmp_path / "pred.jsonl"
    bad_pred.write_text("{not json\n", encoding="utf-8")
    calls = [
        ["run", str(source), "--pipeline", str(tmp_path / "missing"), "-q"],
        ["run", str(source), "--config", str(bad_config), "-q"],
        ["gazetteer", "lookup", "Gao", "--gazetteer", str(tmp_path / "missing.msgpack")],
        ["evaluate", "--gold", str(tmp_path), "--pred", str(bad_pred)],
    ]
    for call in calls:
        result = runner.invoke(app, call)
        assert result.exit_code == 2, (call, result.output)
        assert "Traceback" not in result.output and result.output.startswith("sahelnlp:"), result.output
