"""Run articles through the pipeline: exactly one output record per input article.

Articles stream through in windows; each window runs inside `nlp.memory_zone()`
and is turned into plain records before the zone closes, so memory stays flat.
Articles that failed to read, are empty, or make the pipeline fail still get
their record, with `errors` saying why. Texts over `nlp.max_length` are cut at
paragraph breaks and processed in pieces whose offsets are merged back.
"""

from __future__ import annotations

import multiprocessing
import re
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .about import __version__
from .article import Article
from .duplicates import duplicate_note
from .errors import Errors, Warnings
from .normalize import scrub_surrogates
from .output import base_record, record_from_docs

_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass
class RunStats:
    """Counts of a run. `skipped`: already in the output of a resumed run; `duplicates`:
    same text as an earlier article, written but not processed again."""

    read: int = 0
    written: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, record: dict) -> None:
        """Count one record written."""
        self.written += 1
        if record.get("duplicate_of"):
            self.duplicates += 1
        if record["errors"]:
            self.failed += 1
            self.failures.append((record["id"], record["errors"][0]))

    def merge(self, other: "RunStats") -> None:
        for name in ("read", "written", "skipped", "duplicates", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures.extend(other.failures)

    def summary(self) -> str:
        return (f"read {self.read}, written {self.written}, skipped as done {self.skipped}, "
                f"duplicates {self.duplicates}, failed {self.failed}")


def pipeline_info(nlp: Language) -> dict:
    """The `pipeline` block of every record: versions of the code and its data."""
    info = {"version": __version__,
            "model": nlp.meta.get("sahelnlp", {}).get("base_model"),
            "gazetteer": None, "lexicon": None}
    if "sahel_places" in nlp.pipe_names:
        info["gazetteer"] = nlp.get_pipe("sahel_places").gazetteer.version
    if "sahel_actors" in nlp.pipe_names:
        info["lexicon"] = nlp.get_pipe("sahel_actors").kb.version
    return info


def split_text(text: str, max_length: int) -> list[tuple[int, str]]:
    """Cut `text` into pieces no longer than `max_length`, at paragraph breaks where possible.

    RETURNS (list): (offset of the piece in `text`, piece).
    """
    if len(text) <= max_length:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + max_length, len(text))
        if end < len(text):
            breaks = [m.end() for m in _PARAGRAPH.finditer(text, start, end)]
            if breaks and breaks[-1] > start:
                end = breaks[-1]
            else:
                space = text.rfind(" ", start, end)
                end = space + 1 if space > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def annotate(nlp: Language, articles: Iterable[Article], *, batch_size: int = 64,
             n_process: int = 1, window: int | None = None, include_text: bool = True,
             stats: RunStats | None = None) -> Iterator[dict]:
    """Annotate articles, yielding one record per article in input order.

    With `n_process` > 1, worker processes each hold the pipeline and annotate
    whole windows of articles, so only articles and records cross between
    processes; at most two windows per worker are in flight.
    """
    stats = stats if stats is not None else RunStats()
    # small enough for a lively progress bar, large enough to keep workers busy
    window = window or max(batch_size * 2, 32)
    windows = _windows(iter(articles), window)
    if n_process > 1:
        records = _annotate_parallel(nlp, windows, n_process, batch_size, include_text)
    else:
        info = pipeline_info(nlp)
        records = (record for chunk in windows
                   for record in _annotate_zone(nlp, chunk, info, batch_size, include_text))
    for record in records:
        stats.add(record)
        yield record


def _windows(iterator: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(iterator, size)):
        yield chunk


def _annotate_zone(nlp: Language, chunk: list[Article], info: dict, batch_size: int,
                   include_text: bool) -> list[dict]:
    """One window inside a memory zone: spaCy's string store is reset after it."""
    with nlp.memory_zone():
        return _annotate_window(nlp, chunk, info, batch_size, include_text)


# The worker processes' pipeline: inherited when forking, rebuilt from bytes otherwise.
_WORKER: dict = {}


