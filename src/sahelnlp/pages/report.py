"""`sahelnlp report`: one self-contained HTML page for researchers to look at a run.

- A map of the Sahel (Natural Earth's country and admin-1 outlines, shipped in the
  package) with every linked place the articles name and every placed incident as a
  circle sized by deaths and coloured by event type or perpetrator, hollow when placed
  only in a region or country. Incidents, towns and villages beyond the map's frame are
  listed under it: a village of the Sahel read as a namesake abroad shows there.
- A timeline of deaths or incidents per week or month, by country or perpetrator.
- The incidents table, sortable, each row opening its claims and their sentences; a map
  circle leads to its row.

Incidents are grouped as `sahelnlp incidents` groups them (`eventdata.incidents`), and
their figures are that table's. The charts are Vega-Lite (written with Altair); the page
inlines the Vega scripts vl-convert ships, so it fetches nothing when viewed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import vl_convert

from ..about import __version__
from ..countries import country_name
from ..eventdata.incident_table import incident_row
from ..eventdata.incidents import Incident, IncidentSettings, Member, build_incidents
from . import charts
from .charts import NOT_TYPED, OTHER_ACTORS, OTHER_COUNTRIES, UNKNOWN
from .rendering import claim_row, environment, script_code, script_json, template_text

TEMPLATE = "report.html.j2"
# ACLED's geo precision, as the map's tooltip says it
PLACED_AS = {1: "at the town", 2: "near a town, or at a site", 3: "in a region or country only"}
# incidents placed this coarsely are drawn hollow, at their unit's centre
COARSE = 3
SCRIPT = "report.js"
# a timeline spanning at most this many days counts by week, a longer one by month
WEEKLY_SPAN_DAYS = 183
# the charts colour this many perpetrators and countries (by incidents) and put the rest together
NAMED_CATEGORIES = 8
# an incident dated this long before its earliest article (or after its latest, or after
# today) is off the timeline and listed under "Dates to check": usually a year or a footer
# read as the date
DOUBTFUL_DAYS_BEFORE = 365
# kinds of place listed when linked beyond the map's frame: a namesake error shows among
# them, while countries, regions and continents abroad are named in passing
LISTED_BEYOND = ("village", "town", "city", "facility", None)


@dataclass
class ReportData:
    """What the page shows: incident rows for charts and table, places on and beyond
    the map, and the counts at its top."""

    incidents: list[dict]
    places: list[dict]
    beyond: list[dict]
    summary: dict
    period: str
    categories: dict[str, list[str]] = field(default_factory=dict)


def render_report(records: list[dict], *, title: str = "sahelnlp report",
                  settings: IncidentSettings | None = None) -> str:
    """The report page for output records, as one HTML string."""
    data = report_data(records, settings)
    datasets = {"outlines": charts.outlines(), "incidents": [_chart_row(row) for row in data.incidents],
                "places": data.places}
    specs = {"map": charts.map_specs(data.categories), "timeline": charts.timeline_specs(data.categories, data.period)}
    return environment().get_template(TEMPLATE).render(
        title=title, version=__version__, data=data, source=charts.outlines().get("source", ""),
        colourings=charts.MAP_COLOURINGS, measures=charts.TIMELINE_MEASURES, splits=charts.TIMELINE_SPLITS,
        vega=script_code(vl_convert.javascript_bundle()), script=script_code(template_text(SCRIPT)),
        page_data=script_json({"datasets": datasets, "aliases": charts.DATASET_ALIASES, "specs": specs}))


def report_data(records: list[dict], settings: IncidentSettings | None = None) -> ReportData:
    """Group the records' claims into incidents and gather what the page shows."""
    actor_names = _actor_names(records)
    articles = {r["id"]: _Article(r) for r in records}
    incidents = build_incidents((r for r in records if r.get("text") is not None), settings)
    rows = [_incident(incident, actor_names, articles) for incident in incidents]
    _bucket(rows, "perpetrator_name", "perpetrator", OTHER_ACTORS)
    _bucket(rows, "country_name", "country_group", OTHER_COUNTRIES)
    places, beyond = _places(records)
    days = [row["date"] for row in rows if row["date"] and not row["date_doubt"]]
    span = (date.fromisoformat(max(days)) - date.fromisoformat(min(days))).days if days else 0
    categories = {key: _ordered(rows, key) for key in ("event_type", "perpetrator", "country_group")}
    return ReportData(incidents=rows, places=places, beyond=beyond, summary=_summary(records, rows, days),
                      period="week" if span <= WEEKLY_SPAN_DAYS else "month", categories=categories)


