"""Each mistake a user was seen to make gives one coded sentence and the right exit code:
2 for a usage error, before any output is written; never a traceback."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app

runner = CliRunner()
ARTICLE = {"id": "a1", "text": "Gunmen killed 12 villagers near Boni in central Mali on Sunday, the mayor said.",
           "published": "2024-03-05"}


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _one_coded_line(result, code: str) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"sahelnlp: [{code}] "), result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture()
def output_file(tmp_path, nlp):
    """A real output of one article."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _invoke("run", str(source), "-o", str(out), "-q").exit_code == 0
    return source, out


@pytest.mark.parametrize("given, code", [
    ("missing/articles.jsonl", "E040"),
    ("nowhere/*.jsonl", "E041"),
    ("https://example.org/news/attack.html", "E063"),
])
def test_run_refuses_a_wrong_path_or_a_url_before_writing(tmp_path, given, code):
    out = tmp_path / "out.jsonl"
    result = _invoke("run", given, "-o", str(out), "-q")
    assert result.exit_code == 2
    _one_coded_line(result, code)
    assert not out.exists() and not (tmp_path / "out.jsonl.failures.jsonl").exists()


def test_run_refuses_a_csv_whose_text_column_has_another_name(tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text('id,body\na1,"Gunmen killed 12 villagers near Boni, the mayor said."\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _invoke("run", str(table), "-o", str(out), "-q")
    assert result.exit_code == 2
    line = _one_coded_line(result, "E056")
    assert "--text-field NAME" in line and "body" in line
    assert not out.exists()
    again = _invoke("run", str(table), "-o", str(out), "-q", "--text-field", "body")
    assert again.exit_code == 0, again.output
    assert json.loads(out.read_text(encoding="utf-8"))["claims"]


def test_run_refuses_json_lines_without_the_text_field(tmp_path):
    lines = tmp_path / "articles.jsonl"
    lines.write_text(json.dumps({"id": "a1", "body": "Twelve killed."}) + "\n", encoding="utf-8")
    result = _invoke("run", str(lines), "-o", str(tmp_path / "out.jsonl"), "-q")
    assert result.exit_code == 2
    assert "--text-field NAME" in _one_coded_line(result, "E054")


def test_run_dask_without_dask_says_how_to_install_before_sharding(tmp_path, monkeypatch):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    out = tmp_path / "parts"
    result = _invoke("run", str(source), "-o", str(out), "--engine", "dask", "-q")
    assert result.exit_code == 2
    assert "sahelnlp[dask]" in _one_coded_line(result, "E038")
    assert not out.exists()


@pytest.mark.parametrize("command", [
    ["table", "{out}", "--to", "{tmp}/claims.csv"],
    ["incidents", "{out}", "-o", "{tmp}/incidents.csv"],
    ["review", "{out}", "-o", "{tmp}/review.html"],
    ["export", "{out}", "--to", "labelstudio", "-o", "{tmp}/tasks.json"],
])
def test_output_commands_refuse_an_input_file(tmp_path, output_file, command):
    source, _ = output_file
    args = [part.format(out=source, tmp=tmp_path) for part in command]
    result = _invoke(*args)
    assert result.exit_code == 2
    assert "not an annotated record" in _one_coded_line(result, "E026")


@pytest.mark.parametrize("given", ["{tmp}/missing.jsonl", "{tmp}/runs/*.jsonl"])
def test_table_of_a_missing_output_or_an_empty_glob(tmp_path, given):
    result = _invoke("table", given.format(tmp=tmp_path), "--to", str(tmp_path / "claims.csv"))
    assert result.exit_code == 2
    _one_coded_line(result, "E070")


def test_table_reads_every_output_a_glob_matches(tmp_path, output_file):
    _, out = output_file
    runs = tmp_path / "runs"
    runs.mkdir()
    for name in ("a.jsonl", "b.jsonl"):
        (runs / name).write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    claims = tmp_path / "claims.csv"
    result = _invoke("table", str(runs / "*.jsonl"), "--to", str(claims))
    assert result.exit_code == 0, result.output
    single = tmp_path / "single.csv"
    _invoke("table", str(out), "--to", str(single))
    assert len(claims.read_text().splitlines()) - 1 == 2 * (len(single.read_text().splitlines()) - 1)


def test_empty_output_file_is_named(tmp_path):
    empty = tmp_path / "out.jsonl"
    empty.write_text("", encoding="utf-8")
    result = _invoke("incidents", str(empty), "-o", str(tmp_path / "incidents.csv"))
    assert result.exit_code == 2
    _one_coded_line(result, "E071")


def test_html_footer_year_is_not_a_publication_date(tmp_path, nlp):
    page = tmp_path / "attack.html"
    page.write_text(
        "<html lang='en'><head><title>Soldiers killed near Boni</title></head><body><article>"
        "<h1>Soldiers killed near Boni</h1><p>Gunmen killed ten soldiers in an attack on an army post near "
        "Boni on Tuesday, the army said in a statement on its website.</p><p>The attackers fled towards the "
        "border on motorbikes, residents told reporters by telephone.</p></article>"
        "<footer><p>© 2024 Sahel Daily. All rights reserved.</p></footer></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _invoke("run", str(page), "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["meta"]["published"] is None
    assert any(note.startswith("[W004]") and "2024-01-01" in note for note in record["notes"])
    assert all(claim["event_date"] is None for claim in record["claims"])


def test_assemble_into_a_place_that_cannot_hold_a_folder(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = _invoke("assemble", str(blocker / "pipeline"))
    assert result.exit_code == 2
    _one_coded_line(result, "E075")


def test_benchmark_without_a_readable_article(tmp_path):
    result = _invoke("benchmark", str(tmp_path / "missing.jsonl"), "--n-docs", "5")
    assert result.exit_code == 2
    _one_coded_line(result, "E076")


def test_train_names_a_missing_config_or_gold_before_any_work(tmp_path):
    result = _invoke("train", "--config", str(tmp_path / "nowhere.cfg"), "-o", str(tmp_path / "weights"))
    assert result.exit_code != 0 and "nowhere.cfg" in _one_coded_line(result, "E021")
    result = _invoke("train", "--gold", str(tmp_path / "no-gold"), "-o", str(tmp_path / "weights"))
    assert result.exit_code != 0 and "no-gold" in _one_coded_line(result, "E120")
    assert not (tmp_path / "weights").exists()
