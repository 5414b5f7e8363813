"""Incidents in the layouts of the field's datasets: ACLED's export and UCDP GED's.

Our canonical actors become the dataset's actor names through the data table
`data/eventdata/actor_names.tsv` (`actor_names.py`). What the layouts need and our
incidents do not know stays empty rather than guessed (ACLED's admin3, UCDP's ids);
undated incidents, which no dataset row can hold, stay in our own table only.

- ACLED: one row per incident; actor1 and its associates are the side that initiated
  (the side our claims name as perpetrator most), actor2 the other; `fatalities` is
  ACLED's single conservative figure (`acled_fatalities`: every side summed, the lowest
  where reports differ, ACLED's floors for "dozens"); `source` the articles; `notes` a
  line we write from the incident's fields.
- UCDP GED: side a and side b as our incident's; `where_prec` and `date_prec` on UCDP's
  scales; `best`, `low`, `high` and the deaths by side as computed in `fatalities.py`.

ACLED: Armed Conflict Location & Event Data Project, acleddata.com. UCDP GED: Uppsala
Conflict Data Program Georeferenced Event Dataset, ucdp.uu.se.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..countries import country_name
from ..tables import typed_frame
from .actor_names import acled_inter, acled_name, ucdp_name

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
                 "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
                 "source", "notes", "fatalities")
UCDP_COLUMNS = ("id", "year", "type_of_violence", "side_a", "side_b", "source_article", "where_prec",
                "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "date_prec",
                "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
                "best", "high", "low")
# our kind of place -> UCDP's where_prec (1 exact place, 2 within 25 km, 4 first-order unit, 6 country)
UCDP_WHERE = {"village": 1, "town": 1, "city": 1, "facility": 2, "natural": 2, "region": 4, "area": 4,
              "country": 6}
FORMATS = ("table", "acled", "ucdp")
ACLED_INTEGERS = ("year", "time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities")
UCDP_INTEGERS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
                 "type_of_violence", "where_prec", "date_prec", "year")


def dated(incidents: pd.DataFrame) -> pd.DataFrame:
    """The incidents a dataset row can hold: every ACLED and GED event has a date, so the
    undated stay in our own table only."""
    return incidents[incidents.date_start.notna()]


def acled_layout(incidents: pd.DataFrame) -> pd.DataFrame:
    """Our dated incidents as rows of an ACLED export."""
    rows = [_acled_row(row) for row in dated(incidents).to_dict("records")]
    return typed_frame(rows, ACLED_COLUMNS, integers=ACLED_INTEGERS)


def ucdp_layout(incidents: pd.DataFrame) -> pd.DataFrame:
    """Our dated incidents as rows of UCDP GED."""
    rows = [_ucdp_row(row) for row in dated(incidents).to_dict("records")]
    return typed_frame(rows, UCDP_COLUMNS, integers=UCDP_INTEGERS)


def _acled_row(row: dict) -> dict:
    country = _value(row.get("country"))
    first, second = ("b", "a") if row.get("initiator") == "b" else ("a", "b")
    named1 = _acled_actors(_ids(row, f"side_{first}"), country)
    named2 = _acled_actors(_ids(row, f"side_{second}"), country)
    names1, names2 = [name for name, _ in named1], [name for name, _ in named2]
    inter1 = named1[0][1] if named1 else None
    inter2 = named2[0][1] if named2 else None
    day = _event_day(row)
    return {
        "event_id_cnty": f"SNLP{country or 'XX'}-{row['incident_id'].removeprefix('inc-')}",
        "event_date": day, "year": day.year if day else None, "time_precision": _value(row.get("time_precision")),
        "event_type": _value(row.get("event_type")), "sub_event_type": _value(row.get("sub_event_type")),
        "actor1": names1[0] if names1 else None, "assoc_actor_1": "; ".join(names1[1:]) or None, "inter1": inter1,
        "actor2": names2[0] if names2 else None, "assoc_actor_2": "; ".join(names2[1:]) or None, "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "country": country_name(country) if country else None,
        "admin1": _value(row.get("admin1_ascii")), "admin2": _value(row.get("admin2_ascii")), "admin3": None,
        "location": _value(row.get("location_ascii")), "latitude": _value(row.get("lat")),
        "longitude": _value(row.get("lon")), "geo_precision": _value(row.get("geo_precision")),
        "source": _value(row.get("articles")), "notes": _notes(row, names1, names2),
        "fatalities": _value(row.get("acled_fatalities")) or 0,
    }


def _ucdp_row(row: dict) -> dict:
    country = _value(row.get("country"))
    start, end = _value(row.get("date_start")), _value(row.get("date_end"))
    return {
        "id": row["incident_id"], "year": _as_date(start).year if start else None,
        "type_of_violence": _value(row.get("type_of_violence")),
        "side_a": _ucdp_side(_ids(row, "side_a"), country), "side_b": _ucdp_side(_ids(row, "side_b"), country),
        "source_article": _value(row.get("articles")), "where_prec": _where_prec(row),
        "where_coordinates": _value(row.get("location")), "adm_1": _value(row.get("admin1")),
        "adm_2": _value(row.get("admin2")), "latitude": _value(row.get("lat")), "longitude": _value(row.get("lon")),
        "country": country_name(country) if country else None, "date_prec": _date_prec(row),
        "date_start": start, "date_end": end,
        **{k: _value(row.get(k)) for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
                                           "best", "high", "low")},
    }


def _acled_actors(actor_ids: list[str], country: str | None) -> list[tuple[str, int | None]]:
    """(ACLED name, inter code) of each actor ACLED names, in the side's order (its main
    actor first)."""
    return [(name, acled_inter(actor_id)) for actor_id in actor_ids
            if (name := acled_name(actor_id, country))]


def _ucdp_side(actor_ids: list[str], country: str | None) -> str | None:
    names = list(dict.fromkeys(n for n in (ucdp_name(a, country) for a in actor_ids) if n))
    return ", ".join(names) or None


def _where_prec(row: dict) -> int | None:
    """UCDP's place precision: by the place's kind (1 the place, 2 within 25 km, 4 a
    first-level unit, 6 the country), no better than ACLED's geo precision says (near a
    town, or a place only the articles name: 2)."""
    by_kind = UCDP_WHERE.get(_value(row.get("place_kind")))
    if by_kind is None:
        return None
    return max(by_kind, 2) if _value(row.get("geo_precision")) == 2 else by_kind


def _date_prec(row: dict) -> int | None:
    """UCDP's date precision from the days the incident may span: 1 one stated day, 2 two
    to six days, 3 a week, 4 a month, 5 longer."""
    start, end = _value(row.get("date_start")), _value(row.get("date_end"))
    if not start:
        return None
    days = (_as_date(end) - _as_date(start)).days + 1
    if days == 1 and row.get("date_basis") == "stated":
        return 1
    return 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5


def _event_day(row: dict) -> date | None:
    """ACLED's one date: the first stated day; inferred from publication, its latest day."""
    key = "date_end" if row.get("date_basis") == "publication" else "date_start"
    value = _value(row.get(key))
    return _as_date(value) if value else None


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (12, 17, 27…); one actor alone: its code times ten."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _notes(row: dict, names1: list[str], names2: list[str]) -> str:
    what = _value(row.get("sub_event_type")) or "Violence"
    where = _value(row.get("location_ascii")) or "an unplaced site"
    who = " and ".join(names1) or "unidentified actors"
    against = " and ".join(names2) or "unidentified actors"
    deaths, high = _value(row.get("best")), _value(row.get("high"))
    if deaths is not None:
        toll = f"; best estimate {deaths} dead (low {_value(row.get('low'))}, high {high})"
    elif high is not None:
        toll = f"; party claims only, of up to {high} dead"
    else:
        toll = "; no death figure"
    return f"{what} at {where}: {who} against {against}{toll}; from {row.get('n_articles')} article(s)."


def _ids(row: dict, column: str) -> list[str]:
    value = _value(row.get(column))
    return [i for i in str(value).split(";") if i] if value else []


def _value(value):
    """None for pandas' missing values (NaN, NA, NaT)."""
    return None if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)) else value


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
