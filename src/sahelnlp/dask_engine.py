"""Distributed runs on Dask: disk to disk, one task per shard.

The driver streams the input once into gzipped JSON-lines shards of about
`shard_bytes` of text each (marking duplicate texts as it goes, so duplicates are
found across the whole input), then submits one task per shard. A task loads the
pipeline once per worker, annotates its shard with the same code as a local run and
writes `part-NNNNN.jsonl` under a temporary name, renamed when complete. The
manifest lists shards and parts; `--resume` re-runs the shards whose part is
missing. On a cluster the output folder must be on a filesystem every worker sees.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Iterable, Iterator

import srsly

from .about import __version__
from .article import Article
from .assemble import PipelineSpec
from .batch import FailureLog, RunOptions, prepare, progress_bar
from .errors import Errors, SahelNLPError
from .journal import Done
from .output import to_json_line
from .routing import LanguageRouter, as_router
from .runner import RunStats, annotate, scrub_article

MANIFEST = "manifest.json"
MANIFEST_SCHEMA = "sahelnlp-parts/1"
SHARDS = "shards"
FAILURES = "failures.jsonl"


def require_dask() -> None:
    """Refuse a Dask run before anything is written when Dask is not installed."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as err:
        raise SahelNLPError(Errors.E038.format(error=err)) from None


