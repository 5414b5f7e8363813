"""Build `src/sahelnlp/data/maps/sahel_outlines.topo.json`, the country and admin-1
outlines `sahelnlp report` draws its map over.

Source: Natural Earth 1:10m Admin-0 and Admin-1 v4.1.0 (public domain), as generalised
in the `world_map.gpkg` Debian's `qgis-common` package ships. The file is built once and
committed; neither QGIS nor the libraries below are needed to run or test sahelnlp.

    apt-get download qgis-common && dpkg -x qgis-common_*.deb qgis
    python -m venv /tmp/geo && /tmp/geo/bin/pip install geopandas topojson
    /tmp/geo/bin/python scripts/build_outlines.py \
        qgis/usr/share/qgis/resources/data/world_map.gpkg

Outlines are clipped to the box below, simplified by `--tolerance` degrees and
quantised, which keeps the file near 165 kB.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import geopandas
import shapely
import topojson

BOX = (-18.0, 4.0, 25.0, 28.0)  # west, south, east, north: the Sahel and its neighbours
TARGET = Path(__file__).resolve().parents[1] / "src" / "sahelnlp" / "data" / "maps" / "sahel_outlines.topo.json"
SOURCE = ("Natural Earth 1:10m Admin-0 and Admin-1 v4.1.0 (public domain, naturalearthdata.com), as generalised "
          "in world_map.gpkg of Debian's qgis-common 3.22.16; clipped and simplified by scripts/build_outlines.py")


def read_layer(gpkg: Path, layer: str, fields: dict[str, str], tolerance: float) -> geopandas.GeoDataFrame:
    """The layer's features inside BOX, clipped, simplified and rounded to 0.001 degree."""
    frame = geopandas.read_file(gpkg, layer=layer, bbox=BOX, columns=list(fields)).rename(columns=fields)
    clipped = frame.geometry.intersection(shapely.box(*BOX)).simplify(tolerance)
    frame = frame.set_geometry(shapely.set_precision(clipped.values, 0.001))
    return frame[~frame.geometry.is_empty][[*fields.values(), "geometry"]].reset_index(drop=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gpkg", type=Path, help="world_map.gpkg from qgis-common")
    parser.add_argument("--tolerance", type=float, default=0.02, help="simplification, in degrees")
    parser.add_argument("-o", "--output", type=Path, default=TARGET)
    args = parser.parse_args()
    countries = read_layer(args.gpkg, "countries", {"iso_a2": "iso_a2", "NAME": "name"}, args.tolerance)
    admin1 = read_layer(args.gpkg, "states_provinces", {"iso_a2": "iso_a2", "name": "name"}, args.tolerance)
    topology = topojson.Topology([countries, admin1], object_name=["countries", "admin1"], prequantize=1e5,
                                 toposimplify=args.tolerance).to_dict()
    topology["bbox"] = list(BOX)
    topology["source"] = SOURCE
    topology["licence"] = "public domain (Natural Earth terms of use)"
    args.output.write_text(json.dumps(topology, separators=(",", ":")), encoding="utf-8")
    print(f"{args.output}: {len(countries)} countries, {len(admin1)} admin-1 units, "
          f"{args.output.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
