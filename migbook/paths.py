"""Where the project's files are: the repository, its data and book, and the shared folder beside it.

Everything outside the repository lives under one folder, ``../shared`` by
default (the raw datasets, the source texts and the overlap checker); set
``MIGBOOK_SHARED`` to point elsewhere.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
BUILD_DIR = ROOT / "_build"
BOOK_DIR = ROOT / "book"
LESSONS_DIR = BOOK_DIR / "lessons"
CHAPTERS_DIR = BOOK_DIR / "chapters"

SHARED_VARIABLE = "MIGBOOK_SHARED"


def shared_dir() -> Path:
    """The shared folder outside the repository: ``$MIGBOOK_SHARED``, or ``../shared``."""
    return Path(os.environ.get(SHARED_VARIABLE) or ROOT.parent / "shared")


def data_sources_dir() -> Path:
    """The raw public datasets the tables in ``data/`` are derived from."""
    return shared_dir() / "data-sources"


def seeds_dir() -> Path:
    """The source texts the book is written from."""
    return shared_dir() / "seeds"


def overlap_tool() -> Path:
    """The command that lists 10-word runs the book repeats from the source texts."""
    return shared_dir() / "tools" / "check-overlap"
