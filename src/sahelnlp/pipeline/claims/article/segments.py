"""Incident segmentation inside an article: which claims tell the article's main incident
and which tell another one it recalls or reports beside it (an earlier attack, a similar
raid elsewhere, an accident). The resolvers after it choose perpetrator, date and place
within the claim's incident: the main incident's for its claims, the claim's own sentence
for the others."""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Article, resolver

# date rules that read a claim's date outside its own sentence
BORROWED_DATES = ("date.sentence_before",)


@resolver("incident_segments")
def segment_incidents(article: Article) -> None:
    """Number the claims by incident: each sentence that opens another incident ("a
    separate attack on…", "In March, …", "pour rappel") starts a new one for its claims;
    claims of other sentences belong to the main incident (0)."""
    words = article.readers.words
    recall = _recall_pattern(tuple(words.incident_recall_cues))
    numbers: dict[tuple[int, int], int] = {}
    opened = 0  # incidents other than the main one, so far
    for claim in article.claims:
        if claim.sentence not in numbers:
            text = article.ctx.text[claim.sentence[0]:claim.sentence[1]]
            recalls = recall.search(text) is not None
            opened += recalls
            numbers[claim.sentence] = opened if recalls else 0
        if numbers[claim.sentence]:
            claim.incident = numbers[claim.sentence]  # output as `article_incident`; no evidence
            if claim.evidence.get("event_date") in BORROWED_DATES:  # the sentence before told another incident
                claim.set("event_date", None, "article.recalled_incident")


@lru_cache(maxsize=8)
def _recall_pattern(cues: tuple[str, ...]) -> re.Pattern:
    """One pattern of the lexicon's recall cues; a cue is a regular expression matched
    case-insensitively at word boundaries ("in (january|…)" for a month with no day)."""
    return re.compile("|".join(rf"(?<!\w)(?:{cue})(?!\w)" for cue in cues), re.IGNORECASE)
