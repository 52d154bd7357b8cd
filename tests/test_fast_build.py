"""A fast build (issue #14): pages read one per task and longest first, the Vega bundle written once per
vl-convert version, an extension that does not import Altair into the build process, and a build process that
ends without the interpreter's teardown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.util.parallel import ParallelTasks

from migbook import build_schedule, sphinxext
from migbook.paths import ROOT


def _note_start(log: Path, chunk: list[str]) -> None:
    with log.open("a") as file:
        file.write(chunk[0] + "\n")
    time.sleep(0.2)  # still running while the other tasks are added


def test_tasks_start_in_the_order_given() -> None:
    ordered = ["long", "longer-than-rest", "mid", "short", "shortest"]
    chunks = build_schedule.task_order(ordered, nproc=2)
    assert sorted(name for [name] in chunks) == sorted(ordered)  # every page once, one page per task
    assert chunks[:2] == [["long"], ["longer-than-rest"]]


def test_sphinx_starts_the_tasks_longest_first(tmp_path: Path) -> None:
    log = tmp_path / "started"
    ordered = [f"page{i}" for i in range(6)]
    tasks = ParallelTasks(1)  # one at a time: the start order is the whole story
    for chunk in build_schedule.task_order(ordered, nproc=1):
        tasks.add_task(lambda chunk=chunk: _note_start(log, chunk))
    tasks.join()
    assert log.read_text().split() == ordered


def test_pages_with_code_go_first_without_a_record(tmp_path: Path) -> None:
    for name, text in {"a": "# A\n", "b": "```{code-cell} ipython3\n1\n```\n", "c": "# C\n"}.items():
        (tmp_path / f"{name}.md").write_text(text)
    builder = SimpleNamespace(env=SimpleNamespace(doc2path=lambda name: tmp_path / f"{name}.md"))
    cost = lambda name: build_schedule.page_cost(builder, {}, name)  # noqa: E731
    assert build_schedule.by_cost(["a", "b", "c"], cost) == ["b", "a", "c"]
    recorded = lambda name: build_schedule.page_cost(builder, {"c": 9.0, "b": 2.0}, name)  # noqa: E731
    assert build_schedule.by_cost(["a", "b", "c"], recorded) == ["c", "b", "a"]


def test_the_record_of_reading_times_survives_a_bad_file(tmp_path: Path) -> None:
    assert build_schedule.recorded_seconds(tmp_path) == {}
    (tmp_path / build_schedule.SECONDS_FILE).write_text("{not json")
    assert build_schedule.recorded_seconds(tmp_path) == {}
    (tmp_path / build_schedule.SECONDS_FILE).write_text(json.dumps({"book/intro": 1.5}))
    assert build_schedule.recorded_seconds(tmp_path) == {"book/intro": 1.5}


def test_the_vega_bundle_is_written_again_only_when_its_key_changes(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(sphinxext.vl_convert, "javascript_bundle", lambda: calls.append(1) or f"bundle {len(calls)}")
    bundle, stamp = tmp_path / "vendor" / "migbook" / "vega-bundle.js", tmp_path / "vendor.vega-key"
    sphinxext._write_vega_bundle(bundle, stamp)
    sphinxext._write_vega_bundle(bundle, stamp)
    assert len(calls) == 1 and "bundle 1" in bundle.read_text()
    monkeypatch.setattr(sphinxext, "vega_bundle_key", lambda: "vl-convert-python 99.0")  # a new vl-convert
    sphinxext._write_vega_bundle(bundle, stamp)
    assert len(calls) == 2 and "bundle 2" in bundle.read_text() and stamp.read_text() == "vl-convert-python 99.0"
    bundle.unlink()  # a lost copy is written again, whatever the key says
    sphinxext._write_vega_bundle(bundle, stamp)
    assert len(calls) == 3 and bundle.is_file()


def test_the_key_stays_out_of_the_vendored_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sphinxext.vl_convert, "javascript_bundle", lambda: "bundle")
    target = sphinxext.vendor(tmp_path / "vendor")  # Sphinx copies this folder into every build
    assert (target / "migbook" / "vega-bundle.js").is_file()
    assert not [p for p in target.rglob("*") if "key" in p.name]
    assert (tmp_path / "vendor.vega-key").read_text() == sphinxext.vega_bundle_key()
    assert sphinxext.vega_bundle_key().startswith("vl-convert-python ")


def test_the_build_process_does_not_import_altair() -> None:
    code = "import sys, migbook.sphinxext; print('altair' in sys.modules, 'pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.stdout.split() == ["False", "False"]


def test_bibliography_plugins_are_found_from_one_reading_of_the_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    from migbook import bibtex_plugins

    reads: list[int] = []
    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda: reads.append(1) or real())
    monkeypatch.setattr(pybtex.plugin, "entry_points", pybtex.plugin.entry_points)  # both undone after the test
    monkeypatch.setattr(sphinxcontrib.bibtex.plugin, "entry_points", sphinxcontrib.bibtex.plugin.entry_points)
    bibtex_plugins.installed_entry_points.cache_clear()
    bibtex_plugins.read_entry_points_once()
    try:
        for _ in range(5):
            plaintext = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
            style = pybtex.plugin.find_plugin("pybtex.style.formatting", "plain")
        assert plaintext.__module__ == "pybtex.backends.plaintext" and style.__name__ == "Style"
        with pytest.raises(pybtex.plugin.PluginNotFound):
            pybtex.plugin.find_plugin("pybtex.style.formatting", "no-such-style")
        assert len(reads) == 1
    finally:
        bibtex_plugins.installed_entry_points.cache_clear()


def test_the_build_process_leaves_out_the_iri_grammar_and_still_checks_its_configuration() -> None:
    code = ("import sys\n"
            "from migbook import build\n"
            "sys.argv = ['jb', 'build', '--help']  # Jupyter Book's build command, started: it prints its help\n"
            "try:\n    build.run_jupyter_book(1)\nexcept SystemExit:\n    pass\n"
            "from jupyter_book.config import validate_yaml\n"
            "print(sys.modules.get('rfc3987_syntax', 'loaded') is None,"
            " validate_yaml({'title': 1}, print_func=lambda *a: None) is not None,"
            " validate_yaml({'title': 'ok'}) is None)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.stdout.split()[-3:] == ["True", "True", "True"], result.stdout[-2000:]


EXITING = """\
import atexit, sys, threading, time
from pathlib import Path
from migbook.build import exit_without_teardown
out = Path(sys.argv[1])
atexit.register(lambda: (out / "atexit").write_text("ran"))
def late():
    time.sleep(0.5)
    (out / "thread").write_text("finished")
threading.Thread(target=late).start()
print("buffered", end="")
exit_without_teardown(eval(sys.argv[2]))
"""


@pytest.mark.parametrize(("code", "status"), [("0", 0), ("None", 0), ("3", 3), ("'a message'", 1)])
def test_the_build_ends_as_sys_exit_would(tmp_path: Path, code: str, status: int) -> None:
    result = subprocess.run(["python", "-c", EXITING, str(tmp_path), code], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)}, executable=sys.executable)
    assert result.returncode == status and result.stdout == "buffered"
    assert (tmp_path / "atexit").read_text() == "ran" and (tmp_path / "thread").read_text() == "finished"
    assert ("a message" in result.stderr) is (status == 1)
