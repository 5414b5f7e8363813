"""Language detection and the choice of each article's language, on the real dev articles
(English: dev-articles-2, French: dev-articles-fr; short and mixed texts are cut from them)."""

from __future__ import annotations

import pytest

from sahelnlp.article import Article
from sahelnlp.languages import (PREFIX_CHARS, SUPPORTED, choose_language, detect_language, detect_raw,
                                normalise_language)

from .conftest import shared_articles


@pytest.fixture(scope="module")
def french() -> list[Article]:
    return shared_articles("dev-articles-fr")


@pytest.fixture(scope="module")
def english() -> list[Article]:
    return shared_articles("dev-articles-2", limit=80)


def accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(found == expected for found, expected in pairs) / len(pairs)


def test_detects_the_french_and_english_dev_articles(french, english):
    assert len(french) == 67
    assert accuracy([(detect_language(a.text, a.title), "fr") for a in french]) >= 0.98
    assert accuracy([(detect_language(a.text, a.title), "en") for a in english]) >= 0.98


def test_detects_headlines_alone_and_first_100_characters(french, english):
    articles = [a for a in french + english if a.title]
    assert accuracy([(detect_language(a.title), a.lang) for a in articles]) >= 0.95
    assert accuracy([(detect_language(a.text[:100]), a.lang) for a in french + english]) >= 0.95


def with_foreign(into: Article, donor: Article, quote: bool) -> str:
    """`into`'s first paragraph, a quoted sentence start or a paragraph of `donor`, the rest."""
    first, _, rest = into.text.partition("\n")
    piece = donor.text.split("\n")[0]
    piece = f'"{piece[:150]}"' if quote else piece
    return f"{first}\n{piece}\n{rest}"


def test_mixed_texts_go_by_their_main_language(french, english):
    quoting = [(detect_language(with_foreign(a, french[i % len(french)], True), a.title), "en") for i, a in enumerate(english)]
    paragraph = [(detect_language(with_foreign(a, english[i], False), a.title), "fr") for i, a in enumerate(french)]
    assert accuracy(quoting) >= 0.95
    assert accuracy(paragraph) >= 0.9


def test_detection_reads_only_the_start_of_a_long_text(french, english):
    article = french[0]
    tail = "\n\n".join(a.text for a in english[:40])  # far more English than French
    assert len(tail) > 20 * PREFIX_CHARS
    # the English tail outweighs the French start twenty times: French means it was not read
    assert detect_language(article.text[:PREFIX_CHARS] + "\n\n" + tail) == "fr"


@pytest.mark.parametrize("given,code", [("fr-FR", "fr"), ("FR", "fr"), ("French", "fr"), ("français", "fr"),
                                        ("en_GB", "en"), ("English", "en"), ("de", "de"), (" ", None), (None, None)])
def test_normalises_the_languages_inputs_give(given, code):
    assert normalise_language(given) == code


def chosen(article: Article, forced: str | None = None) -> tuple[str, str]:
    choice = choose_language(article, forced)
    return choice.lang, choice.source


def test_forced_language_wins_over_the_input_which_wins_over_detection(french):
    article = french[0]
    as_given = Article(id="x", text=article.text, title=article.title, source="t", lang="en")
    assert chosen(as_given, forced="fr") == ("fr", "forced")
    assert chosen(as_given) == ("en", "input")
    unlabelled = Article(id="y", text=article.text, title=article.title, source="t")
    assert chosen(unlabelled) == ("fr", "detected")
    regional = Article(id="z", text=article.text, source="t", lang="fr-BE")
    assert chosen(regional) == ("fr", "input")


def test_a_language_without_pipeline_is_noted_and_detected(english):
    article = english[0]
    given_german = choose_language(Article(id="x", text=article.text, source="t.jsonl:1", lang="de"))
    assert (given_german.lang, given_german.source) == ("en", "detected")
    assert given_german.notes[0].startswith("[W006] t.jsonl:1") and "'de'" in given_german.notes[0]
    # a text in a language with no pipeline (Spanish, written for this test) is read by the closer one
    spanish = "Hombres armados mataron a doce aldeanos el domingo en el centro del país, dijo el alcalde."
    raw, lang = detect_raw(spanish)
    assert raw == "es" and lang in SUPPORTED
    choice = choose_language(Article(id="s", text=spanish, source="t.jsonl:2"))
    assert choice.lang == lang and choice.notes[0].startswith("[W005] t.jsonl:2") and "'es'" in choice.notes[0]


def test_a_text_with_no_letters_goes_to_english():
    assert detect_language("12 — 2024-03-05 … 45 %") == "en"
