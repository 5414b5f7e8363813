"""Speed and memory of the pipeline against its bare base model, in one run.

Measures, on a corpus of real articles repeated to the size asked for: words
per second of the full pipeline and of the bare base model and their ratio,
the share of time each component takes, documents per second of the
end-to-end runner (articles in, records out) at one and two processes, and
peak memory; the share of a run language detection takes; and, for each other
language, its pipeline's words per second against its bare base model on that
language's articles (French: ../shared/dev-articles-fr). The length sweep
measures the same ratio on single documents of growing length (real articles
joined), and a run of one very long article with no
paragraph break through the runner: the ratio must not fall as documents grow.
This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import time
from itertools import cycle, islice
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from .article import Article
from .errors import Errors, SahelNLPError
from .readers import read_inputs
from .runner import annotate


def readable_articles(inputs: Iterable[str | Path]) -> list[Article]:
    """The articles of `inputs` that read without error and hold some text."""
    inputs = [str(i) for i in inputs]
    found = [a for a in read_inputs(inputs) if a.ok and a.text.strip()]
    if not found:
        raise SahelNLPError(Errors.E076.format(inputs=", ".join(inputs) or "none"))
    return found


def benchmark_corpus(inputs: Iterable[str | Path], n_docs: int) -> list[Article]:
    """`n_docs` articles: the readable articles of `inputs`, repeated as needed, fresh ids."""
    base = readable_articles(inputs)
    return [Article(id=f"{a.id}#{n}", text=a.text, source=a.source, published=a.published,
                    lang=a.lang)
            for n, a in enumerate(islice(cycle(base), n_docs))]


def streamed_corpus(inputs: Iterable[str | Path], n_docs: int) -> Iterator[Article]:
    """`n_docs` distinct articles made on the fly (never held together): the inputs'
    articles repeated, each copy's text marked so that none is a duplicate."""
    base = readable_articles(inputs)
    for n, a in enumerate(islice(cycle(base), n_docs)):
        yield Article(id=f"{a.id}#{n}", text=f"{a.text}\n\n[copy {n}]", source=a.source,
                      published=a.published, lang=a.lang)