def run_dask(spec: PipelineSpec | LanguageRouter, articles: Iterable[Article], out_dir: Path, *,
             scheduler: str | None, shard_bytes: int, resume: bool, overwrite: bool,
             options: RunOptions, stats: RunStats) -> dict:
    """Annotate `articles` on a Dask cluster into `out_dir`; returns the manifest.

    spec: one pipeline for every article, or a router of unbuilt pipelines by language
        (LanguageRouter.packaged()); each worker builds a language's pipeline on first use.
    """
    require_dask()
    router = as_router(spec)
    out_dir = out_dir.resolve()  # workers may run elsewhere: absolute paths on the shared filesystem
    manifest = _prepare_folder(out_dir, resume=resume, overwrite=overwrite)
    if manifest is None:
        manifest = _shard(articles, out_dir, shard_bytes, router, stats)
    else:
        stats.read += sum(shard["articles"] for shard in manifest["shards"])
    todo = [shard for shard in manifest["shards"] if not (out_dir / shard["part"]).exists()]
    stats.skipped += sum(shard["articles"] for shard in manifest["shards"] if shard not in todo)
    if todo:
        _run_shards(router, out_dir, todo, scheduler, options, stats)
    manifest["complete"] = all((out_dir / shard["part"]).exists() for shard in manifest["shards"])
    manifest["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    _write_manifest(out_dir, manifest)
    return manifest


def read_parts(out_dir: Path) -> Iterator[dict]:
    """The records of a finished run, part by part in input order."""
    manifest = _read_manifest(out_dir)
    missing = [shard["part"] for shard in manifest["shards"] if not (out_dir / shard["part"]).exists()]
    if missing:
        raise SahelNLPError(Errors.E039.format(path=out_dir, missing=len(missing), first=missing[0]))
    for shard in manifest["shards"]:
        with (out_dir / shard["part"]).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def annotate_shard(router: LanguageRouter, shard: str, part: str, batch_size: int,
                   include_text: bool, lang: str | None = None) -> dict:
    """The Dask task: annotate one shard file into its part file; counts and failures."""
    router = _worker_router(router)
    stats = RunStats()
    target = Path(part)
    partial = target.with_name(target.name + ".partial")
    failures = []
    with partial.open("w", encoding="utf-8") as handle:
        for record in annotate(router, _read_shard(Path(shard)), batch_size=batch_size,
                               include_text=include_text, stats=stats, lang=lang):
            handle.write(to_json_line(record))
            if record["errors"]:
                failures.append({"id": record["id"], "source": record["meta"]["source"], "errors": record["errors"]})
    os.replace(partial, target)  # a part exists only when it is whole
    return {"written": stats.written, "duplicates": stats.duplicates, "failed": stats.failed,
            "failures": failures}


# One router per worker thread: a worker process runs one thread by default, so each
# language's model loads once per worker, when its first article comes; threads never
# share a pipeline (memory zones are not thread-safe).
_LOCAL = threading.local()


def _worker_router(router: LanguageRouter) -> LanguageRouter:
    cache = getattr(_LOCAL, "routers", None)
    if cache is None:
        cache = _LOCAL.routers = {}
    key = router.cache_key()
    if key not in cache:  # a copy: threads of one process may have been handed the same router
        cache[key] = router.copy()
    return cache[key]


def _prepare_folder(out_dir: Path, *, resume: bool, overwrite: bool) -> dict | None:
    """The manifest to resume, or None when the input must be sharded afresh."""
    if resume and overwrite:
        raise SahelNLPError(Errors.E033)
    if out_dir.exists() and not out_dir.is_dir():
        raise SahelNLPError(Errors.E034.format(path=out_dir, error="it is a file"))
    exists = out_dir.exists() and any(out_dir.iterdir())
    if exists and not _ours(out_dir):
        raise SahelNLPError(Errors.E034.format(path=out_dir, error="it holds files sahelnlp did not write"))
    if exists and overwrite:
        shutil.rmtree(out_dir)
    elif exists and resume:
        if (out_dir / MANIFEST).exists():
            return _read_manifest(out_dir)
        shutil.rmtree(out_dir)  # interrupted while sharding: nothing was annotated yet
    elif exists:
        raise SahelNLPError(Errors.E022.format(path=out_dir))
    (out_dir / SHARDS).mkdir(parents=True, exist_ok=True)
    return None


def _ours(out_dir: Path) -> bool:
    """Whether a folder holds only what a Dask run writes (so it may be replaced)."""
    allowed = re.compile(r"^(manifest\.json(\.partial)?|failures\.jsonl|part-\d+\.jsonl(\.partial)?|shards)$")
    return all(allowed.match(path.name) for path in out_dir.iterdir())


def _shard(articles: Iterable[Article], out_dir: Path, shard_bytes: int, router: LanguageRouter,
           stats: RunStats) -> dict:
    shards: list[dict] = []
    handle = None
    size = 0
    for article in prepare(articles, Done(), stats):
        if handle is None or size >= shard_bytes:
            if handle is not None:
                handle.close()
            number = len(shards)
            shards.append({"shard": f"{SHARDS}/shard-{number:05d}.jsonl.gz",
                           "part": f"part-{number:05d}.jsonl", "articles": 0})
            handle = gzip.open(out_dir / shards[-1]["shard"], "wt", encoding="utf-8")
            size = 0
        scrub_article(article)  # a lone surrogate cannot be written
        handle.write(srsly.json_dumps(dataclasses.asdict(article)) + "\n")
        shards[-1]["articles"] += 1
        size += len(article.text.encode("utf-8", "surrogatepass"))
    if handle is not None:
        handle.close()
    manifest = {"schema": MANIFEST_SCHEMA, "sahelnlp": __version__,
                "pipeline": router.describe(), "shard_bytes": shard_bytes,
                "articles": sum(s["articles"] for s in shards), "shards": shards,
                "complete": False, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    _write_manifest(out_dir, manifest)
    return manifest


def _run_shards(router: LanguageRouter, out_dir: Path, todo: list[dict], scheduler: str | None,
                options: RunOptions, stats: RunStats) -> None:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(n_workers=options.n_process, threads_per_worker=1,
                                   processes=True, dashboard_address=":0")
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as err:
        raise SahelNLPError(Errors.E035.format(address=scheduler or "a local cluster", error=err)) from err
    failures = FailureLog(out_dir / FAILURES, append=True)
    progress = progress_bar(dataclasses.replace(options, total=sum(s["articles"] for s in todo)))
    try:
        futures = {client.submit(annotate_shard, router, str(out_dir / shard["shard"]),
                                 str(out_dir / shard["part"]), options.batch_size,
                                 options.include_text, options.lang, pure=False): shard for shard in todo}
        for future in as_completed(futures):
            result = future.result()
            shard = futures[future]
            shard.update({k: result[k] for k in ("written", "duplicates", "failed")})
            stats.written += result["written"]
            stats.duplicates += result["duplicates"]
            stats.failed += result["failed"]
            for failure in result["failures"]:
                stats.failures.append((failure["id"], failure["errors"][0]))
                failures.add({"id": failure["id"], "meta": {"source": failure["source"]},
                              "errors": failure["errors"]})
            progress.update(shard["articles"])
    finally:
        progress.close()
        failures.close()
        client.close()
        if cluster is not None:
            cluster.close()


def _read_shard(path: Path) -> Iterator[Article]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield Article(**srsly.json_loads(line))


def _read_manifest(out_dir: Path) -> dict:
    try:
        manifest = srsly.read_json(out_dir / MANIFEST)
        if manifest.get("schema") != MANIFEST_SCHEMA:
            raise ValueError(f"schema is {manifest.get('schema')!r}, not {MANIFEST_SCHEMA!r}")
        return manifest
    except (OSError, ValueError) as err:
        raise SahelNLPError(Errors.E034.format(path=out_dir, error=err)) from err


def _write_manifest(out_dir: Path, manifest: dict) -> None:
    partial = out_dir / (MANIFEST + ".partial")
    srsly.write_json(partial, manifest)
    os.replace(partial, out_dir / MANIFEST)
