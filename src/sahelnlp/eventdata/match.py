"""`sahelnlp match`: our incidents beside the events of a dataset (ACLED or UCDP GED).

    from sahelnlp.eventdata.match import match_files
    tables = match_files("incidents.csv", "acled-export.csv")
    tables.matched, tables.news_only, tables.dataset_only

The dataset is an ACLED export (columns event_id_cnty or event_id, event_date, actor1 …)
or a UCDP GED export (id, date_start, date_end, side_a, side_b, best, low, high, latitude
…), told apart by its header.

An incident and an event are a candidate pair when all three hold:
- dates: the event's dates overlap the incident's, widened by `max_days` (2) on each
  side; by at least 7 days when the incident's time precision is 2 (a week, or a date
  inferred from publication), to the whole month (or months) when it is 3;
- place: the points are at most `max_km` (50) apart; when either side has geo precision
  3 (a region), the same admin1 unit or at most 150 km will do; an incident placed only
  in a country fits any event of that country;
- actors: the dataset's actor names are turned into canonical ids (`acled_name_ids`,
  `ucdp_actor_ids`); the two sides agree when some armed actor of ours and of theirs is
  the same actor or of the same lineage (actors.jsonl `parent`; a country's army,
  police, militias under the army and government are one state), and are unknown (still
  a fit) when either side names no known armed actor (only unidentified, generic or
  civilian ones). They conflict, and the pair is refused, only when both name known
  armed actors and none fit.

Each candidate gets a score from 0 to 1:
- 0.35 × date: 1 when the dates overlap, less by each day of gap;
- 0.30 × place: 1 − km / limit; 0.3 by admin1 alone; 0 by country alone;
- 0.20 × actors: agree 0.75, unknown 0.25, each plus up to 0.25 (0.5) for the share of
  ids the sides have in common, generic and civilian ones included;
- 0.15 × fatalities: 1 when their figure lies within our low–high, else
  1 − |difference| / the larger; 0.5 when either has none.
Pairs are then taken greedily, best score first (ties: smaller gap, shorter distance),
each incident and each event at most once. An optimal assignment (scipy's
linear_sum_assignment) would need scipy, which sahelnlp does not depend on; with pairs
this sparse, greedy rarely differs.

The three tables: `matched` (one row per pair), `news_only` (our incidents no event
matched, with the nearest event and why it was refused: date, distance, actors, taken by
a better pair, or none near), `dataset_only` (events in the countries of our incidents
and within their dates, widened by their windows, that no incident matched).

ACLED: Armed Conflict Location & Event Data Project, acleddata.com. UCDP GED: Uppsala
Conflict Data Program Georeferenced Event Dataset, ucdp.uu.se.
"""

from __future__ import annotations

import calendar
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import srsly

from ..countries import country_code
from ..errors import Errors, SahelNLPError
from ..geo import distance_km
from ..normalize import fold
from ..pipeline.actors.kb import packaged_kb
from ..pipeline.places.build import data_dir
from ..tables import read_table, typed_frame, write_table
from .acled import unique_ids
from .actor_names import acled_inter, acled_name_ids, ucdp_actor_ids

ACLED_COLUMNS = ("event_id_cnty or event_id", "event_date", "actor1")
UCDP_COLUMNS = ("date_start", "side_a", "best", "latitude")
INCIDENT_COLUMNS = ("incident_id", "date_start", "date_end", "country", "lat", "lon", "side_a", "side_b", "best")
WIDE_KM = 150.0          # the distance allowed when either side is placed only in a region
WEEK = 7                 # the window of an incident dated within a week
NEAR_DAYS = 30           # how far news_only looks for the nearest event beyond the window
ARMED_INTERS = {1, 2, 3, 4, 8}
WEIGHTS = {"date": 0.35, "place": 0.30, "actors": 0.20, "fatalities": 0.15}
UCDP_VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}

