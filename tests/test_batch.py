"""Batch runs: resume after a kill or a full disk, duplicates, the failures side file,
the article count behind the progress bar's time left."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sahelnlp import batch
from sahelnlp.batch import RunOptions, count_articles, default_failures_path, run_to_file
from sahelnlp.errors import SahelNLPError
from sahelnlp.readers import read_inputs
from sahelnlp.runner import RunStats
from sahelnlp.validate import problems_of

REPO = Path(__file__).resolve().parents[1]
CONSTRUCTED = REPO / "corpus" / "constructed" / "articles.jsonl"
QUIET = RunOptions(batch_size=8, quiet=True)


def records_in(path: Path) -> list[dict]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for record in records:
        assert problems_of(record) == [], record["id"]
    return records


def run(nlp, inputs: list[str], out: Path, **kwargs) -> RunStats:
    stats = RunStats()
    options = kwargs.pop("options", QUIET)
    run_to_file(nlp, read_inputs(inputs), str(out), failures_path=kwargs.pop("failures_path", None),
                options=options, stats=stats, resume=kwargs.pop("resume", False),
                overwrite=kwargs.pop("overwrite", False))
    return stats


@pytest.fixture(scope="module")
def full_run(nlp, tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("full") / "out.jsonl"
    run(nlp, [str(CONSTRUCTED)], out)
    return records_in(out)


def test_resume_after_a_cut_off_line_gives_every_article_once(nlp, full_run, tmp_path):
    out = tmp_path / "out.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in full_run]
    with out.open("w", encoding="utf-8") as handle:  # a run killed while writing line 7
        handle.writelines(lines[:6])
        handle.write(lines[6][:150])
    stats = run(nlp, [str(CONSTRUCTED)], out, resume=True)
    resumed = records_in(out)
    assert [r["id"] for r in resumed] == [r["id"] for r in full_run]
    assert resumed == full_run
    assert (stats.read, stats.skipped, stats.written) == (16, 6, 10)


def test_resume_of_a_finished_run_writes_nothing(nlp, full_run, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in full_run), encoding="utf-8")
    stats = run(nlp, [str(CONSTRUCTED)], out, resume=True)
    assert (stats.skipped, stats.written) == (16, 0)
    assert len(records_in(out)) == 16


def test_existing_output_needs_resume_or_overwrite(nlp, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("", encoding="utf-8")
    with pytest.raises(SahelNLPError, match="--resume"):
        run(nlp, [str(CONSTRUCTED)], out)
    with pytest.raises(SahelNLPError, match="contradict"):
        run(nlp, [str(CONSTRUCTED)], out, resume=True, overwrite=True)


def test_a_full_disk_stops_with_whole_lines_and_resume_finishes(nlp, full_run, tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    real_write = batch._write
    calls = {"n": 0}

    def write_until_full(handle, record, target):
        calls["n"] += 1
        if calls["n"] == 5:  # half a line reaches the disk, then no space is left
            handle.write(json.dumps(record)[:40])
            handle.flush()
            raise SahelNLPError(batch.Errors.E032.format(
                path=target, error=OSError(errno.ENOSPC, "No space left on device")))
        real_write(handle, record, target)

    monkeypatch.setattr(batch, "_write", write_until_full)
    with pytest.raises(SahelNLPError, match="--resume"):
        run(nlp, [str(CONSTRUCTED)], out)
    monkeypatch.setattr(batch, "_write", real_write)
    run(nlp, [str(CONSTRUCTED)], out, resume=True)
    assert [r["id"] for r in records_in(out)] == [r["id"] for r in full_run]


def test_duplicate_texts_are_processed_once_and_flagged(nlp, tmp_path):
    source = tmp_path / "dump.jsonl"
    first = json.loads(CONSTRUCTED.read_text(encoding="utf-8").splitlines()[0])
    copy = dict(first, id="syndicated-copy", url="https://example.org/copy")
    source.write_text(json.dumps(first) + "\n" + json.dumps(copy) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = run(nlp, [str(source)], out)
    original, duplicate = records_in(out)
    assert original["duplicate_of"] is None and original["claims"]
    assert duplicate["duplicate_of"] == first["id"]
    assert duplicate["claims"] == [] and duplicate["errors"] == []
    assert first["id"] in duplicate["notes"][0]
    assert duplicate["meta"]["text_sha1"] == original["meta"]["text_sha1"]
    assert (stats.written, stats.duplicates) == (2, 1)
    # a resumed run still knows the text it wrote before
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps(dict(first, id="third-copy")) + "\n", encoding="utf-8")
    run(nlp, [str(source), str(later)], out, resume=True)
    assert records_in(out)[-1]["duplicate_of"] == first["id"]


def test_failures_go_to_a_side_file_with_the_reason(nlp, tmp_path):
    source = tmp_path / "dump.jsonl"
    source.write_text('{"id": "a", "text": "Five soldiers were killed."}\n'
                      '{"id": "b", "text": "   "}\n{"id": "c"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    failures = default_failures_path(str(out))
    stats = run(nlp, [str(source)], out, failures_path=failures)
    assert failures == tmp_path / "out.failures.jsonl"
    listed = [json.loads(line) for line in failures.read_text(encoding="utf-8").splitlines()]
    assert [entry["id"] for entry in listed] == ["b", "c"]
    assert all(entry["errors"] and entry["source"] for entry in listed)
    assert stats.failed == 2 and len(records_in(out)) == 3


def test_count_articles_knows_jsonl_and_admits_it_cannot_count_html(tmp_path):
    assert count_articles([str(CONSTRUCTED)]) == 16
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Text</p></body></html>", encoding="utf-8")
    assert count_articles([str(CONSTRUCTED), str(page)]) is None


def test_a_killed_process_resumes_with_no_duplicate_and_no_loss(dev_articles, tmp_path):
    """A real `sahelnlp run`, killed with SIGKILL mid-run, then resumed."""
    source = tmp_path / "dump.jsonl"
    rows = [json.loads(line) for line in dev_articles.read_text(encoding="utf-8").splitlines()]
    with source.open("w", encoding="utf-8") as handle:
        for copy in range(4):  # distinct texts, so none is a duplicate
            for row in rows:
                handle.write(json.dumps(dict(row, id=f"{row['id']}-{copy}", text=row["text"] + f"\n\n({copy})")) + "\n")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "sahelnlp", "run", str(source), "-o", str(out), "--quiet",
               "--batch-size", "4"]
    process = subprocess.Popen(command)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_text(encoding="utf-8").count("\n") < 10):
        time.sleep(0.2)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    written_before = out.read_text(encoding="utf-8").count("\n")
    assert 10 <= written_before < 4 * len(rows)
    finished = subprocess.run(command + ["--resume"], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    ids = [r["id"] for r in records_in(out)]
    assert ids == [f"{row['id']}-{copy}" for copy in range(4) for row in rows]


def test_resume_refuses_a_file_that_is_not_an_output_and_leaves_it_whole(nlp, tmp_path):
    for name, content in (("notes.json", '{"a": 1}'), ("table.csv", "id,text\n1,two\n3,fo")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(SahelNLPError, match="not a sahelnlp record"):
            run(nlp, [str(CONSTRUCTED)], path, resume=True)
        assert path.read_text(encoding="utf-8") == content


def test_the_same_article_read_twice_is_flagged(nlp, tmp_path):
    line = CONSTRUCTED.read_text(encoding="utf-8").splitlines()[0]
    source = tmp_path / "twice.jsonl"
    source.write_text(line + "\n" + line + "\n", encoding="utf-8")
    stats = run(nlp, [str(source)], tmp_path / "out.jsonl")
    first, second = records_in(tmp_path / "out.jsonl")
    assert first["duplicate_of"] is None and second["duplicate_of"] == first["id"]
    assert stats.duplicates == 1


def test_a_new_run_does_not_keep_an_old_failures_file(nlp, tmp_path):
    failures = tmp_path / "out.failures.jsonl"
    failures.write_text('{"id": "old", "errors": ["old"]}\n', encoding="utf-8")
    run(nlp, [str(CONSTRUCTED)], tmp_path / "out.jsonl", failures_path=failures)
    assert not failures.exists()


def test_a_full_disk_gives_the_message_not_a_traceback(nlp, tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with pytest.raises(SahelNLPError, match="Could not write"):
        run(nlp, [str(CONSTRUCTED)], Path("/dev/full"), overwrite=True)


def test_articles_without_ids_keep_them_whatever_path_names_their_file(tmp_path, monkeypatch):
    source = tmp_path / "noid.jsonl"
    source.write_text('{"text": "Five soldiers were killed."}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [relative] = list(read_inputs(["noid.jsonl"]))
    [absolute] = list(read_inputs([str(source)]))
    assert relative.id == absolute.id