def _init_worker(config: dict | None, data: bytes | None, batch_size: int, include_text: bool) -> None:
    if config is not None:
        from spacy.util import load_model_from_config

        nlp = load_model_from_config(config, auto_fill=False)
        _WORKER["nlp"] = nlp.from_bytes(data)
    _WORKER["info"] = pipeline_info(_WORKER["nlp"])
    _WORKER["options"] = (batch_size, include_text)


def _work(chunk: list[Article]) -> list[dict]:
    batch_size, include_text = _WORKER["options"]
    return _annotate_zone(_WORKER["nlp"], chunk, _WORKER["info"], batch_size, include_text)


def _annotate_parallel(nlp: Language, windows: Iterator[list[Article]], n_process: int,
                       batch_size: int, include_text: bool) -> Iterator[dict]:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux"):  # fork is unsafe on macOS
        context = multiprocessing.get_context("fork")
        _WORKER["nlp"] = nlp
        args = (None, None, batch_size, include_text)
    else:
        context = multiprocessing.get_context("spawn")
        args = (nlp.config, nlp.to_bytes(), batch_size, include_text)
    in_flight: deque = deque()
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_init_worker,
                             initargs=args) as pool:
        for chunk in windows:
            in_flight.append(pool.submit(_work, chunk))
            if len(in_flight) >= 2 * n_process:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _annotate_window(nlp: Language, articles: list[Article], info: dict, batch_size: int,
                     include_text: bool) -> list[dict]:
    jobs: list[tuple[int, int, str]] = []  # (article index, piece offset, piece text)
    notes: dict[int, list[str]] = {}
    for index, article in enumerate(articles):
        scrub_article(article)
        if not article.ok or article.duplicate_of:
            continue
        if not article.text.strip():
            article.errors.append(Errors.E010.format(source=article.source))
            continue
        pieces = split_text(article.text, nlp.max_length)
        if len(pieces) > 1:
            notes[index] = [Warnings.W001.format(source=article.source, length=len(article.text),
                                                 max_length=nlp.max_length, pieces=len(pieces))]
        jobs.extend((index, offset, piece) for offset, piece in pieces)
    docs = _run(nlp, articles, jobs, batch_size)
    pieces_by_article: dict[int, list[tuple[int, Doc]]] = {}
    failed: dict[int, str] = {}
    for (index, offset, _), doc in zip(jobs, docs):
        if isinstance(doc, Exception):
            failed[index] = Errors.E012.format(source=articles[index].source, error=doc)
        else:
            pieces_by_article.setdefault(index, []).append((offset, doc))
    records = []
    for index, article in enumerate(articles):
        if index in failed:
            article.errors.append(failed[index])
        if not article.ok or index not in pieces_by_article:
            record = base_record(article, info, include_text=include_text)
            if article.duplicate_of and article.ok:
                record["notes"] = [*record.get("notes", []), duplicate_note(article)]
            records.append(record)
            continue
        records.append(record_from_docs(article, pieces_by_article[index], info,
                                        include_text=include_text, notes=notes.get(index, [])))
    return records


def _run(nlp: Language, articles: list[Article], jobs: list[tuple[int, int, str]],
         batch_size: int) -> list[Doc | Exception]:
    """Docs for each job, in order; a job the pipeline fails on gives its exception."""
    def make_doc(index: int, text: str) -> Doc:
        doc = nlp.make_doc(text)
        doc._.published = articles[index].published
        return doc

    try:
        return list(nlp.pipe((make_doc(index, text) for index, _, text in jobs), batch_size=batch_size))
    except Exception:  # find the culprits one by one; the others still get annotated
        results: list[Doc | Exception] = []
        for index, _, text in jobs:
            try:
                results.append(nlp(make_doc(index, text)))
            except Exception as err:
                results.append(err)
        return results


def scrub_article(article: Article) -> None:
    """Broken surrogates in any field would stop the tokenizer or the JSON writer."""
    article.text = scrub_surrogates(article.text)
    for name in ("id", "title", "url", "source"):
        value = getattr(article, name)
        if isinstance(value, str):
            setattr(article, name, scrub_surrogates(value))
