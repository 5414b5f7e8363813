"""Event data: sahelnlp's claims and incidents in the forms of the field's datasets."""

from .acled import acled_actor_ids, acled_fatalities, normalize_acled_actor

__all__ = ["acled_actor_ids", "acled_fatalities", "normalize_acled_actor"]
