"""sahelnlp: actors, places and casualty claims from Sahel conflict news, as annotated JSONL.

    import sahelnlp
    records = list(sahelnlp.annotate(["Gunmen killed 12 villagers near Boni on Sunday."]))
"""

from .about import __version__

__all__ = ["__version__", "annotate"]


def __getattr__(name: str):
    # spaCy loads only when the pipeline is wanted, not on `import sahelnlp`
    if name == "annotate":
        from .api import annotate

        return annotate
    raise AttributeError(f"module 'sahelnlp' has no attribute {name!r}")
