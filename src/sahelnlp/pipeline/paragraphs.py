"""`sahel_paragraph_breaks`: a line break before a capitalised word starts a sentence.

Article dumps put headlines, subtitles and datelines on lines of their own without
final punctuation; the parser then runs them into the next sentence ("…rises to 19
The death toll from…"), and claims lose their sentence. Placed before the parser,
which keeps sentence starts set before it.

With `sentence_ends`, the parser may also start a sentence only after one of those
tokens (or a line break): the French model breaks sentences at a proper noun after its
verb ("…, a appris Anadolu | jeudi | des autorités locales"), which loses the speaker.
"""

from __future__ import annotations

from typing import Iterable

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


CLOSING_QUOTES = ("»", "”")


@Language.factory(
    "sahel_paragraph_breaks",
    default_config={"min_newlines": 1, "sentence_ends": []},
    assigns=["token.is_sent_start"],
)
def make_paragraph_breaks(nlp: Language, name: str, *, min_newlines: int,
                          sentence_ends: list[str]) -> "ParagraphBreaks":
    return ParagraphBreaks(name, min_newlines=min_newlines, sentence_ends=sentence_ends)


class ParagraphBreaks:
    """min_newlines (int): how many line breaks make a boundary (1: any line break).
    sentence_ends (list[str]): when given, a sentence starts only at a line break or
    within two tokens after one of these (". »" counts); empty: the parser decides."""

    def __init__(self, name: str = "sahel_paragraph_breaks", *, min_newlines: int = 1,
                 sentence_ends: list[str] | None = None) -> None:
        self.name = name
        self.min_newlines = min_newlines
        self.sentence_ends = frozenset(sentence_ends or ())

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_annotation("DEP") or doc.has_annotation("SENT_START"):
            return doc  # parsed already (a doc run twice): its sentences are set
        starts, inside = [], []
        ends = [t.text in self.sentence_ends or "\n" in t.text for t in doc] if self.sentence_ends else []
        for token in doc[1:]:
            before = doc[token.i - 1]
            breaks = before.text.count("\n") if before.is_space else before.whitespace_.count("\n")
            if breaks >= self.min_newlines and not token.is_space and (
                    token.is_title or token.is_upper or token.is_digit or token.is_quote
                    or not token.is_alpha):
                starts.append(token.i)
            elif ends and not breaks and (not (ends[token.i - 1] or token.i > 1 and ends[token.i - 2])
                                          or token.text in CLOSING_QUOTES):
                inside.append(token.i)  # a closing quote ends the sentence it closes
        if starts or inside:
            # one write for the whole doc: setting token.is_sent_start one by one checks the
            # whole doc's annotation each time, which grows with the square of its length
            marks = numpy.zeros((len(doc), 1), dtype="int32")
            marks[starts, 0] = 1
            marks[inside, 0] = -1
            doc.from_array([SENT_START], marks.astype("uint64"))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)
