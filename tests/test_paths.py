"""Everything outside the repository is found through one setting, MIGBOOK_SHARED."""

from __future__ import annotations

from pathlib import Path

import pytest

from migbook import paths


def test_shared_folder_defaults_to_the_repositorys_sibling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.SHARED_VARIABLE, raising=False)
    assert paths.shared_dir() == paths.ROOT.parent / "shared"
    assert paths.seeds_dir() == paths.ROOT.parent / "shared" / "seeds"


def test_shared_folder_can_be_moved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.SHARED_VARIABLE, str(tmp_path))
    assert paths.data_sources_dir() == tmp_path / "data-sources"
    assert paths.seeds_dir() == tmp_path / "seeds"
    assert paths.overlap_tool() == tmp_path / "tools" / "check-overlap"


def test_nothing_else_names_the_shared_folder() -> None:
    """The path to ../shared is spelled in paths.py alone."""
    offenders = [str(p.relative_to(paths.ROOT)) for folder in ("migbook", "tests", "benchmarks")
                 for p in (paths.ROOT / folder).rglob("*.py")
                 if p.name not in {"paths.py", "test_paths.py"} and '"shared"' in p.read_text()]
    assert not offenders, offenders
