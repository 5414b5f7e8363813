"""Claim extraction, start to end: quantities → proposers → slot readers → article
resolvers. Every field a rule sets records the rule's id in the claim's evidence."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .article.base import Article, Readers, Resolver
from .context import DocContext
from .proposers.base import Proposal
from .quantities import Quantity, QuantityReader, quantities_in
from .types import Claim, Source


class ClaimExtraction:
    """Reads the claims of a doc with one set of readers and resolvers."""

    def __init__(self, quantities: QuantityReader, proposers: list, readers: Readers,
                 resolvers: list[Resolver]) -> None:
        self.quantities = quantities
        self.proposers = proposers
        self.readers = readers
        self.resolvers = resolvers

    def __call__(self, doc: Doc) -> list[Claim]:
        """The doc's claims in text order."""
        ctx = DocContext(doc, self.readers.words)
        claims: list[Claim] = []
        last_source: Source | None = None
        for number, sent in enumerate(ctx.sentences):
            for quantity in quantities_in(sent, self.quantities, ctx.index, self.readers.words):
                claim = self.claim(ctx, number, quantity, last_source)
                if claim is not None:
                    claims.append(claim)
                    last_source = claim.source or last_source
        article = Article(ctx, claims, self.readers)
        for resolve in self.resolvers:
            resolve(article)
        return claims

    def propose(self, ctx: DocContext, quantity: Quantity) -> Proposal | None:
        """The first proposer's reading of a quantity."""
        return next((found for proposer in self.proposers
                     if (found := proposer.propose(ctx, quantity)) is not None), None)

    def claim(self, ctx: DocContext, number: int, quantity: Quantity, last_source: Source | None) -> Claim | None:
        """The claim a quantity states, its fields read from its own sentence."""
        proposal = self.propose(ctx, quantity)
        if proposal is None:
            return None
        readers, doc, sent = self.readers, ctx.doc, ctx.sentences[number]
        french = readers.words.lang == "fr"
        trigger, noun = proposal.trigger, proposal.noun
        if noun is not None and noun.i == trigger.i and readers.words.victim_nouns.get(noun.lemma_.lower()) == "unknown":
            noun = None  # "12 deaths": the outcome noun counts no one in particular
        claim = _draft(doc, quantity, proposal, noun, sent)
        claim.evidence["outcome"] = proposal.rule
        victim = readers.victim.read(ctx, noun, trigger)
        if french and victim.value[0] == "unknown":
            victim = readers.victim.losing_side(ctx, trigger) or victim
        claim.set("victim", victim.value[0], victim.rule)
        claim.set("victim_actor", victim.value[1], victim.rule)
        source = readers.source.read(ctx, number, trigger, last_source, french)
        if source is not None:
            claim.set("source", source.value, source.rule)
        claim.set("claimed", readers.source.is_party_claim(ctx, claim.source), "claimed.party_source")
        perpetrator = readers.perpetrator.read(ctx, sent, trigger, proposal.anchor, {claim.victim_actor} - {None},
                                               claim.source, french)
        if perpetrator is not None:
            claim.set("perpetrator", perpetrator.value, perpetrator.rule)
        for name, finding in (("aggregate", readers.flags.aggregate(
                ctx, sent, quantity, trigger, ctx.sentences[number - 1] if number else None, french)),
                              ("superseded", readers.flags.superseded(doc, quantity, sent))):
            claim.set(name, finding.value, finding.rule)
        when = None if claim.aggregate else readers.dates.read(ctx, number, trigger)
        if when is not None:
            claim.set("event_date", when.value, when.rule)
        where = readers.places.read(ctx, sent, claim.source.span if claim.source else None)
        if where is not None:
            claim.set("place", where.value, where.rule)
        return claim


def _draft(doc: Doc, quantity: Quantity, proposal: Proposal, noun: Token | None, sent) -> Claim:
    """A claim with what the proposal says: outcome, quantity, offsets, and a rough score."""
    trigger = proposal.trigger
    tokens = [doc[quantity.start], doc[quantity.end - 1], trigger] + ([noun] if noun is not None else [])
    last = doc[quantity.end - 1]
    return Claim(
        outcome=proposal.outcome,
        quantity=quantity,
        quantity_chars=(doc[quantity.start].idx + quantity.lead, last.idx + len(last)),
        span=(min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)),
        sentence=(sent.start_char, sent.start_char + len(sent.text.rstrip())),
        negated=quantity.value == 0,
        score=_score(noun, trigger, proposal.anchor),
        counted_noun=noun is not None,
        victim_span=(noun.idx, noun.idx + len(noun)) if noun is not None else None,
        trigger_span=(trigger.idx, trigger.idx + len(trigger)),
        outcome_noun=proposal.outcome_noun,
    )


def _score(noun: Token | None, trigger: Token, anchor: Token) -> float:
    """A rough confidence: a counted noun and a trigger that governs it directly score higher."""
    score = 0.5
    if noun is not None:
        score += 0.2
    if trigger.i == anchor.head.i or anchor.head.i == trigger.i or trigger.head.i == anchor.i:
        score += 0.2
    return round(min(score, 0.95), 2)
