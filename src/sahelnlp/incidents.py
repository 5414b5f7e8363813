"""Incidents: claims from many articles about one event, with low / best / high fatalities.

Grouping. Two claims belong to one incident when
- their event dates are at most `max_days` apart (a claim without an event date takes
  its article's publication date; one with neither joins only the undated claims of
  its own article);
- their places are within `max_km` of each other or share their admin2 unit (a claim
  placed only at country, region or area level, or not placed, fits any place inside
  the same country);
- their perpetrators are compatible: the same actor, one of them unknown, one the
  other's parent or katiba, or one a generic "unidentified" actor of the same kind;
- their victim groups are compatible: the same, or one of them unknown or mixed.
Groups are the connected components of that relation (single linkage). Aggregate
claims (period or area totals) never form or join incidents.

Fatalities, after UCDP GED. Only `killed` claims count, never superseded, aggregate or
negated ones. Each article gives at most one independent and one party figure (party:
an armed side speaking on the record, codebook `claimed`): per victim group the largest
number, then the sum over named groups or the largest group-less total, whichever is
larger ("52 soldiers and 18 civilians" and "the toll rose to 70" are one toll of 70).
- best: the largest independent figure (tolls are revised upward, and superseded ones
  are gone); with no independent figure, the smallest party figure;
- low: the smallest independent figure (its lower bound for "at least", "dozens");
- high: the largest figure of all, party claims included (their upper bound where the
  words give one).
Every figure names the articles and sentences it comes from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

import pandas as pd

from .codebook import COARSE_PLACE_KINDS, PLACE_SPECIFICITY
from .geo import distance_km

NON_STATE = {"jihadist", "rebel", "militia", "generic"}

INCIDENT_COLUMNS = {
    "incident_id": "incident number, in date order",
    "date_start": "earliest event date of its claims",
    "date_end": "latest event date of its claims",
    "place_name": "the most precise place its claims give",
    "place_kind": "that place's kind",
    "country": "ISO country code",
    "admin1": "first-level unit",
    "admin2": "second-level unit",
    "lat": "latitude",
    "lon": "longitude",
    "perpetrators": "actor ids held responsible, ';'-joined",
    "victims": "victim groups, ';'-joined",
    "n_articles": "articles reporting it",
    "n_claims": "claims grouped into it",
    "fatalities_low": "UCDP-style low estimate of deaths",
    "fatalities_best": "best estimate",
    "fatalities_high": "high estimate",
    "best_basis": "independent, party claims only, or none (no death figure)",
    "low_from": "JSON: articles and sentences of the low figure",
    "best_from": "JSON: articles and sentences of the best figure",
    "high_from": "JSON: articles and sentences of the high figure",
    "independent_figures": "JSON: each article's independent death figure with its claims",
    "party_figures": "JSON: each article's party death figure with its claims and who claims it",
    "other_outcomes": "JSON: largest figure per other outcome (injured, abducted, …)",
    "articles": "article ids, ';'-joined",
    "claims": "JSON: every claim grouped, with its article, sentence and flags",
}


@dataclass
class Member:
    """One claim as the grouping sees it."""

    article_id: str
    index: int
    claim: dict
    sentence: str | None
    day: date | None
    place: dict | None
    perpetrator: str | None
    perpetrator_lineage: frozenset[str]
    perpetrator_type: str | None
    source: str | None

    @property
    def ref(self) -> dict:
        return {"article_id": self.article_id, "claim_index": self.index, "sentence": self.sentence}


@dataclass
class Figure:
    low: int
    point: int
    high: int
    members: list[Member] = field(default_factory=list)

    def refs(self) -> list[dict]:
        return [m.ref for m in self.members]


def incidents_table(records: Iterable[dict], *, max_days: int = 1, max_km: float = 30.0) -> pd.DataFrame:
    """One row per incident (INCIDENT_COLUMNS)."""
    members = [m for record in records for m in _members(record)]
    groups = _group(members, max_days, max_km)
    rows = [_row(group) for group in groups]
    rows.sort(key=lambda r: (r["date_start"] or date.max, r["place_name"] or ""))
    for number, row in enumerate(rows, start=1):
        row["incident_id"] = number
    frame = pd.DataFrame(rows, columns=list(INCIDENT_COLUMNS))
    for column in ("fatalities_low", "fatalities_best", "fatalities_high", "n_articles", "n_claims"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _members(record: dict) -> list[Member]:
    actors = {a["id"]: a for a in record.get("actors", [])}
    places = {p["id"]: p for p in record.get("places", [])}
    text = record.get("text")
    published = _day((record.get("meta") or {}).get("published"))
    found = []
    for index, claim in enumerate(record.get("claims", [])):
        if claim["aggregate"]:
            continue
        perpetrator = claim.get("perpetrator")
        actor = actors.get(perpetrator or "") or {}
        sentence = claim.get("sentence")
        found.append(Member(
            article_id=record["id"], index=index, claim=claim,
            sentence=text[sentence[0]:sentence[1]] if text is not None and sentence else None,
            day=_day(claim.get("event_date")) or published, place=places.get(claim.get("place") or ""),
            perpetrator=perpetrator,
            perpetrator_lineage=frozenset([perpetrator, *(actor.get("lineage") or [])]) if perpetrator else frozenset(),
            perpetrator_type=actor.get("type"), source=(claim.get("source") or {}).get("actor")))
    return found


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _group(members: list[Member], max_days: int, max_km: float) -> list[list[Member]]:
    """Join compatible claims; two groups join only when all their places and
    perpetrators fit together, so a claim without a place cannot chain two towns."""
    group_of = list(range(len(members)))
    groups: dict[int, list[int]] = {i: [i] for i in range(len(members))}
    by_day: dict[date, list[int]] = {}
    undated: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        if member.day is not None:
            by_day.setdefault(member.day, []).append(i)
        else:
            undated.setdefault(member.article_id, []).append(i)
    for i, member in enumerate(members):
        if member.day is None:  # undated: only its own article's undated claims
            candidates = [j for j in undated[member.article_id] if j < i]
        else:
            candidates = [j for offset in range(-max_days, max_days + 1)
                          for j in by_day.get(member.day + timedelta(days=offset), []) if j < i]
        for j in candidates:
            a, b = group_of[i], group_of[j]
            if a == b or not _compatible(member, members[j], max_km):
                continue
            if all(_places_fit(members[x].place, members[y].place, max_km)
                   and _perpetrators_fit(members[x], members[y]) for x in groups[a] for y in groups[b]):
                for x in groups[a]:
                    group_of[x] = b
                groups[b].extend(groups.pop(a))
    return [[members[i] for i in indices] for indices in groups.values()]


def _compatible(a: Member, b: Member, max_km: float) -> bool:
    """Same article: one report of one attack may count soldiers and civilians apart."""
    victims = a.article_id == b.article_id or _victims_fit(a.claim["victim"], b.claim["victim"])
    return victims and _places_fit(a.place, b.place, max_km) and _perpetrators_fit(a, b)


def _places_fit(a: dict | None, b: dict | None, max_km: float) -> bool:
    if a is None or b is None:
        return True
    if a["kind"] in COARSE_PLACE_KINDS or b["kind"] in COARSE_PLACE_KINDS:
        return not a["country"] or not b["country"] or a["country"] == b["country"]
    if a.get("admin2") and a.get("admin2") == b.get("admin2") and a["country"] == b["country"]:
        return True
    return distance_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= max_km


def _perpetrators_fit(a: Member, b: Member) -> bool:
    if not a.perpetrator or not b.perpetrator or a.perpetrator == b.perpetrator:
        return True
    if a.perpetrator in b.perpetrator_lineage or b.perpetrator in a.perpetrator_lineage:
        return True
    generic = [m for m in (a, b) if m.perpetrator_type == "generic"]
    other = b if generic and generic[0] is a else a
    return bool(generic) and other.perpetrator_type in NON_STATE


def _victims_fit(a: str, b: str) -> bool:
    return a == b or {a, b} & {"unknown", "mixed"} != set()


def _row(group: list[Member]) -> dict:
    days = sorted(m.day for m in group if m.day is not None)
    place = max((m.place for m in group if m.place), default=None,
                key=lambda p: (PLACE_SPECIFICITY.get(p["kind"], 0), sum(1 for m in group if m.place is p)))
    independent, party = _figures(group)
    low, best, high, basis = _estimates(independent, party)
    articles = sorted({m.article_id for m in group})
    return {
        "date_start": days[0] if days else None, "date_end": days[-1] if days else None,
        "place_name": (place or {}).get("name"), "place_kind": (place or {}).get("kind"),
        "country": (place or {}).get("country"), "admin1": (place or {}).get("admin1"),
        "admin2": (place or {}).get("admin2"), "lat": (place or {}).get("lat"), "lon": (place or {}).get("lon"),
        "perpetrators": ";".join(sorted({m.perpetrator for m in group if m.perpetrator})),
        "victims": ";".join(sorted({m.claim["victim"] for m in group})),
        "n_articles": len(articles), "n_claims": len(group),
        "fatalities_low": low.low if low else None, "fatalities_best": best.point if best else None,
        "fatalities_high": high.high if high else None, "best_basis": basis,
        "low_from": json.dumps(low.refs() if low else [], ensure_ascii=False),
        "best_from": json.dumps(best.refs() if best else [], ensure_ascii=False),
        "high_from": json.dumps(high.refs() if high else [], ensure_ascii=False),
        "independent_figures": json.dumps(_describe(independent), ensure_ascii=False),
        "party_figures": json.dumps(_describe(party, with_claimant=True), ensure_ascii=False),
        "other_outcomes": json.dumps(_other_outcomes(group), ensure_ascii=False),
        "articles": ";".join(articles),
        "claims": json.dumps([{**m.ref, "outcome": m.claim["outcome"], "quantity": m.claim["quantity"]["text"],
                               "victim": m.claim["victim"], "perpetrator": m.perpetrator,
                               "claimed": m.claim["claimed"], "superseded": m.claim["superseded"],
                               "negated": m.claim["negated"]} for m in group], ensure_ascii=False),
    }


def _figures(group: list[Member]) -> tuple[list[Figure], list[Figure]]:
    """Each article's independent and party death figures."""
    independent, party = [], []
    by_article: dict[str, list[Member]] = {}
    for member in group:
        claim = member.claim
        if claim["outcome"] == "killed" and not (claim["superseded"] or claim["negated"]):
            by_article.setdefault(member.article_id, []).append(member)
    for members in by_article.values():
        for claimed, bucket in ((False, independent), (True, party)):
            figure = _article_figure([m for m in members if m.claim["claimed"] == claimed])
            if figure is not None:
                bucket.append(figure)
    return independent, party


