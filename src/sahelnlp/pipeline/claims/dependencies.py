"""Dependency labels the claim rules read, in both schemes the base models use: the
English model's ClearNLP labels and the French model's Universal Dependencies.

The same relation has two names ("nsubjpass" / "nsubj:pass"), and a prepositional phrase
two shapes: English hangs the noun under its preposition (`prep` → `pobj`), UD hangs the
preposition under its noun (`obl`/`nmod` → `case`).
"""

from __future__ import annotations

from spacy.tokens import Token

PASSIVE_SUBJECTS = ("nsubjpass", "nsubj:pass")
PASSIVE_AUXILIARIES = ("auxpass", "aux:pass")
TENSE_AUXILIARIES = ("aux:tense",)  # UD: the perfect's "ont" before the passive's "été"
AGENTS = ("agent", "obl:agent")  # "killed by gunmen", "tués par des hommes armés"
UD_AGENT = "obl:agent"  # UD hangs the agent's noun itself, not its preposition
# UD hangs a noun with its preposition as a `case` child under these
UD_PREPOSITIONAL = ("nmod", "obl", "obl:mod", "obl:arg")


def ud_preposition(token: Token) -> Token | None:
    """The preposition of a UD prepositional noun ("de" in "une douzaine de volontaires"), or None."""
    if token.dep_ not in UD_PREPOSITIONAL:
        return None
    return next((c for c in token.children if c.dep_ == "case"), None)