MATCHED_COLUMNS = {
    "incident_id": "our incident",
    "event_id": "the dataset's event (ACLED event_id_cnty, UCDP id)",
    "dataset": "acled or ucdp",
    "date_start": "our first date", "date_end": "our last date",
    "event_date_start": "the event's first date", "event_date_end": "its last date",
    "date_gap_days": "days between the two date ranges (0 when they overlap)",
    "distance_km": "kilometres between the two points (empty when either has none)",
    "location": "our place", "event_location": "the event's place",
    "admin1": "our admin1", "event_admin1": "the event's admin1",
    "country": "our country (ISO code)", "event_country": "the event's country (ISO code when known)",
    "best": "our best estimate of deaths", "low": "our low estimate", "high": "our high estimate",
    "event_best": "the dataset's deaths (ACLED fatalities; UCDP best)", "event_low": "UCDP low (ACLED: fatalities)",
    "event_high": "UCDP high (ACLED: fatalities)",
    "fatality_difference": "our best minus the dataset's best",
    "side_a": "our side A (canonical ids)", "side_b": "our side B",
    "event_side_a": "the dataset's first side (ACLED actor1 and assoc_actor_1; UCDP side_a)",
    "event_side_b": "its second side (ACLED actor2 and assoc_actor_2; UCDP side_b)",
    "actor_agreement": "agree (an actor or lineage in common) or unknown (one side names no known armed actor)",
    "score": "the pair's score, 0 to 1",
}
NEWS_ONLY_COLUMNS = {
    "incident_id": "our incident", "date_start": "our first date", "date_end": "our last date",
    "location": "our place", "country": "our country", "side_a": "our side A", "side_b": "our side B",
    "best": "our best estimate",
    "refused_for": "why the nearest event is not its match: date, distance, actors, taken (a better pair "
                   "took it), none (no event within the window and 30 days more), undated",
    "reason": "the refusal in words",
    "nearest_event_id": "the nearest dataset event", "nearest_event_date": "its first date",
    "nearest_location": "its place", "nearest_date_gap_days": "days between the date ranges",
    "nearest_distance_km": "kilometres between the points", "nearest_actors": "its sides",
}
DATASET_ONLY_COLUMNS = {
    "event_id": "the dataset's event", "dataset": "acled or ucdp", "event_date_start": "its first date",
    "event_date_end": "its last date", "event_type": "ACLED event_type; UCDP type of violence",
    "location": "its place", "admin1": "its admin1", "country": "its country (ISO code when known)",
    "latitude": "latitude", "longitude": "longitude", "event_side_a": "its first side",
    "event_side_b": "its second side", "event_best": "its deaths (ACLED fatalities; UCDP best)",
}


class IncidentRow(NamedTuple):
    """One of our incidents, as the matching reads it."""

    incident_id: str
    start: date | None
    end: date | None
    time_precision: int
    location: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    side_a: tuple[str, ...]
    side_b: tuple[str, ...]
    best: int | None
    low: int | None
    high: int | None


class DatasetEvent(NamedTuple):
    """One event of ACLED or UCDP GED, in the fields the matching compares."""

    event_id: str
    dataset: str
    start: date
    end: date
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    event_type: str | None
    side_a: tuple[str, ...]
    side_b: tuple[str, ...]
    best: int | None
    low: int | None
    high: int | None


class Pair(NamedTuple):
    """A candidate pair: an incident and an event (by position), with its tests' results."""

    incident: int
    event: int
    date_gap: int
    distance: float | None
    actors: str
    score: float


class MatchTables(NamedTuple):
    """The three tables `sahelnlp match` writes."""

    matched: pd.DataFrame
    news_only: pd.DataFrame
    dataset_only: pd.DataFrame


# -- reading ------------------------------------------------------------------------------

def dataset_layout(columns: Iterable[str]) -> str | None:
    """"acled" or "ucdp" by a table's columns (ACLED_COLUMNS, UCDP_COLUMNS); None for neither."""
    names = set(columns)
    if {"event_date", "actor1"} <= names and names & {"event_id_cnty", "event_id"}:
        return "acled"
    if set(UCDP_COLUMNS) <= names:
        return "ucdp"
    return None


