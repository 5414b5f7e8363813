"""Event data: sahelnlp's claims and incidents in the forms of the field's datasets."""

from .acled import AcledEvent, acled_actor_ids, acled_fatalities, normalize_acled_actor, read_acled_events

__all__ = ["AcledEvent", "acled_actor_ids", "acled_fatalities", "normalize_acled_actor", "read_acled_events"]
