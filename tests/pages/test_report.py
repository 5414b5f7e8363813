"""`sahelnlp report`: a map, a timeline and the incidents table on one offline page,
rendered in headless Chromium for the seeds and for a 500-article run, and checked on
the rendered page (marks drawn, rows, clicks) and on its screenshot (colours).

Set SAHELNLP_SCREENSHOTS to a folder to keep the screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.pages import charts
from sahelnlp.pages.report import render_report, report_data

HEADER_COLOUR = (0x23, 0x3D, 0x4D)


def hex_colour(value: str) -> tuple[int, int, int]:
    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))


def blended(colour: str, under: str, opacity: float) -> tuple[int, ...]:
    return tuple(round(c * opacity + u * (1 - opacity)) for c, u in zip(hex_colour(colour), hex_colour(under)))


def pixels_near(image, colour: tuple[int, ...], tolerance: int = 3) -> int:
    return sum(count for count, found in image.getcolors(maxcolors=1 << 24)
               if max(abs(a - b) for a, b in zip(found, colour)) <= tolerance)


def drawn(opened, name: str):
    """Wait for the charts, then check the page fetched nothing and raised nothing."""
    opened.page.wait_for_selector("body[data-drawn='true']", timeout=60_000)
    assert opened.fetched == [], f"the page fetched {opened.fetched[:3]}"
    assert opened.errors == [], opened.errors
    shot = opened.page.screenshot()
    keep = os.environ.get("SAHELNLP_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / f"{name}.png").write_bytes(shot)
    return shot


def check_screenshot(shot: bytes, data) -> None:
    """The map's land, a circle of each event type it draws, the timeline's commonest
    country and the table's heading all show on the first screen."""
    image_module = pytest.importorskip("PIL.Image")
    import io

    image = image_module.open(io.BytesIO(shot)).convert("RGB")
    assert pixels_near(image, hex_colour(charts.LAND_COLOUR)) > 50_000, "no map outlines"
    on_map = {row["event_type"] for row in data.incidents if row["on_map"]}
    assert on_map
    for kind in on_map:
        colour = charts.EVENT_TYPE_COLOURS[kind]
        over_land = blended(colour, charts.LAND_COLOUR, charts.CIRCLE_OPACITY)
        over_page = blended(colour, "#ffffff", charts.CIRCLE_OPACITY)
        assert pixels_near(image, over_land) + pixels_near(image, over_page) > 10, f"no {kind} circle on the map"
    first_country = hex_colour(charts.CATEGORY_COLOURS[0])
    assert pixels_near(image, first_country, tolerance=1) > 20, "no timeline bars"
    assert pixels_near(image, HEADER_COLOUR, tolerance=1) > 2_000, "no incidents table"


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


def test_page_fetches_nothing_and_escapes_the_text(seed_records):
    page = render_report(seed_records, title="<seeds>")
    head = page.split("<body>")[0]
    assert "<link" not in page and 'src="http' not in page and "@import" not in head
    assert "&lt;seeds&gt;" in page and "<seeds>" not in page
    record = dict(seed_records[0])
    claim = dict(record["claims"][0])
    record["claims"] = [claim]
    data_part = render_report([record]).split('id="report-data">')[1]
    assert "</script" not in data_part.split("</script>")[0]


def test_seeds_page_draws_map_timeline_and_table_in_chromium(seed_records, output_file, open_page, tmp_path):
    page = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(output_file(seed_records)), "-o", str(page)])
    assert result.exit_code == 0, result.output
    data = report_data(seed_records)
    opened = open_page(page)
    shot = drawn(opened, "report-seeds")
    circles = opened.page.locator("#map path[aria-roledescription='circle']")
    assert circles.count() == sum(1 for row in data.incidents if row["on_map"])
    assert opened.page.locator("#timeline path[aria-roledescription='bar']").count() > 0
    assert opened.page.locator("#incidents > tbody").count() == len(data.incidents)
    check_screenshot(shot, data)


def test_rows_open_and_sort_and_circles_lead_to_their_row(seed_records, tmp_path, open_page):
    page = tmp_path / "report.html"
    page.write_text(render_report(seed_records), encoding="utf-8")
    data = report_data(seed_records)
    opened = open_page(page)
    drawn(opened, "report-seeds-clicked")
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

    browser_page.locator("#map path[aria-roledescription='circle']").first.click(force=True)
    target = browser_page.evaluate("location.hash")
    assert target.startswith("#inc-")
    assert browser_page.locator(f"tbody{target} tr.detail").is_visible()

    browser_page.check("input[name='map-colour'][value='perpetrator']")
    browser_page.wait_for_function("document.querySelector('#map').textContent.includes('perpetrator')")
    browser_page.check("input[name='timeline-measure'][value='incidents']")
    browser_page.wait_for_function("document.querySelector('#timeline').textContent.includes('incidents per')")
    assert opened.errors == []


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


def test_the_review_page_of_a_500_article_run_draws_its_highlights(run_500, output_file, tmp_path, open_page):
    image_module = pytest.importorskip("PIL.Image")
    import io

    page = tmp_path / "review.html"
    result = CliRunner().invoke(app, ["review", str(output_file(run_500)), "-o", str(page)])
    assert result.exit_code == 0, result.output
    opened = open_page(page, width=1200, height=1600)
    opened.page.wait_for_load_state("load")
    assert opened.fetched == [] and opened.errors == []
    assert opened.page.locator("#triage tr").count() > 500
    opened.page.locator("#triage a").first.click()  # the least sure claim's quantity
    shot = opened.page.screenshot()
    if os.environ.get("SAHELNLP_SCREENSHOTS"):
        (Path(os.environ["SAHELNLP_SCREENSHOTS"]) / "review-500.png").write_bytes(shot)
    image = image_module.open(io.BytesIO(shot)).convert("RGB")
    for name, colour in (("actor", (0xF6, 0xB8, 0xA6)), ("place", (0x9F, 0xD8, 0xD9)),
                         ("quantity", (0xD9, 0x8A, 0x00))):
        assert pixels_near(image, colour, tolerance=0) > 100, f"no {name} highlight where the triage link leads"


def test_report_command_says_what_is_wrong(tmp_path, seed_records, output_file):
    runner = CliRunner()
    wrong = runner.invoke(app, ["report", str(output_file(seed_records)), "-o", str(tmp_path / "report.txt")])
    assert wrong.exit_code == 2 and "E029" in wrong.output and ".html" in wrong.output
    missing = runner.invoke(app, ["report", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "r.html")])
    assert missing.exit_code == 2 and "none.jsonl" in missing.output and "Traceback" not in missing.output
    assert not (tmp_path / "r.html").exists()


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
