"""Integration: the Label Studio export imported into a real Label Studio server.

The test starts `label-studio` on loopback with a fresh data folder, creates a project
with sahelnlp's labeling configuration, imports the exported tasks with their
predictions, reads them back through the API, and turns an annotation made through
the API into a reviewed record. `.ci/run` installs Label Studio in a virtualenv of its
own (its pins clash with spaCy's) and names it in LABEL_STUDIO_BIN.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sahelnlp.annotation import export_tasks, import_corrections, labelstudio
from sahelnlp.readers import read_inputs
from sahelnlp.runner import annotate
from sahelnlp.validate import problems_of

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "corpus" / "examples" / "articles.jsonl"
TOKEN = "sahelnlp-test-token-0123456789abcdef"


def _label_studio_bin() -> str | None:
    given = os.environ.get("LABEL_STUDIO_BIN")
    if given and Path(given).exists():
        return given
    return shutil.which("label-studio")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, url: str) -> None:
        self.url = url

    def call(self, method: str, path: str, body=None):
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Authorization": f"Token {TOKEN}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as err:  # say what Label Studio objected to
            raise AssertionError(f"{method} {path}: {err.code} {err.read().decode('utf-8')[:3000]}") from err
        return json.loads(text) if text else None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = _label_studio_bin()
    if binary is None:
        pytest.skip("label-studio is not installed (.ci/run installs it and sets LABEL_STUDIO_BIN)")
    data = tmp_path_factory.mktemp("label-studio")
    port = _free_port()
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data), "LABEL_STUDIO_USERNAME": "ci@example.org",
           "LABEL_STUDIO_PASSWORD": "sahelnlp-ci-password", "LABEL_STUDIO_USER_TOKEN": TOKEN,
           "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true", "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
           "DJANGO_DB": "sqlite", "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "false"}
    log = (data / "server.log").open("w")
    process = subprocess.Popen([binary, "start", "--no-browser", "--port", str(port),
                                "--internal-host", "127.0.0.1", "--data-dir", str(data)],
                               stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 600
    while time.time() < deadline:
        if process.poll() is not None:
            pytest.fail(f"label-studio exited: {(data / 'server.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=5) as response:
                if response.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(2)
    else:
        process.kill()
        pytest.fail("label-studio did not answer on /health within 10 minutes")
    yield Server(url)
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def records(nlp) -> list[dict]:
    return list(annotate(nlp, read_inputs([str(EXAMPLES)])))


def test_label_studio_accepts_the_config_and_the_pre_annotated_tasks(server, records):
    project = server.call("POST", "/api/projects", {"title": "sahelnlp round trip",
                                                   "label_config": labelstudio.label_config()})
    tasks = export_tasks(records, "labelstudio")
    imported = server.call("POST", f"/api/projects/{project['id']}/import", tasks)
    assert imported["task_count"] == len(records)
    assert imported["prediction_count"] == len(records)
    stored = server.call("GET", f"/api/tasks?project={project['id']}&fields=all&page_size=100")
    stored = stored["tasks"] if isinstance(stored, dict) else stored
    assert sorted(t["data"]["article_id"] for t in stored) == sorted(r["id"] for r in records)
    # an annotator accepts the first task's prediction as it is, through the API
    first = next(t for t in stored if t["data"]["article_id"] == records[0]["id"])
    detail = server.call("GET", f"/api/tasks/{first['id']}")
    prediction = detail["predictions"][0]["result"] if detail.get("predictions") else \
        tasks[0]["predictions"][0]["result"]
    server.call("POST", f"/api/tasks/{first['id']}/annotations", {"result": prediction})
    export = server.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON&download_all_tasks=true")
    reviewed, count = import_corrections(records, export, "labelstudio")
    assert count == 1
    record = next(r for r in reviewed if r["id"] == records[0]["id"])
    assert record["review"]["status"] == "reviewed" and record["review"]["annotator"]
    assert {k: v for k, v in record.items() if k != "review"} == records[0]
    assert problems_of(record) == []
    untouched = [r for r in reviewed if r["id"] != records[0]["id"]]
    assert all("review" not in r for r in untouched)


def test_ids_are_chosen_from_the_tasks_lists_and_tasks_sort_by_their_lowest_score(server, records):
    """An annotator picks a perpetrator from the task's actor list (the server stores the
    choice as given); the task carries its lowest claim score as the prediction's score."""
    project = server.call("POST", "/api/projects", {"title": "sahelnlp ids",
                                                   "label_config": labelstudio.label_config()})
    tasks = export_tasks(records, "labelstudio")
    server.call("POST", f"/api/projects/{project['id']}/import", tasks)
    stored = server.call("GET", f"/api/tasks?project={project['id']}&fields=all&page_size=100")
    stored = stored["tasks"] if isinstance(stored, dict) else stored
    task = next(t for t in stored if t["data"]["article_id"] == records[0]["id"])
    detail = server.call("GET", f"/api/tasks/{task['id']}")
    assert detail["predictions"][0]["score"] == min(c["score"] for c in records[0]["claims"])
    result = detail["predictions"][0]["result"]
    quantity = next(r for r in result if r["type"] == "labels" and r["value"]["labels"] == ["QUANTITY"])
    chosen = "jnim"
    assert chosen in {option["value"] for option in detail["data"]["actors"]}
    result = [r for r in result if not (r.get("id") == quantity["id"] and r.get("from_name") == "perpetrator")]
    result.append({"id": quantity["id"], "from_name": "perpetrator", "to_name": "text", "type": "choices",
                   "value": {**{k: quantity["value"][k] for k in ("start", "end", "text")}, "choices": [chosen]}})
    # the perpetrator drawn as a relation would win over the chosen id: drop it
    result = [r for r in result if not (r.get("type") == "relation" and r.get("from_id") == quantity["id"]
                                        and "perpetrator" in (r.get("labels") or []))]
    server.call("POST", f"/api/tasks/{task['id']}/annotations", {"result": result})
    export = server.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON&download_all_tasks=true")
    reviewed, _ = import_corrections(records, export, "labelstudio")
    record = next(r for r in reviewed if r["id"] == records[0]["id"])
    start, end = quantity["value"]["start"], quantity["value"]["end"]
    claim = next(c for c in record["claims"] if c["quantity_span"] == [start, end])
    assert claim["perpetrator"] == chosen and claim["evidence"]["perpetrator"] == "review"
