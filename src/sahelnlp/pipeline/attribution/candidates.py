"""Candidates for the trained attribution model: for each claim the rules found, the
values each slot could take, proposed by the rules themselves (their own pick, every
speaker a reporting construction names nearby, every actor the article mentions) with
where each was found. The model then picks one candidate per slot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from ...extensions import ACTOR_PREFIX, PLACE_PREFIX
from ..claims.article.base import Readers
from ..claims.context import DocContext
from ..claims.types import Claim, Source

NONE = "none"
# how far (in sentences) a speaker or an actor may stand from its claim to be a candidate
SOURCE_REACH = 2
VICTIM_ACTOR_REACH = 1


@dataclass(frozen=True)
class Candidate:
    """One value a slot could take: `key` compares it with the gold ("jnim",
    "kind:witness", "none"); `start`/`end` are the tokens of its nearest mention, if any;
    `origin` says how it was proposed."""

    key: str
    value: Any
    origin: str
    start: int | None = None
    end: int | None = None


@dataclass
class ClaimSite:
    """Where a claim stands in its doc: its tokens and its sentence."""

    claim: Claim
    sentence: int
    trigger: int
    quantity: tuple[int, int]
    noun: int | None

    @classmethod
    def of(cls, ctx: DocContext, claim: Claim) -> "ClaimSite":
        doc = ctx.doc
        quantity = doc.char_span(*claim.quantity_chars, alignment_mode="expand")
        trigger = doc.char_span(*claim.trigger_span, alignment_mode="expand") if claim.trigger_span else quantity
        noun = doc.char_span(*claim.victim_span, alignment_mode="expand") if claim.victim_span else None
        return cls(claim=claim, sentence=ctx.sentence_number(quantity.start), trigger=trigger.root.i,
                   quantity=(quantity.start, quantity.end), noun=noun.root.i if noun is not None else None)


def source_key(source: Source | None) -> str:
    """The key a source compares by: its actor, else its role."""
    if source is None:
        return NONE
    return source.actor if source.actor else f"kind:{source.kind or 'other'}"


def actor_key(actor: str | None) -> str:
    return actor or NONE


def perpetrator_candidates(ctx: DocContext, site: ClaimSite, readers: Readers) -> list[Candidate]:
    """No one, the rules' pick, and every armed actor the article names (at its mention
    nearest the claim)."""
    armed = readers.words.armed_types
    return _actor_candidates(ctx, site, site.claim.perpetrator, "perpetrator",
                             lambda record: record.type in armed)


def victim_actor_candidates(ctx: DocContext, site: ClaimSite, readers: Readers) -> list[Candidate]:
    """No one, the rules' pick, and every actor whose members can be victims named near
    the claim."""
    groups = readers.words.victim_by_actor_type
    lo, hi = site.sentence - VICTIM_ACTOR_REACH, site.sentence + VICTIM_ACTOR_REACH
    return _actor_candidates(ctx, site, site.claim.victim_actor, "victim_actor",
                             lambda record: record.type in groups,
                             within=(ctx.sentences[max(lo, 0)].start,
                                     ctx.sentences[min(hi, len(ctx.sentences) - 1)].end))


def source_candidates(ctx: DocContext, site: ClaimSite, readers: Readers) -> list[Candidate]:
    """No one (the writer's own voice), the rules' pick, every speaker a reporting
    construction names in the claim's sentence and two sentences around, and every actor
    that can speak named in that reach."""
    found: dict[str, Candidate] = {NONE: Candidate(NONE, None, NONE)}
    rule = site.claim.source
    if rule is not None:
        found[source_key(rule)] = _source_candidate(ctx, rule, "rule")
    lo = max(site.sentence - SOURCE_REACH, 0)
    hi = min(site.sentence + SOURCE_REACH, len(ctx.sentences) - 1)
    speakers = readers.words.party_types | {"international", "person", "government"}
    for number in range(lo, hi + 1):
        sent = ctx.sentences[number]
        for finding in _reported_in(ctx, sent, readers):
            key = source_key(finding.value)
            if key not in found:
                found[key] = _source_candidate(ctx, finding.value, finding.rule)
        for ent, record in ctx.actor_ents(sent):
            if record.type in speakers and record.id not in found:
                found[record.id] = Candidate(record.id, Source.of(ent, actor=record.id), "mention", ent.start, ent.end)
    return list(found.values())


def place_candidates(ctx: DocContext, site: ClaimSite, readers: Readers) -> list[Candidate]:
    """No place, the rules' pick, and every place the article mentions (at its mention
    nearest the claim's trigger)."""
    records = ctx.doc._.kb_records
    nearest = {kb_id[len(PLACE_PREFIX):]: ctx.nearest_mention(kb_id, site.trigger)
               for kb_id in ctx.mentions_by_id if kb_id.startswith(PLACE_PREFIX) and kb_id in records}
    found = {NONE: Candidate(NONE, None, NONE)}
    rule = site.claim.place
    if rule:
        found[rule] = Candidate(rule, rule, "rule", *_bounds(nearest.get(rule)))
    for place, ent in nearest.items():
        if place not in found:
            found[place] = Candidate(place, place, "mention", ent.start, ent.end)
    return list(found.values())


def _reported_in(ctx: DocContext, sent: Span, readers: Readers) -> list:
    """Every source the reporting constructions of a sentence name."""
    findings = []
    french = readers.source.french(ctx, sent, None)
    if french is not None and french.value is not None:
        findings.append(french)
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in readers.words.reporting_verbs:
            found = readers.source.parsed(ctx, sent, token, None)
            if found is not None and found.value is not None:
                findings.append(found)
    return findings


def _source_candidate(ctx: DocContext, source: Source, origin: str) -> Candidate:
    span = ctx.doc.char_span(*source.span, alignment_mode="expand") if source.span else None
    return Candidate(source_key(source), source, origin,
                     span.start if span is not None else None, span.end if span is not None else None)


def _actor_candidates(ctx: DocContext, site: ClaimSite, rule_value: str | None, slot: str, keep,
                      within: tuple[int, int] | None = None) -> list[Candidate]:
    """No one, the rules' pick, and the actors `keep` accepts, each at its mention nearest
    the claim's trigger (within a token range, if given)."""
    nearest: dict[str, Span] = {}
    if within is None:  # every actor of the article, at its nearest mention (by bisection)
        for kb_id, record in ctx.distinct_actors:
            if record.id not in nearest and keep(record):
                nearest[record.id] = ctx.nearest_mention(kb_id, site.trigger)
    else:
        for ent, record in ctx.index.actors_within(*within):
            best = nearest.get(record.id)
            if keep(record) and (best is None or abs(ent.start - site.trigger) < abs(best.start - site.trigger)):
                nearest[record.id] = ent
    found = {NONE: Candidate(NONE, None, NONE)}
    if rule_value:
        mention = nearest.get(rule_value) or _any_mention(ctx, rule_value)
        found[rule_value] = Candidate(rule_value, rule_value, "rule", *(_bounds(mention)))
    for actor, ent in nearest.items():
        if actor not in found:
            found[actor] = Candidate(actor, actor, "mention", ent.start, ent.end)
    return list(found.values())


def _any_mention(ctx: DocContext, actor: str) -> Span | None:
    kb_id = ACTOR_PREFIX + actor
    return next((ent for ent in ctx.ents() if ent.kb_id_ == kb_id), None)


def _bounds(span: Span | None) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span is not None else (None, None)
