"""The output file as a journal: what a run has already written, so a new run resumes it.

An interrupted run (killed process, full disk) can leave its last line cut short.
`open_journal` cuts that line off, reads the ids and text hashes of the complete
records, and opens the file for appending. Each record is written as one whole line
and flushed with its window, so a file is always whole lines plus at most one
partial line, which the next `--resume` removes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import srsly

from .errors import Errors, SahelNLPError, Warnings


@dataclass
class Done:
    """What an output file already holds: record ids, and each text's hash → its id."""

    ids: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def open_journal(path: Path, *, resume: bool, overwrite: bool) -> tuple[TextIO, Done]:
    """Open `path` for writing records: appended to when resuming, else created.

    RAISES (SahelNLPError): when the file exists and neither flag says what to do,
        or when an existing line is not a record.
    """
    if resume and overwrite:
        raise SahelNLPError(Errors.E033)
    done = Done()
    if path.exists() and not (resume or overwrite):
        raise SahelNLPError(Errors.E022.format(path=path))
    if path.exists() and resume:
        done = read_done(path)
        return path.open("a", encoding="utf-8"), done
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8"), done


def read_done(path: Path) -> Done:
    """Ids and text hashes of the complete records in `path`, after cutting off a
    partial last line."""
    done = Done()
    _check_is_output(path)
    cut = _cut_partial_line(path)
    if cut:
        done.notes.append(Warnings.W003.format(path=path, length=cut))
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = srsly.json_loads(line)
                record_id = record["id"]
            except (ValueError, KeyError, TypeError) as err:
                raise SahelNLPError(Errors.E026.format(path=path, line=number, error=err)) from err
            done.ids.add(record_id)
            sha1 = (record.get("meta") or {}).get("text_sha1")
            if sha1 and not record.get("duplicate_of"):
                done.texts.setdefault(sha1, record_id)
    return done


def _check_is_output(path: Path) -> None:
    """Refuse, before touching it, a file that is not a sahelnlp output: its first
    line must be a record, or (when it has no whole line yet) the start of one."""
    with path.open("rb") as handle:
        first = handle.readline()
    if not first.strip():
        return
    if not first.endswith(b"\n"):
        if first.lstrip().startswith(b'{"schema"'):
            return  # killed while writing its very first line
        raise SahelNLPError(Errors.E026.format(path=path, line=1, error="not a sahelnlp record"))
    try:
        record = srsly.json_loads(first)
        if not isinstance(record, dict) or "id" not in record or "schema" not in record:
            raise ValueError("no schema or id")
    except ValueError as err:
        raise SahelNLPError(Errors.E026.format(path=path, line=1, error=err)) from err


def _cut_partial_line(path: Path) -> int:
    """Truncate the file after its last line end; the number of bytes removed."""
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb+") as handle:
        end = size
        chunk = 1 << 16
        while end > 0:
            start = max(0, end - chunk)
            handle.seek(start)
            data = handle.read(end - start)
            newline = data.rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                break
            end = start
        else:
            keep = 0
        if keep < size:
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
        return size - keep
