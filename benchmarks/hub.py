"""What a student costs on JupyterHub (migbook/deploy/jupyterhub_config.py), to size a box or a cluster (printed).

    python benchmarks/hub.py [--students 4]

Starts the local hub on free ports, logs ``--students`` students in at once in chromium (one browser context
each), and waits until each one's lesson shows its first chart. Prints, per student and in sum: time from login to
first chart, the resident memory of their single-user server and of its kernel, and the CPU time both used; then
what one machine of 2 cores and 24 GB would hold at that memory (80 % of it for students). Times are wall-clock on
whatever machine runs it: the load average is printed beside them.

Measured 2026-11-30 on the 2-core box shared with four other sessions, 4 students at once (each run once):
- with the lesson kernels' first cell skipping jsonschema's IRI module (migbook.kernel_imports), load average 7.2
  at the start and 11.8 at the end: first chart 37 to 40 s after login (spawning a server, starting a kernel and
  running the lesson, four at once); per student 155 MB of single-user server and 151 MB of kernel (306 MB),
  6.9 CPU s to start both and run the lesson; the hub and its proxy about 400 MB;
- before that skip (load 7.6 to 12.9): first chart 63 to 65 s; kernel 167 MB; 9.0 CPU s per student.
So a 2-core, 24 GB box holds memory for about 64 students (80 % of it), but its two cores start only about 17 a
minute: a class of thirty arriving together waits about two minutes for the last first chart. For one class on
one box, `migbook classroom` (warm kernel pools, no server per student) is the faster engine.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from migbook.paths import ROOT
from migbook.qa.browser import CHROMIUM_FLAGS, chromium_path

CONFIG = ROOT / "migbook" / "deploy" / "jupyterhub_config.py"
BOX_GB, BOX_SHARE = 24, 0.8
TIMEOUT_MS = 300_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_hub(state: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, MIGBOOK_HUB_DIR=str(state), MIGBOOK_HUB_PORT=str(port),
               MIGBOOK_HUB_API_PORT=str(free_port()), MIGBOOK_PROXY_API_PORT=str(free_port()))
    log = state / "hub.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=state, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while "JupyterHub is now running" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the hub did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
    return process, f"http://127.0.0.1:{port}"


def servers_of(hub_pid: int) -> dict[str, psutil.Process]:
    """Each student's single-user server process."""
    out = {}
    for child in psutil.Process(hub_pid).children(recursive=True):
        try:
            if "jupyterhub.singleuser" in " ".join(child.cmdline()):
                out[child.environ().get("JUPYTERHUB_USER", "?")] = child
        except psutil.Error:
            continue
    return out


def cost(server: psutil.Process) -> tuple[float, float, float]:
    """(server MB, kernels MB, CPU seconds of both) for one student's server and its kernels."""
    kernels = server.children(recursive=True)
    cpu = sum(sum(p.cpu_times()[:2]) for p in [server, *kernels])
    return (server.memory_info().rss / 2**20, sum(k.memory_info().rss for k in kernels) / 2**20, cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=4)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    print(f"machine: {psutil.cpu_count()} CPUs, load average {', '.join(f'{x:.1f}' for x in psutil.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="migbook-hub-") as tmp:
        process, url = start_hub(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
                names = [f"student{i}" for i in range(args.students)]
                pages, started = {}, {}
                for name in names:
                    page = browser.new_context().new_page()
                    page.goto(f"{url}/hub/login")
                    page.fill("input[name=username]", name)
                    page.fill("input[name=password]", "any")
                    started[name] = time.monotonic()
                    page.click("#login_submit", no_wait_after=True)
                    pages[name] = page
                chart_s = {}
                for name, page in pages.items():
                    page.wait_for_selector(".migbook-live svg", timeout=TIMEOUT_MS)
                    chart_s[name] = time.monotonic() - started[name]
                time.sleep(2)
                costs = {name: cost(server) for name, server in servers_of(process.pid).items()}
                hub_mb = sum(p.memory_info().rss for p in [psutil.Process(process.pid),
                             *[c for c in psutil.Process(process.pid).children() if "node" in c.name()]]) / 2**20
                browser.close()
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
    print(f"{args.students} students logging in at once on the local hub (simple local spawner, live charts "
          "drawn in the page):")
    for name in names:
        server_mb, kernel_mb, cpu = costs.get(name, (float("nan"),) * 3)
        print(f"  {name}: first chart {chart_s[name]:5.1f} s after login; server {server_mb:4.0f} MB, "
              f"kernel {kernel_mb:4.0f} MB, CPU {cpu:4.1f} s")
    per_student = statistics.mean(s + k for s, k, _ in costs.values())
    cpu = statistics.mean(c for _, _, c in costs.values())
    print(f"  first chart: median {statistics.median(chart_s.values()):.1f} s, max {max(chart_s.values()):.1f} s")
    print(f"  per student: {per_student:.0f} MB (server + kernel), {cpu:.1f} CPU s to start and run the lesson; "
          f"the hub and its proxy {hub_mb:.0f} MB")
    held = int(BOX_GB * 1024 * BOX_SHARE // per_student)
    print(f"  a 2-core, {BOX_GB} GB box: memory for about {held} students at once ({BOX_SHARE:.0%} of it); "
          f"two cores start about {2 * 60 / cpu:.0f} students a minute")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in psutil.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