def read_dataset(path: str | Path) -> list[DatasetEvent]:
    """The events of an ACLED or UCDP GED export (.csv; .tsv, .parquet, .jsonl too).

    path (str | Path): the export.
    RETURNS (list[DatasetEvent]): its events in file order; an id that recurs (older ACLED
        exports reuse them across countries) gets "#2", "#3".
    """
    path = Path(path)
    frame = read_table(path)
    layout = dataset_layout(frame.columns)
    if layout is None:
        columns = ", ".join(map(str, frame.columns))
        raise SahelNLPError(Errors.E143.format(path=path, acled=", ".join(ACLED_COLUMNS), ucdp=", ".join(UCDP_COLUMNS),
                                               columns=columns))
    reader = _acled_event if layout == "acled" else _ucdp_event
    first = 1 if path.suffix.lower() == ".jsonl" else 2
    events = [reader(_Row(row, path, line)) for line, row in enumerate(frame.to_dict("records"), first)]
    return unique_ids(events, lambda event, new_id: event._replace(event_id=new_id))


def read_incidents(path: str | Path) -> list[IncidentRow]:
    """Our incidents from a table `sahelnlp incidents` wrote (.csv, .tsv, .parquet)."""
    path = Path(path)
    return incidents_from_frame(read_table(path), path)


def incidents_from_frame(frame: pd.DataFrame, path: str | Path = "incidents") -> list[IncidentRow]:
    """Our incidents from an incidents DataFrame (the columns of `sahelnlp incidents`).

    frame (pd.DataFrame): needs INCIDENT_COLUMNS; time_precision, location, admin1,
        geo_precision, low and high are read when present.
    path (str | Path): the file it came from, for error messages.
    RETURNS (list[IncidentRow]): one per row.
    """
    missing = [c for c in INCIDENT_COLUMNS if c not in frame.columns]
    if missing:
        raise SahelNLPError(Errors.E145.format(path=path, missing=", ".join(missing)))
    first = 1 if Path(path).suffix.lower() == ".jsonl" else 2
    return [_incident(_Row(row, Path(path), line)) for line, row in enumerate(frame.to_dict("records"), first)]


class _Row:
    """A table row whose cells parse to types, naming the file and line when one cannot."""

    def __init__(self, row: dict, path: Path, line: int):
        self.row, self.path, self.line = row, path, line

    def text(self, column: str) -> str | None:
        value = self.row.get(column)
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return None
        return str(value).strip() or None

    def parse(self, column: str, kind: type, expected: str):
        value = self.text(column)
        if value is None:
            return None
        try:
            return _PARSERS[kind](value)
        except (ValueError, OverflowError):
            raise SahelNLPError(Errors.E144.format(path=self.path, line=self.line, column=column, value=value,
                                                   expected=expected)) from None

    def names(self, *columns: str, sep: str = ";") -> tuple[str, ...]:
        found = (n.strip() for c in columns for n in (self.text(c) or "").split(sep))
        return tuple(dict.fromkeys(n for n in found if n))


def _parse_date(text: str) -> date:
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text[:10])
    for pattern in ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


_PARSERS = {date: _parse_date, int: lambda text: int(float(text)), float: float}


def _acled_event(row: _Row) -> DatasetEvent:
    day = row.parse("event_date", date, "a date (2024-03-15 or 15 March 2024)")
    if day is None:
        raise SahelNLPError(Errors.E144.format(path=row.path, line=row.line, column="event_date", value="",
                                               expected="a date"))
    deaths = row.parse("fatalities", int, "a whole number")
    country = row.text("country")
    return DatasetEvent(
        event_id=row.text("event_id_cnty") or row.text("event_id") or f"line {row.line}", dataset="acled",
        start=day, end=day, country=country_code(country) or country, admin1=row.text("admin1"),
        location=row.text("location"), lat=row.parse("latitude", float, "a latitude"),
        lon=row.parse("longitude", float, "a longitude"), geo_precision=row.parse("geo_precision", int, "1, 2 or 3"),
        event_type=row.text("event_type"), side_a=row.names("actor1", "assoc_actor_1"),
        side_b=row.names("actor2", "assoc_actor_2"), best=deaths, low=deaths, high=deaths)


