"""`sahel_actors`: finds actor mentions and links them to the actor lexicon.

Placed before the statistical NER, so the NER keeps the spans it sets. Matches
are exact: aliases (case-sensitive ones on ORTH, the rest on LOWER, with their
diacritic and apostrophe variants) and "<demonym> <force noun>" phrases.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..base import GuardedComponent
from ...extensions import ACTOR_PREFIX, register_extensions
from ...normalize import strip_diacritics
from .kb import ActorKB, Alias, UsesActorKB

PERSON_TYPES = {"person"}


@Language.factory(
    "sahel_actors",
    default_config={"group_label": "ORG", "person_label": "PERSON", "overwrite_ents": True},
    assigns=["doc.ents", "doc._.kb_records"],
)
def make_actor_ruler(
    nlp: Language, name: str, *, group_label: str, person_label: str, overwrite_ents: bool
) -> "ActorRuler":
    return ActorRuler(nlp, name, group_label=group_label, person_label=person_label,
                      overwrite_ents=overwrite_ents)


class ActorRuler(UsesActorKB, GuardedComponent):
    """Sets actor entities with `kb_id_` "actor:<id>" and records in `doc._.kb_records`.

    group_label (str): entity label for groups, forces and organisations.
    person_label (str): entity label for person actors.
    overwrite_ents (bool): whether an actor match replaces an overlapping
        entity set earlier in the pipeline.
    """

    def __init__(self, nlp: Language, name: str = "sahel_actors", *, group_label: str = "ORG",
                 person_label: str = "PERSON", overwrite_ents: bool = True) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.group_label = group_label
        self.person_label = person_label
        self.overwrite_ents = overwrite_ents
        self.kb: ActorKB | None = None
        self._cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._uncased = PhraseMatcher(nlp.vocab, attr="LOWER")

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   lexicon: str | None = None) -> None:
        """Load the lexicon folder (None: the one shipped with the package)."""
        self._load(ActorKB.from_dir(Path(lexicon) if lexicon else None))

    def is_ready(self) -> bool:
        return self.kb is not None

    def process(self, doc: Doc) -> None:
        self._set_ents(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        """Actor spans in `doc`, longest first where they overlap."""
        spans = []
        for matcher in (self._cased, self._uncased):
            for match_id, start, end in matcher(doc):
                actor_id = self.nlp.vocab.strings[match_id]
                record = self.kb.records[actor_id]
                if record.type == "generic" and end - start == 1 and modifies_a_thing(doc[start]):
                    continue  # "a jihadist revolt", "terrorist violence": an adjective, not an actor
                label = self.person_label if record.type in PERSON_TYPES else self.group_label
                spans.append(Span(doc, start, end, label=label, kb_id=ACTOR_PREFIX + actor_id))
        return filter_spans(spans)

    def _set_ents(self, doc: Doc, spans: list[Span]) -> None:
        for span in spans:
            actor_id = span.kb_id_[len(ACTOR_PREFIX):]
            doc._.kb_records[span.kb_id_] = self.kb.records[actor_id]
        if self.overwrite_ents:
            taken = {i for span in spans for i in range(span.start, span.end)}
            kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
            doc.ents = filter_spans(spans + kept)
        else:
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            new = [span for span in spans if not taken.intersection(range(span.start, span.end))]
            doc.ents = list(doc.ents) + new

    def _load(self, kb: ActorKB) -> None:
        self.kb = kb
        self._cased = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._uncased = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        cased: dict[str, set[str]] = {}
        uncased: dict[str, set[str]] = {}
        for alias in self.kb.aliases + self.kb.phrases():
            table = cased if alias.case_sensitive else uncased
            table.setdefault(alias.actor_id, set()).update(spelling_variants(alias))
        for table, matcher in ((cased, self._cased), (uncased, self._uncased)):
            for actor_id, texts in table.items():
                matcher.add(actor_id, list(self.nlp.tokenizer.pipe(sorted(texts))))


def modifies_a_thing(token: Token) -> bool:
    """Whether a one-word actor name is used as an adjective of a thing ("jihadist revolt")."""
    return token.dep_ in ("amod", "compound") and token.head.pos_ == "NOUN" and token.i < token.head.i


def spelling_variants(alias: Alias) -> set[str]:
    """The alias as written plus its diacritic-free and apostrophe-swapped forms."""
    variants = {alias.text}
    variants.add(strip_diacritics(alias.text))
    for text in list(variants):
        for old, new in (("'", "’"), ("’", "'"), ("ʼ", "'")):
            if old in text:
                variants.add(text.replace(old, new))
    return variants
