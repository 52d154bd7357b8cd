"""The page kernels' fork server started before Sphinx (issue #14): when a build will surely execute a page, its
imports overlap Sphinx's start, and a one-page rebuild's kernel is forked from it too."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import notebook_page

from migbook import build, warm_kernels
from migbook.build import build_command
from migbook.paths import ROOT

CODE_PAGE = "# Code\n\n```{code-cell} ipython3\n1 + 1\n```\n"


def _tree(root: Path) -> dict[str, Path]:
    """A book folder, a package and data beside it, and an environment saved after all of them."""
    paths = {"code": root / "book" / "code.md", "text": root / "book" / "text.md",
             "build": root / "book" / "_build" / "old.md", "hidden": root / "book" / ".ipynb_checkpoints" / "c.md",
             "model": root / "package" / "model.py", "table": root / "data" / "table.csv"}
    for name, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CODE_PAGE if name in {"code", "build", "hidden"} else f"# {name}\n")
    paths["environment"] = root / "environment.pickle"
    paths["environment"].write_bytes(b"saved")
    past = time.time() - 100
    for path in paths.values():
        os.utime(path, (past, past))
    os.utime(paths["environment"], (past + 50, past + 50))
    return paths


def _will(root: Path, paths: dict[str, Path], environment: Path | None = None) -> bool:
    return warm_kernels.will_execute(root / "book", environment if environment is not None else paths["environment"],
                                     package=root / "package", data=root / "data")


def test_a_build_surely_executes_when_code_or_what_it_runs_changed(tmp_path: Path) -> None:
    paths = _tree(tmp_path)
    assert not _will(tmp_path, paths)  # nothing changed since the last build
    for name in ("text", "build", "hidden"):  # a text page, a copy in _build, a checkpoint: nothing runs again
        os.utime(paths[name])
    assert not _will(tmp_path, paths)
    for name in ("code", "model", "table"):
        past = paths["environment"].stat().st_mtime - 10
        for other in ("code", "model", "table"):
            os.utime(paths[other], (past, past))
        os.utime(paths[name])
        assert _will(tmp_path, paths), name
    assert warm_kernels.will_execute(tmp_path / "book", None, tmp_path / "package", tmp_path / "data")  # --all
    assert _will(tmp_path, paths, tmp_path / "no-environment-yet")  # a first build
    paths["code"].write_text("# No code any more\n")
    paths["build"].unlink()
    paths["hidden"].unlink()
    assert not warm_kernels.will_execute(tmp_path / "book", None, tmp_path / "package", tmp_path / "data")


def test_the_build_command_starts_the_server_early_for_its_own_book(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Path, Path | None]] = []
    monkeypatch.setattr(warm_kernels, "start_early", lambda root, environment: calls.append((root, environment)))
    monkeypatch.setenv("MIGBOOK_MODE", "live")  # set back after the test: the build sets it to static
    build.start_kernels_early(["-c", "build", "/book", "--path-output", "/out", "--warningiserror"])
    build.start_kernels_early(["-c", "build", "/book", "--path-output", "/out", "--all"])
    build.start_kernels_early(["-c", "build", "/book"])
    build.start_kernels_early(["-c", "clean", "/book"])
    assert calls == [(Path("/book"), Path("/out/_build/.doctrees/environment.pickle")), (Path("/book"), None),
                     (Path("/book"), Path("/book/_build/.doctrees/environment.pickle"))]
    assert os.environ["MIGBOOK_MODE"] == "static"  # the server imports as the build's kernels run: static twins


PAGE = notebook_page("One page", """\
import os
from pathlib import Path
# Which process launched the kernel (read the page), and the kernel's parent.
Path(os.environ["ONE_PAGE_KERNEL"]).write_text(f"{os.environ['JPY_PARENT_PID']} {os.getppid()}")""")


@pytest.mark.build
def test_a_one_page_rebuild_forks_its_kernel_from_the_server(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: one\nonly_build_toc_files: true\nexecute:\n"
                                          "  execute_notebooks: force\nsphinx:\n  extra_extensions:\n"
                                          "    - migbook.sphinxext\n")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: page\n")
    (tmp_path / "index.md").write_text("# Index\n")
    page = tmp_path / "page.md"
    page.write_text(PAGE)
    record = tmp_path / "kernel"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ONE_PAGE_KERNEL": str(record), warm_kernels.SWITCH: "1"}
    for _ in ("clean", "rebuild"):
        record.unlink(missing_ok=True)
        os.utime(page)
        result = subprocess.run(build_command(tmp_path / "out", root=tmp_path, jobs=1), cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        reader, parent = record.read_text().split()
        assert reader != parent  # forked by the server, not started by the process that read the page