def _ucdp_event(row: _Row) -> DatasetEvent:
    start = row.parse("date_start", date, "a date (2024-03-15)")
    if start is None:
        raise SahelNLPError(Errors.E144.format(path=row.path, line=row.line, column="date_start", value="",
                                               expected="a date"))
    where = row.parse("where_prec", int, "a UCDP where_prec (1 to 7)")
    country = row.text("country")
    return DatasetEvent(
        event_id=row.text("id") or row.text("relid") or f"line {row.line}", dataset="ucdp", start=start,
        end=row.parse("date_end", date, "a date (2024-03-15)") or start, country=country_code(country) or country,
        admin1=row.text("adm_1"), location=row.text("where_coordinates") or row.text("adm_2"),
        lat=row.parse("latitude", float, "a latitude"), lon=row.parse("longitude", float, "a longitude"),
        geo_precision=None if where is None else min(where, 3),
        event_type=UCDP_VIOLENCE.get(row.text("type_of_violence") or "", row.text("type_of_violence")),
        side_a=row.names("side_a", sep="\n"), side_b=row.names("side_b", sep="\n"),
        best=row.parse("best", int, "a whole number"), low=row.parse("low", int, "a whole number"),
        high=row.parse("high", int, "a whole number"))


def _incident(row: _Row) -> IncidentRow:
    start = row.parse("date_start", date, "a date (2024-03-15)")
    end = row.parse("date_end", date, "a date (2024-03-15)")
    return IncidentRow(
        incident_id=row.text("incident_id") or f"line {row.line}", start=start or end, end=end or start,
        time_precision=row.parse("time_precision", int, "1, 2 or 3") or 1, location=row.text("location"),
        country=country_code(row.text("country")) or row.text("country"), admin1=row.text("admin1"),
        lat=row.parse("lat", float, "a latitude"), lon=row.parse("lon", float, "a longitude"),
        geo_precision=row.parse("geo_precision", int, "1, 2 or 3"), side_a=row.names("side_a"),
        side_b=row.names("side_b"), best=row.parse("best", int, "a whole number"),
        low=row.parse("low", int, "a whole number"), high=row.parse("high", int, "a whole number"))


# -- the three tests ------------------------------------------------------------------------

def date_window(incident: IncidentRow, max_days: int = 2) -> tuple[date, date] | None:
    """The dates an event may fall in to match an incident: its range widened by `max_days`,
    by at least a week at time precision 2, to whole months at 3; None when undated."""
    if incident.start is None:
        return None
    if incident.time_precision >= 3:
        last = calendar.monthrange(incident.end.year, incident.end.month)[1]
        return incident.start.replace(day=1), incident.end.replace(day=last)
    days = max(max_days, WEEK) if incident.time_precision == 2 else max_days
    return incident.start - timedelta(days=days), incident.end + timedelta(days=days)


def date_gap(incident: IncidentRow, event: DatasetEvent) -> int:
    """Days between the incident's and the event's date ranges; 0 when they overlap."""
    return max((event.start - incident.end).days, (incident.start - event.end).days, 0)


