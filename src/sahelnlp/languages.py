"""Which language an article is in, so that its language's pipeline reads it.

The tool has pipelines for English and French (`assemble.DEFAULT_CONFIGS`). An
article's language is chosen, in this order:

1. forced: `sahelnlp run --lang fr` (or `lang=` in Python) for every article;
2. input: the input's own `lang` (JSON field, HTML `lang`, feed language), normalised
   ("fr-FR", "FR", "French", "français" → "fr"); a given language the tool has no
   pipeline for is noted (W006) and the article's language is detected instead;
3. detected: py3langid on the title and the first 1,000 characters of the text, so
   the cost per article stays flat however long it is.

Detection first asks py3langid's full model (97 languages). When it answers another
language than English or French, that raw answer goes into the record's notes (W005)
and the article goes to the closer of English and French (the same model restricted
to those two): a text in Hausa or Spanish is read by whichever pipeline its words
resemble most, never dropped. A text with nothing to detect goes to English.

Why py3langid (figures from scripts/measure_language_id.py on the 253 shared dev
articles, 180 English and 73 French; docs/language-detection.md has the whole table):
every detector tried (py3langid, lingua, langdetect) gets all 253 title + 1,000-character
prefixes right; on the hard cases py3langid restricted to en/fr is as good as or better
than lingua (en/fr, 10 or all 75 languages) and langdetect everywhere except quoted
and mixed English (langdetect 0.989 / 0.861 against 0.978 / 0.817) — headline alone 0.994
(lingua 0.970-0.988, langdetect 0.921), first 100 characters 0.996 (lingua and
langdetect 0.992), French with an English paragraph 0.973 (lingua 0.945) — and it is
the fastest: 0.38 ms per article in that measurement, against 0.44-3.4 ms for lingua and
2.5 ms for langdetect (the restricted model runs only when the full one answers neither
English nor French). `sahelnlp benchmark` measures its share of a run: 1.2%.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .article import Article
from .errors import Warnings
from .readers.base import primary_language

SUPPORTED = ("en", "fr")
FALLBACK = "en"  # the language of a text with nothing to detect in it
PREFIX_CHARS = 1_000  # of the text, after the title: detection reads no more
# language names an input may give instead of a code
_NAMES = {"english": "en", "anglais": "en", "french": "fr", "francais": "fr", "français": "fr"}


@dataclass(frozen=True)
class LanguageChoice:
    """The language an article is read in, how it was chosen, and a note when worth one.

    lang (str): one of SUPPORTED.
    source (str): "forced", "input" or "detected".
    notes (tuple[str, ...]): W005/W006 remarks for the record's `notes`.
    """

    lang: str
    source: str
    notes: tuple[str, ...] = ()


def normalise_language(value: str | None) -> str | None:
    """A language as inputs write it, as a lower-case code: "fr-FR", "FR", "French" → "fr".

    RETURNS (str | None): the code (possibly one without a pipeline, like "de"), or None.
    """
    if value is None or not value.strip():
        return None
    name = value.strip().lower()
    return _NAMES.get(name) or primary_language(name)


def detect_language(text: str, title: str | None = None) -> str:
    """The supported language ("en" or "fr") closest to the title and text's start."""
    return detect_raw(text, title)[1]


def detect_raw(text: str, title: str | None = None) -> tuple[str, str]:
    """(py3langid's answer among its 97 languages, the supported language chosen)."""
    sample = _sample(text, title)
    if not any(ch.isalpha() for ch in sample):
        return FALLBACK, FALLBACK
    every, two = _identifiers()
    raw = every.classify(sample)[0]
    return raw, raw if raw in SUPPORTED else two.classify(sample)[0]


def choose_language(article: Article, forced: str | None = None) -> LanguageChoice:
    """The language an article is read in: forced > the input's own > detected."""
    if forced is not None:
        return LanguageChoice(forced, "forced")
    given = normalise_language(article.lang)
    if given in SUPPORTED:
        return LanguageChoice(given, "input")
    raw, lang = detect_raw(article.text, article.title)
    notes = []
    if given is not None:
        notes.append(Warnings.W006.format(source=article.source, given=article.lang, lang=lang,
                                          supported=", ".join(SUPPORTED)))
    if raw != lang:
        notes.append(Warnings.W005.format(source=article.source, raw=raw, lang=lang))
    return LanguageChoice(lang, "detected", tuple(notes))


def _sample(text: str, title: str | None) -> str:
    return f"{title}\n\n{text[:PREFIX_CHARS]}" if title else text[:PREFIX_CHARS]


@lru_cache(maxsize=1)
def _identifiers():
    """py3langid's model, whole and restricted to SUPPORTED; loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    every = LanguageIdentifier.from_model_file(MODEL_FILE)
    two = LanguageIdentifier.from_model_file(MODEL_FILE)
    two.set_languages(list(SUPPORTED))
    return every, two
