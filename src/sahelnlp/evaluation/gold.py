"""Gold annotations (corpus/gold/FORMAT.md): loading them and finding their texts."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..article import Article
from ..errors import Errors, SahelNLPError
from ..readers import read_inputs


@dataclass
class GoldDoc:
    """One gold file: an article's claims, place mentions and actor mentions."""

    doc: str
    input: str
    text_sha1: str
    claims: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    incidents: list[dict] = field(default_factory=list)
    lang: str | None = None
    annotator: str | None = None
    path: Path | None = None
    # the annotated article itself, for gold made of reviewed output records
    article: Article | None = None


def load_gold(paths: Iterable[str | Path]) -> list[GoldDoc]:
    """Gold files from files or folders (recursed), sorted by path. A `.jsonl` file is
    sahelnlp output: its reviewed records (`sahelnlp import`) are gold."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise SahelNLPError(Errors.E120.format(path=path))
    found: list[GoldDoc] = []
    for file in files:
        found.extend(_reviewed(file) if file.suffix == ".jsonl" else [_read(file)])
    return found


def _reviewed(file: Path) -> list[GoldDoc]:
    """Gold from the reviewed records of an output file."""
    from ..validate import read_records

    docs = []
    for record in read_records(file):
        if (record.get("review") or {}).get("status") != "reviewed" or record.get("text") is None:
            continue
        docs.append(gold_from_record(record, file))
    if not docs:
        raise SahelNLPError(Errors.E121.format(path=file))
    return docs


def gold_from_record(record: dict, file: Path | None = None) -> GoldDoc:
    """A reviewed output record in the gold corpus's form (FORMAT.md)."""
    places = {p["id"]: p for p in record["places"]}

    def place_of(place_id):
        place = places.get(place_id or "")
        return None if place is None else {k: place[k] for k in ("name", "country", "lat", "lon", "kind")}

    claims = [{**{k: v for k, v in claim.items() if k not in ("quantity_span", "victim_span", "trigger_span", "score")},
               "span": claim["quantity_span"], "place": place_of(claim["place"])} for claim in record["claims"]]
    mentions = [{"start": start, "end": end, "text": record["text"][start:end], "name": p["name"],
                 "country": p["country"], "kind": p["kind"], "lat": p["lat"], "lon": p["lon"]}
                for p in record["places"] for start, end in p["mentions"]]
    meta = record.get("meta") or {}
    article = Article(id=record["id"], text=record["text"], source=meta.get("source") or str(file),
                      title=meta.get("title"), url=meta.get("url"), published=meta.get("published"),
                      lang=meta.get("lang"))
    return GoldDoc(doc=record["id"], input=str(file or ""), text_sha1=sha1(record["text"]), claims=claims,
                   places=sorted(mentions, key=lambda m: m["start"]),
                   actors=[{"id": a["id"], "name": a["name"], "mentions": a["mentions"]} for a in record["actors"]],
                   lang=meta.get("lang"), path=file, article=article)


def _read(file: Path) -> GoldDoc:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return GoldDoc(doc=data["doc"], input=data["input"], text_sha1=data["text_sha1"],
                       claims=data.get("claims", []), places=data.get("places", []),
                       actors=data.get("actors", []), incidents=data.get("incidents", []),
                       lang=data.get("lang"), annotator=data.get("annotator"), path=file)
    except (json.JSONDecodeError, KeyError) as err:
        raise SahelNLPError(Errors.E122.format(path=file, error=err)) from err


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def gold_articles(gold: list[GoldDoc], roots: list[Path]) -> Iterator[Article]:
    """The articles the gold files annotate, read from their inputs under `roots`.

    `input` paths are relative to the shared folder (seeds/, dev-articles/) or to
    the corpus folder (constructed/); each root is tried in turn. An article whose input
    gives no language takes the gold file's `lang`, so it is read by that language's
    pipeline. An article whose text no longer matches `text_sha1` is yielded with an
    error, so the evaluation can say so instead of scoring against shifted offsets.
    """
    wanted: dict[str, set[str]] = {}
    for item in gold:
        if item.article is not None:
            yield item.article
            continue
        wanted.setdefault(item.input, set()).add(item.doc)
    by_key: dict[tuple[str, str], GoldDoc] = {(g.input, g.doc): g for g in gold}
    for input_path, ids in wanted.items():
        source = _locate(input_path, roots)
        if source is None:
            for doc_id in sorted(ids):
                yield Article(id=doc_id, text="", source=input_path,
                              errors=[Errors.E136.format(input=input_path, roots=", ".join(map(str, roots)))])
            continue
        for article in read_inputs([str(source)]):
            gold_doc = by_key.get((input_path, article.id))
            if gold_doc is None:
                continue
            if article.ok and sha1(article.text) != gold_doc.text_sha1:
                article.errors.append(Errors.E135.format(path=gold_doc.path, doc=article.id))
            article.lang = article.lang or gold_doc.lang  # a seed .txt has none: the gold's routes it
            yield article


def find_article(input_path: str, doc_id: str, roots: list[Path]) -> Article:
    """One article of a gold input, by its id; SahelNLPError when it is not there."""
    source = _locate(input_path, roots)
    if source is None:
        raise SahelNLPError(Errors.E123.format(input=input_path, roots=", ".join(map(str, roots))))
    for article in read_inputs([str(source)]):
        if article.id == doc_id:
            return article
    raise SahelNLPError(Errors.E124.format(source=source, doc=doc_id))


def _locate(input_path: str, roots: list[Path]) -> Path | None:
    for root in roots:
        candidate = root / input_path
        if candidate.exists():
            return candidate
    return None
