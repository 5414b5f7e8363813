"""Article resolvers: named passes over all the claims of an article, run after each claim
has been read from its own sentence, in the order the component's config names them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from ....errors import Errors, SahelNLPError
from ..context import DocContext
from ..lexicon import ClaimLexicon
from ..slots.flags import FlagReader
from ..slots.perpetrator import PerpetratorReader
from ..slots.source import SourceReader
from ..slots.victim import VictimReader
from ..slots.when import DateReader
from ..slots.where import PlaceReader
from ..types import Claim


@dataclass(frozen=True)
class Readers:
    """The slot readers of one extractor, built once from its lexicon."""

    words: ClaimLexicon
    victim: VictimReader
    source: SourceReader
    perpetrator: PerpetratorReader
    dates: DateReader
    flags: FlagReader
    places: PlaceReader


class Article:
    """The claims of one doc as the resolvers see them, with what the article as a whole says."""

    def __init__(self, ctx: DocContext, claims: list[Claim], readers: Readers) -> None:
        self.ctx = ctx
        self.claims = claims
        self.readers = readers

    @cached_property
    def attacker(self) -> str | None:
        """The article's attacker: the first actor a claim's sentence blames for
        non-militant deaths, else the first armed actor the article blames."""
        blamed = next((c.perpetrator for c in self.claims if c.perpetrator and c.victim != "militants"), None)
        return blamed or self.readers.perpetrator.first_blamed(self.ctx)

    @cached_property
    def unnamed_attacker(self) -> str | None:
        """The generic actor of an article that names no attacker: "jihadists
        (unidentified)" when it calls the attackers terrorists or jihadists anywhere,
        else "gunmen (unidentified)" when it speaks of attackers or assailants
        (codebook section 2, generic actors)."""
        words = self.readers.words
        found = {words.lookup(words.unnamed_attackers, token) for token in self.ctx.doc}
        return next((actor for actor in words.unnamed_attacker_order if actor in found), None)

    @cached_property
    def army(self) -> str | None:
        """The state force the article names most."""
        return self.readers.perpetrator.main_force(self.ctx)


Resolver = Callable[[Article], None]
RESOLVERS: dict[str, Resolver] = {}


def resolver(name: str) -> Callable[[Resolver], Resolver]:
    """Register an article resolver under the name the config uses."""
    def register(function: Resolver) -> Resolver:
        RESOLVERS[name] = function
        return function
    return register


def resolvers_named(names: list[str]) -> list[Resolver]:
    """The resolvers a config names, in its order; an unknown name is a coded error."""
    from . import incidents, lists, parties, segments, targets  # noqa: F401  (they register themselves)

    unknown = [name for name in names if name not in RESOLVERS]
    if unknown:
        raise SahelNLPError(Errors.E005.format(names=", ".join(unknown), choices=", ".join(sorted(RESOLVERS))))
    return [RESOLVERS[name] for name in names]
