"""Where the project's files are: the repository root, its data and its book."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
BUILD_DIR = ROOT / "_build"
LESSONS_DIR = ROOT / "book" / "lessons"
