"""The report's charts as Vega-Lite specs, written with Altair.

Specs carry no data: they name the datasets `incidents`, `places` and the outlines
(`country_outlines` and `admin1_outlines`, two readings of one TopoJSON), which the page
holds once and hands to every chart it draws (`datasets` in Vega-Lite; `DATASET_ALIASES`
says which name reads which). A choice on the page (colour the map by event type or by
perpetrator; count deaths or incidents; split by country or perpetrator) swaps one spec
for another, so each choice is a spec of its own.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import altair as alt

from ..eventdata.event_types import BATTLES, CIVILIAN_VIOLENCE, REMOTE, STRATEGIC

OUTLINES = "sahel_outlines.topo.json"
# the catch-all values of the colourings, each always the same grey
OTHER_ACTORS, OTHER_COUNTRIES, UNKNOWN, NOT_TYPED = "other actors", "other countries", "unknown", "not typed"
CATCH_ALL_COLOURS = {OTHER_ACTORS: "#9a9a9a", OTHER_COUNTRIES: "#9a9a9a", UNKNOWN: "#c9c9c9", NOT_TYPED: "#6f6f6f"}
# the ACLED event types sahelnlp assigns (eventdata.event_types), each with a colour of its own
EVENT_TYPE_COLOURS = {BATTLES: "#c8102e", CIVILIAN_VIOLENCE: "#f28e00", REMOTE: "#7b3fa0", STRATEGIC: "#1f77b4"}
# the named values of the other colourings (countries, perpetrators), in order of weight
CATEGORY_COLOURS = ["#0b6e4f", "#e4572e", "#29335c", "#f3a712", "#a8c686", "#669bbc", "#8e3b46", "#c490d1"]
PLACE_COLOUR = "#3b8ea5"
LAND_COLOUR = "#f4f1ea"
CIRCLE_OPACITY = 0.75
MAP_WIDTH, MAP_HEIGHT = 560, 400
TIMELINE_WIDTH, TIMELINE_HEIGHT = 440, 260

# Vega-Lite keeps one format per dataset name, so the outlines go by two names
DATASET_ALIASES = {"country_outlines": "outlines", "admin1_outlines": "outlines"}
MAP_COLOURINGS = {"event_type": "event type", "perpetrator": "perpetrator"}
TIMELINE_MEASURES = {"deaths": "deaths", "incidents": "incidents"}
TIMELINE_SPLITS = {"country_group": "country", "perpetrator": "perpetrator"}
# dates are days without a time zone: bucket them in UTC, as Vega parses them, wherever the reader is
TIME_UNITS = {"week": "utcyearweek", "month": "utcyearmonth"}


@lru_cache(maxsize=1)
def outlines() -> dict:
    """The shipped TopoJSON: Natural Earth's countries and admin-1 units of the Sahel and
    its neighbours (source and licence in the file and in data/maps/README.md)."""
    text = (resources.files("sahelnlp") / "data" / "maps" / OUTLINES).read_text(encoding="utf-8")
    return json.loads(text)


def map_specs(categories: dict[str, list[str]]) -> dict[str, dict]:
    """One map spec per colouring: outlines, the places the articles name, and the
    incidents as circles sized by deaths (hollow when placed only in a region or country).
    `categories` gives each colouring's values in legend order."""
    return {colouring: _map(colouring, title, categories[colouring]) for colouring, title in MAP_COLOURINGS.items()}


def timeline_specs(categories: dict[str, list[str]], period: str) -> dict[str, dict]:
    """One timeline spec per measure and split, keyed "measure/split": stacked bars per
    week or month (`period`)."""
    return {f"{measure}/{split}": _timeline(measure, split, categories[split], period)
            for measure in TIMELINE_MEASURES for split in TIMELINE_SPLITS}


def colour_scale(field: str, values: list[str]) -> alt.Scale:
    """Each value its colour: event types their own, catch-alls grey, the rest in turn."""
    palette = iter(CATEGORY_COLOURS)
    colours = [EVENT_TYPE_COLOURS.get(value) if field == "event_type" else None for value in values]
    colours = [colour or CATCH_ALL_COLOURS.get(value) or next(palette, CATCH_ALL_COLOURS[OTHER_ACTORS])
               for colour, value in zip(colours, values)]
    return alt.Scale(domain=values or [UNKNOWN], range=colours or [CATCH_ALL_COLOURS[UNKNOWN]])