def _article_figure(members: list[Member]) -> Figure | None:
    """One article's toll: per named victim group its largest number, summed; or its
    largest group-less total, whichever is larger."""
    if not members:
        return None
    largest: dict[str, Figure] = {}
    for member in members:
        quantity = member.claim["quantity"]
        point = quantity["value"] if quantity["value"] is not None else (quantity["low"] or 0)
        low = quantity["low"] if quantity["low"] is not None else point
        high = quantity["high"] if quantity["high"] is not None else point
        figure = Figure(low=min(low, point), point=point, high=max(high, point), members=[member])
        group = member.claim["victim"]
        if group not in largest or figure.point > largest[group].point:
            largest[group] = figure
    named = [f for g, f in largest.items() if g not in ("unknown", "mixed")]
    total = Figure(low=sum(f.low for f in named), point=sum(f.point for f in named),
                   high=sum(f.high for f in named), members=[m for f in named for m in f.members])
    overall = [f for g, f in largest.items() if g in ("unknown", "mixed")]
    best_overall = max(overall, key=lambda f: f.point, default=None)
    if best_overall is not None and (not named or best_overall.point >= total.point):
        return best_overall
    return total


def _estimates(independent: list[Figure], party: list[Figure]):
    if independent:
        best = max(independent, key=lambda f: f.point)
        low = min(independent, key=lambda f: f.low)
        basis = "independent"
    elif party:
        best = min(party, key=lambda f: f.point)
        low = min(party, key=lambda f: f.low)
        basis = "party claims only"
    else:
        return None, None, None, "none"
    high = max(independent + party, key=lambda f: f.high)
    return low, best, high, basis


def _describe(figures: list[Figure], with_claimant: bool = False) -> list[dict]:
    described = []
    for figure in figures:
        entry = {"low": figure.low, "point": figure.point, "high": figure.high, "claims": figure.refs()}
        if with_claimant:
            entry["claimed_by"] = sorted({m.source for m in figure.members if m.source})
        described.append(entry)
    return described


def _other_outcomes(group: list[Member]) -> dict[str, int]:
    found: dict[str, int] = {}
    for member in group:
        claim = member.claim
        if claim["outcome"] == "killed" or claim["superseded"] or claim["negated"]:
            continue
        quantity = claim["quantity"]
        point = quantity["value"] if quantity["value"] is not None else (quantity["low"] or 0)
        found[claim["outcome"]] = max(found.get(claim["outcome"], 0), point)
    return found
