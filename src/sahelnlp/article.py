"""The unit every reader yields and every writer consumes: one input article."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from dataclasses import dataclass, field


@dataclass
class Article:
    """One article as read from the input, before any NLP.

    id (str): stable id, from the input where it has one, else `content_id()`.
    text (str): the article text; every output offset indexes into it.
    source (str): where it was read from, precise enough to find it again
        ("dump.jsonl:12", "feed.xml#3", "seeds/004.txt#2", "<stdin>:4").
    title, url, published, lang: metadata; `published` is an ISO date
        (YYYY-MM-DD) or None. `lang` is the input's until the runner sets it to the
        language the article is read in.
    lang_source (str | None): how the runner chose `lang`: "forced", "input" or
        "detected"; None before, or when the article was not readable.
    errors (list[str]): what went wrong while reading. An article with errors
        still produces exactly one output record.
    duplicate_of (str | None): id of an earlier article with the same text; such an
        article is not processed again.
    notes (list[str]): remarks from reading that are not failures ("the page's only date
        was a copyright line; published left empty"); they reach the record's `notes`.
    """

    id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    lang_source: str | None = None
    errors: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def text_sha1(self) -> str:
        """Hash of the exact text: two articles with the same one are duplicates."""
        return hashlib.sha1(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def content_id(source: str, text: str) -> str:
    """A stable id for an article whose input carries none: a hash of source + text.

    Only the file name of the source counts ("dump.jsonl:12", not the folder it was
    read from), so the same file named by another path gives the same ids and a
    resumed run recognises what it already wrote.
    """
    digest = hashlib.sha1(f"{PurePath(source).name}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]
