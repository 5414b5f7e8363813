"""The annotator round trip: export records to Label Studio, Prodigy or doccano, read
the corrections back into valid records, and turn them into gold and data additions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from ..errors import Errors, SahelNLPError
from . import doccano, labelstudio, prodigy
from .rebuild import Knowledge, rebuild
from .tasks import AnnotatedTask

FORMATS = {"labelstudio": labelstudio, "prodigy": prodigy, "doccano": doccano}


def export_tasks(records: Iterable[dict], tool: str) -> list[dict]:
    """Pre-annotated tasks for `tool`, one per record (each must carry its text)."""
    return _module(tool).to_tasks(list(records))


def write_tasks(tasks: list[dict], path: Path, tool: str) -> None:
    """Label Studio imports a JSON list; Prodigy and doccano read JSON lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        if tool == "labelstudio":
            json.dump(tasks, handle, ensure_ascii=False)
        else:
            handle.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks)


def read_tasks(path: Path) -> list[dict]:
    """A tool's export: a JSON list, or JSON lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SahelNLPError(Errors.E100.format(path=path, error=err)) from err
    stripped = text.lstrip()
    try:
        if stripped.startswith("["):
            return json.loads(text)
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as err:
        raise SahelNLPError(Errors.E101.format(path=path, error=err)) from err


def import_corrections(records: list[dict], corrected: list[dict], tool: str,
                       knowledge: Knowledge | None = None) -> tuple[list[dict], int]:
    """`records` with the reviewed ones replaced by their corrections, in the same order,
    and how many were reviewed. Unreviewed records are kept as they were."""
    tasks: list[AnnotatedTask] = _module(tool).from_tasks(corrected)
    by_id = {r["id"]: index for index, r in enumerate(records)}
    knowledge = knowledge or Knowledge()
    result = list(records)
    reviewed = 0
    for task in tasks:
        if task.article_id not in by_id:
            raise SahelNLPError(Errors.E102.format(tool=tool, task=task.task_id, article=task.article_id))
        if not task.reviewed:
            continue
        index = by_id[task.article_id]
        result[index] = rebuild(records[index], task, knowledge)
        reviewed += 1
    return result, reviewed


def _module(tool: str):
    if tool not in FORMATS:
        raise SahelNLPError(Errors.E103.format(tool=tool, choices=", ".join(FORMATS)))
    return FORMATS[tool]
