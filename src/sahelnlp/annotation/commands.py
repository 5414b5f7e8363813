"""The round trip's commands: `export`, `import`, `review` and `suggest` (registered in cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import Errors, SahelNLPError
from ..errors import command_failed as _fail


def export(
    output: Path = typer.Argument(..., help="A JSONL file `sahelnlp run` wrote (with the text)."),
    to: str = typer.Option(..., "--to", help="labelstudio, prodigy or doccano."),
    tasks: Path = typer.Option(..., "--output", "-o", help="Tasks file to write (Label Studio: JSON; "
                               "Prodigy and doccano: JSON lines)."),
    label_config: Optional[Path] = typer.Option(None, "--label-config", help="Label Studio: where to write "
                                                "the labeling configuration; default: beside the tasks."),
) -> None:
    """Pre-annotated tasks for an annotation tool: entity spans, claim relations, claim fields.

    Examples:

      sahelnlp export out.jsonl --to labelstudio -o tasks.json     # and tasks.label_config.xml

      sahelnlp export out.jsonl --to prodigy -o tasks.jsonl
    """
    from ..validate import read_records
    from . import export_tasks, labelstudio, write_tasks

    try:
        made = export_tasks(read_records(output), to)
        write_tasks(made, tasks, to)
        if to == "labelstudio":
            config = label_config or tasks.with_name(tasks.name.split(".")[0] + ".label_config.xml")
            config.write_text(labelstudio.label_config(), encoding="utf-8")
            typer.echo(f"Wrote {len(made)} tasks to {tasks} and the labeling configuration to {config}.", err=True)
        else:
            typer.echo(f"Wrote {len(made)} tasks to {tasks}.", err=True)
    except SahelNLPError as err:
        _fail(str(err))


def import_(
    corrected: Path = typer.Argument(..., help="The tool's export of the corrected tasks."),
    tool: str = typer.Option(..., "--from", help="labelstudio, prodigy or doccano."),
    into: Path = typer.Option(..., "--into", help="The JSONL output the tasks were exported from."),
    reviewed: Path = typer.Option(..., "--output", "-o", help="JSONL to write: every record of --into, "
                                  "the reviewed ones corrected and marked."),
) -> None:
    """Rebuild output records from corrected annotations; unreviewed records stay as they were.

    Example: sahelnlp import export.json --from labelstudio --into out.jsonl -o reviewed.jsonl
    """
    from ..output import to_json_line
    from ..validate import problems_of, read_records
    from . import import_corrections, read_tasks

    try:
        records, count = import_corrections(read_records(into), read_tasks(corrected), tool)
    except SahelNLPError as err:
        _fail(str(err))
    for record in records:
        problems = problems_of(record)
        if problems:
            _fail(Errors.E104.format(article=record["id"], problem=problems[0]))
    reviewed.parent.mkdir(parents=True, exist_ok=True)
    with reviewed.open("w", encoding="utf-8") as handle:
        handle.writelines(to_json_line(r) for r in records)
    typer.echo(f"Wrote {len(records)} records to {reviewed}: {count} reviewed.", err=True)


def review(
    output: Path = typer.Argument(..., help="A JSONL file `sahelnlp run` (or `import`) wrote."),
    page: Path = typer.Option(..., "--output", "-o", help="HTML page to write."),
) -> None:
    """A self-contained page showing each article with its entities and its claims.

    Example: sahelnlp review out.jsonl -o review.html
    """
    from ..pages.review import render_page
    from ..validate import read_records

    try:
        records = read_records(output)
    except SahelNLPError as err:
        _fail(str(err))
    page.write_text(render_page(records, title=output.name), encoding="utf-8")
    typer.echo(f"Wrote {page}: {len(records)} articles.", err=True)


def suggest(
    reviewed: Path = typer.Argument(..., help="Reviewed records (`sahelnlp import` output)."),
    diff: Path = typer.Option(..., "--output", "-o", help="Where to write the proposed data diff."),
) -> None:
    """Propose the lexicon and gazetteer additions the corrections imply, as a diff of the
    data files (review it, then `git apply` it).

    Example: sahelnlp suggest reviewed.jsonl -o additions.diff
    """
    from ..validate import read_records
    from .suggest import propose

    try:
        text, counts = propose(read_records(reviewed))
    except SahelNLPError as err:
        _fail(str(err))
    diff.write_text(text, encoding="utf-8")
    typer.echo(f"Wrote {diff}: {counts['aliases']} new aliases, {counts['places']} new places.", err=True)
