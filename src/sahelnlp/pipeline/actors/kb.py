"""The actor knowledge base: canonical actors, their aliases and force phrases.

Plain Python, no spaCy: `ActorKB.from_dir()` reads the lexicon's three files
(actors.jsonl, force_nouns.tsv, force_phrases.tsv), `to_dir()` writes them back.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ...errors import Messages, SahelNLPError

ACTOR_TYPES = {
    "state_forces", "jihadist", "rebel", "militia", "foreign_forces",
    "international", "government", "person", "generic",
}
LEXICON_FILES = ("actors.jsonl", "force_nouns.tsv", "force_phrases.tsv")


class ActorRecord(NamedTuple):
    id: str
    name: str
    type: str
    parent: str | None
    country: tuple[str, ...]


class Alias(NamedTuple):
    text: str
    actor_id: str
    case_sensitive: bool


@dataclass
class ActorKB:
    """Actors by id, their aliases, and "<demonym> <force noun>" phrases."""

    records: dict[str, ActorRecord] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    # (force noun as written, noun class: "military", "police", ...)
    force_nouns: list[tuple[str, str]] = field(default_factory=list)
    # (demonym as written, noun class, actor id)
    force_phrases: list[tuple[str, str, str]] = field(default_factory=list)
    version: str = ""

    @classmethod
    def from_dir(cls, path: Path | None = None) -> "ActorKB":
        """Read the lexicon folder; None reads the one shipped in the package."""
        folder = Path(path) if path is not None else default_lexicon_dir()
        kb = cls()
        digest = hashlib.sha1()
        for name in LEXICON_FILES:
            file = folder / name
            if not file.exists():
                raise SahelNLPError(Messages.E002.format(path=file, what="actor lexicon"))
            digest.update(file.read_bytes())
        kb._read_actors(folder / "actors.jsonl")
        kb._read_force_nouns(folder / "force_nouns.tsv")
        kb._read_force_phrases(folder / "force_phrases.tsv")
        kb.version = digest.hexdigest()[:12]
        return kb

    def to_dir(self, path: Path, source: Path | None = None) -> None:
        """Write the lexicon files into `path` (copies of the files it was read from)."""
        folder = source or default_lexicon_dir()
        path.mkdir(parents=True, exist_ok=True)
        for name in LEXICON_FILES:
            (path / name).write_bytes((folder / name).read_bytes())

    def get(self, actor_id: str) -> ActorRecord | None:
        return self.records.get(actor_id)

    def _read_actors(self, file: Path) -> None:
        with file.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    record = ActorRecord(
                        id=row["id"], name=row["name"], type=row["type"],
                        parent=row.get("parent"), country=tuple(row.get("country") or ()),
                    )
                except (json.JSONDecodeError, KeyError) as err:
                    raise SahelNLPError(Messages.E001.format(
                        path=file, line=number, problem=f"not a valid actor ({err})")) from err
                if record.type not in ACTOR_TYPES:
                    raise SahelNLPError(Messages.E001.format(
                        path=file, line=number, problem=f"unknown actor type '{record.type}'"))
                self.records[record.id] = record
                self.aliases.append(Alias(record.name, record.id, _looks_like_acronym(record.name)))
                for alias in row.get("aliases", []):
                    self.aliases.append(Alias(alias["text"], record.id,
                                              bool(alias.get("case_sensitive", False))))

    def _read_force_nouns(self, file: Path) -> None:
        self.force_nouns = [(row["noun"], row["noun_class"]) for row in _read_tsv(file)]

    def _read_force_phrases(self, file: Path) -> None:
        self.force_phrases = [
            (row["demonym"], row["noun_class"], row["actor_id"]) for row in _read_tsv(file)
        ]

    def phrases(self) -> list[Alias]:
        """Every "<demonym> <force noun>" phrase the lexicon implies, as aliases."""
        nouns_by_class: dict[str, list[str]] = {}
        for noun, noun_class in self.force_nouns:
            nouns_by_class.setdefault(noun_class, []).append(noun)
        return [
            Alias(f"{demonym} {noun}", actor_id, False)
            for demonym, noun_class, actor_id in self.force_phrases
            for noun in nouns_by_class.get(noun_class, [])
        ]


def default_lexicon_dir() -> Path:
    return Path(str(resources.files("sahelnlp") / "data" / "actors"))


def _read_tsv(file: Path) -> list[dict[str, str]]:
    with file.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if any(row.values())]


def _looks_like_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= len(letters) - 1 and len(name) <= 8
