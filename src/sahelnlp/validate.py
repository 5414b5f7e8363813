"""Validate output records against the shipped JSON Schema, plus the offset invariants."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from .output import load_schema


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def problems_of(record: dict) -> list[str]:
    """What is wrong with one record: schema errors, then offsets that do not fit its text."""
    found = [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}"
             for e in validator().iter_errors(record)]
    text = record.get("text")
    if text is None or found:
        return found
    for entity in record.get("entities", []):
        if text[entity["start"]:entity["end"]] != entity["text"]:
            found.append(f"entities: {entity['text']!r} is not at [{entity['start']}, {entity['end']})")
    for claim in record.get("claims", []):
        for key in ("span", "sentence"):
            start, end = claim[key]
            if not 0 <= start <= end <= len(text):
                found.append(f"claims: {key} {claim[key]} is outside the text")
    return found


def validate_file(path: Path) -> list[str]:
    """Problems of every line of a JSONL output file, each prefixed with its line number."""
    problems = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(f"{path}:{number}: not JSON ({err.msg})")
                continue
            problems.extend(f"{path}:{number}: {p}" for p in problems_of(record))
    return problems
