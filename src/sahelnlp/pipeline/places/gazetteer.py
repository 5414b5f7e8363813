"""The gazetteer: place records by id and a folded-name index over them.

Plain Python, no spaCy. A gazetteer is one msgpack file (columns of records plus
the name index) written by `build.py`; it loads in a fraction of a second.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import srsly

from ...errors import Errors, SahelNLPError
from ...normalize import fold, squash

COLUMNS = ("id", "name", "kind", "country", "admin1", "admin2", "lat", "lon", "population")
DEFAULT_FILE = "default.msgpack"


class PlaceRecord(NamedTuple):
    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int


@dataclass
class Gazetteer:
    """Place records and the index from folded names to record positions.

    columns (dict): one list per field of `PlaceRecord`, all of equal length.
    names (dict): folded name → positions of the records that bear it.
    squashed (dict): the same keys without spaces ("tinzaouaten" for "tin zaouaten").
    meta (dict): version, sources, attribution, record count.
    """

    columns: dict[str, list]
    names: dict[str, list[int]]
    squashed: dict[str, list[int]]
    meta: dict

    @classmethod
    def from_file(cls, path: Path | None = None) -> "Gazetteer":
        file = Path(path) if path is not None else default_gazetteer_path()
        if not file.exists():
            raise SahelNLPError(Errors.E002.format(path=file, what="gazetteer"))
        return cls.from_bytes(file.read_bytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> "Gazetteer":
        content = srsly.msgpack_loads(data)
        return cls(columns=content["columns"], names=content["names"],
                   squashed=content["squashed"], meta=content["meta"])

    @classmethod
    def from_records(cls, records: list[PlaceRecord], alt_names: list[list[str]],
                     meta: dict) -> "Gazetteer":
        """Index records; `alt_names[i]` are the other spellings of `records[i]`."""
        columns = {name: [getattr(rec, name) for rec in records] for name in COLUMNS}
        names: dict[str, list[int]] = {}
        squashed: dict[str, list[int]] = {}
        for position, (record, alts) in enumerate(zip(records, alt_names)):
            for spelling in {record.name, *alts}:
                key = fold(spelling)
                if not key:
                    continue
                _add(names, key, position)
                _add(squashed, key.replace(" ", ""), position)
        body = srsly.msgpack_dumps({"columns": columns, "names": names, "squashed": squashed})
        meta = {**meta, "records": len(records),
                "version": meta.get("version") or hashlib.sha1(body).hexdigest()[:12]}
        return cls(columns=columns, names=names, squashed=squashed, meta=meta)

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps({"columns": self.columns, "names": self.names,
                                    "squashed": self.squashed, "meta": self.meta})

    def to_file(self, path: Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    def __len__(self) -> int:
        return len(self.columns["id"])

    def record(self, position: int) -> PlaceRecord:
        return PlaceRecord(*(self.columns[name][position] for name in COLUMNS))

    def lookup(self, name: str) -> list[PlaceRecord]:
        """Records whose name or alternate name folds to the same key as `name`."""
        positions = self.names.get(fold(name)) or self.squashed.get(squash(name)) or []
        return [self.record(p) for p in positions]

    def get(self, place_id: str) -> PlaceRecord | None:
        """The record with this id ("geonames:2460596"), or None."""
        if not hasattr(self, "_positions"):
            self._positions = {pid: i for i, pid in enumerate(self.columns["id"])}
        position = self._positions.get(place_id)
        return self.record(position) if position is not None else None

    def entries(self) -> list[tuple[PlaceRecord, list[str]]]:
        """Every record with the (folded) names that reach it: the gazetteer as a source
        to build a larger one from."""
        names: list[list[str]] = [[] for _ in range(len(self))]
        for key, positions in self.names.items():
            for position in positions:
                names[position].append(key)
        return [(self.record(i), names[i]) for i in range(len(self))]

    def has_name(self, key: str) -> bool:
        """Whether a folded key names any record."""
        return key in self.names

    @property
    def version(self) -> str:
        return f"{self.meta.get('name', 'gazetteer')}-{self.meta['version']}"


def default_gazetteer_path() -> Path:
    return Path(str(resources.files("sahelnlp") / "data" / "gazetteer" / DEFAULT_FILE))


def _add(index: dict[str, list[int]], key: str, position: int) -> None:
    positions = index.setdefault(key, [])
    if position not in positions:
        positions.append(position)
