"""Tests for readers/__init__.py: finding inputs, dispatch, gzip, stdin, errors."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

import sahelnlp.readers as readers
from sahelnlp.readers import FieldMap, input_format, read_inputs, sniff_format

TEXT = "Short headline\n\nTroops were deployed to the border town on Friday.\n"
HTML = (
    "<html><body><article><p>"
    + "Troops were deployed to the border town on Friday, officials said. " * 3
    + "</p></article></body></html>"
)
JSONL = (
    json.dumps({"id": "j1", "text": "Line one."})
    + "\n"
    + json.dumps({"id": "j2", "text": "Line two."})
    + "\n"
)
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    "<item><title>Item</title><link>https://r.example/1</link><description>Feed text.</description></item>"
    "</channel></rss>"
)


@pytest.mark.parametrize(
    "name,expected",
    [
        ("a.txt", "text"),
        ("a.text", "text"),
        ("a.md", "text"),
        ("a.HTML", "html"),
        ("a.htm", "html"),
        ("a.json", "json"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.csv", "csv"),
        ("a.tsv", "tsv"),
        ("a.xml", "feed"),
        ("a.rss", "feed"),
        ("a.atom", "feed"),
        ("a.jsonl.gz", "jsonl"),
        ("a.dat", None),
    ],
)
def test_input_format_by_extension(name: str, expected: str | None) -> None:
    assert input_format(name) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ('<?xml version="1.0"?><rss>', "feed"),
        ("<rss version='2.0'>", "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("  <!DOCTYPE html><html>", "html"),
        ('<?xml version="1.0" encoding="utf-8"?><html>', "html"),
        ("<html lang='en'>", "html"),
        ('{"id": 1,\n  "text": "x"}', "json"),
        ('{"id": 1}\n{"id": 2}\n', "jsonl"),
        ('[{"id": 1}]', "json"),
        ("[Update] plain words", "text"),
        ("Plain words.", "text"),
    ],
)
def test_sniff_format(text: str, expected: str) -> None:
    assert sniff_format(text) == expected


@pytest.mark.parametrize(
    "name,content,texts",
    [
        ("a.txt", TEXT, [TEXT]),
        ("a.jsonl", JSONL, ["Line one.", "Line two."]),
        ("a.rss", RSS, ["Feed text."]),
        ("a.dat", JSONL, ["Line one.", "Line two."]),
        ("a.dat", RSS, ["Feed text."]),
        ("a", TEXT, [TEXT]),
    ],
)
def test_read_inputs_dispatches(tmp_path: Path, name: str, content: str, texts: list[str]) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert [a.text for a in read_inputs([str(path)])] == texts


def test_read_inputs_html_by_sniffing(tmp_path: Path) -> None:
    path = tmp_path / "page.dat"
    path.write_text(HTML, encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert article.ok and article.text.startswith("Troops were deployed") and article.id == "page"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_text_with_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(TEXT.encode(encoding))
    (article,) = read_inputs([str(path)])
    assert article.text == TEXT and article.ok


def test_directory_is_recursed_sorted_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ["b/2.txt", "a.txt", "b/1.txt", ".secret.txt", ".hidden/x.txt"]:
        (tmp_path / rel).write_text(f"Text of {rel}.\n", encoding="utf-8")
    articles = list(read_inputs([str(tmp_path)]))
    assert [a.source for a in articles] == [
        str(tmp_path / rel) for rel in ["a.txt", "b/1.txt", "b/2.txt"]
    ]


def test_glob_pattern(tmp_path: Path) -> None:
    for name in ["x2.txt", "x1.txt", "y.txt"]:
        (tmp_path / name).write_text(f"{name}\n", encoding="utf-8")
    assert [a.id for a in read_inputs([str(tmp_path / "x*.txt")])] == ["x1", "x2"]


@pytest.mark.parametrize(
    "given,message",
    [
        ("missing/file.txt", "[E040] missing/file.txt: no such file or directory. Check the path."),
        ("missing/*.jsonl", "[E041] missing/*.jsonl: the pattern matches no files"),
    ],
)
def test_missing_path_and_empty_glob_give_error_article(given: str, message: str) -> None:
    (article,) = read_inputs([given])
    assert (article.id, article.source, article.text) == (given, given, "")
    assert article.errors[0].startswith(message)


def test_empty_directory_gives_error_article(tmp_path: Path) -> None:
    (article,) = read_inputs([str(tmp_path)])
    assert "directory holds no files" in article.errors[0]


@pytest.mark.parametrize(
    "name,data,code,message",
    [
        (
            "x.bin",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "E045", "a binary file, not text. Pass text, HTML, JSON(L), CSV or RSS/Atom.",
        ),
        ("x.txt", b"", "E046", "empty file"),
        ("x.jsonl", b"  \n\n", "E046", "empty file"),
        ("x.jsonl.gz", b"\x1f\x8b\x08\x00 not really gzip", "E047", "not a readable gzip file"),
        ("x.txt.gz", b"plain text named .gz", "E047", "not a readable gzip file"),
    ],
)
def test_bad_file_gives_one_error_article(
    tmp_path: Path, name: str, data: bytes, code: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (article,) = read_inputs([str(path)])
    assert (article.id, article.source, article.text) == ("x", str(path), "")
    assert article.errors[0].startswith(f"[{code}] {path}: {message}")


def test_unreadable_path_gives_error_article(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    (article,) = read_inputs([str(link)])
    assert article.errors[0].startswith(f"[E043] {link}: cannot be read (")


def test_reading_goes_on_after_a_bad_input(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    articles = list(read_inputs(["nowhere.txt", str(good)]))
    assert [a.ok for a in articles] == [False, True]


def test_unexpected_reader_failure_gives_error_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("parser broke")

    monkeypatch.setitem(readers.READERS, "text", explode)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert article.errors == [
        f"[E049] {path}: could not be read (RuntimeError: parser broke). Please report this, with the file."
    ]


def test_gzip_detected_by_magic_bytes(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(gzip.compress(JSONL.encode("utf-8")))
    assert [a.id for a in read_inputs([str(path)])] == ["j1", "j2"]


def test_stdin_text_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(JSONL))
    articles = list(read_inputs(["-"]))
    assert [(a.id, a.source) for a in articles] == [("j1", "<stdin>:1"), ("j2", "<stdin>:2")]


def test_stdin_binary_buffer_gzip(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(gzip.compress(TEXT.encode("utf-8"))))
    monkeypatch.setattr(sys, "stdin", stream)
    (article,) = read_inputs(["-"])
    assert (article.text, article.source, article.title) == (TEXT, "<stdin>", "Short headline")


@pytest.mark.parametrize("stdin", [None, io.StringIO("")])
def test_stdin_missing_or_empty(monkeypatch: pytest.MonkeyPatch, stdin: io.StringIO | None) -> None:
    monkeypatch.setattr(sys, "stdin", stdin)
    (article,) = read_inputs(["-"])
    assert article.text == "" and article.errors[0].startswith("[E04")
    assert "<stdin>: " in article.errors[0]


def test_field_map_reaches_json_readers(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"key": "k1", "content": "Body."}) + "\n", encoding="utf-8")
    (article,) = read_inputs([str(path)], FieldMap(id="key", text="content"))
    assert (article.id, article.text) == ("k1", "Body.")


def test_seed_files_read_to_fourteen_articles(seeds_dir: Path) -> None:
    articles = list(read_inputs([str(seeds_dir)]))
    assert len(articles) == 14
    assert all(a.ok and a.text for a in articles)
    assert sum(a.source.startswith(str(seeds_dir / "004_")) for a in articles) == 10
