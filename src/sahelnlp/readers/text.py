"""Plain-text articles: one file, one article (a flattened feed dump, one per item)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from ..article import Article, content_id
from .dates import to_iso_date
from .feeddump import read_feed_dump, split_feed_dump

# The title is the first non-empty line when it is shorter than this and
# does not end in a period.
MAX_TITLE_CHARS = 200
# The publication date is looked for on the first lines only, on a line
# that holds nothing but a date.
DATE_LINES = 12
MAX_DATE_LINE_CHARS = 40
_HAS_YEAR = re.compile(r"\b\d{4}\b")


def read_text(text: str, source: str, *, stem: str | None = None) -> Iterator[Article]:
    """Read one plain-text article, or the items of a flattened feed dump.

    text (str): the file's text as decoded; it is kept exactly as it is.
    source (str): the file's path, or "<stdin>".
    stem (str | None): the file name without extensions, used as the id;
        without it the id is a hash of source and text.
    YIELDS (Article): the article, or one per item of a feed dump.
    """
    items = split_feed_dump(text)
    if items:
        yield from read_feed_dump(text, source, items)
        return
    yield Article(
        id=stem or content_id(source, text),
        text=text,
        source=source,
        title=find_title(text),
        published=find_date(text),
    )


def find_title(text: str) -> str | None:
    """The first non-empty line, when it reads like a headline.

    text (str): the article text.
    RETURNS (str | None): the line, stripped, when shorter than
        MAX_TITLE_CHARS and not ending in a period; else None.
    """
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) < MAX_TITLE_CHARS and not line.endswith(".") else None
    return None


def find_date(text: str) -> str | None:
    """The date of a line, among the first DATE_LINES, that holds only a date.

    text (str): the article text.
    RETURNS (str | None): the ISO date, or None.
    """
    for line in islice(text.splitlines(), DATE_LINES):
        line = line.strip()
        if len(line) <= MAX_DATE_LINE_CHARS and _HAS_YEAR.search(line):
            found = to_iso_date(line)
            if found is not None:
                return found
    return None
