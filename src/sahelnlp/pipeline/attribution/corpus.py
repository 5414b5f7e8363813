"""Training examples for the attribution model: the gold corpus's documents of the wanted
parts (train, dev), and reviewed records from the annotation round trip (`sahelnlp
import` output), as spaCy Examples whose reference doc carries the gold claims.

Registered as the spaCy reader `sahelnlp.GoldClaims.v1`, so `spacy train` reads them
from the config (`[corpora.train]`, `[corpora.dev]`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

from ...errors import Errors, SahelNLPError
from ...evaluation.gold import GoldDoc, gold_articles, load_gold
from ...evaluation.split import SPLIT_FILE, doc_key, read_split
from ...extensions import register_extensions
from ...paths import input_roots
from .component import GOLD_KEY


@dataclass(frozen=True)
class GoldText:
    """One annotated text: what the pipeline reads and the claims it should find."""

    doc: str
    text: str
    published: str | None
    claims: list[dict]


def gold_texts(gold: str | Path, parts: list[str], *, split: str | Path | None = None,
               shared: str | Path | None = None, reviewed: list[str | Path] = (),
               langs: list[str] = ()) -> list[GoldText]:
    """The gold documents of the wanted parts (and languages; none named: all) with their
    texts, then the reviewed records (every one of them: reviewed output has no part)."""
    split_path = Path(split) if split else Path(gold) / SPLIT_FILE
    rows = read_split(split_path)
    items = [item for item in load_gold([gold])
             if (rows[doc_key(item)].split if doc_key(item) in rows else "unsplit") in parts
             and (not langs or _lang(item, rows) in langs)]
    items += load_gold(list(reviewed)) if reviewed else []
    if not items:
        raise SahelNLPError(Errors.E007.format(parts=", ".join(parts), gold=gold, split=split_path))
    # a reviewed record replaces the gold of the same article: it comes later in `items`
    by_id: dict[str, GoldDoc] = {item.doc: item for item in items}
    found: dict[str, GoldText] = {}
    for article in gold_articles(items, input_roots(Path(shared) if shared else None)):
        item = by_id.get(article.id)
        if item is None or not article.ok or article.id in found:
            continue  # a text that changed since it was annotated, or is missing: not taught
        found[article.id] = GoldText(article.id, article.text, article.published, item.claims)
    return sorted(found.values(), key=lambda g: g.doc)


def _lang(item: GoldDoc, rows: dict) -> str:
    row = rows.get(doc_key(item))
    return (row.lang if row else None) or item.lang or "en"


def examples(nlp: Language, texts: list[GoldText]) -> Iterator[Example]:
    """One Example per text: the predicted doc with its publication date, the reference
    doc with its gold claims."""
    register_extensions()
    for item in texts:
        predicted = nlp.make_doc(item.text)
        predicted._.published = item.published
        reference = nlp.make_doc(item.text)
        reference.user_data[GOLD_KEY] = item.claims
        yield Example(predicted, reference)


@registry.readers("sahelnlp.GoldClaims.v1")
def create_gold_claims_reader(gold: str, parts: list[str], split: str | None = None, shared: str | None = None,
                              reviewed: list[str] = (), langs: list[str] = ()) -> Callable[[Language], Iterator[Example]]:
    """A reader of gold claims for `spacy train`: the documents of `parts` (train, dev,
    test, unsplit) and `langs` (none: all) of the gold folder, plus reviewed records
    (`sahelnlp import` output)."""
    loaded: list[GoldText] = []

    def read(nlp: Language) -> Iterator[Example]:
        if not loaded:
            loaded.extend(gold_texts(gold, list(parts), split=split, shared=shared, reviewed=list(reviewed),
                                     langs=list(langs)))
        yield from examples(nlp, loaded)

    return read
