"""`sahelnlp report` (registered in cli.py; `review` is with the annotation commands)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import Errors, SahelNLPError
from ..errors import command_failed as _fail
from ..eventdata import options as incident_options

# the `report` extra: a missing one is the user's to install, not a bug
CHART_LIBRARIES = ("altair", "vl_convert")


def report(
    output: Path = typer.Argument(..., help="A JSONL file `sahelnlp run` wrote, or a Dask run's folder."),
    page: Path = typer.Option(..., "--output", "-o", help="HTML file to write."),
    title: str = typer.Option("", "--title", help="The page's title (default: the output's file name)."),
    max_days: int = incident_options.MAX_DAYS,
    max_km: float = incident_options.MAX_KM,
    lookback: int = incident_options.LOOKBACK,
) -> None:
    """One self-contained HTML page of a run's incidents: a map of the Sahel (circles by
    deaths, coloured by event type or perpetrator), a timeline by week or month, and the
    incidents table, sortable, each row opening its claims and sentences. Incidents are
    grouped as `sahelnlp incidents` groups them (the same --max-days, --max-km and
    --lookback); the page fetches nothing when opened.

    Example: sahelnlp report out.jsonl -o report.html
    """
    from ..tables import read_output

    try:
        from .report import render_report
    except ModuleNotFoundError as err:
        if err.name not in CHART_LIBRARIES:
            raise
        _fail(Errors.E151.format(error=err))
    if page.suffix.lower() not in (".html", ".htm"):
        _fail(Errors.E029.format(option="output", value=str(page), problem="the report is an .html file"))
    try:
        records = read_output(output)
        settings = incident_options.settings(max_days, max_km, lookback)
        html = render_report(records, title=title or f"sahelnlp report: {output.name}", settings=settings)
    except SahelNLPError as err:
        _fail(str(err))
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")
    typer.echo(f"Wrote {page}: {len(records)} articles, {len(html) / 1e6:.2f} MB.", err=True)

