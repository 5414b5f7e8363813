"""Scores of a whole corpus by part and language: train, dev and test side by side.

Test is run to report, never to tune: its misses are never written, only its scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .gold import GoldDoc
from .incidents import score_incidents
from .metrics import Scores, evaluate
from .split import SplitRow, doc_key

ALL = "all"
UNSPLIT = "unsplit"
SEALED = ("test",)
# The figures put side by side, each a path into Scores.as_dict().
HEADLINE = (
    ("claims F1", ("claims", "f1")),
    ("claims precision", ("claims", "precision")),
    ("claims recall", ("claims", "recall")),
    ("victim", ("claim_attributes", "victim", "accuracy")),
    ("victim actor", ("claim_attributes", "victim_actor", "accuracy")),
    ("source", ("claim_attributes", "source", "accuracy")),
    ("perpetrator", ("claim_attributes", "perpetrator", "accuracy")),
    ("event date", ("claim_attributes", "event_date", "accuracy")),
    ("claim place", ("claim_attributes", "place", "accuracy")),
    ("claimed F1", ("claim_flags_positive", "claimed", "f1")),
    ("aggregate F1", ("claim_flags_positive", "aggregate", "f1")),
    ("place mentions precision", ("place_mentions", "precision")),
    ("place mentions recall", ("place_mentions", "recall")),
    ("place links", ("place_links", "accuracy")),
    ("actors precision", ("actors_per_article", "precision")),
    ("actors recall", ("actors_per_article", "recall")),
    ("actors F1", ("actors_per_article", "f1")),
    ("incident pairs F1", ("incidents", "pairs", "f1")),
    ("incident pairs across articles F1", ("incidents", "cross_article_pairs", "f1")),
    ("incident best in gold range", ("incidents", "best_in_range", "accuracy")),
    ("incident type", ("incidents", "event_type", "accuracy")),
)


@dataclass
class CorpusScores:
    """Scores per part (train, dev, test, unsplit) and language (all, en, fr)."""

    groups: dict[str, dict[str, Scores]] = field(default_factory=dict)

    def get(self, part: str, lang: str = ALL) -> Scores | None:
        return self.groups.get(part, {}).get(lang)

    def figure(self, part: str, lang: str, path: tuple[str, ...]) -> float | None:
        scores = self.get(part, lang)
        if scores is None:
            return None
        value = scores.as_dict()
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        return value

    def open_misses(self) -> list[dict]:
        """The misses of every part but the sealed ones, from the language-wide scores."""
        return [miss for part, langs in self.groups.items() if part not in SEALED
                for miss in langs[ALL].misses]

    def open_by_rule(self) -> dict[str, dict[str, tuple[int, int]]]:
        """attribute -> rule -> (right, total) over every part but the sealed ones."""
        merged: dict[str, dict[str, list[int]]] = {}
        for part, langs in self.groups.items():
            if part in SEALED:
                continue
            for attribute, rules in langs[ALL].by_rule.items():
                for rule, accuracy in rules.items():
                    tally = merged.setdefault(attribute, {}).setdefault(rule, [0, 0])
                    tally[0] += accuracy.right
                    tally[1] += accuracy.total
        return {a: {r: (t[0], t[1]) for r, t in rules.items()} for a, rules in merged.items()}

    def as_dict(self) -> dict:
        data = {part: {lang: _without_misses(scores.as_dict(), sealed=part in SEALED)
                       for lang, scores in langs.items()}
                for part, langs in self.groups.items()}
        gaps = {}
        for lang in sorted({lang for langs in self.groups.values() for lang in langs}):
            gaps[lang] = {name: _gap(self.figure("dev", lang, path), self.figure("test", lang, path))
                          for name, path in HEADLINE}
        return {"by_part": data, "gap_dev_minus_test": gaps}


def evaluate_corpus(gold: list[GoldDoc], predictions: dict[str, dict],
                    split: dict[tuple[str, str], SplitRow]) -> CorpusScores:
    """Score each part and language apart; documents the split lacks are `unsplit`."""
    grouped: dict[str, dict[str, list[GoldDoc]]] = {}
    for item in gold:
        row = split.get(doc_key(item))
        part = row.split if row else UNSPLIT
        lang = (row.lang if row else None) or item.lang or "en"
        for name in (ALL, lang):
            grouped.setdefault(part, {}).setdefault(name, []).append(item)
    result = CorpusScores()
    for part in sorted(grouped, key=_part_order):
        result.groups[part] = {lang: _scored(items, predictions)
                               for lang, items in sorted(grouped[part].items(), key=lambda kv: _lang_order(kv[0]))}
    return result


def _scored(items: list[GoldDoc], predictions: dict[str, dict]) -> Scores:
    """A part's scores per document, then its incidents across them; the incident
    misses join the others."""
    scores = evaluate(items, predictions)
    scores.incidents = score_incidents(items, predictions)
    scores.misses.extend(scores.incidents.misses)
    return scores


def _part_order(part: str) -> int:
    return ("train", "dev", "test", UNSPLIT).index(part) if part in ("train", "dev", "test", UNSPLIT) else 9


def _lang_order(lang: str) -> tuple:
    return (lang != ALL, lang)


def _gap(dev: float | None, test: float | None) -> float | None:
    return None if dev is None or test is None else round(dev - test, 3)


def _without_misses(data: dict, sealed: bool = False) -> dict:
    """The scores without the misses; a sealed part's also without its accuracy by rule,
    which would say where its misses are."""
    hidden = ("misses", "attribute_accuracy_by_rule") if sealed else ("misses",)
    return {k: v for k, v in data.items() if k not in hidden}
