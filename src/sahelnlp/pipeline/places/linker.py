"""Candidate generation and disambiguation for place mentions (no spaCy).

A mention's name is looked up in the gazetteer (exact folded key, then without
spaces, then fuzzy); each candidate is scored on its population prior, the
article's country focus, the Sahel core, and kind cues around the mention.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ...geo import distance_km
from ...normalize import fold
from .gazetteer import Gazetteer, PlaceRecord

KIND_PRIOR = {"country": 1.0, "region": 0.6, "area": 0.7, "city": 0.7, "natural": 0.2,
              "facility": 0.45, "town": 0.45, "village": 0.25}
POPULATED = {"city", "town", "village"}
POINT_KINDS = POPULATED | {"facility", "natural"}


@dataclass(frozen=True)
class Weights:
    prior: float = 0.35
    focus: float = 0.3
    core: float = 0.15
    cue: float = 0.2
    exact: float = 0.1
    near: float = 0.2  # a candidate this close to a place the article names unambiguously
    near_km: float = 50.0


@dataclass(frozen=True)
class Candidate:
    record: PlaceRecord
    score: float


class CandidateGenerator:
    """Names → gazetteer records, with a fuzzy fallback for long misspelt names."""

    def __init__(self, gazetteer: Gazetteer, *, fuzzy_cutoff: float, fuzzy_min_length: int,
                 fuzzy_countries: frozenset[str] | None = None):
        """fuzzy_countries: misspellings are matched only against the names of places in these
        countries (the region); None for all."""
        self.gazetteer = gazetteer
        self.fuzzy_cutoff = fuzzy_cutoff
        self.fuzzy_min_length = fuzzy_min_length
        countries = gazetteer.columns["country"]
        self._fuzzy_keys = [k for k, positions in gazetteer.names.items() if len(k) >= fuzzy_min_length
                            and (fuzzy_countries is None or any(countries[p] in fuzzy_countries for p in positions))]
        self._fuzzy_countries = fuzzy_countries
        self.fuzzy_lookup = lru_cache(maxsize=20_000)(self._fuzzy_lookup)

    def __call__(self, name: str, *, fuzzy: bool) -> tuple[list[PlaceRecord], bool]:
        """Records for `name`, and whether they came from a fuzzy match."""
        exact = self.gazetteer.lookup(name)
        if exact or not fuzzy:
            return exact, False
        return self.fuzzy_lookup(fold(name)), True

    def _fuzzy_lookup(self, key: str) -> list[PlaceRecord]:
        if len(key) < self.fuzzy_min_length:
            return []
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio,
                                  score_cutoff=self.fuzzy_cutoff)
        if not best:
            return []
        return [r for r in self.gazetteer.lookup(best[0])
                if self._fuzzy_countries is None or r.country in self._fuzzy_countries]


def _cue_fits(cue: str, kind: str) -> bool:
    if cue == "town":
        return kind in POPULATED
    if cue == "area":
        return kind in ("area", "natural")
    if cue == "facility":  # a base or airport links to the town that holds it where no entry has it
        return kind == "facility" or kind in POPULATED
    return kind == cue


def population_prior(record: PlaceRecord) -> float:
    """0..1: how likely a bare mention of this name means this record, before context."""
    base = KIND_PRIOR.get(record.kind, 0.3)
    if record.kind in POPULATED and record.population:
        base = max(base, min(1.0, math.log10(record.population + 1) / 6.5))
    return base


def country_focus(records: list[PlaceRecord]) -> Counter:
    """Share of the article's unambiguous place links per country."""
    counts: Counter = Counter()
    for record in records:
        if record.country:
            counts[record.country] += 2 if record.kind == "country" else 1
    total = sum(counts.values()) or 1
    return Counter({country: n / total for country, n in counts.items()})


def rank(candidates: list[PlaceRecord], *, focus: Counter, core: frozenset[str],
         kind_cue: str | None, weights: Weights, fuzzy: bool, name: str = "",
         nearby_admin: frozenset[str] = frozenset(),
         anchors: tuple[tuple[float, float, float], ...] = ()) -> list[Candidate]:
    """Score candidates, best first. Scores are 0..1.

    nearby_admin: folded names of the places mentioned around the mention; a candidate
        whose region or cercle is one of them fits ("Bandiagara, in the Mopti region").
    anchors: (lat, lon, reach in km) of the places the article names unambiguously; a
        candidate within the reach of one of them fits ("Faladié" near Bamako, not the
        other one; "Sango (Bandiagara, Mopti)" in the Bandiagara cercle).
    """
    ranked = []
    for record in candidates:
        score = weights.prior * population_prior(record)
        score += weights.focus * focus.get(record.country, 0.0)
        score += weights.core * (record.country in core)
        if kind_cue:
            score += weights.cue if _cue_fits(kind_cue, record.kind) else -weights.cue
        if name and fold(record.name) == fold(name):
            score += weights.exact  # "Benin" is the country's name, only an alias of Benin City
        if nearby_admin and {fold(record.admin1 or ""), fold(record.admin2 or "")} & nearby_admin \
                and fold(record.name) not in nearby_admin:
            score += weights.cue
        if anchors and record.kind in POINT_KINDS and any(
                distance_km(record.lat, record.lon, lat, lon) <= reach for lat, lon, reach in anchors):
            score += weights.near
        if fuzzy:
            score *= 0.8
        ranked.append(Candidate(record, round(max(0.0, min(1.0, score)), 3)))
    ranked.sort(key=lambda c: (-c.score, -c.record.population, c.record.id))
    return ranked


def lookup_candidates(gazetteer: Gazetteer, name: str, *, country: str | None = None,
                      core: frozenset[str] = frozenset({"ML", "BF", "NE"})) -> list[Candidate]:
    """Ranked candidates for a name out of context (the `gazetteer lookup` command)."""
    generator = CandidateGenerator(gazetteer, fuzzy_cutoff=80.0, fuzzy_min_length=4)
    records, fuzzy = generator(name, fuzzy=True)
    if country:
        records = [r for r in records if r.country == country.upper()]
    return rank(records, focus=Counter(), core=core, kind_cue=None, weights=Weights(),
                fuzzy=fuzzy, name=name)
