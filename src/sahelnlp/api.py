"""The downstream developer's path: texts in, the same JSON records as `sahelnlp run`.

    import sahelnlp
    for record in sahelnlp.annotate(["Gunmen killed 12 villagers near Boni on Sunday."]):
        print(record["claims"])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from spacy.language import Language

from .article import Article, content_id
from .errors import Errors, SahelNLPError
from .languages import SUPPORTED, normalise_language
from .routing import LanguageRouter
from .readers.base import FieldMap, article_from_record

PYTHON_SOURCE = "<python>"


@lru_cache(maxsize=1)
def default_router() -> LanguageRouter:
    """The packaged pipelines of every language, each built once per process on first use."""
    return LanguageRouter.packaged()


def annotate(texts: Iterable[str | Mapping | Article], *, nlp: Language | None = None,
             published: str | None = None, batch_size: int = 64, n_process: int = 1,
             include_text: bool = True, fields: FieldMap | None = None,
             lang: str | None = None) -> Iterator[dict]:
    """Annotate texts and yield one record per text, in order (schema sahelnlp/1).

    texts (Iterable): article texts (str); or mappings with the input fields (`id`,
        `text`, `title`, `url`, `published`, `lang`; other names through `fields`), as in
        a JSON-lines input; or `Article`s. A text that cannot be read gets its record with
        `errors`, as in the CLI.
    nlp (Language | None): a pipeline from `sahelnlp.assemble.load_pipeline` or
        `spacy.load` of an assembled one, which then reads every text; None gives each
        text its language's packaged pipeline (English or French, each built once, on
        first use), as `sahelnlp run` does.
    published (str | None): the publication date (YYYY-MM-DD) of plain-string texts, which
        relative dates ("on Tuesday") are resolved against.
    batch_size, n_process, include_text: as `sahelnlp run`'s options.
    lang (str | None): read every text as this language ("en", "fr"), as `--lang`; None:
        a mapping's own `lang`, else the language detected.
    YIELDS (dict): the records, as `sahelnlp run` writes them.
    """
    forced = normalise_language(lang)
    if lang is not None and forced not in SUPPORTED:
        raise SahelNLPError(Errors.E138.format(lang=lang, supported=", ".join(SUPPORTED)))
    pipeline = nlp if nlp is not None else default_router()
    articles = (_article(item, index, published, fields or FieldMap()) for index, item in enumerate(texts))
    from .runner import annotate as run

    yield from run(pipeline, articles, batch_size=batch_size, n_process=n_process, include_text=include_text,
                   lang=forced)


def _article(item: str | Mapping | Article, index: int, published: str | None, fields: FieldMap) -> Article:
    if isinstance(item, Article):
        return item
    source = f"{PYTHON_SOURCE}:{index + 1}"
    if isinstance(item, Mapping):
        return article_from_record(dict(item), source, source, fields)
    if not isinstance(item, str):
        return Article(id=content_id(source, repr(item)), text="", source=source,
                       errors=[Errors.E064.format(source=source, kind=type(item).__name__)])
    return Article(id=content_id(source, item), text=item, source=source, published=published)
