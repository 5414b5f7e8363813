"""The `sahelnlp` command line: thin commands over the library's functions.

User errors print one sentence with the fix and exit 2; a run in which some
articles failed exits 1 after writing every record; success exits 0.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import List, Optional

import typer
from tqdm import tqdm

# no tqdm monitor thread: worker processes are forked while the bar runs
tqdm.monitor_interval = 0

from .errors import Errors, SahelNLPError
from .errors import command_failed as _fail
from .eventdata import options as incident_options

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Extract actors, places and casualty claims from Sahel conflict news.\n\n"
        "Typical use:\n\n"
        "  sahelnlp run articles/ -o out.jsonl        # a folder of .txt/.html/.jsonl/.csv/.xml\n\n"
        "  sahelnlp run dump.jsonl.gz --n-process 2 -o out.jsonl\n\n"
        "  cat feed.xml | sahelnlp run - > out.jsonl\n\n"
        "  sahelnlp validate out.jsonl                 # check records against the schema\n\n"
        "Each input article becomes exactly one JSON line (schema sahelnlp/1), in input order."
    ),
)


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help="Files, folders, globs, or - for standard input. "
                                       "Formats: .txt .html .json .jsonl .csv .xml (RSS/Atom), "
                                       "each optionally gzipped."),
    output: str = typer.Option("-", "--output", "-o", help="JSONL file to write; - for standard output. "
                               "With --engine dask: a folder of parts and a manifest."),
    lang: Optional[str] = typer.Option(None, "--lang", "-l", help="Read every article as this language "
                                       "(en or fr). Default: the input's own language field, else "
                                       "detected from the title and text's start; each article goes to "
                                       "its language's packaged pipeline."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Base spaCy model (name or path) "
                                        "replacing the config's paths.base_model, e.g. en_core_web_md. "
                                        "With --model, --config or --pipeline, that one pipeline reads "
                                        "every article, whatever its language."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Pipeline config for every "
                                          "article; default: configs/en_core_web_sm.cfg for English and "
                                          "configs/fr_core_news_md.cfg for French articles."),
    pipeline: Optional[Path] = typer.Option(None, "--pipeline", "-p", help="A pipeline saved with "
                                            "`sahelnlp assemble`, for every article (faster start than "
                                            "--config)."),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="Worker processes (with "
                                  "--engine dask and no --scheduler: local workers)."),
    batch_size: int = typer.Option(64, "--batch-size", "-b", min=1, help="Documents per batch."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: skip the "
                                "articles whose ids the output already holds, append the rest."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing output."),
    failures: Optional[Path] = typer.Option(None, "--failures", help="Side file listing failed "
                                            "articles with the reason; default: OUT.failures.jsonl."),
    total: Optional[int] = typer.Option(None, "--total", min=0, help="Number of input articles, for "
                                        "the time left (JSON-lines inputs are counted by themselves)."),
    engine: str = typer.Option("local", "--engine", help="local (this machine's processes) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address "
                                            "(tcp://host:8786); default: start a local cluster."),
    shard_mb: float = typer.Option(32.0, "--shard-mb", min=0.001, help="With --engine dask: "
                                   "megabytes of input text per shard (one task each)."),
    rules_only: bool = typer.Option(False, "--rules-only", help="Leave out the trained attribution "
                                    "model: the claim rules decide alone."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave the article text out of the records."),
    id_field: str = typer.Option("id", help="JSON/CSV field holding the article id."),
    text_field: str = typer.Option("text", help="JSON/CSV field holding the article text."),
    title_field: str = typer.Option("title", help="JSON/CSV field holding the title."),
    url_field: str = typer.Option("url", help="JSON/CSV field holding the URL."),
    date_field: str = typer.Option("published", help="JSON/CSV field holding the publication date."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Annotate articles and write one JSON line per article.

    Examples:

      sahelnlp run dump.jsonl.gz -o out.jsonl --n-process 2

      sahelnlp run dump.jsonl.gz -o out.jsonl --resume      # after a crash or a full disk

      sahelnlp run dump.jsonl.gz -o out/ --engine dask --scheduler tcp://head:8786

      sahelnlp run dump.jsonl.gz -o out.jsonl --lang fr     # every article read as French

    Each article is read by its language's pipeline (English or French): the language is
    --lang when given, else the input's own (JSON 'lang' field, HTML lang, feed language),
    else detected. The record's meta.lang and meta.lang_source say which and how.
    """
    from .batch import RunOptions, count_articles, default_failures_path, run_to_file
    from .readers import FieldMap, read_inputs
    from .readers.preflight import check_inputs
    from .runner import RunStats

    if engine not in ("local", "dask"):
        _fail(Errors.E028.format(engine=engine))
    forced = _forced_language(lang)
    one_pipeline = config is not None or model is not None or pipeline is not None
    fields = FieldMap(id=id_field, text=text_field, title=title_field, url=url_field,
                      published=date_field)
    stats = RunStats()
    started = time.perf_counter()
    try:
        check_inputs(inputs, fields)
        if engine == "dask":
            from .dask_engine import require_dask

            require_dask()
        if total is None and not quiet:
            total = count_articles(inputs)
        options = RunOptions(batch_size=batch_size, n_process=n_process, include_text=not no_text,
                             quiet=quiet, total=total, lang=forced)
        if engine == "dask":
            from .dask_engine import run_dask

            if output == "-":
                raise SahelNLPError(Errors.E036)
            spec = _spec(config, model, pipeline, rules_only) if one_pipeline else _packaged(rules_only)
            run_dask(spec, read_inputs(inputs, fields), Path(output),
                     scheduler=scheduler, shard_bytes=int(shard_mb * 1_000_000), resume=resume,
                     overwrite=overwrite, options=options, stats=stats)
        else:
            if one_pipeline:
                nlp = _pipeline(config, model, pipeline, rules_only)
                if not quiet:
                    _describe(nlp)
            else:
                nlp = _packaged(rules_only, announce=None if quiet else _announce)
            run_to_file(nlp, read_inputs(inputs, fields), output, resume=resume, overwrite=overwrite,
                        failures_path=failures or default_failures_path(output), options=options,
                        stats=stats)
    except SahelNLPError as err:
        _fail(str(err))
    elapsed = time.perf_counter() - started
    if not quiet:
        processed = stats.written - stats.duplicates
        rate = processed / elapsed if elapsed else 0.0
        typer.echo(f"sahelnlp: {stats.summary()} in {elapsed:.1f}s ({rate:.1f} docs/s)", err=True)
        if stats.failed and engine == "local" and output != "-":
            typer.echo(f"sahelnlp: failures listed in {failures or default_failures_path(output)}", err=True)
    if stats.failed:
        raise typer.Exit(1)


