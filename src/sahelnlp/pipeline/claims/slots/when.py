"""The event-date slot (codebook section 1, `event_date`): the day of the incident, from a
DATE mention of the claim's sentence or the one before, resolved against the publication
date; dates of the telling ("the army said on Wednesday") are not the event's."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..context import DocContext
from ..event_dates import resolve
from ..lexicon import ClaimLexicon
from ..types import Finding


class DateReader:
    """Event dates of claims, and the questions other rules ask about dates."""

    def __init__(self, words: ClaimLexicon, look_back_sentences: int = 1) -> None:
        self.words = words
        self.look_back_sentences = look_back_sentences

    def read(self, ctx: DocContext, number: int, trigger: Token) -> Finding | None:
        """Finding(ISO day, rule) of the claim in sentence `number`: the nearest resolvable
        event date of its sentence, else of the sentence before in the same paragraph."""
        doc, sentences = ctx.doc, ctx.sentences
        for back in range(0, self.look_back_sentences + 1):
            if number - back < 0:
                break
            sent = sentences[number - back]
            if back and "\n\n" in doc[sent.end - 1:sentences[number].start].text_with_ws:
                break  # do not borrow a date across a paragraph break
            dates = sorted(self.event_dates(ctx, sent), key=lambda e: abs(e.root.i - trigger.i))
            for ent in dates:
                resolved = resolve(ent.text, ctx.published)
                if resolved:
                    return Finding(resolved, "date.own_sentence" if not back else "date.sentence_before")
        return None

    def event_dates(self, ctx: DocContext, span: Span | None = None) -> list[Span]:
        """The DATE mentions of a span (or the doc) that date no report."""
        return [e for e in ctx.ents(span) if e.label_ == "DATE" and not self.dates_a_report(e)]

    def first_event_date(self, ctx: DocContext) -> str | None:
        """The first day the article dates that is no report's date."""
        for ent in self.event_dates(ctx):
            found = resolve(ent.text, ctx.published)
            if found:
                return found
        return None

    def has_own_date(self, ctx: DocContext, sent: Span) -> bool:
        """Whether the sentence dates something itself ("In June 2022", "last year")."""
        return bool(self.event_dates(ctx, sent))

    def dates_a_report(self, date: Span) -> bool:
        """ "the army said on Wednesday", "in a statement on Tuesday", "the toll rose to 19
        on Thursday", "mourning will begin on Friday": a date of the telling, of a toll's
        update or of what is to come, not of the event."""
        token = date.root
        for _ in range(3):
            head = token.head
            if head.i == token.i:
                return False
            lemma = head.lemma_.lower()
            if lemma in self.words.speaker_documents:
                return True
            if head.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "aux" and c.lower_ in self.words.future_auxiliaries for c in head.children):
                    return True  # "mourning will begin on Wednesday": no event's day
                return lemma in self.words.reporting_verbs or (
                    lemma in self.words.toll_verbs and self._has_toll_subject(head))
            token = head
        return False

    def _has_toll_subject(self, verb: Token) -> bool:
        """ "the toll rose…": the verb's subject is a toll noun."""
        return any(c.dep_ in ("nsubj", "nsubjpass") and any(t.lemma_.lower() in self.words.toll_nouns
                                                             for t in c.subtree)
                   for c in verb.children)
