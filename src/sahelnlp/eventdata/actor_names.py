"""The names ACLED and UCDP GED give sahelnlp's canonical actors, for exports and joins.

- `acled_name(actor_id, country)`: the name ACLED uses in its exports, current period
  ("fama" → "Military Forces of Mali (2021-)", "civilians" in Mali → "Civilians (Mali)");
- `acled_inter(actor_id)`: ACLED's inter code (1 State forces, 2 Rebel groups, 3 Political
  militias, 4 Identity militias, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other
  forces);
- `ucdp_name(actor_id, country)`: the side UCDP GED names ("fama" → "Government of Mali");
- `ucdp_actor_ids(name)` and `acled_name_ids(name)`: the way back, a dataset's name to
  canonical ids.

The table is package data, `data/eventdata/actor_names.tsv` (columns actor_id, acled_name,
acled_inter, ucdp_name, source): one row per canonical actor that is not a person. A
`{country}` in a name stands for the country's name (`country_name`). Each row's `source`
says whether a name was seen in ACLED's notes or the ACLED actor table, or follows the
dataset's naming pattern, and whether the UCDP name is from UCDP's actor list (recalled,
not checked offline) or follows its pattern; an empty UCDP name means UCDP names no such
side (unidentified perpetrators, peacekeeping missions, aid organisations).

ACLED: Armed Conflict Location & Event Data Project, acleddata.com. UCDP GED: Uppsala
Conflict Data Program Georeferenced Event Dataset, ucdp.uu.se.
"""

from __future__ import annotations

import csv
import re
from fnmatch import fnmatchcase
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..countries import country_name
from .acled import acled_actor_ids, normalize_acled_actor

TABLE = "data/eventdata/actor_names.tsv"
COUNTRY = "{country}"

class ActorNames(NamedTuple):
    """One row of the table: an actor's names in ACLED and UCDP GED."""

    actor_id: str
    acled_name: str
    acled_inter: int | None
    ucdp_name: str | None
    source: str


@lru_cache(maxsize=1)
def actor_names_table() -> dict[str, ActorNames]:
    """The table `data/eventdata/actor_names.tsv`, by actor id.

    RETURNS (dict[str, ActorNames]): every row, in file order.
    """
    text = resources.files("sahelnlp").joinpath(TABLE).read_text(encoding="utf-8")
    rows = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        inter = row["acled_inter"].strip()
        rows[row["actor_id"]] = ActorNames(row["actor_id"], row["acled_name"], int(inter) if inter else None,
                                           row["ucdp_name"] or None, row["source"])
    return rows


def acled_name(actor_id: str, country: str | None = None) -> str | None:
    """The name ACLED gives an actor in its exports.

    actor_id (str): a canonical actor id ("fama", "civilians").
    country (str | None): ISO code or name of the event's country, for the names that hold
        one ("Civilians (Mali)"); without it those names are None.
    RETURNS (str | None): the name; None for an actor the table lacks (persons).
    """
    row = actor_names_table().get(actor_id)
    return _fill(row.acled_name, country) if row else None


def acled_inter(actor_id: str) -> int | None:
    """ACLED's inter code of an actor (1 State forces … 8 External/Other forces); None for
    an actor the table lacks."""
    row = actor_names_table().get(actor_id)
    return row.acled_inter if row else None


def ucdp_name(actor_id: str, country: str | None = None) -> str | None:
    """The side UCDP GED names for an actor ("fama" → "Government of Mali").

    actor_id (str): a canonical actor id.
    country (str | None): ISO code or name of the event's country, for names that hold one.
    RETURNS (str | None): the name; None when UCDP names no such side.
    """
    row = actor_names_table().get(actor_id)
    return _fill(row.ucdp_name, country) if row and row.ucdp_name else None


def ucdp_actor_ids(name: str | None) -> tuple[str, ...] | None:
    """The canonical ids a UCDP GED side name stands for: "Government of Mali" → Mali's
    state forces and government, "IS" → every Islamic State branch, "Civilians" →
    civilians. Several sides joined with ", " give the ids of each.

    name (str | None): the side as UCDP writes it.
    RETURNS (tuple[str, ...] | None): the ids in table order; None for an unknown name.
    """
    if not name or not name.strip():
        return None
    index = _ucdp_index()
    wanted = " ".join(name.split())
    if wanted in index:
        return index[wanted]
    parts = [index.get(part.strip()) for part in wanted.split(", ")]
    if len(parts) < 2 or all(p is None for p in parts):
        return None
    return tuple(dict.fromkeys(i for part in parts if part for i in part))


def acled_name_ids(name: str | None) -> tuple[str, ...] | None:
    """The canonical ids of an ACLED actor name: the ACLED actor table first
    (`acled_actor_ids`), then the names of this table, period and country ignored (so
    "Military Forces of Senegal (2024-)" finds "senegal-army").

    RETURNS (tuple[str, ...] | None): the ids; None for a name neither table knows, an
    empty tuple for one outside the codebook (protesters).
    """
    found = acled_actor_ids(name)
    if found is not None or not name:
        return found
    wanted = normalize_acled_actor(name)
    ids = tuple(i for pattern, group in _acled_patterns() if fnmatchcase(wanted, pattern) for i in group)
    return tuple(dict.fromkeys(ids)) or None


@lru_cache(maxsize=1)
def _ucdp_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for row in actor_names_table().values():
        if row.ucdp_name:
            index.setdefault(row.ucdp_name, []).append(row.actor_id)
    return {name: tuple(ids) for name, ids in index.items()}


@lru_cache(maxsize=1)
def _acled_patterns() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """This table's ACLED names without their period, `{country}` as a wildcard."""
    patterns: dict[str, list[str]] = {}
    for row in actor_names_table().values():
        pattern = normalize_acled_actor(row.acled_name).replace(COUNTRY, "*")
        patterns.setdefault(re.sub(r"([\[\]?])", r"[\1]", pattern), []).append(row.actor_id)
    return tuple((p, tuple(ids)) for p, ids in patterns.items())


def _fill(name: str, country: str | None) -> str | None:
    if COUNTRY not in name:
        return name
    full = country_name(country)
    return name.replace(COUNTRY, full) if full else None