# -- incidents -----------------------------------------------------------------
class _Article:
    """What a claim row needs of its article: its title and its actors and places by id."""

    title: str
    actors: dict[str, dict]
    places: dict[str, dict]

    def __init__(self, record: dict) -> None:
        self.title = (record.get("meta") or {}).get("title") or record["id"]
        self.actors = {actor["id"]: actor for actor in record.get("actors", [])}
        self.places = {place["id"]: place for place in record.get("places", [])}


def _incident(incident: Incident, actor_names: dict[str, str], articles: dict[str, _Article]) -> dict:
    row = incident_row(incident)
    start, end = row["date_start"], row["date_end"]
    figures = [row["low"], row["best"], row["high"]]
    return {
        "id": row["incident_id"], "href": f"#{row['incident_id']}",
        "date": start.isoformat() if start else None,
        "when": _when(start, end, row["date_basis"]), "date_doubt": _date_doubt(incident.members, start, end),
        "location": _location(row), "lat": row["lat"], "lon": row["lon"], "on_map": _on_map(row["lat"], row["lon"]),
        "precise": row["geo_precision"] != COARSE,
        "placed_as": PLACED_AS.get(row["geo_precision"], "at the place" if row["lat"] is not None else "unplaced"),
        "country": row["country"], "country_name": country_name(row["country"]) or UNKNOWN,
        "event_type": row["event_type"] or NOT_TYPED, "sub_event_type": row["sub_event_type"] or "",
        "perpetrator_name": _main_perpetrator(incident.members, actor_names),
        "sides": _sides(row, actor_names),
        "deaths": row["acled_fatalities"] or 0,
        "range": " / ".join("–" if figure is None else str(figure) for figure in figures),
        "best": row["best"], "best_basis": row["best_basis"],
        "n_articles": row["n_articles"], "n_claims": row["n_claims"],
        "claims": [_claim(member, articles[member.article_id]) for member in incident.members],
    }


def _chart_row(row: dict) -> dict:
    """An incident as the charts need it: no claims (the table holds them once), and no
    date on the timeline when the date is doubtful."""
    chart = {key: value for key, value in row.items() if key != "claims"}
    if row["date_doubt"]:
        chart["date"] = None
    if not row["on_map"]:
        chart["lat"] = chart["lon"] = None
    return chart


def _on_map(lat: float | None, lon: float | None) -> bool:
    west, south, east, north = charts.outlines()["bbox"]
    return lat is not None and lon is not None and west <= lon <= east and south <= lat <= north


def _date_doubt(members: list[Member], start: date | None, end: date | None) -> str:
    """Why an incident's date is doubtful against its articles' publication days, or ""."""
    published = [m.published for m in members if m.published]
    if start is not None and start > date.today():
        return "after today"
    if start is None or not published:
        return ""
    if start > max(published):
        return "after its latest article"
    if ((min(published) - (end or start)).days) > DOUBTFUL_DAYS_BEFORE:
        return f"over {DOUBTFUL_DAYS_BEFORE} days before its earliest article"
    return ""


def _when(start: date | None, end: date | None, basis: str) -> str:
    if start is None:
        return "undated"
    days = start.isoformat() if end in (None, start) else f"{start.isoformat()} – {end.isoformat()}"
    return days if basis == "stated" else f"{days} ({basis})"


