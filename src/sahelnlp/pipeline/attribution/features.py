"""Feature rows for the attribution model: one row per claim for the class slots (victim
group, claimed, aggregate) and one row per candidate for the choice slots (perpetrator,
source, victim actor, place). Each row joins token vectors from the base model (`doc.tensor`,
or another getter) to what the rules know: their own pick and which rule made it, the
candidate's kind, how far it stands from the claim, how the article uses it."""

from __future__ import annotations

import math
import zlib
from functools import cached_property, lru_cache
from typing import Callable

import numpy
from spacy.tokens import Doc

from ...codebook import ACTOR_TYPES, COARSE_PLACE_KINDS, OUTCOMES, PLACE_KINDS, SOURCE_KINDS, VICTIM_GROUPS
from ...extensions import PLACE_PREFIX, actor_record, place_record
from ..claims.article.base import Article
from ..claims.context import DocContext
from .candidates import NONE, Candidate, ClaimSite

VectorGetter = Callable[[Doc], numpy.ndarray]
# rule ids of the claims' evidence, grouped by the slot they set; an unknown id is "other"
RULES = {
    "victim": ("victim.counted_noun", "victim.none", "victim.antecedent", "victim.among",
               "victim.attacked_people", "victim.joined_nouns", "victim.loser", "victim.french_loser",
               "article.inherited_victims", "article.speaker_own_losses", "victim.described_outcome",
               "article.attack_target", "article.opening_target", "article.two_sides", "article.same_toll",
               "article.taken_people"),
    "perpetrator": ("perpetrator.doer", "perpetrator.blamed_in_sentence", "perpetrator.french_words",
                    "article.attacker", "article.main_force", "article.speaking_force", "article.unnamed_attacker",
                    "article.air_strikes"),
    "place": ("place.own_sentence", "article.incident_place"),
    "source": ("source.reporting_verb", "source.according_to", "source.french_phrase", "source.french_verb",
               "source.french_pronoun", "source.quote_neighbour", "source.continued", "source.french_relay",
               "source.french_role", "source.headline_tag", "source.relayed"),
    "aggregate": ("aggregate.cue", "aggregate.period", "aggregate.year", "aggregate.perfect", "aggregate.none",
                  "aggregate.area", "aggregate.carried", "aggregate.incidents", "aggregate.parts", "aggregate.range",
                  "aggregate.statistics", "aggregate.vague_total"),
}
ORIGINS = (NONE, "rule", "mention", "source.reporting_verb", "source.according_to", "source.french_phrase",
           "source.french_verb", "source.french_pronoun", "source.relayed", "source.french_relay", "source.french_role")
DISTANCES = ("same", "before-1", "after-1", "before-2", "after-2", "before-far", "after-far", "nowhere")
HASHED_WORDS = 64
# the word before a place mention: where the event was, a landmark, or somewhere else
PLACE_LEADS = ("in", "at", "of", "near", "from", "to", "between", "and", "à", "de", "dans", "près", "vers", "sur")


def doc_tensor(doc: Doc) -> numpy.ndarray:
    """The base model's token vectors (what its tok2vec wrote to `doc.tensor`)."""
    return numpy.asarray(doc.tensor, dtype="f")


def one_hot(value, choices: tuple) -> list[float]:
    """1.0 at the value's place among the choices, else 0.0 (an unknown value: all zeros)."""
    row = [0.0] * len(choices)
    at = _positions(choices).get(value)
    if at is not None:
        row[at] = 1.0
    return row


@lru_cache(maxsize=64)
def _positions(choices: tuple) -> dict:
    """Each choice's first place in the tuple."""
    positions: dict = {}
    for at, choice in enumerate(choices):
        positions.setdefault(choice, at)
    return positions


