"""What every reader shares: field names, errors and their messages, decoding."""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..article import Article, content_id
from ..errors import Errors
from .dates import to_iso_date


@dataclass(frozen=True)
class FieldMap:
    """Names of the fields (JSON keys, CSV columns) that hold each article attribute.

    id, text, title, url, published, lang (str): the field name for each.
    """

    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    lang: str = "lang"


class InputError(ValueError):
    """An input that cannot be read; the message says what, where and what to do.

    `read_inputs` never lets it out: it turns it into an `Article` with empty
    text and the message in `errors`.
    """


# Byte-order marks of UTF-16/32, longest first (UTF-32-LE's starts with UTF-16-LE's).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings tried, in order, when UTF-8 fails; latin-1 decodes any byte.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


def decode(data: bytes, where: str) -> str:
    """Decode the bytes of a text input.

    UTF-8 (byte-order mark dropped), UTF-16/32 when they carry a byte-order
    mark, else cp1252 and latin-1.

    data (bytes): the raw input.
    where (str): the input's name, for messages.
    RETURNS (str): the text.
    RAISES (InputError): for binary data (NUL bytes) and empty input.
    """
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return _check_empty(data.decode(encoding), where)
            except UnicodeDecodeError:
                raise InputError(Errors.E045.format(where=where)) from None
    if b"\x00" in data:
        raise InputError(Errors.E045.format(where=where))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    return _check_empty(text, where)


def _decode_legacy(data: bytes) -> str:
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


def _check_empty(text: str, where: str) -> str:
    if not text.strip():
        raise InputError(Errors.E046.format(where=where))
    return text


def error_article(article_id: str, source: str, message: str) -> Article:
    """An article that stands for an input that could not be read.

    article_id (str): the article id (file stem, path as given, or a content id).
    source (str): where it was read from.
    message (str): the error, from an `Errors` template.
    RETURNS (Article): an article with empty text and `message` in `errors`.
    """
    return Article(id=article_id, text="", source=source, errors=[message])


def strip_tracking(url: str | None) -> str | None:
    """Remove `utm_*` query parameters from a URL, leaving the rest as written.

    url (str | None): the URL.
    RETURNS (str | None): the URL without tracking parameters.
    """
    if not url or "?" not in url:
        return url
    head, _, rest = url.partition("?")
    query, hash_mark, fragment = rest.partition("#")
    kept = [part for part in query.split("&") if part and not part.lower().startswith("utm_")]
    cleaned = head + ("?" + "&".join(kept) if kept else "")
    return cleaned + hash_mark + fragment


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag: "en-US" → "en".

    tag (str | None): a language tag as found in the input.
    RETURNS (str | None): the lower-cased primary subtag, or None.
    """
    if not tag or not tag.strip():
        return None
    return tag.strip().replace("_", "-").split("-")[0].lower()


def article_from_record(
    record: Mapping[str, Any], source: str, where: str, fields: FieldMap
) -> Article:
    """Build an article from one JSON object or CSV row.

    A record without a usable text field still gives an article: empty text,
    and an `errors` entry that says what is missing.

    record (Mapping[str, Any]): the field values.
    source (str): where the record was read from ("dump.jsonl:12").
    where (str): the same for messages ("dump.jsonl line 12").
    fields (FieldMap): the field names.
    RETURNS (Article): the article.
    """
    errors: list[str] = []
    text = record.get(fields.text)
    if fields.text not in record:
        keys = ", ".join(str(key) for key in record) or "none"
        errors.append(Errors.E054.format(where=where, field=fields.text, keys=keys))
        text = ""
    elif not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        errors.append(Errors.E055.format(where=where, field=fields.text, kind=kind))
        text = ""
    published = _scalar(record.get(fields.published))
    return Article(
        id=_scalar(record.get(fields.id)) or content_id(source, text),
        text=text,
        source=source,
        title=_scalar(record.get(fields.title)),
        url=_scalar(record.get(fields.url)),
        published=to_iso_date(published),
        lang=_scalar(record.get(fields.lang)),
        errors=errors,
    )


def _scalar(value: Any) -> str | None:
    """A metadata value as a string: strings and numbers kept, empty and others None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None
