"""The flag slots (codebook section 1): `aggregate` — a number that sums a period, an area
or many incidents — and `superseded` — a figure the text marks as replaced by a later
one. (`claimed` follows from the source: see SourceReader.is_party_claim; `negated` is a
zero.)"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..context import DocContext
from ..lexicon import ClaimLexicon
from ..quantities import Quantity
from ..types import Finding
from .when import DateReader

# prepositions that may stand with a bare year in a DATE entity ("in 2023")
_YEAR_PREPOSITIONS = ("in", "of", "for", "during")


class FlagReader:
    """Aggregate and superseded, from the claim's sentence."""

    def __init__(self, words: ClaimLexicon, dates: DateReader) -> None:
        self.words = words
        self.dates = dates

    def aggregate(self, ctx: DocContext, sent: Span, quantity: Quantity, trigger: Token) -> Finding:
        """A period or area total: a period cue, a bare year or plural period dating the
        claim ("killed in 2023", "over three months"), or a large number told in the
        present perfect ("more than 10,000 have died")."""
        if phrases_in([t.lower_ for t in sent], self.words.aggregate_cues):
            return Finding(True, "aggregate.cue")
        for ent in ctx.ents(sent):
            if ent.label_ != "DATE" or self.dates.dates_a_report(ent):
                continue
            if any(t.lower_ in self.words.aggregate_periods for t in ent):
                return Finding(True, "aggregate.period")
            if all(t.is_digit and len(t) == 4 or t.lower_ in _YEAR_PREPOSITIONS for t in ent):
                return Finding(True, "aggregate.year")  # "in 2023": a whole year
        floor = quantity.low if quantity.low is not None else 0
        perfect = any(c.lower_ in ("have", "has") and c.dep_ in ("aux", "auxpass") for c in trigger.children)
        if perfect and floor >= self.words.aggregate_perfect_floor:
            return Finding(True, "aggregate.perfect")
        return Finding(False, "aggregate.none")

    def superseded(self, doc: Doc, quantity: Quantity, sent: Span) -> Finding:
        """ "the previous toll was four", "rose from 8 to 51": an earlier figure."""
        window = doc[max(sent.start, quantity.start - 8):quantity.start]
        if phrases_in([t.lower_ for t in window], self.words.superseded_cues - {("from",)}):
            return Finding(True, "superseded.cue")
        # "rose from 8 to 51": the number after "from" is the old one
        before = doc[quantity.start - 1] if quantity.start > 0 else None
        after = doc[quantity.end:quantity.end + 3]
        if before is not None and before.lower_ == "from" and any(t.lower_ == "to" for t in after):
            return Finding(True, "superseded.from_to")
        return Finding(False, "superseded.none")


def phrases_in(words: list[str], phrases: set[tuple[str, ...]]) -> bool:
    """Whether any phrase (a tuple of lower-case words) occurs in `words`."""
    longest = max((len(p) for p in phrases), default=0)
    return any(tuple(words[i:i + n]) in phrases
               for n in range(1, longest + 1) for i in range(len(words) - n + 1))