def _location(row: dict) -> str:
    parts = [row["location"], row["admin1"], country_name(row["country"])]
    named = [part for i, part in enumerate(parts) if part and part not in parts[:i]]
    return ", ".join(named) if named else "unplaced"


def _sides(row: dict, actor_names: dict[str, str]) -> str:
    def names(ids: str | None) -> str:
        return ", ".join(actor_names.get(i, i) for i in (ids or "").split(";") if i) or "?"
    return f"{names(row['side_a'])} vs {names(row['side_b'])}"


def _main_perpetrator(members: list[Member], actor_names: dict[str, str]) -> str:
    """The actor its claims name the perpetrator most (negated figures aside)."""
    named = Counter(m.perpetrator.id for m in members if m.perpetrator and m.counts)
    if not named:
        return UNKNOWN
    best = max(sorted(named), key=named.__getitem__)
    return actor_names.get(best, best)


def _bucket(rows: list[dict], key: str, into: str, others: str) -> None:
    """Name the values of `key` in the most incidents under `into`; the others share one
    name (and one colour)."""
    counts = Counter(row[key] for row in rows if row[key] != UNKNOWN)
    kept = {name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:NAMED_CATEGORIES]}
    for row in rows:
        row[into] = row[key] if row[key] in kept or row[key] == UNKNOWN else others


def _ordered(rows: list[dict], key: str) -> list[str]:
    """A category's values by incidents, the catch-alls last."""
    counts = Counter(row[key] for row in rows)
    last = [value for value in (OTHER_ACTORS, OTHER_COUNTRIES, UNKNOWN, NOT_TYPED) if value in counts]
    return sorted((v for v in counts if v not in last), key=lambda v: (-counts[v], v)) + last


def _claim(member: Member, article: _Article) -> dict:
    return {**claim_row(member.claim, article.actors, article.places), "article": member.article_id,
            "title": article.title, "sentence": member.sentence or ""}


# -- places and counts -----------------------------------------------------------
def _places(records: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """Linked places with coordinates and how many articles name each: those inside the
    map's frame, and those beyond it."""
    seen: dict[str, dict] = {}
    articles: Counter = Counter()
    for record in records:
        for place in record.get("places", []):
            if place.get("lat") is None or place.get("lon") is None:
                continue
            seen.setdefault(place["id"], place)
            articles[place["id"]] += 1
    inside, beyond = [], []
    for place_id, place in seen.items():
        where = ", ".join(v for v in (place.get("admin1"), country_name(place.get("country"))) if v)
        row = {"id": place_id, "name": place["name"], "where": where, "kind": place.get("kind") or "",
               "lat": place["lat"], "lon": place["lon"], "articles": articles[place_id]}
        if _on_map(place["lat"], place["lon"]):
            inside.append(row)
        elif place.get("kind") in LISTED_BEYOND:
            beyond.append(row)
    return sorted(inside, key=_by_articles), sorted(beyond, key=_by_articles)


def _by_articles(row: dict) -> tuple:
    return -row["articles"], row["name"]


def _summary(records: list[dict], rows: list[dict], days: list[str]) -> dict:
    return {"articles": len(records),
            "failed": [r["id"] for r in records if r.get("text") is None or r.get("errors")],
            "claims": sum(len(r.get("claims", [])) for r in records),
            "incidents": len(rows), "undated": sum(1 for row in rows if not row["date"]),
            "doubtful": [row for row in rows if row["date_doubt"]],
            "unplaced": sum(1 for row in rows if row["lat"] is None),
            "beyond_map": [row for row in rows if row["lat"] is not None and not row["on_map"]],
            "deaths": sum(row["deaths"] for row in rows),
            "first": min(days) if days else None, "last": max(days) if days else None}


def _actor_names(records: Iterable[dict]) -> dict[str, str]:
    names: dict[str, str] = {}
    for record in records:
        for actor in record.get("actors", []):
            names.setdefault(actor["id"], actor.get("name") or actor["id"])
    return names
