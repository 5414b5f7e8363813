"""Victims read from context (codebook section 1): a toll that names no group counts the
people its incident attacked, or the group the same toll is told of nearby."""

from __future__ import annotations

from ..types import Claim, Finding
from .base import Article, resolver

# sentences around a claim's own where its incident's target is looked for: its own
# first, then the one before (the lead of the attack), then the one after
NEIGHBOURS = (0, -1, 1)
# then the headline and the lead, which name the article's main attack
OPENING = (0, 1)
# people seized by an armed group are civilians unless the text names them otherwise
# (soldiers taken are counted as soldiers): codebook section 1
TAKEN_OUTCOMES = ("abducted",)


@resolver("attack_targets")
def victims_from_context(article: Article) -> None:
    """Each claim still of unknown victims takes the group of the same toll told nearby
    with its group, else the group of what its sentence, or the one before or after,
    says was attacked. Aggregates are left alone: a sum over many incidents has no one
    target."""
    numbers = [article.ctx.claim_sentence(claim) for claim in article.claims]
    targets: dict[int, Finding | None] = {}  # what each sentence says was attacked, read once
    for index, claim in enumerate(article.claims):
        if claim.victim != "unknown" or claim.aggregate:
            continue
        same = _same_toll_nearby(article.claims, numbers, index)
        if same is not None:
            _take(claim, same.victim, "article.same_toll")
            continue
        found = _nearby_target(article, numbers[index], targets)
        if found is not None:
            _take(claim, found.value[0], found.rule.replace("victim.", "article.", 1))
        elif claim.outcome in TAKEN_OUTCOMES:
            _take(claim, "civilians", "article.taken_people")


def _nearby_target(article: Article, number: int, targets: dict[int, Finding | None]) -> Finding | None:
    """What the claim's sentence (number), the one before or after, or the opening says
    was attacked (`targets` keeps each sentence's answer for the next claim)."""
    ctx = article.ctx

    def target_of(at: int) -> Finding | None:
        if at not in targets:
            targets[at] = article.readers.victim.attack_target(ctx, ctx.sentences[at])
        return targets[at]

    for shift in NEIGHBOURS:
        if 0 <= number + shift < len(ctx.sentences):
            found = target_of(number + shift)
            if found is not None:
                return found
    for opening in OPENING:
        if opening < min(number, len(ctx.sentences)):
            found = target_of(opening)
            if found is not None:
                return Finding(found.value, "victim.opening_target")
    return None


def _same_toll_nearby(claims: list[Claim], numbers: list[int], index: int) -> Claim | None:
    """A claim at most two sentences away with the same outcome and figure and a known
    group ("21 killed in raid" / "the 21 civilians killed on Sunday"). Claims are in text
    order, so only the claims of those sentences are looked at."""
    claim, number = claims[index], numbers[index]
    low = index
    while low > 0 and numbers[low - 1] >= number - 2:
        low -= 1
    high = index
    while high + 1 < len(claims) and numbers[high + 1] <= number + 2:
        high += 1
    for other in claims[low:high + 1]:
        if other is claim or other.victim == "unknown" or other.aggregate or other.sentence == claim.sentence:
            continue
        if (other.outcome, other.quantity.value) == (claim.outcome, claim.quantity.value):
            return other
    return None


def _take(claim: Claim, group: str, rule: str) -> None:
    """The group only: which force's men they were is the article's main force or the
    target's actor, which the later resolvers and the model decide."""
    claim.set("victim", group, rule)
