"""Run articles through the pipeline: exactly one output record per input article.

Articles stream through in windows. Each article's language is chosen (forced,
given by the input, or detected: languages.py) and a window's articles are grouped by
language; each group runs through its language's pipeline inside that pipeline's
`memory_zone()` and is turned into plain records before the zone closes, so memory
stays flat. Records come out in input order.
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
from itertools import chain, islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .article import Article
from .duplicates import duplicate_note
from .errors import Errors, Warnings
from .normalize import scrub_surrogates
from .languages import choose_language
from .output import base_record, record_from_docs
from .routing import LanguageRouter, as_router

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


def annotate(nlp: Language | LanguageRouter, articles: Iterable[Article], *, batch_size: int = 64,
             n_process: int = 1, window: int | None = None, include_text: bool = True,
             stats: RunStats | None = None, lang: str | None = None) -> Iterator[dict]:
    """Annotate articles, yielding one record per article in input order.

    nlp (Language | LanguageRouter): one pipeline for every article, or a router that
        gives each article its language's pipeline (languages.choose_language).
    lang (str | None): read every article as this language ("en", "fr"), whatever
        its input says or detection finds.

    With `n_process` > 1, worker processes each hold the router and annotate whole
    windows of articles, so only articles and records cross between processes; at
    most two windows per worker are in flight.
    """
    stats = stats if stats is not None else RunStats()
    router = as_router(nlp)
    # small enough for a lively progress bar, large enough to keep workers busy
    window = window or max(batch_size * 2, 32)
    windows = _windows(iter(articles), window)
    options = _Options(batch_size, include_text, lang)
    if n_process > 1:
        records = _annotate_parallel(router, windows, n_process, options)
    else:
        records = (record for chunk in windows for record in _annotate_window(router, chunk, options))
    for record in records:
        stats.add(record)
        yield record


@dataclass(frozen=True)
class _Options:
    batch_size: int
    include_text: bool
    lang: str | None


def _windows(iterator: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(iterator, size)):
        yield chunk


# The worker processes' router: inherited when forking, unpickled otherwise.
_WORKER: dict = {}


def _init_worker(router: LanguageRouter | None, options: _Options) -> None:
    if router is not None:
        _WORKER["router"] = router
    _WORKER["options"] = options


def _work(chunk: list[Article]) -> list[dict]:
    return _annotate_window(_WORKER["router"], chunk, _WORKER["options"])


def _annotate_parallel(router: LanguageRouter, windows: Iterator[list[Article]], n_process: int,
                       options: _Options) -> Iterator[dict]:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux"):  # fork is unsafe on macOS
        context = multiprocessing.get_context("fork")
        first = next(windows, [])
        windows = chain([first], windows)
        _build_before_fork(router, first, options.lang)
        _WORKER["router"] = router
        args = (None, options)
    else:  # the router pickles its built pipelines as config and bytes
        context = multiprocessing.get_context("spawn")
        args = (router, options)
    in_flight: deque = deque()
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_init_worker,
                             initargs=args) as pool:
        for chunk in windows:
            in_flight.append(pool.submit(_work, chunk))
            if len(in_flight) >= 2 * n_process:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _build_before_fork(router: LanguageRouter, first: list[Article], forced: str | None) -> None:
    """Build the pipelines of the first window's languages once, here, so that the forked
    workers share them instead of each building its own; other languages' are built in
    the workers that meet them."""
    for article in first:
        scrub_article(article)  # as the workers will: a lone surrogate stops the detector too
        if article.ok and article.text.strip() and not article.duplicate_of:
            _set_language(article, forced)  # chosen once: the workers keep the choice
            if router.reads(article.lang):
                router.for_lang(article.lang)


def _annotate_window(router: LanguageRouter, articles: list[Article], options: _Options) -> list[dict]:
    """One window: its articles grouped by language, each group read by its language's
    pipeline inside that pipeline's memory zone; the records in input order."""
    groups: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        if _readable(article) and not article.duplicate_of:
            _set_language(article, options.lang)
            if router.reads(article.lang):
                groups.setdefault(router.key_for(article.lang), []).append(index)
            else:  # no pipeline reads its language: its record says so
                article.errors.append(Errors.E139.format(source=article.source, lang=article.lang,
                                                         langs=", ".join(router.languages)))
    records: dict[int, dict] = {}
    for key, indices in groups.items():
        nlp = router.for_lang(key)
        with nlp.memory_zone():  # spaCy's string store is reset after it
            group = _annotate_group(nlp, [articles[i] for i in indices], router.info(key), options)
        records.update(zip(indices, group))
    return [records[index] if index in records else _unread_record(router, article, options)
            for index, article in enumerate(articles)]


def _readable(article: Article) -> bool:
    """Scrub the article; whether it has text to read (an empty one gets its error)."""
    scrub_article(article)
    if not article.ok:
        return False
    if not article.text.strip():
        article.errors.append(Errors.E010.format(source=article.source))
        return False
    return True


def _set_language(article: Article, forced: str | None) -> None:
    """Choose the article's language, once: an article run again keeps its choice."""
    if article.lang_source is not None and forced is None:
        return
    choice = choose_language(article, forced)
    article.lang, article.lang_source = choice.lang, choice.source
    article.notes.extend(choice.notes)


def _unread_record(router: LanguageRouter, article: Article, options: _Options) -> dict:
    """The record of an article no pipeline read: failed to read, empty, or a duplicate."""
    record = base_record(article, router.info_if_built(article.lang), include_text=options.include_text)
    if article.duplicate_of and article.ok:
        record["notes"] = [*record.get("notes", []), duplicate_note(article)]
    return record


def _annotate_group(nlp: Language, articles: list[Article], info: dict, options: _Options) -> list[dict]:
    """Records of readable articles of one language, all read by `nlp`."""
    jobs: list[tuple[int, int, str]] = []  # (article index, piece offset, piece text)
    notes: dict[int, list[str]] = {}
    for index, article in enumerate(articles):
        pieces = split_text(article.text, nlp.max_length)
        if len(pieces) > 1:
            notes[index] = [Warnings.W001.format(source=article.source, length=len(article.text),
                                                 max_length=nlp.max_length, pieces=len(pieces))]
        jobs.extend((index, offset, piece) for offset, piece in pieces)
    docs = _run(nlp, articles, jobs, options.batch_size)
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
            records.append(base_record(article, info, include_text=options.include_text))
            continue
        records.append(record_from_docs(article, pieces_by_article[index], info,
                                        include_text=options.include_text, notes=notes.get(index, [])))
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
