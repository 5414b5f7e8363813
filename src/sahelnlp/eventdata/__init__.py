"""Event data: sahelnlp's claims and incidents in the forms of the field's datasets.

`match` (our incidents beside ACLED or UCDP GED events) is imported on its own, since it
brings pandas: `from sahelnlp.eventdata.match import match_files`.
"""

from ..countries import country_name
from .acled import AcledEvent, acled_actor_ids, acled_fatalities, normalize_acled_actor, read_acled_events
from .actor_names import acled_inter, acled_name, acled_name_ids, ucdp_actor_ids, ucdp_name

__all__ = ["AcledEvent", "acled_actor_ids", "acled_fatalities", "acled_inter", "acled_name", "acled_name_ids",
           "country_name", "normalize_acled_actor", "read_acled_events", "ucdp_actor_ids", "ucdp_name"]
