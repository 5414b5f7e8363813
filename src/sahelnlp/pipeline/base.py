"""What every sahelnlp component shares: a doc that makes it fail is kept, not lost."""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from ..errors import Errors, SahelNLPError


class GuardedComponent:
    """Calls `process(doc)`; an exception becomes a message in `doc._.processing_errors`.

    Subclasses set `name`, implement `process` and `is_ready` (whether their data
    is loaded).
    """

    name: str

    def is_ready(self) -> bool:
        raise NotImplementedError

    def process(self, doc: Doc) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if not self.is_ready():
            raise SahelNLPError(Errors.E003.format(name=self.name))
        try:
            self.process(doc)
        except Exception as err:  # one bad doc must not stop the run
            doc._.processing_errors.append(
                Errors.E011.format(source="this article", component=self.name, error=err))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)