def stream_memory(nlp: Language, inputs: Iterable[str | Path], *, n_docs: int = 20000,
                  batch_size: int = 64, output: Path | None = None) -> dict:
    """Memory of a streamed run as `sahelnlp run` makes it: resident memory sampled
    after every window, its mean in each quarter of the run, and the peak. Records are
    serialized and written to `output` (default: discarded)."""
    from .batch import RunOptions, run_to_file
    from .runner import RunStats

    samples: list[tuple[int, float]] = []
    stats = RunStats()

    def sampled(articles: Iterator[Article]) -> Iterator[Article]:
        for index, article in enumerate(articles):
            if index % 32 == 0:
                samples.append((index, _resident_mb()))
            yield article

    started = time.perf_counter()
    run_to_file(nlp, sampled(streamed_corpus(inputs, n_docs)), str(output or os.devnull),
                resume=False, overwrite=True, failures_path=None,
                options=RunOptions(batch_size=batch_size, quiet=True), stats=stats)
    elapsed = time.perf_counter() - started
    quarters = []
    for q in range(4):
        values = [mb for index, mb in samples if q * n_docs / 4 <= index < (q + 1) * n_docs / 4]
        quarters.append(round(sum(values) / len(values), 1) if values else None)
    return {
        "docs": stats.written, "seconds": round(elapsed, 1),
        "docs_per_second": round(stats.written / elapsed, 2),
        "resident_mb_by_quarter": quarters,
        "growth_last_over_first_quarter_mb": round(quarters[3] - quarters[0], 1) if None not in quarters else None,
        "peak_resident_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _resident_mb() -> float:
    """This process's resident memory now (Linux /proc; else the peak so far)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_pipe(nlp: Language, texts: list[str], batch_size: int) -> tuple[float, int]:
    started = time.perf_counter()
    words = 0
    with nlp.memory_zone():
        for doc in nlp.pipe(texts, batch_size=batch_size):
            words += len(doc)
    return time.perf_counter() - started, words


def component_times(nlp: Language, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds each component takes over `texts` (tokenizer included)."""
    times: dict[str, float] = {}
    started = time.perf_counter()
    docs = [nlp.make_doc(text) for text in texts]
    times["tokenizer"] = time.perf_counter() - started
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        times[name] = time.perf_counter() - started
    return times


def _runner_rate(nlp: Language, articles: list[Article], n_process: int, batch_size: int) -> dict:
    fresh = [Article(**{**a.__dict__, "errors": []}) for a in articles]
    started = time.perf_counter()
    count = sum(1 for _ in annotate(nlp, fresh, n_process=n_process, batch_size=batch_size))
    elapsed = time.perf_counter() - started
    return {"docs": count, "seconds": round(elapsed, 2), "docs_per_second": round(count / elapsed, 2)}


def language_ratio(nlp: Language, base_model: str, inputs: Iterable[str | Path], *, n_docs: int = 400,
                   batch_size: int = 64) -> dict:
    """Words per second of one language's pipeline and of its bare base model on that
    language's articles (repeated to `n_docs`), and their ratio."""
    texts = [a.text for a in benchmark_corpus(inputs, n_docs)]
    bare = spacy.load(base_model)
    _timed_pipe(bare, texts[:8], batch_size), _timed_pipe(nlp, texts[:8], batch_size)  # warm both
    bare_seconds, bare_words = _timed_pipe(bare, texts, batch_size)
    full_seconds, full_words = _timed_pipe(nlp, texts, batch_size)
    return {"corpus": {"docs": len(texts), "words": bare_words},
            "base_model": {"name": base_model, "words_per_second": round(bare_words / bare_seconds)},
            "pipeline": {"words_per_second": round(full_words / full_seconds)},
            "ratio_full_to_base": round(bare_seconds / full_seconds, 3)}


def detection_cost(articles: list[Article], runner_seconds: float) -> dict:
    """Time language detection takes over `articles` (languages.choose_language with no
    language given, as for an input without one) and its share of a run that took
    `runner_seconds` over the same articles."""
    from .languages import choose_language

    unlabelled = [Article(id=a.id, text=a.text, title=a.title, source=a.source) for a in articles]
    choose_language(unlabelled[0])  # load the model before timing
    started = time.perf_counter()
    for article in unlabelled:
        choose_language(article)
    seconds = time.perf_counter() - started
    return {"docs": len(unlabelled), "seconds": round(seconds, 3),
            "ms_per_article": round(1000 * seconds / len(unlabelled), 3),
            "share_of_run": round(seconds / runner_seconds, 4)}


def run_benchmark(nlp: Language, base_model: str, inputs: Iterable[str | Path], *,
                  n_docs: int = 2000, batch_size: int = 64,
                  processes: tuple[int, ...] = (1, 2)) -> dict:
    """Run every measurement once and return them as one JSON-ready dict."""
    articles = benchmark_corpus(inputs, n_docs)
    texts = [a.text for a in articles]
    bare = spacy.load(base_model)
    bare_seconds, bare_words = _timed_pipe(bare, texts, batch_size)
    full_seconds, full_words = _timed_pipe(nlp, texts, batch_size)
    shares = component_times(nlp, texts, batch_size)
    total = sum(shares.values())
    ours = sum(t for name, t in shares.items() if name.startswith("sahel_"))
    result = {
        "corpus": {"docs": len(texts), "characters": sum(map(len, texts)), "words": bare_words},
        "machine": {"python": platform.python_version(), "processor": platform.machine(),
                    "spacy": spacy.__version__},
        "base_model": {"name": base_model, "seconds": round(bare_seconds, 2),
                       "words_per_second": round(bare_words / bare_seconds)},
        "pipeline": {"seconds": round(full_seconds, 2),
                     "words_per_second": round(full_words / full_seconds)},
        "ratio_full_to_base": round(bare_seconds / full_seconds, 3),
        "added_by_sahelnlp_components": round(ours / max(total - ours, 1e-9), 3),
        "component_share": {name: round(t / total, 4) for name, t in shares.items()},
        "component_seconds": {name: round(t, 2) for name, t in shares.items()},
        "runner": {},
    }
    for n_process in processes:
        result["runner"][f"n_process_{n_process}"] = _runner_rate(nlp, articles, n_process, batch_size)
    if 1 in processes:
        result["language_detection"] = detection_cost(articles, result["runner"]["n_process_1"]["seconds"])
    if 1 in processes and 2 in processes:
        one = result["runner"]["n_process_1"]["docs_per_second"]
        result["runner"]["speedup_2_over_1"] = round(result["runner"]["n_process_2"]["docs_per_second"] / one, 2)
    result["peak_memory_mb"] = {
        "main_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "largest_child": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    return result


def long_text(inputs: Iterable[str | Path], *, words: int | None = None, characters: int | None = None,
              paragraphs: bool = True) -> str:
    """One document made of real articles joined until it holds `words` words (or
    `characters` characters): at their paragraph breaks, or as one paragraph with every
    line break turned into a space."""
    base = [a.text for a in readable_articles(inputs)]
    parts: list[str] = []
    count = 0
    for text in cycle(base):
        piece = text if paragraphs else " ".join(text.split())
        parts.append(piece)
        count += len(piece.split()) if words else len(piece) + 2
        if count >= (words or characters or 0):
            break
    joined = ("\n\n" if paragraphs else " ").join(parts)
    return joined[:characters] if characters else joined


def length_sweep(nlp: Language, base_model: str, inputs: Iterable[str | Path], *,
                 lengths: tuple[int, ...] = (1_000, 10_000, 100_000),
                 single_paragraph_chars: int | None = 1_300_000) -> dict:
    """Words per second of the full pipeline and the bare model on one document of each
    length, and of the runner on one long single-paragraph article (cut into pieces at
    `max_length` as `sahelnlp run` does) against the bare model on the same pieces."""
    bare = spacy.load(base_model)
    warm = long_text(inputs, words=300)
    nlp(warm), bare(warm)
    rows = []
    for words in lengths:
        text = long_text(inputs, words=words)
        for model in (nlp, bare):
            model.max_length = max(model.max_length, len(text) + 1)
        bare_seconds, bare_words = _timed_pipe(bare, [text], 1)
        full_seconds, full_words = _timed_pipe(nlp, [text], 1)
        rows.append({"words": bare_words, "characters": len(text),
                     "base_words_per_second": round(bare_words / bare_seconds),
                     "pipeline_words_per_second": round(full_words / full_seconds),
                     "ratio_full_to_base": round(bare_seconds / full_seconds, 3)})
    result: dict = {"base_model": base_model, "lengths": rows}
    if single_paragraph_chars:
        result["single_paragraph"] = _single_paragraph(nlp, bare, inputs, single_paragraph_chars)
    return result


def _single_paragraph(nlp: Language, bare: Language, inputs: Iterable[str | Path], characters: int) -> dict:
    from .runner import split_text

    text = long_text(inputs, characters=characters, paragraphs=False)
    nlp.max_length = bare.max_length = 1_000_000
    started = time.perf_counter()
    (record,) = list(annotate(nlp, [Article(id="single-paragraph", text=text, source="benchmark")]))
    full_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for _, piece in split_text(text, bare.max_length):
        bare(piece)
    bare_seconds = time.perf_counter() - started
    return {"characters": len(text), "pieces": len(split_text(text, nlp.max_length)),
            "claims": len(record["claims"]), "errors": record["errors"],
            "seconds": round(full_seconds, 1), "base_seconds": round(bare_seconds, 1),
            "time_over_base": round(full_seconds / bare_seconds, 2)}


def render_sweep(result: dict) -> str:
    lines = [f"{'words':>8} {'characters':>11} {'base words/s':>13} {'full words/s':>13} {'ratio':>6}"]
    for row in result["lengths"]:
        lines.append(f"{row['words']:>8} {row['characters']:>11} {row['base_words_per_second']:>13} "
                     f"{row['pipeline_words_per_second']:>13} {row['ratio_full_to_base']:>6.3f}")
    single = result.get("single_paragraph")
    if single:
        lines += ["", f"one article of {single['characters']:,} characters, no paragraph break "
                      f"({single['pieces']} piece{'s' if single['pieces'] != 1 else ''}): {single['seconds']} s through "
                      f"the runner, "
                      f"{single['base_seconds']} s for the bare model ({single['time_over_base']}× its "
                      f"time), {single['claims']} claims"]
    return "\n".join(lines)


def render(result: dict) -> str:
    rows = [
        ("corpus", f"{result['corpus']['docs']} docs, {result['corpus']['words']} words"),
        ("bare base model", f"{result['base_model']['words_per_second']} words/s"),
        ("full pipeline", f"{result['pipeline']['words_per_second']} words/s"),
        ("ratio full / base", f"{result['ratio_full_to_base']:.3f}"),
        ("sahelnlp components add", f"{result['added_by_sahelnlp_components']:.1%} of base time"),
    ]
    for key, value in result["runner"].items():
        rows.append((f"runner {key}", f"{value}×" if not isinstance(value, dict)
                     else f"{value['docs_per_second']} docs/s"))
    if "language_detection" in result:
        detection = result["language_detection"]
        rows.append(("language detection", f"{detection['ms_per_article']} ms/article, "
                                           f"{detection['share_of_run']:.2%} of the 1-process run"))
    for lang, other in result.get("languages", {}).items():
        rows.append((f"{lang}: bare {other['base_model']['name']}",
                     f"{other['base_model']['words_per_second']} words/s ({other['corpus']['docs']} docs)"))
        rows.append((f"{lang}: full pipeline", f"{other['pipeline']['words_per_second']} words/s, "
                                               f"ratio {other['ratio_full_to_base']:.3f}"))
    rows.append(("peak memory", f"{result['peak_memory_mb']['main_process']} MB (largest child "
                                f"{result['peak_memory_mb']['largest_child']} MB)"))
    width = max(len(r[0]) for r in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    lines.append("")
    lines.append("time share per component:")
    pad = max(len(name) for name in result["component_share"])
    for name, share in result["component_share"].items():
        lines.append(f"  {name:<{pad}} {share:6.1%}  ({result['component_seconds'][name]} s)")
    return "\n".join(lines)


def write(result: dict, path: Path) -> None:
    Path(path).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
