"""Print and write an evaluation: a table on the terminal, a JSON report, the misses."""

from __future__ import annotations

import json
from pathlib import Path

from wasabi import table

from .metrics import Scores


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def render(scores: Scores) -> str:
    """The report as terminal tables."""
    rows = [
        ("claims (outcome + value)", _fmt(scores.claims.precision), _fmt(scores.claims.recall),
         _fmt(scores.claims.f1), f"{scores.claims.tp}/{scores.claims.tp + scores.claims.fn} gold"),
        ("place mentions", _fmt(scores.place_mentions.precision), _fmt(scores.place_mentions.recall),
         _fmt(scores.place_mentions.f1), f"{scores.place_mentions.tp}/"
         f"{scores.place_mentions.tp + scores.place_mentions.fn} gold"),
        ("actors per article", _fmt(scores.actors.precision), _fmt(scores.actors.recall),
         _fmt(scores.actors.f1), f"{scores.actors.tp}/{scores.actors.tp + scores.actors.fn} gold"),
    ]
    out = [f"Evaluated {scores.documents} documents.", "",
           table(rows, header=("", "precision", "recall", "F1", "found"), divider=True)]
    attribute_rows = [(name, _fmt(acc.value), f"{acc.right}/{acc.total}")
                      for name, acc in scores.attributes.items()]
    attribute_rows.append(("place link (country, ≤25 km)", _fmt(scores.place_links.value),
                           f"{scores.place_links.right}/{scores.place_links.total}"))
    out += ["Accuracy on matched claims and mentions:",
            table(attribute_rows, header=("attribute", "accuracy", "right"), divider=True)]
    flag_rows = [(name, _fmt(prf.precision), _fmt(prf.recall), _fmt(prf.f1), prf.tp + prf.fn)
                 for name, prf in scores.flags.items()]
    out += ["Flags, positive cases on matched claims:",
            table(flag_rows, header=("flag", "precision", "recall", "F1", "gold positives"), divider=True)]
    if scores.missing_predictions:
        out.append(f"No prediction for {len(scores.missing_predictions)} gold document(s): "
                   f"{', '.join(scores.missing_predictions[:10])}")
    return "\n".join(out)


def write_report(scores: Scores, path: Path, extra: dict | None = None) -> None:
    data = {**scores.as_dict(), **(extra or {})}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_misses(scores: Scores, path: Path, texts: dict[str, str] | None = None) -> None:
    """One JSON line per miss, false alarm or wrong attribute, with the sentence when known."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for miss in scores.misses:
            entry = dict(miss)
            text = (texts or {}).get(miss["doc"])
            span = miss.get("sentence") or miss.get("span")
            if text and span:
                entry["context"] = text[max(0, span[0] - 40):span[1] + 40] if "sentence" not in miss \
                    else text[span[0]:span[1]]
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
