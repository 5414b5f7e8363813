"""Evaluation against the gold corpus: `sahelnlp evaluate`."""

from .gold import GoldDoc, gold_articles, load_gold
from .metrics import Scores, evaluate, match_claims, place_right

__all__ = ["GoldDoc", "Scores", "evaluate", "gold_articles", "load_gold", "match_claims", "place_right"]
