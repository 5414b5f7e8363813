"""Tests for readers/csv.py: CSV and TSV with a header row."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelnlp.readers import FieldMap, read_inputs
from sahelnlp.readers.csv import read_csv

CSV = (
    "id,title,published,text\n"
    'c1,Bridge closed,2024-02-01,"The bridge was closed after an explosion, police said."\n'
    'c2,Market fire,"1 February 2024","A fire broke out.\n\nTraders lost their stock."\n'
    "c3,Curfew,,A curfew was declared.\n"
)


def test_read_csv_rows_and_row_lines() -> None:
    articles = list(read_csv(CSV, "in/rows.csv"))
    assert [a.id for a in articles] == ["c1", "c2", "c3"]
    assert [a.source for a in articles] == ["in/rows.csv:2", "in/rows.csv:3", "in/rows.csv:6"]
    assert articles[1].text == "A fire broke out.\n\nTraders lost their stock."
    assert [a.published for a in articles] == ["2024-02-01", "2024-02-01", None]
    assert articles[0].title == "Bridge closed"
    assert all(a.ok for a in articles)


def test_tsv_file_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("uid\tbody\nt1\tText with, a comma.\n", encoding="utf-8")
    (article,) = read_inputs([str(path)], FieldMap(id="uid", text="body"))
    assert (article.id, article.text, article.source) == ("t1", "Text with, a comma.", f"{path}:2")


def test_read_csv_without_text_column_flags_each_row() -> None:
    articles = list(read_csv("id,body\nx1,Words.\nx2,More words.\n", "r.csv"))
    assert [a.id for a in articles] == ["x1", "x2"]
    assert all(a.text == "" for a in articles)
    assert articles[1].errors == [
        "[E056] r.csv line 3: no 'text' column (columns: id, body). Rename the column, or name it: "
        "--text-field NAME on the command line, FieldMap(text=NAME) in Python."
    ]


@pytest.mark.parametrize(
    "row,n,text",
    [("s1,Only two fields", 2, ""), ("s2,Title,2024-01-01,Some text.,extra", 5, "Some text.")],
)
def test_read_csv_row_with_wrong_field_count(row: str, n: int, text: str) -> None:
    before, bad, after = read_csv(
        f"id,title,published,text\na,T,,Fine.\n{row}\nb,T,,Also fine.\n", "r.csv"
    )
    assert before.ok and after.ok
    assert bad.text == text
    assert bad.errors == [
        f"[E057] r.csv line 3: the row has {n} fields but the header has 4. Check the quoting of this row."
    ]


def test_read_csv_long_text_field() -> None:
    long_text = "word " * 40_000
    (article,) = read_csv(f'id,text\nbig,"{long_text}"\n', "big.csv")
    assert article.text == long_text


def test_header_only_csv_gives_error_article(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("id,text\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert article.id == "header" and article.text == ""
    assert article.errors[0].startswith(f"[E048] {path}: no articles found")
