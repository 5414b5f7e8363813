"""`sahel_entity_labels`: one entity label scheme for every language's base model.

The English base model labels entities in OntoNotes' scheme (PERSON, GPE, NORP…), the
French one in WikiNER's (PER, LOC, ORG, MISC). sahelnlp's components and the output
contract read OntoNotes labels, so a base model's labels are renamed right after its
NER: `PER` → `PERSON`. Labels the table does not name stay as they are.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.factory(
    "sahel_entity_labels",
    default_config={"labels": {}},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_entity_labels(nlp: Language, name: str, *, labels: dict[str, str]) -> "EntityLabels":
    return EntityLabels(name, labels=labels)


class EntityLabels:
    """labels (dict[str, str]): the base model's label → the label sahelnlp reads."""

    def __init__(self, name: str = "sahel_entity_labels", *, labels: dict[str, str] | None = None) -> None:
        self.name = name
        self.labels = dict(labels or {})

    def __call__(self, doc: Doc) -> Doc:
        if any(ent.label_ in self.labels for ent in doc.ents):
            doc.ents = [Span(doc, ent.start, ent.end, label=self.labels.get(ent.label_, ent.label_),
                             kb_id=ent.kb_id_) for ent in doc.ents]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)
