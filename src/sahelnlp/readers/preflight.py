"""Usage mistakes a run refuses before it writes anything.

A path that does not exist, a web address, or a table whose text column has another
name is the user's mistake, not a bad article: `sahelnlp run` says so and exits 2
before opening its output, so the corrected command runs without --overwrite. Only
the head of each file is read; everything else is left to the readers, which turn a
bad article into a record with its error.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import zlib
from collections.abc import Iterable
from pathlib import Path

from ..errors import Errors, SahelNLPError
from . import STDIN, expand_input, input_format
from .base import FieldMap, InputError

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
HEAD_BYTES = 65_536
# JSON lines: how many records are looked at; the run is refused when none has the field
RECORDS_LOOKED_AT = 5


def check_inputs(inputs: Iterable[str], fields: FieldMap) -> None:
    """Raise SahelNLPError for the first input a run cannot start with.

    inputs (Iterable[str]): what the user named: paths, folders, globs or "-".
    fields (FieldMap): the field names the run reads JSON and CSV with.
    RAISES (SahelNLPError): a web address, a missing path, a pattern that matches
        nothing, an empty folder, a CSV/TSV without the text column, or JSON lines none
        of whose first records has the text field.
    """
    for given in inputs:
        if given == STDIN:
            continue
        if _URL.match(given):
            raise SahelNLPError(Errors.E063.format(where=given))
        try:
            paths = expand_input(given)
        except InputError as error:
            raise SahelNLPError(str(error)) from None
        for path in paths:
            _check_fields(path, fields)


def _check_fields(path: Path, fields: FieldMap) -> None:
    kind = input_format(path.name)
    if kind not in ("csv", "tsv", "jsonl"):
        return
    lines = _head_lines(path)
    if not lines:
        return  # empty or unreadable: the reader says so in the file's record
    if kind in ("csv", "tsv"):
        header = next(csv.reader([lines[0]], delimiter="\t" if kind == "tsv" else ","), [])
        if header and fields.text not in header:
            raise SahelNLPError(Errors.E056.format(where=f"{path} line 1", field=fields.text,
                                                   keys=", ".join(header)))
        return
    records = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError:
                continue  # a bad line is an article's error, reported in its record
        if len(records) == RECORDS_LOOKED_AT:
            break
    objects = [(n, r) for n, r in records if isinstance(r, dict)]
    if objects and not any(fields.text in record for _, record in objects):
        number, first = objects[0]
        raise SahelNLPError(Errors.E054.format(where=f"{path} line {number}", field=fields.text,
                                               keys=", ".join(first) or "none"))


def _head_lines(path: Path) -> list[str]:
    """The whole lines in the first bytes of a file, gzip undone; [] when unreadable."""
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as handle:
                data = handle.read(HEAD_BYTES)
        else:
            with path.open("rb") as handle:
                data = handle.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error):
        return []
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    return lines if len(data) < HEAD_BYTES else lines[:-1]  # the last may be cut
