"""JSON and JSON Lines: one article per object."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..article import Article, content_id
from ..errors import Errors
from .base import FieldMap, InputError, article_from_record, error_article

# Keys under which a JSON object may hold its list of articles.
LIST_KEYS = ("articles", "items", "data")


def read_jsonl(text: str, source: str, fields: FieldMap | None = None) -> Iterator[Article]:
    """Read JSON Lines: one object per line, blank lines skipped.

    A line that is not a JSON object, or whose text field is missing or not a
    string, gives an article with empty text and an error; reading goes on.

    text (str): the file's text.
    source (str): the file's path; each article's source is "<source>:<line>".
    fields (FieldMap | None): the field names; the defaults when None.
    YIELDS (Article): one article per non-blank line.
    """
    fields = fields or FieldMap()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _line_article(line, f"{source}:{number}", f"{source} line {number}", fields)


def read_json(text: str, source: str, fields: FieldMap | None = None) -> Iterator[Article]:
    """Read a JSON document: a list of objects, one object, or an object that
    holds the list under "articles", "items" or "data".

    A document that is really JSON Lines (an object per line) is read as such.

    text (str): the file's text.
    source (str): the file's path; each listed article's source is
        "<source>#<n>" (n from 1), a lone object's is "<source>".
    fields (FieldMap | None): the field names; the defaults when None.
    YIELDS (Article): one article per object.
    RAISES (InputError): when the document is not valid JSON or holds no articles.
    """
    fields = fields or FieldMap()
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            yield from read_jsonl(text, source, fields)
            return
        raise InputError(Errors.E051.format(where=source, reason=_reason(error))) from None
    records = _records(document, source, fields)
    if records is None:
        yield article_from_record(document, source, source, fields)
        return
    for n, record in enumerate(records, start=1):
        where = f"{source}#{n}"
        if isinstance(record, dict):
            yield article_from_record(record, where, where, fields)
        else:
            yield _not_object(record, where)


def _records(document: Any, source: str, fields: FieldMap) -> list[Any] | None:
    """The list of article records, or None when `document` is itself one."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in LIST_KEYS:
            if isinstance(document.get(key), list) and fields.text not in document:
                return document[key]
        return None
    raise InputError(Errors.E053.format(where=source, kind=_kind(document)))


def _line_article(line: str, source: str, where: str, fields: FieldMap) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        reason = f"{error.msg}: column {error.colno}"
        return error_article(
            content_id(source, line),
            source,
            Errors.E050.format(where=where, reason=reason),
        )
    if not isinstance(record, dict):
        return _not_object(record, source, where)
    return article_from_record(record, source, where, fields)


def _not_object(value: Any, source: str, where: str | None = None) -> Article:
    message = Errors.E052.format(where=where or source, kind=_kind(value))
    return error_article(content_id(source, ""), source, message)


def _reason(error: json.JSONDecodeError) -> str:
    return f"{error.msg}: line {error.lineno} column {error.colno}"


def _kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")
