"""Tests for readers/jsonl.py: JSON Lines and JSON documents."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sahelnlp.article import content_id
from sahelnlp.readers import FieldMap, read_inputs
from sahelnlp.readers.jsonl import read_json, read_jsonl


def _line(**record: object) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_read_jsonl_reads_fields_and_sources() -> None:
    text = "\n".join(
        [
            _line(
                id="a1",
                text="Soldiers repelled an attack.",
                title="Attack repelled",
                url="https://x.example/a1",
                published="2024-09-18T04:54:07Z",
                lang="en",
            ),
            "",
            _line(id=7, text="A second report.", published="Wed, 18 Sep 2024 04:54:07 +0000"),
            _line(text="No id here.", published="18 September 2024"),
        ]
    )
    first, second, third = read_jsonl(text, "dump.jsonl")
    assert (first.id, first.title, first.url, first.published, first.lang) == (
        "a1",
        "Attack repelled",
        "https://x.example/a1",
        "2024-09-18",
        "en",
    )
    assert first.source == "dump.jsonl:1"
    assert (second.id, second.source, second.published) == ("7", "dump.jsonl:3", "2024-09-18")
    assert third.id == content_id("dump.jsonl:4", "No id here.")
    assert third.published == "2024-09-18"
    assert all(a.ok for a in (first, second, third))


def test_read_jsonl_with_field_map() -> None:
    fields = FieldMap(id="uid", text="body", title="headline", published="date")
    (article,) = read_jsonl(
        _line(uid="u1", body="Body text.", headline="Head", date="2023-07-10"), "f.jsonl", fields
    )
    assert (article.id, article.text, article.title, article.published) == (
        "u1",
        "Body text.",
        "Head",
        "2023-07-10",
    )


def test_read_jsonl_bad_line_in_the_middle_keeps_the_others() -> None:
    text = "\n".join(
        [
            _line(id="a", text="Before."),
            '{"id": "b" "text": "broken"}',
            _line(id="c", text="After."),
        ]
    )
    before, broken, after = read_jsonl(text, "articles.jsonl")
    assert (before.text, after.text) == ("Before.", "After.")
    assert before.ok and after.ok
    assert broken.text == "" and broken.source == "articles.jsonl:2"
    assert broken.errors == [
        "[E050] articles.jsonl line 2: not valid JSON (Expecting ',' delimiter: column 12). Fix or remove the line."
    ]


@pytest.mark.parametrize(
    "line,message",
    [
        (_line(id="m", body="x"), "[E054] f.jsonl line 1: no 'text' field (fields: id, body)"),
        (_line(id="m", text=None), "[E055] f.jsonl line 1: 'text' is a null, not a string"),
        (_line(id="m", text=["a", "b"]), "[E055] f.jsonl line 1: 'text' is a list, not a string"),
        ("[1, 2]", "[E052] f.jsonl line 1: a JSON array, not an object"),
    ],
)
def test_read_jsonl_unusable_record_gives_error_article(line: str, message: str) -> None:
    (article,) = read_jsonl(line, "f.jsonl")
    assert article.text == ""
    assert len(article.errors) == 1 and article.errors[0].startswith(message)


def test_read_jsonl_error_article_keeps_its_id() -> None:
    (article,) = read_jsonl(_line(id="keep-me", body="x"), "f.jsonl")
    assert article.id == "keep-me"


@pytest.mark.parametrize(
    "document",
    [
        [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}],
        {"articles": [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]},
        {"items": [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]},
        {"data": [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]},
    ],
)
def test_read_json_lists(document: object) -> None:
    articles = list(read_json(json.dumps(document, indent=2), "d.json"))
    assert [(a.id, a.text, a.source) for a in articles] == [
        ("a", "One.", "d.json#1"),
        ("b", "Two.", "d.json#2"),
    ]


def test_read_json_single_object() -> None:
    (article,) = read_json(json.dumps({"id": "s", "text": "Single."}, indent=2), "one.json")
    assert (article.id, article.text, article.source) == ("s", "Single.", "one.json")


def test_read_json_holding_json_lines_reads_them() -> None:
    text = _line(id="a", text="One.") + "\n" + _line(id="b", text="Two.") + "\n"
    assert [a.source for a in read_json(text, "lines.json")] == ["lines.json:1", "lines.json:2"]


def test_invalid_json_file_gives_one_error_article(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "a", "text": "One."},', encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert article.id == "broken" and article.text == ""
    assert article.errors[0].startswith(f"[E051] {path}: not valid JSON (")


def test_json_list_item_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, "stray"]), encoding="utf-8")
    first, second = read_inputs([str(path)])
    assert first.ok
    assert second.errors == [
        f"[E052] {path}#2: a JSON string, not an object. Give each article as a JSON object."
    ]


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(
        gzip.compress(
            (_line(id="g1", text="Zipped.") + "\n" + _line(id="g2", text="Too.")).encode()
        )
    )
    articles = list(read_inputs([str(path)]))
    assert [(a.id, a.text, a.source) for a in articles] == [
        ("g1", "Zipped.", f"{path}:1"),
        ("g2", "Too.", f"{path}:2"),
    ]


def test_dev_articles_read_with_their_dates(dev_articles: Path) -> None:
    records = [
        json.loads(line)
        for line in dev_articles.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    articles = list(read_inputs([str(dev_articles)]))
    assert len(articles) == 36
    assert all(a.ok for a in articles)
    assert [a.id for a in articles] == [r["id"] for r in records]
    assert [a.published for a in articles] == [r["published"] for r in records]
    assert [a.text for a in articles] == [r["text"] for r in records]
