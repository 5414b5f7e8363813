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

from ..errors import Errors, SahelNLPError
from ..errors import command_failed as _fail

gold_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help=(
    "Write and check gold annotations (corpus/gold/FORMAT.md) without running the pipeline."))

SHARED_HELP = "Folder holding the shared inputs (seeds/, dev-articles/); default: ../shared beside the repo."


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
    from .authoring import enclosing, sentence_spans
    from .authoring import locate as find

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
        _fail(Errors.E131.format(path=output))
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
        by_id = {a.id: a for a in gold_articles(items, input_roots(shared))}
    except SahelNLPError as err:
        _fail(str(err))
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


def evaluate(
    gold: List[Path] = typer.Option(None, "--gold", "-g", help="Gold files or folders (corpus/gold)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="sahelnlp JSONL output to score. "
                                        "Without it, the pipeline is run on the gold's inputs."),
    shared: Optional[Path] = typer.Option(None, "--shared", help=SHARED_HELP),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Base model when running the pipeline."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Pipeline config when running it."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Run the claim rules without the trained "
                                    "attribution model."),
    split_file: Optional[Path] = typer.Option(None, "--split", help="The split file; default: split.tsv "
                                              "in the gold folder. Documents it lacks are 'unsplit'."),
    parts: List[str] = typer.Option(None, "--part", help="Only these parts (train, dev, test, unsplit); "
                                    "repeat for several. Default: all."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write every score as JSON here."),
    misses: Optional[Path] = typer.Option(None, "--misses", help="Write the misses, false alarms and "
                                          "wrong attributes of train, dev and unsplit documents as JSON "
                                          "lines here (test misses are sealed)."),
    save_pred: Optional[Path] = typer.Option(None, "--save-pred", help="When running the pipeline, "
                                             "also write its output here."),
    second: Optional[Path] = typer.Option(None, "--agreement", help="A second annotator's gold (a folder "
                                          "like corpus/agreement): scored against --gold."),
    acled: Optional[Path] = typer.Option(None, "--acled", help="ACLED events (notes JSON lines or an "
                                         "ACLED export CSV): run the pipeline on their notes and score it."),
    acled_parts_wanted: List[str] = typer.Option(None, "--acled-part", help="dev, test or all; repeat "
                                                 "for several. Default: dev and test."),
    acled_misses: Optional[Path] = typer.Option(None, "--acled-misses", help="Write the ACLED dev part's "
                                                "misses (fatalities, places, actors) as JSON lines here; "
                                                "the test part's are sealed."),
    by_rule: bool = typer.Option(False, "--by-rule", help="Also print, for train, dev and unsplit "
                                 "documents, how often each rule's value was right, per attribute."),
    floors: Optional[Path] = typer.Option(None, "--floors", help="Exit 1 when a figure drops below this "
                                          "floor file (tests/evaluation/dev_floors.json)."),
    floors_out: Optional[Path] = typer.Option(None, "--record-floors", help="Write floors of the dev part "
                                          "from this run here."),
) -> None:
    """Score the pipeline against the gold corpus by part (train, dev, test) and language,
    against a second annotator, and against ACLED-coded events.

    Examples:

      sahelnlp evaluate --gold corpus/gold                     # runs the pipeline, train/dev/test side by side

      sahelnlp evaluate --gold corpus/gold --part dev --misses misses.jsonl

      sahelnlp evaluate --gold corpus/gold --agreement corpus/agreement

      sahelnlp evaluate --acled ../shared/acled-notes/events.jsonl --acled-part test
    """
    from .report import write_report

    if not gold and acled is None:
        _fail(Errors.E132)
    if second is not None and not gold:
        _fail(Errors.E133)
    data: dict = {}
    failures: list[str] = []
    try:
        runner = _Runner(config, model, rules_only)
        if gold:
            failures = _evaluate_gold(gold, pred, shared, split_file, parts, misses, save_pred, floors,
                                      floors_out, runner, data, by_rule)
            if second is not None:
                _evaluate_agreement(gold, second, data)
        if acled is not None:
            _evaluate_acled(acled, acled_parts_wanted, runner, data, acled_misses)
    except SahelNLPError as err:
        _fail(str(err))
    if report is not None:
        write_report(data, report)
    if failures:
        typer.echo("Below the floors:\n  " + "\n  ".join(failures), err=True)
        raise typer.Exit(1)


