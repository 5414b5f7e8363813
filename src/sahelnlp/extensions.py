"""Extension attributes that sahelnlp's components write and the output reads.

Links themselves live where spaCy puts them (`Span.kb_id_`, as "actor:<id>" or
"place:<id>"); these attributes carry what a kb_id cannot.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .normalize import french_base

ACTOR_PREFIX = "actor:"
PLACE_PREFIX = "place:"

# spaCy copies a mutable default on first access, so each doc gets its own.
_DOC_EXTENSIONS = {
    # kb_id -> ActorRecord | PlaceRecord for every entity linked in the doc
    "kb_records": {},
    # Claim objects, in text order
    "claims": [],
    # processing problems of this doc, as messages for the record's `errors`
    "processing_errors": [],
    # ISO date the article was published, set by the runner before the pipeline
    "published": None,
}
_SPAN_EXTENSIONS = {
    # confidence of the span's kb_id link, 0..1
    "link_score": None,
    # ACLED-style geo precision of a place mention: 1 the place itself, 2 near it
    # ("30 km north of Timbuktu", "près de Téra"), 3 a region, a country or an area
    "geo_precision": None,
    # the best other candidates of a place link, for review: (id, score, match)
    "link_candidates": None,
}

_TOKEN_GETTERS = {
    # the form French word lists are matched on: no elision, no plural ("d’assaillants" → "assaillant")
    "lookup_form": lambda token: french_base(token.lower_),
}


def register_extensions() -> None:
    """Register the extension attributes once; later calls do nothing."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, getter in _TOKEN_GETTERS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)


def actor_record(doc: Doc, actor_id: str | None):
    """The ActorRecord a doc links `actor_id` to, or None."""
    return doc._.kb_records.get(ACTOR_PREFIX + actor_id) if actor_id else None


def place_record(doc: Doc, place_id: str | None):
    """The PlaceRecord a doc links `place_id` to, or None."""
    return doc._.kb_records.get(PLACE_PREFIX + place_id) if place_id else None


register_extensions()
