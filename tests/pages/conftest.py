"""Fixtures of the page tests: real runs to draw (the seeds; 500 real articles) and a
headless Chromium driven by Playwright (Debian's binary; .ci/run installs it)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sahelnlp.readers import read_inputs
from sahelnlp.runner import annotate

SHARED = Path(__file__).resolve().parents[3] / "shared"
DEV_ARTICLES = ("dev-articles", "dev-articles-2", "dev-articles-fr")
ACLED_NOTES = SHARED / "acled-notes" / "events.jsonl"
RUN_SIZE = 500
CHROMIUM_BINARIES = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser")


@pytest.fixture(scope="session")
def seed_records(router, seeds_dir) -> list[dict]:
    return list(annotate(router, read_inputs([str(seeds_dir)])))


@pytest.fixture(scope="session")
def run_500(router, tmp_path_factory) -> list[dict]:
    """A 500-article run: every dev article (English and French), then ACLED notes read as
    articles published on their event day, as `sahelnlp run` reads them."""
    files = [SHARED / name / "articles.jsonl" for name in DEV_ARTICLES]
    if not all(f.is_file() for f in files) or not ACLED_NOTES.is_file():
        pytest.skip(f"dev articles or ACLED notes not found under {SHARED} (shared/ is not beside the repo)")
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    with ACLED_NOTES.open(encoding="utf-8") as notes:
        for line in notes:
            if len(lines) >= RUN_SIZE:
                break
            event = json.loads(line)
            lines.append(json.dumps({"id": f"acled-{event['event_id']}", "text": event["notes"],
                                     "published": event["event_date"], "lang": "en"}))
    inputs = tmp_path_factory.mktemp("run500") / "articles.jsonl"
    inputs.write_text("\n".join(lines[:RUN_SIZE]) + "\n", encoding="utf-8")
    return list(annotate(router, read_inputs([str(inputs)])))


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium; every request that is not a file: or data: URL fails at a dead proxy."""
    sync_api = pytest.importorskip("playwright.sync_api")
    binary = next((found for name in CHROMIUM_BINARIES if (found := shutil.which(name))), None)
    if binary is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=binary,
                                              args=["--no-sandbox", "--proxy-server=127.0.0.1:9"])
        yield chromium
        chromium.close()


class OpenedPage:
    """A page opened in the browser, with every network request and script error it made."""

    def __init__(self, browser, path: Path, width: int = 1400, height: int = 1500) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())

    def screenshot(self, name: str) -> bytes:
        """The visible page as PNG, kept as NAME.png in $SAHELNLP_SCREENSHOTS when set."""
        shot = self.page.screenshot()
        keep = os.environ.get("SAHELNLP_SCREENSHOTS")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / f"{name}.png").write_bytes(shot)
        return shot

    @property
    def fetched(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "about:"))]

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def open_page(browser):
    opened: list[OpenedPage] = []

    def opener(path: Path, **size) -> OpenedPage:
        opened.append(OpenedPage(browser, path, **size))
        return opened[-1]

    yield opener
    for page in opened:
        page.close()


@pytest.fixture
def open_review(output_file, tmp_path, open_page):
    """`sahelnlp review` of records, opened once its page has loaded; it fetched nothing
    and raised nothing."""
    from typer.testing import CliRunner

    from sahelnlp.cli import app

    def opener(records: list[dict]) -> OpenedPage:
        page = tmp_path / "review.html"
        result = CliRunner().invoke(app, ["review", str(output_file(records)), "-o", str(page)])
        assert result.exit_code == 0, result.output
        opened = open_page(page, width=1200, height=1600)
        opened.page.wait_for_load_state("load")
        assert opened.fetched == [] and opened.errors == []
        return opened
    return opener


@pytest.fixture
def output_file(tmp_path):
    """Records written as `sahelnlp run` writes them, for the commands to read."""
    def write(records: list[dict], name: str = "out.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return path
    return write
