"""ACLED's conventions, for joining sahelnlp output with ACLED-coded events.

- `acled_fatalities(claims)`: the claims of one event turned into ACLED's single
  conservative fatality figure.
- `acled_actor_ids(name)`: ACLED's actor name ("Military Forces of Mali (2021-)") turned
  into sahelnlp's canonical actor id (`fama`), through the data table
  `data/actors/acled_actors.tsv`.
- `read_acled_events(path)`: ACLED's events from an export (CSV) or notes (JSON lines).

ACLED data: Armed Conflict Location & Event Data Project (ACLED), acleddata.com.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import Errors, SahelNLPError

# victim groups that are one side each; the others (unknown, mixed) may hold them
NAMED_GROUPS = ("civilians", "security_forces", "militants", "peacekeepers", "foreign_forces")
_YEARS = re.compile(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)")


def claim_number(claim: dict) -> int:
    """A claim's number by ACLED's floors: the stated value, else the lower bound the words
    allow ("dozens" 12, "several" 3, "hundreds" 100, a range its low end), else the upper
    bound, else 0."""
    quantity = claim.get("quantity") or {}
    for key in ("value", "low", "high"):
        if quantity.get(key) is not None:
            return int(quantity[key])
    return 0


def acled_fatalities(claims: Iterable[dict]) -> int:
    """ACLED's fatality figure for the claims of one event.

    ACLED codes one conservative number per event: deaths on every side summed, the lowest
    figure where reports differ, injuries and unspecified "casualties" not counted. So:
    only `killed` claims that are not aggregate, superseded or negated count; within a
    victim group the smallest figure of a sentence counts (a toll repeated in the headline
    and the body is counted once; two different reports give the lower), and within a
    sentence the largest (a sub-count is part of its total); the named groups (civilians,
    security forces, militants, peacekeepers, foreign forces) are summed; a total that
    names no group ("12 people", "mixed") counts when it is larger than that sum, since it
    then holds them ("12 people, including 3 soldiers" is 12). Vague words take ACLED's
    floors (`claim_number`), but only where no report of the group states a number: the
    lowest of differing reports is the lowest stated figure ("some soldiers" in one
    article and "at least 70 soldiers" in another give 70).

    claims (Iterable[dict]): claims as in sahelnlp records (or gold files), of one event.
    RETURNS (int): the fatality figure; 0 when no claim gives a death.
    """
    # per group and sentence the largest figure (a sub-count of the same sentence is a
    # part of its total: "five people, including one woman"), then per group the smallest;
    # a report that states a number outweighs a vague one ("some soldiers", then "at
    # least 70"): the floors count only where no report of the group gives a number
    largest: dict[tuple[str, tuple], tuple[bool, int]] = {}
    for number, claim in enumerate(claims):
        if claim.get("outcome") != "killed" or any(claim.get(f) for f in ("aggregate", "superseded", "negated")):
            continue
        sentence = tuple(claim["sentence"]) if claim.get("sentence") else ("claim", number)  # unknown: its own
        key = (claim.get("victim") or "unknown", sentence)
        stated = (claim.get("quantity") or {}).get("value") is not None
        largest[key] = max((stated, claim_number(claim)), largest.get(key, (False, 0)))
    smallest: dict[str, tuple[bool, int]] = {}
    for (group, _), (stated, number) in largest.items():
        held = smallest.get(group)
        if held is None or (stated, -number) > (held[0], -held[1]):
            smallest[group] = (stated, number)
    smallest = {group: number for group, (_, number) in smallest.items()}
    named = sum(n for g, n in smallest.items() if g in NAMED_GROUPS)
    totals = [n for g, n in smallest.items() if g not in NAMED_GROUPS]
    return max([named, *[min(totals)]] if totals else [named])


def normalize_acled_actor(name: str) -> str:
    """ACLED's actor name without its period: "Military Forces of Mali (2021-)" →
    "Military Forces of Mali", "Police Forces of Mali (2013-2020) Gendarmerie" → "Police
    Forces of Mali Gendarmerie"; a country in parentheses stays ("Civilians (Mali)")."""
    return re.sub(r"\s+", " ", _YEARS.sub("", name)).strip()


