"""`sahelnlp gold …`: the annotator's commands (registered in cli.py).

show, locate and new help write a gold file from the text alone; check holds gold
files against their texts and the codebook; incidents lists the incident keys of a
corpus; split assigns documents to train, dev and test by incident cluster.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import SahelNLPError

gold_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help=(
    "Write and check gold annotations (corpus/gold/FORMAT.md) without running the pipeline."))

SHARED_HELP = "Folder holding the shared inputs (seeds/, dev-articles/); default: ../shared beside the repo."


def _fail(message: str) -> None:
    typer.echo(f"sahelnlp: {message}", err=True)
    raise typer.Exit(2)


def _article(input_path: str, doc: str, shared: Optional[Path]):
    from ..paths import input_roots
    from .gold import find_article

    try:
        return find_article(input_path, doc, input_roots(shared))
    except SahelNLPError as err:
        _fail(str(err))


@gold_app.command("show")
def show(
    input_path: str = typer.Argument(..., metavar="INPUT", help="The input as gold names it, e.g. "
                                     "dev-articles-2/articles.jsonl or seeds/000_53c61afe4a3a141d.txt."),
    doc: str = typer.Argument(..., help="The article id."),
    shared: Optional[Path] = typer.Option(None, "--shared", help=SHARED_HELP),
) -> None:
    """An article's metadata, its text hash and its sentences with [start, end) offsets."""
    from .authoring import sentence_spans
    from .gold import sha1

    article = _article(input_path, doc, shared)
    typer.echo(f"doc {article.id}  lang {article.lang}  published {article.published}  "
               f"text_sha1 {sha1(article.text)}  {len(article.text)} characters")
    if article.title:
        typer.echo(f"title (metadata, not in the text): {article.title}")
    for start, end in sentence_spans(article.text, article.lang):
        typer.echo(f"[{start}, {end}) {article.text[start:end]}")


@gold_app.command("locate")
def locate(
    input_path: str = typer.Argument(..., metavar="INPUT"),
    doc: str = typer.Argument(...),
    quotes: List[str] = typer.Argument(..., help="Exact words to find, e.g. 'at least 17'."),
    shared: Optional[Path] = typer.Option(None, "--shared", help=SHARED_HELP),
) -> None:
    """Every occurrence of each quote: its [start, end) and the sentence that holds it."""
    from .authoring import enclosing, locate as find, sentence_spans

    article = _article(input_path, doc, shared)
    spans = sentence_spans(article.text, article.lang)
    for quote in quotes:
        starts = find(article.text, quote)
        if not starts:
            typer.echo(f"{quote!r}: not in the text (check spacing, quotes and accents)")
        for start in starts:
            end = start + len(quote)
            sentence = enclosing(spans, start, end)
            context = article.text[max(0, start - 30):end + 30].replace("\n", " ")
            typer.echo(f"{quote!r} [{start}, {end}) sentence {list(sentence) if sentence else None}  …{context}…")


@gold_app.command("new")
def new(
    input_path: str = typer.Argument(..., metavar="INPUT"),
    doc: str = typer.Argument(...),
    output: Path = typer.Option(..., "--output", "-o", help="Gold file to write (not overwritten)."),
    annotator: str = typer.Option(..., "--annotator", help="Who annotates, e.g. 'helper-en-a, pre-pipeline'."),
    shared: Optional[Path] = typer.Option(None, "--shared", help=SHARED_HELP),
) -> None:
    """Start a gold file: the article's id, input, language and text hash, with empty lists."""
    from .authoring import new_gold

    if output.exists():
        _fail(f"{output} exists; edit it, or remove it to start again.")
    article = _article(input_path, doc, shared)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(new_gold(article, input_path, annotator), ensure_ascii=False, indent=2) + "\n",
                      encoding="utf-8")
    typer.echo(f"Wrote {output}.", err=True)


@gold_app.command("check")
def check(
    paths: List[Path] = typer.Argument(..., help="Gold files or folders."),
    shared: Optional[Path] = typer.Option(None, "--shared", help=SHARED_HELP),
    warnings: bool = typer.Option(True, "--warnings/--no-warnings", help="Show warnings too."),
) -> None:
    """Hold gold files against their texts and the codebook; exit 1 when any is wrong."""
    from ..paths import input_roots
    from ..pipeline.actors.kb import ActorKB
    from .authoring import check_gold
    from .gold import gold_articles, load_gold

    try:
        items = load_gold(paths)
        articles = {(a.source, a.id): a for a in gold_articles(items, input_roots(shared))}
    except SahelNLPError as err:
        _fail(str(err))
    by_id = {}
    for (_, doc_id), article in articles.items():
        by_id.setdefault(doc_id, article)
    known = set(ActorKB.from_dir().records)
    errors = 0
    for item in items:
        for problem in check_gold(item, by_id.get(item.doc), known):
            errors += problem.level == "error"
            if problem.level == "error" or warnings:
                typer.echo(str(problem))
    claims = sum(len(i.claims) for i in items)
    typer.echo(f"{len(items)} gold file(s), {claims} claims: {errors} error(s).", err=True)
    if errors:
        raise typer.Exit(1)
