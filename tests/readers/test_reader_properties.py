"""Properties of the readers over generated inputs (Hypothesis): random bytes under every
extension, text in several encodings, truncated gzip and very long lines never make a
reader raise, and every input gives at least one article with its text or its error."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sahelnlp.readers import FORMATS, read_inputs

SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
EXTENSIONS = sorted(FORMATS) + [ext + ".gz" for ext in sorted(FORMATS)] + [""]


def _read(path: Path) -> list:
    articles = list(read_inputs([str(path)]))
    assert articles, path
    for article in articles:
        assert isinstance(article.text, str)
        assert article.ok or (article.errors and article.text == "")
        assert article.ok == (not article.errors)
        if article.ok:
            assert article.text.strip()
            article.text.encode("utf-8")  # no lone surrogates: the output must be writable
    return articles


@SETTINGS
@given(data=st.binary(max_size=2_000), extension=st.sampled_from(EXTENSIONS))
def test_random_bytes_under_any_extension(tmp_path, data, extension):
    path = tmp_path / f"input{extension}"
    path.write_bytes(data)
    _read(path)


@SETTINGS
@given(text=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x24F, blacklist_categories=("Cs",)),
                    min_size=1, max_size=300).filter(lambda t: t.strip()),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_text_in_any_unicode_encoding_reads_back(tmp_path, text, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    (article,) = _read(path)
    assert article.ok and article.text.strip() == text.strip()


@SETTINGS
@given(text=st.text(alphabet="abcdefghij éèàçôÉ’«»—\n", min_size=1, max_size=300).filter(lambda t: t.strip()))
def test_legacy_windows_text_decodes(tmp_path, text):
    data = text.encode("cp1252")
    try:  # bytes that also read as UTF-8 ("ç——" is a valid CJK character) cannot be told apart
        data.decode("utf-8")
        assume(False)
    except UnicodeDecodeError:
        pass
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    (article,) = _read(path)
    assert article.ok and article.text.strip() == text.replace("\r", "").strip()


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=400), n=st.integers(min_value=1, max_value=20))
def test_truncated_gzip_of_json_lines(tmp_path, cut, n):
    lines = "".join(json.dumps({"id": f"a{i}", "text": f"Gunmen killed {i + 2} villagers near Boni."}) + "\n"
                    for i in range(n))
    data = gzip.compress(lines.encode("utf-8"))
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[:cut] if cut < len(data) else data)
    articles = _read(path)
    if cut >= len(data):
        assert [a.id for a in articles] == [f"a{i}" for i in range(n)]
    else:
        assert any("[E047]" in error or "[E046]" in error for a in articles for error in a.errors)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(min_value=1_000_000, max_value=3_000_000))
def test_a_very_long_line_is_one_article(tmp_path, size):
    path = tmp_path / "long.jsonl"
    text = ("Attackers killed 12 soldiers near Boni. " * (size // 40 + 1))[:size]
    path.write_text(json.dumps({"id": "long", "text": text}) + "\n" + json.dumps({"id": "next", "text": "Two dead."}) + "\n",
                    encoding="utf-8")
    first, second = _read(path)
    assert (first.id, len(first.text), second.id) == ("long", size, "next")
