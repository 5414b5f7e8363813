"""CSV and TSV: a header row names the fields, then one article per row."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from ..article import Article, content_id
from ..errors import Errors
from .base import FieldMap, article_from_record, error_article


def read_csv(
    text: str, source: str, fields: FieldMap | None = None, *, delimiter: str = ","
) -> Iterator[Article]:
    """Read a CSV or TSV file whose header row names the fields.

    A row without the text column, or with more or fewer fields than the
    header, gives an article with an error; reading goes on. A row the csv
    module cannot parse ends the file, with an error saying so.

    text (str): the file's text.
    source (str): the file's path; each article's source is "<source>:<line>",
        the line its row starts on.
    fields (FieldMap | None): the field names; the defaults when None.
    delimiter (str): "," for CSV, "\\t" for TSV.
    YIELDS (Article): one article per row.
    """
    fields = fields or FieldMap()
    # Article texts outgrow the csv module's default field limit (128 KiB).
    limit = csv.field_size_limit(sys.maxsize)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next(rows, [])
        line = rows.line_num + 1
        while True:
            where = f"{source} line {line}"
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                yield error_article(
                    content_id(f"{source}:{line}", ""),
                    f"{source}:{line}",
                    Errors.E058.format(where=where, reason=error),
                )
                return
            if any(cell.strip() for cell in row):
                yield _row_article(header, row, f"{source}:{line}", where, fields)
            line = rows.line_num + 1
    finally:
        csv.field_size_limit(limit)


def _row_article(
    header: list[str], row: list[str], source: str, where: str, fields: FieldMap
) -> Article:
    if fields.text not in header:
        keys = ", ".join(header) or "none"
        error = Errors.E056.format(where=where, field=fields.text, keys=keys)
    elif len(row) != len(header):
        error = Errors.E057.format(where=where, n=len(row), m=len(header))
    else:
        error = None
    article = article_from_record(dict(zip(header, row, strict=False)), source, where, fields)
    if error is not None:
        article.errors = [error]
    return article
