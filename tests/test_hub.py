"""JupyterHub for a course larger than one machine (``migbook/deploy/jupyterhub_config.py``, :mod:`migbook.hub`):
a local hub with the dummy authenticator and the simple local spawner, two students logged in in chromium, each
landing in a lesson live through Voila on a single-user server of their own. Without ``jupyterhub`` or
``configurable-http-proxy`` these tests fail (never skip) and say how to install them."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import jupytext
import psutil
import pytest
from conftest import PageWatch

from migbook import hub, lessons
from migbook.errors import MigbookError
from migbook.figures.live import CHARTS_VARIABLE
from migbook.paths import ROOT

CONFIG = ROOT / "migbook" / "deploy" / "jupyterhub_config.py"
STUDENTS = ("ada", "bo")
LOAD_TIMEOUT_MS = 240_000  # a server spawned, a kernel started and the lesson run, two at once on a shared 2-core box


# ------------------------------------------------------------------ no hub needed

def test_lesson_url_names_a_lesson() -> None:
    assert hub.lesson_url(lessons.names()[0]) == f"/voila/render/{lessons.names()[0]}.ipynb"
    with pytest.raises(MigbookError, match="no lesson named"):
        hub.lesson_url("99-nothing")


def test_server_files_hold_guarded_lessons_the_settings_and_the_template(tmp_path: Path) -> None:
    env = hub.write_server_files(tmp_path)
    notebooks = sorted((tmp_path / "lessons").glob("*.ipynb"))
    assert [p.stem for p in notebooks] == lessons.names()
    assert all(jupytext.read(p).cells[0].source == lessons.GUARD_SOURCE for p in notebooks)
    settings = json.loads((Path(env["JUPYTER_CONFIG_PATH"]) / "jupyter_server_config.json").read_text())
    assert settings["ServerApp"]["root_dir"] == str((tmp_path / "lessons").resolve())
    assert settings["VoilaConfiguration"]["show_tracebacks"] is False
    assert settings["VoilaExecutor"]["timeout"] > 0 and settings["MappingKernelManager"]["cull_idle_timeout"] > 0
    templates = Path(env["JUPYTER_PATH"]) / "voila" / "templates"
    assert "cdn.jsdelivr.net" in (templates / "migbook" / "index.html.j2").read_text(), \
        "the template that strips the lab template's CDN links"
    static = templates / hub.TEMPLATE / "static"
    assert "vegaEmbed" in (static / "vega-bundle.js").read_text()
    assert "migbook-vl" in (static / "migbook-live-charts.js").read_text()
    assert env[CHARTS_VARIABLE] == "browser", "kernels send specs, the page draws them"


def test_kubernetes_values_point_at_what_write_server_files_writes(tmp_path: Path) -> None:
    """migbook/deploy/z2jh-values.yaml's single-user settings are those the local hub runs (the image writes its
    server files to /srv/migbook, as tmp_path here)."""
    import yaml

    singleuser = yaml.safe_load((ROOT / "migbook" / "deploy" / "z2jh-values.yaml").read_text())["singleuser"]
    env = hub.write_server_files(tmp_path)
    assert singleuser["defaultUrl"] == hub.lesson_url(hub.DEFAULT_LESSON)
    assert singleuser["cmd"] == "jupyterhub-singleuser"
    image_env = {key: value.replace(str(tmp_path.resolve()), "/srv/migbook") for key, value in env.items()}
    assert singleuser["extraEnv"] == image_env
    assert singleuser["memory"]["limit"] and singleuser["cpu"]["limit"]


CHART = ROOT / "tests" / "data" / f"z2jh-{hub.CHART_VERSION}"  # the chart's schema and defaults (its SOURCE.md)


def merged(defaults: dict, ours: dict) -> dict:
    """Helm's merge of a values file over the chart's defaults: mappings merge key by key, anything else replaces."""
    out = dict(defaults)
    for key, value in ours.items():
        both = isinstance(value, dict) and isinstance(defaults.get(key), dict)
        out[key] = merged(defaults[key], value) if both else value
    return out


def chart_errors(ours: dict) -> list[str]:
    """What `helm install` would reject in a values file for the chart: its schema over defaults + ours."""
    import jsonschema
    import yaml

    schema = json.loads((CHART / "values.schema.json").read_text())
    values = merged(yaml.safe_load((CHART / "values.yaml").read_text()), ours)
    errors = jsonschema.Draft7Validator(schema).iter_errors(values)
    return [f"{'.'.join(map(str, e.path))}: {e.message}" for e in errors]


def test_kubernetes_values_are_valid_for_the_chart_they_name() -> None:
    import yaml

    text = (ROOT / "migbook" / "deploy" / "z2jh-values.yaml").read_text()
    assert f"--version {hub.CHART_VERSION}" in text, "the helm command pins the chart the values are checked against"
    ours = yaml.safe_load(text)
    assert chart_errors(ours) == []
    misspelt = merged(ours, {"singleuser": {"memroy": {"limit": "1G"}}})  # the check rejects what helm would
    assert any("memroy" in error for error in chart_errors(misspelt))


def test_the_image_recipe_matches_the_charts_hub() -> None:
    """The single-user image installs the lock, then the chart's JupyterHub (a major-version mismatch between hub and
    single-user server can break logins), and writes the server files the local hub test runs."""
    recipe = (ROOT / "migbook" / "deploy" / "Dockerfile").read_text()
    assert "-r /opt/migbook/requirements.lock" in recipe
    assert re.findall(r"jupyterhub==(\S+)", recipe) == [hub.CHART_JUPYTERHUB]
    assert "write_server_files('/srv/migbook')" in recipe
    source = (CHART / "SOURCE.md").read_text()
    assert f"tag `{hub.CHART_VERSION}`" in source and f"JupyterHub {hub.CHART_JUPYTERHUB}" in source


def test_ci_installs_the_proxy_version_the_package_names() -> None:
    found = re.search(r"^CHP_VERSION=(\S+)$", (ROOT / ".ci" / "run").read_text(), re.M)
    assert found and found.group(1) == hub.PROXY_VERSION


# ------------------------------------------------------------------ a running hub

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def required_tools() -> None:
    """Fail, with the install command, when the hub or its proxy is missing."""
    if importlib.util.find_spec("jupyterhub") is None:
        pytest.fail("jupyterhub is not installed: `pip install -r requirements.lock`", pytrace=False)
    if shutil.which(hub.PROXY_COMMAND) is None:
        pytest.fail(f"{hub.PROXY_COMMAND} not found: `npm install -g {hub.PROXY_COMMAND}@{hub.PROXY_VERSION}` "
                    "(.ci/run does it)", pytrace=False)


class Hub:
    def __init__(self, process: subprocess.Popen, port: int, log: Path) -> None:
        self.process, self.log = process, log
        self.url = f"http://127.0.0.1:{port}"

    def single_user_servers(self) -> dict[str, psutil.Process]:
        """The running single-user servers, by the student they belong to."""
        out = {}
        for child in psutil.Process(self.process.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if "jupyterhub.singleuser" in " ".join(child.cmdline()):
                    out[child.environ().get("JUPYTERHUB_USER", "?")] = child
        return out

    def kernels_of(self, server: psutil.Process) -> set[str]:
        """Ids of the kernels a single-user server runs."""
        out = set()
        for child in server.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                found = re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(child.cmdline()))
                if found:
                    out.add(found.group(1))
        return out


@pytest.fixture(scope="module")
def local_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """``jupyterhub -f migbook/deploy/jupyterhub_config.py`` in a temporary folder, on free ports."""
    required_tools()
    state = tmp_path_factory.mktemp("hub")
    port = free_port()
    env = dict(os.environ, MIGBOOK_HUB_DIR=str(state), MIGBOOK_HUB_PORT=str(port),
               MIGBOOK_HUB_API_PORT=str(free_port()), MIGBOOK_PROXY_API_PORT=str(free_port()),
               MIGBOOK_HUB_LESSON=hub.DEFAULT_LESSON)
    log = state / "hub.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=state, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while "JupyterHub is now running" not in log.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the hub did not start:\n{log.read_text()[-4000:]}")
            time.sleep(0.5)
        yield Hub(process, port, log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def log_in(browser: object, hub_url: str, name: str) -> PageWatch:
    """A browser of one's own (non-local requests blocked and counted), logged in as ``name`` (the dummy
    authenticator takes any password)."""
    watch = PageWatch(browser)
    page = watch.page
    page.goto(f"{hub_url}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", "any")
    page.click("#login_submit")
    return watch


@pytest.mark.hub
@pytest.mark.browser
def test_two_students_each_open_a_lesson_live_on_a_server_of_their_own(local_hub: Hub, browser: object) -> None:
    watches = {name: log_in(browser, local_hub.url, name) for name in STUDENTS}  # both spawn at once
    try:
        kernels = {}
        for name, watch in watches.items():
            page = watch.page
            page.wait_for_selector(".migbook-live svg", timeout=LOAD_TIMEOUT_MS)
            assert f"/user/{name}/voila/render/{hub.DEFAULT_LESSON}.ipynb" in page.url
            body = page.inner_text("body")
            assert "migbook lesson" not in body and "Traceback" not in body
            # Live: a slider moved from the keyboard redraws the chart in this student's kernel.
            box = page.locator(".migbook-live").first
            chart = box.locator(".widget-html-content:has(svg)").first
            before = chart.inner_html()
            box.locator(".noUi-handle").first.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function("([el, old]) => el.innerHTML !== old", arg=[chart.element_handle(), before],
                                   timeout=30_000)
            found = re.search(r'"kernelId": "([0-9a-f-]{36})"', page.content())
            assert found, "the lesson page names its kernel"
            kernels[name] = found.group(1)
            assert not watch.external, f"requests to non-local hosts: {watch.external}"
            assert not watch.errors, f"console errors: {watch.errors}"

        servers = local_hub.single_user_servers()
        assert set(servers) == set(STUDENTS), f"one single-user server per student, found {sorted(servers)}"
        assert servers[STUDENTS[0]].pid != servers[STUDENTS[1]].pid
        for name in STUDENTS:
            assert kernels[name] in local_hub.kernels_of(servers[name]), f"{name}'s kernel runs on {name}'s server"

        # A student cannot open another's server.
        intruder, owner = watches[STUDENTS[1]].page, STUDENTS[0]
        response = intruder.goto(f"{local_hub.url}/user/{owner}/voila/render/{hub.DEFAULT_LESSON}.ipynb")
        assert response.status in (403, 404) or f"/user/{STUDENTS[1]}/" in intruder.url, \
            f"{STUDENTS[1]} reached {owner}'s server ({response.status} at {intruder.url})"
        assert intruder.locator(".migbook-live").count() == 0
    finally:
        for watch in watches.values():
            watch.close()
