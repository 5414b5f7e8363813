"""The place slot (codebook section 1, `place`): the most specific place the claim's
sentence ties the event to, when only one is that specific."""

from __future__ import annotations

from spacy.tokens import Span

from ....codebook import PLACE_SPECIFICITY
from ....extensions import PLACE_PREFIX
from ..context import DocContext
from ..types import Finding

# "evacuated to Niamey", "fled from Djibo", "the border with Mali": where people went or
# what was bordered, not where the event happened
_ELSEWHERE = ("to", "from", "with", "toward", "towards")


class PlaceReader:
    """The place of a claim from its sentence's linked place mentions."""

    def read(self, ctx: DocContext, sent: Span, source_chars: tuple[int, int] | None = None) -> Finding | None:
        """Finding(place id, rule), or None when the sentence places nothing, or two
        places equally specific. Places where people went and places in the source's own
        words ("a source at the Sévaré hospital") do not count."""
        places = [ctx.doc._.kb_records[ent.kb_id_] for ent in ctx.ents(sent)
                  if ent.kb_id_.startswith(PLACE_PREFIX) and not _elsewhere(ent)
                  and ent.kb_id_ in ctx.doc._.kb_records
                  and not (source_chars and source_chars[0] <= ent.start_char < source_chars[1])]
        if not places:
            return None
        best = max(PLACE_SPECIFICITY.get(p.kind, 0) for p in places)
        ids = {p.id for p in places if PLACE_SPECIFICITY.get(p.kind, 0) == best}
        return Finding(ids.pop(), "place.own_sentence") if len(ids) == 1 else None


def _elsewhere(ent: Span) -> bool:
    return ent.root.dep_ == "pobj" and ent.root.head.lower_ in _ELSEWHERE