def place_fit(incident: IncidentRow, event: DatasetEvent, max_km: float = 50.0) -> tuple[bool, float | None, float]:
    """Whether the places fit, the distance in km (None without two points) and the place score.
    An incident placed only at region or country level (geo precision 3: its point is the
    unit's centre) fits the events of its admin1, or of its country when it has none."""
    same_country = bool(incident.country) and incident.country == event.country
    same_admin1 = same_country and _admin_key(incident.admin1) is not None and \
        _admin_key(incident.admin1) == _admin_key(event.admin1)
    km = None
    if None not in (incident.lat, incident.lon, event.lat, event.lon):
        km = distance_km(incident.lat, incident.lon, event.lat, event.lon)
    limit = place_limit(incident, event, max_km)
    if km is not None and km <= limit:
        return True, km, 1 - km / limit if limit else 1.0
    wide = 3 in (incident.geo_precision, event.geo_precision)
    if (wide or km is None) and same_admin1:
        return True, km, 0.3
    if same_country and incident.admin1 is None and (km is None or incident.geo_precision == 3):
        return True, km, 0.0
    return False, km, 0.0


def place_limit(incident: IncidentRow, event: DatasetEvent, max_km: float) -> float:
    """The distance two points may be apart: `max_km`, or `WIDE_KM` when either is a region's."""
    return max(max_km, WIDE_KM) if 3 in (incident.geo_precision, event.geo_precision) else max_km


def actor_fit(ours: Iterable[str], their_names: Iterable[str], dataset: str) -> str:
    """"agree" when an armed actor of ours and one the dataset names share an id or lineage,
    "unknown" when either names no known armed actor, "conflict" otherwise.

    ours (Iterable[str]): our canonical ids (both sides).
    their_names (Iterable[str]): the dataset's actor names (both sides).
    dataset (str): "acled" or "ucdp", whose names they are.
    """
    our_families, their_families = _families(ours), _families(_their_ids(tuple(their_names), dataset))
    if not our_families or not their_families:
        return "unknown"
    return "agree" if our_families & their_families else "conflict"


def actor_score(ours: Iterable[str], their_names: Iterable[str], dataset: str, fit: str) -> float:
    """The actors' part of a pair's score: agree 0.75, unknown 0.25, each plus up to
    the share of ids the two sides have in common (Jaccard), generic and civilian ones
    included, so "unidentified gunmen against civilians" prefers the event that says so."""
    ours, theirs = set(ours), set(_their_ids(tuple(their_names), dataset))
    shared = len(ours & theirs) / len(ours | theirs) if ours | theirs else 0.0
    return (0.75 if fit == "agree" else 0.25) + (0.25 if fit == "agree" else 0.5) * shared


@lru_cache(maxsize=4096)
def _their_ids(names: tuple[str, ...], dataset: str) -> tuple[str, ...]:
    """The canonical ids of a dataset's actor names (unknown names give none)."""
    lookup = acled_name_ids if dataset == "acled" else ucdp_actor_ids
    return tuple(dict.fromkeys(i for name in names for i in (lookup(name) or ())))


def _families(ids: Iterable[str]) -> set[str]:
    """The lineage roots of the known armed actors among `ids`; a state's forces and
    government are one family, "state:<country>"."""
    return {family for i in ids if (family := _family(i))}


@lru_cache(maxsize=512)
def _family(actor_id: str) -> str | None:
    record = packaged_kb().get(actor_id)
    if record is None or record.type in ("generic", "civilians", "person") or acled_inter(actor_id) not in ARMED_INTERS:
        return None
    root = packaged_kb().get(record.lineage[-1]) if record.lineage else record
    if root.type in ("state_forces", "government") and len(root.country) == 1:
        return f"state:{root.country[0]}"
    return root.id


@lru_cache(maxsize=1)
def _admin_words() -> re.Pattern:
    """A trailing word that names the kind of unit ("Mopti Region", "Province du Soum"
    read as "Mopti"): the place linker's region cues (data/gazetteer/cues.yaml)."""
    words = srsly.read_yaml(data_dir() / "cues.yaml")["kind_cues"]["region"]
    return re.compile(r"\s+(?:" + "|".join(sorted({re.escape(fold(w)) for w in words}, key=len, reverse=True)) + r")$")


def _admin_key(name: str | None) -> str | None:
    if not name:
        return None
    return _admin_words().sub("", fold(name)).strip() or None


