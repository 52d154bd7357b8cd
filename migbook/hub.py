"""JupyterHub for a course larger than one machine: a server for each student, opening the lessons in Voila.

``migbook classroom`` serves one class from one process on one machine. Past that, JupyterHub
is the engine: it logs students in, starts a single-user Jupyter server for each (a process
here, a pod under Zero to JupyterHub on Kubernetes) and routes each student to their own
through ``configurable-http-proxy`` (from npm). Each single-user server opens at a lesson
through Voila's server extension (``/user/NAME/voila/render/LESSON.ipynb``).

:func:`write_server_files` writes what a single-user server needs into one folder: the lessons
as live notebooks (each guarded by :mod:`migbook.guard`), a ``jupyter_server_config.json``
with the lesson settings (migbook's offline template, no tracebacks, a cell time-out, idle
kernels culled, the server stopped when unused, no terminal) and migbook's Voila templates
with the scripts that draw live charts in the page (so no kernel starts vl-convert's engine). The same folder
serves the local hub (``migbook/deploy/jupyterhub_config.py``, tested by ``tests/test_hub.py``) and
the image of a Kubernetes deployment (``migbook/deploy/z2jh-values.yaml``); :func:`configure` sets
up a hub on one machine around it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from migbook import lessons
from migbook.errors import MigbookError

DEFAULT_LESSON = "01-stock-and-flow"
TEMPLATE = "migbook-hub"  # migbook's template, and the page draws the live charts (no JavaScript engine per kernel)
CELL_TIMEOUT_S = 60
KERNEL_IDLE_S = 600  # a lesson's kernel with no page connected for this long is shut down
SERVER_IDLE_S = 1200  # a single-user server with no kernel and no request for this long stops itself
PROXY_COMMAND = "configurable-http-proxy"
PROXY_VERSION = "5.3.0"  # the npm package .ci/run installs
CHART_VERSION = "4.4.0"  # the Zero to JupyterHub chart z2jh-values.yaml is written and validated for
CHART_JUPYTERHUB = "5.5.0"  # the JupyterHub that chart's hub runs, which the single-user image must match


def lesson_url(name: str = DEFAULT_LESSON) -> str:
    """Where a student's server opens: the lesson, live, through Voila (relative to the server's base URL).

    >>> lesson_url("01-stock-and-flow")
    '/voila/render/01-stock-and-flow.ipynb'
    """
    if name not in lessons.names():
        raise MigbookError(f"no lesson named {name!r}; the lessons are: {', '.join(lessons.names())}")
    return f"/voila/render/{name}.ipynb"


def server_settings(lessons_dir: Path) -> dict[str, dict[str, Any]]:
    """A single-user server's configuration: the lessons as its root, Voila set up as for a lesson."""
    return {
        "ServerApp": {
            "root_dir": str(lessons_dir),
            "terminals_enabled": False,  # a lesson needs no shell
            "jpserver_extensions": {"jupyterlab_jupytext": False},  # nor jupytext's text notebooks
            # Voila as an extension points the page's MathJax at a CDN unless both are None (as stand-alone Voila
            # leaves them): the page then typesets with the MathJax 3 that Voila's own scripts bundle.
            "tornado_settings": {"mathjax_url": None, "mathjax_config": None},
            "shutdown_no_activity_timeout": SERVER_IDLE_S,
        },
        "VoilaConfiguration": {
            "template": TEMPLATE,
            "theme": "light",
            "show_tracebacks": False,
            "extension_denylist": lessons.DENIED_EXTENSIONS,
        },
        "VoilaExecutor": {"timeout": CELL_TIMEOUT_S, "interrupt_on_timeout": True},
        "MappingKernelManager": {
            "cull_idle_timeout": KERNEL_IDLE_S,
            "cull_interval": 60,
            "cull_connected": False,
        },
    }


def write_server_files(folder: Path) -> dict[str, str]:
    """Write the lessons, the server configuration and migbook's templates into ``folder``; return the
    environment a single-user server needs to find them (``JUPYTER_CONFIG_PATH``, ``JUPYTER_PATH``)."""
    folder = Path(folder).resolve()
    notebooks, config, data = folder / "lessons", folder / "etc" / "jupyter", folder / "share" / "jupyter"
    for old in notebooks.glob("*.ipynb"):
        old.unlink()
    for name in lessons.names():
        lessons.notebook(name, out_dir=notebooks)
    config.mkdir(parents=True, exist_ok=True)
    (config / "jupyter_server_config.json").write_text(json.dumps(server_settings(notebooks), indent=2) + "\n")
    write_templates(data / "voila" / "templates")
    from migbook.figures.live import CHARTS_VARIABLE  # here: importing it imports Altair, which the hub needs not

    return {"JUPYTER_CONFIG_PATH": str(config), "JUPYTER_PATH": str(data), CHARTS_VARIABLE: "browser"}


def write_templates(folder: Path) -> None:
    """migbook's Voila templates, with the scripts that draw live charts in the student's page (the Vega bundle
    from vl-convert, as the book's pages get it) in the hub template's static folder."""
    from migbook.sphinxext import vega_bundle

    source = lessons.TEMPLATE_PATH / "voila" / "templates"
    for name in ("migbook", TEMPLATE):
        shutil.rmtree(folder / name, ignore_errors=True)
        shutil.copytree(source / name, folder / name)
    static = folder / TEMPLATE / "static"
    static.mkdir(exist_ok=True)
    shutil.copy(source / "migbook-classroom" / "static" / "migbook-live-charts.js", static)
    (static / "vega-bundle.js").write_text(vega_bundle(), encoding="utf-8")


def configure(c: Any, state_dir: Path, port: int = 8000, hub_port: int = 8081, proxy_api_port: int = 8001,
              lesson: str = DEFAULT_LESSON, ip: str = "127.0.0.1") -> None:
    """Set up JupyterHub config ``c`` for one machine: students log in (the dummy authenticator: any
    name, no password; replace it for real accounts), each gets a single-user server started as a local
    process in a home of their own under ``state_dir``, which opens at ``lesson`` through Voila."""
    state_dir = Path(state_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    environment = write_server_files(state_dir / "server")

    c.JupyterHub.bind_url = f"http://{ip}:{port}"
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{hub_port}"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{proxy_api_port}"
    c.ConfigurableHTTPProxy.command = [PROXY_COMMAND]
    c.ConfigurableHTTPProxy.pid_file = str(state_dir / "proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{state_dir / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state_dir / "cookie_secret")
    c.JupyterHub.authenticator_class = "dummy"
    c.Authenticator.allow_all = True
    c.JupyterHub.spawner_class = "simple"  # one OS user for every student: for a test or a demo only
    c.SimpleLocalProcessSpawner.home_dir_template = str(state_dir / "home" / "{username}")
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    if os.geteuid() == 0:  # CI and containers run as root; every student's server then does too
        c.Spawner.args = ["--ServerApp.allow_root=True"]
    c.Spawner.environment = environment
    c.Spawner.default_url = lesson_url(lesson)
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120