gazetteer_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help=(
    "Build the dense gazetteer from GeoNames dumps, look names up, see which one is used."))
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build(
    geonames: List[Path] = typer.Option(None, "--geonames", help="GeoNames country dumps "
                                        "(XX.txt files, or folders holding them)."),
    download: List[str] = typer.Option(None, "--download", help="Country codes to fetch from "
                                       "GeoNames' own export first (needs the internet), e.g. TD NG."),
    acled: List[Path] = typer.Option(None, "--acled", help="ACLED exports (ACLED's CSV columns, or "
                                     "notes as JSON lines): their locations become places and alternates."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where to write it; default: "
                                          "the user data folder, where the pipeline finds it."),
) -> None:
    """Add GeoNames dumps of more countries, or ACLED's locations, to the packaged gazetteer.

    The packaged gazetteer already holds every place of the GeoNames dumps of Mali, Burkina
    Faso, Niger and Mauritania.

    Examples:

      sahelnlp gazetteer build --geonames path/to/TD.txt path/to/NG.txt

      sahelnlp gazetteer build --acled my-acled-export.csv
    """
    from .paths import data_dir, dense_gazetteer_path
    from .pipeline.places.geonames import build_dense, download_dumps

    sources = list(geonames or [])
    try:
        if download:
            sources += download_dumps(download, data_dir() / "geonames")
        if not sources and not acled:
            _fail(Errors.E080)
        gazetteer = build_dense(sources, acled=acled or [])
    except SahelNLPError as err:
        _fail(str(err))
    except (OSError, ValueError) as err:
        _fail(Errors.E081.format(error=err))
    target = output or dense_gazetteer_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    gazetteer.to_file(target)
    used = ("The pipeline now uses it." if target == dense_gazetteer_path() else
            "Pass it with --gazetteer, or set [initialize.components.sahel_places] gazetteer in a config.")
    typer.echo(f"Wrote {target}: {len(gazetteer)} places, {len(gazetteer.names)} names "
               f"({gazetteer.version}). {used}", err=True)


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    name: str = typer.Argument(..., help="A place name as written, e.g. Manaka."),
    country: Optional[str] = typer.Option(None, "--country", help="Keep candidates in this country (ISO code)."),
    limit: int = typer.Option(10, "--limit", "-n"),
    gazetteer: Optional[str] = typer.Option(None, "--gazetteer", help="A gazetteer file, or 'default'."),
) -> None:
    """Ranked gazetteer candidates for a name, with their ids, admin units and coordinates."""
    from .pipeline.places.component import resolve_gazetteer
    from .pipeline.places.gazetteer import Gazetteer
    from .pipeline.places.linker import lookup_candidates

    try:
        store = Gazetteer.from_file(resolve_gazetteer(gazetteer))
    except SahelNLPError as err:
        _fail(str(err))
    ranked = lookup_candidates(store, name, country=country)[:limit]
    typer.echo(f"{store.version}: {len(ranked)} candidate(s) for {name!r}")
    for candidate in ranked:
        r = candidate.record
        typer.echo(f"{candidate.score:5.3f}  {r.id:<22} {r.name} [{r.kind}] {r.country or '--'} "
                   f"{r.admin1 or ''}{' / ' + r.admin2 if r.admin2 else ''}  ({r.lat:.4f}, {r.lon:.4f})")