class _Runner:
    """The pipeline, loaded once and only when something needs running: with --config or
    --model that one for every document; else each document's language's packaged one
    (the gold inputs give each article's language)."""

    def __init__(self, config: Optional[Path], model: Optional[str], rules_only: bool = False) -> None:
        self.config, self.model, self.rules_only, self._nlp = config, model, rules_only, None

    def annotate(self, articles) -> list[dict]:
        from ..assemble import PipelineSpec
        from ..routing import LanguageRouter
        from ..runner import annotate

        if self._nlp is None and (self.config or self.model):
            self._nlp = PipelineSpec(config=str(self.config) if self.config else None, model=self.model,
                                     rules_only=self.rules_only).load()
        elif self._nlp is None:
            self._nlp = LanguageRouter.packaged(rules_only=self.rules_only)
        return list(annotate(self._nlp, articles))


def _evaluate_gold(gold, pred, shared, split_file, parts, misses, save_pred, floors, floors_out, runner,
                   data, by_rule: bool = False) -> list[str]:
    from ..output import to_json_line
    from ..paths import input_roots
    from ..validate import read_records
    from .corpus import UNSPLIT, evaluate_corpus
    from .floors import below_floors, read_floors, record_floors, write_floors
    from .gold import gold_articles, load_gold
    from .report import render_corpus, render_rules, write_misses
    from .split import SPLIT_FILE, doc_key, read_split

    items = load_gold(gold)
    split_path = split_file or next((Path(g) / SPLIT_FILE for g in gold if (Path(g) / SPLIT_FILE).exists()), None)
    split = read_split(split_path) if split_path else {}
    if parts:
        wanted = set(parts)
        items = [i for i in items if (split[doc_key(i)].split if doc_key(i) in split else UNSPLIT) in wanted]
    if pred is not None:
        records = read_records(pred)
    else:
        records = runner.annotate(gold_articles(items, input_roots(shared)))
        if save_pred is not None:
            with save_pred.open("w", encoding="utf-8") as handle:
                handle.writelines(to_json_line(r) for r in records)
    for failed in (r for r in records if r.get("errors")):
        typer.echo(f"sahelnlp: {failed['id']}: {failed['errors'][0]}", err=True)
    scores = evaluate_corpus(items, {r["id"]: r for r in records}, split)
    typer.echo(render_corpus(scores))
    if by_rule:
        typer.echo(render_rules(scores))
    data["gold"] = scores.as_dict()
    if misses is not None:
        write_misses(scores.open_misses(), misses, {r["id"]: r["text"] for r in records if r.get("text")})
    if floors_out is not None:
        write_floors(record_floors(scores), floors_out)
        typer.echo(f"Wrote the dev floors to {floors_out}.", err=True)
    return below_floors(scores, read_floors(floors)) if floors is not None else []


def _evaluate_agreement(gold, second: Path, data: dict) -> None:
    from .agreement import agreement
    from .gold import load_gold
    from .report import render

    scores, orphans = agreement(load_gold(gold), load_gold([second]))
    typer.echo("\nAgreement: the second annotator's files scored against the first's\n")
    typer.echo(render(scores))
    if orphans:
        typer.echo(f"No first annotation for: {', '.join(orphans)}", err=True)
    data["agreement"] = scores.as_dict()


