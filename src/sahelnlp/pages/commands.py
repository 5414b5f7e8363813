"""`sahelnlp report` (registered in cli.py; `review` is with the annotation commands)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import Errors, SahelNLPError
from ..errors import command_failed as _fail


def report(
    output: Path = typer.Argument(..., help="A JSONL file `sahelnlp run` wrote, or a Dask run's folder."),
    page: Path = typer.Option(..., "--output", "-o", help="HTML file to write."),
    title: str = typer.Option("", "--title", help="The page's title (default: the output's file name)."),
    max_days: int = typer.Option(2, "--max-days", min=0, help="Incidents: event dates at most this far apart."),
    max_km: float = typer.Option(30.0, "--max-km", min=0.0, help="Incidents: places at most this far apart "
                                 "(or in the same admin2 unit)."),
    lookback: int = typer.Option(3, "--lookback", min=0, help="Incidents: a claim dated only by its article's "
                                 "publication happened on that day or up to this many days before."),
) -> None:
    """One self-contained HTML page of a run's incidents: a map of the Sahel (circles by
    deaths, coloured by event type or perpetrator), a timeline by week or month, and the
    incidents table, sortable, each row opening its claims and sentences. Incidents are
    grouped as `sahelnlp incidents` groups them; the page fetches nothing when opened.

    Example: sahelnlp report out.jsonl -o report.html
    """
    from ..eventdata.incidents import IncidentSettings
    from ..tables import read_output
    from .report import render_report

    if page.suffix.lower() not in (".html", ".htm"):
        _fail(Errors.E029.format(option="output", value=str(page), problem="the report is an .html file"))
    try:
        records = read_output(output)
        settings = IncidentSettings(max_days=max_days, max_km=max_km, publication_lookback=lookback)
        html = render_report(records, title=title or f"sahelnlp report: {output.name}", settings=settings)
    except SahelNLPError as err:
        _fail(str(err))
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")
    typer.echo(f"Wrote {page}: {len(records)} articles, {len(html) / 1e6:.2f} MB.", err=True)

