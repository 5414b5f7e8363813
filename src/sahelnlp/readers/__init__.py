"""Readers: turn input files, directories, globs and standard input into `Article`s.

`read_inputs` is the entry point. Each format has its module (text, feeddump,
html, jsonl, csv, feed); this one finds the files, undoes gzip, decodes,
picks the reader and turns every failure into an article that says what
went wrong, so that nothing read is dropped in silence.
"""

from __future__ import annotations

import glob
import gzip
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from ..article import Article, content_id
from ..errors import Errors
from .base import FieldMap, InputError, decode, error_article
from .csv import read_csv
from .feed import read_feed
from .html import read_html
from .jsonl import read_json, read_jsonl
from .text import read_text

__all__ = [
    "FieldMap",
    "InputError",
    "expand_input",
    "input_format",
    "read_bytes",
    "read_inputs",
    "sniff_format",
]

STDIN = "-"
STDIN_SOURCE = "<stdin>"
GZIP_MAGIC = b"\x1f\x8b"
# File extension → format name.
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_GLOB_CHARS = frozenset("*?[")

Reader = Callable[[str, str, str | None, FieldMap], Iterator[Article]]
READERS: dict[str, Reader] = {
    "text": lambda text, source, stem, fields: read_text(text, source, stem=stem),
    "html": lambda text, source, stem, fields: read_html(text, source, stem=stem),
    "json": lambda text, source, stem, fields: read_json(text, source, fields),
    "jsonl": lambda text, source, stem, fields: read_jsonl(text, source, fields),
    "csv": lambda text, source, stem, fields: read_csv(text, source, fields),
    "tsv": lambda text, source, stem, fields: read_csv(text, source, fields, delimiter="\t"),
    "feed": lambda text, source, stem, fields: read_feed(text, source),
}


def read_inputs(inputs: Iterable[str], fields: FieldMap | None = None) -> Iterator[Article]:
    """Read articles from files, directories, glob patterns and standard input.

    A directory is read recursively, its files sorted by path, hidden files
    and directories skipped. "-" reads standard input, its format sniffed
    from the content. Bad input never raises: an unreadable, binary or empty
    file, a missing path or a pattern that matches nothing each give one
    article with empty text and an `errors` entry.

    inputs (Iterable[str]): paths, directories, glob patterns or "-".
    fields (FieldMap | None): field names for JSON and CSV; defaults when None.
    YIELDS (Article): the articles, in input order.
    """
    fields = fields or FieldMap()
    for given in inputs:
        if given == STDIN:
            stdin_id = content_id(STDIN_SOURCE, "")
            yield from _guarded(partial(_read_stdin, fields), STDIN_SOURCE, stdin_id)
            continue
        try:
            paths = expand_input(given)
        except InputError as error:
            yield error_article(given, given, str(error))
            continue
        for path in paths:
            yield from _guarded(partial(_read_path, path, fields), str(path), _stem(path.name))


