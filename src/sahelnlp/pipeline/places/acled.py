"""ACLED's curated locations as gazetteer entries (`sahelnlp gazetteer build --acled`).

ACLED's coders place every event at a named location with its admin units and a point.
A user who holds ACLED exports can add those locations to their gazetteer: a location
the gazetteer already knows at that point brings nothing new; a known place within
`ATTACH_KM` of the point that goes by another name gets ACLED's spelling as an alternate;
any other location becomes a record of its own, `acled:<country>-<name>`. Only points
ACLED places at the location itself or near it (geo precision 1 and 2) are used: a
precision-3 point stands for a whole region.

Built gazetteers stay on the user's machine: ACLED's data is theirs under ACLED's terms.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from ...countries import country_codes
from ...eventdata.acled import AcledEvent, read_acled_events
from ...geo import distance_km
from ...normalize import fold, slug
from .build import Entry
from .gazetteer import Gazetteer, PlaceRecord

ATTACH_KM = 2.0
SAME_NAME_KM = 10.0
POINT_KINDS = frozenset({"city", "town", "village", "facility", "natural"})


def acled_places(path: str | Path, base: Gazetteer) -> Iterator[Entry]:
    """Entries for the locations of an ACLED export or notes file, against `base`."""
    index = _GridIndex(base)
    countries = country_codes()
    made: dict[str, PlaceRecord] = {}
    for event in _located(read_acled_events(Path(path))):
        country = countries.get(fold(event.country))
        if country is None:
            continue
        if index.named_near(event.location, event.latitude, event.longitude, SAME_NAME_KM):
            continue  # the gazetteer has it already
        nearest = index.nearest(event.latitude, event.longitude, ATTACH_KM)
        if nearest is not None:
            yield nearest, [event.location]  # ACLED's spelling of a place the gazetteer has
            continue
        record = _new_record(event, country, made)
        if record is not None:
            yield record, []


def _located(events: list[AcledEvent]) -> Iterator[AcledEvent]:
    """Each (location, point) once, at precision 1 or 2."""
    seen: set[tuple] = set()
    for event in events:
        if event.geo_precision not in (1, 2) or not event.location or event.latitude is None \
                or event.longitude is None:
            continue
        key = (fold(event.location), round(event.latitude, 3), round(event.longitude, 3))
        if key not in seen:
            seen.add(key)
            yield event


def _new_record(event: AcledEvent, country: str, made: dict[str, PlaceRecord]) -> PlaceRecord | None:
    place_id = f"acled:{country.lower()}-{slug(event.location)}"
    earlier = made.get(place_id)
    if earlier is not None:
        if distance_km(earlier.lat, earlier.lon, event.latitude, event.longitude) <= SAME_NAME_KM:
            return None  # the same place again
        place_id = f"{place_id}-{abs(round(event.latitude * 100))}-{abs(round(event.longitude * 100))}"
        if place_id in made:
            return None
    record = PlaceRecord(id=place_id, name=event.location, kind="village", country=country,
                         admin1=event.admin1, admin2=event.admin2, lat=round(event.latitude, 5),
                         lon=round(event.longitude, 5), population=0)
    made[place_id] = record
    return record


class _GridIndex:
    """The gazetteer's point places in cells of a tenth of a degree (about 11 km)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.cells: dict[tuple[int, int], list[int]] = {}
        for position, (kind, lat, lon) in enumerate(zip(gazetteer.columns["kind"], gazetteer.columns["lat"],
                                                        gazetteer.columns["lon"])):
            if kind in POINT_KINDS:
                self.cells.setdefault(_cell(lat, lon), []).append(position)

    def _around(self, lat: float, lon: float) -> Iterator[PlaceRecord]:
        row, col = _cell(lat, lon)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for position in self.cells.get((row + dr, col + dc), ()):
                    yield self.gazetteer.record(position)

    def named_near(self, name: str, lat: float, lon: float, km: float) -> bool:
        """Whether a place of this name (or alternate name) lies within `km` of the point."""
        return any(distance_km(lat, lon, r.lat, r.lon) <= km for r in self.gazetteer.lookup(name))

    def nearest(self, lat: float, lon: float, km: float) -> PlaceRecord | None:
        found = [(distance_km(lat, lon, r.lat, r.lon), r) for r in self._around(lat, lon)]
        found = [(d, r) for d, r in found if d <= km]
        return min(found, key=lambda pair: (pair[0], pair[1].id))[1] if found else None


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat * 10), math.floor(lon * 10)

