"""Train, dev and test: the corpus split by incident cluster (`corpus/gold/split.tsv`).

Articles that tell the same incident (claims sharing an incident key, transitively)
form a cluster, and a cluster lies wholly in one part, so a test article never shares an
incident with an article the rules were written from. Clusters are stratified by
language and country. Articles read while earlier rules were written (`read_before`)
and every cluster that holds one never go to test.

The split is data: once written, a document keeps its part. A later run only assigns the
documents the file lacks, a new document joining a cluster takes the cluster's part, and
a new link between clusters of different parts is refused with both named, for a person to
decide.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import Errors, SahelNLPError
from .gold import GoldDoc

SPLITS = ("train", "dev", "test")
SPLIT_FILE = "split.tsv"
COLUMNS = ("input", "doc", "split", "cluster", "lang", "country")
# Target shares among the articles that may go to test. Articles read before, and their
# clusters, all go to train, so test takes more than half of the rest: that keeps at
# least 30% of the whole corpus in test.
DEFAULT_SHARES = {"train": 0.13, "dev": 0.30, "test": 0.57}


@dataclass(frozen=True)
class SplitRow:
    """One document's part, its incident cluster and its stratum."""

    input: str
    doc: str
    split: str
    cluster: str
    lang: str
    country: str

    @property
    def key(self) -> tuple[str, str]:
        return self.input, self.doc


def doc_key(gold: GoldDoc) -> tuple[str, str]:
    return gold.input, gold.doc


def incident_clusters(gold: Iterable[GoldDoc]) -> dict[tuple[str, str], str]:
    """Each document's cluster: the smallest incident key among the documents joined to
    it by shared keys, or `doc:<id>` for a document with no incident."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    docs = list(gold)
    for item in docs:
        node = f"doc:{item.input}#{item.doc}"
        find(node)
        for claim in item.claims:
            if claim.get("incident"):
                union(node, f"key:{claim['incident']}")
    members: dict[str, list[str]] = {}
    for node in list(parent):
        members.setdefault(find(node), []).append(node)
    names = {root: _cluster_name(nodes) for root, nodes in members.items()}
    return {doc_key(item): names[find(f"doc:{item.input}#{item.doc}")] for item in docs}


def _cluster_name(nodes: list[str]) -> str:
    keys = sorted(n[4:] for n in nodes if n.startswith("key:"))
    if keys:
        return keys[0]
    return "doc:" + sorted(nodes)[0][4:].rsplit("#", 1)[-1]


def doc_country(gold: GoldDoc) -> str:
    """The country an article is mostly about: its incidents', else its claim places',
    else its place mentions'; `XX` when none says."""
    for countries in ([i.get("country") for i in gold.incidents],
                      [(c.get("place") or {}).get("country") for c in gold.claims],
                      [p.get("country") for p in gold.places]):
        counted = Counter(c for c in countries if c)
        if counted:
            return sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return "XX"


def read_split(path: Path) -> dict[tuple[str, str], SplitRow]:
    """The split file's rows by (input, doc); an empty mapping when there is none."""
    if not path.exists():
        return {}
    rows: dict[tuple[str, str], SplitRow] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), 2):
            if row.get("split") not in SPLITS or not row.get("doc"):
                raise SahelNLPError(Errors.E125.format(path=path, line=number, choices=", ".join(SPLITS)))
            item = SplitRow(**{c: row.get(c) or "" for c in COLUMNS})
            rows[item.key] = item
    return rows


def write_split(rows: Iterable[SplitRow], path: Path) -> None:
    ordered = sorted(rows, key=lambda r: (r.input, _natural(r.doc)))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in ordered:
            writer.writerow([getattr(row, c) for c in COLUMNS])


def assign_splits(gold: list[GoldDoc], existing: dict[tuple[str, str], SplitRow] | None = None, *,
                  read_before: Iterable[str] = (), shares: dict[str, float] | None = None,
                  seed: str = "sahelnlp") -> list[SplitRow]:
    """Every gold document's part: kept where `existing` has it, else chosen by cluster.

    gold (list[GoldDoc]): the corpus.
    existing (dict): rows already decided (the split file).
    read_before (Iterable[str]): prefixes of "input#doc" (e.g. "dev-articles/", or
        "dev-articles-2/articles.jsonl#e004") naming articles read while rules or the
        codebook were worked on; their clusters never go to test.
    shares (dict): target shares of train, dev and test among the articles not read before.
    seed (str): mixes the hash that orders clusters within a stratum.
    RETURNS (list[SplitRow]): one row per document.
    """
    existing = existing or {}
    shares = shares or DEFAULT_SHARES
    clusters = incident_clusters(gold)
    by_cluster: dict[str, list[GoldDoc]] = {}
    for item in gold:
        by_cluster.setdefault(clusters[doc_key(item)], []).append(item)
    decided = _decided_clusters(by_cluster, existing)
    prefixes = tuple(read_before)
    for cluster, items in by_cluster.items():
        if cluster not in decided and prefixes and any(f"{i.input}#{i.doc}".startswith(prefixes) for i in items):
            decided[cluster] = "train"
    strata: dict[tuple[str, str], list[str]] = {}
    for cluster, items in by_cluster.items():
        if cluster not in decided:
            strata.setdefault(_stratum(items), []).append(cluster)
    for stratum in sorted(strata):
        ordered = sorted(strata[stratum], key=lambda c: hashlib.sha1(f"{seed}:{c}".encode()).hexdigest())
        counts = Counter()
        for cluster in ordered:
            size = len(by_cluster[cluster])
            part = min(SPLITS, key=lambda s: ((counts[s] + size) / shares[s] if shares[s] else float("inf"),
                                              SPLITS.index(s)))
            counts[part] += size
            decided[cluster] = part
    rows = []
    for cluster, items in by_cluster.items():
        for item in items:
            kept = existing.get(doc_key(item))
            rows.append(SplitRow(item.input, item.doc, kept.split if kept else decided[cluster], cluster,
                                 item.lang or "en", doc_country(item)))
    return rows


def _decided_clusters(by_cluster: dict[str, list[GoldDoc]],
                      existing: dict[tuple[str, str], SplitRow]) -> dict[str, str]:
    decided: dict[str, str] = {}
    for cluster, items in by_cluster.items():
        parts = {existing[doc_key(i)].split: i.doc for i in items if doc_key(i) in existing}
        if len(parts) > 1:
            named = ", ".join(f"{doc} ({part})" for part, doc in sorted(parts.items()))
            raise SahelNLPError(Errors.E126.format(cluster=cluster, docs=named, file=SPLIT_FILE))
        if parts:
            decided[cluster] = next(iter(parts))
    return decided


def _stratum(items: list[GoldDoc]) -> tuple[str, str]:
    langs = Counter(i.lang or "en" for i in items)
    countries = Counter(doc_country(i) for i in items)
    return (sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
            sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])


def _natural(doc: str) -> tuple:
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", doc))
