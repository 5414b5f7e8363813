"""The attribution model: one small feed-forward head per slot over the feature rows.

Class heads (victim group, claimed, aggregate) score one row per claim into the slot's
labels; choice heads (perpetrator, source, victim actor, place) score one row per candidate into
one number, and the candidates of one claim compete in a softmax. The component groups
the rows; the model only maps rows to scores, so it can be trained by `spacy train`.
"""

from __future__ import annotations

from typing import Callable

from spacy.util import registry
from thinc.api import Linear, Model, Relu, chain
from thinc.types import Floats2d

from ...codebook import VICTIM_GROUPS

# slot -> number of outputs: labels for a class head, 1 for a choice head
CLASS_SLOTS = {"victim": len(VICTIM_GROUPS), "claimed": 2, "aggregate": 2}
CHOICE_SLOTS = ("perpetrator", "source", "victim_actor", "place")
SLOTS = (*CLASS_SLOTS, *CHOICE_SLOTS)

Rows = dict[str, Floats2d]


@registry.architectures("sahelnlp.AttributionScorer.v1")
def build_attribution_scorer(hidden_width: int = 64, dropout: float = 0.2) -> Model[Rows, Rows]:
    """One Relu layer and a linear output per slot; input widths are set at initialize."""
    heads = {slot: chain(Relu(nO=hidden_width, dropout=dropout), Linear(nO=CLASS_SLOTS.get(slot, 1)))
             for slot in SLOTS}
    return Model("attribution_scorer", _forward, init=_init, layers=[heads[s] for s in SLOTS],
                 attrs={"slots": SLOTS})


def _heads(model: Model) -> dict[str, Model]:
    return dict(zip(model.attrs["slots"], model.layers))


def _forward(model: Model[Rows, Rows], rows: Rows, is_train: bool) -> tuple[Rows, Callable]:
    scores, callbacks = {}, {}
    for slot, head in _heads(model).items():
        if slot in rows and len(rows[slot]):
            scores[slot], callbacks[slot] = head(rows[slot], is_train)

    def backprop(d_scores: Rows) -> Rows:
        return {slot: callbacks[slot](d_scores[slot]) for slot in d_scores if slot in callbacks}

    return scores, backprop


def _init(model: Model[Rows, Rows], X: Rows | None = None, Y: Rows | None = None) -> None:
    for slot, head in _heads(model).items():
        if X is not None and slot in X:
            head.initialize(X=X[slot])
