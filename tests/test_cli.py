"""The migbook command: one clear line on error, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from migbook import cli, lessons


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "migbook.cli", *args], capture_output=True, text=True)


def test_unknown_lesson_is_one_line() -> None:
    result = run("lesson", "no-such-lesson")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("migbook: error: no lesson named 'no-such-lesson'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_serve_without_a_build_is_one_line(tmp_path: pytest.TempPathFactory) -> None:
    result = run("serve", "--dir", str(tmp_path))
    assert result.returncode == 1
    assert "no built book" in result.stderr and "Traceback" not in result.stderr


def test_lesson_list(capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["lesson", "--list"]) == 0
    assert capsys.readouterr().out.split() == lessons.names()
    assert "01-stock-and-flow" in lessons.names()


def test_lesson_notebook_is_a_valid_voila_notebook(tmp_path: pytest.TempPathFactory) -> None:
    import nbformat

    path = lessons.notebook("01-stock-and-flow", out_dir=tmp_path)
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert any("explorers.stock_flow()" in c.source for c in code)
    command = lessons.voila_command(path, 8999)
    assert "--Voila.ip=127.0.0.1" in command and "--template=migbook" in command


def test_voila_template_drops_cdn_links() -> None:
    template = (lessons.TEMPLATE_PATH / "voila" / "templates" / "migbook" / "index.html.j2").read_text()
    assert "extends 'lab/index.html.j2'" in template
    assert "fontawesome" in template  # the links it removes are named, so a change upstream shows up here
