"""One row per incident: when, where, who against whom, what kind of event, how many died.

- Sides: side a is the state's side where there is one, else the perpetrators'; side b
  the other, or "civilians" when only civilians were hit (UCDP's type of violence 1
  state-based, 2 non-state, 3 one-sided). A side known only as "soldiers" is its
  country's army.
- Place: the populated place (village, town, city) the most articles place its claims
  at, then the most specific; a facility (an airport, a camp) is kept as its `site`.
  With no claim placed, the precise place its articles mention most, if they agree on
  one (`place_basis` "article", geo precision at least 2).
  Geo precision as ACLED's: 1 the town itself, 2 a site or natural place near one,
  3 a region or country. Admin names as the gazetteer writes them and accent-folded.
- Time: `date_start`/`date_end` from the dates the articles state; with none, from the
  day their articles' other claims at that place state ("article"); with none, from
  the publication dates (the event on or up to a few days before), `date_basis` saying
  which. Time precision as ACLED's: 1 one stated day, 2 within a week (several stated
  days, or inferred from publication), 3 longer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd

from ..codebook import PLACE_SPECIFICITY
from ..normalize import strip_diacritics
from ..tables import typed_frame
from .acled import acled_fatalities
from .event_types import event_type
from .fatalities import Fatalities, claim_figure, fatalities
from .incidents import Incident, IncidentSettings, build_incidents
from .sides import ResolvedSides

POPULATED = ("village", "town", "city")
SITES = ("facility",)
GEO_PRECISION = {"village": 1, "town": 1, "city": 1, "facility": 2, "natural": 2, "region": 3, "area": 3,
                 "country": 3}

INCIDENT_COLUMNS = {
    "incident_id": "stable id: the same input gives the same id",
    "date_start": "earliest day the event may have happened",
    "date_end": "latest day",
    "date_basis": "stated (the articles give the day), article (the day of the article's other claims "
                  "at that place), publication (inferred from it) or none",
    "time_precision": "ACLED's: 1 exact stated day, 2 within a week or inferred, 3 longer",
    "location": "the incident's place as the gazetteer writes it",
    "location_ascii": "the same, accent-folded (ACLED's spelling)",
    "site": "a facility within it the claims name (airport, camp, base)",
    "place_kind": "kind of the location",
    "place_basis": "claims (its claims are placed there) or article (no claim is placed; the place its "
                   "articles mention most)",
    "geo_precision": "ACLED's: 1 the town itself, 2 near a town, 3 a region",
    "country": "ISO country code",
    "admin1": "first-level unit",
    "admin1_ascii": "first-level unit, accent-folded",
    "admin2": "second-level unit",
    "admin2_ascii": "second-level unit, accent-folded",
    "lat": "latitude",
    "lon": "longitude",
    "event_type": "ACLED event type, where the text supports one",
    "sub_event_type": "ACLED sub-event type",
    "type_of_violence": "UCDP's: 1 state-based, 2 non-state, 3 one-sided",
    "side_a": "actor ids of side a (the state's side where there is one), ';'-joined",
    "side_b": "actor ids of side b, or civilians",
    "initiator": "a or b: the side whose claims name it the perpetrator most",
    "deaths_a": "deaths of side a, from independent reports",
    "deaths_b": "deaths of side b",
    "deaths_civilians": "civilian deaths",
    "deaths_unknown": "deaths of no known side",
    "low": "UCDP-style low estimate of deaths (independent reports)",
    "best": "best estimate (independent reports; empty with party claims only)",
    "high": "high estimate (party claims included)",
    "best_basis": "independent, party claims only, or none (no death figure)",
    "party_claims": "whether an armed side speaking on the record gives a figure",
    "party_deaths_a": "party claims apart: the largest claim of side a's deaths",
    "party_deaths_b": "the largest claim of side b's deaths",
    "party_deaths_civilians": "the largest claim of civilian deaths",
    "party_deaths_unknown": "what the largest party total holds beyond those",
    "acled_fatalities": "ACLED's single conservative figure (eventdata.acled_fatalities)",
    "perpetrators": "actor ids held responsible, ';'-joined",
    "victims": "victim groups, ';'-joined",
    "sources": "who is quoted for its figures, ';'-joined",
    "n_articles": "articles reporting it",
    "n_claims": "claims grouped into it",
    "low_from": "JSON: articles and sentences of the low figure",
    "best_from": "JSON: articles and sentences of the best figure",
    "high_from": "JSON: articles and sentences of the high figure",
    "independent_figures": "JSON: each article's independent deaths by side with its claims",
    "party_figures": "JSON: each article's party deaths by side, its claims and who claims them",
    "other_outcomes": "JSON: largest figure per other outcome (injured, abducted, …)",
    "articles": "article ids, ';'-joined",
    "claims": "JSON: every claim grouped, with its article, sentence and flags",
}
INTEGER_COLUMNS = ("time_precision", "geo_precision", "type_of_violence", "deaths_a", "deaths_b",
                   "deaths_civilians", "deaths_unknown", "low", "best", "high", "party_deaths_a", "party_deaths_b",
                   "party_deaths_civilians", "party_deaths_unknown", "acled_fatalities", "n_articles", "n_claims")


def incidents_table(records: Iterable[dict], settings: IncidentSettings | None = None) -> pd.DataFrame:
    """One row per incident (INCIDENT_COLUMNS), in date order."""
    rows = [incident_row(incident) for incident in build_incidents(records, settings)]
    return typed_frame(rows, INCIDENT_COLUMNS, integers=INTEGER_COLUMNS)


def incident_row(incident: Incident) -> dict:
    members = incident.members
    place = _location(members)
    sides = ResolvedSides(incident, (place or {}).get("country"))
    figures = fatalities(members, sides.category_of)
    kind, sub_kind = event_type(members)
    return {
        "incident_id": incident.incident_id, **_time(members), **_where(members, place),
        "event_type": kind, "sub_event_type": sub_kind, **sides.as_columns(),
        **_deaths(figures, members), "other_outcomes": _json(_other_outcomes(members)),
        "perpetrators": ";".join(sorted({m.perpetrator.id for m in members if m.perpetrator})),
        "victims": ";".join(sorted({m.claim["victim"] for m in members})),
        "sources": ";".join(sorted({(m.claim.get("source") or {}).get("actor")
                                    or (m.claim.get("source") or {}).get("text") for m in members} - {None})),
        "n_articles": len(incident.articles), "n_claims": len(members),
        "articles": ";".join(incident.articles),
        "claims": _json([{**m.ref, "outcome": m.claim["outcome"], "quantity": m.claim["quantity"]["text"],
                          "victim": m.claim["victim"], "side": sides.category_of(m),
                          "perpetrator": m.perpetrator.id if m.perpetrator else None,
                          "event_date": m.claim.get("event_date"), "claimed": m.claim["claimed"],
                          "superseded": m.claim["superseded"], "negated": m.claim["negated"]} for m in members]),
    }


# -- sides ---------------------------------------------------------------------
def resolve_sides(incident: Incident) -> ResolvedSides:
    """The incident's sides, a side known only as soldiers read as its country's army."""
    return ResolvedSides(incident, (_location(incident.members) or {}).get("country"))


# -- time and place ------------------------------------------------------------
def _time(members: list) -> dict:
    for basis in ("stated", "article"):
        days = sorted(m.start for m in members if m.date_basis == basis)
        if days:
            span = (days[-1] - days[0]).days
            exact = basis == "stated" and span == 0
            return {"date_start": days[0], "date_end": days[-1], "date_basis": basis,
                    "time_precision": 1 if exact else 2 if span <= 7 else 3}
    windows = [(m.start, m.end) for m in members if m.start]
    if not windows:
        return {"date_start": None, "date_end": None, "date_basis": "none", "time_precision": None}
    start, end = min(w[0] for w in windows), max(w[1] for w in windows)
    return {"date_start": start, "date_end": end, "date_basis": "publication",
            "time_precision": 2 if (end - start).days <= 7 else 3}


def _location(members: list) -> dict | None:
    articles: dict[str, set[str]] = {}
    places: dict[str, dict] = {}
    for member in members:
        if member.place:
            places[member.place["id"]] = member.place
            articles.setdefault(member.place["id"], set()).add(member.article_id)
    if not places:
        return None
    return max(places.values(), key=lambda p: (p["kind"] in POPULATED, len(articles[p["id"]]),
                                               PLACE_SPECIFICITY.get(p["kind"], 0), p["id"]))


def _where(members: list, place: dict | None) -> dict:
    """The incident's place (`_location`, else its articles'), with precision and folded names."""
    basis = "claims"
    if place is None:
        place = _location_from_articles(members)
        basis = "article" if place else None
    place = place or {}
    sites = sorted({m.place["name"] for m in members if m.place and m.place["kind"] in SITES})
    precision = _geo_precision(members, place, basis)
    return {
        "location": place.get("name"), "location_ascii": _folded(place.get("name")),
        "site": ";".join(s for s in sites if s != place.get("name")) or None,
        "place_kind": place.get("kind"), "place_basis": basis,
        "geo_precision": precision,
        "country": place.get("country"), "admin1": place.get("admin1"), "admin1_ascii": _folded(place.get("admin1")),
        "admin2": place.get("admin2"), "admin2_ascii": _folded(place.get("admin2")),
        "lat": place.get("lat"), "lon": place.get("lon"),
    }


def _geo_precision(members: list, place: dict, basis: str | None) -> int | None:
    """ACLED's precision of the incident's place: its kind's, no better than its claims say
    of it (the pipeline gives "near Boni" 2), and at least 2 for a place only the articles
    name."""
    by_kind = GEO_PRECISION.get(place.get("kind"))
    if by_kind is None:
        return None
    if basis == "article":
        return max(by_kind, 2)
    said = [m.claim.get("geo_precision") for m in members if m.place and m.place["id"] == place.get("id")]
    said = [p for p in said if p]
    return max(by_kind, min(said)) if said else by_kind


def _location_from_articles(members: list) -> dict | None:
    """With no claim placed: the place its articles mention most, if they agree on one."""
    found = {m.article_place["id"]: m.article_place for m in members if m.article_place}
    return next(iter(found.values())) if len(found) == 1 else None


def _folded(name: str | None) -> str | None:
    return strip_diacritics(name) if name else None


# -- deaths --------------------------------------------------------------------
def _deaths(figures: Fatalities, members: list) -> dict:
    return {
        **{f"deaths_{c}": n for c, n in figures.deaths.items()},
        "low": figures.low, "best": figures.best, "high": figures.high, "best_basis": figures.basis,
        "party_claims": bool(figures.party),
        **{f"party_deaths_{c}": n for c, n in figures.party_deaths.items()},
        # one sentence of one article is one report, for ACLED's smallest-report rule
        "acled_fatalities": acled_fatalities({**m.claim, "sentence": [m.article_id, *(m.claim.get("sentence") or [m.index])]}
                                             for m in members),
        "low_from": _json(figures.low_from), "best_from": _json(figures.best_from),
        "high_from": _json(figures.high_from),
        "independent_figures": _json([t.describe() for t in figures.independent]),
        "party_figures": _json([t.describe() for t in figures.party]),
    }


def _other_outcomes(members: list) -> dict[str, int]:
    """The largest figure per outcome other than killed (injured, abducted, …)."""
    found: dict[str, int] = {}
    for member in members:
        claim = member.claim
        if claim["outcome"] == "killed" or not member.counts:
            continue
        point = claim_figure(member).point
        found[claim["outcome"]] = max(found.get(claim["outcome"], 0), point)
    return found


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
