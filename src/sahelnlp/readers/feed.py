"""RSS and Atom feeds, by feedparser: one article per entry."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser
import lxml.html
import trafilatura
from lxml.etree import ParserError

from ..article import Article, content_id
from ..errors import Errors
from .base import InputError, primary_language, strip_tracking
from .dates import to_iso_date
from .feeddump import boilerplate_start

# The text handed to feedparser is already decoded; this header makes it
# read the bytes as UTF-8 whatever the XML declaration says.
_UTF8_XML = {"content-type": "application/xml; charset=utf-8"}


def read_feed(text: str, source: str) -> Iterator[Article]:
    """Read the entries of an RSS or Atom feed.

    text (str): the feed's XML.
    source (str): the file's path; each article's source is "<source>#<n>".
    YIELDS (Article): one article per entry, in feed order.
    RAISES (InputError): when the feed cannot be parsed into entries.
    """
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=_UTF8_XML)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") or "no entries"
        raise InputError(Errors.E059.format(where=source, reason=reason))
    feed_lang = parsed.feed.get("language")
    for n, entry in enumerate(parsed.entries, start=1):
        yield entry_article(entry, f"{source}#{n}", feed_lang)


def entry_article(entry: Any, source: str, feed_lang: str | None = None) -> Article:
    """Build the article of one feed entry.

    The text is the entry's content (else its summary) as plain text, without
    a trailing "The post … appeared first on …" line. The date is the one the
    entry states, in its own time zone (feedparser's `*_parsed` are in UTC
    and can fall on the next or previous day); `*_parsed` are the fallback.

    entry (Any): a feedparser entry.
    source (str): where the entry was read from ("feed.xml#3").
    feed_lang (str | None): the feed's language, for entries that name none.
    RETURNS (Article): the article; one without text carries an error.
    """
    text = _entry_text(entry)
    url = strip_tracking(entry.get("link"))
    content = entry.get("content") or [{}]
    return Article(
        id=entry.get("id") or url or content_id(source, text),
        text=text,
        source=source,
        title=entry.get("title") or None,
        url=url or None,
        published=_entry_date(entry),
        lang=primary_language(content[0].get("language") or feed_lang),
        errors=[] if text else [Errors.E060.format(where=source)],
    )


def _entry_text(entry: Any) -> str:
    detail = (entry.get("content") or [None])[0] or entry.get("summary_detail")
    if not detail or not detail.get("value"):
        return ""
    value = detail["value"]
    text = value if detail.get("type") == "text/plain" else html_to_text(value)
    return text[: boilerplate_start(text)].strip()


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per paragraph.

    trafilatura first; for fragments it finds no text in, lxml's text content.

    fragment (str): the HTML.
    RETURNS (str): the text.
    """
    extracted = trafilatura.extract(
        f"<html><body>{fragment}</body></html>",
        favor_recall=True,
        include_comments=False,
        include_tables=False,
    )
    if extracted:
        return extracted
    try:
        return lxml.html.fromstring(fragment).text_content().strip()
    except ParserError:
        return fragment.strip()


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated"):
        found = to_iso_date(entry.get(key))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed: time.struct_time | None = entry.get(key)
        if parsed:
            return date(*parsed[:3]).isoformat()
    return None
