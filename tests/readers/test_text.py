"""Tests for readers/text.py: one plain-text file, one article."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelnlp.readers import read_inputs
from sahelnlp.readers.text import find_date, find_title, read_text

ARTICLE = (
    "Convoy ambushed on the road to Ansongo\n"
    "\n"
    "By a staff writer\n"
    "12 March 2024\n"
    "\n"
    "A supply convoy came under fire on Monday, the regional governor said.\n"
)


def test_read_text_keeps_text_and_finds_metadata() -> None:
    (article,) = read_text(ARTICLE, "in/convoy.txt", stem="convoy")
    assert article.text == ARTICLE
    assert article.id == "convoy"
    assert article.source == "in/convoy.txt"
    assert article.title == "Convoy ambushed on the road to Ansongo"
    assert article.published == "2024-03-12"
    assert article.ok


def test_read_text_without_stem_uses_content_id() -> None:
    (first,) = read_text(ARTICLE, "<stdin>")
    (second,) = read_text(ARTICLE, "<stdin>")
    assert first.id == second.id and len(first.id) == 16


@pytest.mark.parametrize(
    "text,expected",
    [
        ("\n\n  Headline here  \nBody.", "Headline here"),
        ("The first line is a sentence.\nMore.", None),
        ("x" * 200 + "\nMore.", None),
        ("", None),
    ],
)
def test_find_title(text: str, expected: str | None) -> None:
    assert find_title(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Title\nJuly 10, 2023\nBody", "2023-07-10"),
        ("Title\n2023-07-10\nBody", "2023-07-10"),
        ("Title\nOn 10 July 2023 troops left the town.\nBody", None),
        ("Title\nJuly 2023\nBody", None),
        ("\n" * 12 + "10 July 2023\n", None),
    ],
)
def test_find_date_takes_a_date_only_line_near_the_top(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


def test_text_file_bom_stripped_and_line_ends_kept(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("\ufeffShort title\r\nA line of body text.\r\n".encode("utf-8"))
    (article,) = read_inputs([str(path)])
    assert article.text == "Short title\r\nA line of body text.\r\n"
    assert article.title == "Short title"


def test_text_file_falls_back_to_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Les forces armées ont riposté – selon l’état-major.".encode("cp1252"))
    (article,) = read_inputs([str(path)])
    assert article.text == "Les forces armées ont riposté – selon l’état-major."
    assert article.ok


def test_plain_seeds_read_as_one_article_each(seeds_dir: Path) -> None:
    paths = sorted(p for p in seeds_dir.glob("*.txt") if not p.name.startswith("004_"))
    assert len(paths) == 4
    for path in paths:
        (article,) = read_inputs([str(path)])
        assert article.id == path.stem
        assert article.text == path.read_text(encoding="utf-8-sig")
        assert article.ok


def test_seed_003_published(seeds_dir: Path) -> None:
    (article,) = read_inputs([str(seeds_dir / "003_2a356b086550fe68.txt")])
    assert article.published == "2023-07-10"
