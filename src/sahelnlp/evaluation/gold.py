"""Gold annotations (corpus/gold/FORMAT.md): loading them and finding their texts."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..article import Article
from ..errors import SahelNLPError
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
    path: Path | None = None


def load_gold(paths: Iterable[str | Path]) -> list[GoldDoc]:
    """Gold files from files or folders (recursed), sorted by path."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise SahelNLPError(f"Gold path {path} not found. Pass gold files or folders "
                                "(the corpus ships them in corpus/gold).")
    return [_read(file) for file in files]


def _read(file: Path) -> GoldDoc:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return GoldDoc(doc=data["doc"], input=data["input"], text_sha1=data["text_sha1"],
                       claims=data.get("claims", []), places=data.get("places", []),
                       actors=data.get("actors", []), path=file)
    except (json.JSONDecodeError, KeyError) as err:
        raise SahelNLPError(f"{file}: not a gold file ({err}). See corpus/gold/FORMAT.md.") from err


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def gold_articles(gold: list[GoldDoc], roots: list[Path]) -> Iterator[Article]:
    """The articles the gold files annotate, read from their inputs under `roots`.

    `input` paths are relative to the shared folder (seeds/, dev-articles/) or to
    the corpus folder (constructed/); each root is tried in turn. An article whose
    text no longer matches `text_sha1` is yielded with an error, so the evaluation
    can say so instead of scoring against shifted offsets.
    """
    wanted: dict[str, set[str]] = {}
    for item in gold:
        wanted.setdefault(item.input, set()).add(item.doc)
    by_key: dict[tuple[str, str], GoldDoc] = {(g.input, g.doc): g for g in gold}
    for input_path, ids in wanted.items():
        source = _locate(input_path, roots)
        if source is None:
            for doc_id in sorted(ids):
                yield Article(id=doc_id, text="", source=input_path,
                              errors=[f"gold input {input_path} not found under "
                                      f"{', '.join(map(str, roots))}"])
            continue
        for article in read_inputs([str(source)]):
            gold_doc = by_key.get((input_path, article.id))
            if gold_doc is None:
                continue
            if article.ok and sha1(article.text) != gold_doc.text_sha1:
                article.errors.append(f"{gold_doc.path}: the text of {article.id} changed since "
                                      "it was annotated (text_sha1 differs); re-annotate it")
            yield article


def _locate(input_path: str, roots: list[Path]) -> Path | None:
    for root in roots:
        candidate = root / input_path
        if candidate.exists():
            return candidate
    return None