def fatality_closeness(incident: IncidentRow, event: DatasetEvent) -> float:
    """1 when the event's figure lies within our low–high (or equals our best), else
    1 − |difference| / the larger; 0.5 when either has no figure."""
    if incident.best is None or event.best is None:
        return 0.5
    low = incident.low if incident.low is not None else incident.best
    high = incident.high if incident.high is not None else incident.best
    if low <= event.best <= high:
        return 1.0
    return 1 - abs(incident.best - event.best) / max(incident.best, event.best, 1)


# -- matching ---------------------------------------------------------------------------------

class _DateIndex:
    """Events sorted by first date, to find those overlapping a date range."""

    def __init__(self, events: list[DatasetEvent]):
        self.order = sorted(range(len(events)), key=lambda i: events[i].start)
        self.starts = [events[i].start for i in self.order]
        self.events = events
        self.span = max(((e.end - e.start).days for e in events), default=0)

    def overlapping(self, first: date, last: date) -> list[int]:
        lo = bisect_left(self.starts, first - timedelta(days=self.span))
        hi = bisect_right(self.starts, last)
        return [i for i in self.order[lo:hi] if self.events[i].end >= first]


def candidate_pairs(incidents: list[IncidentRow], events: list[DatasetEvent], max_days: int = 2,
                    max_km: float = 50.0, index: _DateIndex | None = None) -> list[Pair]:
    """Every incident–event pair that passes the date, place and actor tests, scored."""
    index = index or _DateIndex(events)
    pairs = []
    for n, incident in enumerate(incidents):
        window = date_window(incident, max_days)
        for e in index.overlapping(*window) if window else []:
            pair = _pair(n, incident, e, events[e], window, max_km)
            if pair is not None:
                pairs.append(pair)
    return pairs


def _pair(n: int, incident: IncidentRow, e: int, event: DatasetEvent, window: tuple[date, date],
          max_km: float) -> Pair | None:
    fits, km, place = place_fit(incident, event, max_km)
    ours, theirs = incident.side_a + incident.side_b, event.side_a + event.side_b
    actors = actor_fit(ours, theirs, event.dataset) if fits else ""
    if not fits or actors == "conflict":
        return None
    gap = date_gap(incident, event)
    widening = (incident.start - window[0]).days
    score = (WEIGHTS["date"] * max(0.0, 1 - gap / (widening + 1)) + WEIGHTS["place"] * place
             + WEIGHTS["actors"] * actor_score(ours, theirs, event.dataset, actors)
             + WEIGHTS["fatalities"] * fatality_closeness(incident, event))
    return Pair(n, e, gap, km, actors, round(score, 4))


def assign(pairs: list[Pair], incidents: list[IncidentRow], events: list[DatasetEvent]) -> list[Pair]:
    """One-to-one pairs, best score first (ties: smaller gap, shorter distance, ids)."""
    def order(p: Pair):
        return (-p.score, p.date_gap, p.distance if p.distance is not None else math.inf,
                incidents[p.incident].incident_id, events[p.event].event_id)

    taken_incidents: set[int] = set()
    taken_events: set[int] = set()
    chosen = []
    for pair in sorted(pairs, key=order):
        if pair.incident not in taken_incidents and pair.event not in taken_events:
            chosen.append(pair)
            taken_incidents.add(pair.incident)
            taken_events.add(pair.event)
    return chosen


