"""The flag slots (codebook section 1): `aggregate` — a number that sums a period, an area
or many incidents — and `superseded` — a figure the text marks as replaced by a later
one. (`claimed` follows from the source: see SourceReader.is_party_claim; `negated` is a
zero.)"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..context import DocContext
from ..lexicon import ClaimLexicon
from ..quantities import Quantity
from ..types import Finding
from .when import DateReader

# prepositions that may stand with a bare year in a DATE entity ("in 2023")
_YEAR_PREPOSITIONS = ("in", "of", "for", "during")
# prepositions after each part of a split total ("six in X, two on the road")
_PART_PREPOSITIONS = ("in", "on", "at", "near", "à", "au", "dans")
# articles that make an attack noun one event ("in an attack", "in that ambush")
_ONE_EVENT_DETERMINERS = ("a", "an", "the", "that", "this")
# dependency labels that open a clause of their own inside a sentence
_CLAUSE_LABELS = ("relcl", "acl", "advcl")


class FlagReader:
    """Aggregate and superseded, from the claim's sentence."""

    def __init__(self, words: ClaimLexicon, dates: DateReader) -> None:
        self.words = words
        self.dates = dates
        lists = words.aggregate_lists
        self._cues = phrase_pattern([*lists["cues"], *lists["period_phrases"]])
        self._statistics = phrase_pattern(lists["statistics"])
        self._area = phrase_pattern(lists["area"])
        self._blockers = phrase_pattern(lists["cue_blockers"])
        self._point = {w.lower() for w in lists["point_markers"]}
        self._perfect_blockers = {w.lower() for w in lists["perfect_blockers"]}
        self._continuations = phrase_pattern(lists["continuations"])
        self._several = _several_pattern(lists["several"], lists["event_nouns"])
        self._event_in = _event_in_pattern(lists["event_prepositions"], lists["event_nouns"],
                                           lists["event_places"])
        self._range = _range_pattern(words.aggregate_range_words)

    def aggregate(self, ctx: DocContext, sent: Span, quantity: Quantity, trigger: Token,
                  before: Span | None = None, french: bool = False) -> Finding:
        """A period or area total, where the cue scopes the claim's own clause: a period
        cue or a span of dates ("since January", "between July 2022 and May 2023"), several
        incidents ("in two attacks", "a series of raids"), a statistics source ("ACLED
        recorded"), an area ("across the country"), a total the sentence splits into parts
        ("11 people — six in X, two in Y and three in Z"), a bare year or plural period
        dating the claim ("killed in 2023", "over three months"), a large number told in
        the present perfect ("more than 10,000 have died"), or a sentence that goes on with
        the report or period of the sentence before ("This represents an increase ..."). In
        French (the French pipeline, or `french`) only the words before a cue are read, as
        the clause scopes of the English rules do not carry over to the French parse."""
        french = french or self.words.lang == "fr"
        one_event = self._one_event(trigger)
        text = _normal(sent.text)  # read once for every pattern
        for pattern, rule in ((self._cues, "aggregate.cue"), (self._range, "aggregate.range"),
                              (self._several, "aggregate.incidents"),
                              (self._event_in, "aggregate.incidents"),
                              (self._statistics, "aggregate.statistics"), (self._area, "aggregate.area")):
            if rule == "aggregate.incidents" and one_event:
                continue  # "wounded in an IED attack ... during two separate attacks"
            if any(self._scopes(cue, trigger, sent, french) for cue in matches(sent, pattern, text)):
                return Finding(True, rule)
        if self._parts_after(sent, quantity):
            return Finding(True, "aggregate.parts")
        for ent in ctx.ents(sent):
            if ent.label_ != "DATE" or self.dates.dates_a_report(ent) or not self._scopes(ent, trigger, sent, french):
                continue
            after = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
            if after in self._point or any(t.lower_ in self._point for t in ent):
                continue  # "three weeks after", "15 months ago": a point in time
            if any(t.lower_ in self.words.aggregate_periods for t in ent):
                return Finding(True, "aggregate.period")
            if ent.start - sent.start <= 1:
                continue  # "In 2017, four soldiers were killed in X": the date of one event
            if all(t.is_digit and len(t) == 4 or t.lower_ in _YEAR_PREPOSITIONS for t in ent):
                return Finding(True, "aggregate.year")  # "in 2023": a whole year
        floor = quantity.low if quantity.low is not None else 0
        if quantity.value is None and floor >= self.words.aggregate_vague_floor:
            return Finding(True, "aggregate.vague_total")  # "thousands have died", "des milliers de morts"
        perfect = [c for c in trigger.children if c.lower_ in ("have", "has") and c.dep_ in ("aux", "auxpass")]
        if perfect and floor >= self.words.aggregate_perfect_floor and not any(
                c.lower_ in self._perfect_blockers for c in trigger.children if c.i < perfect[0].i):
            return Finding(True, "aggregate.perfect")
        if before is not None and matches(sent, self._continuations, text) and any(
                matches(before, pattern) for pattern in (self._cues, self._range, self._statistics)):
            return Finding(True, "aggregate.carried")
        return Finding(False, "aggregate.none")

    def _one_event(self, trigger: Token) -> bool:
        """Whether the claim's own verb names one event: "killed in an attack", "wounded in
        the ambush" (a singular attack noun with an article, right under the trigger)."""
        for prep in trigger.children:
            if prep.dep_ != "prep":
                continue
            for noun in prep.children:
                if (noun.dep_ == "pobj" and noun.tag_ == "NN" and noun.lemma_.lower() in self.words.attack_words
                        and any(d.lower_ in _ONE_EVENT_DETERMINERS for d in noun.children if d.dep_ == "det")):
                    return True
        return False

    def _scopes(self, cue: Token | Span, trigger: Token, sent: Span, french: bool = False) -> bool:
        """Whether a cue bears on the claim's count: no superlative, captivity or state of
        a place just before it ("the deadliest attack since", "held since"), and cue and
        trigger in the same clause (not "a village where attackers have killed civilians
        this year")."""
        first = cue[0] if isinstance(cue, Span) else cue
        window = first.doc[max(sent.start, first.i - 8):first.i]
        if matches(window, self._blockers):
            return False
        if french:
            return True
        last = cue[-1] if isinstance(cue, Span) else cue
        cue_clause, trigger_clause = _clause(first), _clause(trigger)
        if not _contains(cue_clause, trigger):
            return False
        # "the violence that has killed thousands": the cue is the clause's antecedent
        return _contains(trigger_clause, first) or first.i <= trigger_clause.head.i <= last.i + 2

    def _parts_after(self, sent: Span, quantity: Quantity) -> bool:
        """ "killed 11 people — six in X, two in Y and three on the road": two or more
        numbers, each followed by a place preposition, right after the claim's number."""
        doc = sent.doc
        if quantity.end < sent.end and doc[quantity.end].lower_ in _PART_PREPOSITIONS:
            return False  # "six in X": the claim is itself a part
        parts = 0
        for i in range(quantity.end, min(sent.end, quantity.end + 25)):
            token = doc[i]
            if token.like_num and i + 1 < sent.end and doc[i + 1].lower_ in _PART_PREPOSITIONS:
                parts += 1
            elif parts == 0 and i - quantity.end > 8:
                return False
        return parts >= 2

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


