"""Tables of claims, places and actors, on the seeds."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.readers import read_inputs
from sahelnlp.runner import annotate
from sahelnlp.tables import ACTOR_COLUMNS, CLAIM_COLUMNS, PLACE_COLUMNS, actors_table, claims_table, places_table


@pytest.fixture(scope="module")
def seed_records(nlp, seeds_dir) -> list[dict]:
    return list(annotate(nlp, read_inputs([str(seeds_dir)])))


def test_claims_table_has_its_documented_columns_and_one_row_per_claim(seed_records):
    table = claims_table(seed_records)
    assert list(table.columns) == list(CLAIM_COLUMNS)
    assert len(table) == sum(len(r["claims"]) for r in seed_records)
    assert table.value.dtype == "Int64" and str(table.event_date.dtype).startswith("datetime64")
    jnim = table[(table.perpetrator == "jnim") & table.claimed]
    assert not jnim.empty and set(jnim.perpetrator_name) == {"JNIM"}
    assert table.sentence.notna().all()
    placed = table[table.place_id.notna()]
    assert placed.lat.notna().all()
    assert placed[~placed.place_kind.isin(["area", "region"])].country.notna().all()  # "the Sahel" has none


def test_places_and_actors_tables(seed_records):
    places, actors = places_table(seed_records), actors_table(seed_records)
    assert list(places.columns) == list(PLACE_COLUMNS) and list(actors.columns) == list(ACTOR_COLUMNS)
    assert "Bamako" in set(places.name)
    assert "jnim" in set(actors.actor_id)


def test_cli_table(seed_records, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in seed_records), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["table", str(out), "--to", str(tmp_path / "claims.parquet")])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(tmp_path / "claims.parquet")) == sum(len(r["claims"]) for r in seed_records)
    result = runner.invoke(app, ["table", str(out), "--to", str(tmp_path / "claims.xlsx")])
    assert result.exit_code == 2 and ".parquet" in result.output
