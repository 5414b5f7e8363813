"""The surface proposer: claims read from the words around a quantity, not from the parse.

French tolls are often told without a clause the parse can follow ("Bilan : 5 soldats
tombés", "des dizaines d'autres blessés"), yet their wording is regular. The French
pipeline runs these patterns after its parse (`proposers` in configs/fr_core_news_md.cfg);
the English one does not. The patterns are spaCy Matcher patterns kept in
`data/claims/patterns.yaml`; this module compiles them and turns a match into an
outcome, a trigger and a counted noun.
"""

from __future__ import annotations

from dataclasses import dataclass
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ....extensions import register_extensions
from ....normalize import french_base
from ..context import DocContext
from ..lexicon import ClaimLexicon
from ..quantities import Quantity
from .base import Proposal

AFTER = "after_quantity"
BEFORE = "before_quantity"
_WINDOW = 10  # tokens a pattern may span on either side of a quantity


@dataclass(frozen=True)
class SurfaceMatch:
    """What a pattern says of a quantity: the outcome, the word that tells it, and the
    word naming who was counted (None for a bare number or an outcome noun)."""

    outcome: str
    trigger: Token
    noun: Token | None
    pattern: str
    # the trigger is itself the counted noun: "1135 décès", "des dizaines de blessés"
    outcome_noun: bool = False


class SurfacePatterns:
    """The compiled patterns of patterns.yaml, with the lexicon's French word lists."""

    name = "surface"

    def __init__(self, vocab: Vocab, patterns: dict, words: ClaimLexicon) -> None:
        register_extensions()  # Token._.lookup_form
        lexicon = words.data
        self.outcome_after = _forms_by_outcome(lexicon["french_outcome_words"])
        self.outcome_before = _forms_by_outcome(lexicon["french_outcome_before"])
        self.function_words = _forms(lexicon["french_function_words"])
        self.others = _forms(lexicon["french_others"])  # "13 autres blessés": the toll before's group
        self.of = set(lexicon["french_of"])
        self.people_word = words.people_group
        self.matchers = {}
        for side in (AFTER, BEFORE):
            matcher = Matcher(vocab, validate=True)
            for entry in patterns.get(side, []):
                matcher.add(entry["id"], [_expand(entry["pattern"], lexicon, entry["id"])])
            self.matchers[side] = matcher

    def propose(self, ctx: DocContext, quantity: Quantity) -> Proposal | None:
        """The claim a pattern reads around the quantity, if one matches."""
        sent = ctx.sentences[ctx.sentence_number(quantity.start)]
        found = self.read(ctx.doc, quantity, sent)
        if found is None:
            return None
        return Proposal(outcome=found.outcome, trigger=found.trigger, noun=found.noun,
                        anchor=found.noun or ctx.doc[quantity.head], outcome_noun=found.outcome_noun,
                        rule=f"surface.{found.pattern}")

    def read(self, doc: Doc, quantity: Quantity, sent: Span) -> SurfaceMatch | None:
        """The nearest pattern match after the quantity, else the one just before it."""
        return self._after(doc, quantity, sent) or self._before(doc, quantity, sent)

    def _after(self, doc: Doc, quantity: Quantity, sent: Span) -> SurfaceMatch | None:
        end = min(sent.end, quantity.end + _WINDOW)
        if quantity.end >= end:
            return None
        window = doc[quantity.end:end]
        if not any(t._.lookup_form in self.outcome_after for t in window):
            return None  # most quantities: no French outcome word near, no matching
        matches = [(label, span) for label, span in self._matches(AFTER, window)
                   if span.start == quantity.end]
        if not matches:
            return None
        label, span = min(matches, key=lambda found: found[1].end)
        trigger = span[-1]
        noun = self._counted(span[:-1])
        if noun is False:
            return None  # "une dizaine de motos détruites": not people
        outcome = self.outcome_after.get(trigger._.lookup_form)
        if outcome is None:
            return None
        outcome_noun = noun is None and all(t._.lookup_form in self.of for t in span[:-1])
        return SurfaceMatch(outcome, trigger, noun or None, label, outcome_noun)

    def _before(self, doc: Doc, quantity: Quantity, sent: Span) -> SurfaceMatch | None:
        start = max(sent.start, quantity.start - _WINDOW)
        if start >= quantity.start:
            return None
        window = doc[start:quantity.start]
        if not any(t._.lookup_form in self.outcome_before for t in window):
            return None
        matches = [(label, span) for label, span in self._matches(BEFORE, window)
                   if span.end == quantity.start]
        if not matches:
            return None
        label, span = max(matches, key=lambda found: found[1].start)
        trigger = span[0]
        outcome = self.outcome_before.get(trigger._.lookup_form)
        if outcome is None:
            return None
        following = doc[quantity.end:min(sent.end, quantity.end + 3)]
        noun = self._counted(following, stop_at_first=True)
        return SurfaceMatch(outcome, trigger, noun or None, label)

    def _matches(self, side: str, window: Span) -> list[tuple[str, Span]]:
        vocab_strings = window.doc.vocab.strings
        return [(vocab_strings[match_id], window.doc[window.start + start:window.start + end])
                for match_id, start, end in self.matchers[side](window)]

    def _counted(self, words: Span, stop_at_first: bool = False) -> Token | None | bool:
        """The word naming who was counted among `words`: the most telling people word
        ("07 hommes du côté des terroristes" → terroristes). None when the words name no
        one; False when their first content word is not people ("motos")."""
        best: Token | None = None
        for token in words:
            form = token._.lookup_form
            if token.is_punct or form in self.function_words or form in self.others:
                continue
            group = self.people_word(token)
            if group is None:
                if best is None and not stop_at_first and not _adjective_like(token):
                    return False
                if stop_at_first:
                    break
                continue
            if best is None or (self.people_word(best) == "unknown" and group != "unknown"):
                best = token
            if stop_at_first:
                break
        return best


def _adjective_like(token: Token) -> bool:
    """Capitalised names and adjectives after the noun are not the counted noun."""
    return token.pos_ in ("ADJ", "PROPN") or token.text[:1].isupper()


def _forms(words: list[str]) -> set[str]:
    return {w.lower() for w in words} | {french_base(w) for w in words}


def _forms_by_outcome(table: dict[str, list[str]]) -> dict[str, str]:
    return {form: outcome for outcome, words in table.items() for form in _forms(words)}


def _expand(pattern: list[dict], lexicon: dict, pattern_id: str) -> list[dict]:
    """Replace "@name" lists by the lexicon's words, in every form they can take."""
    def expand_value(value):
        if isinstance(value, str) and value.startswith("@"):
            name = value[1:]
            if name not in lexicon:
                raise ValueError(f"patterns.yaml: pattern {pattern_id!r} names the list "
                                 f"{value!r}, which is not in the claims lexicon")
            words = lexicon[name]
            if isinstance(words, dict):
                words = [w for group in words.values() for w in group]
            return sorted(_forms([str(w) for w in words]))
        if isinstance(value, dict):
            return {key: expand_value(inner) for key, inner in value.items()}
        if isinstance(value, list):
            return [expand_value(inner) if isinstance(inner, (dict, list)) else inner for inner in value]
        return value

    return [expand_value(token) for token in pattern]
