"""What the claim rules ask about a doc, answered from indexes built once per doc.

The rules ask many small questions about a claim's neighbourhood: which entities a
sentence holds, which actor a span names, which actor ends at a token, the last actor
named before a token. Scanning the doc's entities for each would make the cost grow
with the square of the document's length; the index answers each by bisection.
Entities in a doc never overlap, so sorting them by start sorts them by end too.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Iterator

from spacy.tokens import Doc, Span

from ...extensions import ACTOR_PREFIX

if TYPE_CHECKING:
    from .lexicon import ClaimLexicon


class EntityIndex:
    """The entities of one doc, and its linked actor mentions with their records."""

    def __init__(self, doc: Doc, ignored_types: frozenset[str] = frozenset()) -> None:
        """ignored_types: actor types that are no party to a claim (civilians): their
        mentions are entities, but never a claim's source, perpetrator or victim actor."""
        self.doc = doc
        self.ents: list[Span] = sorted(doc.ents, key=lambda e: e.start)
        self.starts = [e.start for e in self.ents]
        records = doc._.kb_records
        self.actors: list[tuple[Span, object]] = [
            (e, records[e.kb_id_]) for e in self.ents
            if e.kb_id_.startswith(ACTOR_PREFIX) and e.kb_id_ in records
            and records[e.kb_id_].type not in ignored_types]
        self.actor_starts = [e.start for e, _ in self.actors]
        self.actor_ends = [e.end for e, _ in self.actors]
        self._actor_by_last_token = {e.end - 1: e for e, _ in self.actors}

    def within(self, start: int, end: int) -> list[Span]:
        """Entities that start in tokens start..end (a sentence's own entities)."""
        return self.ents[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def covering(self, i: int) -> Span | None:
        """The entity that holds token i, if one does."""
        at = bisect_right(self.starts, i) - 1
        return self.ents[at] if at >= 0 and self.ents[at].end > i else None

    def actors_within(self, start: int, end: int) -> list[tuple[Span, object]]:
        """(mention, record) of the actor mentions that start in tokens start..end."""
        return self.actors[bisect_left(self.actor_starts, start):bisect_left(self.actor_starts, end)]

    def last_actor_overlapping(self, start: int, end: int) -> tuple[Span, object] | None:
        """The last actor mention that shares a token with start..end."""
        at = bisect_left(self.actor_starts, end) - 1
        if at >= 0 and self.actors[at][0].end > start:
            return self.actors[at]
        return None

    def actor_ending_at(self, i: int) -> Span | None:
        """The actor mention whose last token is i."""
        return self._actor_by_last_token.get(i)

    def actors_before(self, i: int) -> Iterator[tuple[Span, object]]:
        """Actor mentions that end at or before token i, nearest first."""
        at = bisect_right(self.actor_ends, i)
        for index in range(at - 1, -1, -1):
            yield self.actors[index]


class DocContext:
    """One doc as the claim rules see it: its sentences and paragraphs, its entity index,
    its publication date. Built once per doc and handed to every rule."""

    def __init__(self, doc: Doc, lexicon: "ClaimLexicon") -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.index = EntityIndex(doc, lexicon.ignored_actor_types)
        self.sentences: list[Span] = list(doc.sents)
        self._starts = [s.start for s in self.sentences]
        self.published: str | None = doc._.published

    @cached_property
    def text(self) -> str:
        """The doc's text, joined once (spaCy joins its tokens anew at each `doc.text`)."""
        return self.doc.text

    @cached_property
    def mentions_by_id(self) -> dict[str, list[Span]]:
        """The linked entity mentions of the doc by their kb id, in text order."""
        found: dict[str, list[Span]] = {}
        for ent in self.index.ents:
            if ent.kb_id_:
                found.setdefault(ent.kb_id_, []).append(ent)
        return found

    @cached_property
    def distinct_actors(self) -> list[tuple[str, object]]:
        """(kb id, ActorRecord) of each actor the doc names, in the order of their first mention."""
        seen: dict[str, object] = {}
        for ent, record in self.index.actors:
            seen.setdefault(ent.kb_id_, record)
        return list(seen.items())

    def nearest_mention(self, kb_id: str, i: int) -> Span | None:
        """The mention of a kb id whose start is nearest token i."""
        mentions = self.mentions_by_id.get(kb_id)
        if not mentions:
            return None
        at = bisect_left(self._mention_starts[kb_id], i)
        return min(mentions[max(at - 1, 0):at + 1], key=lambda m: abs(m.start - i))  # the earlier on a tie

    @cached_property
    def _mention_starts(self) -> dict[str, list[int]]:
        return {kb_id: [m.start for m in mentions] for kb_id, mentions in self.mentions_by_id.items()}

    @cached_property
    def _sentence_starts(self) -> dict[int, int]:
        return {sent.start_char: number for number, sent in enumerate(self.sentences)}

    def claim_sentence(self, claim) -> int:
        """The number of the sentence a claim was read from (by its `sentence` offsets,
        else by where its number stands)."""
        number = self._sentence_starts.get(claim.sentence[0])
        if number is None:
            number = self.sentence_number(self.doc.char_span(*claim.quantity_chars, alignment_mode="expand").start)
        return number

    def sentence_number(self, i: int) -> int:
        """The number of the sentence that holds token i."""
        return bisect_right(self._starts, i) - 1

    @cached_property
    def paragraphs(self) -> list[int]:
        """The paragraph number of each sentence: a line break between two sentences
        starts a new paragraph."""
        numbers, current = [], 0
        for number, sent in enumerate(self.sentences):
            # the characters between two sentences are the whitespace after the first's last token
            if number and "\n" in self.doc[self.sentences[number - 1].end - 1].whitespace_:
                current += 1
            numbers.append(current)
        return numbers

    def ents(self, span: Span | None = None) -> list[Span]:
        """The entities of the doc, or those that start in a span."""
        return self.index.ents if span is None else self.index.within(span.start, span.end)

    def actor_ents(self, span: Span | None = None) -> list[tuple[Span, object]]:
        """(mention, ActorRecord) of the linked actor mentions of the doc or of a span."""
        return self.index.actors if span is None else self.index.actors_within(span.start, span.end)

    def actor_in(self, start: int, end: int) -> tuple[str, str] | None:
        """(id, type) of the last linked actor mention that shares a token with start..end."""
        found = self.index.last_actor_overlapping(start, end)
        return (found[1].id, found[1].type) if found is not None else None

    def speaker_before(self, i: int) -> Span | None:
        """The nearest actor named before token i that can speak for a party ("It said…")."""
        speakers = self.lexicon.party_types | {"international"}
        return next((ent for ent, record in self.index.actors_before(i) if record.type in speakers), None)
