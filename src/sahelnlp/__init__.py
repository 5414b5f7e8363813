"""sahelnlp: actors, places and casualty claims from Sahel conflict news, as annotated JSONL."""

from .about import __version__

__all__ = ["__version__"]
