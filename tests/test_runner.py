"""The runner: long texts in pieces, offsets merged back, order kept, n_process."""

from __future__ import annotations

from sahelnlp.article import Article
from sahelnlp.runner import RunStats, annotate, split_text
from sahelnlp.validate import problems_of

PARAGRAPH = "Suspected jihadists killed 12 soldiers near Gao in northern Mali on Monday, the army said."


def test_split_text_cuts_at_paragraphs_and_covers_text():
    text = "\n\n".join([PARAGRAPH] * 10)
    pieces = split_text(text, 300)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 300 for _, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)


def test_annotate_long_text_in_pieces_offsets_fit(nlp):
    text = "\n\n".join([PARAGRAPH] * 12)
    article = Article(id="long", text=text, source="test", published="2024-03-12")
    max_length = nlp.max_length
    nlp.max_length = 400
    try:
        [record] = list(annotate(nlp, [article]))
    finally:
        nlp.max_length = max_length
    assert problems_of(record) == []
    assert len(record["claims"]) == 12
    for claim in record["claims"]:
        assert text[claim["quantity_span"][0]:claim["quantity_span"][1]] == "12"
    assert record["errors"] == [] and any("pieces" in n for n in record["notes"])


def test_annotate_keeps_order_and_counts(nlp):
    articles = [Article(id=str(i), text=PARAGRAPH if i % 3 else "", source=f"t{i}") for i in range(9)]
    stats = RunStats()
    records = list(annotate(nlp, articles, batch_size=2, window=4, stats=stats))
    assert [r["id"] for r in records] == [str(i) for i in range(9)]
    assert stats.written == 9 and stats.failed == 3  # the input stage counts what it reads


def test_annotate_two_processes_same_records(nlp):
    articles = [Article(id=str(i), text=PARAGRAPH, source="t", published="2024-03-12") for i in range(6)]
    one = list(annotate(nlp, articles, n_process=1))
    two = list(annotate(nlp, [Article(**a.__dict__) for a in articles], n_process=2, batch_size=2))
    assert one == two


def test_annotate_two_processes_without_fork_rebuilds_pipeline_from_bytes(nlp, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    articles = [Article(id=str(i), text=PARAGRAPH, source="t", published="2024-03-12") for i in range(4)]
    expected = list(annotate(nlp, [Article(**a.__dict__) for a in articles]))
    assert list(annotate(nlp, articles, n_process=2, window=2)) == expected
