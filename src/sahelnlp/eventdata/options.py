"""The grouping's settings as command-line options, for every command that groups claims
into incidents (`sahelnlp incidents`, `sahelnlp report`); defaults from IncidentSettings."""

from __future__ import annotations

import typer

from .incidents import IncidentSettings

DEFAULTS = IncidentSettings()

MAX_DAYS = typer.Option(DEFAULTS.max_days, "--max-days", min=0, help="Event dates at most this far apart "
                        "(the days of one continuous fight chain).")
MAX_KM = typer.Option(DEFAULTS.max_km, "--max-km", min=0.0, help="Places at most this far apart "
                      "(or in the same admin2 unit).")
LOOKBACK = typer.Option(DEFAULTS.publication_lookback, "--lookback", min=0, help="A claim dated only by its "
                        "article's publication happened on that day or up to this many days before.")


def settings(max_days: int, max_km: float, lookback: int) -> IncidentSettings:
    """The settings the options give, the others at their defaults."""
    return IncidentSettings(max_days=max_days, max_km=max_km, publication_lookback=lookback)
