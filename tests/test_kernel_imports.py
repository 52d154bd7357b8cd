"""A live lesson's kernel leaves out what it never uses, and Altair still validates and draws its charts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext

from migbook import lessons
from migbook.kernel_imports import UNUSED

KERNEL = f"""
import sys
exec({lessons.GUARD_SOURCE!r})
import altair as alt
from migbook import explorers
chart = alt.Chart(alt.Data(values=[{{"x": 1, "y": 2}}])).mark_line().encode(x="x:Q", y="y:Q")
assert chart.to_dict(validate=True)["mark"]["type"] == "line"
try:
    alt.Chart(alt.Data(values=[])).mark_line().encode(x="x:Q").properties(width="wide").to_dict(validate=True)
except Exception:
    pass
else:
    raise AssertionError("Altair no longer validates")
print(sorted(name for name in {UNUSED!r} if sys.modules.get(name) is not None))
"""


def test_a_lessons_first_cell_keeps_unused_modules_out_and_altair_validates() -> None:
    result = subprocess.run([sys.executable, "-c", KERNEL], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "[]", "an unused module was imported"


def test_without_the_first_cell_jsonschema_would_import_them() -> None:
    """The skip is not a no-op: jsonschema, imported by Altair, does load these modules when nothing stops it."""
    code = f"import sys, altair; print(sorted(n for n in {UNUSED!r} if sys.modules.get(n) is not None))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == repr(sorted(UNUSED))


def _unused_after(code: str, **env: str) -> str:
    import os

    result = subprocess.run([sys.executable, "-c", f"import sys\n{code}\n"
                             f"print(sorted(n for n in {UNUSED!r} if sys.modules.get(n) is not None))"],
                            capture_output=True, text=True, timeout=600, env={**os.environ, **env})
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def test_a_book_pages_kernel_leaves_them_out_and_other_kernels_do_not() -> None:
    """The book's build marks its kernels static (MIGBOOK_MODE): importing migbook there skips the unused
    modules, so each page's kernel starts faster; an instructor's own kernel, without the mark, is untouched."""
    page = "from migbook import explorers\nimport altair"
    assert _unused_after(page, MIGBOOK_MODE="static") == "[]"
    assert _unused_after(page, MIGBOOK_MODE="live") == repr(sorted(UNUSED))


FRAGMENTED = """
import sys
import psutil
from migbook.kernel_imports import release_freed_memory
blocks, keep = [], []
for i in range(2_000):  # about 120 MB of heap, each block followed by a small one that stays (no shrinking by itself)
    blocks.append(bytearray(60_000))
    keep.append(bytearray(1_000))
del blocks
before = psutil.Process().memory_info().rss
if sys.argv[1] == "release":
    release_freed_memory()
print((before - psutil.Process().memory_info().rss) // 2**20)
"""


def test_a_lessons_last_cell_returns_freed_memory_to_the_system() -> None:
    """What a warm kernel freed while the lesson ran goes back to the system: RSS falls (glibc keeps it otherwise)."""
    released = {}
    for how in ("release", "keep"):
        result = subprocess.run([sys.executable, "-c", FRAGMENTED, how], capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-3000:]
        released[how] = int(result.stdout.strip())
    assert released["release"] >= 60 and released["keep"] < 10, released


def test_the_release_is_the_last_cell_of_every_live_lesson(tmp_path: Path) -> None:
    for name in lessons.names():
        cells = jupytext.read(lessons.notebook(name, out_dir=tmp_path)).cells
        assert cells[-1].source == lessons.RELEASE_SOURCE and "remove-cell" in cells[-1].metadata["tags"]


FROZEN = """
import gc
import sys
from migbook import lessons
lesson = [{"row": i, "values": [i, i + 1]} for i in range(100_000)]  # the set-up's objects: 200,000 tracked
if sys.argv[1] == "last-cell":
    exec(lessons.RELEASE_SOURCE)
print(gc.get_freeze_count())
"""


def test_a_lessons_last_cell_leaves_its_objects_out_of_collection() -> None:
    """The lesson's objects are frozen (``gc.freeze``): its exit, when the student leaves, does not collect them."""
    counts = {}
    for mode in ("last-cell", "none"):
        result = subprocess.run([sys.executable, "-c", FROZEN, mode], capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-3000:]
        counts[mode] = int(result.stdout.strip().splitlines()[-1])
    assert counts["none"] == 0
    assert counts["last-cell"] >= 200_000