def _map(colouring: str, title: str, values: list[str]) -> dict:
    countries = alt.Chart(alt.Data(name="country_outlines",
                                   format=alt.DataFormat(type="topojson", feature="countries")))
    admin1 = alt.Chart(alt.Data(name="admin1_outlines", format=alt.DataFormat(type="topojson", mesh="admin1")))
    places = alt.Chart(alt.Data(name="places"))
    incidents = alt.Chart(alt.Data(name="incidents")).transform_filter("isValid(datum.lat)")
    colour = alt.Color(f"{colouring}:N", title=title, scale=colour_scale(colouring, values),
                       legend=alt.Legend(orient="right", symbolLimit=12))
    circles = {"longitude": "lon:Q", "latitude": "lat:Q", "color": colour, "tooltip": _incident_tooltip(),
               "size": alt.Size("deaths:Q", title="deaths", scale=alt.Scale(range=[30, 900], zero=True)),
               "order": alt.Order("deaths:Q", sort="descending")}  # small ones drawn over big ones
    layers = [
        countries.mark_geoshape(fill=LAND_COLOUR, stroke="#8a8a8a", strokeWidth=0.8).encode(
            tooltip=alt.Tooltip("properties.name:N", title="country")),
        admin1.mark_geoshape(filled=False, stroke="#c4bfb3", strokeWidth=0.4),
        places.mark_point(shape="diamond", size=28, filled=False, color=PLACE_COLOUR, strokeWidth=1).encode(
            longitude="lon:Q", latitude="lat:Q",
            tooltip=[alt.Tooltip("name:N", title="place"), alt.Tooltip("where:N", title="in"),
                     alt.Tooltip("articles:Q", title="articles naming it")]),
        # hollow rings under the filled circles: a ring's inside still takes the pointer
        incidents.transform_filter("!datum.precise").mark_circle(
            filled=False, opacity=0.9, strokeWidth=2, cursor="pointer").encode(**circles),
        incidents.transform_filter("datum.precise").mark_circle(
            opacity=CIRCLE_OPACITY, stroke="#222222", strokeWidth=0.5, cursor="pointer").encode(**circles),
    ]
    chart = alt.layer(*layers).properties(width=MAP_WIDTH, height=MAP_HEIGHT,
                                          projection=alt.Projection(type="mercator"))
    return chart.configure_view(stroke=None).to_dict()


def _incident_tooltip() -> list[alt.Tooltip]:
    return [alt.Tooltip("location:N", title="place"), alt.Tooltip("placed_as:N", title="placed"),
            alt.Tooltip("when:N", title="date"), alt.Tooltip("event_type:N", title="type"),
            alt.Tooltip("sub_event_type:N", title="sub-type"), alt.Tooltip("perpetrator_name:N", title="perpetrator"),
            alt.Tooltip("sides:N", title="sides"), alt.Tooltip("deaths:Q", title="deaths (ACLED's figure)"),
            alt.Tooltip("range:N", title="low / best / high"), alt.Tooltip("n_articles:Q", title="articles")]


def _timeline(measure: str, split: str, values: list[str], period: str) -> dict:
    unit = TIME_UNITS[period]
    value = "sum(deaths):Q" if measure == "deaths" else "count():Q"
    chart = alt.Chart(alt.Data(name="incidents")).transform_filter("isValid(datum.date)").mark_bar().encode(
        x=alt.X("date:T", timeUnit=unit, title=None),
        y=alt.Y(value, title=f"{measure} per {period}"),
        color=alt.Color(f"{split}:N", title=TIMELINE_SPLITS[split], scale=colour_scale(split, values),
                        legend=alt.Legend(orient="bottom", columns=3, symbolLimit=12)),
        tooltip=[alt.Tooltip("date:T", timeUnit=unit, title=period),
                 alt.Tooltip(f"{split}:N", title=TIMELINE_SPLITS[split]), alt.Tooltip(value, title=measure)],
    ).properties(width=TIMELINE_WIDTH, height=TIMELINE_HEIGHT)
    return chart.to_dict()