def expand_input(given: str) -> list[Path]:
    """The files an input names: itself, a directory's files, or a pattern's matches.

    given (str): a path, a directory or a glob pattern.
    RETURNS (list[Path]): the files, sorted by path within a directory or pattern.
    RAISES (InputError): when nothing is found.
    """
    path = Path(given)
    if path.is_dir():
        found = _directory_files(path)
        if not found:
            raise InputError(Errors.E042.format(where=given))
        return found
    if path.exists() or path.is_symlink():
        return [path]
    if _GLOB_CHARS.intersection(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            raise InputError(Errors.E041.format(where=given))
        return [file for match in matches for file in _files(Path(match))]
    raise InputError(Errors.E040.format(where=given))


def read_bytes(
    data: bytes, source: str, fields: FieldMap | None = None, *, name: str | None = None
) -> Iterator[Article]:
    """Read articles from the raw bytes of one input.

    gzip (by extension or magic bytes) is undone; the format comes from the
    extension, else from the content.

    data (bytes): the raw input.
    source (str): where it came from, for `Article.source` and messages.
    fields (FieldMap | None): field names for JSON and CSV; defaults when None.
    name (str | None): the file name, for its extensions and id; None for stdin.
    YIELDS (Article): the articles.
    RAISES (InputError): for unreadable gzip, binary or empty input.
    """
    fields = fields or FieldMap()
    if (name and name.lower().endswith(".gz")) or data.startswith(GZIP_MAGIC):
        data = _gunzip(data, source)
    text = decode(data, source)
    fmt = input_format(name or "") or sniff_format(text)
    stem = _stem(name) if name else None
    yield from READERS[fmt](text, source, stem, fields)


def input_format(name: str) -> str | None:
    """The format an input's file name says, looking through a ".gz" extension.

    name (str): the file name.
    RETURNS (str | None): a key of READERS, or None for unknown extensions.
    """
    lowered = name.lower().removesuffix(".gz")
    return FORMATS.get(os.path.splitext(lowered)[1])


def sniff_format(text: str) -> str:
    """The format of a text by its first characters.

    text (str): the decoded input.
    RETURNS (str): "feed", "html", "json", "jsonl" or "text"; JSON Lines when
        more than one line starts with "{" (pretty-printed JSON indents).
    """
    head = text.lstrip()[:1000].lower()
    if head.startswith("<?xml"):
        return "html" if "<html" in head and "<rss" not in head and "<feed" not in head else "feed"
    if head.startswith(("<rss", "<feed", "<rdf:rdf")):
        return "feed"
    if head.startswith(("<html", "<!doctype html")):
        return "html"
    if head.startswith("{"):
        lines_with_objects = sum(1 for line in text.splitlines() if line.startswith("{"))
        return "jsonl" if lines_with_objects > 1 else "json"
    if head.startswith("[") and head[1:].lstrip().startswith(("{", "]")):
        return "json"
    return "text"


def _read_path(path: Path, fields: FieldMap) -> Iterator[Article]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            Errors.E043.format(where=path, reason=error.strerror or error)
        ) from None
    yield from read_bytes(data, str(path), fields, name=path.name)


def _read_stdin(fields: FieldMap) -> Iterator[Article]:
    stream = sys.stdin
    if stream is None or stream.closed:
        raise InputError(Errors.E044.format(where=STDIN_SOURCE))
    buffer = getattr(stream, "buffer", None)
    data = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    yield from read_bytes(data, STDIN_SOURCE, fields)


def _guarded(
    read: Callable[[], Iterator[Article]], source: str, article_id: str
) -> Iterator[Article]:
    """Run one input's reader; turn its failure, or its silence, into an article.

    read (Callable[[], Iterator[Article]]): starts the reader.
    source (str): the input, for messages.
    article_id (str): the id of an article that stands for a failure.
    YIELDS (Article): the reader's articles, then one for its failure if any.
    """
    count = 0
    try:
        for article in read():
            count += 1
            yield article
    except InputError as error:
        yield error_article(article_id, source, str(error))
        return
    except Exception as error:
        # Third-party parsers fail in their own ways; the input must not vanish.
        message = Errors.E049.format(where=source, kind=type(error).__name__, reason=error)
        yield error_article(article_id, source, message)
        return
    if count == 0:
        yield error_article(article_id, source, Errors.E048.format(where=source))


def _gunzip(data: bytes, source: str) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(Errors.E047.format(where=source, reason=error)) from None


def _directory_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(Path(folder, name) for name in files if not name.startswith("."))
    return sorted(found)


def _files(path: Path) -> list[Path]:
    return _directory_files(path) if path.is_dir() else [path]


def _stem(name: str) -> str:
    """The file name without its format extension and a ".gz": "a.jsonl.gz" → "a"."""
    base = name[: -len(".gz")] if name.lower().endswith(".gz") else name
    return os.path.splitext(base)[0] or base
