"""ACLED-coded events as a second yardstick (`sahelnlp evaluate --acled PATH`).

The pipeline reads each event's `notes` (the coders' summary of their sources) and its
output is held against what the coders coded from them, by ACLED's own conventions:
- fatalities: our claims turned into ACLED's single conservative figure
  (`sahelnlp.eventdata.acled_fatalities`) equal ACLED's `fatalities`;
- place: a linked place within 25 km of ACLED's point for geo precision 1, 50 km for
  precision 2; for precision 3 (a region), a linked place in ACLED's admin1;
- actors: ACLED's actor1 and actor2, mapped to canonical ids through
  `data/actors/acled_actors.tsv`, found among our actors (a katiba counts for its parent);
  names the table lacks, or knows as outside the codebook, are counted apart.

The events are split into a dev part and a sealed test part, stratified by country: within
each country, events are ranked by a hash of their id and the first 30% are test.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from ..article import Article
from ..eventdata.acled import AcledEvent, acled_actor_ids, acled_fatalities, read_acled_events
from ..normalize import fold
from .metrics import Accuracy, haversine_km

__all__ = ["AcledEvent", "AcledScores", "acled_parts", "articles_from_events", "read_acled_events", "score_acled"]

TEST_SHARE = 0.30
RADIUS_KM = {1: 25.0, 2: 50.0}


def acled_parts(events: list[AcledEvent], test_share: float = TEST_SHARE) -> dict[str, str]:
    """Each event's part, `dev` or `test`: per country, the first `test_share` of the events
    ranked by a hash of their id are test."""
    by_country: dict[str, list[str]] = {}
    for event in events:
        by_country.setdefault(event.country, []).append(event.event_id)
    parts = {}
    for ids in by_country.values():
        ranked = sorted(ids, key=lambda i: hashlib.sha1(f"acled:{i}".encode()).hexdigest())
        cut = round(len(ranked) * test_share)
        parts.update({i: ("test" if n < cut else "dev") for n, i in enumerate(ranked)})
    return parts


def articles_from_events(events: list[AcledEvent]) -> list[Article]:
    return [Article(id=e.event_id, text=e.notes, source=f"acled:{e.event_id}", lang="en") for e in events]


@dataclass
class AcledScores:
    """How the pipeline's reading of the notes compares with the coders' fields."""

    events: int = 0
    fatalities: Accuracy = field(default_factory=Accuracy)
    fatalities_zero: Accuracy = field(default_factory=Accuracy)
    fatalities_nonzero: Accuracy = field(default_factory=Accuracy)
    absolute_error: int = 0
    places: dict[int, Accuracy] = field(default_factory=lambda: {1: Accuracy(), 2: Accuracy(), 3: Accuracy()})
    actors: dict[str, Accuracy] = field(default_factory=lambda: {"actor1": Accuracy(), "actor2": Accuracy()})
    unmapped: Counter = field(default_factory=Counter)
    outside_codebook: int = 0
    misses: list[dict] = field(default_factory=list)

    @property
    def places_25_50(self) -> Accuracy:
        return Accuracy(self.places[1].right + self.places[2].right, self.places[1].total + self.places[2].total)

    def as_dict(self) -> dict:
        return {
            "events": self.events,
            "fatalities_equal": self.fatalities.as_dict(),
            "fatalities_equal_when_acled_zero": self.fatalities_zero.as_dict(),
            "fatalities_equal_when_acled_nonzero": self.fatalities_nonzero.as_dict(),
            "fatalities_mean_absolute_error": round(self.absolute_error / self.events, 3) if self.events else None,
            "place_precision_1_within_25km": self.places[1].as_dict(),
            "place_precision_2_within_50km": self.places[2].as_dict(),
            "place_precision_1_2": self.places_25_50.as_dict(),
            "place_precision_3_same_admin1": self.places[3].as_dict(),
            "actor1_found": self.actors["actor1"].as_dict(),
            "actor2_found": self.actors["actor2"].as_dict(),
            "actor_names_not_in_table": sum(self.unmapped.values()),
            "actor_names_outside_codebook": self.outside_codebook,
        }


def score_acled(events: list[AcledEvent], records: dict[str, dict]) -> AcledScores:
    """Score the pipeline's records (by event id) against the coded events."""
    scores = AcledScores()
    for event in events:
        record = records.get(event.event_id) or {"claims": [], "places": [], "actors": []}
        scores.events += 1
        _score_fatalities(event, record, scores)
        _score_place(event, record, scores)
        _score_actors(event, record, scores)
    return scores


def _score_fatalities(event: AcledEvent, record: dict, scores: AcledScores) -> None:
    ours = acled_fatalities(record.get("claims", []))
    right = ours == event.fatalities
    for accuracy in (scores.fatalities, scores.fatalities_zero if event.fatalities == 0 else scores.fatalities_nonzero):
        accuracy.total += 1
        accuracy.right += right
    scores.absolute_error += abs(ours - event.fatalities)
    if not right:
        scores.misses.append({"event": event.event_id, "kind": "fatalities", "acled": event.fatalities,
                              "ours": ours, "notes": event.notes})


def _score_place(event: AcledEvent, record: dict, scores: AcledScores) -> None:
    precision = event.geo_precision
    if precision not in scores.places or event.latitude is None or event.longitude is None:
        return
    places = record.get("places", [])
    if precision == 3:
        wanted = fold(event.admin1 or "")
        right = any(wanted and wanted in (fold(p.get("admin1") or ""), fold(p.get("name") or "")) for p in places)
    else:
        right = any(p.get("lat") is not None and haversine_km(event.latitude, event.longitude, p["lat"], p["lon"])
                    <= RADIUS_KM[precision] for p in places)
    scores.places[precision].total += 1
    scores.places[precision].right += right
    if not right:
        scores.misses.append({"event": event.event_id, "kind": "place", "acled": event.location,
                              "precision": precision, "ours": [p.get("name") for p in places],
                              "notes": event.notes})


def _score_actors(event: AcledEvent, record: dict, scores: AcledScores) -> None:
    ours = set()
    for actor in record.get("actors", []):
        ours.add(actor["id"])
        ours.update(actor.get("lineage") or ())
    for slot in ("actor1", "actor2"):
        name = getattr(event, slot)
        ids = acled_actor_ids(name)
        if name is None:
            continue
        if ids is None:
            scores.unmapped[name] += 1
            continue
        if not ids:
            scores.outside_codebook += 1
            continue
        right = bool(ours & set(ids))
        scores.actors[slot].total += 1
        scores.actors[slot].right += right
        if not right:
            scores.misses.append({"event": event.event_id, "kind": slot, "acled": name, "wanted": list(ids),
                                  "ours": sorted(a["id"] for a in record.get("actors", [])), "notes": event.notes})
