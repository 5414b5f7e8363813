"""The train/dev/test split: clusters of one incident stay together, read articles stay
out of test, a written split does not move."""

from __future__ import annotations

import pytest

from sahelnlp.errors import SahelNLPError
from sahelnlp.evaluation.gold import GoldDoc
from sahelnlp.evaluation.split import (SplitRow, assign_splits, doc_country, incident_clusters, read_split,
                                       write_split)


def _doc(doc: str, keys: list[str | None], *, input_: str = "new/articles.jsonl", lang: str = "en",
         country: str = "ML") -> GoldDoc:
    claims = [{"incident": key} for key in keys]
    incidents = [{"key": k, "country": country} for k in keys if k]
    return GoldDoc(doc=doc, input=input_, text_sha1="", claims=claims, incidents=incidents, lang=lang)


def test_incident_clusters_join_articles_transitively():
    docs = [_doc("a", ["ml-2024-09-17-bamako"]), _doc("b", ["ml-2024-09-17-bamako", "ml-2024-07-25-tinzaouaten"]),
            _doc("c", ["ml-2024-07-25-tinzaouaten"]), _doc("d", ["bf-2024-08-24-barsalogho"]), _doc("e", [None])]
    clusters = incident_clusters(docs)
    assert clusters[("new/articles.jsonl", "a")] == clusters[("new/articles.jsonl", "c")] \
        == "ml-2024-07-25-tinzaouaten"
    assert clusters[("new/articles.jsonl", "d")] == "bf-2024-08-24-barsalogho"
    assert clusters[("new/articles.jsonl", "e")] == "doc:e"


def _corpus(n: int = 60) -> list[GoldDoc]:
    docs = []
    for i in range(n):
        key = f"ml-2020-01-{i // 3:02d}-town"  # three articles per incident
        docs.append(_doc(f"n{i:03d}", [key], lang="fr" if i % 4 == 0 else "en", country="BF" if i % 5 == 0 else "ML"))
    docs += [_doc(f"old{i}", [f"ml-2019-05-{i:02d}-old"], input_="old/articles.jsonl") for i in range(10)]
    docs.append(_doc("bridge", ["ml-2020-01-00-town", "ml-2019-05-00-old"], input_="old/articles.jsonl"))
    return docs


def test_assign_splits_keeps_clusters_whole_and_read_articles_out_of_test():
    docs = _corpus()
    rows = assign_splits(docs, read_before=["old/"])
    by_cluster: dict[str, set[str]] = {}
    for row in rows:
        by_cluster.setdefault(row.cluster, set()).add(row.split)
    assert all(len(parts) == 1 for parts in by_cluster.values())
    assert all(r.split != "test" for r in rows if r.input.startswith("old/"))
    # the cluster an old article joined left test too
    assert {r.split for r in rows if r.cluster == "ml-2019-05-00-old"} != {"test"}
    test_share = sum(r.split == "test" for r in rows) / len(rows)
    assert 0.3 <= test_share <= 0.5
    assert {r.split for r in rows if r.lang == "fr"} == {"train", "dev", "test"}


def test_assign_splits_is_stable_and_keeps_a_written_split(tmp_path):
    docs = _corpus()
    first = assign_splits(docs, read_before=["old/"])
    reordered = assign_splits(list(reversed(docs)), read_before=["old/"])
    assert sorted(first, key=lambda r: r.doc) == sorted(reordered, key=lambda r: r.doc)
    path = tmp_path / "split.tsv"
    write_split(first, path)
    written = read_split(path)
    moved = {k: SplitRow(**{**r.__dict__, "split": "train"}) for k, r in written.items()}
    again = assign_splits(docs, moved, read_before=["old/"], seed="another seed")
    assert {r.split for r in again} == {"train"}
    late = _doc("late", ["ml-2020-01-05-town"])
    (joined,) = [r for r in assign_splits([*docs, late], written) if r.doc == "late"]
    assert joined.split == written[("new/articles.jsonl", "n015")].split


def test_assign_splits_refuses_a_link_across_written_parts():
    docs = [_doc("a", ["ml-2020-01-01-x"]), _doc("b", ["ml-2020-01-02-y"])]
    written = {("new/articles.jsonl", "a"): SplitRow("new/articles.jsonl", "a", "train", "x", "en", "ML"),
               ("new/articles.jsonl", "b"): SplitRow("new/articles.jsonl", "b", "test", "y", "en", "ML")}
    joined = [*docs, _doc("c", ["ml-2020-01-01-x", "ml-2020-01-02-y"])]
    with pytest.raises(SahelNLPError, match="different parts"):
        assign_splits(joined, written)


def test_read_split_names_a_bad_line(tmp_path):
    path = tmp_path / "split.tsv"
    path.write_text("input\tdoc\tsplit\tcluster\tlang\tcountry\nx\ta\tvalidation\tc\ten\tML\n", encoding="utf-8")
    with pytest.raises(SahelNLPError, match="line 2"):
        read_split(path)


def test_doc_country_prefers_incidents_then_claim_places_then_mentions():
    assert doc_country(_doc("a", ["ne-2021-01-02-tillia"], country="NE")) == "NE"
    placed = GoldDoc(doc="b", input="x", text_sha1="", claims=[{"place": {"country": "BF"}}],
                     places=[{"country": "ML"}, {"country": "ML"}])
    assert doc_country(placed) == "BF"
    assert doc_country(GoldDoc(doc="c", input="x", text_sha1="", places=[{"country": "TD"}])) == "TD"
    assert doc_country(GoldDoc(doc="d", input="x", text_sha1="")) == "XX"
