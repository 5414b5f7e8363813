"""`sahelnlp gazetteer build|lookup`: the dense gazetteer from GeoNames dumps, found by the pipeline."""

from __future__ import annotations

import http.server
import io
import threading
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.paths import dense_gazetteer_path
from sahelnlp.pipeline.places.component import resolve_gazetteer
from sahelnlp.pipeline.places.gazetteer import Gazetteer

runner = CliRunner()
DUMPS = Path(__file__).resolve().parents[2].parent / "shared" / "gazetteer-sources" / "geonames"

# Three rows in GeoNames' own 19-column format, written for this test.
ROWS = [
    ["9000001", "Testbougou", "Testbougou", "Test Bougou,Testbugu", "14.5", "-4.1", "P", "PPL", "ML",
     "", "06", "", "", "", "1200", "", "280", "Africa/Bamako", "2024-01-01"],
    ["9000002", "Puits Essai", "Puits Essai", "", "15.1", "-1.2", "H", "WLL", "ML", "", "06", "", "",
     "", "0", "", "290", "Africa/Bamako", "2024-01-01"],
    ["9000003", "Vieux Essai", "Vieux Essai", "", "15.2", "-1.3", "P", "PPLQ", "ML", "", "06", "", "",
     "", "0", "", "290", "Africa/Bamako", "2024-01-01"],
]


def write_dump(path: Path) -> Path:
    path.write_text("".join("\t".join(row) + "\n" for row in ROWS), encoding="utf-8")
    return path


def test_gazetteer_build_from_dump_file_and_pipeline_uses_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHELNLP_DATA_DIR", str(tmp_path / "data"))
    dump = write_dump(tmp_path / "ML.txt")
    result = runner.invoke(app, ["gazetteer", "build", "--geonames", str(dump)])
    assert result.exit_code == 0, result.output
    assert dense_gazetteer_path().exists()
    assert resolve_gazetteer(None) == dense_gazetteer_path()
    dense = Gazetteer.from_file(dense_gazetteer_path())
    assert dense.meta["name"] == "sahel-dense"
    assert [r.name for r in dense.lookup("Testbugu")] == ["Testbougou"]
    assert dense.lookup("Vieux Essai") == []  # abandoned places are left out
    assert len(dense) > len(Gazetteer.from_file(resolve_gazetteer("default")))


def test_gazetteer_build_download_from_a_local_server(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHELNLP_DATA_DIR", str(tmp_path / "data"))
    served = tmp_path / "served"
    served.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ML.txt", write_dump(tmp_path / "ML.txt").read_text(encoding="utf-8"))
    (served / "ML.zip").write_bytes(buffer.getvalue())
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(served), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        from sahelnlp.pipeline.places import geonames

        monkeypatch.setattr(geonames, "DOWNLOAD_URL", f"http://127.0.0.1:{server.server_port}/")
        monkeypatch.setattr(geonames.download_dumps, "__defaults__", (geonames.DOWNLOAD_URL,))
        result = runner.invoke(app, ["gazetteer", "build", "--download", "ML"])
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert Gazetteer.from_file(dense_gazetteer_path()).lookup("Testbougou")


def test_gazetteer_build_without_sources_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHELNLP_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["gazetteer", "build"])
    assert result.exit_code == 2 and "--geonames" in result.output


def test_gazetteer_build_real_dumps(tmp_path, monkeypatch):
    if not DUMPS.is_dir():
        pytest.skip(f"GeoNames dumps not found at {DUMPS}")
    monkeypatch.setenv("SAHELNLP_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["gazetteer", "build", "--geonames", str(DUMPS)])
    assert result.exit_code == 0, result.output
    dense = Gazetteer.from_file(dense_gazetteer_path())
    assert len(dense) > 50_000
    inates = dense.lookup("Inates")
    assert inates and inates[0].country == "NE"


def test_gazetteer_lookup_ranks_candidates():
    result = runner.invoke(app, ["gazetteer", "lookup", "Manaka", "--gazetteer", "default"])
    assert result.exit_code == 0
    first = result.output.splitlines()[1]
    assert "Ménaka" in first and " ML " in first


def test_gazetteer_build_elsewhere_says_how_to_use_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHELNLP_DATA_DIR", str(tmp_path / "data"))
    dump = write_dump(tmp_path / "ML.txt")
    target = tmp_path / "mine.msgpack"
    result = runner.invoke(app, ["gazetteer", "build", "--geonames", str(dump), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.exists() and not dense_gazetteer_path().exists()
    assert "now uses it" not in result.output and "--gazetteer" in result.output


def test_gazetteer_build_with_acled_locations(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHELNLP_DATA_DIR", str(tmp_path / "data"))
    export = tmp_path / "acled.csv"
    export.write_text(
        "event_id_cnty,country,admin1,admin2,location,latitude,longitude,geo_precision,fatalities,notes\n"
        "MLI1,Mali,Gao,Ansongo,Tessit,15.2167,-0.3,1,0,a\n"                 # known: nothing new
        "MLI2,Mali,Gao,Ansongo,Tessitt Post,15.2170,-0.3005,1,0,b\n"         # a spelling of Tessit
        "MLI3,Mali,Kidal,Tessalit,Wadi Acled Test,20.75,1.25,2,0,c\n"        # a place of its own
        "MLI4,Mali,Kidal,,Region Only,19.0,1.0,3,0,d\n", encoding="utf-8")  # a region's point: left out
    result = runner.invoke(app, ["gazetteer", "build", "--acled", str(export)])
    assert result.exit_code == 0, result.output
    dense = Gazetteer.from_file(dense_gazetteer_path())
    assert any(r.name == "Tessit" for r in dense.lookup("Tessitt Post"))
    (own,) = dense.lookup("Wadi Acled Test")
    assert own.id == "acled:ml-wadi-acled-test" and (own.admin1, own.admin2) == ("Kidal", "Tessalit")
    assert dense.lookup("Region Only") == []
    assert any("ACLED export acled.csv" in source for source in dense.meta["sources"])
    assert len(dense) == len(Gazetteer.from_file(resolve_gazetteer("default"))) + 1