@lru_cache(maxsize=1)
def acled_actor_table() -> tuple[dict[str, tuple[str, ...]], list[tuple[str, tuple[str, ...]]]]:
    """The table `data/actors/acled_actors.tsv`: exact ACLED names (normalized) → canonical
    ids, then the name patterns (`*` for any words: "Civilians (*)") in file order. An empty
    id list marks ACLED actors outside the codebook (protesters, rioters)."""
    exact: dict[str, tuple[str, ...]] = {}
    patterns: list[tuple[str, tuple[str, ...]]] = []
    text = resources.files("sahelnlp").joinpath("data/actors/acled_actors.tsv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        ids = tuple(i for i in (row.get("actor_ids") or "").split(";") if i)
        name = normalize_acled_actor(row["acled_name"])
        if "*" in name:
            patterns.append((name, ids))
        else:
            exact[name] = ids
    return exact, patterns


def acled_actor_ids(name: str | None) -> tuple[str, ...] | None:
    """The canonical ids of an ACLED actor name: None when the table does not know the
    name, an empty tuple when it knows it as outside the codebook."""
    if not name:
        return None
    exact, patterns = acled_actor_table()
    wanted = normalize_acled_actor(name)
    if wanted in exact:
        return exact[wanted]
    return next((ids for pattern, ids in patterns if fnmatchcase(wanted, pattern)), None)

# ACLED's export columns → the field names of the notes file
EXPORT_COLUMNS = {"event_id_cnty": "event_id"}


@dataclass(frozen=True)
class AcledEvent:
    """One ACLED-coded event: what the coders wrote and what they coded from it."""

    event_id: str
    notes: str
    fatalities: int
    country: str
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    event_type: str | None
    actor1: str | None
    actor2: str | None
    admin2: str | None = None
    admin3: str | None = None


def read_acled_events(path: Path) -> list[AcledEvent]:
    """Events from ACLED notes (JSON lines with ACLED's field names) or an ACLED export (CSV)."""
    path = Path(path)
    if not path.is_file():
        raise SahelNLPError(Errors.E128.format(path=path))
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [{EXPORT_COLUMNS.get(k, k): v for k, v in row.items()} for row in csv.DictReader(handle)]
        start = 2
    else:
        rows = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise SahelNLPError(Errors.E129.format(path=path, line=number, error=err)) from err
        start = 1
    events = [_event(row, path, number) for number, row in enumerate(rows, start)]
    return unique_ids(events)


def unique_ids(events: list, with_id: Callable | None = None) -> list:
    """Older ACLED exports reuse an id across countries: the second and later get `#2`,
    `#3`. `with_id(event, new_id)` makes the renamed copy (default: dataclasses.replace)."""
    with_id = with_id or (lambda event, new_id: replace(event, event_id=new_id))
    seen: Counter = Counter()
    unique = []
    for event in events:
        seen[event.event_id] += 1
        n = seen[event.event_id]
        unique.append(event if n == 1 else with_id(event, f"{event.event_id}#{n}"))
    return unique


def _event(row: dict, path: Path, number: int) -> AcledEvent:
    try:
        return AcledEvent(
            event_id=str(row["event_id"]), notes=row.get("notes") or "",
            fatalities=int(float(row.get("fatalities") or 0)), country=row.get("country") or "",
            admin1=row.get("admin1") or None, location=row.get("location") or None,
            latitude=_number(row.get("latitude")), longitude=_number(row.get("longitude")),
            geo_precision=int(float(row["geo_precision"])) if row.get("geo_precision") not in (None, "") else None,
            event_type=row.get("event_type") or None, actor1=row.get("actor1") or None,
            actor2=row.get("actor2") or None, admin2=row.get("admin2") or None,
            admin3=row.get("admin3") or None)
    except (KeyError, ValueError) as err:
        raise SahelNLPError(Errors.E130.format(path=path, line=number, error=repr(err))) from err


def _number(value) -> float | None:
    return None if value in (None, "") else float(value)
