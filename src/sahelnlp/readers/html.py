"""HTML pages: the main text, without page chrome, by trafilatura."""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura
from trafilatura.utils import load_html

from ..article import Article, content_id
from ..errors import Errors
from .base import InputError, primary_language, strip_tracking
from .dates import to_iso_date


def read_html(text: str, source: str, *, stem: str | None = None) -> Iterator[Article]:
    """Read one article from an HTML page.

    The text is trafilatura's main text (no comments, no tables); title, date
    and URL (canonical link or og:url) come from the page's metadata, the
    language from `<html lang>`.

    text (str): the page's HTML.
    source (str): the file's path, or "<stdin>".
    stem (str | None): the file name without extensions, used as the id;
        without it the id is a hash of source and text.
    YIELDS (Article): the article.
    RAISES (InputError): when the page has no main text.
    """
    tree = load_html(text)
    if tree is None:
        raise InputError(Errors.E061.format(where=source))
    lang = primary_language(tree.get("lang"))
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or not document.text:
        raise InputError(Errors.E061.format(where=source))
    main_text = document.text
    yield Article(
        id=stem or content_id(source, main_text),
        text=main_text,
        source=source,
        title=document.title or None,
        url=strip_tracking(document.url) or None,
        published=to_iso_date(document.date),
        lang=lang,
    )