def match_events(incidents: list[IncidentRow] | pd.DataFrame, events: list[DatasetEvent], max_days: int = 2,
                 max_km: float = 50.0) -> MatchTables:
    """Our incidents beside a dataset's events: the matched pairs, the incidents no event
    matched (with the nearest and why), the events no incident matched within our area and
    period.

    incidents (list[IncidentRow] | pd.DataFrame): ours (`incidents_from_frame` reads a frame).
    events (list[DatasetEvent]): the dataset's (`read_dataset`).
    max_days (int): days either side of our dates.
    max_km (float): kilometres between the places.
    RETURNS (MatchTables): matched, news_only and dataset_only DataFrames.
    """
    if isinstance(incidents, pd.DataFrame):
        incidents = incidents_from_frame(incidents)
    index = _DateIndex(events)
    pairs = candidate_pairs(incidents, events, max_days, max_km, index)
    chosen = assign(pairs, incidents, events)
    by_incident: dict[int, list[Pair]] = {}
    for pair in pairs:
        by_incident.setdefault(pair.incident, []).append(pair)
    winners = {p.event: incidents[p.incident].incident_id for p in chosen}
    matched = {p.incident for p in chosen}
    news_only = [_refusal(incident, by_incident.get(n, []), winners, events, index, max_days, max_km)
                 for n, incident in enumerate(incidents) if n not in matched]
    covered = _coverage(incidents, max_days)
    return MatchTables(
        matched=_table([_matched_row(p, incidents[p.incident], events[p.event])
                        for p in sorted(chosen, key=lambda p: p.incident)], MATCHED_COLUMNS),
        news_only=_table(news_only, NEWS_ONLY_COLUMNS),
        dataset_only=_table([_event_row(e) for i, e in enumerate(events) if i not in winners and covered(e)],
                            DATASET_ONLY_COLUMNS))


def match_files(incidents: str | Path, dataset: str | Path, max_days: int = 2, max_km: float = 50.0) -> MatchTables:
    """`match_events` on an incidents table file and a dataset export file."""
    return match_events(read_incidents(incidents), read_dataset(dataset), max_days, max_km)


def write_match_tables(tables: MatchTables, outdir: str | Path, fmt: str = "csv",
                       overwrite: bool = False) -> list[Path]:
    """Write matched, news_only and dataset_only into `outdir` as .csv or .parquet; refuse
    to replace existing files unless `overwrite`. RETURNS (list[Path]): the files."""
    outdir = Path(outdir)
    paths = [outdir / f"{name}.{fmt}" for name in MatchTables._fields]
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        raise SahelNLPError(Errors.E146.format(path=existing[0]))
    for frame, path in zip(tables, paths):
        write_table(frame, path)
    return paths


# -- why not, and the coverage ------------------------------------------------------------------

def _refusal(incident: IncidentRow, own: list[Pair], winners: dict[int, str], events: list[DatasetEvent],
             index: _DateIndex, max_days: int, max_km: float) -> dict:
    """A news_only row: the incident, its nearest event and why that is not its match."""
    row = {"incident_id": incident.incident_id, "date_start": incident.start, "date_end": incident.end,
           "location": incident.location, "country": incident.country, "side_a": ";".join(incident.side_a),
           "side_b": ";".join(incident.side_b), "best": incident.best}
    window = date_window(incident, max_days)
    if window is None:
        return row | {"refused_for": "undated", "reason": "the incident has no date"}
    if own:
        top = max(own, key=lambda p: p.score)
        return row | _nearest(events[top.event], top.date_gap, top.distance) | {
            "refused_for": "taken", "reason": f"its best candidate went to {winners[top.event]}, a better pair"}
    return row | _nearest_refused(incident, events, index, window, max_km)


def _nearest_refused(incident: IncidentRow, events: list[DatasetEvent], index: _DateIndex, window: tuple[date, date],
                     max_km: float) -> dict:
    near = index.overlapping(window[0] - timedelta(days=NEAR_DAYS), window[1] + timedelta(days=NEAR_DAYS))
    if not near:
        return {"refused_for": "none", "reason": f"no dataset event within {NEAR_DAYS} days of its window"}
    event = min((events[i] for i in near), key=lambda e: _remoteness(incident, e, window, max_km))
    reasons, words = [], []
    if not (event.start <= window[1] and event.end >= window[0]):
        reasons.append("date")
        words.append(f"{date_gap(incident, event)} days apart (window {window[0]} to {window[1]})")
    fits, km, _ = place_fit(incident, event, max_km)
    if not fits:
        reasons.append("distance")
        limit = place_limit(incident, event, max_km)
        words.append(f"{km:.0f} km apart (limit {limit:g})" if km is not None else "no place to compare")
    if actor_fit(incident.side_a + incident.side_b, event.side_a + event.side_b, event.dataset) == "conflict":
        reasons.append("actors")
        words.append(f"actors differ ({'; '.join(incident.side_a + incident.side_b)} vs "
                     f"{'; '.join(event.side_a + event.side_b)})")
    return _nearest(event, date_gap(incident, event), km) | {
        "refused_for": ";".join(reasons) or "taken", "reason": "; ".join(words) or "taken by a better pair"}


