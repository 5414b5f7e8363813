"""Properties of the quantity reader over generated numbers (Hypothesis): digits with
every thousands separator, English and French number words (written by num2words),
modifiers and ranges, and any text at all — no exception, offsets inside the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# rule tests: the trained attribution model is left out (tests/pipeline/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_alone")

num2words = pytest.importorskip("num2words").num2words

SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def _reader(nlp):
    from sahelnlp.pipeline.claims.context import EntityIndex
    from sahelnlp.pipeline.claims.quantities import quantities_in

    extractor = nlp.get_pipe("sahel_claims")

    def quantities(text: str):
        doc = nlp.make_doc(text)
        return quantities_in(doc[:], extractor.extraction.quantities, EntityIndex(doc), extractor.lexicon)

    return quantities


@pytest.fixture(scope="module")
def read(nlp):
    return _reader(nlp)


@pytest.fixture(scope="module")
def read_fr(nlp_fr):
    """Quantities as the French pipeline reads them (its own lexicon)."""
    return _reader(nlp_fr)


def _only(found):
    assert len(found) == 1, [(q.text, q.value) for q in found]
    return found[0]


@SETTINGS
@given(n=st.integers(min_value=1, max_value=9_999_999),
       separator=st.sampled_from(["", ",", " ", "\u00a0", "\u202f"]))
def test_digits_with_any_thousands_separator(read, n, separator):
    written = f"{n:,}".replace(",", separator)
    quantity = _only(read(f"{written} soldiers were killed"))
    assert (quantity.value, quantity.low, quantity.high) == (n, n, n)
    assert quantity.text == written


@SETTINGS
@given(n=st.integers(min_value=2, max_value=9_999))
def test_english_number_words(read, n):
    words = num2words(n, lang="en").replace(",", "")
    quantity = _only(read(f"{words} civilians were killed"))
    assert quantity.value == n and quantity.text == words


@SETTINGS
@given(n=st.integers(min_value=2, max_value=9_999))
def test_french_number_words(read_fr, n):
    words = num2words(n, lang="fr")
    quantity = _only(read_fr(f"{words} soldats ont été tués"))
    assert quantity.value == n and quantity.text == words


@SETTINGS
@given(n=st.integers(min_value=2, max_value=99_999),
       modifier=st.sampled_from([("at least", "min"), ("more than", "above"), ("over", "above"),
                                 ("up to", "max"), ("nearly", "near"), ("about", "approx"),
                                 ("au moins", "min"), ("plus de", "above"), ("près de", "near")]))
def test_modifiers_set_the_range(read, read_fr, n, modifier):
    words, kind = modifier
    french = words in ("au moins", "plus de", "près de")
    quantity = _only(read_fr(f"{words} {n} personnes ont été tuées") if french
                     else read(f"{words} {n} people were killed"))
    expected = {"min": (n, None), "above": (n + 1, None), "max": (None, n), "near": (None, n),
                "approx": (n, n)}[kind]
    assert quantity.value == n and (quantity.low, quantity.high) == expected
    assert quantity.text == f"{words} {n}"
    assert quantity.approximate == (kind in ("near", "approx"))


@SETTINGS
@given(low=st.integers(min_value=1, max_value=5_000), extra=st.integers(min_value=1, max_value=5_000),
       form=st.sampled_from(["between {a} and {b}", "{a} to {b}", "{a}-{b}"]))
def test_ranges_have_no_single_value(read, low, extra, form):
    text = form.format(a=low, b=low + extra)
    quantity = _only(read(f"{text} villagers were killed"))
    assert (quantity.value, quantity.low, quantity.high) == (None, low, low + extra)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_reads_without_error_and_offsets_stay_inside(read, text):
    for quantity in read(text):
        assert 0 <= quantity.start < quantity.end
        assert quantity.text.strip()
        assert quantity.text in text


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(["killed", "at", "least", "dozens", "of", "soldiers", "2", "000",
                                       "1,277", "vingt", "et", "un", "between", "and", "15", "-", "one",
                                       "hundred", "plusieurs", "dizaines", "more", "than", "no", "une",
                                       "vingtaine", "\u00a0", "nearly", "several"]), max_size=25))
def test_word_salad_of_number_words_never_fails(nlp, words):
    text = " ".join(words)
    doc = nlp(text)
    for claim in doc._.claims:
        start, end = claim.quantity_chars
        assert 0 <= start < end <= len(text)
