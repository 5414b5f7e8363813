"""`sahelnlp run` end to end: real seeds, every input format's failure modes, exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.validate import problems_of

runner = CliRunner()


def run_cli(*args: str):
    return runner.invoke(app, ["run", *args, "--quiet"], catch_exceptions=False)


def read_records(path: Path) -> list[dict]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for record in records:
        assert problems_of(record) == [], record["id"]
    return records


def test_run_seeds_one_valid_line_per_article(seeds_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_cli(str(seeds_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    records = read_records(out)
    assert len(records) == 14  # four articles plus the feed dump's ten items
    assert all(not r["errors"] for r in records)


def test_run_seeds_bamako_attack(seeds_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    run_cli(str(seeds_dir), "-o", str(out))
    records = {r["id"]: r for r in read_records(out)}
    bamako = [r for r in records.values()
              if r["meta"]["published"] in ("2024-09-18", "2024-09-24") and "Bamako" in r["text"]]
    assert bamako
    for record in bamako:
        assert "jnim" in {a["id"] for a in record["actors"]}
        places = {p["name"]: p for p in record["places"]}
        assert places["Bamako"]["country"] == "ML"
    claims = [c for r in bamako for c in r["claims"]]
    assert any(c["quantity"]["value"] and c["source"] is not None for c in claims)


def test_run_bad_inputs_each_get_a_record_and_exit_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "items.jsonl").write_text(
        '{"id": "a", "text": "Gunmen killed 12 villagers in central Mali."}\n'
        '{"id": "b", "text": broken}\n'
        '{"id": "c", "title": "no text field"}\n'
        '{"id": "d", "text": "Three soldiers were wounded near Gao."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli(str(folder), "-o", str(out))
    assert result.exit_code == 1
    records = read_records(out)
    assert len(records) == 6
    by_id = {r["id"]: r for r in records}
    assert by_id["a"]["claims"] and not by_id["a"]["errors"]
    assert by_id["d"]["claims"] and not by_id["d"]["errors"]
    failed = [r for r in records if r["errors"]]
    assert len(failed) == 4
    assert all(r["claims"] == [] and r["entities"] == [] for r in failed)


def test_run_gzip_jsonl_to_stdout(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "x", "text": "Suspected jihadists killed 5 soldiers in Niger.",
                                 "published": "2024-01-02"}) + "\n")
    result = run_cli(str(path))
    assert result.exit_code == 0
    record = json.loads(result.stdout.splitlines()[0])
    assert record["id"] == "x" and record["meta"]["published"] == "2024-01-02"
    assert record["claims"][0]["quantity"]["value"] == 5


def test_run_refuses_to_overwrite(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Nothing happened.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(source), "-o", str(out), "--quiet"])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert "--overwrite" in result.output


def test_run_missing_base_model_is_a_clear_error(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Nothing happened.", encoding="utf-8")
    result = runner.invoke(app, ["run", str(source), "--model", "no_such_model_xyz", "--quiet"])
    assert result.exit_code == 2
    assert "no_such_model_xyz" in result.output and "Traceback" not in result.output


def test_python_m_sahelnlp_help():
    result = subprocess.run([sys.executable, "-m", "sahelnlp", "run", "--help"],
                            capture_output=True, text=True, check=True)
    assert "--n-process" in result.stdout and "--model" in result.stdout


def test_run_examples_and_validate_command(tmp_path):
    examples = Path(__file__).resolve().parents[2] / "corpus" / "examples" / "articles.jsonl"
    out = tmp_path / "out.jsonl"
    assert run_cli(str(examples), "-o", str(out)).exit_code == 0
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    records = read_records(out)
    assert [r["id"] for r in records] == ["ex-001", "ex-002", "ex-003"]
