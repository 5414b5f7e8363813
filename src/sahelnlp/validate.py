"""Validate output records against the shipped JSON Schema, plus the offset invariants."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .errors import Errors, SahelNLPError
from .output import load_schema


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def problems_of(record) -> list[str]:
    """What is wrong with one record: schema errors, then offsets that do not fit its text."""
    if not isinstance(record, dict):
        return [f"(record): a JSON object was expected, not {type(record).__name__}"]
    found = [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
             for e in validator().iter_errors(record)]
    text = record.get("text")
    if text is None or found:
        return found
    for entity in record.get("entities", []):
        if text[entity["start"]:entity["end"]] != entity["text"]:
            found.append(f"entities: {entity['text']!r} is not at [{entity['start']}, {entity['end']})")
    for number, claim in enumerate(record.get("claims", [])):
        for key in ("span", "sentence", "quantity_span", "victim_span", "trigger_span"):
            if claim.get(key) is None:
                continue
            start, end = claim[key]
            if not 0 <= start <= end <= len(text):
                found.append(f"claims/{number}: {key} {claim[key]} is outside the text")
        if claim.get("quantity_span") and text[slice(*claim["quantity_span"])] != claim["quantity"]["text"]:
            found.append(f"claims/{number}: quantity {claim['quantity']['text']!r} is not at {claim['quantity_span']}")
        source = claim.get("source") or {}
        if source.get("span") and text[slice(*source["span"])] != source["text"]:
            found.append(f"claims/{number}: source {source['text']!r} is not at {source['span']}")
    return found


def validate_file(path: Path) -> list[str]:
    """Problems of every line of a JSONL output file, each prefixed with its line number."""
    problems = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Errors.E027.format(path=path)]
    for number, line in enumerate(text.splitlines(), 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"{path}:{number}: not JSON ({err.msg})")
            continue
        problems.extend(f"{path}:{number}: {p}" for p in problems_of(record))
    return problems


def read_records(path: Path) -> list[dict]:
    """The records of an output file; a missing file, an empty one, or a line that is not
    a record (an input article, say) is a user error."""
    path = Path(path)
    if not path.is_file():
        raise SahelNLPError(Errors.E070.format(where=path))
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as err:
        raise SahelNLPError(Errors.E027.format(path=path)) from err
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise SahelNLPError(Errors.E026.format(path=path, line=number, error=err.msg)) from err
        problem = _not_a_record(record)
        if problem:
            raise SahelNLPError(Errors.E026.format(path=path, line=number, error=problem))
        records.append(record)
    if not records:
        raise SahelNLPError(Errors.E071.format(path=path))
    return records


def _not_a_record(value) -> str | None:
    if not isinstance(value, dict):
        return f"a JSON {type(value).__name__}, not an object"
    if "id" not in value:
        return "no id"
    missing = [key for key in ("entities", "claims") if not isinstance(value.get(key), list)]
    if missing:
        return f"no {' or '.join(repr(k) for k in missing)}: an input article, not an annotated record"
    return None
