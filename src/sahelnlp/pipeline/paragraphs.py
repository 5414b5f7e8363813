"""`sahel_paragraph_breaks`: a line break before a capitalised word starts a sentence.

Article dumps put headlines, subtitles and datelines on lines of their own without
final punctuation; the parser then runs them into the next sentence ("…rises to 19
The death toll from…"), and claims lose their sentence. Placed before the parser,
which keeps sentence starts set before it.
"""

from __future__ import annotations

from typing import Iterable

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "sahel_paragraph_breaks",
    default_config={"min_newlines": 1},
    assigns=["token.is_sent_start"],
)
def make_paragraph_breaks(nlp: Language, name: str, *, min_newlines: int) -> "ParagraphBreaks":
    return ParagraphBreaks(name, min_newlines=min_newlines)


class ParagraphBreaks:
    """min_newlines (int): how many line breaks make a boundary (1: any line break)."""

    def __init__(self, name: str = "sahel_paragraph_breaks", *, min_newlines: int = 1) -> None:
        self.name = name
        self.min_newlines = min_newlines

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_annotation("DEP") or doc.has_annotation("SENT_START"):
            return doc  # parsed already (a doc run twice): its sentences are set
        starts = []
        for token in doc[1:]:
            before = doc[token.i - 1]
            breaks = before.text.count("\n") if before.is_space else before.whitespace_.count("\n")
            if breaks >= self.min_newlines and not token.is_space and (
                    token.is_title or token.is_upper or token.is_digit or token.is_quote
                    or not token.is_alpha):
                starts.append(token.i)
        if starts:
            # one write for the whole doc: setting token.is_sent_start one by one checks the
            # whole doc's annotation each time, which grows with the square of its length
            marks = numpy.zeros((len(doc), 1), dtype="uint64")
            marks[starts, 0] = 1
            doc.from_array([SENT_START], marks)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)
