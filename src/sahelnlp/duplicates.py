"""Exact duplicate articles: the same text read twice is processed once.

Dumps repeat articles (a wire story syndicated by many sites, a feed read twice).
The second copy keeps its own record, as every article read does, with
`duplicate_of` naming the first and a note, but the pipeline does not run on it.
Memory grows by one hash per distinct text (about 100 bytes).
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .article import Article
from .errors import Warnings


class DuplicateMarker:
    """Marks articles whose text an earlier article had.

    seen (dict[str, str]): text hash → id of its first article, e.g. from the output
        a resumed run continues.
    """

    def __init__(self, seen: dict[str, str] | None = None) -> None:
        self.seen: dict[str, str] = dict(seen or {})

    def mark(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if article.ok and article.text.strip():
                digest = article.text_sha1
                first = self.seen.get(digest)
                if first is None:
                    self.seen[digest] = article.id
                else:  # another article with this text, or this very article read twice
                    article.duplicate_of = first
            yield article


def duplicate_note(article: Article) -> str:
    return Warnings.W002.format(source=article.source, first=article.duplicate_of)
