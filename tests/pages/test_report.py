"""`sahelnlp report`: a map, a timeline and the incidents table on one offline page,
rendered in headless Chromium for the seeds and for a 500-article run, and checked on
the rendered page (marks drawn, rows, clicks) and on its screenshot (colours).

Set SAHELNLP_SCREENSHOTS to a folder to keep the screenshots (conftest.py)."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import numpy as np
import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.pages import charts
from sahelnlp.pages.report import render_report, report_data

HEADER_COLOUR = (0x23, 0x3D, 0x4D)
MAP_LEGEND_WIDTH = 200  # pixels right of the map's land before the timeline begins


def hex_colour(value: str) -> tuple[int, int, int]:
    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))


def blended(colour: str, under: str, opacity: float) -> tuple[int, ...]:
    return tuple(round(c * opacity + u * (1 - opacity)) for c, u in zip(hex_colour(colour), hex_colour(under)))


def near(pixels: np.ndarray, colour: tuple[int, ...], tolerance: int = 3) -> np.ndarray:
    """Which pixels of an RGB array are within `tolerance` of the colour on every channel."""
    return (np.abs(pixels.astype(int) - np.array(colour)).max(axis=2) <= tolerance)


def pixels_near(image, colour: tuple[int, ...], tolerance: int = 3) -> int:
    return int(near(np.asarray(image.convert("RGB")), colour, tolerance).sum())


def longest_vertical_run(mask: np.ndarray) -> int:
    """The most true pixels stacked in one column: a bar, not a legend swatch."""
    best, run = 0, np.zeros(mask.shape[1], dtype=int)
    for row in mask:
        run = (run + 1) * row
        best = max(best, int(run.max()))
    return best


def drawn(opened, name: str):
    """Wait for the charts, then check the page fetched nothing and raised nothing."""
    opened.page.wait_for_selector("body[data-drawn='true']", timeout=60_000)
    assert opened.fetched == [], f"the page fetched {opened.fetched[:3]}"
    assert opened.errors == [], opened.errors
    return opened.screenshot(name)


def check_screenshot(shot: bytes, data) -> None:
    """On the first screen: the map's land with filled circles of the event types it
    places at a town (counted inside the land's frame, so the legend's swatches do not
    count; the commonest type must show, others may hide under bigger circles), a bar of
    the timeline beside it (in a country's colour, taller than any swatch), and the table's heading."""
    image_module = pytest.importorskip("PIL.Image")
    import io

    pixels = np.asarray(image_module.open(io.BytesIO(shot)).convert("RGB"))
    land = near(pixels, hex_colour(charts.LAND_COLOUR))
    assert land.sum() > 50_000, "no map outlines"
    rows, columns = np.nonzero(land)
    map_frame = pixels[rows.min():rows.max() + 1, columns.min():columns.max() + 1]
    kinds = Counter(row["event_type"] for row in data.incidents if row["on_map"] and row["precise"])
    assert kinds
    circle_pixels = {kind: int(near(map_frame, blended(charts.EVENT_TYPE_COLOURS.get(kind) or
                                                       charts.CATCH_ALL_COLOURS[kind],
                                                       charts.LAND_COLOUR, charts.CIRCLE_OPACITY)).sum())
                     for kind in kinds}
    commonest = kinds.most_common(1)[0][0]
    assert circle_pixels[commonest] > 10, f"no {commonest} circle on the map"
    assert sum(circle_pixels.values()) > 40, circle_pixels
    # the timeline stands beside the map, level with its land: no radio button, no table heading
    beside_map = pixels[rows.min():rows.max() + 1, columns.max() + MAP_LEGEND_WIDTH:]
    bars = np.logical_or.reduce([near(beside_map, hex_colour(c), tolerance=40) for c in charts.CATEGORY_COLOURS])
    assert longest_vertical_run(bars) >= 16, "no timeline bars"
    assert near(pixels, HEADER_COLOUR, tolerance=1).sum() > 2_000, "no incidents table"


def test_seed_incidents_are_placed_typed_and_counted_by_week(seed_records):
    data = report_data(seed_records)
    bamako = [row for row in data.incidents if row["location"].startswith("Bamako") and row["date"] == "2024-09-17"]
    assert len(bamako) == 1
    assert bamako[0]["on_map"] and bamako[0]["event_type"] == "Battles" and bamako[0]["deaths"] >= 70
    # the seeds tell of April 2023 as well as of July to September 2024: over half a year, so months
    assert data.period == "month"
    assert report_data([r for r in seed_records if r["id"].startswith("000_")]).period == "week"
    assert any(place["name"] == "Bamako" for place in data.places)
    assert all(not charts.outlines()["bbox"][0] <= p["lon"] <= charts.outlines()["bbox"][2]
               or not charts.outlines()["bbox"][1] <= p["lat"] <= charts.outlines()["bbox"][3] for p in data.beyond)
    for row in data.incidents:
        assert row["claims"] and all(claim["sentence"] for claim in row["claims"])


HOSTILE = "</script><!--<script>alert(1)</script>"


def test_article_text_cannot_break_or_script_the_page(seed_records, tmp_path, open_page):
    """Titles, actor names and sentences are the articles' text: whatever they hold, the
    page draws and runs nothing of theirs."""
    records = [json.loads(json.dumps(r)) for r in seed_records]
    for record in records:
        record["meta"]["title"] = f"{HOSTILE} {record['id']}"
        for actor in record["actors"]:
            actor["name"] = f"{actor['name']} {HOSTILE}"
        if record.get("text"):
            record["text"] = HOSTILE + record["text"][len(HOSTILE):]
    page = tmp_path / "report.html"
    html = render_report(records, title=HOSTILE)
    page.write_text(html, encoding="utf-8")
    assert "<link" not in html and 'src="http' not in html and "@import" not in html.split("<body>")[0]
    assert html.count("<script") == 3  # the Vega scripts, the data, ours
    opened = open_page(page)
    dialogs: list[str] = []
    opened.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    drawn(opened, "report-hostile")
    assert HOSTILE in opened.page.locator("h1").inner_text()
    assert dialogs == [], "a script of the text ran"


def test_seeds_page_draws_map_timeline_and_table_in_chromium(seed_records, output_file, open_page, tmp_path):
    page = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(output_file(seed_records)), "-o", str(page)])
    assert result.exit_code == 0, result.output
    data = report_data(seed_records)
    opened = open_page(page)
    shot = drawn(opened, "report-seeds")
    circles = opened.page.locator("#map path[aria-roledescription='circle']")
    assert circles.count() == sum(1 for row in data.incidents if row["on_map"])  # filled and hollow
    assert opened.page.locator("#timeline path[aria-roledescription='bar']").count() > 0
    assert opened.page.locator("#incidents > tbody").count() == len(data.incidents)
    check_screenshot(shot, data)


def test_rows_open_and_sort_and_circles_lead_to_their_row(seed_records, tmp_path, open_page):
    page = tmp_path / "report.html"
    page.write_text(render_report(seed_records), encoding="utf-8")
    data = report_data(seed_records)
    opened = open_page(page)
    drawn(opened, "report-seeds-before-clicks")
    browser_page = opened.page
    first = browser_page.locator("#incidents > tbody").first
    assert first.locator("tr.detail").is_hidden()
    first.locator("button.open").click()
    assert first.locator("tr.detail").is_visible()
    sentence = data.incidents[0]["claims"][0]["sentence"]
    assert sentence[:40] in first.locator("tr.detail").inner_text()

    deaths = browser_page.locator("#incidents thead th", has_text="Deaths")
    deaths.click()
    deaths.click()
    assert deaths.get_attribute("aria-sort") == "descending"
    top = browser_page.locator("#incidents > tbody").first.locator("td.n").first.inner_text()
    assert int(top) == max(row["deaths"] for row in data.incidents)

    figures = browser_page.locator("#incidents thead th", has_text="Low / best / high")
    figures.click()
    figures.click()
    sorted_best = [row["best"] for row in sorted(data.incidents, key=lambda r: -1 if r["best"] is None else r["best"],
                                                 reverse=True)]
    shown = browser_page.locator("#incidents > tbody > tr.incident").evaluate_all(
        "rows => rows.map(row => row.cells[6].dataset.sort)")
    assert shown == ["" if best is None else str(best) for best in sorted_best]  # empty ones last
    assert None in sorted_best, "the seeds have incidents with no best figure"

    circle = browser_page.locator("#map path[aria-roledescription='circle']").first
    circle.click(force=True)
    target = browser_page.evaluate("location.hash")
    assert target.startswith("#inc-")
    detail = browser_page.locator(f"tbody{target} tr.detail")
    assert detail.is_visible()
    browser_page.locator(f"tbody{target} button.open").click()
    assert detail.is_hidden()
    browser_page.evaluate("window.scrollTo(0, 0)")
    circle.click(force=True)  # the same circle again: its row opens again
    assert detail.is_visible()

    browser_page.check("input[name='map-colour'][value='perpetrator']")
    browser_page.wait_for_function("document.querySelector('#map').textContent.includes('perpetrator')")
    browser_page.check("input[name='timeline-measure'][value='incidents']")
    browser_page.wait_for_function("document.querySelector('#timeline').textContent.includes('incidents per')")
    assert opened.errors == []
    browser_page.evaluate("window.scrollTo(0, 0)")
    opened.screenshot("report-seeds-after-clicks")


def test_a_500_article_run_is_a_page_of_a_few_megabytes_that_draws(run_500, tmp_path, open_page):
    page = tmp_path / "report.html"
    html = render_report(run_500, title="500 articles")
    page.write_text(html, encoding="utf-8")
    assert len(html.encode("utf-8")) < 3_000_000
    data = report_data(run_500)
    assert len(data.incidents) > 200
    opened = open_page(page)
    shot = drawn(opened, "report-500")
    assert opened.page.locator("#map path[aria-roledescription='circle']").count() == \
        sum(1 for row in data.incidents if row["on_map"])
    assert opened.page.locator("#map path[aria-roledescription='point']").count() == len(data.places)
    assert opened.page.locator("#timeline path[aria-roledescription='bar']").count() > 20
    check_screenshot(shot, data)


def test_report_command_says_what_is_wrong(tmp_path, seed_records, output_file):
    runner = CliRunner()
    wrong = runner.invoke(app, ["report", str(output_file(seed_records)), "-o", str(tmp_path / "report.txt")])
    assert wrong.exit_code == 2 and "E029" in wrong.output and ".html" in wrong.output
    missing = runner.invoke(app, ["report", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "r.html")])
    assert missing.exit_code == 2 and "none.jsonl" in missing.output and "Traceback" not in missing.output
    assert not (tmp_path / "r.html").exists()


def test_without_the_report_extra_the_command_says_what_to_install(tmp_path, seed_records, output_file,
                                                                    monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "vl_convert", None)
    monkeypatch.delitem(sys.modules, "sahelnlp.pages.report", raising=False)
    result = CliRunner().invoke(app, ["report", str(output_file(seed_records)), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "E151" in result.output and ".[report]" in result.output


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_chromium_cli_screenshot_of_the_report(seed_records, tmp_path):
    """The page also draws for Chromium's own --screenshot (no driver), as a user would run it."""
    import subprocess

    image_module = pytest.importorskip("PIL.Image")
    page = tmp_path / "report.html"
    page.write_text(render_report(seed_records), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([shutil.which("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--proxy-server=127.0.0.1:9", "--window-size=1400,1500", "--virtual-time-budget=10000",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    check_screenshot(shot.read_bytes(), report_data(seed_records))
    assert image_module.open(shot).size == (1400, 1500)


def constructed(article_id: str, *, published: str, event_date: str, place: dict, value: int = 12) -> dict:
    """A record as `sahelnlp run` writes it: one toll at one place."""
    text = f"Gunmen killed {value} civilians in {place['name']} on Sunday."
    start = text.index(str(value))
    return {"id": article_id, "meta": {"title": article_id, "published": published, "lang": "en"},
            "text": text, "entities": [], "actors": [], "errors": [], "places": [{**place, "mentions": []}],
            "claims": [{"outcome": "killed", "quantity": {"text": str(value), "value": value, "low": value,
                                                          "high": value, "approximate": False},
                        "victim": "civilians", "victim_actor": None, "perpetrator": None, "source": None,
                        "claimed": False, "aggregate": False, "superseded": False, "negated": False,
                        "event_date": event_date, "place": place["id"], "span": [start, start + 2],
                        "quantity_span": [start, start + len(str(value))], "sentence": [0, len(text)],
                        "score": 0.9, "evidence": {}}]}


BONI = {"id": "sahel:boni", "name": "Boni", "country": "ML", "admin1": "Mopti", "admin2": "Douentza",
        "kind": "village", "lat": 15.05, "lon": -1.98}
LOS_ANGELES = {"id": "geonames:5368361", "name": "Los Angeles", "country": "US", "admin1": "California",
               "admin2": None, "kind": "city", "lat": 34.05, "lon": -118.24}


def test_far_namesakes_and_doubtful_dates_are_listed_and_kept_off_the_charts():
    records = [constructed("boni", published="2024-03-11", event_date="2024-03-10", place=BONI),
               constructed("la", published="2024-03-12", event_date="2024-03-11", place=LOS_ANGELES, value=7),
               constructed("footer", published="2024-03-20", event_date="1929-10-24",
                           place={**BONI, "id": "sahel:douentza", "name": "Douentza", "lat": 15.0, "lon": -2.95},
                           value=30)]
    data = report_data(records)
    by_place = {row["location"].split(",")[0]: row for row in data.incidents}
    assert by_place["Boni"]["on_map"] and not by_place["Boni"]["date_doubt"]
    assert not by_place["Los Angeles"]["on_map"]
    assert [place["name"] for place in data.beyond] == ["Los Angeles"]
    assert by_place["Douentza"]["date_doubt"].startswith("over 365 days before")
    assert [row["id"] for row in data.summary["doubtful"]] == [by_place["Douentza"]["id"]]
    assert data.period == "week"  # the doubtful 1929 does not stretch the timeline to a century
    page = render_report(records)
    charted = {row["id"]: row for row in json.loads(page.split('id="report-data">')[1].split("</script>")[0]
                                                    )["datasets"]["incidents"]}
    assert charted[by_place["Douentza"]["id"]]["date"] is None and charted[by_place["Boni"]["id"]]["date"]
    assert charted[by_place["Los Angeles"]["id"]]["lat"] is None
    assert data.summary["deaths"] == 12 + 7 + 30


def test_months_are_the_days_own_months_in_any_time_zone(tmp_path, browser):
    """Dates are days: a reader west of UTC sees an attack of 1 March under March."""
    records = [constructed("march", published="2024-03-02", event_date="2024-03-01", place=BONI),
               constructed("december", published="2024-12-02", event_date="2024-12-01", place=BONI, value=3)]
    page = tmp_path / "report.html"
    page.write_text(render_report(records), encoding="utf-8")
    new_york = browser.new_page(timezone_id="America/New_York")
    try:
        new_york.goto(page.as_uri())
        new_york.wait_for_selector("body[data-drawn='true']", timeout=60_000)
        labels = new_york.locator("#timeline path[aria-roledescription='bar']").evaluate_all(
            "bars => bars.map(bar => bar.getAttribute('aria-label'))")
    finally:
        new_york.close()
    assert len(labels) == 2
    assert any("Mar 2024" in label and "deaths: 12" in label for label in labels), labels
    assert any("Dec 2024" in label and "deaths: 3" in label for label in labels), labels


def test_dates_after_today_are_doubtful_and_coarse_places_hollow():
    records = [constructed("future", published="2099-01-02", event_date="2099-01-01", place=BONI),
               constructed("region", published="2024-03-11", event_date="2024-03-10",
                           place={**BONI, "id": "sahel:mopti-region", "name": "Mopti", "kind": "region",
                                  "lat": 14.5, "lon": -4.2}, value=5)]
    data = report_data(records)
    future = next(row for row in data.incidents if row["date"] == "2099-01-01")
    region = next(row for row in data.incidents if row["date"] == "2024-03-10")
    assert future["date_doubt"] == "after today" and future["precise"]
    assert region["on_map"] and not region["precise"] and region["placed_as"] == "in a region or country only"


def test_countries_abroad_are_not_listed_beyond_the_map():
    france = {"id": "geonames:3017382", "name": "France", "country": "FR", "admin1": None, "admin2": None,
              "kind": "country", "lat": 46.0, "lon": 2.0}
    record = constructed("boni", published="2024-03-11", event_date="2024-03-10", place=BONI)
    record["places"].append({**france, "mentions": []})
    record["places"].append({**LOS_ANGELES, "mentions": []})
    data = report_data([record])
    assert [place["name"] for place in data.beyond] == ["Los Angeles"]


def test_the_map_names_the_perpetrator_and_keeps_rings_under_filled_circles(seed_records):
    data = report_data(seed_records)
    spec = charts.map_specs(data.categories)["perpetrator"]
    incident_layers = [layer for layer in spec["layer"] if layer["data"]["name"] == "incidents"]
    filters = [[t["filter"] for t in layer.get("transform", [])] for layer in incident_layers]
    assert filters == [["isValid(datum.lat)", "!datum.precise"], ["isValid(datum.lat)", "datum.precise"]]
    tooltip_fields = {t["field"] for t in incident_layers[1]["encoding"]["tooltip"]}
    assert "perpetrator_name" in tooltip_fields and incident_layers[1]["encoding"]["color"]["field"] == "perpetrator"
    assert {row["perpetrator_name"] for row in data.incidents} >= {"JNIM", "CSP-DPA"}
