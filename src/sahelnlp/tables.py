"""Flat tables of the output for pandas: one row per claim, per place mention group,
per actor of an article.

    from sahelnlp.tables import read_output, claims_table
    claims = claims_table(read_output("out.jsonl"))
    claims[claims.outcome.eq("killed") & ~claims.aggregate].groupby("country").value.sum()

The columns are documented in CLAIM_COLUMNS, PLACE_COLUMNS and ACTOR_COLUMNS (and in
the README); their order is stable. `write_table` writes any of them as CSV, TSV or
Parquet; `read_table` reads such a file back.
"""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Iterable

import pandas as pd

from .errors import Errors, SahelNLPError

CLAIM_COLUMNS = {
    "article_id": "id of the article (record) the claim is in",
    "claim_index": "position of the claim in its record's claims",
    "published": "the article's publication date",
    "title": "the article's title",
    "url": "the article's URL",
    "outcome": "killed, injured, abducted, missing, arrested or casualties (killed or injured)",
    "quantity_text": "the quantity as written",
    "value": "the number stated, when there is one",
    "low": "the lowest number the words allow (ACLED's conservative floor for vague words)",
    "high": "the highest number the words allow; empty when open-ended",
    "approximate": "the number is hedged (about, some, une vingtaine)",
    "victim": "victim group of codebook section 1",
    "victim_actor": "actor id of the victims, when known",
    "victim_actor_name": "its canonical name",
    "perpetrator": "actor id held responsible",
    "perpetrator_name": "its canonical name",
    "source_text": "who states the number, as written; empty for the writer's own voice",
    "source_actor": "actor id of the source, when it is a known actor",
    "source_kind": "codebook source role otherwise (government, local official, …)",
    "claimed": "an armed party's claim on the record",
    "aggregate": "a period or area total, not one event",
    "superseded": "an earlier figure a later one replaces",
    "negated": "an explicit zero (no casualties)",
    "event_date": "date of the event the number belongs to",
    "place_id": "gazetteer id of the claim's place",
    "place_name": "its name",
    "place_kind": "country, region, area, city, town, village, facility or natural",
    "country": "ISO country code of the place",
    "admin1": "first-level unit (region)",
    "admin2": "second-level unit (cercle, province, department)",
    "lat": "latitude of the place",
    "lon": "longitude of the place",
    "geo_precision": "ACLED-style geo precision of the claim's place: 1 the place, 2 near it, 3 a region or wider",
    "sentence": "the sentence the claim was read from",
    "quantity_start": "character offset of the quantity in the article text",
    "quantity_end": "end of the quantity (exclusive)",
    "score": "the extractor's confidence, 0 to 1",
    "reviewed": "an annotator corrected the record",
}

PLACE_COLUMNS = {
    "article_id": "id of the article",
    "place_id": "gazetteer id",
    "name": "canonical name",
    "kind": "place kind",
    "country": "ISO country code",
    "admin1": "first-level unit",
    "admin2": "second-level unit",
    "lat": "latitude",
    "lon": "longitude",
    "score": "link confidence, 0 to 1",
    "geo_precision": "ACLED-style geo precision, the best of its mentions: 1 the place, 2 near it, 3 a region or wider",
    "mentions": "how many times the article names it",
    "first_mention": "the first mention as written",
}

ACTOR_COLUMNS = {
    "article_id": "id of the article",
    "actor_id": "actor id (codebook section 2)",
    "name": "canonical name",
    "type": "actor type",
    "parent": "parent actor id",
    "lineage": "parent, grandparent… joined with ' > '",
    "country": "countries joined with ','",
    "mentions": "how many times the article names it",
    "first_mention": "the first mention as written",
}

TABLES = {"claims": CLAIM_COLUMNS, "places": PLACE_COLUMNS, "actors": ACTOR_COLUMNS}


def read_output(path: str | Path) -> list[dict]:
    """The records of a `sahelnlp run` output file, of a Dask run's folder of parts, or of
    every output a glob pattern matches (in path order)."""
    from .validate import read_records

    given = str(path)
    path = Path(path)
    if path.is_dir():
        from .dask_engine import read_parts

        return list(read_parts(path))
    if not path.exists() and any(c in given for c in "*?["):
        matches = sorted(glob.glob(given))
        if not matches:
            raise SahelNLPError(Errors.E070.format(where=given))
        return [record for match in matches for record in read_output(match)]
    return read_records(path)


