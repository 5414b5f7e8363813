"""Measure offline language identifiers on the shared dev articles: accuracy and speed.

    python scripts/measure_language_id.py [--shared ../shared]

Reads dev-articles, dev-articles-2 (English) and dev-articles-fr (French) with
sahelnlp's readers, and builds at measurement time, from those real articles, the hard
cases: a headline alone, the first 100 characters, an English article with a French
paragraph in it and a French article with an English one. Each detector is asked for
the language of every case; the expected answer is the article's `lang` (for mixed
texts: the language of the article the paragraph was put into). Speed is the mean time
per call on the bounded prefix sahelnlp reads (title + first 1,000 characters) and on
the whole text. Nothing is written into the repository; the figures go to stdout as the
markdown table of docs/language-detection.md.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

from sahelnlp.article import Article
from sahelnlp.readers import read_inputs

PREFIX = 1_000


def articles(shared: Path) -> list[Article]:
    inputs = [str(shared / name / "articles.jsonl") for name in ("dev-articles", "dev-articles-2", "dev-articles-fr")]
    return [a for a in read_inputs(inputs) if a.ok and a.text.strip() and a.lang in ("en", "fr")]


def prefix(article: Article, size: int = PREFIX) -> str:
    return f"{article.title or ''}\n\n{article.text[:size]}"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if len(p.strip()) > 120]


def mixed(into: Article, donor: Article, quote: bool) -> str:
    """`into`'s title and first paragraph, then a piece of `donor` (a quoted sentence of at
    most 200 characters, or a whole paragraph), then the rest of `into`, cut to the
    prefix: the foreign piece always sits inside what detection reads."""
    own = paragraphs(into.text) or [into.text]
    foreign = (paragraphs(donor.text) or [donor.text])[0]
    if quote:
        cut = foreign[:200]
        foreign = f'"{cut[:cut.rfind(" ")] if len(foreign) > 200 else cut}"'
    text = "\n\n".join([own[0], foreign, *own[1:]])
    return f"{into.title or ''}\n\n{text[:PREFIX]}"


def cases(found: list[Article]) -> dict[str, list[tuple[str, str]]]:
    """(text, expected language) per kind of case."""
    english = [a for a in found if a.lang == "en"]
    french = [a for a in found if a.lang == "fr"]
    return {
        "article (title + 1,000 chars)": [(prefix(a), a.lang) for a in found],
        "headline alone": [(a.title, a.lang) for a in found if a.title],
        "first 100 characters": [(a.text[:100], a.lang) for a in found],
        "English quoting French": [(mixed(a, french[i % len(french)], True), "en") for i, a in enumerate(english)],
        "English with a French paragraph": [(mixed(a, french[i % len(french)], False), "en")
                                            for i, a in enumerate(english)],
        "French with an English paragraph": [(mixed(a, english[i % len(english)], False), "fr")
                                             for i, a in enumerate(french)],
    }


def detectors() -> dict[str, Callable[[str], str]]:
    from langdetect import DetectorFactory, detect
    from lingua import Language, LanguageDetectorBuilder
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    DetectorFactory.seed = 0
    every = LanguageIdentifier.from_model_file(MODEL_FILE)
    two = LanguageIdentifier.from_model_file(MODEL_FILE)
    two.set_languages(["en", "fr"])
    lingua_two = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH).build()
    wider = [Language.ENGLISH, Language.FRENCH, Language.ARABIC, Language.PORTUGUESE, Language.SPANISH,
             Language.GERMAN, Language.ITALIAN, Language.YORUBA, Language.SWAHILI, Language.SOMALI]
    lingua_wider = LanguageDetectorBuilder.from_languages(*wider).build()
    lingua_all = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def lingua(detector) -> Callable[[str], str]:
        def detect_with(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found is not None else "none"
        return detect_with

    def every_then_two(text: str) -> str:
        found = every.classify(text)[0]
        return found if found in ("en", "fr") else two.classify(text)[0]

    def safe_langdetect(text: str) -> str:
        try:
            return detect(text)
        except Exception:  # langdetect raises on a text with no letters
            return "none"

    return {
        "py3langid (97 languages)": lambda text: every.classify(text)[0],
        "py3langid (en, fr)": lambda text: two.classify(text)[0],
        "py3langid (97, else en/fr)": every_then_two,
        "lingua (en, fr)": lingua(lingua_two),
        "lingua (10 languages)": lingua(lingua_wider),
        "lingua (all 75)": lingua(lingua_all),
        "langdetect (55 languages)": safe_langdetect,
    }


def measure(shared: Path) -> tuple[dict, list[Article]]:
    found = articles(shared)
    kinds = cases(found)
    results: dict[str, dict] = {}
    for name, detect in detectors().items():
        detect("warm up: load the models before timing them")
        row: dict = {}
        for kind, items in kinds.items():
            right = sum(detect(text) == expected for text, expected in items)
            row[kind] = (right, len(items))
        for label, texts in (("ms per prefix", [prefix(a) for a in found]),
                             ("ms per whole text", [f"{a.title or ''}\n\n{a.text}" for a in found])):
            started = time.perf_counter()
            for text in texts:
                detect(text)
            row[label] = 1000 * (time.perf_counter() - started) / len(texts)
        results[name] = row
    return results, found


def render(results: dict, found: list[Article]) -> str:
    kinds = [k for k in next(iter(results.values())) if not k.startswith("ms ")]
    counts = {k: v for k, v in next(iter(results.values())).items() if not k.startswith("ms ")}
    english = sum(a.lang == "en" for a in found)
    lines = [f"{len(found)} articles ({english} English, {len(found) - english} French).", "",
             "| detector | " + " | ".join(f"{k} (n={counts[k][1]})" for k in kinds)
             + " | ms per prefix | ms per whole text |",
             "|---" * (len(kinds) + 3) + "|"]
    for name, row in results.items():
        cells = [f"{row[k][0] / row[k][1]:.3f}" for k in kinds]
        lines.append(f"| {name} | " + " | ".join(cells)
                     + f" | {row['ms per prefix']:.2f} | {row['ms per whole text']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    args = parser.parse_args()
    results, found = measure(args.shared)
    print(render(results, found))


if __name__ == "__main__":
    main()