def _evaluate_acled(path: Path, wanted: list[str], runner: _Runner, data: dict,
                    misses: Optional[Path] = None) -> None:
    from .acled import acled_parts, articles_from_events, read_acled_events, score_acled
    from .report import render_acled, write_misses

    events = read_acled_events(path)
    part_of = acled_parts(events)
    names = list(wanted or ["dev", "test"])
    unknown = set(names) - {"dev", "test", "all"}
    if unknown:
        _fail(Errors.E134.format(parts=", ".join(sorted(unknown))))
    chosen = [e for e in events if "all" in names or part_of[e.event_id] in names]
    records = {r["id"]: r for r in runner.annotate(articles_from_events(chosen))}
    scored = {}
    for name in names:
        subset = [e for e in chosen if name == "all" or part_of[e.event_id] == name]
        scored[name] = score_acled(subset, records)
    typer.echo("\n" + render_acled(scored, str(path)))
    data["acled"] = {name: scores.as_dict() for name, scores in scored.items()}
    if misses is not None:
        dev = scored.get("dev") or score_acled([e for e in chosen if part_of[e.event_id] == "dev"], records)
        write_misses(dev.misses, misses)


@gold_app.command("incidents")
def incidents(
    paths: List[Path] = typer.Argument(..., help="Gold files or folders."),
) -> None:
    """Every incident key with the articles, dates, places and types given for it: the list
    to reconcile keys across annotators."""
    from .gold import load_gold

    try:
        items = load_gold(paths)
    except SahelNLPError as err:
        _fail(str(err))
    keys: dict[str, dict] = {}
    for item in items:
        described = {i.get("key"): i for i in item.incidents}
        for claim in item.claims:
            key = claim.get("incident")
            if not key:
                continue
            entry = keys.setdefault(key, {"docs": set(), "described": []})
            if item.doc not in entry["docs"] and key in described:
                entry["described"].append(described[key])
            entry["docs"].add(item.doc)
    for key in sorted(keys):
        entry = keys[key]
        seen = {(d.get("date"), d.get("place"), d.get("type")) for d in entry["described"]}
        typer.echo(f"{key}\t{len(entry['docs'])}\t{','.join(sorted(entry['docs']))}\t"
                   + " | ".join(f"{date} {place} ({kind})" for date, place, kind in sorted(seen, key=str)))
    shared = sum(len(e["docs"]) > 1 for e in keys.values())
    typer.echo(f"{len(keys)} incident keys; {shared} told by two or more articles.", err=True)


@gold_app.command("split")
def split(
    gold: Path = typer.Argument(..., help="The gold folder (corpus/gold); the split file is written in it."),
    read_before: List[str] = typer.Option(None, "--read-before", help="'input#doc' prefixes of articles "
                                          "read while rules were written (e.g. dev-articles/); their "
                                          "incident clusters never go to test. Repeat for several."),
    seed: str = typer.Option("sahelnlp", "--seed", help="Mixes the order of clusters within a stratum."),
    write: bool = typer.Option(False, "--write", help="Write split.tsv (documents already in it keep their "
                                                       "part). Without it, only show the result."),
) -> None:
    """Assign every gold document to train, dev or test by incident cluster, stratified by
    language and country; show the parts' sizes."""
    from collections import Counter

    from .gold import load_gold
    from .split import SPLIT_FILE, assign_splits, read_split, write_split

    target = gold / SPLIT_FILE
    try:
        items = load_gold([gold])
        rows = assign_splits(items, read_split(target), read_before=read_before or (), seed=seed)
    except SahelNLPError as err:
        _fail(str(err))
    by_part = Counter(r.split for r in rows)
    typer.echo(f"{len(rows)} documents: " + ", ".join(f"{p} {by_part[p]} ({by_part[p] / len(rows):.0%})"
                                                      for p in ("train", "dev", "test")))
    strata = Counter((r.lang, r.country, r.split) for r in rows)
    for lang, country in sorted({(l, c) for l, c, _ in strata}):
        typer.echo(f"  {lang} {country}: " + ", ".join(f"{p} {strata[(lang, country, p)]}"
                                                     for p in ("train", "dev", "test")))
    clusters = Counter(r.cluster for r in rows)
    typer.echo(f"{len(clusters)} clusters, {sum(n > 1 for n in clusters.values())} with two or more articles.")
    if write:
        write_split(rows, target)
        typer.echo(f"Wrote {target}.", err=True)
