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


# --- every error path: one line on stderr, no traceback, the documented exit status -----------------------------

def one_line_error(result: subprocess.CompletedProcess | tuple[int, str], status: int, says: str) -> None:
    code, err = (result.returncode, result.stderr) if isinstance(result, subprocess.CompletedProcess) else result
    lines = err.strip().splitlines()
    assert code == status, (code, err)
    assert len(lines) == 1, f"not one line: {err!r}"
    assert lines[0].startswith("migbook: error: ") and says in lines[0], lines[0]
    assert "Traceback" not in err


def in_process(argv: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exit_:  # argparse's usage errors
        code = exit_.code
    return code, capsys.readouterr().err


@pytest.fixture
def built(tmp_path: pytest.TempPathFactory) -> str:
    (tmp_path / "index.html").write_text("<p>book</p>")
    return str(tmp_path)


@pytest.mark.parametrize("port", ["99999", "65536", "-1"])
def test_serve_on_an_impossible_port_is_one_line(port: str, built: str) -> None:
    one_line_error(run("serve", "--dir", built, "--port", port), 1, f"port must be a whole number from 0 to 65535, "
                                                                   f"got {int(port)}")


def test_serve_on_a_busy_port_is_one_line(built: str, capsys: pytest.CaptureFixture) -> None:
    from migbook.build import make_server

    with make_server(built, port=0) as busy:
        port = busy.server_address[1]
        one_line_error(in_process(["serve", "--dir", built, "--port", str(port)], capsys), 1,
                       f"cannot serve on 127.0.0.1:{port}")


def test_serve_without_a_build_states_the_fix(tmp_path: pytest.TempPathFactory) -> None:
    one_line_error(run("serve", "--dir", str(tmp_path)), 1, "run `migbook build` first")


def test_a_failed_build_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                                    tmp_path: pytest.TempPathFactory) -> None:
    from migbook import build

    calls = []
    monkeypatch.setattr(build.subprocess, "run",
                        lambda command, **kw: calls.append(command) or subprocess.CompletedProcess(command, 1))
    one_line_error(in_process(["build", "--output", str(tmp_path)], capsys), 1, "the book did not build cleanly")
    assert calls and "--warningiserror" in calls[0] and str(tmp_path) in calls[0]


def test_a_good_build_prints_where_it_is(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                                         tmp_path: pytest.TempPathFactory) -> None:
    from migbook import build

    calls = []
    monkeypatch.setattr(build.subprocess, "run",
                        lambda command, **kw: calls.append(command) or subprocess.CompletedProcess(command, 0))
    assert cli.main(["build", "--output", str(tmp_path), "--all"]) == 0
    assert calls[0][-1] == "--all"
    assert capsys.readouterr().out.strip() == f"built the book: {tmp_path / '_build' / 'html' / 'index.html'}"


def test_derive_without_sources_is_one_line(tmp_path: pytest.TempPathFactory) -> None:
    one_line_error(run("derive", "--sources", str(tmp_path / "nowhere")), 1, "raw data sources not found")


@pytest.mark.parametrize("port", ["99999", "-5"])
def test_lesson_on_an_impossible_port_is_one_line(port: str) -> None:
    one_line_error(run("lesson", "01-stock-and-flow", "--port", port), 1, "port must be a whole number")


def test_unknown_lesson_names_the_real_ones() -> None:
    one_line_error(run("lesson", "no-such-lesson"), 1, "the lessons are: 01-stock-and-flow")


@pytest.mark.parametrize(("argv", "says"), [
    (["new", "lesson", "05-x", "--part", "Cases"], "--part applies to chapters only"),
    (["new", "model", "thing", "--title", "A thing"], "--title and --model apply to chapters and lessons only"),
    (["new", "model", "thing", "--model", "win_sets"], "--title and --model apply to chapters and lessons only"),
])
def test_new_with_options_that_do_not_apply_is_one_line(argv: list[str], says: str,
                                                         capsys: pytest.CaptureFixture) -> None:
    one_line_error(in_process(argv, capsys), 1, says)


@pytest.mark.parametrize(("argv", "says"), [
    ([], "the following arguments are required: COMMAND"),
    (["frob"], "invalid choice: 'frob'"),
    (["serve", "--port", "eighty"], "argument --port: invalid int value: 'eighty'"),
    (["lesson", "--port", "x"], "argument --port: invalid int value: 'x'"),
    (["new", "essay", "x"], "invalid choice: 'essay'"),
    (["build", "--colour"], "unrecognized arguments: --colour"),
])
def test_command_line_mistakes_are_one_line_with_status_2(argv: list[str], says: str) -> None:
    one_line_error(run(*argv), 2, says)


def test_check_port_accepts_exactly_the_tcp_range() -> None:
    from migbook.build import MAX_PORT, check_port
    from migbook.errors import MigbookError

    assert MAX_PORT == 65535
    assert [check_port(p) for p in (0, 1, 8000, 65535)] == [0, 1, 8000, 65535]
    for bad in (-1, 65536, 99999, True, 80.0, "80"):
        with pytest.raises(MigbookError, match="port must be a whole number from 0 to 65535"):
            check_port(bad)


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_derive", interrupted)
    assert cli.main(["derive"]) == 130


def test_voila_keeps_culling_and_hides_tracebacks(tmp_path: pytest.TempPathFactory) -> None:
    command = lessons.voila_command(tmp_path / "x.ipynb", 8999)
    assert f"--MappingKernelManager.cull_idle_timeout={lessons.CULL_IDLE_S}" in command and lessons.CULL_IDLE_S > 0
    assert "--MappingKernelManager.cull_interval=60" in command
    assert "--VoilaConfiguration.show_tracebacks=False" in command
    assert f"--VoilaExecutor.timeout={lessons.CELL_TIMEOUT_S}" in command and lessons.CELL_TIMEOUT_S > 0
    assert "--port=8999" in command and "--no-browser" in command