def claims_table(records: Iterable[dict]) -> pd.DataFrame:
    """One row per claim (CLAIM_COLUMNS)."""
    rows = []
    for record in records:
        actors = {a["id"]: a for a in record.get("actors", [])}
        places = {p["id"]: p for p in record.get("places", [])}
        meta = record.get("meta") or {}
        text = record.get("text")
        for index, claim in enumerate(record.get("claims", [])):
            quantity = claim["quantity"]
            source = claim.get("source") or {}
            place = places.get(claim.get("place") or "") or {}
            sentence = claim.get("sentence")
            rows.append({
                "article_id": record["id"], "claim_index": index, "published": meta.get("published"),
                "title": meta.get("title"), "url": meta.get("url"), "outcome": claim["outcome"],
                "quantity_text": quantity["text"], "value": quantity["value"], "low": quantity["low"],
                "high": quantity["high"], "approximate": quantity["approximate"], "victim": claim["victim"],
                "victim_actor": claim.get("victim_actor"),
                "victim_actor_name": (actors.get(claim.get("victim_actor") or "") or {}).get("name"),
                "perpetrator": claim.get("perpetrator"),
                "perpetrator_name": (actors.get(claim.get("perpetrator") or "") or {}).get("name"),
                "source_text": source.get("text"), "source_actor": source.get("actor"),
                "source_kind": source.get("kind"), "claimed": claim["claimed"], "aggregate": claim["aggregate"],
                "superseded": claim["superseded"], "negated": claim["negated"], "event_date": claim.get("event_date"),
                "place_id": claim.get("place"), "place_name": place.get("name"), "place_kind": place.get("kind"),
                "country": place.get("country"), "admin1": place.get("admin1"), "admin2": place.get("admin2"),
                "lat": place.get("lat"), "lon": place.get("lon"), "geo_precision": claim.get("geo_precision"),
                "sentence": text[sentence[0]:sentence[1]] if text is not None and sentence else None,
                "quantity_start": (claim.get("quantity_span") or claim["span"])[0],
                "quantity_end": (claim.get("quantity_span") or claim["span"])[1],
                "score": claim.get("score"), "reviewed": (record.get("review") or {}).get("status") == "reviewed",
            })
    return typed_frame(rows, CLAIM_COLUMNS, integers=("value", "low", "high", "claim_index", "geo_precision", "quantity_start",
                                                 "quantity_end"), dates=("published", "event_date"))


def places_table(records: Iterable[dict]) -> pd.DataFrame:
    """One row per place an article names (PLACE_COLUMNS)."""
    rows = []
    for record in records:
        text = record.get("text")
        for place in record.get("places", []):
            start, end = place["mentions"][0]
            rows.append({"article_id": record["id"], "place_id": place["id"], "name": place["name"],
                         "kind": place["kind"], "country": place["country"], "admin1": place["admin1"],
                         "admin2": place["admin2"], "lat": place["lat"], "lon": place["lon"],
                         "score": place["score"], "geo_precision": place.get("geo_precision"),
                         "mentions": len(place["mentions"]),
                         "first_mention": text[start:end] if text is not None else None})
    return typed_frame(rows, PLACE_COLUMNS, integers=("mentions", "geo_precision"))


def actors_table(records: Iterable[dict]) -> pd.DataFrame:
    """One row per actor an article names (ACTOR_COLUMNS)."""
    rows = []
    for record in records:
        text = record.get("text")
        for actor in record.get("actors", []):
            start, end = actor["mentions"][0]
            rows.append({"article_id": record["id"], "actor_id": actor["id"], "name": actor["name"],
                         "type": actor["type"], "parent": actor["parent"],
                         "lineage": " > ".join(actor.get("lineage") or []),
                         "country": ",".join(actor.get("country") or []), "mentions": len(actor["mentions"]),
                         "first_mention": text[start:end] if text is not None else None})
    return typed_frame(rows, ACTOR_COLUMNS, integers=("mentions",))


WRITE_SUFFIXES = (".csv", ".tsv", ".parquet")


def check_table_path(path: Path) -> None:
    """Fail before any work when a table cannot be written there (E073)."""
    if path.suffix not in WRITE_SUFFIXES:
        raise SahelNLPError(Errors.E073.format(path=path))


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """CSV or Parquet by the file's extension."""
    check_table_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        try:
            frame.to_parquet(path, index=False)
        except ImportError as err:
            raise SahelNLPError(Errors.E072.format(path=path)) from err
    else:  # .csv or .tsv, as check_table_path allows
        frame.to_csv(path, index=False, sep="\t" if path.suffix == ".tsv" else ",")


READ_KINDS = {".csv": "CSV", ".tsv": "TSV", ".parquet": "Parquet", ".jsonl": "JSON-lines"}


def read_table(path: str | Path) -> pd.DataFrame:
    """A table `write_table` wrote, or any CSV, TSV, Parquet or JSON-lines table.

    CSV and TSV cells come as text ('' when empty), so the caller decides the types and
    can name a bad value; Parquet and JSON lines keep their own types.

    path (str | Path): the file; its extension says its kind.
    RETURNS (pd.DataFrame): the rows, in file order.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READ_KINDS:
        raise SahelNLPError(Errors.E141.format(path=path, suffix=path.suffix))
    if not path.is_file():
        raise SahelNLPError(Errors.E140.format(path=path))
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix == ".jsonl":
            return pd.read_json(path, lines=True, dtype=False, precise_float=True)
        return pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False,
                           encoding="utf-8-sig")
    except (ImportError, ValueError, UnicodeDecodeError, OSError, pd.errors.ParserError) as err:
        raise SahelNLPError(Errors.E142.format(path=path, error=err, kind=READ_KINDS[suffix])) from err


def typed_frame(rows: list[dict], columns: Iterable[str], integers: Iterable[str] = (),
                dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows as a frame with these columns; integer columns nullable (`Int64`), date
    columns parsed."""
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in integers:
        frame[column] = frame[column].astype("Int64")  # nullable: vague quantities have no value
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame
