"""Print and write an evaluation: a table on the terminal, a JSON report, the misses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from wasabi import table

from .metrics import Scores

if TYPE_CHECKING:
    from .acled import AcledScores
    from .corpus import CorpusScores


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


def write_report(data: dict, path: Path) -> None:
    """The whole evaluation as one JSON file."""
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_misses(misses: list[dict], path: Path, texts: dict[str, str] | None = None) -> None:
    """One JSON line per miss, false alarm or wrong attribute, with the sentence when known."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for miss in misses:
            entry = dict(miss)
            text = (texts or {}).get(miss.get("doc"))
            span = miss.get("sentence") or miss.get("span")
            if text and span:
                entry["context"] = text[max(0, span[0] - 40):span[1] + 40] if "sentence" not in miss \
                    else text[span[0]:span[1]]
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")


def render_acled(parts: dict[str, AcledScores], source: str) -> str:
    """The ACLED yardstick, one column per part of the events."""
    names = list(parts)
    rows = []
    figures = (("events", None), ("fatalities equal to ACLED's", "fatalities_equal"),
               ("  when ACLED has 0", "fatalities_equal_when_acled_zero"),
               ("  when ACLED has deaths", "fatalities_equal_when_acled_nonzero"),
               ("place ≤25 km (precision 1)", "place_precision_1_within_25km"),
               ("place ≤50 km (precision 2)", "place_precision_2_within_50km"),
               ("place, precision 1 and 2", "place_precision_1_2"),
               ("place in admin1 (precision 3)", "place_precision_3_same_admin1"),
               ("actor1 found", "actor1_found"), ("actor2 found", "actor2_found"))
    data = {name: scores.as_dict() for name, scores in parts.items()}
    for label, key in figures:
        if key is None:
            rows.append([label, *[str(data[n]["events"]) for n in names]])
            continue
        rows.append([label, *[f"{_fmt(data[n][key]['accuracy'])} ({data[n][key]['right']}/{data[n][key]['total']})"
                              for n in names]])
    rows.append(["fatalities mean absolute error", *[_fmt(data[n]["fatalities_mean_absolute_error"]) for n in names]])
    rows.append(["actor names not in the table", *[str(data[n]["actor_names_not_in_table"]) for n in names]])
    return "\n".join([f"ACLED-coded events of {source} (ACLED data: acleddata.com):",
                      table(rows, header=["", *names], divider=True)])


def render_corpus(scores: CorpusScores) -> str:
    """One table per language: the headline figures of each part side by side, and the gap
    between dev and test."""
    from .corpus import ALL, HEADLINE, SEALED

    parts = list(scores.groups)
    langs = sorted({lang for part in parts for lang in scores.groups[part]}, key=lambda l: (l != ALL, l))
    out = []
    for lang in langs:
        header = ["", *parts] + (["dev − test"] if {"dev", "test"} <= set(parts) else [])
        rows = [["documents", *[_count(scores, p, lang, "documents") for p in parts]],
                ["gold claims", *[_count(scores, p, lang, "claims") for p in parts]]]
        for name, path in HEADLINE:
            row = [name, *[_fmt(scores.figure(p, lang, path)) for p in parts]]
            if "dev − test" in header:
                dev, test = scores.figure("dev", lang, path), scores.figure("test", lang, path)
                row.append("–" if dev is None or test is None else f"{dev - test:+.3f}")
            rows.append(row)
        for row in rows[:2]:
            row += [""] * (len(header) - len(row))
        title = "All languages" if lang == ALL else f"Language: {lang}"
        out += [title, table(rows, header=header, divider=True)]
    sealed = [p for p in parts if p in SEALED]
    if sealed:
        out.append(f"Misses of {', '.join(sealed)} are sealed: only their scores are reported.")
    return "\n".join(out)


def render_rules(scores: CorpusScores) -> str:
    """How often each rule's value was right, per attribute, over the open parts (the
    claim's evidence says which rule set a field): where to look first."""
    rows = []
    for attribute, rules in sorted(scores.open_by_rule().items()):
        for rule, (right, total) in sorted(rules.items(), key=lambda kv: -kv[1][1]):
            rows.append([attribute, rule, f"{right}/{total}", _fmt(right / total if total else None),
                         total - right])
    return "\n".join(["Attributes by the rule that set them (train, dev and unsplit documents):",
                      table(rows, header=["attribute", "rule", "right", "accuracy", "wrong"], divider=True)])


def _count(scores, part: str, lang: str, what: str) -> str:
    found = scores.get(part, lang)
    if found is None:
        return "–"
    if what == "documents":
        return str(found.documents)
    return str(found.claims.tp + found.claims.fn)
