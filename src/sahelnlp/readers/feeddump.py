"""Flattened feed dumps: an RSS feed whose XML tags were stripped, saved as text.

What is left of each item is a header line `TITLE URL DATE GUID DESCRIPTION`
(DATE in RFC 822, as in `<pubDate>`), the rest of the description, a `]]>`
left from the description's CDATA, the item's body and another `]]>` left
from `<content:encoded>`. The channel's own header is glued in front of the
first item's line. WordPress feeds also end description and body with
"The post TITLE appeared first on SITE." A dump is recognized by its shape:
a URL followed by an RFC 822 date, then `]]>` before the next such header.

Every text and title is a slice of the dump as read, so offsets into an
article's text can be traced back to the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ..article import Article, content_id
from ..errors import Errors
from .base import strip_tracking
from .dates import to_iso_date

CDATA_END = "]]>"

_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_ZONE = r"(?:[+-]\d{4}|GMT|UTC?|[A-Z]{1,3})"
RFC822_DATE = rf"{_DAY}, \d{{1,2}} {_MONTH} \d{{4}} \d{{2}}:\d{{2}}(?::\d{{2}})? {_ZONE}"
# An item header: the item link, its date and, where the feed has one, a
# URL-like guid. The title precedes the link on the same line.
ITEM_HEADER = re.compile(
    rf"(?P<url>https?://\S+)[ \t]+(?P<date>{RFC822_DATE})(?:[ \t]+(?P<guid>(?:https?://|urn:|tag:)\S+))?"
)
BOILERPLATE = re.compile(r"^[ \t]*The post (?P<title>.+?) appeared first on .+$", re.MULTILINE)
_CHANNEL_DATE = re.compile(RFC822_DATE)


class DumpItem(NamedTuple):
    """One item of a feed dump; `start`/`end` locate `text` in the dump."""

    title: str | None
    url: str
    published: str | None
    guid: str | None
    text: str
    start: int
    end: int


def split_feed_dump(text: str) -> list[DumpItem]:
    """Split a flattened feed dump into its items.

    text (str): the whole file as read.
    RETURNS (list[DumpItem]): the items in file order; empty when `text` is not
        a feed dump.
    """
    headers = _item_headers(text)
    return [_item(text, header, end) for header, end in _with_ends(text, headers)]


def read_feed_dump(
    text: str, source: str, items: list[DumpItem] | None = None
) -> Iterator[Article]:
    """Read a flattened feed dump: one article per item.

    text (str): the whole file as read.
    source (str): the file's path; each article's source is "<source>#<n>".
    items (list[DumpItem] | None): the dump's items when already split.
    YIELDS (Article): one article per item, in file order, and one with an
        error for text left after the last item.
    """
    if items is None:
        items = split_feed_dump(text)
    for n, item in enumerate(items, start=1):
        yield Article(
            id=item.guid or item.url,
            text=item.text,
            source=f"{source}#{n}",
            title=item.title,
            url=item.url,
            published=item.published,
        )
    leftover = _leftover(text, items)
    if leftover is not None:
        where = f"{source}#{len(items) + 1}"
        yield Article(
            id=content_id(where, leftover),
            text=leftover,
            source=where,
            errors=[Errors.E062.format(where=where)],
        )


def _item_headers(text: str) -> list[re.Match[str]]:
    """Headers that open an item: a `]]>` comes before the next header.

    A channel whose link is directly followed by its build date also matches
    the header pattern, but no `]]>` follows it before the first item.
    """
    found = list(ITEM_HEADER.finditer(text))
    return [
        header
        for header, end in _with_ends(text, found)
        if text.find(CDATA_END, header.end(), end) != -1
    ]


def _with_ends(text: str, headers: list[re.Match[str]]) -> list[tuple[re.Match[str], int]]:
    """Each header with the end of its region: where the next header's title starts."""
    if not headers:
        return []
    ends = [_title_start(text, header) for header in headers[1:]] + [len(text)]
    return list(zip(headers, ends, strict=True))


def _title_start(text: str, header: re.Match[str]) -> int:
    """Where the header's line starts, or its last `]]>` ends when one is glued to it."""
    line_start = text.rfind("\n", 0, header.start()) + 1
    marker = text.rfind(CDATA_END, line_start, header.start())
    return line_start if marker == -1 else marker + len(CDATA_END)


def _item(text: str, header: re.Match[str], end: int) -> DumpItem:
    first_end = text.find(CDATA_END, header.end(), end)
    description = _span_before_boilerplate(text, header.end(), first_end)
    body_end = text.find(CDATA_END, first_end + len(CDATA_END), end)
    body = _span_before_boilerplate(
        text, first_end + len(CDATA_END), end if body_end == -1 else body_end
    )
    start, stop = body if body[0] < body[1] else description
    url = strip_tracking(header["url"]) or header["url"]
    return DumpItem(
        title=_title(text, header, end),
        url=url,
        published=to_iso_date(header["date"]),
        guid=header["guid"],
        text=text[start:stop],
        start=start,
        end=stop,
    )


def _span_before_boilerplate(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of `text[start:end]` without the trailing "The post …" line, trimmed."""
    end = boilerplate_start(text, start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def boilerplate_start(text: str, start: int = 0, end: int | None = None) -> int:
    """Where `text[start:end]` ends once a closing "The post … appeared first on …" line is cut.

    text (str): the text.
    start (int): start of the span to look in.
    end (int | None): end of the span; the end of `text` when None.
    RETURNS (int): the start of that line when only whitespace follows it, else `end`.
    """
    end = len(text) if end is None else end
    found = list(BOILERPLATE.finditer(text, start, end))
    if found and not text[found[-1].end() : end].strip():
        return found[-1].start()
    return end


def _title(text: str, header: re.Match[str], end: int) -> str | None:
    """The item title: the words before the link on the header's line.

    On the first item the channel's header shares the line; there the title
    is the one the "The post TITLE appeared first" line names, or else the
    words after the channel's last URL or number.
    """
    prefix = text[_title_start(text, header) : header.start()].strip()
    named = BOILERPLATE.search(text, header.end(), end)
    if named and prefix.endswith(named["title"]):
        return named["title"]
    if _CHANNEL_DATE.search(prefix):
        last = None
        for token in re.finditer(r"\S+", prefix):
            if token[0].isdigit() or "://" in token[0]:
                last = token
        if last is not None:
            prefix = prefix[last.end() :].strip()
    return prefix or None


def _leftover(text: str, items: list[DumpItem]) -> str | None:
    """Text after the last item's closing `]]>`, if any is left there."""
    if not items:
        return None
    last_marker = text.rfind(CDATA_END)
    if last_marker < items[-1].end:
        return None
    start, stop = _span_before_boilerplate(text, last_marker + len(CDATA_END), len(text))
    return text[start:stop] if start < stop else None
