"""The ``migbook`` command: build and serve the book, open a lesson, derive the data, start a new page or model.

Errors print as one line (``migbook: error: ...``) and exit with status 1 (2 for a mistyped command line).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from migbook.errors import MigbookError


def _build(args: argparse.Namespace) -> int:
    from migbook.build import build_book

    out = build_book(output=args.output, all_pages=args.all)
    print(f"built the book: {out / 'index.html'}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from migbook.build import serve_book

    serve_book(directory=args.dir, port=args.port)
    return 0


def _lesson(args: argparse.Namespace) -> int:
    from migbook.lessons import names, run_lesson

    if args.list or not args.name:
        print("\n".join(names()))
        return 0
    return run_lesson(args.name, port=args.port)


def _classroom(args: argparse.Namespace) -> int:
    from migbook.classroom import run_classroom

    return run_classroom(port=args.port, students=args.students, ip=args.ip, today=args.today or (),
                         max_kernels=args.max_kernels, book_dir=args.book)


def _derive(args: argparse.Namespace) -> int:
    from migbook.derive import derive_all

    for path in derive_all(sources=args.sources) if args.sources else derive_all():
        print(f"wrote {path}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from migbook import scaffold
    from migbook.paths import ROOT

    root = args.root or ROOT
    if args.kind != "chapter" and args.part is not None:
        raise MigbookError("--part applies to chapters only")
    if args.kind == "model" and (args.title is not None or args.model is not None):
        raise MigbookError("--title and --model apply to chapters and lessons only")
    if args.kind == "chapter":
        paths = scaffold.new_chapter(args.name, root=root, part=args.part, title=args.title, model=args.model)
    elif args.kind == "lesson":
        paths = scaffold.new_lesson(args.name, root=root, title=args.title, model=args.model)
    else:
        paths = scaffold.new_model(args.name, root=root)
    for path in paths:
        print(f"wrote {path}")
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors as one line too (exit status 2, as argparse gives)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"migbook: error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="migbook", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build the book into _build/html (offline)")
    b.add_argument("--output", default=None, help="build folder (default: _build in the repository)")
    b.add_argument("--all", action="store_true", help="rebuild every page, not only changed ones")
    b.set_defaults(run=_build)

    s = sub.add_parser("serve", help="serve the built book on 127.0.0.1 and print its URL")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    s.add_argument("--dir", default=None, help="built HTML folder (default: _build/html)")
    s.set_defaults(run=_serve)

    le = sub.add_parser("lesson", help="start Voila on one lesson on 127.0.0.1")
    le.add_argument("name", nargs="?", help="lesson name, e.g. 01-stock-and-flow")
    le.add_argument("--list", action="store_true", help="list the lessons and exit")
    le.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    le.set_defaults(run=_lesson)

    c = sub.add_parser("classroom", help="serve the built book and every lesson live, for a class")
    c.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    c.add_argument("--students", type=int, default=30, help="students in the class (default 30): sizes the "
                                                             "pools of warm kernels and the cap")
    c.add_argument("--today", action="append", metavar="LESSON", help="a lesson the class opens today: it "
                   "keeps a warm kernel for every student (repeatable; default: the class shared over all)")
    c.add_argument("--max-kernels", type=int, default=None, help="students' kernels allowed at once "
                   "(default: students plus a third, at least 5 more); beyond it a 'class is full' page")
    c.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1; another "
                   "address opens it to a lab network, with no login: a warning says so)")
    c.add_argument("--book", default=None, help="built HTML folder (default: _build/html)")
    c.set_defaults(run=_classroom)

    d = sub.add_parser("derive", help="derive data/ tables from the raw sources")
    d.add_argument("--sources", type=__import__("pathlib").Path, default=None,
                   help="raw data folder (default: ../shared/data-sources)")
    d.set_defaults(run=_derive)

    n = sub.add_parser("new", help="start a chapter, lesson or model from a skeleton and register it")
    n.add_argument("kind", choices=("chapter", "lesson", "model"), help="what to start")
    n.add_argument("name", help="NN-name for a chapter or lesson (05-regional-cases), an identifier for a model")
    n.add_argument("--part", default=None, help="chapter: the part to list it in (a new caption makes a new part)")
    n.add_argument("--title", default=None, help="chapter or lesson: its title (default: from the name)")
    n.add_argument("--model", default=None, help="chapter or lesson: the catalogued explorer to show "
                                                 "(default: a placeholder to replace)")
    n.add_argument("--root", type=__import__("pathlib").Path, default=None,
                   help="repository to write into (default: this one)")
    n.set_defaults(run=_new)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except MigbookError as err:
        print(f"migbook: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
