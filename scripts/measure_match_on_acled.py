"""Measure incidents and `sahelnlp match` end to end on the ACLED notes.

    python scripts/measure_match_on_acled.py --part test [--shared ../shared] [--work /tmp/acled-match]

Each ACLED note of the part is read as an article published on its event date; sahelnlp
annotates them, builds incidents from the output, and matches them against the same
events written, in a scratch folder, as an ACLED export (CSV with ACLED's column names).
Since ACLED codes each note as one event of its own, the figures say
- how often one note's claims stay one incident (notes merged with others are mostly
  false merges: ACLED keeps two attacks of one day and place apart);
- how many incidents `match` pairs with an event, and how many with the note's own event;
- why the others were refused;
- how often ACLED's fatalities lie within the incident's low–high.
Nothing is written into the repository; the ACLED data stay in the scratch folder.
ACLED data: Armed Conflict Location & Event Data Project (ACLED), acleddata.com.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from sahelnlp.api import annotate
from sahelnlp.article import Article
from sahelnlp.evaluation.acled import acled_parts, read_acled_events
from sahelnlp.eventdata.incident_table import incidents_table
from sahelnlp.eventdata.match import match_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "test"), default="dev")
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/sahelnlp-acled-match"))
    args = parser.parse_args()
    events_path = args.shared / "acled-notes" / "events.jsonl"
    rows = [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    part_of = acled_parts(read_acled_events(events_path))
    rows = [row for row in rows if part_of.get(row["event_id"]) == args.part]
    work = args.work / args.part
    work.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).rename(columns={"event_id": "event_id_cnty"}).to_csv(work / "acled.csv", index=False)
    records = _records(rows, work / "records.jsonl")
    table = incidents_table(records)
    table.to_csv(work / "incidents.csv", index=False)
    _report(args.part, rows, records, table, match_files(work / "incidents.csv", work / "acled.csv"))


def _records(rows: list[dict], cache: Path) -> list[dict]:
    """The annotated notes, read once and kept in the scratch folder."""
    if not cache.exists():
        articles = [Article(id=row["event_id"], text=row["notes"], source=f"acled:{row['event_id']}", lang="en",
                            published=row["event_date"]) for row in rows]
        with cache.open("w", encoding="utf-8") as handle:
            for record in annotate(articles):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [json.loads(line) for line in cache.open(encoding="utf-8")]


def _report(part: str, rows: list[dict], records: list[dict], table: pd.DataFrame, tables) -> None:
    matched = tables.matched.merge(table[["incident_id", "articles"]], on="incident_id")
    own = sum(event in str(ids).split(";") for event, ids in zip(matched.event_id, matched.articles))
    with_claims = sum(1 for r in records if any(not c["aggregate"] for c in r["claims"]))
    alone = sum(1 for ids in table.articles if len(str(ids).split(";")) == 1)
    within = ((matched.low <= matched.event_best) & (matched.event_best <= matched.high)).sum()
    refused = ", ".join(f"{k} {v}" for k, v in tables.news_only.refused_for.value_counts().items())
    n = len(table)
    print(f"ACLED notes, {part} part: {len(rows)} events, {with_claims} with a claim, {n} incidents")
    print(f"- incidents of one note: {alone} ({alone / n:.3f}); notes merged into another's: {with_claims - alone}")
    print(f"- matched: {len(matched)} ({len(matched) / n:.3f}); to the note's own event: {own} ({own / n:.3f})")
    print(f"- refused ({len(tables.news_only)}): {refused}")
    print(f"- ACLED's fatalities within our low-high: {within} of {len(matched)} ({within / max(len(matched), 1):.3f})")


if __name__ == "__main__":
    main()