def _remoteness(incident: IncidentRow, event: DatasetEvent, window: tuple[date, date], max_km: float) -> float:
    """How far an event is from fitting: days beyond the window and km beyond the limit."""
    days = max((event.start - window[1]).days, (window[0] - event.end).days, 0)
    fits, km, _ = place_fit(incident, event, max_km)
    place = 0.0 if fits else (km / max(max_km, 1) if km is not None else 10.0)
    return days / WEEK + place


def _nearest(event: DatasetEvent, gap: int, km: float | None) -> dict:
    return {"nearest_event_id": event.event_id, "nearest_event_date": event.start, "nearest_location": event.location,
            "nearest_date_gap_days": gap, "nearest_distance_km": None if km is None else round(km, 1),
            "nearest_actors": " vs ".join("; ".join(side) for side in (event.side_a, event.side_b) if side)}


def _coverage(incidents: list[IncidentRow], max_days: int) -> Callable[[DatasetEvent], bool]:
    """Whether an event lies in a country of our incidents and within the dates one of them
    covers (its window): a year no article speaks of is not what our articles missed."""
    windows = sorted(w for w in (date_window(i, max_days) for i in incidents) if w)
    countries = {i.country for i in incidents if i.country}
    merged: list[list[date]] = []
    for start, end in windows:
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [w[0] for w in merged]

    def covered(event: DatasetEvent) -> bool:
        at = bisect_right(starts, event.end) - 1  # the last window starting by the event's end
        return event.country in countries and at >= 0 and merged[at][1] >= event.start

    return covered


def _matched_row(pair: Pair, incident: IncidentRow, event: DatasetEvent) -> dict:
    difference = None if incident.best is None or event.best is None else incident.best - event.best
    return {"incident_id": incident.incident_id, "event_id": event.event_id, "dataset": event.dataset,
            "date_start": incident.start, "date_end": incident.end, "event_date_start": event.start,
            "event_date_end": event.end, "date_gap_days": pair.date_gap,
            "distance_km": None if pair.distance is None else round(pair.distance, 1),
            "location": incident.location, "event_location": event.location, "admin1": incident.admin1,
            "event_admin1": event.admin1, "country": incident.country, "event_country": event.country,
            "best": incident.best, "low": incident.low, "high": incident.high, "event_best": event.best,
            "event_low": event.low, "event_high": event.high, "fatality_difference": difference,
            "side_a": ";".join(incident.side_a), "side_b": ";".join(incident.side_b),
            "event_side_a": "; ".join(event.side_a), "event_side_b": "; ".join(event.side_b),
            "actor_agreement": pair.actors, "score": pair.score}


def _event_row(event: DatasetEvent) -> dict:
    return {"event_id": event.event_id, "dataset": event.dataset, "event_date_start": event.start,
            "event_date_end": event.end, "event_type": event.event_type, "location": event.location,
            "admin1": event.admin1, "country": event.country, "latitude": event.lat, "longitude": event.lon,
            "event_side_a": "; ".join(event.side_a), "event_side_b": "; ".join(event.side_b),
            "event_best": event.best}


INTEGER_COLUMNS = ("best", "low", "high", "event_best", "event_low", "event_high", "fatality_difference",
                   "date_gap_days", "nearest_date_gap_days")


def _table(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    return typed_frame(rows, columns, integers=[c for c in INTEGER_COLUMNS if c in columns])
