"""A local batch run: read, skip what is done, mark duplicates, annotate, write.

The output file is a journal (journal.py): a resumed run skips the ids it holds and
appends. Failures go to a side file as JSON lines with the reason, as well as into
their records.
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, TextIO

import srsly
from spacy.language import Language
from tqdm import tqdm

from .article import Article
from .duplicates import DuplicateMarker
from .errors import Errors, SahelNLPError
from .journal import Done, open_journal
from .output import to_json_line
from .routing import LanguageRouter
from .runner import RunStats, annotate


@dataclass
class RunOptions:
    batch_size: int = 64
    n_process: int = 1
    include_text: bool = True
    quiet: bool = False
    total: int | None = None
    lang: str | None = None  # read every article as this language (`--lang`)


def prepare(articles: Iterable[Article], done: Done, stats: RunStats) -> Iterator[Article]:
    """Count what is read, skip what the output already holds, mark duplicate texts."""
    def not_done() -> Iterator[Article]:
        for article in articles:
            stats.read += 1
            if article.id in done.ids:
                stats.skipped += 1
                continue
            yield article

    return DuplicateMarker(done.texts).mark(not_done())


def run_to_file(nlp: Language | LanguageRouter, articles: Iterable[Article], output: str, *, resume: bool,
                overwrite: bool, failures_path: Path | None, options: RunOptions,
                stats: RunStats) -> None:
    """Annotate `articles` into the JSONL file `output` ("-": standard output).

    nlp: one pipeline for every article, or a router giving each its language's pipeline.
    """
    if output == "-":
        if resume:
            raise SahelNLPError(Errors.E037)
        done, handle, target = Done(), sys.stdout, Path("<stdout>")
    else:
        target = Path(output)
        handle, done = open_journal(target, resume=resume, overwrite=overwrite)
    for note in done.notes:
        tqdm.write(f"sahelnlp: {note}", file=sys.stderr)
    failures = FailureLog(failures_path, append=resume)
    try:
        records = annotate(nlp, prepare(articles, done, stats), batch_size=options.batch_size,
                           n_process=options.n_process, include_text=options.include_text, stats=stats,
                           lang=options.lang)
        progress = progress_bar(options, initial=len(done.ids))
        for record in records:
            _write(handle, record, target)
            failures.add(record)
            progress.update(1)
            for message in record["errors"]:
                tqdm.write(f"sahelnlp: {record['id']}: {message}", file=sys.stderr)
        progress.close()
    finally:
        failures.close()
        if handle is not sys.stdout:
            try:
                handle.close()
            except OSError:  # the disk is full: the write already said so (E032)
                if sys.exc_info()[0] is None:
                    raise


def progress_bar(options: RunOptions, initial: int = 0) -> tqdm:
    """Documents per second and, when the total is known, the time left."""
    return tqdm(total=options.total, initial=initial, unit="doc", file=sys.stderr,
                disable=options.quiet, desc="sahelnlp", dynamic_ncols=True, smoothing=0.05)


def _write(handle: TextIO, record: dict, target: Path) -> None:
    try:
        handle.write(to_json_line(record))
        handle.flush()  # a killed run loses at most the line being written
    except OSError as err:
        raise SahelNLPError(Errors.E032.format(path=target, error=err)) from err


class FailureLog:
    """The side file of failed articles: one JSON line each, with id, source and reason.
    Created on the first failure only."""

    def __init__(self, path: Path | None, *, append: bool = False) -> None:
        self.path = path
        self.append = append
        self._handle: TextIO | None = None
        if path is not None and not append and path.exists():
            path.unlink()  # an earlier run's failures are not this run's

    def add(self, record: dict) -> None:
        if self.path is None or not record["errors"]:
            return
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a" if self.append else "w", encoding="utf-8")
        entry = {"id": record["id"], "source": record["meta"]["source"], "errors": record["errors"]}
        self._handle.write(srsly.json_dumps(entry) + "\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def default_failures_path(output: str) -> Path | None:
    """OUT.jsonl → OUT.failures.jsonl; none for standard output."""
    if output == "-":
        return None
    path = Path(output)
    stem = path.name[:-len(".jsonl")] if path.name.endswith(".jsonl") else path.name
    return path.with_name(f"{stem}.failures.jsonl")


def count_articles(inputs: list[str]) -> int | None:
    """How many articles the inputs hold, when cheap to know: JSON-lines files are
    counted by their lines. None for other formats (the progress bar then shows the
    rate without a time left)."""
    from .readers import expand_input
    from .readers.base import InputError

    total = 0
    for given in inputs:
        if given == "-":
            return None
        try:
            paths = expand_input(given)
        except InputError:
            return None
        for path in paths:
            name = path.name.lower().removesuffix(".gz")
            if not name.endswith((".jsonl", ".ndjson")):
                return None
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            try:
                with opener(path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                return None
    return total
