"""What corrections teach the data: new aliases for actors, new places for the gazetteer.

`propose` reads reviewed records and compares them with the packaged lexicon and
gazetteer supplement: an actor mention whose words are not yet one of its actor's
names becomes an alias; a place the annotator gave coordinates becomes a supplement
row. The result is a unified diff of the data files, to review and `git apply`.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from functools import lru_cache
from importlib import resources
from pathlib import PurePosixPath

from ..normalize import fold
from .rebuild import NEW_PLACE_PREFIX, Knowledge

ACTORS_FILE = PurePosixPath("src/sahelnlp/data/actors/actors.jsonl")
SUPPLEMENT_FILE = PurePosixPath("src/sahelnlp/data/gazetteer/supplement.tsv")


def propose(records: list[dict]) -> tuple[str, dict[str, int]]:
    """The diff, and how many aliases and places it adds."""
    reviewed = [r for r in records if (r.get("review") or {}).get("status") == "reviewed"]
    actors_text = _package_text("data/actors/actors.jsonl")
    supplement_text = _package_text("data/gazetteer/supplement.tsv")
    aliases = _new_aliases(reviewed, actors_text)
    places = _new_places(reviewed, supplement_text)
    diff = _diff(ACTORS_FILE, actors_text, _with_aliases(actors_text, aliases))
    diff += _diff(SUPPLEMENT_FILE, supplement_text, supplement_text + "".join(places))
    return diff, {"aliases": sum(len(v) for v in aliases.values()), "places": len(places)}


def _package_text(name: str) -> str:
    return (resources.files("sahelnlp") / name).read_text(encoding="utf-8")


def _known_names() -> dict[str, set[str]]:
    from ..pipeline.actors.kb import ActorKB

    kb = ActorKB.from_dir()
    names: dict[str, set[str]] = {}
    for alias in [*kb.aliases, *kb.phrases()]:
        names.setdefault(alias.actor_id, set()).add(fold(alias.text))
    generic = {fold(p) for phrases in kb.role_phrases.values() for p in phrases}
    names["*"] = generic  # "the army", "the junta": the article's country decides
    return names


def _new_aliases(records: list[dict], actors_text: str) -> dict[str, list[tuple[str, str]]]:
    """actor id → [(alias, who and when)] for mentions under names the lexicon lacks."""
    in_lexicon = {json.loads(line)["id"] for line in actors_text.splitlines() if line.strip()}
    known = _known_names()
    found: dict[str, list[tuple[str, str]]] = {}
    for record in records:
        stamp = _stamp(record)
        for entity in record["entities"]:
            kb_id = entity.get("kb_id") or ""
            if not kb_id.startswith("actor:"):
                continue
            actor_id = kb_id.split(":", 1)[1]
            key = fold(entity["text"])
            if actor_id not in in_lexicon or not key or key in known.get(actor_id, set()) or key in known["*"]:
                continue
            if _names_a_country(entity["text"]):
                continue  # "Mali confirmed…": the linker makes a state of a country by its verb
            if _joins_names(entity["text"]):
                continue  # "Mali, Defense ministry": two names in one span, no one's alias
            known.setdefault(actor_id, set()).add(key)
            found.setdefault(actor_id, []).append((entity["text"], stamp))
    return found


SEPARATORS = frozenset(",;/()[]\n|")


def _joins_names(text: str) -> bool:
    """Whether a span holds more than one name: a list separator, or a word that joins
    names ("and", "et" — the lexicon's coordination words)."""
    from ..pipeline.actors.kb import packaged_kb

    if SEPARATORS & set(text):
        return True
    return any(word in packaged_kb().coordination_words for word in fold(text).split())


def _names_a_country(text: str) -> bool:
    return any(place.kind == "country" for place in _gazetteer().lookup(text))


@lru_cache(maxsize=1)
def _gazetteer():
    return Knowledge().gazetteer


def _with_aliases(actors_text: str, aliases: dict[str, list[tuple[str, str]]]) -> str:
    lines = []
    for line in actors_text.splitlines(keepends=True):
        row = json.loads(line) if line.strip() else None
        if row is None or row["id"] not in aliases:
            lines.append(line)
            continue
        for text, stamp in aliases[row["id"]]:
            row["aliases"].append({"text": text, "lang": "any", "case_sensitive": False})
        stamps = sorted({stamp for _, stamp in aliases[row["id"]]})
        row["source"] = f"{row.get('source', '')}; aliases from review ({', '.join(stamps)})".lstrip("; ")
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
    return "".join(lines)


def _new_places(records: list[dict], supplement_text: str) -> list[str]:
    header = next(csv.reader(io.StringIO(supplement_text), delimiter="\t"))
    existing = {row[0] for row in csv.reader(io.StringIO(supplement_text), delimiter="\t")}
    rows = []
    for record in records:
        for place in record["places"]:
            if not place["id"].startswith(NEW_PLACE_PREFIX) or place["id"] in existing:
                continue
            existing.add(place["id"])
            new_id = "sahel:" + place["id"][len(NEW_PLACE_PREFIX):]
            values = {"id": new_id, "name": place["name"], "kind": place["kind"], "country": place["country"] or "",
                      "admin1": place["admin1"] or "", "admin2": place["admin2"] or "",
                      "lat": f"{place['lat']:.4f}", "lon": f"{place['lon']:.4f}", "population": "0",
                      "alt_names": "", "geonames_id": "",
                      "source": f"annotator's coordinates, review of article {record['id']} ({_stamp(record)})"}
            rows.append("\t".join(values.get(column, "") for column in header) + "\n")
    return rows


def _stamp(record: dict) -> str:
    review = record.get("review") or {}
    return " ".join(str(v) for v in (review.get("tool"), review.get("annotator"), review.get("time")) if v)


def _diff(path: PurePosixPath, before: str, after: str) -> str:
    if before == after:
        return ""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
