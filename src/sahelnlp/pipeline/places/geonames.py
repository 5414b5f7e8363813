"""GeoNames country dumps (ML.txt, BF.txt … in GeoNames' own tab format) as gazetteer entries.

The dumps hold tens of thousands of villages, camps, wells and hills per country:
what the dense gazetteer adds to the packaged default. They are the user's to
fetch (`download_dumps`) or bring; sahelnlp never ships them.
"""

from __future__ import annotations

import csv
import io
import urllib.request
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ...normalize import is_latin
from .build import Entry, build_gazetteer, read_admin1
from .gazetteer import Gazetteer, PlaceRecord

COLUMNS = ["geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
           "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
           "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
           "modification_date"]
DOWNLOAD_URL = "https://download.geonames.org/export/dump/"

# Which GeoNames features the dense gazetteer keeps, and the codebook kind of each.
FACILITY_CODES = {"CMP", "CMPRF", "AIRP", "AIRF", "AIRB", "AIRH", "MN", "MNAU", "MNC", "INSM",
                  "PSTB", "PSTC", "MLTRY", "BLDG", "SCH", "HSP", "DAM", "BDG"}
NATURAL_CODES = {"STM", "STMI", "LK", "LKI", "LKS", "WLL", "MT", "MTS", "PLAT", "HLLS", "FRST",
                 "RSV", "ERG", "DPR"}
AREA_CODES = {"AREA", "RGN", "OAS", "DSRT"}
# GeoNames "localities" in these countries are mostly hamlets and camps: villages here.
VILLAGE_CODES = {"LCTY"}


def feature_kind(feature_class: str, code: str, population: int) -> str | None:
    """The codebook kind of a GeoNames feature, or None for features left out."""
    if feature_class == "P":
        if code == "PPLQ":
            return None  # abandoned places
        if code == "PPLC" or population >= 100_000:
            return "city"
        if code in ("PPLA", "PPLA2", "PPLA3") or population >= 5_000:
            return "town"
        return "village"
    if feature_class == "A":
        if code in ("PCLI", "PCL"):
            return "country"
        return "region" if code.startswith("ADM") and not code.endswith("H") else None
    if feature_class == "S":
        return "facility" if code in FACILITY_CODES else None
    if feature_class in ("H", "T", "V"):
        return "natural" if code in NATURAL_CODES else None
    if feature_class == "L":
        if code in VILLAGE_CODES:
            return "village"
        return "area" if code in AREA_CODES else None
    return None


def read_dump(path: Path, admin1: dict[tuple[str, str], str] | None = None) -> Iterator[Entry]:
    """The places of one GeoNames dump file that the dense gazetteer keeps."""
    frame = pd.read_csv(path, sep="\t", header=None, names=COLUMNS, dtype=str,
                        quoting=csv.QUOTE_NONE, keep_default_na=False, encoding="utf-8")
    admin1 = admin1 if admin1 is not None else read_admin1()
    admin2 = {(row.country_code, row.admin1_code, row.admin2_code): row.name
              for row in frame[frame.feature_code == "ADM2"].itertuples()}
    for row in frame.itertuples():
        population = int(row.population or 0)
        kind = feature_kind(row.feature_class, row.feature_code, population)
        if kind is None:
            continue
        record = PlaceRecord(
            id=f"geonames:{row.geonameid}", name=row.name, kind=kind, country=row.country_code,
            admin1=admin1.get((row.country_code, row.admin1_code)),
            admin2=admin2.get((row.country_code, row.admin1_code, row.admin2_code)),
            lat=round(float(row.latitude), 5), lon=round(float(row.longitude), 5),
            population=population,
        )
        alts = [a for a in row.alternatenames.split(",") if a and is_latin(a)]
        if row.asciiname and row.asciiname != row.name:
            alts.append(row.asciiname)
        yield record, alts


def dump_files(paths: Iterable[str | Path]) -> list[Path]:
    """GeoNames dump files named directly or found in folders (XX.txt, two capitals)."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.txt") if len(p.stem) == 2 and p.stem.isupper()))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such GeoNames dump file or folder")
    return files


def download_dumps(countries: Iterable[str], folder: Path, base_url: str = DOWNLOAD_URL) -> list[Path]:
    """Fetch GeoNames' own country exports (CC.zip) into `folder` and unpack CC.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for country in countries:
        code = country.upper()
        with urllib.request.urlopen(f"{base_url}{code}.zip", timeout=120) as response:
            archive = zipfile.ZipFile(io.BytesIO(response.read()))
        target = folder / f"{code}.txt"
        target.write_bytes(archive.read(f"{code}.txt"))
        files.append(target)
    return files


def build_dense(paths: Iterable[str | Path] = (), *, acled: Iterable[str | Path] = (),
                base: Gazetteer | None = None) -> Gazetteer:
    """A larger gazetteer for the user data folder: the packaged default (or `base`), the
    GeoNames dumps given (other countries, or newer dumps), and the locations of ACLED
    exports, then the supplement again, whose hand-checked rows win."""
    from .acled import acled_places
    from .gazetteer import default_gazetteer_path

    files = dump_files(paths)
    base = base if base is not None else Gazetteer.from_file(default_gazetteer_path())
    admin1 = read_admin1()
    extra = [read_dump(f, admin1) for f in files]
    sources = [f"GeoNames dump {f.name}" for f in files]
    for export in acled:
        extra.append(acled_places(export, base))
        sources.append(f"ACLED export {Path(export).name}")
    return build_gazetteer(*extra, name="sahel-dense", sources=sources, base=base.entries(),
                           base_sources=[f"packaged gazetteer {base.version}"])