class FeatureBuilder:
    """Rows of one doc's claims, for the model to score."""

    def __init__(self, article: Article, vectors: numpy.ndarray, width: int) -> None:
        self.article = article
        self.ctx: DocContext = article.ctx
        self.width = width
        fits = vectors.ndim == 2 and vectors.shape == (len(self.ctx.doc), width)
        # unit vectors: their scale must not drown the rules' 0/1 features
        self.vectors = _unit_rows(vectors) if fits else numpy.zeros((len(self.ctx.doc), width), dtype="f")
        self._mentions = _mention_counts(self.ctx)
        self._first_actor = next((record.id for _, record in self.ctx.actor_ents()), None)

    # -- class slots -----------------------------------------------------------
    def claim_row(self, site: ClaimSite) -> numpy.ndarray:
        """What the rules and the words say about one claim: its vectors (trigger, number,
        counted noun, sentence), its outcome, the rules' victim group and flags and which
        rule set them, its source and perpetrator kinds, and the sentence's words hashed."""
        claim, doc = site.claim, self.ctx.doc
        sent = self.ctx.sentences[site.sentence]
        evidence = claim.evidence
        source_record = actor_record(doc, claim.source.actor) if claim.source and claim.source.actor else None
        perpetrator_record = actor_record(doc, claim.perpetrator)
        parts = [
            self._mean(site.trigger, site.trigger + 1), self._mean(*site.quantity),
            self._mean(site.noun, site.noun + 1) if site.noun is not None else self._zeros(),
            self._mean(sent.start, sent.end),
            one_hot(claim.outcome, OUTCOMES), one_hot(claim.victim, VICTIM_GROUPS),
            one_hot(_rule(evidence, "victim"), RULES["victim"]),
            [float(claim.counted_noun), float(claim.outcome_noun), float(claim.negated), float(claim.superseded),
             float(claim.claimed), float(claim.aggregate), float(claim.source is not None),
             float(claim.perpetrator is not None), float(site.sentence == 0), float(claim.incident > 0),
             site.sentence / max(len(self.ctx.sentences), 1), math.log1p(len(self.article.claims))],
            one_hot(_rule(evidence, "aggregate"), RULES["aggregate"]),
            one_hot(source_record.type if source_record else None, ACTOR_TYPES),
            one_hot(claim.source.kind if claim.source else None, SOURCE_KINDS),
            one_hot(perpetrator_record.type if perpetrator_record else None, ACTOR_TYPES),
            _hashed_words(sent),
        ]
        return numpy.concatenate([numpy.asarray(p, dtype="f") for p in parts])

    # -- choice slots ----------------------------------------------------------
    def candidate_rows(self, site: ClaimSite, slot: str, candidates: list[Candidate],
                       rule_key: str) -> numpy.ndarray:
        """One row per candidate of a choice slot: the claim's short context and the
        candidate's vectors, kind, distance and standing in the article."""
        claim = site.claim
        context = numpy.concatenate([
            self._mean(site.trigger, site.trigger + 1),
            numpy.asarray(one_hot(claim.victim, VICTIM_GROUPS) + one_hot(claim.outcome, OUTCOMES)
                          + one_hot(_rule(claim.evidence, slot), RULES.get(slot, ())), dtype="f")])
        describe = self._place_candidate if slot == "place" else self._candidate
        rows = [numpy.concatenate([context, describe(site, slot, c, rule_key)]) for c in candidates]
        return numpy.vstack(rows)

    def _candidate(self, site: ClaimSite, slot: str, candidate: Candidate, rule_key: str) -> numpy.ndarray:
        doc = self.ctx.doc
        record = actor_record(doc, _actor_of(candidate))
        kind = candidate.value.kind if slot == "source" and candidate.value is not None else None
        has_mention = candidate.start is not None
        distance, same_paragraph, tokens = self._distance(site, candidate)
        parts = [
            self._mean(candidate.start, candidate.end) if has_mention else self._zeros(),
            one_hot(candidate.origin, ORIGINS), one_hot(record.type if record else None, ACTOR_TYPES),
            one_hot(kind, SOURCE_KINDS), one_hot(distance, DISTANCES),
            [float(candidate.key == NONE), float(candidate.key == rule_key), float(same_paragraph),
             math.log1p(tokens), math.log1p(self._mentions.get(_actor_of(candidate) or "", 0)),
             float(_actor_of(candidate) is not None and _actor_of(candidate) == self._first_actor),
             float(_actor_of(candidate) is not None and _actor_of(candidate) == self.article.attacker),
             float(_actor_of(candidate) is not None and _actor_of(candidate) == self.article.army),
             float(_actor_of(candidate) is not None and _actor_of(candidate) == site.claim.victim_actor),
             float(_actor_of(candidate) is not None and _actor_of(candidate) == site.claim.perpetrator),
             float(site.claim.source is not None and _actor_of(candidate) == site.claim.source.actor)],
        ]
        return numpy.concatenate([numpy.asarray(p, dtype="f") for p in parts])

    def _place_candidate(self, site: ClaimSite, slot: str, candidate: Candidate, rule_key: str) -> numpy.ndarray:
        """A place candidate: its vectors, kind, distance, the word before it ("near",
        "to", "in"), and how the article and the claim's incident stand to it."""
        record = place_record(self.ctx.doc, candidate.value)
        has_mention = candidate.start is not None
        distance, same_paragraph, tokens = self._distance(site, candidate)
        before = self.ctx.doc[candidate.start - 1].lower_ if has_mention and candidate.start > 0 else None
        parts = [
            self._mean(candidate.start, candidate.end) if has_mention else self._zeros(),
            self._mean(candidate.start - 3, candidate.start) if has_mention and candidate.start >= 3 else self._zeros(),
            one_hot(candidate.origin, ORIGINS), one_hot(record.kind if record else None, PLACE_KINDS),
            one_hot(distance, DISTANCES), one_hot(before, PLACE_LEADS),
            [float(candidate.key == NONE), float(candidate.key == rule_key), float(same_paragraph),
             math.log1p(tokens), math.log1p(self._place_mentions.get(candidate.key, 0)),
             float(candidate.key == self._first_place), float(site.claim.aggregate), float(site.claim.incident > 0),
             float(has_mention and self.ctx.sentence_number(candidate.start) == 0)],
        ]
        return numpy.concatenate([numpy.asarray(p, dtype="f") for p in parts])

    @cached_property
    def _place_mentions(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for ent in self.ctx.ents():
            if ent.kb_id_.startswith(PLACE_PREFIX):
                key = ent.kb_id_[len(PLACE_PREFIX):]
                counts[key] = counts.get(key, 0) + 1
        return counts

    @cached_property
    def _first_place(self) -> str | None:
        """The article's first place more specific than a region (its main site, often)."""
        for ent in self.ctx.ents():
            record = self.ctx.doc._.kb_records.get(ent.kb_id_) if ent.kb_id_.startswith(PLACE_PREFIX) else None
            if record is not None and record.kind not in COARSE_PLACE_KINDS:
                return record.id
        return None

    def _distance(self, site: ClaimSite, candidate: Candidate) -> tuple[str, bool, int]:
        """The sentence distance bucket, whether in the claim's paragraph, and tokens apart."""
        if candidate.start is None:
            return "nowhere", False, 0
        number = self.ctx.sentence_number(candidate.start)
        gap = number - site.sentence
        bucket = "same" if gap == 0 else (f"{'before' if gap < 0 else 'after'}-"
                                          f"{abs(gap) if abs(gap) <= 2 else 'far'}")
        same_paragraph = self.ctx.paragraphs[number] == self.ctx.paragraphs[site.sentence]
        return bucket, same_paragraph, abs(candidate.start - site.trigger)

    def _mean(self, start: int, end: int) -> numpy.ndarray:
        if start is None or end is None or end <= start:
            return self._zeros()
        if end - start == 1:
            return self.vectors[start]  # one token: its own vector (no mean to take)
        return self.vectors[start:end].mean(axis=0)

    def _zeros(self) -> numpy.ndarray:
        return numpy.zeros((self.width,), dtype="f")


def _unit_rows(vectors: numpy.ndarray) -> numpy.ndarray:
    norms = numpy.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / numpy.maximum(norms, 1e-6)).astype("f")


def _rule(evidence: dict[str, str], slot: str) -> str | None:
    rule = evidence.get(slot)
    return rule if rule in RULES.get(slot, ()) else None


def _actor_of(candidate: Candidate) -> str | None:
    if candidate.key == NONE or candidate.key.startswith("kind:"):
        return None
    return candidate.key


def _mention_counts(ctx: DocContext) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, record in ctx.actor_ents():
        counts[record.id] = counts.get(record.id, 0) + 1
    return counts


def _hashed_words(sent) -> list[float]:
    """The sentence's content lemmas, hashed into a few buckets (stable across runs)."""
    buckets = [0.0] * HASHED_WORDS
    words = [t.lemma_.lower() for t in sent if t.is_alpha and not t.is_stop]
    for word in words:
        buckets[zlib.crc32(word.encode("utf-8")) % HASHED_WORDS] += 1.0
    total = math.sqrt(sum(b * b for b in buckets)) or 1.0
    return [b / total for b in buckets]