def _clause(token: Token) -> Token:
    """The head of the smallest relative, adverbial or participle clause holding a token
    (the sentence root when none); a result clause in -ing ("..., killing thousands") stays
    in the clause it hangs on."""
    for node in [token, *token.ancestors]:
        if node.dep_ in _CLAUSE_LABELS and not (node.dep_ == "advcl" and node.tag_ == "VBG"):
            return node
    return token.sent.root


def _contains(head: Token, token: Token) -> bool:
    return head.left_edge.i <= token.i <= head.right_edge.i


def _normal(text: str) -> str:
    """Lower case, with typographic apostrophes made plain (same length)."""
    return text.lower().replace("\u2019", "'")


def phrase_pattern(phrases: list[str]) -> re.Pattern | None:
    """One pattern for phrases, each matched as whole words (any spacing)."""
    parts = []
    for phrase in sorted({_normal(str(p)) for p in phrases}, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        parts.append((r"(?<!\w)" if phrase[0].isalnum() else "") + body + (r"(?!\w)" if phrase[-1].isalnum() else ""))
    return re.compile("|".join(parts)) if parts else None


def _several_pattern(several: list[str], nouns: list[str]) -> re.Pattern:
    """A counting or grouping word, or a number, before a plural event noun, with at most
    two words between ("two attacks", "separate suspected terrorist strikes", "a series of
    raids", "548 IED attacks")."""
    counts = "|".join(re.escape(_normal(w)) for w in sorted(several, key=len, reverse=True))
    events = "|".join(re.escape(_normal(w)) for w in sorted(nouns, key=len, reverse=True))
    link = r"(?:(?:of|de|d')\s*)?"
    between = r"(?:(?!(?:in|on|during|of|dans|lors|at)\b)[\w-]+\s+){0,2}"
    return re.compile(rf"(?<!\w)(?:(?:{counts})\s+|\d[\d,]*\s+(?!(?:in|on|at|dans)\b)){link}{between}(?:{events})(?!\w)")


def _event_in_pattern(prepositions: list[str], nouns: list[str], places: list[str]) -> re.Pattern:
    """A bare plural event noun in a place: "killed in attacks in X and Y", "during attacks
    across the north"."""
    opens = "|".join(re.escape(_normal(w)) for w in prepositions)
    events = "|".join(re.escape(_normal(w)) for w in nouns)
    after = "|".join(re.escape(_normal(w)).replace(r"\ ", r"\s+") for w in places)
    return re.compile(rf"(?<!\w)(?:{opens})(?:\s+(?:de|d'|des))?\s+(?:{events})\s+(?:{after})(?!\w)")


def _range_pattern(words: dict) -> re.Pattern:
    """A span between two dates that each name a month or a year: "between 1 July 2022 and
    22 May 2023", "from November 2018 to March 2019", "entre 2017 et 2020" (not "between 27
    and 31 March", the days of one operation)."""
    month = "|".join(re.escape(_normal(w)) for w in sorted(words["ends"], key=len, reverse=True))
    end = rf"(?:(?:le\s+)?(?:\d{{1,2}}(?:er)?\s+)?(?:{month})(?:\s*,?\s*\d{{4}})?|\d{{4}})"
    opens = "|".join(re.escape(w) for w in words["open"])
    joins = "|".join(re.escape(w) for w in words["join"])
    return re.compile(rf"(?<!\w)(?:{opens})\s+{end}(?!\w)[^.;]{{0,12}}?(?<!\w)(?:{joins})\s+{end}(?!\w)")


def matches(span: Span, pattern: re.Pattern | None, text: str | None = None) -> list[Span]:
    """The spans of a span where a pattern matches (text: the span's text as `_normal`
    gives it, when the caller has it already)."""
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text if text is not None else _normal(span.text)):
        hit = span.char_span(match.start(), match.end(), alignment_mode="expand")
        if hit is not None and len(hit):
            found.append(hit)
    return found
