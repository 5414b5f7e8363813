"""Resolvers for tolls told as lists: a modifier in front of a list covers every number of
it, and a bare number that continues a toll counts the same group."""

from __future__ import annotations

from dataclasses import replace

from ..types import Claim
from .base import Article, resolver


@resolver("list_modifiers")
def spread_list_modifiers(article: Article) -> None:
    """ "at least 84 Wagner fighters and 47 Malian soldiers": the modifier covers the list."""
    claims = article.claims
    for first, second in zip(claims, claims[1:]):
        q1, q2 = first.quantity, second.quantity
        if first.sentence != second.sentence or q2.value is None or q1.value is None:
            continue
        if (q2.low, q2.high) != (q2.value, q2.value):
            continue  # it has a modifier of its own
        gap_is_list = second.quantity_chars[0] - first.span[1] < 40
        if q1.high is None and q1.low == q1.value and q1.text != str(q1.value) and gap_is_list:
            second.set("quantity", replace(q2, low=q2.value, high=None), "article.list_modifiers")


@resolver("inherited_victims")
def inherit_victims(article: Article) -> None:
    """A bare number that continues a toll in its sentence ("four troops were killed, two
    in the east and two in the centre"; "killing 71, injuring 122") counts the same group
    as the claim before it; a headline's bare toll counts the group of the same toll
    told with its noun just after ("At least 21 killed…" / "At least 21 civilians…")."""
    claims = article.claims
    for previous, claim in zip(claims, claims[1:]):
        if not claim.counted_noun and claim.victim == "unknown" and previous.victim != "unknown" \
                and (claim.sentence == previous.sentence or _opens_next_sentence(previous, claim)):
            _take_victims(claim, previous)
    for index, claim in enumerate(claims):
        if claim.counted_noun or claim.victim != "unknown":
            continue
        following = _same_toll_just_after(claims, index)
        if following is not None and following.victim != "unknown":
            _take_victims(claim, following)


def _take_victims(claim: Claim, other: Claim) -> None:
    claim.set("victim", other.victim, "article.inherited_victims")
    if claim.victim_actor is None and other.victim_actor is not None:
        claim.set("victim_actor", other.victim_actor, "article.inherited_victims")


def _same_toll_just_after(claims: list[Claim], index: int) -> Claim | None:
    """The first claim of the next sentence (at most 3 characters on) with the same
    outcome and value; claims are in text order, so the search stops past that sentence."""
    claim = claims[index]
    for other in claims[index + 1:]:
        gap = other.sentence[0] - claim.sentence[1]
        if gap > 3:
            return None
        if gap > 0 and (other.outcome, other.quantity.value) == (claim.outcome, claim.quantity.value):
            return other
    return None


def _opens_next_sentence(previous: Claim, claim: Claim) -> bool:
    """ "Five soldiers were killed. Ten were wounded.": a bare number that opens the
    sentence right after a toll goes on counting the same group."""
    return claim.quantity_chars[0] == claim.sentence[0] and 0 <= claim.sentence[0] - previous.sentence[1] <= 2