@app.command()
def assemble(
    output: Path = typer.Argument(..., help="Folder to save the assembled pipeline in."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Base spaCy model name or path."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Pipeline config."),
    lang: str = typer.Option("en", "--lang", "-l", help="Whose packaged pipeline to assemble when "
                             "no --config is given: en (configs/en_core_web_sm.cfg) or fr "
                             "(configs/fr_core_news_md.cfg)."),
) -> None:
    """Assemble the pipeline from its config and save it; load it later with spacy.load()."""
    from .assemble import default_config_path

    lang = _forced_language(lang)
    try:
        nlp = _pipeline(config or default_config_path(lang), model, None)
        nlp.to_disk(output)
    except SahelNLPError as err:
        _fail(str(err))
    except OSError as err:
        _fail(Errors.E075.format(path=output, error=err.strerror or err))
    typer.echo(f"Saved pipeline {nlp.pipe_names} to {output}", err=True)


@app.command()
def train(
    gold: Path = typer.Option(Path("corpus/gold"), "--gold", help="The gold corpus (its split.tsv "
                              "names the train and dev parts)."),
    shared: Optional[Path] = typer.Option(None, "--shared", help="The folder that holds the gold's "
                                          "inputs (default: ../shared)."),
    reviewed: List[Path] = typer.Option(None, "--reviewed", help="Output files with reviewed records "
                                        "(`sahelnlp import`): corrections to learn from as well."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where to write the weights "
                                          "(default: models/claims-attribution, which the package uses)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Training config (default: "
                                          "configs/claims_attribution.cfg)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Base spaCy model."),
    epochs: Optional[int] = typer.Option(None, "--epochs", help="Stop after this many epochs."),
    work: Optional[Path] = typer.Option(None, "--work", help="Keep the assembled base pipeline and "
                                        "spaCy's training output here."),
    lang: str = typer.Option("en", "--lang", help="Whose pipeline's model: en (configs/claims_attribution"
                             ".cfg, its English documents and all) or fr (claims_attribution_fr.cfg, "
                             "the French documents)."),
) -> None:
    """Rebuild the claims attribution model of a language's pipeline from the gold corpus, reproducibly.

    Runs `spacy train` with configs/claims_attribution.cfg on the train part, keeps the
    weights that score best on the dev part, and writes them where the pipeline finds them.

    Examples:

      sahelnlp train --shared ../shared

      sahelnlp train --reviewed reviewed.jsonl -o models/claims-attribution

      sahelnlp train --lang fr --shared ../shared      # models/claims-attribution-fr
    """
    from .pipeline.attribution.training import default_weights_folder, train_attribution

    if not gold.exists():
        _fail(Errors.E120.format(path=gold))
    lang = _forced_language(lang)
    target = output or default_weights_folder(lang)
    try:
        result = train_attribution(gold, target, shared=shared, reviewed=list(reviewed or []), config=config,
                                   base_model=model, work=work, max_epochs=epochs, lang=lang)
    except SahelNLPError as err:
        _fail(str(err))
    best = result.scores.get("attribution_acc")
    typer.echo(f"Wrote the attribution weights to {result.output}"
               + (f" (dev attribution accuracy {best:.3f})." if best is not None else "."), err=True)


