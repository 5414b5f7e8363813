"""The actor knowledge base: canonical actors, their aliases and force phrases.

Plain Python, no spaCy: `ActorKB.from_dir()` reads the lexicon's three files
(actors.jsonl, force_nouns.tsv, force_phrases.tsv), `to_dir()` writes them back.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import srsly

from ...codebook import ACTOR_TYPES
from ...errors import Errors, SahelNLPError

LEXICON_FILES = ("actors.jsonl", "force_nouns.tsv", "force_phrases.tsv", "context.yaml",
                 "country_actors.tsv")


class ActorRecord(NamedTuple):
    id: str
    name: str
    type: str
    parent: str | None
    country: tuple[str, ...]
    # the parent, its parent and so on: Katiba Macina -> ("jnim",)
    lineage: tuple[str, ...] = ()


class Alias(NamedTuple):
    text: str
    actor_id: str
    case_sensitive: bool


@dataclass
class ActorKB:
    """Actors by id, their aliases, and "<demonym> <force noun>" phrases."""

    records: dict[str, ActorRecord] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    # (force noun as written, noun class: "military", "police", ..., language)
    force_nouns: list[tuple[str, str, str]] = field(default_factory=list)
    # (demonym as written, noun class, actor id, language)
    force_phrases: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (country, role) -> actor id: whose "army" or "government" a bare phrase means
    country_actors: dict[tuple[str, str], str] = field(default_factory=dict)
    # role -> phrases; verbs that make a country name a state actor; person titles
    role_phrases: dict[str, list[str]] = field(default_factory=dict)
    state_verbs: frozenset[str] = frozenset()
    state_relations: frozenset[str] = frozenset()
    role_blockers: frozenset[str] = frozenset()
    state_nouns: frozenset[str] = frozenset()
    state_object_verbs: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    coordination_words: frozenset[str] = frozenset()
    version: str = ""
    # the lexicon files as read, so the KB can be written back byte for byte
    files: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def from_dir(cls, path: Path | None = None) -> "ActorKB":
        """Read the lexicon folder; None reads the one shipped in the package."""
        folder = Path(path) if path is not None else default_lexicon_dir()
        files = {}
        for name in LEXICON_FILES:
            file = folder / name
            if not file.exists():
                raise SahelNLPError(Errors.E002.format(path=file, what="actor lexicon"))
            files[name] = file.read_bytes()
        return cls.from_files(files, origin=folder)

    @classmethod
    def from_files(cls, files: dict[str, bytes], origin: Path | str = "lexicon") -> "ActorKB":
        """Build the KB from the contents of the three lexicon files."""
        kb = cls(files=dict(files))
        origin = Path(origin)
        kb._read_actors(files["actors.jsonl"].decode("utf-8"), origin / "actors.jsonl")
        kb.force_nouns = [(row["noun"], row["noun_class"], row.get("lang") or "en")
                          for row in _read_tsv(files["force_nouns.tsv"])]
        kb.force_phrases = [(row["demonym"], row["noun_class"], row["actor_id"], row.get("lang") or "en")
                            for row in _read_tsv(files["force_phrases.tsv"])]
        kb._set_lineages()
        kb.country_actors = {(row["country"], row["role"]): row["actor_id"]
                             for row in _read_tsv(files["country_actors.tsv"])}
        context = srsly.yaml_loads(files["context.yaml"].decode("utf-8"))
        kb.role_phrases = context["role_phrases"]
        kb.state_verbs = frozenset(context["state_verbs"])
        kb.state_relations = frozenset(context["state_relations"])
        kb.role_blockers = frozenset(context["role_blockers"])
        kb.state_nouns = frozenset(context["state_nouns"])
        kb.state_object_verbs = frozenset(context["state_object_verbs"])
        kb.person_titles = frozenset(context["person_titles"])
        kb.coordination_words = frozenset(context["coordination_words"])
        digest = hashlib.sha1(b"".join(files[name] for name in LEXICON_FILES))
        kb.version = digest.hexdigest()[:12]
        return kb

    def to_dir(self, path: Path) -> None:
        """Write the lexicon files into `path`."""
        path.mkdir(parents=True, exist_ok=True)
        for name, content in self.files.items():
            (path / name).write_bytes(content)

    def get(self, actor_id: str) -> ActorRecord | None:
        return self.records.get(actor_id)

    def _read_actors(self, text: str, file: Path) -> None:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                self._add_actor(line, file, number)

    def _add_actor(self, line: str, file: Path, number: int) -> None:
        try:
            row = json.loads(line)
            record = ActorRecord(id=row["id"], name=row["name"], type=row["type"],
                                 parent=row.get("parent"), country=tuple(row.get("country") or ()))
        except (json.JSONDecodeError, KeyError) as err:
            raise SahelNLPError(Errors.E001.format(
                path=file, line=number, problem=f"not a valid actor ({err})")) from err
        if record.type not in ACTOR_TYPES:
            raise SahelNLPError(Errors.E001.format(
                path=file, line=number, problem=f"unknown actor type '{record.type}'"))
        self.records[record.id] = record
        self.aliases.append(Alias(record.name, record.id, _looks_like_acronym(record.name)))
        for alias in row.get("aliases", []):
            self.aliases.append(Alias(alias["text"], record.id, bool(alias.get("case_sensitive", False))))

    def _set_lineages(self) -> None:
        for actor_id, record in self.records.items():
            lineage: list[str] = []
            parent = record.parent
            while parent and parent in self.records and parent not in lineage and parent != actor_id:
                lineage.append(parent)
                parent = self.records[parent].parent
            self.records[actor_id] = record._replace(lineage=tuple(lineage))

    def phrases(self) -> list[Alias]:
        """Every force phrase the lexicon implies, as aliases: "<demonym> <noun>" in
        English ("Malian soldiers"), "<noun> <demonym>" in French ("soldats maliens")."""
        nouns: dict[tuple[str, str], list[str]] = {}
        for noun, noun_class, lang in self.force_nouns:
            nouns.setdefault((noun_class, lang), []).append(noun)
        aliases = []
        for demonym, noun_class, actor_id, lang in self.force_phrases:
            for noun in nouns.get((noun_class, lang), []):
                text = f"{noun} {demonym}" if lang == "fr" else f"{demonym} {noun}"
                aliases.append(Alias(text, actor_id, False))
        return aliases

@lru_cache(maxsize=1)
def packaged_kb() -> ActorKB:
    """The actor lexicon shipped in the package, read once (for tables and event data)."""
    return ActorKB.from_dir()


def default_lexicon_dir() -> Path:
    return Path(str(resources.files("sahelnlp") / "data" / "actors"))


def _read_tsv(content: bytes) -> list[dict[str, str]]:
    lines = io.StringIO(content.decode("utf-8"), newline="")
    return [row for row in csv.DictReader(lines, delimiter="\t") if any(row.values())]


def _looks_like_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= len(letters) - 1 and len(name) <= 8


class UsesActorKB:
    """Serialization shared by the components that hold the actor lexicon: the lexicon
    files themselves, to a folder or as bytes. Subclasses implement `_load(kb)`."""

    kb: ActorKB | None

    def _load(self, kb: ActorKB) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        self.kb.to_dir(Path(path))

    def from_disk(self, path: str | Path, *, exclude=()):
        self._load(ActorKB.from_dir(Path(path)))
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        return srsly.msgpack_dumps(self.kb.files)

    def from_bytes(self, data: bytes, *, exclude=()):
        self._load(ActorKB.from_files(srsly.msgpack_loads(data)))
        return self
