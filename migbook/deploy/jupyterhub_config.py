"""JupyterHub on one machine for migbook's lessons: ``jupyterhub -f migbook/deploy/jupyterhub_config.py``.

Each student logs in (any name: the dummy authenticator; put a real one here for a course), gets a
single-user server of their own and lands in a lesson, live, through Voila. Needs ``jupyterhub``
(requirements.lock) and ``configurable-http-proxy`` from npm (``npm install -g configurable-http-proxy@5.3.0``;
``.ci/run`` does it). Settings come from the environment:

* ``MIGBOOK_HUB_DIR``: the hub's state, the students' homes and the lessons (default ``_build/hub``);
* ``MIGBOOK_HUB_PORT`` (8000), ``MIGBOOK_HUB_API_PORT`` (8081), ``MIGBOOK_PROXY_API_PORT`` (8001);
* ``MIGBOOK_HUB_LESSON``: the lesson a student's server opens at (``01-stock-and-flow``).

See ``migbook.hub`` and the "For instructors" page for a Kubernetes deployment.
"""

import os
from pathlib import Path

from migbook.hub import DEFAULT_LESSON, configure
from migbook.paths import BUILD_DIR

c = get_config()  # type: ignore[name-defined]  # noqa: F821 (JupyterHub provides it)

configure(
    c,
    state_dir=Path(os.environ.get("MIGBOOK_HUB_DIR") or BUILD_DIR / "hub"),
    port=int(os.environ.get("MIGBOOK_HUB_PORT", "8000")),
    hub_port=int(os.environ.get("MIGBOOK_HUB_API_PORT", "8081")),
    proxy_api_port=int(os.environ.get("MIGBOOK_PROXY_API_PORT", "8001")),
    lesson=os.environ.get("MIGBOOK_HUB_LESSON") or DEFAULT_LESSON,
)