@app.command()
def validate(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A sahelnlp JSONL output file."),
) -> None:
    """Check every line of an output file against the shipped JSON Schema."""
    from .validate import validate_file

    problems = validate_file(path)
    for problem in problems[:50]:
        typer.echo(problem, err=True)
    if problems:
        typer.echo(f"{len(problems)} problem(s) in {path}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{path}: every record is valid sahelnlp/1", err=True)


@app.command()
def benchmark(
    inputs: List[str] = typer.Argument(None, help="Articles to repeat into the corpus; default: the "
                                       "shared dev articles and seeds, and corpus/constructed."),
    n_docs: int = typer.Option(2000, "--n-docs", help="Corpus size (articles repeated as needed)."),
    batch_size: int = typer.Option(64, "--batch-size", "-b"),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Base model to compare with."),
    config: Optional[Path] = typer.Option(None, "--config", "-c"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the results as JSON here."),
    fr_inputs: List[str] = typer.Option(None, "--fr-input", help="French articles for the French "
                                        "pipeline's figures; default: the shared dev-articles-fr."),
    fr_docs: int = typer.Option(400, "--fr-docs", min=0, help="French corpus size (articles repeated "
                                "as needed); 0 leaves French out. Not with --config or --model."),
    memory_docs: Optional[int] = typer.Option(None, "--memory-docs", min=1, help="Instead, stream this "
                                              "many distinct articles through a run and report resident "
                                              "memory by quarter and its peak (e.g. 20000)."),
    sweep: bool = typer.Option(False, "--length-sweep", help="Instead, words per second of the pipeline "
                               "and the bare model on single documents of growing length (--lengths), "
                               "and one long article with no paragraph break through the runner."),
    lengths: str = typer.Option("1000,10000,100000", "--lengths", help="Document lengths in words for "
                                "--length-sweep, comma-separated."),
    single_chars: int = typer.Option(1_300_000, "--single-paragraph-chars", min=0, help="Length of the "
                                     "single-paragraph article of --length-sweep (0: none)."),
) -> None:
    """Words per second of the pipeline and of its bare base model, component shares,
    docs per second at 1 and 2 processes, the share language detection takes, and peak
    memory (a benchmark, not a test); then the French pipeline against bare
    fr_core_news_md on French articles.

    With --memory-docs N: memory of a streamed N-article run, flat or growing.
    With --length-sweep: the same ratio on documents of 1k, 10k and 100k words, and one
    1.3-million-character article with no paragraph break."""
    from . import benchmark as bench

    try:
        nlp = _pipeline(config, model, None)
    except SahelNLPError as err:
        _fail(str(err))
    if not inputs:
        inputs = [str(r / name) for r in _input_roots(None)
                  for name in ("dev-articles/articles.jsonl", "seeds", "constructed/articles.jsonl")
                  if (r / name).exists()]
        inputs = list(dict.fromkeys(inputs))
    try:
        if sweep:
            result = _length_sweep(bench, nlp, model, inputs, lengths, single_chars)
            typer.echo(bench.render_sweep(result))
        elif memory_docs:
            result = bench.stream_memory(nlp, inputs, n_docs=memory_docs, batch_size=batch_size)
            typer.echo(json.dumps(result, indent=2))
        else:
            result = bench.run_benchmark(nlp, model or nlp.config["paths"]["base_model"], inputs,
                                         n_docs=n_docs, batch_size=batch_size)
            if fr_docs and config is None and model is None:
                result["languages"] = {"fr": _french_benchmark(bench, fr_inputs, fr_docs, batch_size)}
            typer.echo(bench.render(result))
    except SahelNLPError as err:
        _fail(str(err))
    result["inputs"] = inputs
    if output is not None:
        bench.write(result, output)


def _french_benchmark(bench, inputs: Optional[List[str]], n_docs: int, batch_size: int) -> dict:
    """The packaged French pipeline against its bare base model on French articles."""
    from .assemble import default_config_path, load_pipeline

    if not inputs:
        inputs = [str(r / "dev-articles-fr" / "articles.jsonl") for r in _input_roots(None)
                  if (r / "dev-articles-fr" / "articles.jsonl").exists()][:1]
    nlp = load_pipeline(default_config_path("fr"))
    result = bench.language_ratio(nlp, nlp.config["paths"]["base_model"], inputs, n_docs=n_docs,
                                  batch_size=batch_size)
    result["inputs"] = inputs
    return result


def _length_sweep(bench, nlp, model: Optional[str], inputs: list[str], lengths: str, single_chars: int) -> dict:
    try:
        sizes = tuple(int(n) for n in lengths.split(",") if n.strip())
    except ValueError:
        raise SahelNLPError(Errors.E029.format(option="lengths", value=lengths, problem="give word counts "
                                               "separated by commas, e.g. 1000,10000,100000")) from None
    return bench.length_sweep(nlp, model or nlp.config["paths"]["base_model"], inputs, lengths=sizes,
                              single_paragraph_chars=single_chars or None)


def _input_roots(shared: Optional[Path]) -> list[Path]:
    from .paths import input_roots

    return input_roots(shared)


def _describe(nlp) -> None:
    from .routing import pipeline_info

    info = pipeline_info(nlp)
    places = nlp.get_pipe("sahel_places").gazetteer if "sahel_places" in nlp.pipe_names else None
    size = f" ({len(places)} places)" if places is not None else ""
    typer.echo(f"sahelnlp {info['version']}: base model {info['model']}, gazetteer "
               f"{info['gazetteer']}{size}, actor lexicon {info['lexicon']}", err=True)


def _forced_language(lang: Optional[str]) -> Optional[str]:
    """`--lang` as a supported code ("FR", "French" → "fr"), or the usage error: one check
    for `run`, `assemble` and `train`."""
    from .languages import SUPPORTED, normalise_language

    if lang is None:
        return None
    code = normalise_language(lang)
    if code not in SUPPORTED:
        _fail(Errors.E029.format(option="lang", value=lang, problem=f"use one of {', '.join(SUPPORTED)}"))
    return code


def _packaged(rules_only: bool, announce=None):
    """The packaged pipelines, one per language, each built when its first article comes."""
    from .routing import LanguageRouter

    return LanguageRouter.packaged(rules_only=rules_only, announce=announce)


def _announce(lang: str, nlp) -> None:
    """Describe a language's pipeline when it is built (in the main process only; its
    base model names the language)."""
    import multiprocessing

    if multiprocessing.parent_process() is None:
        _describe(nlp)


def _pipeline(config: Optional[Path], model: Optional[str], saved: Optional[Path], rules_only: bool = False):
    return _spec(config, model, saved, rules_only).load()


def _spec(config: Optional[Path], model: Optional[str], saved: Optional[Path], rules_only: bool = False):
    from .assemble import PipelineSpec

    return PipelineSpec(config=str(config) if config else None, model=model,
                        saved=str(saved) if saved else None, rules_only=rules_only)


@app.command()
def table(
    output: Path = typer.Argument(..., help="A JSONL file `sahelnlp run` wrote, or a Dask run's folder."),
    to: Path = typer.Option(..., "--to", "-o", help="File to write: .csv, .tsv or .parquet."),
    what: str = typer.Option("claims", "--what", help="claims, places or actors."),
) -> None:
    """A flat table of the output: one row per claim (or per place, per actor) of each
    article, with its article, date, place, coordinates, actors, source and flags.

    Examples:

      sahelnlp table out.jsonl --to claims.csv

      sahelnlp table out.jsonl --what places --to places.parquet
    """
    from . import tables

    makers = {"claims": tables.claims_table, "places": tables.places_table, "actors": tables.actors_table}
    if what not in makers:
        _fail(Errors.E074.format(choices=", ".join(makers), what=what))
    try:
        tables.check_table_path(to)
        frame = makers[what](tables.read_output(output))
        tables.write_table(frame, to)
    except SahelNLPError as err:
        _fail(str(err))
    typer.echo(f"Wrote {to}: {len(frame)} {what} rows, {len(frame.columns)} columns.", err=True)


@app.command()
def incidents(
    output: Path = typer.Argument(..., help="A JSONL file `sahelnlp run` wrote, or a Dask run's folder."),
    to: Path = typer.Option(..., "--output", "-o", help="File to write: .csv, .tsv or .parquet."),
    layout: str = typer.Option("table", "--format", "-f", help="table (every column sahelnlp has), acled "
                               "(ACLED's export columns) or ucdp (UCDP GED's)."),
    max_days: int = incident_options.MAX_DAYS,
    max_km: float = incident_options.MAX_KM,
    lookback: int = incident_options.LOOKBACK,
) -> None:
    """Group claims from many articles into incidents: one row per event with its sides,
    type, place, dates and precision, and deaths by side with low / best / high as UCDP
    GED computes them (party claims apart, superseded and aggregate figures ignored).

    Example: sahelnlp incidents out.jsonl -o incidents.csv --format acled
    """
    from .eventdata.exports import FORMATS, acled_layout, ucdp_layout
    from .eventdata.incident_table import incidents_table
    from .tables import check_table_path, read_output, write_table

    if layout not in FORMATS:
        _fail(Errors.E150.format(choices=", ".join(FORMATS), given=layout))
    try:
        check_table_path(to)
        frame = incidents_table(read_output(output), incident_options.settings(max_days, max_km, lookback))
        shaped = {"table": lambda f: f, "acled": acled_layout, "ucdp": ucdp_layout}[layout](frame)
        write_table(shaped, to)
    except SahelNLPError as err:
        _fail(str(err))
    left_out = len(frame) - len(shaped)
    typer.echo(f"Wrote {to}: {len(shaped)} incidents ({layout} layout)"
               + (f"; {left_out} undated ones are in the table layout only." if left_out else "."), err=True)


@app.command()
def match(
    incidents: Path = typer.Argument(..., help="Our incidents: the table `sahelnlp incidents` wrote "
                                     "(.csv, .tsv or .parquet)."),
    dataset: Path = typer.Argument(..., help="An ACLED export or a UCDP GED export with the dataset's own "
                                   "column names (.csv; .tsv, .parquet and .jsonl too)."),
    outdir: Path = typer.Option(..., "--output", "-o", help="Folder for matched, news_only and dataset_only."),
    max_days: int = typer.Option(2, "--max-days", min=0, help="Days either side of our dates (at least 7 "
                                 "for incidents dated within a week, the whole month for those dated by month)."),
    max_km: float = typer.Option(50.0, "--max-km", min=0.0, help="Kilometres between the places (150 km or "
                                 "the same admin1 when either is placed only in a region)."),
    fmt: str = typer.Option("csv", "--format", help="csv or parquet."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace match tables already in the folder."),
) -> None:
    """Put our incidents beside an ACLED or UCDP GED export: which events they match, which
    incidents the dataset lacks, which events our articles missed.

    Writes OUTDIR/matched, news_only and dataset_only (.csv or .parquet); the rules are in
    the README and sahelnlp.eventdata.match.

    Example: sahelnlp match incidents.csv acled-2024-mali.csv -o match/
    """
    from .eventdata import match as matching

    if fmt not in ("csv", "parquet"):
        _fail(Errors.E029.format(option="format", value=fmt, problem="use csv or parquet"))
    try:
        events = matching.read_dataset(dataset)
        tables = matching.match_events(matching.read_incidents(incidents), events, max_days=max_days, max_km=max_km)
        matching.write_match_tables(tables, outdir, fmt=fmt, overwrite=overwrite)
    except SahelNLPError as err:
        _fail(str(err))
    kind = events[0].dataset.upper() if events else "dataset"
    typer.echo(f"sahelnlp match: {len(tables.matched)} matched, {len(tables.news_only)} news only, "
               f"{len(tables.dataset_only)} dataset only ({len(events)} {kind} events); wrote {outdir}/", err=True)


def _register_annotation_commands() -> None:
    from .annotation import commands
    from .pages.commands import report

    app.command("export")(commands.export)
    app.command("import")(commands.import_)
    app.command("review")(commands.review)
    app.command("suggest")(commands.suggest)
    app.command("report")(report)


_register_annotation_commands()


def _register_gold_commands() -> None:
    from .evaluation.commands import evaluate, gold_app

    app.command("evaluate")(evaluate)
    app.add_typer(gold_app, name="gold")


_register_gold_commands()


def main() -> None:
    app(prog_name="sahelnlp")
