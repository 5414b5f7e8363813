"""HTML pages: the main text, without page chrome, by trafilatura."""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura
from htmldate import find_date
from trafilatura.utils import load_html

from ..article import Article, content_id
from ..errors import Errors, Warnings
from .base import InputError, primary_language, strip_tracking
from .dates import to_iso_date


# The publication date comes from the page's metadata and markup only: htmldate's wider
# search falls back on a footer's "© 2024" (read as 2024-01-01), which would then date
# every "on Tuesday" of the article.
PUBLICATION_DATE_ONLY = {"extensive_search": False, "original_date": True}


def read_html(text: str, source: str, *, stem: str | None = None) -> Iterator[Article]:
    """Read one article from an HTML page.

    The text is trafilatura's main text (no comments, no tables); title, date
    and URL (canonical link or og:url) come from the page's metadata, the
    language from `<html lang>`. A date found only elsewhere on the page (a
    copyright line) is not taken as the publication date: `published` stays
    empty and the article carries a note (W004) saying what was found.

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
        tree, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=PUBLICATION_DATE_ONLY,
    )
    if document is None or not document.text:
        raise InputError(Errors.E061.format(where=source))
    main_text = document.text
    published = to_iso_date(document.date)
    notes = [] if published else _untrusted_date_note(text, source)
    yield Article(
        id=stem or content_id(source, main_text),
        text=main_text,
        source=source,
        title=document.title or None,
        url=strip_tracking(document.url) or None,
        published=published,
        lang=lang,
        notes=notes,
    )


def _untrusted_date_note(html: str, source: str) -> list[str]:
    """When the page's metadata gives no date, htmldate's wider search may still find
    one (a copyright line's year, a date in the text): it is not the publication date
    and is left out, but the record says what was found and why it was not used."""
    try:
        found = find_date(html, extensive_search=True, original_date=True)
    except (ValueError, TypeError):
        return []
    return [Warnings.W004.format(source=source, found=found)] if found else []
